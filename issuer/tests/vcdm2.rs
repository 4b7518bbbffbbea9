//! VC Data Model 2.0 through the VC-API (issue #21), on the embedded SQLite default and on a
//! real PostgreSQL (`DATABASE_URL`): each example of the data model kept as a file in
//! `credentials/tests/vectors/vcdm2/` is issued by `POST /credentials/issue` with both Data
//! Integrity suites, its issuer named as the department's DID or left for the service to fill, and
//! verifies with the credentials library; each MUST the data model states is refused with 422 and
//! a problem whose `errors[].pointer` names the property.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use credentials::contexts::ContextSet;
use credentials::did::{DidDocument, StaticResolver};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, Outcome, Report, SystemClock};
use http_body_util::BodyExt;
use issuer::domain::{IssuerService, Scope};
use issuer::store::Store;
use keys::MasterKey;
use schemas::LocalizedText;
use serde_json::{json, Value};
use sqlx::Connection;
use tower::ServiceExt;

const HOST: &str = "issuer.example";
const SUITES: [&str; 2] = ["eddsa-rdfc-2022", "eddsa-jcs-2022"];

/// A database for one run: a SQLite file, or a new PostgreSQL database.
struct Database {
    url: String,
    _directory: Option<tempfile::TempDir>,
}

fn sqlite() -> Database {
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
    let name = format!("issuer_vcdm2_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    Some(Database { url: url.to_string(), _directory: None })
}

struct Harness {
    app: Router,
    token: String,
    did: String,
    document: DidDocument,
}

async fn harness(database: &Database) -> Harness {
    let store = Store::open(&database.url).await.unwrap();
    let service = Arc::new(IssuerService::new(store, MasterKey::generate(), HOST.into(), Arc::new(SystemClock)));
    let department = service
        .create_department("hr", &LocalizedText::new("Human Resources", "Ressources humaines"), "test")
        .await
        .unwrap();
    let (_, token) =
        service.create_token("hr", &[Scope::Issue, Scope::Revoke, Scope::Admin], "vcdm2", "test").await.unwrap();
    let app = issuer::http::app(service, 256 * 1024);
    let (status, document) = call(&app, "GET", "/hr/did.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    Harness { app, token, did: department.did, document: serde_json::from_value(document).unwrap() }
}

async fn call(app: &Router, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
    let mut builder = Request::builder().method(method).uri(uri).header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    let response = app.clone().oneshot(builder.body(body).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn issue(harness: &Harness, credential: &Value, suite: &str) -> (StatusCode, Value) {
    let body = json!({"credential": credential, "options": {"cryptosuite": suite}});
    call(&harness.app, "POST", "/credentials/issue", Some(&harness.token), Some(body)).await
}

/// The data model's examples, by file name.
fn examples() -> Vec<(String, Value)> {
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../credentials/tests/vectors/vcdm2");
    let mut examples: Vec<(String, Value)> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap())
        })
        .collect();
    examples.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(examples.len(), 12, "the vectors' README lists twelve examples");
    examples
}

/// An example as a department sends it: without its `id` (several examples share one, and the
/// service gives each credential its own), its issuer the department's DID or left out.
fn as_sent(example: &Value, did: Option<&str>) -> Value {
    let mut credential = example.clone();
    let object = credential.as_object_mut().unwrap();
    object.remove("id");
    match (did, object.get_mut("issuer")) {
        (None, _) => {
            object.remove("issuer");
        }
        (Some(did), Some(Value::Object(issuer))) => {
            issuer.insert("id".into(), did.into());
        }
        (Some(did), _) => {
            object.insert("issuer".into(), did.into());
        }
    }
    credential
}

/// The library's verifier, knowing the department's DID document; the status lists are not
/// fetched (offline), which leaves every other check to pass or fail.
fn verify(harness: &Harness, credential: &Value) -> Report {
    let mut resolver = StaticResolver::new();
    resolver.insert(harness.document.clone());
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(resolver), Arc::new(SystemClock));
    verifier.verify_bytes(&serde_json::to_vec(credential).unwrap(), &PresentationOptions::default()).unwrap()
}

