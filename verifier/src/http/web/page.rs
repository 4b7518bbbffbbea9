//! The frame every page of the verifier shares: its head, header with the language toggle, and
//! footer; the security headers (a strict Content-Security-Policy, no caching, no referrer);
//! the page's own CSS and script; and a refused request said as a page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lang::Lang;
use maud::{html, Markup, DOCTYPE};

use crate::domain::error::ServiceError;
use crate::domain::visible::visible;
use crate::http::problem::status;
use crate::i18n::text;

/// Only this origin's files; forms post here; nothing may frame the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The page's style sheet, served at `/static/page.css`.
pub const CSS: &str = include_str!("page.css");
/// The page's one script, served at `/static/page.js`.
pub const JS: &str = include_str!("page.js");

pub use service_kit::asset;

/// A whole page: security headers, never cached (it may show personal data).
pub fn page(lang: Lang, status: StatusCode, title: &str, toggle: &str, body: Markup) -> Response {
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
    service_kit::secure_page(&mut response, CONTENT_SECURITY_POLICY);
    response
}

/// A refused page request, said as a page in the reader's language (a browser shows HTML, not a
/// problem body).
pub fn error_page(error: ServiceError, lang: Lang) -> Response {
    let (status, code) = (status(&error), error.code());
    let title = text!(lang, "error-title");
    let body = html! {
        h1 { (title) }
        p { (visible(&error.message(lang))) " [" (code) "]" }
        p { a href={ "/?lang=" (lang.as_str()) } { (text!(lang, "page-back")) } }
    };
    page(lang, status, title, "/", body)
}
