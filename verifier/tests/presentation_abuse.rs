//! Presentations built to get `verified: true` without what makes one worth trusting (found by a
//! review): a self-signed `vp+jwt` carried as if it were a credential, a `vp+jwt` sent where no
//! challenge binds it, a forged presentation spending someone's challenge, and a flood of
//! challenges.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

mod support;
use support::{post, skill};

fn service() -> Arc<VerifierService> {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    Arc::new(VerifierService::new(verifier, false))
}

async fn challenge(router: &axum::Router) -> String {
    let (status, body) = post(router, "/challenges", json!({})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["challenge"].as_str().unwrap().to_owned()
}

fn enveloped(media_type: &str, jwt: &str) -> Value {
    json!({"@context": [CREDENTIALS_V2], "type": "EnvelopedVerifiableCredential",
        "id": format!("data:application/{media_type},{jwt}")})
}

/// A presentation signed by `holder` for `challenge`, carrying `items`.
fn presentation(holder: &LocalKey, items: Vec<Value>, challenge: &str) -> Value {
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(challenge.into());
    options.domain = Some("hr.example".into());
    let unsigned = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": items});
    add_proof(&unsigned, holder, &options, &ContextSet::standard()).unwrap()
}

#[tokio::test]
async fn a_self_signed_vp_jwt_carried_as_a_credential_is_not_verified() {
    let router = app(service());
    let attacker = Arc::new(LocalKey::generate());
    // Claims of its own making, signed by itself as a presentation, typed as a skill credential.
    let inner = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation", "SkillCredential"],
        "holder": attacker.did_key(), "sub": attacker.did_key()});
    let jwt = credentials::jose::sign(&inner, attacker.clone(), credentials::jose::VP_JWT_TYPE).unwrap();
    for item in [json!(jwt), enveloped("vc+jwt", &jwt)] {
        let challenge = challenge(&router).await;
        let outer = presentation(&attacker, vec![item], &challenge);
        let body =
            json!({"verifiablePresentation": outer, "options": {"challenge": challenge, "domain": "hr.example"}});
        let (status, result) = post(&router, "/presentations/verify", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{result}");
        assert_eq!(result["verified"], false, "{result:#}");
        assert!(result.to_string().contains("holds a presentation, not a credential"), "{result:#}");
    }
}

#[tokio::test]
async fn a_vp_jwt_is_refused_where_no_challenge_binds_it() {
    let router = app(service());
    let (issuer, holder) = (LocalKey::generate(), Arc::new(LocalKey::generate()));
    let unsigned = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"],
        "holder": holder.did_key(), "verifiableCredential": [skill(&issuer, &holder)]});
    let jwt = credentials::jose::sign(&unsigned, holder.clone(), credentials::jose::VP_JWT_TYPE).unwrap();
    let body = json!({"verifiableCredential": enveloped("vp+jwt", &jwt)});
    let (status, problem) = post(&router, "/credentials/verify", body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert_eq!(problem["detail_fr"], "ceci est une présentation : utilisez /presentations/verify", "{problem}");

    // Checked by the library without a challenge, the challenge check is not applicable: a
    // report never says a presentation answered a challenge nobody asked.
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let report = verifier.verify_bytes(jwt.as_bytes(), &Default::default()).unwrap();
    assert!(matches!(report.check(credentials::CheckKind::Challenge), Some(credentials::Outcome::NotApplicable)));
    let signed = presentation(&holder, vec![skill(&issuer, &holder)], "c");
    let report = verifier.verify_bytes(signed.to_string().as_bytes(), &Default::default()).unwrap();
    assert!(matches!(report.check(credentials::CheckKind::Challenge), Some(credentials::Outcome::NotApplicable)));
}