async fn every_example_is_issued_and_verifies(harness: &Harness) {
    for (name, example) in examples() {
        for suite in SUITES {
            for named in [true, false] {
                let sent = as_sent(&example, named.then_some(harness.did.as_str()));
                let (status, body) = issue(harness, &sent, suite).await;
                let what = format!("{name} {suite} issuer {}", if named { "named" } else { "filled" });
                assert_eq!(status, StatusCode::CREATED, "{what}: {body}");
                let issued = &body["verifiableCredential"];
                assert_eq!(issued["proof"]["cryptosuite"], suite, "{what}");
                let issuer = issued["issuer"].as_str().or_else(|| issued["issuer"]["id"].as_str());
                assert_eq!(issuer, Some(harness.did.as_str()), "{what}");
                // What the caller sent is signed as sent: inline contexts, language values, a
                // supplied credentialStatus (one entry or two), dates.
                for (key, value) in sent.as_object().unwrap() {
                    assert_eq!(&issued[key], value, "{what}: {key}");
                }
                let statuses = issued["credentialStatus"].as_array().map(Vec::len);
                if example.get("credentialStatus").is_none() {
                    assert_eq!(statuses, Some(2), "{what}: the department's revocation and suspension entries");
                }
                if !named {
                    // The filled issuer names the department in both languages, in a form the
                    // example's contexts define (language values, or plain English in an Open
                    // Badges credential, whose schema types the name as a string).
                    let name = schemas::localized_text(&issued["issuer"], "name").unwrap();
                    let open_badge = issued["type"].to_string().contains("OpenBadgeCredential");
                    let french = if open_badge { "Human Resources" } else { "Ressources humaines" };
                    assert_eq!((name.en.as_str(), name.fr.as_str()), ("Human Resources", french), "{what}");
                }
                let report = verify(harness, issued);
                let json = report.to_json(schemas::Lang::En);
                if past(&example) {
                    // Issued as the data model allows; verified now, it is signed and expired.
                    for kind in [CheckKind::Structure, CheckKind::Proof, CheckKind::IssuerBinding] {
                        assert!(matches!(report.check(kind), Some(Outcome::Passed)), "{what} {kind:?}: {json:#}");
                    }
                    match report.check(CheckKind::Validity) {
                        Some(Outcome::Failed(failure)) => assert_eq!(failure.code(), "expired", "{what}"),
                        other => panic!("{what}: {other:?}"),
                    }
                } else {
                    assert!(report.verified(), "{what}: {json:#}");
                }
                // The signature covers the example's own claims.
                let mut tampered = issued.clone();
                tampered["credentialSubject"]["id"] = "did:example:someone-else".into();
                assert!(!verify(harness, &tampered).verified(), "{what}");
            }
        }
    }
}

/// A supplied credentialStatus is the caller's: kept, none of the department's added, so the
/// service's status API has no entry of its own to change; an entry on the service's own lists
/// would share an index with another credential and is refused.
async fn supplied_status_is_the_callers(harness: &Harness) {
    let (_, example) = examples().into_iter().find(|(name, _)| name == "status-multiple.json").unwrap();
    let (status, body) = issue(harness, &as_sent(&example, Some(&harness.did)), "eddsa-jcs-2022").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["verifiableCredential"]["credentialStatus"], example["credentialStatus"]);
    let id = body["verifiableCredential"]["id"].clone();
    let change = json!({"credentialId": id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}],
        "reason": "test"});
    let (status, problem) = call(&harness.app, "POST", "/credentials/status", Some(&harness.token), Some(change)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");

    let mut own = as_sent(&example, Some(&harness.did));
    own["credentialStatus"][0]["statusListCredential"] = format!("https://{HOST}/hr/status/1").into();
    let (status, problem) = issue(harness, &own, "eddsa-jcs-2022").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["pointer"], "/credentialStatus", "{problem}");
    assert!(problem["detail_fr"].as_str().unwrap().contains("celle de ce service"), "{problem}");
}

/// Whether an example's `validUntil` is already past (two are: the §4.9 example, and the
/// language example's, 2025-01-01).
fn past(example: &Value) -> bool {
    example["validUntil"].as_str().is_some_and(|until| {
        chrono::DateTime::parse_from_rfc3339(until).unwrap() < credentials::Clock::now(&SystemClock)
    })
}

/// A validUntil already past is issued and said in the audit trail.
async fn a_past_valid_until_is_audited(harness: &Harness) {
    let (status, audit) = call(&harness.app, "GET", "/audit", Some(&harness.token), None).await;
    assert_eq!(status, StatusCode::OK, "{audit}");
    let warned: Vec<Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "credential.issue")
        .map(|entry| serde_json::from_str::<Value>(entry["detail"].as_str().unwrap()).unwrap())
        .filter(|detail| detail.get("warning").is_some())
        .collect();
    // Four issuances of each example whose validity is over (two suites, issuer named or filled).
    let over: Vec<Value> =
        examples().into_iter().filter(|(_, e)| past(e)).map(|(_, e)| e["validUntil"].clone()).collect();
    assert!(over.contains(&json!("2020-01-01T19:23:24Z")), "{over:?}");
    assert_eq!(warned.len(), 4 * over.len(), "{warned:?}");
    assert!(warned.iter().all(|d| over.contains(&d["validUntil"]) && d["warning"] == "validUntil is past"));
}

