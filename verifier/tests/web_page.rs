//! The verifier page a hiring manager uses in a browser, checked in process against the real
//! routes: English and French (by `Accept-Language` and by the toggle), a strict
//! Content-Security-Policy, a label for every field, a pasted credential checked check by check
//! without being stored, and an OpenID4VP request started from the page, shown as a QR code and
//! a link, whose answer (an SD-JWT with one disclosed skill) appears on the same page.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::sd_jwt::{Binding, ClaimPath};
use credentials::verify::Verifier;
use credentials::{Clock, Signer, SystemClock};
use http_body_util::BodyExt;
use keys::LocalKey;
use schemas::{AssignmentCredentialBuilder, Issuer, LocalizedText, OrganizationUnit};
use serde_json::Value;
use tower::ServiceExt;
use verifier::domain::oid4vp::identity::Identity;
use verifier::domain::service::VerifierService;
use verifier::http::{app, CONTENT_SECURITY_POLICY};

mod support;

fn router() -> axum::Router {
    router_with_token(None)
}

fn router_with_token(token: Option<&str>) -> axum::Router {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let signer = Arc::new(LocalKey::generate());
    let did = signer.verification_method().split('#').next().unwrap().to_owned();
    let identity = Identity {
        signer,
        did,
        public_url: url::Url::parse("http://127.0.0.1:9").unwrap(),
        name_en: "Hiring".into(),
        name_fr: "Embauche".into(),
    };
    app(Arc::new(
        VerifierService::new(verifier, false).with_identity(identity).with_api_token(token.map(str::to_owned)),
    ))
}

