//! Issue #23, item 2: a talent profile file (what `wallet profile export` writes: a
//! presentation signed by the holder with `eddsa-jcs-2022`, `domain` = the audience, the Data
//! Integrity `expires` option and a random challenge) pasted on the page, through the real
//! routes with a fixed clock. Made for this service (the host and port of its public address)
//! and not expired, it shows as the manager's profile page with its audience and expiry
//! checked; made for another audience, expired, or altered after signing, it is refused in one
//! sentence, in English and French; a presentation that is not a profile file is still refused
//! pasted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{DateTime, Duration, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, FixedClock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

/// The page's service (public address `http://127.0.0.1:9`, so audience `127.0.0.1:9`) with
/// its clock at `now`.
fn router(now: DateTime<Utc>) -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(now)));
    app(Arc::new(VerifierService::new(verifier, false).with_identity(support::identity())))
}

/// A profile file of `holder` for `audience`, signed now and valid for a week.
fn profile_file(
    holder: &LocalKey,
    credentials: Vec<Value>,
    audience: &str,
    proof: Option<&str>,
) -> (Value, DateTime<Utc>) {
    let now = SystemClock.now();
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": credentials});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, now);
    options.purpose = Purpose::Authentication;
    options.domain = Some(audience.into());
    options.challenge = Some(proof.unwrap_or("profile-0123").into());
    options.expires = Some(now + Duration::days(7));
    (add_proof(&vp, holder, &options, &ContextSet::standard()).unwrap(), now + Duration::days(7))
}

async fn paste(router: &axum::Router, document: &str, lang: &str) -> (StatusCode, String) {
    let form = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("document", document), ("lang", lang)])
        .finish();
    let request = Request::post("/page/verify")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    (status, String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap())
}

#[tokio::test]
async fn a_profile_file_for_this_service_reads_as_the_profile_page_until_it_expires() {
    let (issuer, holder) = (LocalKey::generate(), LocalKey::generate());
    let (file, expires) = profile_file(&holder, vec![support::skill(&issuer, &holder)], "127.0.0.1:9", None);
    let text = file.to_string();
    let today = router(SystemClock.now());

    // For this service, in time: the profile page, with the audience and the expiry said.
    let (status, page) = paste(&today, &text, "en").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    for expected in [
        "Talent profile",
        "API Design — Advanced",
        "Profile file made for 127.0.0.1:9: this service, checked.",
        &format!("The holder signed it until {}", expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    ] {
        assert!(page.contains(expected), "{expected}:\n{page}");
    }
    assert!(!page.contains(".json"), "a pasted file has no JSON address: {page}");
    let (_, page) = paste(&today, &text, "fr").await;
    assert!(page.contains("Fichier de profil fait pour 127.0.0.1:9 : ce service, vérifié."), "{page}");
    assert!(page.contains("API Design — Avancé"), "{page}");

    // A week and a second later: expired.
    let later = router(expires + Duration::seconds(1));
    let (status, page) = paste(&later, &text, "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("This profile file is refused: it expired at "), "{page}");
    assert!(!page.contains("API Design — Advanced"), "{page}");
    let (_, page) = paste(&later, &text, "fr").await;
    assert!(page.contains("Ce fichier de profil est refusé : il a expiré le "), "{page}");

    // Made for another employer.
    let (other, _) = profile_file(&holder, vec![support::skill(&issuer, &holder)], "jobs.example", None);
    let (status, page) = paste(&today, &other.to_string(), "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(
        page.contains("This profile file is refused: it was made for jobs.example, not for this service (127.0.0.1:9)"),
        "{page}"
    );

    // Its expiry pushed back after signing: the signature no longer holds.
    let mut altered = file.clone();
    altered["proof"]["expires"] = "2099-01-01T00:00:00Z".into();
    let (status, page) = paste(&today, &altered.to_string(), "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert!(page.contains("This profile file is refused: the signature does not match"), "{page}");
    assert!(!page.contains("API Design — Advanced"), "{page}");

    // A presentation without an expiry is an answer to a request: still refused pasted.
    let mut answer = file.clone();
    answer["proof"].as_object_mut().unwrap().remove("expires");
    let (_, page) = paste(&today, &answer.to_string(), "en").await;
    assert!(page.contains("this is a presentation"), "{page}");
}
