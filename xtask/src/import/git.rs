//! What the checkout's git says: its HEAD commit (when the vendored files are committed there)
//! and where it came from (its `origin` remote).

use std::path::Path;
use std::process::Command;

/// The checkout's HEAD commit, when `from` is a git checkout and none of `files` differs from
/// it (a commit would otherwise claim content it does not have).
pub(super) fn git_commit(from: &Path, files: &[String]) -> Option<String> {
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
pub(super) fn git_source(from: &Path) -> Option<String> {
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
pub(super) fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}
