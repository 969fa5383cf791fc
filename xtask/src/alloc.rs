//! A global allocator that can count live bytes and their peak, so `bench` can report the
//! memory the pipeline itself needs, separately from the process's baseline.
//!
//! Counting is off unless a measurement turns it on: the shared counters cost a contended
//! atomic per allocation (the emitter allocates on two threads), which would distort timings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);
// Signed: memory allocated before counting started may be freed while it runs.
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

/// The system allocator, counting when enabled.
pub struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; only counters are updated besides.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract, which `System` shares.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above, for `dealloc`.
        unsafe { System.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above, for `alloc_zeroed`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            add(layout.size() as isize);
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above, for `realloc`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        new
    }
}

fn add(delta: isize) {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let now = CURRENT.fetch_add(delta, Ordering::Relaxed) + delta;
    if delta > 0 {
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

/// Runs `f` with counting on: its result and the most bytes it had live at once, beyond what
/// was live when it started.
pub fn measure_peak<T>(f: impl FnOnce() -> T) -> (T, usize) {
    CURRENT.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    ENABLED.store(true, Ordering::Relaxed);
    let result = f();
    ENABLED.store(false, Ordering::Relaxed);
    (result, PEAK.load(Ordering::Relaxed).max(0) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    const CHILD: &str = "XTASK_ALLOC_TEST_CHILD";

    /// The counters are process-wide, so the measurement runs in a child process that runs
    /// only this test: other test threads freeing or allocating would move the figures.
    #[test]
    fn measures_the_peak_of_what_the_closure_allocates() {
        if std::env::var_os(CHILD).is_some() {
            let (len, peak) = measure_peak(|| {
                let big = vec![0u8; 4 << 20];
                let len = big.len();
                drop(big);
                let small = vec![0u8; 1 << 10];
                len + small.len()
            });
            println!("measured len={len} peak={peak}");
            return;
        }
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "alloc::tests::measures_the_peak_of_what_the_closure_allocates",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "child failed:\n{stdout}");
        let line = stdout
            .lines()
            .find_map(|l| l.find("measured len=").map(|at| &l[at + "measured ".len()..]))
            .unwrap_or_else(|| panic!("no measurement in:\n{stdout}"));
        let field = |name: &str| -> usize {
            line.split_whitespace()
                .find_map(|kv| kv.strip_prefix(name))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {line}"))
        };
        assert_eq!(field("len="), (4 << 20) + (1 << 10));
        // The 4 MiB buffer was live at once; the 1 KiB one came after it was freed, and the
        // harness may allocate a little of its own (its output buffers) while it runs.
        let peak = field("peak=");
        assert!(
            (4 << 20..(4 << 20) + (64 << 10)).contains(&peak),
            "peak {peak}"
        );
    }
}
