//! SD-JWT VC (`dc+sd-jwt`) for our skill and assignment credentials. The issuer signs the
//! profile's claims (`schemas::sd_jwt_vc`) with every disclosable claim concealed; the holder
//! keeps only the disclosures a verifier needs and binds them to that verifier and request with
//! a KB-JWT signed by the key in `cnf`; the verifier checks it all and reports which claims it
//! was shown.
//!
//! Issuer keys: `iss` is the issuer's DID and `kid` a DID URL of it, resolved like every other
//! proof here. The SD-JWT VC draft defines no DID mechanism and leaves key discovery to the
//! ecosystem (§2.5); docs/decisions/0004-sd-jwt-vc.md records the choice.

use std::sync::Arc;

use ed25519_dalek::VerifyingKey;
use josekit::jwk::Jwk;
use josekit::jws::{JwsVerifier, ES256};
use schemas::Lang;
use serde_json::{Map, Value};

use crate::did::{self, DidResolver, Purpose};
use crate::error::{Detail, DidError, Error, InputError, JoseError, SdJwtError, ValidityError};
use crate::i18n::t;
use crate::jose;
use crate::multikey;
use crate::sd_jwt::{self, Binding, ClaimPath, Compact, Step};
use crate::signer::Signer;

/// Told apart from the other shapes of input by [`crate::input`].
pub use crate::input::looks_like_sd_jwt;

/// `typ` of an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §2.2.1), and the OpenID4VCI/VP format.
pub const SD_JWT_VC_TYPE: &str = "dc+sd-jwt";
/// The `typ` the draft used until November 2024; still read, never written.
pub const LEGACY_SD_JWT_VC_TYPE: &str = "vc+sd-jwt";
/// Fake digests added to each `_sd` array, so the number of hidden claims is not exact.
pub const DECOYS: usize = 2;
/// How old a key-binding JWT may be when the verifier sets no presentation age.
pub const DEFAULT_KEY_BINDING_AGE: std::time::Duration = std::time::Duration::from_secs(300);
/// Claims that must never be selectively disclosable (SD-JWT VC §2.2.2.3): a holder could
/// otherwise drop an expiry, a status or the binding key.
pub const ALWAYS_VISIBLE: [&str; 7] = ["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"];

/// Issues `credential` (a skill or assignment credential as built for the other formats,
/// holder DID in `credentialSubject.id`) as an SD-JWT VC signed by `signer`, which must be a
/// key of the credential's issuer. `cnf` is the holder DID's authentication key.
pub fn issue(
    credential: &Value,
    signer: Arc<dyn Signer>,
    resolver: &dyn DidResolver,
    issued_at: i64,
    status: Option<Value>,
) -> Result<String, Error> {
    let issuer = jose::id_of(credential.get("issuer")).ok_or(InputError::MissingField("issuer"))?;
    let kid = signer.verification_method().to_owned();
    if did::did_of(&kid)? != issuer {
        return Err(JoseError::KidNotIssuer { kid, issuer }.into());
    }
    let (mut claims, disclosable) = schemas::sd_jwt_vc::claims(credential).map_err(|e| InputError::InvalidField {
        field: "credential",
        reason: Detail::localized(|lang| e.message(lang)),
    })?;
    let subject =
        claims.get("sub").and_then(Value::as_str).ok_or(InputError::MissingField("credentialSubject.id"))?.to_owned();
    let holder_key = authentication_key(resolver, &subject)?;
    claims.insert("iss".into(), Value::String(issuer));
    claims.insert("iat".into(), Value::from(issued_at));
    claims.insert("cnf".into(), serde_json::json!({ "jwk": multikey::public_jwk(&holder_key) }));
    if let Some(status) = status {
        claims.insert("status".into(), status);
    }
    let paths: Vec<ClaimPath> =
        disclosable.iter().map(|path| ClaimPath(path.iter().cloned().map(Step::Key).collect())).collect();
    let (concealed, disclosures) = sd_jwt::conceal(Value::Object(claims), &paths, DECOYS)?;
    let jws = jose::jws_signer(signer);
    sd_jwt::issue(&concealed, &disclosures, SD_JWT_VC_TYPE, &jws).map_err(|error| match jws.failure() {
        Some(failure) => Error::Signer(failure),
        None => error.into(),
    })
}

