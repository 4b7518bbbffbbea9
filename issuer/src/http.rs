//! The HTTP face of the issuer (W3C CCG VC-API issuance, template endpoints, DID documents,
//! health). Handlers only adapt HTTP to [`IssuerService`]; statuses are chosen in `error.rs`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use schemas::Lang;
use serde_json::{json, Value};

use crate::error::Detail;
use crate::i18n::{detail, t};
use crate::service::{Idempotency, Issued, IssuerService, Principal, StatusChange, TemplateRequest};
use crate::sign::{Mechanism, Secured};
use crate::IssuerError;

/// Largest request body accepted by default (a credential is a few kilobytes).
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

type AppState = Arc<IssuerService>;

/// The issuer's routes.
pub fn app(service: Arc<IssuerService>, body_limit: usize) -> Router {
    Router::new()
        .route("/healthz", get(health_get))
        .route("/readyz", get(ready_get))
        .route("/{department}/did.json", get(did_document_get))
        .route("/{department}/status/{number}", get(status_list_get))
        .route("/{department}/status/{number}/token", get(status_token_get))
        .route("/credentials/status", post(credential_status_post))
        .route("/credentials/offers", post(offer_create))
        .route("/.well-known/openid-credential-issuer/{department}", get(issuer_metadata_get))
        .route("/{department}/.well-known/openid-credential-issuer", get(issuer_metadata_get))
        .route("/.well-known/oauth-authorization-server/{department}", get(authorization_metadata_get))
        .route("/{department}/.well-known/oauth-authorization-server", get(authorization_metadata_get))
        .route("/{department}/oid4vci/offers/{id}", get(offer_get))
        .route("/{department}/oid4vci/token", post(token_post))
        .route("/{department}/oid4vci/nonce", post(nonce_post))
        .route("/{department}/oid4vci/credential", post(offered_credential_post))
        .route("/credentials/issue", post(credential_issue))
        .route("/issuers/{suite}/credentials/issue", post(credential_issue_with_suite))
        .route("/credentials/skill", post(skill_issue))
        .route("/credentials/assignment", post(assignment_issue))
        .route("/credentials/batch", post(batch_issue))
        .route("/credentials/{id}", get(credential_get))
        .route("/openapi.json", get(openapi_get))
        .route("/keys/rotate", post(key_rotate))
        .route("/keys/retire", post(key_retire))
        .route("/audit", get(audit_get))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(body_limit))
        // Quick signing runs on the request's worker: a bug that panics there answers 500 with a
        // problem body instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            crate::error::IssuerError::Internal.into_response()
        }))
        .with_state(service)
}

async fn openapi_get() -> Json<utoipa::openapi::OpenApi> {
    use utoipa::OpenApi;
    Json(crate::openapi::ApiDoc::openapi())
}

/// axum's `Query`, refused with our bilingual problem body instead of axum's English plain text.
pub(crate) struct Params<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = IssuerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, IssuerError> {
        refuse_nul(parts)?;
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(rejection) => {
                Err(IssuerError::BadRequest(detail!("http-query-invalid", reason = rejection.body_text())))
            }
        }
    }
}

/// axum's `Path`, refused with our bilingual problem body (a segment that is not UTF-8 once
/// percent-decoded).
pub(crate) struct Segments<T>(T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for Segments<T> {
    type Rejection = IssuerError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, IssuerError> {
        refuse_nul(parts)?;
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Segments(value)),
            Err(rejection) => {
                Err(IssuerError::BadRequest(detail!("http-path-invalid", reason = rejection.body_text())))
            }
        }
    }
}

/// A known path with another method: a problem body like every other refusal (axum's own 405
/// has none).
async fn method_not_allowed() -> IssuerError {
    IssuerError::MethodNotAllowed
}

