//! VC-JOSE-COSE `application/vc+jwt` (and `vp+jwt`): the credential is the JWS payload, signed
//! with EdDSA by the key named in `kid`. JWS mechanics are `josekit`'s; the header policy is ours
//! and strict, because the classic JWT attacks live there: `alg: none`, HMAC with a public key as
//! the secret, and a `kid` pointing at a key the issuer does not control.

use std::sync::Arc;

use base64::Engine;
use ed25519_dalek::{Verifier as _, VerifyingKey};
use josekit::jws::{EdDSA, JwsAlgorithm, JwsHeader, JwsSigner, JwsVerifier};
use serde_json::Value;

use crate::did::{self, DidResolver, Purpose};
use crate::error::{Detail, Error, InputError, JoseError};
use crate::i18n::t;
use crate::signer::Signer;

pub const VC_JWT_TYPE: &str = "vc+jwt";
pub const VP_JWT_TYPE: &str = "vp+jwt";

/// Adapts our [`Signer`] to `josekit`, so JWS signing never sees key bytes. `josekit` turns a
/// signer's failure into its own error type; the failure is kept here as well, so a key that is
/// only unavailable for now is still said to be ([`crate::error::SignerError::Unavailable`]).
#[derive(Clone)]
pub(crate) struct JoseSigner {
    signer: Arc<dyn Signer>,
    key_id: String,
    failure: Arc<std::sync::Mutex<Option<crate::error::SignerError>>>,
}

impl JoseSigner {
    /// The signer's own failure, when signing failed there (not in `josekit`).
    pub(crate) fn failure(&self) -> Option<crate::error::SignerError> {
        self.failure.lock().ok().and_then(|mut failure| failure.take())
    }
}

impl std::fmt::Debug for JoseSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JoseSigner").field("key_id", &self.key_id).finish()
    }
}

impl JwsSigner for JoseSigner {
    fn algorithm(&self) -> &dyn JwsAlgorithm {
        &EdDSA
    }
    fn key_id(&self) -> Option<&str> {
        Some(&self.key_id)
    }
    fn signature_len(&self) -> usize {
        64
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, josekit::JoseError> {
        self.signer.sign(message).map(|signature| signature.to_vec()).map_err(|error| {
            if let Ok(mut failure) = self.failure.lock() {
                *failure = Some(error.clone());
            }
            josekit::JoseError::InvalidSignature(error.into())
        })
    }
    fn box_clone(&self) -> Box<dyn JwsSigner> {
        Box::new(self.clone())
    }
}

/// Our [`Signer`] as a `josekit` signer whose `kid` is the signer's verification method.
pub(crate) fn jws_signer(signer: Arc<dyn Signer>) -> JoseSigner {
    JoseSigner { key_id: signer.verification_method().to_owned(), signer, failure: Arc::default() }
}

/// An EdDSA `josekit` verifier for one Ed25519 key.
pub(crate) fn ed25519_verifier(key: VerifyingKey, key_id: Option<String>) -> impl JwsVerifier {
    DalekVerifier { key, key_id }
}

/// Checks EdDSA signatures for `josekit` with `ed25519-dalek` (OpenSSL's Ed25519 is about four
/// times slower here, and one Ed25519 implementation is enough).
#[derive(Debug, Clone)]
struct DalekVerifier {
    key: VerifyingKey,
    /// `josekit` refuses a JWS whose `kid` differs from this; `None` checks no `kid` (a key
    /// known from `cnf`, not from a DID URL).
    key_id: Option<String>,
}

impl JwsVerifier for DalekVerifier {
    fn algorithm(&self) -> &dyn JwsAlgorithm {
        &EdDSA
    }
    fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }
    fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), josekit::JoseError> {
        let signature = ed25519_dalek::Signature::from_slice(signature)
            .map_err(|e| josekit::JoseError::InvalidSignature(e.into()))?;
        self.key.verify(message, &signature).map_err(|e| josekit::JoseError::InvalidSignature(e.into()))
    }
    fn box_clone(&self) -> Box<dyn JwsVerifier> {
        Box::new(self.clone())
    }
}

