//! The one place where the verifier's errors become HTTP answers: which status each gets, and
//! the body sent, a [`Problem`] for programs (the type the OpenAPI document describes) or an
//! OAuth error for wallets.

use axum::extract::rejection::FormRejection;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lang::{Lang, LocalizedText};
use service_kit::Problem;

use crate::domain::error::ServiceError;
use crate::domain::oid4vp::refusal::Refusal;
use crate::domain::summary::Answer;
use crate::http::types::OAuthError;
use crate::i18n::{t, text};

/// A form post the page did not send (a field missing, another content type, too large): a
/// problem body like the rest of the service, not the framework's plain text.
pub fn form_refused(rejection: &FormRejection) -> ServiceError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ServiceError::TooLarge;
    }
    let detail = rejection.body_text();
    ServiceError::bad(|lang| t!(lang, "form-unreadable", detail = detail.as_str()))
}

/// The HTTP status of an error.
pub fn status(error: &ServiceError) -> StatusCode {
    match error {
        ServiceError::Refused(refusal, _) => match refusal {
            Refusal::Unknown => StatusCode::NOT_FOUND,
            Refusal::Full => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_REQUEST,
        },
        ServiceError::BadRequest(_) => StatusCode::BAD_REQUEST,
        ServiceError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::NotFound => StatusCode::NOT_FOUND,
        ServiceError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::Unauthorized => StatusCode::UNAUTHORIZED,
        ServiceError::WrongToken => StatusCode::FORBIDDEN,
        ServiceError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        ServiceError::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
        ServiceError::TooManyOpen(_) => StatusCode::TOO_MANY_REQUESTS,
        ServiceError::MissingScope(_) => StatusCode::FORBIDDEN,
        ServiceError::KeyUnusable(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The HTTP status, the stable code, and the text in English and in French.
fn parts(error: &ServiceError) -> (StatusCode, &'static str, String, String) {
    (status(error), error.code(), error.message(Lang::En), error.message(Lang::Fr))
}

/// The answer to a client that sends more requests than its address is allowed.
pub fn rate_limited() -> Problem {
    let detail = LocalizedText::new(text!(Lang::En, "problem-rate-limited"), text!(Lang::Fr, "problem-rate-limited"));
    Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", detail)
}

impl IntoResponse for ServiceError {
    fn into_response(self) -> Response {
        if let Self::Store(error) = &self {
            // The operator reads the cause; the client, that the service cannot answer now.
            tracing::error!(%error, "the database failed");
        }
        let (status, code, en, fr) = parts(&self);
        if let Self::Refused(_, lang) = &self {
            // A wallet-facing refusal is an OAuth error.
            let body = OAuthError {
                error: "invalid_request".into(),
                error_description: lang.pick(&en, &fr).clone(),
                code: code.into(),
                detail_fr: fr,
            };
            return (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response();
        }
        Problem::new(status, code, LocalizedText::new(en, fr)).into_response()
    }
}

/// The status of a verification answer: 200 only when verified, 400 with the same body otherwise.
///
/// VC-API (`verifier.yml`, `POST /credentials/verify`) names two answers: 200 "Verifiable
/// Credential successfully verified!" and 400 "invalid input!". 400, not 422: it is the status
/// the VC-API names for a credential that does not verify, and the one the W3C test suites
/// (VC Data Model 2.0, Data Integrity) expect from a verifier refusing a document; VC-API
/// clients and those suites read any 200 as "verified" (issue #21). The body is the answer
/// still (`verified: false`, each check, errors and warnings with their problem types), sent
/// as `application/json` so that a client tells it from a malformed request's
/// `application/problem+json`.
pub fn answered(answer: Answer<'_>) -> Response {
    let status = if answer.verified { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    (status, Json(answer)).into_response()
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use credentials::error::Detail;
    use serde_json::Value;

    use super::*;
    use crate::http::request::body_json;
    use crate::i18n::t;

    #[test]
    fn problems_are_worded_by_the_catalogue_in_both_languages() {
        let body = b"{\"a\": x}";
        let parser = serde_json::from_slice::<Value>(body).unwrap_err();
        let refused = body_json(Ok(Bytes::from_static(body))).unwrap_err();
        assert_eq!(refused.message(Lang::En), format!("the body is not valid JSON: {parser}"));
        assert_eq!(
            refused.message(Lang::Fr),
            "le corps n'est pas du JSON valide (ligne 1, colonne 7) : expected value"
        );
        let busy = ServiceError::Busy(Detail::localized(|lang| t!(lang, "busy-challenges")));
        assert_eq!(busy.to_string(), "too many challenges are open; try again later");
        assert_eq!(busy.message(Lang::Fr), "trop de défis sont ouverts ; réessayez plus tard");
        let (status, code, en, fr) = parts(&ServiceError::NotFound);
        assert_eq!(
            (status, code, en.as_str(), fr.as_str()),
            (StatusCode::NOT_FOUND, "not_found", "not found", "introuvable")
        );
    }
}
