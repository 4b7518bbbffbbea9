//! What a department's `admin` token does: rotate its signing key, retire a published key, and
//! read its audit log.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};
use service_kit::Problem;

use crate::domain::error::IssuerError;
use crate::http::extract::{json_body, principal, AppState, Params};
use crate::http::types::AuditQuery;
use crate::i18n::detail;

#[utoipa::path(post, path = "/keys/retire", security(("bearer" = [])),
    request_body(content = Object, description = "{verificationMethod}: a published (not signing) key of the caller's department"),
    responses((status = 200, description = "{retired}: the key left the DID document; what it signed stops verifying once verifiers read the document again"),
        (status = 400, body = Problem), (status = 403, description = "token lacks the admin scope", body = Problem),
        (status = 404, body = Problem), (status = 409, description = "the signing key (rotate first), or retired already", body = Problem)))]
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
    responses((status = 200, description = "the new signing key's verification method; older keys stay published"), (status = 403, description = "token lacks the admin scope", body = Problem)))]
pub(crate) async fn key_rotate(
    State(service): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let method = service.rotate_key_as(&principal).await?;
    Ok(Json(json!({"verificationMethod": method})))
}

#[utoipa::path(get, path = "/audit", params(("since" = Option<String>, Query, description = "RFC 3339 time")), security(("bearer" = [])),
    responses((status = 200, description = "the department's audit entries, oldest first"), (status = 403, description = "token lacks the admin scope", body = Problem)))]
pub(crate) async fn audit_get(
    State(service): State<AppState>,
    Params(query): Params<AuditQuery>,
    headers: HeaderMap,
) -> Result<Json<Value>, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let entries = service.audit_as(&principal, query.since.as_deref()).await?;
    Ok(Json(serde_json::to_value(entries).unwrap_or(Value::Null)))
}

#[utoipa::path(post, path = "/figures/releases", security(("bearer" = [])),
    request_body(content = Object, description = "{period: \"2026Q4\", epsilon: 1.0}: the quarter and the ε this release spends from its budget"),
    responses((status = 201, description = "the signed FiguresCredential; Location is its stable URL"),
        (status = 400, body = Problem), (status = 403, description = "token lacks the admin scope", body = Problem),
        (status = 422, description = "no budget for the quarter, or not enough left: nothing was published", body = Problem)))]
pub(crate) async fn figures_release_post(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<axum::response::Response, IssuerError> {
    use axum::response::IntoResponse;
    let principal = principal(&service, &headers).await?;
    let body = json_body(body)?;
    let period = body.get("period").and_then(Value::as_str).unwrap_or_default();
    let period: figures::Quarter =
        period.parse().map_err(|e| IssuerError::BadRequest(credentials::error::Detail::of(&e)))?;
    let epsilon = body.get("epsilon").and_then(Value::as_f64).ok_or_else(|| {
        IssuerError::BadRequest(credentials::error::Detail::of(&figures::FiguresError::Epsilon(f64::NAN)))
    })?;
    let published = service.release_figures_as(&principal, period, epsilon).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        [
            (axum::http::header::LOCATION, published.path),
            (axum::http::header::CONTENT_TYPE, "application/vc+ld+json".to_owned()),
        ],
        published.body,
    )
        .into_response())
}
