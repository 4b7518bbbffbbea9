//! The wallet side of OpenID4VCI 1.0, pre-authorized code flow: read the offer (by value or by
//! reference), find the issuer's metadata, trade the code (and PIN) for an access token, prove
//! possession of the holder key over a fresh nonce, and take the credential. The caller verifies
//! it before storing: nothing is kept that did not verify and is not bound to this holder.

use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::error::Describe;
use serde_json::{json, Value};

use crate::store::Wallet;

const PRE_AUTHORIZED_GRANT: &str = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
/// Largest answer read from an issuer.
const MAX_BODY: u64 = 1024 * 1024;

/// Why receiving failed, in the holder's words (English and French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiveError {
    pub en: String,
    pub fr: String,
}

pub(crate) fn failed(en: impl Into<String>, fr: impl Into<String>) -> ReceiveError {
    ReceiveError { en: en.into(), fr: fr.into() }
}

/// What was received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The credential as sent (JSON text or compact JWT).
    pub credential: String,
    pub issuer: String,
    pub configuration: String,
}

/// Plain HTTP is allowed only to this machine (tests, a local issuer); anything else is HTTPS.
fn check_url(url: &url::Url) -> Result<(), ReceiveError> {
    let loopback = match url.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if url.scheme() == "https" || (url.scheme() == "http" && loopback) {
        Ok(())
    } else {
        Err(failed(
            format!("{url}: only https URLs are used (http only on this machine)"),
            format!("{url} : seules les adresses https sont utilisées (http seulement sur cette machine)"),
        ))
    }
}

/// HTTP to one party (an issuer, a verifier): time-out, no redirects, size limit, https only
/// (loopback http allowed), and errors that name the party in the holder's language.
pub(crate) struct Client {
    pub(crate) agent: ureq::Agent,
    party: (&'static str, &'static str),
}

impl Client {
    pub(crate) fn new() -> Self {
        Self::for_party("the issuer", "l'émetteur")
    }

    pub(crate) fn for_party(en: &'static str, fr: &'static str) -> Self {
        Self { agent: ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).redirects(0).build(), party: (en, fr) }
    }

    pub(crate) fn parse(url: &str) -> Result<url::Url, ReceiveError> {
        let parsed = url::Url::parse(url)
            .map_err(|e| failed(format!("`{url}` is not a URL: {e}"), format!("« {url} » n'est pas une URL valide")))?;
        check_url(&parsed)?;
        Ok(parsed)
    }

    /// The JSON answer, or the issuer's error (`error_description`, `detail_fr` when present).
    pub(crate) fn answer(
        &self,
        result: Result<ureq::Response, ureq::Error>,
        what: &str,
        quoi: &str,
    ) -> Result<Value, ReceiveError> {
        let response = self.response(result, what, quoi)?;
        read_json(response).ok_or_else(|| {
            failed(
                format!("the answer of {} ({what}) is not JSON", self.party.0),
                format!("la réponse de {} ({quoi}) n'est pas du JSON", self.party.1),
            )
        })
    }

    /// The response, or the party's refusal (`error_description`, `detail_fr` when present).
    pub(crate) fn response(
        &self,
        result: Result<ureq::Response, ureq::Error>,
        what: &str,
        quoi: &str,
    ) -> Result<ureq::Response, ReceiveError> {
        let (party, partie) = self.party;
        match result {
            Err(ureq::Error::Status(code, response)) => {
                let body: Value = read_json(response).unwrap_or(Value::Null);
                let en = body
                    .get("error_description")
                    .or_else(|| body.get("detail"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("HTTP {code}"));
                // A party that gives no French gets its English quoted, said as such.
                let fr = body
                    .get("detail_fr")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("HTTP {code} (motif donné : « {en} »)"));
                Err(failed(format!("{party} refused ({what}): {en}"), format!("{partie} a refusé ({quoi}) : {fr}")))
            }
            Err(error) => Err(failed(
                format!("cannot reach {party} ({what}): {error}"),
                format!("{partie} injoignable ({quoi}) : {}", transport_french(&error)),
            )),
            Ok(response) => Ok(response),
        }
    }

    pub(crate) fn get(&self, url: &str, what: &str, quoi: &str) -> Result<Value, ReceiveError> {
        let url = Self::parse(url)?;
        self.answer(self.agent.get(url.as_str()).set("Accept", "application/json").call(), what, quoi)
    }
}

