//! `verifier serve` (VC-API) with real processes: a credential issued over HTTP verifies; a
//! tampered one answers 400 with `verified: false` and the failed check named; malformed
//! requests answer 400 with a problem body; a revocation is seen; a presentation answers one of
//! the verifier's challenges once (a replay is refused), or the caller's own; and a status list
//! that cannot be read is never "verified" (503 when the policy requires status).

use std::collections::HashMap;
use std::process::Command;

use scenarios::http::{serve, Response};
use scenarios::{binary, free_port, issuer_admin, start_issuer, start_verifier, wallet};
use serde_json::{json, Value};

fn post(url: &str, body: &str, token: Option<&str>) -> (u16, Value) {
    let mut request = ureq::post(url).set("Content-Type", "application/json");
    if let Some(token) = token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    let response = match request.send_string(body) {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    let status = response.status();
    (status, serde_json::from_str(&response.into_string().unwrap()).unwrap_or(Value::Null))
}

#[test]
fn the_verification_service_answers_vc_api_requests() {
    let work = tempfile::tempdir().unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let data = work.path().join("issuer");
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_LISTEN", listen.as_str())];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue,revoke"]).trim().to_owned();
    let issuer = start_issuer(port, &env);
    let base = issuer.base_url.clone();
    let host = format!("{listen}={base}");
    let skill = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"}).to_string();
    let (_, issued) = post(&format!("{base}/credentials/skill"), &skill, Some(&token));
    let credential = issued["verifiableCredential"].clone();
    let (_, issued_jwt) = post(&format!("{base}/credentials/skill?cryptosuite=vc-jwt"), &skill, Some(&token));

    let (_verifier, verifier_base) = start_verifier(&["--did-web-host", &host, "--status-cache", "1"]);
    let verify = |body: &Value| post(&format!("{verifier_base}/credentials/verify"), &body.to_string(), None);

    let (status, answer) = verify(&json!({"verifiableCredential": credential}));
    assert_eq!(status, 200);
    assert_eq!(answer["verified"], true, "{answer}");
    assert!(answer["checks"].as_array().unwrap().iter().any(|c| c == "status"), "{answer}");
    let (status, answer) = verify(&json!({"verifiableCredential": issued_jwt["verifiableCredential"]}));
    assert_eq!((status, answer["verified"].as_bool()), (200, Some(true)), "{answer}");

    let mut tampered = credential.clone();
    tampered["credentialSubject"]["achievement"]["name"] = "Something else".into();
    let (status, answer) = verify(&json!({"verifiableCredential": tampered}));
    assert_eq!((status, answer["verified"].as_bool()), (400, Some(false)));
    assert_eq!(answer["errors"][0]["check"], "proof", "{answer}");

    for (body, what) in [
        (json!({"verifiableCredential": credential.to_string()}), "a credential as a JSON string"),
        (json!({"credential": credential}), "a missing field"),
    ] {
        let (status, problem) = verify(&body);
        assert_eq!(status, 400, "{what}");
        assert_eq!(problem["code"], "bad_request", "{what}");
        assert!(problem["detail_fr"].is_string());
    }
    let (status, _) = post(&format!("{verifier_base}/credentials/verify"), "{not json", None);
    assert_eq!(status, 400);

    // A revocation reaches the service within its cache period.
    let revoke = json!({"credentialId": credential["id"], "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}]});
    assert_eq!(post(&format!("{base}/credentials/status"), &revoke.to_string(), Some(&token)).0, 200);
    let started = std::time::Instant::now();
    loop {
        let (_, answer) = verify(&json!({"verifiableCredential": credential}));
        if answer["errors"].to_string().contains("credential_revoked") {
            assert_eq!(answer["verified"], false);
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(3), "revocation not seen: {answer}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // A presentation answers one challenge of this verifier, once.
    let store = work.path().join("wallet");
    let holder = String::from_utf8(wallet(&store, &["init"]).stdout).unwrap().trim().to_owned();
    assert!(holder.starts_with("did:key:"));
    let (_, offer) = post(
        &format!("{base}/credentials/offers"),
        &json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc", "fields": {"skill": "api_design", "level": "advanced"}}).to_string(),
        Some(&token),
    );
    let received = wallet(&store, &["receive", offer["credentialOfferUri"].as_str().unwrap(), "--did-web-host", &host]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    let id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
    let (status, challenge) = post(&format!("{verifier_base}/challenges"), "", None);
    assert_eq!(status, 201);
    let challenge = challenge["challenge"].as_str().unwrap().to_owned();
    let presented = wallet(&store, &["present", &id, "--challenge", &challenge, "--domain", "hr.example"]);
    assert!(presented.status.success());
    let presentation: Value = serde_json::from_slice(&presented.stdout).unwrap();
    let request =
        json!({"verifiablePresentation": presentation, "options": {"challenge": challenge, "domain": "hr.example"}})
            .to_string();
    let (status, answer) = post(&format!("{verifier_base}/presentations/verify"), &request, None);
    assert_eq!((status, answer["verified"].as_bool()), (200, Some(true)), "{answer}");
    let (status, replay) = post(&format!("{verifier_base}/presentations/verify"), &request, None);
    assert_eq!((status, replay["verified"].as_bool()), (400, Some(false)));
    assert!(replay["errors"].to_string().contains("challenge_unknown_or_used"), "{replay}");
    let invented = wallet(&store, &["present", &id, "--challenge", "made-up", "--domain", "hr.example"]);
    let request = json!({"verifiablePresentation": serde_json::from_slice::<Value>(&invented.stdout).unwrap(),
        "options": {"challenge": "made-up", "domain": "hr.example"}});
    // The caller's own challenge (VC-API `options.challenge`): the presentation answers it.
    let (status, answer) = post(&format!("{verifier_base}/presentations/verify"), &request.to_string(), None);
    assert_eq!((status, answer["verified"].as_bool()), (200, Some(true)), "the caller's challenge: {answer}");
    let request = json!({"verifiablePresentation": serde_json::from_slice::<Value>(&invented.stdout).unwrap(),
        "options": {"challenge": "another", "domain": "hr.example"}});
    let (status, answer) = post(&format!("{verifier_base}/presentations/verify"), &request.to_string(), None);
    assert_eq!((status, answer["verified"].as_bool()), (400, Some(false)), "another challenge: {answer}");

    // A status list that cannot be read: the DID document is there, the list is not.
    let document = ureq::get(&format!("{base}/hr/did.json")).call().unwrap().into_string().unwrap();
    let only_did = serve(HashMap::from([("/hr/did.json".to_owned(), Response::Body(document))]));
    let mapped = format!("{listen}={only_did}");
    let (_lenient, lenient) = start_verifier(&["--did-web-host", &mapped]);
    let (status, answer) =
        post(&format!("{lenient}/credentials/verify"), &json!({"verifiableCredential": credential}).to_string(), None);
    assert_eq!(
        (status, answer["verified"].as_bool()),
        (400, Some(false)),
        "never verified with an unread status: {answer}"
    );
    assert!(answer["warnings"].to_string().contains("status_retrieval_error"), "{answer}");
    let (_strict, strict) = start_verifier(&["--did-web-host", &mapped, "--require-status"]);
    let (status, problem) =
        post(&format!("{strict}/credentials/verify"), &json!({"verifiableCredential": credential}).to_string(), None);
    assert_eq!(status, 503, "{problem}");
    assert_eq!(problem["code"], "dependency_unavailable");
}

fn verifier_cli(args: &[&str], directory: &std::path::Path) -> std::process::Output {
    Command::new(binary("verifier")).args(args).current_dir(directory).output().unwrap()
}

#[test]
fn the_trusted_issuer_registry_decides_who_may_attest_what() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let data = dir.join("issuer");
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_LISTEN", listen.as_str())];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token = issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned();
    let issuer = start_issuer(port, &env);
    let base = issuer.base_url.clone();
    let host = format!("{listen}={base}");
    let did = format!("did:web:127.0.0.1%3A{port}:hr");
    let skill = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
    let (_, issued) = post(&format!("{base}/credentials/skill"), &skill.to_string(), Some(&token));
    let credential = issued["verifiableCredential"].clone();
    std::fs::write(dir.join("skill.json"), credential.to_string()).unwrap();

    // The registry is edited with the CLI, and checked as a whole before it is written.
    let add = |types: &str, file: &str| {
        verifier_cli(
            &[
                "trust",
                "add",
                "--registry",
                file,
                &did,
                "--name",
                "Human Resources",
                "--name-fr",
                "Ressources humaines",
                "--types",
                types,
            ],
            dir,
        )
    };
    assert!(add("SkillCredential", "skills.toml").status.success());
    assert_eq!(add("SkillCredential", "skills.toml").status.code(), Some(2), "an overlapping second entry is refused");
    assert!(add("AssignmentCredential", "assignments.toml").status.success());
    assert_eq!(
        verifier_cli(&["trust", "check", "--registry", "skills.toml", &did, "--type", "SkillCredential"], dir)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        verifier_cli(&["trust", "check", "--registry", "assignments.toml", &did, "--type", "SkillCredential"], dir)
            .status
            .code(),
        Some(1)
    );
    let listed = String::from_utf8(verifier_cli(&["trust", "list", "--registry", "skills.toml"], dir).stdout).unwrap();
    assert!(listed.contains(&did) && listed.contains("Human Resources"), "{listed}");

    // verifier verify --trust.
    let trusted = verifier_cli(&["verify", "--trust", "skills.toml", "--did-web-host", &host, "skill.json"], dir);
    assert_eq!(trusted.status.code(), Some(0), "{}", String::from_utf8_lossy(&trusted.stdout));
    let untrusted =
        verifier_cli(&["verify", "--json", "--trust", "assignments.toml", "--did-web-host", &host, "skill.json"], dir);
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&untrusted.stdout).contains("issuer_not_trusted"));

    // The service: trusted, then not trusted once the file changes (read again on change).
    std::fs::copy(dir.join("skills.toml"), dir.join("live.toml")).unwrap();
    let live = dir.join("live.toml");
    let (_verifier, verifier_base) = start_verifier(&["--did-web-host", &host, "--trust", live.to_str().unwrap()]);
    let verify = || {
        post(
            &format!("{verifier_base}/credentials/verify"),
            &json!({"verifiableCredential": credential}).to_string(),
            None,
        )
        .1
    };
    let answer = verify();
    assert_eq!(answer["verified"], true, "{answer}");
    assert!(answer["checks"].to_string().contains("trusted_issuer"));
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    std::fs::copy(dir.join("assignments.toml"), &live).unwrap();
    let answer = verify();
    assert_eq!(answer["verified"], false, "{answer}");
    assert_eq!(answer["errors"][0]["code"], "issuer_not_trusted", "{answer}");
    assert!(answer["errors"][0]["message"].as_str().unwrap().contains("signature is valid"));

    // A registry with a mistake stops the service at start, naming the line.
    std::fs::write(dir.join("bad.toml"), "[[issuer]]\nid = \"did:web:example.org\"\nname = \"X\"\nname_fr = \"X\"\ncredential_types = [\"*\"]\ntrusted = true\n").unwrap();
    let refused = Command::new(binary("verifier"))
        .args(["serve", "--listen", &format!("127.0.0.1:{}", free_port()), "--trust"])
        .arg(dir.join("bad.toml"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("line 6"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
