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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use generator::load::ExampleFile;

use crate::args::Args;
use crate::codegen::{self, Target};
use crate::manifest::{sha256_hex, FileEntry, Manifest, SpecEntry};
use crate::release::{self, Version};
use crate::{paths, write};

/// The source recorded when the checkout does not say (no git remote): the repository the
/// command is documented to import from.
const DEFAULT_SOURCE: &str = "Azure/azure-rest-api-specs";

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

/// What [`bump`] did.
#[derive(Debug)]
pub struct Bumped {
    /// Files of the product crate created, updated or removed, relative to it.
    pub changed: Vec<String>,
    /// The report of what changed for users of the crate, when the spec changed.
    pub report: Option<(PathBuf, generator::diff::Report)>,
    /// The crate's version before the bump and after it (the same when nothing changed for its
    /// users).
    pub versions: (Version, Version),
    /// The changelog a section was added to (as shown, `specs/CHANGELOG.md`), when the version
    /// moved and the manifest names a changelog.
    pub changelog: Option<String>,
    /// The version of the changelog's previous top section when it was still unreleased.
    pub unreleased: Option<String>,
}

impl Bumped {
    /// What to print, a line each.
    fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("regenerated generated/: {} file(s) changed", self.changed.len())];
        if let Some((path, report)) = &self.report {
            let count = |impact| report.changes.iter().filter(|c| c.impact == impact).count();
            use generator::diff::Impact;
            lines.push(format!(
                "api changes {} → {}: {} breaking, {} addition(s), {} compatible; implied bump: {}",
                report.old_version,
                report.new_version,
                count(Impact::Breaking),
                count(Impact::Addition),
                count(Impact::Compatible),
                report.bump
            ));
            lines.push(format!("the full report: {}", paths::display(path)));
        }
        let (old, new) = self.versions;
        if old == new {
            lines.push(format!("version {new} unchanged (nothing changed for users of the crate)"));
        } else {
            lines.push(format!(
                "version {old} → {new} (specs/manifest.toml; by Cargo's compatibility rule, see README.md \"Version and changelog\")"
            ));
        }
        if let Some(changelog) = &self.changelog {
            lines.push(format!("{changelog}: added the section for {new}, written from the report; edit it as you see fit"));
        }
        if let Some(unreleased) = &self.unreleased {
            lines.push(format!(
                "note: the changelog's previous section, {unreleased}, was still unreleased; if {unreleased} was never \
                 published, merge the two sections and set the version by hand"
            ));
        }
        lines
    }
}

/// Completes a bump whose spec was just made current in `root/specs/manifest.toml`: compares it
/// with `old_spec` (the spec that was current), sets the crate's version by the report's verdict
/// and adds the changelog section written from the report (both inputs of the generator, in
/// `specs/`), writes the report under `root/target/`, then regenerates `root/generated/`.
/// `specs_shown` is how `root/specs` is named in paths (`specs` from the workspace root).
pub fn bump(root: &Path, specs_shown: &Path, old_spec: &Path) -> Result<Bumped> {
    let specs = root.join("specs");
    let mut manifest = Manifest::read(&specs)?;
    let new_spec = specs_shown.join(&manifest.product.spec);
    let previous: Version =
        manifest.product.version.parse().context("specs/manifest.toml: [product] version")?;
    let mut bumped = Bumped {
        changed: Vec::new(),
        report: None,
        versions: (previous, previous),
        changelog: None,
        unreleased: None,
    };
    if old_spec != new_spec {
        let report = crate::diff::report(old_spec, &new_spec)?;
        let version = release::next_version(previous, report.bump);
        if version != previous {
            manifest.product.version = version.to_string();
            if let Some(changelog) = manifest.product.changelog.clone() {
                let path = specs.join(&changelog);
                let text = match std::fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => "# Release History\n".to_string(),
                    Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
                };
                bumped.unreleased = release::unreleased_top(&text);
                let section = release::changelog_section(previous, version, &report);
                std::fs::write(&path, release::prepend_section(&text, &section))
                    .with_context(|| format!("writing {}", path.display()))?;
                bumped.changelog = Some(format!("specs/{changelog}"));
            }
            manifest.write(&specs)?;
            bumped.versions.1 = version;
        }
        let folder = root.join("target");
        std::fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
        let path = folder.join(format!("api-changes-{}-to-{}.md", report.old_version, report.new_version));
        std::fs::write(&path, generator::diff::render_markdown(&report))
            .with_context(|| format!("writing {}", path.display()))?;
        bumped.report = Some((path, report));
    }
    let target = Target::product_of(&manifest, root, specs_shown)?;
    let changes = codegen::plan(&target)?;
    codegen::apply(&target.out, &changes)?;
    bumped.changed = changes.iter().map(|c| paths::slashed(c.path())).collect();
    Ok(bumped)
}

