//! What the issuer and verifier services both need from HTTP, written once: the problem body they
//! answer errors with (and that their OpenAPI documents describe), serving until Ctrl-C or
//! SIGTERM with requests in flight finished, over HTTP or HTTPS, reading a bearer token,
//! limiting the requests of each client address, and a server-rendered page's security headers.
//! Each service still decides which of its errors gets which status, in one place of its own.

mod page;
mod problem;
mod rate_limit;
mod serve;

pub use page::{asset, secure_page};
pub use problem::{Problem, Violation, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE};
pub use rate_limit::RateLimit;
pub use serve::{serve, shutdown_signal, Tls};

use axum::http::{header, HeaderMap};

/// The token of an `Authorization: Bearer …` header, if there is one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_token_is_read_from_its_header_only() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer(&headers), None);
        headers.insert(header::AUTHORIZATION, "Bearer tc_abc".parse().unwrap());
        assert_eq!(bearer(&headers), Some("tc_abc"));
    }
}
