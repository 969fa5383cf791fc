//! `cargo xtask conformance [--spec NAME]...`: the generated crates against Microsoft's AutoRest
//! test server, the judge Azure's own generators are held to. Also the last step of
//! `cargo xtask test`.
//!
//! In order, each step timed:
//!
//! 1. `npm ci` of `generator/conformance/package{,-lock}.json` (the server, pinned) into
//!    `target/conformance/node/`, skipped when the installed lock has the same SHA-256.
//! 2. The crate of every spec `generator/conformance/scenarios.toml` lists, generated from the
//!    package's `swagger/` folder into `target/conformance/crates/<name>` through the same code
//!    path as `cargo xtask codegen --spec` (not strict: operations the generator cannot express
//!    are left out, and listed in the report). A spec the generator refuses gets a placeholder
//!    crate that is never built, so the drivers' manifest still resolves.
//! 3. The server, started on a free loopback port with `node -r loopback.cjs` (which pins every
//!    `listen` to 127.0.0.1 and makes the server exit when its parent is gone) and held by a
//!    guard that kills it by pid however this command ends.
//! 4. The drivers (`generator/conformance`, one test per scenario) linted with
//!    `clippy -D warnings` and built, against the workspace's `Cargo.lock` and into its
//!    `target/`. Each spec's crate is an optional dependency whose feature also compiles the
//!    spec's driver module; the features of the selected specs whose crates generated are
//!    enabled. A generated crate that does not compile, or a driver module that does not compile
//!    or lint clean, is blamed from the compiler's messages, its feature dropped, and the lint run
//!    again: one spec does not take the others down, and its scenarios are reported missed with
//!    the compiler's errors. The support library's unit tests run; then, spec by spec, the tests
//!    of the spec's module of the one driver binary (`tests/drivers.rs`, modules
//!    `tests/<crate>.rs`) run against the server, each spec timed. Failing tests do not stop the
//!    step before the report.
//! 5. The server's reports (`/report/azure`, `/report`, `/report/optional`): `N/M` for the Azure
//!    report and, for the other two, over the listed specs' scenarios, per spec too; every missed
//!    scenario with what went wrong. A scenario passes when the server counted it and every
//!    driver test named after it passed. The step fails when a scenario that is not on the
//!    exclusion list was missed, when any driver test failed, or when a selected spec did not
//!    generate, its crate did not compile (or compiled with warnings), or its drivers did not.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::args::Args;
use crate::codegen;
use crate::paths;

/// The folder of everything checked in: the npm manifest and lock, the preload script, the
/// scenario list and the drivers crate.
const SOURCE_DIR: &str = "generator/conformance";

/// The drivers' crate, whose library holds the HTTPS front and the helpers.
const SUPPORT_CRATE: &str = "conformance_drivers";

/// The test binary of every spec's drivers, one module per spec.
const DRIVERS_BINARY: &str = "drivers";

/// The package whose server and specs are used.
const PACKAGE: &str = "@microsoft.azure/autorest.testserver";

/// The environment variable through which the drivers learn the server's address.
const SERVER_ENV: &str = "AUTOREST_TESTSERVER";

/// The environment variable through which the drivers learn where the server's package is (for
/// the files it serves, which some scenarios compare with what the client received).
const PACKAGE_ENV: &str = "AUTOREST_TESTSERVER_PACKAGE";

/// How many tests of one binary run at once: they mostly wait on the network (and on the
/// pollers' one-second minimum), not on the two cores.
const TEST_THREADS: &str = "24";

/// The report categories, as the server names them in `/report/<category>`.
const CATEGORIES: [Category; 3] = [Category::Azure, Category::Vanilla, Category::Optional];

