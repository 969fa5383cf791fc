//! Writing a generated crate all or nothing.
//!
//! A run that fails midway (a full disk, a file too large, a killed process) must leave the
//! previous output exactly as it was. So the new tree is built in a staging folder beside the
//! output (same parent, so the same filesystem), then swapped in by renames:
//!
//! 1. `.<name>.staging` gets every file of the new tree: written when new or changed, hard-linked
//!    from the output when unchanged (so its bytes and modification time stay, and cargo does
//!    not rebuild for it; copied with its time if the filesystem has no hard links). Files the
//!    generator no longer produces are simply not there.
//! 2. The output is renamed to `.<name>.previous`, the staging folder to the output, and the
//!    entries that are never generator output (`target/`, `Cargo.lock`) are moved back in.
//! 3. `.<name>.previous` is removed.
//!
//! A failure in step 1 removes the staging folder and touches nothing else. A failure in step 2
//! renames back. A process killed between the two renames of step 2 leaves no output but a
//! complete `.<name>.previous`, which the next run puts back before anything else.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// How one file of the new tree is written: `write(path, bytes)` creates it (with its parent
/// folders existing). Tests pass a writer that fails, as a full disk does.
pub type Writer<'w> = dyn FnMut(&Path, &[u8]) -> std::io::Result<()> + 'w;

/// One file of the new tree.
pub enum Entry<'e> {
    /// Its bytes, written to the staging folder.
    Write(&'e [u8]),
    /// Unchanged: linked (or copied) from this path in the current output.
    Keep(PathBuf),
}

/// The staging and previous-output folders of `out`: its siblings `.<name>.staging` and
/// `.<name>.previous`.
fn siblings(out: &Path) -> Result<(PathBuf, PathBuf)> {
    let name = out.file_name().and_then(|n| n.to_str()).context("the output folder has no name")?;
    let parent = out.parent().unwrap_or(Path::new("."));
    Ok((parent.join(format!(".{name}.staging")), parent.join(format!(".{name}.previous"))))
}

/// Puts back an output folder a killed run left as `.<name>.previous` (see the module docs), and
/// removes a staging folder a killed run left. Runs before anything reads `out`.
pub fn recover(out: &Path) -> Result<()> {
    let (staging, previous) = siblings(out)?;
    if previous.exists() {
        if out.exists() {
            std::fs::remove_dir_all(&previous).with_context(|| format!("removing {}", previous.display()))?;
        } else {
            std::fs::rename(&previous, out)
                .with_context(|| format!("putting back {} as {}", previous.display(), out.display()))?;
        }
    }
    if staging.exists() {
        std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    }
    Ok(())
}

/// The default writer: creates the file, writes it and syncs it to disk (so the renames that
/// publish it do not outrun its bytes).
pub fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Replaces the contents of `out` with `tree` (relative path → entry), all or nothing, keeping
/// its top-level entries named in `kept` (build products) as they are. See the module docs.
pub fn replace_tree(out: &Path, tree: &[(PathBuf, Entry<'_>)], kept: &[&str], write: &mut Writer<'_>) -> Result<()> {
    recover(out)?;
    let (staging, previous) = siblings(out)?;
    if let Err(error) = stage(&staging, tree, write) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error.context(format!("nothing was changed in {}", out.display())));
    }
    let had_output = out.exists();
    if had_output {
        std::fs::rename(out, &previous).with_context(|| format!("moving {} aside", out.display()))?;
    }
    if let Err(error) = std::fs::rename(&staging, out) {
        if had_output {
            let _ = std::fs::rename(&previous, out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(anyhow::Error::new(error)
            .context(format!("moving the new tree into {}; nothing was changed there", out.display())));
    }
    if had_output {
        for name in kept {
            let from = previous.join(name);
            if from.symlink_metadata().is_ok() {
                std::fs::rename(&from, out.join(name))
                    .with_context(|| format!("moving {} back into the new {}", name, out.display()))?;
            }
        }
        std::fs::remove_dir_all(&previous).with_context(|| format!("removing {}", previous.display()))?;
    }
    Ok(())
}

/// Builds the new tree in `staging` (which does not exist yet).
fn stage(staging: &Path, tree: &[(PathBuf, Entry<'_>)], write: &mut Writer<'_>) -> Result<()> {
    std::fs::create_dir_all(staging).with_context(|| format!("creating {}", staging.display()))?;
    for (path, entry) in tree {
        let dest = staging.join(path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        match entry {
            Entry::Write(bytes) => write(&dest, bytes).with_context(|| format!("writing {}", dest.display()))?,
            Entry::Keep(from) => keep(from, &dest)?,
        }
    }
    Ok(())
}

/// Links `from` as `dest`, or copies it with its modification time when it cannot be linked.
fn keep(from: &Path, dest: &Path) -> Result<()> {
    if std::fs::hard_link(from, dest).is_ok() {
        return Ok(());
    }
    std::fs::copy(from, dest).with_context(|| format!("copying {} to {}", from.display(), dest.display()))?;
    let modified = std::fs::metadata(from).and_then(|m| m.modified());
    if let Ok(modified) = modified {
        let file = std::fs::File::options().write(true).open(dest);
        let _ = file.and_then(|f| f.set_modified(modified));
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: to a temporary file beside it, synced, then renamed over
/// it. A failure leaves `path` as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).context("a file name")?;
    let temporary = path.with_file_name(format!(".{name}.writing"));
    if let Err(error) = write_synced(&temporary, bytes) {
        let _ = std::fs::remove_file(&temporary);
        return Err(anyhow::Error::new(error).context(format!("writing {}", path.display())));
    }
    std::fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))
}