fn read_json(response: ureq::Response) -> Option<Value> {
    serde_json::from_slice(&read_bytes(response)?).ok()
}

/// At most [`MAX_BODY`] bytes of a response body.
pub(crate) fn read_bytes(response: ureq::Response) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    response.into_reader().take(MAX_BODY).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn not_json_offer(error: &serde_json::Error) -> ReceiveError {
    failed(
        format!("the offer is not JSON: {error}"),
        format!("l'offre n'est pas du JSON (ligne {}, colonne {})", error.line(), error.column()),
    )
}

/// A network failure said in French: ureq words its errors in English only.
fn transport_french(error: &ureq::Error) -> &'static str {
    use ureq::ErrorKind as Kind;
    match error.kind() {
        Kind::Dns => "hôte introuvable",
        Kind::ConnectionFailed => "connexion impossible",
        Kind::Io => "connexion interrompue ou délai dépassé",
        Kind::TooManyRedirects => "redirection refusée",
        Kind::InvalidUrl | Kind::UnknownScheme => "URL invalide",
        Kind::InsecureRequestHttpsOnly => "https exigé",
        Kind::BadStatus | Kind::BadHeader => "réponse HTTP invalide",
        _ => "erreur réseau",
    }
}

/// The offer JSON from `openid-credential-offer://?credential_offer=…` or `…?credential_offer_uri=…`
/// (a bare JSON offer is accepted too).
fn offer(text: &str, client: &Client) -> Result<Value, ReceiveError> {
    let text = text.trim();
    if text.starts_with('{') {
        return serde_json::from_str(text).map_err(|e| not_json_offer(&e));
    }
    let query = text.split_once('?').map(|(_, query)| query).ok_or_else(|| {
        failed(
            "not a credential offer (openid-credential-offer://?…)",
            "ce n'est pas une offre d'attestation (openid-credential-offer://?…)",
        )
    })?;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "credential_offer" => return serde_json::from_str(&value).map_err(|e| not_json_offer(&e)),
            "credential_offer_uri" => return client.get(&value, "offer", "offre"),
            _ => {}
        }
    }
    Err(failed(
        "the offer has neither credential_offer nor credential_offer_uri",
        "l'offre n'a ni credential_offer ni credential_offer_uri",
    ))
}

/// `https://host/.well-known/{name}/path` for an identifier `https://host/path`.
fn well_known(identifier: &str, name: &str) -> Result<String, ReceiveError> {
    let url = Client::parse(identifier)?;
    let path = url.path().trim_end_matches('/');
    let mut origin = url.clone();
    origin.set_path("");
    origin.set_query(None);
    Ok(format!("{}/.well-known/{name}{path}", origin.as_str().trim_end_matches('/')))
}