/// `cargo xtask conformance [--spec NAME]...`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let mut only = Vec::new();
    while let Some(spec) = args.value("--spec")? {
        only.push(spec);
    }
    args.finish()?;
    let root = crate::enter_workspace_root()?;
    let outcome = check(&root, &only)?;
    Ok(if outcome.passed { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// What a run found.
pub struct Outcome {
    /// Whether every scenario passed or is excluded, and every driver test passed.
    pub passed: bool,
}

/// The whole step: install, generate, serve, build, drive, report. An error for what stops it
/// early (an install, generation, build or server failure); otherwise the outcome, with the
/// report printed.
pub fn check(root: &Path, only: &[String]) -> Result<Outcome> {
    let source = root.join(SOURCE_DIR);
    let work = root.join("target").join("conformance");
    let list = Scenarios::read(&source.join("scenarios.toml"))?;
    let selected = list.select(only)?;
    let mut timings: Vec<(String, Duration)> = Vec::new();

    let t = Instant::now();
    let node_dir = work.join("node");
    npm_ci(&source, &node_dir)?;
    timings.push(("npm ci".into(), t.elapsed()));
    let package = node_dir.join("node_modules").join(PACKAGE);

    // Every listed crate is generated even under `--spec`: the drivers' manifest names them all.
    // A spec that does not generate gets a placeholder crate (never built), so the others still
    // build and run; its scenarios are reported missed with the generator's located error.
    let t = Instant::now();
    let crates = work.join("crates");
    let mut blocked: BTreeMap<String, Blocked> = BTreeMap::new();
    let mut left_out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for spec in &list.spec {
        let name = spec.crate_name();
        match generate(root, &package, spec, &crates.join(&name))? {
            Ok(refused) if refused.is_empty() => {}
            Ok(refused) => {
                left_out.insert(name, refused);
            }
            Err(error) => {
                println!("generate {name}: {} does not generate: {error}", spec.file);
                blocked.insert(name, Blocked::Generate(error));
            }
        }
    }
    timings.push((format!("generate {} crates", list.spec.len()), t.elapsed()));

    // The server starts while the drivers build; it takes a few seconds to register its routes.
    let t = Instant::now();
    let server = Server::start(&source, &package, &work)?;
    timings.push(("start the server".into(), t.elapsed()));

    let t = Instant::now();
    std::fs::copy(root.join("Cargo.lock"), source.join("Cargo.lock")).context("copying Cargo.lock")?;
    let target_dir = root.join("target");
    let env = [("CARGO_TARGET_DIR", target_dir.to_str().context("target path is not UTF-8")?)];
    // One feature per selected spec (its crate, an optional dependency, and its driver module).
    let mut enabled: Vec<String> =
        selected.iter().map(Spec::crate_name).filter(|name| !blocked.contains_key(name)).collect();
    let warnings = lint(&source, &env, &crates, &mut enabled, &mut blocked)?;
    timings.push(("clippy -D warnings (the drivers; checks the crates)".into(), t.elapsed()));
    let t = Instant::now();
    let binaries = build_tests(&source, &env, &enabled)?;
    timings.push(("build the driver tests".into(), t.elapsed()));

    // The support library's own unit tests (the URL rewriting, the cookie jar) need no server.
    let support_passed = match binaries.get(SUPPORT_CRATE) {
        Some(binary) => {
            let output = Command::new(binary).output().with_context(|| format!("running {}", binary.display()))?;
            let tests = parse_test_output(&String::from_utf8_lossy(&output.stdout));
            let failed: Vec<&String> = tests.iter().filter(|(_, t)| !t.passed).map(|(n, _)| n).collect();
            println!("support tests ({SUPPORT_CRATE}): {} passed, {} failed {failed:?}", tests.len() - failed.len(), failed.len());
            failed.is_empty() && !tests.is_empty() && output.status.success()
        }
        None => bail!("no unit test binary for the support library {SUPPORT_CRATE}"),
    };

    let t = Instant::now();
    server.wait_ready(Duration::from_secs(60))?;
    timings.push(("wait for the server to listen".into(), t.elapsed()));
    let mut results: BTreeMap<String, SpecRun> = BTreeMap::new();
    for spec in &selected {
        let name = spec.crate_name();
        if let Some(why) = blocked.get(&name) {
            println!("drivers {name}: not run ({}: {})", spec.file, why.summary());
            continue;
        }
        if CATEGORIES.iter().all(|c| spec.scenarios(*c).is_empty()) {
            println!("drivers {name}: the server has no scenario for {} (its crate is generated and compiled only)", spec.file);
            continue;
        }
        let Some(binary) = binaries.get(DRIVERS_BINARY) else {
            bail!("no driver test binary `{DRIVERS_BINARY}` ({SOURCE_DIR}/tests/drivers.rs)");
        };
        // libtest filters by substring: skip the other modules whose name ends in this one's
        // (`custom_baseurl_paging::` holds `paging::`).
        let prefix = format!("{name}::");
        let mut command = Command::new(binary);
        command.arg(&prefix).args(["--test-threads", TEST_THREADS]);
        for other in list.spec.iter().map(Spec::crate_name).filter(|o| *o != name) {
            let other = format!("{other}::");
            if other.contains(&prefix) {
                command.args(["--skip", &other]);
            }
        }
        let t = Instant::now();
        let output = command
            .env(SERVER_ENV, server.url())
            .env(PACKAGE_ENV, &package)
            .env("RUST_BACKTRACE", "0")
            .current_dir(&source)
            .output()
            .with_context(|| format!("running {}", binary.display()))?;
        let took = t.elapsed();
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let log = work.join(format!("tests-{name}.log"));
        std::fs::write(&log, &text).with_context(|| format!("writing {}", log.display()))?;
        let tests: BTreeMap<String, TestResult> = parse_test_output(&text)
            .into_iter()
            .filter_map(|(test, result)| test.strip_prefix(&prefix).map(|t| (t.to_string(), result)))
            .collect();
        if tests.is_empty() {
            bail!(
                "no driver test of `{name}` ran (exit {}): add {SOURCE_DIR}/tests/{name}.rs and `mod {name};` to tests/drivers.rs; the output is in {}",
                output.status,
                paths::display(&log)
            );
        }
        let failed = tests.values().filter(|t| !t.passed).count();
        println!("drivers {name}: {} passed, {failed} failed ({})", tests.len() - failed, secs(took));
        timings.push((format!("drivers {name}"), took));
        results.insert(name, SpecRun { tests });
    }

    let t = Instant::now();
    let mut reports = BTreeMap::new();
    for category in CATEGORIES {
        let body = http_get(server.addr, category.path())?;
        reports.insert(category, parse_report(&body).with_context(|| format!("reading {}", category.path()))?);
    }
    drop(server);
    timings.push(("read the reports".into(), t.elapsed()));

    let crates_state = CrateState { blocked, left_out, warnings };
    let report = Report::build(&list, &selected, &reports, &results, &crates_state, only.is_empty());
    print!("{}", report.render());
    println!("conformance timings:");
    for (name, took) in &timings {
        println!("  {:>8}  {name}", secs(*took));
    }
    Ok(Outcome { passed: report.passed() && support_passed })
}

/// `scenarios.toml`: the specs, the coverage names of their scenarios, and the exclusions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenarios {
    /// Every spec whose crate is generated and driven, in order.
    pub spec: Vec<Spec>,
    /// Scenario (coverage name) → why a user of an ARM client can accept that it is not passed.
    #[serde(default)]
    pub exclusions: BTreeMap<String, String>,
}

/// One `[[spec]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// The file in the package's `swagger/` folder (`lro.json`).
    pub file: String,
    /// Its scenarios in `/report/azure`.
    #[serde(default)]
    pub azure: Vec<String>,
    /// Its scenarios in `/report` (the server calls this category `vanilla`).
    #[serde(default)]
    pub vanilla: Vec<String>,
    /// Its scenarios in `/report/optional`.
    #[serde(default)]
    pub optional: Vec<String>,
}

impl Spec {
    /// The generated crate's name, which is also its driver module's: the file stem,
    /// lowercase, with `_` for anything not a letter or digit (`lro_parameterized_endpoints`),
    /// and `_spec` after a name the generated crate cannot take because it uses a crate of that
    /// name (`url.json` makes `url_spec`: see `generator::expand::reserved_crate_names`).
    pub fn crate_name(&self) -> String {
        let stem = self.file.strip_suffix(".json").unwrap_or(&self.file);
        let name = crate::test::crate_ident(stem);
        if generator::expand::reserved_crate_names().contains(&name) {
            format!("{name}_spec")
        } else {
            name
        }
    }

    /// Its scenarios in `category`.
    pub fn scenarios(&self, category: Category) -> &[String] {
        match category {
            Category::Azure => &self.azure,
            Category::Vanilla => &self.vanilla,
            Category::Optional => &self.optional,
        }
    }
}

impl Scenarios {
    /// Reads and checks the list.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Self::parse(&text).with_context(|| format!("in {}", paths::display(path)))
    }

    /// Parses and checks the list: spec files and crate names unique, no scenario twice in
    /// one spec, no two scenarios of a spec with one driver test name, and every exclusion
    /// naming a listed scenario with a reason.
    pub fn parse(text: &str) -> Result<Self> {
        let list: Scenarios = toml::from_str(text)?;
        let mut crates = BTreeSet::new();
        let mut all = BTreeSet::new();
        for spec in &list.spec {
            if !crates.insert(spec.crate_name()) {
                bail!("two specs make the crate `{}`", spec.crate_name());
            }
            let mut names = BTreeMap::new();
            for category in CATEGORIES {
                for scenario in spec.scenarios(category) {
                    if let Some(other) = names.insert(test_name(scenario), scenario) {
                        bail!("{}: scenarios `{other}` and `{scenario}` would share the driver test `{}`", spec.file, test_name(scenario));
                    }
                    all.insert(scenario.clone());
                }
            }
        }
        for (scenario, reason) in &list.exclusions {
            if !all.contains(scenario) {
                bail!("the exclusion `{scenario}` names no listed scenario");
            }
            if reason.trim().is_empty() {
                bail!("the exclusion `{scenario}` gives no reason");
            }
        }
        Ok(list)
    }

    /// The specs `only` names (by file name, with or without `.json`, or crate name); all of
    /// them when `only` is empty.
    pub fn select(&self, only: &[String]) -> Result<Vec<Spec>> {
        if only.is_empty() {
            return Ok(self.spec.clone());
        }
        let mut selected = Vec::new();
        for name in only {
            let found = self.spec.iter().find(|s| {
                s.file == *name || s.file.strip_suffix(".json") == Some(name.as_str()) || s.crate_name() == *name
            });
            match found {
                Some(spec) => selected.push(spec.clone()),
                None => bail!(
                    "no spec `{name}` in {SOURCE_DIR}/scenarios.toml (listed: {})",
                    self.spec.iter().map(|s| s.file.as_str()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        Ok(selected)
    }
}

/// A report category of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// `/report/azure`.
    Azure,
    /// `/report` (`vanilla`).
    Vanilla,
    /// `/report/optional`.
    Optional,
}

impl Category {
    /// The report's path on the server.
    fn path(self) -> &'static str {
        match self {
            Category::Azure => "/report/azure",
            Category::Vanilla => "/report",
            Category::Optional => "/report/optional",
        }
    }
}

/// The driver test named after a scenario: its coverage name in snake case, a word starting at
/// each capital that follows a lowercase letter or digit, and at the last capital of a run of
/// capitals followed by a lowercase letter (`LROPutInlineComplete201` →
/// `lro_put_inline_complete201`, `AzureODataFilter` → `azure_o_data_filter`).
pub fn test_name(scenario: &str) -> String {
    let chars: Vec<char> = scenario.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower) {
                out.push('_');
            }
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}

