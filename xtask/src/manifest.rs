//! `specs/manifest.toml`: which spec the product crate comes from, the vendored root specs, and
//! where every vendored file came from.
//!
//! The xtask reads it with serde and writes it back through `render`, a fixed layout with the
//! header comment, so an import changes only the lines it means to change.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The file name, inside `specs/`.
pub const FILE_NAME: &str = "manifest.toml";

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Manifest {
    /// The spec the product crate (`generated/`) is generated from.
    pub product: Product,
    /// Every vendored root spec, in the order they were added.
    #[serde(default)]
    pub spec: Vec<SpecEntry>,
    /// Every vendored file, sorted by path.
    #[serde(default)]
    pub file: Vec<FileEntry>,
}

/// `[product]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Product {
    /// The crate's name.
    pub crate_name: String,
    /// The spec's path, relative to `specs/`.
    pub spec: String,
    /// The spec's `info.version`.
    pub api_version: String,
    /// The operationId the crate README's example calls (`IotHubResource_GetJob`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_operation: Option<String>,
    /// The crate's version (`0.1.0`): `import --make-current` bumps it by the report's verdict.
    pub version: String,
    /// The crate's changelog, relative to `specs/`: `import --make-current` adds a section to
    /// it, `codegen` copies it into the crate as `CHANGELOG.md`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changelog: Option<String>,
    /// The URL of the repository the crate is generated in, for crates.io.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// The crates.io keywords (at most five).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The crates.io category slugs.
    #[serde(default)]
    pub categories: Vec<String>,
}

impl Product {
    /// Refuses metadata crates.io would refuse at publishing time, so it fails here first: a
    /// version that is not `MAJOR.MINOR.PATCH`, a repository that is not an `https://` URL,
    /// more than five keywords or a keyword crates.io does not accept.
    pub fn check(&self) -> Result<()> {
        self.version
            .parse::<crate::release::Version>()
            .with_context(|| format!("specs/{FILE_NAME}: [product] version"))?;
        if let Some(repository) = &self.repository {
            if !repository.starts_with("https://") {
                anyhow::bail!("specs/{FILE_NAME}: [product] repository `{repository}` is not an https:// URL");
            }
        }
        if self.keywords.len() > 5 {
            anyhow::bail!("specs/{FILE_NAME}: [product] keywords: crates.io takes at most five, not {}", self.keywords.len());
        }
        for keyword in &self.keywords {
            let valid = keyword.len() <= 20
                && keyword.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && keyword.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'));
            if !valid {
                anyhow::bail!(
                    "specs/{FILE_NAME}: [product] keyword `{keyword}`: crates.io takes up to 20 ASCII letters, digits, `-`, `_` or `+`, starting with a letter"
                );
            }
        }
        Ok(())
    }
}

/// One `[[spec]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct SpecEntry {
    /// The spec's path, relative to `specs/`.
    pub path: String,
    /// The spec's `info.version`.
    pub api_version: String,
}

/// One `[[file]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct FileEntry {
    /// The path, relative to `specs/` (the same as in the upstream checkout).
    pub path: String,
    /// Where it came from (`Azure/azure-rest-api-specs`).
    pub source: String,
    /// The upstream commit, when it was imported from a git checkout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The sha256 of its bytes, lowercase hex.
    pub sha256: String,
}