struct Page {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(router: &axum::Router, request: Request<Body>) -> Page {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = String::from_utf8(response.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    Page { status, headers, body }
}

async fn get(router: &axum::Router, path: &str, language: &str) -> Page {
    send(router, Request::get(path).header(header::ACCEPT_LANGUAGE, language).body(Body::empty()).unwrap()).await
}

async fn post_form(router: &axum::Router, path: &str, fields: &[(&str, &str)]) -> Page {
    let form = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    send(router, request).await
}

/// Every visible field has a `<label for>`.
fn assert_labelled(html: &str) {
    let mut fields = 0;
    for tag in ["<input", "<textarea", "<select"] {
        for (at, _) in html.match_indices(tag) {
            let element = &html[at..at + html[at..].find('>').unwrap()];
            if element.contains("type=\"hidden\"") {
                continue;
            }
            let id = element.split("id=\"").nth(1).expect("a field without an id").split('"').next().unwrap();
            assert!(html.contains(&format!("<label for=\"{id}\"")), "field {id} has no label");
            fields += 1;
        }
    }
    assert!(fields >= 5, "only {fields} fields found");
}

fn skill_credential() -> String {
    support::skill(&LocalKey::generate(), &LocalKey::generate()).to_string()
}

#[tokio::test]
async fn the_page_speaks_the_readers_language_under_a_strict_policy() {
    let router = router();
    let french = get(&router, "/", "fr-CA,fr;q=0.9").await;
    assert_eq!(french.status, StatusCode::OK);
    assert!(french.body.contains("<html lang=\"fr\">"), "{}", french.body);
    assert!(french.body.contains("Vérifier une attestation") && french.body.contains("Passer au contenu principal"));
    let english = get(&router, "/?lang=en", "fr-CA").await;
    assert!(english.body.contains("<html lang=\"en\">") && english.body.contains("Check a credential"));
    assert!(english.body.contains("hreflang=\"fr\""), "a toggle to French");

    let policy = french.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert_eq!(policy, CONTENT_SECURITY_POLICY);
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe"), "{policy}");
    assert!(!french.body.contains("<script>") && !french.body.contains(" style=") && !french.body.contains(" onclick"));
    assert_eq!(french.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_labelled(&french.body);
    // The request form's choices: one group per question, the first answer chosen; no format
    // to choose (issue #23: every format is asked for).
    assert!(french.body.contains(r#"id="kind-skill" type="radio" name="kind" value="skill" checked"#));
    assert!(french.body.contains(r#"id="kind-assignment" type="radio" name="kind" value="assignment">"#));
    assert!(!french.body.contains(r#"name="format""#), "{}", french.body);
    // The talent profile form: skills by family (optgroups), a level, assignments.
    assert!(french.body.contains("Demander un profil de talents"), "{}", french.body);
    assert!(french.body.contains(r#"<select id="skills" name="skills" multiple"#), "{}", french.body);
    assert!(french.body.contains(r#"<optgroup label="Comportements personnels">"#), "{}", french.body);
    assert!(french.body.contains(r#"<option value="intermediate">Intermédiaire</option>"#), "{}", french.body);
    assert!(french.body.contains("<legend>De quoi avez-vous besoin ?</legend>"));
    // The first load (page, style, script) stays under 100 KB.
    let mut total = french.body.len();
    for asset in ["/static/page.css", "/static/page.js"] {
        let loaded = get(&router, asset, "en").await;
        assert_eq!(loaded.status, StatusCode::OK, "{asset}");
        total += loaded.body.len();
    }
    assert!(total < 100 * 1024, "first load is {total} bytes");
    eprintln!("first load: {total} bytes");
}

#[tokio::test]
async fn a_pasted_credential_is_checked_check_by_check_and_not_kept() {
    let router = router();
    let credential = skill_credential();
    let page = post_form(&router, "/page/verify", &[("document", &credential), ("lang", "en")]).await;
    assert_eq!(page.status, StatusCode::OK);
    // No trust registry here: signed, but never "valid" (issue #21; `untrusted_issuer.rs`).
    assert!(page.body.contains("Result: signed, but by an issuer you have not said you trust"), "{}", page.body);
    assert!(page.body.contains("API Design") && page.body.contains("signed by the issuer"), "{}", page.body);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert_labelled(&page.body);

    let tampered = credential.replace("\"advanced\"", "\"expert\"");
    let page = post_form(&router, "/page/verify", &[("document", &tampered), ("lang", "fr")]).await;
    assert!(page.body.contains("Résultat : non valide"), "{}", page.body);
    assert!(page.body.contains("échouée") && page.body.contains("signature_mismatch"), "{}", page.body);

    let garbage = post_form(&router, "/page/verify", &[("document", "not a credential"), ("lang", "en")]).await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    assert!(garbage.body.contains("role=\"alert\"") && garbage.body.contains("input_not_json"), "{}", garbage.body);
    // A post the page would not send gets a page saying so, in the reader's language.
    let incomplete = post_form(&router, "/page/ask", &[("kind", "skill")]).await;
    assert_eq!(incomplete.status, StatusCode::BAD_REQUEST, "{}", incomplete.body);
    assert!(
        incomplete.body.contains("the form cannot be read") && incomplete.body.contains("skill"),
        "{}",
        incomplete.body
    );
    assert!(incomplete.body.contains("[bad_request]"), "{}", incomplete.body);
    let not_a_form = send(
        &router,
        Request::post("/page/verify")
            .header(header::CONTENT_TYPE, "text/plain")
            .header(header::ACCEPT_LANGUAGE, "fr-CA")
            .body(Body::from("document=x"))
            .unwrap(),
    )
    .await;
    assert_eq!(not_a_form.status, StatusCode::BAD_REQUEST);
    assert!(not_a_form.body.contains("<html lang=\"fr\"") && not_a_form.body.contains("le formulaire est illisible"));
    let unknown = post_form(&router, "/page/ask", &[("kind", "poem"), ("skill", "api_design"), ("lang", "fr")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("Cela n'a pas fonctionné"), "{}", unknown.body);
    assert!(unknown.body.contains("type d'attestation inconnu"), "{}", unknown.body);
    // What was pasted went back to this browser only: the page itself is unchanged.
    assert!(!get(&router, "/", "en").await.body.contains("urn:uuid:11111111"));
}

#[tokio::test]
async fn a_request_started_from_the_page_shows_a_qr_code_and_then_the_answer() {
    let router = router();
    let asked =
        post_form(&router, "/page/ask", &[("kind", "assignment"), ("skill", "api_design"), ("lang", "en")]).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let location = asked.headers.get(header::LOCATION).unwrap().to_str().unwrap().to_owned();
    assert!(location.starts_with("/page/ask/pr-") && location.contains("?k=k-"), "{location}");
    let waiting = get(&router, &location, "en").await;
    assert_eq!(waiting.status, StatusCode::OK);
    assert!(waiting.body.contains("<svg") && waiting.body.contains("openid4vp://"), "{}", waiting.body);
    assert!(waiting.body.contains("role=\"status\" aria-live=\"polite\""), "{}", waiting.body);
    assert_eq!(waiting.headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer");
    let (path, key) = location.split_once("?k=").unwrap();
    let key = key.split('&').next().unwrap();
    let status = get(&router, &format!("{path}/status?k={key}"), "en").await;
    assert!(status.body.contains("\"pending\""), "{}", status.body);
    let wrong = get(&router, &format!("{path}?k=wrong"), "fr").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("introuvable") && wrong.body.contains("<html lang=\"fr\""), "{}", wrong.body);
    assert_eq!(get(&router, &format!("{path}/status"), "en").await.status, StatusCode::NOT_FOUND);

    // The wallet's side: read the request object behind the link, answer with an SD-JWT.
    let link = waiting.body.split("value=\"").find(|part| part.starts_with("openid4vp://")).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let query = link.split_once('?').unwrap().1;
    let request_uri =
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "request_uri").unwrap().1.into_owned();
    let request_path = &request_uri[request_uri.find("/oid4vp/").unwrap()..];
    let jwt = get(&router, request_path, "en").await.body;
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap(),
    )
    .unwrap();
    // Wallets read which Data Integrity suites a presentation may use (ours picks JCS).
    assert_eq!(
        claims["client_metadata"]["vp_formats_supported"]["ldp_vc"]["cryptosuite_values"],
        serde_json::json!(["eddsa-rdfc-2022", "eddsa-jcs-2022"]),
        "{claims}"
    );
    // It asks in every format a person may hold, as alternatives (issue #23: asking for SD-JWT
    // only left the usual Data Integrity credential unable to answer), and names SD-JWT VC with
    // the algorithms it reads for the Issuer-signed JWT and the Key Binding JWT (OpenID4VP 1.0,
    // Appendix B).
    let formats: Vec<&str> = claims["dcql_query"]["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|query| query["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"], "{claims}");
    assert_eq!(
        claims["dcql_query"]["credential_sets"],
        serde_json::json!([{"options": [["credential_ldp"], ["credential_jwt"], ["credential_sd_jwt"]], "required": true}]),
        "{claims}"
    );
    let sd_jwt = &claims["client_metadata"]["vp_formats_supported"]["dc+sd-jwt"];
    assert_eq!(sd_jwt["sd-jwt_alg_values"], serde_json::json!(["EdDSA"]), "{claims}");
    assert_eq!(sd_jwt["kb-jwt_alg_values"], serde_json::json!(["EdDSA", "ES256"]), "{claims}");
    let (issuer, holder) = (Arc::new(LocalKey::generate()), Arc::new(LocalKey::generate()));
    let credential = AssignmentCredentialBuilder::new(
        "urn:uuid:11111111-2222-4333-8444-666666666666",
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Department A", "Ministère A") },
        LocalizedText::new("Analyst", "Analyste"),
        OrganizationUnit::named(LocalizedText::new("Department A", "Ministère A")),
        SystemClock.now() - chrono::Duration::days(200),
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder.did_key())
    .skill("api_design")
    .skill("accountability")
    .build()
    .unwrap();
    let issued =
        credentials::sd_jwt_vc::issue(&credential, issuer, &StaticResolver::new(), SystemClock.now().timestamp(), None)
            .unwrap();
    let binding = Binding {
        audience: claims["client_id"].as_str().unwrap().to_owned(),
        nonce: claims["nonce"].as_str().unwrap().to_owned(),
        issued_at: SystemClock.now().timestamp(),
    };
    let shown =
        credentials::sd_jwt_vc::present(&issued, &[ClaimPath::parse("skills.api_design").unwrap()], &binding, holder)
            .unwrap();
    let vp_token = serde_json::json!({"credential_sd_jwt": [shown]}).to_string();
    let response_uri = claims["response_uri"].as_str().unwrap();
    let answered = post_form(
        &router,
        &response_uri[response_uri.find("/oid4vp/").unwrap()..],
        &[("vp_token", &vp_token), ("state", claims["state"].as_str().unwrap())],
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);

    // The page now shows the answer, in the reader's language.
    let mut shown_page = get(&router, &location.replace("lang=en", "lang=fr"), "en").await;
    for _ in 0..50 {
        if !shown_page.body.contains("En attente") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        shown_page = get(&router, &location.replace("lang=en", "lang=fr"), "en").await;
    }
    // No trust registry here: the department is one nobody said to trust (issue #21).
    assert!(
        shown_page.body.contains("La réponse est signée, mais une attestation qu'elle contient est d'un émetteur"),
        "{}",
        shown_page.body
    );
    assert!(shown_page.body.contains("le nom qu'il se donne est « Ministère A »"), "{}", shown_page.body);
    // What the page's script fetches to show the answer in place.
    let fragment = get(&router, &format!("{path}/status?k={key}&lang=en"), "en").await;
    let fragment: Value = serde_json::from_str(&fragment.body).unwrap();
    assert_eq!(fragment["status"], "verified");
    assert!(fragment["html"].as_str().unwrap().contains("The answer is signed, but a credential in it"), "{fragment}");
    assert!(shown_page.body.contains("skills.api_design"), "{}", shown_page.body);
    assert!(!shown_page.body.contains("accountability"), "{}", shown_page.body);
    // In plain words (issue #23): the role, department and skill used by name, and who issued
    // it; no claim paths.
    for plain in ["Analyste", "Ministère A", "API Design", "Émise par", "absent de votre registre de confiance"] {
        assert!(shown_page.body.contains(plain), "{plain}: {}", shown_page.body);
    }
    assert!(!shown_page.body.contains("credentialSubject."), "{}", shown_page.body);
}

/// WCAG 2.1 relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let value = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if value <= 0.03928 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

#[test]
fn every_colour_of_the_page_has_aa_contrast_against_white() {
    let css = include_str!("../src/http/web/page.css");
    let colours: Vec<&str> = css.split('#').skip(1).map(|rest| &rest[..6]).filter(|hex| *hex != "ffffff").collect();
    assert!(colours.len() >= 10, "{colours:?}");
    for hex in colours {
        assert!(hex.chars().all(|c| c.is_ascii_hexdigit()), "{hex}");
        // Text, links, marks and the button (white text on it): 4.5:1 at least, against white.
        let ratio = (1.0 + 0.05) / (luminance(hex) + 0.05);
        assert!(ratio >= 4.5, "#{hex} has a contrast of {ratio:.2}:1 against white");
    }
}

#[tokio::test]
async fn everything_is_reachable_by_keyboard_in_document_order() {
    let router = router();
    for path in ["/", "/?lang=fr"] {
        let body = get(&router, path, "en").await.body;
        // Native controls only, in source order: no click handlers on other elements, no
        // positive tabindex reordering, no element hidden from keyboards but not from the eye.
        for forbidden in ["onclick", "tabindex=\"1", "tabindex=\"2", "role=\"button\"", "accesskey="] {
            assert!(!body.contains(forbidden), "{forbidden} in {path}");
        }
        assert!(body.contains("<a class=\"skip\" href=\"#main\">") && body.contains("<main id=\"main\">"));
        assert!(body.matches("<h1").count() == 1, "one main heading");
    }
}

#[tokio::test]
async fn with_an_api_token_the_page_asks_for_it_before_sending_a_request_in_the_verifiers_name() {
    let open = get(&router(), "/", "en").await;
    assert!(!open.body.contains("name=\"token\""), "{}", open.body);

    let router = router_with_token(Some("s3cret"));
    let home = get(&router, "/", "fr").await;
    assert!(home.body.contains("Jeton d'accès de ce service"), "{}", home.body);
    assert!(home.body.contains("type=\"password\" name=\"token\""), "{}", home.body);
    assert_labelled(&home.body);
    let fields = [("kind", "skill"), ("skill", "api_design"), ("lang", "fr")];
    for token in [None, Some("wrong"), Some("s3cre"), Some("")] {
        let mut sent = fields.to_vec();
        if let Some(token) = token {
            sent.push(("token", token));
        }
        let refused = post_form(&router, "/page/ask", &sent).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{token:?}: {}", refused.body);
        assert!(
            refused.body.contains("le jeton d'accès est absent ou n'est pas celui de ce service"),
            "{}",
            refused.body
        );
        assert!(refused.body.contains("[wrong_token]") && !refused.body.contains("s3cret"), "{}", refused.body);
    }
    let mut sent = fields.to_vec();
    sent.push(("token", "s3cret"));
    let asked = post_form(&router, "/page/ask", &sent).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    // Checking a pasted credential stays open, as /credentials/verify is.
    let checked = post_form(&router, "/page/verify", &[("document", "{}"), ("lang", "en")]).await;
    assert_ne!(checked.status, StatusCode::FORBIDDEN);
}
