//! The `~`-separated form an SD-JWT travels in, and its issuer-signed JWT: cut apart before
//! anything else is read, so every later step works on known parts.

use josekit::jws::JwsVerifier;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::disclosure::b64;
use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

/// Most disclosures one SD-JWT may carry: a credential has a few dozen claims at most, and each
/// disclosure costs a hash and a JSON parse.
pub const MAX_DISCLOSURES: usize = 256;

/// A compact SD-JWT or SD-JWT+KB cut at its `~`, nothing checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact<'a> {
    pub issuer_jwt: &'a str,
    pub disclosures: Vec<&'a str>,
    pub kb_jwt: Option<&'a str>,
}

impl<'a> Compact<'a> {
    pub fn split(text: &'a str) -> Result<Compact<'a>, SdJwtError> {
        let mut parts: Vec<&str> = text.split('~').collect();
        if parts.len() < 2 {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-no-separator"))));
        }
        let issuer_jwt = parts.remove(0);
        let last = parts.pop().unwrap_or_default();
        let kb_jwt = if last.is_empty() { None } else { Some(last) };
        if parts.iter().any(|part| part.is_empty()) {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-empty-disclosure"))));
        }
        if parts.len() > MAX_DISCLOSURES {
            return Err(SdJwtError::TooManyDisclosures { count: parts.len(), limit: MAX_DISCLOSURES });
        }
        if issuer_jwt.split('.').count() != 3 {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-issuer-part"))));
        }
        Ok(Compact { issuer_jwt, disclosures: parts, kb_jwt })
    }

    /// The `sd_hash` of what was presented: [`digest`](super::digest) of [`Compact::without_kb`], without
    /// copying the text.
    pub fn sd_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.issuer_jwt.as_bytes());
        hasher.update(b"~");
        for disclosure in &self.disclosures {
            hasher.update(disclosure.as_bytes());
            hasher.update(b"~");
        }
        b64(&hasher.finalize())
    }

    /// `<issuer JWT>~<disclosure>~…~`: what the KB-JWT's `sd_hash` covers.
    pub fn without_kb(&self) -> String {
        let mut text = String::from(self.issuer_jwt);
        text.push('~');
        for disclosure in &self.disclosures {
            text.push_str(disclosure);
            text.push('~');
        }
        text
    }
}

/// The issuer-signed JWT's payload, signature not checked.
pub fn decode_payload(jwt: &str) -> Result<Value, SdJwtError> {
    crate::jose::decode(jwt).map(|unverified| unverified.payload).map_err(|e| SdJwtError::Malformed(Detail::of(&e)))
}

/// Checks the issuer's signature on the issuer-signed JWT with `issuer_key`, whose algorithm
/// must be that of `header`, the JWT's header as the caller already decoded it (`alg: none` and
/// HMAC never get here: callers only build EdDSA or ES256 verifiers from public keys).
pub fn verify_issuer_signature(
    compact: &Compact<'_>,
    header: &Map<String, Value>,
    issuer_key: &dyn JwsVerifier,
) -> Result<(), SdJwtError> {
    if header.get("alg").and_then(Value::as_str) != Some(issuer_key.algorithm().name()) || header.contains_key("crit") {
        return Err(SdJwtError::IssuerSignature);
    }
    crate::jose::verify_signature(compact.issuer_jwt, issuer_key).map_err(|_| SdJwtError::IssuerSignature)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use serde_json::json;

    use super::*;
    use crate::sd_jwt::{digest, ClaimPath};

    #[test]
    fn compact_form_is_split_strictly() {
        assert!(Compact::split("a.b.c").is_err());
        assert!(Compact::split("a.b.c~~").is_err());
        let compact = Compact::split("a.b.c~d1~d2~").unwrap();
        assert_eq!(compact.disclosures, ["d1", "d2"]);
        assert_eq!(compact.kb_jwt, None);
        assert_eq!(compact.without_kb(), "a.b.c~d1~d2~");
        assert_eq!(compact.sd_hash(), digest("a.b.c~d1~d2~"));
        assert_eq!(Compact::split("a.b.c~x.y.z").unwrap().kb_jwt, Some("x.y.z"));
        assert!(ClaimPath::parse("skills..x").is_err());
        assert_eq!(ClaimPath::parse("l.1").unwrap().to_json(), json!(["l", 1]));
    }
}
