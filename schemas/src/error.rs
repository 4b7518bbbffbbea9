//! The crate's one error type, so callers match on a single enum whatever went wrong.

use std::fmt;

use crate::validate::Profile;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// A language code other than `en` or `fr`.
    #[error("unknown language {0:?}: expected \"en\" or \"fr\"")]
    UnknownLanguage(String),

    /// A proficiency level other than beginner, intermediate, advanced or expert.
    #[error("unknown proficiency level {0:?}: expected beginner, intermediate, advanced or expert")]
    UnknownLevel(String),

    /// A skill key that the GC Digital Talent skills library does not define.
    #[error("unknown skill key {0:?}: not in the GC Digital Talent skills library")]
    UnknownSkill(String),

    /// The credential breaks the rules of its profile; every violation is listed.
    #[error("credential does not match the {profile} profile: {}", Violations(violations))]
    Invalid { profile: Profile, violations: Vec<Violation> },

    /// A view was asked for one profile and the credential is another.
    #[error("expected a {expected} credential, found a {found} credential")]
    WrongProfile { expected: Profile, found: Profile },

    /// One of the crate's own JSON Schemas does not compile (a bug in this crate, caught by tests).
    #[error("built-in JSON Schema for the {profile} profile does not compile: {message}")]
    SchemaUnavailable { profile: Profile, message: String },

    /// A credential that passed its schema could not be read into typed fields.
    #[error("credential could not be read: {0}")]
    Unreadable(#[from] serde_json::Error),
}

impl From<lang::UnknownLanguage> for SchemaError {
    fn from(error: lang::UnknownLanguage) -> Self {
        SchemaError::UnknownLanguage(error.0)
    }
}

impl SchemaError {
    /// The message in `lang`: the `Display` text is the English one.
    pub fn message(&self, lang: crate::Lang) -> String {
        let profile = |profile: &Profile| match profile {
            Profile::Skill => "compétence",
            Profile::Assignment => "affectation",
            Profile::Other => "générique",
        };
        match (self, lang) {
            (_, crate::Lang::En) => self.to_string(),
            (Self::UnknownLanguage(code), _) => format!("langue inconnue « {code} » : « en » ou « fr » attendu"),
            (Self::UnknownLevel(level), _) => {
                format!("niveau de compétence inconnu « {level} » : valeurs acceptées : beginner (débutant), intermediate (intermédiaire), advanced (avancé) ou expert")
            }
            (Self::UnknownSkill(key), _) => {
                format!("clé de compétence inconnue « {key} » : absente de la bibliothèque de compétences de Talents numériques du GC")
            }
            (Self::Invalid { profile: p, violations }, _) => {
                format!(
                    "l'attestation ne respecte pas le profil {} : {}",
                    profile(p),
                    Violation::french_list(violations)
                )
            }
            (Self::WrongProfile { expected, found }, _) => {
                format!(
                    "attestation de type {} attendue, attestation de type {} reçue",
                    profile(expected),
                    profile(found)
                )
            }
            (Self::SchemaUnavailable { profile: p, .. }, _) => {
                format!("le schéma JSON intégré du profil {} ne se compile pas (un défaut du logiciel)", profile(p))
            }
            (Self::Unreadable(_), _) => "l'attestation n'a pas pu être lue dans ses champs typés".to_owned(),
        }
    }
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

    /// Every violation on one line in French (`/pointer : message ; …`), the French twin of
    /// the English list in `SchemaError::Invalid`'s text.
    pub fn french_list(violations: &[Violation]) -> String {
        let list: Vec<String> = violations
            .iter()
            .map(|v| {
                let path = if v.instance_path.is_empty() { "/" } else { &v.instance_path };
                format!("{path} : {}", v.message_fr)
            })
            .collect();
        list.join(" ; ")
    }

    /// What is wrong, in `lang`.
    pub fn message_in(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::En => &self.message,
            crate::Lang::Fr => &self.message_fr,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.instance_path.is_empty() { "/" } else { &self.instance_path };
        write!(formatter, "{path}: {}", self.message)
    }
}

/// Formats a list of violations on one line, separated by semicolons.
struct Violations<'a>(&'a [Violation]);

impl fmt::Display for Violations<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, violation) in self.0.iter().enumerate() {
            if index > 0 {
                formatter.write_str("; ")?;
            }
            write!(formatter, "{violation}")?;
        }
        Ok(())
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
            let french = error.message(crate::Lang::Fr);
            assert_ne!(french, error.to_string());
            assert_eq!(error.message(crate::Lang::En), error.to_string());
            assert!(!french.contains("expected") && !french.contains("credential"), "{french}");
        }
        let invalid = SchemaError::Invalid {
            profile: Profile::Skill,
            violations: vec![Violation::new("", "x", "la propriété « issuer » est obligatoire")],
        };
        assert_eq!(
            invalid.message(crate::Lang::Fr),
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
}
