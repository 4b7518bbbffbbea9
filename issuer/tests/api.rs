//! The issuer's HTTP API, run in-process against the embedded SQLite default and against a real
//! PostgreSQL (a fresh database per test, from `DATABASE_URL`): the same scenarios on both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use credentials::contexts::ContextSet;
use credentials::did::{DidDocument, StaticResolver};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::SystemClock;
use http_body_util::BodyExt;
use issuer::domain::{IssuerService, Scope};
use issuer::store::Store;
use keys::MasterKey;
use schemas::LocalizedText;
use serde_json::{json, Value};
use sha2::Digest as _;
use sqlx::Connection;
use tower::ServiceExt;

const HOST: &str = "issuer.example";

/// A database for one test: a SQLite file, or a new PostgreSQL database dropped afterwards.
struct Database {
    url: String,
    _directory: Option<tempfile::TempDir>,
}

async fn sqlite() -> Database {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display());
    Database { url, _directory: Some(directory) }
}

/// A fresh PostgreSQL database, or `None` outside CI when no server is configured.
async fn postgres() -> Option<Database> {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping the PostgreSQL run");
        return None;
    };
    let name = format!("issuer_test_{}", uuid_like());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    Some(Database { url: url.to_string(), _directory: None })
}

fn uuid_like() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

struct Harness {
    app: Router,
    service: Arc<IssuerService>,
    token_a: String,
    token_b: String,
    /// A copy of the service's master key, to open the stored keys.
    master: MasterKey,
}

async fn harness(database: &Database) -> Harness {
    let store = Store::open(&database.url).await.unwrap();
    let master = MasterKey::generate();
    let copy = MasterKey::from_base64(&master.to_base64()).unwrap();
    let service = Arc::new(IssuerService::new(store, master, HOST.into(), Arc::new(SystemClock)));
    service
        .create_department("hr", &LocalizedText::new("Human Resources", "Ressources humaines"), "test")
        .await
        .unwrap();
    service.create_department("finance", &LocalizedText::new("Finance", "Finances"), "test").await.unwrap();
    let (_, token_a) =
        service.create_token("hr", &[Scope::Issue, Scope::Revoke, Scope::Admin], "a", "test").await.unwrap();
    let (_, token_b) = service.create_token("finance", &[Scope::Issue], "b", "test").await.unwrap();
    Harness { app: issuer::http::app(service.clone(), 64 * 1024), service, token_a, token_b, master: copy }
}

async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<String>,
    extra: &[(&str, &str)],
) -> (StatusCode, Value, axum::http::HeaderMap) {
    let mut builder = Request::builder().method(method).uri(uri).header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    let response =
        app.clone().oneshot(builder.body(body.map(Body::from).unwrap_or_else(Body::empty)).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null), headers)
}

fn skill_request() -> String {
    json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced",
           "evidence": {"en": "Designed the HR API", "fr": "A conçu l'API RH"}})
    .to_string()
}

/// Verifies a returned credential using only the department's published DID document.
async fn verifies(harness: &Harness, department: &str, credential: &Value) -> bool {
    let (status, document, _) = call(&harness.app, "GET", &format!("/{department}/did.json"), None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let mut resolver = StaticResolver::new();
    resolver.insert(serde_json::from_value::<DidDocument>(document).unwrap());
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(resolver), Arc::new(SystemClock));
    let bytes = match credential.get("type") {
        Some(Value::String(t)) if t == "EnvelopedVerifiableCredential" => {
            credential["id"].as_str().unwrap().trim_start_matches("data:application/vc+jwt,").as_bytes().to_vec()
        }
        _ => serde_json::to_vec(credential).unwrap(),
    };
    let report = verifier.verify_bytes(&bytes, &PresentationOptions::default()).unwrap();
    if !report.verified() {
        eprintln!("{:#}", report.to_json(schemas::Lang::En));
    }
    report.verified()
}

