//! `cargo xtask import --from CHECKOUT SPEC [--make-current] [--force] [--source NAME]`:
//! vendors a spec from a checkout of the Azure spec repository into `specs/`, with every file it
//! references (transitively) and the example files it names, keeping the relative layout, and
//! records each file in `specs/manifest.toml`.
//!
//! Everything is read and checked before anything is written: a spec whose references do not
//! resolve, or a vendored file that would change without `--force`, stops the import with
//! nothing copied.
//!
//! The example files the spec names that the checkout lacks are reported, each with the
//! operations that name it (upstream publishes them; a partial checkout may not have them).
//!
//! With `--make-current` it is the whole api-version bump in one command: the spec must first
//! generate (in memory, from the checkout), then it is vendored and made current; the report of
//! what changed for users of the crate, from the spec that was current, sets the crate's
//! version by its semver verdict (Cargo's rule, see [`crate::release`]) and adds a section to
//! the crate's changelog, both in `specs/`; `generated/` is regenerated from them, and the
//! report is written to `target/api-changes-<old>-to-<new>.md` and summed up.
//!
//! The parts of the command:
//! - this module: the command line, what to import and what an import did, the check that a spec
//!   made current generates, and the note on missing example files;
//! - `vendor`: the import itself: what the spec needs, read and compared with what is vendored,
//!   the manifest's entries, and the files written all or nothing;
//! - `bump`: the rest of `--make-current`: the report, the crate's version and changelog, and
//!   `generated/` regenerated;
//! - `git`: what the checkout's git says (its commit and where it came from).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::args::Args;
use crate::codegen::Target;
use crate::paths;

mod bump;
mod git;
mod vendor;

use bump::bump;
use vendor::import;

/// What to import.
#[derive(Debug, Clone)]
pub struct Request {
    /// The checkout's root.
    pub from: PathBuf,
    /// The spec's path inside the checkout (`specification/iothub/.../iothub.json`).
    pub spec: String,
    /// Make it the spec the product crate is generated from.
    pub make_current: bool,
    /// Overwrite vendored files whose content differs.
    pub force: bool,
    /// The `source` to record; by default the checkout's git remote, else `DEFAULT_SOURCE`.
    pub source: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files written (new or changed), relative to `specs/`.
    pub written: Vec<String>,
    /// Files already vendored with the same bytes.
    pub unchanged: Vec<String>,
    /// How many example files the spec names.
    pub named_examples: usize,
    /// Example files the spec names that the checkout does not have.
    pub missing_examples: Vec<MissingExample>,
    /// The checkout's commit, when it is a git checkout and the files are committed there.
    pub commit: Option<String>,
    /// The spec's `info.version`.
    pub api_version: String,
}

/// An example file the spec names that the checkout lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingExample {
    /// Its path, relative to the checkout (as upstream names it, and as `specs/` would hold it).
    pub path: String,
    /// The operationIds whose `x-ms-examples` name it.
    pub operations: Vec<String>,
}

/// `cargo xtask import`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let from = args.path("--from")?.context("--from CHECKOUT is required")?;
    let make_current = args.flag("--make-current");
    let force = args.flag("--force");
    let source = args.value("--source")?;
    let spec =
        args.next_positional().context("usage: cargo xtask import --from CHECKOUT SPEC [--make-current] [--force]")?;
    args.finish()?;
    // The spec may be given relative to the checkout (as upstream names it) or as a path that
    // leads into it from here.
    let spec = match paths::relative_to(&paths::absolute(Path::new(&spec)), &from) {
        Some(inside) if from.join(&inside).is_file() => inside,
        _ => spec,
    };
    let root = crate::enter_workspace_root()?;
    let request = Request { from, spec, make_current, force, source };
    let previous = Target::product(&root)?;
    if make_current {
        check_generates(&request, &previous.options)?;
    }
    let outcome = import(&root.join("specs"), &request)?;
    for path in &outcome.written {
        println!("copied specs/{path}");
    }
    println!(
        "{} file(s) copied, {} already vendored unchanged; api-version {}{}",
        outcome.written.len(),
        outcome.unchanged.len(),
        outcome.api_version,
        outcome.commit.as_deref().map(|c| format!(", commit {c}")).unwrap_or_default()
    );
    for line in missing_examples_note(&outcome) {
        println!("{line}");
    }
    if make_current {
        println!("specs/manifest.toml now names it as the product's spec");
        let bumped = bump(&root, Path::new("specs"), &previous.spec)?;
        for line in bumped.lines() {
            println!("{line}");
        }
        println!("review the report, the changelog section and `git diff generated/` as README.md's \"Bumping the api-version\" says, then run `cargo xtask test`");
    } else {
        println!("recorded in specs/manifest.toml; `--make-current` would make it the product's spec");
    }
    Ok(ExitCode::SUCCESS)
}

/// The product must still generate from a spec made current: checked in memory, from the
/// checkout, before anything is copied.
fn check_generates(request: &Request, options: &generator::Options) -> Result<()> {
    let options = generator::Options { root: Some(request.from.clone()), ..options.clone() };
    generator::generate(&request.from.join(&request.spec), &options)
        .map(drop)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("the spec does not generate the product crate, so nothing was imported")
}

/// What the import says about the example files the spec names that the checkout lacks: how
/// many of how many, and each one with the operations that name it.
fn missing_examples_note(outcome: &Outcome) -> Vec<String> {
    if outcome.missing_examples.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![format!(
        "note: the spec names {} example file(s); {} of them are not in the checkout, so they are not vendored. \
         Upstream publishes a spec's examples in its examples/ folder: import from a checkout that has them to \
         vendor them. Until then each is an ignored example test, and the operations no example file covers get \
         synthesized example tests:",
        outcome.named_examples,
        outcome.missing_examples.len()
    )];
    for missing in &outcome.missing_examples {
        lines.push(format!("  {} (named by {})", missing.path, missing.operations.join(", ")));
    }
    lines
}

#[cfg(test)]
mod tests;
