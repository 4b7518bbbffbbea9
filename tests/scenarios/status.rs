//! Revocation and suspension end to end: credentials issued over HTTP carry status entries; a
//! verifier holding lists for at most a second sees a revocation, a suspension and a
//! reinstatement within two seconds; one department cannot touch another's credentials; and on
//! PostgreSQL, 50,000 credentials issued by two processes at once never share a bit, are not
//! placed in issuance order, and a full list rolls over to a new one.

use std::collections::{HashMap, HashSet};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use credentials::did::web::{WebResolver, WebResolverConfig};
use credentials::did::{OnlineResolver, StaticResolver};
use credentials::net::HttpPolicy;
use credentials::report::{CheckKind, Outcome};
use credentials::status::{HttpLists, StatusConfig, StatusLists};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::SystemClock;
use scenarios::{binary, free_port, fresh_postgres_database, issuer_admin, start_issuer};
use serde_json::{json, Value};

pub(crate) fn post(url: &str, token: &str, body: &Value) -> (u16, Value) {
    let response = ureq::post(url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string());
    let response = match response {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    let status = response.status();
    let text = response.into_string().unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn issue_skill(base: &str, token: &str, query: &str) -> Value {
    let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "intermediate"});
    let (status, response) = post(&format!("{base}/credentials/skill{query}"), token, &body);
    assert_eq!(status, 201, "{response}");
    response["verifiableCredential"].clone()
}

/// A verifier that reaches the issuer at `base` for its host, caching lists for at most a second.
pub(crate) fn verifier(host: &str, base: &str) -> Verifier {
    let mut http = HttpPolicy::default();
    http.overrides.insert(host.to_owned(), url::Url::parse(base).unwrap());
    let web = WebResolver::new(WebResolverConfig { http: http.clone(), ..WebResolverConfig::default() });
    let lists = StatusLists::new(
        Arc::new(HttpLists::new(http)),
        StatusConfig { max_cache: Duration::from_secs(1), ..StatusConfig::default() },
    );
    Verifier::new(
        ContextSet::standard(),
        Arc::new(OnlineResolver { known: StaticResolver::new(), web }),
        Arc::new(SystemClock),
    )
    .with_status(Arc::new(lists))
}

/// The status check's outcome and the state of each entry of a credential (JSON, or an SD-JWT VC).
pub(crate) fn status(verifier: &Verifier, credential: &str) -> (String, Vec<&'static str>) {
    let report = verifier.verify_bytes(credential.as_bytes(), &PresentationOptions::default()).unwrap();
    assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "{}", report.to_json(schemas::Lang::En));
    let outcome = match report.check(CheckKind::Status).unwrap() {
        Outcome::Passed => "passed".to_owned(),
        Outcome::Failed(failure) => failure.code().to_owned(),
        other => format!("{other:?}"),
    };
    (outcome, report.status.iter().map(|s| s.state()).collect())
}

