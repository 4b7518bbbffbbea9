//! The OpenAPI 3.1 description of the HTTP API, generated from the handlers' annotations and the
//! request types, served at `/openapi.json` so HR systems can generate their clients. The
//! problem body it describes is `service_kit::Problem`, the one every error is answered with,
//! except at the OAuth endpoints a wallet calls (token, nonce, credential), which answer
//! `http::oauth::OAuthError` as RFC 6749 and OpenID4VCI say.

use axum::Json;
use service_kit::{Problem, Violation};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::domain::oid4vci::OfferRequest;
use crate::domain::template::{AssignmentRequest, LocalizedTextDoc, SkillRequest};
use crate::http::oauth::OAuthError;
use crate::http::types::{
    AssignmentIssueDoc, BatchRequestDoc, IssueRequestDoc, IssueResponseDoc, SkillIssueDoc, StatusRequestDoc,
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

/// The one tag every operation has had since the API was first documented (utoipa names a tag
/// after the handler's module, and the handlers were then in one): clients generated from the
/// document group their operations by it.
const TAG: &str = "crate::http";

struct OneTag;

impl Modify for OneTag {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.options,
                &mut item.head,
                &mut item.patch,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                operation.tags = Some(vec![TAG.to_owned()]);
            }
        }
    }
}

#[derive(Debug, OpenApi)]
#[openapi(
    info(title = "Talent Credentials issuer", description = "Issue skill and assignment credentials (W3C CCG VC-API)."),
    paths(
        crate::http::issuance::credential_issue,
        crate::http::issuance::credential_issue_with_suite,
        crate::http::issuance::skill_issue,
        crate::http::issuance::assignment_issue,
        crate::http::issuance::batch_issue,
        crate::http::issuance::credential_get,
        crate::http::admin::key_rotate,
        crate::http::admin::key_retire,
        crate::http::admin::audit_get,
        crate::http::admin::figures_release_post,
        crate::http::published::figures_get,
        crate::http::published::did_document_get,
        crate::http::published::status_list_get,
        crate::http::published::status_token_get,
        crate::http::status::credential_status_post,
        crate::http::oid4vci::offer_create,
        crate::http::oid4vci::issuer_metadata_get,
        crate::http::oid4vci::authorization_metadata_get,
        crate::http::oid4vci::offer_get,
        crate::http::oid4vci::token_post,
        crate::http::oid4vci::nonce_post,
        crate::http::oid4vci::offered_credential_post,
        crate::http::health::health_get,
        crate::http::health::ready_get,
    ),
    components(schemas(
        LocalizedTextDoc, IssueRequestDoc, IssueResponseDoc, Problem, Violation, BatchRequestDoc, StatusRequestDoc,
        SkillRequest, AssignmentRequest, SkillIssueDoc, AssignmentIssueDoc, OfferRequest, OAuthError
    )),
    modifiers(&BearerAuth, &OneTag)
)]
pub struct ApiDoc;

/// `GET /openapi.json`.
pub(crate) async fn openapi_get() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
