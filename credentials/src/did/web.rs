//! `did:web` over HTTPS. The DID names a host chosen by whoever wrote the credential, so the
//! document is fetched through [`crate::net`], which refuses private, loopback and link-local
//! addresses unless explicitly allowed and reads at most [`WebResolverConfig::max_document_bytes`].
//!
//! Documents are kept for [`WebResolverConfig::cache`] (or less, when the host's Cache-Control
//! says so): a verifier must not call the issuer on every check, which would tell the issuer who
//! is being checked and when, and would make every check wait on the issuer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::document::DidDocument;
use super::resolver::{did_of, DidResolver};
use crate::error::DidError;
use crate::net::{HttpPolicy, NetError};

pub use crate::net::is_refused_address;

/// How `did:web` documents are fetched.
#[derive(Debug, Clone)]
pub struct WebResolverConfig {
    /// Time-out, address rules and host overrides (DID host as in the DID, `%3A` decoded:
    /// `issuer.example:8443`).
    pub http: HttpPolicy,
    pub max_document_bytes: usize,
    /// Longest time a document is reused; zero fetches on every resolution.
    pub cache: Duration,
}

impl Default for WebResolverConfig {
    fn default() -> Self {
        Self { http: HttpPolicy::default(), max_document_bytes: 64 * 1024, cache: Duration::from_secs(300) }
    }
}

/// Most documents kept (a verifier sees a handful of issuers; the bound stops a flood).
const MAX_CACHED: usize = 1000;

#[derive(Debug)]
pub struct WebResolver {
    config: WebResolverConfig,
    /// DID → (fresh until, fetched at, document).
    cache: Mutex<HashMap<String, (Instant, Instant, DidDocument)>>,
}

/// A cached document is read again for an unknown key at most this often, so credentials
/// naming made-up keys cannot make the verifier call the issuer on every check.
const REFRESH_INTERVAL: Duration = Duration::from_secs(30);

impl WebResolver {
    pub fn new(config: WebResolverConfig) -> Self {
        Self { config, cache: Mutex::default() }
    }

    fn cached(&self, did: &str) -> Option<DidDocument> {
        let cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.get(did).filter(|(until, _, _)| Instant::now() < *until).map(|(_, _, document)| document.clone())
    }

    /// Forgets `did`'s document if it was fetched long enough ago.
    pub fn refresh(&self, did: &str) -> bool {
        let mut cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match cache.get(did) {
            Some((_, fetched, _)) if fetched.elapsed() >= REFRESH_INTERVAL => {
                cache.remove(did);
                true
            }
            _ => false,
        }
    }

    /// Whether [`DidResolver::resolve`] would download `did`'s document now.
    pub fn would_fetch(&self, did: &str) -> bool {
        self.cached(did).is_none()
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

fn document_url(host: &str, path: &[String]) -> Result<url::Url, DidError> {
    let suffix =
        if path.is_empty() { ".well-known/did.json".to_owned() } else { format!("{}/did.json", path.join("/")) };
    url::Url::parse(&format!("https://{host}/{suffix}"))
        .map_err(|e| DidError::InvalidDid(format!("did:web host {host}: {e}")))
}

impl DidResolver for WebResolver {
    fn would_fetch(&self, did: &str) -> bool {
        WebResolver::would_fetch(self, did)
    }

    fn would_fetch_method(&self, verification_method: &str) -> bool {
        let Ok(did) = did_of(verification_method) else {
            return false;
        };
        let cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match cache.get(did).filter(|(until, _, _)| Instant::now() < *until) {
            None => true,
            // The key is not in the cached document: `resolve_key` reads it again if it may.
            Some((_, fetched, document)) => {
                document.method(verification_method).is_none() && fetched.elapsed() >= REFRESH_INTERVAL
            }
        }
    }

    fn refresh(&self, did: &str) -> bool {
        WebResolver::refresh(self, did)
    }

    fn resolve(&self, did: &str) -> Result<DidDocument, DidError> {
        if let Some(document) = self.cached(did) {
            return Ok(document);
        }
        let (host, path) = parse_did_web(did)?;
        let url = document_url(&host, &path)?;
        let response = self
            .config
            .http
            .get(&url, "application/did+json, application/json", None, self.config.max_document_bytes)
            .map_err(|error| match error {
                NetError::AddressRefused { host, address } => DidError::AddressRefused { host, address },
                NetError::TooLarge { limit } => DidError::DocumentTooLarge { limit },
                NetError::Failed(detail) => DidError::Fetch(detail),
            })?;
        if response.status != 200 {
            return Err(DidError::Fetch(format!("HTTP {}", response.status)));
        }
        let document = DidDocument::parse(&response.body, did)?;
        let keep = response
            .cache_control
            .as_deref()
            .and_then(crate::net::max_age)
            .map_or(self.config.cache, |max_age| max_age.min(self.config.cache));
        if !keep.is_zero() {
            let mut cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            cache.retain(|_, (until, _, _)| *until > now);
            if cache.len() < MAX_CACHED {
                cache.insert(did.to_owned(), (now + keep, now, document.clone()));
            }
        }
        Ok(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_document_without_the_named_key_counts_as_a_download_once_it_may_be_read_again() {
        let resolver = WebResolver::new(WebResolverConfig::default());
        let did = "did:web:example.org:hr";
        let key = ed25519_dalek::SigningKey::from_bytes(&[1; 32]).verifying_key();
        let document = DidDocument::with_keys(did, &[(format!("{did}#key-1"), key)]);
        let put = |fetched: Instant| {
            let until = Instant::now() + Duration::from_secs(300);
            resolver.cache.lock().unwrap().insert(did.to_owned(), (until, fetched, document.clone()));
        };
        use crate::did::DidResolver as _;
        assert!(resolver.would_fetch_method(&format!("{did}#key-1")), "nothing cached yet");
        put(Instant::now());
        assert!(!resolver.would_fetch_method(&format!("{did}#key-1")));
        assert!(!resolver.would_fetch_method(&format!("{did}#key-9")), "read too recently to read again");
        put(Instant::now().checked_sub(Duration::from_secs(60)).unwrap());
        assert!(resolver.would_fetch_method(&format!("{did}#key-9")), "a missing key would be read again");
        assert!(!resolver.would_fetch_method(&format!("{did}#key-1")));
        // A DID named as a key (no fragment) is looked up as a method too, and read again.
        assert!(resolver.would_fetch_method(did));
    }

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
