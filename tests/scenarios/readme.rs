//! The README's first command works: `scripts/demo` tells the whole story on the embedded
//! defaults (offers, a fresh wallet, a verifier asking through OpenID4VP, a revocation) and exits 0
//! only if the presentation was verified, and the tampered copy and the revoked credential were
//! rejected.

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
    // The whole story: received through OpenID4VCI, presented through OpenID4VP, verified with the
    // issuers' names from the registry, then reported revoked.
    assert!(stdout.contains("outcome / résultat: verified"), "{stdout}");
    assert!(stdout.contains("issued by / émise par Shared Services Canada"), "{stdout}");
    assert!(
        stdout.contains("outcome / résultat: failed") && stdout.contains("refusé parce que: credential_revoked"),
        "{stdout}"
    );
}
