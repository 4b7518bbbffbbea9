//! Signing one credential for the issuer: `credentials::secure` runs the checks a verifier
//! will make and secures the credential; the issuer says where its Status List Tokens are
//! published and words the refusals in its own catalogue.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::error::Detail;
use credentials::report::Failure;
use credentials::secure::SecureError;
pub use credentials::secure::{Mechanism, Secured};
use credentials::Signer;
use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::status::lists::token_url;
use crate::i18n::detail;

/// A mechanism by one of its names, or why not in both languages.
pub fn mechanism(name: &str) -> Result<Mechanism, Detail> {
    Mechanism::from_name(name).ok_or_else(|| detail!("sign-unknown-suite", suite = name))
}

/// Checks then secures `credential` with `signer`.
pub fn sign(
    credential: &Value,
    signer: Arc<dyn Signer>,
    mechanism: Mechanism,
    created: DateTime<Utc>,
    contexts: &ContextSet,
) -> Result<Secured, IssuerError> {
    credentials::secure::secure(credential, signer, mechanism, created, contexts, token_url).map_err(refusal)
}

/// A refusal of `credentials::secure` as the issuer answers it.
fn refusal(error: SecureError) -> IssuerError {
    match error {
        SecureError::AlreadySigned => IssuerError::Refused(detail!("sign-already-signed")),
        SecureError::Enveloped => IssuerError::Refused(detail!("sign-enveloped")),
        SecureError::SdJwtNeedsV2 => IssuerError::Refused(detail!("sign-sd-jwt-needs-v2")),
        SecureError::Structure(Failure::Schema(violations)) => IssuerError::Schema(
            violations.into_iter().map(|v| schemas::Violation::new(v.pointer, v.message, v.message_fr)).collect(),
        ),
        SecureError::Structure(Failure::Error(error)) | SecureError::Credentials(error) => {
            IssuerError::Credentials(error)
        }
        SecureError::Structure(other) => IssuerError::Refused(Detail::localized(|lang| other.message(lang))),
        SecureError::Schema(schemas::SchemaError::Invalid { violations, .. }) => IssuerError::Schema(violations),
        SecureError::Schema(other) => IssuerError::Template(other),
        SecureError::IssuerMismatch { issuer, key_did } => IssuerError::IssuerMismatch { issuer, key_did },
        other => IssuerError::Unexpected(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsigned(signer: &dyn Signer) -> Value {
        let did = credentials::did::did_of(signer.verification_method()).unwrap_or_default().to_owned();
        let from = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        crate::domain::template::skill(
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