/// The first key a DID document lists for authentication: the holder key bound into `cnf`.
fn authentication_key(resolver: &dyn DidResolver, did: &str) -> Result<VerifyingKey, Error> {
    let document = resolver.resolve(did::did_of(did)?)?;
    let id = document
        .authentication
        .iter()
        .map(|reference| match reference {
            did::MethodReference::Reference(id) => id.clone(),
            did::MethodReference::Embedded(method) => method.id.clone(),
        })
        .next()
        .ok_or_else(|| DidError::MethodNotFound(format!("{did} (no authentication key)")))?;
    Ok(did::resolve_key(resolver, &absolute(did, &id), Purpose::Authentication)?)
}

fn absolute(did: &str, id: &str) -> String {
    if id.starts_with('#') {
        format!("{did}{id}")
    } else {
        id.to_owned()
    }
}

/// [`sd_jwt::reveal`], refusing an SD-JWT VC that made a registered claim disclosable.
pub fn reveal(payload: Value, disclosures: &[&str]) -> Result<sd_jwt::Revealed, SdJwtError> {
    let revealed = sd_jwt::reveal_owned(payload, disclosures)?;
    for path in &revealed.disclosed {
        if let Some(Step::Key(name)) = path.0.first() {
            if ALWAYS_VISIBLE.contains(&name.as_str()) {
                return Err(SdJwtError::MustBeVisible(name.clone()));
            }
        }
    }
    Ok(revealed)
}

/// What a holder sees of an SD-JWT VC it holds: every claim, and which ones it may hide.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub claims: Value,
    pub disclosable: Vec<ClaimPath>,
}

/// Reads an issued SD-JWT VC with all its disclosures (the signature is the verifier's job;
/// the wallet verifies on receipt).
pub fn read(issued: &str) -> Result<Held, Error> {
    let compact = Compact::split(issued)?;
    let payload = sd_jwt::decode_payload(compact.issuer_jwt)?;
    let revealed = sd_jwt::reveal(&payload, &compact.disclosures)?;
    Ok(Held { claims: revealed.claims, disclosable: revealed.disclosed })
}

/// The `sub` of an SD-JWT VC's issuer-signed payload, unverified.
pub fn subject(text: &str) -> Option<String> {
    let jwt = text.split('~').next()?;
    sd_jwt::decode_payload(jwt).ok()?.get("sub")?.as_str().map(str::to_owned)
}

/// Keeps the disclosures of `disclose` (and of the claims that contain them) and signs a
/// KB-JWT for `binding` with the holder's key.
pub fn present(
    issued: &str,
    disclose: &[ClaimPath],
    binding: &Binding,
    holder: Arc<dyn Signer>,
) -> Result<String, Error> {
    bind(&sd_jwt::select(issued, disclose)?, binding, holder)
}

/// Signs the KB-JWT for an SD-JWT already cut down to what is shown.
pub fn bind(presentation: &str, binding: &Binding, holder: Arc<dyn Signer>) -> Result<String, Error> {
    Ok(sd_jwt::bind(presentation, binding, &jose::jws_signer(holder))?)
}

/// The issuer-signed JWT's key: EdDSA only, `kid` a DID URL of `iss` (a fragment alone is
/// relative to `iss`), authorized for assertions.
pub fn issuer_verifier(
    header: &Map<String, Value>,
    payload: &Value,
    resolver: &dyn DidResolver,
) -> Result<impl JwsVerifier, Error> {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("(missing)");
    if alg != "EdDSA" {
        return Err(JoseError::AlgorithmRefused(alg.to_owned()).into());
    }
    if ["crit", "jwk", "jku", "x5u", "x5c"].iter().any(|name| header.contains_key(*name)) {
        return Err(JoseError::Malformed(crate::jose::refused_header_parameters()).into());
    }
    let issuer = payload.get("iss").and_then(Value::as_str).ok_or(InputError::MissingField("iss"))?;
    let kid = header.get("kid").and_then(Value::as_str).ok_or(JoseError::MissingKid)?;
    let kid = absolute(issuer, kid);
    if did::did_of(&kid).ok() != Some(issuer) {
        return Err(JoseError::KidNotIssuer { kid, issuer: issuer.to_owned() }.into());
    }
    let key = did::resolve_key(resolver, &kid, Purpose::AssertionMethod)?;
    // No `kid` for josekit to compare: the header may name it relative to `iss` (`#key-1`), and
    // it was tied to the issuer above.
    Ok(jose::ed25519_verifier(key, None))
}

