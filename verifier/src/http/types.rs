//! What the verifier's HTTP endpoints take and give, in one place: the types answers are
//! serialized from, and for bodies read or built field by field (so that each field gets its own
//! refusal), the shapes the OpenAPI document describes.

use serde::Serialize;
use utoipa::ToSchema;

/// VC-API `POST /credentials/verify` body.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct CredentialVerifyDoc {
    /// A credential object; a `vc+jwt` travels as an `EnvelopedVerifiableCredential`
    /// (`id: "data:application/vc+jwt,…"`).
    #[schema(value_type = Object)]
    #[serde(rename = "verifiableCredential")]
    verifiable_credential: serde_json::Value,
    /// `{requireStatus: bool}`: this request's status policy (default the service's).
    #[schema(value_type = Option<Object>)]
    options: Option<serde_json::Value>,
}

/// VC-API `POST /presentations/verify` body.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct PresentationVerifyDoc {
    #[schema(value_type = Object)]
    #[serde(rename = "verifiablePresentation")]
    verifiable_presentation: serde_json::Value,
    /// `{challenge (required: the caller's own, or one from POST /challenges, which is then
    /// single-use), domain, maxPresentationAge (seconds), clockSkew (seconds, default 60),
    /// requireStatus (bool; default the service's policy)}`.
    #[schema(value_type = Object)]
    options: serde_json::Value,
}

/// Verification answer: 200 when verified, 400 when not (the same shape).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct VerifyResultDoc {
    verified: bool,
    /// Checks passed (`proof`, `validity`, `status`, `trusted_issuer`, `holder_binding`…).
    checks: Vec<String>,
    /// Checks not done or undetermined (e.g. status unknown, an issuer no registry names).
    warnings: Vec<CheckProblemDoc>,
    /// Checks failed, with a stable code.
    errors: Vec<CheckProblemDoc>,
    /// The errors as VC-API's `VerificationResult` gives them.
    #[serde(rename = "problemDetails")]
    problem_details: Vec<ProblemDetailDoc>,
    /// The full report, check by check, per credential.
    #[schema(value_type = Object)]
    report: serde_json::Value,
    /// The claims a holder disclosed, for a selectively disclosable credential.
    disclosed: Option<Vec<String>>,
}

/// A check that failed or gave no definite answer.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct CheckProblemDoc {
    /// The check (`proof`, `status`, `trusted_issuer`…).
    check: String,
    /// Stable code (`signature_mismatch`, `credential_revoked`, `issuer_not_trusted`…).
    code: String,
    /// The problem type, a URL (RFC 9457).
    #[serde(rename = "type")]
    problem_type: String,
    /// What was found, in the language asked for.
    message: String,
}

/// A problem as VC-API's `ProblemDetails`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ProblemDetailDoc {
    /// The problem type, a URL (RFC 9457).
    #[serde(rename = "type")]
    problem_type: String,
    /// The stable code.
    title: String,
    /// What was found, in the language asked for.
    detail: String,
}

/// A single-use challenge.
#[derive(Debug, Serialize, ToSchema)]
pub struct Challenge {
    pub challenge: String,
    /// Seconds.
    #[serde(rename = "expiresIn")]
    pub expires_in: u64,
}

/// `POST /presentation-requests` body.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct PresentationRequestDoc {
    /// OpenID4VP 1.0 DCQL query; formats `ldp_vc`, `jwt_vc_json` and `dc+sd-jwt`; at most 16
    /// KiB. Required unless `profile` is given (not both).
    #[schema(value_type = Object)]
    dcql_query: Option<serde_json::Value>,
    /// A talent profile instead of a DCQL query: the verifier builds the query (skill
    /// credentials, and assignment credentials unless `assignments` is false; any number of each,
    /// in every format: `ldp_vc`, `jwt_vc_json`, `dc+sd-jwt` as alternatives). The answer is
    /// read at `GET /presentation-requests/{id}` and `GET /profiles/{id}.json`.
    profile: Option<ProfileRequestDoc>,
    /// Seconds the request may be answered (1 to 3600, default 300).
    expires_in: Option<u64>,
    /// Oldest presentation accepted, in seconds (default: no limit beyond the request's life).
    max_presentation_age: Option<u64>,
    /// Clock skew tolerated on dates, in seconds (default 60).
    clock_skew: Option<u64>,
    /// A status list that cannot be read fails the answer (true) or only warns (false); default:
    /// the service's `--require-status`.
    require_status: Option<bool>,
    /// Show the answer without the person's name or identifiers (holder DID, subject ids, name
    /// claims, evidence texts) until a manager reveals it (`POST /profiles/{id}/reveal`,
    /// recorded); default false, always true under `verifier serve --name-blind`.
    name_blind: Option<bool>,
}

/// `profile` of `POST /presentation-requests`: what a manager asks of a talent profile.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ProfileRequestDoc {
    /// Skills of interest (keys of the GC Digital Talent library, at most 64); none: every skill.
    skills: Option<Vec<String>>,
    /// Only skills attested at this level or above: `beginner`, `intermediate`, `advanced`,
    /// `expert`.
    min_level: Option<String>,
    /// Ask for assignment credentials too (default true).
    assignments: Option<bool>,
}

/// 201 answer: what to show the person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresentationRequestCreated {
    /// Poll `GET /presentation-requests/{id}` with it.
    pub id: String,
    pub status: String,
    /// `openid4vp://?client_id=…&request_uri=…` (a link or a QR code).
    pub authorization_request: String,
    pub request_uri: String,
    /// `decentralized_identifier:did:key:…`.
    pub client_id: String,
    pub expires_at: String,
    /// Path of the outcome.
    pub result: String,
}

/// The outcome the requesting party reads.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct PresentationOutcomeDoc {
    id: String,
    /// `pending`, `verified`, `failed` or `expired`.
    status: String,
    created_at: String,
    expires_at: String,
    #[schema(value_type = Object)]
    dcql_query: serde_json::Value,
    /// The answer's policies: `{max_presentation_age, clock_skew, require_status}`.
    #[schema(value_type = Object)]
    policy: serde_json::Value,
    /// Answers that failed so far: a failed answer leaves the request open for the person (a
    /// stranger who read its `state` cannot spoil it), until the service's bound
    /// (`--max-failed-answers`) closes it.
    failed_answers: i64,
    /// Whether the person may still answer: open, not expired, not verified.
    answerable: bool,
    /// When answered (the last answer, when it failed): `{verified, holder, credentials: [{query, format, issuer, types, claims,
    /// credentialSubject, status, issuer_untrusted (signed by an issuer no registry names: none
    /// is configured), issuer_name_claimed (the name the credential gives its issuer)}],
    /// presentations: [...], errors: [{code, message}]}`.
    #[schema(value_type = Option<Object>)]
    result: Option<serde_json::Value>,
}

/// OAuth error answered to a wallet.
#[derive(Debug, Serialize, ToSchema)]
pub struct OAuthError {
    pub error: String,
    pub error_description: String,
    /// Stable code: `request_unknown`, `request_expired`, `request_answered`, `state_mismatch`…
    pub code: String,
    pub detail_fr: String,
}
