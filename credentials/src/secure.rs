//! Securing a credential, the issuing twin of `verify`: the checks a verifier will make are run
//! first, so nothing is signed that its own verifier would refuse, and then the credential gets
//! the proof or the envelope of the mechanism asked for. What the caller owns (the signing key,
//! the clock, where its status list tokens are published) comes in as parameters.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use schemas::Lang;
use serde_json::Value;

use crate::contexts::{ContextSet, CREDENTIALS_V1, CREDENTIALS_V2, DATA_INTEGRITY_V2};
use crate::error::{Describe, Error, ProofError, ValidityError};
use crate::proof::data_integrity::{self, ProofOptions, Suite};
use crate::report::Failure;
use crate::{jose, Signer};

/// The name of VCDM 1.1's JWT encoding, in records and in OpenID4VCI.
pub const JWT_VC_JSON: &str = "jwt_vc_json";

/// The securing mechanisms a credential can be issued with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    DataIntegrity(Suite),
    /// VC-JOSE-COSE `vc+jwt`: the credential is the JWT's payload.
    VcJwt,
    /// VCDM 1.1's JWT encoding, OpenID4VCI's `jwt_vc_json`: the credential in a `vc` claim.
    JwtVcJson,
    /// SD-JWT VC (`dc+sd-jwt`): the holder chooses which claims to show.
    SdJwtVc,
}

impl std::str::FromStr for Mechanism {
    type Err = ProofError;

    /// A mechanism by any of the names it goes by (`vc-jwt`, `dc+sd-jwt`, a cryptosuite).
    fn from_str(name: &str) -> Result<Self, ProofError> {
        Self::from_name(name).ok_or_else(|| ProofError::UnknownCryptosuite(name.to_owned()))
    }
}

impl Mechanism {
    /// A mechanism by any of the names it goes by; `None` for an unknown name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "vc-jwt" | "vc+jwt" | "jwt" => Some(Self::VcJwt),
            JWT_VC_JSON => Some(Self::JwtVcJson),
            "dc+sd-jwt" | "vc+sd-jwt" | "sd-jwt" => Some(Self::SdJwtVc),
            other => Suite::from_name(other).map(Self::DataIntegrity),
        }
    }

    /// Whether checking and signing takes tens of microseconds (JCS, JWS), not hundreds (RDF
    /// canonicalization): short enough to run on an async worker between two awaits.
    pub fn is_quick(self) -> bool {
        !matches!(self, Self::DataIntegrity(Suite::EddsaRdfc2022))
    }

    /// The name used in records and in `options.cryptosuite`.
    pub fn name(self) -> &'static str {
        match self {
            Self::DataIntegrity(suite) => suite.name(),
            Self::VcJwt => "vc-jwt",
            Self::JwtVcJson => JWT_VC_JSON,
            Self::SdJwtVc => crate::sd_jwt_vc::SD_JWT_VC_TYPE,
        }
    }
}

/// A secured credential: JSON with an embedded proof, or a compact JWS.
#[derive(Debug, Clone, PartialEq)]
pub enum Secured {
    Json(Value),
    Jwt(String),
    /// An SD-JWT VC with all its disclosures, as the holder receives it.
    SdJwt(String),
}

impl Secured {
    /// A stored credential back from its record's `format` (a [`Mechanism::name`]) and body.
    pub fn from_record(format: &str, body: String) -> Result<Secured, serde_json::Error> {
        Ok(match format {
            "vc-jwt" | JWT_VC_JSON => Secured::Jwt(body),
            crate::sd_jwt_vc::SD_JWT_VC_TYPE => Secured::SdJwt(body),
            _ => Secured::Json(serde_json::from_str(&body)?),
        })
    }

    /// The text a record keeps and answers: compact JSON, or the JWT or SD-JWT itself.
    pub fn record_text(&self) -> String {
        match self {
            Secured::Json(value) => value.to_string(),
            Secured::Jwt(text) | Secured::SdJwt(text) => text.clone(),
        }
    }

