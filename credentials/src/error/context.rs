//! `@context` refusals on their own: an unbundled context, or an inline one that would give a key
//! another meaning in what was signed than the checks read, is refused for safety, not because
//! the document is malformed; and a term no context defines is data that JSON-LD would drop.

use schemas::Lang;

use super::describe::Describe;
use super::problem::ProblemType;
use crate::i18n::t;

/// The JSON-LD `@context` cannot be processed safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", Describe::message(self, Lang::En))]
pub enum ContextError {
    Missing,
    WrongFirst {
        expected: &'static str,
        found: String,
    },
    NotBundled(String),
    InvalidEntry,
    /// An inline context makes `term` a second name for the JSON-LD keyword `keyword`.
    KeywordAlias {
        term: String,
        keyword: String,
    },
    /// An inline context gives a term a bundled context defines another meaning.
    Redefined {
        term: String,
    },
    /// An inline context makes `term` a second name for `iri`, which the bundled contexts call
    /// `bundled`.
    SecondName {
        term: String,
        iri: String,
        bundled: String,
    },
    /// An inline context defines a prefix: compact IRIs in values would expand through it.
    InlinePrefix {
        term: String,
    },
    /// An inline context uses `@import` or `@base`.
    InlineKeyword {
        keyword: String,
    },
    /// An inline `@vocab` would make the undefined name `name` mean what the bundled `bundled`
    /// means.
    InlineVocab {
        vocab: String,
        name: String,
        bundled: String,
    },
    /// VC Data Integrity §4 ("Data Loss"): JSON-LD would drop `term`, which no context defines,
    /// so it would not be signed.
    DataLoss {
        term: String,
    },
    JsonLd(String),
    /// Blank nodes that only the costly part of RDF canonicalization can tell apart, in numbers
    /// or shapes that make its work explode (a "poison" dataset). `what` is `"n-degree steps"`
    /// or `"linked blank nodes"`.
    TooAmbiguous {
        what: &'static str,
        count: u64,
        limit: u64,
    },
}

impl Describe for ContextError {
    fn code(&self) -> &'static str {
        match self {
            Self::Missing => "context_missing",
            Self::WrongFirst { .. } => "context_wrong_first",
            Self::NotBundled(_) => "context_not_bundled",
            Self::InvalidEntry => "context_invalid_entry",
            Self::KeywordAlias { .. } => "context_keyword_alias",
            Self::Redefined { .. } => "context_term_redefined",
            Self::SecondName { .. } => "context_second_name",
            Self::InlinePrefix { .. } => "context_inline_prefix",
            Self::InlineKeyword { .. } => "context_inline_keyword",
            Self::InlineVocab { .. } => "context_inline_vocab",
            Self::DataLoss { .. } => "data_loss",
            Self::JsonLd(_) => "json_ld_error",
            Self::TooAmbiguous { .. } => "rdf_too_ambiguous",
        }
    }
    /// A `@context` this verifier does not accept is a MALFORMED_VALUE_ERROR of that property;
    /// a failure of JSON-LD processing itself a PROOF_TRANSFORMATION_ERROR; an undefined term a
    /// DATA_LOSS_DETECTION_ERROR (VC Data Integrity §4).
    fn problem_type(&self) -> ProblemType {
        match self {
            Self::Missing
            | Self::WrongFirst { .. }
            | Self::NotBundled(_)
            | Self::InvalidEntry
            | Self::KeywordAlias { .. }
            | Self::Redefined { .. }
            | Self::SecondName { .. }
            | Self::InlinePrefix { .. }
            | Self::InlineKeyword { .. }
            | Self::InlineVocab { .. } => ProblemType::MalformedValueError,
            Self::DataLoss { .. } => ProblemType::DataLossDetectionError,
            Self::JsonLd(_) | Self::TooAmbiguous { .. } => ProblemType::ProofTransformationError,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Missing => t!(lang, "context-missing"),
            Self::WrongFirst { expected, found } => {
                t!(lang, "context-wrong-first", expected = expected.to_string(), found = found.as_str())
            }
            Self::NotBundled(url) => t!(lang, "context-not-bundled", url = url.as_str()),
            Self::InvalidEntry => t!(lang, "context-invalid-entry"),
            Self::KeywordAlias { term, keyword } => {
                t!(lang, "context-keyword-alias", term = term.as_str(), keyword = keyword.as_str())
            }
            Self::Redefined { term } => t!(lang, "context-term-redefined", term = term.as_str()),
            Self::SecondName { term, iri, bundled } => {
                t!(lang, "context-second-name", term = term.as_str(), iri = iri.as_str(), bundled = bundled.as_str())
            }
            Self::InlinePrefix { term } => t!(lang, "context-inline-prefix", term = term.as_str()),
            Self::InlineKeyword { keyword } => t!(lang, "context-inline-keyword", keyword = keyword.as_str()),
            Self::InlineVocab { vocab, name, bundled } => {
                t!(
                    lang,
                    "context-inline-vocab",
                    vocab = vocab.as_str(),
                    name = name.as_str(),
                    bundled = bundled.as_str()
                )
            }
            Self::DataLoss { term } => t!(lang, "context-data-loss", term = term.as_str()),
            Self::TooAmbiguous { what, count, limit } => {
                // The catalogue names the two kinds of work; `what` picks one.
                let what = if *what == "n-degree steps" { "steps" } else { "linked" };
                t!(lang, "context-too-ambiguous", what = what, count = count.to_string(), limit = limit.to_string())
            }
            Self::JsonLd(detail) => t!(lang, "context-json-ld", detail = detail.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_work_is_named_in_each_language() {
        let steps = ContextError::TooAmbiguous { what: "n-degree steps", count: 9, limit: 8 };
        let linked = ContextError::TooAmbiguous { what: "linked blank nodes", count: 9, limit: 8 };
        assert!(steps.to_string().contains("take 9 n-degree steps (limit 8)"), "{steps}");
        assert!(linked.to_string().contains("take 9 linked blank nodes (limit 8)"), "{linked}");
        assert!(linked.message(Lang::Fr).contains("9 nœuds anonymes liés (limite : 8)"));
    }
}
