//! The import itself: the spec loaded from the checkout (so every file it references, and every
//! example file it names, is known), each file read and compared with what is vendored, the
//! manifest's entries computed, and then everything written or nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use generator::load::ExampleFile;

use super::git::{git_commit, git_source};
use super::{MissingExample, Outcome, Request};
use crate::manifest::{sha256_hex, FileEntry, Manifest, SpecEntry};
use crate::{paths, write};

/// The source recorded when the checkout does not say (no git remote): the repository the
/// command is documented to import from.
pub(super) const DEFAULT_SOURCE: &str = "Azure/azure-rest-api-specs";

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