/// Polls until the verifier reports `expected`; returns how long that took.
pub(crate) fn seen_within(verifier: &Verifier, credential: &str, expected: &str) -> Duration {
    let started = Instant::now();
    loop {
        let (outcome, _) = status(verifier, credential);
        if outcome == expected {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(5), "still {outcome}, expected {expected}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn revocation_suspension_and_reinstatement_reach_a_verifier_within_two_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = free_port();
    let data_text = data.to_str().unwrap().to_owned();
    let listen = format!("127.0.0.1:{port}");
    let env = [("ISSUER_DATA_DIR", data_text.as_str()), ("ISSUER_LISTEN", listen.as_str())];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    issuer_admin(&env, &["department", "create", "finance", "--name", "Finance", "--name-fr", "Finances"]);
    let hr =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue,revoke"]).trim().to_owned();
    let hr_issue_only =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned();
    let finance = issuer_admin(&env, &["token", "create", "--department", "finance", "--scopes", "issue,revoke"])
        .trim()
        .to_owned();
    let issuer = start_issuer(port, &env);
    let base = issuer.base_url.clone();

    let a = issue_skill(&base, &hr, "");
    let b = issue_skill(&base, &hr, "?cryptosuite=eddsa-jcs-2022");
    let entries = a["credentialStatus"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["statusPurpose"], "revocation");
    assert_eq!(entries[1]["statusPurpose"], "suspension");
    let list_url = entries[0]["statusListCredential"].as_str().unwrap().to_owned();
    assert!(list_url.starts_with(&format!("{base}/hr/status/")), "{list_url}");

    let verifier = verifier(&listen, &base);
    assert_eq!(status(&verifier, &a.to_string()), ("passed".to_owned(), vec!["active", "active"]));
    assert_eq!(status(&verifier, &b.to_string()), ("passed".to_owned(), vec!["active", "active"]));

    // Only the issuing department, with the revoke scope, may change a status.
    let a_id = a["id"].as_str().unwrap();
    let revoke = json!({"credentialId": a_id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "issued in error"});
    assert_eq!(post(&format!("{base}/credentials/status"), &finance, &revoke).0, 404);
    assert_eq!(post(&format!("{base}/credentials/status"), &hr_issue_only, &revoke).0, 403);
    assert_eq!(post(&format!("{base}/credentials/status"), "wrong", &revoke).0, 401);
    let bad =
        json!({"credentialId": a_id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "deleted"}]});
    assert_eq!(post(&format!("{base}/credentials/status"), &hr, &bad).0, 422);
    assert_eq!(status(&verifier, &a.to_string()).0, "passed", "a refused change changed nothing");

    let (code, answer) = post(&format!("{base}/credentials/status"), &hr, &revoke);
    assert_eq!(code, 200, "{answer}");
    assert_eq!(answer["revocation"], "revoked");
    let took = seen_within(&verifier, &a.to_string(), "credential_revoked");
    assert!(took <= Duration::from_secs(2), "revocation seen after {took:?}");
    // Revocation is final.
    let reinstate_a =
        json!({"credentialId": a_id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "active"}]});
    assert_eq!(post(&format!("{base}/credentials/status"), &hr, &reinstate_a).0, 409);

    let b_id = b["id"].as_str().unwrap();
    let suspend = json!({"credentialId": b_id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "suspended"}], "reason": "investigation"});
    assert_eq!(post(&format!("{base}/credentials/status"), &hr, &suspend).0, 200);
    let took = seen_within(&verifier, &b.to_string(), "credential_suspended");
    assert!(took <= Duration::from_secs(2), "suspension seen after {took:?}");
    assert_eq!(status(&verifier, &b.to_string()).1, vec!["active", "suspended"]);
    // Reinstated through the command line this time.
    issuer_admin(&env, &["credential", "reinstate", "--department", "hr", b_id, "--reason", "cleared"]);
    let took = seen_within(&verifier, &b.to_string(), "passed");
    assert!(took <= Duration::from_secs(2), "reinstatement seen after {took:?}");

    // Every change is in the audit log, with its actor and reason.
    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    for (action, reason) in [
        ("credential.revoke", "issued in error"),
        ("credential.suspend", "investigation"),
        ("credential.reinstate", "cleared"),
    ] {
        let line = audit.lines().find(|l| l.contains(action)).unwrap_or_else(|| panic!("{action} not audited"));
        assert!(line.contains(reason), "{line}");
    }

    // The list itself: signed JSON-LD, cacheable, answered with 304 when unchanged.
    let response = ureq::get(&list_url).call().unwrap();
    assert_eq!(response.header("Content-Type"), Some("application/vc+ld+json"));
    assert!(response.header("Cache-Control").unwrap().contains("max-age="));
    let etag = response.header("ETag").unwrap().to_owned();
    let list: Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert!(list["proof"].is_object());
    assert_eq!(ureq::get(&list_url).set("If-None-Match", &etag).call().unwrap().status(), 304);
    assert_eq!(
        ureq::get(&format!("{base}/finance/status/1")).call().map(|r| r.status()).unwrap_or_else(|e| match e {
            ureq::Error::Status(code, _) => code,
            other => panic!("{other}"),
        }),
        404,
        "finance has no list yet"
    );

    // The command-line verifier: offline says how to check; with an unreachable list the status
    // is unknown (not a failure by default); online it reads the revocation.
    std::fs::write(dir.path().join("a.json"), a.to_string()).unwrap();
    let document = ureq::get(&format!("{base}/hr/did.json")).call().unwrap().into_string().unwrap();
    std::fs::write(dir.path().join("did.json"), document).unwrap();
    let offline = Command::new(binary("verifier"))
        .args(["verify", "--verbose", "--lang", "en", "--did-document"])
        .arg(dir.path().join("did.json"))
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&offline.stdout);
    // Checks out; no registry names the department: exit 3, never "valid" (issue #21).
    assert_eq!(offline.status.code(), Some(3), "{text}");
    assert!(text.contains("not checked") && text.contains("--online"), "{text}");
    let unreachable = Command::new(binary("verifier"))
        .args(["verify", "--json", "--did-document"])
        .arg(dir.path().join("did.json"))
        .args(["--status-list", "https://elsewhere.example/list=/dev/null"])
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&unreachable.stdout);
    assert_eq!(unreachable.status.code(), Some(3), "an unreachable list leaves the status unknown: {text}");
    assert!(text.contains("status_retrieval_error"), "{text}");
    let strict = Command::new(binary("verifier"))
        .args(["verify", "--require-status", "--did-document"])
        .arg(dir.path().join("did.json"))
        .args(["--status-list", "https://elsewhere.example/list=/dev/null"])
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "--require-status fails an unknown status");
    let online = Command::new(binary("verifier"))
        .args(["verify", "--json", "--did-web-host", &format!("{listen}={base}")])
        .arg(dir.path().join("a.json"))
        .output()
        .unwrap();
    assert_eq!(online.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&online.stdout).unwrap();
    let checks = &report["results"][0]["report"];
    assert!(checks.to_string().contains("credential_revoked"), "{checks}");
    assert_eq!(checks["status"][0]["state"], "revoked");
}