/// `npm ci` of the checked-in manifest and lock into `node_dir`, unless the lock installed there
/// has the same hash.
fn npm_ci(source: &Path, node_dir: &Path) -> Result<()> {
    let manifest = std::fs::read(source.join("package.json")).context("reading package.json")?;
    let lock = std::fs::read(source.join("package-lock.json")).context("reading package-lock.json")?;
    let hash = install_hash(&manifest, &lock);
    let stamp = node_dir.join(".installed-sha256");
    let installed = std::fs::read_to_string(&stamp).unwrap_or_default();
    if installed.trim() == hash && node_dir.join("node_modules").join(PACKAGE).join("package.json").exists() {
        println!("npm ci: skipped, the installed lock is current ({})", &hash[..12]);
        return Ok(());
    }
    std::fs::create_dir_all(node_dir).with_context(|| format!("creating {}", node_dir.display()))?;
    std::fs::write(node_dir.join("package.json"), &manifest).context("copying package.json")?;
    std::fs::write(node_dir.join("package-lock.json"), &lock).context("copying package-lock.json")?;
    let _ = std::fs::remove_file(&stamp);
    // No install scripts: the server needs none, and nothing from the registry runs here but it.
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(node_dir)
        .status()
        .context("running npm ci (are node and npm installed?)")?;
    if !status.success() {
        bail!("npm ci in {} failed ({status})", paths::display(node_dir));
    }
    std::fs::write(&stamp, format!("{hash}\n")).context("recording the installed lock")?;
    Ok(())
}

/// The SHA-256 (hex) of what `npm ci` installs from: the manifest and the lock, each
/// length-prefixed so that no two pairs hash alike.
pub fn install_hash(manifest: &[u8], lock: &[u8]) -> String {
    let mut hasher = Sha256::new();
    for part in [manifest, lock] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The test server, killed by its pid when dropped, however the run ends.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: PathBuf,
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1, its output going to
    /// `target/conformance/server.log`.
    fn start(source: &Path, package: &Path, work: &Path) -> Result<Self> {
        let port = free_port()?;
        let log = work.join("server.log");
        let out = std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let err = out.try_clone().context("opening the server log twice")?;
        let coverage = work.join("coverage");
        let child = Command::new("node")
            .arg("-r")
            .arg(source.join("loopback.cjs"))
            .arg(package.join("dist").join("cli").join("cli.js"))
            .args(["run", "--port", &port.to_string(), "--coverageDirectory"])
            .arg(&coverage)
            .current_dir(work)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .context("starting the test server (is node installed?)")?;
        Ok(Server { child, addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)), log })
    }

    /// The base URL the drivers forward to.
    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Waits until the server accepts connections; an error with the end of its log when it
    /// exits or does not answer in time.
    fn wait_ready(&self, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        loop {
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            let log = || std::fs::read_to_string(&self.log).unwrap_or_default();
            if started.elapsed() > timeout {
                bail!("the test server did not listen on {} within {}s; the end of its log:\n{}", self.addr, timeout.as_secs(), tail(&log(), 20));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // `kill` signals the child's own pid; the preload makes it exit too if this process dies
        // before getting here.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that nothing listened on a moment ago.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("binding 127.0.0.1:0 to pick a port")?;
    Ok(listener.local_addr()?.port())
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Builds the drivers' test binaries with the specs' `features`; their paths by target name.
fn build_tests(dir: &Path, env: &[(&str, &str)], features: &[String]) -> Result<BTreeMap<String, PathBuf>> {
    let mut command = cargo_command(dir, env);
    command.args(["test", "--no-run", "--message-format=json-render-diagnostics"]);
    command.args(feature_args(features));
    let output = command.stderr(Stdio::inherit()).output().context("running cargo test --no-run")?;
    if !output.status.success() {
        bail!("building the driver tests failed ({})", output.status);
    }
    let mut binaries = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        // Integration tests (`tests/*.rs`), and the support library's own unit tests.
        let kinds = message["target"]["kind"].as_array();
        let is_test = kinds.is_some_and(|k| k.iter().any(|k| k == "test"))
            || (kinds.is_some_and(|k| k.iter().any(|k| k == "lib")) && message["profile"]["test"] == true);
        if let (true, Some(name), Some(exe)) =
            (is_test, message["target"]["name"].as_str(), message["executable"].as_str())
        {
            binaries.insert(name.to_string(), PathBuf::from(exe));
        }
    }
    Ok(binaries)
}

/// `cargo` (the one running the xtask) in `dir` with `env`.
fn cargo_command(dir: &Path, env: &[(&str, &str)]) -> Command {
    let cargo = std::env::var_os("CARGO").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("cargo"));
    let mut command = Command::new(cargo);
    command.current_dir(dir);
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// `--features a,a/fake,b,b/fake` for the specs' crates (and driver modules) to build, each crate
/// with its `fake` module, so every generated crate's fakes compile and lint clean too; nothing
/// for none.
fn feature_args(features: &[String]) -> Vec<String> {
    if features.is_empty() {
        Vec::new()
    } else {
        let all: Vec<String> = features.iter().flat_map(|f| [f.clone(), format!("{f}/fake")]).collect();
        vec!["--features".to_string(), all.join(",")]
    }
}

/// Generates `spec`'s crate into `out`: the operations left out (each with its located reason),
/// or the generator's located error, in which case `out` holds a placeholder crate instead (so
/// the drivers' manifest, which names every spec's crate, still resolves; it is never built).
fn generate(root: &Path, package: &Path, spec: &Spec, out: &Path) -> Result<std::result::Result<Vec<String>, String>> {
    let name = spec.crate_name();
    let target = codegen::custom_target(root, &package.join("swagger").join(&spec.file), out.to_path_buf(), name.clone());
    match generator::generate(&target.spec, &target.options) {
        Ok(generated) => {
            let changes = codegen::compare(out, &generated.files)?;
            codegen::apply(out, &changes)?;
            crate::test::make_standalone(out)?;
            Ok(Ok(generated.refused.iter().map(|r| format!("`{}`: {}", r.operation, r.error)).collect()))
        }
        Err(error) => {
            let error = error.to_string();
            write_placeholder(out, &name, &spec.file, &error)?;
            Ok(Err(error))
        }
    }
}

/// A crate named `name` that stands in for one that did not generate: it satisfies the drivers'
/// manifest, and says why should anything build it. Its first line carries the `@generated by`
/// mark, so the next successful generation replaces it.
fn write_placeholder(out: &Path, name: &str, file: &str, error: &str) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("removing {}", out.display()))?;
    }
    let src = out.join("src");
    std::fs::create_dir_all(&src).with_context(|| format!("creating {}", src.display()))?;
    let manifest = format!(
        "# @generated by `cargo xtask conformance`: a placeholder, because {file} did not generate. Never built.\n\n\
         [package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n"
    );
    std::fs::write(out.join("Cargo.toml"), manifest).context("writing a placeholder manifest")?;
    let lib = format!("//! A placeholder: {file} did not generate.\n\ncompile_error!({error:?});\n");
    std::fs::write(src.join("lib.rs"), lib).context("writing a placeholder library")?;
    Ok(())
}

