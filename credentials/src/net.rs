//! The one way this library fetches anything over HTTP (`did:web` documents, status lists).
//! Whatever an issuer names (a DID host, a `statusListCredential` URL) is attacker-chosen, and a
//! verifier that fetched it blindly could be turned against its own network (cloud metadata at
//! 169.254.169.254, admin ports on 10.x): so every resolved address is checked before a byte is
//! sent, private, loopback and link-local ones are refused unless explicitly allowed, redirects
//! are not followed, and bodies are read up to a limit. Tests point a host at a local server
//! through [`HttpPolicy::overrides`], an explicit mapping, never by relaxing the default.

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

/// A response: `304 Not Modified` has an empty body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub etag: Option<String>,
    pub cache_control: Option<String>,
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
        let (target, overridden) = self.route(url)?;
        let addresses = if overridden { None } else { Some(self.vetted_addresses(&target)?) };
        let mut builder = ureq::AgentBuilder::new().timeout(self.timeout).redirects(0);
        if let Some(addresses) = addresses {
            // Connect only to the addresses just checked, so DNS cannot change its answer.
            builder = builder.resolver(move |_: &str| Ok(addresses.clone()));
        }
        let mut request = builder.build().get(target.as_str()).set("Accept", accept);
        if let Some(etag) = if_none_match {
            request = request.set("If-None-Match", etag);
        }
        let response = request.call().map_err(|e| NetError::Failed(e.to_string()))?;
        let status = response.status();
        let etag = response.header("ETag").map(str::to_owned);
        let cache_control = response.header("Cache-Control").map(str::to_owned);
        if status == 304 {
            return Ok(Response { status, etag, cache_control, body: Vec::new() });
        }
        if status != 200 {
            return Err(NetError::Failed(format!("{target} answered HTTP {status}")));
        }
        let mut body = Vec::new();
        response
            .into_reader()
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| NetError::Failed(e.to_string()))?;
        if body.len() > max_bytes {
            return Err(NetError::TooLarge { limit: max_bytes });
        }
        Ok(Response { status, etag, cache_control, body })
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
}
