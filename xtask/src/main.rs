//! `cargo xtask <command>`: the commands maintainers run. One binary, a few dependencies,
//! run from the workspace root whatever the current directory.
//!
//! Paths given on the command line are read relative to the directory the command was started
//! in; everything else is relative to the workspace root, and the process works from there so
//! the paths the generator sees (and may print in errors) are the same on every machine.

mod alloc;
mod args;
mod bench;
mod codegen;
mod conformance;
mod diff;
mod import;
mod manifest;
mod model;
mod mutate;
mod paths;
mod release;
mod test;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::args::Args;

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  codegen [--check] [--spec PATH --out DIR --crate-name NAME [--strict]] [--root DIR]
      Regenerate generated/ from the spec specs/manifest.toml names (or any spec into any
      folder). --check writes nothing, prints a diff, and fails when the output is stale.
      An operation the generator cannot express is left out with a located warning, or is
      an error with --strict (always for the product crate).
      --root is the folder the spec's $refs may read from (default: the nearest ancestor of
      the spec's folder named `specification`, else the spec's folder), as for model, bench
      and diff.
  model [--spec PATH] [--root DIR]
      Summarise the IR of a spec (default: the product spec).
  bench [--runs N] [--spec PATH] [--root DIR]
      Time the in-memory pipeline (load, lower, expand) in release mode; report peak memory.
  bench --compile [--rounds N]
      Time `cargo build` and `cargo check` of the generated crates (every vendored spec, with
      the time per model and per operation) against autorust's azure_mgmt_iothub, in rounds.
  mutate [--seed S] [--count N] [--max-seconds T] [--only I --keep DIR]
      Run the generator on N seeded mutants of the vendored and fixture specs (in a worker
      process); fail on a panic, an abort, a hang, an error not located at a place that exists,
      or a refused spec that changes the output. --only I --keep DIR writes mutant I to DIR.
  test
      Everything CI runs: codegen --check, cargo test, clippy, docs, cargo package (the product
      crate as crates.io would receive it), generality and fixture crates, then the conformance step.
  conformance [--spec NAME]...
      Generate the crates of the AutoRest test server's specs (generator/conformance/scenarios.toml),
      drive every scenario against the server (installed with npm ci), print the report's counts
      and every missed scenario; fail when one not on the exclusion list was missed.
  import --from CHECKOUT SPEC [--make-current] [--force] [--source NAME]
      Vendor SPEC (a path inside CHECKOUT) and every file it references into specs/
      (references that lead out of CHECKOUT are refused).
      Reports the example files the spec names that the checkout lacks.
      --make-current also makes it the product's spec, sets the crate's version and adds a
      changelog section by the report of what changed (specs/manifest.toml, specs/CHANGELOG.md),
      regenerates generated/ and writes the report to target/api-changes-<old>-to-<new>.md.
  diff OLD NEW [--format markdown|json] [--root DIR]
      Compare two specs through the IR: what changes for users of the generated crate.
      OLD and NEW are spec paths, or api-versions of specs listed in specs/manifest.toml.
";

fn main() -> ExitCode {
    let mut args = Args::from_env();
    let Some(command) = args.next_positional() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "codegen" => codegen::run(args),
        "model" => model::run(args),
        "mutate" => mutate::run(args),
        "bench" => bench::run(args),
        "test" => test::run(args),
        "conformance" => conformance::run(args),
        "import" => import::run(args),
        "diff" => diff::run(args),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(anyhow::anyhow!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// Moves the process to the workspace root, after the command line's paths are resolved.
pub fn enter_workspace_root() -> Result<PathBuf> {
    let root = workspace_root();
    std::env::set_current_dir(&root)
        .map_err(|e| anyhow::anyhow!("cannot enter the workspace root {}: {e}", root.display()))?;
    Ok(root)
}
