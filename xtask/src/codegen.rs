//! `cargo xtask codegen`: generate a crate in memory, then bring a folder in line with it
//! (write what changed, remove what is no longer produced), or with `--check` only report.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use generator::{Changelog, GeneratedFile, Options, Package};

use crate::args::Args;
use crate::manifest::Manifest;
use crate::{paths, write};

/// The command that regenerates the product crate, named in every file's `@generated` line.
pub const PRODUCT_COMMAND: &str = "cargo xtask codegen";

/// Top-level entries of an output folder that are never generator output (build products),
/// so neither compared nor removed.
const IGNORED: &[&str] = &["target", "Cargo.lock"];

/// What to generate where.
#[derive(Debug, Clone)]
pub struct Target {
    /// The spec, relative to the workspace root when inside it (so output and error locations
    /// read the same on every machine).
    pub spec: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The generator's options.
    pub options: Options,
}

impl Target {
    /// The product crate: the spec, crate name, version and publishing metadata that
    /// `specs/manifest.toml` gives in `[product]`, with the changelog it names, into
    /// `generated/`.
    pub fn product(root: &Path) -> Result<Self> {
        let manifest = Manifest::read(&root.join("specs"))?;
        Self::product_of(&manifest, root, Path::new("specs"))
    }

    /// The product crate of `manifest`, which lives in `root/specs`, into `root/generated`; the
    /// spec's path starts with `specs_shown` (`specs` when run from the workspace root, so output
    /// and error locations read the same on every machine).
    pub fn product_of(manifest: &Manifest, root: &Path, specs_shown: &Path) -> Result<Self> {
        let product = &manifest.product;
        product.check()?;
        let changelog = match &product.changelog {
            Some(path) => {
                let full = root.join("specs").join(path);
                let text = std::fs::read_to_string(&full)
                    .with_context(|| format!("reading {} (the changelog specs/manifest.toml names)", full.display()))?;
                Some(Changelog { source: format!("specs/{path}"), text })
            }
            None => None,
        };
        Ok(Self {
            spec: specs_shown.join(&product.spec),
            out: root.join("generated"),
            // The product crate leaves nothing out: an operation it cannot express is an error.
            options: Options {
                example_operation: product.example_operation.clone(),
                strict: true,
                // The one crate meant for crates.io: every other crate the xtask generates keeps
                // the default, `publish = false`.
                package: Package {
                    version: product.version.clone(),
                    publish: true,
                    repository: product.repository.clone(),
                    keywords: product.keywords.clone(),
                    categories: product.categories.clone(),
                    changelog,
                },
                ..Options::new(product.crate_name.clone(), PRODUCT_COMMAND)
            },
        })
    }
}

/// One difference between the generator's output and a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// The generator produces it; the folder does not have it.
    Missing {
        /// Relative path.
        path: PathBuf,
        /// What the generator produces.
        new: String,
    },
    /// Both have it, with different bytes.
    Changed {
        /// Relative path.
        path: PathBuf,
        /// What the folder has (lossy UTF-8 for the diff).
        old: String,
        /// What the generator produces.
        new: String,
    },
    /// The folder has it; the generator no longer produces it.
    Extra {
        /// Relative path.
        path: PathBuf,
    },
}

impl FileChange {
    /// The relative path this change is about.
    pub fn path(&self) -> &Path {
        match self {
            FileChange::Missing { path, .. } | FileChange::Changed { path, .. } | FileChange::Extra { path } => path,
        }
    }
}

/// Compares `files` with the folder `out`, in path order. A folder that does not exist holds
/// nothing.
pub fn compare(out: &Path, files: &[GeneratedFile]) -> Result<Vec<FileChange>> {
    let mut existing = BTreeMap::new();
    if out.exists() {
        list_files(out, out, &mut existing)?;
    }
    // What is in the folder and not generated gets removed, so a folder is only written when it
    // is empty or holds a crate the generator wrote (a mistyped `--out .` must not empty a
    // repository).
    if !existing.is_empty() && !holds_generated_crate(out) {
        bail!(
            "{} is not empty and holds no generated crate (no Cargo.toml starting with the `@generated` line); \
             the generator removes every file it does not write, so give an empty folder or one it generated",
            out.display()
        );
    }
    let mut changes = Vec::new();
    let mut produced = BTreeMap::new();
    for file in files {
        check_relative(&file.path)?;
        if produced.insert(file.path.clone(), &file.contents).is_some() {
            bail!("the generator produced {} twice", file.path.display());
        }
    }
    for (path, new) in &produced {
        match existing.get(path) {
            None => changes.push(FileChange::Missing { path: path.clone(), new: new.to_string() }),
            Some(full) => {
                let old = std::fs::read(full).with_context(|| format!("reading {}", full.display()))?;
                if old != new.as_bytes() {
                    let old = String::from_utf8_lossy(&old).into_owned();
                    changes.push(FileChange::Changed { path: path.clone(), old, new: new.to_string() });
                }
            }
        }
    }
    for path in existing.keys() {
        if !produced.contains_key(path) {
            changes.push(FileChange::Extra { path: path.clone() });
        }
    }
    changes.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(changes)
}

