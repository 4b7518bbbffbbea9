//! The wallet reaches issuers and verifiers through the workspace's one HTTP client
//! (`credentials::net`) and its address rules, like the verifier and the library: what an issuer's
//! metadata or a verifier's request names is reached only on a public address, unless a
//! `--did-web-host` mapping names its host. This module adds what an exchange needs on top: the
//! wallet's own scheme rule, the host the person's link names, JSON answers, and a party's
//! refusal read from its error body.

use std::collections::HashMap;
use std::time::Duration;

use credentials::net::{HttpPolicy, Request, Response};
use lang::Lang;
use serde_json::Value;

use crate::domain::exchange_error::{ExchangeError, Party, Step};

/// How long one request to an issuer or a verifier may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Largest answer read from an issuer or a verifier.
const MAX_BODY: usize = 1024 * 1024;

/// How the wallet may reach the network: the address rules of `credentials::net`, with the
/// person's `--did-web-host` mappings (host, with its port when not the default → base URL).
pub fn policy(overrides: HashMap<String, url::Url>) -> HttpPolicy {
    HttpPolicy { timeout: TIMEOUT, overrides, dangerous_allow_private_addresses: false }
}

/// `http` with the host of `url`, the one the person's link names, mapped onto itself: the
/// person chose to talk to that party, as a browser goes where its address bar says. Everything
/// else that party names (metadata endpoints, a `response_uri` elsewhere) keeps the address
/// rules. A `--did-web-host` mapping of the same host is kept.
pub fn with_chosen_host(http: &HttpPolicy, url: &url::Url) -> HttpPolicy {
    let mut http = http.clone();
    if let Some(host) = url.host_str() {
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        http.overrides.entry(authority).or_insert_with(|| origin_url(url));
    }
    http
}

fn origin_url(url: &url::Url) -> url::Url {
    let mut origin = url.clone();
    origin.set_path("/");
    origin.set_query(None);
    origin.set_fragment(None);
    origin
}

/// `https://host[:port]/` of `url`, as kept to reach that host again as the person chose it.
pub fn origin(url: &url::Url) -> Option<String> {
    url.host_str().map(|_| origin_url(url).to_string())
}

/// An exchange URL: https, or plain http on this machine (a local issuer, tests). Which
/// addresses are reached is `credentials::net`'s rule; this one is about the scheme only.
pub fn parse(url: &str) -> Result<url::Url, ExchangeError> {
    let parsed =
        url::Url::parse(url).map_err(|e| ExchangeError::NotAUrl { url: url.to_owned(), reason: e.to_string() })?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if parsed.scheme() == "https" || (parsed.scheme() == "http" && loopback) {
        Ok(parsed)
    } else {
        Err(ExchangeError::NotHttps { url: parsed.to_string() })
    }
}

/// HTTP to one party (an issuer, a verifier) under one policy, with errors that name the party
/// and the step.
pub(crate) struct Client<'a> {
    http: &'a HttpPolicy,
    party: Party,
    /// The reader's language, asked for with `Accept-Language` (an issuer words its OAuth
    /// `error_description` in it).
    lang: Option<Lang>,
}

impl<'a> Client<'a> {
    pub(crate) fn new(http: &'a HttpPolicy, party: Party) -> Self {
        Self { http, party, lang: None }
    }

    /// The same client, asking the party to word its refusals in `lang`.
    pub(crate) fn speaking(self, lang: Lang) -> Self {
        Self { lang: Some(lang), ..self }
    }

    /// The answer to `request` (at most `max_bytes` of it), or why there is none: the party
    /// could not be reached, or it refused (an error status, its reason read by the answer's
    /// media type: see [`refusal`]).
    pub(crate) fn send(&self, request: &Request, step: Step, max_bytes: usize) -> Result<Response, ExchangeError> {
        let party = self.party;
        let asked;
        let request = match self.lang {
            Some(lang) if !request.headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("Accept-Language")) => {
                asked = request.clone().header("Accept-Language", lang.as_str());
                &asked
            }
            _ => request,
        };
        let response =
            self.http.send(request, max_bytes).map_err(|error| ExchangeError::Unreachable { party, step, error })?;
        if response.status < 400 {
            return Ok(response);
        }
        Err(refusal(party, step, &response))
    }

    /// The JSON answer to `request`.
    pub(crate) fn json(&self, request: &Request, step: Step) -> Result<Value, ExchangeError> {
        let response = self.send(request, step, MAX_BODY)?;
        serde_json::from_slice(&response.body).map_err(|_| ExchangeError::AnswerNotJson { party: self.party, step })
    }

    /// `GET url` for JSON.
    pub(crate) fn get_json(&self, url: &str, step: Step) -> Result<Value, ExchangeError> {
        self.json(&Request::get(parse(url)?).header("Accept", "application/json"), step)
    }
}

