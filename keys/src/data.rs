//! A key derived from a person's passphrase that seals arbitrary data (a holder's wallet: each
//! credential, and the holder's own signing key). Argon2id makes guessing the passphrase costly;
//! XChaCha20-Poly1305 with a random 24-byte nonce per message detects any change, and the
//! associated data binds each sealed blob to its place (an entry cannot be swapped for another).

use crate::error::SealProblem;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

pub use crate::sealed::KdfParams;
use crate::{KeyError, LocalKey};

const NONCE: usize = 24;

/// 32 bytes derived from a passphrase and a salt.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// A fresh random salt for [`DataKey::derive`].
pub fn new_salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    salt
}

impl DataKey {
    /// Argon2id of `passphrase` with `salt` and `params` (stored beside the data so they can be
    /// raised later).
    pub fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<Self, KeyError> {
        if !params.within_bounds() {
            return Err(KeyError::KdfOutOfRange);
        }
        let argon = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(32))
            .map_err(|e| KeyError::Derivation(SealProblem::Argon2(e.to_string())))?;
        let mut key = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, argon)
            .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
            .map_err(|e| KeyError::Derivation(SealProblem::Argon2(e.to_string())))?;
        Ok(Self(key))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// `nonce ‖ ciphertext` of `plaintext`, bound to `aad`.
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mut nonce = [0u8; NONCE];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ciphertext = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
            .map_err(|_| KeyError::Derivation(SealProblem::Failed))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(out)
    }

    /// The plaintext of a [`DataKey::seal`] output; `None` when the key is wrong or anything
    /// (bytes or `aad`) changed.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() < NONCE {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE);
        self.cipher().decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad }).ok().map(Zeroizing::new)
    }

    /// Seals a signing key's secret.
    pub fn seal_key(&self, key: &LocalKey, aad: &[u8]) -> Result<Vec<u8>, KeyError> {
        self.seal(key.secret_bytes().as_ref(), aad)
    }

    /// Opens a sealed signing key and names it by `verification_method`.
    pub fn open_key(&self, sealed: &[u8], aad: &[u8], verification_method: &str) -> Result<LocalKey, KeyError> {
        let plain = self.open(sealed, aad).ok_or(KeyError::Derivation(SealProblem::CannotOpen))?;
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

    fn quick() -> KdfParams {
        KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 }
    }

    #[test]
    fn sealed_data_opens_only_with_the_same_passphrase_salt_and_place() {
        let salt = new_salt();
        let key = DataKey::derive("correct horse", &salt, quick()).unwrap();
        let sealed = key.seal(b"skill: api design", b"entry-1").unwrap();
        assert!(!sealed.windows(9).any(|w| w == b"api desig"));
        assert_eq!(key.open(&sealed, b"entry-1").unwrap().as_slice(), b"skill: api design");
        assert!(key.open(&sealed, b"entry-2").is_none());
        assert!(DataKey::derive("wrong", &salt, quick()).unwrap().open(&sealed, b"entry-1").is_none());
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert!(key.open(&flipped, b"entry-1").is_none());
        let holder = LocalKey::generate();
        let sealed_key = key.seal_key(&holder, b"holder").unwrap();
        let opened = key.open_key(&sealed_key, b"holder", holder.verification_method()).unwrap();
        assert_eq!(opened.public_key(), holder.public_key());
    }

    /// Costs read from a file are bounded before Argon2 runs (a key file or wallet header asking
    /// for 4 TiB aborted the process), for sealed key files and wallet keys alike.
    #[test]
    fn absurd_key_derivation_costs_are_refused_before_deriving() {
        let salt = new_salt();
        for params in [
            KdfParams { memory_kib: u32::MAX, ..quick() },
            KdfParams { iterations: u32::MAX, ..quick() },
            KdfParams { parallelism: 0, ..quick() },
        ] {
            assert!(matches!(DataKey::derive("pw", &salt, params), Err(KeyError::KdfOutOfRange)));
            let mut sealed = crate::sealed::seal(&[7; 32], "pw", "z6Mk", quick()).unwrap();
            sealed.kdf = params;
            assert!(matches!(crate::sealed::open(&sealed, "pw", "z6Mk"), Err(KeyError::KdfOutOfRange)));
        }
    }
}
