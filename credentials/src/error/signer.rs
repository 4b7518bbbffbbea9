//! Signing failures apart from verification's: only a program holding a key meets them.

use schemas::Lang;

use super::describe::Describe;
use super::problem::ProblemType;
use crate::i18n::t;

/// A key could not sign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum SignerError {
    Failed(String),
    /// The key is out of reach for now (its hardware security module removed, its PIN refused):
    /// an operations problem that ends when the key is back, not a fault of the request.
    Unavailable(String),
}

impl SignerError {
    /// Whether trying again once the key is back could succeed (see [`Self::Unavailable`]).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Unavailable(_))
    }
}

impl Describe for SignerError {
    fn code(&self) -> &'static str {
        match self {
            Self::Failed(_) => "signing_failed",
            Self::Unavailable(_) => "signing_key_unavailable",
        }
    }
    fn problem_type(&self) -> ProblemType {
        ProblemType::ProofGenerationError
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Failed(detail) => t!(lang, "signer-failed", detail = detail.as_str()),
            Self::Unavailable(detail) => t!(lang, "signer-unavailable", detail = detail.as_str()),
        }
    }
}
