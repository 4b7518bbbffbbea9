//! Health: `/healthz` says the process is up, `/readyz` that its database answers and its
//! signing keys can be used (the PKCS#11 token, when one is configured): what a load balancer
//! asks before sending requests.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::http::extract::AppState;
use crate::http::problem::{database_unreachable, keys_unreachable};

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "the database answers and the signing keys can be used"), (status = 503, description = "the database does not answer, or the PKCS#11 token holding signing keys does not")))]
pub(crate) async fn ready_get(State(service): State<AppState>) -> Response {
    if let Err(error) = service.store().ping().await {
        tracing::warn!(%error, "database not reachable");
        return database_unreachable();
    }
    if let Err(error) = service.keys_ready().await {
        tracing::warn!(%error, "signing keys not reachable");
        return keys_unreachable();
    }
    Json(json!({"status": "ready"})).into_response()
}
