//! `cargo package` accepts the product crate: with the metadata crates.io shows, without a
//! warning, holding every file the generator writes.
//!
//! It packages with `--no-verify --offline`: a test under `cargo test` neither reaches the
//! network nor builds the crate's dependencies a second time (what cargo resolves, the
//! workspace's `Cargo.lock` already pins, and `cargo test` has them in its cache). Building the
//! `.crate` as crates.io receives it is the verification step of `cargo xtask test`,
//! `cargo package -p azure_resourcemanager_iothub --allow-dirty`, which CI runs.
//! `--allow-dirty`: during development `generated/` may not be committed yet.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn cargo(args: &[&str]) -> (String, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo).current_dir(root()).args(args).output().expect("running cargo");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "cargo {} failed:\n{stdout}{stderr}", args.join(" "));
    (stdout, stderr)
}

/// Every file under `dir`, relative to it with `/` separators, but build products.
fn files_under(base: &Path, dir: &Path, into: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if dir == base && path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            files_under(base, &path, into);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            into.insert(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        }
    }
}

#[test]
fn the_product_crate_packages_with_complete_metadata() {
    let manifest: toml::Table = std::fs::read_to_string(root().join("specs/manifest.toml")).unwrap().parse().unwrap();
    let name = manifest["product"]["crate-name"].as_str().unwrap().to_string();

    let (_, stderr) = cargo(&["package", "-p", &name, "--no-verify", "--allow-dirty", "--offline"]);
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.trim_start().starts_with("warning")).collect();
    assert!(warnings.is_empty(), "cargo package warned (missing metadata?):\n{stderr}");

    // The package holds everything the generator wrote.
    let (list, _) = cargo(&["package", "-p", &name, "--list", "--allow-dirty", "--offline"]);
    let packaged: BTreeSet<&str> = list.lines().collect();
    let mut generated = BTreeSet::new();
    files_under(&root().join("generated"), &root().join("generated"), &mut generated);
    let left_out: Vec<&String> = generated.iter().filter(|f| !packaged.contains(f.as_str())).collect();
    assert!(left_out.is_empty(), "files of generated/ not in the package: {left_out:?}\npackage:\n{list}");
    for needed in ["Cargo.toml", "README.md", "CHANGELOG.md", "src/lib.rs"] {
        assert!(packaged.contains(needed), "{needed} is not packaged:\n{list}");
    }

    // The metadata crates.io and docs.rs show, as the generator wrote it from the manifest.
    let cargo_toml: toml::Table =
        std::fs::read_to_string(root().join("generated/Cargo.toml")).unwrap().parse().unwrap();
    let package = cargo_toml["package"].as_table().unwrap();
    for key in ["description", "license", "repository", "readme", "rust-version", "documentation", "version"] {
        let value = package.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        assert!(!value.trim().is_empty(), "package.{key} is missing or empty");
    }
    for key in ["keywords", "categories"] {
        let values = package.get(key).and_then(|v| v.as_array()).map(Vec::len).unwrap_or_default();
        assert!(values > 0, "package.{key} is missing or empty");
    }
    assert_eq!(package["version"].as_str(), manifest["product"]["version"].as_str(), "the manifest's version");
    assert_eq!(
        package["publish"].as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
        Some(vec!["crates-io"])
    );
    assert_eq!(package["metadata"]["docs"]["rs"]["all-features"].as_bool(), Some(true), "the docs.rs configuration");

    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let version = package["version"].as_str().unwrap();
    let crate_file = target.join("package").join(format!("{name}-{version}.crate"));
    assert!(crate_file.is_file(), "no {}", crate_file.display());
}
