//! The page's routes: `/`, its forms, a request's page and its status, a talent profile
//! (`/profiles/{id}` and `/profiles/{id}.json`) with its reveal and "check again now" forms, and
//! the skills-ecosystem figures (`/figures`), and the static files.

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::domain::service::VerifierService;
use crate::http::web::ask::{ask_form, ask_page, ask_status};
use crate::http::web::check::verify_form;
use crate::http::web::figures_page::figures_get;
use crate::http::web::home::home;
use crate::http::web::page::{asset, CSS, JS};
use crate::http::web::profile_actions::{check_form, reveal_form};
use crate::http::web::profile_form::profile_ask_form;
use crate::http::web::profile_page::profile_get;

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/", get(home))
        .route("/page/verify", post(verify_form))
        .route("/page/ask", post(ask_form))
        .route("/page/ask/{id}", get(ask_page))
        .route("/page/ask/{id}/status", get(ask_status))
        .route("/page/profile", post(profile_ask_form))
        .route("/figures", get(figures_get))
        .route("/profiles/{id}", get(profile_get))
        .route("/profiles/{id}/reveal", post(reveal_form))
        .route("/profiles/{id}/check", post(check_form))
        .route("/static/page.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/page.js", get(|| async { asset("text/javascript; charset=utf-8", JS) }))
}
