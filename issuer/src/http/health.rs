//! Health: `/healthz` says the process is up, `/readyz` that its database answers (what a load
//! balancer asks before sending requests).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::http::extract::AppState;
use crate::http::problem::database_unreachable;

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "the database answers"), (status = 503, description = "the database does not answer")))]
pub(crate) async fn ready_get(State(service): State<AppState>) -> Response {
    match service.store().ping().await {
        Ok(()) => Json(json!({"status": "ready"})).into_response(),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            database_unreachable()
        }
    }
}
