//! `cargo xtask codegen` on a disk that fills up midway leaves the previous output byte for byte.
//!
//! A full disk is made real, without privileges, by the file-size limit (`ulimit -f`): a write
//! past it fails with `EFBIG` ("File too large") when `SIGXFSZ` is ignored, as a full disk fails
//! with `ENOSPC`; when the signal is not ignored, it kills the process in the middle of the
//! write, as a crash or a kill would.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small spec with a few types and operations, whose crate has files of several kilobytes.
fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../generator/tests/fixtures/lower/objects.yaml")
}

/// Runs `xtask codegen` for `spec()` into `out` as crate `name`, under `sh` with `limit` (the
/// shell's `ulimit -f` argument, 512-byte blocks) and `SIGXFSZ` ignored or not.
fn codegen(out: &Path, name: &str, limit: Option<(u32, bool)>) -> Output {
    let mut script = String::new();
    if let Some((blocks, ignore_signal)) = limit {
        if ignore_signal {
            script.push_str("trap '' XFSZ; ");
        }
        script.push_str(&format!("ulimit -f {blocks}; "));
    }
    script.push_str("exec \"$0\" \"$@\"");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(spec())
        .arg("--out")
        .arg(out)
        .args(["--crate-name", name])
        .output()
        .expect("running sh")
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("a time");
                let bytes = std::fs::read(&path).expect("readable");
                files.insert(path.strip_prefix(dir).expect("inside").to_path_buf(), (bytes, modified));
            }
        }
    }
    files
}

/// A fresh folder holding the crate generated as `first`, with a build product in it.
fn previous_output(name: &str) -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("full_disk").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let out = dir.join("out");
    let first = codegen(&out, "first", None);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    std::fs::create_dir_all(out.join("target")).expect("a target folder");
    std::fs::write(out.join("target/build-output"), "kept").expect("written");
    (dir, out)
}

#[test]
fn a_disk_that_fills_up_midway_leaves_the_previous_output_intact() {
    let (dir, out) = previous_output("efbig");
    let before = snapshot(&out);
    assert!(before.values().any(|(bytes, _)| bytes.len() > 4096), "a file larger than the limit below");
    // Renaming the crate changes every file; the first one larger than 4 KiB fails.
    let failed = codegen(&out, "second", Some((8, true)));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "{stderr}");
    assert!(stderr.contains("File too large") && stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(snapshot(&out), before, "the previous output is byte for byte as it was");
    let left: Vec<_> = std::fs::read_dir(&dir).expect("a folder").map(|e| e.expect("an entry").file_name()).collect();
    assert_eq!(left, ["out"], "the staging folder is removed");
    // With room again, the same command writes the new crate and keeps the build product.
    let done = codegen(&out, "second", None);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let cargo = std::fs::read_to_string(out.join("Cargo.toml")).expect("a manifest");
    assert!(cargo.contains("name = \"second\""), "{cargo}");
    assert_eq!(std::fs::read_to_string(out.join("target/build-output")).expect("kept"), "kept");
}

#[test]
fn a_run_killed_midway_leaves_the_previous_output_intact() {
    let (dir, out) = previous_output("killed");
    let before = snapshot(&out);
    let killed = codegen(&out, "second", Some((8, false)));
    assert_eq!(killed.status.signal(), Some(25), "SIGXFSZ killed it: {:?}", killed.status);
    assert_eq!(snapshot(&out), before, "the previous output is byte for byte as it was");
    // The next run clears what the killed one left and writes the new crate.
    let done = codegen(&out, "second", None);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(std::fs::read_to_string(out.join("Cargo.toml")).expect("a manifest").contains("name = \"second\""));
    let left: Vec<_> = std::fs::read_dir(&dir).expect("a folder").map(|e| e.expect("an entry").file_name()).collect();
    assert_eq!(left, ["out"]);
}
