//! The page's routes: `/`, its forms, a request's page and its status, and the static files.

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::domain::service::VerifierService;
use crate::http::web::ask::{ask_form, ask_page, ask_status};
use crate::http::web::check::verify_form;
use crate::http::web::home::home;
use crate::http::web::page::{asset, CSS, JS};

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/", get(home))
        .route("/page/verify", post(verify_form))
        .route("/page/ask", post(ask_form))
        .route("/page/ask/{id}", get(ask_page))
        .route("/page/ask/{id}/status", get(ask_status))
        .route("/static/page.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/page.js", get(|| async { asset("text/javascript; charset=utf-8", JS) }))
}
