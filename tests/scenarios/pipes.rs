//! A command whose output goes to a reader that has gone (`issuer sign … | head -c 0`,
//! `verifier verify … | head -1`) ends quietly, as C programs do, instead of panicking with
//! "failed printing to stdout: Broken pipe" and exit 101 (issue #21). The reading end is closed
//! before the program writes: it writes only after it has read its standard input.

use std::io::Write;
use std::process::{Command, Stdio};

use scenarios::binary;

/// Runs `program args` in `directory` with `input` on its standard input, its standard output
/// closed before it writes; returns (exit code, standard error).
fn into_a_closed_pipe(
    program: &str,
    args: &[&str],
    directory: &std::path::Path,
    input: &[u8],
) -> (Option<i32>, String) {
    let mut child = Command::new(binary(program))
        .args(args)
        .current_dir(directory)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(input);
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_closed_pipe_ends_issuer_and_verifier_quietly() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let generated =
        Command::new(binary("issuer")).args(["key", "generate", "--out", "k.json"]).current_dir(dir).output().unwrap();
    assert!(generated.status.success());
    let template = Command::new(binary("issuer"))
        .args(["template", "skill", "--key", "k.json", "--skill", "api_design", "--level", "advanced"])
        .args(["--issuer-name", "HR", "--issuer-name-fr", "RH"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(template.status.success(), "{}", String::from_utf8_lossy(&template.stderr));

    let (code, stderr) = into_a_closed_pipe("issuer", &["sign", "--key", "k.json"], dir, &template.stdout);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert_ne!(code, Some(101), "{stderr}");

    let signed = Command::new(binary("issuer"))
        .args(["sign", "--key", "k.json"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(&template.stdout)?;
            child.wait_with_output()
        })
        .unwrap();
    std::fs::write(dir.join("signed.json"), &signed.stdout).unwrap();
    let (code, stderr) = into_a_closed_pipe("verifier", &["verify", "signed.json", "--verbose"], dir, b"");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert_ne!(code, Some(101), "{stderr}");
}