/// Makes the folder match, all or nothing (see `write`): the new tree is staged beside `out`
/// with missing and changed files written and unchanged ones linked, extra files (and folders
/// left empty) gone, then swapped in; `target/` and `Cargo.lock` are kept. A failure leaves `out`
/// as it was, byte for byte.
pub fn apply(out: &Path, changes: &[FileChange]) -> Result<()> {
    apply_with(out, changes, &mut write::write_synced)
}

/// `apply`, with each new file written by `write` (tests make it fail).
pub fn apply_with(out: &Path, changes: &[FileChange], write: &mut write::Writer<'_>) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let mut tree: BTreeMap<PathBuf, write::Entry<'_>> = BTreeMap::new();
    if out.exists() {
        let mut existing = BTreeMap::new();
        list_files(out, out, &mut existing)?;
        for (path, full) in existing {
            tree.insert(path, write::Entry::Keep(full));
        }
    }
    for change in changes {
        match change {
            FileChange::Missing { path, new } | FileChange::Changed { path, new, .. } => {
                tree.insert(path.clone(), write::Entry::Write(new.as_bytes()));
            }
            FileChange::Extra { path } => {
                tree.remove(path);
            }
        }
    }
    let tree: Vec<_> = tree.into_iter().collect();
    write::replace_tree(out, &tree, IGNORED, write)
}

