//! Issue #23 on the manager's page: a name-blind first view (asked by the page's form, by a
//! request, or by the whole service) shows the profile, its JSON, the answered request's page
//! and the requesting party's outcome without the person's DID or name until "reveal", which is
//! recorded (read back from the store) and said on the page; and "check again now" reads the
//! status lists again (at most once a minute per list), so a credential revoked after the
//! answer shows as revoked, in the stored outcome too. Against the real routes in process.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::Purpose;
use credentials::error::{Detail, StatusError};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::status::bitstring::Bitstring;
use credentials::status::{Fetched, ListSource, StatusConfig, StatusLists};
use credentials::verify::Verifier;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

const TOKEN: &str = "hiring-manager";
const LIST: &str = "https://status.example/a/1";
const INDEX: usize = 9;
const NAME: &str = "Jane Tremblay";

/// Status lists served from memory, changed by the test, downloads counted.
#[derive(Debug, Default)]
struct Lists {
    lists: Mutex<HashMap<String, Vec<u8>>>,
    fetches: AtomicUsize,
}

impl ListSource for Lists {
    fn fetch(&self, url: &str, _etag: Option<&str>) -> Result<Fetched, StatusError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let bytes = self.lists.lock().unwrap().get(url).cloned();
        bytes
            .map(|bytes| Fetched::Body { bytes, etag: None, max_age: None })
            .ok_or_else(|| StatusError::Retrieval { url: url.into(), detail: Detail::new("missing", "absente") })
    }
}

struct World {
    router: axum::Router,
    service: Arc<VerifierService>,
    lists: Arc<Lists>,
    a: LocalKey,
    holder: LocalKey,
    _directory: tempfile::TempDir,
}

fn sign(document: &Value, signer: &LocalKey) -> Value {
    add_proof(document, signer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

/// Department A's revocation list, `revoked` set.
fn publish(w: &World, revoked: &[usize]) {
    let mut bits = Bitstring::zeroed(131_072);
    for index in revoked {
        bits.set(*index, true);
    }
    let list = json!({
        "@context": [CREDENTIALS_V2], "id": LIST, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": w.a.did_key(),
        "validFrom": (SystemClock.now() - chrono::Duration::days(1)).to_rfc3339(),
        "validUntil": (SystemClock.now() + chrono::Duration::days(30)).to_rfc3339(),
        "credentialSubject": {"id": format!("{LIST}#list"), "type": "BitstringStatusList",
            "statusPurpose": "revocation", "encodedList": bits.encode()}
    });
    let bytes = serde_json::to_vec(&sign(&list, &w.a)).unwrap();
    w.lists.lists.lock().unwrap().insert(LIST.into(), bytes);
}

/// A verifier trusting A for skills, its lists read again on demand after `min_reread`.
fn world(name_blind: bool, min_reread: Duration) -> World {
    let (a, holder) = (LocalKey::generate(), LocalKey::generate());
    let directory = tempfile::tempdir().unwrap();
    let trust = directory.path().join("trust.toml");
    let registry = format!(
        "[[issuer]]\nid = \"{}\"\nname = \"Department A\"\nname_fr = \"Ministère A\"\ncredential_types = [\"SkillCredential\"]\n",
        a.did_key()
    );
    std::fs::write(&trust, registry).unwrap();
    let lists = Arc::new(Lists::default());
    let config = StatusConfig { min_reread, ..StatusConfig::default() };
    let resolver = Arc::new(credentials::did::StaticResolver::new());
    let verifier = Verifier::new(ContextSet::standard(), resolver, Arc::new(SystemClock))
        .with_status(Arc::new(StatusLists::new(lists.clone(), config)));
    let identity = support::identity();
    let service = VerifierService::new(verifier, false)
        .with_identity(identity)
        .with_api_token(Some(TOKEN.into()))
        .with_name_blind(name_blind)
        .with_trust(&trust)
        .unwrap();
    let service = Arc::new(service);
    let w = World { router: app(service.clone()), service, lists, a, holder, _directory: directory };
    publish(&w, &[]);
    w
}

/// A skill credential of A about the holder, its evidence naming them, with a revocation entry.
fn skill(w: &World, key: &str) -> Value {
    let mut credential = SkillCredentialBuilder::new(
        format!("urn:uuid:{}", rand::random::<u64>()),
        Issuer { id: w.a.did_key(), name: LocalizedText::new("Department A", "Ministère A") },
        key,
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(10),
    )
    .subject(w.holder.did_key())
    .evidence(schemas::Evidence {
        id: None,
        narrative: LocalizedText::new(
            format!("{NAME} designed the public API of the pay system"),
            format!("{NAME} a conçu l'API publique de la paye"),
        ),
    })
    .build()
    .unwrap();
    credential["credentialStatus"] = json!({"id": format!("{LIST}#{INDEX}"), "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": INDEX.to_string(), "statusListCredential": LIST});
    sign(&credential, &w.a)
}

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    // A redirection: where to.
    let location = response
        .headers()
        .get(header::LOCATION)
        .filter(|_| status.is_redirection())
        .map(|l| l.to_str().unwrap().to_owned());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, location.unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned()))
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

