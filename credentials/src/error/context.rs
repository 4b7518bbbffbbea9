//! `@context` refusals on their own: an unbundled or inline context is refused for safety (a key
//! could mean something else in what was signed), not because the document is malformed.

use schemas::Lang;

use super::describe::Describe;
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
    Inline,
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
            Self::Inline => "context_inline",
            Self::JsonLd(_) => "json_ld_error",
            Self::TooAmbiguous { .. } => "rdf_too_ambiguous",
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
            Self::Inline => t!(lang, "context-inline"),
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
