//! Status failures on their own, because a status that could not be read is "unknown", not
//! "invalid" ([`StatusError::is_retrieval`]).

use schemas::Lang;

use super::describe::Describe;
use super::detail::Detail;
use super::problem::ProblemType;
use crate::i18n::t;

/// Revocation or suspension, or why a credential's status could not be read from its Bitstring
/// Status List. Codes follow the specification's error names where it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum StatusError {
    Revoked,
    Suspended,
    EntryMalformed(Detail),
    Unsupported(Detail),
    Retrieval { url: String, detail: Detail },
    ListInvalid { url: String, reason: String },
    ListProof(String),
    ListIssuerMismatch { list: String, credential: String },
    ListExpired(String),
    ListNotYetValid(String),
    PurposeMismatch { list: String, entry: String },
    Encoding(Detail),
    TooLarge { limit: usize },
    TooShort { entries: usize, minimum: usize },
    IndexOutOfRange { index: u64, entries: usize },
}

impl StatusError {
    /// The status could not be read (network, or a kind of entry this verifier does not read):
    /// "unknown", not "invalid".
    pub fn is_retrieval(&self) -> bool {
        matches!(self, Self::Retrieval { .. } | Self::Unsupported(_))
    }
}
impl Describe for StatusError {
    fn code(&self) -> &'static str {
        match self {
            Self::Revoked => "credential_revoked",
            Self::Suspended => "credential_suspended",
            Self::EntryMalformed(_) => "status_entry_malformed",
            Self::Unsupported(_) => "status_unsupported",
            Self::Retrieval { .. } => "status_retrieval_error",
            Self::ListInvalid { .. } => "status_list_invalid",
            Self::ListProof(_) => "status_list_proof_invalid",
            Self::ListIssuerMismatch { .. } => "status_list_issuer_mismatch",
            Self::ListExpired(_) => "status_list_expired",
            Self::ListNotYetValid(_) => "status_list_not_yet_valid",
            Self::PurposeMismatch { .. } => "status_purpose_mismatch",
            Self::Encoding(_) => "status_list_encoding_invalid",
            Self::TooLarge { .. } => "status_list_too_large",
            Self::TooShort { .. } => "status_list_length_error",
            Self::IndexOutOfRange { .. } => "status_index_out_of_range",
        }
    }
    /// Bitstring Status List §3.2 ("Validate Algorithm") and "Processing Errors": a list that
    /// cannot be fetched is a STATUS_RETRIEVAL_ERROR, a list or entry that does not validate (and
    /// a status that rules the credential out) a STATUS_VERIFICATION_ERROR, a list shorter than
    /// herd privacy needs a STATUS_LIST_LENGTH_ERROR, an index outside the list a RANGE_ERROR.
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::Retrieval { .. } => ProblemType::StatusRetrievalError,
            Self::TooShort { .. } => ProblemType::StatusListLengthError,
            Self::IndexOutOfRange { .. } | Self::TooLarge { .. } => ProblemType::RangeError,
            Self::EntryMalformed(_) | Self::Encoding(_) => ProblemType::MalformedValueError,
            Self::Revoked
            | Self::Suspended
            | Self::Unsupported(_)
            | Self::ListInvalid { .. }
            | Self::ListProof(_)
            | Self::ListIssuerMismatch { .. }
            | Self::ListExpired(_)
            | Self::ListNotYetValid(_)
            | Self::PurposeMismatch { .. } => ProblemType::StatusVerificationError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Revoked => t!(lang, "status-revoked"),
            Self::Suspended => t!(lang, "status-suspended"),
            Self::EntryMalformed(detail) => t!(lang, "status-entry-malformed", detail = detail.get(lang)),
            Self::Unsupported(detail) => t!(lang, "status-unsupported", detail = detail.get(lang)),
            Self::Retrieval { url, detail } => {
                t!(lang, "status-retrieval", url = url.as_str(), detail = detail.get(lang))
            }
            Self::ListInvalid { url, reason } => {
                t!(lang, "status-list-invalid", url = url.as_str(), reason = reason.as_str())
            }
            Self::ListProof(code) => t!(lang, "status-list-proof", code = code.as_str()),
            Self::ListIssuerMismatch { list, credential } => {
                t!(lang, "status-list-issuer-mismatch", list = list.as_str(), credential = credential.as_str())
            }
            Self::ListExpired(at) => t!(lang, "status-list-expired", at = at.as_str()),
            Self::ListNotYetValid(at) => t!(lang, "status-list-not-yet-valid", at = at.as_str()),
            Self::PurposeMismatch { list, entry } => {
                t!(lang, "status-purpose-mismatch", list = list.as_str(), entry = entry.as_str())
            }
            Self::Encoding(detail) => t!(lang, "status-encoding", detail = detail.get(lang)),
            Self::TooLarge { limit } => t!(lang, "status-too-large", limit = limit.to_string()),
            Self::TooShort { entries, minimum } => {
                t!(lang, "status-too-short", entries = entries.to_string(), minimum = minimum.to_string())
            }
            Self::IndexOutOfRange { index, entries } => {
                t!(lang, "status-index-out-of-range", index = index.to_string(), entries = entries.to_string())
            }
        }
    }
}
