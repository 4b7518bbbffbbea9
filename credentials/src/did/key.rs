//! `did:key` for Ed25519: the DID is the key, so resolution is decoding, done offline.

use super::document::{DidDocument, MethodReference, VerificationMethod};
use crate::error::DidError;
use crate::multikey;

/// The DID document a `did:key:z6Mk…` stands for (one Multikey method, usable for both
/// assertion and authentication).
pub fn did_key_document(did: &str) -> Result<DidDocument, DidError> {
    let encoded = did.strip_prefix("did:key:").ok_or_else(|| DidError::InvalidDid(did.to_owned()))?;
    multikey::decode_public(encoded)?;
    let method_id = format!("{did}#{encoded}");
    Ok(DidDocument {
        context: None,
        id: did.to_owned(),
        verification_method: vec![VerificationMethod {
            id: method_id.clone(),
            method_type: "Multikey".into(),
            controller: did.to_owned(),
            public_key_multibase: Some(encoded.to_owned()),
            public_key_jwk: None,
        }],
        assertion_method: vec![MethodReference::Reference(method_id.clone())],
        authentication: vec![MethodReference::Reference(method_id)],
    })
}

/// The `did:key` DID and verification method URL of an Ed25519 key.
pub fn did_key_for(key: &ed25519_dalek::VerifyingKey) -> (String, String) {
    let encoded = multikey::encode_public(key);
    (format!("did:key:{encoded}"), format!("did:key:{encoded}#{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::did::{resolve_key, Purpose, StaticResolver};

    #[test]
    fn resolves_the_w3c_vector_key() {
        let vm =
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        let key = resolve_key(&StaticResolver::new(), vm, Purpose::AssertionMethod).unwrap();
        assert_eq!(did_key_for(&key).1, vm);
        let wrong = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#other";
        assert!(matches!(
            resolve_key(&StaticResolver::new(), wrong, Purpose::AssertionMethod),
            Err(DidError::MethodNotFound(_))
        ));
    }
}