/// Secures a credential (or, with `typ` = [`VP_JWT_TYPE`], a presentation) as a compact JWS.
pub fn sign(document: &Value, signer: Arc<dyn Signer>, typ: &str) -> Result<String, Error> {
    let key_id = signer.verification_method().to_owned();
    let mut header = JwsHeader::new();
    header.set_token_type(typ);
    header.set_key_id(&key_id);
    let payload = serde_json::to_vec(document).map_err(|e| JoseError::Library(e.to_string()))?;
    let jws = JoseSigner { signer, key_id, failure: Arc::default() };
    josekit::jws::serialize_compact(&payload, &header, &jws).map_err(|e| match jws.failure() {
        Some(failure) => Error::Signer(failure),
        None => JoseError::Library(e.to_string()).into(),
    })
}

/// The decoded header and payload of a compact JWS, before its signature is checked.
#[derive(Debug, Clone)]
pub struct Unverified {
    pub header: serde_json::Map<String, Value>,
    pub payload: Value,
}

fn three_parts() -> Detail {
    Detail::localized(|lang| t!(lang, "jose-three-parts"))
}

/// Header parameters that would let a token name its own key or demand unknown processing.
pub(crate) fn refused_header_parameters() -> Detail {
    Detail::localized(|lang| t!(lang, "jose-refused-header-parameters"))
}

/// A segment's bytes: its JSON text, not yet parsed. `name` (`header`, `payload`) says which
/// part is wrong.
pub(crate) fn segment_bytes(segment: &str, name: &str) -> Result<Vec<u8>, JoseError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(segment).map_err(|e| {
        JoseError::Malformed(Detail::localized(|lang| {
            t!(lang, "jose-part-not-base64", part = name, detail = e.to_string())
        }))
    })
}

fn decode_segment(segment: &str, name: &str) -> Result<Value, JoseError> {
    let bytes = segment_bytes(segment, name)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        JoseError::Malformed(Detail::localized(|lang| {
            t!(lang, "jose-part-not-json", part = name, detail = crate::error::json_reason(&e, lang))
        }))
    })
}

/// The `typ` of a compact JWS's header, reading the header alone (cheap enough to sort inputs
/// before verifying them); `None` when it cannot be read.
pub fn header_type(compact: &str) -> Option<String> {
    let header = compact.split('.').next()?;
    match decode_segment(header, "header").ok()? {
        Value::Object(mut map) => match map.remove("typ") {
            Some(Value::String(typ)) => Some(typ),
            _ => None,
        },
        _ => None,
    }
}

/// The header, payload and signature segments of a compact JWS, still encoded.
pub(crate) fn segments(compact: &str) -> Result<[&str; 3], JoseError> {
    // An SD-JWT is not a JWS: read as one, its disclosures would ride along unnoticed.
    if compact.contains('~') {
        return Err(JoseError::Malformed(Detail::localized(|lang| t!(lang, "jose-sd-jwt-not-jws"))));
    }
    let mut parts = compact.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JoseError::Malformed(three_parts()));
    };
    Ok([header, payload, signature])
}

/// Splits and decodes a compact JWS without trusting it.
pub fn decode(compact: &str) -> Result<Unverified, JoseError> {
    let [header, payload, _signature] = segments(compact)?;
    let header = match decode_segment(header, "header")? {
        Value::Object(map) => map,
        _ => return Err(JoseError::Malformed(Detail::localized(|lang| t!(lang, "jose-header-not-object")))),
    };
    let payload = decode_segment(payload, "payload")?;
    Ok(Unverified { header, payload })
}

/// Verifies a compact JWS: header policy, `kid` belongs to the payload's issuer (or holder, for
/// a presentation), signature. Returns the payload.
pub fn verify(
    compact: &str,
    expected_type: &'static str,
    resolver: &dyn DidResolver,
    purpose: Purpose,
) -> Result<Value, Error> {
    let unverified = decode(compact)?;
    verify_decoded(compact, &unverified, expected_type, resolver, purpose)?;
    Ok(unverified.payload)
}

