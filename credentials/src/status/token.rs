//! Token Status List (draft-ietf-oauth-status-list), the status mechanism SD-JWT VC names: the
//! credential's `status.status_list` holds an index and the URI of a signed JWT
//! (`statuslist+jwt`) whose `lst` packs one small value per credential. We use two bits per
//! entry so one list says valid (0), revoked (1, "INVALID") or suspended (2).
//!
//! Unlike the Bitstring Status List, values are packed from the least significant bit of each
//! byte (§4.1) and compressed with zlib, not GZIP; the two encodings live side by side in this
//! module and `bitstring`, and nothing else packs bits.

use std::io::{Read, Write};

use base64::Engine;
use serde_json::{json, Value};

use crate::error::{Detail, StatusError};
use crate::i18n::t;

/// `typ` of a Status List Token.
pub const TOKEN_TYPE: &str = "statuslist+jwt";
/// Its media type, sent in `Accept` and `Content-Type`.
pub const MEDIA_TYPE: &str = "application/statuslist+jwt";
/// Status values (§7.1).
pub const VALID: u8 = 0;
pub const INVALID: u8 = 1;
pub const SUSPENDED: u8 = 2;
/// The `bits` we issue: enough for valid, revoked and suspended.
pub const BITS: u8 = 2;

/// An SD-JWT VC's `status.status_list` claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub index: u64,
    pub uri: String,
}

/// The `status_list` reference of a credential's claims: `None` without a `status` claim, an
/// error for a `status` we cannot read (unknown mechanism, malformed reference).
pub fn reference(claims: &Value) -> Result<Option<Reference>, StatusError> {
    let Some(status) = claims.get("status") else {
        return Ok(None);
    };
    let Some(list) = status.get("status_list") else {
        return Err(StatusError::Unsupported(Detail::localized(|lang| t!(lang, "status-token-no-list"))));
    };
    let index = list
        .get("idx")
        .and_then(Value::as_u64)
        .ok_or_else(|| StatusError::EntryMalformed(Detail::localized(|lang| t!(lang, "status-token-index"))))?;
    let uri = list.get("uri").and_then(Value::as_str).ok_or_else(|| {
        StatusError::EntryMalformed(Detail::localized(|lang| t!(lang, "status-token-uri-not-string")))
    })?;
    url::Url::parse(uri).map_err(|e| {
        StatusError::EntryMalformed(Detail::localized(|lang| {
            t!(lang, "status-token-uri-not-url", detail = e.to_string())
        }))
    })?;
    Ok(Some(Reference { index, uri: uri.to_owned() }))
}

/// The `status` claim pointing at entry `index` of the token at `uri`.
pub fn claim(index: u64, uri: &str) -> Value {
    json!({"status_list": {"idx": index, "uri": uri}})
}

/// Packs `values` (index, value) into `entries` slots of `bits` bits, least significant first.
pub fn pack(entries: usize, bits: u8, values: &[(usize, u8)]) -> Vec<u8> {
    let bits = usize::from(bits.clamp(1, 8));
    let mut bytes = vec![0u8; (entries * bits).div_ceil(8)];
    let mask = u8::MAX >> (8 - bits);
    for &(index, value) in values {
        let (byte, shift) = ((index * bits) / 8, (index * bits) % 8);
        if let Some(slot) = bytes.get_mut(byte) {
            *slot = (*slot & !(mask << shift)) | ((value & mask) << shift);
        }
    }
    bytes
}

/// The value of entry `index`, or `None` past the end.
pub fn value_at(bytes: &[u8], index: usize, bits: u8) -> Option<u8> {
    let bits = usize::from(bits.clamp(1, 8));
    let mask = u8::MAX >> (8 - bits);
    let (byte, shift) = (index.checked_mul(bits)? / 8, (index * bits) % 8);
    bytes.get(byte).map(|byte| (byte >> shift) & mask)
}

/// `lst`: zlib (DEFLATE in the ZLIB format), then base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let compressed = encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed)
}

