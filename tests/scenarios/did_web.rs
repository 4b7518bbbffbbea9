//! A credential issued by a `did:web` department verifies with `verifier verify` using only the
//! department's published DID document, fetched from a local server the test maps the DID host to.

use std::collections::HashMap;
use std::process::{Command, Output};

use scenarios::binary;
use scenarios::http::{serve, Response};

fn run(program: &str, args: &[&str], directory: &std::path::Path) -> Output {
    Command::new(binary(program)).args(args).current_dir(directory).output().unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn did_web_issuer_verifies_through_its_published_document() {
    let dir = tempfile::tempdir().unwrap();
    let directory = dir.path();
    let did = "did:web:issuer.example:hr";
    stdout(&run(
        "issuer",
        &["key", "generate", "--out", "hr.key", "--verification-method", &format!("{did}#key-1")],
        directory,
    ));
    let document = stdout(&run("issuer", &["key", "did-document", "--key", "hr.key"], directory));
    std::fs::write(directory.join("did.json"), &document).unwrap();
    let unsigned = stdout(&run(
        "issuer",
        &[
            "template",
            "skill",
            "--key",
            "hr.key",
            "--issuer-name",
            "Human Resources",
            "--issuer-name-fr",
            "Ressources humaines",
            "--skill",
            "api_design",
            "--level",
            "expert",
        ],
        directory,
    ));
    std::fs::write(directory.join("unsigned.json"), unsigned).unwrap();
    for suite in ["eddsa-rdfc-2022", "vc-jwt"] {
        let signed = stdout(&run(
            "issuer",
            &["sign", "--key", "hr.key", "--suite", suite, "--input", "unsigned.json"],
            directory,
        ));
        std::fs::write(directory.join("signed"), signed).unwrap();

        // Offline, a did:web issuer is not contacted: the report says how to check it.
        let offline = run("verifier", &["verify", "--json", "signed"], directory);
        assert_eq!(offline.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&offline.stdout).contains("did_offline"));

        // Online, through the explicit host mapping, only the published DID document is used.
        let base = serve(HashMap::from([("/hr/did.json".to_owned(), Response::Body(document.clone()))]));
        let online =
            run("verifier", &["verify", "--did-web-host", &format!("issuer.example={base}"), "signed"], directory);
        assert_eq!(online.status.code(), Some(0), "{suite}: {}", String::from_utf8_lossy(&online.stdout));

        // Or offline, given the document as a file.
        let given = run("verifier", &["verify", "--did-document", "did.json", "signed"], directory);
        assert_eq!(given.status.code(), Some(0), "{suite}: {}", String::from_utf8_lossy(&given.stdout));
    }
}
