//! Why figures could not be released: parameters that would not give the stated guarantee, a
//! period that is not a quarter, or OpenDP refusing a measurement. No release is made after any
//! of these, so nothing half-private ever leaves a service.

use lang::Lang;

use crate::i18n::t;

/// What went wrong, worded by the catalogue (`i18n/*/figures.ftl`); `Display` is the English
/// message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", credentials::error::Describe::message(self, Lang::En))]
pub enum FiguresError {
    /// ε must be a finite number above zero.
    Epsilon(f64),
    /// δ must be above zero and below one.
    Delta(f64),
    /// A person must be allowed at least one cell.
    Bound,
    /// No threshold up to the largest one tried keeps δ under the target.
    NoThreshold { delta: f64 },
    /// OpenDP's own message (a measurement it would not build or run).
    OpenDp(String),
    /// Not a quarter such as `2026Q4`.
    Period(String),
    /// A release document that does not have the expected shape (the parser's detail).
    Document(String),
}

impl credentials::error::Describe for FiguresError {
    fn code(&self) -> &'static str {
        match self {
            Self::Epsilon(_) => "figures_epsilon",
            Self::Delta(_) => "figures_delta",
            Self::Bound => "figures_bound",
            Self::NoThreshold { .. } => "figures_threshold",
            Self::OpenDp(_) => "figures_opendp",
            Self::Period(_) => "figures_period",
            Self::Document(_) => "figures_document",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Epsilon(value) => t!(lang, "figures-epsilon", value = value.to_string()),
            Self::Delta(value) => t!(lang, "figures-delta", value = value.to_string()),
            Self::Bound => t!(lang, "figures-bound"),
            Self::NoThreshold { delta } => {
                t!(lang, "figures-no-threshold", delta = delta.to_string())
            }
            Self::OpenDp(detail) => t!(lang, "figures-opendp", detail = detail.as_str()),
            Self::Period(text) => t!(lang, "figures-period", period = text.as_str()),
            Self::Document(detail) => t!(lang, "figures-document", detail = detail.as_str()),
        }
    }
}
