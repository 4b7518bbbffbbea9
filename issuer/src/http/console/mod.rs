//! The staff console (issue #24): server-rendered pages under `/console` for the department's
//! HR staff, in English and French, working without JavaScript. This module holds what every
//! page shares: the session cookie (`HttpOnly; SameSite=Strict; Path=/console`, `Secure`
//! except on a loopback address, where a demo runs without TLS), the reader's language (asked,
//! else remembered in a cookie, else the browser's), forms read with their CSRF token checked
//! before anything is done, and a signed-out or timed-out visitor sent to sign in (a form posted
//! then is not performed). Staff sign in with their department's OpenID Connect provider
//! (`oidc.rs`), or with an API token where none is configured. Staff with the `issue` scope
//! upload a CSV file of rows to issue (`upload.rs`); that page alone uses JavaScript, and only to
//! show the progress live.

mod audit_page;
mod entries;
mod find_page;
mod forms;
mod frame;
mod issue_page;
mod keys_page;
mod multipart;
mod offer_page;
mod oidc;
mod pages;
mod request;
mod upload;
mod upload_events;

/// The console's routes: its pages (the search and the signing keys in modules of their own), and
/// single sign-on.
pub(crate) fn routes() -> axum::Router<crate::http::extract::AppState> {
    pages::routes().merge(find_page::routes()).merge(keys_page::routes()).merge(oidc::routes()).merge(upload::routes())
}
