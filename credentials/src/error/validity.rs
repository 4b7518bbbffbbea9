//! Validity failures apart from proof failures: an expired credential was still signed by its
//! issuer, and reports keep the two apart.

use schemas::Lang;

use super::describe::Describe;
use super::problem::ProblemType;
use crate::i18n::t;

/// The credential's validity window rules it out, or its dates cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ValidityError {
    InvalidDate { field: &'static str, value: String },
    UntilBeforeFrom { from: String, until: String },
    Expired(String),
    NotYetValid(String),
}

impl Describe for ValidityError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidDate { .. } => "date_invalid",
            Self::UntilBeforeFrom { .. } => "valid_until_before_valid_from",
            Self::Expired(_) => "expired",
            Self::NotYetValid(_) => "not_yet_valid",
        }
    }
    /// A date that is not one, or `validUntil` before `validFrom`, breaks a MUST of VCDM 2.0 §4.9;
    /// a credential outside its validity period is outside the range it gives.
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::InvalidDate { .. } | Self::UntilBeforeFrom { .. } => ProblemType::MalformedValueError,
            Self::Expired(_) | Self::NotYetValid(_) => ProblemType::RangeError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::InvalidDate { field, value } => {
                t!(lang, "validity-invalid-date", field = field.to_string(), value = value.as_str())
            }
            Self::UntilBeforeFrom { from, until } => {
                t!(lang, "validity-until-before-from", until = until.as_str(), from = from.as_str())
            }
            Self::Expired(at) => t!(lang, "validity-expired", at = at.as_str()),
            Self::NotYetValid(at) => t!(lang, "validity-not-yet-valid", at = at.as_str()),
        }
    }
}
