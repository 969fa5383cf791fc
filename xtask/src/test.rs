//! `cargo xtask test`: everything CI runs, in order, stopping at the first failure.
//!
//! The cheap checks come first so a stale `generated/` fails in seconds, not after a build.
//! After the product crate's tests, lints and docs (with every feature, as docs.rs builds them),
//! `cargo package` builds it as crates.io would receive it.
//! The generality crates (every vendored spec other than the product's, generated under
//! `target/generality/`) are standalone crates, each with its own `[workspace]`; the crates of
//! the generator's fixture specs follow, as one more workspace. All of them build into the
//! workspace's own `target/` with its `Cargo.lock`, so the dependencies the product crate's
//! tests built are reused, not built again. The last step is `cargo xtask conformance`: the
//! crates of the AutoRest test server's specs driven against that server (see
//! [`crate::conformance`]).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::args::Args;
use crate::codegen::{self, Target};
use crate::manifest::Manifest;
use crate::paths;

/// `cargo xtask test`.
pub fn run(args: Args) -> Result<ExitCode> {
    args.finish()?;
    let root = crate::enter_workspace_root()?;
    let manifest = Manifest::read(&root.join("specs"))?;
    let product_crate = manifest.product.crate_name.clone();
    let started = Instant::now();
    let mut durations = Vec::new();

    let mut step = |name: String, action: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        println!("\n==> {name}");
        let t = Instant::now();
        let result = action();
        let took = t.elapsed();
        match &result {
            Ok(()) => println!("==> ok: {name} ({})", secs(took)),
            Err(e) => println!("==> FAILED: {name} ({}): {e:#}", secs(took)),
        }
        durations.push((name, took));
        result
    };

    let outcome = (|| -> Result<()> {
        step("cargo xtask codegen --check".into(), &mut || codegen_check(&root))?;
        step("cargo test --workspace".into(), &mut || cargo(&root, &["test", "--workspace"], &[]))?;
        step("cargo clippy --workspace --all-targets -- -D warnings".into(), &mut || {
            cargo(&root, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])
        })?;
        // With every feature, as docs.rs builds it (the crate's `[package.metadata.docs.rs]`).
        step(format!("RUSTDOCFLAGS=\"-D warnings\" cargo doc -p {product_crate} --no-deps --all-features"), &mut || {
            cargo(&root, &["doc", "-p", &product_crate, "--no-deps", "--all-features"], &[("RUSTDOCFLAGS", "-D warnings")])
        })?;
        // The crate as crates.io would receive it: cargo checks its metadata, packs it, and builds
        // the unpacked `.crate` on its own. `--allow-dirty`: generated/ may not be committed yet.
        step(format!("cargo package -p {product_crate} --allow-dirty"), &mut || {
            cargo(&root, &["package", "-p", &product_crate, "--allow-dirty"], &[])
        })?;
        for spec in manifest.spec.iter().filter(|s| s.path != manifest.product.spec) {
            let name = generality_crate_name(&spec.path, &spec.api_version);
            step(format!("generality: {} → target/generality/{name}", spec.path), &mut || {
                generality(&root, &spec.path, &name)
            })?;
        }
        step(format!("fixture crates: {} → target/generality/fixtures", FIXTURE_DIRS.join(", ")), &mut || {
            fixture_crates(&root)
        })?;
        step(format!("hostile and mutant crates: {HOSTILE_DIR}, {MUTANTS_COMPILED} mutants → target/generality/hostile"), &mut || {
            hostile_crates(&root)
        })?;
        step("conformance: the AutoRest test server's scenarios (cargo xtask conformance)".into(), &mut || {
            if crate::conformance::check(&root, &[])?.passed {
                Ok(())
            } else {
                bail!("scenarios were missed or driver tests failed (see the report above)")
            }
        })?;
        Ok(())
    })();

    println!("\nsteps:");
    for (name, took) in &durations {
        println!("  {:>8}  {name}", secs(*took));
    }
    println!("  {:>8}  total", secs(started.elapsed()));
    match outcome {
        Ok(()) => {
            println!("all checks passed");
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            let failed = durations.last().map(|(name, _)| name.as_str()).unwrap_or("setup");
            println!("FAILED at `{failed}`: {error:#}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `codegen --check` for the product crate, in-process.
fn codegen_check(root: &Path) -> Result<()> {
    let target = Target::product(root)?;
    let changes = codegen::plan(&target)?;
    if changes.is_empty() {
        return Ok(());
    }
    print!("{}", codegen::render_check("generated", &changes));
    bail!("generated/ is stale ({} file(s)); run `{}` and commit the result", changes.len(), codegen::PRODUCT_COMMAND)
}

/// Generates the spec at `spec` (relative to `specs/`) as crate `name` under
/// `target/generality/name`, lints it with `clippy -D warnings` (which also type-checks it),
/// builds its docs with `-D warnings` and runs its tests, doc-tests included.
fn generality(root: &Path, spec: &str, name: &str) -> Result<()> {
    let base = root.join("target").join("generality");
    let out = base.join(name);
    let target = codegen::custom_target(root, &root.join("specs").join(spec), out.clone(), name.to_string());
    let changes = codegen::plan(&target)?;
    codegen::apply(&out, &changes)?;
    make_standalone(&out)?;
    check_generated(root, &out)
}

/// Lints, documents and tests the generated crate (or workspace of them) in `dir`, with every
/// feature, against the workspace's `Cargo.lock` and in its `target/`, so the dependencies the
/// product crate's tests built are reused at the versions it is tested with (cargo drops the
/// entries it does not need).
fn check_generated(root: &Path, dir: &Path) -> Result<()> {
    // With every feature: the `fake` module and the `debug` feature's `Debug` of every field.
    lint_and_document(root, dir, &["--all-features"])?;
    // The tests too: unit tests, example tests (ignored where the example file is missing), the
    // fake and redaction tests, and the README's and the fakes' doc-tests, which clippy does not
    // compile.
    cargo(dir, &["test", "--all-features"], &[("CARGO_TARGET_DIR", target_dir(root)?.as_str())])
}

/// `clippy --lib -D warnings`, `clippy --all-targets -D warnings` and `RUSTDOCFLAGS="-D
/// warnings" cargo doc --no-deps` of the crate (or workspace of them) in `dir`, the last two with
/// `features` (cargo's feature flags), against the workspace's `Cargo.lock` and in its `target/`.
///
/// The library is linted alone first, with default features, because that is how a user's build
/// sees it: the crate's tests turn on its `all-serde` feature (every model both `Serialize` and
/// `Deserialize`), and so does `fake`, and `--all-targets` builds the library with them, which
/// would hide a model a method sends but the crate forgot to make `Serialize`.
fn lint_and_document(root: &Path, dir: &Path, features: &[&str]) -> Result<()> {
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).context("copying Cargo.lock")?;
    let target_dir = target_dir(root)?;
    let env = [("CARGO_TARGET_DIR", target_dir.as_str())];
    cargo(dir, &["clippy", "--lib", "--", "-D", "warnings"], &env)?;
    let clippy: Vec<&str> = ["clippy"].into_iter().chain(features.iter().copied()).chain(["--all-targets", "--", "-D", "warnings"]).collect();
    cargo(dir, &clippy, &env)?;
    let doc: Vec<&str> = ["doc", "--no-deps"].into_iter().chain(features.iter().copied()).collect();
    cargo(dir, &doc, &[env[0], ("RUSTDOCFLAGS", "-D warnings")])
}

/// The workspace's `target/`, as text for an environment variable.
fn target_dir(root: &Path) -> Result<String> {
    root.join("target").to_str().map(str::to_string).context("target path is not UTF-8")
}

/// The folders of fixture specs whose crates are built and tested: the generator's own
/// fixtures, one construct each, many of which the vendored specs never use (their `swagger/`
/// twins lower to the same IR, so they are left out).
const FIXTURE_DIRS: &[&str] = &["generator/tests/fixtures/lower", "generator/tests/fixtures/expand"];

/// The hostile corpus, whose accepted specs must compile (its refused ones are left out, as
/// `generator/tests/hostile.rs` expects; `hostile/pending/` holds specs known not to compile yet).
const HOSTILE_DIR: &str = "generator/tests/fixtures/hostile";

/// How many accepted mutants (`cargo xtask mutate`) the fixture step compiles: one of a vendored
/// spec, the others of fixture specs.
const MUTANTS_COMPILED: usize = 3;

/// Generates the crate of every fixture spec under `target/generality/fixtures/` (one
/// workspace, building into the workspace's `target/`), then lints them with
/// `clippy -D warnings`, builds their docs with `-D warnings` and runs their tests: the
/// emitted example tests, synthesized for every operation, call each fixture's operations over
/// HTTPS. A fixture the generator refuses (an unsupported construct; its located error is
/// snapshot-tested) is listed and left out.
fn fixture_crates(root: &Path) -> Result<()> {
    let base = root.join("target").join("generality").join("fixtures");
    let mut members = Vec::new();
    for dir in FIXTURE_DIRS {
        generate_folder(root, dir, &base, &mut members)?;
    }
    write_workspace(&base, &members)?;
    println!("{} fixture crates", members.len());
    check_generated(root, &base)
}

/// Generates the crate of every spec of the hostile corpus the generator accepts, and of the
/// first accepted mutants of `cargo xtask mutate`'s default seed (`MUTANTS_COMPILED`), under
/// `target/generality/hostile/` (one workspace), then lints them with `clippy --all-targets -D
/// warnings` (which type-checks their tests too) and documents them with `-D warnings` (rustdoc
/// works out every auto trait, deeper than the compiler). Their tests are not run: what these
/// crates check is that an accepted spec compiles, and linking two dozen test binaries against
/// the HTTPS server would double the step's time.
fn hostile_crates(root: &Path) -> Result<()> {
    let base = root.join("target").join("generality").join("hostile");
    let mut members = Vec::new();
    generate_folder(root, HOSTILE_DIR, &base, &mut members)?;
    let scratch = root.join("target").join("generality").join("mutant-specs");
    for (name, files) in crate::mutate::accepted_crates(root, &scratch, crate::mutate::DEFAULT_SEED, MUTANTS_COMPILED)? {
        let out = base.join(&name);
        let changes = codegen::compare(&out, &files)?;
        codegen::apply(&out, &changes)?;
        members.push(name);
    }
    write_workspace(&base, &members)?;
    println!("{} hostile and mutant crates", members.len());
    // Default features: what an accepted spec must give is a crate that compiles; its fakes are
    // checked on the product, generality and fixture crates.
    lint_and_document(root, &base, &[])
}

/// Generates the crate of each spec in the folder `dir` (not its subfolders) into `base`, adding
/// its name to `members`; a spec the generator refuses is listed and left out.
fn generate_folder(root: &Path, dir: &str, base: &Path, members: &mut Vec<String>) -> Result<()> {
    let folder = root.join(dir);
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .with_context(|| format!("reading {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "json")))
        .collect();
    specs.sort();
    let group = Path::new(dir).file_name().and_then(|n| n.to_str()).unwrap_or("fixtures");
    for spec in specs {
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let name = crate_ident(&format!("fixture_{group}_{stem}"));
        let out = base.join(&name);
        let target = codegen::custom_target(root, &spec, out.clone(), name.clone());
        match codegen::plan(&target) {
            Ok(changes) => {
                codegen::apply(&out, &changes)?;
                members.push(name);
            }
            Err(refused) => println!("left out {}: {refused:#}", paths::display(&spec)),
        }
    }
    Ok(())
}

/// Writes the `[workspace]` manifest of `members` in `base`.
fn write_workspace(base: &Path, members: &[String]) -> Result<()> {
    if members.is_empty() {
        bail!("no spec of {} generated a crate", paths::display(base));
    }
    let list = members.iter().map(|m| format!("\n    \"{m}\",")).collect::<String>();
    std::fs::write(base.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{list}\n]\n"))
        .with_context(|| format!("writing the workspace manifest of {}", paths::display(base)))
}

/// Gives a generated crate its own `[workspace]`, so cargo does not take it for an unlisted
/// member of the workspace it sits in.
pub(crate) fn make_standalone(out: &Path) -> Result<()> {
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).with_context(|| format!("reading {}", manifest.display()))?;
    let has_workspace = text.lines().any(|l| l.trim() == "[workspace]");
    if text.contains(".workspace = true") || text.contains("workspace = true") {
        bail!("{} inherits from a workspace; generated crates must be self-contained", paths::display(&manifest));
    }
    if !has_workspace {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .with_context(|| format!("writing {}", manifest.display()))?;
    }
    Ok(())
}

/// A crate name for a vendored spec: its file stem and api-version (`iothub_2025_08_01_preview`).
pub fn generality_crate_name(spec: &str, api_version: &str) -> String {
    let stem = Path::new(spec).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    crate_ident(&format!("{stem}_{api_version}"))
}

/// `text` as a crate name: lowercase ASCII letters and digits, anything else `_`.
pub(crate) fn crate_ident(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect()
}

/// Runs `cargo args...` in `dir`; an error when it fails.
fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    let cargo = std::env::var_os("CARGO").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("cargo"));
    let mut command = Command::new(cargo);
    command.current_dir(dir).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command.status().with_context(|| format!("running cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    Ok(())
}

fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generality_crate_names_are_valid_and_distinct() {
        let specs = crate::workspace_root().join("specs");
        let manifest = Manifest::read(&specs).unwrap();
        let names: std::collections::BTreeSet<_> =
            manifest.spec.iter().map(|s| generality_crate_name(&s.path, &s.api_version)).collect();
        assert_eq!(names.len(), manifest.spec.len());
        assert!(names.contains("iothub_2025_08_01_preview"), "{names:?}");
        assert!(names.contains("iotdps_2026_11_01"), "{names:?}");
    }

    #[test]
    fn standalone_crates_get_their_own_workspace_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        make_standalone(dir.path()).unwrap();
        make_standalone(dir.path()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
        assert_eq!(text.matches("[workspace]").count(), 1);
        std::fs::write(dir.path().join("Cargo.toml"), "[package]\nedition.workspace = true\n").unwrap();
        assert!(make_standalone(dir.path()).is_err());
    }
}
