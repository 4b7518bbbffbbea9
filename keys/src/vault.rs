//! Department keys held by a service: each private key is sealed (XChaCha20-Poly1305) under a
//! master key that lives outside the database (a file or an environment variable), so a copy of
//! the database alone reveals no private key. The verification method is the associated data, so
//! a sealed key cannot be moved to another department's row unnoticed.

use crate::error::SealProblem;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use crate::{KeyError, LocalKey};

/// 32 random bytes that seal every department key of one issuer deployment.
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    /// Reads the key from its base64 text (as kept in a file or an environment variable).
    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let decoded = Zeroizing::new(B64.decode(text.trim()).map_err(|_| KeyError::MasterKey { found: None })?);
        let mut bytes = Zeroizing::new([0u8; 32]);
        if decoded.len() != 32 {
            return Err(KeyError::MasterKey { found: Some(decoded.len()) });
        }
        bytes.copy_from_slice(&decoded);
        Ok(Self(bytes))
    }

    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(B64.encode(self.0.as_ref()))
    }

    /// Reads the master key file, or creates it (mode 0600) when it does not exist yet.
    pub fn load_or_create(path: &Path) -> Result<(Self, bool), KeyError> {
        if path.exists() {
            crate::file::check_private(path)?;
            let text = Zeroizing::new(
                std::fs::read_to_string(path).map_err(|source| KeyError::Read { path: path.to_owned(), source })?,
            );
            return Ok((Self::from_base64(&text)?, false));
        }
        let key = Self::generate();
        crate::file::write_private(path, key.to_base64().as_bytes())?;
        Ok((key, true))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// Seals `key`'s secret, bound to its verification method.
    pub fn seal(&self, key: &LocalKey) -> Result<String, KeyError> {
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let secret = key.secret_bytes();
        let aad = credentials::Signer::verification_method(key).as_bytes();
        let ciphertext = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret.as_ref(), aad })
            .map_err(|_| KeyError::Derivation(SealProblem::Failed))?;
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&ciphertext);
        Ok(B64.encode(sealed))
    }

    /// Opens a sealed key; fails if the master key is wrong or the row was altered or moved.
    pub fn open(&self, sealed: &str, verification_method: &str) -> Result<LocalKey, KeyError> {
        let bytes = B64.decode(sealed).map_err(|e| KeyError::Derivation(SealProblem::NotBase64(e.to_string())))?;
        if bytes.len() < 24 {
            return Err(KeyError::Derivation(SealProblem::TooShort));
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let plain = Zeroizing::new(
            self.cipher()
                .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: verification_method.as_bytes() })
                .map_err(|_| KeyError::Derivation(SealProblem::WrongMasterKey))?,
        );
        let mut secret = Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            return Err(KeyError::Derivation(SealProblem::WrongLength));
        }
        secret.copy_from_slice(&plain);
        Ok(LocalKey::from_secret(&secret, verification_method.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::Signer;

    #[test]
    fn sealed_key_opens_only_with_its_master_key_and_method() {
        let master = MasterKey::generate();
        let key = LocalKey::generate().with_verification_method("did:web:example.org:hr#key-1");
        let sealed = master.seal(&key).unwrap();
        assert!(!sealed.contains(&credentials::multikey::encode_public(&key.public_key())));
        let opened = master.open(&sealed, "did:web:example.org:hr#key-1").unwrap();
        assert_eq!(opened.public_key(), key.public_key());
        assert!(master.open(&sealed, "did:web:example.org:finance#key-1").is_err());
        assert!(MasterKey::generate().open(&sealed, "did:web:example.org:hr#key-1").is_err());
        let again = MasterKey::from_base64(&master.to_base64()).unwrap();
        assert_eq!(again.open(&sealed, "did:web:example.org:hr#key-1").unwrap().public_key(), key.public_key());
        assert!(MasterKey::from_base64("c2hvcnQ=").is_err());
    }

    #[test]
    fn master_key_file_is_created_once_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let (first, created) = MasterKey::load_or_create(&path).unwrap();
        assert!(created);
        let (second, created) = MasterKey::load_or_create(&path).unwrap();
        assert!(!created);
        assert_eq!(*first.to_base64(), *second.to_base64());
    }
}
