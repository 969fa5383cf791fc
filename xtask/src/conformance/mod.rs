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
//!
//! The parts: [`scenarios`] (the list and its checks), [`server`] (installing, starting and
//! asking the test server), [`generate`] (the specs' crates), [`drivers`] (linting and building
//! the drivers, blaming compiler messages, reading libtest's output) and [`report`] (judging the
//! scenarios and printing the report).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::args::Args;
use crate::paths;

use drivers::{build_tests, lint, parse_test_output, Blocked, CrateState, SpecRun, TestResult};
use generate::generate;
use report::{parse_report, Report};
use scenarios::{Scenarios, Spec, CATEGORIES};
use server::{http_get, npm_ci, Server};

mod drivers;
mod generate;
mod report;
mod scenarios;
mod server;
#[cfg(test)]
mod tests;


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

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}
