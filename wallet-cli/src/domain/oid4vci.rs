//! The wallet side of OpenID4VCI 1.0, pre-authorized code flow: read the offer (by value or by
//! reference), find the issuer's metadata, trade the code (and PIN) for an access token, prove
//! possession of the holder key over a fresh nonce, and take the credential. The caller verifies
//! it before storing: nothing is kept that did not verify and is not bound to this holder.

use chrono::{DateTime, Utc};
use credentials::net::{Body, HttpPolicy, Request};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::exchange::{self, Client};
use crate::domain::exchange_error::{ExchangeError, Party, Step};
use crate::domain::receiving::{self, Progress};
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

/// The offer the link holds or names, and the address of the host the link names (the offer's
/// URL, or the issuer an offer by value names), reached as named.
fn offer(text: &str, http: &HttpPolicy, lang: Lang) -> Result<(Value, Option<String>), ExchangeError> {
    match read_link(text)? {
        Link::ByReference(url) => {
            let chosen = exchange::with_chosen_host(http, &url);
            let origin = exchange::origin(&url);
            let request = Request::get(url).header("Accept", "application/json");
            let offer = Client::new(&chosen, Party::Issuer).speaking(lang).json(&request, Step::Offer)?;
            Ok((offer, origin))
        }
        Link::ByValue(offer) => {
            let issuer = offer.get("credential_issuer").and_then(Value::as_str).map(exchange::parse);
            let origin = match issuer {
                Some(Ok(issuer)) => exchange::origin(&issuer),
                _ => None,
            };
            Ok((offer, origin))
        }
    }
}

/// What the wallet reads in an offer.
struct Offer {
    issuer: String,
    configuration: String,
    code: String,
    /// Whether it asks for a transaction code.
    pin: bool,
}

