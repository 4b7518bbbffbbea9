//! The verifier remembers (issue #22): requests, outcomes, challenges and tokens live in its
//! database, so a restart (SIGTERM or `kill -9`) loses no open request, two replicas on one
//! PostgreSQL database answer each other's requests and take each answer and each challenge
//! exactly once, a token at its bound of open requests gets 429, expired requests are purged,
//! and the database holds no API token and no private key in any encoding.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};

use base64::Engine;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::Purpose;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use scenarios::{binary, free_port, fresh_postgres_database, wallet, Running, TestKey};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

const TOKEN: &str = "hiring-manager-token";
const ISSUER_SEED: u8 = 91;

fn skill_for(holder: &str) -> Value {
    let issuer = TestKey::from_seed(ISSUER_SEED);
    let credential = SkillCredentialBuilder::new(
        format!("urn:uuid:{}", uuid_like()),
        Issuer { id: issuer.did(), name: LocalizedText::new("Finance Canada", "Finances Canada") },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder)
    .build()
    .unwrap();
    let options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    add_proof(&credential, &issuer, &options, &ContextSet::standard()).unwrap()
}

fn uuid_like() -> String {
    let bytes: [u8; 16] = rand::random();
    let hex = hex::encode(bytes);
    format!("{}-{}-4{}-8{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

fn registry(dir: &Path) -> PathBuf {
    let path = dir.join("trust.toml");
    let did = TestKey::from_seed(ISSUER_SEED).did();
    scenarios::trust_file(&path, &[(&did, "Finance", "Finances", "*")]);
    path
}

/// `verifier serve` on `port` with the state options `state` (and the registry, the token).
fn serve(port: u16, dir: &Path, state: &[&str], env: &[(&str, &str)]) -> Running {
    let mut command = Command::new(binary("verifier"));
    command
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--api-token", TOKEN, "--purge-every", "1"])
        .arg("--trust")
        .arg(registry(dir))
        .args(state)
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let running = Running(command.spawn().unwrap());
    for _ in 0..200 {
        if ureq::get(&format!("http://127.0.0.1:{port}/readyz")).call().is_ok() {
            return running;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("verifier did not start on {port}");
}

fn send(request: ureq::Request, body: Option<&Value>) -> (u16, Value) {
    let result = match body {
        Some(body) => request.set("Content-Type", "application/json").send_string(&body.to_string()),
        None => request.call(),
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let status = response.status();
    (status, serde_json::from_str(&response.into_string().unwrap_or_default()).unwrap_or(Value::Null))
}

/// A request for a skill credential; returns (id, link, request object claims).
fn create(base: &str) -> (String, String, Value) {
    let body = json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc"}]}});
    let (status, created) = send(
        ureq::post(&format!("{base}/presentation-requests")).set("Authorization", &format!("Bearer {TOKEN}")),
        Some(&body),
    );
    assert_eq!(status, 201, "{created}");
    let link = created["authorization_request"].as_str().unwrap().to_owned();
    let jwt = ureq::get(created["request_uri"].as_str().unwrap()).call().unwrap().into_string().unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap();
    (created["id"].as_str().unwrap().to_owned(), link, serde_json::from_slice(&payload).unwrap())
}

fn outcome(base: &str, id: &str) -> Value {
    let (status, outcome) = send(
        ureq::get(&format!("{base}/presentation-requests/{id}")).set("Authorization", &format!("Bearer {TOKEN}")),
        None,
    );
    assert_eq!(status, 200, "{outcome}");
    outcome
}

fn stop(running: Running, signal: &str) {
    let mut running = running;
    let pid = running.0.id().to_string();
    assert!(Command::new("kill").args([signal, &pid]).status().unwrap().success());
    let _ = running.0.wait();
}

/// A wallet holding a skill credential about its own DID.
fn filled_wallet(dir: &Path) -> PathBuf {
    let store = dir.join("wallet");
    let init = wallet(&store, &["init"]);
    assert!(init.status.success());
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();
    let file = dir.join("skill.json");
    std::fs::write(&file, skill_for(&holder).to_string()).unwrap();
    assert!(wallet(&store, &["import", file.to_str().unwrap()]).status.success());
    store
}

#[test]
fn an_open_request_survives_a_restart_and_a_kill() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let store = filled_wallet(dir);
    let data = dir.join("verifier-data");
    let state = ["--data-dir", data.to_str().unwrap()];
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    for signal in ["-TERM", "-KILL"] {
        let running = serve(port, dir, &state, &[]);
        let (id, link, _) = create(&base);
        stop(running, signal);
        let _restarted = serve(port, dir, &state, &[]);
        assert_eq!(outcome(&base, &id)["status"], "pending", "after {signal}");
        let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
        assert!(answered.status.success(), "{signal}: {}", String::from_utf8_lossy(&answered.stderr));
        let result = outcome(&base, &id);
        assert_eq!(result["status"], "verified", "after {signal}: {result:#}");
    }
}

#[test]
fn a_token_at_its_bound_gets_429_expired_requests_are_purged_and_no_secret_is_stored() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let data = dir.join("verifier-data");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _running = serve(port, dir, &["--data-dir", data.to_str().unwrap(), "--max-open-requests", "2"], &[]);
    let url = format!("{base}/presentation-requests");
    let body = |expires: u64| json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc"}]}, "expires_in": expires});
    let post = |expires| send(ureq::post(&url).set("Authorization", &format!("Bearer {TOKEN}")), Some(&body(expires)));
    let (first, _) = post(2);
    let (second, _) = post(300);
    let (third, problem) = post(300);
    assert_eq!((first, second, third), (201, 201, 429), "{problem}");
    assert_eq!(problem["code"], "too_many_open_requests", "{problem}");
    assert!(problem["detail_fr"].as_str().unwrap().contains("jeton"), "{problem}");
    let listed = |data: &Path| {
        let listed = Command::new(binary("verifier"))
            .args(["requests", "list", "--data-dir"])
            .arg(data)
            .env_remove("DATABASE_URL")
            .output()
            .unwrap();
        assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
        String::from_utf8(listed.stdout).unwrap().lines().count()
    };
    assert_eq!(listed(&data), 2, "the refused request was not stored");
    // The first expires after 2 s and is deleted within a purge period (1 s) after.
    std::thread::sleep(std::time::Duration::from_millis(4_000));
    assert_eq!(listed(&data), 1);
    let (again, _) = post(300);
    assert_eq!(again, 201, "room again once it expired");

    // A token made by the command works, and is stored only as its hash.
    let created = Command::new(binary("verifier"))
        .args(["token", "create", "--scope", "read", "--description", "HR system", "--data-dir"])
        .arg(&data)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let reader = String::from_utf8(created.stdout).unwrap().trim().to_owned();
    let (status, _) = send(
        ureq::get(&format!("{base}/presentation-requests/pr-none")).set("Authorization", &format!("Bearer {reader}")),
        None,
    );
    assert_eq!(status, 404, "a read token reads");
    let (status, problem) = send(ureq::post(&url).set("Authorization", &format!("Bearer {reader}")), Some(&body(60)));
    assert_eq!((status, problem["code"].as_str()), (403, Some("missing_scope")), "{problem}");

    // Every file of the database, WAL included: no token, no private key in any encoding.
    let mut dump = Vec::new();
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|name| name.to_string_lossy().starts_with("verifier.db")) {
            dump.extend(std::fs::read(&path).unwrap());
        }
    }
    assert!(dump.len() > 4096, "the database was read");
    let master = keys::MasterKey::from_base64(&std::fs::read_to_string(data.join("master.key")).unwrap()).unwrap();
    let secret = private_key_of_stored_key(&data, &master);
    let b64 = base64::engine::general_purpose::STANDARD;
    let b64url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let forbidden: Vec<(String, Vec<u8>)> = vec![
        ("configured token".into(), TOKEN.as_bytes().to_vec()),
        ("created token".into(), reader.as_bytes().to_vec()),
        ("key bytes".into(), secret.clone()),
        ("key hex".into(), hex::encode(&secret).into_bytes()),
        ("key base64".into(), b64.encode(&secret).into_bytes()),
        ("key base64url".into(), b64url.encode(&secret).into_bytes()),
        ("key multibase".into(), multibase::encode(multibase::Base::Base58Btc, &secret).into_bytes()),
    ];
    for (what, needle) in forbidden {
        assert!(!dump.windows(needle.len()).any(|window| window == needle.as_slice()), "the database holds the {what}");
    }
}

/// The request-signing key's 32 secret bytes, opened from the database with the master key.
fn private_key_of_stored_key(data: &Path, master: &keys::MasterKey) -> Vec<u8> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let store = verifier::store::Store::in_directory(data).unwrap();
    let row = runtime.block_on(store.current_key()).unwrap().unwrap();
    let key = master.open(&row.sealed_secret, &row.verification_method).unwrap();
    let file = serde_json::to_value(keys::KeyFile::from_key(&key, None).unwrap()).unwrap();
    let multibase_text = file["secret"]["privateKeyMultibase"].as_str().unwrap().to_owned();
    let (_, bytes) = multibase::decode(multibase_text).unwrap();
    // Multicodec ed25519-priv (0x8026, two bytes) then the 32-byte seed.
    bytes[bytes.len() - 32..].to_vec()
}