async fn issue_every_way(harness: &Harness) {
    for suite in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt"] {
        let (status, body, headers) = call(
            &harness.app,
            "POST",
            &format!("/credentials/skill?cryptosuite={suite}"),
            Some(&harness.token_a),
            Some(skill_request()),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{suite}: {body}");
        assert!(headers.get("location").is_some());
        assert!(verifies(harness, "hr", &body["verifiableCredential"]).await, "{suite}");
        // The record keeps the credential as it was answered: its hash is the answer's.
        let answered = &body["verifiableCredential"];
        let text = match answered["id"].as_str().and_then(|id| id.strip_prefix("data:application/vc+jwt,")) {
            Some(jwt) => jwt.to_owned(),
            None => answered.to_string(),
        };
        let location = headers["location"].to_str().unwrap().replace(':', "%3A");
        let (status, record, _) = call(&harness.app, "GET", &location, Some(&harness.token_a), None, &[]).await;
        assert_eq!(status, StatusCode::OK, "{record}");
        assert_eq!(record["sha256"], hex::encode(sha2::Sha256::digest(text.as_bytes())), "{suite}");
    }
    // VC-API with a credential the caller built (issuer filled in by the service).
    let unsigned = harness
        .service
        .skill_template(
            &harness.service.authenticate(&harness.token_a).await.unwrap(),
            &serde_json::from_str(&skill_request()).unwrap(),
        )
        .await
        .unwrap();
    let mut credential = unsigned.clone();
    credential.as_object_mut().unwrap().remove("issuer");
    let request = json!({"credential": credential, "options": {"cryptosuite": "eddsa-jcs-2022"}}).to_string();
    let (status, body, _) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(request.clone()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["verifiableCredential"]["proof"]["cryptosuite"], "eddsa-jcs-2022");
    // The same id twice is a conflict; without an id the service assigns one.
    let (status, _, _) =
        call(&harness.app, "POST", "/issuers/vc-jwt/credentials/issue", Some(&harness.token_a), Some(request), &[])
            .await;
    assert_eq!(status, StatusCode::CONFLICT);
    credential.as_object_mut().unwrap().remove("id");
    let request = json!({"credential": credential}).to_string();
    let (status, body, _) =
        call(&harness.app, "POST", "/issuers/vc-jwt/credentials/issue", Some(&harness.token_a), Some(request), &[])
            .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["verifiableCredential"]["type"], "EnvelopedVerifiableCredential");
    // The person in the VC-API options: recorded beside the credential, not in it; not text: 400.
    let options = json!({"cryptosuite": "eddsa-jcs-2022", "person": "Grace Hopper"});
    let request = json!({"credential": credential, "options": options}).to_string();
    let (status, body, _) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(request), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(!body.to_string().contains("Hopper"), "{body}");
    let principal = harness.service.authenticate(&harness.token_a).await.unwrap();
    let search = issuer::store::CredentialSearch { person: Some("GRACE".into()), ..Default::default() };
    let (total, found) = harness.service.find_credentials(&principal, &search).await.unwrap();
    assert_eq!((total, found[0].id.as_str()), (1, body["verifiableCredential"]["id"].as_str().unwrap()));
    let request = json!({"credential": credential, "options": {"person": ["Grace"]}}).to_string();
    let (status, body, _) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(request), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // Assignment template.
    let assignment = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "role": {"en": "Lead developer", "fr": "Développeuse principale"},
        "department": {"en": "Human Resources", "fr": "Ressources humaines"},
        "start": "2024-04-01T00:00:00Z", "end": "2025-03-31T00:00:00Z", "skills": ["api_design"]});
    let (status, body, _) = call(
        &harness.app,
        "POST",
        "/credentials/assignment",
        Some(&harness.token_a),
        Some(assignment.to_string()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(verifies(harness, "hr", &body["verifiableCredential"]).await);
}

async fn isolation_and_errors(harness: &Harness) {
    let (_, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    let id = issued["verifiableCredential"]["id"].as_str().unwrap().to_owned();
    let path = format!("/credentials/{}", id.replace(':', "%3A"));
    let (status, record, _) = call(&harness.app, "GET", &path, Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(record["id"], id);
    // Department B can neither read A's record nor issue in A's name.
    let (status, problem, _) = call(&harness.app, "GET", &path, Some(&harness.token_b), None, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    let mut foreign = issued["verifiableCredential"].clone();
    foreign.as_object_mut().unwrap().remove("proof");
    foreign.as_object_mut().unwrap().remove("credentialStatus");
    foreign["id"] = "urn:uuid:6d1e8a0c-6a43-4b4e-9a59-0f3f6f1b2a11".into();
    let issue_as_b = |credential: &Value| {
        let body = json!({"credential": credential}).to_string();
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_b), Some(body), &[])
    };
    let (status, problem, _) = issue_as_b(&foreign).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    assert_eq!(problem["code"], "other_department");
    assert!(problem["detail_fr"].as_str().unwrap().contains("ministère finance"), "{problem}");
    let stored = harness.service.store().credential("finance", "urn:uuid:6d1e8a0c-6a43-4b4e-9a59-0f3f6f1b2a11").await;
    assert!(stored.unwrap().is_none(), "nothing was issued");
    // An issuer that is no department of this service: the credential is refused as invalid.
    foreign["issuer"]["id"] = "did:web:elsewhere.example:hr".into();
    let (status, problem, _) = issue_as_b(&foreign).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["code"], "issuer_mismatch");
    // Scopes and authentication.
    let (_, no_issue) = harness.service.create_token("hr", &[Scope::Revoke], "revoke-only", "test").await.unwrap();
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&no_issue), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, problem, _) = call(&harness.app, "POST", "/credentials/skill", None, Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem["code"], "unauthorized");
    let wrong = format!("{}x", &harness.token_a[..harness.token_a.len() - 1]);
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&wrong), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (row, revoked) = harness.service.create_token("hr", &[Scope::Issue], "to-revoke", "test").await.unwrap();
    harness.service.revoke_token("hr", &row.id, "test").await.unwrap();
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&revoked), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Bad bodies.
    let big = json!({"credential": {"padding": "x".repeat(100 * 1024)}}).to_string();
    let (status, problem, _) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(big), &[]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{problem}");
    let (status, problem, headers) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some("{not json".into()), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(problem["code"], "bad_request");
    assert!(problem["detail_fr"].as_str().unwrap().starts_with("requête invalide : le corps n'est pas du JSON"));
    let (status, problem, _) = call(
        &harness.app,
        "POST",
        "/credentials/issue",
        Some(&harness.token_a),
        Some(json!({"credential": "{}"}).to_string()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["detail"], "bad request: `credential` must be a JSON object, not a string");
    assert_eq!(problem["detail_fr"], "requête invalide : `credential` doit être un objet JSON, pas une chaîne");
    // `since` is a time, compared in UTC: text is refused, an offset means the same instant.
    let (status, problem, _) =
        call(&harness.app, "GET", "/audit?since=yesterday", Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    let (status, entries, _) =
        call(&harness.app, "GET", "/audit?since=2000-01-01T02:00:00%2B02:00", Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{entries}");
    let (_, all, _) = call(&harness.app, "GET", "/audit", Some(&harness.token_a), None, &[]).await;
    assert_eq!(entries, all);
    // A known path with the wrong method: 405 with a problem body, in both languages.
    let (status, problem, headers) = call(&harness.app, "GET", "/credentials/issue", None, None, &[]).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{problem}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(problem["code"], "method_not_allowed");
    assert_eq!(problem["detail_fr"], "cette méthode n'est pas permise sur ce chemin");
    // A NUL character anywhere a client can put one is a 400, not a 500 from PostgreSQL (which
    // refuses NUL in text; found by review).
    for (method, uri, body) in [
        ("GET", "/credentials/urn%3Ax%00", None),
        ("GET", "/%00/did.json", None),
        ("GET", "/audit?since=%00", None),
        ("POST", "/credentials/status", Some(json!({"credentialId": "a\u{0}", "credentialStatus": []}).to_string())),
        ("POST", "/credentials/offers", Some(json!({"person": "a\u{0}", "kind": "skill"}).to_string())),
    ] {
        let (status, problem, _) = call(&harness.app, method, uri, Some(&harness.token_a), body, &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{method} {uri}: {problem}");
        assert!(problem["detail_fr"].as_str().unwrap().contains("NUL"), "{problem}");
    }
    // A query string axum cannot read gets our problem body too, not axum's English plain text.
    let (status, problem, headers) = call(
        &harness.app,
        "POST",
        "/credentials/skill?cryptosuite=a&cryptosuite=b",
        Some(&harness.token_a),
        Some(skill_request()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(problem["detail_fr"], "requête invalide : la chaîne de requête (après « ? ») est invalide");
    let mut invalid = issued["verifiableCredential"].clone();
    invalid.as_object_mut().unwrap().remove("proof");
    invalid.as_object_mut().unwrap().remove("credentialStatus");
    invalid["id"] = "urn:uuid:0e9b7d44-3f1a-4c55-8c7e-5d1f7a9b2c33".into();
    invalid["credentialSubject"]["achievement"]["localizedName"].as_object_mut().unwrap().remove("fr");
    let (status, problem, _) = call(
        &harness.app,
        "POST",
        "/credentials/issue",
        Some(&harness.token_a),
        Some(json!({"credential": invalid}).to_string()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["pointer"], "/credentialSubject/achievement/localizedName");

    // Regressions from the review: never sign what a verifier would reject.
    let mut unsigned = issued["verifiableCredential"].clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    unsigned.as_object_mut().unwrap().remove("credentialStatus");
    unsigned["id"] = "urn:uuid:4f0c2a8e-1b7d-4e3a-9f6b-2c5d8e1a7b90".into();
    let with_proof = issued["verifiableCredential"].clone();
    // A period that ends before it starts (one already over is issued: VCDM 2.0 §4.9, see
    // tests/vcdm2.rs).
    let mut inverted = unsigned.clone();
    inverted["validFrom"] = "2021-01-01T00:00:00Z".into();
    inverted["validUntil"] = "2020-01-01T00:00:00Z".into();
    let mut numeric_id = unsigned.clone();
    numeric_id["id"] = 5.into();
    let mut nul = unsigned.clone();
    nul["credentialSubject"]["id"] = "did:example:\u{0}".into();
    // A NUL is refused with the request body (400), before the credential is read.
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    for (what, credential, expected) in [
        ("a proof", with_proof, unprocessable),
        ("validUntil before validFrom", inverted, unprocessable),
        ("a non-URL id", numeric_id, unprocessable),
        ("a NUL", nul, StatusCode::BAD_REQUEST),
    ] {
        let body = json!({"credential": credential, "options": {"cryptosuite": "eddsa-jcs-2022"}}).to_string();
        let (status, problem, _) =
            call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(body), &[]).await;
        assert_eq!(status, expected, "{what}: {problem}");
    }
    // Ids are per department: B may use an id A used.
    let mut reused = unsigned.clone();
    reused["id"] = issued["verifiableCredential"]["id"].clone();
    reused.as_object_mut().unwrap().remove("issuer");
    let (status, problem, _) = call(
        &harness.app,
        "POST",
        "/credentials/issue",
        Some(&harness.token_b),
        Some(json!({"credential": reused}).to_string()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{problem}");
    // Reading records needs the issue scope.
    let (status, _, _) = call(&harness.app, "GET", &path, Some(&no_issue), None, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(harness.service.create_department("credentials", &LocalizedText::new("x", "x"), "test").await.is_err());
}

async fn idempotency_rotation_and_storage(harness: &Harness) {
    let key = [("idempotency-key", "hr-batch-7-row-42")];
    let (first_status, first, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &key).await;
    let (second_status, second, headers) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &key).await;
    assert_eq!((first_status, second_status), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(first, second);
    assert_eq!(headers["idempotent-replayed"], "true");
    let other_request = skill_request().replace("api_design", "accessibility_testing");
    let (status, problem, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(other_request), &key).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["code"], "idempotency_key_reused");

    let (_, before, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    let new_method = harness.service.rotate_key("hr", "test").await.unwrap();
    let (_, after, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    assert_eq!(after["verifiableCredential"]["proof"]["verificationMethod"], new_method);
    assert_ne!(before["verifiableCredential"]["proof"]["verificationMethod"], new_method);
    assert!(verifies(harness, "hr", &before["verifiableCredential"]).await, "credential signed before rotation");
    assert!(verifies(harness, "hr", &after["verifiableCredential"]).await, "credential signed after rotation");

    // Over HTTP, an admin token rotates its own department's key and reads its own audit trail.
    let (status, _, _) = call(&harness.app, "POST", "/keys/rotate", Some(&harness.token_b), None, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an issue-only token cannot rotate");
    let (status, rotated, _) = call(&harness.app, "POST", "/keys/rotate", Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let (_, after_http, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    assert_eq!(after_http["verifiableCredential"]["proof"]["verificationMethod"], rotated["verificationMethod"]);
    let (status, audit, _) = call(&harness.app, "GET", "/audit", Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let entries = audit.as_array().unwrap();
    assert!(entries.iter().all(|e| e["department_id"] == "hr"), "only the caller's department");
    assert!(entries.iter().any(|e| e["action"] == "key.rotate"));
    let (status, _, _) = call(&harness.app, "GET", "/audit", Some(&harness.token_b), None, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let audit = harness.service.store().audit(Some("hr"), "0000").await.unwrap();
    for action in ["department.create", "key.create", "token.create", "credential.issue", "key.rotate", "token.revoke"]
    {
        assert!(audit.iter().any(|entry| entry.action == action), "no {action} in the audit log");
    }
}

/// Read once every kind of row exists (keys rotated and retired, tokens revoked, credentials,
/// status changes, offers, access tokens, nonces): no table holds a token secret, an offer's
/// secret, or a department's private key in any encoding a key is written in.
async fn nothing_secret_is_stored(harness: &Harness, offer_secrets: &[String]) {
    use base64::Engine as _;
    let dump = harness.service.store().dump_text().await.unwrap();
    for table in ["department_keys", "tokens", "credentials", "audit_log", "credential_offers", "key_proof_nonces"] {
        assert!(dump.lines().any(|line| line.starts_with(&format!("{table} "))), "the dump has no row of {table}");
    }
    for token in [&harness.token_a, &harness.token_b] {
        let secret = token.rsplit('.').next().unwrap();
        assert!(!dump.contains(secret), "a token secret is stored in clear");
    }
    // The PIN is a few digits, which could occur by chance inside the hashes, ids and timestamps
    // of a dump: it is looked for as a whole run of digits in the offers' own rows. The code,
    // token and nonce are long.
    let (pin, others) = offer_secrets.split_first().unwrap();
    let pin_stored = dump
        .lines()
        .filter(|line| line.starts_with("credential_offers "))
        .flat_map(|line| line.split(|c: char| !c.is_ascii_digit()))
        .any(|run| run == pin);
    assert!(!pin_stored, "an offer's PIN is stored in clear");
    for secret in others {
        assert!(
            secret.len() >= 16 && !dump.contains(secret.as_str()),
            "an offer's secret is stored in clear: {secret}"
        );
    }
    let mut keys_seen = 0;
    for department in ["hr", "finance", "small"] {
        for row in harness.service.store().keys(department).await.unwrap() {
            let key = harness.master.open(&row.sealed_secret, &row.verification_method).unwrap();
            let keys::Secret::Plain { private_key_multibase } = keys::KeyFile::from_key(&key, None).unwrap().secret
            else {
                panic!("a key file without a passphrase holds its key in clear");
            };
            let (_, prefixed) = multibase::decode(private_key_multibase.as_str()).unwrap();
            let raw = &prefixed[prefixed.len() - 32..];
            let encodings = [
                private_key_multibase.to_string(),
                hex::encode(raw),
                hex::encode_upper(raw),
                base64::engine::general_purpose::STANDARD.encode(raw),
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw),
                multibase::encode(multibase::Base::Base58Btc, raw),
            ];
            for encoded in encodings {
                assert!(!dump.contains(&encoded), "the private key of {} is stored in clear", row.verification_method);
            }
            keys_seen += 1;
        }
    }
    // Rotations and a retirement happened before: several keys per department were checked.
    assert!(keys_seen >= 4, "{keys_seen} keys checked");
}

async fn batch(harness: &Harness) {
    let rows = json!({"rows": [
        {"kind": "skill", "subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "expert"},
        {"kind": "skill", "skill": "not_a_skill", "level": "expert"},
        {"kind": "assignment", "row_id": "emp-9", "role_en": "Analyst", "role_fr": "Analyste",
         "department_en": "Finance", "department_fr": "Finances", "start": "2023-01-01", "skills": "api_design"}
    ], "options": {"cryptosuite": "eddsa-jcs-2022"}})
    .to_string();
    let (status, first, _) =
        call(&harness.app, "POST", "/credentials/batch", Some(&harness.token_a), Some(rows.clone()), &[]).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let statuses: Vec<&str> =
        first["results"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["issued", "rejected", "issued"]);
    assert_eq!(first["results"][1]["code"], "unknown_skill");
    let reason_fr = first["results"][1]["reason_fr"].as_str().unwrap();
    assert!(reason_fr.starts_with("clé de compétence inconnue « not_a_skill »"), "{reason_fr}");
    assert!(verifies(harness, "hr", &first["results"][2]["verifiableCredential"]).await);
    // The same rows again issue nothing new and return the same credentials.
    let (_, second, _) =
        call(&harness.app, "POST", "/credentials/batch", Some(&harness.token_a), Some(rows), &[]).await;
    let statuses: Vec<&str> =
        second["results"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["skipped", "rejected", "skipped"]);
    assert_eq!(first["results"][0]["id"], second["results"][0]["id"]);
}

async fn vc_1_1_shape(harness: &Harness) {
    let credential = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": format!("did:web:{HOST}:hr"),
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}
    });
    for suite in ["eddsa-rdfc-2022", "vc-jwt"] {
        let request = json!({"credential": credential, "options": {"cryptosuite": suite}}).to_string();
        let (status, body, _) =
            call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(request), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{suite}: {body}");
        let issued = &body["verifiableCredential"];
        if suite == "eddsa-rdfc-2022" {
            assert_eq!(issued["issuanceDate"], "2024-01-01T00:00:00Z", "signed as VC 1.1, not converted");
        }
        assert!(verifies(harness, "hr", issued).await, "{suite}");
    }
}

async fn openapi(harness: &Harness) {
    let (status, document, _) = call(&harness.app, "GET", "/openapi.json", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/credentials/issue",
        "/issuers/{suite}/credentials/issue",
        "/credentials/skill",
        "/credentials/assignment",
        "/credentials/batch",
        "/credentials/{id}",
        "/{department}/did.json",
    ] {
        assert!(document["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }
    assert!(document["components"]["schemas"].get("SkillRequest").is_some());
    // The template endpoints document their optional `person` beside the fields.
    for (path, schema) in [("/credentials/skill", "SkillIssueDoc"), ("/credentials/assignment", "AssignmentIssueDoc")] {
        let body = &document["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(body.as_str(), Some(format!("#/components/schemas/{schema}").as_str()), "{path}");
        let text = document["components"]["schemas"][schema].to_string();
        assert!(text.contains("\"person\"") && text.contains("never written into it"), "{schema}: {text}");
    }
}

/// `POST /figures/releases` (admin scope): refused without a budget and beyond it, with nothing
/// published; made within it, the signed release verifies with the department's DID document
/// and is served at its Location.
async fn figures_over_http(harness: &Harness) {
    use chrono::Datelike;
    let now = credentials::Clock::now(&SystemClock);
    let quarter = figures::Quarter::of_month(now.year(), now.month()).unwrap();
    let body = json!({"period": quarter.to_string(), "epsilon": 1.0}).to_string();
    let (status, _, _) =
        call(&harness.app, "POST", "/figures/releases", Some(&harness.token_b), Some(body.clone()), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "an issue-only token");
    let (status, problem, _) =
        call(&harness.app, "POST", "/figures/releases", Some(&harness.token_a), Some(body.clone()), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("nothing was published"), "{problem}");
    let bad = json!({"period": "2026Q5", "epsilon": 1.0}).to_string();
    let (status, _, _) = call(&harness.app, "POST", "/figures/releases", Some(&harness.token_a), Some(bad), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    harness.service.set_figure_budget("hr", quarter, 1.0, "test").await.unwrap();
    let (status, credential, headers) =
        call(&harness.app, "POST", "/figures/releases", Some(&harness.token_a), Some(body.clone()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{credential}");
    assert_eq!(credential["type"], json!(["VerifiableCredential", "FiguresCredential"]));
    assert!(verifies(harness, "hr", &credential).await, "the release verifies with the department's DID document");
    let location = headers.get("location").unwrap().to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("/hr/figures/{quarter}/")), "{location}");
    let (status, served, _) = call(&harness.app, "GET", &location, None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(served, credential);

    // The budget is spent: refused in both languages, and nothing more is published.
    let (status, problem, _) =
        call(&harness.app, "POST", "/figures/releases", Some(&harness.token_a), Some(body), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["code"], "privacy_budget_spent");
    assert!(problem["detail_fr"].as_str().unwrap().contains("rien n'a été publié"), "{problem}");
    assert_eq!(harness.service.store().figure_release_count("hr", &quarter.to_string()).await.unwrap(), 1);
}

async fn health(harness: &Harness) {
    let (status, _, _) = call(&harness.app, "GET", "/healthz", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = call(&harness.app, "GET", "/readyz", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, problem, _) = call(&harness.app, "GET", "/nowhere/did.json", None, None, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
}

/// Status lists: entries in issued credentials, the served list (ETag, 304), a revocation that
/// shows in the next list, and the tenant and scope rules of `POST /credentials/status`.
async fn status_lists(harness: &Harness) {
    let (status, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let credential = issued["verifiableCredential"].clone();
    let entries = credential["credentialStatus"].as_array().unwrap().clone();
    let purposes: Vec<&str> = entries.iter().map(|e| e["statusPurpose"].as_str().unwrap()).collect();
    assert_eq!(purposes, ["revocation", "suspension"]);
    let list_url = entries[0]["statusListCredential"].as_str().unwrap().to_owned();
    let index: usize = entries[0]["statusListIndex"].as_str().unwrap().parse().unwrap();
    let path = list_url.strip_prefix(&format!("https://{HOST}")).unwrap().to_owned();
    assert!(path.starts_with("/hr/status/"), "{path}");

    let (status, list, headers) = call(&harness.app, "GET", &path, None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/vc+ld+json");
    assert!(verifies(harness, "hr", &list).await, "the status list verifies with the department's key");
    // Valid from now for a bounded time; verifiers may keep it `ttl` (ms), as Cache-Control says.
    let time = |field: &str| chrono::DateTime::parse_from_rfc3339(list[field].as_str().unwrap()).unwrap();
    let validity = time("validUntil") - time("validFrom");
    assert!(validity > chrono::Duration::zero() && validity <= chrono::Duration::days(30), "{validity}");
    let ttl_ms = issuer::domain::DEFAULT_STATUS_TTL.as_millis() as u64;
    assert_eq!(list["credentialSubject"]["ttl"], ttl_ms);
    assert!(chrono::Duration::milliseconds(ttl_ms as i64) <= validity);
    assert_eq!(headers["cache-control"], format!("public, max-age={}", ttl_ms / 1000).as_str());
    let (status, as_json, headers) =
        call(&harness.app, "GET", &path, None, None, &[("accept", "application/json")]).await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (StatusCode::OK, "application/json"));
    assert_eq!(as_json, list);
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let (status, _, _) = call(&harness.app, "GET", &path, None, None, &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let bit = |list: &Value| {
        let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
        credentials::status::Bitstring::decode(encoded, 1 << 20).unwrap().get(index).unwrap()
    };
    assert!(!bit(&list));

    let id = credential["id"].as_str().unwrap();
    let revoke =
        json!({"credentialId": id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}]})
            .to_string();
    let (_, finance_revoker) = harness.service.create_token("finance", &[Scope::Revoke], "f", "test").await.unwrap();
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/status", Some(&finance_revoker), Some(revoke.clone()), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "department B cannot touch department A's credential");
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/status", Some(&harness.token_b), Some(revoke.clone()), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a token without the revoke scope");
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/status", Some(&harness.token_a), Some("{".into()), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Revoke then suspend in one request: the suspension is refused (revocation is final), and
    // so is the whole request: nothing was written, the credential is still active.
    let both = json!({"credentialId": id, "credentialStatus": [{"status": "revoked"}, {"status": "suspended"}]});
    let (status, problem, _) =
        call(&harness.app, "POST", "/credentials/status", Some(&harness.token_a), Some(both.to_string()), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    let (status, unchanged, _) = call(&harness.app, "GET", &path, None, None, &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED, "nothing was written: {unchanged}");
    let (status, answer, _) =
        call(&harness.app, "POST", "/credentials/status", Some(&harness.token_a), Some(revoke), &[]).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer, json!({"credentialId": id, "revocation": "revoked", "suspension": "active"}));

    let (status, list, headers) = call(&harness.app, "GET", &path, None, None, &[("if-none-match", &etag)]).await;
    assert_eq!(status, StatusCode::OK, "a changed list is not answered with 304");
    assert_ne!(headers["etag"].to_str().unwrap(), etag);
    assert!(bit(&list));
    assert!(verifies(harness, "hr", &list).await);

    // The issuer assigns status entries; a department may publish none.
    let mut with_status: Value = serde_json::from_str(&skill_request()).unwrap();
    with_status["subject"] = "did:example:someone".into();
    let mut unsigned = credential.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    unsigned["id"] = "urn:uuid:0b7d3c1e-1111-4f00-8000-00000000abcd".into();
    let (status, problem, _) = call(
        &harness.app,
        "POST",
        "/credentials/issue",
        Some(&harness.token_a),
        Some(json!({"credential": unsigned}).to_string()),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    harness
        .service
        .create_department_with_status("quiet", &LocalizedText::new("Quiet", "Discret"), &[], "test")
        .await
        .unwrap();
    let (_, quiet) = harness.service.create_token("quiet", &[Scope::Issue], "q", "test").await.unwrap();
    let (status, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&quiet), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(issued["verifiableCredential"].get("credentialStatus").is_none());
}

/// A signer that names one key but signs with another (a forged key proof).
struct Impostor {
    named: keys::LocalKey,
    signing: keys::LocalKey,
}

impl credentials::Signer for Impostor {
    fn verification_method(&self) -> &str {
        self.named.verification_method()
    }
    fn public_key(&self) -> ed25519_dalek::VerifyingKey {
        self.named.public_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], credentials::error::SignerError> {
        self.signing.sign(message)
    }
}

fn key_proof(signer: Arc<dyn credentials::Signer>, aud: &str, nonce: &str) -> String {
    let now = credentials::Clock::now(&credentials::SystemClock).timestamp();
    credentials::jose::sign(&json!({"aud": aud, "nonce": nonce, "iat": now}), signer, credentials::jose::KEY_PROOF_TYPE)
        .unwrap()
}

/// OpenID4VCI: metadata, an offer, the token and nonce endpoints, and a credential endpoint
/// that refuses a key proof with the wrong nonce, the wrong audience or a forged signature,
/// issuing nothing, then issues one credential bound to the proven key, once. Returns the
/// secrets it was given (PIN, pre-authorized code, access token, a nonce), which the database
/// must not hold in clear.
async fn oid4vci(harness: &Harness) -> Vec<String> {
    let (status, metadata, _) =
        call(&harness.app, "GET", "/.well-known/openid-credential-issuer/hr", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let issuer = format!("https://{HOST}/hr");
    assert_eq!(metadata["credential_issuer"], issuer.as_str());
    assert!(metadata["credential_configurations_supported"]["SkillCredential_ldp_vc"].is_object());
    let (status, server, _) =
        call(&harness.app, "GET", "/.well-known/oauth-authorization-server/hr", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(server["token_endpoint"], format!("{issuer}/oid4vci/token"));

    let request = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc", "fields": {"skill": "api_design", "level": "advanced"}, "txCode": true});
    let (status, _, _) = call(
        &harness.app,
        "POST",
        "/credentials/offers",
        Some(&harness.token_b),
        Some(
            json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "Nope", "fields": {}})
                .to_string(),
        ),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, revoke_only) = harness.service.create_token("hr", &[Scope::Revoke], "no-issue", "test").await.unwrap();
    let (status, _, _) =
        call(&harness.app, "POST", "/credentials/offers", Some(&revoke_only), Some(request.to_string()), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "offers need the issue scope");
    let (status, created, _) =
        call(&harness.app, "POST", "/credentials/offers", Some(&harness.token_a), Some(request.to_string()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let pin = created["txCode"].as_str().unwrap().to_owned();
    let code = created["credentialOffer"]["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
        ["pre-authorized_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = |pin: &str| {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code")
            .append_pair("pre-authorized_code", &code)
            .append_pair("tx_code", pin)
            .finish()
    };
    let (status, error, headers) =
        call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(form("000000x")), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"], "invalid_grant");
    assert_eq!(headers["content-type"], "application/json", "an OAuth error, not a problem");
    assert_eq!(headers["cache-control"], "no-store");
    // Another department's token endpoint does not know this code.
    let (status, _, _) = call(&harness.app, "POST", "/finance/oid4vci/token", None, Some(form(&pin)), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, token, _) = call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(form(&pin)), &[]).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    let access = token["access_token"].as_str().unwrap().to_owned();
    let (status, again, _) = call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(form(&pin)), &[]).await;
    assert_eq!((status, again["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_grant")), "single use");

    // Five attempts per offer, the right PIN included: a sixth is refused even when right.
    let (_, guessed, _) =
        call(&harness.app, "POST", "/credentials/offers", Some(&harness.token_a), Some(request.to_string()), &[]).await;
    let guessed_pin = guessed["txCode"].as_str().unwrap().to_owned();
    let guessed_code = guessed["credentialOffer"]["grants"]["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
        ["pre-authorized_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let guess = |pin: &str| {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code")
            .append_pair("pre-authorized_code", &guessed_code)
            .append_pair("tx_code", pin)
            .finish()
    };
    for attempt in 0..5 {
        let (status, _, _) =
            call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(guess(&format!("x{attempt}"))), &[]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    let (status, error, _) =
        call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(guess(&guessed_pin)), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error["error_description"].as_str().unwrap().contains("too many"), "{error}");

    // The idempotency keys of offers are not the clients' to use.
    let (status, _, _) = call(
        &harness.app,
        "POST",
        "/credentials/skill",
        Some(&harness.token_a),
        Some(skill_request()),
        &[("idempotency-key", "oid4vci-offer:anything")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let holder = Arc::new(keys::LocalKey::generate());
    let before = harness.service.store().count_credentials("hr").await.unwrap();
    let credential_request = |proof: String| {
        json!({"credential_configuration_id": "SkillCredential_ldp_vc", "proofs": {"jwt": [proof]}}).to_string()
    };
    let bearer = format!("Bearer {access}");
    let nonce = || async {
        let (_, nonce, _) = call(&harness.app, "POST", "/hr/oid4vci/nonce", None, None, &[]).await;
        nonce["c_nonce"].as_str().unwrap().to_owned()
    };
    let post = |body: String| {
        let bearer = bearer.clone();
        async move {
            let response =
                call(&harness.app, "POST", "/hr/oid4vci/credential", None, Some(body), &[("authorization", &bearer)])
                    .await;
            (response.0, response.1)
        }
    };
    let (status, error) = post(credential_request(key_proof(holder.clone(), &issuer, "not-a-nonce"))).await;
    assert_eq!((status, error["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_nonce")), "{error}");
    // A key proof without any nonce, while this issuer has a nonce endpoint: invalid_proof
    // (OpenID4VCI 1.0 §8.3.1.2), not invalid_nonce.
    let now = credentials::Clock::now(&credentials::SystemClock).timestamp();
    let without_nonce =
        credentials::jose::sign(&json!({"aud": issuer, "iat": now}), holder.clone(), credentials::jose::KEY_PROOF_TYPE)
            .unwrap();
    let (status, error) = post(credential_request(without_nonce)).await;
    assert_eq!((status, error["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_proof")), "{error}");
    assert!(error["error_description"].as_str().unwrap().contains("no nonce"), "{error}");
    let (status, error) =
        post(credential_request(key_proof(holder.clone(), "https://elsewhere.example/hr", &nonce().await))).await;
    assert_eq!((status, error["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_proof")), "{error}");
    let forged = Arc::new(Impostor { named: keys::LocalKey::generate(), signing: keys::LocalKey::generate() });
    let (status, error) = post(credential_request(key_proof(forged, &issuer, &nonce().await))).await;
    assert_eq!((status, error["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_proof")), "{error}");
    let (status, error, headers) = call(
        &harness.app,
        "POST",
        "/hr/oid4vci/credential",
        None,
        Some(credential_request(key_proof(holder.clone(), &issuer, &nonce().await))),
        &[],
    )
    .await;
    // No token at all: 401 with a bare Bearer challenge and no error code (RFC 6750 §3.1).
    assert_eq!((status, error.get("error")), (StatusCode::UNAUTHORIZED, None), "{error}");
    assert_eq!(headers["www-authenticate"], "Bearer");
    // A token that is not one: invalid_token, in the challenge too, in French when asked.
    let (status, error, headers) = call(
        &harness.app,
        "POST",
        "/hr/oid4vci/credential",
        None,
        Some(credential_request(key_proof(holder.clone(), &issuer, &nonce().await))),
        &[("authorization", "Bearer at.nothing"), ("accept-language", "fr-CA, en;q=0.5")],
    )
    .await;
    assert_eq!((status, error["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")), "{error}");
    assert_eq!(error["error_description"], "jeton d'acces inconnu", "French, folded to ASCII");
    assert_eq!(headers["content-language"], "fr");
    assert_eq!(
        headers["www-authenticate"],
        "Bearer error=\"invalid_token\", error_description=\"jeton d'acces inconnu\""
    );
    assert_eq!(
        harness.service.store().count_credentials("hr").await.unwrap(),
        before,
        "nothing issued by refused requests"
    );

    let (status, issued) = post(credential_request(key_proof(holder.clone(), &issuer, &nonce().await))).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let credential = &issued["credentials"][0]["credential"];
    assert_eq!(credential["credentialSubject"]["id"], holder.did_key().as_str());
    assert!(verifies(harness, "hr", credential).await);
    // The holder retries (its answer was lost): the same credential again, not a second one.
    let (status, again) = post(credential_request(key_proof(holder.clone(), &issuer, &nonce().await))).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(&again["credentials"][0]["credential"], credential, "the same credential, not signed again");
    // Another key with the same token gets nothing: one credential per offer. The token is
    // good, the request is denied (it was 401 invalid_token before).
    let other = Arc::new(keys::LocalKey::generate());
    let (status, error) = post(credential_request(key_proof(other, &issuer, &nonce().await))).await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("credential_request_denied")),
        "one credential per offer: {error}"
    );
    assert_eq!(harness.service.store().count_credentials("hr").await.unwrap(), before + 1);
    vec![pin, code, access, nonce().await]
}

/// OpenID4VCI 1.0 Appendix A.1.1: a `jwt_vc_json` configuration's `credential_definition` has
/// its `type` only (it is not processed as JSON-LD; `ldp_vc`'s has `@context` too), and the
/// credential answered is the compact JWT itself, whose credential has those types. A request
/// names the configuration by `credential_configuration_id`; one in the earlier drafts' form
/// (`format` and `credential_definition`) must describe the offered configuration.
async fn oid4vci_jwt_vc_json(harness: &Harness) {
    let (_, metadata, _) = call(&harness.app, "GET", "/.well-known/openid-credential-issuer/hr", None, None, &[]).await;
    let configurations = &metadata["credential_configurations_supported"];
    let types = json!(["VerifiableCredential", "OpenBadgeCredential", "SkillCredential"]);
    assert_eq!(configurations["SkillCredential_jwt_vc_json"]["format"], "jwt_vc_json");
    assert_eq!(configurations["SkillCredential_jwt_vc_json"]["credential_definition"], json!({"type": types}));
    assert_eq!(configurations["SkillCredential_ldp_vc"]["credential_definition"]["type"], types);
    assert!(configurations["SkillCredential_ldp_vc"]["credential_definition"]["@context"].is_array());

    let issuer = format!("https://{HOST}/hr");
    let request = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_jwt_vc_json",
        "fields": {"skill": "api_design", "level": "advanced"}});
    let (status, created, _) =
        call(&harness.app, "POST", "/credentials/offers", Some(&harness.token_a), Some(request.to_string()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let code = created["credentialOffer"]["grants"][issuer::domain::PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", issuer::domain::PRE_AUTHORIZED_GRANT)
        .append_pair("pre-authorized_code", &code)
        .finish();
    let (status, token, _) = call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(form), &[]).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let holder = Arc::new(keys::LocalKey::generate());
    let ask = |mut body: Value| {
        let (bearer, holder, issuer) = (bearer.clone(), holder.clone(), issuer.clone());
        async move {
            let (_, nonce, _) = call(&harness.app, "POST", "/hr/oid4vci/nonce", None, None, &[]).await;
            body["proofs"] = json!({"jwt": [key_proof(holder, &issuer, nonce["c_nonce"].as_str().unwrap())]});
            let (status, answer, _) = call(
                &harness.app,
                "POST",
                "/hr/oid4vci/credential",
                None,
                Some(body.to_string()),
                &[("authorization", &bearer)],
            )
            .await;
            (status, answer)
        }
    };
    let refused = [
        (
            json!({"format": "jwt_vc_json", "credential_definition": {"type": ["VerifiableCredential", "AssignmentCredential"]}}),
            "unknown_credential_configuration",
        ),
        (json!({"format": "ldp_vc", "credential_definition": {"type": types}}), "unknown_credential_configuration"),
        (json!({"credential_configuration_id": "SkillCredential_ldp_vc"}), "unknown_credential_configuration"),
        (json!({"credential_identifier": "SkillCredential-1"}), "unknown_credential_identifier"),
        (json!({}), "invalid_credential_request"),
    ];
    for (body, expected) in refused {
        let (status, answer) = ask(body.clone()).await;
        assert_eq!((status, answer["error"].as_str()), (StatusCode::BAD_REQUEST, Some(expected)), "{body}: {answer}");
    }
    // The earlier drafts' form, describing the offered configuration, is understood.
    let (status, answer) = ask(json!({"format": "jwt_vc_json", "credential_definition": {"type": types}})).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let jwt = answer["credentials"][0]["credential"].as_str().expect("a compact JWT, not re-encoded").to_owned();
    assert_eq!(jwt.split('.').count(), 3, "{jwt}");
    let decoded = credentials::jose::decode(&jwt).unwrap();
    let credential = decoded.payload.get("vc").unwrap_or(&decoded.payload);
    let issued_types = credentials::input::type_names(credential.get("type"));
    for expected in types.as_array().unwrap() {
        assert!(issued_types.iter().any(|t| t == expected), "{expected} missing from {issued_types:?}");
    }
    let envelope = json!({"type": "EnvelopedVerifiableCredential", "id": format!("data:application/vc+jwt,{jwt}")});
    assert!(verifies(harness, "hr", &envelope).await);
    // Asked again by the same key under the same token (by configuration id now): the same JWT.
    let (status, again) = ask(json!({"credential_configuration_id": "SkillCredential_jwt_vc_json"})).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["credentials"][0]["credential"], jwt.as_str());
}

/// Found by review: two departments issuing credentials with the same id in one group commit
/// lost the second one (deduplicated by id alone) and answered it 500.
async fn same_id_in_two_departments(harness: &Harness) {
    let mut unsigned = Vec::new();
    for token in [&harness.token_a, &harness.token_b] {
        let (status, issued, _) =
            call(&harness.app, "POST", "/credentials/skill", Some(token), Some(skill_request()), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{issued}");
        let mut credential = issued["verifiableCredential"].clone();
        credential.as_object_mut().unwrap().remove("proof");
        credential.as_object_mut().unwrap().remove("credentialStatus");
        unsigned.push((token.clone(), credential));
    }
    for round in 0..20 {
        let id = format!("urn:uuid:0b5e7d52-1c1e-4d7a-9f0e-{round:012}");
        let body = |credential: &Value| {
            let mut credential = credential.clone();
            credential["id"] = json!(id);
            Some(json!({"credential": credential, "options": {"cryptosuite": "eddsa-jcs-2022"}}).to_string())
        };
        let ((token_a, a), (token_b, b)) = (&unsigned[0], &unsigned[1]);
        let both = tokio::join!(
            call(&harness.app, "POST", "/credentials/issue", Some(token_a), body(a), &[]),
            call(&harness.app, "POST", "/credentials/issue", Some(token_b), body(b), &[]),
        );
        for (status, answer, _) in [both.0, both.1] {
            assert_eq!(status, StatusCode::CREATED, "round {round}: {answer}");
            assert_eq!(answer["verifiableCredential"]["id"], json!(id));
        }
    }
}

/// Found by review: two rotations at once each demoted the signing key they saw and inserted
/// their own, leaving two signing keys on PostgreSQL. Now exactly one remains, and every key
/// rotated in stays published.
async fn concurrent_rotations(harness: &Harness) {
    let before = harness.service.store().keys("finance").await.unwrap().len();
    let rotate = || harness.service.rotate_key("finance", "test");
    let results = tokio::join!(rotate(), rotate(), rotate(), rotate());
    for result in [results.0, results.1, results.2, results.3] {
        result.unwrap();
    }
    let keys = harness.service.store().keys("finance").await.unwrap();
    assert_eq!(keys.len(), before + 4);
    let signing = keys.iter().filter(|k| k.status == issuer::store::KeyStatus::Signing).count();
    assert_eq!(signing, 1, "{keys:?}");
    // What is issued next is signed by that key, not by one of the others rotated at once.
    let signing = keys.iter().find(|k| k.status == issuer::store::KeyStatus::Signing).unwrap();
    let (status, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_b), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let proof = &issued["verifiableCredential"]["proof"];
    assert_eq!(proof["verificationMethod"], signing.verification_method.as_str(), "{proof}");
}

/// A leaked key is retired: it leaves the DID document and what it signed stops verifying. The
/// signing key cannot be retired (rotate first); nor can a key twice, or one that is not there.
async fn retiring_a_key(harness: &Harness) {
    let (status, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_b), Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let credential = issued["verifiableCredential"].clone();
    assert!(verifies(harness, "finance", &credential).await);
    let keys = harness.service.store().keys("finance").await.unwrap();
    let signing = keys.iter().find(|k| k.status == issuer::store::KeyStatus::Signing).unwrap();
    let method = signing.verification_method.clone();
    let code = |error: issuer::domain::IssuerError| error.code();
    assert_eq!(code(harness.service.retire_key("finance", &method, "test").await.unwrap_err()), "conflict");
    harness.service.rotate_key("finance", "test").await.unwrap();
    harness.service.retire_key("finance", &method, "test").await.unwrap();
    assert!(!verifies(harness, "finance", &credential).await, "signed by a retired key");
    let (_, document, _) = call(&harness.app, "GET", "/finance/did.json", None, None, &[]).await;
    assert!(!document.to_string().contains(&method), "{document}");
    assert_eq!(code(harness.service.retire_key("finance", &method, "test").await.unwrap_err()), "conflict");
    let unknown = format!("{method}x");
    assert_eq!(code(harness.service.retire_key("finance", &unknown, "test").await.unwrap_err()), "not_found");
    let audit = harness.service.store().audit(Some("finance"), "").await.unwrap();
    assert!(audit.iter().any(|entry| entry.action == "key.retire"));

    // Over HTTP, by a department's admin: POST /keys/retire.
    let keys = harness.service.store().keys("hr").await.unwrap();
    let old = keys.iter().find(|k| k.status == issuer::store::KeyStatus::Signing).unwrap().verification_method.clone();
    let body = |method: &str| Some(json!({"verificationMethod": method}).to_string());
    let (status, _, _) = call(&harness.app, "POST", "/keys/retire", Some(&harness.token_a), body(&old), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "the signing key");
    let (status, _, _) = call(&harness.app, "POST", "/keys/rotate", Some(&harness.token_a), None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = call(&harness.app, "POST", "/keys/retire", Some(&harness.token_b), body(&old), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no admin scope");
    // Another department's admin cannot retire (or even find) this department's key, nor rotate it.
    let (_, finance_admin) = harness
        .service
        .create_token("finance", &[issuer::domain::Scope::Admin], "finance admin", "test")
        .await
        .unwrap();
    let (status, problem, _) = call(&harness.app, "POST", "/keys/retire", Some(&finance_admin), body(&old), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another department's key: {problem}");
    let hr_keys = harness.service.store().keys("hr").await.unwrap();
    let (status, _, _) = call(&harness.app, "POST", "/keys/rotate", Some(&finance_admin), None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(harness.service.store().keys("hr").await.unwrap(), hr_keys, "rotating finance touched hr's keys");
    let (_, audit, _) = call(&harness.app, "GET", "/audit", Some(&finance_admin), None, &[]).await;
    assert!(
        audit.as_array().unwrap().iter().all(|entry| entry["department_id"] == "finance"),
        "another department's audit entries: {audit}"
    );
    let (status, problem, _) =
        call(&harness.app, "POST", "/keys/retire", Some(&harness.token_a), Some("{}".into()), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    let (status, answer, _) = call(&harness.app, "POST", "/keys/retire", Some(&harness.token_a), body(&old), &[]).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (_, document, _) = call(&harness.app, "GET", "/hr/did.json", None, None, &[]).await;
    assert!(!document.to_string().contains(&old), "{document}");
}

/// A `did:key` department (tests and small setups): its credentials name the did:key as issuer
/// and verify with no DID document at all; it has no document to serve and refuses to rotate or
/// retire its one key, saying why.
async fn did_key_department(harness: &Harness) {
    let purposes = ["revocation".to_owned(), "suspension".to_owned()];
    let name = LocalizedText::new("Small Office", "Petit bureau");
    let department = harness
        .service
        .create_department_with(
            "small",
            &name,
            &purposes,
            issuer::domain::DidMethod::Key,
            issuer::store::KeyBackend::File,
            "test",
        )
        .await
        .unwrap();
    assert!(department.did.starts_with("did:key:z6Mk"), "{}", department.did);
    let (_, token) = harness.service.create_token("small", &[Scope::Issue, Scope::Admin], "s", "test").await.unwrap();
    for suite in ["eddsa-jcs-2022", "eddsa-rdfc-2022"] {
        let (status, issued, _) = call(
            &harness.app,
            "POST",
            &format!("/credentials/skill?cryptosuite={suite}"),
            Some(&token),
            Some(skill_request()),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{issued}");
        let credential = &issued["verifiableCredential"];
        assert_eq!(credential["issuer"]["id"], department.did.as_str());
        let method = credential["proof"]["verificationMethod"].as_str().unwrap();
        assert_eq!(method, format!("{}#{}", department.did, department.did.trim_start_matches("did:key:")));
        assert_eq!(credential["credentialStatus"].as_array().map(Vec::len), Some(2));
        // No document given to the verifier: did:key resolves from the identifier.
        let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
        let report = verifier.verify_bytes(credential.to_string().as_bytes(), &PresentationOptions::default()).unwrap();
        assert!(report.verified(), "{:#}", report.to_json(schemas::Lang::En));
    }
    let (status, problem, _) = call(&harness.app, "GET", "/small/did.json", None, None, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    let (status, problem, _) = call(&harness.app, "POST", "/keys/rotate", Some(&token), None, &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert!(problem["detail"].as_str().unwrap().contains("did:key"), "{problem}");
    assert!(problem["detail_fr"].as_str().unwrap().contains("did:key"), "{problem}");
    let body = Some(json!({"verificationMethod": format!("{}#x", department.did)}).to_string());
    let (status, _, _) = call(&harness.app, "POST", "/keys/retire", Some(&token), body, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not one of its keys");
    let signing = harness.service.store().keys("small").await.unwrap().remove(0).verification_method;
    let code = harness.service.retire_key("small", &signing, "test").await.unwrap_err().code();
    assert_eq!(code, "conflict");
    assert_eq!(harness.service.store().keys("small").await.unwrap().len(), 1, "still its one key");
}

async fn whole_suite(database: Database) {
    let harness = harness(&database).await;
    issue_every_way(&harness).await;
    same_id_in_two_departments(&harness).await;
    concurrent_rotations(&harness).await;
    retiring_a_key(&harness).await;
    did_key_department(&harness).await;
    isolation_and_errors(&harness).await;
    idempotency_rotation_and_storage(&harness).await;
    batch(&harness).await;
    vc_1_1_shape(&harness).await;
    status_lists(&harness).await;
    let offer_secrets = oid4vci(&harness).await;
    oid4vci_jwt_vc_json(&harness).await;
    nothing_secret_is_stored(&harness, &offer_secrets).await;
    openapi(&harness).await;
    figures_over_http(&harness).await;
    health(&harness).await;
    harness.service.store().close().await;
}

#[tokio::test]
async fn tokens_are_rate_limited() {
    let database = sqlite().await;
    let store = Store::open(&database.url).await.unwrap();
    let service = Arc::new(
        IssuerService::new(store, MasterKey::generate(), HOST.into(), Arc::new(SystemClock)).with_rate_limit(3),
    );
    service
        .create_department("hr", &LocalizedText::new("Human Resources", "Ressources humaines"), "test")
        .await
        .unwrap();
    let (_, token) = service.create_token("hr", &[Scope::Issue], "a", "test").await.unwrap();
    let (_, other) = service.create_token("hr", &[Scope::Issue], "b", "test").await.unwrap();
    let app = issuer::http::app(service.clone(), 64 * 1024);
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(call(&app, "GET", "/credentials/urn%3Auuid%3Anone", Some(&token), None, &[]).await.0);
    }
    assert_eq!(&statuses[..3], &[StatusCode::NOT_FOUND; 3]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
    // Another token is not slowed down by the first.
    assert_eq!(
        call(&app, "GET", "/credentials/urn%3Auuid%3Anone", Some(&other), None, &[]).await.0,
        StatusCode::NOT_FOUND
    );
    // A batch costs one per row: more rows than one second allows is a 400 that says how many
    // may be sent (a 429 would never clear); as many rows as allowed go through.
    let row = json!({"kind": "skill", "subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "skill": "api_design", "level": "expert"});
    let batch = |n: usize| Some(json!({"rows": vec![row.clone(); n]}).to_string());
    let (_, fresh) = service.create_token("hr", &[Scope::Issue], "batch", "test").await.unwrap();
    let (status, problem, _) = call(&app, "POST", "/credentials/batch", Some(&fresh), batch(4), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert!(problem["detail_fr"].as_str().unwrap().contains("au plus 3"), "{problem}");
    let (_, fresh) = service.create_token("hr", &[Scope::Issue], "batch", "test").await.unwrap();
    let (status, answer, _) = call(&app, "POST", "/credentials/batch", Some(&fresh), batch(3), &[]).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

/// A clock the test moves forward.
struct MovableClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl credentials::Clock for MovableClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().unwrap()
    }
}

/// The nonce endpoint is unauthenticated and stored a row per call without bound: 2,000 calls
/// leave at most `MAX_LIVE_NONCES` rows, the newest (the oldest are recycled, the newest still
/// works once), and nonces past their lifetime are purged by the next issue.
async fn nonces_stay_bounded(database: Database) {
    use issuer::domain::nonces::{MAX_LIVE_NONCES, NONCE_SECONDS};
    let store = Store::open(&database.url).await.unwrap();
    let clock = Arc::new(MovableClock(std::sync::Mutex::new(credentials::Clock::now(&SystemClock))));
    let service = IssuerService::new(store, MasterKey::generate(), HOST.into(), clock.clone());
    service.create_department("hr", &LocalizedText::new("HR", "RH"), "test").await.unwrap();
    service.create_department("finance", &LocalizedText::new("Finance", "Finances"), "test").await.unwrap();
    let nonce = |department: &'static str| {
        let service = &service;
        async move { service.nonce(department).await.unwrap()["c_nonce"].as_str().unwrap().to_owned() }
    };
    let finance = nonce("finance").await;
    let first = nonce("hr").await;
    let mut last = String::new();
    for call in 0..2_000 {
        // Nonces are dated to the millisecond: the clock moves on, as it would between calls.
        *clock.0.lock().unwrap() += chrono::Duration::milliseconds(1);
        last = nonce("hr").await;
        if call % 500 == 0 {
            assert!(service.store().count_nonces("hr").await.unwrap() <= MAX_LIVE_NONCES);
        }
    }
    assert_eq!(service.store().count_nonces("hr").await.unwrap(), MAX_LIVE_NONCES, "bounded, not 2,001 rows");
    assert_eq!(service.store().count_nonces("finance").await.unwrap(), 1, "another department's are its own");
    assert!(!service.use_nonce("hr", &first).await.unwrap(), "the oldest was recycled");
    assert!(service.use_nonce("hr", &last).await.unwrap(), "the newest still works");
    assert!(!service.use_nonce("hr", &last).await.unwrap(), "once");
    assert!(!service.use_nonce("hr", &finance).await.unwrap(), "not another department's");

    // Past their lifetime, nonces are refused, and the next issue purges them all.
    let live = nonce("hr").await;
    *clock.0.lock().unwrap() += chrono::Duration::seconds(NONCE_SECONDS + 1);
    assert!(!service.use_nonce("hr", &live).await.unwrap(), "expired");
    let fresh = nonce("hr").await;
    assert_eq!(service.store().count_nonces("hr").await.unwrap(), 1, "the expired ones are purged");
    assert_eq!(service.store().count_nonces("finance").await.unwrap(), 0);
    assert!(service.use_nonce("hr", &fresh).await.unwrap());
    service.store().close().await;
}

#[tokio::test]
async fn nonces_stay_bounded_on_sqlite() {
    nonces_stay_bounded(sqlite().await).await;
}

#[tokio::test]
async fn nonces_stay_bounded_on_postgres() {
    if let Some(database) = postgres().await {
        nonces_stay_bounded(database).await;
    }
}

#[tokio::test]
async fn api_on_sqlite() {
    whole_suite(sqlite().await).await;
}

#[tokio::test]
async fn api_on_postgres() {
    if let Some(database) = postgres().await {
        whole_suite(database).await;
    }
}

/// Migration 0009 first repairs a database where two rotations at once left two signing keys
/// (keeping the newest), then makes that impossible; on such a database the index alone failed.
#[tokio::test]
async fn migration_0009_keeps_the_newest_of_two_signing_keys() {
    let database = sqlite().await;
    let store = Store::open(&database.url).await.unwrap();
    let service = IssuerService::new(store, MasterKey::generate(), HOST.into(), Arc::new(SystemClock));
    service.create_department("hr", &LocalizedText::new("HR", "RH"), "test").await.unwrap();
    // Keys are dated to the millisecond: the rotation comes strictly later.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    service.rotate_key("hr", "test").await.unwrap();
    let newest = service.store().keys("hr").await.unwrap()[0].verification_method.clone();
    service.store().close().await;
    // The state the race left: both keys signing, no index (as before the migration).
    let mut connection = sqlx::SqliteConnection::connect(&database.url).await.unwrap();
    sqlx::query("DROP INDEX department_keys_one_signing").execute(&mut connection).await.unwrap();
    sqlx::query("UPDATE department_keys SET status = 'signing'").execute(&mut connection).await.unwrap();
    let migration = include_str!("../migrations/sqlite/0009_one_signing_key.sql");
    sqlx::raw_sql(migration).execute(&mut connection).await.unwrap();
    let signing: Vec<(String,)> =
        sqlx::query_as("SELECT verification_method FROM department_keys WHERE status = 'signing'")
            .fetch_all(&mut connection)
            .await
            .unwrap();
    assert_eq!(signing, [(newest,)]);
}

/// Whether `value` is what `schema` of the OpenAPI `document` describes: `$ref`s followed, each
/// value of its documented type, and (for an object) every field a documented property and every
/// required property present.
fn conforms(document: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.strip_prefix("#/components/schemas/").ok_or(format!("{at}: reference {reference}"))?;
        return conforms(document, &document["components"]["schemas"][name], value, at);
    }
    let kinds: Vec<&str> = match &schema["type"] {
        Value::String(kind) => vec![kind.as_str()],
        Value::Array(kinds) => kinds.iter().filter_map(Value::as_str).collect(),
        other => return Err(format!("{at}: no type in the schema ({other})")),
    };
    let fits = |kind: &str| match kind {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => false,
    };
    if !kinds.iter().any(|kind| fits(kind)) {
        return Err(format!("{at}: {value} is not of type {kinds:?}"));
    }
    match value {
        Value::Object(fields) => {
            let properties = schema["properties"].as_object().ok_or(format!("{at}: an object without properties"))?;
            for (name, field) in fields {
                let property = properties.get(name).ok_or(format!("{at}: `{name}` is not a documented property"))?;
                conforms(document, property, field, &format!("{at}/{name}"))?;
            }
            for required in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                if !fields.contains_key(required) {
                    return Err(format!("{at}: the required `{required}` is missing"));
                }
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(index, item)| conforms(document, &schema["items"], item, &format!("{at}/{index}"))),
        _ => Ok(()),
    }
}

/// The problem body the issuer sends is the one its OpenAPI document describes (issue #20): real
/// refusals from the router, a 401 and a 422 with its schema violations, each checked against the
/// document's `Problem` schema, which the refusing operation's documented answer names; and the
/// OAuth errors of the token, nonce and credential endpoints against its `OAuthError` schema.
#[tokio::test]
async fn error_answers_are_the_problem_the_openapi_document_describes() {
    let database = sqlite().await;
    let harness = harness(&database).await;
    let (status, document, _) = call(&harness.app, "GET", "/openapi.json", None, None, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let documented = |path: &str, method: &str, status: &str| {
        document["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"].clone()
    };
    let problem = json!({"$ref": "#/components/schemas/Problem"});

    let (status, unauthorized, headers) =
        call(&harness.app, "POST", "/credentials/skill", None, Some(skill_request()), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(documented("/credentials/skill", "post", "401"), problem);

    let (_, issued, _) =
        call(&harness.app, "POST", "/credentials/skill", Some(&harness.token_a), Some(skill_request()), &[]).await;
    let mut invalid = issued["verifiableCredential"].clone();
    invalid.as_object_mut().unwrap().remove("proof");
    invalid.as_object_mut().unwrap().remove("credentialStatus");
    invalid["id"] = "urn:uuid:3c0f6f0e-0c55-4a7e-9a51-4b8e4d5f2a10".into();
    invalid["credentialSubject"]["achievement"]["localizedName"].as_object_mut().unwrap().remove("fr");
    let body = json!({"credential": invalid}).to_string();
    let (status, violation, _) =
        call(&harness.app, "POST", "/credentials/issue", Some(&harness.token_a), Some(body), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{violation}");
    assert_eq!(violation["code"], "schema_violation");
    assert!(!violation["errors"].as_array().unwrap().is_empty(), "{violation}");
    assert_eq!(documented("/credentials/issue", "post", "422"), problem);

    // The OAuth endpoints a wallet calls answer OAuth errors (RFC 6749 §5.2), documented as such.
    let oauth_error = json!({"$ref": "#/components/schemas/OAuthError"});
    let form = "grant_type=password".to_owned();
    let (status, oauth, headers) = call(&harness.app, "POST", "/hr/oid4vci/token", None, Some(form), &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{oauth}");
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(oauth["error"], "unsupported_grant_type");
    assert_eq!(documented("/{department}/oid4vci/token", "post", "400"), oauth_error);
    let (status, no_token, _) =
        call(&harness.app, "POST", "/hr/oid4vci/credential", None, Some("{}".into()), &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{no_token}");
    let bad = [("authorization", "Bearer at.nothing")];
    let (status, bad_token, _) =
        call(&harness.app, "POST", "/hr/oid4vci/credential", None, Some("{}".into()), &bad).await;
    assert_eq!((status, bad_token["error"].as_str()), (StatusCode::UNAUTHORIZED, Some("invalid_token")));
    assert_eq!(documented("/{department}/oid4vci/credential", "post", "401"), oauth_error);
    assert_eq!(documented("/{department}/oid4vci/credential", "post", "400"), oauth_error);
    let (status, no_department, headers) = call(&harness.app, "POST", "/nowhere/oid4vci/nonce", None, None, &[]).await;
    assert_eq!((status, no_department["error"].as_str()), (StatusCode::NOT_FOUND, Some("invalid_request")));
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(documented("/{department}/oid4vci/nonce", "post", "404"), oauth_error);

    for body in [&unauthorized, &violation] {
        if let Err(mismatch) = conforms(&document, &problem, body, "") {
            panic!("{mismatch}\n{body}");
        }
    }
    for body in [&oauth, &no_token, &bad_token, &no_department] {
        if let Err(mismatch) = conforms(&document, &oauth_error, body, "") {
            panic!("{mismatch}\n{body}");
        }
        let description = body["error_description"].as_str().unwrap();
        assert!(description.bytes().all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)), "{body}");
    }
    assert!(conforms(&document, &oauth_error, &unauthorized, "").is_err(), "a problem is not an OAuth error");
    // The check itself refuses a body the document does not describe.
    let mut undocumented = unauthorized.clone();
    undocumented["hint"] = "x".into();
    assert!(conforms(&document, &problem, &undocumented, "").is_err());
    undocumented = unauthorized.clone();
    undocumented["status"] = "401".into();
    assert!(conforms(&document, &problem, &undocumented, "").is_err());
    undocumented.as_object_mut().unwrap().remove("status");
    assert!(conforms(&document, &problem, &undocumented, "").is_err());
    harness.service.store().close().await;
}