/// A human report of `changes` under `out_display`: a unified diff per changed file, then the
/// missing and extra files.
pub fn render_check(out_display: &str, changes: &[FileChange]) -> String {
    let mut text = String::new();
    for change in changes {
        if let FileChange::Changed { path, old, new } = change {
            let name = format!("{out_display}/{}", paths::slashed(path));
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
            let _ = write!(text, "{}", diff.unified_diff().context_radius(3).header(&name, &name));
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    for change in changes {
        match change {
            FileChange::Missing { path, .. } => {
                let _ = writeln!(text, "missing: {out_display}/{} (the generator produces it)", paths::slashed(path));
            }
            FileChange::Extra { path } => {
                let _ = writeln!(
                    text,
                    "extra: {out_display}/{} (the generator no longer produces it)",
                    paths::slashed(path)
                );
            }
            FileChange::Changed { .. } => {}
        }
    }
    text
}

/// Generates `target` in memory and compares it with its folder. Operations left out of the
/// crate (when not strict) are printed as warnings, on stderr.
pub fn plan(target: &Target) -> Result<Vec<FileChange>> {
    let generated = generator::generate(&target.spec, &target.options).map_err(|e| anyhow::anyhow!("{e}"))?;
    for refusal in &generated.refused {
        eprintln!("warning: operation `{}` left out: {}", refusal.operation, refusal.error);
    }
    compare(&target.out, &generated.files)
}

/// `cargo xtask codegen [--check] [--spec PATH --out DIR --crate-name NAME]`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let check = args.flag("--check");
    let strict = args.flag("--strict");
    let spec = args.path("--spec")?;
    let out = args.path("--out")?;
    let crate_name = args.value("--crate-name")?;
    let spec_root = args.path("--root")?;
    args.finish()?;
    let root = crate::enter_workspace_root()?;

    let mut target = match (spec, out, crate_name) {
        (None, None, None) => Target::product(&root)?,
        (Some(spec), Some(out), Some(crate_name)) => {
            check_crate_name(&crate_name)?;
            let mut target = custom_target(&root, &spec, out, crate_name);
            target.options.strict = strict;
            target
        }
        _ => bail!("--spec, --out and --crate-name go together (or give none for the product crate)"),
    };
    target.options.root = spec_root;
    let is_product = target.options.command == PRODUCT_COMMAND;
    let out_display = paths::display(&target.out);
    let changes = plan(&target)?;

    if check {
        if changes.is_empty() {
            println!("{out_display} is up to date with {}", paths::slashed(&target.spec));
            return Ok(ExitCode::SUCCESS);
        }
        print!("{}", render_check(&out_display, &changes));
        println!(
            "\n{out_display} is stale: {} file(s) differ from what the generator writes. Run `{}`{}.",
            changes.len(),
            target.options.command,
            if is_product { " and commit the result" } else { "" }
        );
        return Ok(ExitCode::FAILURE);
    }

    apply(&target.out, &changes)?;
    for change in &changes {
        let verb = match change {
            FileChange::Missing { .. } => "created",
            FileChange::Changed { .. } => "updated",
            FileChange::Extra { .. } => "removed",
        };
        println!("{verb} {out_display}/{}", paths::slashed(change.path()));
    }
    let what = if is_product { "the product crate" } else { "the crate" };
    if changes.is_empty() {
        println!("{out_display} ({what}) was already up to date");
    } else {
        println!("{out_display} ({what}): {} file(s) changed", changes.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses a `--crate-name` cargo would refuse, or that would not compile, before anything is
/// generated: a keyword, or the name of a crate the generated one uses (`serde`, `tokio`, `std`,
/// ...: see `generator::expand::reserved_crate_names`), which it would shadow.
fn check_crate_name(name: &str) -> Result<()> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        bail!("--crate-name `{name}`: a crate name is ASCII letters, digits, `-` and `_`, starting with a letter or `_`");
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        bail!("--crate-name `{name}`: a crate name is lowercase (rustc's non_snake_case lint refuses `{name}` as a crate's name)");
    }
    let rust_name = name.replace('-', "_");
    if generator::names::is_keyword(&rust_name) || rust_name == "_" {
        bail!("--crate-name `{name}`: `{rust_name}` is a Rust keyword, which cannot name a crate");
    }
    if generator::expand::reserved_crate_names().contains(&rust_name) {
        bail!(
            "--crate-name `{name}`: the generated crate uses a crate called `{rust_name}`, which one of that name would \
             shadow; choose another name"
        );
    }
    Ok(())
}

/// A `--spec/--out/--crate-name` target. The `@generated` line names the command with the spec
/// relative to the workspace root when it is inside it, so the output does not depend on where
/// the workspace lives.
pub fn custom_target(root: &Path, spec: &Path, out: PathBuf, crate_name: String) -> Target {
    let spec = paths::relative_to(spec, root).map(PathBuf::from).unwrap_or_else(|| spec.to_path_buf());
    let out_shown = paths::relative_to(&out, root).unwrap_or_else(|| out.display().to_string());
    let command =
        format!("cargo xtask codegen --spec {} --out {} --crate-name {}", paths::slashed(&spec), out_shown, crate_name);
    Target { spec, out, options: Options::new(crate_name, command) }
}

/// Collects every file under `dir` as (path relative to `base`) → full path, skipping `IGNORED`
/// top-level entries.
fn list_files(base: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let full = entry.path();
        if dir == base && IGNORED.iter().any(|i| entry.file_name() == *i) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            list_files(base, &full, into)?;
        } else {
            let rel = full.strip_prefix(base).map(Path::to_path_buf).unwrap_or_else(|_| full.clone());
            into.insert(rel, full);
        }
    }
    Ok(())
}

/// Whether `out/Cargo.toml` is the generator's (its first line is the `@generated` preamble).
fn holds_generated_crate(out: &Path) -> bool {
    std::fs::read_to_string(out.join("Cargo.toml"))
        .is_ok_and(|text| text.lines().next().is_some_and(|first| first.contains("@generated by")))
}