/// Why a spec's drivers did not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// The generator refused the spec: its located error.
    Generate(String),
    /// The generated crate does not compile: the compiler's errors.
    Compile(Vec<String>),
    /// The spec's driver module does not compile or lint clean against its crate: the errors.
    Drivers(Vec<String>),
}

impl Blocked {
    /// Why, in one line that follows the spec's name.
    pub fn summary(&self) -> String {
        match self {
            Blocked::Generate(_) => "does not generate".to_string(),
            Blocked::Compile(errors) => format!("its crate does not compile ({} error(s))", errors.len()),
            Blocked::Drivers(errors) => {
                format!("its driver module does not compile or lint clean against its crate ({} error(s))", errors.len())
            }
        }
    }

    /// The full account: the generator's error, or the compiler's messages.
    pub fn details(&self) -> String {
        match self {
            Blocked::Generate(error) => error.clone(),
            Blocked::Compile(errors) | Blocked::Drivers(errors) => errors.join("\n"),
        }
    }
}

/// What became of the specs' crates before any driver ran.
#[derive(Debug, Clone, Default)]
pub struct CrateState {
    /// Specs whose drivers could not run, and why.
    pub blocked: BTreeMap<String, Blocked>,
    /// Operations the generator left out of a crate (not strict), each with its located reason.
    pub left_out: BTreeMap<String, Vec<String>>,
    /// Compiler warnings in a generated crate (which must compile without any).
    pub warnings: BTreeMap<String, Vec<String>>,
}

/// Lints the drivers with clippy (`-D warnings`) and the `enabled` specs' features, which checks
/// their generated crates on the way. A generated crate that does not compile, or a spec's driver
/// module that does not compile or lint clean, is taken out of `enabled` and recorded in `blocked`
/// with the compiler's messages, and the lint runs again without it: one spec cannot take the
/// others down. Returns the warnings the compiler gave in generated crates. An error for a failure
/// that no spec explains (the support library, `tests/drivers.rs`).
fn lint(
    dir: &Path,
    env: &[(&str, &str)],
    crates: &Path,
    enabled: &mut Vec<String>,
    blocked: &mut BTreeMap<String, Blocked>,
) -> Result<BTreeMap<String, Vec<String>>> {
    loop {
        let mut command = cargo_command(dir, env);
        command.args(["clippy", "--all-targets", "--keep-going", "--message-format=json"]);
        command.args(feature_args(enabled));
        command.args(["--", "-D", "warnings"]);
        let output = command.stderr(Stdio::inherit()).output().context("running cargo clippy")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let diagnostics = read_diagnostics(&stdout, crates);
        let mut warnings: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut failing: BTreeMap<String, Blocked> = BTreeMap::new();
        let mut unexplained = Vec::new();
        for diagnostic in diagnostics {
            match (&diagnostic.origin, diagnostic.error) {
                (Origin::Crate(name), false) => warnings.entry(name.clone()).or_default().push(diagnostic.rendered),
                (Origin::Crate(name), true) => match failing.entry(name.clone()).or_insert_with(|| Blocked::Compile(Vec::new())) {
                    Blocked::Compile(errors) | Blocked::Drivers(errors) => errors.push(diagnostic.rendered),
                    Blocked::Generate(_) => {}
                },
                (Origin::Drivers(Some(module)), true) if enabled.contains(module) => {
                    match failing.entry(module.clone()).or_insert_with(|| Blocked::Drivers(Vec::new())) {
                        Blocked::Compile(errors) | Blocked::Drivers(errors) => errors.push(diagnostic.rendered),
                        Blocked::Generate(_) => {}
                    }
                }
                (Origin::Drivers(_), true) => unexplained.push(diagnostic.rendered),
                (Origin::Drivers(_), false) => {}
            }
        }
        if output.status.success() {
            return Ok(warnings);
        }
        if failing.is_empty() || !unexplained.is_empty() {
            bail!(
                "cargo clippy of the drivers failed ({}) with no spec to blame:\n{}",
                output.status,
                if unexplained.is_empty() { tail(&stdout, 20) } else { unexplained.join("\n") }
            );
        }
        for (name, why) in failing {
            println!("lint: {name} taken out: {}", why.summary());
            enabled.retain(|n| *n != name);
            blocked.insert(name, why);
        }
    }
}

/// Where a compiler message comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// A generated crate, by name.
    Crate(String),
    /// The drivers' crate: the driver module (`tests/<module>.rs`) its primary span is in, if any.
    Drivers(Option<String>),
}

/// One compiler message with a location (the `N errors` summaries are skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diagnostic {
    origin: Origin,
    /// Whether it is an error (clippy's `-D warnings` makes the drivers' warnings errors).
    error: bool,
    /// As the compiler prints it.
    rendered: String,
}

/// The located compiler messages of cargo's JSON output; a message of a crate under `crates` is
/// that crate's, anything else the drivers'.
fn read_diagnostics(stdout: &str, crates: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for line in stdout.lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        let spans = diagnostic["spans"].as_array().map(Vec::as_slice).unwrap_or_default();
        let Some(primary) = spans.iter().find(|s| s["is_primary"] == true).or(spans.first()) else { continue };
        let error = match diagnostic["level"].as_str() {
            Some(level) if level.starts_with("error") => true,
            Some("warning") => false,
            _ => continue,
        };
        let manifest = PathBuf::from(message["manifest_path"].as_str().unwrap_or_default());
        let origin = match manifest.parent().and_then(|dir| dir.strip_prefix(crates).ok()) {
            Some(name) if !name.as_os_str().is_empty() => Origin::Crate(name.to_string_lossy().into_owned()),
            _ => {
                let file = primary["file_name"].as_str().unwrap_or_default().replace('\\', "/");
                let module = file.strip_prefix("tests/").and_then(|f| f.strip_suffix(".rs"));
                Origin::Drivers(module.filter(|m| !m.contains('/')).map(str::to_string))
            }
        };
        let rendered = diagnostic["rendered"].as_str().unwrap_or_default().trim_end().to_string();
        out.push(Diagnostic { origin, error, rendered });
    }
    out
}

