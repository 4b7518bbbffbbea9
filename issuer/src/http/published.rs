//! What the issuer publishes for anyone to read: each department's DID document, and its status
//! lists as signed credentials and as Status List Tokens, with ETags so an unchanged list costs
//! a verifier a 304.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use service_kit::Problem;

use crate::domain::error::IssuerError;
use crate::domain::status::PublishedList;
use crate::http::extract::{AppState, Segments};
use crate::i18n::detail;

#[utoipa::path(get, path = "/{department}/did.json", params(("department" = String, Path)), responses((status = 200, description = "the department's DID document (application/did+json)"), (status = 404, body = Problem)))]
pub(crate) async fn did_document_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Response, IssuerError> {
    let document = service.did_document(&department).await?;
    let body = serde_json::to_string(&document).map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/did+json")], body).into_response())
}

#[utoipa::path(get, path = "/{department}/status/{number}", params(("department" = String, Path), ("number" = i64, Path), ("If-None-Match" = Option<String>, Header)),
    responses((status = 200, description = "the signed BitstringStatusListCredential (application/vc+ld+json), with ETag and Cache-Control"), (status = 304, description = "unchanged since the ETag given"), (status = 404, body = Problem)))]
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
    responses((status = 200, description = "the Status List Token (application/statuslist+jwt) SD-JWT VCs point at, with ETag and Cache-Control"), (status = 304, description = "unchanged since the ETag given"), (status = 404, body = Problem)))]
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
fn conditional(headers: &HeaderMap, list: &PublishedList, content_type: &str) -> Response {
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

#[utoipa::path(get, path = "/{department}/figures/{period}/{id}", params(("department" = String, Path), ("period" = String, Path), ("id" = String, Path)),
    responses((status = 200, description = "a signed FiguresCredential (application/vc+ld+json)"), (status = 404, body = Problem)))]
pub(crate) async fn figures_get(
    State(service): State<AppState>,
    Segments((department, period, id)): Segments<(String, String, String)>,
) -> Result<Response, IssuerError> {
    let body = service.published_figures(&department, &period, &id).await?;
    Ok(([(header::CONTENT_TYPE, "application/vc+ld+json")], body).into_response())
}
