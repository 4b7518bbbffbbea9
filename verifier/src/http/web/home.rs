//! The page at `/`: a box to paste or drop a document to check, and, when this verifier asks
//! wallets for credentials, a form to ask a person for one.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use lang::Lang;
use maud::{html, Markup};

use crate::domain::service::VerifierService;
use crate::http::language::lang_of;
use crate::http::web::forms::LangQuery;
use crate::http::web::page::page;
use crate::http::web::profile_form::profile_form;
use crate::i18n::text;

/// `GET /`.
pub(crate) async fn home(
    State(service): State<Arc<VerifierService>>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.lang.as_deref(), &headers);
    let body = html! {
        h1 { (text!(lang, "home-title")) }
        (home_body(lang, &service, ""))
        @if service.identity().is_some() {
            (profile_form(lang, &service, query.q.as_deref().unwrap_or_default()))
        }
    };
    page(lang, StatusCode::OK, text!(lang, "home-title"), "/", body)
}

/// The two forms, with `pasted` kept in the box.
pub fn home_body(lang: Lang, service: &VerifierService, pasted: &str) -> Markup {
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
        @if service.identity().is_some() {
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
                    @if service.has_api_token() {
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
