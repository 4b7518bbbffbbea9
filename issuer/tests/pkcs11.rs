//! Departments whose keys live in a hardware security module (SoftHSM2 through PKCS#11), run
//! in-process on SQLite and on PostgreSQL: credentials of every mechanism verify against the
//! published DID document, a rotation keeps old credentials valid, a retired key is refused by
//! the token, nothing of the key is stored, and a token that goes away answers 503 (nothing
//! recorded, `/readyz` failing) until it is back, without a restart.
//!
//! One test function runs both databases in turn: recovering from a lost token initializes the
//! PKCS#11 module again, which would end the sessions of a test running beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../keys/tests/softhsm/mod.rs"]
mod softhsm;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use base64::Engine;
use credentials::contexts::ContextSet;
use credentials::did::{DidDocument, StaticResolver};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::SystemClock;
use ed25519_dalek::Verifier as _;
use http_body_util::BodyExt;
use issuer::domain::{IssuerService, Scope};
use issuer::store::{KeyBackend, Store};
use keys::pkcs11::Token;
use keys::MasterKey;
use schemas::LocalizedText;
use serde_json::{json, Value};
use sqlx::Connection;
use tower::ServiceExt;

const HOST: &str = "issuer.example";
const MECHANISMS: [&str; 4] = ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt", "dc+sd-jwt"];

