//! Issue #23, item 6: the opt-in talent directory, through the real routes in process with the
//! in-memory store. The standing request carries the consent text and period in its signed
//! `client_metadata`; a verified answer publishes the profile; a `directory` token finds the
//! person by verified skill and level (no token 401, a token without the scope 403); another
//! holder's key cannot withdraw it; the holder's own presentation on a fresh challenge deletes
//! it and everything derived from it (checked in the store).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use chrono::Duration;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{AssignmentCredentialBuilder, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder};
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::{token_sha256, VerifierService};
use verifier::http::app;
use verifier::store::{Store, TokenRow};

const MANAGER: &str = "manager-with-directory";
const READER: &str = "reader-without-directory";

fn sign(document: &Value, signer: &LocalKey) -> Value {
    add_proof(document, signer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

fn skill(issuer: &LocalKey, holder: &LocalKey, key: &str, level: Level) -> Value {
    let credential = SkillCredentialBuilder::new(
        format!("urn:uuid:{}", uuid()),
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Department A", "Ministère A") },
        key,
        level,
        SystemClock.now() - Duration::days(10),
    )
    .subject(holder.did_key())
    .build()
    .unwrap();
    sign(&credential, issuer)
}

fn assignment(issuer: &LocalKey, holder: &LocalKey) -> Value {
    let credential = AssignmentCredentialBuilder::new(
        format!("urn:uuid:{}", uuid()),
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Department A", "Ministère A") },
        LocalizedText::new("Analyst", "Analyste"),
        OrganizationUnit::named(LocalizedText::new("Department A", "Ministère A")),
        SystemClock.now() - Duration::days(400),
        SystemClock.now() - Duration::days(1),
    )
    .subject(holder.did_key())
    .end(SystemClock.now() - Duration::days(60))
    .skill("api_design")
    .build()
    .unwrap();
    sign(&credential, issuer)
}

fn uuid() -> String {
    let hex = format!("{:032x}", rand::random::<u128>());
    format!("{}-{}-4{}-8{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// A presentation by `holder` of `items` for `challenge` and `domain`.
fn presentation(holder: &LocalKey, items: Vec<Value>, challenge: &str, domain: &str) -> Value {
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": items});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(challenge.into());
    options.domain = Some(domain.into());
    add_proof(&vp, holder, &options, &ContextSet::standard()).unwrap()
}

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(path: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    request.body(Body::empty()).unwrap()
}

fn post_json(path: &str, body: &Value) -> Request<Body> {
    Request::post(path).header("Content-Type", "application/json").body(Body::from(body.to_string())).unwrap()
}

/// A service trusting department A, with a manager's token (every scope) and a reader's token
/// (request and read, not directory).
async fn world(a: &LocalKey) -> (axum::Router, Store, tempfile::TempDir) {
    let directory = tempfile::tempdir().unwrap();
    let trust = directory.path().join("trust.toml");
    std::fs::write(
        &trust,
        format!(
            "[[issuer]]\nid = \"{}\"\nname = \"Department A\"\nname_fr = \"Ministère A\"\ncredential_types = [\"*\"]\n",
            a.did_key()
        ),
    )
    .unwrap();
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let identity = support::identity();
    let service = VerifierService::new(verifier, false)
        .with_identity(identity)
        .with_api_token(Some(MANAGER.into()))
        .with_directory_days(30)
        .with_trust(&trust)
        .unwrap();
    let store = service.store().clone();
    let reader = TokenRow {
        id: "reader".into(),
        scopes: "request read".into(),
        description: String::new(),
        created_at: 0,
        revoked_at: None,
    };
    assert!(store.insert_token(&reader, &token_sha256(READER)).await.unwrap());
    (app(Arc::new(service)), store, directory)
}

/// Opens the publish page, reads its request object, and answers it as `holder` with `items`.
async fn publish(router: &axum::Router, holder: &LocalKey, items: Vec<Value>) -> Value {
    let (status, page) = call(router, get("/directory/publish?lang=en", None)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("talent directory of Hiring for 30 days"), "{page}");
    let link = page.split("value=\"").find(|part| part.starts_with("openid4vp://")).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let request_uri = url::form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
        .find(|(k, _)| k == "request_uri")
        .unwrap()
        .1
        .into_owned();
    let (_, jwt) = call(router, get(&request_uri[request_uri.find("/oid4vp/").unwrap()..], None)).await;
    let request: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap(),
    )
    .unwrap();
    let nonce = request["nonce"].as_str().unwrap();
    let client_id = request["client_id"].as_str().unwrap();
    let (assignments, skills): (Vec<Value>, Vec<Value>) =
        items.into_iter().partition(|item| item["type"].to_string().contains("AssignmentCredential"));
    let mut vp_token = json!({"profile_skill_ldp": [presentation(holder, skills, nonce, client_id)]});
    if !assignments.is_empty() {
        vp_token["profile_assignment_ldp"] = json!([presentation(holder, assignments, nonce, client_id)]);
    }
    let uri = request["response_uri"].as_str().unwrap();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("vp_token", &vp_token.to_string())
        .append_pair("state", request["state"].as_str().unwrap())
        .finish();
    let answer = Request::post(&uri[uri.find("/oid4vp/").unwrap()..])
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let (status, body) = call(router, answer).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    request
}

async fn search(router: &axum::Router, query: &str, token: Option<&str>) -> (StatusCode, Value) {
    let (status, body) = call(router, get(&format!("/directory/search?{query}"), token)).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// A withdrawal by `signer` on a fresh challenge.
async fn withdraw(router: &axum::Router, signer: &LocalKey) -> (StatusCode, Value) {
    let (_, challenge) = call(router, post_json("/challenges", &json!({}))).await;
    let challenge: Value = serde_json::from_str(&challenge).unwrap();
    let challenge = challenge["challenge"].as_str().unwrap();
    let vp = presentation(signer, Vec::new(), challenge, "directory.example");
    let body =
        json!({"verifiablePresentation": vp, "options": {"challenge": challenge, "domain": "directory.example"}});
    let (status, body) = call(router, post_json("/directory/withdraw", &body)).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_published_profile_is_found_by_verified_skill_and_withdrawn_only_by_its_holder() {
    let (a, holder, stranger) = (LocalKey::generate(), LocalKey::generate(), LocalKey::generate());
    let (router, store, _dir) = world(&a).await;
    let request = publish(
        &router,
        &holder,
        vec![
            skill(&a, &holder, "api_design", Level::Advanced),
            skill(&a, &holder, "cloud_architecture", Level::Intermediate),
        ],
    )
    .await;
    // The wallet reads the consent and the period in the signed request, in both languages.
    assert!(request["client_metadata"]["purpose#en"].as_str().unwrap().contains("30 days"), "{request:#}");
    assert!(request["client_metadata"]["purpose#fr"].as_str().unwrap().contains("30 jours"), "{request:#}");
    assert_eq!(store.directory_counts().await.unwrap(), (1, 2), "one publication, two verified skills");

    // No token, a token without the scope.
    assert_eq!(search(&router, "skill=api_design", None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(search(&router, "skill=api_design", Some(READER)).await.0, StatusCode::FORBIDDEN);
    // By skill and level.
    let (status, found) = search(&router, "skill=api_design&min_level=advanced", Some(MANAGER)).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    let results = found["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{found:#}");
    assert_eq!(results[0]["skills"][0]["name"], "API Design", "{found:#}");
    assert!(!found.to_string().contains(&holder.did_key()), "no identifier in the results: {found}");
    let (_, none) = search(&router, "skill=api_design&min_level=expert", Some(MANAGER)).await;
    assert_eq!(none["results"], json!([]), "below the level asked");
    let (_, none) = search(&router, "skill=accountability", Some(MANAGER)).await;
    assert_eq!(none["results"], json!([]), "a skill not attested");
    let (_, none) = search(&router, "recent_months=1", Some(MANAGER)).await;
    assert_eq!(none["results"], json!([]), "no recent assignment");
    let (status, _) = search(&router, "skill=juggling", Some(MANAGER)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Its profile view, for the same token only.
    let profile = results[0]["profile"].as_str().unwrap();
    let (status, json) = call(&router, get(&format!("{profile}.json?lang=fr"), Some(MANAGER))).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["verified_lines"], 2, "{json:#}");
    assert_eq!(json["holder"], holder.did_key());
    assert_eq!(call(&router, get(profile, Some(READER))).await.0, StatusCode::FORBIDDEN);
    let (status, page) = call(&router, get(&format!("{profile}?lang=en"), Some(MANAGER))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("API Design — Advanced"), "{page}");

    // Someone else's key withdraws nothing.
    let (status, answer) = withdraw(&router, &stranger).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer:#}");
    assert_eq!(store.directory_counts().await.unwrap(), (1, 2));
    // The holder's own key: gone, with everything derived from it.
    let (status, answer) = withdraw(&router, &holder).await;
    assert_eq!(status, StatusCode::OK, "{answer:#}");
    assert_eq!(store.directory_counts().await.unwrap(), (0, 0));
    let (_, found) = search(&router, "skill=api_design", Some(MANAGER)).await;
    assert_eq!(found["results"], json!([]));
    assert_eq!(call(&router, get(profile, Some(MANAGER))).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn more_matched_skills_rank_first_and_recent_assignments_filter() {
    let a = LocalKey::generate();
    let (router, _store, _dir) = world(&a).await;
    let (one, two) = (LocalKey::generate(), LocalKey::generate());
    publish(&router, &one, vec![skill(&a, &one, "api_design", Level::Expert)]).await;
    publish(
        &router,
        &two,
        vec![
            skill(&a, &two, "api_design", Level::Beginner),
            skill(&a, &two, "cloud_architecture", Level::Beginner),
            assignment(&a, &two),
        ],
    )
    .await;
    let (_, found) = search(&router, "skill=api_design&skill=cloud_architecture", Some(MANAGER)).await;
    let results = found["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{found:#}");
    assert_eq!(results[0]["matched_skills"], 2, "two matched skills before one: {found:#}");
    assert_eq!(results[1]["matched_skills"], 1);
    let (_, recent) = search(&router, "recent_months=6", Some(MANAGER)).await;
    assert_eq!(recent["results"].as_array().unwrap().len(), 1, "only the one with an assignment: {recent:#}");
}

#[tokio::test]
async fn a_profile_is_published_even_when_its_mobility_figures_cannot_be_written() {
    let (a, holder) = (LocalKey::generate(), LocalKey::generate());
    let (router, store, _dir) = world(&a).await;
    // The mobility figures' table gone (a failed write of any kind): the verified answer still
    // publishes the profile; only the figure is missing.
    sqlx::query("DROP TABLE figure_mobility").execute(store.ready().await.unwrap()).await.unwrap();
    publish(&router, &holder, vec![skill(&a, &holder, "api_design", Level::Advanced)]).await;
    assert_eq!(store.directory_counts().await.unwrap(), (1, 1), "published, one verified skill");
}
