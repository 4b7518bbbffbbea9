//! The page a hiring manager uses in a browser, at `/`, in English or French: paste or drop a
//! credential, presentation or JWT and read the result check by check; or ask a person for a
//! credential (OpenID4VP) with a QR code and a link, and see the answer arrive.
//!
//! Server-rendered HTML (maud escapes every value) that works without JavaScript; one small
//! script adds file drop, focus on the result and polling for an answer. The Content-Security-
//! Policy allows only this origin's own script and style: no inline code, no third party. What is
//! pasted is verified in memory and never stored or logged. A request started from the page is
//! readable only through its own link (an unguessable key), not the requesting-party API token.
//! Starting one asks wallets for credentials in this verifier's name, so the page's form asks for
//! the service's API token too (`verifier serve` always has one): otherwise anyone reaching the
//! page could send people requests that their wallet shows as coming from this employer.

use std::collections::HashMap;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use credentials::error::Describe;
use credentials::report::{DocumentKind, Outcome, Report};
use credentials::verify::PresentationOptions;
use lang::Lang;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde_json::{json, Value};

use super::{lang_of, run, AppState, ServiceError, DEFAULT_CLOCK_SKEW};
use crate::i18n::{t, text};

/// Only this origin's files; forms post here; nothing may frame the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CSS: &str = include_str!("web/page.css");
const JS: &str = include_str!("web/page.js");

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/page/verify", post(verify_form))
        .route("/page/ask", post(ask_form))
        .route("/page/ask/{id}", get(ask_page))
        .route("/page/ask/{id}/status", get(ask_status))
        .route("/static/page.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/page.js", get(|| async { asset("text/javascript; charset=utf-8", JS) }))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

/// A whole page: security headers, never cached (it may show personal data).
fn page(lang: Lang, status: StatusCode, title: &str, toggle: &str, body: Markup) -> Response {
    // The toggle names the other language in that language.
    let other = (lang.other().as_str(), text!(lang, "page-other-language"));
    let separator = if toggle.contains('?') { '&' } else { '?' };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (text!(lang, "page-brand")) }
                link rel="stylesheet" href="/static/page.css";
                script src="/static/page.js" defer {}
            }
            body {
                a.skip href="#main" { (text!(lang, "page-skip")) }
                header {
                    p.brand { (text!(lang, "page-brand")) }
                    nav aria-label=(text!(lang, "page-language")) {
                        a href={ (toggle) (separator) "lang=" (other.0) } lang=(other.0) hreflang=(other.0) { (other.1) }
                    }
                }
                main #main { (body) }
                footer {
                    p { (text!(lang, "page-footer")) }
                }
            }
        }
    };
    let mut response = (status, markup).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

fn home_body(lang: Lang, service: &AppState, pasted: &str) -> Markup {
    let skills = schemas::Taxonomy::gc_digital_talent().skills();
    let mut skills: Vec<(&str, &str)> = skills.iter().map(|s| (s.key.as_str(), s.name.get(lang))).collect();
    skills.sort_by_key(|(_, name)| name.to_lowercase());
    html! {
        section aria-labelledby="check-heading" {
            h2 #check-heading { (text!(lang, "check-heading")) }
            form method="post" action="/page/verify" {
                input type="hidden" name="lang" value=(lang.as_str());
                label for="document" { (text!(lang, "check-document-label")) }
                p #document-help .help { (text!(lang, "check-document-help")) }
                textarea #document name="document" rows="10" aria-describedby="document-help" required { (pasted) }
                label for="file" { (text!(lang, "check-file-label")) }
                input #file type="file" accept=".json,.jwt,.txt,.sd-jwt,application/json";
                button type="submit" { (text!(lang, "check-submit")) }
            }
        }
        @if service.identity.is_some() {
            section aria-labelledby="ask-heading" {
                h2 #ask-heading { (text!(lang, "ask-heading")) }
                form method="post" action="/page/ask" {
                    input type="hidden" name="lang" value=(lang.as_str());
                    (choices(text!(lang, "ask-kind-legend"), "kind", &[
                        ("kind-skill", "skill", text!(lang, "ask-kind-skill")),
                        ("kind-assignment", "assignment", text!(lang, "ask-kind-assignment")),
                    ]))
                    label for="skill" { (text!(lang, "ask-skill-label")) }
                    select #skill name="skill" {
                        @for (key, name) in &skills {
                            option value=(key) selected[*key == "api_design"] { (name) }
                        }
                    }
                    (choices(text!(lang, "ask-format-legend"), "format", &[
                        ("format-sd", "dc+sd-jwt", text!(lang, "ask-format-sd-jwt")),
                        ("format-ldp", "ldp_vc", text!(lang, "ask-format-ldp")),
                    ]))
                    @if service.api_token.is_some() {
                        label for="token" { (text!(lang, "ask-token-label")) }
                        input #token type="password" name="token" autocomplete="current-password" required;
                    }
                    button type="submit" { (text!(lang, "ask-submit")) }
                }
            }
        }
    }
}

