//! The requesting party's OpenID4VP endpoints (an HR system, with the API token): `POST
//! /presentation-requests` asks for credentials with a DCQL query and gets the link to show the
//! person; `GET /presentation-requests/{id}` reads the outcome.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::error::Detail;
use serde_json::Value;
use service_kit::Problem;

use crate::domain::error::ServiceError;
use crate::domain::oid4vp::requests::{Origin, Policy, DEFAULT_LIFETIME, MAX_LIFETIME};
use crate::domain::profile::blind;
use crate::domain::profile::query::{profile_query, ProfileAsk};
use crate::domain::service::{Scope, VerifierService, MAX_POLICY_SECONDS};
use crate::http::language::lang_of;
use crate::http::request::{body_json, seconds_field};
use crate::http::types::{OAuthError, PresentationOutcomeDoc, PresentationRequestCreated, PresentationRequestDoc};
use crate::i18n::t;

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/presentation-requests", post(presentation_request_create))
        .route("/presentation-requests/{id}", get(presentation_request_get))
}

/// `POST /presentation-requests`: the requesting party asks for credentials (a DCQL query, or
/// `profile` for a talent profile; `name_blind: true` to see the answer without the person's
/// name or identifiers until revealed) and gets the link to show the person.
#[utoipa::path(post, tag = "presentation requests", path = "/presentation-requests", request_body = PresentationRequestDoc,
    security(("bearer" = [])),
    responses((status = 201, body = PresentationRequestCreated),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "invalid DCQL query or policy"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = OAuthError, description = "too many open requests")))]
pub(crate) async fn presentation_request_create(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let creator = service.authorize(service_kit::bearer(&headers), Scope::Request).await?;
    let identity = service.identity().ok_or_else(|| ServiceError::bad(|lang| t!(lang, "requests-not-answered")))?;
    let body = body_json(body)?;
    // A DCQL query, or the profile form that builds one (every format, any number).
    let query = match (body.get("dcql_query"), body.get("profile")) {
        (Some(_), Some(_)) => return Err(ServiceError::bad(|lang| t!(lang, "request-query-or-profile"))),
        (None, Some(profile)) => profile_query(&ProfileAsk::from_value(profile)?)?,
        (Some(query), None) => {
            credentials::dcql::Query::from_value(query.clone()).map_err(|e| ServiceError::BadRequest(Detail::of(&e)))?
        }
        (None, None) => return Err(ServiceError::bad(|lang| t!(lang, "field-missing", field = "dcql_query"))),
    };
    let policy = policy(&body)?;
    let name_blind = match body.get("name_blind") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(blind)) => *blind,
        Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "request-name-blind-not-boolean"))),
    };
    let created = service
        .requests()
        .create(
            identity,
            query,
            policy,
            service.now(),
            Origin { created_by: &creator, page_key_sha256: None },
            lang_of(None, &headers),
        )
        .await?;
    // Marked before the link is given: nobody can answer it before it is blind.
    if name_blind {
        blind::mark(&service, &created.id).await?;
    }
    let location = format!("/presentation-requests/{}", created.id);
    let body = PresentationRequestCreated {
        id: created.id,
        status: "pending".into(),
        authorization_request: created.link,
        request_uri: created.request_uri,
        client_id: identity.client_id(),
        expires_at: created.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        result: location.clone(),
    };
    Ok((StatusCode::CREATED, [(header::LOCATION, location), (header::CACHE_CONTROL, "no-store".into())], Json(body))
        .into_response())
}

/// The request's lifetime and the policies its answer is checked with.
fn policy(body: &Value) -> Result<Policy, ServiceError> {
    let lifetime = seconds_field(body, "expires_in", MAX_LIFETIME.as_secs())?.unwrap_or(DEFAULT_LIFETIME);
    if lifetime.is_zero() {
        return Err(ServiceError::bad(|lang| t!(lang, "expires-in-zero")));
    }
    Ok(Policy {
        lifetime,
        max_age: seconds_field(body, "max_presentation_age", MAX_POLICY_SECONDS)?,
        clock_skew: seconds_field(body, "clock_skew", MAX_POLICY_SECONDS)?.unwrap_or(DEFAULT_CLOCK_SKEW),
        require_status: match body.get("require_status") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(require)) => Some(*require),
            Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "require-status-field-not-boolean"))),
        },
    })
}

/// `GET /presentation-requests/{id}`: pending, verified (with the disclosed claims), failed (with
/// reasons) or expired.
#[utoipa::path(get, tag = "presentation requests", path = "/presentation-requests/{id}", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = PresentationOutcomeDoc),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub(crate) async fn presentation_request_get(
    State(service): State<Arc<VerifierService>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    service.authorize(service_kit::bearer(&headers), Scope::Read).await?;
    let lang = lang_of(None, &headers);
    let mut outcome = service.requests().outcome(&id, service.now(), lang).await?.ok_or(ServiceError::NotFound)?;
    // A name-blind request's person stays hidden here too, until revealed (`POST /profiles/{id}/reveal`).
    blind::apply(&mut outcome, &blind::blindness(&service, &id).await?, lang);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(outcome)).into_response())
}
