//! Key binding: the holder proves, with the key the issuer bound into the credential, that this
//! presentation is theirs and answers this verifier's request now; a copied SD-JWT then proves
//! nothing.

use josekit::jws::{JwsHeader, JwsSigner, JwsVerifier};
use serde_json::Value;

use super::compact::Compact;
use super::disclosure::digest;
use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

/// `typ` of a key-binding JWT.
pub const KB_JWT_TYPE: &str = "kb+jwt";

/// What the holder asks a key-binding JWT to prove: to whom, for which request, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub audience: String,
    pub nonce: String,
    pub issued_at: i64,
}

/// Appends a KB-JWT signed by `holder` to `presentation` (which must end with `~`).
pub fn bind(presentation: &str, binding: &Binding, holder: &dyn JwsSigner) -> Result<String, SdJwtError> {
    let compact = Compact::split(presentation)?;
    if compact.kb_jwt.is_some() {
        return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-already-bound"))));
    }
    let without = compact.without_kb();
    let mut header = JwsHeader::new();
    header.set_token_type(KB_JWT_TYPE);
    let claims = serde_json::json!({
        "iat": binding.issued_at,
        "aud": binding.audience,
        "nonce": binding.nonce,
        "sd_hash": digest(&without),
    });
    let payload = serde_json::to_vec(&claims).map_err(|e| SdJwtError::Malformed(Detail::same(e.to_string())))?;
    let kb = josekit::jws::serialize_compact(&payload, &header, holder).map_err(|e| {
        SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "signer-failed", detail = e.to_string())))
    })?;
    Ok(format!("{without}{kb}"))
}

/// What a verifier requires of the key-binding JWT beyond its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindingPolicy {
    /// `None` accepts any audience (the nonce alone ties it to this verifier's request).
    pub audience: Option<String>,
    pub nonce: String,
    /// Seconds since the epoch, how old `iat` may be, and the tolerance either way.
    pub now: i64,
    pub max_age: Option<i64>,
    pub skew: i64,
}

/// A key-binding JWT whose signature and `sd_hash` checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub audience: String,
    pub nonce: String,
    pub issued_at: i64,
}

impl KeyBinding {
    /// `nonce` and `aud` answer this verifier's request.
    pub fn answers(&self, policy: &KeyBindingPolicy) -> Result<(), SdJwtError> {
        if self.nonce != policy.nonce {
            return Err(SdJwtError::KeyBindingNonce);
        }
        if policy.audience.as_ref().is_some_and(|audience| *audience != self.audience) {
            return Err(SdJwtError::KeyBindingAudience);
        }
        Ok(())
    }

    /// `iat` is neither in the future nor older than the policy allows.
    pub fn recent(&self, policy: &KeyBindingPolicy) -> Result<(), SdJwtError> {
        if self.issued_at > policy.now.saturating_add(policy.skew) {
            return Err(SdJwtError::KeyBindingFromFuture);
        }
        match policy.max_age {
            Some(max_age) if self.issued_at < policy.now.saturating_sub(max_age).saturating_sub(policy.skew) => {
                Err(SdJwtError::KeyBindingTooOld)
            }
            _ => Ok(()),
        }
    }
}

/// RFC 9901 §7.3 step 5 on the KB-JWT: `typ`, signature by the confirmation key, `sd_hash`
/// over exactly what was presented. Whether it answers this verifier's request is
/// [`KeyBinding::answers`] and [`KeyBinding::recent`], reported as their own checks.
pub fn verify_key_binding(compact: &Compact<'_>, holder_key: &dyn JwsVerifier) -> Result<KeyBinding, SdJwtError> {
    let kb = compact.kb_jwt.ok_or(SdJwtError::KeyBindingMissing)?;
    let unverified = crate::jose::decode(kb).map_err(|e| SdJwtError::KeyBindingMalformed(Detail::of(&e)))?;
    if unverified.header.get("typ").and_then(Value::as_str) != Some(KB_JWT_TYPE) {
        return Err(SdJwtError::KeyBindingMalformed(Detail::localized(|lang| {
            t!(lang, "sd-jwt-key-binding-type", expected = KB_JWT_TYPE)
        })));
    }
    let alg = unverified.header.get("alg").and_then(Value::as_str).unwrap_or("(missing)");
    if alg != holder_key.algorithm().name() {
        return Err(SdJwtError::KeyBindingSignature);
    }
    if unverified.header.contains_key("crit") {
        return Err(SdJwtError::KeyBindingMalformed(Detail::localized(|lang| t!(lang, "sd-jwt-key-binding-crit"))));
    }
    crate::jose::verify_signature(kb, holder_key).map_err(|_| SdJwtError::KeyBindingSignature)?;
    let claims = &unverified.payload;
    let missing = |name: &'static str| {
        SdJwtError::KeyBindingMalformed(Detail::localized(|lang| {
            t!(lang, "sd-jwt-key-binding-claim-missing", name = name)
        }))
    };
    let text = |name: &'static str| claims.get(name).and_then(Value::as_str).ok_or_else(|| missing(name));
    if text("sd_hash")? != compact.sd_hash() {
        return Err(SdJwtError::KeyBindingSdHash);
    }
    Ok(KeyBinding {
        audience: text("aud")?.to_owned(),
        nonce: text("nonce")?.to_owned(),
        issued_at: claims.get("iat").and_then(Value::as_i64).ok_or_else(|| missing("iat"))?,
    })
}