/// A group of radio buttons under a legend, the first one chosen: (id, value, label) for each.
fn choices(legend: &str, name: &str, options: &[(&str, &str, &str)]) -> Markup {
    html! {
        fieldset {
            legend { (legend) }
            @for (index, (id, value, label)) in options.iter().enumerate() {
                div.choice {
                    input id=(id) type="radio" name=(name) value=(value) checked[index == 0];
                    label for=(id) { (label) }
                }
            }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct LangQuery {
    lang: Option<String>,
    k: Option<String>,
}

async fn home(State(service): State<AppState>, Query(query): Query<LangQuery>, headers: HeaderMap) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    let body = html! {
        h1 { (text!(lang, "home-title")) }
        (home_body(lang, &service, ""))
    };
    page(lang, StatusCode::OK, text!(lang, "home-title"), "/", body)
}

fn outcome_word(outcome: &Outcome, lang: Lang) -> (&'static str, &'static str, String) {
    match outcome {
        Outcome::Passed => ("passed", "✓", text!(lang, "outcome-passed").to_owned()),
        Outcome::Failed(failure) => {
            let reason = failure.message(lang);
            ("failed", "✗", t!(lang, "outcome-failed", reason = reason, code = failure.code()))
        }
        Outcome::NotChecked(why) => ("unknown", "?", t!(lang, "outcome-not-checked", reason = why.message(lang))),
        Outcome::Undetermined(failure) => {
            ("unknown", "?", t!(lang, "outcome-undetermined", reason = failure.message(lang)))
        }
        Outcome::NotApplicable => ("na", "–", text!(lang, "outcome-not-applicable").to_owned()),
        _ => ("unknown", "?", text!(lang, "outcome-unknown").to_owned()),
    }
}

fn report_markup(report: &Report, lang: Lang, level: u8) -> Markup {
    let valid = report.verified_and_status_known();
    let heading = match (report.document, valid) {
        (DocumentKind::Credential, true) => text!(lang, "report-credential-valid"),
        (DocumentKind::Credential, false) => text!(lang, "report-credential-not-valid"),
        (DocumentKind::Presentation, true) => text!(lang, "report-presentation-valid"),
        (DocumentKind::Presentation, false) => text!(lang, "report-presentation-not-valid"),
    };
    let fields = report.content.as_ref().and_then(|content| schemas::describe(content, lang)).unwrap_or_default();
    html! {
        div.report.valid[valid].invalid[!valid] {
            @if level == 2 { h2 { (heading) } } @else { h3 { (heading) } }
            dl {
                @if !report.format.is_empty() { dt { (text!(lang, "report-format-label")) } dd { (report.format) } }
                @if let Some(issuer) = &report.issuer {
                    dt { @if report.document == DocumentKind::Credential { (text!(lang, "report-issuer-label")) } @else { (text!(lang, "report-holder-label")) } }
                    dd { (issuer) }
                }
                @if let Some(disclosed) = report.disclosed.as_ref().filter(|_| report.credentials.is_empty()) {
                    dt { (text!(lang, "report-disclosed-label")) }
                    dd { @if disclosed.is_empty() { (text!(lang, "report-disclosed-none-beyond")) } @else { (disclosed.join(", ")) } }
                }
                @if report.verified_and_status_known() {
                    @for field in &fields { dt { (field.label) } dd { (field.value) } }
                }
            }
            ul.checks {
                @for check in &report.checks {
                    @let (class, mark, words) = outcome_word(&check.outcome, lang);
                    li class=(class) {
                        span.mark aria-hidden="true" { (mark) }
                        " " strong { (check.kind.label_for(lang, report.document)) } (text!(lang, "label-separator")) (words)
                    }
                }
            }
            @for inner in &report.credentials { (report_markup(inner, lang, 3)) }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct VerifyForm {
    #[serde(default)]
    document: String,
    lang: Option<String>,
}

/// Verifies what was pasted, then shows the result above the same form (with the text kept in
/// the box, only in the answer sent back to this browser).
async fn verify_form(
    State(service): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<VerifyForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    let title = text!(lang, "result-title");
    let result = match credentials::input::parse(form.document.as_bytes()) {
        Err(error) => Err((StatusCode::BAD_REQUEST, format!("{} [{}]", error.message(lang), error.code()))),
        // Pasted, a presentation answers no challenge of ours: anyone could paste one they saw.
        Ok(parsed) if super::is_presentation(&parsed) => {
            Err((StatusCode::BAD_REQUEST, text!(lang, "result-presentation-pasted").to_owned()))
        }
        Ok(parsed) => {
            let options = PresentationOptions { clock_skew: DEFAULT_CLOCK_SKEW, ..PresentationOptions::default() };
            match run(&service, parsed, options, None).await {
                Ok(report) => Ok(report),
                Err(ServiceError::Unavailable(what)) => {
                    Err((StatusCode::SERVICE_UNAVAILABLE, t!(lang, "result-unavailable", what = what.get(lang))))
                }
                Err(_) => Err((StatusCode::INTERNAL_SERVER_ERROR, text!(lang, "result-check-failed").to_owned())),
            }
        }
    };
    let (status, result_markup) = match &result {
        Ok(report) => (
            StatusCode::OK,
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" {
                        @if report.verified_and_status_known() { (text!(lang, "result-valid")) } @else { (text!(lang, "result-not-valid")) }
                    }
                    (report_markup(report, lang, 2))
                }
            },
        ),
        Err((status, message)) => (
            *status,
            html! {
                section aria-labelledby="result-heading" {
                    h1 #result-heading tabindex="-1" { (text!(lang, "result-not-checked")) }
                    p.error role="alert" { (message) }
                }
            },
        ),
    };
    let body = html! {
        (result_markup)
        (home_body(lang, &service, &form.document))
    };
    page(lang, status, title, "/", body)
}

/// A status entry's state (the stable word of the JSON outcome) as the page says it.
fn state_word(lang: Lang, state: &str) -> String {
    t!(lang, "page-status-state", state = state)
}

/// A form post the page did not send (a field missing, another content type, too large): a
/// problem body like the rest of the service, not the framework's plain text.
fn form_refused(rejection: &FormRejection) -> ServiceError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ServiceError::TooLarge;
    }
    let detail = rejection.body_text();
    ServiceError::bad(|lang| t!(lang, "form-unreadable", detail = detail.as_str()))
}

