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
        // Every check passes; no registry was given, so the issuer is one nobody said to trust:
        // exit 3, never "valid" (issue #21).
        assert_eq!(online.status.code(), Some(3), "{suite}: {}", String::from_utf8_lossy(&online.stdout));

        // Or offline, given the document as a file.
        let given = run("verifier", &["verify", "--did-document", "did.json", "signed"], directory);
        assert_eq!(given.status.code(), Some(3), "{suite}: {}", String::from_utf8_lossy(&given.stdout));
    }
}

/// The issue's whole path for a served department: a credential issued over HTTP by a `did:web`
/// department verifies with `verifier verify` reading only the DID document the issuer publishes
/// (its host mapped to the test's loopback address); after `issuer key rotate` the credentials
/// signed before and after both verify, and the new ones name the new key.
#[test]
fn a_served_department_rotates_its_key_and_both_generations_verify() {
    let setup = scenarios::IssuerSetup::new("issue");
    let (dir, port, listen, token, env) = (&setup.dir, setup.port, &setup.listen, &setup.token, setup.env());
    let issuer = scenarios::start_issuer(port, &env);
    let base = issuer.base_url.clone();
    let issue = |suite: &str| {
        let body = serde_json::json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
        let (status, answer) =
            crate::status::post(&format!("{base}/credentials/skill?cryptosuite={suite}"), token, &body);
        assert_eq!(status, 201, "{answer}");
        answer["verifiableCredential"].clone()
    };
    let method =
        |credential: &serde_json::Value| credential["proof"]["verificationMethod"].as_str().unwrap().to_owned();
    let did = format!("did:web:127.0.0.1%3A{port}:hr");
    let before = issue("eddsa-jcs-2022");
    assert_eq!(before["issuer"]["id"], did.as_str());
    let old_method = method(&before);
    assert!(old_method.starts_with(&format!("{did}#")), "{old_method}");

    let rotated = scenarios::issuer_admin(&env, &["key", "rotate", "--department", "hr"]);
    // The running service reads the new signing key once its short cache of the old one ends.
    let started = std::time::Instant::now();
    let after = loop {
        let credential = issue("eddsa-rdfc-2022");
        if method(&credential) != old_method {
            break credential;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "still signing with {old_method}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let new_method = method(&after);
    assert!(new_method.starts_with(&format!("{did}#")) && rotated.contains(&new_method), "{rotated} / {new_method}");
    let document: serde_json::Value =
        serde_json::from_str(&ureq::get(&format!("{base}/hr/did.json")).call().unwrap().into_string().unwrap())
            .unwrap();
    let published: Vec<&str> =
        document["verificationMethod"].as_array().unwrap().iter().filter_map(|vm| vm["id"].as_str()).collect();
    assert!(published.contains(&old_method.as_str()) && published.contains(&new_method.as_str()), "{document}");

    for (name, credential) in [("before.json", &before), ("after.json", &after)] {
        std::fs::write(dir.path().join(name), credential.to_string()).unwrap();
    }
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--online", "--json", "--did-web-host", &format!("{listen}={base}")])
        .arg(dir.path().join("before.json"))
        .arg(dir.path().join("after.json"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&verified.stdout);
    // Both verify; no registry names the department, so exit 3 (issue #21), not 1.
    assert_eq!(verified.status.code(), Some(3), "{report}{}", String::from_utf8_lossy(&verified.stderr));
    // Without the mapping the DID's host (a loopback address) is refused, so the proof cannot be
    // checked: the run above read the document the issuer publishes, through the mapping.
    let unmapped = Command::new(binary("verifier"))
        .args(["verify", "--online", "--json"])
        .arg(dir.path().join("after.json"))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&unmapped.stdout);
    assert_eq!(unmapped.status.code(), Some(1), "{report}");
    assert!(report.contains("did_address_refused"), "the DID's loopback host is refused: {report}");
}