/// Spearman's rank correlation of two equally long series.
fn rank_correlation(xs: &[f64], ys: &[f64]) -> f64 {
    fn ranks(values: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
        let mut ranks = vec![0.0; values.len()];
        for (rank, index) in order.into_iter().enumerate() {
            ranks[index] = rank as f64;
        }
        ranks
    }
    let (rx, ry) = (ranks(xs), ranks(ys));
    let n = xs.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let (mut covariance, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for (x, y) in rx.iter().zip(&ry) {
        covariance += (x - mean) * (y - mean);
        vx += (x - mean).powi(2);
        vy += (y - mean).powi(2);
    }
    covariance / (vx.sqrt() * vy.sqrt())
}

#[test]
fn rank_correlation_sees_order() {
    let order: Vec<f64> = (0..1000).map(f64::from).collect();
    assert!(rank_correlation(&order, &order) > 0.99);
    let reversed: Vec<f64> = order.iter().rev().copied().collect();
    assert!(rank_correlation(&order, &reversed) < -0.99);
}

fn psql(database: &str, sql: &str) -> String {
    let output = Command::new("psql").arg(database).args(["-qtAc", sql]).output().unwrap();
    assert!(output.status.success(), "{sql}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

const TOTAL: usize = 50_000;

/// When a credential was answered, and its (list, index) for revocation and for suspension.
type Placed = (f64, (String, u64), (String, u64));
const THREADS_PER_REPLICA: usize = 10;

#[test]
fn fifty_thousand_credentials_from_two_replicas_never_share_a_bit_and_lists_roll_over() {
    let Some(database) = fresh_postgres_database() else {
        return;
    };
    let master_key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
    };
    let env = [
        ("DATABASE_URL", database.as_str()),
        ("ISSUER_MASTER_KEY", master_key.as_str()),
        ("ISSUER_PUBLIC_URL", "https://issuer.example"),
        ("ISSUER_RATE_LIMIT_PER_SECOND", "0"),
    ];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token =
        Arc::new(issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned());
    let replicas = [start_issuer(free_port(), &env), start_issuer(free_port(), &env)];
    let started = Instant::now();
    let mut workers = Vec::new();
    for replica in &replicas {
        for _ in 0..THREADS_PER_REPLICA {
            let url = format!("{}/credentials/skill?cryptosuite=eddsa-jcs-2022", replica.base_url);
            let token = token.clone();
            workers.push(std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().build();
                let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "intermediate"}).to_string();
                (0..TOTAL / 2 / THREADS_PER_REPLICA)
                    .map(|_| {
                        let text = agent
                            .post(&url)
                            .set("Authorization", &format!("Bearer {token}"))
                            .set("Content-Type", "application/json")
                            .send_string(&body)
                            .unwrap()
                            .into_string()
                            .unwrap();
                        let answered = started.elapsed().as_secs_f64();
                        let credential: Value = serde_json::from_str::<Value>(&text).unwrap()["verifiableCredential"].take();
                        let entry = |n: usize| {
                            let entry = &credential["credentialStatus"][n];
                            (entry["statusListCredential"].as_str().unwrap().to_owned(), entry["statusListIndex"].as_str().unwrap().parse::<u64>().unwrap())
                        };
                        (answered, entry(0), entry(1))
                    })
                    .collect::<Vec<_>>()
            }));
        }
    }
    let issued: Vec<Placed> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert_eq!(issued.len(), TOTAL);

    // No two credentials share a (list, index) pair, in what they carry and in the database.
    let mut pairs = HashSet::new();
    for (_, revocation, suspension) in &issued {
        assert!(pairs.insert(revocation.clone()), "{revocation:?} handed out twice");
        assert!(pairs.insert(suspension.clone()), "{suspension:?} handed out twice");
    }
    for purpose in ["revocation", "suspension"] {
        assert_eq!(
            psql(&database, &format!("SELECT COUNT(*) FROM (SELECT {purpose}_list, {purpose}_index FROM credentials GROUP BY 1, 2 HAVING COUNT(*) > 1) d")),
            "0",
            "{purpose}"
        );
    }

    // The database itself refuses a second credential on a taken (list, position), and positions
    // map to indexes one to one (the permutation, pinned by a unit test).
    let copy = "INSERT INTO credentials (id, department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, body, revocation_list, revocation_index, revocation_position) \
                SELECT 'urn:uuid:copy', department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, body, revocation_list, revocation_index, revocation_position FROM credentials LIMIT 1";
    let refused = Command::new("psql").arg(&database).args(["-qtAc", copy]).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("credentials_revocation_position"));
    assert_eq!(psql(&database, "SELECT COUNT(*) FROM credentials WHERE revocation_position IS NULL"), "0");

    // Indexes do not follow issuance order.
    let times: Vec<f64> = issued.iter().map(|(t, _, _)| *t).collect();
    let indexes: Vec<f64> = issued.iter().map(|(_, (_, index), _)| *index as f64).collect();
    let rho = rank_correlation(&times, &indexes);
    assert!(rho.abs() < 0.05, "rank correlation between issuance order and index: {rho}");

    // Fill the revocation list: the next credentials go to a new list once the indexes the
    // replicas already reserved are used.
    let lists: HashMap<String, usize> = issued.iter().fold(HashMap::new(), |mut m, (_, (list, _), _)| {
        *m.entry(list.clone()).or_default() += 1;
        m
    });
    assert_eq!(lists.len(), 1, "{lists:?}");
    let first_list = lists.keys().next().unwrap().clone();
    let number: i64 = first_list.rsplit('/').next().unwrap().parse().unwrap();
    psql(
        &database,
        &format!("UPDATE status_lists SET next_position = size - 100 WHERE department_id = 'hr' AND number = {number}"),
    );
    // Each replica may still hold up to ~1,500 reserved indexes of the full list.
    let after: Vec<String> = replicas
        .iter()
        .flat_map(|replica| {
            (0..4).map(move |_| format!("{}/credentials/skill?cryptosuite=eddsa-jcs-2022", replica.base_url))
        })
        .map(|url| {
            let token = token.clone();
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().build();
                let body =
                    json!({"subject": "did:example:x", "skill": "api_design", "level": "intermediate"}).to_string();
                (0..625)
                    .map(|_| {
                        let text = agent
                            .post(&url)
                            .set("Authorization", &format!("Bearer {token}"))
                            .set("Content-Type", "application/json")
                            .send_string(&body)
                            .unwrap()
                            .into_string()
                            .unwrap();
                        let credential: Value = serde_json::from_str(&text).unwrap();
                        credential["verifiableCredential"]["credentialStatus"][0]["statusListCredential"]
                            .as_str()
                            .unwrap()
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flat_map(|worker| worker.join().unwrap())
        .collect();
    let rolled: HashSet<String> = after.into_iter().filter(|list| *list != first_list).collect();
    assert_eq!(rolled.len(), 1, "one new revocation list: {rolled:?}");
    assert_eq!(
        psql(&database, &format!("SELECT is_full FROM status_lists WHERE department_id = 'hr' AND number = {number}")),
        "1"
    );
    for purpose in ["revocation", "suspension"] {
        assert_eq!(
            psql(&database, &format!("SELECT COUNT(*) FROM (SELECT {purpose}_list, {purpose}_index FROM credentials GROUP BY 1, 2 HAVING COUNT(*) > 1) d")),
            "0",
            "{purpose}"
        );
    }
    // The last, partial block of the full list (100 positions) was handed out before the new list.
    assert_eq!(
        psql(&database, &format!("SELECT COUNT(*) FROM credentials WHERE revocation_list = {number} AND revocation_position >= 131072 - 100")),
        "100"
    );
    // The new list is served.
    let new_number = rolled.iter().next().unwrap().rsplit('/').next().unwrap().to_owned();
    let served =
        ureq::get(&format!("{}/hr/status/{new_number}", replicas[0].base_url)).call().unwrap().into_string().unwrap();
    assert!(served.contains("BitstringStatusListCredential"));
}
