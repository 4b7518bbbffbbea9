//! Errors carry the detail of a refusal already worded in both languages, so a report can be read
//! in either far from the code that refused.

use schemas::Lang;

use super::describe::Describe;

/// The detail of a refusal, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub en: String,
    pub fr: String,
}

impl Detail {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Detail { en: en.into(), fr: fr.into() }
    }

    /// A catalogue message in both languages: `Detail::localized(|lang| t!(lang, "id", …))`.
    pub fn localized(message: impl Fn(Lang) -> String) -> Self {
        Detail { en: message(Lang::En), fr: message(Lang::Fr) }
    }

    /// The same text for both readers: a value, not prose (another program's own message,
    /// a parser's position).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Detail { en: text.clone(), fr: text }
    }

    /// The messages of another of this library's errors.
    pub fn of(error: &impl Describe) -> Self {
        Detail { en: error.message(Lang::En), fr: error.message(Lang::Fr) }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}