/// Each MUST of the data model, broken once: 422 and the property's JSON pointer.
async fn each_must_is_refused_naming_the_field(harness: &Harness) {
    let (_, example) = examples().into_iter().find(|(name, _)| name == "name-and-description.json").unwrap();
    let base = as_sent(&example, Some(&harness.did));
    let with = |field: &str, value: Value| {
        let mut credential = base.clone();
        credential[field] = value;
        credential
    };
    let digest = "sha384-e2AY0FBy6KUAgZ3rMaz7Uj/Gp0bkIIIB/bjgmVQS2PPSOr+Ufx9P5mVrVU+jxFXR";
    let resource = "https://www.w3.org/ns/credentials/v2";
    let entry = json!({"id": "https://issuer.example/lists/3#94567", "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": "https://issuer.example/lists/3"});
    let mut bad_index = entry.clone();
    bad_index["statusListIndex"] = "first".into();
    let envelope = json!({"@context": [], "id": "data:application/vc+jwt,eyJhbGciOiJFZERTQSJ9.e30.c2ln",
        "type": "EnvelopedVerifiableCredential"});
    let cases: Vec<(&str, Value, &str)> = vec![
        ("relatedResource is a string", with("relatedResource", resource.into()), "/relatedResource"),
        ("relatedResource without id", with("relatedResource", json!([{"digestSRI": digest}])), "/relatedResource"),
        (
            "relatedResource repeats an id",
            with(
                "relatedResource",
                json!([{"id": resource, "digestSRI": digest}, {"id": resource, "digestMultibase": "uEiDm"}]),
            ),
            "/relatedResource",
        ),
        ("relatedResource without digest", with("relatedResource", json!([{"id": resource}])), "/relatedResource"),
        (
            "termsOfUse without type",
            with("termsOfUse", json!({"id": "https://issuer.example/policies/1"})),
            "/termsOfUse",
        ),
        (
            "refreshService without type",
            with("refreshService", json!({"url": "https://issuer.example/refresh"})),
            "/refreshService",
        ),
        (
            "credentialSchema without type",
            with("credentialSchema", json!({"id": "https://issuer.example/schemas/1.json"})),
            "/credentialSchema",
        ),
        (
            "credentialSchema id not a URL",
            with("credentialSchema", json!({"id": "degree.json", "type": "JsonSchema"})),
            "/credentialSchema",
        ),
        ("evidence without type", with("evidence", json!([{"id": "https://issuer.example/e/1"}])), "/evidence"),
        ("EnvelopedVerifiableCredential with empty @context", envelope, "/@context"),
        (
            "credentialStatus is a string",
            with("credentialStatus", "https://issuer.example/lists/3".into()),
            "/credentialStatus",
        ),
        (
            "credentialStatus without type",
            with("credentialStatus", json!({"statusPurpose": "revocation"})),
            "/credentialStatus",
        ),
        (
            "credentialStatus index not a number",
            with("credentialStatus", json!([entry, bad_index])),
            "/credentialStatus",
        ),
        ("name not a language value", with("name", json!({"@value": "x", "@language": "not a tag"})), "/name"),
    ];
    for (what, credential, pointer) in cases {
        for suite in SUITES {
            let (status, problem) = issue(harness, &credential, suite).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what} {suite}: {problem}");
            assert_eq!(problem["errors"][0]["pointer"], pointer, "{what} {suite}: {problem}");
            let (en, fr) = (problem["detail"].as_str().unwrap(), problem["detail_fr"].as_str().unwrap());
            assert!(!fr.is_empty() && en != fr, "{what}: {problem}");
            assert_eq!(problem["errors"][0]["message_fr"], fr, "{what}");
        }
    }
}

async fn whole_suite(database: Database) {
    let harness = harness(&database).await;
    every_example_is_issued_and_verifies(&harness).await;
    a_past_valid_until_is_audited(&harness).await;
    supplied_status_is_the_callers(&harness).await;
    each_must_is_refused_naming_the_field(&harness).await;
}

#[tokio::test]
async fn vcdm2_on_sqlite() {
    whole_suite(sqlite()).await;
}

#[tokio::test]
async fn vcdm2_on_postgres() {
    if let Some(database) = postgres().await {
        whole_suite(database).await;
    }
}
