//! One trait, so every error of whatever family gives machines a stable code and people a message
//! in their language.

use schemas::Lang;

use super::problem::ProblemType;

/// A stable machine-readable code plus a message in the reader's language, and the error type
/// the W3C specifications give such a failure.
pub trait Describe {
    fn code(&self) -> &'static str;
    fn message(&self, lang: Lang) -> String;
    /// The specifications' error type (`PROOF_VERIFICATION_ERROR`, …) for a verifier's answers.
    /// Every family of this library says its own; the default is for errors of programs that
    /// hold keys, which fail while making a proof.
    fn problem_type(&self) -> ProblemType {
        ProblemType::ProofGenerationError
    }
}