async fn not_found() -> IssuerError {
    IssuerError::NotFound(detail!("http-route"))
}

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "the database answers"), (status = 503, description = "the database does not answer")))]
pub(crate) async fn ready_get(State(service): State<AppState>) -> Response {
    match service.store().ping().await {
        Ok(()) => Json(json!({"status": "ready"})).into_response(),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            let body = json!({
                "status": "database unreachable",
                "detail": t!(Lang::En, "http-database-unreachable"),
                "detail_fr": t!(Lang::Fr, "http-database-unreachable"),
            });
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}

#[utoipa::path(get, path = "/{department}/did.json", params(("department" = String, Path)), responses((status = 200, description = "the department's DID document (application/did+json)"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn did_document_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Response, IssuerError> {
    let document = service.did_document(&department).await?;
    let body = serde_json::to_string(&document).map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/did+json")], body).into_response())
}

#[utoipa::path(get, path = "/{department}/status/{number}", params(("department" = String, Path), ("number" = i64, Path), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, description = "the signed BitstringStatusListCredential (application/vc+ld+json), with ETag and Cache-Control"), (status = 304, description = "unchanged since the ETag given"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn status_list_get(
    State(service): State<AppState>,
    Segments((department, number)): Segments<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, IssuerError> {
    let number: i64 =
        number.parse().map_err(|_| IssuerError::NotFound(detail!("http-status-list", number = number.as_str())))?;
    let list = service.status_list(&department, number).await?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    let content_type = if accept.contains("application/json") && !accept.contains("application/vc+ld+json") {
        "application/json"
    } else {
        "application/vc+ld+json"
    };
    Ok(conditional(&headers, &list, content_type))
}

#[utoipa::path(get, path = "/{department}/status/{number}/token", params(("department" = String, Path), ("number" = i64, Path), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, description = "the Status List Token (application/statuslist+jwt) SD-JWT VCs point at, with ETag and Cache-Control"), (status = 304, description = "unchanged since the ETag given"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn status_token_get(
    State(service): State<AppState>,
    Segments((department, number)): Segments<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, IssuerError> {
    let number: i64 =
        number.parse().map_err(|_| IssuerError::NotFound(detail!("http-status-list", number = number.as_str())))?;
    let token = service.status_token(&department, number).await?;
    Ok(conditional(&headers, &token, credentials::status::token::MEDIA_TYPE))
}

/// 304 when `If-None-Match` names the published copy's ETag, else the copy as `content_type`.
fn conditional(headers: &HeaderMap, list: &crate::service::PublishedList, content_type: &str) -> Response {
    let cache_control = format!("public, max-age={}", list.max_age);
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == list.etag || tag.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, list.etag.clone()), (header::CACHE_CONTROL, cache_control)])
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::ETAG, list.etag.clone()),
            (header::CACHE_CONTROL, cache_control),
        ],
        list.body.clone(),
    )
        .into_response()
}