impl Manifest {
    /// Reads `specs_dir/manifest.toml`.
    pub fn read(specs_dir: &Path) -> Result<Self> {
        let path = specs_dir.join(FILE_NAME);
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// Writes `specs_dir/manifest.toml` in the fixed layout of `render`.
    pub fn write(&self, specs_dir: &Path) -> Result<()> {
        let path = specs_dir.join(FILE_NAME);
        crate::write::write_atomic(&path, self.render().as_bytes())
    }

    /// Adds or replaces the `[[file]]` entry for `entry.path`, keeping the list sorted by path.
    pub fn upsert_file(&mut self, entry: FileEntry) {
        match self.file.binary_search_by(|f| f.path.as_str().cmp(entry.path.as_str())) {
            Ok(i) => self.file[i] = entry,
            Err(i) => self.file.insert(i, entry),
        }
    }

    /// Adds or replaces the `[[spec]]` entry for `entry.path`, keeping the order of addition.
    pub fn upsert_spec(&mut self, entry: SpecEntry) {
        match self.spec.iter_mut().find(|s| s.path == entry.path) {
            Some(existing) => *existing = entry,
            None => self.spec.push(entry),
        }
    }

    /// The manifest as text: the header comment, then each table in a fixed order.
    pub fn render(&self) -> String {
        let mut out = String::from(HEADER);
        out.push_str("\n# The spec the product crate (generated/) is generated from.\n[product]\n");
        out.push_str(&format!("crate-name = {}\n", quote(&self.product.crate_name)));
        out.push_str(&format!("spec = {}\n", quote(&self.product.spec)));
        out.push_str(&format!("api-version = {}\n", quote(&self.product.api_version)));
        if let Some(op) = &self.product.example_operation {
            out.push_str("# The operation the generated README's example calls.\n");
            out.push_str(&format!("example-operation = {}\n", quote(op)));
        }
        out.push_str(
            "# The crate's version. `cargo xtask import --make-current` bumps it by the semver verdict of the\n\
             # report of the api changes (README.md, \"Version and changelog\").\n",
        );
        out.push_str(&format!("version = {}\n", quote(&self.product.version)));
        if let Some(changelog) = &self.product.changelog {
            out.push_str(
                "# The crate's changelog (relative to this folder), copied into generated/ as CHANGELOG.md;\n\
                 # `import --make-current` prepends a section written from the report.\n",
            );
            out.push_str(&format!("changelog = {}\n", quote(changelog)));
        }
        out.push_str("# What crates.io shows about the crate.\n");
        if let Some(repository) = &self.product.repository {
            out.push_str(&format!("repository = {}\n", quote(repository)));
        }
        out.push_str(&format!("keywords = {}\n", quote_list(&self.product.keywords)));
        out.push_str(&format!("categories = {}\n", quote_list(&self.product.categories)));
        out.push_str("\n# Every vendored root spec (the entry points; the other files are what they reference).\n");
        for spec in &self.spec {
            out.push_str("[[spec]]\n");
            out.push_str(&format!("path = {}\n", quote(&spec.path)));
            out.push_str(&format!("api-version = {}\n\n", quote(&spec.api_version)));
        }
        for file in &self.file {
            out.push_str("[[file]]\n");
            out.push_str(&format!("path = {}\n", quote(&file.path)));
            out.push_str(&format!("source = {}\n", quote(&file.source)));
            if let Some(commit) = &file.commit {
                out.push_str(&format!("commit = {}\n", quote(commit)));
            }
            out.push_str(&format!("sha256 = {}\n\n", quote(&file.sha256)));
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

const HEADER: &str = "\
# What specs/ holds and where it came from. Written by `cargo xtask import`; do not edit the
# [[file]] entries by hand. Paths are relative to this folder and keep the layout of a checkout of
# the public Azure/azure-rest-api-specs repository, so relative `$ref`s resolve as upstream.
";

/// A TOML basic string: the toml crate's own encoding, so any character is escaped correctly.
fn quote(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}

/// A TOML array of basic strings, on one line.
fn quote_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| quote(v)).collect();
    format!("[{}]", items.join(", "))
}

/// The sha256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rendering the vendored manifest gives back the same bytes, so imports leave untouched
    /// entries (and the header) exactly as they were.
    #[test]
    fn render_round_trips_the_vendored_manifest() {
        let specs = crate::workspace_root().join("specs");
        let text = std::fs::read_to_string(specs.join(FILE_NAME)).unwrap();
        let manifest = Manifest::read(&specs).unwrap();
        assert_eq!(manifest.render(), text);
        assert_eq!(manifest.product.api_version, "2023-06-30");
        assert_eq!(manifest.spec.len(), 3);
    }

    #[test]
    fn upsert_keeps_files_sorted_and_replaces_in_place() {
        let specs = crate::workspace_root().join("specs");
        let mut manifest = Manifest::read(&specs).unwrap();
        let count = manifest.file.len();
        let entry = |path: &str, sha: &str| FileEntry {
            path: path.into(),
            source: "here".into(),
            commit: None,
            sha256: sha.into(),
        };
        manifest.upsert_file(entry("specification/aaa.json", "1"));
        manifest.upsert_file(entry("specification/zzz.json", "2"));
        manifest.upsert_file(entry("specification/aaa.json", "3"));
        assert_eq!(manifest.file.len(), count + 2);
        assert_eq!(manifest.file[0].sha256, "3");
        assert_eq!(manifest.file[count + 1].path, "specification/zzz.json");
        let paths: Vec<_> = manifest.file.iter().map(|f| f.path.clone()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
    }

    /// Every vendored file has the sha256 the manifest records, and every root spec is
    /// recorded: nobody edited a spec by hand (re-vendor with `cargo xtask import` instead).
    #[test]
    fn vendored_specs_match_their_recorded_sha256() {
        let specs = crate::workspace_root().join("specs");
        let manifest = Manifest::read(&specs).unwrap();
        assert!(!manifest.file.is_empty());
        let mut mismatches = Vec::new();
        for entry in &manifest.file {
            match std::fs::read(specs.join(&entry.path)) {
                Ok(bytes) if sha256_hex(&bytes) == entry.sha256 => {}
                Ok(bytes) => mismatches.push(format!(
                    "specs/{}: recorded {}, on disk {}",
                    entry.path,
                    entry.sha256,
                    sha256_hex(&bytes)
                )),
                Err(e) => mismatches.push(format!("specs/{}: {e}", entry.path)),
            }
        }
        let roots = std::iter::once(&manifest.product.spec).chain(manifest.spec.iter().map(|s| &s.path));
        for root in roots {
            if !manifest.file.iter().any(|f| &f.path == root) {
                mismatches.push(format!("specs/{root}: a root spec without a [[file]] entry"));
            }
        }
        assert!(
            mismatches.is_empty(),
            "specs/ differs from specs/manifest.toml (specs are never edited by hand; re-vendor with `cargo xtask import`):\n{}",
            mismatches.join("\n")
        );
    }

    #[test]
    fn sha256_matches_a_known_digest() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
