//! The frame of every console page: head, a header with the department's staff member and the
//! language toggle, the security headers (a strict Content-Security-Policy as on the verifier's
//! page, scripts only from this origin, never cached, no referrer, not framed), and the style sheet.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lang::Lang;
use maud::{html, Markup, DOCTYPE};

use crate::domain::error::IssuerError;
use crate::domain::sessions::StaffSession;
use crate::http::problem::status_of;
use crate::i18n::t;

/// Only this origin's files (its one script only improves a page: the upload's live progress,
/// read from this origin's events); forms post here; nothing may frame the page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The console's style sheet, served at `/console/static/console.css`.
pub const CSS: &str = include_str!("console.css");

/// The console's script, served at `/console/static/console.js`: the upload's live progress.
pub const JS: &str = include_str!("console.js");

/// A whole console page in `lang`; `here` is its path (for the language toggle).
pub fn page(
    lang: Lang,
    status: StatusCode,
    title: &str,
    here: &str,
    staff: Option<&StaffSession>,
    body: Markup,
) -> Response {
    let other = lang.other();
    let separator = if here.contains('?') { '&' } else { '?' };
    let markup = html! {
        (DOCTYPE)
        html lang=(lang.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (t!(lang, "console-brand")) }
                link rel="stylesheet" href="/console/static/console.css";
                script src="/console/static/console.js" defer {}
            }
            body {
                a.skip href="#main" { (t!(lang, "console-skip")) }
                header {
                    p.brand { (t!(lang, "console-brand")) }
                    nav aria-label=(t!(lang, "console-nav")) {
                        ul {
                            @if let Some(staff) = staff {
                                li { a href={ "/console/home?lang=" (lang.as_str()) } { (t!(lang, "console-home")) } }
                                @if staff.may(crate::domain::tokens::Scope::Issue) {
                                    li { a href={ "/console/issue?lang=" (lang.as_str()) } { (t!(lang, "console-issue-title")) } }
                                    li { a href={ "/console/offer?lang=" (lang.as_str()) } { (t!(lang, "console-offer-title")) } }
                                    li { a href={ "/console/upload?lang=" (lang.as_str()) } { (t!(lang, "upload-nav")) } }
                                }
                                li { a href={ "/console/credentials?lang=" (lang.as_str()) } { (t!(lang, "console-find-title")) } }
                                @if staff.may(crate::domain::tokens::Scope::Admin) {
                                    li { a href={ "/console/audit?lang=" (lang.as_str()) } { (t!(lang, "console-audit-title")) } }
                                    li { a href={ "/console/keys?lang=" (lang.as_str()) } { (t!(lang, "console-keys-title")) } }
                                }
                                li.who { (t!(lang, "console-signed-in-as", name = staff.name.as_str(), department = staff.principal.department.as_str())) }
                                li {
                                    form method="post" action="/console/sign-out" {
                                        input type="hidden" name="csrf" value=(staff.csrf);
                                        input type="hidden" name="lang" value=(lang.as_str());
                                        button type="submit" { (t!(lang, "console-sign-out")) }
                                    }
                                }
                            }
                            li { a href={ (here) (separator) "lang=" (other.as_str()) } lang=(other.as_str()) hreflang=(other.as_str()) { (t!(lang, "console-other-language")) } }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    };
    let mut response = (status, markup).into_response();
    service_kit::secure_page(&mut response, CONTENT_SECURITY_POLICY);
    response
}

/// A refused console request, said as a page.
pub fn error_page(error: &IssuerError, lang: Lang, here: &str, staff: Option<&StaffSession>) -> Response {
    let title = t!(lang, "console-error-title");
    let body = html! {
        h1 { (title) }
        p.error role="alert" { (error.detail(lang)) " [" (error.code()) "]" }
        p { a href={ "/console/home?lang=" (lang.as_str()) } { (t!(lang, "console-back-home")) } }
    };
    page(lang, status_of(error), &title, here, staff, body)
}
