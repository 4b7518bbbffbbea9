//! What every console page reads from a request and writes in its answer: the session and
//! language cookies, the reader's language, forms, and the redirects to sign in. The two
//! extractors make the order of checks the same on every page: a page (`SignedIn`) or a form
//! (`SignedForm`) reaches its handler only with a live session, and a form only with its CSRF
//! token checked, so no handler can forget either.

use std::collections::HashMap;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use lang::{Lang, Wish};
use maud::Markup;

use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::http::console::frame::{error_page, page};
use crate::http::extract::AppState;

/// The session cookie.
pub(super) const SESSION_COOKIE: &str = "tc_console";
/// The browser's secret of a single sign-on under way.
pub(super) const LOGIN_COOKIE: &str = "tc_console_login";
/// The remembered language.
pub(super) const LANG_COOKIE: &str = "tc_console_lang";

/// A cookie's value, if the request carries it.
pub(super) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

/// The reader's language: asked (`?lang=`, a form's field), else remembered, else the browser's.
pub(super) fn lang_of(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    let remembered = cookie(headers, LANG_COOKIE);
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    lang::choose([Wish::Asked(asked), Wish::Asked(remembered.as_deref()), Wish::AcceptLanguage(accepted)])
}

/// Whether the request reached us on a loopback address (a local demo without TLS).
fn on_loopback(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let name = host
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(host, |(name, _)| name);
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// A `Set-Cookie` value for the console.
pub(super) fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut built = cookie::Cookie::build((name.to_owned(), value.to_owned()))
        .path("/console")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(!on_loopback(headers));
    if let Some(seconds) = max_age {
        built = built.max_age(cookie::time::Duration::seconds(seconds));
    }
    HeaderValue::from_str(&built.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` of a single sign-on under way (`max_age` 0: ended): `SameSite=Lax`, so that
/// the browser sends it back with the provider's redirect to the callback, and only there.
pub(super) fn login_cookie(headers: &HeaderMap, value: &str, max_age: i64) -> HeaderValue {
    let built = cookie::Cookie::build((LOGIN_COOKIE, value.to_owned()))
        .path("/console/oidc")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(!on_loopback(headers))
        .max_age(cookie::time::Duration::seconds(max_age));
    HeaderValue::from_str(&built.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The signed-in staff member of this request.
pub(super) async fn staff(service: &AppState, headers: &HeaderMap) -> Result<StaffSession, IssuerError> {
    let secret = cookie(headers, SESSION_COOKIE).ok_or(IssuerError::Unauthorized)?;
    service.staff_session(&secret).await
}

/// Sent to sign in: a session that ended or never was (`expired` when a cookie was presented).
pub(super) fn to_sign_in(headers: &HeaderMap, lang: Lang) -> Response {
    let expired = cookie(headers, SESSION_COOKIE).is_some();
    let location = format!("/console?lang={}{}", lang.as_str(), if expired { "&expired=1" } else { "" });
    see_other(&location)
}

/// A redirect after a form, or to sign in.
pub(super) fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A link's form of a credential id (a path segment) or of a query value.
pub(super) fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// A form's fields (`application/x-www-form-urlencoded`), the first of each name.
pub(super) fn form_fields(body: &[u8]) -> HashMap<String, String> {
    let mut fields = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(body) {
        fields.entry(name.into_owned()).or_insert_with(|| value.into_owned());
    }
    fields
}

/// Largest console form read (a status change, an issue or offer form); a CSV upload is read by
/// its own page.
const FORM_LIMIT: usize = 256 * 1024;

/// A console page's reader: signed in, in their language, with the page's query.
pub(super) struct SignedIn {
    pub session: StaffSession,
    pub lang: Lang,
    pub query: HashMap<String, String>,
    pub headers: HeaderMap,
}

impl SignedIn {
    /// A query value, trimmed, if not empty.
    pub fn asked(&self, name: &str) -> Option<&str> {
        self.query.get(name).map(|value| value.trim()).filter(|value| !value.is_empty())
    }

    /// The page in the reader's language, which is remembered when they asked for it.
    pub fn page(&self, status: StatusCode, title: &str, here: &str, body: Markup) -> Response {
        let mut response = page(self.lang, status, title, here, Some(&self.session), body);
        if self.query.contains_key("lang") {
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(&self.headers, LANG_COOKIE, self.lang.as_str(), Some(31_536_000)),
            );
        }
        response
    }

    /// A refused request, said as a page.
    pub fn refused(&self, error: &IssuerError, here: &str) -> Response {
        error_page(error, self.lang, here, Some(&self.session))
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, service: &AppState) -> Result<Self, Response> {
        let query = parts.uri.query().map(|query| form_fields(query.as_bytes())).unwrap_or_default();
        let lang = lang_of(query.get("lang").map(String::as_str), &parts.headers);
        match staff(service, &parts.headers).await {
            Ok(session) => Ok(Self { session, lang, query, headers: parts.headers.clone() }),
            Err(_) => Err(to_sign_in(&parts.headers, lang)),
        }
    }
}

/// A form posted by a signed-in staff member, its CSRF token checked before the handler runs.
pub(super) struct SignedForm {
    pub session: StaffSession,
    pub lang: Lang,
    pub fields: HashMap<String, String>,
    pub headers: HeaderMap,
    /// Every field in the order sent, for a name given several times (checkboxes).
    pub pairs: Vec<(String, String)>,
}

impl SignedForm {
    /// A field, trimmed, if not empty.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(|value| value.trim()).filter(|value| !value.is_empty())
    }

    /// A refused form, said as a page.
    pub fn refused(&self, error: &IssuerError, here: &str) -> Response {
        error_page(error, self.lang, here, Some(&self.session))
    }

    /// Every value given for `name`, trimmed, empty ones left out.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(field, _)| field == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
            .collect()
    }
}

impl FromRequest<AppState> for SignedForm {
    type Rejection = Response;

    async fn from_request(request: Request, service: &AppState) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        let here = parts.uri.path().to_owned();
        let fallback = lang_of(None, &parts.headers);
        let Ok(bytes) = axum::body::to_bytes(body, FORM_LIMIT).await else {
            let error = IssuerError::BadRequest(crate::i18n::detail!("console-form-too-large"));
            return Err(error_page(&error, fallback, &here, None));
        };
        let fields = form_fields(&bytes);
        let lang = lang_of(fields.get("lang").map(String::as_str), &parts.headers);
        let Ok(session) = staff(service, &parts.headers).await else {
            return Err(to_sign_in(&parts.headers, lang));
        };
        if let Err(error) = session.check_form(fields.get("csrf").map(String::as_str)) {
            return Err(error_page(&error, lang, &here, Some(&session)));
        }
        let pairs = url::form_urlencoded::parse(&bytes).into_owned().collect();
        Ok(Self { session, lang, fields, headers: parts.headers, pairs })
    }
}