/// Refuses output paths that would land outside the output folder.
fn check_relative(path: &Path) -> Result<()> {
    use std::path::Component;
    if path.as_os_str().is_empty() || path.components().any(|c| !matches!(c, Component::Normal(_))) {
        bail!("the generator produced a file with a path outside its crate: {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: PathBuf::from(path), contents: contents.to_string() }
    }

    #[test]
    fn crate_names_cargo_would_refuse_are_refused_first() {
        for good in ["azure_resourcemanager_iothub", "iotdps-2026", "_x"] {
            assert!(check_crate_name(good).is_ok(), "{good}");
        }
        for bad in ["", "bad name", "9lives", "a/b", "é"] {
            let error = check_crate_name(bad).unwrap_err().to_string();
            assert!(error.starts_with(&format!("--crate-name `{bad}`")), "{error}");
        }
        for taken in
            ["azure_core", "azure-core", "serde", "serde_json", "time", "tokio", "url", "percent-encoding", "std", "core"]
        {
            let error = check_crate_name(taken).unwrap_err().to_string();
            assert!(error.starts_with(&format!("--crate-name `{taken}`: the generated crate uses a crate called")), "{error}");
        }
        for also in ["alloc", "test", "proc_macro", "azure_identity", "hyper", "reqwest", "rustls", "tokio-rustls"] {
            assert!(check_crate_name(also).is_err(), "{also}");
        }
        let error = check_crate_name("MyCrate").unwrap_err().to_string();
        assert!(error.contains("lowercase"), "{error}");
        for keyword in ["self", "crate", "fn", "_"] {
            let error = check_crate_name(keyword).unwrap_err().to_string();
            assert!(error.contains("keyword"), "{error}");
        }
    }

    #[test]
    fn compare_finds_missing_changed_and_extra_files_and_ignores_target() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("src")).unwrap();
        std::fs::create_dir_all(out.join("target/debug")).unwrap();
        std::fs::write(out.join("Cargo.toml"), GENERATED_TOML).unwrap();
        std::fs::write(out.join("Cargo.lock"), "# cargo's\n").unwrap();
        std::fs::write(out.join("src/lib.rs"), "old\n").unwrap();
        std::fs::write(out.join("src/gone.rs"), "x\n").unwrap();
        std::fs::write(out.join("target/debug/thing"), "build output\n").unwrap();
        let files = [file("Cargo.toml", GENERATED_TOML), file("src/lib.rs", "new\n"), file("src/models.rs", "m\n")];

        let changes = compare(out, &files).unwrap();
        let paths: Vec<_> = changes.iter().map(|c| paths::slashed(c.path())).collect();
        assert_eq!(paths, ["src/gone.rs", "src/lib.rs", "src/models.rs"]);
        assert!(matches!(&changes[0], FileChange::Extra { .. }));
        assert!(matches!(&changes[1], FileChange::Changed { old, new, .. } if old == "old\n" && new == "new\n"));
        assert!(matches!(&changes[2], FileChange::Missing { .. }));

        let report = render_check("generated", &changes);
        assert!(report.contains("--- generated/src/lib.rs"), "{report}");
        assert!(report.contains("-old\n+new\n"), "{report}");
        assert!(report.contains("missing: generated/src/models.rs"), "{report}");
        assert!(report.contains("extra: generated/src/gone.rs"), "{report}");

        let before = std::fs::metadata(out.join("Cargo.toml")).unwrap().modified().unwrap();
        apply(out, &changes).unwrap();
        assert!(compare(out, &files).unwrap().is_empty());
        assert!(!out.join("src/gone.rs").exists());
        assert!(out.join("target/debug/thing").exists(), "build output is never removed");
        let after = std::fs::metadata(out.join("Cargo.toml")).unwrap().modified().unwrap();
        assert_eq!(before, after, "unchanged files are not rewritten");
    }

    /// Every file under `dir` (build products and staging folders included) with its bytes and
    /// modification time.
    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
        let mut files = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                    files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), (std::fs::read(&path).unwrap(), modified));
                }
            }
        }
        files
    }

    /// A generated crate in `parent/out` with a build product and a lock file.
    fn previous_output(parent: &Path) -> PathBuf {
        let out = parent.join("out");
        std::fs::create_dir_all(out.join("src/clients")).unwrap();
        std::fs::create_dir_all(out.join("target/debug")).unwrap();
        std::fs::write(out.join("Cargo.toml"), GENERATED_TOML).unwrap();
        std::fs::write(out.join("Cargo.lock"), "# cargo's\n").unwrap();
        std::fs::write(out.join("target/debug/thing"), "build output\n").unwrap();
        std::fs::write(out.join("src/lib.rs"), "old lib\n").unwrap();
        std::fs::write(out.join("src/clients/a.rs"), "old a\n").unwrap();
        std::fs::write(out.join("src/gone.rs"), "gone\n").unwrap();
        out
    }

    fn new_files() -> Vec<GeneratedFile> {
        vec![
            file("Cargo.toml", GENERATED_TOML),
            file("src/lib.rs", "new lib\n"),
            file("src/clients/a.rs", "old a\n"),
            file("src/clients/b.rs", "new b\n"),
            file("src/models.rs", &"m".repeat(10_000)),
        ]
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_previous_output_byte_for_byte() {
        for fail_at in 0..3 {
            let dir = tempfile::tempdir().unwrap();
            let out = previous_output(dir.path());
            let before = snapshot(dir.path());
            let changes = compare(&out, &new_files()).unwrap();
            // As a full disk does: some files written, then one cut short and an error.
            let mut written = 0;
            let mut full_disk = |path: &Path, bytes: &[u8]| {
                if written == fail_at {
                    std::fs::write(path, &bytes[..bytes.len() / 2])?;
                    return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device"));
                }
                written += 1;
                write::write_synced(path, bytes)
            };
            let error = format!("{:#}", apply_with(&out, &changes, &mut full_disk).unwrap_err());
            assert!(error.contains("no space left on device") && error.contains("nothing was changed"), "{error}");
            assert_eq!(snapshot(dir.path()), before, "failing at write {fail_at} changed something");
        }
    }

    #[test]
    fn a_staged_write_keeps_build_products_and_unchanged_files_and_drops_extra_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = previous_output(dir.path());
        let before = snapshot(&out);
        let changes = compare(&out, &new_files()).unwrap();
        apply(&out, &changes).unwrap();
        let after = snapshot(&out);
        assert!(compare(&out, &new_files()).unwrap().is_empty());
        for kept in ["Cargo.toml", "Cargo.lock", "target/debug/thing", "src/clients/a.rs"] {
            assert_eq!(after[Path::new(kept)], before[Path::new(kept)], "{kept} is untouched, its time too");
        }
        assert!(!out.join("src/gone.rs").exists());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out"], "no staging or previous folder is left");
    }

    #[test]
    fn an_output_left_aside_by_a_killed_run_is_put_back_first() {
        let dir = tempfile::tempdir().unwrap();
        let out = previous_output(dir.path());
        // Killed between the two renames: the old output aside, a complete new one staged.
        std::fs::rename(&out, dir.path().join(".out.previous")).unwrap();
        std::fs::create_dir_all(dir.path().join(".out.staging/src")).unwrap();
        let changes = compare(&out, &new_files()).unwrap();
        apply(&out, &changes).unwrap();
        assert!(compare(&out, &new_files()).unwrap().is_empty());
        assert_eq!(std::fs::read_to_string(out.join("target/debug/thing")).unwrap(), "build output\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out"]);
    }

    #[test]
    fn apply_removes_folders_left_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("src/a/b")).unwrap();
        std::fs::write(out.join("Cargo.toml"), GENERATED_TOML).unwrap();
        std::fs::write(out.join("src/a/b/old.rs"), "x").unwrap();
        let changes = compare(out, &[file("Cargo.toml", GENERATED_TOML), file("src/lib.rs", "y")]).unwrap();
        apply(out, &changes).unwrap();
        assert!(!out.join("src/a").exists());
        assert!(out.join("src/lib.rs").exists());
    }

    /// The first line of a generated `Cargo.toml`.
    const GENERATED_TOML: &str = "# @generated by `cargo xtask codegen`. Do not edit by hand.\n";

    #[test]
    fn a_folder_the_generator_did_not_write_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
        let error = compare(out, &[file("Cargo.toml", GENERATED_TOML)]).unwrap_err().to_string();
        assert!(error.contains("is not empty and holds no generated crate"), "{error}");
        assert_eq!(std::fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
        // An empty folder, or one holding only build products, is fine.
        let empty = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(empty.path().join("target")).unwrap();
        assert_eq!(compare(empty.path(), &[file("Cargo.toml", GENERATED_TOML)]).unwrap().len(), 1);
    }

    #[test]
    fn a_generator_error_is_located_and_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("bad.json");
        std::fs::write(&spec, r##"{"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Nope"}}}}}}}"##).unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("keep.rs"), "kept").unwrap();
        let target = custom_target(Path::new("/elsewhere"), &spec, out.clone(), "c".into());
        let error = plan(&target).unwrap_err().to_string();
        assert!(error.contains("bad.json#"), "{error}");
        assert_eq!(std::fs::read_to_string(out.join("keep.rs")).unwrap(), "kept");
    }

    #[test]
    fn paths_outside_the_crate_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(compare(dir.path(), &[file("../escape.rs", "x")]).is_err());
        assert!(compare(dir.path(), &[file("/abs.rs", "x")]).is_err());
        assert!(compare(dir.path(), &[file("a.rs", "x"), file("a.rs", "y")]).is_err());
    }

    #[test]
    fn custom_targets_name_workspace_paths_relatively() {
        let root = Path::new("/w");
        let t = custom_target(root, Path::new("/w/specs/a/b.json"), PathBuf::from("/w/target/x"), "c".into());
        assert_eq!(t.spec, PathBuf::from("specs/a/b.json"));
        assert_eq!(t.options.command, "cargo xtask codegen --spec specs/a/b.json --out target/x --crate-name c");
    }
}
