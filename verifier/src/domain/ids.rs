//! Identifiers nobody can guess (challenges, requests, nonces, page keys, the API token made at
//! start), so that knowing one tells nothing about another.

/// A random identifier (128 bits, hex) with a prefix saying what it is.
pub fn random_id(prefix: &str) -> String {
    let bytes: [u8; 16] = rand::random();
    format!("{prefix}{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}
