//! Public-key encodings our documents carry: Multikey (`publicKeyMultibase`, base58btc with the
//! multicodec prefix, as in `did:key`), the older Ed25519VerificationKey2020 form (same bytes),
//! and JWK (`kty: OKP, crv: Ed25519`). Decoding is strict: another curve's key is named as such
//! rather than failing later as a bad signature.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use base64::Engine;
use ed25519_dalek::VerifyingKey;

use crate::error::DidError;

/// Multicodec prefix of an Ed25519 public key (varint of 0xed).
pub const ED25519_PUBLIC_PREFIX: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 private key (varint of 0x1300).
pub const ED25519_PRIVATE_PREFIX: [u8; 2] = [0x80, 0x26];

/// `z6Mk…`: base58btc multibase of the multicodec-prefixed key.
pub fn encode_public(key: &VerifyingKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUBLIC_PREFIX);
    bytes.extend_from_slice(key.as_bytes());
    multibase::encode(multibase::Base::Base58Btc, bytes)
}

/// Decoded keys by their multibase text. Decoding an Ed25519 point costs about a third of a
/// signature check, and a verifier sees the same few issuer keys again and again. Public keys
/// only, so nothing secret is kept; the bound stops a flood of one-off keys from growing it.
static DECODED: LazyLock<RwLock<HashMap<String, VerifyingKey>>> = LazyLock::new(RwLock::default);
const MAX_DECODED: usize = 4096;

/// Decodes a `publicKeyMultibase` value holding an Ed25519 key.
pub fn decode_public(multibase_key: &str) -> Result<VerifyingKey, DidError> {
    cached(multibase_key, || decode_public_uncached(multibase_key))
}

/// `decode` once per distinct text (multibase keys start with `z`, JWK `x` values are cached
/// under `x:` so the two never meet).
fn cached(text: &str, decode: impl FnOnce() -> Result<VerifyingKey, DidError>) -> Result<VerifyingKey, DidError> {
    if let Some(key) = DECODED.read().ok().and_then(|cache| cache.get(text).copied()) {
        return Ok(key);
    }
    let key = decode()?;
    if let Ok(mut cache) = DECODED.write() {
        if cache.len() >= MAX_DECODED {
            cache.clear();
        }
        cache.insert(text.to_owned(), key);
    }
    Ok(key)
}

fn decode_public_uncached(multibase_key: &str) -> Result<VerifyingKey, DidError> {
    // An Ed25519 Multikey is 48 characters; refuse long input before the (quadratic) decoding.
    if multibase_key.len() > 64 {
        return Err(DidError::UnsupportedKey(format!("{} characters, too long for a public key", multibase_key.len())));
    }
    if !multibase_key.starts_with('z') {
        return Err(DidError::UnsupportedKey("publicKeyMultibase must be base58btc (prefix `z`)".into()));
    }
    let (_, bytes) =
        multibase::decode(multibase_key).map_err(|e| DidError::UnsupportedKey(format!("not multibase: {e}")))?;
    let key_bytes = match bytes.as_slice() {
        [0xed, 0x01, rest @ ..] => rest,
        [0xe7, 0x01, ..] => return Err(DidError::UnsupportedKey("secp256k1 key".into())),
        [0x80, 0x24, ..] => return Err(DidError::UnsupportedKey("P-256 key".into())),
        [0x81, 0x24, ..] => return Err(DidError::UnsupportedKey("P-384 key".into())),
        [0xec, 0x01, ..] => return Err(DidError::UnsupportedKey("X25519 key (for encryption, not signatures)".into())),
        _ => return Err(DidError::UnsupportedKey("unknown multicodec prefix".into())),
    };
    let array: [u8; 32] = key_bytes
        .try_into()
        .map_err(|_| DidError::UnsupportedKey(format!("Ed25519 key of {} bytes", key_bytes.len())))?;
    VerifyingKey::from_bytes(&array).map_err(|e| DidError::UnsupportedKey(e.to_string()))
}

/// Public JWK of an Ed25519 key.
pub fn public_jwk(key: &VerifyingKey) -> serde_json::Value {
    serde_json::json!({
        "kty": "OKP",
        "crv": "Ed25519",
        "x": base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.as_bytes()),
    })
}

/// Reads an Ed25519 public key from a JWK, refusing other key types and curves by name.
pub fn decode_jwk(jwk: &serde_json::Value) -> Result<VerifyingKey, DidError> {
    let field = |name: &str| jwk.get(name).and_then(serde_json::Value::as_str);
    match (field("kty"), field("crv")) {
        (Some("OKP"), Some("Ed25519")) => {}
        (kty, crv) => {
            return Err(DidError::UnsupportedKey(format!(
                "JWK kty {} crv {}",
                kty.unwrap_or("(none)"),
                crv.unwrap_or("(none)")
            )))
        }
    }
    if jwk.get("d").is_some() {
        return Err(DidError::InvalidDocument("a public JWK must not contain the private key `d`".into()));
    }
    let x = field("x").ok_or_else(|| DidError::UnsupportedKey("JWK without `x`".into()))?;
    if x.len() > 64 {
        return Err(DidError::UnsupportedKey(format!("JWK `x` of {} characters, too long for a public key", x.len())));
    }
    cached(&format!("x:{x}"), || decode_jwk_x(x))
}

fn decode_jwk_x(x: &str) -> Result<VerifyingKey, DidError> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(x)
        .map_err(|e| DidError::UnsupportedKey(format!("JWK `x` is not base64url: {e}")))?;
    let array: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| DidError::UnsupportedKey(format!("Ed25519 key of {} bytes", bytes.len())))?;
    VerifyingKey::from_bytes(&array).map_err(|e| DidError::UnsupportedKey(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTOR_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    #[test]
    fn multikey_round_trip_matches_the_w3c_key() {
        let key = decode_public(VECTOR_PUBLIC).unwrap();
        assert_eq!(encode_public(&key), VECTOR_PUBLIC);
        assert_eq!(decode_jwk(&public_jwk(&key)).unwrap(), key);
    }

    #[test]
    fn other_curves_are_named() {
        // did:key of a P-256 key (zDn…) from the W3C ecdsa vectors.
        let p256 = "zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP";
        assert_eq!(decode_public(p256), Err(DidError::UnsupportedKey("P-256 key".into())));
        let jwk = serde_json::json!({"kty": "EC", "crv": "P-256", "x": "a", "y": "b"});
        assert!(matches!(decode_jwk(&jwk), Err(DidError::UnsupportedKey(_))));
        assert!(matches!(decode_public("u7QE"), Err(DidError::UnsupportedKey(_))));
    }
}
