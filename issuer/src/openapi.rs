//! The OpenAPI 3.1 description of the HTTP API, generated from the handlers' annotations and the
//! request types, served at `/openapi.json` so HR systems can generate their clients.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// `{en, fr}`: a text in English and in French.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct LocalizedTextDoc {
    en: String,
    fr: String,
}

/// VC-API issue request.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssueRequestDoc {
    /// The unsigned credential (VC 2.0, or VC 1.1 shape); `id` and `issuer` are filled when absent.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
    /// `{"cryptosuite": "eddsa-rdfc-2022" | "eddsa-jcs-2022" | "vc-jwt" | "dc+sd-jwt"}`.
    #[schema(value_type = Option<Object>)]
    options: Option<serde_json::Value>,
}

/// 201 answer: the secured credential (a `vc+jwt` as an `EnvelopedVerifiableCredential`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssueResponseDoc {
    #[schema(value_type = Object)]
    #[serde(rename = "verifiableCredential")]
    verifiable_credential: serde_json::Value,
}

/// RFC 9457 problem body.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ProblemDoc {
    r#type: String,
    title: String,
    status: u16,
    /// Stable machine-readable code, e.g. `schema_violation`.
    code: String,
    detail: String,
    detail_fr: String,
    /// Schema violations: `[{pointer, message, message_fr}]`.
    #[schema(value_type = Option<Vec<Object>>)]
    errors: Option<Vec<serde_json::Value>>,
}

/// The answers every issuance route can give.
#[derive(Debug, IntoResponses)]
#[allow(dead_code)]
pub enum IssueResponses {
    #[response(status = 201, description = "issued and recorded")]
    Created(IssueResponseDoc),
    #[response(status = 400, description = "malformed request")]
    BadRequest(ProblemDoc),
    #[response(status = 401, description = "missing or wrong token")]
    Unauthorized(ProblemDoc),
    #[response(
        status = 403,
        description = "token lacks the issue scope, or names another department of this service as issuer"
    )]
    Forbidden(ProblemDoc),
    #[response(status = 409, description = "a credential with this id exists")]
    Conflict(ProblemDoc),
    #[response(status = 413, description = "body over the limit")]
    TooLarge(ProblemDoc),
    #[response(status = 422, description = "a credential a verifier would reject, or an idempotency key reused")]
    Unprocessable(ProblemDoc),
    #[response(status = 429, description = "rate limit")]
    TooManyRequests(ProblemDoc),
}

/// Bulk request: rows as in the CSV of `issuer issue-batch`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct BatchRequestDoc {
    #[schema(value_type = Vec<Object>)]
    rows: Vec<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    options: Option<serde_json::Value>,
}

/// VC-API status change: `{"credentialId": "urn:uuid:…", "credentialStatus": [{"type":
/// "BitstringStatusListEntry", "status": "revoked" | "suspended" | "active"}], "reason": "…"}`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct StatusRequestDoc {
    #[serde(rename = "credentialId")]
    credential_id: String,
    #[schema(value_type = Vec<Object>)]
    #[serde(rename = "credentialStatus")]
    credential_status: Vec<serde_json::Value>,
    /// Recorded in the audit log.
    reason: Option<String>,
}

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
    info(title = "Talent Credentials issuer", description = "Issue skill and assignment credentials (W3C CCG VC-API)."),
    paths(
        crate::http::credential_issue,
        crate::http::credential_issue_with_suite,
        crate::http::skill_issue,
        crate::http::assignment_issue,
        crate::http::batch_issue,
        crate::http::credential_get,
        crate::http::key_rotate,
        crate::http::key_retire,
        crate::http::audit_get,
        crate::http::did_document_get,
        crate::http::status_list_get,
        crate::http::status_token_get,
        crate::http::credential_status_post,
        crate::http::offer_create,
        crate::http::issuer_metadata_get,
        crate::http::authorization_metadata_get,
        crate::http::offer_get,
        crate::http::token_post,
        crate::http::nonce_post,
        crate::http::offered_credential_post,
        crate::http::health_get,
        crate::http::ready_get,
    ),
    components(schemas(
        LocalizedTextDoc, IssueRequestDoc, IssueResponseDoc, ProblemDoc, BatchRequestDoc, StatusRequestDoc,
        crate::service::SkillRequest, crate::service::AssignmentRequest, crate::service::OfferRequest
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;
