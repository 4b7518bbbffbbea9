//! Proficiency levels a skill credential can attest, with their bilingual labels.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::SchemaError;
use crate::labels::Label;
use lang::{Lang, LocalizedText};

/// How well the holder masters a skill, lowest first. In a credential it is the lowercase
/// code (`"advanced"`) of the `proficiencyLevel` term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
    Expert,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 4] = [Level::Beginner, Level::Intermediate, Level::Advanced, Level::Expert];

    /// The code written in credentials: `"beginner"`, `"intermediate"`, `"advanced"`, `"expert"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
            Level::Expert => "expert",
        }
    }

    /// The label to show a person in `lang` (from the catalogue).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Level::Beginner => Label::Beginner,
            Level::Intermediate => Label::Intermediate,
            Level::Advanced => Label::Advanced,
            Level::Expert => Label::Expert,
        }
        .text(lang)
    }

    /// Both labels at once.
    pub fn localized_label(self) -> LocalizedText {
        LocalizedText::new(self.label(Lang::En), self.label(Lang::Fr))
    }
}

impl fmt::Display for Level {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = SchemaError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(code))
            .ok_or_else(|| SchemaError::UnknownLevel(code.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_text_and_json() {
        for level in Level::ALL {
            assert_eq!(level.as_str().parse::<Level>().unwrap(), level);
            assert_eq!(serde_json::to_value(level).unwrap(), serde_json::json!(level.as_str()));
        }
        assert!(matches!(
            "guru".parse::<Level>(),
            Err(SchemaError::UnknownLevel(code)) if code == "guru"
        ));
    }

    #[test]
    fn every_level_has_both_labels() {
        for level in Level::ALL {
            assert!(level.localized_label().is_complete(), "{level}");
        }
        assert_eq!(Level::Advanced.label(Lang::Fr), "Avancé");
        assert!(Level::Beginner < Level::Expert);
    }
}
