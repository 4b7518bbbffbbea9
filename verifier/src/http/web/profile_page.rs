//! The manager's talent profile page, `/profiles/{id}`, and the same content as JSON,
//! `/profiles/{id}.json`: one printable page (the style sheet has a print part) in English or
//! French, skills grouped by family with level and independent issuers, assignments as a
//! timeline, every credential a line with its verdict, and when its status was checked.
//!
//! Who may read it: whoever holds the request's page link (`?k=KEY`, the key in the link the
//! page's form gave, as for `/page/ask/{id}`), or an API token with the `read` scope (`Bearer`),
//! as for `GET /presentation-requests/{id}`. Nobody else learns that the profile exists (404).

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lang::Lang;
use maud::{html, Markup};
use serde_json::Value;
use service_kit::Problem;

use crate::domain::error::ServiceError;
use crate::domain::profile::view::profile;
use crate::domain::profile::{blind, recheck};
use crate::domain::service::{Scope, VerifierService};
use crate::domain::visible::visible;
use crate::http::language::lang_of;
use crate::http::web::forms::LangQuery;
use crate::http::web::line::line_markup;
use crate::http::web::page::{error_page, page};
use crate::http::web::profile_actions::{blind_markup, check_again_markup, clock};
use crate::i18n::{t, text};

/// Whether this caller may read request `id`: its page key, else a `read` token.
async fn open(service: &VerifierService, id: &str, key: Option<&str>, headers: &HeaderMap) -> Result<(), ServiceError> {
    match key.filter(|key| !key.is_empty()) {
        Some(key) => service.requests().page_link(id, key).await?.map(|_| ()).ok_or(ServiceError::NotFound),
        None => service.authorize(service_kit::bearer(headers), Scope::Read).await.map(|_| ()),
    }
}