fn bearer(request: axum::http::request::Builder) -> axum::http::request::Builder {
    request.header("Authorization", format!("Bearer {TOKEN}"))
}

fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// The signed request object's claims at `request_uri`.
async fn request_object(router: &axum::Router, request_uri: &str) -> Value {
    let (status, jwt) = call(router, get(&request_uri[request_uri.find("/oid4vp/").unwrap()..])).await;
    assert_eq!(status, StatusCode::OK);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jwt.trim_matches('"').split('.').nth(1).unwrap())
        .unwrap();
    serde_json::from_slice(&payload).unwrap()
}

/// The holder answers `request` with these credentials (the profile's Data Integrity option).
async fn answer(w: &World, request: &Value, items: Vec<Value>) {
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": w.holder.did_key(),
        "verifiableCredential": items});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = request["nonce"].as_str().map(str::to_owned);
    options.domain = request["client_id"].as_str().map(str::to_owned);
    let vp = add_proof(&vp, &w.holder, &options, &ContextSet::standard()).unwrap();
    let uri = request["response_uri"].as_str().unwrap();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("vp_token", &json!({"profile_skill_ldp": [vp]}).to_string())
        .append_pair("state", request["state"].as_str().unwrap())
        .finish();
    let (status, said) = call(&w.router, form(&uri[uri.find("/oid4vp/").unwrap()..], &body)).await;
    assert_eq!(status, StatusCode::OK, "{said}");
}

