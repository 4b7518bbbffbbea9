//! The bitstring of a Bitstring Status List: index 0 is the left-most (most significant) bit of
//! the first byte, as the specification's layout section draws it. A status list arrives
//! compressed from a server the verifier does not control, so decoding never inflates past a
//! limit: a few kilobytes of GZIP can expand to gigabytes.

use std::io::{Read, Write};

use base64::Engine;

use crate::error::{Detail, StatusError};
use crate::i18n::t;

/// The smallest list the specification allows (16 KiB of bits): fewer entries would let a list's
/// URL single out the credentials that use it.
pub const MIN_ENTRIES: usize = 131_072;

/// A list of one-bit statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitstring {
    bytes: Vec<u8>,
}

impl Bitstring {
    /// `entries` zero bits, rounded up to whole bytes.
    pub fn zeroed(entries: usize) -> Self {
        Self { bytes: vec![0; entries.div_ceil(8)] }
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self { bytes }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of one-bit entries.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bit at `index`, `None` past the end.
    pub fn get(&self, index: usize) -> Option<bool> {
        let byte = self.bytes.get(index / 8)?;
        Some(byte & (0x80 >> (index % 8)) != 0)
    }

    /// Sets or clears the bit at `index`; `false` when past the end (nothing changes).
    pub fn set(&mut self, index: usize, value: bool) -> bool {
        let Some(byte) = self.bytes.get_mut(index / 8) else {
            return false;
        };
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask;
        } else {
            *byte &= !mask;
        }
        true
    }

    /// `encodedList`: GZIP, then multibase base64url without padding (prefix `u`).
    pub fn encode(&self) -> String {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let compressed = encoder.write_all(&self.bytes).and_then(|()| encoder.finish()).unwrap_or_default();
        let mut out = String::with_capacity(1 + compressed.len() * 4 / 3 + 4);
        out.push('u');
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(&compressed, &mut out);
        out
    }

    /// Reads an `encodedList`, refusing to inflate more than `max_bytes`.
    pub fn decode(encoded: &str, max_bytes: usize) -> Result<Self, StatusError> {
        let text = encoded
            .strip_prefix('u')
            .ok_or_else(|| StatusError::Encoding(Detail::localized(|lang| t!(lang, "status-bitstring-prefix"))))?;
        let compressed = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).map_err(|e| {
            StatusError::Encoding(Detail::localized(|lang| {
                t!(lang, "status-bitstring-not-base64", detail = e.to_string())
            }))
        })?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(compressed.as_slice())
            .take(max_bytes as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                StatusError::Encoding(Detail::localized(|lang| {
                    t!(lang, "status-bitstring-not-gzip", detail = e.to_string())
                }))
            })?;
        if bytes.len() > max_bytes {
            return Err(StatusError::TooLarge { limit: max_bytes });
        }
        Ok(Self { bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_zero_is_the_leftmost_bit() {
        let mut bits = Bitstring::zeroed(MIN_ENTRIES);
        assert!(bits.set(0, true));
        assert!(bits.set(MIN_ENTRIES - 1, true));
        assert!(bits.set(9, true));
        assert_eq!(bits.as_bytes()[0], 0x80);
        assert_eq!(bits.as_bytes()[1], 0x40);
        assert_eq!(bits.as_bytes()[MIN_ENTRIES / 8 - 1], 0x01);
        assert!(!bits.set(MIN_ENTRIES, true));
        assert_eq!(bits.get(MIN_ENTRIES), None);
        assert!(bits.set(0, false));
        assert_eq!(bits.get(0), Some(false));
        assert_eq!(bits.get(9), Some(true));
    }

    #[test]
    fn round_trips_through_the_encoding() {
        let mut bits = Bitstring::zeroed(MIN_ENTRIES);
        for index in [1, 94_567, 131_071] {
            bits.set(index, true);
        }
        let encoded = bits.encode();
        assert!(encoded.starts_with("uH4sI"), "{encoded}");
        let decoded = Bitstring::decode(&encoded, MIN_ENTRIES / 8).unwrap();
        assert_eq!(decoded, bits);
    }

    #[test]
    fn refuses_what_is_not_base64url_gzip_or_too_large() {
        assert!(matches!(Bitstring::decode("zabc", 100), Err(StatusError::Encoding(_))));
        assert!(matches!(Bitstring::decode("u!!!", 100), Err(StatusError::Encoding(_))));
        assert!(matches!(Bitstring::decode("uH4sIAAAA=", 100), Err(StatusError::Encoding(_))));
        assert!(matches!(Bitstring::decode("uAAAAAAAA", 100), Err(StatusError::Encoding(_))));
        let big = Bitstring::zeroed(8 * 1000).encode();
        assert_eq!(Bitstring::decode(&big, 999), Err(StatusError::TooLarge { limit: 999 }));
        assert!(Bitstring::decode(&big, 1000).is_ok());
    }
}
