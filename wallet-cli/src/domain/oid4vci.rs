//! The wallet side of OpenID4VCI 1.0, pre-authorized code flow: read the offer (by value or by
//! reference), find the issuer's metadata, trade the code (and PIN) for an access token, prove
//! possession of the holder key over a fresh nonce, and take the credential. The caller verifies
//! it before storing: nothing is kept that did not verify and is not bound to this holder.

use chrono::{DateTime, Utc};
use credentials::net::{Body, HttpPolicy, Request};
use serde_json::{json, Value};

use crate::domain::exchange::{self, Client};
use crate::domain::exchange_error::{ExchangeError, Party, Step};
use crate::domain::store::Wallet;

const PRE_AUTHORIZED_GRANT: &str = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

/// What was received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The credential as sent (JSON text or compact JWT).
    pub credential: String,
    pub issuer: String,
    pub configuration: String,
    /// The policy the exchange ran under: the host of the person's link mapped onto itself. The
    /// wallet is online anyway while it talks to the issuer, so it checks what it received under
    /// the same address rules (the issuer's `did:web` document, its status list).
    pub http: HttpPolicy,
    /// The address whose host the person's link named (`https://host/`), kept with the
    /// credential to check it again under the same rules.
    pub origin: Option<String>,
}

/// Where the offer is: in the link itself, or at the URL the link names.
enum Link {
    ByValue(Value),
    ByReference(url::Url),
}

/// The offer of `openid-credential-offer://?credential_offer=…` or `…?credential_offer_uri=…`
/// (a bare JSON offer is accepted too).
fn read_link(text: &str) -> Result<Link, ExchangeError> {
    let text = text.trim();
    if text.starts_with('{') {
        return serde_json::from_str(text).map(Link::ByValue).map_err(|e| ExchangeError::offer_not_json(&e));
    }
    let query = text.split_once('?').map(|(_, query)| query).ok_or(ExchangeError::NotAnOffer)?;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "credential_offer" => {
                return serde_json::from_str(&value).map(Link::ByValue).map_err(|e| ExchangeError::offer_not_json(&e))
            }
            "credential_offer_uri" => return exchange::parse(&value).map(Link::ByReference),
            _ => {}
        }
    }
    Err(ExchangeError::OfferEmpty)
}

/// The offer, the policy of the exchange (`http` with the host the link names, the offer's URL
/// or the issuer an offer by value names, mapped onto itself) and that host's origin.
fn offer(text: &str, http: &HttpPolicy) -> Result<(Value, HttpPolicy, Option<String>), ExchangeError> {
    match read_link(text)? {
        Link::ByReference(url) => {
            let chosen = exchange::with_chosen_host(http, &url);
            let origin = exchange::origin(&url);
            let request = Request::get(url).header("Accept", "application/json");
            let offer = Client::new(&chosen, Party::Issuer).json(&request, Step::Offer)?;
            Ok((offer, chosen, origin))
        }
        Link::ByValue(offer) => {
            let issuer = offer.get("credential_issuer").and_then(Value::as_str).map(exchange::parse);
            match issuer {
                Some(Ok(issuer)) => Ok((offer, exchange::with_chosen_host(http, &issuer), exchange::origin(&issuer))),
                _ => Ok((offer, http.clone(), None)),
            }
        }
    }
}

/// `https://host/.well-known/{name}/path` for an identifier `https://host/path`.
fn well_known(identifier: &str, name: &str) -> Result<String, ExchangeError> {
    let url = exchange::parse(identifier)?;
    let path = url.path().trim_end_matches('/');
    let mut origin = url.clone();
    origin.set_path("");
    origin.set_query(None);
    Ok(format!("{}/.well-known/{name}{path}", origin.as_str().trim_end_matches('/')))
}

