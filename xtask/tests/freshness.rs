//! `generated/` is exactly what the generator makes of the product spec today: the test runs
//! `cargo xtask codegen --check` itself, so it and CI can never disagree about freshness.

use std::process::Command;

#[test]
fn generated_crate_is_fresh() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check"])
        .output()
        .expect("running the xtask binary");
    assert!(
        output.status.success(),
        "`cargo xtask codegen --check` failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
