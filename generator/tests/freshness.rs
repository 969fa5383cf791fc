//! The committed inputs and outputs are what they claim to be: every file vendored under
//! `specs/` has the sha256 that `specs/manifest.toml` records (nobody edited a spec by hand).

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn manifest() -> toml::Table {
    let path = workspace_root().join("specs/manifest.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.parse().unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()))
}

fn str_at<'a>(table: &'a toml::Table, key: &str) -> &'a str {
    table.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("specs/manifest.toml: `{key}` missing in {table:?}"))
}

#[test]
fn vendored_specs_match_their_recorded_sha256() {
    let manifest = manifest();
    let files = manifest.get("file").and_then(|f| f.as_array()).expect("specs/manifest.toml has [[file]] entries");
    assert!(!files.is_empty());
    let specs = workspace_root().join("specs");
    let mut mismatches = Vec::new();
    for entry in files {
        let entry = entry.as_table().expect("each [[file]] is a table");
        let path = str_at(entry, "path");
        let recorded = str_at(entry, "sha256");
        match std::fs::read(specs.join(path)) {
            Ok(bytes) => {
                let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
                if actual != recorded {
                    mismatches.push(format!("specs/{path}: recorded {recorded}, on disk {actual}"));
                }
            }
            Err(e) => mismatches.push(format!("specs/{path}: {e}")),
        }
    }
    // Every root spec the manifest names must itself be recorded, so the check covers it.
    let recorded: Vec<&str> = files.iter().filter_map(|f| f.get("path").and_then(|p| p.as_str())).collect();
    let product = manifest.get("product").and_then(|p| p.as_table()).expect("[product]");
    let mut roots = vec![str_at(product, "spec")];
    for spec in manifest.get("spec").and_then(|s| s.as_array()).into_iter().flatten() {
        roots.push(spec.get("path").and_then(|p| p.as_str()).expect("[[spec]] path"));
    }
    for root in roots {
        if !recorded.contains(&root) {
            mismatches.push(format!("specs/{root}: a root spec without a [[file]] entry"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "specs/ differs from specs/manifest.toml (specs are never edited by hand; re-vendor with `cargo xtask import`):\n{}",
        mismatches.join("\n")
    );
}
