//! The README's first command works: `scripts/demo` starts the issuer with the embedded default,
//! issues over HTTP and verifies, and exits 0 only if the tampered copy and the revoked credential
//! were rejected.

use std::process::Command;

use scenarios::{binary, repository};

#[test]
fn readme_demo_runs() {
    binary("issuer");
    let output = Command::new(repository().join("scripts/demo")).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("First start: created department `demo`"), "{stdout}");
    assert!(stdout.contains("VALIDE") && stdout.contains("signature_mismatch"), "{stdout}");
    assert!(stdout.contains("credential_revoked") && stdout.contains("revocation: revoked"), "{stdout}");
}
