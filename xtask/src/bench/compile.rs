//! `cargo xtask bench --compile [--rounds N]`: how long the generated crates take to compile,
//! against autorust's `azure_mgmt_iothub` 0.21.0 for the same service.
//!
//! Every timing is one `cargo build` or `cargo check` of one crate alone: its dependencies are
//! built first (a warm-up build and check of every crate), then before each timed command
//! `cargo clean -p CRATE` removes that crate's artifacts only. Everything builds with the dev
//! profile and `CARGO_INCREMENTAL=0`, as a crate is built when it is someone's dependency (cargo
//! never builds a registry or git dependency incrementally), into the workspace's `target/`.
//!
//! Machines are shared and noisy, so the crates are timed in rounds: each round times every
//! crate once, in an order reversed every other round, so that a slow stretch of the machine
//! falls on all of them alike; the report gives medians with their min and max. Both the wall
//! time and the CPU time (user + system, of cargo and the rustc it runs) are measured: the wall
//! time is what a user waits, the CPU time moves less when other processes share the cores.
//!
//! What is compared:
//! - autorust's crate, in a scratch cargo project under `target/bench/autorust` (its own
//!   `Cargo.lock`; nothing of it is committed), with only the `package-preview-2023-06` feature,
//!   one api-version, the newest of its IoT Hub packages;
//! - the product crate, `generated/`, built in this workspace.
//!
//! And, for every vendored spec, how the cost grows with the spec: each spec is generated with
//! the real codegen path under `target/bench/specs` (the product's crate is `generated/` itself),
//! with two reduced variants made from the same IR: the models alone (no client methods), and,
//! once, the support code alone (no models, no methods). The differences give the time per
//! model, `(models − support) / models`, and per operation, `(full − models) / methods`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use generator::ir::{Api, TypeKind};

use crate::codegen::{self, Target};
use crate::manifest::Manifest;
use crate::paths;

/// The goal of issue 13: the generated crate compiles in at most this fraction of autorust's
/// time, for `cargo build` and for `cargo check`.
const GOAL_RATIO: f64 = 0.7;

/// autorust's crate for the same service, and the one feature (api-version) compared.
const AUTORUST_CRATE: &str = "azure_mgmt_iothub";
const AUTORUST_VERSION: &str = "0.21.0";
const AUTORUST_FEATURE: &str = "package-preview-2023-06";

/// Rounds when `--rounds` is not given.
pub const DEFAULT_ROUNDS: usize = 5;

/// `cargo build` or `cargo check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    Build,
    Check,
}

impl Mode {
    fn command(self) -> &'static str {
        match self {
            Mode::Build => "build",
            Mode::Check => "check",
        }
    }
}

/// A crate to time: the cargo package, and the folder cargo runs in (its workspace).
#[derive(Debug, Clone)]
struct Crate {
    package: String,
    dir: PathBuf,
}

/// One timed command: wall time and CPU time.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall: f64,
    cpu: Option<f64>,
}

/// The median, min and max of some samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The median (the mean of the two middle samples for an even count).
    pub median: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
}

impl Spread {
    /// The spread of `samples`; `None` when there are none (or one is not a number).
    pub fn of(samples: &[f64]) -> Option<Spread> {
        if samples.is_empty() || samples.iter().any(|s| s.is_nan()) {
            return None;
        }
        let mut sorted = samples.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
        Some(Spread { median, min: sorted[0], max: sorted[n - 1] })
    }
}

/// The ratio of two medians, and the spread of the per-round ratios (`ours[i] / theirs[i]`,
/// the same round's timings, so a slow stretch of the machine cancels out).
pub fn ratio(ours: &[f64], theirs: &[f64]) -> Option<(f64, Spread)> {
    let (o, t) = (Spread::of(ours)?, Spread::of(theirs)?);
    if t.median <= 0.0 || ours.len() != theirs.len() || theirs.contains(&0.0) {
        return None;
    }
    let per_round: Vec<f64> = ours.iter().zip(theirs).map(|(o, t)| o / t).collect();
    Some((o.median / t.median, Spread::of(&per_round)?))
}

/// What one generated crate is made of.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    /// Lines of `src/` (what `cargo build` compiles).
    lines: usize,
    /// Items of `src/`, counted by syn: every item but `use`, and every item of an impl or trait.
    items: usize,
    /// Structs and enums of the IR (aliases not counted).
    models: usize,
    /// Methods of the client model (operations emitted).
    methods: usize,
}

