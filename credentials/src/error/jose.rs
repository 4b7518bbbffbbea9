//! JOSE refusals apart from Data Integrity ones: a JWT is refused for its header (algorithm,
//! type, `kid`) before any signature is checked.

use schemas::Lang;

use super::describe::Describe;
use super::detail::Detail;
use super::problem::ProblemType;
use crate::i18n::t;

/// A `vc+jwt` is malformed or uses a header we refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum JoseError {
    Malformed(Detail),
    AlgorithmRefused(String),
    WrongType { expected: &'static str, found: String },
    MissingKid,
    KidNotIssuer { kid: String, issuer: String },
    SignatureInvalid,
    Library(String),
}

impl Describe for JoseError {
    fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "jwt_malformed",
            Self::AlgorithmRefused(_) => "jwt_algorithm_refused",
            Self::WrongType { .. } => "jwt_type_wrong",
            Self::MissingKid => "jwt_kid_missing",
            Self::KidNotIssuer { .. } => "jwt_kid_not_issuer",
            Self::SignatureInvalid => "signature_mismatch",
            Self::Library(_) => "jwt_library_error",
        }
    }
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::Malformed(_) => ProblemType::ParsingError,
            Self::SignatureInvalid => ProblemType::CryptographicSecurityError,
            Self::AlgorithmRefused(_)
            | Self::WrongType { .. }
            | Self::MissingKid
            | Self::KidNotIssuer { .. }
            | Self::Library(_) => ProblemType::ProofVerificationError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Malformed(detail) => t!(lang, "jose-malformed", detail = detail.get(lang)),
            Self::AlgorithmRefused(alg) => t!(lang, "jose-algorithm-refused", alg = alg.as_str()),
            Self::WrongType { expected, found } => {
                t!(lang, "jose-wrong-type", found = found.as_str(), expected = expected.to_string())
            }
            Self::MissingKid => t!(lang, "jose-missing-kid"),
            Self::KidNotIssuer { kid, issuer } => {
                t!(lang, "jose-kid-not-issuer", kid = kid.as_str(), issuer = issuer.as_str())
            }
            Self::SignatureInvalid => t!(lang, "jose-signature-invalid"),
            Self::Library(detail) => t!(lang, "jose-library", detail = detail.as_str()),
        }
    }
}
