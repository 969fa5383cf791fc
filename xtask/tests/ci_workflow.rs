//! `.github/workflows/ci.yml` runs what README.md says CI runs, so neither can change alone:
//! on pushes and pull requests, `cargo xtask codegen --check`, then exactly the README's test
//! command, with clippy and node installed and the cargo and npm caches.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The test command of README.md: the `cargo xtask test` line of the first `sh` block of its
/// "Set up and run" section, without its comment.
fn readme_test_command() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("\n## Set up and run\n").nth(1).expect("README.md has a \"Set up and run\" section");
    let block = section.split("```sh\n").nth(1).and_then(|b| b.split("```").next()).expect("a sh block");
    let commands: Vec<&str> = block
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|command| command.starts_with("cargo xtask test"))
        .collect();
    assert_eq!(commands.len(), 1, "one test command in README.md's block:\n{block}");
    commands[0].to_string()
}

fn workflow() -> Value {
    let text = std::fs::read_to_string(root().join(".github/workflows/ci.yml")).unwrap();
    serde_yaml::from_str(&text).expect("ci.yml is YAML")
}

/// Every step of every job, in order.
fn steps(workflow: &Value) -> Vec<&Value> {
    let jobs = workflow["jobs"].as_mapping().expect("jobs");
    jobs.values().flat_map(|job| job["steps"].as_sequence().expect("steps").iter()).collect()
}

#[test]
fn the_workflow_runs_the_readme_test_command_on_pushes_and_pull_requests() {
    let workflow = workflow();
    let on = workflow["on"].as_mapping().expect("`on` lists the events");
    for event in ["push", "pull_request"] {
        let config = on.get(event).unwrap_or_else(|| panic!("not run on {event}"));
        // An event with filters (branches, paths) would skip some pushes or pull requests.
        assert!(config.is_null(), "{event} is filtered: {config:?}");
    }
    let runs: Vec<&str> = steps(&workflow).iter().filter_map(|s| s["run"].as_str()).map(str::trim).collect();
    let test = readme_test_command();
    assert_eq!(runs, ["cargo xtask codegen --check", test.as_str()], "exactly these commands, in this order");
}

#[test]
fn the_workflow_installs_clippy_and_node_and_caches_cargo_and_npm() {
    let workflow = workflow();
    let steps = steps(&workflow);
    let uses = |prefix: &str| -> &Value {
        let found: Vec<&&Value> =
            steps.iter().filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix))).collect();
        assert_eq!(found.len(), 1, "one step uses {prefix}");
        found[0]
    };
    let toolchain = uses("dtolnay/rust-toolchain@");
    let components = toolchain["with"]["components"].as_str().unwrap_or_default();
    assert!(components.split(',').any(|c| c.trim() == "clippy"), "clippy is installed: {toolchain:?}");

    let node = uses("actions/setup-node@");
    let version: u64 = match &node["with"]["node-version"] {
        Value::Number(n) => n.as_u64().unwrap(),
        Value::String(s) => s.split('.').next().unwrap().parse().unwrap(),
        other => panic!("node-version: {other:?}"),
    };
    assert!(version >= 18, "README.md asks for node 18 or newer, not {version}");
    assert_eq!(node["with"]["cache"].as_str(), Some("npm"));
    let lock = node["with"]["cache-dependency-path"].as_str().unwrap();
    assert!(root().join(lock).is_file(), "the npm cache is keyed by {lock}, which does not exist");

    uses("Swatinem/rust-cache@");
    uses("actions/checkout@");
    // The installs and the cache come before the first command.
    let first_run = steps.iter().position(|s| s["run"].is_string()).unwrap();
    let last_setup = steps.iter().rposition(|s| s["uses"].is_string()).unwrap();
    assert!(last_setup < first_run, "a setup step comes after a command");
}
