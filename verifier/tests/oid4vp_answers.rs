//! What a dishonest wallet could send to the OpenID4VP `response_uri`, checked in process against
//! the real routes: presentations from two different people in one answer (each without a
//! `holder` field), a presentation nested inside another, and an answer with an unrequested query
//! are each refused for their own reason, while the honest answer verifies. And the requesting
//! party's endpoints need the bearer token.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, Signer, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use serde_json::{json, Value};
use tower::ServiceExt;
mod support;
use support::skill;
use verifier::domain::oid4vp::identity::Identity;
use verifier::domain::service::VerifierService;
use verifier::http::app;

const TOKEN: &str = "requesting-party";

fn router() -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let identity = Identity {
        signer: Arc::new(LocalKey::generate()),
        did: String::new(),
        public_url: url::Url::parse("http://127.0.0.1:9").unwrap(),
        name_en: "Test".into(),
        name_fr: "Essai".into(),
    };
    let did = identity.signer.verification_method().split('#').next().unwrap().to_owned();
    let identity = Identity { did, ..identity };
    app(Arc::new(VerifierService::new(verifier, false).with_identity(identity).with_api_token(Some(TOKEN.into()))))
}

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into())))
}

/// A presentation signed by `holder`, with or without a `holder` field.
fn presentation(holder: &LocalKey, items: Vec<Value>, request: &Value, name_holder: bool) -> Value {
    let mut vp =
        json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "verifiableCredential": items});
    if name_holder {
        vp["holder"] = holder.did_key().into();
    }
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = request["nonce"].as_str().map(str::to_owned);
    options.domain = request["client_id"].as_str().map(str::to_owned);
    add_proof(&vp, holder, &options, &ContextSet::standard()).unwrap()
}

/// Creates a request; returns (id, request object claims).
async fn create(router: &axum::Router, queries: &[&str]) -> (String, Value) {
    let credentials: Vec<Value> = queries.iter().map(|id| json!({"id": id, "format": "ldp_vc"})).collect();
    let body = json!({"dcql_query": {"credentials": credentials}}).to_string();
    let request = Request::post("/presentation-requests")
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Content-Type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let (status, created) = call(router, request).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let uri = created["request_uri"].as_str().unwrap();
    let path = &uri[uri.find("/oid4vp/").unwrap()..];
    let (status, jwt) = call(router, Request::get(path).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jwt.as_str().unwrap().split('.').nth(1).unwrap())
        .unwrap();
    (created["id"].as_str().unwrap().to_owned(), serde_json::from_slice(&payload).unwrap())
}

