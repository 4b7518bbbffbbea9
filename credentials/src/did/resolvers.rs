//! The resolvers a program chooses from: documents given up front with the DID methods decoded
//! in memory (offline, and the double tests use), or those first and then `did:web` over HTTPS.

use std::collections::HashMap;

use super::document::DidDocument;
use super::jwk::did_jwk_document;
use super::key::did_key_document;
use super::resolver::{did_of, DidResolver};
use super::web;
use crate::error::DidError;

/// DID documents given up front, plus `did:key` and `did:jwk`; everything else is unknown. Used by tests, by
/// `verifier verify --did-document FILE`, and as the offline default.
#[derive(Debug, Clone, Default)]
pub struct StaticResolver {
    documents: HashMap<String, DidDocument>,
}

impl StaticResolver {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, document: DidDocument) {
        self.documents.insert(document.id.clone(), document);
    }
}

impl DidResolver for StaticResolver {
    fn resolve(&self, did: &str) -> Result<DidDocument, DidError> {
        if let Some(document) = self.documents.get(did) {
            return Ok(document.clone());
        }
        match did.split(':').nth(1) {
            Some("key") => did_key_document(did),
            Some("jwk") => did_jwk_document(did),
            Some("web") => Err(DidError::Offline),
            Some(method) => Err(DidError::UnsupportedMethod(method.to_owned())),
            None => Err(DidError::InvalidDid(did.to_owned())),
        }
    }
}

/// Static documents and `did:key` first, then `did:web` over HTTPS.
#[derive(Debug)]
pub struct OnlineResolver {
    pub known: StaticResolver,
    pub web: web::WebResolver,
}

impl DidResolver for OnlineResolver {
    fn resolve(&self, did: &str) -> Result<DidDocument, DidError> {
        match self.known.resolve(did) {
            Err(DidError::Offline) => self.web.resolve(did),
            other => other,
        }
    }

    fn would_fetch(&self, did: &str) -> bool {
        matches!(self.known.resolve(did), Err(DidError::Offline)) && self.web.would_fetch(did)
    }

    fn would_fetch_method(&self, verification_method: &str) -> bool {
        did_of(verification_method).is_ok_and(|did| matches!(self.known.resolve(did), Err(DidError::Offline)))
            && self.web.would_fetch_method(verification_method)
    }

    fn refresh(&self, did: &str) -> bool {
        self.web.refresh(did)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_default_refuses_did_web_and_unknown_methods() {
        let resolver = StaticResolver::new();
        assert_eq!(resolver.resolve("did:web:example.org"), Err(DidError::Offline));
        assert_eq!(resolver.resolve("did:ion:abc"), Err(DidError::UnsupportedMethod("ion".into())));
    }
}
