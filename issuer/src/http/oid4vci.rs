//! OpenID for Verifiable Credential Issuance: the HR system's offers, the metadata a wallet
//! reads, and the token, nonce and credential endpoints the wallet calls. The answers are never
//! cached.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use service_kit::Problem;

use crate::domain::error::IssuerError;
use crate::domain::oid4vci::OfferRequest;
use crate::http::extract::{json_body, principal, AppState, Params, Segments};
use crate::http::types::OfferQuery;
use crate::i18n::detail;

/// OpenID4VCI answers are never cached (tokens, nonces, offers).
fn no_store(body: Value) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

#[utoipa::path(post, path = "/credentials/offers", request_body = crate::domain::oid4vci::OfferRequest, security(("bearer" = [])),
    responses((status = 201, description = "{offerId, credentialOffer, credentialOfferUri, credentialOfferByReference, txCode, expiresAt}"), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub(crate) async fn offer_create(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let principal = principal(&service, &headers).await?;
    let request: OfferRequest = serde_json::from_value(json_body(body)?)
        .map_err(|e| IssuerError::malformed(detail!("http-offer-request"), &e))?;
    let created = service.create_offer(&principal, request).await?;
    let body = serde_json::to_value(&created).map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok((StatusCode::CREATED, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

#[utoipa::path(get, path = "/.well-known/openid-credential-issuer/{department}", params(("department" = String, Path)),
    responses((status = 200, description = "OpenID4VCI credential issuer metadata"), (status = 404, body = Problem)))]
pub(crate) async fn issuer_metadata_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Json<Value>, IssuerError> {
    Ok(Json(service.credential_issuer_metadata(&department).await?))
}

#[utoipa::path(get, path = "/.well-known/oauth-authorization-server/{department}", params(("department" = String, Path)),
    responses((status = 200, description = "OAuth authorization server metadata (pre-authorized code grant)"), (status = 404, body = Problem)))]
pub(crate) async fn authorization_metadata_get(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
) -> Result<Json<Value>, IssuerError> {
    Ok(Json(service.authorization_server_metadata(&department).await?))
}

#[utoipa::path(get, path = "/{department}/oid4vci/offers/{id}", params(("department" = String, Path), ("id" = String, Path), ("k" = String, Query)),
    responses((status = 200, description = "the credential offer (by reference)"), (status = 404, body = Problem)))]
pub(crate) async fn offer_get(
    State(service): State<AppState>,
    Segments((department, id)): Segments<(String, String)>,
    Params(query): Params<OfferQuery>,
) -> Result<Response, IssuerError> {
    let secret = query.k.ok_or_else(|| IssuerError::NotFound(detail!("credential-offer", id = id.as_str())))?;
    Ok(no_store(service.credential_offer(&department, &id, &secret).await?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/token", params(("department" = String, Path)), request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "grant_type=urn:ietf:params:oauth:grant-type:pre-authorized_code&pre-authorized_code=…&tx_code=…"),
    responses((status = 200, description = "{access_token, token_type, expires_in}"), (status = 400, description = "OAuth error (invalid_grant…)", body = Problem)))]
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
    responses((status = 200, description = "{credentials: [{credential}]}"), (status = 400, description = "invalid_proof, invalid_nonce…", body = Problem), (status = 401, description = "invalid_token", body = Problem)))]
pub(crate) async fn offered_credential_post(
    State(service): State<AppState>,
    Segments(department): Segments<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, IssuerError> {
    let bearer = service_kit::bearer(&headers).map(str::trim);
    let request = json_body(body)?;
    Ok(no_store(service.offered_credential(&department, bearer, &request).await?))
}