/// A spec of the manifest, the crates it is timed through.
struct SpecCrates {
    label: String,
    size: Size,
    full: Crate,
    models: Crate,
}

/// `cargo xtask bench --compile`.
pub fn run(root: &Path, rounds: usize) -> Result<()> {
    let started = Instant::now();
    let manifest = Manifest::read(&root.join("specs"))?;
    let product = Target::product(root)?;
    let target_dir = root.join("target");
    let bench_dir = target_dir.join("bench");

    let autorust = prepare_autorust(&bench_dir.join("autorust"))?;
    let autorust_lines = autorust_lines(&autorust.dir, &target_dir)?;
    let generated = Crate { package: product.options.crate_name.clone(), dir: root.to_path_buf() };

    let (specs, support) = prepare_specs(root, &manifest, &product, &bench_dir.join("specs"), &generated)?;

    let mut crates: Vec<&Crate> = vec![&autorust, &generated, &support];
    for spec in &specs {
        for c in [&spec.full, &spec.models] {
            if !crates.iter().any(|k| k.package == c.package) {
                crates.push(c);
            }
        }
    }
    println!(
        "bench --compile: {} crates, {rounds} round(s); dev profile, CARGO_INCREMENTAL=0, dependencies built; \
         each timing is `cargo build|check -p CRATE` right after `cargo clean -p CRATE`",
        crates.len()
    );
    println!("warming up: building and checking every crate once, so that only the crate itself is timed");
    for c in &crates {
        for mode in [Mode::Build, Mode::Check] {
            cargo_timed(&target_dir, c, mode).with_context(|| format!("warming up {}", c.package))?;
        }
    }

    let mut timings: BTreeMap<(String, Mode), Vec<Timing>> = BTreeMap::new();
    let mut jobs: Vec<(&Crate, Mode)> =
        crates.iter().flat_map(|c| [(*c, Mode::Build), (*c, Mode::Check)]).collect();
    for round in 0..rounds {
        let round_started = Instant::now();
        for (c, mode) in &jobs {
            cargo(&c.dir, &target_dir, &["clean", "--quiet", "-p", &c.package])?;
            let timing = cargo_timed(&target_dir, c, *mode)?;
            timings.entry((c.package.clone(), *mode)).or_default().push(timing);
        }
        println!("  round {}/{rounds}: {:.0} s", round + 1, round_started.elapsed().as_secs_f64());
        jobs.reverse();
    }

    let wall = |c: &Crate, mode: Mode| -> Vec<f64> {
        timings.get(&(c.package.clone(), mode)).map(|t| t.iter().map(|t| t.wall).collect()).unwrap_or_default()
    };
    let cpu = |c: &Crate, mode: Mode| -> Option<Vec<f64>> {
        timings.get(&(c.package.clone(), mode))?.iter().map(|t| t.cpu).collect()
    };

    println!("\ngenerated vs autorust ({rounds} rounds; median (min–max) of wall time, then of CPU time):");
    println!(
        "  autorust  {AUTORUST_CRATE} {AUTORUST_VERSION} (feature {AUTORUST_FEATURE}): {} lines",
        autorust_lines
    );
    println!("  generated {} (generated/): {} lines, {} items", generated.package, specs[0].size.lines, specs[0].size.items);
    for mode in [Mode::Build, Mode::Check] {
        println!("  cargo {}", mode.command());
        for (who, c) in [("autorust ", &autorust), ("generated", &generated)] {
            println!(
                "    {who}  wall {}   cpu {}",
                spread_text(Spread::of(&wall(c, mode))),
                spread_text(cpu(c, mode).and_then(|s| Spread::of(&s)))
            );
        }
        let wall_ratio = ratio(&wall(&generated, mode), &wall(&autorust, mode));
        let cpu_ratio = match (cpu(&generated, mode), cpu(&autorust, mode)) {
            (Some(g), Some(a)) => ratio(&g, &a),
            _ => None,
        };
        let met = |ratio: Option<(f64, Spread)>| match ratio {
            Some((r, _)) if r <= GOAL_RATIO => "met",
            Some(_) => "NOT met",
            None => "unknown",
        };
        println!("    ratio generated/autorust: wall {}   cpu {}", ratio_text(wall_ratio), ratio_text(cpu_ratio));
        println!("    goal ≤ {GOAL_RATIO}: wall {}, cpu {}", met(wall_ratio), met(cpu_ratio));
    }

    // CPU time where it is measured: it moves less than the wall time when others share the
    // machine, and the differences below are small.
    let has_cpu = timings.values().flatten().all(|t| t.cpu.is_some());
    let median = |c: &Crate, mode: Mode| {
        let samples = if has_cpu { cpu(c, mode).unwrap_or_default() } else { wall(c, mode) };
        Spread::of(&samples).map(|s| s.median)
    };
    println!(
        "\nper spec (medians of {} time, s; a model is a struct or enum, an operation a client method;\n\
         per model = (models alone − support code alone) / models, per operation = (full − models alone) / methods):",
        if has_cpu { "CPU" } else { "wall" }
    );
    let support_build = median(&support, Mode::Build);
    let support_check = median(&support, Mode::Check);
    println!(
        "  support code alone (no models, no methods): build {}, check {}",
        secs_text(support_build),
        secs_text(support_check)
    );
    println!(
        "  {:<28} {:>6} {:>6} {:>6} {:>7}  {:>15}  {:>15}  {:>17}  {:>17}",
        "spec",
        "lines",
        "items",
        "models",
        "methods",
        "build full/mod.",
        "check full/mod.",
        "per model b/c",
        "per operation b/c"
    );
    for spec in &specs {
        let (full_b, full_c) = (median(&spec.full, Mode::Build), median(&spec.full, Mode::Check));
        let (mod_b, mod_c) = (median(&spec.models, Mode::Build), median(&spec.models, Mode::Check));
        let per = |hi: Option<f64>, lo: Option<f64>, n: usize| match (hi, lo) {
            (Some(hi), Some(lo)) if n > 0 => format!("{:.1}", (hi - lo) * 1000.0 / n as f64),
            _ => "-".to_string(),
        };
        println!(
            "  {:<28} {:>6} {:>6} {:>6} {:>7}  {:>15}  {:>15}  {:>17}  {:>17}",
            spec.label,
            spec.size.lines,
            spec.size.items,
            spec.size.models,
            spec.size.methods,
            format!("{}/{}", secs_text(full_b), secs_text(mod_b)),
            format!("{}/{}", secs_text(full_c), secs_text(mod_c)),
            format!(
                "{}/{} ms",
                per(mod_b, support_build, spec.size.models),
                per(mod_c, support_check, spec.size.models)
            ),
            format!("{}/{} ms", per(full_b, mod_b, spec.size.methods), per(full_c, mod_c, spec.size.methods)),
        );
    }
    println!("\nbench --compile took {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Writes the scratch project that depends on autorust's crate (only when its files change, so
/// cargo keeps what it built), and resolves it: its `Cargo.lock` is its own.
fn prepare_autorust(dir: &Path) -> Result<Crate> {
    let manifest = format!(
        "# Written by `cargo xtask bench --compile`: autorust's crate for the same service, to compare\n\
         # build times with. A scratch project; nothing of it is committed.\n\
         [package]\nname = \"autorust_bench\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{AUTORUST_CRATE} = {{ version = \"={AUTORUST_VERSION}\", default-features = false, features = [\"{AUTORUST_FEATURE}\"] }}\n\n\
         [workspace]\n"
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(&dir.join("src").join("lib.rs"), "//! Empty: only the dependency is built.\n")?;
    Ok(Crate { package: AUTORUST_CRATE.to_string(), dir: dir.to_path_buf() })
}

/// The lines autorust's crate compiles with the one feature: its `lib.rs` and the feature's module.
fn autorust_lines(dir: &Path, target_dir: &Path) -> Result<usize> {
    let output = Command::new(cargo_bin())
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .args(["metadata", "--format-version", "1"])
        .output()
        .context("running cargo metadata for the autorust project")?;
    if !output.status.success() {
        bail!("cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).context("reading cargo metadata")?;
    let manifest_path = metadata["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == AUTORUST_CRATE))
        .and_then(|p| p["manifest_path"].as_str())
        .with_context(|| format!("{AUTORUST_CRATE} is not in the autorust project's metadata"))?;
    let src = Path::new(manifest_path).parent().context("manifest path has no parent")?.join("src");
    let module = src.join(AUTORUST_FEATURE.replace('-', "_"));
    let mut lines = count_lines(&std::fs::read_to_string(src.join("lib.rs")).context("reading autorust's lib.rs")?);
    for file in rust_files(&module)? {
        lines += count_lines(&std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?);
    }
    Ok(lines)
}

/// Generates the crates timed per spec under `dir` (one workspace): for every vendored spec its
/// full crate (the real codegen path; the product's is `generated/` itself) and its models
/// alone, and once the support code alone. Returns the specs, product first, and the
/// support-only crate.
fn prepare_specs(
    root: &Path,
    manifest: &Manifest,
    product: &Target,
    dir: &Path,
    generated: &Crate,
) -> Result<(Vec<SpecCrates>, Crate)> {
    let mut members = Vec::new();
    let mut specs = Vec::new();
    let mut entries: Vec<_> = manifest.spec.iter().collect();
    entries.sort_by_key(|s| s.path != manifest.product.spec);
    let mut support = None;
    for entry in entries {
        let is_product = entry.path == manifest.product.spec;
        let name = crate::test::generality_crate_name(&entry.path, &entry.api_version);
        let spec = root.join("specs").join(&entry.path);
        let api = generator::model(&spec).map_err(|e| anyhow::anyhow!("{e}"))?;
        let full = if is_product {
            generated.clone()
        } else {
            let out = dir.join(&name);
            let target = codegen::custom_target(root, &spec, out.clone(), name.clone());
            codegen::apply(&out, &codegen::plan(&target)?)?;
            members.push(name.clone());
            Crate { package: name.clone(), dir: dir.to_path_buf() }
        };
        let full_dir = if is_product { product.out.clone() } else { dir.join(&name) };

        let models_name = format!("{name}_models");
        write_variant(root, dir, &models_name, &models_only(&api))?;
        members.push(models_name.clone());
        if support.is_none() {
            let support_name = "support_only".to_string();
            write_variant(root, dir, &support_name, &support_only(&api))?;
            members.push(support_name.clone());
            support = Some(Crate { package: support_name, dir: dir.to_path_buf() });
        }

        let (lines, items) = measure_src(&full_dir.join("src"))?;
        let models = api.types.values().filter(|t| matches!(t.kind, TypeKind::Object(_) | TypeKind::Enum(_))).count();
        let methods = api.clients.clients.iter().map(|c| c.methods.len()).sum();
        let label = format!(
            "{} {}{}",
            Path::new(&entry.path).file_stem().and_then(|s| s.to_str()).unwrap_or("spec"),
            entry.api_version,
            if is_product { " (product)" } else { "" }
        );
        specs.push(SpecCrates {
            label,
            size: Size { lines, items, models, methods },
            full,
            models: Crate { package: models_name, dir: dir.to_path_buf() },
        });
    }
    let list = members.iter().map(|m| format!("\n    \"{m}\",")).collect::<String>();
    write_if_changed(&dir.join("Cargo.toml"), &format!("[workspace]\nresolver = \"2\"\nmembers = [{list}\n]\n"))?;
    // The workspace's lock, so the same dependency versions (already built) are used.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    Ok((specs, support.context("the manifest lists no spec")?))
}

/// A variant of a crate, made from `api` by the generator's own expand, written to `dir/name`.
fn write_variant(root: &Path, dir: &Path, name: &str, api: &Api) -> Result<()> {
    let options = generator::Options::new(name, "cargo xtask bench --compile (a reduced variant, to time)");
    let files = generator::expand::expand_crate(api, &options).map_err(|e| anyhow::anyhow!("{e}"))?;
    let out = dir.join(name);
    codegen::apply(&out, &codegen::compare(&out, &files)?)
        .with_context(|| format!("writing {}", paths::relative_to(&out, root).unwrap_or_default()))
}

/// The IR with its models and no operations: every client method (and every sub-client) gone.
fn models_only(api: &Api) -> Api {
    let mut api = api.clone();
    api.operations.clear();
    api.clients.clients.retain(|c| c.group.is_none());
    for client in &mut api.clients.clients {
        client.methods.clear();
    }
    api.clients.refused.clear();
    api
}

/// The IR with neither models nor operations: what every crate carries whatever its spec.
fn support_only(api: &Api) -> Api {
    let mut api = models_only(api);
    api.types.clear();
    api
}

/// Lines and items of the Rust files under `src`.
fn measure_src(src: &Path) -> Result<(usize, usize)> {
    let (mut lines, mut items) = (0, 0);
    for file in rust_files(src)? {
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        lines += count_lines(&text);
        let parsed = syn::parse_file(&text).with_context(|| format!("parsing {}", file.display()))?;
        items += count_items(&parsed.items);
    }
    Ok((lines, items))
}

/// Items, recursively: every item but `use`, and the items inside modules, impls and traits.
fn count_items(items: &[syn::Item]) -> usize {
    items
        .iter()
        .map(|item| match item {
            syn::Item::Use(_) => 0,
            syn::Item::Mod(m) => 1 + m.content.as_ref().map_or(0, |(_, inner)| count_items(inner)),
            syn::Item::Impl(i) => 1 + i.items.len(),
            syn::Item::Trait(t) => 1 + t.items.len(),
            _ => 1,
        })
        .sum()
}

fn count_lines(text: &str) -> usize {
    text.lines().count()
}

/// The `.rs` files under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn write_if_changed(path: &Path, contents: &str) -> Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

fn cargo_bin() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// `cargo ARGS` in `dir`, into `target_dir`, without incremental compilation; an error when it fails.
fn cargo(dir: &Path, target_dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(cargo_bin())
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .args(args)
        .status()
        .with_context(|| format!("running cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed in {} ({status})", args.join(" "), dir.display());
    }
    Ok(())
}

/// Times `cargo build|check -p CRATE`.
fn cargo_timed(target_dir: &Path, c: &Crate, mode: Mode) -> Result<Timing> {
    let cpu_before = children_cpu();
    let start = Instant::now();
    cargo(&c.dir, target_dir, &[mode.command(), "--quiet", "-p", &c.package])?;
    let wall = start.elapsed();
    let cpu = match (cpu_before, children_cpu()) {
        (Some(before), Some(after)) => Some((after - before).as_secs_f64()),
        _ => None,
    };
    Ok(Timing { wall: wall.as_secs_f64(), cpu })
}

/// The user + system time of this process's waited-for children and their descendants, from
/// `/proc/self/stat` (Linux only; `None` elsewhere). cargo waits for each rustc it runs, so
/// after cargo exits its count includes theirs.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which is in parentheses and may hold spaces): the
    // third of the line is the first here, so cutime (16th) and cstime (17th) are the 14th and
    // 15th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let cutime: u64 = fields.get(13)?.parse().ok()?;
    let cstime: u64 = fields.get(14)?.parse().ok()?;
    // Clock ticks: USER_HZ, which Linux fixes at 100 for user space.
    Some(Duration::from_millis((cutime + cstime) * 10))
}

fn spread_text(spread: Option<Spread>) -> String {
    match spread {
        Some(s) => format!("{:>6.2} s ({:.2}–{:.2})", s.median, s.min, s.max),
        None => "-".to_string(),
    }
}

fn ratio_text(ratio: Option<(f64, Spread)>) -> String {
    match ratio {
        Some((r, rounds)) => format!("{r:.2} (per round {:.2}–{:.2})", rounds.min, rounds.max),
        None => "-".to_string(),
    }
}

fn secs_text(secs: Option<f64>) -> String {
    secs.map_or_else(|| "-".to_string(), |s| format!("{s:.2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        let s = Spread::of(&[3.0, 1.0, 2.0]).unwrap();
        assert_eq!((s.median, s.min, s.max), (2.0, 1.0, 3.0));
        let s = Spread::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!((s.median, s.min, s.max), (2.5, 1.0, 4.0));
        assert_eq!(Spread::of(&[]), None);
        assert_eq!(Spread::of(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn ratio_of_medians_and_per_round_ratios() {
        let ours = [2.0, 3.0, 2.5];
        let theirs = [4.0, 5.0, 10.0];
        let (r, rounds) = ratio(&ours, &theirs).unwrap();
        assert_eq!(r, 2.5 / 5.0);
        assert_eq!((rounds.min, rounds.median, rounds.max), (0.25, 0.5, 0.6));
        // Rounds must pair up, and a zero time cannot be divided by.
        assert!(ratio(&ours, &theirs[..2]).is_none());
        assert!(ratio(&ours, &[1.0, 0.0, 1.0]).is_none());
    }

    #[test]
    fn items_count_members_of_impls_and_modules_but_not_uses() {
        let file: syn::File = syn::parse_str(
            "use std::fmt; struct A; impl A { fn f() {} fn g() {} } mod m { enum E {} use super::A; }",
        )
        .unwrap();
        // struct, impl + 2 fns, mod + enum.
        assert_eq!(count_items(&file.items), 6);
    }
}
