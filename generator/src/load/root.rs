//! The folder a spec's references may read from, and the checks that keep them inside it.
//!
//! Specs come from pull requests and other teams, so a `$ref` is untrusted: it must not make the
//! generator read (and then copy into generated code or `specs/`) a file elsewhere on the
//! machine. The rule:
//! - The root is the folder the caller gives; by default the nearest ancestor of the spec's
//!   folder named `specification` (the top of a checkout of Azure/azure-rest-api-specs, so
//!   `common-types` resolves), else the spec's own folder.
//! - A `$ref` (or an `x-ms-examples` `$ref`) is a relative path. A URL (`https://`, `file:`, any
//!   `scheme:`, `//host`) is refused: remote references are not fetched. An absolute path is
//!   refused.
//! - The path the `$ref` leads to, with `..` folded, must be inside the root; once the file
//!   exists, its real path (symbolic links resolved) must be inside the root's real path too.

use std::path::{Path, PathBuf};

use super::source::normalize_path;
use crate::error::{Error, ErrorKind, Location, Result};

/// The folder references are confined to, lexically and on disk.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    /// The root, absolute and normalised, as messages show it.
    lexical: PathBuf,
    /// The root's real path (symbolic links resolved).
    canonical: PathBuf,
}

/// The default root of the spec at `spec`: the nearest ancestor of its folder named
/// `specification`, else its folder. Absolute and normalised.
pub fn default_root(spec: &Path) -> PathBuf {
    let spec = absolute(spec);
    let folder = spec.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
    folder
        .ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "specification"))
        .map(Path::to_path_buf)
        .unwrap_or(folder)
}

/// `path` made absolute against the current directory and normalised, without touching the disk.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    normalize_path(&joined)
}

impl Root {
    /// The root `given` (or the default root of `spec`), checked to exist and to hold `spec`.
    pub fn new(spec: &Path, given: Option<&Path>) -> Result<Self> {
        let lexical = match given {
            Some(root) => absolute(root),
            None => default_root(spec),
        };
        let canonical = std::fs::canonicalize(&lexical).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                Location::file(spec),
                format!("the root folder {} cannot be used: {e}; expected an existing folder", lexical.display()),
            )
        })?;
        let root = Self { lexical, canonical };
        if !absolute(spec).starts_with(&root.lexical) {
            return Err(Error::new(
                ErrorKind::RefOutsideRoot,
                Location::file(spec),
                format!("the spec is outside the root folder {}; expected a spec inside it", root.lexical.display()),
            ));
        }
        Ok(root)
    }

    /// Refuses a reference that is not a relative path: a URL or an absolute path. `site` is
    /// where `reference` is written; `file_part` its file part, percent-decoded.
    pub fn check_reference(&self, site: &Location, reference: &str, file_part: &str) -> Result<()> {
        if is_url(file_part) {
            return Err(Error::new(
                ErrorKind::RefOutsideRoot,
                site.clone(),
                format!(
                    "`$ref: {reference}` is a URL; remote references are not fetched, expected a relative path to a \
                     file inside the root folder {}",
                    self.lexical.display()
                ),
            ));
        }
        if Path::new(file_part).has_root() || is_windows_absolute(file_part) {
            return Err(Error::new(
                ErrorKind::RefOutsideRoot,
                site.clone(),
                format!(
                    "`$ref: {reference}` is an absolute path; expected a relative path to a file inside the root \
                     folder {}",
                    self.lexical.display()
                ),
            ));
        }
        Ok(())
    }

    /// Refuses `target` (a file a reference at `site` leads to) when it is outside the root, as
    /// written (`..` climbing out) or once symbolic links are resolved. A target that does not
    /// exist passes the second check: the caller reports it as missing.
    pub fn check_target(&self, site: &Location, target: &Path) -> Result<()> {
        let lexical = absolute(target);
        if !lexical.starts_with(&self.lexical) {
            return Err(Error::new(
                ErrorKind::RefOutsideRoot,
                site.clone(),
                format!(
                    "the `$ref` leads to {}, outside the root folder {}; expected a file inside it",
                    target.display(),
                    self.lexical.display()
                ),
            ));
        }
        if let Ok(real) = std::fs::canonicalize(target) {
            if !real.starts_with(&self.canonical) {
                return Err(Error::new(
                    ErrorKind::RefOutsideRoot,
                    site.clone(),
                    format!(
                        "the `$ref` leads to {}, a symbolic link to {}, outside the root folder {}; expected a file \
                         inside it",
                        target.display(),
                        real.display(),
                        self.lexical.display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Whether a `$ref`'s file part is a URL: `scheme:` (RFC 3986: a letter, then letters, digits,
/// `+`, `-`, `.`) or a network path (`//host/...`). A one-letter scheme is a Windows drive,
/// refused as an absolute path instead.
fn is_url(file_part: &str) -> bool {
    if file_part.starts_with("//") || file_part.starts_with("\\\\") {
        return true;
    }
    let Some((scheme, _)) = file_part.split_once(':') else { return false };
    let mut chars = scheme.chars();
    scheme.len() > 1
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `C:\...` or `C:/...`, which is absolute on Windows whatever the machine reading it.
fn is_windows_absolute(file_part: &str) -> bool {
    let bytes = file_part.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        for url in ["https://x/y.json", "http://x", "file:///etc/passwd", "file:/etc/passwd", "ftp://x", "//host/x.json"] {
            assert!(is_url(url), "{url}");
        }
        for path in ["a.json", "./a.json", "../common/a.json", "./x:y.json", "C:/x.json", "my types.json"] {
            assert!(!is_url(path), "{path}");
        }
        assert!(is_windows_absolute("C:/x.json") && is_windows_absolute("c:\\x"));
        assert!(!is_windows_absolute("./c:"));
    }

    #[test]
    fn the_default_root_is_the_nearest_specification_folder() {
        let root = default_root(Path::new("/r/specs/specification/iothub/stable/2023/iothub.json"));
        assert_eq!(root, PathBuf::from("/r/specs/specification"));
        let root = default_root(Path::new("/r/fixtures/load/multi/root.json"));
        assert_eq!(root, PathBuf::from("/r/fixtures/load/multi"));
        let root = default_root(Path::new("/r/specification/a.json"));
        assert_eq!(root, PathBuf::from("/r/specification"));
    }
}
