//! `cargo xtask bench [--runs N] [--spec PATH] [--root DIR]`: times the whole pipeline in memory (load,
//! lower, expand + format), stage by stage, and reports the peak memory it needs.
//!
//! Timings of a debug build mean little, so a debug xtask re-runs itself with
//! `cargo run --release` (pass `--debug` to measure the debug build anyway).
//!
//! `cargo xtask bench --compile [--rounds N]` times something else: how long the generated
//! crates take to compile, against autorust's crate for the same service (see [`compile`]).

mod compile;

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::args::Args;
use crate::codegen::Target;
use crate::{alloc, paths};

/// The targets of issue 3, for the 2023-06-30 spec on a 2-core machine.
const TARGET_TIME: Duration = Duration::from_millis(50);
const TARGET_MEMORY: usize = 100 * 1024 * 1024;

/// `cargo xtask bench`.
pub fn run(mut args: Args) -> Result<ExitCode> {
    if args.flag("--compile") {
        let rounds = match args.value("--rounds")? {
            Some(n) => n.parse().ok().filter(|n| *n > 0).context("--rounds takes a positive number")?,
            None => compile::DEFAULT_ROUNDS,
        };
        args.finish()?;
        // It times cargo, not this process: a debug build of the xtask does as well.
        let root = crate::enter_workspace_root()?;
        compile::run(&root, rounds)?;
        return Ok(ExitCode::SUCCESS);
    }
    let debug = args.flag("--debug");
    let runs = args.value("--runs")?;
    let spec = args.path("--spec")?;
    let spec_root = args.path("--root")?;
    args.finish()?;

    if cfg!(debug_assertions) && !debug {
        return rerun_in_release(runs.as_deref(), spec.as_ref(), spec_root.as_ref());
    }
    let runs: usize = match runs {
        Some(n) => n.parse().ok().filter(|n| *n > 0).context("--runs takes a positive number")?,
        None => 20,
    };
    let root = crate::enter_workspace_root()?;
    let mut product = Target::product(&root)?;
    product.options.root = spec_root;
    let spec = match spec {
        Some(spec) => paths::relative_to(&spec, &root).map(PathBuf::from).unwrap_or(spec),
        None => product.spec.clone(),
    };
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!("bench: {} ({profile} build), {runs} run(s) after one warm-up that measures memory", paths::slashed(&spec));

    // The warm-up run also measures memory, with the allocator counting; the timed runs do not
    // count, so the counters do not slow them.
    let (warm_up, peak) = alloc::measure_peak(|| run_once(&spec, &product.options));
    let (_, (files, lines, bytes)) = warm_up?;
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        samples.push(run_once(&spec, &product.options)?.0);
    }

    let stage = |name: &str, pick: fn(&Sample) -> Duration| {
        let mut times: Vec<_> = samples.iter().map(pick).collect();
        times.sort();
        println!("  {name:<16} median {:>8.2} ms   min {:>8.2} ms", ms(times[times.len() / 2]), ms(times[0]));
        times[times.len() / 2]
    };
    stage("load", |s| s.load);
    stage("lower", |s| s.lower);
    stage("expand+format", |s| s.expand);
    let total = stage("total", |s| s.load + s.lower + s.expand);
    println!("  peak heap        {:>8.1} MiB (allocated by the pipeline, counted)", mib(peak));
    if let Some(hwm) = vm_hwm() {
        println!("  process VmHWM    {:>8.1} MiB (whole process, resident high-water mark)", mib(hwm));
    }
    println!("  output           {files} files, {lines} lines, {bytes} bytes");
    let time_ok = total < TARGET_TIME;
    let memory_ok = peak < TARGET_MEMORY;
    println!(
        "  targets          total < {} ms: {}; peak < {} MiB: {}",
        TARGET_TIME.as_millis(),
        if time_ok { "met" } else { "NOT met" },
        TARGET_MEMORY / (1024 * 1024),
        if memory_ok { "met" } else { "NOT met" }
    );
    Ok(ExitCode::SUCCESS)
}

/// One run's stage times.
struct Sample {
    load: Duration,
    lower: Duration,
    expand: Duration,
}

/// What the pipeline produced: files, lines, bytes.
type Output = (usize, usize, usize);

/// Runs the pipeline once: its stage times, and what it produced.
fn run_once(spec: &std::path::Path, options: &generator::Options) -> Result<(Sample, Output)> {
    let located = |e: generator::Error| anyhow::anyhow!("{e}");
    let start = Instant::now();
    let loaded = generator::load::load_spec_within(spec, options.root.as_deref()).map_err(located)?;
    let loaded_at = Instant::now();
    let api = generator::lower::lower_spec(&loaded).map_err(located)?;
    let lowered_at = Instant::now();
    let files = generator::expand::expand_crate(&api, options).map_err(located)?;
    let expanded_at = Instant::now();
    let lines = files.iter().map(|f| f.contents.lines().count()).sum();
    let bytes = files.iter().map(|f| f.contents.len()).sum();
    let sample = Sample { load: loaded_at - start, lower: lowered_at - loaded_at, expand: expanded_at - lowered_at };
    Ok((sample, (files.len(), lines, bytes)))
}

/// Re-runs this command from a release build of the xtask.
fn rerun_in_release(runs: Option<&str>, spec: Option<&PathBuf>, root: Option<&PathBuf>) -> Result<ExitCode> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(crate::workspace_root());
    command.args(["run", "--release", "--quiet", "--package", "xtask", "--", "bench"]);
    if let Some(runs) = runs {
        command.args(["--runs", runs]);
    }
    if let Some(spec) = spec {
        command.arg("--spec").arg(spec);
    }
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    println!("bench: building the xtask in release mode (cargo run --release) to time it");
    let status = command.status().context("running cargo run --release")?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// The process's resident high-water mark, from `/proc/self/status` (Linux only).
fn vm_hwm() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
