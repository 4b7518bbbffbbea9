//! Issue #23, the verifier's side: a talent profile request asks for skill and assignment
//! credentials in every format; one answer holding several credentials reads as a profile
//! (`/profiles/{id}.json` and the page `/profiles/{id}`) in English and French: skills by family
//! with names and levels and independent issuers, assignments as a timeline, every line with its
//! verdict (an issuer the registry does not name is "untrusted", a revoked credential "revoked",
//! the rest "verified"), and when status was checked. Checked against the real routes in process.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use chrono::Duration;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::Purpose;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::status::bitstring::Bitstring;
use credentials::verify::Network;
use credentials::{Clock, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{AssignmentCredentialBuilder, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder};
use serde_json::{json, Value};
use tower::ServiceExt;
use verifier::domain::service::VerifierService;
use verifier::http::app;

const TOKEN: &str = "hiring-manager";
const LIST: &str = "https://status.example/a/1";
const REVOKED_INDEX: usize = 7;

struct World {
    router: axum::Router,
    a: LocalKey,
    b: LocalKey,
    c: LocalKey,
    holder: LocalKey,
    _directory: tempfile::TempDir,
}

fn sign(document: &Value, signer: &LocalKey) -> Value {
    add_proof(document, signer, &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()), &ContextSet::standard())
        .unwrap()
}

/// Department A's revocation list, with one credential revoked.
fn revocation_list(a: &LocalKey) -> Vec<u8> {
    let mut bits = Bitstring::zeroed(131_072);
    assert!(bits.set(REVOKED_INDEX, true));
    let list = json!({
        "@context": [CREDENTIALS_V2],
        "id": LIST,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": a.did_key(),
        "validFrom": (SystemClock.now() - Duration::days(1)).to_rfc3339(),
        "validUntil": (SystemClock.now() + Duration::days(30)).to_rfc3339(),
        "credentialSubject": {"id": format!("{LIST}#list"), "type": "BitstringStatusList",
            "statusPurpose": "revocation", "encodedList": bits.encode()}
    });
    serde_json::to_vec(&sign(&list, a)).unwrap()
}

/// A verifier trusting A for skills and B for assignments (C is in no registry), reading A's
/// revocation list from memory.
fn world() -> World {
    let (a, b, c, holder) = (LocalKey::generate(), LocalKey::generate(), LocalKey::generate(), LocalKey::generate());
    let directory = tempfile::tempdir().unwrap();
    let trust = directory.path().join("trust.toml");
    std::fs::write(
        &trust,
        format!(
            "[[issuer]]\nid = \"{}\"\nname = \"Department A\"\nname_fr = \"Ministère A\"\ncredential_types = [\"SkillCredential\"]\n\n\
             [[issuer]]\nid = \"{}\"\nname = \"Department B\"\nname_fr = \"Ministère B\"\ncredential_types = [\"AssignmentCredential\"]\n",
            a.did_key(),
            b.did_key()
        ),
    )
    .unwrap();
    let verifier = Network { status_lists: vec![(LIST.to_owned(), revocation_list(&a))], ..Network::default() }
        .verifier(ContextSet::standard(), Arc::new(SystemClock));
    let identity = support::identity();
    let service = VerifierService::new(verifier, false)
        .with_identity(identity)
        .with_api_token(Some(TOKEN.into()))
        .with_trust(&trust)
        .unwrap();
    World { router: app(Arc::new(service)), a, b, c, holder, _directory: directory }
}

fn skill(issuer: &LocalKey, name: &str, holder: &LocalKey, key: &str, level: Level, revoked: bool) -> Value {
    let mut credential = SkillCredentialBuilder::new(
        format!("urn:uuid:{}", uuid()),
        Issuer { id: issuer.did_key(), name: LocalizedText::new(name, name) },
        key,
        level,
        SystemClock.now() - Duration::days(10),
    )
    .subject(holder.did_key())
    .evidence(schemas::Evidence {
        id: None,
        narrative: LocalizedText::new("Designed the public API of the pay system", "A conçu l'API publique de la paye"),
    })
    .build()
    .unwrap();
    if revoked {
        credential["credentialStatus"] = json!({"id": format!("{LIST}#{REVOKED_INDEX}"), "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": REVOKED_INDEX.to_string(), "statusListCredential": LIST});
    }
    sign(&credential, issuer)
}