fn read_offer(offer: &Value) -> Result<Offer, ExchangeError> {
    let issuer = offer.get("credential_issuer").and_then(Value::as_str).ok_or(ExchangeError::NoIssuer)?;
    let configuration = offer
        .pointer("/credential_configuration_ids/0")
        .and_then(Value::as_str)
        .ok_or(ExchangeError::NoConfiguration)?;
    let grant = offer
        .pointer(&format!("/grants/{}", PRE_AUTHORIZED_GRANT.replace('/', "~1")))
        .ok_or(ExchangeError::NoPreAuthorizedCode)?;
    let code = grant
        .get("pre-authorized_code")
        .and_then(Value::as_str)
        .filter(|code| !code.is_empty())
        .ok_or(ExchangeError::NoPreAuthorizedCode)?;
    Ok(Offer {
        issuer: issuer.to_owned(),
        configuration: configuration.to_owned(),
        code: code.to_owned(),
        pin: grant.get("tx_code").is_some(),
    })
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

/// Runs the exchange under `http` (see [`exchange::policy`]), or resumes it from the progress
/// sealed in `wallet` for this very link (see [`receiving`]); `pin` when the offer asks for a
/// transaction code. The progress is saved before each step: the offer, the code about to be
/// traded, the access token, the nonce, and the credential once received. The issuer is asked to
/// word its refusals in `lang` (`Accept-Language`).
pub fn receive(
    wallet: &Wallet,
    link: &str,
    pin: Option<&str>,
    http: &HttpPolicy,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Received, ExchangeError> {
    let progress = match receiving::load(wallet, link)? {
        Some(progress) => progress,
        None => {
            let (offer, origin) = offer(link, http, lang)?;
            Progress { offer, origin, ..Progress::default() }
        }
    };
    if let Some(id) = &progress.kept_as {
        return Err(ExchangeError::AlreadyReceived { id: id.clone() });
    }
    let http = match progress.origin.as_deref().and_then(|origin| url::Url::parse(origin).ok()) {
        Some(origin) => exchange::with_chosen_host(http, &origin),
        None => http.clone(),
    };
    let offer = read_offer(&progress.offer)?;
    let origin = progress.origin.clone();
    let received = |credential: String, http: HttpPolicy| Received {
        credential,
        issuer: offer.issuer.clone(),
        configuration: offer.configuration.clone(),
        http,
        origin,
    };
    if let Some(credential) = progress.credential.clone() {
        return Ok(received(credential, http));
    }
    if offer.pin && pin.is_none() && progress.access_token.is_none() {
        return Err(ExchangeError::PinRequired);
    }
    let mut run = Run { wallet, link, progress, now };
    run.save()?;
    let client = Client::new(&http, Party::Issuer).speaking(lang);
    let issuer = offer.issuer.as_str();
    let metadata = client.get_json(&well_known(issuer, "openid-credential-issuer")?, Step::IssuerMetadata)?;
    if metadata.get("credential_issuer").and_then(Value::as_str) != Some(issuer) {
        return Err(ExchangeError::OtherIssuer);
    }
    let endpoint = |name: &str| metadata.get(name).and_then(Value::as_str).map(str::to_owned);
    let credential_endpoint = endpoint("credential_endpoint")
        .ok_or_else(|| ExchangeError::MetadataMissing { name: "credential_endpoint".to_owned() })?;
    // OpenID4VCI 1.0 §12.2.4: `nonce_endpoint` is OPTIONAL; an issuer without one does not ask
    // for a nonce, and the key proof's `nonce` is then left out (Appendix F.1: it "MUST be
    // present when the Issuer has a Nonce Endpoint").
    let nonce_endpoint = endpoint("nonce_endpoint");

    // A token from an earlier run is used again: the code it was traded for is spent.
    let resumed = run.progress.access_token.is_some();
    let access_token = match run.progress.access_token.clone() {
        Some(token) => token,
        None => run.token(&client, &metadata, &offer, pin)?,
    };
    let endpoints = (credential_endpoint.as_str(), nonce_endpoint.as_deref());
    let credential = run.credential(&client, endpoints, &access_token, &offer).map_err(|error| {
        match (&error, &run.progress.token_asked_at) {
            // The token an earlier run received is no longer accepted: the code is spent.
            (ExchangeError::Refused { step: Step::Credential, status: 401, .. }, Some(at)) if resumed => {
                ExchangeError::AlreadyUsed { at: at.clone(), refused: Box::new(error) }
            }
            _ => error,
        }
    })?;
    run.progress.credential = Some(credential.clone());
    run.save()?;
    Ok(received(credential, http))
}

/// One receive in progress: where its progress is saved, and how far it got.
struct Run<'a> {
    wallet: &'a Wallet,
    link: &'a str,
    progress: Progress,
    now: DateTime<Utc>,
}

impl Run<'_> {
    fn save(&self) -> Result<(), ExchangeError> {
        Ok(receiving::save(self.wallet, self.link, &self.progress)?)
    }

    /// Trades the offer's code (and PIN) for an access token, saving first that it is asked (the
    /// issuer may count the code used even if its answer is lost), then the token.
    fn token(
        &mut self,
        client: &Client<'_>,
        metadata: &Value,
        offer: &Offer,
        pin: Option<&str>,
    ) -> Result<String, ExchangeError> {
        let authorization_server =
            metadata.pointer("/authorization_servers/0").and_then(Value::as_str).unwrap_or(&offer.issuer).to_owned();
        let server = client.get_json(
            &well_known(&authorization_server, "oauth-authorization-server")?,
            Step::AuthorizationServerMetadata,
        )?;
        let token_endpoint =
            server.get("token_endpoint").and_then(Value::as_str).ok_or(ExchangeError::NoTokenEndpoint)?;
        let mut form = vec![("grant_type", PRE_AUTHORIZED_GRANT), ("pre-authorized_code", offer.code.as_str())];
        // The PIN goes only to an offer that asked for one.
        if let Some(pin) = pin.filter(|_| offer.pin) {
            form.push(("tx_code", pin));
        }
        let form = form.into_iter().map(|(name, value)| (name.to_owned(), value.to_owned())).collect();
        let asked_before =
            self.progress.token_asked_at.replace(self.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
        self.save()?;
        let answer = match client.json(&Request::post(exchange::parse(token_endpoint)?, Body::Form(form)), Step::Token)
        {
            Ok(answer) => answer,
            Err(refused @ ExchangeError::Refused { status: ..500, .. }) => {
                // The issuer refused: the code was not traded now. Asked before without an
                // answer, it may have been traded then, and the wallet says so. (A server's or a
                // gateway's error, 5xx, leaves it unknown whether the issuer acted.)
                self.progress.token_asked_at = asked_before.clone();
                self.save()?;
                return Err(match asked_before {
                    Some(at) => ExchangeError::AlreadyUsed { at, refused: Box::new(refused) },
                    None => refused,
                });
            }
            Err(other) => return Err(other),
        };
        let access_token =
            answer.get("access_token").and_then(Value::as_str).ok_or(ExchangeError::NoAccessToken)?.to_owned();
        self.progress.access_token = Some(access_token.clone());
        self.save()?;
        Ok(access_token)
    }

    /// Asks for the credential with a key proof over a fresh nonce when the issuer has a nonce
    /// endpoint (asked again once when the issuer says `invalid_nonce`, as OpenID4VCI 1.0
    /// §8.3.1.2 lets a wallet do), without a nonce when it has none.
    fn credential(
        &mut self,
        client: &Client<'_>,
        (credential_endpoint, nonce_endpoint): (&str, Option<&str>),
        access_token: &str,
        offer: &Offer,
    ) -> Result<String, ExchangeError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut claims = json!({"aud": offer.issuer, "iat": self.now.timestamp()});
            if let Some(nonce_endpoint) = nonce_endpoint {
                let nonce = client.json(&Request::post(exchange::parse(nonce_endpoint)?, Body::Empty), Step::Nonce)?;
                let c_nonce = nonce.get("c_nonce").and_then(Value::as_str).ok_or(ExchangeError::NoCNonce)?;
                self.progress.c_nonce = Some(c_nonce.to_owned());
                self.save()?;
                claims["nonce"] = c_nonce.into();
            }
            let proof =
                credentials::jose::sign(&claims, self.wallet.holder().clone(), credentials::jose::KEY_PROOF_TYPE)
                    .map_err(ExchangeError::KeyProof)?;
            let body = json!({"credential_configuration_id": offer.configuration, "proofs": {"jwt": [proof]}});
            let request = Request::post(exchange::parse(credential_endpoint)?, Body::Json(body))
                .header("Authorization", &format!("Bearer {access_token}"));
            let answer = match client.json(&request, Step::Credential) {
                Err(ExchangeError::Refused { error: Some(code), .. })
                    if code == "invalid_nonce" && attempt == 1 && nonce_endpoint.is_some() =>
                {
                    continue
                }
                other => other?,
            };
            return match answer.pointer("/credentials/0/credential") {
                Some(Value::String(jwt)) => Ok(jwt.clone()),
                Some(value @ Value::Object(_)) => Ok(value.to_string()),
                _ => Err(ExchangeError::NoCredential),
            };
        }
    }
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

    /// A tiny issuer on 127.0.0.1: answers each request (one per connection) by its path, and
    /// hands every request (request line and body) to the test. A path listed more than once is
    /// answered by its entries in turn (the last one for ever); an entry whose body has an
    /// `error` is a 400 OAuth error.
    fn issuer_answering(routes: Vec<(&'static str, Value)>) -> (String, std::sync::mpsc::Receiver<(String, String)>) {
        use std::io::{BufRead, BufReader, Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (sent, seen) = std::sync::mpsc::channel();
        let mut routes: Vec<(&str, String)> =
            routes.into_iter().map(|(path, body)| (path, body.to_string().replace("BASE", &base))).collect();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                    if let Some(value) = header.to_lowercase().strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).unwrap();
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let listed = routes.iter().filter(|(route, _)| *route == path).count();
                let index = routes.iter().position(|(route, _)| *route == path);
                let answer = match index {
                    Some(index) if listed > 1 => Some(routes.remove(index).1),
                    Some(index) => Some(routes[index].1.clone()),
                    None => None,
                };
                let (status, answer) = match answer {
                    Some(answer) if answer.contains("\"error\"") => ("400 Bad Request", answer),
                    Some(answer) => ("200 OK", answer),
                    None => ("404 Not Found", "{}".to_owned()),
                };
                let _ = sent.send((line.trim().to_owned(), String::from_utf8_lossy(&body).into_owned()));
                let mut stream = stream;
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
                stream.write_all(reply.as_bytes()).unwrap();
            }
        });
        (base, seen)
    }

    /// Issue #21: OpenID4VCI 1.0 makes `nonce_endpoint` optional, and the wallet refused an
    /// issuer whose metadata had none. It now sends its key proof without a nonce.
    #[test]
    fn an_issuer_without_a_nonce_endpoint_gets_a_key_proof_without_a_nonce() {
        let (base, seen) = issuer_answering(vec![
            (
                "/.well-known/openid-credential-issuer/hr",
                json!({"credential_issuer": "BASE/hr", "credential_endpoint": "BASE/hr/credential"}),
            ),
            ("/.well-known/oauth-authorization-server/hr", json!({"token_endpoint": "BASE/hr/token"})),
            ("/hr/token", json!({"access_token": "at.1", "token_type": "Bearer"})),
            ("/hr/credential", json!({"credentials": [{"credential": "eyJhbGciOiJFZERTQSJ9.e30.c2ln"}]})),
        ]);
        let offer = json!({"credential_issuer": format!("{base}/hr"), "credential_configuration_ids": ["c"],
            "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "code"}}});
        let dir = tempfile::tempdir().unwrap();
        let kdf = keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };
        let wallet = Wallet::init(&dir.path().join("w"), "pw", kdf).unwrap();
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let http = exchange::policy(Default::default());
        let received = receive(&wallet, &offer.to_string(), None, &http, now, Lang::En).unwrap();
        assert_eq!(received.credential, "eyJhbGciOiJFZERTQSJ9.e30.c2ln");
        let requests: Vec<(String, String)> = seen.try_iter().collect();
        let (_, body) = requests.iter().find(|(line, _)| line.starts_with("POST /hr/credential ")).unwrap();
        let body: Value = serde_json::from_str(body).unwrap();
        let proof = credentials::jose::decode(body["proofs"]["jwt"][0].as_str().unwrap()).unwrap();
        assert_eq!(proof.payload.get("nonce"), None, "{}", proof.payload);
        assert_eq!(proof.payload["aud"], format!("{base}/hr"));
        assert!(!requests.iter().any(|(line, _)| line.contains("nonce")), "{requests:?}");
    }

    /// OpenID4VCI 1.0 §8.3.1.2: `invalid_nonce` (an OAuth error, `application/json`) means "ask
    /// for a new nonce": the wallet does, once, and receives its credential with a key proof over
    /// the second nonce.
    #[test]
    fn an_invalid_nonce_is_asked_again_once() {
        let (base, seen) = issuer_answering(vec![
            (
                "/.well-known/openid-credential-issuer/hr",
                json!({"credential_issuer": "BASE/hr", "credential_endpoint": "BASE/hr/credential", "nonce_endpoint": "BASE/hr/nonce"}),
            ),
            ("/.well-known/oauth-authorization-server/hr", json!({"token_endpoint": "BASE/hr/token"})),
            ("/hr/token", json!({"access_token": "at.1", "token_type": "Bearer"})),
            ("/hr/nonce", json!({"c_nonce": "n-1"})),
            ("/hr/nonce", json!({"c_nonce": "n-2"})),
            ("/hr/credential", json!({"error": "invalid_nonce", "error_description": "the nonce has expired"})),
            ("/hr/credential", json!({"credentials": [{"credential": "eyJhbGciOiJFZERTQSJ9.e30.c2ln"}]})),
        ]);
        let offer = json!({"credential_issuer": format!("{base}/hr"), "credential_configuration_ids": ["c"],
            "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "code"}}});
        let dir = tempfile::tempdir().unwrap();
        let kdf = keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 };
        let wallet = Wallet::init(&dir.path().join("w"), "pw", kdf).unwrap();
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let http = exchange::policy(Default::default());
        let received = receive(&wallet, &offer.to_string(), None, &http, now, Lang::Fr).unwrap();
        assert_eq!(received.credential, "eyJhbGciOiJFZERTQSJ9.e30.c2ln");
        let requests: Vec<(String, String)> = seen.try_iter().collect();
        let nonces: Vec<String> = requests
            .iter()
            .filter(|(line, _)| line.starts_with("POST /hr/credential "))
            .map(|(_, body)| {
                let body: Value = serde_json::from_str(body).unwrap();
                let proof = credentials::jose::decode(body["proofs"]["jwt"][0].as_str().unwrap()).unwrap();
                proof.payload["nonce"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(nonces, ["n-1", "n-2"], "{requests:?}");
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
        let refused = receive(&wallet, &link, None, &http, now, Lang::En).unwrap_err();
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
