//! Issuance over HTTP: the VC-API issue endpoints, the template endpoints (a few HR fields in,
//! a credential out), bulk rows, and reading a credential's record back.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use service_kit::Problem;

use crate::domain::batch::{issue_rows, BatchRow};
use crate::domain::error::IssuerError;
use crate::domain::issuance::{Idempotency, Issued};
use crate::domain::service::IssuerService;
use crate::domain::sign::{self, Mechanism, Secured};
use crate::domain::template::TemplateRequest;
use crate::domain::tokens::Scope;
use crate::http::extract::{json_body, principal, AppState, Params, Segments};
use crate::http::types::{BatchRequest, SuiteQuery};
use crate::i18n::detail;

/// The `Idempotency-Key` header with the fingerprint of this request (route, suite, body).
fn idempotency(
    headers: &HeaderMap,
    route: &str,
    mechanism: Mechanism,
    body: &Value,
) -> Result<Option<Idempotency>, IssuerError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value.to_str().map_err(|_| IssuerError::BadRequest(detail!("http-idempotency-key-not-ascii")))?;
    let request = format!("{route}\n{}\n{body}", mechanism.name());
    Ok(Some(Idempotency::new(key, request.as_bytes())))
}

/// The mechanism asked for by name (`eddsa-rdfc-2022` when none is).
fn mechanism(name: Option<&str>) -> Result<Mechanism, IssuerError> {
    sign::mechanism(name.unwrap_or("eddsa-rdfc-2022")).map_err(IssuerError::BadRequest)
}

/// Takes the optional `person` out of a request object (the template fields, the VC-API
/// options): who the credential is for, recorded beside it, never in it.
fn person_of(object: Option<&mut serde_json::Map<String, Value>>) -> Result<Option<String>, IssuerError> {
    match object.and_then(|object| object.remove("person")) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(person)) => Ok(Some(person)),
        Some(_) => Err(IssuerError::BadRequest(detail!("http-person-not-text"))),
    }
}

/// 201 with `{verifiableCredential}`; a `vc+jwt` travels as an `EnvelopedVerifiableCredential`.
fn issued_response(issued: Issued) -> Response {
    let mut response = match &issued.secured {
        // The recorded text is the credential's JSON (we wrote it): embedded as it is, not
        // serialized again (a tenth of a request's CPU).
        Secured::Json(_) => (
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            format!("{{\"verifiableCredential\":{}}}", issued.body),
        )
            .into_response(),
        enveloped => {
            (StatusCode::CREATED, Json(json!({"verifiableCredential": enveloped.to_vc_api()}))).into_response()
        }
    };
    if let Ok(location) = HeaderValue::from_str(&format!("/credentials/{}", issued.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    if issued.replayed {
        response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

async fn issue_request(
    service: &IssuerService,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    suite: Option<&str>,
) -> Result<Response, IssuerError> {
    let principal = principal(service, headers).await?;
    let body = json_body(body)?;
    let Value::Object(mut request) = body.clone() else {
        return Err(IssuerError::BadRequest(detail!("http-body-not-object")));
    };
    let credential = match request.remove("credential") {
        Some(credential @ Value::Object(_)) => credential,
        Some(Value::String(_)) => return Err(IssuerError::BadRequest(detail!("http-credential-is-string"))),
        Some(_) => return Err(IssuerError::BadRequest(detail!("credential-not-object"))),
        None => return Err(IssuerError::BadRequest(detail!("http-credential-missing"))),
    };
    let requested = request.get("options").and_then(|o| o.get("cryptosuite")).and_then(Value::as_str);
    let mechanism = mechanism(suite.or(requested))?;
    let person = person_of(request.get_mut("options").and_then(Value::as_object_mut))?;
    let route = suite.map_or_else(|| "/credentials/issue".to_owned(), |s| format!("/issuers/{s}/credentials/issue"));
    let idempotency = idempotency(headers, &route, mechanism, &body)?;
    let issued = service.issue(&principal, credential, mechanism, idempotency.as_ref(), person.as_deref()).await?;
    Ok(issued_response(issued))
}

#[utoipa::path(post, path = "/credentials/issue", request_body = crate::http::types::IssueRequestDoc, params(("Idempotency-Key" = Option<String>, Header)), security(("bearer" = [])),
    responses(crate::http::types::IssueResponses))]
pub(crate) async fn credential_issue(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    issue_request(&service, &headers, body, None).await
}

#[utoipa::path(post, path = "/issuers/{suite}/credentials/issue", request_body = crate::http::types::IssueRequestDoc, params(("suite" = String, Path, description = "eddsa-rdfc-2022, eddsa-jcs-2022 or vc-jwt")), security(("bearer" = [])),
    responses(crate::http::types::IssueResponses))]
pub(crate) async fn credential_issue_with_suite(
    State(service): State<AppState>,
    Segments(suite): Segments<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    issue_request(&service, &headers, body, Some(&suite)).await
}

