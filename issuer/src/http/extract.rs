//! What handlers read from a request (path, query, body, bearer token), refused with the
//! issuer's own bilingual problem bodies instead of axum's English plain text.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use credentials::error::Detail;
use schemas::Lang;
use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::issuance::contains_nul;
use crate::domain::service::IssuerService;
use crate::domain::tokens::Principal;
use crate::i18n::{detail, t};

/// What every handler is handed: the one service of the process.
pub(crate) type AppState = Arc<IssuerService>;

/// axum's `Query`, refused with our bilingual problem body instead of axum's English plain text.
pub(crate) struct Params<T>(pub(crate) T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = IssuerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, IssuerError> {
        refuse_nul(parts)?;
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(rejection) => {
                Err(IssuerError::BadRequest(detail!("http-query-invalid", reason = rejection.body_text())))
            }
        }
    }
}

/// axum's `Path`, refused with our bilingual problem body (a segment that is not UTF-8 once
/// percent-decoded).
pub(crate) struct Segments<T>(pub(crate) T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for Segments<T> {
    type Rejection = IssuerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, IssuerError> {
        refuse_nul(parts)?;
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Segments(value)),
            Err(rejection) => {
                Err(IssuerError::BadRequest(detail!("http-path-invalid", reason = rejection.body_text())))
            }
        }
    }
}

/// The department token the request carries, checked.
pub(crate) async fn principal(service: &IssuerService, headers: &HeaderMap) -> Result<Principal, IssuerError> {
    let token = service_kit::bearer(headers).ok_or(IssuerError::Unauthorized)?;
    service.authenticate(token.trim()).await
}

/// A NUL character (`%00`) in the path or the query: refused before it reaches the database
/// (PostgreSQL refuses NUL in text, which answered 500; found by review).
fn refuse_nul(parts: &Parts) -> Result<(), IssuerError> {
    let nul = |text: &str| text.contains("%00") || text.contains('\0');
    if nul(parts.uri.path()) || parts.uri.query().is_some_and(nul) {
        return Err(IssuerError::BadRequest(detail!("http-url-nul")));
    }
    Ok(())
}

/// The body as JSON, with our own problem answers for oversized or malformed input.
pub(crate) fn json_body(body: Result<Bytes, BytesRejection>) -> Result<Value, IssuerError> {
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => IssuerError::PayloadTooLarge,
        other => IssuerError::BadRequest(detail!("http-body-unreadable", reason = other.body_text())),
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        // serde's own text in English; where it stopped in French.
        IssuerError::BadRequest(Detail::localized(|lang| {
            let reason = match lang {
                Lang::En => e.to_string(),
                Lang::Fr => {
                    t!(lang, "http-json-position", line = e.line().to_string(), column = e.column().to_string())
                }
            };
            t!(lang, "http-body-not-json", reason = reason)
        }))
    })?;
    if contains_nul(&value) {
        return Err(IssuerError::BadRequest(detail!("http-body-nul")));
    }
    Ok(value)
}