#[tokio::test]
async fn a_forged_presentation_does_not_spend_a_real_challenge() {
    let router = app(service());
    let (issuer, holder) = (LocalKey::generate(), LocalKey::generate());
    let challenge = challenge(&router).await;
    // Unsigned, but naming the challenge and domain where a proof would.
    let forged = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"],
        "proof": {"type": "DataIntegrityProof", "challenge": challenge, "domain": "hr.example"}});
    let body = json!({"verifiablePresentation": forged, "options": {"challenge": challenge, "domain": "hr.example"}});
    let (_, result) = post(&router, "/presentations/verify", body).await;
    assert_eq!(result["verified"], false, "{result:#}");
    // Signed by someone who saw the challenge, carrying the holder's credential: it answers the
    // challenge but does not verify when the caller asks for holder binding (VCDM 2.0 allows a
    // holder who is not the subject, so the VC-API asks for it per request, #21), so it does not
    // use the challenge up.
    let binding =
        |challenge: &str| json!({"challenge": challenge, "domain": "hr.example", "requireHolderBinding": true});
    let thief = LocalKey::generate();
    let stolen = presentation(&thief, vec![skill(&issuer, &holder)], &challenge);
    let body = json!({"verifiablePresentation": stolen.clone(), "options": binding(&challenge)});
    let (_, result) = post(&router, "/presentations/verify", body).await;
    assert_eq!(result["verified"], false, "{result:#}");
    // The holder's real answer still verifies.
    let real = presentation(&holder, vec![skill(&issuer, &holder)], &challenge);
    let body = json!({"verifiablePresentation": real, "options": binding(&challenge)});
    let (_, result) = post(&router, "/presentations/verify", body.clone()).await;
    assert_eq!(result["verified"], true, "{result:#}");
    let (_, replay) = post(&router, "/presentations/verify", body).await;
    assert_eq!(replay["verified"], false, "{replay:#}");
}

#[tokio::test]
async fn when_every_challenge_slot_is_taken_the_answer_is_503_not_an_unusable_challenge() {
    let limits = verifier::domain::oid4vp::requests::Limits { open_challenges: 20, ..Default::default() };
    let service =
        Arc::new(Arc::into_inner(service()).unwrap().with_store(verifier::store::Store::memory(), limits, false));
    let mut handed_out = 0;
    while service.challenge().await.unwrap().is_some() {
        handed_out += 1;
    }
    assert_eq!(handed_out, 20);
    let (status, problem) = post(&app(service), "/challenges", json!({})).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{problem}");
    assert_eq!(problem["code"], "busy", "{problem}");
    assert!(problem["detail_fr"].as_str().unwrap().contains("défis"), "{problem}");
}

#[tokio::test]
async fn a_pasted_presentation_is_refused_by_the_page() {
    let router = app(service());
    let (issuer, holder) = (LocalKey::generate(), Arc::new(LocalKey::generate()));
    let signed = presentation(&holder, vec![skill(&issuer, &holder)], "c").to_string();
    let unsigned =
        json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key()});
    let jwt = credentials::jose::sign(&unsigned, holder.clone(), credentials::jose::VP_JWT_TYPE).unwrap();
    for document in [signed, jwt] {
        let form = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("document", document.as_str()), ("lang", "fr")])
            .finish();
        let request = Request::post("/page/verify")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let page = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        assert!(page.contains("ceci est une présentation"), "{page}");
    }
}

/// VCDM 2.0 allows a holder who is not the subject of what it presents (a parent for a child, an
/// agent for a company): the VC-API verifies such a presentation unless the caller asks for
/// holder binding (#21), and refuses an option that is not a boolean.
#[tokio::test]
async fn a_holder_who_is_not_the_subject_verifies_unless_binding_is_asked() {
    let router = app(service());
    let (issuer, subject, presenter) = (LocalKey::generate(), LocalKey::generate(), LocalKey::generate());
    let challenge = challenge(&router).await;
    let presented = presentation(&presenter, vec![skill(&issuer, &subject)], &challenge);
    let body = json!({"verifiablePresentation": presented.clone(), "options": {"challenge": challenge, "domain": "hr.example"}});
    let (_, result) = post(&router, "/presentations/verify", body).await;
    assert_eq!(result["verified"], true, "{result:#}");
    let challenge = self::challenge(&router).await;
    let presented = presentation(&presenter, vec![skill(&issuer, &subject)], &challenge);
    let options = json!({"challenge": challenge, "domain": "hr.example", "requireHolderBinding": true});
    let (_, result) =
        post(&router, "/presentations/verify", json!({"verifiablePresentation": presented, "options": options})).await;
    assert_eq!(result["verified"], false, "{result:#}");
    let options = json!({"challenge": challenge, "domain": "hr.example", "requireHolderBinding": "yes"});
    let (status, result) =
        post(&router, "/presentations/verify", json!({"verifiablePresentation": {}, "options": options})).await;
    assert_eq!(status, 400, "{result:#}");
}