    /// As a JSON value: the credential itself, or the JWT or SD-JWT as a string.
    pub fn into_json(self) -> Value {
        match self {
            Secured::Json(value) => value,
            Secured::Jwt(text) | Secured::SdJwt(text) => Value::String(text),
        }
    }

    /// As VC-API carries it: JSON as is, a JWT or SD-JWT as an `EnvelopedVerifiableCredential`.
    pub fn to_vc_api(&self) -> Value {
        let (media_type, text) = match self {
            Secured::Json(value) => return value.clone(),
            // A VCDM 1.1 JWT is not a `vc+jwt`: its envelope says `application/jwt`.
            Secured::Jwt(jwt) => match crate::jwt_shape::JwtShape::of_compact(jwt) {
                Some(crate::jwt_shape::JwtShape::Vcdm11Credential) => ("jwt", jwt),
                _ => ("vc+jwt", jwt),
            },
            Secured::SdJwt(sd_jwt) => (crate::sd_jwt_vc::SD_JWT_VC_TYPE, sd_jwt),
        };
        serde_json::json!({
            "@context": [CREDENTIALS_V2],
            "id": format!("data:application/{media_type},{text}"),
            "type": "EnvelopedVerifiableCredential",
        })
    }
}

impl std::fmt::Display for Secured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Json(value) => write!(f, "{}", serde_json::to_string_pretty(value).map_err(|_| std::fmt::Error)?),
            Self::Jwt(jwt) | Self::SdJwt(jwt) => f.write_str(jwt),
        }
    }
}

/// Why a credential was not secured. A check a verifier makes carries the verifier's own
/// failure; the refusals only an issuing side makes (a proof already there, a VC 1.1 credential
/// as an SD-JWT VC, an issuer that is not the key's DID) are worded by the caller.
#[derive(Debug)]
#[non_exhaustive]
pub enum SecureError {
    /// The credential carries a `proof` already: adding one would make a proof set whose other
    /// member was never checked.
    AlreadySigned,
    /// The document is an `EnvelopedVerifiableCredential`: secured already, by the mechanism its
    /// `data:` URL names; an envelope has no claims of its own to sign.
    Enveloped,
    /// The structure and context checks of a verifier failed.
    Structure(Failure),
    /// The credential breaks its profile (`schemas::SchemaError::Invalid` lists each rule).
    Schema(schemas::SchemaError),
    /// The credential's issuer is not the signing key's DID.
    IssuerMismatch { issuer: String, key_did: String },
    /// A VC 1.1 credential asked for as an SD-JWT VC: it has no status entries, so it could
    /// never be revoked.
    SdJwtNeedsV2,
    /// The credential cannot be read, dated or signed.
    Credentials(Error),
}

impl SecureError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::AlreadySigned => "already_signed",
            Self::Enveloped => "already_enveloped",
            Self::Structure(failure) => failure.code(),
            Self::Schema(_) => "schema_violation",
            Self::IssuerMismatch { .. } => "issuer_mismatch",
            Self::SdJwtNeedsV2 => "sd_jwt_needs_v2",
            Self::Credentials(error) => error.code(),
        }
    }
}

impl std::fmt::Display for SecureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Structure(failure) => f.write_str(&failure.message(Lang::En)),
            Self::Schema(error) => error.fmt(f),
            Self::Credentials(error) => error.fmt(f),
            // Worded by the caller: the code stands in for the sentence.
            Self::IssuerMismatch { issuer, key_did } => write!(f, "{}: {issuer}, {key_did}", self.code()),
            Self::AlreadySigned | Self::Enveloped | Self::SdJwtNeedsV2 => f.write_str(self.code()),
        }
    }
}

impl std::error::Error for SecureError {}

impl From<Error> for SecureError {
    fn from(error: Error) -> Self {
        Self::Credentials(error)
    }
}