#[derive(Debug, serde::Deserialize)]
pub(super) struct AskForm {
    kind: String,
    skill: String,
    format: String,
    lang: Option<String>,
    /// The service's API token, when it has one.
    #[serde(default)]
    token: FormSecret,
}

/// A secret typed into a form: never printed, even in debug output.
#[derive(Default, serde::Deserialize)]
#[serde(transparent)]
pub(super) struct FormSecret(String);

impl std::fmt::Debug for FormSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormSecret(…)")
    }
}

/// A refused page request, said as a page in the reader's language (a browser shows HTML, not a
/// problem body).
fn error_page(error: ServiceError, lang: Lang) -> Response {
    let (status, code) = error.status_and_code();
    let title = text!(lang, "error-title");
    let body = html! {
        h1 { (title) }
        p { (error.message(lang)) " [" (code) "]" }
        p { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    };
    page(lang, status, title, "/", body)
}

/// Creates an OpenID4VP request from the page's choices and sends the browser to its page.
async fn ask_form(
    State(service): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<AskForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    match create_page_request(&service, &form, lang) {
        Ok(response) => response,
        Err(error) => error_page(error, lang),
    }
}

fn create_page_request(service: &AppState, form: &AskForm, lang: Lang) -> Result<Response, ServiceError> {
    use credentials::dcql::{assignment_query, skill_query, Query, FORMAT_DC_SD_JWT, FORMAT_LDP_VC};
    let identity = service.identity.as_ref().ok_or(ServiceError::NotFound)?;
    service.check_token(&form.token.0).map_err(|_| ServiceError::WrongToken)?;
    if schemas::Taxonomy::gc_digital_talent().skill(&form.skill).is_none() {
        return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-skill")));
    }
    let format = match form.format.as_str() {
        FORMAT_DC_SD_JWT => FORMAT_DC_SD_JWT,
        FORMAT_LDP_VC => FORMAT_LDP_VC,
        _ => return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-format"))),
    };
    let query = match form.kind.as_str() {
        "skill" => skill_query("credential", format, &form.skill),
        "assignment" => assignment_query("credential", format, Some(&form.skill)),
        _ => return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-kind"))),
    };
    let query = Query { credentials: vec![query], credential_sets: None };
    let policy = crate::oid4vp::Policy {
        lifetime: crate::oid4vp::DEFAULT_LIFETIME,
        max_age: None,
        clock_skew: DEFAULT_CLOCK_SKEW,
        require_status: None,
    };
    let created = service
        .requests
        .create(identity, query, policy, service.verifier.clock.now())
        .map_err(|refusal| ServiceError::Refused(refusal, lang))?;
    let key = crate::oid4vp::random_id("k-");
    service.remember_page_request(&created.id, &key, &created.link);
    Ok(Redirect::to(&format!("/page/ask/{}?k={key}&lang={}", created.id, lang.as_str())).into_response())
}

/// The link of a page request, if `key` opens it.
fn page_request(service: &AppState, id: &str, key: Option<&str>) -> Result<String, ServiceError> {
    service.page_request_link(id, key.unwrap_or_default()).ok_or(ServiceError::NotFound)
}

/// Whether the person answered; once they have, the answer rendered for the page, so the script
/// shows it in place (no reload) and announces it.
async fn ask_status(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let lang = lang_of(query.lang.as_deref(), &headers);
    page_request(&service, &id, query.k.as_deref())?;
    let outcome = service.requests.outcome(&id, service.verifier.clock.now(), lang).ok_or(ServiceError::NotFound)?;
    let status = outcome["status"].as_str().unwrap_or("pending");
    let html = match status {
        "pending" => None,
        "expired" => Some(expired_markup(lang).into_string()),
        _ => Some(outcome_markup(&outcome, lang).into_string()),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({"status": status, "html": html}))).into_response())
}

