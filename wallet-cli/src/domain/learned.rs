//! What a check made online learned that the wallet keeps, so the credential can be checked
//! again offline without an alarm: the `did:web` documents its verification resolved, recorded
//! as the resolver hands them out.

use std::sync::{Arc, Mutex};

use credentials::did::{DidDocument, DidResolver};
use credentials::error::DidError;
use credentials::verify::Verifier;

/// A resolver that remembers the `did:web` documents it resolved.
struct Recording {
    inner: Arc<dyn DidResolver>,
    seen: Arc<Mutex<Vec<DidDocument>>>,
}

impl DidResolver for Recording {
    fn resolve(&self, did: &str) -> Result<DidDocument, DidError> {
        let document = self.inner.resolve(did)?;
        if did.starts_with("did:web:") {
            let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            seen.retain(|kept| kept.id != document.id);
            seen.push(document.clone());
        }
        Ok(document)
    }

    fn would_fetch(&self, did: &str) -> bool {
        self.inner.would_fetch(did)
    }

    fn would_fetch_method(&self, verification_method: &str) -> bool {
        self.inner.would_fetch_method(verification_method)
    }

    fn refresh(&self, did: &str) -> bool {
        self.inner.refresh(did)
    }
}

/// The `did:web` documents a verifier resolved, read after its checks.
#[derive(Debug, Clone, Default)]
pub struct Learned(Arc<Mutex<Vec<DidDocument>>>);

impl Learned {
    /// `verifier`, recording the `did:web` documents it resolves into the returned [`Learned`].
    pub fn recording(mut verifier: Verifier) -> (Verifier, Learned) {
        let learned = Learned::default();
        verifier.resolver = Arc::new(Recording { inner: verifier.resolver.clone(), seen: learned.0.clone() });
        (verifier, learned)
    }

    /// The documents resolved so far.
    pub fn documents(&self) -> Vec<DidDocument> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_web_documents_are_recorded_once_each_and_other_methods_not() {
        let key = keys::LocalKey::generate();
        let did = "did:web:issuer.example:hr";
        let public = credentials::Signer::public_key(&key);
        let document = DidDocument::with_keys(did, &[(format!("{did}#key-1"), public)]);
        let mut known = credentials::did::StaticResolver::new();
        known.insert(document.clone());
        let verifier = Verifier::new(
            credentials::contexts::ContextSet::standard(),
            Arc::new(known),
            Arc::new(credentials::SystemClock),
        );
        let (verifier, learned) = Learned::recording(verifier);
        verifier.resolver.resolve(did).unwrap();
        verifier.resolver.resolve(did).unwrap();
        verifier.resolver.resolve(&key.did_key()).unwrap();
        assert_eq!(learned.documents(), vec![document]);
        assert_eq!(verifier.resolver.resolve("did:web:elsewhere.example"), Err(DidError::Offline));
    }
}
