//! `cargo xtask diff OLD NEW [--format markdown|json] [--root DIR]`: what changes for users of the generated
//! crate between two specs, through `generator::diff`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::args::Args;
use crate::manifest::Manifest;
use crate::paths;

/// `cargo xtask diff OLD NEW [--format markdown|json] [--root DIR]`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    let format = args.value("--format")?.unwrap_or_else(|| "markdown".into());
    let spec_root = args.path("--root")?;
    let old = args.next_positional().context("usage: cargo xtask diff OLD NEW [--format markdown|json]")?;
    let new = args.next_positional().context("usage: cargo xtask diff OLD NEW [--format markdown|json]")?;
    args.finish()?;
    if format != "markdown" && format != "json" {
        bail!("--format is `markdown` or `json`, not `{format}`");
    }
    let (old, new) = (paths::absolute(Path::new(&old)), paths::absolute(Path::new(&new)));
    let root = crate::enter_workspace_root()?;
    let manifest = Manifest::read(&root.join("specs"))?;
    let old = resolve(&root, &manifest, &old)?;
    let new = resolve(&root, &manifest, &new)?;
    let report = report_within(&old, &new, spec_root.as_deref())?;
    match format.as_str() {
        "json" => println!("{}", serde_json::to_string_pretty(&report)?),
        _ => print!("{}", generator::diff::render_markdown(&report)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Models both specs and compares them.
pub fn report(old: &Path, new: &Path) -> Result<generator::diff::Report> {
    report_within(old, new, None)
}

/// [`report`], with both specs' references confined to `root` (`None`: each spec's default root).
pub fn report_within(old: &Path, new: &Path, root: Option<&Path>) -> Result<generator::diff::Report> {
    let old = generator::model_within(old, root).map_err(|e| anyhow::anyhow!("{e}"))?;
    let new = generator::model_within(new, root).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(generator::diff::diff_apis(&old, &new))
}

/// A spec argument: a path to a file, or the api-version of a spec listed in the manifest
/// (`cargo xtask diff 2023-06-30 2025-08-01-preview`). Paths inside the workspace are made
/// relative to it, so error locations read the same everywhere.
fn resolve(root: &Path, manifest: &Manifest, given: &Path) -> Result<PathBuf> {
    if given.is_file() {
        return Ok(paths::relative_to(given, root).map(PathBuf::from).unwrap_or_else(|| given.to_path_buf()));
    }
    let version = given.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let matches: Vec<_> = manifest.spec.iter().filter(|s| s.api_version == version).collect();
    match matches.as_slice() {
        [one] => Ok(PathBuf::from("specs").join(&one.path)),
        [] => bail!("{} is neither a file nor the api-version of a spec in specs/manifest.toml", given.display()),
        _ => bail!("several specs in specs/manifest.toml have api-version {version}; give a path"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_named_by_path_or_by_manifest_api_version() {
        let root = crate::workspace_root();
        let manifest = Manifest::read(&root.join("specs")).unwrap();
        let by_version = resolve(&root, &manifest, &root.join("2025-08-01-preview")).unwrap();
        assert_eq!(
            paths::slashed(&by_version),
            "specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json"
        );
        let by_path = resolve(&root, &manifest, &root.join(&by_version)).unwrap();
        assert_eq!(by_path, by_version, "paths inside the workspace are made relative to it");
        let error = resolve(&root, &manifest, &root.join("1999-01-01")).unwrap_err().to_string();
        assert!(error.contains("neither a file nor the api-version"), "{error}");
    }

    #[test]
    fn a_success_response_gaining_a_different_body_is_a_breaking_change() {
        let root = crate::workspace_root();
        let pair = root.join("generator/tests/fixtures/diff/success_body");
        let report = report(&pair.join("old.yaml"), &pair.join("new.yaml")).unwrap();
        let change = report
            .changes
            .iter()
            .find(|c| c.subject == "Things_CreateOrUpdate response" && c.change == "type changed")
            .unwrap_or_else(|| panic!("no return type change in {:#?}", report.changes));
        assert_eq!(change.impact, generator::diff::Impact::Breaking);
        assert_eq!(change.detail, "`Response<Thing>` → `Response<serde_json::Value>`");
        assert_eq!(report.bump, generator::diff::Bump::Major);
    }

    #[test]
    fn json_and_markdown_reports_agree() {
        let root = crate::workspace_root();
        let report = report(
            &root.join("specs/specification/iothub/resource-manager/Microsoft.Devices/stable/2023-06-30/iothub.json"),
            &root.join(
                "specs/specification/iothub/resource-manager/Microsoft.Devices/IoTHub/preview/2025-08-01-preview/iothub.json",
            ),
        )
        .unwrap();
        let json = serde_json::to_value(&report).unwrap();
        let markdown = generator::diff::render_markdown(&report);
        let breaking = json["changes"].as_array().unwrap().iter().filter(|c| c["impact"] == "breaking").count();
        assert!(breaking > 0);
        assert!(markdown.contains(&format!("## Breaking changes ({breaking})")), "{markdown}");
        assert_eq!(json["bump"], "major");
    }
}
