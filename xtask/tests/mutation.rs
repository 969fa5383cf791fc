//! The generator never panics, aborts or hangs on a mutated spec, locates every refusal at a
//! `file#pointer` that exists, and writes nothing for a refused spec: `cargo xtask mutate` checks
//! each, on seeded mutants of the vendored and fixture specs (the same ones on every run), in a
//! worker process whose death or silence it reports. Bounded: 200 mutants, at most 150 seconds
//! (about 20 in a debug build); `cargo xtask mutate --count 5000` runs more.

use std::process::Command;

#[test]
fn mutants_of_the_specs_never_crash_the_generator_and_every_refusal_is_located() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["mutate", "--count", "200", "--max-seconds", "150"])
        .output()
        .expect("running the xtask binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    // The summary says how many ran and how they ended; a run cut short by the time budget still
    // checked every mutant it reports.
    let summary = stdout.lines().find(|l| l.starts_with("mutate: seed 1, ")).unwrap_or_else(|| panic!("{stdout}"));
    assert!(summary.contains(" 0 panicked, 0 aborted or hung"), "{summary}");
    let ran: usize = summary["mutate: seed 1, ".len()..].split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(ran >= 50, "too few mutants ran to mean anything: {summary}");
    println!("{stdout}");
}
