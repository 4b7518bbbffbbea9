//! The whole service as one router: every route family, the body limit, a problem body for an
//! unknown path and for a handler that panicked, the per-address rate limit, and request logs.

use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::response::IntoResponse;
use axum::Router;
use service_kit::RateLimit;

use crate::domain::error::ServiceError;
use crate::domain::service::VerifierService;
use crate::http::logging::log_request;
use crate::http::problem::rate_limited;
use crate::http::{challenges, directory, health, oid4vp, openapi, presentation_requests, verification, web};

/// Largest request body (a presentation of a few credentials).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The routes, with request logs.
pub fn app(service: Arc<VerifierService>) -> Router {
    app_with(service, None)
}

/// The routes with a limit of `rate_limit` requests per second per client address in front
/// (unlimited without), and request logs.
pub fn app_with(service: Arc<VerifierService>, rate_limit: Option<NonZeroU32>) -> Router {
    let router = routes(service);
    let router = match rate_limit {
        Some(rate) => RateLimit::per_second(rate, rate_limited()).around(router),
        None => router,
    };
    router.layer(axum::middleware::from_fn(log_request))
}

fn routes(service: Arc<VerifierService>) -> Router {
    Router::new()
        .merge(health::routes())
        .merge(openapi::routes())
        .merge(verification::routes())
        .merge(challenges::routes())
        .merge(directory::routes())
        .merge(presentation_requests::routes())
        .merge(oid4vp::routes())
        .merge(web::routes::routes())
        .fallback(|| async { ServiceError::NotFound })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Verifications run on the request's worker: a bug that panics there answers 500 with a
        // problem body instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            tracing::error!("a request handler panicked");
            ServiceError::Internal.into_response()
        }))
        .with_state(service)
}