fn expired_markup(lang: Lang) -> Markup {
    html! { p { (text!(lang, "ask-expired")) } }
}

async fn ask_page(
    State(service): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    match ask_page_markup(&service, &id, &query, lang) {
        Ok(response) => response,
        Err(error) => error_page(error, lang),
    }
}

fn ask_page_markup(service: &AppState, id: &str, query: &LangQuery, lang: Lang) -> Result<Response, ServiceError> {
    let key = query.k.clone().unwrap_or_default();
    let link = page_request(service, id, Some(&key))?;
    let outcome = service.requests.outcome(id, service.verifier.clock.now(), lang).ok_or(ServiceError::NotFound)?;
    let status = outcome["status"].as_str().unwrap_or("pending").to_owned();
    let here = format!("/page/ask/{id}?k={key}");
    let qr = qrcode::QrCode::new(link.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).build())
        .unwrap_or_default();
    // The renderer writes a whole SVG document; the page embeds the element.
    let svg = qr.find("<svg").map(|at| qr[at..].to_owned()).unwrap_or_default();
    let title = text!(lang, "ask-title");
    let body = html! {
        h1 #result-heading tabindex="-1" { (title) }
        div #ask-area {
        @match status.as_str() {
            "pending" => {
                p { (text!(lang, "ask-show-code")) }
                figure.qr {
                    div role="img" aria-label=(text!(lang, "ask-qr-label")) { (PreEscaped(svg)) }
                    figcaption { a href=(link) { (text!(lang, "ask-open-in-wallet")) } }
                }
                p { label for="link" { (text!(lang, "ask-link-label")) } }
                input #link type="text" readonly value=(link);
                p { a href={ (here) "&lang=" (lang.as_str()) } { (text!(lang, "ask-check-now")) } }
            }
            "expired" => { (expired_markup(lang)) }
            _ => { (outcome_markup(&outcome, lang)) }
        }
        }
        @if status == "pending" {
            p #ask-status role="status" aria-live="polite"
                data-poll={ "/page/ask/" (id) "/status?k=" (key) "&lang=" (lang.as_str()) }
                data-done=(text!(lang, "ask-answer-arrived")) {
                (text!(lang, "ask-waiting"))
            }
        }
        p { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    };
    Ok(page(lang, StatusCode::OK, title, &here, body))
}