/// Reads `lst`, refusing to inflate more than `max_bytes` (a zlib bomb is refused, not
/// inflated).
pub fn decode(lst: &str, max_bytes: usize) -> Result<Vec<u8>, StatusError> {
    let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(lst).map_err(|e| {
        StatusError::Encoding(Detail::localized(|lang| t!(lang, "status-token-not-base64", detail = e.to_string())))
    })?;
    let mut bytes = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice())
        .take(u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            StatusError::Encoding(Detail::localized(|lang| t!(lang, "status-token-not-zlib", detail = e.to_string())))
        })?;
    if bytes.len() > max_bytes {
        return Err(StatusError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// The claims of a Status List Token for `uri`: issued by `issuer` at `iat`, expiring at `exp`,
/// to be fetched again after `ttl` seconds.
pub fn token_claims(uri: &str, issuer: &str, bits: u8, bytes: &[u8], iat: i64, exp: i64, ttl: u64) -> Value {
    json!({
        "sub": uri,
        "iss": issuer,
        "iat": iat,
        "exp": exp,
        "ttl": ttl,
        "status_list": {"bits": bits, "lst": encode(bytes)},
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_specification_examples_decode() {
        // §4.1, one bit per entry: statuses 1,0,0,1,1,1,0,1, 1,1,0,0,0,1,0,1 are bytes B9 A3.
        let statuses = [1u8, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
        let values: Vec<(usize, u8)> = statuses.iter().copied().enumerate().collect();
        assert_eq!(pack(16, 1, &values), [0xB9, 0xA3]);
        let lst = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hex::decode("78dadbb918000217015d").unwrap());
        let bytes = decode(&lst, 16).unwrap();
        assert_eq!(bytes, [0xB9, 0xA3]);
        for (index, status) in statuses.iter().enumerate() {
            assert_eq!(value_at(&bytes, index, 1), Some(*status));
        }
        // Two bits per entry: bytes C9 44 F9.
        let lst =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hex::decode("78da3be9f2130003df0207").unwrap());
        let bytes = decode(&lst, 16).unwrap();
        assert_eq!(bytes, [0xC9, 0x44, 0xF9]);
        assert_eq!(value_at(&bytes, 0, 2), Some(1));
        assert_eq!(value_at(&bytes, 1, 2), Some(2));
        assert_eq!(value_at(&bytes, 3, 2), Some(3));
        assert_eq!(value_at(&bytes, 12, 2), None);
    }

    #[test]
    fn round_trips_and_refuses_bombs_and_garbage() {
        let bytes = pack(131_072, BITS, &[(5, INVALID), (70_000, SUSPENDED)]);
        let decoded = decode(&encode(&bytes), 1 << 20).unwrap();
        assert_eq!(value_at(&decoded, 5, BITS), Some(INVALID));
        assert_eq!(value_at(&decoded, 70_000, BITS), Some(SUSPENDED));
        assert_eq!(value_at(&decoded, 6, BITS), Some(VALID));
        let bomb = encode(&vec![0u8; 4 << 20]);
        assert!(matches!(decode(&bomb, 1 << 20), Err(StatusError::TooLarge { .. })));
        assert!(matches!(decode("!!", 10), Err(StatusError::Encoding(_))));
        assert!(decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b"not zlib"), 10).is_err());
    }

    #[test]
    fn references_are_read_strictly() {
        assert_eq!(reference(&json!({})).unwrap(), None);
        let claims = json!({"status": claim(7, "https://issuer.example/d/status/1/token")});
        assert_eq!(reference(&claims).unwrap().unwrap().index, 7);
        assert!(reference(&json!({"status": {"other": {}}})).is_err());
        assert!(reference(&json!({"status": {"status_list": {"idx": -1, "uri": "https://x"}}})).is_err());
        assert!(reference(&json!({"status": {"status_list": {"idx": 1, "uri": "not a url"}}})).is_err());
    }
}
