//! The drivers: linted with clippy and built with the selected specs' features, the compiler's
//! messages blamed on a generated crate or a driver module, and libtest's output read back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use super::tail;

/// Builds the drivers' test binaries with the specs' `features`; their paths by target name.
pub(super) fn build_tests(dir: &Path, env: &[(&str, &str)], features: &[String]) -> Result<BTreeMap<String, PathBuf>> {
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
pub(super) fn lint(
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
pub(super) enum Origin {
    /// A generated crate, by name.
    Crate(String),
    /// The drivers' crate: the driver module (`tests/<module>.rs`) its primary span is in, if any.
    Drivers(Option<String>),
}

/// One compiler message with a location (the `N errors` summaries are skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Diagnostic {
    pub(super) origin: Origin,
    /// Whether it is an error (clippy's `-D warnings` makes the drivers' warnings errors).
    pub(super) error: bool,
    /// As the compiler prints it.
    pub(super) rendered: String,
}

/// The located compiler messages of cargo's JSON output; a message of a crate under `crates` is
/// that crate's, anything else the drivers'.
pub(super) fn read_diagnostics(stdout: &str, crates: &Path) -> Vec<Diagnostic> {
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
pub(super) struct SpecRun {
    pub(super) tests: BTreeMap<String, TestResult>,
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
