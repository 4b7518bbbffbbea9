//! Single sign-on of the console with the department's OpenID Connect provider: `start` keeps
//! the sign-in in the database and sends the browser to the provider, with a cookie of its own
//! (`SameSite=Lax`, so that it comes back with the provider's redirect, which the session's
//! `Strict` cookie would not); `callback` finishes it once. The session cookie is set on a page
//! that moves on to the dashboard itself (a `Refresh`), because a `Strict` cookie is not sent on
//! a redirect chain that began at another site.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use lang::Lang;
use maud::html;

use crate::domain::error::IssuerError;
use crate::http::console::frame::page;
use crate::http::console::pages::sign_in_response;
use crate::http::console::request::{
    cookie, lang_of, login_cookie, see_other, segment, set_cookie, LOGIN_COOKIE, SESSION_COOKIE,
};
use crate::http::extract::AppState;
use crate::i18n::t;

/// The single sign-on routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/console/oidc/start", get(start)).route("/console/oidc/callback", get(callback))
}

/// A refused or failed sign-in: the sign-in page saying why (a provider's failure is logged).
async fn refused(service: &AppState, headers: &HeaderMap, lang: Lang, error: &IssuerError) -> Response {
    if let IssuerError::IdentityProvider(_) | IssuerError::Store(_) | IssuerError::Unexpected(_) = error {
        tracing::error!(error = %error, "single sign-on failed");
    }
    let mut response = sign_in_response(service, lang, false, Some(error)).await;
    response.headers_mut().append(header::SET_COOKIE, login_cookie(headers, "", 0));
    response
}

/// `GET /console/oidc/start?department=…`: to the department's provider.
async fn start(
    State(service): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let lang = lang_of(query.get("lang").map(String::as_str), &headers);
    let department = query.get("department").map(String::as_str).unwrap_or_default();
    match service.begin_oidc(department, lang).await {
        Ok(start) => {
            let mut response = see_other(&start.authorize_url);
            let seconds = i64::try_from(crate::domain::oidc::LOGIN_VALIDITY.as_secs()).unwrap_or(600);
            response.headers_mut().append(header::SET_COOKIE, login_cookie(&headers, &start.browser_secret, seconds));
            response
        }
        Err(error) => refused(&service, &headers, lang, &error).await,
    }
}

/// `GET /console/oidc/callback?code=…&state=…` (or `?error=…&state=…`): the provider sent the
/// browser back.
async fn callback(
    State(service): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let browser = cookie(&headers, LOGIN_COOKIE);
    let state = query.get("state").map(String::as_str).unwrap_or_default();
    let login = match service.take_oidc_login(state, browser.as_deref()).await {
        Ok(login) => login,
        Err(error) => return refused(&service, &headers, lang_of(None, &headers), &error).await,
    };
    // Said in the language the sign-in was started in.
    let lang = login.lang();
    if query.contains_key("error") {
        return refused(&service, &headers, lang, &IssuerError::SignInCancelled).await;
    }
    let code = query.get("code").map(String::as_str).unwrap_or_default();
    let (secret, session) = match service.finish_oidc(login, code, query.get("iss").map(String::as_str)).await {
        Ok(signed_in) => signed_in,
        Err(error) => return refused(&service, &headers, lang, &error).await,
    };
    let home = format!("/console/home?lang={}", segment(lang.as_str()));
    let title = t!(lang, "console-signed-in-title");
    let body = html! {
        h1 { (title) }
        p { a href=(home) { (t!(lang, "console-continue", name = session.name.as_str())) } }
    };
    let mut response = page(lang, StatusCode::OK, &title, "/console", None, body);
    let headers_out = response.headers_mut();
    headers_out.append(header::SET_COOKIE, set_cookie(&headers, SESSION_COOKIE, &secret, None));
    headers_out.append(header::SET_COOKIE, login_cookie(&headers, "", 0));
    if let Ok(refresh) = HeaderValue::from_str(&format!("0; url={home}")) {
        headers_out.insert(header::REFRESH, refresh);
    }
    response
}
