//! Selective disclosure across real processes: an SD-JWT VC with five skills is imported into
//! the wallet, presented with two of them for one verifier's challenge, and checked by
//! `verifier verify`, which names exactly the two claims shown; the other three are nowhere in
//! the file the holder handed over.

use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::did::StaticResolver;
use scenarios::{binary, wallet, TestKey};
use schemas::{AssignmentCredentialBuilder, Issuer, LocalizedText, OrganizationUnit};

const SKILLS: [&str; 5] =
    ["api_design", "cloud_security", "cloud_architecture", "accountability", "agile_methodologies"];

fn verify(file: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(binary("verifier")).arg("verify").arg(file).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code(), text)
}

#[test]
fn wallet_discloses_two_of_five_skills_and_the_verifier_names_exactly_those() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("wallet");
    let init = wallet(&store, &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();

    let issuer = Arc::new(TestKey::from_seed(41));
    let valid_from: DateTime<Utc> = "2026-01-05T00:00:00Z".parse().unwrap();
    let mut builder = AssignmentCredentialBuilder::new(
        "urn:uuid:0d8e7c52-5a1b-4e6f-9c3d-2b1a0f9e8d7c",
        Issuer { id: issuer.did(), name: LocalizedText::new("Department A", "Ministère A") },
        LocalizedText::new("Cloud Architect", "Architecte infonuagique"),
        OrganizationUnit::named(LocalizedText::new("Department A", "Ministère A")),
        "2025-01-06T00:00:00Z".parse().unwrap(),
        valid_from,
    )
    .subject(holder.clone())
    .team(OrganizationUnit::named(LocalizedText::new("Confidential Team", "Équipe confidentielle")));
    for skill in SKILLS {
        builder = builder.skill(skill);
    }
    let issued = credentials::sd_jwt_vc::issue(
        &builder.build().unwrap(),
        issuer,
        &StaticResolver::new(),
        valid_from.timestamp(),
        None,
    )
    .unwrap();
    let file = work.path().join("assignment.sd-jwt");
    std::fs::write(&file, &issued).unwrap();

    let imported = wallet(&store, &["import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&wallet(&store, &["list", "--json"]).stdout).unwrap();
    let entry = &listed["credentials"][0];
    assert_eq!(entry["type"], "assignment", "{listed}");
    assert_eq!(entry["skills"].as_array().unwrap().len(), 5, "{listed}");
    let id = entry["id"].as_str().unwrap().to_owned();

    let presented = work.path().join("presented.txt");
    let present = wallet(
        &store,
        &[
            "present",
            &id,
            "--disclose",
            "skills.api_design,skills.cloud_security",
            "--challenge",
            "nonce-7",
            "--domain",
            "hr.example",
            "--out",
            presented.to_str().unwrap(),
        ],
    );
    assert!(present.status.success(), "{}", String::from_utf8_lossy(&present.stderr));
    let bytes = std::fs::read_to_string(&presented).unwrap();
    let mut decoded = String::new();
    for part in bytes.trim().split('~').flat_map(|part| part.split('.')) {
        use base64::Engine;
        if let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part) {
            decoded.push_str(&String::from_utf8_lossy(&raw));
        }
    }
    assert!(decoded.contains("api_design") && decoded.contains("cloud_security"));
    for hidden in ["cloud_architecture", "accountability", "agile_methodologies", "Confidential"] {
        assert!(!decoded.contains(hidden) && !bytes.contains(hidden), "{hidden} was sent");
    }

    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "hr.example"]);
    // Checks out; no registry names the issuer: exit 3, never "valid" (issue #21).
    assert_eq!(code, Some(3), "{text}");
    assert!(text.contains("disclosed claims: skills.api_design, skills.cloud_security"), "{text}");
    let skills = text.lines().find(|line| line.trim_start().starts_with("Skills used:")).unwrap_or_default();
    assert!(skills.contains("API Design") && skills.contains("Cloud Security"), "{text}");
    assert!(!skills.contains("Accountability"), "{text}");
    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "hr.example", "--lang", "fr"]);
    assert_eq!(code, Some(3), "{text}");
    assert!(text.contains("éléments divulgués : skills.api_design, skills.cloud_security"), "{text}");

    // Replayed to another request, or sent to another verifier.
    let (code, text) = verify(&presented, &["--challenge", "nonce-8", "--domain", "hr.example"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("key_binding_nonce_mismatch"), "{text}");
    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "other.example"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("key_binding_audience_mismatch"), "{text}");

    // A claim that is always shown cannot be "disclosed"; nothing is written.
    let refused = wallet(&store, &["present", &id, "--disclose", "role", "--challenge", "n", "--domain", "d"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("claim_not_disclosable"));
    // Without --disclose and without a terminal, nothing beyond the always-shown claims goes out.
    let least = wallet(&store, &["present", &id, "--challenge", "n", "--domain", "d"]);
    assert!(least.status.success(), "{}", String::from_utf8_lossy(&least.stderr));
    let (_, text) = verify_text(&String::from_utf8(least.stdout).unwrap(), work.path());
    assert!(text.contains("disclosed claims: none"), "{text}");

    // In a terminal without --disclose, the wallet asks claim by claim, in the person's language
    // (util-linux `script` gives it one); "o" (oui) to the first question only.
    let chosen = work.path().join("chosen.txt");
    let command = format!(
        "{} --wallet {} present {id} --challenge nonce-9 --domain hr.example --lang fr --out {}",
        binary("wallet").display(),
        store.display(),
        chosen.display()
    );
    let mut terminal = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("WALLET_PASSPHRASE", "holder passphrase")
        .env("WALLET_KDF", "test")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = terminal.stdin.take().unwrap();
        input.write_all("o\nn\nn\nn\nn\nn\nn\nn\nn\nn\n".as_bytes()).unwrap();
    }
    let output = terminal.wait_with_output().unwrap();
    let asked = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{asked}");
    assert!(asked.contains("Montrer cet élément ?"), "{asked}");
    assert!(asked.contains("Compétence utilisée : ") && asked.contains("Équipe : Équipe confidentielle"), "{asked}");
    let (code, text) = verify(&chosen, &["--challenge", "nonce-9", "--domain", "hr.example"]);
    assert_eq!(code, Some(3), "{text}");
    let line = text.lines().find(|line| line.contains("disclosed claims:")).unwrap_or_default();
    assert_eq!(line.split(':').nth(1).unwrap_or_default().split(',').count(), 1, "{text}");
    assert!(!line.contains("none"), "{text}");
}

