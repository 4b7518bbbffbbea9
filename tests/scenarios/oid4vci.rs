//! OpenID4VCI end to end with a real issuer process and the real wallet: an HR system creates an
//! offer with a PIN, the person's wallet receives it (stored, bound to the holder's DID, and it
//! verifies); a wrong PIN, a reused offer, an expired offer and a missing PIN are refused with a
//! clear message and store nothing; an offer by reference works too, and two receives at once on
//! one wallet both succeed.

use std::process::Command;

use scenarios::{binary, free_port, issuer_admin, start_issuer, wallet};
use serde_json::{json, Value};

fn offer(base: &str, token: &str, body: Value) -> Value {
    let response = ureq::post(&format!("{base}/credentials/offers"))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string())
        .unwrap();
    assert_eq!(response.status(), 201);
    serde_json::from_str(&response.into_string().unwrap()).unwrap()
}

fn count(dir: &std::path::Path) -> usize {
    let listed: Value = serde_json::from_slice(&wallet(dir, &["list", "--json"]).stdout).unwrap();
    listed["credentials"].as_array().unwrap().len()
}

#[test]
fn a_wallet_receives_an_offer_and_refuses_what_it_must() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("issuer");
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_LISTEN", listen.as_str())];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token = issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned();
    let issuer = start_issuer(port, &env);
    let base = issuer.base_url.clone();
    let host = format!("{listen}={base}");

    let store = work.path().join("wallet");
    let init = wallet(&store, &["init"]);
    assert!(init.status.success());
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();

    let skill = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc", "fields": {"skill": "api_design", "level": "advanced"}, "txCode": true});
    let created = offer(&base, &token, skill.clone());
    let uri = created["credentialOfferUri"].as_str().unwrap().to_owned();
    let pin = created["txCode"].as_str().unwrap().to_owned();
    assert!(uri.starts_with("openid-credential-offer://?credential_offer="));

    let missing = wallet(&store, &["receive", &uri, "--did-web-host", &host]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--pin"));
    let wrong = wallet(&store, &["receive", &uri, "--pin", "999999x", "--did-web-host", &host]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains("wrong transaction code"),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );
    // The issuer's OAuth error_description, asked for in French, is ASCII (RFC 6749 §5.2).
    let french = wallet(&store, &["--lang", "fr", "receive", &uri, "--pin", "999999x", "--did-web-host", &host]);
    assert!(
        String::from_utf8_lossy(&french.stderr).contains("code de transaction (NIP) errone"),
        "{}",
        String::from_utf8_lossy(&french.stderr)
    );
    assert_eq!(count(&store), 0, "nothing stored after a refusal");

    let received = wallet(&store, &["receive", &uri, "--pin", &pin, "--did-web-host", &host]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    assert!(String::from_utf8_lossy(&received.stdout).contains("API Design"));
    assert_eq!(count(&store), 1);
    let id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
    let exported = wallet(&store, &["export", &id]);
    let credential: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(credential["credentialSubject"]["id"], holder.as_str(), "bound to the holder's DID");
    std::fs::write(work.path().join("received.json"), &exported.stdout).unwrap();
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--did-web-host", &host])
        .arg(work.path().join("received.json"))
        .output()
        .unwrap();
    // Checks out; no registry names the department: exit 3, never "valid" (issue #21).
    assert_eq!(verified.status.code(), Some(3), "{}", String::from_utf8_lossy(&verified.stdout));

    let reused = wallet(&store, &["receive", &uri, "--pin", &pin, "--did-web-host", &host]);
    assert_eq!(reused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&reused.stderr).contains("already used"),
        "{}",
        String::from_utf8_lossy(&reused.stderr)
    );

    let short = offer(
        &base,
        &token,
        json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc", "fields": {"skill": "api_design", "level": "advanced"}, "expiresIn": 1}),
    );
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    let expired = wallet(&store, &["receive", short["credentialOfferUri"].as_str().unwrap(), "--did-web-host", &host]);
    assert_eq!(expired.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&expired.stderr).contains("expired"),
        "{}",
        String::from_utf8_lossy(&expired.stderr)
    );
    assert_eq!(count(&store), 1);

    // By reference, vc+jwt, and two receives at once on the same wallet.
    let by_reference: Vec<String> = (0..2)
        .map(|_| {
            let created = offer(&base, &token, json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "AssignmentCredential_jwt_vc_json",
                "fields": {"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Finance", "fr": "Finances"}, "start": "2024-01-01T00:00:00Z", "skills": ["api_design"]}}));
            created["credentialOfferByReference"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(by_reference[0].starts_with("openid-credential-offer://?credential_offer_uri="));
    let children: Vec<_> = by_reference
        .iter()
        .map(|uri| {
            Command::new(binary("wallet"))
                .arg("--wallet")
                .arg(&store)
                .args(["receive", uri, "--did-web-host", &host])
                .env("WALLET_PASSPHRASE", "holder passphrase")
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(count(&store), 3);
    let listed = String::from_utf8(wallet(&store, &["list", "--type", "assignment"]).stdout).unwrap();
    assert_eq!(listed.lines().count(), 3, "{listed}");

    // A holder whose key is a did:jwk receives too, and presents what it received.
    let jwk_store = work.path().join("jwk-wallet");
    let init = wallet(&jwk_store, &["init", "--did-method", "jwk"]);
    let jwk_holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();
    assert!(jwk_holder.starts_with("did:jwk:"), "{jwk_holder}");
    let created = offer(
        &base,
        &token,
        json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_jwt_vc_json", "fields": {"skill": "api_design", "level": "expert"}}),
    );
    let received =
        wallet(&jwk_store, &["receive", created["credentialOfferUri"].as_str().unwrap(), "--did-web-host", &host]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    let id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
    let vp = work.path().join("jwk.vp");
    let presented = wallet(
        &jwk_store,
        &["present", &id, "--challenge", "n-1", "--domain", "hr.example", "--out", vp.to_str().unwrap()],
    );
    assert!(presented.status.success(), "{}", String::from_utf8_lossy(&presented.stderr));
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--challenge", "n-1", "--domain", "hr.example", "--did-web-host", &host])
        .arg(&vp)
        .output()
        .unwrap();
    assert_eq!(verified.status.code(), Some(3), "{}", String::from_utf8_lossy(&verified.stdout));

    // An SD-JWT VC (dc+sd-jwt) through the same flow: bound to the holder's key, presented with
    // one of its two skills.
    let created = offer(
        &base,
        &token,
        json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "AssignmentCredential_dc_sd_jwt",
        "fields": {"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Finance", "fr": "Finances"}, "start": "2024-01-01T00:00:00Z", "skills": ["api_design", "cloud_security"]}}),
    );
    let received =
        wallet(&jwk_store, &["receive", created["credentialOfferUri"].as_str().unwrap(), "--did-web-host", &host]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    let id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
    let shown = work.path().join("shown.sd-jwt");
    let presented = wallet(
        &jwk_store,
        &[
            "present",
            &id,
            "--disclose",
            "skills.cloud_security",
            "--challenge",
            "n-2",
            "--domain",
            "hr.example",
            "--out",
            shown.to_str().unwrap(),
        ],
    );
    assert!(presented.status.success(), "{}", String::from_utf8_lossy(&presented.stderr));
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--challenge", "n-2", "--domain", "hr.example", "--did-web-host", &host])
        .arg(&shown)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&verified.stdout);
    assert_eq!(verified.status.code(), Some(3), "{text}");
    assert!(text.contains("disclosed claims: skills.cloud_security"), "{text}");
    assert!(text.contains("revocation: active"), "the Token Status List was read: {text}");

    // Offers are audited.
    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    assert!(audit.contains("Employee 4521 (Jordan Tremblay)"), "offers record who they are for");
    assert_eq!(audit.lines().filter(|l| l.contains("\"offer.create\"")).count(), 6);
    assert_eq!(audit.lines().filter(|l| l.contains("\"offer.redeem\"")).count(), 5);
}
