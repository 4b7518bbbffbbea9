//! The one question every proof asks of a DID: which key does this DID URL name, and may it make
//! this kind of proof. Resolution sits behind [`DidResolver`] so the library never touches the
//! network unless its caller hands in a resolver that does.

use ed25519_dalek::VerifyingKey;

use super::document::{DidDocument, Purpose};
use crate::error::DidError;

/// Resolves a DID (without fragment) to its DID document.
pub trait DidResolver: Send + Sync {
    fn resolve(&self, did: &str) -> Result<DidDocument, DidError>;

    /// Whether resolving `did` now would wait on the network (a `did:web` document not in
    /// cache). A service runs such verifications off its request threads.
    fn would_fetch(&self, _did: &str) -> bool {
        false
    }

    /// Whether resolving the key `verification_method` (a DID URL) would wait on the network:
    /// the document is not in cache, or it lacks that key and would be read again for it (see
    /// [`resolve_key`]). Found by review: counting only the document let a credential naming a
    /// missing key make the verifier service download on its request threads.
    fn would_fetch_method(&self, verification_method: &str) -> bool {
        did_of(verification_method).is_ok_and(|did| self.would_fetch(did))
    }

    /// Drops a cached document so the next resolution reads it again; `false` when there is
    /// nothing to refresh (or it was read too recently to ask again).
    fn refresh(&self, _did: &str) -> bool {
        false
    }
}

/// Splits `did:method:id#fragment` into the DID and the whole URL, checking the DID syntax.
pub fn did_of(url: &str) -> Result<&str, DidError> {
    let did = url.split(['#', '?']).next().unwrap_or(url);
    let mut parts = did.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("did"), Some(method), Some(id))
            if !method.is_empty()
                && method.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                && !id.is_empty() =>
        {
            Ok(did)
        }
        _ => Err(DidError::InvalidDid(url.to_owned())),
    }
}

/// Resolves `verification_method` and returns its Ed25519 key, checking that the DID document
/// authorizes that key for `purpose`.
pub fn resolve_key(
    resolver: &dyn DidResolver,
    verification_method: &str,
    purpose: Purpose,
) -> Result<VerifyingKey, DidError> {
    let did = did_of(verification_method)?;
    let mut document = resolver.resolve(did)?;
    if document.method(verification_method).is_none() && resolver.refresh(did) {
        // A key added since the document was cached (a rotation): read it again, once.
        document = resolver.resolve(did)?;
    }
    let method =
        document.method(verification_method).ok_or_else(|| DidError::MethodNotFound(verification_method.to_owned()))?;
    if !document.authorizes(verification_method, purpose) {
        return Err(DidError::MethodNotFound(format!("{verification_method} (not listed under {})", purpose.as_str())));
    }
    method.ed25519_key()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_syntax() {
        assert_eq!(did_of("did:key:z6Mk#z6Mk"), Ok("did:key:z6Mk"));
        assert!(did_of("did:Key:x").is_err());
        assert!(did_of("https://example.org").is_err());
        assert!(did_of("did:web:").is_err());
    }
}