/// A presentation answering `claims` (nonce, client_id) with a credential of `holder`.
fn presentation(holder: &TestKey, challenge: &str, domain: Option<&str>) -> Value {
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did(),
        "verifiableCredential": [skill_for(&holder.did())]});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(challenge.to_owned());
    options.domain = domain.map(str::to_owned);
    add_proof(&vp, holder, &options, &ContextSet::standard()).unwrap()
}

#[test]
fn two_replicas_on_postgresql_answer_each_request_and_challenge_once() {
    let Some(database) = fresh_postgres_database() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let master = base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>());
    let (port_a, port_b) = (free_port(), free_port());
    let (a, b) = (format!("http://127.0.0.1:{port_a}"), format!("http://127.0.0.1:{port_b}"));
    // Behind one load balancer, both give wallets the same public URL (here A's).
    let state = |data: &str| {
        vec![
            "--database-url".to_owned(),
            database.clone(),
            "--data-dir".to_owned(),
            dir.join(data).display().to_string(),
            "--public-url".to_owned(),
            a.clone(),
        ]
    };
    let state_a = state("a");
    let state_b = state("b");
    let env = [("VERIFIER_MASTER_KEY", master.as_str())];
    let _replica_a = serve(port_a, dir, &state_a.iter().map(String::as_str).collect::<Vec<_>>(), &env);
    let _replica_b = serve(port_b, dir, &state_b.iter().map(String::as_str).collect::<Vec<_>>(), &env);

    // Created on A, its request object served identically by B, answered on A, read on B.
    let store = filled_wallet(dir);
    let (id, link, claims) = create(&a);
    let rid = link.rsplit("%2F").next().unwrap().to_owned();
    let from_a = ureq::get(&format!("{a}/oid4vp/requests/{rid}")).call().unwrap().into_string().unwrap();
    let from_b = ureq::get(&format!("{b}/oid4vp/requests/{rid}")).call().unwrap().into_string().unwrap();
    assert_eq!(from_a, from_b, "one request object, whichever replica serves it");
    assert!(claims["client_id"].as_str().unwrap().starts_with("decentralized_identifier:did:key:"), "{claims}");
    let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
    assert_eq!(outcome(&b, &id)["status"], "verified");

    // Junk posted to B with the public state of a request made on A does not spoil it: the
    // person still answers, on A, and is verified.
    let (id, link, claims) = create(&a);
    let rid = claims["response_uri"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    let junk = ureq::post(&format!("{b}/oid4vp/responses/{rid}"))
        .send_form(&[("vp_token", "junk"), ("state", claims["state"].as_str().unwrap())]);
    assert!(matches!(junk, Err(ureq::Error::Status(400, _))), "{junk:?}");
    let spoiled = outcome(&a, &id);
    assert_eq!((&spoiled["status"], &spoiled["answerable"]), (&json!("failed"), &json!(true)), "{spoiled:#}");
    let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
    assert_eq!(outcome(&b, &id)["status"], "verified");

    // The same vp_token posted to A and B at the same moment, 50 times: exactly one is taken.
    let holder = Arc::new(TestKey::from_seed(17));
    for round in 0..50 {
        let (id, _, claims) = create(if round % 2 == 0 { &a } else { &b });
        let vp = presentation(&holder, claims["nonce"].as_str().unwrap(), claims["client_id"].as_str());
        let form = vec![
            ("vp_token".to_owned(), json!({"skill": [vp]}).to_string()),
            ("state".to_owned(), claims["state"].as_str().unwrap().to_owned()),
        ];
        let rid = claims["response_uri"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
        let barrier = Arc::new(Barrier::new(2));
        let answers: Vec<(u16, Value)> = [a.clone(), b.clone()]
            .into_iter()
            .map(|base| {
                let (barrier, form, rid) = (barrier.clone(), form.clone(), rid.clone());
                std::thread::spawn(move || {
                    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    barrier.wait();
                    let response = match ureq::post(&format!("{base}/oid4vp/responses/{rid}")).send_form(&pairs) {
                        Ok(response) => response,
                        Err(ureq::Error::Status(_, response)) => response,
                        Err(error) => panic!("{error}"),
                    };
                    let status = response.status();
                    (status, serde_json::from_str(&response.into_string().unwrap()).unwrap_or(Value::Null))
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|thread| thread.join().unwrap())
            .collect();
        let accepted = answers.iter().filter(|(status, _)| *status == 200).count();
        assert_eq!(accepted, 1, "round {round}: {answers:?}");
        let loser = answers.iter().find(|(status, _)| *status != 200).unwrap();
        assert_eq!((loser.0, loser.1["code"].as_str()), (400, Some("request_answered")), "round {round}: {answers:?}");
        assert_eq!(outcome(&a, &id)["status"], "verified", "round {round}");
    }

    // A challenge handed out by A is used once on B, then refused on both.
    let (status, challenge) = send(ureq::post(&format!("{a}/challenges")), Some(&json!({})));
    assert_eq!(status, 201);
    let challenge = challenge["challenge"].as_str().unwrap();
    let body =
        json!({"verifiablePresentation": presentation(&holder, challenge, None), "options": {"challenge": challenge}});
    let (status, first) = send(ureq::post(&format!("{b}/presentations/verify")), Some(&body));
    assert_eq!((status, &first["verified"]), (200, &json!(true)), "{first:#}");
    for base in [&b, &a] {
        let (status, again) = send(ureq::post(&format!("{base}/presentations/verify")), Some(&body));
        assert_eq!((status, &again["verified"]), (400, &json!(false)), "{again:#}");
        assert!(again.to_string().contains("challenge_unknown_or_used"), "{again:#}");
    }
}

/// A PostgreSQL server that does not answer stops `verifier serve` at start, within its connect
/// time-out, naming the server (never the URL's password) in the reader's language.
#[test]
fn an_unreachable_database_stops_the_verifier_naming_its_server() {
    let (port, verifier) = (free_port(), binary("verifier"));
    for (lang, said) in [("en", "did not answer within 10 s"), ("fr", "n'a pas répondu en 10 s")] {
        let started = std::time::Instant::now();
        let output = Command::new(&verifier)
            .args(["--lang", lang, "serve", "--listen", &format!("127.0.0.1:{}", free_port())])
            .args(["--database-url", &format!("postgres://talent:secret-password@127.0.0.1:{port}/talent")])
            .env_remove("DATABASE_URL")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{stderr}");
        assert!(started.elapsed() < std::time::Duration::from_secs(30), "stopped within its time-out");
        assert!(stderr.contains(said) && stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
        assert!(!stderr.contains("secret-password") && !stderr.contains("panicked"), "{stderr}");
    }
}