fn uuid() -> String {
    let n: u128 = rand::random();
    let hex = format!("{n:032x}");
    format!("{}-{}-4{}-8{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

fn assignment(b: &LocalKey, holder: &LocalKey, role: (&str, &str), start: i64, end: Option<i64>, skill: &str) -> Value {
    let mut builder = AssignmentCredentialBuilder::new(
        format!("urn:uuid:{}", uuid()),
        Issuer { id: b.did_key(), name: LocalizedText::new("Department B", "Ministère B") },
        LocalizedText::new(role.0, role.1),
        OrganizationUnit::named(LocalizedText::new("Department B", "Ministère B")),
        SystemClock.now() - Duration::days(start),
        SystemClock.now() - Duration::days(1),
    )
    .subject(holder.did_key())
    .team(OrganizationUnit::named(LocalizedText::new("Digital services", "Services numériques")))
    .skill(skill);
    if let Some(end) = end {
        builder = builder.end(SystemClock.now() - Duration::days(end));
    }
    sign(&builder.build().unwrap(), b)
}

fn presentation(holder: &LocalKey, items: Vec<Value>, request: &Value) -> Value {
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": items});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = request["nonce"].as_str().map(str::to_owned);
    options.domain = request["client_id"].as_str().map(str::to_owned);
    add_proof(&vp, holder, &options, &ContextSet::standard()).unwrap()
}

async fn call(router: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn bearer(path: &str) -> Request<Body> {
    Request::get(path).header("Authorization", format!("Bearer {TOKEN}")).body(Body::empty()).unwrap()
}

/// Creates a profile request through the API; returns (id, request object claims).
async fn create(router: &axum::Router, profile: Value) -> (String, Value) {
    let request = Request::post("/presentation-requests")
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Content-Type", "application/json")
        .body(Body::from(json!({"profile": profile}).to_string()))
        .unwrap();
    let (status, created) = call(router, request).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let created: Value = serde_json::from_str(&created).unwrap();
    let uri = created["request_uri"].as_str().unwrap();
    let (status, jwt) =
        call(router, Request::get(&uri[uri.find("/oid4vp/").unwrap()..]).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(jwt.trim_matches('"').split('.').nth(1).unwrap())
        .unwrap();
    (created["id"].as_str().unwrap().to_owned(), serde_json::from_slice(&payload).unwrap())
}

async fn answer(router: &axum::Router, request: &Value, vp_token: Value) {
    let uri = request["response_uri"].as_str().unwrap();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("vp_token", &vp_token.to_string())
        .append_pair("state", request["state"].as_str().unwrap())
        .finish();
    let post = Request::post(&uri[uri.find("/oid4vp/").unwrap()..])
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let (status, body) = call(router, post).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// The skill of the profile with this key.
fn skill_of<'a>(profile: &'a Value, key: &str) -> &'a Value {
    profile["families"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|family| family["skills"].as_array().unwrap())
        .find(|skill| skill["key"] == key)
        .unwrap_or_else(|| panic!("no {key} in {profile:#}"))
}

#[tokio::test]
async fn a_profile_reads_in_plain_words_with_every_line_judged_in_both_languages() {
    let w = world();
    let (id, request) = create(&w.router, json!({})).await;
    // Every format, any number, skills required and assignments optional.
    let queries = request["dcql_query"]["credentials"].as_array().unwrap();
    // Skills and assignments in three formats each, and the person's own words (optional).
    assert_eq!(queries.len(), 7, "{request:#}");
    assert!(queries[..6].iter().all(|q| q["multiple"] == true), "{request:#}");
    assert_eq!(queries[6]["id"], "profile_own_words", "{request:#}");
    assert_eq!(request["dcql_query"]["credential_sets"][2]["required"], false, "{request:#}");
    assert_eq!(request["dcql_query"]["credential_sets"][1]["required"], false, "{request:#}");

    let skills = vec![
        skill(&w.a, "Department A", &w.holder, "api_design", Level::Advanced, false),
        skill(&w.a, "Department A", &w.holder, "cloud_architecture", Level::Expert, false),
        skill(&w.a, "Department A", &w.holder, "accountability", Level::Intermediate, false),
        // From an issuer no registry names: untrusted, and not counted as an issuer of the skill.
        skill(&w.c, "Self-declared college", &w.holder, "api_design", Level::Expert, false),
        // Revoked by A.
        skill(&w.a, "Department A", &w.holder, "accessibility_testing", Level::Beginner, true),
    ];
    let assignments = vec![
        assignment(&w.b, &w.holder, ("Analyst", "Analyste"), 1200, Some(400), "api_design"),
        assignment(&w.b, &w.holder, ("Cloud architect", "Architecte infonuagique"), 400, None, "cloud_architecture"),
    ];
    let vp_token = json!({
        "profile_skill_ldp": [presentation(&w.holder, skills, &request)],
        "profile_assignment_ldp": [presentation(&w.holder, assignments, &request)],
    });
    answer(&w.router, &request, vp_token).await;

    let (status, en) = call(&w.router, bearer(&format!("/profiles/{id}.json?lang=en"))).await;
    assert_eq!(status, StatusCode::OK, "{en}");
    let en: Value = serde_json::from_str(&en).unwrap();
    assert_eq!((en["lines"].as_u64(), en["verified_lines"].as_u64()), (Some(7), Some(5)), "{en:#}");
    assert!(en["checked_at"].as_str().is_some_and(|t| t.len() == 20), "{en:#}");
    assert_eq!(en["holder"], w.holder.did_key());
    let api = skill_of(&en, "api_design");
    assert_eq!((api["name"].as_str(), api["level_name"].as_str()), (Some("API Design"), Some("Advanced")), "{api:#}");
    assert_eq!(api["independent_issuers"], 1, "the untrusted issuer does not count: {api:#}");
    let verdicts: Vec<&str> = api["lines"].as_array().unwrap().iter().map(|l| l["verdict"].as_str().unwrap()).collect();
    assert_eq!(verdicts.iter().filter(|v| **v == "verified").count(), 1, "{api:#}");
    let untrusted = api["lines"].as_array().unwrap().iter().find(|l| l["verdict"] == "untrusted").unwrap();
    assert!(untrusted["reason"].as_str().unwrap().contains("trust registry"), "{untrusted:#}");
    assert_eq!(untrusted["issuer_name"], Value::Null, "{untrusted:#}");
    assert_eq!(untrusted["issuer_claimed_name"], "Self-declared college", "{untrusted:#}");
    let trusted = api["lines"].as_array().unwrap().iter().find(|l| l["verdict"] == "verified").unwrap();
    assert_eq!(trusted["issuer_name"], "Department A", "{trusted:#}");
    assert_eq!(trusted["reason"], Value::Null);
    assert_eq!(trusted["evidence"][0], "Designed the public API of the pay system");
    let cloud = skill_of(&en, "cloud_architecture");
    assert_eq!((cloud["name"].as_str(), cloud["level_name"].as_str()), (Some("Cloud Architecture"), Some("Expert")));
    let accountability = skill_of(&en, "accountability");
    assert_eq!(accountability["level_name"], "Intermediate");
    let revoked = &skill_of(&en, "accessibility_testing")["lines"][0];
    assert_eq!(revoked["verdict"], "revoked", "{revoked:#}");
    assert!(revoked["reason"].as_str().unwrap().contains("revoked"), "{revoked:#}");
    // Families by the names the GC Digital Talent skills library gives them, in the reader's language.
    let families: Vec<&str> = en["families"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(families.contains(&"Personal Behaviours") && families.contains(&"Enterprise Architecture"), "{families:?}");
    // The timeline: the current assignment first, then the earlier one, each with its skills.
    let timeline = en["assignments"].as_array().unwrap();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[0]["assignment"]["role"], "Cloud architect", "{timeline:#?}");
    assert_eq!(timeline[0]["assignment"]["end"], Value::Null);
    assert_eq!(timeline[1]["assignment"]["role"], "Analyst");
    assert_eq!(timeline[1]["assignment"]["team"], "Digital services");
    assert_eq!(timeline[1]["assignment"]["department"], "Department B");
    assert_eq!(timeline[1]["assignment"]["skills_used"][0]["name"], "API Design");
    assert!(timeline.iter().all(|line| line["verdict"] == "verified" && line["issuer_name"] == "Department B"));

    // The same in French.
    let (_, fr) = call(&w.router, bearer(&format!("/profiles/{id}.json?lang=fr"))).await;
    let fr: Value = serde_json::from_str(&fr).unwrap();
    assert_eq!(skill_of(&fr, "cloud_architecture")["name"], "Architecture infonuagique");
    assert_eq!(skill_of(&fr, "api_design")["level_name"], "Avancé");
    assert_eq!(skill_of(&fr, "accountability")["name"], "Responsabilité");
    assert_eq!(skill_of(&fr, "accountability")["level_name"], "Intermédiaire");
    assert_eq!(fr["assignments"][0]["assignment"]["role"], "Architecte infonuagique");
    assert_eq!(fr["assignments"][1]["issuer_name"], "Ministère B");
    let families: Vec<&str> = fr["families"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert!(families.contains(&"Comportements personnels"), "{families:?}");
    assert!(skill_of(&fr, "accessibility_testing")["lines"][0]["reason"].as_str().unwrap().contains("révoquée"));

    // The page: printable, every line marked, when status was checked.
    let (status, page) = call(&w.router, bearer(&format!("/profiles/{id}?lang=en"))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    for said in [
        "Talent profile",
        "5 of 7 lines verified.",
        "Status checked at",
        "Revoked",
        "Untrusted issuer",
        "Department A",
        "not in your trust registry",
        "Cloud architect",
        "Digital services",
        "API Design — Advanced",
        "One verified issuer",
        "Personal Behaviours",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
    assert!(!page.contains("credentialSubject"), "{page}");
    let (_, page) = call(&w.router, bearer(&format!("/profiles/{id}?lang=fr"))).await;
    for said in [
        "Profil de talents",
        "5 lignes vérifiées sur 7.",
        "Statuts vérifiés à",
        "Révoquée",
        "Émetteur non reconnu",
        "Ministère A",
        "absent de votre registre de confiance",
        "Architecte infonuagique",
    ] {
        assert!(page.contains(said), "{said}: {page}");
    }
}

#[tokio::test]
async fn only_the_link_s_key_or_a_read_token_opens_a_profile() {
    let w = world();
    let (id, _) = create(&w.router, json!({"skills": ["api_design"], "min_level": "advanced"})).await;
    let anonymous = Request::get(format!("/profiles/{id}.json")).body(Body::empty()).unwrap();
    assert_eq!(call(&w.router, anonymous).await.0, StatusCode::UNAUTHORIZED);
    let wrong_key = Request::get(format!("/profiles/{id}?k=k-guess")).body(Body::empty()).unwrap();
    assert_eq!(call(&w.router, wrong_key).await.0, StatusCode::NOT_FOUND);
    let (status, pending) = call(&w.router, bearer(&format!("/profiles/{id}?lang=en"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pending.contains("The person has not answered yet."), "{pending}");

    // From the page's form: several skills, a level, no assignments; opened by its key.
    let form = "lang=en&skills=api_design&skills=cloud_architecture&min_level=intermediate";
    let post = Request::post("/page/profile")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("{form}&token={TOKEN}")))
        .unwrap();
    let response = w.router.clone().oneshot(post).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
    let (path, key) = location.split_once("?k=").unwrap();
    let (id, key) = (path.trim_start_matches("/page/ask/"), key.split('&').next().unwrap());
    let (status, page) =
        call(&w.router, Request::get(format!("/profiles/{id}?k={key}&lang=fr")).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("La personne n'a pas encore répondu."), "{page}");
    let (_, outcome) = call(&w.router, bearer(&format!("/presentation-requests/{id}"))).await;
    let outcome: Value = serde_json::from_str(&outcome).unwrap();
    let queries = outcome["dcql_query"]["credentials"].as_array().unwrap();
    assert_eq!(queries.len(), 4, "no assignments asked (skills in three formats, own words): {outcome:#}");
    assert_eq!(
        queries[0]["claims"],
        json!([{"path": ["credentialSubject", "skillKey"], "values": ["api_design", "cloud_architecture"]},
            {"path": ["credentialSubject", "proficiencyLevel"], "values": ["intermediate", "advanced", "expert"]}])
    );
    assert_eq!(queries[2]["claims"][1]["path"], json!(["level"]), "SD-JWT VC names the level `level`");

    // A profile and a DCQL query at once, or an unknown level, are refused.
    for body in [json!({"profile": {}, "dcql_query": {}}), json!({"profile": {"min_level": "guru"}})] {
        let request = Request::post("/presentation-requests")
            .header("Authorization", format!("Bearer {TOKEN}"))
            .header("Content-Type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        assert_eq!(call(&w.router, request).await.0, StatusCode::BAD_REQUEST, "{body}");
    }
}

/// The single-credential page request tells the manager when an answer failed, while the person
/// may try again.
#[tokio::test]
async fn a_failed_answer_is_said_on_the_request_page_while_the_person_may_retry() {
    let w = world();
    let post = Request::post("/page/ask")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("lang=en&kind=skill&skill=api_design&token={TOKEN}")))
        .unwrap();
    let response = w.router.clone().oneshot(post).await.unwrap();
    let location = response.headers().get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
    let (path, key) = location.split_once("?k=").unwrap();
    let key = key.split('&').next().unwrap();
    // The wallet's side: a skill it was not asked for.
    let (_, page) = call(&w.router, Request::get(&location).body(Body::empty()).unwrap()).await;
    let link = page.split("value=\"").find(|part| part.starts_with("openid4vp://")).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let request_uri = url::form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
        .find(|(k, _)| k == "request_uri")
        .unwrap()
        .1
        .into_owned();
    let (_, jwt) = call(
        &w.router,
        Request::get(&request_uri[request_uri.find("/oid4vp/").unwrap()..]).body(Body::empty()).unwrap(),
    )
    .await;
    let request: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap(),
    )
    .unwrap();
    let wrong = skill(&w.a, "Department A", &w.holder, "cloud_architecture", Level::Expert, false);
    answer(&w.router, &request, json!({"credential_ldp": [presentation(&w.holder, vec![wrong], &request)]})).await;
    let (_, page) = call(&w.router, Request::get(&location).body(Body::empty()).unwrap()).await;
    assert!(page.contains("The last answer did not pass the checks"), "{page}");
    assert!(
        page.contains("<svg") && page.contains("id=\"ask-status\""),
        "the code stays, and the page still waits: {page}"
    );
    let (_, status) =
        call(&w.router, Request::get(format!("{path}/status?k={key}&lang=en")).body(Body::empty()).unwrap()).await;
    let status: Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["retry"], true, "{status:#}");
    assert!(status["html"].as_str().unwrap().contains("The last answer did not pass the checks"), "{status:#}");
}