/// A refusal read by its media type: an OAuth error (`application/json`, RFC 6749 §5.2, RFC 6750
/// §3, OpenID4VCI 1.0 §8.3.1.2) gives its `error` code and its `error_description`, in the
/// language its `Content-Language` names (English when it names none), and the verifier's
/// `detail_fr` beside it; a problem
/// (`application/problem+json`, RFC 9457) its `code`, `detail` and `detail_fr`. Any other body
/// is not read: the status alone is said.
fn refusal(party: Party, step: Step, response: &Response) -> ExchangeError {
    let media = response.content_type.as_deref().unwrap_or_default();
    let media = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let body: Value = match media.as_str() {
        "application/json" | "application/problem+json" => {
            serde_json::from_slice(&response.body).unwrap_or(Value::Null)
        }
        _ => Value::Null,
    };
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
    let (error, reason, reason_fr) = if media == "application/problem+json" {
        (text("error"), text("detail"), text("detail_fr"))
    } else {
        let french = response
            .content_language
            .as_deref()
            .is_some_and(|language| lang::choose([lang::Wish::AcceptLanguage(Some(language))]) == Lang::Fr);
        let description = text("error_description");
        // A verifier gives its reason in French as well (`detail_fr`), whatever language it
        // answered in.
        let detail_fr = text("detail_fr");
        if french {
            (text("error"), None, detail_fr.or(description))
        } else {
            (text("error"), description, detail_fr)
        }
    };
    ExchangeError::Refused { party, step, status: response.status, error, reason, reason_fr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_host_is_mapped_onto_itself_and_a_mapping_given_wins() {
        let link = url::Url::parse("http://127.0.0.1:8080/requests/1?x=y").unwrap();
        let http = with_chosen_host(&policy(HashMap::new()), &link);
        assert_eq!(http.overrides["127.0.0.1:8080"].as_str(), "http://127.0.0.1:8080/");
        assert!(!http.dangerous_allow_private_addresses);
        let given = url::Url::parse("http://127.0.0.1:9999").unwrap();
        let mapped = policy(HashMap::from([("127.0.0.1:8080".to_owned(), given.clone())]));
        assert_eq!(with_chosen_host(&mapped, &link).overrides["127.0.0.1:8080"], given);
        let public = with_chosen_host(&policy(HashMap::new()), &url::Url::parse("https://v.example/r").unwrap());
        assert_eq!(public.overrides["v.example"].as_str(), "https://v.example/");
    }

    fn answer(status: u16, media: Option<&str>, language: Option<&str>, body: &str) -> Response {
        Response {
            status,
            etag: None,
            cache_control: None,
            content_type: media.map(str::to_owned),
            content_language: language.map(str::to_owned),
            body: body.as_bytes().to_vec(),
        }
    }

    /// The issuer's OAuth endpoints answer `application/json` (RFC 6749 §5.2) with an
    /// `error_description` in the language asked for; its other refusals are problems. Each is
    /// read by its media type, and a body of another type is not read at all.
    #[test]
    fn a_refusal_is_read_by_its_media_type() {
        let read = |response: Response| match refusal(Party::Issuer, Step::Credential, &response) {
            ExchangeError::Refused { error, reason, reason_fr, .. } => (error, reason, reason_fr),
            other => panic!("{other:?}"),
        };
        let oauth = r#"{"error":"invalid_nonce","error_description":"le nonce est expire"}"#;
        let some = |text: &str| Some(text.to_owned());
        assert_eq!(
            read(answer(400, Some("application/json; charset=utf-8"), Some("fr"), oauth)),
            (some("invalid_nonce"), None, some("le nonce est expire"))
        );
        let english = r#"{"error":"invalid_grant","error_description":"wrong transaction code (PIN)"}"#;
        assert_eq!(
            read(answer(400, Some("application/json"), None, english)),
            (some("invalid_grant"), some("wrong transaction code (PIN)"), None),
            "no Content-Language: taken as English"
        );
        let problem = r#"{"code":"not_found","detail":"department x not found","detail_fr":"ministère x introuvable"}"#;
        assert_eq!(
            read(answer(404, Some("application/problem+json"), None, problem)),
            (None, some("department x not found"), some("ministère x introuvable"))
        );
        // The verifier's OAuth error carries its French too.
        let verifier = r#"{"error":"invalid_request","error_description":"this request was already answered","code":"request_answered","detail_fr":"cette demande a déjà reçu une réponse"}"#;
        assert_eq!(
            read(answer(400, Some("application/json"), None, verifier)),
            (
                some("invalid_request"),
                some("this request was already answered"),
                some("cette demande a déjà reçu une réponse")
            )
        );
        assert_eq!(read(answer(400, Some("text/html"), None, oauth)), (None, None, None), "not read as JSON");
        assert_eq!(read(answer(502, None, None, oauth)), (None, None, None));
    }

    #[test]
    fn exchange_urls_are_https_or_plain_http_on_this_machine() {
        assert!(parse("https://issuer.example/hr").is_ok());
        assert!(parse("http://127.0.0.1:8080/hr").is_ok());
        assert!(parse("http://localhost/hr").is_ok());
        assert!(matches!(parse("http://issuer.example/hr"), Err(ExchangeError::NotHttps { .. })));
        assert!(matches!(parse("not a url"), Err(ExchangeError::NotAUrl { .. })));
    }

    /// Found when the wallet's own HTTP client went: an address an issuer names (here in its
    /// metadata) is refused unless mapped, as for the verifier.
    #[test]
    fn a_loopback_address_the_party_names_is_refused_unless_mapped() {
        let http = policy(HashMap::new());
        let client = Client::new(&http, Party::Issuer);
        let refused = client.get_json("https://127.0.0.1:9/.well-known/openid-credential-issuer", Step::IssuerMetadata);
        assert!(
            matches!(
                &refused,
                Err(ExchangeError::Unreachable {
                    error: credentials::net::SendError::Net(credentials::net::NetError::AddressRefused { .. }),
                    ..
                })
            ),
            "{refused:?}"
        );
    }
}
