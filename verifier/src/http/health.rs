//! Whether the process is up and ready, for load balancers and orchestrators.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::domain::error::ServiceError;
use crate::domain::service::VerifierService;
use service_kit::Problem;

/// `GET /healthz` and `GET /readyz`.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new().route("/healthz", get(health_get)).route("/readyz", get(ready_get))
}

#[utoipa::path(get, tag = "operations", path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

/// Ready when the database answers: without it no request can be created or answered.
#[utoipa::path(get, tag = "operations", path = "/readyz", responses((status = 200, description = "ready to verify"),
    (status = 503, body = Problem, content_type = "application/problem+json", description = "the database does not answer")))]
pub(crate) async fn ready_get(State(service): State<Arc<VerifierService>>) -> Result<Json<Value>, ServiceError> {
    service.store().ping().await?;
    Ok(Json(json!({"status": "ready"})))
}
