//! What a manager does to an answered request from its page: reveal the person of a name-blind
//! view (`POST /profiles/{id}/reveal`, recorded) and read its credentials' status again (`POST
//! /profiles/{id}/check`). Both are forms that post the page link's key (`k`) in their body, as
//! the page's other forms post the API token: there is no cookie, so another site's form cannot
//! act for the manager without the key it does not know. An API client sends its token
//! (`Bearer`, `read` scope) instead and is sent to the profile's JSON.

use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use lang::Lang;
use maud::{html, Markup};
use serde_json::Value;

use crate::domain::error::ServiceError;
use crate::domain::profile::{blind, recheck};
use crate::domain::service::{Scope, VerifierService};
use crate::http::language::lang_of;
use crate::http::problem::form_refused;
use crate::http::web::page::error_page;
use crate::i18n::{t, text};

/// The fields of both forms.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ActionForm {
    /// The page link's key; empty for an API client with a token.
    #[serde(default)]
    pub k: String,
    pub lang: Option<String>,
    /// `ask` to go back to the request's page, else the profile page.
    #[serde(default)]
    pub back: String,
}

/// Who acts on request `id`: `link` for its page link's key, `token:ID` for an API token.
async fn who(service: &VerifierService, id: &str, key: &str, headers: &HeaderMap) -> Result<String, ServiceError> {
    if key.is_empty() {
        let token = service.authorize(service_kit::bearer(headers), Scope::Read).await?;
        return Ok(format!("token:{token}"));
    }
    service.requests().page_link(id, key).await?.ok_or(ServiceError::NotFound)?;
    Ok("link".to_owned())
}

/// Where the browser (or client) goes once done.
fn back(id: &str, form: &ActionForm, lang: Lang) -> Response {
    let lang = lang.as_str();
    let to = match (form.k.as_str(), form.back.as_str()) {
        ("", _) => format!("/profiles/{id}.json?lang={lang}"),
        (key, "ask") => format!("/page/ask/{id}?k={key}&lang={lang}"),
        (key, _) => format!("/profiles/{id}?k={key}&lang={lang}"),
    };
    Redirect::to(&to).into_response()
}

/// `POST /profiles/{id}/reveal`: shows the person of a name-blind view from now on, recorded
/// with who and when.
pub(crate) async fn reveal_form(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    let done = async {
        let by = who(&service, &id, &form.k, &headers).await?;
        blind::reveal(&service, &id, &by).await
    };
    match done.await {
        Ok(_) => back(&id, &form, lang),
        Err(error) => error_page(error, lang),
    }
}

/// `POST /profiles/{id}/check`: reads the status lists of the answer's credentials again (each
/// at most once a minute) and updates the lines and the time status was checked.
pub(crate) async fn check_form(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return error_page(form_refused(&rejection), lang_of(None, &headers)),
    };
    let lang = lang_of(form.lang.as_deref(), &headers);
    let done = async {
        who(&service, &id, &form.k, &headers).await?;
        recheck::check_again(&service, &id).await
    };
    match done.await {
        Ok(()) => back(&id, &form, lang),
        Err(error) => error_page(error, lang),
    }
}

/// "HH:MM" of an RFC 3339 time (UTC).
pub fn clock(value: &Value) -> Option<String> {
    value.as_str().and_then(|time| time.get(11..16)).map(str::to_owned)
}

/// A form posting the page link's key to `/profiles/{id}/{action}`.
fn action_form(id: &str, action: &str, key: &str, back: &str, lang: Lang, label: &str) -> Markup {
    html! {
        form.no-print method="post" action={ "/profiles/" (id) "/" (action) } {
            input type="hidden" name="k" value=(key);
            input type="hidden" name="lang" value=(lang.as_str());
            input type="hidden" name="back" value=(back);
            button type="submit" { (label) }
        }
    }
}

/// What a view says of name-blindness (`name_blind` of the outcome or profile): while hidden,
/// why, and the reveal button when the page was opened by its link (`key`); once revealed,
/// when.
pub fn blind_markup(name_blind: &Value, id: &str, key: Option<&str>, back: &str, lang: Lang) -> Markup {
    html! {
        @if name_blind["hidden"] == true {
            div.notice #name-blind {
                p { strong { (text!(lang, "blind-notice")) } }
                @if let Some(key) = key.filter(|key| !key.is_empty()) {
                    p.help { (text!(lang, "blind-reveal-help")) }
                    (action_form(id, "reveal", key, back, lang, text!(lang, "blind-reveal")))
                }
            }
        } @else if let Some(time) = clock(&name_blind["revealed_at"]) {
            p #name-blind { (t!(lang, "blind-revealed-at", time = time)) }
        }
    }
}

/// The "check again now" button, when the page was opened by its link (`key`).
pub fn check_again_markup(id: &str, key: Option<&str>, lang: Lang) -> Markup {
    html! {
        @if let Some(key) = key.filter(|key| !key.is_empty()) {
            (action_form(id, "check", key, "profile", lang, text!(lang, "profile-check-again")))
            p.help.no-print { (text!(lang, "profile-check-again-help")) }
        }
    }
}
