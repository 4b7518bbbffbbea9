//! The short words shown beside a credential's values (field labels, skill categories,
//! proficiency levels), read from the catalogue once per language: they are shown for every
//! credential displayed, so a lookup hands out a `&'static str` instead of formatting a message.
//! A [`Field`] pairs one with its value, whichever format (VC or SD-JWT VC) the value was read from.

use std::sync::LazyLock;

use lang::Lang;

use crate::i18n::t;

/// One line of a credential's display: a label and its value, both in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// One word of a credential's display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Credential,
    Skill,
    Category,
    Level,
    Role,
    Department,
    Team,
    Start,
    End,
    SkillsUsed,
    SkillUsed,
    Description,
    Issuer,
    Holder,
    ValidFrom,
    ValidUntil,
    Evidence,
    /// The end of an assignment that has not ended.
    EndCurrent,
    Technical,
    Behavioural,
    Beginner,
    Intermediate,
    Advanced,
    Expert,
}

impl Label {
    const ALL: [Label; 24] = [
        Label::Credential,
        Label::Skill,
        Label::Category,
        Label::Level,
        Label::Role,
        Label::Department,
        Label::Team,
        Label::Start,
        Label::End,
        Label::SkillsUsed,
        Label::SkillUsed,
        Label::Description,
        Label::Issuer,
        Label::Holder,
        Label::ValidFrom,
        Label::ValidUntil,
        Label::Evidence,
        Label::EndCurrent,
        Label::Technical,
        Label::Behavioural,
        Label::Beginner,
        Label::Intermediate,
        Label::Advanced,
        Label::Expert,
    ];

    /// The word in `lang`.
    pub(crate) fn text(self, lang: Lang) -> &'static str {
        let words = match lang {
            Lang::En => &*ENGLISH,
            Lang::Fr => &*FRENCH,
        };
        // `ALL` lists every variant in declaration order, so the index is always there.
        words.get(self as usize).map_or("", String::as_str)
    }

    fn message(self, lang: Lang) -> String {
        match self {
            Label::Credential => t!(lang, "label-credential"),
            Label::Skill => t!(lang, "label-skill"),
            Label::Category => t!(lang, "label-category"),
            Label::Level => t!(lang, "label-level"),
            Label::Role => t!(lang, "label-role"),
            Label::Department => t!(lang, "label-department"),
            Label::Team => t!(lang, "label-team"),
            Label::Start => t!(lang, "label-start"),
            Label::End => t!(lang, "label-end"),
            Label::SkillsUsed => t!(lang, "label-skills-used"),
            Label::SkillUsed => t!(lang, "label-skill-used"),
            Label::Description => t!(lang, "label-description"),
            Label::Issuer => t!(lang, "label-issuer"),
            Label::Holder => t!(lang, "label-holder"),
            Label::ValidFrom => t!(lang, "label-valid-from"),
            Label::ValidUntil => t!(lang, "label-valid-until"),
            Label::Evidence => t!(lang, "label-evidence"),
            Label::EndCurrent => t!(lang, "label-end-current"),
            Label::Technical => t!(lang, "category-technical"),
            Label::Behavioural => t!(lang, "category-behavioural"),
            Label::Beginner => t!(lang, "level-beginner"),
            Label::Intermediate => t!(lang, "level-intermediate"),
            Label::Advanced => t!(lang, "level-advanced"),
            Label::Expert => t!(lang, "level-expert"),
        }
    }
}

fn words(lang: Lang) -> Vec<String> {
    Label::ALL.iter().map(|label| label.message(lang)).collect()
}

static ENGLISH: LazyLock<Vec<String>> = LazyLock::new(|| words(Lang::En));
static FRENCH: LazyLock<Vec<String>> = LazyLock::new(|| words(Lang::Fr));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_sits_at_its_own_index_in_both_languages() {
        for (index, label) in Label::ALL.iter().enumerate() {
            assert_eq!(*label as usize, index, "{label:?}");
            for lang in Lang::ALL {
                assert_eq!(label.text(lang), label.message(lang), "{label:?} {lang}");
                assert!(!label.text(lang).is_empty());
            }
        }
        assert_eq!(Label::ValidUntil.text(Lang::Fr), "Valide jusqu’au");
        assert_eq!(Label::EndCurrent.text(Lang::En), "Current");
    }
}
