//! Whether the process is up and ready, for load balancers and orchestrators.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::domain::service::VerifierService;

/// `GET /healthz` and `GET /readyz`.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new().route("/healthz", get(health_get)).route("/readyz", get(ready_get))
}

#[utoipa::path(get, tag = "operations", path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

#[utoipa::path(get, tag = "operations", path = "/readyz", responses((status = 200, description = "ready to verify")))]
pub(crate) async fn ready_get() -> Json<Value> {
    Json(json!({"status": "ready"}))
}