/// Checks a credential the way a verifier will: structure and contexts, status entries, date
/// order, schema of our profiles, and that the issuer is the signing key's DID.
pub fn check(
    credential: &Value,
    signer: &dyn Signer,
    contexts: &ContextSet,
    now: DateTime<Utc>,
) -> Result<(), SecureError> {
    if credential.get("proof").is_some() {
        return Err(SecureError::AlreadySigned);
    }
    // VCDM 2.0 §4.13: an envelope's MUSTs (its `@context`, its `data:` URL) are said as such;
    // one that keeps them is secured already.
    if let Some(opened) = credential.as_object().and_then(crate::envelope::open) {
        opened.map_err(|error| SecureError::Structure(Failure::Error(error.into())))?;
        return Err(SecureError::Enveloped);
    }
    crate::verify::structure(credential, contexts, "VerifiableCredential").map_err(SecureError::Structure)?;
    status_entries(credential)?;
    // A credential whose dates cannot be read, or whose `validUntil` is before its `validFrom`,
    // would never verify. One not yet valid, or no longer (VCDM 2.0 §4.9 lets an issuer state a
    // validity period already over, as its own example does), is issued as it says.
    let valid_from = credential
        .get("validFrom")
        .or_else(|| credential.get("issuanceDate"))
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let at = valid_from.map_or(now, |from| from.max(now));
    match crate::verify::validity(credential, at) {
        Ok(()) | Err(ValidityError::NotYetValid(_) | ValidityError::Expired(_)) => {}
        Err(error) => return Err(Error::from(error).into()),
    }
    schemas::validate(credential).map_err(SecureError::Schema)?;
    let issuer = jose::id_of(credential.get("issuer")).unwrap_or_default();
    let key_did = crate::did::did_of(signer.verification_method()).map_err(Error::from)?;
    if issuer != key_did {
        return Err(SecureError::IssuerMismatch { issuer, key_did: key_did.to_owned() });
    }
    Ok(())
}

/// The `BitstringStatusListEntry` entries of a supplied `credentialStatus`, read as a verifier
/// reads them (index, list URL, size): one it could not read would make every status check of the
/// credential fail. Entries of other types are the data model's (an object with a `type`), kept.
fn status_entries(credential: &Value) -> Result<(), SecureError> {
    let refused = |error: crate::error::StatusError| {
        let reason = crate::error::Detail::localized(|lang| crate::error::Describe::message(&error, lang));
        SecureError::Structure(Failure::Error(
            crate::error::InputError::InvalidField { field: "credentialStatus", reason }.into(),
        ))
    };
    let items: Vec<&Value> = match credential.get("credentialStatus") {
        None => return Ok(()),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    };
    let read = crate::status::entry::each_entry(credential).map_err(refused)?;
    for (item, entry) in items.into_iter().zip(read) {
        let bitstring =
            crate::jsonld::type_names(item.get("type")).iter().any(|t| t == crate::status::entry::ENTRY_TYPE);
        if let (true, Err(error)) = (bitstring, entry) {
            return Err(refused(error));
        }
    }
    Ok(())
}

/// Checks then secures `credential` with `signer`. An SD-JWT VC points at the Status List Token
/// of its revocation list (or of its suspension list without one): `status_token_url` says where
/// the token of the list at a given URL is published.
pub fn secure(
    credential: &Value,
    signer: Arc<dyn Signer>,
    mechanism: Mechanism,
    created: DateTime<Utc>,
    contexts: &ContextSet,
    status_token_url: impl Fn(&str) -> String,
) -> Result<Secured, SecureError> {
    check(credential, signer.as_ref(), contexts, created)?;
    match mechanism {
        Mechanism::DataIntegrity(suite) => {
            let options = ProofOptions::new(suite, created);
            let credential = with_data_integrity_context(credential);
            Ok(Secured::Json(data_integrity::add_proof(&credential, signer.as_ref(), &options, contexts)?))
        }
        Mechanism::VcJwt => Ok(Secured::Jwt(jose::sign(credential, signer, jose::VC_JWT_TYPE)?)),
        Mechanism::JwtVcJson => {
            Ok(Secured::Jwt(jose::sign(&crate::jwt_shape::vcdm11_payload(credential), signer, "JWT")?))
        }
        Mechanism::SdJwtVc => {
            if first_context(credential) == Some(CREDENTIALS_V1) {
                return Err(SecureError::SdJwtNeedsV2);
            }
            let status = token_status(credential, status_token_url)?;
            // Holders are did:key or did:jwk: their key is read from the DID itself.
            let resolver = crate::did::StaticResolver::new();
            let issued = crate::sd_jwt_vc::issue(credential, signer, &resolver, created.timestamp(), status)?;
            Ok(Secured::SdJwt(issued))
        }
    }
}