async fn call(app: &Router, method: &str, uri: &str, token: Option<&str>, body: Option<String>) -> (StatusCode, Value) {
    let mut builder = Request::builder().method(method).uri(uri).header("content-type", "application/json");
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    let response =
        app.clone().oneshot(builder.body(body.map(Body::from).unwrap_or_else(Body::empty)).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn skill_request() -> String {
    json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"})
        .to_string()
}

async fn did_document(app: &Router) -> DidDocument {
    let (status, document) = call(app, "GET", "/hr/did.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    serde_json::from_value(document).unwrap()
}

/// Whether an issued credential verifies with the department's DID document as published now:
/// Data Integrity and JWT by the verifier; an SD-JWT VC (whose full check needs a holder's
/// presentation) by its issuer-signed JWS and the key its `kid` names in the document.
async fn verifies(app: &Router, answered: &Value) -> bool {
    let document = did_document(app).await;
    let text = answered["id"].as_str().and_then(|id| id.strip_prefix("data:application/")).map(|rest| {
        let (_, payload) = rest.split_once(',').unwrap();
        payload.to_owned()
    });
    match text {
        Some(sd_jwt) if sd_jwt.contains('~') => {
            let jws = sd_jwt.split('~').next().unwrap();
            let parts: Vec<&str> = jws.split('.').collect();
            let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            let header: Value = serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
            let Some(public) = public_key(&document, header["kid"].as_str().unwrap()) else { return false };
            let signature = ed25519_dalek::Signature::from_slice(&b64.decode(parts[2]).unwrap()).unwrap();
            public.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature).is_ok()
        }
        other => {
            let mut resolver = StaticResolver::new();
            resolver.insert(document);
            let verifier = Verifier::new(ContextSet::standard(), Arc::new(resolver), Arc::new(SystemClock));
            let bytes = other.map(String::into_bytes).unwrap_or_else(|| serde_json::to_vec(answered).unwrap());
            verifier.verify_bytes(&bytes, &PresentationOptions::default()).unwrap().verified()
        }
    }
}

fn public_key(document: &DidDocument, method: &str) -> Option<ed25519_dalek::VerifyingKey> {
    document.method(method).and_then(|m| m.ed25519_key().ok())
}

async fn issue(app: &Router, token: &str, mechanism: &str) -> (StatusCode, Value) {
    let uri = format!("/credentials/skill?cryptosuite={}", mechanism.replace('+', "%2B"));
    call(app, "POST", &uri, Some(token), Some(skill_request())).await
}

async fn suite(database_url: &str, hsm: &softhsm::SoftHsm, label: &str) {
    let token = Token::open(softhsm::config(hsm, label, softhsm::PIN)).unwrap();
    let store = Store::open(database_url).await.unwrap();
    let service = Arc::new(
        IssuerService::new(store, MasterKey::generate(), HOST.into(), Arc::new(SystemClock)).with_token(token.clone()),
    );
    let name = LocalizedText::new("Human Resources", "Ressources humaines");
    let purposes = vec!["revocation".to_owned()];
    service
        .create_department_with("hr", &name, &purposes, issuer::domain::DidMethod::Web, KeyBackend::Pkcs11, "test")
        .await
        .unwrap();
    let (_, api) = service.create_token("hr", &[Scope::Issue, Scope::Admin], "a", "test").await.unwrap();
    let app = issuer::http::app(service.clone(), 64 * 1024);

    // Every mechanism, verified with the published document.
    let mut first = Vec::new();
    for mechanism in MECHANISMS {
        let (status, body) = issue(&app, &api, mechanism).await;
        assert_eq!(status, StatusCode::CREATED, "{mechanism}: {body}");
        assert!(verifies(&app, &body["verifiableCredential"]).await, "{mechanism}");
        first.push(body["verifiableCredential"].clone());
    }
    let keys = service.store().keys("hr").await.unwrap();
    let old = keys[0].verification_method.clone();
    let flags = token.private_key_flags(&old).unwrap();
    assert!(flags.sensitive && !flags.extractable && flags.token, "{flags:?}");
    assert_eq!(
        public_key(&did_document(&app).await, &old).map(|k| credentials::multikey::encode_public(&k)),
        Some(keys[0].public_key_multibase.clone())
    );

    // Rotation: the next key is made in the token; what the old one signed still verifies.
    let new = service.rotate_key("hr", "test").await.unwrap();
    token.private_key_flags(&new).unwrap();
    for (mechanism, credential) in MECHANISMS.iter().zip(&first) {
        assert!(verifies(&app, credential).await, "old {mechanism} after rotation");
        let (status, body) = issue(&app, &api, mechanism).await;
        assert_eq!(status, StatusCode::CREATED, "{mechanism}: {body}");
        assert!(verifies(&app, &body["verifiableCredential"]).await, "{mechanism} by the new key");
    }
    // Retiring the old key: out of the document, and the token refuses it signing.
    service.retire_key("hr", &old, "test").await.unwrap();
    assert!(!token.private_key_flags(&old).unwrap().sign);
    assert!(!verifies(&app, &first[1]).await);
    assert!(service.destroy_key("hr", &old, "test").await.unwrap());
    assert!(token.private_key_flags(&old).is_err());

    // Nothing of the department's keys is stored: no sealed secret, no private key.
    for key in service.store().keys("hr").await.unwrap() {
        assert_eq!((key.backend, key.sealed_secret.as_str()), (KeyBackend::Pkcs11, ""), "{key:?}");
    }
    let dump = service.store().dump_text().await.unwrap();
    assert!(!dump.contains("privateKeyMultibase") && dump.contains(&new), "the dump reads the key rows");

    // The token goes away while serving: 503 with a problem in both languages, nothing recorded,
    // /readyz failing; back, and it signs again without a restart.
    let (status, _) = call(&app, "GET", "/readyz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let issued = service.store().count_credentials("hr").await.unwrap();
    let dir = softhsm::token_dir(hsm, label);
    let away = hsm.dir.with_file_name(format!("away-{label}"));
    std::fs::rename(&dir, &away).unwrap();
    for mechanism in MECHANISMS {
        let (status, body) = issue(&app, &api, mechanism).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{mechanism}: {body}");
        assert_eq!(body["code"], "signing_key_unavailable", "{body}");
        assert!(body["detail_fr"].as_str().unwrap().contains("indisponible"), "{body}");
        assert!(!body.to_string().contains("C_"), "no PKCS#11 detail is sent: {body}");
    }
    let (status, body) = call(&app, "GET", "/readyz", None, None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(service.store().count_credentials("hr").await.unwrap(), issued, "nothing half-recorded");

    std::fs::rename(&away, &dir).unwrap();
    let (status, _) = call(&app, "GET", "/readyz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    for mechanism in MECHANISMS {
        let (status, body) = issue(&app, &api, mechanism).await;
        assert_eq!(status, StatusCode::CREATED, "{mechanism} after the token is back: {body}");
        assert!(verifies(&app, &body["verifiableCredential"]).await, "{mechanism}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_department_in_a_hardware_security_module_on_sqlite_and_postgres() {
    let Some(hsm) = softhsm::softhsm(&["sqlite", "postgres"]) else { return };
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display());
    suite(&url, hsm, "sqlite").await;
    // Nothing in the data directory but the database: no key file.
    for entry in std::fs::read_dir(directory.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(name.starts_with("issuer.db"), "{name}");
    }

    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        return;
    };
    let name = format!("issuer_hsm_{}", hex::encode(rand::random::<[u8; 6]>()));
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    suite(url.as_str(), hsm, "postgres").await;
}
