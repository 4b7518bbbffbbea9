//! The one way the workspace reaches anything over HTTP: this library's `did:web` documents and
//! status lists, and the wallet's OpenID4VCI and OpenID4VP exchanges ([`HttpPolicy::send`]).
//! Whatever an issuer or a verifier names (a DID host, a `statusListCredential` URL, a token or
//! response endpoint) is attacker-chosen, and a program that fetched it blindly could be turned
//! against its own network (cloud metadata at 169.254.169.254, admin ports on 10.x, a service on
//! the holder's own machine): so every resolved address is checked before a byte is sent,
//! private, loopback and link-local ones are refused unless explicitly allowed, redirects are not
//! followed, and bodies are read up to a limit. Tests point a host at a local server through
//! [`HttpPolicy::overrides`], an explicit mapping, never by relaxing the default.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

use schemas::Lang;

use crate::i18n::t;

/// How this library may reach the network.
#[derive(Debug, Clone)]
pub struct HttpPolicy {
    pub timeout: Duration,
    /// Host (with port when not the default: `issuer.example:8443`) → base URL to fetch from
    /// instead, e.g. `http://127.0.0.1:40123`. Explicit configuration, so no address check.
    pub overrides: HashMap<String, url::Url>,
    /// Allow hosts resolving to private, loopback or link-local addresses. Dangerous: only for a
    /// closed network where every issuer is internal.
    pub dangerous_allow_private_addresses: bool,
}

impl Default for HttpPolicy {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(5), overrides: HashMap::new(), dangerous_allow_private_addresses: false }
    }
}

/// Why a fetch did not produce a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    AddressRefused { host: String, address: String },
    TooLarge { limit: usize },
    Failed(String),
}

impl std::fmt::Display for NetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl NetError {
    /// What went wrong, in `lang`, worded by the catalogue (the transport's own message is in
    /// English only).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::AddressRefused { host, address } => {
                t!(lang, "net-address-refused", host = host.as_str(), address = address.as_str())
            }
            Self::TooLarge { limit } => t!(lang, "net-too-large", limit = limit.to_string()),
            Self::Failed(detail) => t!(lang, "net-failed", detail = detail.as_str()),
        }
    }

    /// What went wrong, in both languages.
    pub fn detail(&self) -> crate::error::Detail {
        crate::error::Detail::localized(|lang| self.message(lang))
    }
}

/// How a request sent with [`HttpPolicy::send`] failed on the way, as the HTTP library saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Transport {
    /// The host name did not resolve.
    Dns,
    /// No connection could be opened.
    Connect,
    /// The connection broke or timed out.
    Interrupted,
    /// A redirect (never followed).
    Redirect,
    /// The URL could not be used.
    InvalidUrl,
    /// Plain HTTP where HTTPS is required.
    HttpsRequired,
    /// The answer was not HTTP the library could read.
    BadResponse,
    /// Anything else.
    Other,
}

impl Transport {
    fn of(kind: ureq::ErrorKind) -> Self {
        use ureq::ErrorKind as Kind;
        match kind {
            Kind::Dns => Self::Dns,
            Kind::ConnectionFailed => Self::Connect,
            Kind::Io => Self::Interrupted,
            Kind::TooManyRedirects => Self::Redirect,
            Kind::InvalidUrl | Kind::UnknownScheme => Self::InvalidUrl,
            Kind::InsecureRequestHttpsOnly => Self::HttpsRequired,
            Kind::BadStatus | Kind::BadHeader => Self::BadResponse,
            _ => Self::Other,
        }
    }
}

/// Why [`HttpPolicy::send`] got no answer. An answer with an error status is not an error here:
/// it is a [`Response`] whose body the caller may read (a problem body, an OAuth error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Refused before a byte was sent (address, scheme, mapping), or an answer over the limit.
    Net(NetError),
    /// The transport failed: how, and the HTTP library's own words (in English only).
    Transport { kind: Transport, detail: String },
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SendError {}

impl SendError {
    /// What went wrong, in `lang`, worded by the catalogue as a [`NetError`].
    pub fn message(&self, lang: Lang) -> String {
        NetError::from(self.clone()).message(lang)
    }
}

impl From<SendError> for NetError {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Net(error) => error,
            SendError::Transport { detail, .. } => NetError::Failed(detail),
        }
    }
}

/// What a `POST` carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Nothing.
    Empty,
    /// `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
    /// `application/json`.
    Json(serde_json::Value),
}

