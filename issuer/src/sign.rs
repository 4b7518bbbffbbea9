//! Signing one credential with a local key, after the checks a verifier would make.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::proof::data_integrity::{self, ProofOptions, Suite};
use credentials::report::Failure;
use credentials::{jose, Signer};
use schemas::Lang;
use serde_json::Value;

use crate::error::Detail;
use crate::i18n::{detail, t};
use crate::IssuerError;

/// The securing mechanisms the issuer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    DataIntegrity(Suite),
    VcJwt,
    /// SD-JWT VC (`dc+sd-jwt`): the holder chooses which claims to show.
    SdJwtVc,
}

impl std::str::FromStr for Mechanism {
    type Err = bilingual_cli::Invalid;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "vc-jwt" | "vc+jwt" | "jwt" => Ok(Self::VcJwt),
            "dc+sd-jwt" | "vc+sd-jwt" | "sd-jwt" => Ok(Self::SdJwtVc),
            other => Suite::from_name(other).map(Self::DataIntegrity).ok_or_else(|| {
                bilingual_cli::Invalid::new(
                    t!(Lang::En, "sign-unknown-suite", suite = other),
                    t!(Lang::Fr, "sign-unknown-suite", suite = other),
                )
            }),
        }
    }
}

impl Mechanism {
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
            Self::SdJwtVc => credentials::sd_jwt_vc::SD_JWT_VC_TYPE,
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
    /// A stored credential back from its record's `format` and body.
    pub fn from_record(format: &str, body: String) -> Result<Secured, serde_json::Error> {
        Ok(match format {
            "vc-jwt" => Secured::Jwt(body),
            credentials::sd_jwt_vc::SD_JWT_VC_TYPE => Secured::SdJwt(body),
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

    /// As VC-API carries it: JSON as is, a JWT or SD-JWT as an `EnvelopedVerifiableCredential`.
    pub fn to_vc_api(&self) -> Value {
        let (media_type, text) = match self {
            Secured::Json(value) => return value.clone(),
            Secured::Jwt(jwt) => ("vc+jwt", jwt),
            Secured::SdJwt(sd_jwt) => (credentials::sd_jwt_vc::SD_JWT_VC_TYPE, sd_jwt),
        };
        serde_json::json!({
            "@context": [credentials::contexts::CREDENTIALS_V2],
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

fn refused(failure: Failure) -> IssuerError {
    match failure {
        Failure::Schema(violations) => IssuerError::Schema(
            violations.into_iter().map(|v| schemas::Violation::new(v.pointer, v.message, v.message_fr)).collect(),
        ),
        Failure::Error(error) => IssuerError::Credentials(error),
        other => IssuerError::Refused(Detail::localized(|lang| other.message(lang))),
    }
}

/// Checks a credential the way a verifier will: structure and contexts, date order, schema of
/// our profiles, and that the issuer is the signing key's DID.
pub fn check_before_signing(
    credential: &Value,
    signer: &dyn Signer,
    contexts: &ContextSet,
    now: DateTime<Utc>,
) -> Result<(), IssuerError> {
    // A credential that carries a proof is signed already (or claims to be): adding ours would
    // make a proof set whose other member we never checked.
    if credential.get("proof").is_some() {
        return Err(IssuerError::Refused(detail!("sign-already-signed")));
    }
    credentials::verify::structure(credential, contexts, "VerifiableCredential").map_err(refused)?;
    // Checked as of its start (or now, if later): a credential that would be expired when it
    // becomes valid, or whose dates cannot be read, would never verify.
    let valid_from = credential
        .get("validFrom")
        .or_else(|| credential.get("issuanceDate"))
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let at = valid_from.map_or(now, |from| from.max(now));
    match credentials::verify::validity(credential, at) {
        Ok(()) | Err(credentials::error::ValidityError::NotYetValid(_)) => {}
        Err(error) => return Err(IssuerError::Credentials(error.into())),
    }
    match schemas::validate(credential) {
        Ok(_) => {}
        Err(schemas::SchemaError::Invalid { violations, .. }) => return Err(IssuerError::Schema(violations)),
        Err(other) => return Err(other.into()),
    }
    let issuer = jose::id_of(credential.get("issuer")).unwrap_or_default();
    let key_did = credentials::did::did_of(signer.verification_method()).map_err(credentials::Error::from)?;
    if issuer != key_did {
        return Err(IssuerError::IssuerMismatch { issuer, key_did: key_did.to_owned() });
    }
    Ok(())
}

fn is_v1(credential: &Value) -> bool {
    match credential.get("@context") {
        Some(Value::Array(items)) => {
            items.first().and_then(Value::as_str) == Some(credentials::contexts::CREDENTIALS_V1)
        }
        Some(Value::String(context)) => context == credentials::contexts::CREDENTIALS_V1,
        _ => false,
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
    let is_v1 = context.first().and_then(Value::as_str) == Some(credentials::contexts::CREDENTIALS_V1);
    let has_di = context.iter().any(|c| c.as_str() == Some(credentials::contexts::DATA_INTEGRITY_V2));
    if !is_v1 || has_di {
        return std::borrow::Cow::Borrowed(credential);
    }
    let mut extended = credential.clone();
    let mut context = context;
    context.push(credentials::contexts::DATA_INTEGRITY_V2.into());
    extended["@context"] = Value::Array(context);
    std::borrow::Cow::Owned(extended)
}

/// Checks then secures `credential` with `signer`.
pub fn sign(
    credential: &Value,
    signer: Arc<dyn Signer>,
    mechanism: Mechanism,
    created: DateTime<Utc>,
    contexts: &ContextSet,
) -> Result<Secured, IssuerError> {
    check_before_signing(credential, signer.as_ref(), contexts, created)?;
    match mechanism {
        Mechanism::DataIntegrity(suite) => {
            let options = ProofOptions::new(suite, created);
            let credential = with_data_integrity_context(credential);
            Ok(Secured::Json(data_integrity::add_proof(&credential, signer.as_ref(), &options, contexts)?))
        }
        Mechanism::VcJwt => Ok(Secured::Jwt(jose::sign(credential, signer, jose::VC_JWT_TYPE)?)),
        Mechanism::SdJwtVc => {
            if is_v1(credential) {
                // VC 1.1 credentials get no status entries: as an SD-JWT VC they could never be
                // revoked.
                return Err(IssuerError::Refused(detail!("sign-sd-jwt-needs-v2")));
            }
            let status = token_status(credential)?;
            // Holders are did:key or did:jwk: their key is read from the DID itself.
            let resolver = credentials::did::StaticResolver::new();
            let issued = credentials::sd_jwt_vc::issue(credential, signer, &resolver, created.timestamp(), status)?;
            Ok(Secured::SdJwt(issued))
        }
    }
}

/// The `status` claim of an SD-JWT VC from the credential's Bitstring Status List entries: the
/// Status List Token of its revocation list (or of its suspension list when the department has
/// no revocation), at the same index. `None` without entries.
fn token_status(credential: &Value) -> Result<Option<Value>, IssuerError> {
    let entries = credentials::status::entries(credential).map_err(credentials::Error::from)?;
    let chosen = entries.iter().find(|e| e.purpose == "revocation").or_else(|| entries.first());
    Ok(chosen.map(|entry| credentials::status::token::claim(entry.index, &crate::service::token_url(&entry.list))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsigned(signer: &dyn Signer) -> Value {
        let did = credentials::did::did_of(signer.verification_method()).unwrap_or_default().to_owned();
        let from = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        crate::template::skill(
            schemas::Issuer { id: did, name: schemas::LocalizedText::new("Human Resources", "Ressources humaines") },
            Some("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
            "api_design",
            schemas::Level::Advanced,
            None,
            from,
            None,
        )
        .unwrap_or_default()
    }

    /// Found by fuzzing (`tests/examples/fuzz.rs`, target `sign`): a credential sent with a
    /// `proof` of `{}` was signed, and its own verifier refused the result.
    #[test]
    fn a_credential_that_already_has_a_proof_is_refused_by_every_mechanism() {
        let signer: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
        let contexts = ContextSet::standard();
        let now = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        let plain = unsigned(signer.as_ref());
        for mechanism in ["eddsa-jcs-2022", "eddsa-rdfc-2022", "vc-jwt", "dc+sd-jwt"] {
            let Ok(mechanism) = mechanism.parse::<Mechanism>() else { panic!("{mechanism}") };
            assert!(sign(&plain, signer.clone(), mechanism, now, &contexts).is_ok(), "{mechanism:?}");
            for proof in [serde_json::json!({}), serde_json::json!([]), serde_json::json!("x")] {
                let mut with_proof = plain.clone();
                with_proof["proof"] = proof;
                let refused = sign(&with_proof, signer.clone(), mechanism, now, &contexts);
                assert!(
                    matches!(&refused, Err(IssuerError::Refused(detail)) if detail.en.contains("already has a proof")),
                    "{mechanism:?}: {refused:?}"
                );
            }
        }
    }

    /// Also found by fuzzing: a credential typed `VerifiablePresentation` as well was signed for
    /// assertion, and verifiers read it as a presentation (which needs an authentication proof).
    #[test]
    fn a_credential_that_is_also_a_presentation_is_refused() {
        let signer: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
        let now = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        let mut credential = unsigned(signer.as_ref());
        credential["type"] =
            serde_json::json!(["VerifiableCredential", "OpenBadgeCredential", "VerifiablePresentation"]);
        let refused = sign(&credential, signer, Mechanism::VcJwt, now, &ContextSet::standard());
        let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("cannot be both"), "{message}");
    }
}
