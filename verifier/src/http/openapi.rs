//! The OpenAPI 3.1 description of `verifier serve`, generated from the handlers' annotations and
//! served at `/openapi.json`, so an employer's HR system can generate its client instead of
//! reading our source.

use std::sync::Arc;

use axum::routing::get;
use axum::{Json, Router};
use service_kit::{Problem, Violation};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::domain::service::VerifierService;
use crate::http::types::{
    Challenge, CheckProblemDoc, CredentialVerifyDoc, OAuthError, PresentationOutcomeDoc, PresentationRequestCreated,
    PresentationRequestDoc, PresentationVerifyDoc, ProblemDetailDoc, ProfileRequestDoc, VerifyResultDoc,
};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Talent Credentials verifier",
        description = "Verify credentials and presentations (W3C CCG VC-API) and ask holders for them (OpenID4VP 1.0)."
    ),
    paths(
        crate::http::verification::credential_verify,
        crate::http::verification::presentation_verify,
        crate::http::challenges::challenge_create,
        crate::http::presentation_requests::presentation_request_create,
        crate::http::presentation_requests::presentation_request_get,
        crate::http::web::profile_page::profile_get,
        crate::http::directory::search_json,
        crate::http::directory::profile_get,
        crate::http::directory::withdraw_post,
        crate::http::oid4vp::request_object_get,
        crate::http::oid4vp::response_post,
        crate::http::health::health_get,
        crate::http::health::ready_get,
    ),
    components(schemas(
        CredentialVerifyDoc, PresentationVerifyDoc, VerifyResultDoc, CheckProblemDoc, ProblemDetailDoc, Challenge, PresentationRequestDoc,
        ProfileRequestDoc, PresentationRequestCreated, PresentationOutcomeDoc, OAuthError, Problem, Violation
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /openapi.json`.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new().route("/openapi.json", get(openapi_get))
}

async fn openapi_get() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