/// One request for [`HttpPolicy::send`]: a `GET`, or a `POST` with its body, and its headers.
#[derive(Debug, Clone)]
pub struct Request {
    pub url: url::Url,
    /// `None` for `GET`.
    pub body: Option<Body>,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn get(url: url::Url) -> Self {
        Self { url, body: None, headers: Vec::new() }
    }

    pub fn post(url: url::Url, body: Body) -> Self {
        Self { url, body: Some(body), headers: Vec::new() }
    }

    /// The request with one more header (`Accept`, `Authorization`, `If-None-Match`…).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// A response: `304 Not Modified` has an empty body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub etag: Option<String>,
    pub cache_control: Option<String>,
    /// The media type of the body (`Content-Type`), parameters included: an error answer is read
    /// by it (an OAuth error is `application/json`, a problem `application/problem+json`).
    pub content_type: Option<String>,
    /// The language the body is written in (`Content-Language`), when the party says.
    pub content_language: Option<String>,
    pub body: Vec<u8>,
}

/// Whether an address is one a public issuer cannot legitimately have.
pub fn is_refused_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240 // reserved
                || a == 0
        }
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            // Addresses that carry an IPv4 address are judged by it: mapped (::ffff:a.b.c.d),
            // compatible (::a.b.c.d), NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and 6to4 (2002::/16).
            let embedded = |high: u16, low: u16| std::net::Ipv4Addr::from(((high as u32) << 16) | low as u32);
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_refused_address(IpAddr::V4(v4));
            }
            if segments[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
                return is_refused_address(IpAddr::V4(embedded(segments[6], segments[7])));
            }
            if segments[0] == 0x64 && segments[1] == 0xff9b {
                return is_refused_address(IpAddr::V4(embedded(segments[6], segments[7])));
            }
            if segments[0] == 0x2002 {
                return is_refused_address(IpAddr::V4(embedded(segments[1], segments[2])));
            }
            let first = segments[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || first == 0x2001 && segments[1] == 0x0db8 // documentation
        }
    }
}

impl HttpPolicy {
    /// The URL actually fetched, and whether it came from an explicit override.
    fn route(&self, url: &url::Url) -> Result<(url::Url, bool), NetError> {
        let host = url.host_str().ok_or_else(|| NetError::Failed(format!("{url} has no host")))?;
        let authority = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        if let Some(base) = self.overrides.get(&authority) {
            // The path is appended to the base's, never resolved against it: a path such as
            // `/https:169.254.169.254/…` must not become another host.
            let mut mapped = base.clone();
            mapped.set_path(&format!("{}/{}", base.path().trim_end_matches('/'), url.path().trim_start_matches('/')));
            mapped.set_query(url.query());
            if mapped.host_str() != base.host_str() || mapped.port() != base.port() {
                return Err(NetError::Failed(format!("{url} does not map onto {base}")));
            }
            return Ok((mapped, true));
        }
        if url.scheme() != "https" {
            return Err(NetError::Failed(format!("{url}: only https URLs are fetched")));
        }
        Ok((url.clone(), false))
    }

    /// Resolves the host once and checks every address before any byte is sent.
    fn vetted_addresses(&self, url: &url::Url) -> Result<Vec<SocketAddr>, NetError> {
        let host = url.host_str().ok_or_else(|| NetError::Failed("URL without host".into()))?;
        let port = url.port_or_known_default().unwrap_or(443);
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let addresses: Vec<SocketAddr> = (bare, port)
            .to_socket_addrs()
            .map_err(|e| NetError::Failed(format!("cannot resolve {host}: {e}")))?
            .collect();
        if addresses.is_empty() {
            return Err(NetError::Failed(format!("{host} has no address")));
        }
        if !self.dangerous_allow_private_addresses {
            if let Some(refused) = addresses.iter().find(|a| is_refused_address(a.ip())) {
                return Err(NetError::AddressRefused { host: host.to_owned(), address: refused.ip().to_string() });
            }
        }
        Ok(addresses)
    }

    /// `GET url`, at most `max_bytes` of body, conditional on `if_none_match` when given. Any
    /// status other than 200 and 304 is an error.
    pub fn get(
        &self,
        url: &url::Url,
        accept: &str,
        if_none_match: Option<&str>,
        max_bytes: usize,
    ) -> Result<Response, NetError> {
        let mut request = Request::get(url.clone()).header("Accept", accept);
        if let Some(etag) = if_none_match {
            request = request.header("If-None-Match", etag);
        }
        let response = self.send(&request, max_bytes)?;
        match response.status {
            200 | 304 => Ok(response),
            // The HTTP library's words for an error status, as before this went through `send`.
            status if status >= 400 => Err(NetError::Failed(format!("{}: status code {status}", self.route(url)?.0))),
            status => Err(NetError::Failed(format!("{} answered HTTP {status}", self.route(url)?.0))),
        }
    }