/// Posts a vp_token; returns the requesting party's view of the outcome.
async fn answer(router: &axum::Router, id: &str, request: &Value, vp_token: Value) -> Value {
    let uri = request["response_uri"].as_str().unwrap();
    let path = &uri[uri.find("/oid4vp/").unwrap()..];
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("vp_token", &vp_token.to_string())
        .append_pair("state", request["state"].as_str().unwrap())
        .finish();
    let post =
        Request::post(path).header("Content-Type", "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
    let (status, body) = call(router, post).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let get = Request::get(format!("/presentation-requests/{id}"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    call(router, get).await.1
}

fn codes(outcome: &Value) -> Vec<&str> {
    outcome["result"]["errors"].as_array().unwrap().iter().filter_map(|e| e["code"].as_str()).collect()
}

/// Issue #22: an answer that fails leaves the request open for the person (a stranger who knows
/// its public `state` cannot spoil it), with the failure recorded.
fn failed_but_open(outcome: &Value) {
    assert_eq!(outcome["status"], "failed", "{outcome:#}");
    assert_eq!(outcome["answerable"], true, "{outcome:#}");
    assert_eq!(outcome["failed_answers"], 1, "{outcome:#}");
    assert_eq!(outcome["result"]["verified"], false, "{outcome:#}");
}

#[tokio::test]
async fn an_honest_answer_verifies_and_dishonest_ones_fail_for_their_own_reason() {
    let router = router();
    let (issuer, alice, bob) = (LocalKey::generate(), Arc::new(LocalKey::generate()), LocalKey::generate());

    let (id, request) = create(&router, &["skill"]).await;
    let honest = json!({"skill": [presentation(&alice, vec![skill(&issuer, &alice)], &request, true)]});
    let outcome = answer(&router, &id, &request, honest).await;
    assert_eq!(outcome["status"], "verified", "{outcome:#}");
    assert_eq!(outcome["result"]["holder"], alice.did_key());

    // Two people, neither naming a holder: each presentation binds, but the answer mixes holders.
    let (id, request) = create(&router, &["a", "b"]).await;
    let mixed = json!({
        "a": [presentation(&alice, vec![skill(&issuer, &alice)], &request, false)],
        "b": [presentation(&bob, vec![skill(&issuer, &bob)], &request, false)],
    });
    let outcome = answer(&router, &id, &request, mixed).await;
    failed_but_open(&outcome);
    assert_eq!(codes(&outcome), ["holders_differ"], "{outcome:#}");

    // A presentation (vp+jwt) nested inside another hides its credentials from the query check.
    let (id, request) = create(&router, &["skill"]).await;
    let inner = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": alice.did_key(),
        "verifiableCredential": [skill(&issuer, &alice)], "nonce": request["nonce"], "aud": request["client_id"]});
    let inner = credentials::jose::sign(&inner, Arc::new(alice.clone()), credentials::jose::VP_JWT_TYPE).unwrap();
    let nested = json!({"skill": [presentation(&alice, vec![Value::String(inner)], &request, true)]});
    let outcome = answer(&router, &id, &request, nested).await;
    failed_but_open(&outcome);
    assert!(codes(&outcome).contains(&"credential_unreadable"), "{outcome:#}");

    // An answer for a query that was not asked.
    let (id, request) = create(&router, &["skill"]).await;
    let unrequested = json!({
        "skill": [presentation(&alice, vec![skill(&issuer, &alice)], &request, true)],
        "extra": [presentation(&alice, vec![skill(&issuer, &alice)], &request, true)],
    });
    let outcome = answer(&router, &id, &request, unrequested).await;
    failed_but_open(&outcome);
    assert_eq!(codes(&outcome), ["dcql_unrequested"], "{outcome:#}");
}

#[tokio::test]
async fn the_requesting_party_needs_its_token() {
    let router = router();
    let create = |token: Option<&str>| {
        let mut request = Request::post("/presentation-requests").header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        request
            .body(Body::from(json!({"dcql_query": {"credentials": [{"id": "x", "format": "ldp_vc"}]}}).to_string()))
            .unwrap()
    };
    assert_eq!(call(&router, create(None)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&router, create(Some("wrong"))).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&router, create(Some(TOKEN))).await.0, StatusCode::CREATED);
    let get = Request::get("/presentation-requests/pr-unknown").body(Body::empty()).unwrap();
    assert_eq!(call(&router, get).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_person_who_declines_is_reported_in_both_languages() {
    let router = router();
    let (id, request) = create(&router, &["skill"]).await;
    let uri = request["response_uri"].as_str().unwrap();
    let path = &uri[uri.find("/oid4vp/").unwrap()..];
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("error", "access_denied")
        .append_pair("error_description", "the holder declined")
        .append_pair("state", request["state"].as_str().unwrap())
        .finish();
    let post =
        Request::post(path).header("Content-Type", "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
    assert_eq!(call(&router, post).await.0, StatusCode::OK);
    let outcome = |lang: &'static str| {
        Request::get(format!("/presentation-requests/{id}"))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .header("Accept-Language", lang)
            .body(Body::empty())
            .unwrap()
    };
    let french = call(&router, outcome("fr-CA")).await.1;
    // Anyone who read the request object could post this: the request stays open, the refusal
    // is reported.
    failed_but_open(&french);
    assert_eq!(french["result"]["errors"][0]["code"], "holder_declined");
    assert_eq!(
        french["result"]["errors"][0]["message"],
        "la personne a refusé de présenter ses attestations (le portefeuille a indiqué : « access_denied the holder declined »)"
    );
    let english = call(&router, outcome("en")).await.1;
    assert_eq!(
        english["result"]["errors"][0]["message"],
        "the person declined to present (the wallet said: access_denied the holder declined)"
    );
}

/// Posts `form` fields to the request's response URI; returns the HTTP status.
async fn post_form(router: &axum::Router, request: &Value, fields: &[(&str, &str)]) -> StatusCode {
    let uri = request["response_uri"].as_str().unwrap();
    let path = &uri[uri.find("/oid4vp/").unwrap()..];
    let form = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let post =
        Request::post(path).header("Content-Type", "application/x-www-form-urlencoded").body(Body::from(form)).unwrap();
    call(router, post).await.0
}

async fn outcome_of(router: &axum::Router, id: &str) -> Value {
    let get = Request::get(format!("/presentation-requests/{id}"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    call(router, get).await.1
}

/// Issue #22: junk posted with a request's public `state` does not spoil it: the person still
/// answers and is verified; a verified answer closes it (a replay is refused); and after the
/// bound of failed answers a request is closed as failed.
#[tokio::test]
async fn junk_does_not_spoil_a_request_and_too_much_junk_closes_it() {
    let router = router();
    let (issuer, alice) = (LocalKey::generate(), Arc::new(LocalKey::generate()));
    let (id, request) = create(&router, &["skill"]).await;
    let state = request["state"].as_str().unwrap();
    assert_eq!(post_form(&router, &request, &[("vp_token", "junk"), ("state", state)]).await, StatusCode::BAD_REQUEST);
    let open = outcome_of(&router, &id).await;
    failed_but_open(&open);
    // The request object is still served, and the honest answer verifies.
    let uri = request["request_uri"].as_str().unwrap_or_default().to_owned();
    let honest = json!({"skill": [presentation(&alice, vec![skill(&issuer, &alice)], &request, true)]});
    let outcome = answer(&router, &id, &request, honest.clone()).await;
    assert_eq!(outcome["status"], "verified", "{outcome:#} {uri}");
    assert_eq!((&outcome["failed_answers"], &outcome["answerable"]), (&json!(1), &json!(false)), "{outcome:#}");
    let replay = post_form(&router, &request, &[("vp_token", &honest.to_string()), ("state", state)]).await;
    assert_eq!(replay, StatusCode::BAD_REQUEST);
    assert_eq!(outcome_of(&router, &id).await["status"], "verified");

    // The fifth failed answer (the default bound) closes it as failed.
    let (id, request) = create(&router, &["skill"]).await;
    let state = request["state"].as_str().unwrap();
    for attempt in 1..=5 {
        assert_eq!(
            post_form(&router, &request, &[("vp_token", "junk"), ("state", state)]).await,
            StatusCode::BAD_REQUEST
        );
        let outcome = outcome_of(&router, &id).await;
        assert_eq!(outcome["failed_answers"], attempt, "{outcome:#}");
        assert_eq!(outcome["status"], "failed", "{outcome:#}");
        assert_eq!(outcome["answerable"], attempt < 5, "{outcome:#}");
    }
    let late = json!({"skill": [presentation(&alice, vec![skill(&issuer, &alice)], &request, true)]});
    let refused = post_form(&router, &request, &[("vp_token", &late.to_string()), ("state", state)]).await;
    assert_eq!(refused, StatusCode::BAD_REQUEST);
    let closed = outcome_of(&router, &id).await;
    assert_eq!(
        (&closed["status"], &closed["answerable"], &closed["failed_answers"]),
        (&json!("failed"), &json!(false), &json!(5))
    );
}