/// A profile request made through the API (`extra` fields added): its id and request object.
async fn create(w: &World, extra: Value) -> (String, Value) {
    let mut body = json!({"profile": {"assignments": false}});
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    let post = bearer(Request::post("/presentation-requests")).header("Content-Type", "application/json");
    let (status, created) = call(&w.router, post.body(Body::from(body.to_string())).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let created: Value = serde_json::from_str(&created).unwrap();
    let request = request_object(&w.router, created["request_uri"].as_str().unwrap()).await;
    (created["id"].as_str().unwrap().to_owned(), request)
}

#[tokio::test]
async fn a_name_blind_profile_hides_the_person_until_a_recorded_reveal() {
    let w = world(false, Duration::from_secs(60));
    // The page's form, its box ticked.
    let (status, location) =
        call(&w.router, form("/page/profile", &format!("lang=en&skills=api_design&name_blind=yes&token={TOKEN}")))
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let (path, key) = location.split_once("?k=").unwrap();
    let (id, key) = (path.trim_start_matches("/page/ask/").to_owned(), key.split('&').next().unwrap().to_owned());
    let (_, page) = call(&w.router, get(&location)).await;
    let link = page.split("value=\"").find(|part| part.starts_with("openid4vp://")).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let request_uri = url::form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
        .find(|(k, _)| k == "request_uri")
        .unwrap()
        .1
        .into_owned();
    let request = request_object(&w.router, &request_uri).await;
    answer(&w, &request, vec![skill(&w, "api_design")]).await;

    let did = w.holder.did_key();
    let views = [
        format!("/profiles/{id}?k={key}&lang=en"),
        format!("/profiles/{id}.json?k={key}&lang=en"),
        format!("/profiles/{id}?k={key}&lang=fr"),
        format!("/page/ask/{id}?k={key}&lang=en"),
        format!("/page/ask/{id}/status?k={key}&lang=en"),
    ];
    for view in &views {
        let (status, shown) = call(&w.router, get(view)).await;
        assert_eq!(status, StatusCode::OK, "{view}: {shown}");
        assert!(!shown.contains(&did) && !shown.contains(NAME), "{view} shows the person: {shown}");
    }
    let (_, outcome) =
        call(&w.router, bearer(Request::get(format!("/presentation-requests/{id}"))).body(Body::empty()).unwrap())
            .await;
    assert!(!outcome.contains(&did) && !outcome.contains(NAME), "{outcome}");
    // What the screening is on is there: the skill, its level, its verified issuer.
    let (_, page) = call(&w.router, get(&views[0])).await;
    for said in [
        "Name-blind view",
        "API Design — Advanced",
        "Department A",
        "Reveal the person",
        "One evidence text, hidden",
        "Check again now",
        &format!("action=\"/profiles/{id}/check\""),
        &format!("action=\"/profiles/{id}/reveal\""),
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    let (_, json) = call(&w.router, get(&views[1])).await;
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (json["name_blind"]["hidden"].as_bool(), json["verified_lines"].as_u64()),
        (Some(true), Some(1)),
        "{json:#}"
    );
    assert_eq!(w.service.store().blind_view(&id).await.unwrap(), Some(None), "asked blind, not revealed");

    // A wrong key reveals nothing; the link's key does, once, recorded.
    let (status, _) = call(&w.router, form(&format!("/profiles/{id}/reveal"), "k=k-guess&lang=en")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(w.service.store().blind_view(&id).await.unwrap(), Some(None));
    let before = SystemClock.now().timestamp();
    let (status, back) = call(&w.router, form(&format!("/profiles/{id}/reveal"), &format!("k={key}&lang=en"))).await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, views[0].as_str()));
    let recorded = w.service.store().blind_view(&id).await.unwrap().flatten().expect("the reveal is recorded");
    assert_eq!(recorded.revealed_by, "link");
    assert!((before..=before + 5).contains(&recorded.revealed_at), "{recorded:?}");
    let (_, page) = call(&w.router, get(&views[0])).await;
    assert!(page.contains(&did) && page.contains(NAME), "{page}");
    let hh_mm = chrono::DateTime::from_timestamp(recorded.revealed_at, 0).unwrap().format("%H:%M").to_string();
    assert!(page.contains(&format!("Name and identifiers revealed at {hh_mm} UTC.")), "{page}");
    assert!(!page.contains("Reveal the person"), "{page}");
    let (_, json) = call(&w.router, get(&views[1])).await;
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["holder"], did.as_str());
    assert_eq!(json["name_blind"]["revealed_by"], "link");
    let (_, ask) = call(&w.router, get(&views[3])).await;
    assert!(ask.contains(&did), "{ask}");
    // Pressed again: the first reveal stands.
    call(&w.router, form(&format!("/profiles/{id}/reveal"), &format!("k={key}&lang=en"))).await;
    assert_eq!(w.service.store().blind_view(&id).await.unwrap().flatten(), Some(recorded));
}

