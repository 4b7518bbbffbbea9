//! The one door through which a private key is used. `credentials` builds the bytes to sign and
//! hands them to a [`Signer`]; the key material stays inside the `keys` crate (or a future HSM).

use ed25519_dalek::VerifyingKey;

use crate::error::SignerError;

/// An Ed25519 signing capability bound to a verification method (a DID URL).
pub trait Signer: Send + Sync {
    /// The DID URL of the key, e.g. `did:key:z6Mk…#z6Mk…` or `did:web:example.org#key-1`.
    fn verification_method(&self) -> &str;
    /// The public half, so issuers can check their own output.
    fn public_key(&self) -> VerifyingKey;
    /// An Ed25519 signature over `message`.
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError>;
}

impl<S: Signer + ?Sized> Signer for &S {
    fn verification_method(&self) -> &str {
        (**self).verification_method()
    }
    fn public_key(&self) -> VerifyingKey {
        (**self).public_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        (**self).sign(message)
    }
}

impl<S: Signer + ?Sized> Signer for std::sync::Arc<S> {
    fn verification_method(&self) -> &str {
        (**self).verification_method()
    }
    fn public_key(&self) -> VerifyingKey {
        (**self).public_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        (**self).sign(message)
    }
}
