//! The request and response bodies of the HTTP API, as read and as the OpenAPI document shows
//! them (the types the domain reads itself, such as the template fields, live with it).

use serde_json::Value;
use service_kit::Problem;
use utoipa::{IntoResponses, ToSchema};

use crate::domain::batch::BatchRow;

/// `?k=…` of an offer by reference: the offer's secret.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct OfferQuery {
    pub(crate) k: Option<String>,
}

/// `?cryptosuite=…` of the template endpoints.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct SuiteQuery {
    pub(crate) cryptosuite: Option<String>,
}

/// `?since=…` of the audit log (RFC 3339).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct AuditQuery {
    pub(crate) since: Option<String>,
}

/// `POST /credentials/batch` as read (rows as in the CSV of `issuer issue-batch`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchRequest {
    pub(crate) rows: Vec<BatchRow>,
    #[serde(default)]
    pub(crate) options: Option<Value>,
}

/// VC-API issue request.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssueRequestDoc {
    /// The unsigned credential (VC 2.0, or VC 1.1 shape); `id` and `issuer` are filled when absent.
    #[schema(value_type = Object)]
    credential: serde_json::Value,
    /// `{"cryptosuite": "eddsa-rdfc-2022" | "eddsa-jcs-2022" | "vc-jwt" | "dc+sd-jwt", "person":
    /// "…"}`; `person` is who the credential is for, as your department names them (1 to 200
    /// characters): the issuer records it so that staff can find the credential, and never
    /// writes it into the credential.
    #[schema(value_type = Option<Object>)]
    options: Option<serde_json::Value>,
}

/// `POST /credentials/skill`: the template fields, and who the credential is for.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct SkillIssueDoc {
    #[serde(flatten)]
    fields: crate::domain::template::SkillRequest,
    /// Who the credential is for, as your department names the person (a name, an email, an
    /// employee number; 1 to 200 characters): recorded by the issuer so that staff can find the
    /// credential, never written into it.
    person: Option<String>,
}

/// `POST /credentials/assignment`: the template fields, and who the credential is for.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct AssignmentIssueDoc {
    #[serde(flatten)]
    fields: crate::domain::template::AssignmentRequest,
    /// Who the credential is for, as your department names the person (a name, an email, an
    /// employee number; 1 to 200 characters): recorded by the issuer so that staff can find the
    /// credential, never written into it.
    person: Option<String>,
}

/// 201 answer: the secured credential (a `vc+jwt` as an `EnvelopedVerifiableCredential`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct IssueResponseDoc {
    #[schema(value_type = Object)]
    #[serde(rename = "verifiableCredential")]
    verifiable_credential: serde_json::Value,
}

/// The answers every issuance route can give.
#[derive(Debug, IntoResponses)]
#[allow(dead_code)]
pub enum IssueResponses {
    #[response(status = 201, description = "issued and recorded")]
    Created(IssueResponseDoc),
    #[response(status = 400, description = "malformed request")]
    BadRequest(Problem),
    #[response(status = 401, description = "missing or wrong token")]
    Unauthorized(Problem),
    #[response(
        status = 403,
        description = "token lacks the issue scope, or names another department of this service as issuer"
    )]
    Forbidden(Problem),
    #[response(status = 409, description = "a credential with this id exists")]
    Conflict(Problem),
    #[response(status = 413, description = "body over the limit")]
    TooLarge(Problem),
    #[response(status = 422, description = "a credential a verifier would reject, or an idempotency key reused")]
    Unprocessable(Problem),
    #[response(status = 429, description = "rate limit")]
    TooManyRequests(Problem),
}

/// Bulk request: rows as in the CSV of `issuer issue-batch` (each may name its `person`, who the
/// credential is for: recorded by the issuer, never written into the credential).
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
