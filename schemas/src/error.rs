//! The crate's one error type, so callers match on a single enum whatever went wrong.

use std::fmt;

use lang::Lang;

use crate::i18n::t;
use crate::profile::Profile;

/// Everything that can go wrong in this crate, worded by the catalogue (`i18n/*/schemas.ftl`);
/// `Display` is the English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum SchemaError {
    /// A language code other than `en` or `fr`.
    UnknownLanguage(String),

    /// A proficiency level other than beginner, intermediate, advanced or expert.
    UnknownLevel(String),

    /// A skill key that the GC Digital Talent skills library does not define.
    UnknownSkill(String),

    /// The credential breaks the rules of its profile; every violation is listed.
    Invalid { profile: Profile, violations: Vec<Violation> },

    /// A view was asked for one profile and the credential is another.
    WrongProfile { expected: Profile, found: Profile },

    /// One of the crate's own JSON Schemas does not compile (a bug in this crate, caught by tests).
    SchemaUnavailable { profile: Profile, message: String },

    /// A credential that passed its schema could not be read into typed fields.
    Unreadable(#[from] serde_json::Error),
}

impl From<lang::UnknownLanguage> for SchemaError {
    fn from(error: lang::UnknownLanguage) -> Self {
        SchemaError::UnknownLanguage(error.0)
    }
}

impl SchemaError {
    /// The message in `lang`: the `Display` text is the English one.
    pub fn message(&self, lang: Lang) -> String {
        let profile = |profile: &Profile| t!(lang, "profile-name", profile = profile.to_string());
        match self {
            Self::UnknownLanguage(code) => lang::UnknownLanguage(code.clone()).message(lang),
            Self::UnknownLevel(level) => t!(lang, "error-unknown-level", level = escaped(level)),
            Self::UnknownSkill(key) => t!(lang, "error-unknown-skill", key = escaped(key)),
            Self::Invalid { profile: p, violations } => {
                t!(lang, "error-invalid", profile = profile(p), violations = Violation::list(violations, lang))
            }
            Self::WrongProfile { expected, found } => {
                t!(lang, "error-wrong-profile", expected = profile(expected), found = profile(found))
            }
            Self::SchemaUnavailable { profile: p, message } => {
                t!(lang, "error-schema-unavailable", profile = profile(p), reason = message.as_str())
            }
            Self::Unreadable(error) => t!(lang, "error-unreadable", reason = error.to_string()),
        }
    }
}

/// `text` as Rust's `{:?}` shows it, without the surrounding quotes (the catalogue quotes it in
/// each language's way): quotes, backslashes and control characters escaped.
pub(crate) fn escaped(text: &str) -> String {
    let debug = format!("{text:?}");
    debug.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')).unwrap_or(&debug).to_owned()
}

/// One broken rule: where it is (a JSON pointer into the credential) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer (RFC 6901) to the offending value; `""` is the whole credential. For a
    /// missing property it is the object that lacks it, and the message names the property
    /// (e.g. `/credentialSubject/achievement/localizedName`: `"fr" is a required property`).
    pub instance_path: String,
    /// What is wrong, in English.
    pub message: String,
    /// What is wrong, in French.
    pub message_fr: String,
}

impl Violation {
    pub fn new(instance_path: impl Into<String>, en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self { instance_path: instance_path.into(), message: en.into(), message_fr: fr.into() }
    }

    /// A violation worded by the catalogue: `message` gives the text in each language.
    pub(crate) fn worded(instance_path: impl Into<String>, message: impl Fn(Lang) -> String) -> Self {
        Self::new(instance_path, message(Lang::En), message(Lang::Fr))
    }

    /// Every violation on one line in `lang` (`/pointer: message; …` in English,
    /// `/pointer : message ; …` in French).
    pub fn list(violations: &[Violation], lang: Lang) -> String {
        let lines: Vec<String> = violations.iter().map(|violation| violation.line(lang)).collect();
        lines.join(&t!(lang, "violation-separator"))
    }

