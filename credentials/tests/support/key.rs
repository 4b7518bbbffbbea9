//! A fresh did:key signer for tests: the signing key, its verification method and its DID.

use std::sync::Arc;

pub struct Key(pub ed25519_dalek::SigningKey, pub String, pub String);

impl credentials::Signer for Key {
    fn verification_method(&self) -> &str {
        &self.1
    }
    fn public_key(&self) -> ed25519_dalek::VerifyingKey {
        self.0.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], credentials::error::SignerError> {
        use ed25519_dalek::Signer;
        Ok(self.0.sign(message).to_bytes())
    }
}

pub fn key() -> Arc<Key> {
    let signing = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
    let (did, method) = credentials::did::did_key_for(&signing.verifying_key());
    Arc::new(Key(signing, method, did))
}
