//! A department whose keys live in a hardware security module (SoftHSM2 through PKCS#11), with
//! the real `issuer` process: created with `--key-backend pkcs11`, it issues with every mechanism
//! and over OpenID4VCI, `verifier verify --online` checks what it issued with the DID document
//! it publishes, a rotation (`issuer key rotate`, while it serves) keeps old credentials valid;
//! the token directory removed while it serves gives 503 and a failing `/readyz`, and once put
//! back it issues again without a restart. The PIN (from a file) is in no log line, and neither
//! the database nor the data directory holds a private key of the department.

#[path = "../../keys/tests/softhsm/mod.rs"]
mod softhsm;

use std::process::Command;

use scenarios::{binary, free_port, issuer_admin, start_issuer, wallet};
use serde_json::{json, Value};

fn post(base: &str, path: &str, token: &str, body: &Value) -> (u16, Value) {
    let response = ureq::post(&format!("{base}{path}"))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string());
    let (status, text) = match response {
        Ok(response) => (response.status(), response.into_string().unwrap()),
        Err(ureq::Error::Status(status, response)) => (status, response.into_string().unwrap()),
        Err(other) => panic!("{other}"),
    };
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn ready(base: &str) -> u16 {
    match ureq::get(&format!("{base}/readyz")).call() {
        Ok(response) => response.status(),
        Err(ureq::Error::Status(status, _)) => status,
        Err(other) => panic!("{other}"),
    }
}

fn skill(base: &str, token: &str, mechanism: &str) -> (u16, Value) {
    let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
    post(base, &format!("/credentials/skill?cryptosuite={}", mechanism.replace('+', "%2B")), token, &body)
}

/// `verifier verify --online` with the department's host mapped to the process: exit 3 is
/// "every check passed, no trust registry names the issuer" (issue #21).
fn verify_online(files: &[std::path::PathBuf], host: &str) {
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--online", "--json", "--did-web-host", host])
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        verified.status.code(),
        Some(3),
        "{}{}",
        String::from_utf8_lossy(&verified.stdout),
        String::from_utf8_lossy(&verified.stderr)
    );
}

/// The credential as a file the verifier reads: the JSON, or the JWT out of its envelope.
fn write_credential(dir: &std::path::Path, name: &str, answered: &Value) -> std::path::PathBuf {
    let path = dir.join(name);
    match answered["id"].as_str().and_then(|id| id.strip_prefix("data:application/vc+jwt,")) {
        Some(jwt) => std::fs::write(&path, jwt).unwrap(),
        None => std::fs::write(&path, answered.to_string()).unwrap(),
    }
    path
}