/// The first `@context` of a credential, when it is a URL.
fn first_context(credential: &Value) -> Option<&str> {
    match credential.get("@context") {
        Some(Value::Array(items)) => items.first().and_then(Value::as_str),
        Some(Value::String(context)) => Some(context),
        _ => None,
    }
}

/// A VC 1.1 credential does not define the Data Integrity terms its proof uses: the Data
/// Integrity v2 context is appended (VC 2.0 includes those terms already).
fn with_data_integrity_context(credential: &Value) -> std::borrow::Cow<'_, Value> {
    let context: Vec<Value> = match credential.get("@context") {
        Some(Value::Array(items)) => items.clone(),
        Some(single @ Value::String(_)) => vec![single.clone()],
        _ => return std::borrow::Cow::Borrowed(credential),
    };
    let is_v1 = context.first().and_then(Value::as_str) == Some(CREDENTIALS_V1);
    let has_di = context.iter().any(|c| c.as_str() == Some(DATA_INTEGRITY_V2));
    if !is_v1 || has_di {
        return std::borrow::Cow::Borrowed(credential);
    }
    let mut extended = credential.clone();
    let mut context = context;
    context.push(DATA_INTEGRITY_V2.into());
    extended["@context"] = Value::Array(context);
    std::borrow::Cow::Owned(extended)
}