/// Imports `request` into `specs_dir` (which holds `manifest.toml`).
pub fn import(specs_dir: &Path, request: &Request) -> Result<Outcome> {
    let from = paths::absolute(&request.from);
    let spec_path = paths::normalize(&from.join(&request.spec));
    let spec_rel = paths::relative_to(&spec_path, &from)
        .with_context(|| format!("{} is not inside the checkout {}", request.spec, from.display()))?;
    if !spec_path.is_file() {
        bail!("{} does not exist", spec_path.display());
    }
    let mut manifest = Manifest::read(specs_dir)?;

    // Load first: an unresolvable reference, or one that leads out of the checkout, stops
    // everything here, before any copy.
    let loaded = generator::load::load_spec_within(&spec_path, Some(&from)).map_err(|e| anyhow::anyhow!("{e}"))?;
    let api_version = loaded.document.info.version.clone();

    let mut wanted: Vec<PathBuf> = loaded.files.iter().map(|f| paths::absolute(f)).collect();
    let naming = operations_naming_examples(&loaded);
    let mut missing_examples = Vec::new();
    for (path, example) in &loaded.examples {
        let operations = naming.get(path).cloned().unwrap_or_default();
        let path = paths::absolute(path);
        match example {
            ExampleFile::Missing => missing_examples.push(MissingExample { path: inside(&path, &from)?, operations }),
            ExampleFile::Found(_) | ExampleFile::Invalid(_) => wanted.push(path),
        }
    }
    wanted.sort();
    wanted.dedup();

    // Read everything and compare with what is vendored.
    let mut plan = Vec::new();
    let mut unchanged = Vec::new();
    let mut conflicts = Vec::new();
    for path in &wanted {
        let rel = inside(path, &from)?;
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let dest = specs_dir.join(&rel);
        match std::fs::read(&dest) {
            Ok(existing) if existing == bytes => unchanged.push(rel.clone()),
            Ok(_) => {
                conflicts.push(rel.clone());
                plan.push((rel, bytes));
            }
            Err(_) => plan.push((rel, bytes)),
        }
    }
    if !conflicts.is_empty() && !request.force {
        bail!(
            "these vendored files differ from the checkout's; nothing was copied (pass --force to overwrite them):\n  specs/{}",
            conflicts.join("\n  specs/")
        );
    }

    let rels: Vec<String> = wanted.iter().map(|p| inside(p, &from)).collect::<Result<_>>()?;
    let commit = git_commit(&from, &rels);
    let source = match &request.source {
        Some(s) => s.clone(),
        None => git_source(&from).unwrap_or_else(|| DEFAULT_SOURCE.to_string()),
    };

    // Every file's bytes are known now: the manifest is computed before anything is written.
    let mut contents: std::collections::BTreeMap<&str, Vec<u8>> = std::collections::BTreeMap::new();
    for (rel, bytes) in &plan {
        contents.insert(rel, bytes.clone());
    }
    for path in &wanted {
        let rel = inside(path, &from)?;
        let bytes = match contents.get(rel.as_str()) {
            Some(bytes) => bytes.clone(),
            None => std::fs::read(specs_dir.join(&rel)).with_context(|| format!("reading specs/{rel}"))?,
        };
        let sha256 = sha256_hex(&bytes);
        // Re-importing an unchanged file from a checkout that knows less (no git) keeps what
        // the manifest already says about where it came from.
        let known = manifest.file.iter().any(|f| f.path == rel && f.sha256 == sha256);
        if known && commit.is_none() && request.source.is_none() {
            continue;
        }
        manifest.upsert_file(FileEntry { path: rel, source: source.clone(), commit: commit.clone(), sha256 });
    }
    manifest.upsert_spec(SpecEntry { path: spec_rel.clone(), api_version: api_version.clone() });
    if request.make_current {
        manifest.product.spec = spec_rel;
        manifest.product.api_version = api_version.clone();
    }
    write_all_or_nothing(specs_dir, &plan, &manifest)?;

    Ok(Outcome {
        written: plan.into_iter().map(|(rel, _)| rel).collect(),
        unchanged,
        named_examples: loaded.examples.len(),
        missing_examples,
        commit,
        api_version,
    })
}

