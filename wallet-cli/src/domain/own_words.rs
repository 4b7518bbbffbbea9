//! The person's own words about a credential of their profile: a short narrative, in either or
//! both languages, kept sealed with the credential's entry. Nobody signed them, so they are shown
//! marked as the person's own, never as verified; they are bounded so that a profile stays
//! readable, and plain text only (no control characters), so that they cannot disguise
//! themselves where they are shown.

use chrono::{DateTime, Utc};
use lang::Lang;
use serde::{Deserialize, Serialize};

use crate::i18n::t;

/// The longest narrative kept, in characters, per language.
pub const MAX_CHARS: usize = 500;

/// What the person wrote about one credential.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnWords {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// When they were written (RFC 3339).
    pub written_at: String,
}

/// Why the words were not kept, worded by the catalogue; `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum WordsError {
    /// Neither language given.
    Empty,
    TooLong {
        lang: Lang,
        chars: usize,
    },
    ControlCharacter {
        lang: Lang,
    },
}

impl WordsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => t!(lang, "note-empty"),
            Self::TooLong { lang: written, chars } => {
                let (chars, max) = (*chars, MAX_CHARS);
                t!(lang, "note-too-long", language = written.as_str(), chars = chars, max = max)
            }
            Self::ControlCharacter { lang: written } => t!(lang, "note-control", language = written.as_str()),
        }
    }
}

impl OwnWords {
    /// The words given in English and French (trimmed; an empty one is none), written at `now`.
    pub fn new(en: Option<&str>, fr: Option<&str>, now: DateTime<Utc>) -> Result<Self, WordsError> {
        let read = |text: Option<&str>, lang: Lang| -> Result<Option<String>, WordsError> {
            let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
                return Ok(None);
            };
            let chars = text.chars().count();
            if chars > MAX_CHARS {
                return Err(WordsError::TooLong { lang, chars });
            }
            if text.chars().any(char::is_control) {
                return Err(WordsError::ControlCharacter { lang });
            }
            Ok(Some(text.to_owned()))
        };
        let (en, fr) = (read(en, Lang::En)?, read(fr, Lang::Fr)?);
        if en.is_none() && fr.is_none() {
            return Err(WordsError::Empty);
        }
        Ok(Self { en, fr, written_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true) })
    }

    /// The words in `lang` when written in it, else in the other language, with the language
    /// they are in.
    pub fn in_lang(&self, lang: Lang) -> Option<(&str, Lang)> {
        let (wanted, other) = match lang {
            Lang::En => (&self.en, &self.fr),
            Lang::Fr => (&self.fr, &self.en),
        };
        let other_lang = if lang == Lang::En { Lang::Fr } else { Lang::En };
        wanted.as_deref().map(|text| (text, lang)).or_else(|| other.as_deref().map(|text| (text, other_lang)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_words_are_bounded_plain_text_in_either_or_both_languages() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let words = OwnWords::new(Some("  Led the API guild. "), None, now).unwrap();
        assert_eq!(words.in_lang(Lang::Fr), Some(("Led the API guild.", Lang::En)));
        assert_eq!(words.written_at, "2027-01-15T08:00:00Z");
        let both = OwnWords::new(Some("Led it"), Some("Je l'ai dirigé"), now).unwrap();
        assert_eq!(both.in_lang(Lang::Fr), Some(("Je l'ai dirigé", Lang::Fr)));
        assert_eq!(OwnWords::new(Some(" "), None, now), Err(WordsError::Empty));
        let long = "é".repeat(MAX_CHARS + 1);
        let refused = OwnWords::new(None, Some(&long), now).unwrap_err();
        assert_eq!(refused, WordsError::TooLong { lang: Lang::Fr, chars: MAX_CHARS + 1 });
        assert_eq!(refused.message(Lang::Fr), "vos mots en fr ont 501 caractères ; 500 au plus");
        assert!(OwnWords::new(Some(&"a".repeat(MAX_CHARS)), None, now).is_ok());
        let hidden = OwnWords::new(Some("Good \u{1b}[2Jwork"), None, now).unwrap_err();
        assert_eq!(hidden.to_string(), "your words in en hold a control character: plain text only");
    }
}
