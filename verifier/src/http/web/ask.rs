//! Asking a person for a credential from the page: the form creates an OpenID4VP request and
//! sends the browser to its page, which shows a QR code and a link for the wallet, and the
//! answer once it arrives (the script polls for it; without script, a link checks again).

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use lang::Lang;
use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};

use crate::domain::error::ServiceError;
use crate::domain::page_ask::{ask, PageAsk};
use crate::domain::profile::blind;
use crate::domain::profile::query::PROFILE_PREFIX;
use crate::domain::service::VerifierService;
use crate::http::language::lang_of;
use crate::http::problem::form_refused;
use crate::http::web::forms::{AskForm, LangQuery};
use crate::http::web::outcome::{expired_markup, outcome_markup};
use crate::http::web::page::{error_page, page};
use crate::http::web::profile_actions::blind_markup;
use crate::i18n::text;

/// Creates an OpenID4VP request from the page's choices and sends the browser to its page.
pub(crate) async fn ask_form(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    form: Result<Form<AskForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    let choices = PageAsk { kind: &form.kind, skill: &form.skill, token: form.token.reveal() };
    match ask(&service, &choices, lang).await {
        Ok(created) => {
            Redirect::to(&format!("/page/ask/{}?k={}&lang={}", created.id, created.key, lang.as_str())).into_response()
        }
        Err(error) => error_page(error, lang),
    }
}

/// The link of a page request, if `key` opens it.
async fn page_request(service: &VerifierService, id: &str, key: Option<&str>) -> Result<String, ServiceError> {
    service.requests().page_link(id, key.unwrap_or_default()).await?.ok_or(ServiceError::NotFound)
}

/// Whether the person answered; once they have, the answer rendered for the page, so the script
/// shows it in place (no reload) and announces it.
pub(crate) async fn ask_status(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let lang = lang_of(query.lang.as_deref(), &headers);
    page_request(&service, &id, query.k.as_deref()).await?;
    let mut outcome = service.requests().outcome(&id, service.now(), lang).await?.ok_or(ServiceError::NotFound)?;
    blind::apply(&mut outcome, &blind::blindness(&service, &id).await?, lang);
    let status = outcome["status"].as_str().unwrap_or("pending");
    let key = query.k.as_deref().unwrap_or_default();
    // A failed answer that leaves the request open: said, while the code stays for another try.
    let retry = retrying(&outcome);
    let html = match status {
        "pending" => None,
        "expired" => Some(expired_markup(lang).into_string()),
        _ if retry => Some(failed_markup(&outcome, lang).into_string()),
        _ => Some(answered_markup(&outcome, &id, key, lang).into_string()),
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({"status": status, "retry": retry, "html": html})))
        .into_response())
}

/// A request's page: the QR code and link while it is open, then its answer.
pub(crate) async fn ask_page(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    match ask_page_markup(&service, &id, &query, lang).await {
        Ok(response) => response,
        Err(error) => error_page(error, lang),
    }
}

async fn ask_page_markup(
    service: &VerifierService,
    id: &str,
    query: &LangQuery,
    lang: Lang,
) -> Result<Response, ServiceError> {
    let key = query.k.clone().unwrap_or_default();
    let link = page_request(service, id, Some(&key)).await?;
    let mut outcome = service.requests().outcome(id, service.now(), lang).await?.ok_or(ServiceError::NotFound)?;
    // Name-blind until revealed: what identifies the person leaves before anything is shown.
    blind::apply(&mut outcome, &blind::blindness(service, id).await?, lang);
    let status = outcome["status"].as_str().unwrap_or("pending").to_owned();
    let retry = retrying(&outcome);
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
            _ if status == "pending" || retry => {
                div #ask-failed { @if retry { (failed_markup(&outcome, lang)) } }
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
            _ => { (answered_markup(&outcome, id, &key, lang)) }
        }
        }
        @if status == "pending" || retry {
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

/// Whether the last answer failed and the person may answer again.
fn retrying(outcome: &Value) -> bool {
    outcome["status"] == "failed" && outcome["answerable"] == true
}

/// A failed answer while the request stays open: that it failed and why, and that the person
/// may try again.
fn failed_markup(outcome: &Value, lang: Lang) -> Markup {
    html! {
        p.error role="alert" { (text!(lang, "ask-last-failed")) }
        (outcome_markup(outcome, lang))
    }
}

/// The answer, and for a talent profile the link to its page.
fn answered_markup(outcome: &Value, id: &str, key: &str, lang: Lang) -> Markup {
    let profile = outcome["dcql_query"]["credentials"].as_array().is_some_and(|queries| {
        queries.iter().all(|q| q["id"].as_str().is_some_and(|id| id.starts_with(PROFILE_PREFIX)))
    });
    html! {
        (blind_markup(&outcome["name_blind"], id, Some(key), "ask", lang))
        (outcome_markup(outcome, lang))
        @if profile && outcome["result"].is_object() {
            p.profile-link { a href={ "/profiles/" (id) "?k=" (key) "&lang=" (lang.as_str()) } { strong { (text!(lang, "profile-open")) } } }
        }
    }
}
