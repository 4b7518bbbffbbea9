//! One log line per request, for the operator: enough to see load, errors and slow routes,
//! nothing about the person (no path, body, header or address).

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

/// One line per request: method, route pattern (never the path itself, which can hold request
/// ids), status and duration. No body, no header, no address: nothing about the person.
pub async fn log_request(request: Request, next: Next) -> Response {
    // Under load with request logs off, not even the route's name is copied.
    if !tracing::enabled!(tracing::Level::INFO) {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".into());
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    response
}
