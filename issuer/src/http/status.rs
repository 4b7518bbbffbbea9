//! `POST /credentials/status` (VC-API): revoke, suspend or reinstate a credential of the
//! caller's department.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use service_kit::Problem;

use crate::domain::error::IssuerError;
use crate::domain::status::StatusChange;
use crate::http::extract::{json_body, principal, AppState};
use crate::i18n::detail;

#[utoipa::path(post, path = "/credentials/status", request_body = crate::http::types::StatusRequestDoc, security(("bearer" = [])),
    responses((status = 200, description = "the credential's status after the change: {credentialId, revocation, suspension}"), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, description = "token lacks the revoke scope", body = Problem), (status = 404, description = "no such credential in the token's department", body = Problem), (status = 409, description = "revocation is final, or the credential has no entry for this purpose", body = Problem), (status = 422, body = Problem)))]
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