/// [`verify`] for a JWS already split by [`decode`] (the payload is not parsed twice).
pub fn verify_decoded(
    compact: &str,
    unverified: &Unverified,
    expected_type: &'static str,
    resolver: &dyn DidResolver,
    purpose: Purpose,
) -> Result<(), Error> {
    let signer_field = if expected_type == VP_JWT_TYPE { "holder" } else { "issuer" };
    let controller = id_of(unverified.payload.get(signer_field));
    verify_signed_by(compact, unverified, &[Some(expected_type)], (signer_field, controller), resolver, purpose)
}

/// The header policy and signature of a JWS whose signer must be `controller` (found in the
/// payload's `field`, `None` when it names none): `alg` EdDSA, a `typ` among `types` (`None`
/// for a header without one), no header parameter that names its own key, an `iss` (when
/// present) equal to the controller, and a `kid` of the controller's DID.
pub fn verify_signed_by(
    compact: &str,
    unverified: &Unverified,
    types: &[Option<&'static str>],
    (field, controller): (&'static str, Option<String>),
    resolver: &dyn DidResolver,
    purpose: Purpose,
) -> Result<(), Error> {
    let header_str = |name: &str| unverified.header.get(name).and_then(Value::as_str);
    let alg = header_str("alg").unwrap_or("(missing)");
    if alg != "EdDSA" {
        return Err(JoseError::AlgorithmRefused(alg.to_owned()).into());
    }
    let typ = header_str("typ");
    if !types.contains(&typ) {
        return Err(JoseError::WrongType {
            expected: types.iter().flatten().next().copied().unwrap_or("(none)"),
            found: typ.unwrap_or("(missing)").to_owned(),
        }
        .into());
    }
    if ["crit", "jwk", "jku", "x5u", "x5c"].iter().any(|name| unverified.header.contains_key(*name)) {
        return Err(JoseError::Malformed(refused_header_parameters()).into());
    }
    let controller = controller.ok_or(InputError::MissingField(field))?;
    if let Some(iss) = unverified.payload.get("iss") {
        if iss.as_str() != Some(controller.as_str()) {
            return Err(JoseError::KidNotIssuer { kid: format!("iss {iss}"), issuer: controller }.into());
        }
    }
    let kid = header_str("kid").ok_or(JoseError::MissingKid)?;
    let kid = if kid.starts_with('#') { format!("{controller}{kid}") } else { kid.to_owned() };
    if did::did_of(&kid).ok() != Some(controller.as_str()) {
        return Err(JoseError::KidNotIssuer { kid, issuer: controller }.into());
    }
    let key = did::resolve_key(resolver, &kid, purpose)?;
    // The `kid` is tied to the issuer above; josekit would compare it, as written in the header
    // (possibly relative: `#key-1`), with this absolute one and refuse a correct token.
    let verifier = DalekVerifier { key, key_id: None };
    josekit::jws::deserialize_compact(compact, &verifier).map_err(|_| JoseError::SignatureInvalid)?;
    Ok(())
}

/// Checks the signature of a compact JWS whose header the caller already read and vetted (`alg`
/// matching `verifier`, no `crit`): `verifier` over `header.payload`. `josekit`'s own
/// `deserialize_compact` parses header and payload a second time; on an SD-JWT presentation that
/// is two of the three JWS a verification reads, so this path skips it.
pub fn verify_signature(compact: &str, verifier: &dyn JwsVerifier) -> Result<(), JoseError> {
    let (input, signature) = compact.rsplit_once('.').ok_or(JoseError::SignatureInvalid)?;
    if input.matches('.').count() != 1 {
        return Err(JoseError::Malformed(three_parts()));
    }
    let signature =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature).map_err(|_| JoseError::SignatureInvalid)?;
    verifier.verify(input.as_bytes(), &signature).map_err(|_| JoseError::SignatureInvalid)
}

/// `typ` of an OpenID4VCI key proof.
pub const KEY_PROOF_TYPE: &str = "openid4vci-proof+jwt";

/// Verifies an OpenID4VCI key proof (JWT proof type): EdDSA, `typ` [`KEY_PROOF_TYPE`], a `kid`
/// that is a DID URL whose key signed it. Returns the DID and the claims; the caller checks
/// `aud`, `nonce` and `iat`.
pub fn verify_key_proof(compact: &str, resolver: &dyn DidResolver) -> Result<(String, Value), Error> {
    verify_signed_by_did(compact, KEY_PROOF_TYPE, resolver, Purpose::Authentication)
}

/// Verifies a compact JWS of type `typ` whose `kid` is a DID URL: EdDSA, no key or certificate
/// in the header, the DID's key for `purpose` signed it. Returns the DID and the claims; what the
/// claims must say is the caller's rule (a key proof, an OpenID4VP request object).
pub fn verify_signed_by_did(
    compact: &str,
    typ: &'static str,
    resolver: &dyn DidResolver,
    purpose: Purpose,
) -> Result<(String, Value), Error> {
    let unverified = decode(compact)?;
    let header_str = |name: &str| unverified.header.get(name).and_then(Value::as_str);
    let alg = header_str("alg").unwrap_or("(missing)");
    if alg != "EdDSA" {
        return Err(JoseError::AlgorithmRefused(alg.to_owned()).into());
    }
    if header_str("typ") != Some(typ) {
        return Err(
            JoseError::WrongType { expected: typ, found: header_str("typ").unwrap_or("(missing)").to_owned() }.into()
        );
    }
    if ["crit", "jku", "x5u", "x5c"].iter().any(|name| unverified.header.contains_key(*name)) {
        return Err(
            JoseError::Malformed(Detail::localized(|lang| t!(lang, "jose-refused-header-parameters-did"))).into()
        );
    }
    let kid = header_str("kid").ok_or(JoseError::MissingKid)?;
    let did = did::did_of(kid)?.to_owned();
    let key = did::resolve_key(resolver, kid, purpose)?;
    let verifier = DalekVerifier { key, key_id: Some(kid.to_owned()) };
    josekit::jws::deserialize_compact(compact, &verifier).map_err(|_| JoseError::SignatureInvalid)?;
    Ok((did, unverified.payload))
}

/// `issuer` / `holder` as a string or as an object with `id`.
pub fn id_of(value: Option<&Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(map)) => map.get("id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Describe;

    /// Found by review: a `vc+jwt` whose `kid` is relative to its issuer (`#key`), which the
    /// specification allows and the code resolved, still failed: the signature check compared
    /// the header's `kid` with the absolute one.
    #[test]
    fn a_vc_jwt_with_a_relative_kid_verifies() {
        use base64::Engine;
        use ed25519_dalek::Signer as _;
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        let (did, method) = crate::did::did_key_for(&key.verifying_key());
        let fragment = method.split_once('#').map(|(_, f)| f).unwrap_or_default();
        let b64 = |value: serde_json::Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string());
        let header = b64(serde_json::json!({"alg": "EdDSA", "typ": VC_JWT_TYPE, "kid": format!("#{fragment}")}));
        let payload = b64(serde_json::json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"], "issuer": did, "credentialSubject": {"id": "did:example:x"}}));
        let signature = key.sign(format!("{header}.{payload}").as_bytes()).to_bytes();
        let compact =
            format!("{header}.{payload}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature));
        let resolver = crate::did::StaticResolver::new();
        assert!(verify(&compact, VC_JWT_TYPE, &resolver, crate::did::Purpose::AssertionMethod).is_ok());
        // The same token from another key is still refused.
        let other = ed25519_dalek::SigningKey::from_bytes(&[8; 32]).sign(format!("{header}.{payload}").as_bytes());
        let forged =
            format!("{header}.{payload}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(other.to_bytes()));
        assert!(verify(&forged, VC_JWT_TYPE, &resolver, crate::did::Purpose::AssertionMethod).is_err());
    }

    /// Found by review: a malformed JWT (a wallet reading a verifier's request, a verifier a
    /// credential) was explained in English inside the French message.
    #[test]
    fn a_malformed_jwt_is_explained_in_french_too() {
        for compact in ["a.b", "e30.e30~x.y", "bm90IGpzb24.e30.c2ln", "W10.e30.c2ln", "e30.!!!.c2ln"] {
            let error = decode(compact).map(|_| ()).unwrap_err();
            let french = error.message(schemas::Lang::Fr);
            assert!(french.starts_with("pas un JWS compact : "), "{compact}: {french}");
            for english in ["expected", "is not", "header is", "SD-JWT (with"] {
                assert!(!french.contains(english), "{compact}: {french}");
            }
        }
    }
}
