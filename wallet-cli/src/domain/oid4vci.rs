//! The wallet side of OpenID4VCI 1.0, pre-authorized code flow: read the offer (by value or by
//! reference), find the issuer's metadata, trade the code (and PIN) for an access token, prove
//! possession of the holder key over a fresh nonce, and take the credential. The caller verifies
//! it before storing: nothing is kept that did not verify and is not bound to this holder.

use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::error::Describe;
use lang::Lang;
use serde_json::{json, Value};

use crate::i18n::t;
use crate::store::Wallet;

const PRE_AUTHORIZED_GRANT: &str = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
/// Largest answer read from an issuer.
const MAX_BODY: u64 = 1024 * 1024;

/// Why receiving (or answering a verifier) failed, in the holder's words (English and French),
/// worded by the catalogue (`i18n/*/wallet_cli.ftl`); `Display` is the English message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{en}")]
pub struct ReceiveError {
    pub en: String,
    pub fr: String,
}

impl ReceiveError {
    /// A catalogue message in both languages: `ReceiveError::localized(|lang| t!(lang, "id", …))`.
    pub(crate) fn localized(message: impl Fn(Lang) -> String) -> Self {
        ReceiveError { en: message(Lang::En), fr: message(Lang::Fr) }
    }

    /// The messages of an error of the credentials library.
    pub(crate) fn of(error: &impl Describe) -> Self {
        Self::localized(|lang| error.message(lang))
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// Who the wallet talks to, as named in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Party {
    Issuer,
    Verifier,
}

impl Party {
    fn name(self, lang: Lang) -> String {
        match self {
            Self::Issuer => t!(lang, "party-issuer"),
            Self::Verifier => t!(lang, "party-verifier"),
        }
    }
}

/// Which step of an exchange a request belongs to, as named in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Offer,
    IssuerMetadata,
    AuthorizationServerMetadata,
    Token,
    Nonce,
    Credential,
    Request,
    Answer,
}

impl Step {
    fn name(self, lang: Lang) -> String {
        match self {
            Self::Offer => t!(lang, "step-offer"),
            Self::IssuerMetadata => t!(lang, "step-issuer-metadata"),
            Self::AuthorizationServerMetadata => t!(lang, "step-authorization-server-metadata"),
            Self::Token => t!(lang, "step-token"),
            Self::Nonce => t!(lang, "step-nonce"),
            Self::Credential => t!(lang, "step-credential"),
            Self::Request => t!(lang, "step-request"),
            Self::Answer => t!(lang, "step-answer"),
        }
    }
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
        Err(ReceiveError::localized(|lang| t!(lang, "exchange-not-https", url = url.as_str())))
    }
}

/// HTTP to one party (an issuer, a verifier): time-out, no redirects, size limit, https only
/// (loopback http allowed), and errors that name the party in the holder's language.
pub(crate) struct Client {
    pub(crate) agent: ureq::Agent,
    party: Party,
}

impl Client {
    pub(crate) fn new() -> Self {
        Self::for_party(Party::Issuer)
    }

