//! The W3C CCG VC-API verification endpoints for an employer's systems: `POST
//! /credentials/verify` and `POST /presentations/verify`. A verified credential or presentation
//! is answered 200, one that is not 400, both with what each check found; a presentation must
//! answer a challenge: the caller's own, or one from `POST /challenges` (then used once).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::error::ProblemType;
use credentials::verify::{HolderBinding, PresentationOptions};
use serde_json::Value;
use service_kit::Problem;

use crate::domain::documents::is_presentation;
use crate::domain::error::ServiceError;
use crate::domain::service::{VerifierService, MAX_POLICY_SECONDS};
use crate::domain::summary::{answer, problem};
use crate::http::language::lang_of;
use crate::http::problem::answered;
use crate::http::request::{body_json, document, require_status_option, seconds_field};
use crate::http::types::{CredentialVerifyDoc, PresentationVerifyDoc, VerifyResultDoc};
use crate::i18n::{t, text};

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/credentials/verify", post(credential_verify))
        .route("/presentations/verify", post(presentation_verify))
}

#[utoipa::path(post, tag = "verification", path = "/credentials/verify", request_body = CredentialVerifyDoc,
    responses((status = 200, body = VerifyResultDoc, description = "verified"),
        (status = 400, description = "not verified (the answer, check by check), or a malformed request (a problem)",
            content((VerifyResultDoc = "application/json"), (Problem = "application/problem+json"))),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "status list unreadable and required")))]
pub(crate) async fn credential_verify(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let lang = lang_of(None, &headers);
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiableCredential")?;
    // A `vp+jwt` arrives enveloped like a credential; checked here, no challenge would bind it.
    if is_presentation(&parsed) {
        return Err(ServiceError::bad(|lang| t!(lang, "credential-is-presentation")));
    }
    let options = PresentationOptions { clock_skew: DEFAULT_CLOCK_SKEW, ..PresentationOptions::default() };
    let report = service.verify(parsed, options, require_status_option(&body)?).await?;
    Ok(answered(answer(&report, lang, Vec::new())))
}

#[utoipa::path(post, tag = "verification", path = "/presentations/verify", request_body = PresentationVerifyDoc,
    responses((status = 200, body = VerifyResultDoc, description = "verified"),
        (status = 400, description = "not verified (the answer, check by check), or a malformed request or no challenge (a problem)",
            content((VerifyResultDoc = "application/json"), (Problem = "application/problem+json"))),
        (status = 503, body = Problem, content_type = "application/problem+json", description = "status list unreadable and required")))]
pub(crate) async fn presentation_verify(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let lang = lang_of(None, &headers);
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiablePresentation")?;
    let field = |name: &str| body.pointer(&format!("/options/{name}")).and_then(Value::as_str).map(str::to_owned);
    let options_object = body.get("options").cloned().unwrap_or(Value::Null);
    let seconds = |name: &str| seconds_field(&options_object, name, MAX_POLICY_SECONDS);
    // VC-API `VerifyPresentationOptions`: the caller's `challenge` and `domain`, which the
    // presentation's proof must name. VCDM 2.0 allows a holder who is not the subject of what
    // it presents: the presenter is held to be the subject only when the caller asks
    // (`options.requireHolderBinding: true`, as our OpenID4VP flows always do).
    let holder_binding = match options_object.get("requireHolderBinding") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => HolderBinding::NotRequired,
        Some(Value::Bool(true)) => HolderBinding::Required,
        Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "holder-binding-option-invalid"))),
    };
    let options = PresentationOptions {
        challenge: field("challenge"),
        domain: field("domain"),
        max_age: seconds("maxPresentationAge")?,
        clock_skew: seconds("clockSkew")?.unwrap_or(DEFAULT_CLOCK_SKEW),
        holder_binding,
        audience_required: false,
    };
    if options.challenge.is_none() {
        return Err(ServiceError::bad(|lang| t!(lang, "challenge-required")));
    }
    let (report, used) = service.verify_presentation(parsed, options, require_status_option(&body)?).await?;
    let mut extra = Vec::new();
    if let Err(code) = used {
        let message = match code {
            "challenge_expired" => text!(lang, "challenge-expired"),
            _ => text!(lang, "challenge-unknown-or-used"),
        };
        extra.push(problem("challenge", code, Some(ProblemType::InvalidChallengeError), message));
    }
    Ok(answered(answer(&report, lang, extra)))
}