fn verify_text(text: &str, dir: &std::path::Path) -> (Option<i32>, String) {
    let file = dir.join("least.txt");
    std::fs::write(&file, text).unwrap();
    verify(&file, &["--challenge", "n", "--domain", "d"])
}

#[test]
fn issuer_sd_jwt_vcs_are_revoked_and_suspended_through_their_status_list_token() {
    revoke_and_suspend_through_tokens(None);
}

/// The same on PostgreSQL: the token joins both lists of a department in SQL.
#[test]
fn status_list_tokens_on_postgres() {
    if let Some(database) = scenarios::fresh_postgres_database() {
        revoke_and_suspend_through_tokens(Some(&database));
    }
}

fn revoke_and_suspend_through_tokens(database: Option<&str>) {
    use crate::status::{post, seen_within, status as sd_jwt_status, verifier};
    use scenarios::{free_port, issuer_admin, start_issuer};
    use serde_json::json;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let data_text = data.to_str().unwrap().to_owned();
    let listen = format!("127.0.0.1:{port}");
    let master_key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
    };
    let mut env = vec![("ISSUER_DATA_DIR", data_text.as_str()), ("ISSUER_LISTEN", listen.as_str())];
    if let Some(database) = database {
        env.extend([("DATABASE_URL", database), ("ISSUER_MASTER_KEY", master_key.as_str())]);
    }
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue,revoke"]).trim().to_owned();
    let issuer = start_issuer(port, &env);
    let base = issuer.base_url.clone();

    let holder = TestKey::from_seed(9).did();
    let issue = |skill: &str| -> (String, String) {
        let body = json!({"subject": holder, "skill": skill, "level": "advanced", "evidence": {"en": "Led the API review board.", "fr": "A dirigé le comité des API."}});
        let (status, answer) = post(&format!("{base}/credentials/skill?cryptosuite=dc%2Bsd-jwt"), &token, &body);
        assert_eq!(status, 201, "{answer}");
        let envelope = &answer["verifiableCredential"];
        assert_eq!(envelope["type"], "EnvelopedVerifiableCredential", "{answer}");
        let sd_jwt = envelope["id"].as_str().unwrap().strip_prefix("data:application/dc+sd-jwt,").unwrap().to_owned();
        let id = credentials::sd_jwt_vc::read(&sd_jwt).unwrap().claims["jti"].as_str().unwrap().to_owned();
        (id, sd_jwt)
    };
    let (a_id, a) = issue("api_design");
    let (b_id, b) = issue("cloud_security");
    let held = credentials::sd_jwt_vc::read(&a).unwrap();
    let uri = held.claims["status"]["status_list"]["uri"].as_str().unwrap().to_owned();
    assert!(uri.starts_with(&format!("{base}/hr/status/")) && uri.ends_with("/token"), "{uri}");
    assert_eq!(held.disclosable, [credentials::sd_jwt::ClaimPath::key(&["evidence"])]);

    // The token is served as application/statuslist+jwt, with an ETag that answers 304.
    let response = ureq::get(&uri).call().unwrap();
    assert_eq!(response.header("content-type"), Some("application/statuslist+jwt"));
    let etag = response.header("etag").unwrap().to_owned();
    let unchanged = ureq::get(&uri).set("If-None-Match", &etag).call().unwrap();
    assert_eq!(unchanged.status(), 304);

    let verifier = verifier(&listen, &base);
    assert_eq!(sd_jwt_status(&verifier, &a), ("passed".to_owned(), vec!["active", "active"]));

    let change = |id: &str, status: &str| {
        let body = json!({"credentialId": id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": status}], "reason": "test"});
        let (code, answer) = post(&format!("{base}/credentials/status"), &token, &body);
        assert_eq!(code, 200, "{answer}");
    };
    change(&a_id, "revoked");
    let took = seen_within(&verifier, &a, "credential_revoked");
    assert!(took <= std::time::Duration::from_secs(2), "revocation seen after {took:?}");
    assert_eq!(sd_jwt_status(&verifier, &a).1, vec!["revoked", "active"]);
    change(&b_id, "suspended");
    let took = seen_within(&verifier, &b, "credential_suspended");
    assert!(took <= std::time::Duration::from_secs(2), "suspension seen after {took:?}");
    change(&b_id, "active");
    seen_within(&verifier, &b, "passed");
    // The revoked one stays revoked while the other changes.
    assert_eq!(sd_jwt_status(&verifier, &a).0, "credential_revoked");
    drop(issuer);
}