#[utoipa::path(post, path = "/credentials/skill", request_body = crate::http::types::SkillIssueDoc, params(("cryptosuite" = Option<String>, Query)), security(("bearer" = [])),
    responses(crate::http::types::IssueResponses))]
pub(crate) async fn skill_issue(
    State(service): State<AppState>,
    Params(query): Params<SuiteQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let parse = |value| serde_json::from_value(value).map(TemplateRequest::Skill);
    template_issue(&service, query, &headers, body, "/credentials/skill", parse).await
}

#[utoipa::path(post, path = "/credentials/assignment", request_body = crate::http::types::AssignmentIssueDoc, params(("cryptosuite" = Option<String>, Query)), security(("bearer" = [])),
    responses(crate::http::types::IssueResponses))]
pub(crate) async fn assignment_issue(
    State(service): State<AppState>,
    Params(query): Params<SuiteQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let parse = |value| serde_json::from_value(value).map(TemplateRequest::Assignment);
    template_issue(&service, query, &headers, body, "/credentials/assignment", parse).await
}

/// The template endpoints: parse the fields, build the unsigned credential, issue it.
async fn template_issue(
    service: &IssuerService,
    query: SuiteQuery,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    route: &str,
    parse: impl FnOnce(Value) -> Result<TemplateRequest, serde_json::Error>,
) -> Result<Response, IssuerError> {
    let principal = principal(service, headers).await?;
    let body = json_body(body)?;
    let mut fields = body.clone();
    let person = person_of(fields.as_object_mut())?;
    let request = parse(fields).map_err(|e| IssuerError::malformed(detail!("http-template-request"), &e))?;
    let mechanism = mechanism(query.cryptosuite.as_deref())?;
    let idempotency = idempotency(headers, route, mechanism, &body)?;
    let credential = service.template(&principal, request).await?;
    let issued = service.issue(&principal, credential, mechanism, idempotency.as_ref(), person.as_deref()).await?;
    Ok(issued_response(issued))
}

#[utoipa::path(get, path = "/credentials/{id}", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "the record and the credential"), (status = 404, body = Problem), (status = 401, body = Problem)))]
pub(crate) async fn credential_get(
    State(service): State<AppState>,
    Segments(id): Segments<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let record = service.credential(&principal, &id).await?;
    let credential = Secured::from_record(&record.format, record.body.clone()).map_or(Value::Null, Secured::into_json);
    Ok(Json(json!({
        "id": record.id,
        "type": record.credential_type,
        "subject": record.subject,
        "achievement": record.achievement,
        "format": record.format,
        "issuedAt": record.issued_at,
        "sha256": record.sha256,
        "verifiableCredential": credential,
    })))
}

/// Most rows one batch request may carry; larger files go through `issuer issue-batch`.
pub const MAX_BATCH_ROWS: usize = 1000;

#[utoipa::path(post, path = "/credentials/batch", request_body = crate::http::types::BatchRequestDoc, security(("bearer" = [])),
    responses((status = 200, description = "one result per row: issued, skipped (issued before) or rejected"), (status = 400, description = "malformed request", body = Problem),
        (status = 401, description = "missing or wrong token", body = Problem),
        (status = 403, description = "token lacks the issue scope", body = Problem),
        (status = 413, description = "body over the limit", body = Problem),
        (status = 422, description = "credential a verifier would reject", body = Problem),
        (status = 429, description = "rate limit", body = Problem)))]
pub(crate) async fn batch_issue(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    principal.require(Scope::Issue)?;
    let request: BatchRequest = serde_json::from_value(json_body(body)?)
        .map_err(|e| IssuerError::malformed(detail!("http-batch-request"), &e))?;
    if request.rows.len() > MAX_BATCH_ROWS {
        let rows = request.rows.len().to_string();
        return Err(IssuerError::BadRequest(detail!(
            "http-batch-too-many-rows",
            rows = rows.as_str(),
            most = MAX_BATCH_ROWS.to_string()
        )));
    }
    let requested = request.options.as_ref().and_then(|o| o.get("cryptosuite")).and_then(Value::as_str);
    let mechanism = mechanism(requested)?;
    service.charge(&principal, u32::try_from(request.rows.len().saturating_sub(1)).unwrap_or(u32::MAX))?;
    let rows: Vec<(usize, BatchRow)> = request.rows.into_iter().enumerate().map(|(i, row)| (i + 1, row)).collect();
    let mut results = Vec::with_capacity(rows.len());
    issue_rows(service.clone(), principal, rows, mechanism, 4, |result| results.push(result)).await;
    results.sort_by_key(|r| r.line);
    let results: Vec<Value> = results
        .into_iter()
        .map(|result| {
            let mut entry = serde_json::to_value(&result).unwrap_or(Value::Null);
            if let Some(secured) = result.secured {
                entry["verifiableCredential"] = secured.into_json();
            }
            entry
        })
        .collect();
    Ok(Json(json!({"results": results})))
}