/// The `status` claim of an SD-JWT VC from the credential's Bitstring Status List entries: the
/// Status List Token of its revocation list (or of its suspension list when there is no
/// revocation entry), at the same index. `None` without entries.
fn token_status(credential: &Value, status_token_url: impl Fn(&str) -> String) -> Result<Option<Value>, Error> {
    let entries = crate::status::entries(credential).map_err(Error::from)?;
    let chosen = entries.iter().find(|e| e.purpose == "revocation").or_else(|| entries.first());
    Ok(chosen.map(|entry| crate::status::token::claim(entry.index, &status_token_url(&entry.list))))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Key(ed25519_dalek::SigningKey, String);

    impl Signer for Key {
        fn verification_method(&self) -> &str {
            &self.1
        }
        fn public_key(&self) -> ed25519_dalek::VerifyingKey {
            self.0.verifying_key()
        }
        fn sign(&self, message: &[u8]) -> Result<[u8; 64], crate::error::SignerError> {
            use ed25519_dalek::Signer as _;
            Ok(self.0.sign(message).to_bytes())
        }
    }

    fn key() -> (Arc<dyn Signer>, String) {
        let signing = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
        let (did, method) = crate::did::did_key_for(&signing.verifying_key());
        (Arc::new(Key(signing, method)), did)
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_225_600, 0).unwrap()
    }

    fn unsigned(did: &str) -> Value {
        let issuer = schemas::Issuer { id: did.to_owned(), name: schemas::LocalizedText::new("HR", "RH") };
        schemas::SkillCredentialBuilder::new("urn:uuid:1", issuer, "api_design", schemas::Level::Advanced, now())
            .subject("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
            .build()
            .unwrap()
    }

    fn list_token(list: &str) -> String {
        format!("{list}/token")
    }

    #[test]
    fn every_mechanism_has_its_names() {
        for name in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt", "jwt_vc_json", "dc+sd-jwt"] {
            let mechanism: Mechanism = name.parse().unwrap();
            assert_eq!(mechanism.name(), name);
            assert_eq!(Mechanism::from_name(mechanism.name()), Some(mechanism));
        }
        assert_eq!(Mechanism::from_name("vc+jwt"), Some(Mechanism::VcJwt));
        assert!(matches!("rsa".parse::<Mechanism>(), Err(ProofError::UnknownCryptosuite(name)) if name == "rsa"));
        assert!(!Mechanism::from_name("eddsa-rdfc-2022").unwrap().is_quick());
    }

    #[test]
    fn what_is_secured_reads_back_from_its_record() {
        let (signer, did) = key();
        let credential = unsigned(&did);
        for name in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt", "jwt_vc_json", "dc+sd-jwt"] {
            let mechanism = Mechanism::from_name(name).unwrap();
            let secured =
                secure(&credential, signer.clone(), mechanism, now(), &ContextSet::standard(), list_token).unwrap();
            let record = Secured::from_record(mechanism.name(), secured.record_text()).unwrap();
            assert_eq!(record, secured, "{name}");
        }
    }

    /// OpenID4VCI 1.0 Appendix A.1.1 (`jwt_vc_json`) is VCDM 1.1's JWT encoding, as in its
    /// example `credential_response_jwt_vc_json.txt`: the credential in a `vc` claim beside
    /// `iss`, `jti`, `sub` and `nbf`; a verifier reads back the credential that was signed.
    #[test]
    fn jwt_vc_json_is_the_vcdm_1_1_jwt_encoding_and_verifies() {
        let (signer, did) = key();
        let credential = unsigned(&did);
        let contexts = ContextSet::standard();
        let secured = secure(&credential, signer, Mechanism::JwtVcJson, now(), &contexts, list_token).unwrap();
        let Secured::Jwt(jwt) = &secured else { panic!("{secured:?}") };
        let decoded = jose::decode(jwt).unwrap();
        assert_eq!(decoded.header["typ"], "JWT");
        assert_eq!(decoded.payload["vc"], credential, "the credential unchanged in `vc`");
        assert_eq!(decoded.payload["iss"], did.as_str());
        assert_eq!(decoded.payload["jti"], "urn:uuid:1");
        assert_eq!(decoded.payload["sub"], "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assert_eq!(decoded.payload["nbf"], now().timestamp());
        assert!(decoded.payload.get("credentialSubject").is_none(), "not a vc+jwt payload");
        let read = crate::jwt_shape::document_of_compact(jwt).unwrap();
        assert_eq!(read["credentialSubject"], credential["credentialSubject"]);
        assert!(read.get("issuanceDate").is_none(), "a VC 2.0 credential keeps its own date names: {read}");
        assert!(secured.to_vc_api()["id"].as_str().unwrap().starts_with("data:application/jwt,"));

        let verifier = crate::verify::Verifier::new(
            contexts,
            Arc::new(crate::did::StaticResolver::new()),
            Arc::new(crate::FixedClock(now() + chrono::Duration::hours(1))),
        );
        let parsed = crate::input::classify(Value::String(jwt.clone())).unwrap();
        let report = verifier.verify(parsed, &crate::verify::PresentationOptions::default());
        assert!(report.verified(), "{:#}", report.to_json(Lang::En));
        let mut forged = decoded.payload.clone();
        forged["vc"]["credentialSubject"]["achievement"]["name"] = "Anything".into();
        let parts: Vec<&str> = jwt.split('.').collect();
        let body = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, forged.to_string());
        let tampered = format!("{}.{body}.{}", parts[0], parts[2]);
        let report = verifier.verify(
            crate::input::classify(Value::String(tampered)).unwrap(),
            &crate::verify::PresentationOptions::default(),
        );
        assert!(!report.verified());
    }

    #[test]
    fn what_a_verifier_would_refuse_is_not_secured() {
        let (signer, did) = key();
        let contexts = ContextSet::standard();
        let mut signed = unsigned(&did);
        signed["proof"] = serde_json::json!({});
        let refused = secure(&signed, signer.clone(), Mechanism::VcJwt, now(), &contexts, list_token);
        assert!(matches!(refused, Err(SecureError::AlreadySigned)), "{refused:?}");
        let other = unsigned("did:web:elsewhere.example");
        let refused = secure(&other, signer.clone(), Mechanism::VcJwt, now(), &contexts, list_token);
        assert!(
            matches!(&refused, Err(SecureError::IssuerMismatch { issuer, .. }) if issuer == "did:web:elsewhere.example")
        );
        let mut broken = unsigned(&did);
        broken["credentialSubject"]["achievement"] = serde_json::json!("x");
        let refused = secure(&broken, signer.clone(), Mechanism::VcJwt, now(), &contexts, list_token);
        assert_eq!(refused.map(|_| ()).unwrap_err().code(), "schema_violation");
        let v1 = serde_json::json!({
            "@context": [CREDENTIALS_V1],
            "id": "urn:uuid:2",
            "type": ["VerifiableCredential"],
            "issuer": did,
            "issuanceDate": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"},
        });
        assert!(secure(&v1, signer.clone(), Mechanism::VcJwt, now(), &contexts, list_token).is_ok());
        let refused = secure(&v1, signer, Mechanism::SdJwtVc, now(), &contexts, list_token);
        assert!(matches!(refused, Err(SecureError::SdJwtNeedsV2)), "{refused:?}");
    }

    #[test]
    fn an_sd_jwt_vc_points_at_the_token_of_its_revocation_list() {
        let (signer, did) = key();
        let mut credential = unsigned(&did);
        let list = "https://issuer.example/hr/status/1";
        credential["credentialStatus"] = serde_json::json!([
            {"id": format!("{list}#7"), "type": "BitstringStatusListEntry", "statusPurpose": "suspension",
             "statusListIndex": "7", "statusListCredential": "https://issuer.example/hr/status/2"},
            {"id": format!("{list}#5"), "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
             "statusListIndex": "5", "statusListCredential": list},
        ]);
        let status = token_status(&credential, list_token).unwrap().unwrap();
        assert_eq!(status, crate::status::token::claim(5, "https://issuer.example/hr/status/1/token"));
        let secured =
            secure(&credential, signer, Mechanism::SdJwtVc, now(), &ContextSet::standard(), list_token).unwrap();
        assert!(matches!(secured, Secured::SdJwt(_)));
    }

    fn pointer_of(refused: Result<Secured, SecureError>) -> Option<String> {
        match refused {
            Err(SecureError::Structure(Failure::Error(error))) => error.pointer(),
            other => panic!("{other:?}"),
        }
    }

    /// VCDM 2.0 §4.9 lets an issuer state a validity period already over (its own example
    /// does); one that ends before it starts, or whose dates cannot be read, never verifies.
    #[test]
    fn a_past_valid_until_is_secured_and_an_inverted_period_is_not() {
        let (signer, did) = key();
        let contexts = ContextSet::standard();
        let mut past = unsigned(&did);
        past["validFrom"] = "2010-01-01T19:23:24Z".into();
        past["validUntil"] = "2020-01-01T19:23:24Z".into();
        let mechanism = Mechanism::DataIntegrity(Suite::EddsaJcs2022);
        assert!(secure(&past, signer.clone(), mechanism, now(), &contexts, list_token).is_ok());
        let mut inverted = past.clone();
        inverted["validUntil"] = "2009-01-01T00:00:00Z".into();
        let refused = secure(&inverted, signer.clone(), mechanism, now(), &contexts, list_token);
        assert!(
            matches!(&refused, Err(SecureError::Credentials(error)) if error.pointer().as_deref() == Some("/validUntil")),
            "{refused:?}"
        );
        let mut unreadable = past;
        unreadable["validUntil"] = "soon".into();
        let refused = secure(&unreadable, signer, mechanism, now(), &contexts, list_token);
        assert!(matches!(&refused, Err(SecureError::Credentials(error)) if error.code() == "date_invalid"));
    }

    /// A supplied `credentialStatus` is kept when a verifier can read it: Bitstring Status List
    /// entries as that specification says, entries of other types as objects with a `type`.
    #[test]
    fn supplied_status_entries_are_read_as_a_verifier_reads_them() {
        let (signer, did) = key();
        let contexts = ContextSet::standard();
        let mechanism = Mechanism::DataIntegrity(Suite::EddsaJcs2022);
        let entry = serde_json::json!({"id": "https://issuer.example/status/3#94567", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": "https://issuer.example/status/3"});
        let with = |status: Value| {
            let mut credential = unsigned(&did);
            credential["credentialStatus"] = status;
            secure(&credential, signer.clone(), mechanism, now(), &contexts, list_token)
        };
        assert!(with(entry.clone()).is_ok());
        assert!(with(serde_json::json!([entry.clone(), {"type": "ExampleStatusEntry"}])).is_ok());
        for broken in [
            serde_json::json!({"statusListIndex": "x"}),
            serde_json::json!({"statusListIndex": 5}),
            serde_json::json!({"statusListCredential": "not a url"}),
            serde_json::json!({"statusPurpose": null}),
        ] {
            let mut malformed = entry.clone();
            for (name, value) in broken.as_object().unwrap() {
                malformed[name] = value.clone();
            }
            assert_eq!(pointer_of(with(malformed.clone())).as_deref(), Some("/credentialStatus"), "{broken}");
            assert_eq!(
                pointer_of(with(serde_json::json!([entry.clone(), malformed]))).as_deref(),
                Some("/credentialStatus")
            );
        }
        assert_eq!(pointer_of(with(serde_json::json!("https://x.example"))).as_deref(), Some("/credentialStatus"));
        assert_eq!(
            pointer_of(with(serde_json::json!({"id": "https://x.example/1"}))).as_deref(),
            Some("/credentialStatus")
        );
        assert_eq!(pointer_of(with(serde_json::json!(vec![entry; 9]))).as_deref(), Some("/credentialStatus"));
    }

    /// VCDM 2.0 §4.13: an envelope breaking its MUSTs is refused naming the property; one that
    /// keeps them is secured already.
    #[test]
    fn an_envelope_is_not_secured_again() {
        let (signer, _) = key();
        let contexts = ContextSet::standard();
        let mechanism = Mechanism::DataIntegrity(Suite::EddsaRdfc2022);
        let mut envelope = serde_json::json!({"@context": [], "id": "data:application/vc+jwt,eyJhbGciOiJFZERTQSJ9.e30.c2ln",
            "type": "EnvelopedVerifiableCredential"});
        let refused = secure(&envelope, signer.clone(), mechanism, now(), &contexts, list_token);
        assert_eq!(pointer_of(refused).as_deref(), Some("/@context"));
        envelope["@context"] = serde_json::json!([CREDENTIALS_V2]);
        let refused = secure(&envelope, signer, mechanism, now(), &contexts, list_token);
        assert!(matches!(refused, Err(SecureError::Enveloped)), "{refused:?}");
    }

    /// A key out of reach for now (its hardware security module away) is said to be, whatever
    /// the mechanism (JOSE signing goes through `josekit`, which has its own error type).
    #[test]
    fn an_unavailable_key_is_said_unavailable_by_every_mechanism() {
        struct Away(Arc<dyn Signer>);
        impl Signer for Away {
            fn verification_method(&self) -> &str {
                self.0.verification_method()
            }
            fn public_key(&self) -> ed25519_dalek::VerifyingKey {
                self.0.public_key()
            }
            fn sign(&self, _: &[u8]) -> Result<[u8; 64], crate::error::SignerError> {
                Err(crate::error::SignerError::Unavailable("token removed".into()))
            }
        }
        let (key, did) = key();
        let away: Arc<dyn Signer> = Arc::new(Away(key));
        for name in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt", "dc+sd-jwt"] {
            let mechanism: Mechanism = name.parse().unwrap();
            let result = secure(&unsigned(&did), away.clone(), mechanism, now(), &ContextSet::standard(), list_token);
            assert!(
                matches!(&result, Err(SecureError::Credentials(Error::Signer(e))) if e.is_unavailable()),
                "{name}: {result:?}"
            );
        }
    }
}
