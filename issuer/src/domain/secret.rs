//! Secrets the issuer hands out (API tokens, offer codes, PINs, access tokens, nonces) are random
//! and kept only as SHA-256 hashes, so the database never holds one in clear.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `count` bytes from the operating system's random source.
pub(crate) fn random_bytes(count: usize) -> Vec<u8> {
    let mut buffer = vec![0u8; count];
    rand::rngs::OsRng.fill_bytes(&mut buffer);
    buffer
}

/// The SHA-256 of `data`, in hex: what is stored of a secret.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}