#[test]
fn a_department_in_a_hardware_security_module_issues_rotates_and_survives_its_token_going_away() {
    let Some(hsm) = softhsm::softhsm(&["scenario"]) else { return };
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("issuer");
    let pin_file = work.path().join("pkcs11.pin");
    std::fs::write(&pin_file, format!("{}\n", softhsm::PIN)).unwrap();
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let conf = std::env::var("SOFTHSM2_CONF").unwrap();
    let env = [
        ("ISSUER_DATA_DIR", data.to_str().unwrap()),
        ("ISSUER_LISTEN", listen.as_str()),
        ("ISSUER_PKCS11_MODULE", hsm.module.to_str().unwrap()),
        ("ISSUER_PKCS11_TOKEN_LABEL", "scenario"),
        ("ISSUER_PKCS11_PIN_FILE", pin_file.to_str().unwrap()),
        ("SOFTHSM2_CONF", conf.as_str()),
    ];
    let department = [
        "department",
        "create",
        "hr",
        "--name",
        "Human Resources",
        "--name-fr",
        "Ressources humaines",
        "--key-backend",
        "pkcs11",
    ];
    let did = issuer_admin(&env, &department).trim().to_owned();
    let token =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue,admin"]).trim().to_owned();
    let mut serving = env.to_vec();
    serving.push(("ISSUER_LOG", "debug"));
    let issuer = start_issuer(port, &serving);
    let base = issuer.base_url.clone();
    let host = format!("{listen}={base}");

    // Every mechanism, checked online against the published DID document.
    let mut before = Vec::new();
    for mechanism in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt"] {
        let (status, body) = skill(&base, &token, mechanism);
        assert_eq!(status, 201, "{mechanism}: {body}");
        before.push(write_credential(work.path(), &format!("before-{mechanism}"), &body["verifiableCredential"]));
    }
    verify_online(&before, &host);

    // OpenID4VCI: a Data Integrity credential and an SD-JWT VC, each verified by the wallet on
    // receipt with the department's document.
    for (store, method, configuration, fields) in [
        ("wallet", "key", "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"})),
        (
            "jwk-wallet",
            "jwk",
            "AssignmentCredential_dc_sd_jwt",
            json!({"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Finance", "fr": "Finances"}, "start": "2024-01-01T00:00:00Z", "skills": ["api_design"]}),
        ),
    ] {
        let store = work.path().join(store);
        assert!(wallet(&store, &["init", "--did-method", method]).status.success());
        let (status, created) = post(
            &base,
            "/credentials/offers",
            &token,
            &json!({"person": "Employee 4521", "credentialConfigurationId": configuration, "fields": fields}),
        );
        assert_eq!(status, 201, "{created}");
        let received =
            wallet(&store, &["receive", created["credentialOfferUri"].as_str().unwrap(), "--did-web-host", &host]);
        assert!(received.status.success(), "{configuration}: {}", String::from_utf8_lossy(&received.stderr));
    }

    // A rotation made by the admin command while the service runs: the next key is in the token,
    // old credentials still verify, new ones are signed by the new key.
    let rotated = issuer_admin(&env, &["key", "rotate", "--department", "hr"]).trim().to_owned();
    assert!(rotated.starts_with(&format!("{did}#key-")), "{rotated}");
    let started = std::time::Instant::now();
    let after = loop {
        let (status, body) = skill(&base, &token, "eddsa-jcs-2022");
        assert_eq!(status, 201, "{body}");
        if body["verifiableCredential"]["proof"]["verificationMethod"] == rotated.as_str() {
            break body["verifiableCredential"].clone();
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "still signing with the old key");
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let mut all = before.clone();
    all.push(write_credential(work.path(), "after.json", &after));
    verify_online(&all, &host);

    // The token directory goes away while serving: 503 with a problem in both languages, and
    // `/readyz` fails; put back, the same process issues again.
    let issued = |env: &[(&str, &str)]| {
        let audit = issuer_admin(env, &["audit", "--department", "hr"]);
        audit.lines().filter(|line| line.contains("\"credential.issue\"")).count()
    };
    let before_outage = issued(&env);
    let dir = softhsm::token_dir(hsm, "scenario");
    let away = hsm.dir.with_file_name("away-scenario");
    std::fs::rename(&dir, &away).unwrap();
    for mechanism in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt", "dc+sd-jwt"] {
        let (status, body) = skill(&base, &token, mechanism);
        assert_eq!(status, 503, "{mechanism}: {body}");
        assert_eq!(body["code"], "signing_key_unavailable", "{body}");
        assert!(body["detail"].as_str().unwrap().contains("try again later"), "{body}");
        assert!(body["detail_fr"].as_str().unwrap().contains("réessayez plus tard"), "{body}");
    }
    assert_eq!(ready(&base), 503);
    std::fs::rename(&away, &dir).unwrap();
    assert_eq!(ready(&base), 200);
    assert_eq!(issued(&env), before_outage, "nothing recorded while the token was away");
    let (status, body) = skill(&base, &token, "vc-jwt");
    assert_eq!(status, 201, "{body}");
    verify_online(&[write_credential(work.path(), "back.jwt", &body["verifiableCredential"])], &host);

    // The PIN is in no log line (the log is at debug level), nor in the database or data
    // directory, which hold no private key of the department either.
    let log = issuer.log_text();
    assert!(log.contains("signing keys not reachable"), "the outage is logged: {log}");
    assert!(!log.contains(softhsm::PIN), "the PIN in the log: {log}");
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(softhsm::PIN), "the PIN in {}", path.display());
        assert!(!text.contains("privateKeyMultibase"), "a key file in {}", path.display());
    }
}
