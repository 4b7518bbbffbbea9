//! OpenID for Verifiable Credential Issuance: the HR system's offers, the metadata a wallet
//! reads, and the token, nonce and credential endpoints the wallet calls. The answers are never
//! cached. The offers answer refusals with problems, as the rest of the API; the three endpoints
//! a wallet calls answer them as OAuth errors (`http::oauth`), which is what wallets read.

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
use crate::http::oauth::OAuthError;
use crate::http::problem::{OAuthEndpoint, OAuthRefusal};
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
    responses((status = 200, description = "{access_token, token_type, expires_in}"),
        (status = 400, description = "RFC 6749 §5.2: invalid_request, invalid_grant, unsupported_grant_type", body = OAuthError),
        (status = 404, description = "unknown department (invalid_request)", body = OAuthError),
        (status = 429, description = "temporarily_unavailable", body = OAuthError)))]
pub(crate) async fn token_post(
    State(service): State<AppState>,
    segments: Result<Segments<String>, IssuerError>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, OAuthRefusal> {
    let refuse = OAuthRefusal::at(OAuthEndpoint::Token, &headers);
    let Segments(department) = segments.map_err(&refuse)?;
    let bytes = body.map_err(|_| refuse(IssuerError::PayloadTooLarge))?;
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    Ok(no_store(service.token(&department, &form).await.map_err(refuse)?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/nonce", params(("department" = String, Path)),
    responses((status = 200, description = "{c_nonce}"),
        (status = 404, description = "unknown department (invalid_request)", body = OAuthError),
        (status = 429, description = "temporarily_unavailable", body = OAuthError)))]
pub(crate) async fn nonce_post(
    State(service): State<AppState>,
    segments: Result<Segments<String>, IssuerError>,
    headers: HeaderMap,
) -> Result<Response, OAuthRefusal> {
    let refuse = OAuthRefusal::at(OAuthEndpoint::Nonce, &headers);
    let Segments(department) = segments.map_err(&refuse)?;
    Ok(no_store(service.nonce(&department).await.map_err(refuse)?))
}

#[utoipa::path(post, path = "/{department}/oid4vci/credential", params(("department" = String, Path)), request_body(content = Object, description = "{credential_configuration_id, proofs: {jwt: [key proof]}}"),
    responses((status = 200, description = "{credentials: [{credential}]}"),
        (status = 400, description = "OpenID4VCI 1.0 §8.3.1.2: invalid_credential_request, unknown_credential_configuration, unknown_credential_identifier, invalid_proof, invalid_nonce, credential_request_denied", body = OAuthError),
        (status = 401, description = "RFC 6750 §3.1: invalid_token (WWW-Authenticate: Bearer error=\"invalid_token\"…); no error code when no token was sent (WWW-Authenticate: Bearer)", body = OAuthError)))]
pub(crate) async fn offered_credential_post(
    State(service): State<AppState>,
    segments: Result<Segments<String>, IssuerError>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, OAuthRefusal> {
    let refuse = OAuthRefusal::at(OAuthEndpoint::Credential, &headers);
    let Segments(department) = segments.map_err(&refuse)?;
    // The token first (RFC 6750): a request without a valid one learns nothing about its body.
    let bearer = service_kit::bearer(&headers).map(str::trim);
    let offer = service.credential_offer_of_token(&department, bearer).await.map_err(&refuse)?;
    let request = json_body(body).map_err(&refuse)?;
    Ok(no_store(service.offered_credential(&department, &offer, &request).await.map_err(refuse)?))
}
