//! What every server-rendered page of the services answers with (the verifier's page, the
//! issuer's staff console): security headers that keep a page with personal data out of caches,
//! referrers and frames, under the page's own Content-Security-Policy; and its static files.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// Sets a page's security headers: its Content-Security-Policy, never cached, no referrer, no
/// content sniffing, never framed.
pub fn secure_page(response: &mut Response, content_security_policy: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(content_security_policy));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

/// A static file of a page (its style sheet, its script), cached for a few minutes.
pub fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}
