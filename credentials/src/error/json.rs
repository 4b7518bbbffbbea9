//! serde words JSON failures in English only; French readers get the kind of failure from the
//! catalogue instead.

use schemas::Lang;

use super::detail::Detail;
use crate::i18n::t;

/// A JSON reading failure said in French (serde words its errors in English only): bad syntax,
/// or JSON that is well formed but lacks a field or has one of the wrong type.
pub fn json_french(error: &serde_json::Error) -> String {
    json_words(error, Lang::Fr)
}

/// What a JSON reading failure says, in `lang`: serde's own words in English, the kind of
/// failure in French.
pub fn json_reason(error: &serde_json::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => json_french(error),
    }
}

fn json_words(error: &serde_json::Error, lang: Lang) -> String {
    use serde_json::error::Category;
    let (line, column) = (error.line().to_string(), error.column().to_string());
    match (error.classify(), error.line()) {
        (Category::Data, 0) => t!(lang, "json-data"),
        (Category::Data, _) => t!(lang, "json-data-at", line = line, column = column),
        (Category::Eof, 0) => t!(lang, "json-eof"),
        (Category::Eof, _) => t!(lang, "json-eof-at", line = line, column = column),
        (Category::Syntax | Category::Io, 0) => t!(lang, "json-syntax"),
        (Category::Syntax | Category::Io, _) => t!(lang, "json-syntax-at", line = line, column = column),
    }
}

/// JSON that is well formed but not shaped as expected: serde's own words for English readers,
/// the kind of failure in French.
pub(crate) fn wrong_structure(error: &serde_json::Error) -> Detail {
    Detail::new(error.to_string(), t!(Lang::Fr, "json-structure", detail = json_french(error)))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[test]
    fn json_failures_are_said_by_kind_in_french() {
        let syntax = serde_json::from_str::<Value>("{\"a\": oops}").unwrap_err();
        assert_eq!(json_french(&syntax), "JSON invalide (ligne 1, colonne 7)");
        let eof = serde_json::from_str::<Value>("{\"a\": ").unwrap_err();
        assert!(json_french(&eof).starts_with("JSON incomplet"));
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Needs {
            field: u8,
        }
        let data = serde_json::from_str::<Needs>("{}").unwrap_err();
        assert_eq!(json_french(&data), "un champ manque, est inconnu ou n'a pas le bon type (ligne 1, colonne 2)");
    }
}