    /// Sends `request` under this policy (mapping, address check, no redirects, time-out) and
    /// reads at most `max_bytes` of the answer, whatever its status: a `4xx` is a [`Response`]
    /// the caller reads, a `3xx` is not followed. `304 Not Modified` has an empty body.
    pub fn send(&self, request: &Request, max_bytes: usize) -> Result<Response, SendError> {
        let (target, overridden) = self.route(&request.url).map_err(SendError::Net)?;
        let addresses = if overridden { None } else { Some(self.vetted_addresses(&target).map_err(SendError::Net)?) };
        let mut builder = ureq::AgentBuilder::new().timeout(self.timeout).redirects(0);
        if let Some(addresses) = addresses {
            // Connect only to the addresses just checked, so DNS cannot change its answer.
            builder = builder.resolver(move |_: &str| Ok(addresses.clone()));
        }
        let agent = builder.build();
        let method = if request.body.is_some() { "POST" } else { "GET" };
        let mut call = agent.request(method, target.as_str());
        for (name, value) in &request.headers {
            call = call.set(name, value);
        }
        let sent = match &request.body {
            None | Some(Body::Empty) => call.call(),
            Some(Body::Form(fields)) => {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                call.send_form(&fields)
            }
            Some(Body::Json(value)) => call.set("Content-Type", "application/json").send_string(&value.to_string()),
        };
        let response = match sent {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(ureq::Error::Transport(transport)) => {
                return Err(SendError::Transport {
                    kind: Transport::of(transport.kind()),
                    detail: ureq::Error::Transport(transport).to_string(),
                })
            }
        };
        let status = response.status();
        let etag = response.header("ETag").map(str::to_owned);
        let cache_control = response.header("Cache-Control").map(str::to_owned);
        let content_type = response.header("Content-Type").map(str::to_owned);
        let content_language = response.header("Content-Language").map(str::to_owned);
        if status == 304 {
            return Ok(Response { status, etag, cache_control, content_type, content_language, body: Vec::new() });
        }
        let mut body = Vec::new();
        response
            .into_reader()
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| SendError::Transport { kind: Transport::Interrupted, detail: e.to_string() })?;
        if body.len() > max_bytes {
            return Err(SendError::Net(NetError::TooLarge { limit: max_bytes }));
        }
        Ok(Response { status, etag, cache_control, content_type, content_language, body })
    }
}

