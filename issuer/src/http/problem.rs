//! The one place where the issuer's errors become HTTP answers: each kind gets its status here,
//! and the body is `service_kit::Problem` (RFC 9457), the type the OpenAPI document describes,
//! with a machine `code`, English and French text. The OAuth endpoints (token, nonce,
//! credential) answer the same errors as OAuth clients read them instead: [`OAuthRefusal`].
//! Internal details (database, key vault) are logged, never sent.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lang::LocalizedText;
use schemas::Lang;
use serde_json::json;
use service_kit::{Problem, Violation};

use crate::domain::error::IssuerError;
use crate::http::oauth::{ascii_description, lang_of, OAuthError};
use crate::i18n::t;
use crate::store::StoreError;

/// The status an error is answered with (by a problem body, or by a console page).
pub(crate) fn status_of(error: &IssuerError) -> StatusCode {
    match error {
        IssuerError::Unauthorized => StatusCode::UNAUTHORIZED,
        IssuerError::Forbidden(_)
        | IssuerError::FormRejected
        | IssuerError::SignInRefused
        | IssuerError::OtherDepartment { .. } => StatusCode::FORBIDDEN,
        IssuerError::SignInCancelled => StatusCode::UNAUTHORIZED,
        IssuerError::SignInUnknown => StatusCode::BAD_REQUEST,
        IssuerError::IdentityProvider(_) => StatusCode::BAD_GATEWAY,
        IssuerError::NotFound(_) => StatusCode::NOT_FOUND,
        IssuerError::BadRequest(_) => StatusCode::BAD_REQUEST,
        IssuerError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        IssuerError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        IssuerError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        IssuerError::Conflict(_) | IssuerError::Store(StoreError::Exists(_)) => StatusCode::CONFLICT,
        IssuerError::OAuth { error: "invalid_token" | "invalid_client", .. } => StatusCode::UNAUTHORIZED,
        IssuerError::OAuth { .. } => StatusCode::BAD_REQUEST,
        IssuerError::KeyUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        IssuerError::Credentials(credentials::Error::Signer(error)) if error.is_unavailable() => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        IssuerError::IdempotencyKeyReused(_)
        | IssuerError::Refused(_)
        | IssuerError::BudgetSpent(_)
        | IssuerError::Schema(_)
        | IssuerError::IssuerMismatch { .. }
        | IssuerError::Template(_)
        | IssuerError::Credentials(_) => StatusCode::UNPROCESSABLE_ENTITY,
        IssuerError::Store(error) if error.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
        IssuerError::Key(_) | IssuerError::Store(_) | IssuerError::Internal | IssuerError::Unexpected(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// The problem body of an error answered with `status`.
fn problem(error: &IssuerError, status: StatusCode) -> Problem {
    let detail = LocalizedText::new(error.detail(Lang::En), error.detail(Lang::Fr));
    let mut problem = Problem::new(status, error.code(), detail);
    if let IssuerError::OAuth { error, en, .. } = error {
        problem = problem.with_oauth_error(error, en.clone());
    }
    let violations = error
        .violations()
        .into_iter()
        .map(|v| Violation { pointer: v.instance_path, message: v.message, message_fr: v.message_fr })
        .collect();
    problem.with_violations(violations)
}

impl IntoResponse for IssuerError {
    fn into_response(self) -> Response {
        let status = status_of(&self);
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        problem(&self, status).into_response()
    }
}

/// The OAuth endpoints, each with the code its refusals get when the error has none of its own
/// (a body that is not JSON, an unknown department).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OAuthEndpoint {
    Token,
    Nonce,
    Credential,
}

/// An error at an OAuth endpoint, answered as RFC 6749 §5.2 / RFC 6750 §3 / OpenID4VCI 1.0
/// §8.3.1.2 say: `application/json` with `error` and an ASCII `error_description` in the
/// request's language, never cached; a 401 names the `Bearer` scheme in `WWW-Authenticate`,
/// with the error code and description when a token was sent and refused, bare when none was
/// (RFC 6750 §3.1: "the resource server SHOULD NOT include an error code").
#[derive(Debug)]
pub(crate) struct OAuthRefusal {
    pub(crate) error: IssuerError,
    pub(crate) endpoint: OAuthEndpoint,
    pub(crate) lang: Lang,
}

impl OAuthRefusal {
    /// How `endpoint` refuses a request with these headers.
    pub(crate) fn at(endpoint: OAuthEndpoint, headers: &HeaderMap) -> impl Fn(IssuerError) -> OAuthRefusal {
        let lang = lang_of(headers);
        move |error| OAuthRefusal { error, endpoint, lang }
    }

    /// The OAuth error code: the error's own, or the endpoint's for a malformed request, or the
    /// server's; none for a request without an access token.
    fn code(&self, status: StatusCode) -> Option<&'static str> {
        match &self.error {
            IssuerError::OAuth { error, .. } => Some(error),
            IssuerError::Unauthorized => None,
            _ if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS => {
                Some("temporarily_unavailable")
            }
            _ if status.is_server_error() => Some("server_error"),
            _ if self.endpoint == OAuthEndpoint::Credential => Some("invalid_credential_request"),
            _ => Some("invalid_request"),
        }
    }

    /// The body and the `WWW-Authenticate` value (on a 401) of this refusal.
    fn parts(&self) -> (StatusCode, OAuthError, Option<String>) {
        let status = status_of(&self.error);
        let code = self.code(status);
        let description = ascii_description(&self.error.detail(self.lang));
        let challenge = (status == StatusCode::UNAUTHORIZED).then(|| match code {
            None => "Bearer".to_owned(),
            Some(code) => format!("Bearer error=\"{code}\", error_description=\"{description}\""),
        });
        (status, OAuthError { error: code.map(str::to_owned), error_description: description }, challenge)
    }
}

impl IntoResponse for OAuthRefusal {
    fn into_response(self) -> Response {
        let (status, body, challenge) = self.parts();
        if status.is_server_error() {
            tracing::error!(error = %self.error, "request failed");
        }
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(self.lang.as_str()));
        // The description is within %x20-7E: always a valid header value.
        if let Some(value) = challenge.and_then(|challenge| HeaderValue::from_str(&challenge).ok()) {
            headers.insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

/// `/readyz` when the database does not answer: 503, so a load balancer sends requests elsewhere.
/// `/readyz` when the PKCS#11 token holding department keys does not answer.
pub(crate) fn keys_unreachable() -> Response {
    let body = json!({
        "status": "signing keys unreachable",
        "detail": t!(Lang::En, "error-key-unavailable"),
        "detail_fr": t!(Lang::Fr, "error-key-unavailable"),
    });
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}

pub(crate) fn database_unreachable() -> Response {
    let body = json!({
        "status": "database unreachable",
        "detail": t!(Lang::En, "http-database-unreachable"),
        "detail_fr": t!(Lang::Fr, "http-database-unreachable"),
    });
    (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use axum::http::header;
    use credentials::error::Detail;
    use http_body_util::BodyExt;

    use super::*;

    #[test]
    fn each_error_kind_has_its_status() {
        assert_eq!(status_of(&IssuerError::Unauthorized), StatusCode::UNAUTHORIZED);
        assert_eq!(status_of(&IssuerError::Forbidden("issue")), StatusCode::FORBIDDEN);
        assert_eq!(status_of(&IssuerError::not_found("x", "x")), StatusCode::NOT_FOUND);
        assert_eq!(status_of(&IssuerError::bad_request("x", "x")), StatusCode::BAD_REQUEST);
        assert_eq!(status_of(&IssuerError::Unexpected("x".into())), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(status_of(&IssuerError::PayloadTooLarge), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(status_of(&IssuerError::TooManyRequests), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(status_of(&IssuerError::Schema(vec![])), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            status_of(&IssuerError::Store(StoreError::UnsupportedUrl("x".into()))),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(status_of(&IssuerError::Store(StoreError::Exists(Detail::new("x", "x")))), StatusCode::CONFLICT);
        assert_eq!(
            status_of(&IssuerError::Store(StoreError::Database(sqlx::Error::PoolTimedOut))),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(status_of(&IssuerError::Internal), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(IssuerError::Internal.code(), "internal_error");
    }

    /// The body as it was built before `service_kit::Problem` (one `json!` per answer): the
    /// problem type must send the same bytes, field for field and in the same order.
    fn body_built_by_hand(error: &IssuerError) -> String {
        let status = status_of(error);
        let mut body = json!({
            "type": format!("https://w3id.org/talent-credentials/problems#{}", error.code()),
            "title": status.canonical_reason().unwrap_or("error"),
            "status": status.as_u16(),
            "code": error.code(),
            "detail": error.detail(Lang::En),
            "detail_fr": error.detail(Lang::Fr),
        });
        if let IssuerError::OAuth { error, en, .. } = error {
            body["error"] = (*error).into();
            body["error_description"] = en.clone().into();
        }
        let violations: Vec<serde_json::Value> = error
            .violations()
            .iter()
            .map(|v| json!({"pointer": v.instance_path, "message": v.message, "message_fr": v.message_fr}))
            .collect();
        if !violations.is_empty() {
            body["errors"] = violations.into();
        }
        body.to_string()
    }

    #[tokio::test]
    async fn the_problem_type_sends_the_bytes_sent_before_it() {
        let errors = [
            IssuerError::Unauthorized,
            IssuerError::OAuth { error: "invalid_grant", en: "the code is unknown".into(), fr: "code inconnu".into() },
            IssuerError::Schema(vec![schemas::Violation::new("/validFrom", "not a date-time", "pas une date")]),
            IssuerError::Credentials(
                credentials::error::InputError::InvalidField { field: "termsOfUse", reason: Detail::new("x", "y") }
                    .into(),
            ),
            IssuerError::Store(StoreError::UnsupportedUrl("postgres://secret@host".into())),
        ];
        for error in errors {
            let expected = body_built_by_hand(&error);
            let response = error.into_response();
            assert_eq!(response.headers()[header::CONTENT_TYPE], "application/problem+json");
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            assert_eq!(String::from_utf8_lossy(&bytes), expected);
            if expected.contains("invalid_field") {
                assert!(expected.contains(r#""pointer":"/termsOfUse""#), "{expected}");
            }
        }
    }
}
