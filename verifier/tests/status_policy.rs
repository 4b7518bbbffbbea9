//! The status policy is the verifier's (`--require-status`) unless a request sets its own: a
//! credential whose status list cannot be read answers 503 when the request requires status, and
//! 400 with `verified: false` and a warning when it does not (200 is only for "verified"); never
//! "verified".

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use credentials::contexts::ContextSet;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Network;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

fn credential_with_unreachable_status() -> Value {
    let issuer = LocalKey::generate();
    let mut credential = SkillCredentialBuilder::new(
        "urn:uuid:7",
        Issuer { id: issuer.did_key(), name: LocalizedText::new("A", "A") },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
    .build()
    .unwrap();
    // A private address: refused at once, so the status cannot be read.
    credential["credentialStatus"] = json!([{"id": "https://10.0.0.1/status/1#5", "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": "https://10.0.0.1/status/1"}]);
    add_proof(&credential, &issuer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

async fn verify(require_by_default: bool, options: Value) -> (StatusCode, Value) {
    let verifier =
        Network { online: true, ..Network::default() }.verifier(ContextSet::standard(), Arc::new(SystemClock));
    let router = app(Arc::new(VerifierService::new(verifier, require_by_default)));
    let body = json!({"verifiableCredential": credential_with_unreachable_status(), "options": options});
    let request = Request::post("/credentials/verify")
        .header("Content-Type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn a_request_chooses_whether_an_unreadable_status_fails_or_warns() {
    let (status, answer) = verify(false, json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["verified"], false, "{answer:#}");
    assert!(answer["warnings"].as_array().unwrap().iter().any(|w| w["check"] == "status"), "{answer:#}");

    let (status, answer) = verify(false, json!({"requireStatus": true})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer:#}");
    assert_eq!(answer["code"], "dependency_unavailable");

    let (status, _) = verify(true, json!({})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "the service's policy");
    let (status, answer) = verify(true, json!({"requireStatus": false})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the request's policy wins");
    assert_eq!(answer["verified"], false);

    let (status, _) = verify(false, json!({"requireStatus": "yes"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// The page says what the API says: a credential whose status cannot be read is not called valid
/// (a review found the page calling it valid while the API answered `verified: false`).
#[tokio::test]
async fn the_page_does_not_call_valid_a_credential_whose_status_is_unknown() {
    let verifier =
        Network { online: true, ..Network::default() }.verifier(ContextSet::standard(), Arc::new(SystemClock));
    let router = app(Arc::new(VerifierService::new(verifier, false)));
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("document", credential_with_unreachable_status().to_string().as_str()), ("lang", "en")])
        .finish();
    let request = Request::post("/page/verify")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let response = router.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(page.contains("Result: not valid"), "{page}");
    assert!(page.contains("unknown"), "{page}");
}
