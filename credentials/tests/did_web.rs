//! `did:web` resolution over HTTP against a local server reached through an explicit host
//! override: a good document resolves; an oversized one, one for another DID, a missing one and a
//! stalled server each give their own error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support {
    pub mod http;
}

use std::collections::HashMap;
use std::time::Duration;

use credentials::did::web::{WebResolver, WebResolverConfig};
use credentials::did::{resolve_key, DidDocument, DidResolver, Purpose};
use credentials::error::DidError;
use ed25519_dalek::SigningKey;
use support::http::{serve, Response};

fn document(did: &str) -> String {
    let key = SigningKey::from_bytes(&[3; 32]).verifying_key();
    serde_json::to_string(&DidDocument::with_keys(did, &[(format!("{did}#key-1"), key)])).unwrap()
}

fn resolver(base: &str, timeout: Duration) -> WebResolver {
    let mut config = WebResolverConfig::default();
    config.http.timeout = timeout;
    config.http.overrides.insert("issuer.example".into(), url::Url::parse(base).unwrap());
    WebResolver::new(config)
}

#[test]
fn resolves_through_an_explicit_override_and_checks_each_failure() {
    let mut routes = HashMap::new();
    routes.insert("/hr/did.json".to_owned(), Response::Body(document("did:web:issuer.example:hr")));
    routes.insert("/.well-known/did.json".to_owned(), Response::Body(document("did:web:issuer.example")));
    routes.insert("/big/did.json".to_owned(), Response::Body(format!("{{\"id\":\"{}\"}}", "x".repeat(100 * 1024))));
    routes.insert("/other/did.json".to_owned(), Response::Body(document("did:web:somewhere.else")));
    routes.insert("/slow/did.json".to_owned(), Response::Stall(Duration::from_secs(3)));
    let base = serve(routes);
    let resolver = resolver(&base, Duration::from_millis(500));

    let key = resolve_key(&resolver, "did:web:issuer.example:hr#key-1", Purpose::AssertionMethod).unwrap();
    assert_eq!(key, SigningKey::from_bytes(&[3; 32]).verifying_key());
    assert_eq!(resolver.resolve("did:web:issuer.example").unwrap().id, "did:web:issuer.example");
    assert_eq!(resolver.resolve("did:web:issuer.example:big"), Err(DidError::DocumentTooLarge { limit: 64 * 1024 }));
    assert!(matches!(resolver.resolve("did:web:issuer.example:other"), Err(DidError::InvalidDocument(_))));
    assert!(matches!(resolver.resolve("did:web:issuer.example:missing"), Err(DidError::Fetch(_))));
    let started = std::time::Instant::now();
    assert!(matches!(resolver.resolve("did:web:issuer.example:slow"), Err(DidError::Fetch(_))));
    assert!(started.elapsed() < Duration::from_secs(3), "the time-out did not cut the stalled request");
}

#[test]
fn the_same_local_server_without_an_override_is_refused() {
    let base = serve(HashMap::new());
    let port = url::Url::parse(&base).unwrap().port().unwrap();
    let did = format!("did:web:127.0.0.1%3A{port}");
    let error = WebResolver::new(WebResolverConfig::default()).resolve(&did).unwrap_err();
    assert!(matches!(error, DidError::AddressRefused { .. }), "{error:?}");
}
