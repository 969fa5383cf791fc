//! Path helpers: absolute and lexically normalised paths, and paths relative to a folder.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against the current directory, then normalised.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        normalize(&cwd.join(path))
    }
}

/// Removes `.` and resolves `..` without touching the disk (the loader joins `$ref`s the same
/// way, so `a/b/../c` and `a/c` name one file).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base` when it is inside it, with `/` separators (for the manifest and
/// for messages that must read the same on every machine).
pub fn relative_to(path: &Path, base: &Path) -> Option<String> {
    let rel = normalize(path).strip_prefix(normalize(base)).ok()?.to_path_buf();
    Some(slashed(&rel))
}

/// A path with `/` separators (an absolute one keeps its single leading `/`).
pub fn slashed(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::RootDir => out.push('/'),
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// How to show `path` to the user: relative to the workspace root when inside it.
pub fn display(path: &Path) -> String {
    relative_to(path, &crate::workspace_root()).unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(relative_to(Path::new("/r/specs/x/../y.json"), Path::new("/r/specs")).as_deref(), Some("y.json"));
        assert_eq!(relative_to(Path::new("/elsewhere/y.json"), Path::new("/r/specs")), None);
    }

    #[test]
    fn slashed_paths_have_one_separator_each() {
        assert_eq!(slashed(Path::new("specs/a/b.json")), "specs/a/b.json");
        assert_eq!(slashed(Path::new("/tmp/specs/b.json")), "/tmp/specs/b.json");
        assert_eq!(slashed(Path::new("/")), "/");
        assert_eq!(slashed(Path::new("")), "");
    }
}
