//! The two official languages of the Government of Canada, and text that carries both.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::SchemaError;

/// A display language: English or French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The English or the French text, whichever is this language's.
    pub fn pick<T>(self, english: T, french: T) -> T {
        match self {
            Lang::En => english,
            Lang::Fr => french,
        }
    }

    /// Picks the language from a POSIX locale such as `fr_CA.UTF-8`: anything starting with
    /// `fr` (any case) is French, everything else (including an empty locale) is English.
    pub fn from_locale(locale: &str) -> Lang {
        let is_french = locale.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("fr"));
        if is_french {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The BCP 47 code: `"en"` or `"fr"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = SchemaError;

    /// Accepts exactly `en` or `fr` (any case).
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        if code.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else if code.eq_ignore_ascii_case("fr") {
            Ok(Lang::Fr)
        } else {
            Err(SchemaError::UnknownLanguage(code.to_owned()))
        }
    }
}

/// Text in both official languages. In a credential it is a JSON-LD language map,
/// `{"en": "...", "fr": "..."}`; both entries must be non-empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LocalizedText {
    pub en: String,
    pub fr: String,
}

impl LocalizedText {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        LocalizedText { en: en.into(), fr: fr.into() }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// True when both languages hold something other than white space.
    pub fn is_complete(&self) -> bool {
        !self.en.trim().is_empty() && !self.fr.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_starting_with_fr_is_french() {
        assert_eq!(Lang::from_locale("fr_CA.UTF-8"), Lang::Fr);
        assert_eq!(Lang::from_locale("fr"), Lang::Fr);
        assert_eq!(Lang::from_locale("FR_fr"), Lang::Fr);
        assert_eq!(Lang::from_locale("en_CA.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
        assert_eq!(Lang::from_locale("é"), Lang::En);
    }

    #[test]
    fn parses_en_and_fr_and_refuses_the_rest() {
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("FR".parse::<Lang>().unwrap(), Lang::Fr);
        let error = "de".parse::<Lang>().unwrap_err();
        assert_eq!(error.to_string(), "unknown language \"de\": expected \"en\" or \"fr\"");
        assert_eq!(Lang::Fr.as_str(), "fr");
        assert_eq!(Lang::En.to_string(), "en");
    }

    #[test]
    fn localized_text_is_a_language_map() {
        let text = LocalizedText::new("API design", "Conception d'API");
        assert_eq!(text.get(Lang::En), "API design");
        assert_eq!(text.get(Lang::Fr), "Conception d'API");
        assert_eq!(
            serde_json::to_value(&text).unwrap(),
            serde_json::json!({"en": "API design", "fr": "Conception d'API"})
        );
        assert!(text.is_complete());
        assert!(!LocalizedText::new("API design", " ").is_complete());
    }
}
