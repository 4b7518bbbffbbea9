//! Passphrase protection of a key file's secret: Argon2id derives a key from the passphrase, and
//! XChaCha20-Poly1305 seals the 32 secret bytes with the public key as associated data, so a
//! sealed secret cannot be swapped into another key's file unnoticed.

use crate::error::SealProblem;
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::KeyError;

/// Argon2id cost, stored with each file so it can be raised later without breaking old files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// Whether Argon2 may run with these costs. They are read from files (a key file, a wallet
    /// header, a backup someone sent): unbounded, `memory_kib` of 4 billion asked for 4 TiB and
    /// aborted the process (found by review).
    pub fn within_bounds(&self) -> bool {
        (8..=1024 * 1024).contains(&self.memory_kib)
            && (1..=64).contains(&self.iterations)
            && (1..=16).contains(&self.parallelism)
    }
}

impl Default for KdfParams {
    /// OWASP's Argon2id recommendation (19 MiB, 2 passes, 1 lane).
    fn default() -> Self {
        Self { memory_kib: 19 * 1024, iterations: 2, parallelism: 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SealedSecret {
    pub kdf: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub ciphertext: String,
}

fn derive(passphrase: &str, salt: &[u8], params: KdfParams) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    if !params.within_bounds() {
        return Err(KeyError::KdfOutOfRange);
    }
    let params = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(32))
        .map_err(|e| KeyError::Derivation(SealProblem::Argon2(e.to_string())))?;
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
        .map_err(|e| KeyError::Derivation(SealProblem::Argon2(e.to_string())))?;
    Ok(key)
}

pub fn seal(
    secret: &[u8; 32],
    passphrase: &str,
    public_key: &str,
    params: KdfParams,
) -> Result<SealedSecret, KeyError> {
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let key = derive(passphrase, &salt, params)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret, aad: public_key.as_bytes() })
        .map_err(|_| KeyError::Derivation(SealProblem::Failed))?;
    Ok(SealedSecret {
        kdf: params,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    })
}

/// Opens a sealed secret; `None` when the passphrase is wrong or anything was altered.
pub fn open(
    sealed: &SealedSecret,
    passphrase: &str,
    public_key: &str,
) -> Result<Option<Zeroizing<[u8; 32]>>, KeyError> {
    let decode = |s: &str| B64.decode(s).map_err(|e| KeyError::Derivation(SealProblem::NotBase64(e.to_string())));
    let salt = decode(&sealed.salt)?;
    let nonce = decode(&sealed.nonce)?;
    if nonce.len() != 24 {
        return Ok(None);
    }
    let ciphertext = decode(&sealed.ciphertext)?;
    let key = derive(passphrase, &salt, sealed.kdf)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let Ok(plain) =
        cipher.decrypt(XNonce::from_slice(&nonce), Payload { msg: &ciphertext, aad: public_key.as_bytes() })
    else {
        return Ok(None);
    };
    let plain = Zeroizing::new(plain);
    let mut secret = Zeroizing::new([0u8; 32]);
    if plain.len() != 32 {
        return Ok(None);
    }
    secret.copy_from_slice(&plain);
    Ok(Some(secret))
}
