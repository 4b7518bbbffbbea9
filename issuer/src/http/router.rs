//! The issuer's routes: which handler answers which method and path, and what every request
//! goes through (body limit, a panic answered as a problem, not a dropped connection).

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::http::{admin, console, health, issuance, oid4vci, openapi, published, status};
use crate::i18n::detail;

/// Largest request body accepted by default (a credential is a few kilobytes).
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// The issuer's routes.
pub fn app(service: Arc<IssuerService>, body_limit: usize) -> Router {
    Router::new()
        .route("/healthz", get(health::health_get))
        .route("/readyz", get(health::ready_get))
        .route("/{department}/did.json", get(published::did_document_get))
        .route("/{department}/status/{number}", get(published::status_list_get))
        .route("/{department}/status/{number}/token", get(published::status_token_get))
        .route("/credentials/status", post(status::credential_status_post))
        .route("/credentials/offers", post(oid4vci::offer_create))
        .route("/.well-known/openid-credential-issuer/{department}", get(oid4vci::issuer_metadata_get))
        .route("/{department}/.well-known/openid-credential-issuer", get(oid4vci::issuer_metadata_get))
        .route("/.well-known/oauth-authorization-server/{department}", get(oid4vci::authorization_metadata_get))
        .route("/{department}/.well-known/oauth-authorization-server", get(oid4vci::authorization_metadata_get))
        .route("/{department}/oid4vci/offers/{id}", get(oid4vci::offer_get))
        .route("/{department}/oid4vci/token", post(oid4vci::token_post))
        .route("/{department}/oid4vci/nonce", post(oid4vci::nonce_post))
        .route("/{department}/oid4vci/credential", post(oid4vci::offered_credential_post))
        .route("/credentials/issue", post(issuance::credential_issue))
        .route("/issuers/{suite}/credentials/issue", post(issuance::credential_issue_with_suite))
        .route("/credentials/skill", post(issuance::skill_issue))
        .route("/credentials/assignment", post(issuance::assignment_issue))
        .route("/credentials/batch", post(issuance::batch_issue))
        .route("/credentials/{id}", get(issuance::credential_get))
        .route("/openapi.json", get(openapi::openapi_get))
        .route("/keys/rotate", post(admin::key_rotate))
        .route("/keys/retire", post(admin::key_retire))
        .route("/audit", get(admin::audit_get))
        .route("/figures/releases", post(admin::figures_release_post))
        .route("/{department}/figures/{period}/{id}", get(published::figures_get))
        .merge(console::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        // Quick signing runs on the request's worker: a bug that panics there answers 500 with a
        // problem body instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            IssuerError::Internal.into_response()
        }))
        .with_state(service)
}

/// A known path with another method: a problem body like every other refusal (axum's own 405
/// has none).
async fn method_not_allowed() -> IssuerError {
    IssuerError::MethodNotAllowed
}

async fn not_found() -> IssuerError {
    IssuerError::NotFound(detail!("http-route"))
}
