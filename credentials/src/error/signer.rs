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
}

impl Describe for SignerError {
    fn code(&self) -> &'static str {
        "signing_failed"
    }
    fn problem_type(&self) -> ProblemType {
        ProblemType::ProofGenerationError
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Failed(detail) => t!(lang, "signer-failed", detail = detail.as_str()),
        }
    }
}
