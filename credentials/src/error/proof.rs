//! Proof failures name the rule broken, so a reader of a report knows whether the signature, the
//! signer or the answer to the request is at fault.

use schemas::Lang;

use super::describe::Describe;
use super::detail::Detail;
use super::problem::ProblemType;
use crate::i18n::t;

/// A proof is missing, malformed, or does not match the document and key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ProofError {
    NoProof,
    UnsupportedType(String),
    UnknownCryptosuite(String),
    MissingField(&'static str),
    InvalidField {
        field: &'static str,
        reason: Detail,
    },
    BadProofValue(String),
    SignatureMismatch,
    WrongPurpose {
        expected: String,
        found: String,
    },
    MethodNotAuthorized {
        method: String,
        purpose: String,
    },
    PreviousProofMissing(String),
    /// The proof endorses (`previousProof`) a proof of the document that does not verify.
    PreviousProofInvalid {
        id: String,
        reason: Detail,
    },
    SignerIsNotIssuer {
        signer: String,
        issuer: String,
    },
    Expired(String),
    HolderNotSubject {
        holder: String,
    },
    ChallengeMismatch {
        field: &'static str,
        expected: String,
        found: String,
    },
    PresentationRequired,
    /// The presentation is bound to an audience (its proof names this `domain`) and the caller
    /// did not say which audience it checks for.
    AudienceNotGiven(String),
    PresentationTooOld {
        signed: String,
        max_seconds: u64,
    },
    PresentationFromFuture(String),
    PresentationUndated,
    TooManyProofs {
        count: usize,
        limit: usize,
    },
}
impl Describe for ProofError {
    fn code(&self) -> &'static str {
        match self {
            Self::NoProof => "proof_missing",
            Self::UnsupportedType(_) => "proof_type_unsupported",
            Self::UnknownCryptosuite(_) => "cryptosuite_unknown",
            Self::MissingField(_) => "proof_field_missing",
            Self::InvalidField { .. } => "proof_field_invalid",
            Self::BadProofValue(_) => "proof_value_invalid",
            Self::SignatureMismatch => "signature_mismatch",
            Self::WrongPurpose { .. } => "proof_purpose_wrong",
            Self::MethodNotAuthorized { .. } => "verification_method_not_authorized",
            Self::PreviousProofMissing(_) => "previous_proof_missing",
            Self::PreviousProofInvalid { .. } => "previous_proof_invalid",
            Self::SignerIsNotIssuer { .. } => "signer_not_issuer",
            Self::Expired(_) => "proof_expired",
            Self::HolderNotSubject { .. } => "holder_not_subject",
            Self::ChallengeMismatch { .. } => "challenge_mismatch",
            Self::PresentationRequired => "presentation_required",
            Self::AudienceNotGiven(_) => "audience_not_given",
            Self::PresentationTooOld { .. } => "presentation_too_old",
            Self::PresentationFromFuture(_) => "presentation_from_future",
            Self::PresentationUndated => "presentation_undated",
            Self::TooManyProofs { .. } => "too_many_proofs",
        }
    }
    /// VC Data Integrity §4.2 ("Verify Proof"): no `proof` map is a PARSING_ERROR, a missing or
    /// wrong proof property (purpose, chain) a PROOF_VERIFICATION_ERROR, the caller's domain or
    /// challenge not matched INVALID_DOMAIN_ERROR / INVALID_CHALLENGE_ERROR; a signature that does
    /// not match is VCDM 2.0's CRYPTOGRAPHIC_SECURITY_ERROR ("potential tampering detected").
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::NoProof | Self::InvalidField { field: "proof", .. } => ProblemType::ParsingError,
            Self::SignatureMismatch => ProblemType::CryptographicSecurityError,
            Self::ChallengeMismatch { field: "domain", .. } => ProblemType::InvalidDomainError,
            Self::ChallengeMismatch { .. } => ProblemType::InvalidChallengeError,
            Self::TooManyProofs { .. } | Self::PresentationTooOld { .. } | Self::PresentationFromFuture(_) => {
                ProblemType::RangeError
            }
            Self::UnsupportedType(_)
            | Self::UnknownCryptosuite(_)
            | Self::MissingField(_)
            | Self::InvalidField { .. }
            | Self::BadProofValue(_)
            | Self::WrongPurpose { .. }
            | Self::MethodNotAuthorized { .. }
            | Self::PreviousProofMissing(_)
            | Self::PreviousProofInvalid { .. }
            | Self::SignerIsNotIssuer { .. }
            | Self::Expired(_)
            | Self::HolderNotSubject { .. }
            | Self::PresentationRequired
            | Self::PresentationUndated => ProblemType::ProofVerificationError,
            Self::AudienceNotGiven(_) => ProblemType::InvalidDomainError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoProof => t!(lang, "proof-none"),
            Self::UnsupportedType(proof_type) => t!(lang, "proof-unsupported-type", proof_type = proof_type.as_str()),
            Self::UnknownCryptosuite(suite) => t!(lang, "proof-unknown-cryptosuite", suite = suite.as_str()),
            Self::MissingField(field) => t!(lang, "proof-missing-field", field = field.to_string()),
            Self::InvalidField { field, reason } => {
                t!(lang, "proof-invalid-field", field = field.to_string(), reason = reason.get(lang))
            }
            Self::BadProofValue(reason) => t!(lang, "proof-bad-value", reason = reason.as_str()),
            Self::SignatureMismatch => t!(lang, "proof-signature-mismatch"),
            Self::WrongPurpose { expected, found } => {
                t!(lang, "proof-wrong-purpose", found = found.as_str(), expected = expected.as_str())
            }
            Self::MethodNotAuthorized { method, purpose } => {
                t!(lang, "proof-method-not-authorized", method = method.as_str(), purpose = purpose.as_str())
            }
            Self::PreviousProofMissing(id) => t!(lang, "proof-previous-missing", id = id.as_str()),
            Self::PreviousProofInvalid { id, reason } => {
                t!(lang, "proof-previous-invalid", id = id.as_str(), reason = reason.get(lang))
            }
            Self::SignerIsNotIssuer { signer, issuer } => {
                t!(lang, "proof-signer-not-issuer", signer = signer.as_str(), issuer = issuer.as_str())
            }
            Self::Expired(at) => t!(lang, "proof-expired", at = at.as_str()),
            Self::HolderNotSubject { holder } => t!(lang, "proof-holder-not-subject", holder = holder.as_str()),
            Self::ChallengeMismatch { field, expected, found } => t!(
                lang,
                "proof-challenge-mismatch",
                field = field.to_string(),
                found = found.as_str(),
                expected = expected.as_str()
            ),
            Self::PresentationRequired => t!(lang, "proof-presentation-required"),
            Self::AudienceNotGiven(domain) => t!(lang, "proof-audience-not-given", domain = domain.as_str()),
            Self::PresentationTooOld { signed, max_seconds } => {
                t!(lang, "proof-presentation-too-old", signed = signed.as_str(), max_seconds = max_seconds.to_string())
            }
            Self::PresentationFromFuture(at) => t!(lang, "proof-presentation-from-future", at = at.as_str()),
            Self::PresentationUndated => t!(lang, "proof-presentation-undated"),
            Self::TooManyProofs { count, limit } => {
                t!(lang, "proof-too-many", count = count.to_string(), limit = limit.to_string())
            }
        }
    }
}
