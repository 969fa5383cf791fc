//! The AutoRest test server: installed with `npm ci` (skipped when the lock is current), started
//! on a free port of 127.0.0.1 and killed by pid when dropped, and asked over plain HTTP.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use super::{tail, PACKAGE};
use crate::paths;

/// `npm ci` of the checked-in manifest and lock into `node_dir`, unless the lock installed there
/// has the same hash.
pub(super) fn npm_ci(source: &Path, node_dir: &Path) -> Result<()> {
    let manifest = std::fs::read(source.join("package.json")).context("reading package.json")?;
    let lock = std::fs::read(source.join("package-lock.json")).context("reading package-lock.json")?;
    let hash = install_hash(&manifest, &lock);
    let stamp = node_dir.join(".installed-sha256");
    let installed = std::fs::read_to_string(&stamp).unwrap_or_default();
    if installed.trim() == hash && node_dir.join("node_modules").join(PACKAGE).join("package.json").exists() {
        println!("npm ci: skipped, the installed lock is current ({})", &hash[..12]);
        return Ok(());
    }
    std::fs::create_dir_all(node_dir).with_context(|| format!("creating {}", node_dir.display()))?;
    std::fs::write(node_dir.join("package.json"), &manifest).context("copying package.json")?;
    std::fs::write(node_dir.join("package-lock.json"), &lock).context("copying package-lock.json")?;
    let _ = std::fs::remove_file(&stamp);
    // No install scripts: the server needs none, and nothing from the registry runs here but it.
    let status = Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(node_dir)
        .status()
        .context("running npm ci (are node and npm installed?)")?;
    if !status.success() {
        bail!("npm ci in {} failed ({status})", paths::display(node_dir));
    }
    std::fs::write(&stamp, format!("{hash}\n")).context("recording the installed lock")?;
    Ok(())
}

/// The SHA-256 (hex) of what `npm ci` installs from: the manifest and the lock, each
/// length-prefixed so that no two pairs hash alike.
pub fn install_hash(manifest: &[u8], lock: &[u8]) -> String {
    let mut hasher = Sha256::new();
    for part in [manifest, lock] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The test server, killed by its pid when dropped, however the run ends.
pub(super) struct Server {
    child: Child,
    pub(super) addr: SocketAddr,
    log: PathBuf,
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1, its output going to
    /// `target/conformance/server.log`.
    pub(super) fn start(source: &Path, package: &Path, work: &Path) -> Result<Self> {
        let port = free_port()?;
        let log = work.join("server.log");
        let out = std::fs::File::create(&log).with_context(|| format!("creating {}", log.display()))?;
        let err = out.try_clone().context("opening the server log twice")?;
        let coverage = work.join("coverage");
        let child = Command::new("node")
            .arg("-r")
            .arg(source.join("loopback.cjs"))
            .arg(package.join("dist").join("cli").join("cli.js"))
            .args(["run", "--port", &port.to_string(), "--coverageDirectory"])
            .arg(&coverage)
            .current_dir(work)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .context("starting the test server (is node installed?)")?;
        Ok(Server { child, addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)), log })
    }

    /// The base URL the drivers forward to.
    pub(super) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Waits until the server accepts connections; an error with the end of its log when it
    /// exits or does not answer in time.
    pub(super) fn wait_ready(&self, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        loop {
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            let log = || std::fs::read_to_string(&self.log).unwrap_or_default();
            if started.elapsed() > timeout {
                bail!("the test server did not listen on {} within {}s; the end of its log:\n{}", self.addr, timeout.as_secs(), tail(&log(), 20));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // `kill` signals the child's own pid; the preload makes it exit too if this process dies
        // before getting here.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that nothing listened on a moment ago.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("binding 127.0.0.1:0 to pick a port")?;
    Ok(listener.local_addr()?.port())
}

/// GETs `path` from the server with a plain HTTP/1.0 request (so the answer is never chunked
/// and ends with the connection); the body of a `200`.
pub(super) fn http_get(addr: SocketAddr, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).with_context(|| format!("connecting to {addr}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n")?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).with_context(|| format!("reading GET {path}"))?;
    response_body(&raw).with_context(|| format!("GET {path}"))
}

/// The body of a raw HTTP response whose status is `200` (a chunked one decoded).
pub fn response_body(raw: &[u8]) -> Result<String> {
    let text = String::from_utf8_lossy(raw);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        bail!("not an HTTP response: {}", tail(&text, 5));
    };
    let status = head.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) != Some("200") {
        bail!("answered `{status}`");
    }
    let chunked = head.lines().any(|l| {
        l.split_once(':').is_some_and(|(n, v)| {
            n.trim().eq_ignore_ascii_case("transfer-encoding") && v.trim().eq_ignore_ascii_case("chunked")
        })
    });
    if !chunked {
        return Ok(body.to_string());
    }
    let mut out = String::new();
    let mut rest = body;
    loop {
        let Some((size, after)) = rest.split_once("\r\n") else { bail!("a chunk without its size line") };
        let size = usize::from_str_radix(size.split(';').next().unwrap_or_default().trim(), 16)
            .with_context(|| format!("the chunk size `{size}`"))?;
        if size == 0 {
            return Ok(out);
        }
        if after.len() < size {
            bail!("a chunk shorter than its size");
        }
        out.push_str(&after[..size]);
        rest = after[size..].strip_prefix("\r\n").unwrap_or(&after[size..]);
    }
}