/// `max-age` of a `Cache-Control` header; zero for `no-cache` and `no-store`.
pub fn max_age(cache_control: &str) -> Option<Duration> {
    let mut found = None;
    for directive in cache_control.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-cache" || lower == "no-store" {
            return Some(Duration::ZERO);
        }
        if let Some(seconds) = lower.strip_prefix("max-age=") {
            found = seconds.trim_matches('"').parse::<u64>().ok().map(Duration::from_secs);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_max_age() {
        assert_eq!(max_age("public, max-age=60"), Some(Duration::from_secs(60)));
        assert_eq!(max_age("max-age=60, no-cache"), Some(Duration::ZERO));
        assert_eq!(max_age("public"), None);
        assert_eq!(max_age("max-age=x"), None);
    }

    #[test]
    fn plain_http_is_refused_unless_mapped() {
        let policy = HttpPolicy::default();
        let url = url::Url::parse("http://example.org/list").unwrap();
        assert!(matches!(policy.get(&url, "*/*", None, 10), Err(NetError::Failed(m)) if m.contains("only https")));
        let mut mapped = HttpPolicy::default();
        mapped.overrides.insert("example.org".into(), url::Url::parse("http://127.0.0.1:9/base/").unwrap());
        let (target, overridden) = mapped.route(&url::Url::parse("https://example.org/a/b?x=1").unwrap()).unwrap();
        assert!(overridden);
        assert_eq!(target.as_str(), "http://127.0.0.1:9/base/a/b?x=1");
        let (target, _) =
            mapped.route(&url::Url::parse("https://example.org/https:169.254.169.254/latest").unwrap()).unwrap();
        assert_eq!(target.host_str(), Some("127.0.0.1"), "{target}");
    }

    #[test]
    fn private_hosts_are_refused() {
        let url = url::Url::parse("https://127.0.0.1:8443/list").unwrap();
        assert!(matches!(
            HttpPolicy::default().get(&url, "*/*", None, 10),
            Err(NetError::AddressRefused { address, .. }) if address == "127.0.0.1"
        ));
    }

    /// A server on 127.0.0.1 that answers one request with `status` and `body`; the join handle
    /// gives back the request it read (head and body).
    fn answer_once(status: u16, body: &'static str) -> (url::Url, std::thread::JoinHandle<String>) {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = url::Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        let handle = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut seen = Vec::new();
            let mut buffer = [0u8; 4096];
            loop {
                let n = stream.read(&mut buffer).unwrap();
                if n == 0 {
                    break;
                }
                seen.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&seen).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text[..end]
                        .lines()
                        .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(str::to_owned))
                        .map_or(0, |n| n.trim().parse::<usize>().unwrap());
                    if seen.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            let reply =
                format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Language: fr\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
            stream.write_all(reply.as_bytes()).unwrap();
            String::from_utf8_lossy(&seen).into_owned()
        });
        (base, handle)
    }

    #[test]
    fn send_posts_forms_and_json_with_their_headers_to_a_mapped_host() {
        let (base, server) = answer_once(200, r#"{"access_token":"t"}"#);
        let mut policy = HttpPolicy::default();
        policy.overrides.insert("issuer.example".into(), base);
        let form = Body::Form(vec![("grant_type".into(), "a b".into()), ("tx_code".into(), "1&2".into())]);
        let request = Request::post(url::Url::parse("https://issuer.example/token").unwrap(), form)
            .header("Authorization", "Bearer abc");
        let response = policy.send(&request, 1024).unwrap();
        assert_eq!((response.status, response.body.as_slice()), (200, br#"{"access_token":"t"}"#.as_slice()));
        let seen = server.join().unwrap();
        assert!(seen.starts_with("POST /token HTTP/1.1\r\n"), "{seen}");
        assert!(seen.contains("Authorization: Bearer abc\r\n"), "{seen}");
        assert!(seen.to_ascii_lowercase().contains("content-type: application/x-www-form-urlencoded"), "{seen}");
        assert!(seen.ends_with("grant_type=a+b&tx_code=1%262"), "{seen}");

        let (base, server) = answer_once(400, r#"{"error":"invalid_grant"}"#);
        policy.overrides.insert("issuer.example".into(), base);
        let json = Body::Json(serde_json::json!({"proofs": {"jwt": ["x"]}}));
        let request = Request::post(url::Url::parse("https://issuer.example/credential").unwrap(), json);
        let refused = policy.send(&request, 1024).unwrap();
        assert_eq!(refused.status, 400, "an error status is an answer the caller reads");
        assert_eq!(refused.body, br#"{"error":"invalid_grant"}"#);
        let media = (refused.content_type.as_deref(), refused.content_language.as_deref());
        assert_eq!(media, (Some("application/json"), Some("fr")), "read by its media type and language");
        let seen = server.join().unwrap();
        assert!(seen.to_ascii_lowercase().contains("content-type: application/json"), "{seen}");
        assert!(seen.ends_with(r#"{"proofs":{"jwt":["x"]}}"#), "{seen}");
    }

    #[test]
    fn send_keeps_the_address_rules_and_the_size_limit() {
        let (base, server) = answer_once(200, "0123456789");
        let authority = format!("127.0.0.1:{}", base.port().unwrap());
        let policy = HttpPolicy::default();
        let plain = Request::get(base.clone());
        assert!(
            matches!(policy.send(&plain, 100), Err(SendError::Net(NetError::Failed(m))) if m.contains("only https"))
        );
        let https = Request::get(url::Url::parse(&format!("https://{authority}/")).unwrap());
        assert!(matches!(policy.send(&https, 100), Err(SendError::Net(NetError::AddressRefused { .. }))));
        let mut mapped = HttpPolicy::default();
        mapped.overrides.insert(authority, base.clone());
        assert!(matches!(mapped.send(&plain, 4), Err(SendError::Net(NetError::TooLarge { limit: 4 }))));
        server.join().unwrap();
    }

    #[test]
    fn a_transport_failure_says_what_kind_it_is() {
        // Nothing listens on the port of a listener just closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut mapped = HttpPolicy::default();
        let base = url::Url::parse(&format!("http://127.0.0.1:{port}")).unwrap();
        mapped.overrides.insert(format!("127.0.0.1:{port}"), base.clone());
        let failed = mapped.send(&Request::get(base), 100).unwrap_err();
        assert!(matches!(failed, SendError::Transport { kind: Transport::Connect, .. }), "{failed:?}");
        assert!(matches!(NetError::from(failed), NetError::Failed(_)));
    }
}
