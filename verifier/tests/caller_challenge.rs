//! `POST /presentations/verify` with the caller's own challenge and domain, as the VC-API
//! defines them (`VerifyPresentationOptions`: "challenge: A challenge provided by the requesting
//! party of the proof"; "domain: The intended domain of validity for the proof"): a presentation
//! bound to them verifies, one bound to others does not; challenges handed out by `POST
//! /challenges` stay single-use, and one in their form that was never handed out is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::http::StatusCode;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use keys::LocalKey;
use serde_json::{json, Value};
use verifier::domain::service::VerifierService;
use verifier::http::app;

mod support;
use support::{post, skill};

fn router() -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    app(Arc::new(VerifierService::new(verifier, false)))
}

/// A presentation of a skill credential of `holder`'s, signed by `holder` for `challenge` and
/// `domain`.
fn presentation(holder: &LocalKey, challenge: &str, domain: &str) -> Value {
    let issuer = LocalKey::generate();
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(challenge.into());
    options.domain = Some(domain.into());
    let unsigned = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": [skill(&issuer, holder)]});
    add_proof(&unsigned, holder, &options, &ContextSet::standard()).unwrap()
}

fn codes(answer: &Value) -> String {
    answer["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect::<Vec<_>>().join(",")
}

#[tokio::test]
async fn a_presentation_bound_to_the_caller_s_challenge_and_domain_verifies() {
    let router = router();
    let holder = LocalKey::generate();
    // The VC-API's own example values.
    let (challenge, domain) = ("6e62f66e-67de-11eb-b490-ef3eeefa55f2", "website.example");
    let signed = presentation(&holder, challenge, domain);
    let body = |challenge: &str, domain: &str| json!({"verifiablePresentation": signed, "options": {"challenge": challenge, "domain": domain}});

    let (status, answer) = post(&router, "/presentations/verify", body(challenge, domain)).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::OK, &json!(true)), "{answer:#}");
    assert!(answer["checks"].as_array().unwrap().contains(&json!("challenge")), "{answer:#}");
    // The caller's challenge is the caller's to keep single-use: the service only checks it.
    let (status, _) = post(&router, "/presentations/verify", body(challenge, domain)).await;
    assert_eq!(status, StatusCode::OK);

    for (challenge, domain) in [("another-challenge", domain), (challenge, "elsewhere.example")] {
        let (status, answer) = post(&router, "/presentations/verify", body(challenge, domain)).await;
        assert_eq!((status, &answer["verified"]), (StatusCode::BAD_REQUEST, &json!(false)), "{answer:#}");
        assert_eq!(answer["errors"][0]["check"], "challenge", "{answer:#}");
        assert_eq!(codes(&answer), "challenge_mismatch", "{answer:#}");
    }
}

#[tokio::test]
async fn a_challenge_of_ours_is_answered_once_and_one_in_its_form_never_handed_out_is_refused() {
    let router = router();
    let holder = LocalKey::generate();
    let (status, given) = post(&router, "/challenges", json!({})).await;
    assert_eq!(status, StatusCode::CREATED);
    let ours = given["challenge"].as_str().unwrap();
    let body = json!({"verifiablePresentation": presentation(&holder, ours, "hr.example"),
        "options": {"challenge": ours, "domain": "hr.example"}});
    let (status, answer) = post(&router, "/presentations/verify", body.clone()).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::OK, &json!(true)), "{answer:#}");
    let (status, replay) = post(&router, "/presentations/verify", body).await;
    assert_eq!((status, &replay["verified"]), (StatusCode::BAD_REQUEST, &json!(false)), "{replay:#}");
    assert_eq!(codes(&replay), "challenge_unknown_or_used", "{replay:#}");

    // In the form of ours (as one from before a restart would be), but never handed out here.
    let forged = "ch-0123456789abcdef0123456789abcdef";
    let body = json!({"verifiablePresentation": presentation(&holder, forged, "hr.example"),
        "options": {"challenge": forged, "domain": "hr.example"}});
    let (status, answer) = post(&router, "/presentations/verify", body).await;
    assert_eq!((status, &answer["verified"]), (StatusCode::BAD_REQUEST, &json!(false)), "{answer:#}");
    assert_eq!(codes(&answer), "challenge_unknown_or_used", "{answer:#}");
}
