//! The one error verification returns instead of a report (`Verifier::verify_bytes`): the bytes
//! were never a credential, presentation or JWT, which is the caller's to fix.

use schemas::Lang;

use super::describe::Describe;
use super::detail::Detail;
use super::problem::ProblemType;
use crate::i18n::t;

/// The bytes handed to us are not a credential we can even start to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum InputError {
    TooLarge { size: usize, limit: usize },
    Empty,
    NotJson(Detail),
    Unreadable { path: String, reason: Detail },
    TooDeep { limit: usize },
    NotAnObject { found: &'static str },
    UnknownDocumentType,
    MissingField(&'static str),
    InvalidField { field: &'static str, reason: Detail },
    NotATerm(String),
    BlankNodeId(String),
    NestedContext,
    TooMany { what: &'static str, count: usize, limit: usize },
}

impl InputError {
    /// The JSON pointer (RFC 6901) of the property this error is about, when it names one
    /// (`issuer.name` is `/issuer/name`): what a problem body's `pointer` says.
    pub fn pointer(&self) -> Option<String> {
        match self {
            Self::MissingField(field) | Self::InvalidField { field, .. } => Some(pointer_of(field)),
            _ => None,
        }
    }
}

/// `a.b` as the JSON pointer `/a/b`, each segment escaped (`~` as `~0`, `/` as `~1`).
pub(crate) fn pointer_of(field: &str) -> String {
    field.split('.').map(|segment| format!("/{}", segment.replace('~', "~0").replace('/', "~1"))).collect()
}

impl Describe for InputError {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge { .. } => "input_too_large",
            Self::Empty => "input_empty",
            Self::NotJson(_) => "input_not_json",
            Self::Unreadable { .. } => "input_unreadable",
            Self::TooDeep { .. } => "input_too_deep",
            Self::NotAnObject { .. } => "input_not_object",
            Self::UnknownDocumentType => "unknown_document_type",
            Self::MissingField(_) => "missing_field",
            Self::InvalidField { .. } => "invalid_field",
            Self::NotATerm(_) => "property_not_a_term",
            Self::BlankNodeId(_) => "blank_node_id_refused",
            Self::NestedContext => "nested_context_refused",
            Self::TooMany { .. } => "too_many_items",
        }
    }
    /// Bytes that do not parse are a PARSING_ERROR; a property that breaks a rule of the data
    /// model is a MALFORMED_VALUE_ERROR; more items than accepted a RANGE_ERROR.
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::TooLarge { .. }
            | Self::Empty
            | Self::NotJson(_)
            | Self::Unreadable { .. }
            | Self::TooDeep { .. }
            | Self::NotAnObject { .. } => ProblemType::ParsingError,
            Self::UnknownDocumentType
            | Self::MissingField(_)
            | Self::InvalidField { .. }
            | Self::NotATerm(_)
            | Self::BlankNodeId(_)
            | Self::NestedContext => ProblemType::MalformedValueError,
            Self::TooMany { .. } => ProblemType::RangeError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::TooLarge { size, limit } => {
                t!(lang, "input-too-large", size = size.to_string(), limit = limit.to_string())
            }
            Self::Empty => t!(lang, "input-empty"),
            Self::NotJson(detail) => t!(lang, "input-not-json", detail = detail.get(lang)),
            Self::Unreadable { path, reason } => {
                t!(lang, "input-unreadable", path = path.as_str(), reason = reason.get(lang))
            }
            Self::TooDeep { limit } => t!(lang, "input-too-deep", limit = limit.to_string()),
            Self::NotAnObject { found } => t!(lang, "input-not-an-object", found = found.to_string()),
            Self::UnknownDocumentType => t!(lang, "input-unknown-document-type"),
            Self::MissingField(field) => t!(lang, "input-missing-field", field = field.to_string()),
            Self::InvalidField { field, reason } => {
                t!(lang, "input-invalid-field", field = field.to_string(), reason = reason.get(lang))
            }
            Self::NotATerm(key) => t!(lang, "input-not-a-term", key = key.as_str()),
            Self::BlankNodeId(id) => t!(lang, "input-blank-node-id", id = id.as_str()),
            Self::TooMany { what, count, limit } => {
                t!(
                    lang,
                    "input-too-many",
                    what = what.to_string(),
                    count = count.to_string(),
                    limit = limit.to_string()
                )
            }
            Self::NestedContext => t!(lang, "input-nested-context"),
        }
    }
}