/// The outcome of one driver test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    /// Whether it passed.
    pub passed: bool,
    /// Why it failed: its panic message, as libtest printed it.
    pub message: String,
}

/// One spec's driver binary run.
struct SpecRun {
    tests: BTreeMap<String, TestResult>,
}

/// Reads libtest's human output: `test NAME ... ok|FAILED` lines, and for each failure the
/// message libtest prints in its `---- NAME stdout ----` section.
pub fn parse_test_output(text: &str) -> BTreeMap<String, TestResult> {
    let mut tests = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("test ") else { continue };
        let Some((name, outcome)) = rest.rsplit_once(" ... ") else { continue };
        let passed = match outcome.trim() {
            "ok" => true,
            "FAILED" => false,
            _ => continue,
        };
        tests.insert(name.trim().to_string(), TestResult { passed, message: String::new() });
    }
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----")) {
            current = Some(name.to_string());
            continue;
        }
        if line == "failures:" || line.starts_with("test result:") {
            current = None;
            continue;
        }
        if let Some(test) = current.as_ref().and_then(|name| tests.get_mut(name)) {
            if line.starts_with("note: run with `RUST_BACKTRACE") {
                continue;
            }
            if !test.message.is_empty() {
                test.message.push('\n');
            }
            test.message.push_str(line);
        }
    }
    for test in tests.values_mut() {
        test.message = test.message.trim().to_string();
    }
    tests
}

/// GETs `path` from the server with a plain HTTP/1.0 request (so the answer is never chunked
/// and ends with the connection); the body of a `200`.
fn http_get(addr: SocketAddr, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).with_context(|| format!("connecting to {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).with_context(|| format!("reading GET {path}"))?;
    response_body(&raw).with_context(|| format!("GET {path}"))
}

/// The body of a raw HTTP response whose status is `200` (a chunked one decoded).
pub fn response_body(raw: &[u8]) -> Result<String> {
    let text = String::from_utf8_lossy(raw);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        bail!("not an HTTP response: {}", tail(&text, 5));
    };
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        bail!("answered `{status}`");
    }
    let chunked = head.lines().any(|l| {
        l.split_once(':').is_some_and(|(n, v)| {
            n.trim().eq_ignore_ascii_case("transfer-encoding") && v.trim().eq_ignore_ascii_case("chunked")
        })
    });
    if !chunked {
        return Ok(body.to_string());
    }
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some((size, after)) = rest.split_once("\r\n") else { bail!("a chunk without its size line") };
        let size = usize::from_str_radix(size.split(';').next().unwrap_or_default().trim(), 16)
            .with_context(|| format!("the chunk size `{size}`"))?;
        if size == 0 {
            return Ok(out);
        }
        if after.len() < size {
            bail!("a chunk shorter than its size");
        }
        out.push_str(&after[..size]);
        rest = after[size..].strip_prefix("\r\n").unwrap_or(&after[size..]);
    }
}

/// A report: scenario → how many times the server counted it.
pub fn parse_report(body: &str) -> Result<BTreeMap<String, u64>> {
    let value: BTreeMap<String, serde_json::Value> = serde_json::from_str(body).context("a report is a JSON object")?;
    value
        .into_iter()
        .map(|(name, count)| match count.as_u64() {
            Some(n) => Ok((name, n)),
            None => bail!("the count of `{name}` is {count}, not a number"),
        })
        .collect()
}

/// How one scenario fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The scenario's coverage name.
    pub scenario: String,
    /// Its report.
    pub category: Category,
    /// The specs listing it (empty for an Azure scenario no listed spec covers).
    pub specs: Vec<String>,
    /// How many times the server counted it.
    pub count: u64,
    /// The failed driver tests named after it: (spec crate, message).
    pub failed_drivers: Vec<(String, String)>,
    /// The specs listing it that have no driver test named after it.
    pub missing_drivers: Vec<String>,
    /// The specs listing it whose drivers did not run (their crate did not generate or compile,
    /// or their driver module did not): (spec crate, why, in one line).
    pub blocked_drivers: Vec<(String, String)>,
    /// Why it may be missed, when it is on the exclusion list.
    pub excluded: Option<String>,
}

impl Verdict {
    /// Counted by the server, and every driver test named after it ran and passed.
    pub fn passed(&self) -> bool {
        self.count > 0
            && self.failed_drivers.is_empty()
            && self.missing_drivers.is_empty()
            && self.blocked_drivers.is_empty()
            && !self.specs.is_empty()
    }
}

/// Everything the step prints at its end, computed from the reports and the test runs.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every scenario judged, in report then name order.
    pub verdicts: Vec<Verdict>,
    /// The selected specs' crate names, in list order.
    pub specs: Vec<String>,
    /// Listed scenarios the server does not know (a typo, or a server that changed).
    pub unknown: Vec<(Category, String)>,
    /// Driver tests named after no scenario of their spec, with whether they passed.
    pub stray_tests: Vec<(String, String, bool)>,
    /// Whether every spec was selected (then the whole Azure report is judged).
    pub complete: bool,
    /// The selected specs' crates that did not generate, compile or have their drivers run, the
    /// operations left out of them, and their compiler warnings.
    pub crates: CrateState,
}

impl Report {
    /// Judges every scenario of the selected specs, and, when every spec ran, every scenario
    /// of the Azure report.
    fn build(
        list: &Scenarios,
        selected: &[Spec],
        reports: &BTreeMap<Category, BTreeMap<String, u64>>,
        runs: &BTreeMap<String, SpecRun>,
        crates: &CrateState,
        complete: bool,
    ) -> Report {
        let tests: BTreeMap<String, BTreeMap<String, TestResult>> =
            runs.iter().map(|(name, run)| (name.clone(), run.tests.clone())).collect();
        Report::judge(list, selected, reports, &tests, crates, complete)
    }

