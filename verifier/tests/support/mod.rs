//! What several of the verifier's test files need alike: a signed skill credential, a JSON POST
//! to the service's router, and an OpenID4VP identity.

// Each test file uses some of these.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use credentials::contexts::ContextSet;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::Value;
use tower::ServiceExt;

/// A skill credential (`api_design`, valid since yesterday) by `issuer` about `holder`, secured
/// with `eddsa-jcs-2022`; a fresh id each time.
pub fn skill(issuer: &LocalKey, holder: &LocalKey) -> Value {
    let credential = SkillCredentialBuilder::new(
        format!("urn:uuid:{}", rand::random::<u64>()),
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Department A", "Ministère A") },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder.did_key())
    .build()
    .unwrap();
    add_proof(&credential, issuer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

/// POSTs `body` as JSON to `path`: the status and the JSON answer (`Null` if not JSON).
pub async fn post(router: &axum::Router, path: &str, body: Value) -> (StatusCode, Value) {
    let request = Request::post(path).header("content-type", "application/json").body(Body::from(body.to_string()));
    let response = router.clone().oneshot(request.unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// An OpenID4VP identity with a fresh key, named "Hiring" / "Embauche", reached at a loopback
/// address nothing listens on.
pub fn identity() -> verifier::domain::oid4vp::identity::Identity {
    use credentials::Signer;
    let signer = std::sync::Arc::new(LocalKey::generate());
    verifier::domain::oid4vp::identity::Identity {
        did: signer.verification_method().split('#').next().unwrap_or_default().to_owned(),
        signer,
        public_url: url::Url::parse("http://127.0.0.1:9").unwrap(),
        name_en: "Hiring".into(),
        name_fr: "Embauche".into(),
    }
}