#[utoipa::path(post, path = "/credentials/status", request_body = crate::openapi::StatusRequestDoc, security(("bearer" = [])),
    responses((status = 200, description = "the credential's status after the change: {credentialId, revocation, suspension}"), (status = 400, body = crate::openapi::ProblemDoc), (status = 401, body = crate::openapi::ProblemDoc), (status = 403, description = "token lacks the revoke scope", body = crate::openapi::ProblemDoc), (status = 404, description = "no such credential in the token's department", body = crate::openapi::ProblemDoc), (status = 409, description = "revocation is final, or the credential has no entry for this purpose", body = crate::openapi::ProblemDoc), (status = 422, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn credential_status_post(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let body = json_body(body)?;
    let id = body
        .get("credentialId")
        .and_then(Value::as_str)
        .ok_or_else(|| IssuerError::BadRequest(detail!("http-credential-id-missing")))?;
    let reason = body.get("reason").and_then(Value::as_str).unwrap_or("");
    let items = match body.get("credentialStatus") {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        Some(item @ Value::Object(_)) => vec![item.clone()],
        _ => return Err(IssuerError::BadRequest(detail!("http-credential-status-not-list"))),
    };
    let mut changes = Vec::new();
    for item in &items {
        let kind = item.get("type").and_then(Value::as_str).unwrap_or("BitstringStatusListEntry");
        if kind != "BitstringStatusListEntry" && kind != "BitstringStatusListCredential" {
            return Err(IssuerError::Refused(detail!("http-status-type-unsupported", kind = kind)));
        }
        let change = match item.get("status").and_then(Value::as_str) {
            Some("revoked") => StatusChange::Revoke,
            Some("suspended") => StatusChange::Suspend,
            Some("active" | "reinstated") => StatusChange::Reinstate,
            other => {
                return Err(IssuerError::Refused(match other {
                    Some(status) => detail!("http-status-unknown", status = status),
                    None => detail!("http-status-missing"),
                }));
            }
        };
        changes.push(change);
    }
    let view = service.change_status_as(&principal, id, &changes, reason).await?;
    Ok(Json(view).into_response())
}

/// OpenID4VCI answers are never cached (tokens, nonces, offers).
fn no_store(body: Value) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

#[utoipa::path(post, path = "/credentials/offers", request_body = crate::service::OfferRequest, security(("bearer" = [])),
    responses((status = 201, description = "{offerId, credentialOffer, credentialOfferUri, credentialOfferByReference, txCode, expiresAt}"), (status = 400, body = crate::openapi::ProblemDoc), (status = 401, body = crate::openapi::ProblemDoc), (status = 403, body = crate::openapi::ProblemDoc), (status = 422, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn offer_create(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let request: crate::service::OfferRequest = serde_json::from_value(json_body(body)?)
        .map_err(|e| IssuerError::malformed(detail!("http-offer-request"), &e))?;
    let created = service.create_offer(&principal, request).await?;
    let body = serde_json::to_value(&created).map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

#[utoipa::path(get, path = "/.well-known/openid-credential-issuer/{department}", params(("department" = String, Path)),
    responses((status = 200, description = "OpenID4VCI credential issuer metadata"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn issuer_metadata_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Json<Value>, IssuerError> {
    Ok(Json(service.credential_issuer_metadata(&department).await?))
}

#[utoipa::path(get, path = "/.well-known/oauth-authorization-server/{department}", params(("department" = String, Path)),
    responses((status = 200, description = "OAuth authorization server metadata (pre-authorized code grant)"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn authorization_metadata_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Json<Value>, IssuerError> {
    Ok(Json(service.authorization_server_metadata(&department).await?))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct OfferQuery {
    k: Option<String>,
}

#[utoipa::path(get, path = "/{department}/oid4vci/offers/{id}", params(("department" = String, Path), ("id" = String, Path), ("k" = String, Query)),
    responses((status = 200, description = "the credential offer (by reference)"), (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn offer_get(
    State(service): State<AppState>,
    Segments((department, id)): Segments<(String, String)>,
    Params(query): Params<OfferQuery>,
) -> Result<Response, IssuerError> {
    let secret = query.k.ok_or_else(|| IssuerError::NotFound(detail!("credential-offer", id = id.as_str())))?;
    Ok(no_store(service.credential_offer(&department, &id, &secret).await?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/token", params(("department" = String, Path)), request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code&pre-authorized_code=…&tx_code=…"),
    responses((status = 200, description = "{access_token, token_type, expires_in}"), (status = 400, description = "OAuth error (invalid_grant…)", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn token_post(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let bytes = body.map_err(|_| IssuerError::PayloadTooLarge)?;
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    Ok(no_store(service.token(&department, &form).await?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/nonce", params(("department" = String, Path)),
    responses((status = 200, description = "{c_nonce}")))]
pub(crate) async fn nonce_post(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Response, IssuerError> {
    Ok(no_store(service.nonce(&department).await?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/credential", params(("department" = String, Path)), request_body(content = Object, description = "{credential_configuration_id, proofs: {jwt: [key proof]}}"),
    responses((status = 200, description = "{credentials: [{credential}]}"), (status = 400, description = "invalid_proof, invalid_nonce…", body = crate::openapi::ProblemDoc), (status = 401, description = "invalid_token", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn offered_credential_post(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let request = json_body(body)?;
    Ok(no_store(service.offered_credential(&department, bearer, &request).await?))
}

async fn principal(service: &IssuerService, headers: &HeaderMap) -> Result<Principal, IssuerError> {
    let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(IssuerError::Unauthorized)?;
    let token = value.strip_prefix("Bearer ").ok_or(IssuerError::Unauthorized)?;
    service.authenticate(token.trim()).await
}

/// The body as JSON, with our own problem answers for oversized or malformed input.
/// A NUL character (`%00`) in the path or the query: refused before it reaches the database
/// (PostgreSQL refuses NUL in text, which answered 500; found by review).
fn refuse_nul(parts: &Parts) -> Result<(), IssuerError> {
    let nul = |text: &str| text.contains("%00") || text.contains('\0');
    if nul(parts.uri.path()) || parts.uri.query().is_some_and(nul) {
        return Err(IssuerError::BadRequest(detail!("http-url-nul")));
    }
    Ok(())
}

fn json_body(body: Result<Bytes, BytesRejection>) -> Result<Value, IssuerError> {
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => IssuerError::PayloadTooLarge,
        other => IssuerError::BadRequest(detail!("http-body-unreadable", reason = other.body_text())),
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        // serde's own text in English; where it stopped in French.
        IssuerError::BadRequest(Detail::localized(|lang| {
            let reason = match lang {
                Lang::En => e.to_string(),
                Lang::Fr => {
                    t!(lang, "http-json-position", line = e.line().to_string(), column = e.column().to_string())
                }
            };
            t!(lang, "http-body-not-json", reason = reason)
        }))
    })?;
    if crate::service::contains_nul(&value) {
        return Err(IssuerError::BadRequest(detail!("http-body-nul")));
    }
    Ok(value)
}

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

fn mechanism(name: Option<&str>) -> Result<Mechanism, IssuerError> {
    let name = name.unwrap_or("eddsa-rdfc-2022");
    name.parse().map_err(|invalid: bilingual_cli::Invalid| IssuerError::BadRequest(Detail::new(invalid.en, invalid.fr)))
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
    let route = suite.map_or_else(|| "/credentials/issue".to_owned(), |s| format!("/issuers/{s}/credentials/issue"));
    let idempotency = idempotency(headers, &route, mechanism, &body)?;
    let issued = service.issue(&principal, credential, mechanism, idempotency.as_ref()).await?;
    Ok(issued_response(issued))
}

#[utoipa::path(post, path = "/credentials/issue", request_body = crate::openapi::IssueRequestDoc, params(("Idempotency-Key" = Option<String>, Header)), security(("bearer" = [])),
    responses(crate::openapi::IssueResponses))]
pub(crate) async fn credential_issue(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    issue_request(&service, &headers, body, None).await
}

#[utoipa::path(post, path = "/issuers/{suite}/credentials/issue", request_body = crate::openapi::IssueRequestDoc, params(("suite" = String, Path, description = "eddsa-rdfc-2022, eddsa-jcs-2022 or vc-jwt")), security(("bearer" = [])),
    responses(crate::openapi::IssueResponses))]
pub(crate) async fn credential_issue_with_suite(
    State(service): State<AppState>,
    Segments(suite): Segments<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    issue_request(&service, &headers, body, Some(&suite)).await
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct SuiteQuery {
    cryptosuite: Option<String>,
}

#[utoipa::path(post, path = "/credentials/skill", request_body = crate::service::SkillRequest, params(("cryptosuite" = Option<String>, Query)), security(("bearer" = [])),
    responses(crate::openapi::IssueResponses))]
pub(crate) async fn skill_issue(
    State(service): State<AppState>,
    Params(query): Params<SuiteQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let parse = |value| serde_json::from_value(value).map(TemplateRequest::Skill);
    template_issue(&service, query, &headers, body, "/credentials/skill", parse).await
}

#[utoipa::path(post, path = "/credentials/assignment", request_body = crate::service::AssignmentRequest, params(("cryptosuite" = Option<String>, Query)), security(("bearer" = [])),
    responses(crate::openapi::IssueResponses))]
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
    let request = parse(body.clone()).map_err(|e| IssuerError::malformed(detail!("http-template-request"), &e))?;
    let mechanism = mechanism(query.cryptosuite.as_deref())?;
    let idempotency = idempotency(headers, route, mechanism, &body)?;
    let credential = service.template(&principal, request).await?;
    let issued = service.issue(&principal, credential, mechanism, idempotency.as_ref()).await?;
    Ok(issued_response(issued))
}

#[utoipa::path(get, path = "/credentials/{id}", params(("id" = String, Path)), security(("bearer" = [])),
    responses((status = 200, description = "the record and the credential"), (status = 404, body = crate::openapi::ProblemDoc), (status = 401, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn credential_get(
    State(service): State<AppState>,
    Segments(id): Segments<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let record = service.credential(&principal, &id).await?;
    let credential: Value = match Secured::from_record(&record.format, record.body.clone()) {
        Ok(Secured::Json(value)) => value,
        Ok(Secured::Jwt(text) | Secured::SdJwt(text)) => Value::String(text),
        Err(_) => Value::Null,
    };
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

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchRequest {
    rows: Vec<crate::batch::BatchRow>,
    #[serde(default)]
    options: Option<Value>,
}

#[utoipa::path(post, path = "/credentials/batch", request_body = crate::openapi::BatchRequestDoc, security(("bearer" = [])),
    responses((status = 200, description = "one result per row: issued, skipped (issued before) or rejected"), (status = 400, description = "malformed request", body = crate::openapi::ProblemDoc),
        (status = 401, description = "missing or wrong token", body = crate::openapi::ProblemDoc),
        (status = 403, description = "token lacks the issue scope", body = crate::openapi::ProblemDoc),
        (status = 413, description = "body over the limit", body = crate::openapi::ProblemDoc),
        (status = 422, description = "credential a verifier would reject", body = crate::openapi::ProblemDoc),
        (status = 429, description = "rate limit", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn batch_issue(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    principal.require(crate::service::Scope::Issue)?;
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
    let rows: Vec<(usize, crate::batch::BatchRow)> =
        request.rows.into_iter().enumerate().map(|(i, row)| (i + 1, row)).collect();
    let mut results = Vec::with_capacity(rows.len());
    crate::batch::issue_rows(service.clone(), principal, rows, mechanism, 4, |result| results.push(result)).await;
    results.sort_by_key(|r| r.line);
    let results: Vec<Value> = results
        .into_iter()
        .map(|result| {
            let mut entry = serde_json::to_value(&result).unwrap_or(Value::Null);
            if let Some(secured) = result.secured {
                entry["verifiableCredential"] = match secured {
                    Secured::Json(value) => value,
                    Secured::Jwt(jwt) | Secured::SdJwt(jwt) => Value::String(jwt),
                };
            }
            entry
        })
        .collect();
    Ok(Json(json!({"results": results})))
}

#[utoipa::path(post, path = "/keys/retire", security(("bearer" = [])),
    request_body(content = Object, description = "{verificationMethod}: a published (not signing) key of the caller's department"),
    responses((status = 200, description = "{retired}: the key left the DID document; what it signed stops verifying once verifiers read the document again"),
        (status = 400, body = crate::openapi::ProblemDoc), (status = 403, description = "token lacks the admin scope", body = crate::openapi::ProblemDoc),
        (status = 404, body = crate::openapi::ProblemDoc), (status = 409, description = "the signing key (rotate first), or retired already", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn key_retire(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let body = json_body(body)?;
    let method = body
        .get("verificationMethod")
        .and_then(Value::as_str)
        .ok_or_else(|| IssuerError::BadRequest(detail!("http-verification-method-missing")))?;
    service.retire_key_as(&principal, method).await?;
    Ok(Json(json!({"retired": method})))
}

#[utoipa::path(post, path = "/keys/rotate", security(("bearer" = [])),
    responses((status = 200, description = "the new signing key's verification method; older keys stay published"), (status = 403, description = "token lacks the admin scope", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn key_rotate(
    State(service): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let method = service.rotate_key_as(&principal).await?;
    Ok(Json(json!({"verificationMethod": method})))
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct AuditQuery {
    since: Option<String>,
}

#[utoipa::path(get, path = "/audit", params(("since" = Option<String>, Query, description = "RFC 3339 time")), security(("bearer" = [])),
    responses((status = 200, description = "the department's audit entries, oldest first"), (status = 403, description = "token lacks the admin scope", body = crate::openapi::ProblemDoc)))]
pub(crate) async fn audit_get(
    State(service): State<AppState>,
    Params(query): Params<AuditQuery>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let entries = service.audit_as(&principal, query.since.as_deref()).await?;
    Ok(Json(serde_json::to_value(entries).unwrap_or(Value::Null)))
}
