//! `POST /challenges`: a single-use challenge for the next presentation to answer.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use credentials::error::Detail;
use service_kit::Problem;

use crate::domain::challenges::CHALLENGE_LIFETIME;
use crate::domain::error::ServiceError;
use crate::domain::service::VerifierService;
use crate::http::types::Challenge;
use crate::i18n::t;

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new().route("/challenges", post(challenge_create))
}

#[utoipa::path(post, tag = "verification", path = "/challenges", responses((status = 201, body = Challenge),
    (status = 503, body = Problem, content_type = "application/problem+json", description = "too many challenges are open")))]
pub(crate) async fn challenge_create(State(service): State<Arc<VerifierService>>) -> Result<Response, ServiceError> {
    let challenge = service
        .challenge()
        .await?
        .ok_or_else(|| ServiceError::Busy(Detail::localized(|lang| t!(lang, "busy-challenges"))))?;
    let body = Challenge { challenge, expires_in: CHALLENGE_LIFETIME.as_secs() };
    Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}