/// A JWS verifier for the holder key in `cnf.jwk`: Ed25519 (our wallets) or P-256.
pub fn confirmation_verifier(payload: &Value) -> Result<Box<dyn JwsVerifier>, SdJwtError> {
    let jwk = payload
        .get("cnf")
        .and_then(|cnf| cnf.get("jwk"))
        .ok_or_else(|| SdJwtError::NoConfirmationKey(Detail::localized(|lang| t!(lang, "sd-jwt-vc-no-jwk"))))?;
    match (jwk.get("kty").and_then(Value::as_str), jwk.get("crv").and_then(Value::as_str)) {
        (Some("OKP"), Some("Ed25519")) => {
            let key = multikey::decode_jwk(jwk).map_err(|e| SdJwtError::NoConfirmationKey(Detail::of(&e)))?;
            Ok(Box::new(jose::ed25519_verifier(key, None)))
        }
        (Some("EC"), Some("P-256")) => {
            let mut map = jwk.as_object().cloned().unwrap_or_default();
            if map.contains_key("d") {
                return Err(SdJwtError::NoConfirmationKey(Detail::localized(|lang| t!(lang, "sd-jwt-vc-private-key"))));
            }
            map.retain(|name, _| ["kty", "crv", "x", "y"].contains(&name.as_str()));
            // English readers get the JOSE library's own words; French readers the catalogue's.
            let jwk = Jwk::from_map(map).map_err(|e| {
                SdJwtError::NoConfirmationKey(Detail::new(e.to_string(), t!(Lang::Fr, "sd-jwt-vc-jwk-unreadable")))
            })?;
            let verifier = ES256.verifier_from_jwk(&jwk).map_err(|e| {
                SdJwtError::NoConfirmationKey(Detail::new(e.to_string(), t!(Lang::Fr, "sd-jwt-vc-p256-unusable")))
            })?;
            Ok(Box::new(verifier))
        }
        (kty, crv) => {
            let (kty, crv) = (kty.unwrap_or("(none)"), crv.unwrap_or("(none)"));
            Err(SdJwtError::NoConfirmationKey(Detail::localized(|lang| {
                t!(lang, "sd-jwt-vc-key-unsupported", kty = kty, crv = crv)
            })))
        }
    }
}

/// `nbf` / `exp` (seconds since the epoch) against `now`, with `skew` either way.
pub fn validity(
    claims: &Value,
    now: chrono::DateTime<chrono::Utc>,
    skew: std::time::Duration,
) -> Result<(), ValidityError> {
    let skew = i64::try_from(skew.as_secs()).unwrap_or(i64::MAX);
    let now = now.timestamp();
    let instant = |name: &'static str| -> Result<Option<i64>, ValidityError> {
        match claims.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_i64()
                .map(Some)
                .ok_or_else(|| ValidityError::InvalidDate { field: name, value: value.to_string() }),
        }
    };
    let text = |seconds: i64| {
        chrono::DateTime::from_timestamp(seconds, 0).map_or_else(|| seconds.to_string(), |date| date.to_rfc3339())
    };
    let (from, until) = (instant("nbf")?, instant("exp")?);
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            return Err(ValidityError::UntilBeforeFrom { from: text(from), until: text(until) });
        }
    }
    if let Some(from) = from {
        if now.saturating_add(skew) < from {
            return Err(ValidityError::NotYetValid(text(from)));
        }
    }
    if let Some(until) = until {
        if now.saturating_sub(skew) >= until {
            return Err(ValidityError::Expired(text(until)));
        }
    }
    Ok(())
}