/// The profile of request `id` in `lang`, once the caller may read it.
async fn read(
    service: &Arc<VerifierService>,
    id: &str,
    key: Option<&str>,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<Value, ServiceError> {
    open(service, id, key, headers).await?;
    // Past the status cache period, this view reads the status lists again first.
    recheck::refresh_if_stale(service, id).await?;
    let mut outcome = service.requests().outcome(id, service.now(), lang).await?.ok_or(ServiceError::NotFound)?;
    // Name-blind until revealed: what identifies the person leaves before anything is built.
    blind::apply(&mut outcome, &blind::blindness(service, id).await?, lang);
    let mut profile = profile(&outcome, lang);
    profile["name_blind"] = outcome["name_blind"].take();
    Ok(profile)
}

/// `GET /profiles/{id}.json`: a talent profile's content (the page's, as JSON).
#[utoipa::path(get, tag = "presentation requests", path = "/profiles/{id}.json",
    params(("id" = String, Path), ("k" = Option<String>, Query, description = "the key of a request started from the page"),
        ("lang" = Option<String>, Query, description = "en or fr (else Accept-Language)")),
    security(("bearer" = []), ()),
    responses((status = 200, description = "the profile: families of skills with their lines, assignments (latest first), other lines, when status was checked"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(crate) async fn profile_get(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    if let Some(id) = id.strip_suffix(".json") {
        return match read(&service, id, query.k.as_deref(), &headers, lang).await {
            Ok(profile) => ([(header::CACHE_CONTROL, "no-store")], Json(profile)).into_response(),
            Err(error) => error.into_response(),
        };
    }
    match read(&service, &id, query.k.as_deref(), &headers, lang).await {
        Ok(profile) => {
            let key = query.k.as_deref().map(|k| format!("?k={k}")).unwrap_or_default();
            let here = format!("/profiles/{id}{key}");
            let json = format!("/profiles/{id}.json{key}");
            let body = profile_markup(&profile, (&id, query.k.as_deref()), &json, lang);
            page(lang, StatusCode::OK, text!(lang, "profile-title"), &here, body)
        }
        Err(error) => error_page(error, lang),
    }
}

/// The profile page's body; `(id, key)` for its forms (only a page opened by its link has them);
/// `json` the address of its JSON (none for a pasted profile file, which shows its audience and
/// expiry checked instead).
pub fn profile_markup(profile: &Value, (id, key): (&str, Option<&str>), json: &str, lang: Lang) -> Markup {
    let empty = Vec::new();
    let families = profile["families"].as_array().unwrap_or(&empty);
    let assignments = profile["assignments"].as_array().unwrap_or(&empty);
    let other = profile["other"].as_array().unwrap_or(&empty);
    let errors = profile["errors"].as_array().unwrap_or(&empty);
    let pending = profile["status"] == "pending";
    let retry = profile["status"] == "failed" && profile["answerable"] == true;
    let count = |name: &str| profile[name].as_u64().unwrap_or_default();
    html! {
        h1 #result-heading tabindex="-1" { (text!(lang, "profile-title")) }
        @if let (Some(audience), Some(expires)) = (profile.pointer("/file/audience").and_then(Value::as_str), profile.pointer("/file/expires").and_then(Value::as_str)) {
            div.notice #profile-file role="status" {
                p { strong { "✓ " (visible(&t!(lang, "profile-file-audience-checked", audience = audience))) } }
                p { (visible(&t!(lang, "profile-file-valid-until", expires = expires))) }
            }
        }
        (blind_markup(&profile["name_blind"], id, key, "profile", lang))
        @if pending {
            p role="status" { (text!(lang, "profile-pending")) }
        } @else {
            p.summary role="status" {
                strong { (t!(lang, "profile-summary", verified = count("verified_lines"), total = count("lines"))) }
                @if let Some(time) = clock(&profile["checked_at"]) {
                    " " (t!(lang, "profile-checked-at", time = time))
                }
            }
            (check_again_markup(id, key, lang))
            @if let Some(hidden) = profile["own_words_hidden"].as_u64().filter(|count| *count > 0) {
                p { em { (t!(lang, "blind-own-words-hidden", count = hidden)) } }
            }
            @if retry { p.error { (text!(lang, "profile-last-failed")) } }
            @if let Some(holder) = profile["holder"].as_str() {
                p { (visible(&t!(lang, "answer-presented-by", holder = holder))) }
            }
            section aria-labelledby="skills-heading" {
                h2 #skills-heading { (text!(lang, "profile-skills-heading")) }
                @if families.is_empty() { p { (text!(lang, "profile-no-skills")) } }
                @for family in families {
                    h3 { (visible(family["name"].as_str().unwrap_or("?"))) }
                    ul.skills {
                        @for skill in family["skills"].as_array().unwrap_or(&empty) {
                            li {
                                h4 {
                                    (visible(skill["name"].as_str().unwrap_or("?")))
                                    @if let Some(level) = skill["level_name"].as_str() { " — " (visible(level)) }
                                }
                                p.issuers { (t!(lang, "profile-issuers", count = skill["independent_issuers"].as_u64().unwrap_or_default())) }
                                @for line in skill["lines"].as_array().unwrap_or(&empty) { (line_markup(line, lang)) }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="assignments-heading" {
                h2 #assignments-heading { (text!(lang, "profile-assignments-heading")) }
                @if assignments.is_empty() { p { (text!(lang, "profile-no-assignments")) } }
                @else {
                    ol.timeline {
                        @for line in assignments { li { (line_markup(line, lang)) } }
                    }
                }
            }
            @if !other.is_empty() {
                section aria-labelledby="other-heading" {
                    h2 #other-heading { (text!(lang, "profile-other-heading")) }
                    @for line in other { (line_markup(line, lang)) }
                }
            }
            @if !errors.is_empty() {
                h2 { (text!(lang, "answer-why")) }
                ul.checks {
                    @for problem in errors {
                        li.failed {
                            span.mark aria-hidden="true" { "✗" } " "
                            (visible(problem["message"].as_str().unwrap_or(""))) " [" (visible(problem["code"].as_str().unwrap_or(""))) "]"
                        }
                    }
                }
            }
        }
        @if !json.is_empty() {
            p.no-print { a href={ (json) (if json.contains('?') { '&' } else { '?' }) "lang=" (lang.as_str()) } { (text!(lang, "profile-json")) } }
        }
        p.no-print { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    }
}