/// Runs the whole exchange; `pin` when the offer asks for a transaction code.
pub fn receive(
    wallet: &Wallet,
    offer_text: &str,
    pin: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Received, ReceiveError> {
    let client = Client::new();
    let offer = offer(offer_text, &client)?;
    let issuer = offer
        .get("credential_issuer")
        .and_then(Value::as_str)
        .ok_or_else(|| failed("the offer names no credential_issuer", "l'offre ne nomme pas de credential_issuer"))?;
    let configuration = offer
        .pointer("/credential_configuration_ids/0")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            failed("the offer names no credential configuration", "l'offre ne nomme aucune configuration d'attestation")
        })?
        .to_owned();
    let grant = offer
        .pointer(&format!("/grants/{}", PRE_AUTHORIZED_GRANT.replace('/', "~1")))
        .ok_or_else(|| failed("the offer has no pre-authorized code", "l'offre n'a pas de code pré-autorisé"))?;
    let code = grant
        .get("pre-authorized_code")
        .and_then(Value::as_str)
        .filter(|code| !code.is_empty())
        .ok_or_else(|| failed("the offer has no pre-authorized code", "l'offre n'a pas de code pré-autorisé"))?;
    if grant.get("tx_code").is_some() && pin.is_none() {
        return Err(failed(
            "this offer needs the transaction code your department sent you: add --pin",
            "cette offre exige le code de transaction envoyé par votre ministère : ajoutez --pin",
        ));
    }

    let metadata =
        client.get(&well_known(issuer, "openid-credential-issuer")?, "issuer metadata", "métadonnées de l'émetteur")?;
    if metadata.get("credential_issuer").and_then(Value::as_str) != Some(issuer) {
        return Err(failed("the issuer metadata names another issuer", "les métadonnées nomment un autre émetteur"));
    }
    let endpoint = |name: &str| {
        metadata.get(name).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| {
            failed(
                format!("the issuer metadata has no {name}"),
                format!("les métadonnées de l'émetteur n'ont pas de {name}"),
            )
        })
    };
    let credential_endpoint = endpoint("credential_endpoint")?;
    let nonce_endpoint = endpoint("nonce_endpoint")?;
    let authorization_server =
        metadata.pointer("/authorization_servers/0").and_then(Value::as_str).unwrap_or(issuer).to_owned();
    let server = client.get(
        &well_known(&authorization_server, "oauth-authorization-server")?,
        "authorization server metadata",
        "métadonnées du serveur d'autorisation",
    )?;
    let token_endpoint = server.get("token_endpoint").and_then(Value::as_str).ok_or_else(|| {
        failed("the authorization server has no token_endpoint", "le serveur d'autorisation n'a pas de token_endpoint")
    })?;

    let mut form = vec![("grant_type", PRE_AUTHORIZED_GRANT), ("pre-authorized_code", code)];
    // The PIN goes only to an offer that asked for one.
    if let Some(pin) = pin.filter(|_| grant.get("tx_code").is_some()) {
        form.push(("tx_code", pin));
    }
    let token_url = Client::parse(token_endpoint)?;
    let token = client.answer(client.agent.post(token_url.as_str()).send_form(&form), "token", "jeton")?;
    let access_token = token
        .get("access_token")
        .and_then(Value::as_str)
        .ok_or_else(|| failed("the token answer has no access_token", "la réponse n'a pas d'access_token"))?;

    let nonce_url = Client::parse(&nonce_endpoint)?;
    let nonce = client.answer(client.agent.post(nonce_url.as_str()).call(), "nonce", "nonce")?;
    let c_nonce = nonce
        .get("c_nonce")
        .and_then(Value::as_str)
        .ok_or_else(|| failed("the nonce answer has no c_nonce", "la réponse n'a pas de c_nonce"))?;
    let proof = credentials::jose::sign(
        &json!({"aud": issuer, "nonce": c_nonce, "iat": now.timestamp()}),
        wallet.holder().clone(),
        credentials::jose::KEY_PROOF_TYPE,
    )
    .map_err(|e| {
        failed(
            format!("cannot sign the key proof: {e}"),
            format!("signature de la preuve de clé impossible : {}", e.message(schemas::Lang::Fr)),
        )
    })?;

    let credential_url = Client::parse(&credential_endpoint)?;
    let answer = client.answer(
        client
            .agent
            .post(credential_url.as_str())
            .set("Authorization", &format!("Bearer {access_token}"))
            .send_json(json!({"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}})),
        "credential",
        "attestation",
    )?;
    let credential = match answer.pointer("/credentials/0/credential") {
        Some(Value::String(jwt)) => jwt.clone(),
        Some(value @ Value::Object(_)) => value.to_string(),
        _ => return Err(failed("the issuer sent no credential", "l'émetteur n'a envoyé aucune attestation")),
    };
    Ok(Received { credential, issuer: issuer.to_owned(), configuration })
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
}