    /// [`Report::build`] on plain data (for tests).
    pub fn judge(
        list: &Scenarios,
        selected: &[Spec],
        reports: &BTreeMap<Category, BTreeMap<String, u64>>,
        tests: &BTreeMap<String, BTreeMap<String, TestResult>>,
        crates: &CrateState,
        complete: bool,
    ) -> Report {
        let empty = BTreeMap::new();
        let mut by_scenario: BTreeMap<(Category, String), Vec<&Spec>> = BTreeMap::new();
        for spec in selected {
            for category in CATEGORIES {
                for scenario in spec.scenarios(category) {
                    by_scenario.entry((category, scenario.clone())).or_default().push(spec);
                }
            }
        }
        if complete {
            for name in reports.get(&Category::Azure).unwrap_or(&empty).keys() {
                by_scenario.entry((Category::Azure, name.clone())).or_default();
            }
        }
        let mut verdicts = Vec::new();
        let mut unknown = Vec::new();
        for ((category, scenario), specs) in &by_scenario {
            let report = reports.get(category).unwrap_or(&empty);
            let Some(&count) = report.get(scenario) else {
                unknown.push((*category, scenario.clone()));
                continue;
            };
            let mut failed_drivers = Vec::new();
            let mut missing_drivers = Vec::new();
            let mut blocked_drivers = Vec::new();
            for spec in specs {
                let name = spec.crate_name();
                if let Some(why) = crates.blocked.get(&name) {
                    blocked_drivers.push((name, format!("{}: {}", spec.file, why.summary())));
                    continue;
                }
                match tests.get(&name).and_then(|t| t.get(&test_name(scenario))) {
                    Some(result) if result.passed => {}
                    Some(result) => failed_drivers.push((name, result.message.clone())),
                    None => missing_drivers.push(name),
                }
            }
            verdicts.push(Verdict {
                scenario: scenario.clone(),
                category: *category,
                specs: specs.iter().map(|s| s.crate_name()).collect(),
                count,
                failed_drivers,
                missing_drivers,
                blocked_drivers,
                excluded: list.exclusions.get(scenario).cloned(),
            });
        }
        let mut stray_tests = Vec::new();
        for spec in selected {
            let names: BTreeSet<String> =
                CATEGORIES.iter().flat_map(|c| spec.scenarios(*c)).map(|s| test_name(s)).collect();
            for (test, result) in tests.get(&spec.crate_name()).unwrap_or(&BTreeMap::new()) {
                if !names.contains(test) {
                    stray_tests.push((spec.crate_name(), test.clone(), result.passed));
                }
            }
        }
        let names: BTreeSet<String> = selected.iter().map(Spec::crate_name).collect();
        let only_selected = |map: &BTreeMap<String, Vec<String>>| -> BTreeMap<String, Vec<String>> {
            map.iter().filter(|(name, _)| names.contains(*name)).map(|(n, v)| (n.clone(), v.clone())).collect()
        };
        let crates = CrateState {
            blocked: crates.blocked.iter().filter(|(name, _)| names.contains(*name)).map(|(n, b)| (n.clone(), b.clone())).collect(),
            left_out: only_selected(&crates.left_out),
            warnings: only_selected(&crates.warnings),
        };
        Report {
            verdicts,
            specs: selected.iter().map(Spec::crate_name).collect(),
            unknown,
            stray_tests,
            complete,
            crates,
        }
    }

    /// Whether the step passes: every selected spec's crate generated and compiled without
    /// warnings and its drivers ran, nothing unknown, no failing stray test, and every scenario
    /// passed or excluded.
    pub fn passed(&self) -> bool {
        self.crates.blocked.is_empty()
            && self.crates.warnings.is_empty()
            && self.unknown.is_empty()
            && self.stray_tests.iter().all(|(_, _, passed)| *passed)
            && self.verdicts.iter().all(|v| v.passed() || v.excluded.is_some())
    }

    /// The printed report.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "\nconformance report (a scenario passes when the server counted it and its driver tests passed)");
        let count = |verdicts: &[&Verdict]| (verdicts.iter().filter(|v| v.passed()).count(), verdicts.len());
        let azure: Vec<&Verdict> = self.verdicts.iter().filter(|v| v.category == Category::Azure).collect();
        let (n, m) = count(&azure);
        let scope = if self.complete { "the whole Azure report" } else { "the selected specs' scenarios only" };
        let _ = writeln!(out, "  Azure report: {n}/{m} ({scope})");
        for category in [Category::Vanilla, Category::Optional] {
            let these: Vec<&Verdict> = self.verdicts.iter().filter(|v| v.category == category).collect();
            let (n, m) = count(&these);
            let _ = writeln!(out, "  {} report: {n}/{m} (the listed specs' scenarios)", category_name(category));
        }
        let _ = writeln!(out, "  per spec (azure, vanilla, optional):");
        for spec in &self.specs {
            let mut cells = Vec::new();
            for category in CATEGORIES {
                let these: Vec<&Verdict> = self
                    .verdicts
                    .iter()
                    .filter(|v| v.category == category && v.specs.contains(spec))
                    .collect();
                let (n, m) = count(&these);
                cells.push(if m == 0 { "-".to_string() } else { format!("{n}/{m}") });
            }
            let state = match self.crates.blocked.get(spec) {
                Some(Blocked::Generate(_)) => "  (does not generate)",
                Some(Blocked::Compile(_)) => "  (does not compile)",
                Some(Blocked::Drivers(_)) => "  (drivers do not compile)",
                None => "",
            };
            let _ = writeln!(out, "    {spec:<32} {:>9} {:>9} {:>9}{state}", cells[0], cells[1], cells[2]);
        }
        for (spec, why) in &self.crates.blocked {
            let _ = writeln!(out, "  NOT DRIVEN {spec}: {}", why.summary());
            let _ = writeln!(out, "        {}", indent(&why.details()));
        }
        for (spec, warnings) in &self.crates.warnings {
            let _ = writeln!(out, "  WARNINGS in the crate {spec} (generated crates must compile without any):");
            for warning in warnings {
                let _ = writeln!(out, "        {}", indent(warning));
            }
        }
        for (spec, operations) in &self.crates.left_out {
            let _ = writeln!(out, "  operations the generator left out of {spec}:");
            for operation in operations {
                let _ = writeln!(out, "        {operation}");
            }
        }
        let missed: Vec<&Verdict> = self.verdicts.iter().filter(|v| !v.passed()).collect();
        let excluded = missed.iter().filter(|v| v.excluded.is_some()).count();
        let _ = writeln!(out, "  missed: {} ({} excluded)", missed.len(), excluded);
        for verdict in &missed {
            let mark = if verdict.excluded.is_some() { "excluded" } else { "MISSED" };
            let specs = if verdict.specs.is_empty() { "no listed spec".to_string() } else { verdict.specs.join(", ") };
            let _ = writeln!(out, "    {mark} {} [{}; {specs}]", verdict.scenario, category_name(verdict.category));
            if let Some(reason) = &verdict.excluded {
                let _ = writeln!(out, "        reason: {reason}");
            }
            if verdict.count == 0 {
                let _ = writeln!(out, "        the server did not count it");
            }
            for spec in &verdict.missing_drivers {
                let _ = writeln!(out, "        no driver test `{}` in {SOURCE_DIR}/tests/{spec}.rs", test_name(&verdict.scenario));
            }
            for (spec, why) in &verdict.blocked_drivers {
                let _ = writeln!(out, "        driver {spec}::{} not run: {why} (see NOT DRIVEN above)", test_name(&verdict.scenario));
            }
            for (spec, message) in &verdict.failed_drivers {
                let _ = writeln!(out, "        driver {spec}::{} failed: {}", test_name(&verdict.scenario), indent(message));
            }
        }
        for verdict in self.verdicts.iter().filter(|v| v.passed() && v.excluded.is_some()) {
            let _ = writeln!(out, "  note: {} passes but is on the exclusion list; remove it from there", verdict.scenario);
        }
        for (category, scenario) in &self.unknown {
            let _ = writeln!(out, "  UNKNOWN: `{scenario}` is listed under {} but the server's report has no such scenario", category_name(*category));
        }
        for (spec, test, passed) in &self.stray_tests {
            let state = if *passed { "passed" } else { "FAILED" };
            let _ = writeln!(out, "  stray test {spec}::{test} ({state}): named after no scenario listed for its spec");
        }
        let _ = writeln!(out, "conformance: {}", if self.passed() { "passed" } else { "FAILED" });
        out
    }
}

/// How the server and this report name a category.
fn category_name(category: Category) -> &'static str {
    match category {
        Category::Azure => "azure",
        Category::Vanilla => "vanilla",
        Category::Optional => "optional",
    }
}

