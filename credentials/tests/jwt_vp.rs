//! OpenID4VP 1.0 Appendix B.1.3.1 (`jwt_vc_json`): the presentation is a JWT VP, "the payload of
//! the Verifiable Presentation" in VCDM 1.1's JWT encoding (a `vp` claim, `iss` the holder,
//! `nonce` and `aud` answering the request), carrying JWT VCs in the same encoding. It verifies
//! as a VC 2.0 `vp+jwt` does, with the same challenge, signer and holder checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V1, CREDENTIALS_V2};
use credentials::did::StaticResolver;
use credentials::jose::{self, VC_JWT_TYPE, VP_JWT_TYPE};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use serde_json::{json, Value};

#[path = "support/key.rs"]
mod support_key;
use support_key::key;

const NOW: i64 = 1_800_000_000;
const NONCE: &str = "n-0S6_WzA2Mj";
const CLIENT: &str = "decentralized_identifier:did:example:verifier";

fn verify(jwt: &str, nonce: &str) -> Report {
    let verifier = Verifier::new(
        ContextSet::standard(),
        Arc::new(StaticResolver::new()),
        Arc::new(FixedClock(DateTime::<Utc>::from_timestamp(NOW, 0).unwrap())),
    );
    let options = PresentationOptions {
        challenge: Some(nonce.into()),
        domain: Some(CLIENT.into()),
        max_age: Some(std::time::Duration::from_secs(300)),
        ..PresentationOptions::default()
    };
    verifier.verify(credentials::input::classify(Value::String(jwt.into())).unwrap(), &options)
}

fn explain(report: &Report) -> String {
    format!("{:#}", report.to_json(schemas::Lang::En))
}

/// OpenID4VP's example credential (`examples/credentials/jwt_vc.json`), issued by `issuer` to
/// `holder`, with the v1 context only (its examples context is not bundled).
fn vcdm11_credential(issuer: &str, holder: &str) -> Value {
    json!({
        "iss": issuer,
        "nbf": NOW - 86_400,
        "jti": "http://example.gov/credentials/3732",
        "sub": holder,
        "vc": {
            "@context": [CREDENTIALS_V1],
            "type": ["VerifiableCredential"],
            "credentialSubject": {}
        }
    })
}

/// OpenID4VP's example response (`examples/response/jwt_vc.json`).
fn vcdm11_presentation(holder: &str, credentials: Vec<String>, nonce: &str) -> Value {
    json!({
        "iss": holder,
        "jti": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
        "aud": CLIENT,
        "nbf": NOW - 10,
        "iat": NOW - 10,
        "exp": NOW + 600,
        "nonce": nonce,
        "vp": {"@context": [CREDENTIALS_V1], "type": ["VerifiablePresentation"], "verifiableCredential": credentials}
    })
}

#[test]
fn a_jwt_vp_with_a_vp_claim_verifies_like_a_vp_jwt() {
    let (issuer, holder) = (key(), key());
    let vc = jose::sign(&vcdm11_credential(&issuer.2, &holder.2), issuer.clone(), "JWT").unwrap();
    let vp = jose::sign(&vcdm11_presentation(&holder.2, vec![vc.clone()], NONCE), holder.clone(), "JWT").unwrap();
    let shape = credentials::jwt_shape::JwtShape::of_compact(&vp);
    assert_eq!(shape, Some(credentials::jwt_shape::JwtShape::Vcdm11Presentation));
    let report = verify(&vp, NONCE);
    assert!(report.verified(), "{}", explain(&report));
    assert_eq!(report.format, VP_JWT_TYPE);
    assert_eq!(report.issuer.as_deref(), Some(holder.2.as_str()));
    assert_eq!(report.credentials.len(), 1);
    assert_eq!(report.credentials[0].issuer.as_deref(), Some(issuer.2.as_str()));
    assert!(matches!(report.check(CheckKind::HolderBinding), Some(Outcome::Passed)));
    assert!(matches!(report.check(CheckKind::Challenge), Some(Outcome::Passed)));
    // And the VC 2.0 form of the same answer.
    let vc2 = jose::sign(
        &json!({"@context": [CREDENTIALS_V2], "type": ["VerifiableCredential"], "issuer": issuer.2,
            "credentialSubject": {"id": holder.2}}),
        issuer.clone(),
        VC_JWT_TYPE,
    )
    .unwrap();
    let vp2 = jose::sign(
        &json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
            "verifiableCredential": [{"@context": CREDENTIALS_V2, "type": "EnvelopedVerifiableCredential",
                "id": format!("data:application/vc+jwt,{vc2}")}], "nonce": NONCE, "aud": CLIENT, "iat": NOW - 10}),
        holder.clone(),
        VP_JWT_TYPE,
    )
    .unwrap();
    assert!(verify(&vp2, NONCE).verified());
}

#[test]
fn a_jwt_vp_answers_this_request_and_is_signed_by_its_holder() {
    let (issuer, holder, stranger) = (key(), key(), key());
    let vc = jose::sign(&vcdm11_credential(&issuer.2, &holder.2), issuer.clone(), "JWT").unwrap();
    let code = |report: &Report, kind: CheckKind| match report.check(kind) {
        Some(Outcome::Failed(failure)) => failure.code().to_owned(),
        other => format!("{other:?}"),
    };
    // Replayed to another request.
    let vp =
        jose::sign(&vcdm11_presentation(&holder.2, vec![vc.clone()], "other-nonce"), holder.clone(), "JWT").unwrap();
    assert_eq!(code(&verify(&vp, NONCE), CheckKind::Challenge), "challenge_mismatch");
    // Signed by someone who is not its `iss`.
    let forged = jose::sign(&vcdm11_presentation(&holder.2, vec![vc.clone()], NONCE), stranger.clone(), "JWT").unwrap();
    let report = verify(&forged, NONCE);
    assert!(!report.verified());
    assert_eq!(code(&report, CheckKind::Proof), "jwt_kid_not_issuer");
    // Another's credential, presented by the stranger: holder binding fails.
    let theirs = jose::sign(&vcdm11_presentation(&stranger.2, vec![vc], NONCE), stranger.clone(), "JWT").unwrap();
    assert_eq!(code(&verify(&theirs, NONCE), CheckKind::HolderBinding), "holder_not_subject");
    // A credential in the VCDM 1.1 encoding whose `exp` passed is expired.
    let mut old = vcdm11_credential(&issuer.2, &holder.2);
    old["exp"] = json!(NOW - 60);
    let old = jose::sign(&old, issuer.clone(), "JWT").unwrap();
    let vp = jose::sign(&vcdm11_presentation(&holder.2, vec![old], NONCE), holder.clone(), "JWT").unwrap();
    let report = verify(&vp, NONCE);
    assert_eq!(code(&report.credentials[0], CheckKind::Validity), "expired");
}
