//! `did:web` over HTTPS, the one place this library opens a connection. An issuer's DID names a
//! host, and a verifier that fetched whatever that host resolves to could be turned against its
//! own network (cloud metadata at 169.254.169.254, admin ports on 10.x): so every resolved address
//! is checked and private, loopback and link-local ones are refused unless explicitly allowed.
//! Tests point a DID host at a local server through [`WebResolverConfig::overrides`], an explicit
//! mapping, never by relaxing the default.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

use super::{DidDocument, DidResolver};
use crate::error::DidError;

/// How `did:web` documents are fetched.
#[derive(Debug, Clone)]
pub struct WebResolverConfig {
    pub timeout: Duration,
    pub max_document_bytes: usize,
    /// DID host (as in the DID, `%3A` decoded: `issuer.example:8443`) → base URL to fetch from
    /// instead, e.g. `http://127.0.0.1:40123`. Explicit configuration, so no address check.
    pub overrides: HashMap<String, url::Url>,
    /// Allow hosts resolving to private, loopback or link-local addresses. Dangerous: only for a
    /// closed network where every issuer is internal.
    pub dangerous_allow_private_addresses: bool,
}

impl Default for WebResolverConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            max_document_bytes: 64 * 1024,
            overrides: HashMap::new(),
            dangerous_allow_private_addresses: false,
        }
    }
}

#[derive(Debug)]
pub struct WebResolver {
    config: WebResolverConfig,
}

impl WebResolver {
    pub fn new(config: WebResolverConfig) -> Self {
        Self { config }
    }
}

/// The host (with optional port) and path segments of a `did:web`.
pub fn parse_did_web(did: &str) -> Result<(String, Vec<String>), DidError> {
    let rest = did.strip_prefix("did:web:").ok_or_else(|| DidError::InvalidDid(did.to_owned()))?;
    let mut segments = rest.split(':');
    let host = segments.next().filter(|h| !h.is_empty()).ok_or_else(|| DidError::InvalidDid(did.to_owned()))?;
    let host = host
        .replace("%3A", ":")
        .replace("%3a", ":")
        .replace("%5B", "[")
        .replace("%5D", "]")
        .replace("%5b", "[")
        .replace("%5d", "]");
    if host.contains(['/', '?', '#', '@', '%']) {
        return Err(DidError::InvalidDid(did.to_owned()));
    }
    let path: Vec<String> = segments.map(str::to_owned).collect();
    if path.iter().any(|s| s.is_empty() || s.contains(['/', '?', '#', '%']) || s == ".." || s == ".") {
        return Err(DidError::InvalidDid(did.to_owned()));
    }
    Ok((host, path))
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

impl WebResolver {
    fn document_url(&self, host: &str, path: &[String]) -> Result<(url::Url, bool), DidError> {
        let suffix =
            if path.is_empty() { ".well-known/did.json".to_owned() } else { format!("{}/did.json", path.join("/")) };
        if let Some(base) = self.config.overrides.get(host) {
            let url = base.join(&suffix).map_err(|e| DidError::Fetch(e.to_string()))?;
            return Ok((url, true));
        }
        let url = url::Url::parse(&format!("https://{host}/{suffix}"))
            .map_err(|e| DidError::InvalidDid(format!("did:web host {host}: {e}")))?;
        Ok((url, false))
    }

    /// Resolves the host once and checks every address before any byte is sent.
    fn vetted_addresses(&self, url: &url::Url) -> Result<Vec<SocketAddr>, DidError> {
        let host = url.host_str().ok_or_else(|| DidError::Fetch("URL without host".into()))?;
        let port = url.port_or_known_default().unwrap_or(443);
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let addresses: Vec<SocketAddr> = (bare, port)
            .to_socket_addrs()
            .map_err(|e| DidError::Fetch(format!("cannot resolve {host}: {e}")))?
            .collect();
        if addresses.is_empty() {
            return Err(DidError::Fetch(format!("{host} has no address")));
        }
        if !self.config.dangerous_allow_private_addresses {
            if let Some(refused) = addresses.iter().find(|a| is_refused_address(a.ip())) {
                return Err(DidError::AddressRefused { host: host.to_owned(), address: refused.ip().to_string() });
            }
        }
        Ok(addresses)
    }
}

impl DidResolver for WebResolver {
    fn resolve(&self, did: &str) -> Result<DidDocument, DidError> {
        let (host, path) = parse_did_web(did)?;
        let (url, overridden) = self.document_url(&host, &path)?;
        let addresses = if overridden { None } else { Some(self.vetted_addresses(&url)?) };
        let mut builder = ureq::AgentBuilder::new().timeout(self.config.timeout).redirects(0);
        if let Some(addresses) = addresses {
            // Connect only to the addresses just checked, so DNS cannot change its answer.
            builder = builder.resolver(move |_: &str| Ok(addresses.clone()));
        }
        let response = builder
            .build()
            .get(url.as_str())
            .set("Accept", "application/did+json, application/json")
            .call()
            .map_err(|e| DidError::Fetch(e.to_string()))?;
        let limit = self.config.max_document_bytes;
        let mut body = Vec::new();
        response
            .into_reader()
            .take(limit as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| DidError::Fetch(e.to_string()))?;
        if body.len() > limit {
            return Err(DidError::DocumentTooLarge { limit });
        }
        DidDocument::parse(&body, did)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(did: &str) -> DidError {
        WebResolver::new(WebResolverConfig::default()).resolve(did).unwrap_err()
    }

    #[test]
    fn parses_host_port_and_path() {
        assert_eq!(parse_did_web("did:web:example.org").unwrap(), ("example.org".into(), vec![]));
        assert_eq!(
            parse_did_web("did:web:example.org%3A8443:dept:hr").unwrap(),
            ("example.org:8443".into(), vec!["dept".into(), "hr".into()])
        );
        assert!(parse_did_web("did:web:example.org:..").is_err());
        assert!(parse_did_web("did:web:user@example.org").is_err());
    }

    #[test]
    fn refuses_private_link_local_and_loopback_addresses() {
        for (did, address) in [
            ("did:web:10.0.0.1", "10.0.0.1"),
            ("did:web:169.254.169.254", "169.254.169.254"),
            ("did:web:%5B%3A%3A1%5D", "::1"),
            ("did:web:127.0.0.1%3A8080", "127.0.0.1"),
            ("did:web:192.168.1.10", "192.168.1.10"),
            ("did:web:%5Bfe80%3A%3A1%5D", "fe80::1"),
            ("did:web:%5B%3A%3Affff%3A10.0.0.1%5D", "::ffff:10.0.0.1"),
            ("did:web:%5B64%3Aff9b%3A%3Aa9fe%3Aa9fe%5D", "64:ff9b::a9fe:a9fe"),
            ("did:web:%5B2002%3Aa00%3A1%3A%3A%5D", "2002:a00:1::"),
            ("did:web:%5B%3A%3A10.0.0.1%5D", "::a00:1"),
            ("did:web:%5Bfec0%3A%3A1%5D", "fec0::1"),
            ("did:web:198.18.0.1", "198.18.0.1"),
        ] {
            match refused(did) {
                DidError::AddressRefused { address: got, .. } => assert_eq!(got, address, "{did}"),
                other => panic!("{did}: {other:?}"),
            }
        }
    }

    #[test]
    fn localhost_by_name_is_refused_too() {
        assert!(matches!(refused("did:web:localhost"), DidError::AddressRefused { .. }));
    }
}