#[tokio::test]
async fn a_name_blind_service_hides_every_answer_and_records_who_revealed_it() {
    let w = world(true, Duration::from_secs(60));
    let (id, request) = create(&w, json!({})).await;
    answer(&w, &request, vec![skill(&w, "api_design")]).await;
    let did = w.holder.did_key();
    let read = |path: String| bearer(Request::get(path)).body(Body::empty()).unwrap();
    for path in
        [format!("/profiles/{id}.json"), format!("/profiles/{id}?lang=fr"), format!("/presentation-requests/{id}")]
    {
        let (status, shown) = call(&w.router, read(path.clone())).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!shown.contains(&did) && !shown.contains(NAME), "{path}: {shown}");
    }
    let (_, page) = call(&w.router, read(format!("/profiles/{id}?lang=fr"))).await;
    assert!(page.contains("Vue à l'aveugle"), "{page}");
    // The API client reveals with its token: recorded under the token's id.
    let reveal = bearer(Request::post(format!("/profiles/{id}/reveal")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let (status, back) = call(&w.router, reveal).await;
    assert_eq!((status, back.as_str()), (StatusCode::SEE_OTHER, format!("/profiles/{id}.json?lang=en").as_str()));
    let recorded = w.service.store().blind_view(&id).await.unwrap().flatten().unwrap();
    assert_eq!(recorded.revealed_by, "token:configured");
    let (_, outcome) = call(&w.router, read(format!("/presentation-requests/{id}"))).await;
    assert!(outcome.contains(&did) && outcome.contains(NAME), "{outcome}");
    // Without a token nobody reveals; a flag that is not a boolean is refused.
    let anonymous = Request::post(format!("/profiles/{id}/reveal"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&w.router, anonymous).await.0, StatusCode::UNAUTHORIZED);
    let post = bearer(Request::post("/presentation-requests")).header("Content-Type", "application/json");
    let body = json!({"profile": {}, "name_blind": "yes"}).to_string();
    assert_eq!(call(&w.router, post.body(Body::from(body)).unwrap()).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn check_again_now_shows_a_credential_revoked_after_the_answer() {
    let w = world(false, Duration::ZERO);
    let (id, request) = create(&w, json!({})).await;
    answer(&w, &request, vec![skill(&w, "api_design")]).await;
    let json_of = |body: String| serde_json::from_str::<Value>(&body).unwrap();
    let read = |path: String| bearer(Request::get(path)).body(Body::empty()).unwrap();
    let (_, before) = call(&w.router, read(format!("/profiles/{id}.json"))).await;
    let before = json_of(before);
    assert_eq!(before["verified_lines"], 1, "{before:#}");

    // Revoked by A after the answer: the next view still shows what was found...
    publish(&w, &[INDEX]);
    let (_, view) = call(&w.router, read(format!("/profiles/{id}.json"))).await;
    assert_eq!(json_of(view)["verified_lines"], 1);
    // ...until "check again now".
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let fetches = w.lists.fetches.load(Ordering::SeqCst);
    let check = bearer(Request::post(format!("/profiles/{id}/check")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let (status, _) = call(&w.router, check).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(w.lists.fetches.load(Ordering::SeqCst), fetches + 1, "the list is read again, once");
    let (_, after) = call(&w.router, read(format!("/profiles/{id}.json?lang=fr"))).await;
    let after = json_of(after);
    let line = &after["families"][0]["skills"][0]["lines"][0];
    assert_eq!((line["verdict"].as_str(), after["verified_lines"].as_u64()), (Some("revoked"), Some(0)), "{after:#}");
    assert!(line["reason"].as_str().unwrap().contains("révoquée"), "{line:#}");
    assert!(after["checked_at"].as_str().unwrap() > before["checked_at"].as_str().unwrap(), "{after:#}");
    // Stored: the outcome itself says so (any replica reads the same).
    let row = w.service.store().request_by_id(&id).await.unwrap().unwrap();
    let stored: Value = serde_json::from_str(row.outcome_en.as_deref().unwrap()).unwrap();
    assert_eq!(stored["credentials"][0]["line"]["verdict"], "revoked");
    assert_eq!(stored["credentials"][0]["status"], json!(["revoked"]));
    assert_eq!(stored["checked_at"], after["checked_at"]);
    let (_, page) = call(&w.router, read(format!("/profiles/{id}?lang=en"))).await;
    assert!(page.contains("Revoked") && page.contains("0 of 1 line verified."), "{page}");

    // The page opened by its link has the button; its form posts the key back.
    let (status, location) =
        call(&w.router, form("/page/profile", &format!("lang=en&skills=api_design&token={TOKEN}"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (path, key) = location.split_once("?k=").unwrap();
    let (other, key) = (path.trim_start_matches("/page/ask/"), key.split('&').next().unwrap());
    let (status, _) = call(&w.router, form(&format!("/profiles/{other}/check"), &format!("k={key}&lang=en"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not answered: nothing to check again");
    // Opened with a token, the page has no form to post a key with.
    let (_, page) = call(&w.router, read(format!("/profiles/{id}?lang=en"))).await;
    assert!(!page.contains("Check again now"), "{page}");
}

#[tokio::test]
async fn a_list_is_read_again_at_most_once_a_minute() {
    let w = world(false, Duration::from_secs(60));
    let (id, request) = create(&w, json!({})).await;
    answer(&w, &request, vec![skill(&w, "api_design")]).await;
    publish(&w, &[INDEX]);
    let fetches = w.lists.fetches.load(Ordering::SeqCst);
    for _ in 0..3 {
        let check = bearer(Request::post(format!("/profiles/{id}/check")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap();
        assert_eq!(call(&w.router, check).await.0, StatusCode::SEE_OTHER);
    }
    assert_eq!(w.lists.fetches.load(Ordering::SeqCst), fetches, "read at the answer, less than a minute ago");
    let (_, view) =
        call(&w.router, bearer(Request::get(format!("/profiles/{id}.json"))).body(Body::empty()).unwrap()).await;
    assert_eq!(serde_json::from_str::<Value>(&view).unwrap()["verified_lines"], 1);
}