/// Writes the planned files, then the manifest, each atomically (beside itself, then renamed);
/// when one fails, those already written are put back as they were (or removed when new), so
/// `specs/` is left as it was.
fn write_all_or_nothing(specs_dir: &Path, plan: &[(String, Vec<u8>)], manifest: &Manifest) -> Result<()> {
    // What was there before each write: its bytes, or `None` when the file is new.
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    let mut result = Ok(());
    for (rel, bytes) in plan {
        let dest = specs_dir.join(rel);
        let before = std::fs::read(&dest).ok();
        let written = dest
            .parent()
            .map_or(Ok(()), |parent| {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))
            })
            .and_then(|()| write::write_atomic(&dest, bytes));
        if let Err(error) = written {
            result = Err(error);
            break;
        }
        done.push((dest, before));
    }
    if result.is_ok() {
        result = manifest.write(specs_dir);
    }
    if let Err(error) = result {
        for (dest, before) in done.into_iter().rev() {
            let _ = match before {
                Some(bytes) => write::write_atomic(&dest, &bytes),
                None => std::fs::remove_file(&dest).map_err(anyhow::Error::new),
            };
        }
        return Err(error.context("nothing was imported: specs/ is as it was"));
    }
    Ok(())
}

/// The operationIds that name each example file (keyed as `LoadedSpec::examples` is), in the
/// document's order.
fn operations_naming_examples(loaded: &generator::load::LoadedSpec) -> BTreeMap<PathBuf, Vec<String>> {
    let mut naming: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (route, item) in loaded.document.paths.iter() {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            let Some(entries) = operation.extensions.get("x-ms-examples").and_then(|v| v.as_object()) else { continue };
            let pointer = format!("/paths/{}/{method}", route.replace('~', "~0").replace('/', "~1"));
            let name = operation.operation_id.clone().unwrap_or_else(|| format!("{} {route}", method.to_uppercase()));
            for reference in entries.values().filter_map(|entry| entry.get("$ref").and_then(|r| r.as_str())) {
                let names = naming.entry(loaded.example(&pointer, reference).0).or_default();
                if !names.contains(&name) {
                    names.push(name.clone());
                }
            }
        }
    }
    naming
}

/// `path` relative to the checkout, or an error naming it when a reference leads outside.
fn inside(path: &Path, from: &Path) -> Result<String> {
    paths::relative_to(path, from).with_context(|| {
        format!("{} is outside the checkout {}; only files inside it can be vendored", path.display(), from.display())
    })
}

/// The checkout's HEAD commit, when `from` is a git checkout and none of `files` differs from
/// it (a commit would otherwise claim content it does not have).
fn git_commit(from: &Path, files: &[String]) -> Option<String> {
    let head = git(from, &["rev-parse", "HEAD"])?;
    let mut status = vec!["status", "--porcelain", "--"];
    status.extend(files.iter().map(String::as_str));
    let dirty = git(from, &status)?;
    if !dirty.is_empty() {
        eprintln!("warning: the checkout has uncommitted changes to these files; no commit recorded:\n{dirty}");
        return None;
    }
    Some(head)
}

/// The checkout's `origin` as `owner/name` for GitHub remotes, the URL otherwise.
fn git_source(from: &Path) -> Option<String> {
    let url = git(from, &["remote", "get-url", "origin"])?;
    let trimmed = url.trim_end_matches(".git");
    for prefix in ["https://github.com/", "git@github.com:", "ssh://git@github.com/"] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return Some(rest.to_string());
        }
    }
    Some(url)
}

