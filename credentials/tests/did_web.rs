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
fn documents_are_reused_from_the_cache_and_read_again_for_an_unknown_key_at_most_every_30_s() {
    let mut routes = HashMap::new();
    routes.insert("/hr/did.json".to_owned(), Response::Body(document("did:web:issuer.example:hr")));
    let (base, requests) = support::http::serve_counting(routes);
    let resolver = resolver(&base, Duration::from_secs(2));
    let count = || requests.load(std::sync::atomic::Ordering::SeqCst);
    assert!(resolver.would_fetch("did:web:issuer.example:hr"));
    for _ in 0..5 {
        resolve_key(&resolver, "did:web:issuer.example:hr#key-1", Purpose::AssertionMethod).unwrap();
    }
    assert_eq!(count(), 1, "one download for five checks");
    assert!(!resolver.would_fetch("did:web:issuer.example:hr"));
    // A service verifies inline what needs nothing from the network, and off its request
    // threads what names an uncached did:web.
    let resolver = std::sync::Arc::new(resolver);
    let verifier = credentials::verify::Verifier::new(
        credentials::contexts::ContextSet::standard(),
        resolver.clone(),
        std::sync::Arc::new(credentials::SystemClock),
    );
    let credential = |issuer: &str| {
        credentials::input::Parsed::Credential(
            serde_json::json!({"issuer": {"id": issuer}, "proof": {"verificationMethod": format!("{issuer}#key-1")}}),
        )
    };
    assert!(!verifier.may_wait(&credential("did:web:issuer.example:hr")));
    assert!(verifier.may_wait(&credential("did:web:issuer.example:finance")));
    // The same rules inside JWTs, whose JSON is read in place: the header's kid, the payload's
    // issuer, a credential nested in a presentation's payload (enveloped or bare), escaped text.
    let segment = |json: serde_json::Value| {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json.to_string())
    };
    let jwt = |header: serde_json::Value, payload: serde_json::Value| {
        format!("{}.{}.c2ln", segment(header), segment(payload))
    };
    let jwt_of = |issuer: &str| {
        jwt(
            serde_json::json!({"alg": "EdDSA", "kid": format!("{issuer}#key-1")}),
            serde_json::json!({"issuer": issuer, "n": [1, 2.5, true, null, {"deep": [[]]}]}),
        )
    };
    let may_wait = |jwt: String| verifier.may_wait(&credentials::input::Parsed::Jwt(jwt));
    assert!(!may_wait(jwt_of("did:web:issuer.example:hr")));
    assert!(may_wait(jwt_of("did:web:issuer.example:finance")));
    assert!(may_wait(jwt(
        serde_json::json!({"alg": "EdDSA", "kid": "did:web:issuer.example:finance#key-1"}),
        serde_json::json!({"issuer": "did:key:z6Mk"})
    )));
    assert!(may_wait(jwt(
        serde_json::json!({"alg": "EdDSA"}),
        serde_json::json!({"vp": {"holder": "did:key:z6Mk",
        "verifiableCredential": [format!("data:application/vc+jwt,{}", jwt_of("did:web:issuer.example:finance"))]}})
    )));
    assert!(may_wait(jwt(
        serde_json::json!({"alg": "EdDSA"}),
        serde_json::json!({"verifiableCredential": [jwt_of("did:web:issuer.example:finance")]})
    )));
    assert!(!may_wait(jwt(
        serde_json::json!({"alg": "EdDSA"}),
        serde_json::json!({"verifiableCredential": [jwt_of("did:web:issuer.example:hr")]})
    )));
    // An escaped key and value read as their text.
    let escaped = format!("{}.{}.c2ln", segment(serde_json::json!({"alg": "EdDSA"})), {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"\u0069ssuer": "did:web:issuer.example:fin\u0061nce"}"#)
    });
    assert!(may_wait(escaped));
    // What does not decode waits on nothing (it will not verify).
    assert!(!may_wait("not.a.jwt".into()));
    assert!(!may_wait(format!("{}.e30", segment(serde_json::json!({"alg": "EdDSA"})))));
    // A key the cached document lacks: not read again within 30 s of the download.
    assert!(resolve_key(resolver.as_ref(), "did:web:issuer.example:hr#key-2", Purpose::AssertionMethod).is_err());
    assert_eq!(count(), 1);

    let mut config = WebResolverConfig::default();
    config.http.overrides.insert("issuer.example".into(), url::Url::parse(&base).unwrap());
    config.cache = Duration::ZERO;
    let uncached = WebResolver::new(config);
    uncached.resolve("did:web:issuer.example:hr").unwrap();
    uncached.resolve("did:web:issuer.example:hr").unwrap();
    assert_eq!(count(), 3, "no cache: one download per resolution");
}

#[test]
fn the_same_local_server_without_an_override_is_refused() {
    let base = serve(HashMap::new());
    let port = url::Url::parse(&base).unwrap().port().unwrap();
    let did = format!("did:web:127.0.0.1%3A{port}");
    let error = WebResolver::new(WebResolverConfig::default()).resolve(&did).unwrap_err();
    assert!(matches!(error, DidError::AddressRefused { .. }), "{error:?}");
}