    pub(crate) fn for_party(party: Party) -> Self {
        Self { agent: ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).redirects(0).build(), party }
    }

    pub(crate) fn parse(url: &str) -> Result<url::Url, ReceiveError> {
        let parsed = url::Url::parse(url).map_err(|e| {
            ReceiveError::localized(|lang| t!(lang, "exchange-not-a-url", url = url, reason = e.to_string()))
        })?;
        check_url(&parsed)?;
        Ok(parsed)
    }

    /// The JSON answer, or the issuer's error (`error_description`, `detail_fr` when present).
    pub(crate) fn answer(
        &self,
        result: Result<ureq::Response, ureq::Error>,
        step: Step,
    ) -> Result<Value, ReceiveError> {
        let response = self.response(result, step)?;
        read_json(response).ok_or_else(|| {
            ReceiveError::localized(|lang| {
                t!(lang, "exchange-answer-not-json", party = self.party.name(lang), step = step.name(lang))
            })
        })
    }

    /// The response, or the party's refusal (`error_description`, `detail_fr` when present).
    pub(crate) fn response(
        &self,
        result: Result<ureq::Response, ureq::Error>,
        step: Step,
    ) -> Result<ureq::Response, ReceiveError> {
        let party = self.party;
        match result {
            Err(ureq::Error::Status(code, response)) => {
                let body: Value = read_json(response).unwrap_or(Value::Null);
                let english = body
                    .get("error_description")
                    .or_else(|| body.get("detail"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("HTTP {code}"));
                // A party that gives no French gets its English quoted, said as such.
                let french = body.get("detail_fr").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| {
                    t!(Lang::Fr, "exchange-reason-in-english", code = code.to_string(), reason = english.as_str())
                });
                Err(ReceiveError::localized(|lang| {
                    t!(
                        lang,
                        "exchange-refused",
                        party = party.name(lang),
                        step = step.name(lang),
                        reason = lang.pick(english.as_str(), french.as_str())
                    )
                }))
            }
            Err(error) => Err(ReceiveError::localized(|lang| {
                t!(
                    lang,
                    "exchange-unreachable",
                    party = party.name(lang),
                    step = step.name(lang),
                    reason = transport_reason(&error, lang)
                )
            })),
            Ok(response) => Ok(response),
        }
    }

    pub(crate) fn get(&self, url: &str, step: Step) -> Result<Value, ReceiveError> {
        let url = Self::parse(url)?;
        self.answer(self.agent.get(url.as_str()).set("Accept", "application/json").call(), step)
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

/// The offer is not JSON: serde's own words in English (it speaks English only), where it
/// stopped in French.
fn not_json_offer(error: &serde_json::Error) -> ReceiveError {
    ReceiveError::localized(|lang| {
        let reason = match lang {
            Lang::En => error.to_string(),
            Lang::Fr => {
                t!(lang, "json-position", line = error.line().to_string(), column = error.column().to_string())
            }
        };
        t!(lang, "receive-offer-not-json", reason = reason)
    })
}

/// Why a party could not be reached: ureq's own words in English (it speaks English only), the
/// kind of network failure in French.
fn transport_reason(error: &ureq::Error, lang: Lang) -> String {
    use ureq::ErrorKind as Kind;
    if lang == Lang::En {
        return error.to_string();
    }
    match error.kind() {
        Kind::Dns => t!(lang, "transport-dns"),
        Kind::ConnectionFailed => t!(lang, "transport-connection-failed"),
        Kind::Io => t!(lang, "transport-io"),
        Kind::TooManyRedirects => t!(lang, "transport-redirect"),
        Kind::InvalidUrl | Kind::UnknownScheme => t!(lang, "transport-invalid-url"),
        Kind::InsecureRequestHttpsOnly => t!(lang, "transport-https-required"),
        Kind::BadStatus | Kind::BadHeader => t!(lang, "transport-bad-response"),
        _ => t!(lang, "transport-other"),
    }
}

/// The offer JSON from `openid-credential-offer://?credential_offer=…` or `…?credential_offer_uri=…`
/// (a bare JSON offer is accepted too).
fn offer(text: &str, client: &Client) -> Result<Value, ReceiveError> {
    let text = text.trim();
    if text.starts_with('{') {
        return serde_json::from_str(text).map_err(|e| not_json_offer(&e));
    }
    let query = text
        .split_once('?')
        .map(|(_, query)| query)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-not-an-offer")))?;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "credential_offer" => return serde_json::from_str(&value).map_err(|e| not_json_offer(&e)),
            "credential_offer_uri" => return client.get(&value, Step::Offer),
            _ => {}
        }
    }
    Err(ReceiveError::localized(|lang| t!(lang, "receive-offer-empty")))
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
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-issuer")))?;
    let configuration = offer
        .pointer("/credential_configuration_ids/0")
        .and_then(Value::as_str)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-configuration")))?
        .to_owned();
    let grant = offer
        .pointer(&format!("/grants/{}", PRE_AUTHORIZED_GRANT.replace('/', "~1")))
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-pre-authorized-code")))?;
    let code = grant
        .get("pre-authorized_code")
        .and_then(Value::as_str)
        .filter(|code| !code.is_empty())
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-pre-authorized-code")))?;
    if grant.get("tx_code").is_some() && pin.is_none() {
        return Err(ReceiveError::localized(|lang| t!(lang, "receive-pin-required")));
    }

    let metadata = client.get(&well_known(issuer, "openid-credential-issuer")?, Step::IssuerMetadata)?;
    if metadata.get("credential_issuer").and_then(Value::as_str) != Some(issuer) {
        return Err(ReceiveError::localized(|lang| t!(lang, "receive-other-issuer")));
    }
    let endpoint = |name: &str| {
        metadata
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-metadata-missing", name = name)))
    };
    let credential_endpoint = endpoint("credential_endpoint")?;
    let nonce_endpoint = endpoint("nonce_endpoint")?;
    let authorization_server =
        metadata.pointer("/authorization_servers/0").and_then(Value::as_str).unwrap_or(issuer).to_owned();
    let server = client
        .get(&well_known(&authorization_server, "oauth-authorization-server")?, Step::AuthorizationServerMetadata)?;
    let token_endpoint = server
        .get("token_endpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-token-endpoint")))?;

    let mut form = vec![("grant_type", PRE_AUTHORIZED_GRANT), ("pre-authorized_code", code)];
    // The PIN goes only to an offer that asked for one.
    if let Some(pin) = pin.filter(|_| grant.get("tx_code").is_some()) {
        form.push(("tx_code", pin));
    }
    let token_url = Client::parse(token_endpoint)?;
    let token = client.answer(client.agent.post(token_url.as_str()).send_form(&form), Step::Token)?;
    let access_token = token
        .get("access_token")
        .and_then(Value::as_str)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-access-token")))?;

    let nonce_url = Client::parse(&nonce_endpoint)?;
    let nonce = client.answer(client.agent.post(nonce_url.as_str()).call(), Step::Nonce)?;
    let c_nonce = nonce
        .get("c_nonce")
        .and_then(Value::as_str)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "receive-no-c-nonce")))?;
    let proof = credentials::jose::sign(
        &json!({"aud": issuer, "nonce": c_nonce, "iat": now.timestamp()}),
        wallet.holder().clone(),
        credentials::jose::KEY_PROOF_TYPE,
    )
    .map_err(|e| ReceiveError::localized(|lang| t!(lang, "receive-key-proof", reason = e.message(lang))))?;

    let credential_url = Client::parse(&credential_endpoint)?;
    let answer = client.answer(
        client
            .agent
            .post(credential_url.as_str())
            .set("Authorization", &format!("Bearer {access_token}"))
            .send_json(json!({"credential_configuration_id": configuration, "proofs": {"jwt": [proof]}})),
        Step::Credential,
    )?;
    let credential = match answer.pointer("/credentials/0/credential") {
        Some(Value::String(jwt)) => jwt.clone(),
        Some(value @ Value::Object(_)) => value.to_string(),
        _ => return Err(ReceiveError::localized(|lang| t!(lang, "receive-no-credential"))),
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
