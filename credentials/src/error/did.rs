//! DID failures apart from proof failures: a DID that could not be resolved leaves a credential
//! unchecked, not forged.

use schemas::Lang;

use super::describe::Describe;
use super::problem::ProblemType;
use crate::i18n::t;

/// A DID could not be resolved to a usable key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum DidError {
    InvalidDid(String),
    UnsupportedMethod(String),
    Offline,
    AddressRefused { host: String, address: String },
    DocumentTooLarge { limit: usize },
    Fetch(String),
    InvalidDocument(String),
    MethodNotFound(String),
    UnsupportedKey(String),
}

impl Describe for DidError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidDid(_) => "did_invalid",
            Self::UnsupportedMethod(_) => "did_method_unsupported",
            Self::Offline => "did_offline",
            Self::AddressRefused { .. } => "did_address_refused",
            Self::DocumentTooLarge { .. } => "did_document_too_large",
            Self::Fetch(_) => "did_fetch_failed",
            Self::InvalidDocument(_) => "did_document_invalid",
            Self::MethodNotFound(_) => "verification_method_not_found",
            Self::UnsupportedKey(_) => "key_unsupported",
        }
    }
    /// The key that made a proof could not be found: the proof could not be verified.
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::InvalidDid(_) => ProblemType::MalformedValueError,
            Self::DocumentTooLarge { .. } => ProblemType::RangeError,
            Self::UnsupportedMethod(_)
            | Self::Offline
            | Self::AddressRefused { .. }
            | Self::Fetch(_)
            | Self::InvalidDocument(_)
            | Self::MethodNotFound(_)
            | Self::UnsupportedKey(_) => ProblemType::ProofVerificationError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::InvalidDid(did) => t!(lang, "did-invalid", did = did.as_str()),
            Self::UnsupportedMethod(method) => t!(lang, "did-unsupported-method", method = method.as_str()),
            Self::Offline => t!(lang, "did-offline"),
            Self::AddressRefused { host, address } => {
                t!(lang, "did-address-refused", host = host.as_str(), address = address.as_str())
            }
            Self::DocumentTooLarge { limit } => t!(lang, "did-document-too-large", limit = limit.to_string()),
            Self::Fetch(detail) => t!(lang, "did-fetch", detail = detail.as_str()),
            Self::InvalidDocument(detail) => t!(lang, "did-invalid-document", detail = detail.as_str()),
            Self::MethodNotFound(method) => t!(lang, "did-method-not-found", method = method.as_str()),
            Self::UnsupportedKey(detail) => t!(lang, "did-unsupported-key", detail = detail.as_str()),
        }
    }
}
