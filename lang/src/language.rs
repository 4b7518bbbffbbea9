//! Which of the two official languages a person reads, decided in one place: the command lines
//! (`--lang`, then the locale variables), the services (`?lang=` of the page toggle, then
//! `Accept-Language`) and the wallet all ask [`choose`], so a person gets the same answer from
//! every program for the same wishes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of Canada's two official languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// A language code other than `en` or `fr`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct UnknownLanguage(pub String);

impl UnknownLanguage {
    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::t!(lang, "unknown-language", code = self.0.as_str())
    }
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The English or the French value, whichever is this language's. For values, never for
    /// prose: sentences come from the catalogue.
    pub fn pick<T>(self, english: T, french: T) -> T {
        match self {
            Lang::En => english,
            Lang::Fr => french,
        }
    }

    /// Picks the language from a POSIX locale such as `fr_CA.UTF-8`: anything starting with
    /// `fr` (any case) is French, everything else (including an empty locale) is English.
    pub fn from_locale(locale: &str) -> Lang {
        if starts_with_fr(locale) {
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

    /// The other official language (the page's toggle offers it).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }
}

fn starts_with_fr(text: &str) -> bool {
    text.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("fr"))
}

impl fmt::Display for Lang {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = UnknownLanguage;

    /// Accepts exactly `en` or `fr` (any case).
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        if code.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else if code.eq_ignore_ascii_case("fr") {
            Ok(Lang::Fr)
        } else {
            Err(UnknownLanguage(code.to_owned()))
        }
    }
}

/// One thing that says which language a person wants, strongest first when given to [`choose`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish<'a> {
    /// Asked for by name: `--lang fr`, `?lang=fr`, a form's hidden field. Anything but `en` or
    /// `fr` says nothing (a command line refuses it before asking).
    Asked(Option<&'a str>),
    /// An HTTP `Accept-Language` header: the English or French range with the highest weight
    /// (the first of equal weights) decides; a header naming neither says nothing.
    AcceptLanguage(Option<&'a str>),
    /// A POSIX locale variable's value (`LC_ALL`, `LC_MESSAGES`, `LANG`): a set, non-empty one
    /// decides (`fr…` is French, anything else English), as the C library would.
    Locale(Option<&'a str>),
}

impl Wish<'_> {
    fn decides(self) -> Option<Lang> {
        match self {
            Wish::Asked(asked) => asked?.parse().ok(),
            Wish::AcceptLanguage(header) => from_accept_language(header?),
            Wish::Locale(locale) => locale.filter(|value| !value.is_empty()).map(Lang::from_locale),
        }
    }
}

/// The language of the first wish that decides one; English when none does.
pub fn choose<'a>(wishes: impl IntoIterator<Item = Wish<'a>>) -> Lang {
    wishes.into_iter().find_map(Wish::decides).unwrap_or_default()
}

/// The locale variables in the order the C library reads them, for [`Wish::Locale`].
pub const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// The reader's language from the environment alone (`LC_ALL`, then `LC_MESSAGES`, then
/// `LANG`), English when none is set.
pub fn environment_lang() -> Lang {
    let values: Vec<Option<String>> = LOCALE_VARIABLES.iter().map(|name| std::env::var(name).ok()).collect();
    choose(values.iter().map(|value| Wish::Locale(value.as_deref())))
}

fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for range in header.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let lang = if starts_with_fr(tag) && tag.get(2..3).is_none_or(|rest| rest == "-") {
            Lang::Fr
        } else if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("en")) && tag.get(2..3).is_none_or(|r| r == "-") {
            Lang::En
        } else {
            continue;
        };
        let weight =
            parts.find_map(|parameter| parameter.trim().strip_prefix("q=")).map_or(Some(1000), quality_in_thousandths);
        // A malformed weight is ignored as the whole range would be by a careful server.
        let Some(weight) = weight else { continue };
        if weight > 0 && best.is_none_or(|(seen, _)| weight > seen) {
            best = Some((weight, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// RFC 9110 §12.4.2: `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`.
fn quality_in_thousandths(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
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

    /// The same text for both readers: a value that is not prose (a name, a code, a message
    /// from another program that has no French).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        LocalizedText { en: text.clone(), fr: text }
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
        assert_eq!(Lang::En.other(), Lang::Fr);
    }

    #[test]
    fn the_first_wish_that_decides_wins() {
        use Wish::*;
        // A command line: --lang beats the locale; an unset or empty variable says nothing.
        assert_eq!(choose([Asked(Some("fr")), Locale(Some("en_CA.UTF-8"))]), Lang::Fr);
        assert_eq!(choose([Asked(None), Locale(None), Locale(Some("")), Locale(Some("fr_CA"))]), Lang::Fr);
        assert_eq!(choose([Asked(None), Locale(Some("de_DE")), Locale(Some("fr_CA"))]), Lang::En);
        // A page: the toggle beats the browser; a toggle naming another language says nothing.
        assert_eq!(choose([Asked(Some("en")), AcceptLanguage(Some("fr-CA"))]), Lang::En);
        assert_eq!(choose([Asked(Some("de")), AcceptLanguage(Some("fr-CA"))]), Lang::Fr);
        assert_eq!(choose([]), Lang::En);
    }

    #[test]
    fn accept_language_weights_are_read() {
        let of = |header| choose([Wish::AcceptLanguage(Some(header))]);
        assert_eq!(of("fr-CA"), Lang::Fr);
        assert_eq!(of(" FR"), Lang::Fr);
        assert_eq!(of("en-CA,fr;q=0.8"), Lang::En);
        assert_eq!(of("en;q=0.5, fr-CA"), Lang::Fr);
        assert_eq!(of("de-DE, fr;q=0.3, en;q=0.2"), Lang::Fr);
        assert_eq!(of("fr;q=0, en;q=0.1"), Lang::En);
        // Neither language, a look-alike tag, or a malformed weight: no decision, English.
        assert_eq!(of("de-DE"), Lang::En);
        assert_eq!(of("fry"), Lang::En);
        assert_eq!(of("fr;q=2"), Lang::En);
        assert_eq!(of("*"), Lang::En);
        assert_eq!(choose([Wish::AcceptLanguage(Some("de")), Wish::Locale(Some("fr"))]), Lang::Fr);
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
        assert_eq!(LocalizedText::same("did:key:z6Mk").fr, "did:key:z6Mk");
    }
}
