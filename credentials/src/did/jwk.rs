//! `did:jwk`: the DID is the public key as a JWK, base64url-encoded, so resolution is decoding,
//! done offline like `did:key`. Some wallets and verifiers only speak JWK; the holder may choose it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::document::{DidDocument, MethodReference, VerificationMethod};
use crate::error::DidError;
use crate::multikey;

/// The DID document a `did:jwk:…` stands for (one `JsonWebKey2020` method `#0`, usable for
/// assertion and authentication).
pub fn did_jwk_document(did: &str) -> Result<DidDocument, DidError> {
    let encoded = did.strip_prefix("did:jwk:").ok_or_else(|| DidError::InvalidDid(did.to_owned()))?;
    let bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| DidError::InvalidDid(did.to_owned()))?;
    let jwk: serde_json::Value = serde_json::from_slice(&bytes).map_err(|_| DidError::InvalidDid(did.to_owned()))?;
    if jwk.get("d").is_some() {
        return Err(DidError::InvalidDocument("a did:jwk must not contain a private key".into()));
    }
    multikey::decode_jwk(&jwk)?;
    let method_id = format!("{did}#0");
    Ok(DidDocument {
        context: None,
        id: did.to_owned(),
        verification_method: vec![VerificationMethod {
            id: method_id.clone(),
            method_type: "JsonWebKey2020".into(),
            controller: did.to_owned(),
            public_key_multibase: None,
            public_key_jwk: Some(jwk),
        }],
        assertion_method: vec![MethodReference::Reference(method_id.clone())],
        authentication: vec![MethodReference::Reference(method_id)],
    })
}

/// The `did:jwk` DID and verification method URL of an Ed25519 key (JWK members in
/// lexicographic order, as the method's examples encode them).
pub fn did_jwk_for(key: &ed25519_dalek::VerifyingKey) -> (String, String) {
    let jwk = multikey::public_jwk(key);
    let text = serde_json_canonicalizer::to_string(&jwk).unwrap_or_else(|_| jwk.to_string());
    let did = format!("did:jwk:{}", URL_SAFE_NO_PAD.encode(text.as_bytes()));
    let method = format!("{did}#0");
    (did, method)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::did::{resolve_key, Purpose, StaticResolver};

    #[test]
    fn a_did_jwk_resolves_to_its_key_offline() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]).verifying_key();
        let (did, method) = did_jwk_for(&key);
        assert!(did.starts_with("did:jwk:eyJjcnYiOiJFZDI1NTE5Iiwia3R5IjoiT0tQIiwieCI6"), "{did}");
        assert_eq!(resolve_key(&StaticResolver::new(), &method, Purpose::Authentication).unwrap(), key);
        let private = URL_SAFE_NO_PAD.encode(br#"{"crv":"Ed25519","d":"AAAA","kty":"OKP","x":"AAAA"}"#);
        assert!(did_jwk_document(&format!("did:jwk:{private}")).is_err());
        assert!(did_jwk_document("did:jwk:!!").is_err());
    }
}