    /// Every violation on one line in French, the French twin of the English list in
    /// `SchemaError::Invalid`'s text.
    pub fn french_list(violations: &[Violation]) -> String {
        Self::list(violations, Lang::Fr)
    }

    /// What is wrong, in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message,
            Lang::Fr => &self.message_fr,
        }
    }

    /// The pointer (`/` for the whole credential) and what is wrong, in `lang`.
    fn line(&self, lang: Lang) -> String {
        let path = if self.instance_path.is_empty() { "/" } else { &self.instance_path };
        t!(lang, "violation-line", path = path, message = self.message_in(lang))
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.line(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_french_message() {
        let errors = [
            SchemaError::UnknownLanguage("de".into()),
            SchemaError::UnknownLevel("guru".into()),
            SchemaError::UnknownSkill("juggling".into()),
            SchemaError::WrongProfile { expected: Profile::Skill, found: Profile::Assignment },
            SchemaError::Invalid {
                profile: Profile::Assignment,
                violations: vec![Violation::new("/validFrom", "not a date-time", "pas une date et heure")],
            },
        ];
        for error in errors {
            let french = error.message(Lang::Fr);
            assert_ne!(french, error.to_string());
            assert_eq!(error.message(Lang::En), error.to_string());
            assert!(!french.contains("expected") && !french.contains("credential"), "{french}");
        }
        let invalid = SchemaError::Invalid {
            profile: Profile::Skill,
            violations: vec![Violation::new("", "x", "la propriété « issuer » est obligatoire")],
        };
        assert_eq!(
            invalid.message(Lang::Fr),
            "l'attestation ne respecte pas le profil compétence : / : la propriété « issuer » est obligatoire"
        );
    }

    #[test]
    fn invalid_lists_every_violation_with_its_pointer() {
        let error = SchemaError::Invalid {
            profile: Profile::Skill,
            violations: vec![
                Violation::new("", "\"issuer\" is a required property", "la propriété « issuer » est obligatoire"),
                Violation::new("/validFrom", "not a date-time", "pas une date et heure"),
            ],
        };
        assert_eq!(
            error.to_string(),
            "credential does not match the skill profile: /: \"issuer\" is a required property; \
             /validFrom: not a date-time"
        );
    }

    #[test]
    fn errors_read_as_before_the_catalogue() {
        let cases = [
            (
                SchemaError::UnknownLevel("guru".into()),
                "unknown proficiency level \"guru\": expected beginner, intermediate, advanced or expert",
                "niveau de compétence inconnu « guru » : valeurs acceptées : beginner (débutant), intermediate \
                 (intermédiaire), advanced (avancé) ou expert",
            ),
            (
                SchemaError::UnknownSkill("juggling".into()),
                "unknown skill key \"juggling\": not in the GC Digital Talent skills library",
                "clé de compétence inconnue « juggling » : absente de la bibliothèque de compétences de Talents \
                 numériques du GC",
            ),
            (
                SchemaError::WrongProfile { expected: Profile::Skill, found: Profile::Other },
                "expected a skill credential, found a other credential",
                "attestation de type compétence attendue, attestation de type générique reçue",
            ),
            (
                SchemaError::UnknownLanguage("de".into()),
                "unknown language \"de\": expected \"en\" or \"fr\"",
                "langue inconnue « de » : « en » ou « fr » attendu",
            ),
        ];
        for (error, english, french) in cases {
            assert_eq!(error.to_string(), english);
            assert_eq!(error.message(Lang::Fr), french);
        }
        let two = [Violation::new("", "a", "b"), Violation::new("/x", "c", "d")];
        assert_eq!(Violation::list(&two, Lang::En), "/: a; /x: c");
        assert_eq!(Violation::french_list(&two), "/ : b ; /x : d");
    }
}
