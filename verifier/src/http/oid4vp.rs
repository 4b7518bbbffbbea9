//! The wallet's OpenID4VP endpoints: `GET /oid4vp/requests/{rid}` gives the signed request object
//! (`request_uri`), `POST /oid4vp/responses/{rid}` takes the answer (`direct_post`). Refusals
//! are OAuth errors, in the language the wallet asks for.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::domain::error::ServiceError;
use crate::domain::oid4vp::answers::{receive, Received};
use crate::domain::service::VerifierService;
use crate::http::language::lang_of;
use crate::http::types::OAuthError;

/// This family's routes.
pub(crate) fn routes() -> Router<Arc<VerifierService>> {
    Router::new()
        .route("/oid4vp/requests/{rid}", get(request_object_get))
        .route("/oid4vp/responses/{rid}", post(response_post))
}

/// `GET /oid4vp/requests/{rid}`: the signed request object, for the wallet.
#[utoipa::path(get, tag = "wallet (OpenID4VP)", path = "/oid4vp/requests/{rid}", params(("rid" = String, Path)),
    responses((status = 200, content_type = "application/oauth-authz-req+jwt", body = String, description = "the signed request object"),
        (status = 400, body = OAuthError, description = "expired or answered"),
        (status = 404, body = OAuthError)))]
pub(crate) async fn request_object_get(
    State(service): State<Arc<VerifierService>>,
    Path(rid): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let jwt = service.requests().request_object(&rid, service.now(), lang_of(None, &headers)).await?;
    Ok(([(header::CONTENT_TYPE, credentials::oid4vp::REQUEST_MEDIA_TYPE), (header::CACHE_CONTROL, "no-store")], jwt)
        .into_response())
}

/// `POST /oid4vp/responses/{rid}` (`direct_post`): the wallet's `vp_token` and `state`, or its
/// `error`. Processed once; the outcome goes to the requesting party, the wallet gets 200.
#[utoipa::path(post, tag = "wallet (OpenID4VP)", path = "/oid4vp/responses/{rid}", params(("rid" = String, Path)),
    request_body(content_type = "application/x-www-form-urlencoded", content = String, description = "vp_token and state (or error)"),
    responses((status = 200, description = "processed: the outcome is for the requesting party"),
        (status = 400, body = OAuthError, description = "expired, already answered, wrong state or unreadable vp_token"),
        (status = 404, body = OAuthError)))]
pub(crate) async fn response_post(
    State(service): State<Arc<VerifierService>>,
    Path(rid): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let lang = lang_of(None, &headers);
    let bytes = body.map_err(|_| ServiceError::TooLarge)?;
    let form: HashMap<String, String> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    match receive(&service, &rid, &form, lang).await? {
        Received::WalletError => Ok(Json(json!({})).into_response()),
        Received::Judged => Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({}))).into_response()),
    }
}