/// Runs `git -C dir args...`: its trimmed output, or `None` when git fails or is absent.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DPS: &str = "specification/deviceprovisioningservices/resource-manager/Microsoft.Devices/DeviceProvisioningServices/stable/2026-11-01/iotdps.json";
    const STABLE: &str = "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json";
    const TYPES: &str = "specification/common-types/resource-management/v3/types.json";
    const IDENTITY: &str = "specification/common-types/resource-management/v3/managedidentity.json";
    const GETJOB: &str =
        "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/examples/iothub_getjob.json";
    const PREVIEW: &str =
        "specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json";

    #[test]
    fn a_spec_that_does_not_generate_is_refused_before_anything_is_copied() {
        let from = tempfile::tempdir().unwrap();
        let spec = "specification/x/multipart.yaml";
        std::fs::create_dir_all(from.path().join("specification/x")).unwrap();
        std::fs::copy(
            crate::workspace_root().join("generator/tests/fixtures/lower/body.yaml"),
            from.path().join(spec),
        )
        .unwrap();
        let refused = Request { make_current: true, ..request(from.path(), spec) };
        // As the product's options are: strict.
        let options = generator::Options { strict: true, ..generator::Options::new("x", "cargo xtask codegen") };
        let error = format!("{:#}", check_generates(&refused, &options).unwrap_err());
        assert!(error.starts_with("the spec does not generate the product crate, so nothing was imported: "), "{error}");
        assert!(error.contains("multipart.yaml#/paths/~1multipart/post/requestBody: unsupported"), "{error}");
        // The vendored specs load and generate.
        let ok = Request { make_current: true, ..request(&crate::workspace_root().join("specs"), STABLE) };
        check_generates(&ok, &options).unwrap();
    }

    /// The bump a maintainer runs, end to end in a workspace of its own: import the next
    /// api-version as current, then `bump` sets the crate's version by the report's verdict,
    /// adds the changelog section written from the report, regenerates the product crate from
    /// both and writes the report of the changes from the spec that was current.
    #[test]
    fn a_bump_sets_the_version_and_changelog_regenerates_the_product_crate_and_writes_the_report() {
        let root = tempfile::tempdir().unwrap();
        let specs = root.path().join("specs");
        std::fs::create_dir_all(&specs).unwrap();
        let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
        manifest.file.clear();
        manifest.spec.retain(|s| s.path == STABLE);
        manifest.write(&specs).unwrap();
        let changelog = manifest.product.changelog.clone().expect("the product has a changelog");
        let vendored_changelog = std::fs::read_to_string(crate::workspace_root().join("specs").join(&changelog)).unwrap();
        std::fs::write(specs.join(&changelog), &vendored_changelog).unwrap();
        let before: Version = manifest.product.version.parse().unwrap();
        let from = checkout(&[STABLE, PREVIEW, TYPES, IDENTITY]);
        import(&specs, &request(from.path(), STABLE)).unwrap();
        import(&specs, &Request { make_current: true, ..request(from.path(), PREVIEW) }).unwrap();
        assert_eq!(Manifest::read(&specs).unwrap().product.spec, PREVIEW);

        let bumped = bump(root.path(), &specs, &specs.join(STABLE)).unwrap();

        // 13 breaking changes: under Cargo's rule for 0.y.z, the minor version.
        let (path, report) = bumped.report.as_ref().expect("a report");
        assert_eq!(report.bump, generator::diff::Bump::Major);
        let after = Version { minor: before.minor + 1, patch: 0, ..before };
        assert_eq!(before.major, 0, "the rule checked here is the 0.y.z one");
        assert_eq!(bumped.versions, (before, after));
        assert_eq!(Manifest::read(&specs).unwrap().product.version, after.to_string());
        let cargo = std::fs::read_to_string(root.path().join("generated/Cargo.toml")).unwrap();
        assert!(cargo.contains(&format!("\nversion = \"{after}\"\n")), "{cargo}");
        assert!(cargo.contains("api-version 2025-08-01-preview"), "{cargo}");
        assert!(bumped.changed.iter().any(|f| f == "Cargo.toml"), "{:?}", bumped.changed);

        // The changelog: the new section first, written from the report, the old one kept.
        let text = std::fs::read_to_string(specs.join(&changelog)).unwrap();
        let (title, rest) = vendored_changelog.split_once("\n## ").unwrap();
        let expected_start = format!("{title}\n## {after} (Unreleased)\n\nThe Resource Manager API `iotHubClient` moves from api-version `2023-06-30` to `2025-08-01-preview`.");
        assert!(text.starts_with(&expected_start), "{text}");
        assert!(text.ends_with(&format!("\n## {rest}")), "the previous sections follow unchanged:\n{text}");
        let section = &text[title.len()..text.len() - rest.len()];
        use generator::diff::Impact;
        for (impact, heading) in
            [(Impact::Breaking, "Breaking Changes"), (Impact::Addition, "Features Added"), (Impact::Compatible, "Other Changes")]
        {
            let block = section.split(&format!("### {heading}\n\n")).nth(1).unwrap_or_else(|| panic!("no {heading}:\n{section}"));
            let block = block.split("\n\n").next().unwrap();
            let expected: Vec<String> = report
                .changes
                .iter()
                .filter(|c| c.impact == impact)
                .map(|c| format!("- {}", generator::diff::render_change(c)))
                .collect();
            assert_eq!(block.lines().collect::<Vec<_>>(), expected, "{heading}");
        }
        assert!(section.contains("- field `JobResponseListResult.value` required-ness changed: optional → required."), "{section}");
        assert_eq!(bumped.changelog.as_deref(), Some(format!("specs/{changelog}").as_str()));
        // The crate carries the changelog, as codegen --check will expect it.
        let carried = std::fs::read_to_string(root.path().join("generated/CHANGELOG.md")).unwrap();
        assert!(carried.starts_with("<!-- @generated by `cargo xtask codegen` from specs/CHANGELOG.md."), "{carried}");
        assert!(carried.ends_with(&format!("-->\n\n{text}")), "{carried}");
        assert_eq!(bumped.unreleased.as_deref(), Some(before.to_string().as_str()), "0.1.0 was never released");

        assert_eq!(*path, root.path().join("target/api-changes-2023-06-30-to-2025-08-01-preview.md"));
        let report_text = std::fs::read_to_string(path).unwrap();
        assert!(report_text.contains("`JobResponseListResult.value`"), "{report_text}");
        let lines = bumped.lines();
        assert!(lines[1].starts_with("api changes 2023-06-30 → 2025-08-01-preview: "), "{lines:?}");
        assert!(lines[1].ends_with("; implied bump: major"), "{lines:?}");
        assert!(lines.iter().any(|l| l.starts_with(&format!("version {before} → {after} "))), "{lines:?}");

        // Made current again: nothing to regenerate, nothing to report, no new version.
        let again = bump(root.path(), &specs, &specs.join(PREVIEW)).unwrap();
        assert!(again.changed.is_empty() && again.report.is_none(), "{again:?}");
        assert_eq!(again.versions, (after, after));
        assert_eq!(std::fs::read_to_string(specs.join(&changelog)).unwrap(), text);
    }

    /// Additions alone, in a 0.y.z crate, take the next patch version, with a "Features Added"
    /// section; the bump works on any spec the product may be generated from.
    #[test]
    fn additions_alone_bump_the_patch_version_of_a_0_y_crate() {
        let thing = |version: &str, extra: &str| {
            format!(
                r##"{{"swagger": "2.0", "info": {{"title": "Things", "version": "{version}"}}, "host": "management.azure.com",
                "schemes": ["https"], "paths": {{"/things/{{name}}": {{"get": {{"operationId": "Things_Get",
                "parameters": [{{"name": "name", "in": "path", "required": true, "type": "string"}},
                {{"name": "api-version", "in": "query", "required": true, "type": "string"}}],
                "responses": {{"200": {{"description": "ok", "schema": {{"$ref": "#/definitions/Thing"}}}}}}}}}}}},
                "definitions": {{"Thing": {{"type": "object", "properties": {{"name": {{"type": "string"}}{extra}}}}}}}}}"##
            )
        };
        const OLD: &str = "specification/things/stable/2024-01-01/things.json";
        const NEW: &str = "specification/things/stable/2024-02-01/things.json";
        let from = tempfile::tempdir().unwrap();
        for (rel, text) in [(OLD, thing("2024-01-01", "")), (NEW, thing("2024-02-01", r#", "color": {"type": "string"}"#))] {
            std::fs::create_dir_all(from.path().join(rel).parent().unwrap()).unwrap();
            std::fs::write(from.path().join(rel), text).unwrap();
        }
        let root = tempfile::tempdir().unwrap();
        let specs = root.path().join("specs");
        std::fs::create_dir_all(&specs).unwrap();
        let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
        manifest.file.clear();
        manifest.spec.clear();
        manifest.product.version = "0.3.7".into();
        manifest.product.changelog = Some("CHANGELOG.md".into());
        manifest.write(&specs).unwrap();
        // No changelog yet: the bump starts one.
        import(&specs, &Request { make_current: true, ..request(from.path(), OLD) }).unwrap();
        import(&specs, &Request { make_current: true, ..request(from.path(), NEW) }).unwrap();

        let bumped = bump(root.path(), &specs, &specs.join(OLD)).unwrap();
        assert_eq!(bumped.report.as_ref().unwrap().1.bump, generator::diff::Bump::Minor);
        assert_eq!(bumped.versions, ("0.3.7".parse().unwrap(), "0.3.8".parse().unwrap()));
        let text = std::fs::read_to_string(specs.join("CHANGELOG.md")).unwrap();
        assert!(text.starts_with("# Release History\n\n## 0.3.8 (Unreleased)\n\n"), "{text}");
        assert!(text.contains("\n### Features Added\n\n"), "{text}");
        assert!(text.contains("\n- field `Thing.color` added: `color: Option<String>`."), "{text}");
        assert!(text.contains("which for a 0.y.z crate is the patch version by Cargo's compatibility rule, 0.3.7 → 0.3.8."), "{text}");
        assert!(!text.contains("### Breaking Changes"), "{text}");
        assert_eq!(bumped.unreleased, None);
        let cargo = std::fs::read_to_string(root.path().join("generated/Cargo.toml")).unwrap();
        assert!(cargo.contains("\nversion = \"0.3.8\"\n"), "{cargo}");
    }

    /// A checkout laid out as upstream, built from the project's own vendored copies.
    fn checkout(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let specs = crate::workspace_root().join("specs");
        for file in files {
            let dest = dir.path().join(file);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(specs.join(file), dest).unwrap();
        }
        dir
    }

    /// A fresh `specs/` with only a manifest (the vendored one, without its [[file]] entries).
    fn empty_specs() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
        manifest.file.clear();
        manifest.spec.retain(|s| s.path == STABLE);
        manifest.write(dir.path()).unwrap();
        dir
    }

    fn request(from: &Path, spec: &str) -> Request {
        Request { from: from.to_path_buf(), spec: spec.into(), make_current: false, force: false, source: None }
    }

    fn git_in(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    }

    #[test]
    fn copies_the_spec_and_its_references_transitively_and_records_them() {
        let from = checkout(&[DPS, TYPES, IDENTITY]);
        git_in(from.path(), &["init", "-q"]);
        git_in(from.path(), &["add", "."]);
        git_in(from.path(), &["commit", "-q", "-m", "specs"]);
        let head = git(from.path(), &["rev-parse", "HEAD"]).unwrap();
        let specs = empty_specs();

        let mut req = request(from.path(), DPS);
        req.make_current = true;
        let outcome = import(specs.path(), &req).unwrap();

        let mut written = outcome.written.clone();
        written.sort();
        let mut expected = vec![DPS.to_string(), TYPES.to_string(), IDENTITY.to_string()];
        expected.sort();
        assert_eq!(written, expected);
        assert_eq!(outcome.commit.as_deref(), Some(head.as_str()));
        assert_eq!(outcome.api_version, "2026-11-01");
        for file in [DPS, TYPES, IDENTITY] {
            assert_eq!(std::fs::read(specs.path().join(file)).unwrap(), std::fs::read(from.path().join(file)).unwrap());
        }
        let manifest = Manifest::read(specs.path()).unwrap();
        assert_eq!(manifest.product.spec, DPS);
        assert_eq!(manifest.product.api_version, "2026-11-01");
        assert!(manifest.spec.iter().any(|s| s.path == DPS));
        let vendored = Manifest::read(&crate::workspace_root().join("specs")).unwrap();
        for file in [DPS, TYPES, IDENTITY] {
            let entry = manifest.file.iter().find(|f| f.path == file).unwrap();
            assert_eq!(entry.commit.as_deref(), Some(head.as_str()));
            assert_eq!(entry.source, DEFAULT_SOURCE);
            let upstream = vendored.file.iter().find(|f| f.path == file).unwrap();
            assert_eq!(entry.sha256, upstream.sha256, "{file}");
        }

        // A second import finds everything in place and copies nothing.
        let again = import(specs.path(), &request(from.path(), DPS)).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(again.unchanged.len(), 3);
    }

    #[test]
    fn follows_references_inside_referenced_files_and_copies_nothing_unreferenced() {
        let from = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = from.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "specification/svc/stable/2024-01-01/svc.json",
            r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"a": {"$ref": "../../../common/a.json#/definitions/A"}}}}}"##,
        );
        write(
            "specification/common/a.json",
            r##"{"swagger": "2.0", "info": {"title": "a", "version": "1"}, "paths": {},
                "definitions": {"A": {"type": "object", "properties": {"b": {"$ref": "./nested/b.yaml#/definitions/B"}}}}}"##,
        );
        write(
            "specification/common/nested/b.yaml",
            "swagger: '2.0'\ninfo: {title: b, version: '1'}\npaths: {}\ndefinitions:\n  B: {type: string}\n",
        );
        write("specification/common/unrelated.json", "{}");
        let specs = empty_specs();
        let outcome =
            import(specs.path(), &request(from.path(), "specification/svc/stable/2024-01-01/svc.json")).unwrap();
        let mut written = outcome.written.clone();
        written.sort();
        assert_eq!(
            written,
            [
                "specification/common/a.json",
                "specification/common/nested/b.yaml",
                "specification/svc/stable/2024-01-01/svc.json"
            ]
        );
        assert!(!specs.path().join("specification/common/unrelated.json").exists());
        let manifest = Manifest::read(specs.path()).unwrap();
        assert!(manifest
            .spec
            .iter()
            .any(|s| s.path == "specification/svc/stable/2024-01-01/svc.json" && s.api_version == "2024-01-01"));
        assert_eq!(manifest.product.api_version, "2023-06-30", "not made current without --make-current");
    }

    #[test]
    fn copies_the_example_files_it_names_and_notes_the_missing_ones() {
        let examples = crate::workspace_root().join("specs").join(GETJOB).parent().unwrap().to_path_buf();
        let mut files = vec![STABLE.to_string()];
        for entry in std::fs::read_dir(&examples).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            files.push(format!(
                "specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/examples/{name}"
            ));
        }
        let refs: Vec<&str> = files.iter().map(String::as_str).collect();
        let from = checkout(&refs);
        let specs = empty_specs();
        let outcome = import(specs.path(), &request(from.path(), STABLE)).unwrap();
        assert_eq!(outcome.commit, None, "not a git checkout");
        assert!(outcome.written.iter().any(|w| w == GETJOB));
        assert!(specs.path().join(GETJOB).is_file());
        // The spec names 38 example files; the checkout (a copy of specs/) has 18, one of which
        // no operation names, so 21 named ones are missing.
        assert_eq!(outcome.written.len(), 1 + 17, "{:#?}", outcome.written);
        assert_eq!(outcome.named_examples, 38);
        assert_eq!(outcome.missing_examples.len(), 38 - 17, "{:#?}", outcome.missing_examples);
        let folder = GETJOB.rsplit_once('/').unwrap().0;
        for missing in &outcome.missing_examples {
            assert!(missing.path.starts_with(&format!("{folder}/")), "{missing:?}");
            assert!(!from.path().join(&missing.path).exists(), "{missing:?}");
            assert!(!missing.operations.is_empty(), "every missing file is named by an operation: {missing:?}");
        }
        let certificate = outcome.missing_examples.iter().find(|m| m.path.ends_with("/iothub_getcertificate.json")).unwrap();
        assert_eq!(certificate.operations, ["Certificates_Get"]);
        let note = missing_examples_note(&outcome);
        assert!(note[0].starts_with("note: the spec names 38 example file(s); 21 of them are not in the checkout"), "{note:?}");
        assert_eq!(note.len(), 1 + 21, "{note:?}");
        assert!(note.contains(&format!("  {folder}/iothub_getcertificate.json (named by Certificates_Get)")), "{note:?}");
        // A checkout with every named file says nothing.
        let complete = Outcome { missing_examples: Vec::new(), ..outcome.clone() };
        assert!(missing_examples_note(&complete).is_empty());
    }

    #[test]
    fn refuses_to_overwrite_differing_files_without_force_and_names_them() {
        let from = checkout(&[DPS, TYPES, IDENTITY]);
        let specs = empty_specs();
        import(specs.path(), &request(from.path(), DPS)).unwrap();
        // Still a valid spec (so the load succeeds), with different bytes.
        let edited = format!("{}\n", std::fs::read_to_string(from.path().join(IDENTITY)).unwrap());
        std::fs::write(from.path().join(IDENTITY), &edited).unwrap();
        let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();

        let error = import(specs.path(), &request(from.path(), DPS)).unwrap_err().to_string();
        assert!(error.contains(IDENTITY) && error.contains("--force"), "{error}");
        assert!(!error.contains(TYPES), "only differing files are named: {error}");
        assert_ne!(std::fs::read_to_string(specs.path().join(IDENTITY)).unwrap(), edited);
        assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);

        let mut forced = request(from.path(), DPS);
        forced.force = true;
        let outcome = import(specs.path(), &forced).unwrap();
        assert_eq!(outcome.written, [IDENTITY]);
        assert_eq!(std::fs::read_to_string(specs.path().join(IDENTITY)).unwrap(), edited);
        let manifest = Manifest::read(specs.path()).unwrap();
        let entry = manifest.file.iter().find(|f| f.path == IDENTITY).unwrap();
        assert_eq!(entry.sha256, sha256_hex(edited.as_bytes()));
    }

    #[test]
    fn a_reference_out_of_the_checkout_is_refused_and_nothing_is_copied() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("checkout");
        let spec = "specification/svc/stable/2024-01-01/svc.json";
        std::fs::create_dir_all(from.join("specification/svc/stable/2024-01-01")).unwrap();
        std::fs::write(dir.path().join("secret.json"), r#"{"definitions": {"S": {"type": "string"}}}"#).unwrap();
        // From the spec's folder, four levels up is the checkout; five is outside it.
        std::fs::write(
            from.join(spec),
            r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"s": {"$ref": "../../../../../secret.json#/definitions/S"}}}}}"##,
        )
        .unwrap();
        let specs = empty_specs();
        let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
        let error = import(specs.path(), &request(&from, spec)).unwrap_err().to_string();
        assert!(error.contains("svc.json#/definitions/Top/properties/s: "), "{error}");
        assert!(error.contains("outside the root folder"), "{error}");
        assert!(!specs.path().join("specification").exists(), "nothing copied");
        assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
        // With --make-current, the check that the spec generates refuses it first.
        let options = generator::Options::new("x", "cargo xtask codegen");
        let refused = Request { make_current: true, ..request(&from, spec) };
        let error = format!("{:#}", check_generates(&refused, &options).unwrap_err());
        assert!(error.contains("outside the root folder"), "{error}");
    }

    #[test]
    fn a_write_that_fails_puts_back_what_was_written() {
        let from = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = from.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "specification/svc/svc.json",
            r##"{"swagger": "2.0", "info": {"title": "svc", "version": "2024-01-01"}, "paths": {},
                "definitions": {"Top": {"type": "object", "properties": {"a": {"$ref": "../common/a.json#/definitions/A"}}}}}"##,
        );
        write("specification/common/a.json", r#"{"definitions": {"A": {"type": "string"}}}"#);
        let specs = empty_specs();
        // The spec's place in specs/ is taken by a folder that cannot be replaced: its write fails
        // after common/a.json (first in path order) was written.
        std::fs::create_dir_all(specs.path().join("specification/svc/svc.json/inside")).unwrap();
        let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
        let error = format!("{:#}", import(specs.path(), &request(from.path(), "specification/svc/svc.json")).unwrap_err());
        assert!(error.starts_with("nothing was imported: specs/ is as it was: "), "{error}");
        assert!(!specs.path().join("specification/common/a.json").exists(), "the file written first is removed");
        assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
    }

    #[test]
    fn an_unresolvable_reference_stops_with_the_located_error_and_copies_nothing() {
        // common-types' managedidentity.json is missing from this checkout.
        let from = checkout(&[DPS, TYPES]);
        let specs = empty_specs();
        let manifest_before = std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap();
        let error = import(specs.path(), &request(from.path(), DPS)).unwrap_err().to_string();
        assert!(error.contains("managedidentity.json"), "{error}");
        assert!(error.contains('#'), "the error is located (file#pointer): {error}");
        assert!(!specs.path().join("specification").exists(), "nothing copied");
        assert_eq!(std::fs::read_to_string(specs.path().join("manifest.toml")).unwrap(), manifest_before);
    }
}
