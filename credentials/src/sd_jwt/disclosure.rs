//! A disclosure and its digest: the unit of selective disclosure, shared by concealing, revealing
//! and key binding (whose `sd_hash` is the same digest).

use base64::Engine;
use rand::RngCore;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

/// The only digest algorithm we issue and accept (RFC 9901's default).
pub const SD_ALG: &str = "sha-256";

// Names a disclosure may not take: the payload's own digest array, algorithm claim and
// array-element marker.
pub(super) const SD: &str = "_sd";
pub(super) const SD_ALG_CLAIM: &str = "_sd_alg";
pub(super) const ELLIPSIS: &str = "...";

pub(super) fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// base64url(SHA-256(ASCII of `text`)): a disclosure's digest, and the KB-JWT's `sd_hash`.
pub fn digest(text: &str) -> String {
    b64(&Sha256::digest(text.as_bytes()))
}

/// One disclosure: `[salt, name, value]` for an object member, `[salt, value]` for an array
/// element, kept in the exact encoding the issuer chose (digests are over that text).
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    pub encoded: String,
    pub salt: String,
    pub name: Option<String>,
    pub value: Value,
}

impl Disclosure {
    /// A new disclosure with a fresh 128-bit salt.
    pub fn new(name: Option<&str>, value: Value) -> Disclosure {
        let mut salt = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut salt);
        let salt = b64(&salt);
        let array = match name {
            Some(name) => {
                Value::Array(vec![Value::String(salt.clone()), Value::String(name.to_owned()), value.clone()])
            }
            None => Value::Array(vec![Value::String(salt.clone()), value.clone()]),
        };
        Disclosure { encoded: b64(array.to_string().as_bytes()), salt, name: name.map(str::to_owned), value }
    }

    /// Reads one disclosure as sent.
    pub fn parse(encoded: &str) -> Result<Disclosure, SdJwtError> {
        let malformed =
            |reason: fn(schemas::Lang) -> String| SdJwtError::DisclosureMalformed(Detail::localized(reason));
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| malformed(|lang| t!(lang, "sd-jwt-disclosure-not-base64")))?;
        let array: Vec<Value> =
            serde_json::from_slice(&bytes).map_err(|_| malformed(|lang| t!(lang, "sd-jwt-disclosure-not-array")))?;
        let salt = match array.first() {
            Some(Value::String(salt)) => salt.clone(),
            _ => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-salt"))),
        };
        let (name, value) = match array.as_slice() {
            [_, value] => (None, value.clone()),
            [_, Value::String(name), value] => {
                if name == SD || name == ELLIPSIS || name == SD_ALG_CLAIM {
                    return Err(SdJwtError::ReservedName(name.clone()));
                }
                (Some(name.clone()), value.clone())
            }
            [_, _, _] => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-name"))),
            _ => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-length"))),
        };
        Ok(Disclosure { encoded: encoded.to_owned(), salt, name, value })
    }

    pub fn digest(&self) -> String {
        digest(&self.encoded)
    }
}