/// A multi-line message indented under its heading line.
fn indent(message: &str) -> String {
    message.lines().collect::<Vec<_>>().join("\n          ")
}

fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
        [[spec]]
        file = "lro.json"
        azure = ["LROPutInlineComplete", "LROPostDoubleHeadersFinalLocationGet"]
        optional = ["LROPatchInlineCompleteIgnoreHeaders"]

        [[spec]]
        file = "head.json"
        vanilla = ["HttpSuccess200Head", "HttpSuccess404Head"]

        [[spec]]
        file = "head-exceptions.json"
        vanilla = ["HttpSuccess200Head"]

        [exclusions]
        HttpSuccess404Head = "a reason"
    "#;

    fn passed() -> TestResult {
        TestResult { passed: true, message: String::new() }
    }

    fn failed(message: &str) -> TestResult {
        TestResult { passed: false, message: message.to_string() }
    }

    #[test]
    fn test_names_are_the_coverage_names_in_snake_case() {
        assert_eq!(test_name("LROPutInlineComplete201"), "lro_put_inline_complete201");
        assert_eq!(test_name("LRORetryErrorPost202Retry200Succeeded"), "lro_retry_error_post202_retry200_succeeded");
        assert_eq!(test_name("HttpSuccess200Head"), "http_success200_head");
        assert_eq!(test_name("AzureODataFilter"), "azure_o_data_filter");
        assert_eq!(test_name("expectedNoErrors"), "expected_no_errors");
        assert_eq!(test_name("postParameterGroupingOptionalParameters"), "post_parameter_grouping_optional_parameters");
        assert_eq!(test_name("HeaderResponseDateTimeRfc1123Min"), "header_response_date_time_rfc1123_min");
    }

    #[test]
    fn the_checked_in_list_parses_and_names_distinct_crates() {
        let list = Scenarios::read(&crate::workspace_root().join(SOURCE_DIR).join("scenarios.toml")).unwrap();
        assert!(list.spec.iter().any(|s| s.crate_name() == "lro_parameterized_endpoints"));
        assert!(list.spec.iter().any(|s| s.crate_name() == "subscriptionid_apiversion"));
        let lro = list.spec.iter().find(|s| s.file == "lro.json").unwrap();
        assert!(lro.azure.iter().any(|s| s == "LROPostDoubleHeadersFinalLocationGet"), "{:?}", lro.azure);
    }

    #[test]
    fn the_drivers_manifest_and_modules_follow_the_list() {
        let source = crate::workspace_root().join(SOURCE_DIR);
        let list = Scenarios::read(&source.join("scenarios.toml")).unwrap();
        let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(source.join("Cargo.toml")).unwrap()).unwrap();
        let dependencies = manifest["dependencies"].as_table().unwrap();
        let generated: Vec<&String> = dependencies
            .iter()
            .filter(|(_, d)| d.get("path").and_then(|p| p.as_str()).is_some_and(|p| p.contains("target/conformance/crates/")))
            .map(|(name, _)| name)
            .collect();
        assert_eq!(generated.len(), list.spec.len(), "one optional dependency per spec of scenarios.toml: {generated:?}");
        let drivers = std::fs::read_to_string(source.join("tests").join("drivers.rs")).unwrap();
        for spec in &list.spec {
            let name = spec.crate_name();
            let dependency = &dependencies[&name];
            assert_eq!(dependency["path"].as_str(), Some(format!("../../target/conformance/crates/{name}").as_str()));
            assert_eq!(dependency["optional"].as_bool(), Some(true), "{name} must be optional (its feature gates its drivers)");
            let has_scenarios = CATEGORIES.iter().any(|c| !spec.scenarios(*c).is_empty());
            let module = format!("#[cfg(feature = \"{name}\")]\nmod {name};");
            assert_eq!(drivers.contains(&module), has_scenarios, "tests/drivers.rs and `{module}`");
        }
    }

    #[test]
    fn the_list_is_checked() {
        let list = Scenarios::parse(LIST).unwrap();
        assert_eq!(list.spec[1].crate_name(), "head");
        assert_eq!(list.spec[2].crate_name(), "head_exceptions");
        let twice = "[[spec]]\nfile = \"a.json\"\n[[spec]]\nfile = \"a.json\"\n";
        assert!(Scenarios::parse(twice).unwrap_err().to_string().contains("two specs"));
        let clash = "[[spec]]\nfile = \"a.json\"\nazure = [\"FooBar\", \"Foo_Bar\"]\n";
        assert!(Scenarios::parse(clash).unwrap_err().to_string().contains("share the driver test"));
        let stray = "[[spec]]\nfile = \"a.json\"\n[exclusions]\nNope = \"why\"\n";
        assert!(Scenarios::parse(stray).unwrap_err().to_string().contains("names no listed scenario"));
        let silent = "[[spec]]\nfile = \"a.json\"\nazure = [\"X\"]\n[exclusions]\nX = \" \"\n";
        assert!(Scenarios::parse(silent).unwrap_err().to_string().contains("no reason"));
        assert!(Scenarios::parse("[[spec]]\nfile = \"a.json\"\nazur = []\n").is_err());
    }

    #[test]
    fn specs_are_selected_by_file_stem_or_crate_name() {
        let list = Scenarios::parse(LIST).unwrap();
        let names = |only: &[&str]| -> Vec<String> {
            let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
            list.select(&only).unwrap().iter().map(|s| s.file.clone()).collect()
        };
        assert_eq!(names(&[]).len(), 3);
        assert_eq!(names(&["lro"]), ["lro.json"]);
        assert_eq!(names(&["head-exceptions.json", "head_exceptions"]), ["head-exceptions.json", "head-exceptions.json"]);
        assert!(list.select(&["paging".to_string()]).unwrap_err().to_string().contains("lro.json, head.json"));
    }

    #[test]
    fn the_install_hash_changes_with_either_file_and_their_boundary() {
        let a = install_hash(b"{}", b"lock");
        assert_eq!(a, install_hash(b"{}", b"lock"));
        assert_eq!(a.len(), 64);
        assert_ne!(a, install_hash(b"{ }", b"lock"));
        assert_ne!(a, install_hash(b"{}", b"lock2"));
        assert_ne!(install_hash(b"ab", b"c"), install_hash(b"a", b"bc"));
    }

    #[test]
    fn responses_and_reports_are_read() {
        let raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"A\":1,\"B\":0}";
        let report = parse_report(&response_body(raw).unwrap()).unwrap();
        assert_eq!(report, BTreeMap::from([("A".to_string(), 1), ("B".to_string(), 0)]));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"A\"\r\n3\r\n:2}\r\n0\r\n\r\n";
        assert_eq!(response_body(chunked).unwrap(), "{\"A\":2}");
        assert!(response_body(b"HTTP/1.1 404 Not Found\r\n\r\nno").unwrap_err().to_string().contains("404"));
        assert!(parse_report("{\"A\": \"x\"}").unwrap_err().to_string().contains("not a number"));
        assert!(parse_report("[]").is_err());
    }

    #[test]
    fn libtest_output_is_read_with_failure_messages() {
        let text = "\nrunning 3 tests\ntest a_b ... ok\ntest c_d ... FAILED\ntest e ... ignored\n\nfailures:\n\n---- c_d stdout ----\n\nthread 'c_d' panicked at tests/x.rs:1:2:\nthe client lacks X\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\nfailures:\n    c_d\n\ntest result: FAILED. 1 passed; 1 failed; 1 ignored\n";
        let tests = parse_test_output(text);
        assert_eq!(tests.len(), 2, "{tests:?}");
        assert!(tests["a_b"].passed);
        assert!(!tests["c_d"].passed);
        assert_eq!(tests["c_d"].message, "thread 'c_d' panicked at tests/x.rs:1:2:\nthe client lacks X");
    }

    #[test]
    fn verdicts_need_the_server_count_and_every_driver_and_honour_exclusions() {
        let list = Scenarios::parse(LIST).unwrap();
        let reports = BTreeMap::from([
            (
                Category::Azure,
                BTreeMap::from([
                    ("LROPutInlineComplete".to_string(), 1),
                    ("LROPostDoubleHeadersFinalLocationGet".to_string(), 2),
                    ("PagingSingle".to_string(), 0),
                ]),
            ),
            (
                Category::Vanilla,
                BTreeMap::from([("HttpSuccess200Head".to_string(), 3), ("HttpSuccess404Head".to_string(), 0)]),
            ),
            (Category::Optional, BTreeMap::new()),
        ]);
        let tests = BTreeMap::from([
            (
                "lro".to_string(),
                BTreeMap::from([
                    ("lro_put_inline_complete".to_string(), passed()),
                    ("lro_post_double_headers_final_location_get".to_string(), failed("expected a GET on Location")),
                    ("something_else".to_string(), passed()),
                ]),
            ),
            ("head".to_string(), BTreeMap::from([("http_success200_head".to_string(), passed())])),
            ("head_exceptions".to_string(), BTreeMap::from([("http_success200_head".to_string(), failed("404"))])),
        ]);
        let report = Report::judge(&list, &list.spec, &reports, &tests, &CrateState::default(), true);
        let verdict = |name: &str| report.verdicts.iter().find(|v| v.scenario == name).unwrap();
        assert!(verdict("LROPutInlineComplete").passed());
        // Counted by the server, but the driver saw the wrong result.
        assert!(!verdict("LROPostDoubleHeadersFinalLocationGet").passed());
        // One of two specs' drivers failed.
        assert_eq!(verdict("HttpSuccess200Head").failed_drivers, [("head_exceptions".to_string(), "404".to_string())]);
        // An Azure scenario no listed spec covers is judged, and missed.
        assert!(verdict("PagingSingle").specs.is_empty() && !verdict("PagingSingle").passed());
        // Missed but excluded.
        assert_eq!(verdict("HttpSuccess404Head").excluded.as_deref(), Some("a reason"));
        assert_eq!(report.unknown, [(Category::Optional, "LROPatchInlineCompleteIgnoreHeaders".to_string())]);
        assert_eq!(report.stray_tests, [("lro".to_string(), "something_else".to_string(), true)]);
        assert!(!report.passed());
        let text = report.render();
        assert!(text.contains("Azure report: 1/3 (the whole Azure report)"), "{text}");
        assert!(text.contains("vanilla report: 0/2"), "{text}");
        assert!(text.contains("driver lro::lro_post_double_headers_final_location_get failed: expected a GET on Location"), "{text}");
        assert!(text.contains("excluded HttpSuccess404Head"), "{text}");

        // Only `head` selected: the Azure report is judged on its (no) scenarios only.
        let head: Vec<Spec> = list.select(&["head".to_string()]).unwrap();
        let report = Report::judge(&list, &head, &reports, &tests, &CrateState::default(), false);
        assert!(report.verdicts.iter().all(|v| v.category == Category::Vanilla));
        assert!(report.passed(), "{}", report.render());

        // `head` does not compile: its scenarios are missed, saying why, and the step fails even
        // where the server counted the scenario.
        let crates = CrateState {
            blocked: BTreeMap::from([("head".to_string(), Blocked::Compile(vec!["error[E0599]: no method".to_string()]))]),
            left_out: BTreeMap::from([("head".to_string(), vec!["`op`: unsupported".to_string()])]),
            ..CrateState::default()
        };
        let report = Report::judge(&list, &head, &reports, &BTreeMap::new(), &crates, false);
        let verdict = report.verdicts.iter().find(|v| v.scenario == "HttpSuccess200Head").unwrap();
        assert_eq!(verdict.blocked_drivers, [("head".to_string(), "head.json: its crate does not compile (1 error(s))".to_string())]);
        assert!(!verdict.passed() && !report.passed());
        let text = report.render();
        assert!(text.contains("head") && text.contains("(does not compile)"), "{text}");
        assert!(text.contains("error[E0599]: no method"), "{text}");
        assert!(text.contains("`op`: unsupported"), "{text}");

        // A spec with no scenario whose crate does not generate still fails the step.
        let crates = CrateState {
            blocked: BTreeMap::from([("head".to_string(), Blocked::Generate("x.json#/a: unsupported".to_string()))]),
            ..CrateState::default()
        };
        let none = Scenarios::parse("[[spec]]\nfile = \"head.json\"\n").unwrap();
        let report = Report::judge(&none, &none.spec, &reports, &BTreeMap::new(), &crates, false);
        assert!(report.verdicts.is_empty() && !report.passed());
        assert!(report.render().contains("x.json#/a: unsupported"));
    }

    #[test]
    fn compiler_messages_are_blamed_on_their_crate_or_driver_module() {
        let crates = Path::new("/w/target/conformance/crates");
        let message = |manifest: &str, level: &str, file: &str, rendered: &str| {
            serde_json::json!({
                "reason": "compiler-message",
                "manifest_path": manifest,
                "message": {"level": level, "rendered": rendered, "spans": [{"file_name": file, "is_primary": true}]},
            })
            .to_string()
        };
        let stdout = [
            message("/w/target/conformance/crates/url/Cargo.toml", "error", "src/clients/paths_client.rs", "error[E0599]"),
            message("/w/target/conformance/crates/url/Cargo.toml", "warning", "src/lib.rs", "warning: unused"),
            message("/w/generator/conformance/Cargo.toml", "error", "tests/body_date.rs", "error: needless_update"),
            message("/w/generator/conformance/Cargo.toml", "error", "src/lib.rs", "error: in the library"),
            r#"{"reason":"compiler-message","manifest_path":"/w/generator/conformance/Cargo.toml","message":{"level":"error","rendered":"error: aborting","spans":[]}}"#.to_string(),
            r#"{"reason":"build-finished","success":false}"#.to_string(),
        ]
        .join("\n");
        let found = read_diagnostics(&stdout, crates);
        let origins: Vec<(Origin, bool)> = found.iter().map(|d| (d.origin.clone(), d.error)).collect();
        assert_eq!(
            origins,
            [
                (Origin::Crate("url".to_string()), true),
                (Origin::Crate("url".to_string()), false),
                (Origin::Drivers(Some("body_date".to_string())), true),
                (Origin::Drivers(None), true),
            ]
        );
        assert_eq!(found[0].rendered, "error[E0599]");
    }
}