/// Runs the whole exchange under `http` (see [`exchange::policy`]); `pin` when the offer asks
/// for a transaction code.
pub fn receive(
    wallet: &Wallet,
    offer_text: &str,
    pin: Option<&str>,
    http: &HttpPolicy,
    now: DateTime<Utc>,
) -> Result<Received, ExchangeError> {
    let (offer, http, origin) = offer(offer_text, http)?;
    let client = Client::new(&http, Party::Issuer);
    let issuer = offer.get("credential_issuer").and_then(Value::as_str).ok_or(ExchangeError::NoIssuer)?;
    let configuration = offer
        .pointer("/credential_configuration_ids/0")
        .and_then(Value::as_str)
        .ok_or(ExchangeError::NoConfiguration)?
        .to_owned();
    let grant = offer
        .pointer(&format!("/grants/{}", PRE_AUTHORIZED_GRANT.replace('/', "~1")))
        .ok_or(ExchangeError::NoPreAuthorizedCode)?;
    let code = grant
        .get("pre-authorized_code")
        .and_then(Value::as_str)
        .filter(|code| !code.is_empty())
        .ok_or(ExchangeError::NoPreAuthorizedCode)?;
    if grant.get("tx_code").is_some() && pin.is_none() {
        return Err(ExchangeError::PinRequired);
    }

    let metadata = client.get_json(&well_known(issuer, "openid-credential-issuer")?, Step::IssuerMetadata)?;
    if metadata.get("credential_issuer").and_then(Value::as_str) != Some(issuer) {
        return Err(ExchangeError::OtherIssuer);
    }
    let endpoint = |name: &str| {
        metadata
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ExchangeError::MetadataMissing { name: name.to_owned() })
    };
    let credential_endpoint = endpoint("credential_endpoint")?;
    let nonce_endpoint = endpoint("nonce_endpoint")?;
    let authorization_server =
        metadata.pointer("/authorization_servers/0").and_then(Value::as_str).unwrap_or(issuer).to_owned();
    let server = client.get_json(
        &well_known(&authorization_server, "oauth-authorization-server")?,
        Step::AuthorizationServerMetadata,
    )?;
    let token_endpoint = server.get("token_endpoint").and_then(Value::as_str).ok_or(ExchangeError::NoTokenEndpoint)?;

    let mut form = vec![("grant_type", PRE_AUTHORIZED_GRANT), ("pre-authorized_code", code)];
    // The PIN goes only to an offer that asked for one.
    if let Some(pin) = pin.filter(|_| grant.get("tx_code").is_some()) {
        form.push(("tx_code", pin));
    }
    let form = form.into_iter().map(|(name, value)| (name.to_owned(), value.to_owned())).collect();
    let token = client.json(&Request::post(exchange::parse(token_endpoint)?, Body::Form(form)), Step::Token)?;
    let access_token = token.get("access_token").and_then(Value::as_str).ok_or(ExchangeError::NoAccessToken)?;

    let nonce = client.json(&Request::post(exchange::parse(&nonce_endpoint)?, Body::Empty), Step::Nonce)?;
    let c_nonce = nonce.get("c_nonce").and_then(Value::as_str).ok_or(ExchangeError::NoCNonce)?;
    let proof = credentials::jose::sign(
        &json!({"aud": issuer, "nonce": c_nonce, "iat": now.timestamp()}),
        wallet.holder().clone(),
        credentials::jose::KEY_PROOF_TYPE,
    )
    .map_err(ExchangeError::KeyProof)?;

    let request = Body::Json(json!({"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}}));
    let request = Request::post(exchange::parse(&credential_endpoint)?, request)
        .header("Authorization", &format!("Bearer {access_token}"));
    let answer = client.json(&request, Step::Credential)?;
    let credential = match answer.pointer("/credentials/0/credential") {
        Some(Value::String(jwt)) => jwt.clone(),
        Some(value @ Value::Object(_)) => value.to_string(),
        _ => return Err(ExchangeError::NoCredential),
    };
    Ok(Received { credential, issuer: issuer.to_owned(), configuration, http, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_urls_insert_the_well_known_segment() {
        assert_eq!(
            well_known("https://issuer.example/hr", "openid-credential-issuer").unwrap(),
            "https://issuer.example/.well-known/openid-credential-issuer/hr"
        );
        assert_eq!(
            well_known("http://127.0.0.1:8080/hr", "oauth-authorization-server").unwrap(),
            "http://127.0.0.1:8080/.well-known/oauth-authorization-server/hr"
        );
        assert!(well_known("http://issuer.example/hr", "x").is_err(), "plain http off this machine");
    }

    /// The wallet's own HTTP client reached any address an issuer named (https anywhere, http on
    /// loopback). Through `credentials::net`, the host of the person's link is reached as named,
    /// and an issuer it names elsewhere on a private address is refused unless mapped.
    #[test]
    fn the_links_host_is_reached_and_a_private_issuer_it_names_is_refused_unless_mapped() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let offer_host = listener.local_addr().unwrap();
        let offer = json!({"credential_issuer": "https://127.0.0.1:9/hr", "credential_configuration_ids": ["c"],
            "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "code"}}})
        .to_string();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 2048];
            let read = stream.read(&mut request).unwrap();
            let reply = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{offer}", offer.len());
            stream.write_all(reply.as_bytes()).unwrap();
            String::from_utf8_lossy(&request[..read]).into_owned()
        });
        let dir = tempfile::tempdir().unwrap();
        let kdf = keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };
        let wallet = Wallet::init(&dir.path().join("w"), "pw", kdf).unwrap();
        let link = format!("openid-credential-offer://?credential_offer_uri=http%3A%2F%2F{offer_host}%2Foffer");
        let http = exchange::policy(Default::default());
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let refused = receive(&wallet, &link, None, &http, now).unwrap_err();
        assert!(server.join().unwrap().starts_with("GET /offer "), "the link's own host is reached");
        assert!(
            matches!(
                &refused,
                ExchangeError::Unreachable {
                    step: Step::IssuerMetadata,
                    error: credentials::net::SendError::Net(credentials::net::NetError::AddressRefused { .. }),
                    ..
                }
            ),
            "{refused:?}"
        );
    }
}
