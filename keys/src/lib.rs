//! Private key bytes exist only inside this crate or inside a hardware security module. This
//! crate generates Ed25519 keys, stores them in key files (owner-only permissions, optionally
//! sealed under a passphrase) or has a PKCS#11 token generate and keep them ([`pkcs11`]), and
//! exposes them only as a [`credentials::Signer`], so code that issues credentials never holds
//! key bytes. Secret bytes are zeroized when dropped.

mod data;
mod error;
mod file;
mod i18n;
pub mod pkcs11;
mod sealed;
mod vault;

pub use data::{new_salt, DataKey, KdfParams};
pub use error::{FormatProblem, KeyError, SealProblem};
pub use file::{KeyFile, Secret};
pub use vault::MasterKey;

use credentials::error::SignerError;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

/// An Ed25519 key pair bound to the verification method that names it.
pub struct LocalKey {
    signing: SigningKey,
    verification_method: String,
}

impl std::fmt::Debug for LocalKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalKey")
            .field("verification_method", &self.verification_method)
            .field("public_key", &credentials::multikey::encode_public(&self.signing.verifying_key()))
            .finish_non_exhaustive()
    }
}

impl LocalKey {
    /// A fresh key from the operating system's random source, named by its `did:key`.
    pub fn generate() -> Self {
        let signing = SigningKey::generate(&mut rand::rngs::OsRng);
        let (_, method) = credentials::did::did_key_for(&signing.verifying_key());
        Self { signing, verification_method: method }
    }

    pub(crate) fn from_secret(secret: &Zeroizing<[u8; 32]>, verification_method: String) -> Self {
        Self { signing: SigningKey::from_bytes(secret), verification_method }
    }

    /// The `did:key` DID of this key.
    pub fn did_key(&self) -> String {
        credentials::did::did_key_for(&self.signing.verifying_key()).0
    }

    /// Names this key by another verification method, e.g. `did:web:example.org:hr#key-2`.
    pub fn with_verification_method(mut self, verification_method: impl Into<String>) -> Self {
        self.verification_method = verification_method.into();
        self
    }

    pub(crate) fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }
}

impl credentials::Signer for LocalKey {
    fn verification_method(&self) -> &str {
        &self.verification_method
    }
    fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        Ok(self.signing.sign(message).to_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::Signer;
    use ed25519_dalek::Verifier;

    #[test]
    fn generated_key_signs_and_names_itself_by_did_key() {
        let key = LocalKey::generate();
        let signature = key.sign(b"hello").unwrap();
        key.public_key().verify(b"hello", &ed25519_dalek::Signature::from_bytes(&signature)).unwrap();
        assert!(key.verification_method().starts_with(&key.did_key()));
        assert!(key.did_key().starts_with("did:key:z6Mk"));
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.secret_bytes().as_slice())));
    }
}
