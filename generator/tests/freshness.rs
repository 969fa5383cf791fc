//! The committed inputs and outputs are what they claim to be: every file vendored under
//! `specs/` has the sha256 that `specs/manifest.toml` records (nobody edited a spec by hand), and
//! `generated/` is exactly what the generator makes of the product spec today.

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
    table
        .get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("specs/manifest.toml: `{key}` missing in {table:?}"))
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

/// The command `cargo xtask codegen` names in every `@generated` line (the xtask's
/// `PRODUCT_COMMAND`): the output depends on it, so the test must pass the same.
const PRODUCT_COMMAND: &str = "cargo xtask codegen";

/// Top-level entries of `generated/` that are build products, never generator output (the
/// xtask skips the same).
const IGNORED: &[&str] = &["target"];

fn list_files(base: &Path, dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()));
        if dir == base && IGNORED.iter().any(|i| entry.file_name() == *i) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            list_files(base, &path, into);
        } else if let Ok(rel) = path.strip_prefix(base) {
            into.push(rel.to_path_buf());
        }
    }
}

/// Regenerates the product crate in memory, as `cargo xtask codegen --check` does, and fails
/// with the stale files when `generated/` differs.
#[test]
fn generated_crate_is_fresh() {
    let root = workspace_root();
    // The xtask runs the generator from the workspace root with the spec path relative to it,
    // so that is what the output (and any error location) is made from here too.
    std::env::set_current_dir(&root).expect("entering the workspace root");
    let manifest = manifest();
    let product = manifest.get("product").and_then(|p| p.as_table()).expect("[product] in specs/manifest.toml");
    let spec = Path::new("specs").join(str_at(product, "spec"));
    let mut options = generator::Options::new(str_at(product, "crate-name"), PRODUCT_COMMAND);
    options.example_operation = product.get("example-operation").and_then(|v| v.as_str()).map(String::from);
    let files = generator::generate(&spec, &options).unwrap_or_else(|e| panic!("generating the product crate: {e}"));

    let out = root.join("generated");
    let mut on_disk = Vec::new();
    list_files(&out, &out, &mut on_disk);
    let mut stale = Vec::new();
    for file in &files {
        match std::fs::read(out.join(&file.path)) {
            Ok(bytes) if bytes == file.contents.as_bytes() => {}
            Ok(_) => stale.push(format!("changed: generated/{}", file.path.display())),
            Err(_) => stale.push(format!("missing: generated/{}", file.path.display())),
        }
    }
    for path in on_disk {
        if !files.iter().any(|f| f.path == path) {
            stale.push(format!("extra: generated/{}", path.display()));
        }
    }
    stale.sort();
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen` and commit the result (`cargo xtask codegen --check` shows the diff):\n  {}",
        stale.join("\n  ")
    );
}
