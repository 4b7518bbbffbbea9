//! SD-JWT VC through the VC-API routes: an SD-JWT+KB sent as an `EnvelopedVerifiablePresentation`
//! (`data:application/dc+sd-jwt,…`) to `/presentations/verify` with this verifier's challenge
//! verifies and lists the disclosed claims; replaying it, or a key-binding JWT for another
//! challenge, is refused; an envelope that is not an SD-JWT is a 400.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::http::StatusCode;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::StaticResolver;
use credentials::sd_jwt::{Binding, ClaimPath};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use keys::LocalKey;
use schemas::{AssignmentCredentialBuilder, Issuer, LocalizedText, OrganizationUnit};
use serde_json::{json, Value};
use verifier::domain::service::VerifierService;
use verifier::http::app;

mod support;
use support::post;

fn router() -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    app(Arc::new(VerifierService::new(verifier, false)))
}

fn issued(holder: &LocalKey) -> String {
    let issuer = Arc::new(LocalKey::generate());
    let credential = AssignmentCredentialBuilder::new(
        "urn:uuid:3f2e1d0c-aaaa-4bbb-8ccc-000000000001",
        Issuer { id: issuer.did_key(), name: LocalizedText::new("A", "A") },
        LocalizedText::new("Analyst", "Analyste"),
        OrganizationUnit::named(LocalizedText::new("A", "A")),
        SystemClock.now() - chrono::Duration::days(90),
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder.did_key())
    .skill("api_design")
    .skill("accountability")
    .build()
    .unwrap();
    let now = SystemClock.now().timestamp();
    credentials::sd_jwt_vc::issue(&credential, issuer, &StaticResolver::new(), now, None).unwrap()
}

fn envelope(sd_jwt: &str) -> Value {
    json!({
        "@context": [CREDENTIALS_V2],
        "type": "EnvelopedVerifiablePresentation",
        "id": format!("data:application/dc+sd-jwt,{sd_jwt}"),
    })
}

#[tokio::test]
async fn an_sd_jwt_presentation_answers_one_challenge_once_and_names_what_it_shows() {
    let router = router();
    let holder = Arc::new(LocalKey::generate());
    let issued = issued(&holder);
    let (status, challenge) = post(&router, "/challenges", json!({})).await;
    assert_eq!(status, StatusCode::CREATED);
    let challenge = challenge["challenge"].as_str().unwrap().to_owned();
    let binding =
        Binding { audience: "hr.example".into(), nonce: challenge.clone(), issued_at: SystemClock.now().timestamp() };
    let shown = credentials::sd_jwt_vc::present(
        &issued,
        &[ClaimPath::parse("skills.api_design").unwrap()],
        &binding,
        holder.clone(),
    )
    .unwrap();
    let body = json!({"verifiablePresentation": envelope(&shown), "options": {"challenge": challenge, "domain": "hr.example"}});

    let (status, result) = post(&router, "/presentations/verify", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["verified"], true, "{result:#}");
    assert_eq!(result["disclosed"], json!(["skills.api_design"]), "{result:#}");
    assert!(!result.to_string().contains("accountability"), "{result}");

    // A client that percent-encodes the data: URL's `~` separators: the same presentation,
    // answering a challenge of its own.
    let (_, again) = post(&router, "/challenges", json!({})).await;
    let again = again["challenge"].as_str().unwrap().to_owned();
    let binding = Binding { nonce: again.clone(), ..binding };
    let escaped = credentials::sd_jwt_vc::present(
        &issued,
        &[ClaimPath::parse("skills.api_design").unwrap()],
        &binding,
        holder.clone(),
    )
    .unwrap()
    .replace('~', "%7E");
    let escaped_body =
        json!({"verifiablePresentation": envelope(&escaped), "options": {"challenge": again, "domain": "hr.example"}});
    let (status, result) = post(&router, "/presentations/verify", escaped_body).await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(result["verified"], true, "{result:#}");
    assert_eq!(result["disclosed"], json!(["skills.api_design"]), "{result:#}");
    // An escape that does not decode to UTF-8 is a bad request.
    let broken = json!({"verifiablePresentation": envelope("%FF%FE"), "options": {"challenge": "x"}});
    let (status, problem) = post(&router, "/presentations/verify", broken).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");

    // The same presentation again: the challenge is spent.
    let (_, replay) = post(&router, "/presentations/verify", body).await;
    assert_eq!(replay["verified"], false, "{replay:#}");

    // Bound to another challenge than the one given.
    let (_, fresh) = post(&router, "/challenges", json!({})).await;
    let other = json!({"verifiablePresentation": envelope(&shown), "options": {"challenge": fresh["challenge"], "domain": "hr.example"}});
    let (_, result) = post(&router, "/presentations/verify", other).await;
    assert_eq!(result["verified"], false);
    assert!(result.to_string().contains("key_binding_nonce_mismatch"), "{result:#}");

    // Not an SD-JWT inside the envelope.
    let bad = json!({"verifiablePresentation": envelope("not-an-sd-jwt"), "options": {"challenge": "x"}});
    let (status, problem) = post(&router, "/presentations/verify", bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
}
