//! The rest of `--make-current`, once the spec is vendored and made current: the report of what
//! changed for users of the crate, the crate's version set by its verdict, the changelog section
//! written from it, and `generated/` regenerated from them.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::codegen::{self, Target};
use crate::manifest::Manifest;
use crate::paths;
use crate::release::{self, Version};

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
    pub(super) fn lines(&self) -> Vec<String> {
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