fn outcome_markup(outcome: &Value, lang: Lang) -> Markup {
    let result = &outcome["result"];
    let verified = outcome["status"] == "verified";
    let empty = Vec::new();
    let credentials = result["credentials"].as_array().unwrap_or(&empty);
    let errors = result["errors"].as_array().unwrap_or(&empty);
    let problems: Vec<&Value> = errors
        .iter()
        .chain(
            result["presentations"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .flat_map(|p| p["errors"].as_array().unwrap_or(&empty)),
        )
        .collect();
    html! {
        div.report.valid[verified].invalid[!verified] {
            p role="status" {
                strong { @if verified { (text!(lang, "answer-valid")) } @else { (text!(lang, "answer-not-valid")) } }
            }
            @if let Some(holder) = result["holder"].as_str() {
                p { (t!(lang, "answer-presented-by", holder = holder)) }
            }
            @for credential in credentials {
                dl {
                    dt { (text!(lang, "report-issuer-label")) } dd { (credential["issuer"].as_str().unwrap_or("?")) }
                    dt { (text!(lang, "answer-kind-label")) } dd { (credential["types"].as_array().map(|types| types.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")).unwrap_or_default()) }
                    @if let Some(disclosed) = credential["disclosed"].as_array() {
                        dt { (text!(lang, "report-disclosed-label")) }
                        dd { (disclosed.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")) }
                    }
                    @if let Some(claims) = credential["claims"].as_object() {
                        @for (path, values) in claims {
                            dt { (path) } dd { (values.to_string()) }
                        }
                    }
                    @if let Some(status) = credential["status"].as_array().filter(|s| !s.is_empty()) {
                        dt { (text!(lang, "answer-status-label")) } dd { (status.iter().filter_map(Value::as_str).map(|state| state_word(lang, state)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
            @if !problems.is_empty() {
                h2 { (text!(lang, "answer-why")) }
                ul.checks {
                    @for problem in &problems {
                        li.failed {
                            span.mark aria-hidden="true" { "✗" } " "
                            (problem["message"].as_str().unwrap_or("")) " [" (problem["code"].as_str().unwrap_or("")) "]"
                        }
                    }
                }
            }
        }
    }
}

/// The keys of requests started from the page, and their links (bounded like the requests).
#[derive(Debug, Default)]
pub struct PageRequests {
    by_id: std::sync::Mutex<HashMap<String, (String, String)>>,
}

impl PageRequests {
    /// Remembers a request started from the page; when full, forgets those `requests` no
    /// longer holds (clearing them all dropped requests still open; found by review).
    pub(super) fn remember(&self, id: &str, key: &str, link: &str, requests: &crate::oid4vp::Requests) {
        let mut all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if all.len() >= crate::oid4vp::MAX_REQUESTS {
            let held = requests.ids();
            all.retain(|id, _| held.contains(id));
        }
        if all.len() >= crate::oid4vp::MAX_REQUESTS {
            all.clear();
        }
        all.insert(id.to_owned(), (key.to_owned(), link.to_owned()));
    }

    pub(super) fn link(&self, id: &str, key: &str) -> Option<String> {
        use subtle::ConstantTimeEq;
        let all = self.by_id.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (expected, link) = all.get(id)?;
        bool::from(expected.as_bytes().ct_eq(key.as_bytes())).then(|| link.clone())
    }
}
