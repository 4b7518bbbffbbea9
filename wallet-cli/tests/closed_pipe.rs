//! Found as a new user would (issue #21): `wallet list | head -1` panicked with "failed printing
//! to stdout: Broken pipe" and exit 101. The wallet, run into a pipe whose reader is gone, ends
//! quietly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};

fn wallet(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wallet"));
    command.arg("--wallet").arg(dir).env("WALLET_PASSPHRASE", "pw").env("WALLET_KDF", "test").env("LANG", "C");
    command
}

#[test]
fn a_closed_pipe_ends_the_wallet_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("wallet");
    assert!(wallet(&store).arg("init").output().unwrap().status.success());
    for args in [&["list"][..], &["did"], &["--help"]] {
        let mut child = wallet(&store).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        // The reader goes before the wallet writes, as `head -1` does after its line.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
