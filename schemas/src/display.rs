//! Labelled fields of a credential view in one language, so the wallet and the verifier show a
//! credential with the same wording in English and in French.

use chrono::{DateTime, Utc};

use crate::assignment::AssignmentCredentialView;
use crate::document::{Evidence, Issuer};
use crate::labels::{Field, Label};
use crate::skill::SkillCredentialView;
use crate::taxonomy::SkillCategory;
use lang::{Lang, LocalizedText};

fn field(lang: Lang, label: Label, value: impl Into<String>) -> Field {
    Field { label: label.text(lang), value: value.into() }
}

fn date(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d").to_string()
}

fn instant(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl SkillCategory {
    /// The category's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SkillCategory::Technical => Label::Technical,
            SkillCategory::Behavioural => Label::Behavioural,
        }
        .text(lang)
    }
}

/// The fields every credential shows after its own: issuer, holder, validity, evidence.
fn common_fields(
    lang: Lang,
    issuer: &Issuer,
    subject: Option<&str>,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    evidence: &[Evidence],
) -> Vec<Field> {
    let mut fields = vec![field(lang, Label::Issuer, issuer.name.get(lang))];
    if let Some(subject) = subject {
        fields.push(field(lang, Label::Holder, subject));
    }
    fields.push(field(lang, Label::ValidFrom, instant(valid_from)));
    if let Some(valid_until) = valid_until {
        fields.push(field(lang, Label::ValidUntil, instant(valid_until)));
    }
    for item in evidence {
        fields.push(field(lang, Label::Evidence, item.narrative.get(lang)));
    }
    fields
}

fn text(lang: Lang, label: Label, value: &LocalizedText) -> Field {
    field(lang, label, value.get(lang))
}

impl SkillCredentialView {
    /// The credential's fields, labelled and written in `lang`.
    pub fn fields(&self, lang: Lang) -> Vec<Field> {
        let mut fields = vec![
            text(lang, Label::Credential, &self.name),
            text(lang, Label::Skill, &self.skill_name),
            field(lang, Label::Category, self.skill_category.label(lang)),
            field(lang, Label::Level, self.level.label(lang)),
        ];
        fields.extend(common_fields(
            lang,
            &self.issuer,
            self.subject.as_deref(),
            self.valid_from,
            self.valid_until,
            &self.evidence,
        ));
        fields
    }
}

impl AssignmentCredentialView {
    /// The credential's fields, labelled and written in `lang`.
    pub fn fields(&self, lang: Lang) -> Vec<Field> {
        let mut fields = vec![
            text(lang, Label::Credential, &self.name),
            text(lang, Label::Role, &self.role),
            text(lang, Label::Department, &self.department.name),
        ];
        if let Some(team) = &self.team {
            fields.push(text(lang, Label::Team, &team.name));
        }
        fields.push(field(lang, Label::Start, date(self.start)));
        let end = self.end.map_or_else(|| Label::EndCurrent.text(lang).to_owned(), date);
        fields.push(field(lang, Label::End, end));
        if !self.skills_used.is_empty() {
            let names: Vec<&str> = self.skills_used.iter().map(|skill| skill.name.get(lang)).collect();
            fields.push(field(lang, Label::SkillsUsed, names.join(", ")));
        }
        fields.extend(common_fields(
            lang,
            &self.issuer,
            self.subject.as_deref(),
            self.valid_from,
            self.valid_until,
            &self.evidence,
        ));
        fields
    }
}

/// The labelled fields of a skill or assignment credential (VC Data Model or SD-JWT VC claims) in
/// `lang`; `None` for a credential of another profile (or one too malformed to read).
pub fn describe(credential: &serde_json::Value, lang: Lang) -> Option<Vec<Field>> {
    if credential.get("vct").is_some() {
        // The claims of an SD-JWT VC, as disclosed.
        return crate::sd_jwt_vc::describe(credential, lang);
    }
    if let Ok(view) = SkillCredentialView::from_value(credential) {
        return Some(view.fields(lang));
    }
    AssignmentCredentialView::from_value(credential).ok().map(|view| view.fields(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn lines(fields: &[Field]) -> Vec<String> {
        fields.iter().map(|field| format!("{}: {}", field.label, field.value)).collect()
    }

    #[test]
    fn skill_credential_reads_in_french() {
        let view = SkillCredentialView::from_value(&fixtures::skill_credential()).unwrap();
        assert_eq!(
            lines(&view.fields(Lang::Fr)),
            [
                "Titre: Architecture infonuagique (Avancé)",
                "Compétence: Architecture infonuagique",
                "Catégorie: Technique",
                "Niveau: Avancé",
                "Émetteur: Bureau du dirigeant principal de l’information du Canada",
                &format!("Titulaire: {}", fixtures::HOLDER_DID),
                "Valide à partir du: 2025-04-01 12:00 UTC",
                "Preuve: A conçu la zone d’accueil pour le passage du ministère à l’infonuagique.",
            ]
        );
    }

    #[test]
    fn assignment_credential_reads_in_english() {
        let view = AssignmentCredentialView::from_value(&fixtures::assignment_credential()).unwrap();
        let lines = lines(&view.fields(Lang::En));
        assert_eq!(
            &lines[..7],
            [
                "Credential: Assignment: Senior Cloud Architect, Shared Services Canada",
                "Role: Senior Cloud Architect",
                "Department: Shared Services Canada",
                "Team: Cloud Platforms",
                "Start: 2024-04-01",
                "End: 2025-03-31",
                "Skills used: Cloud Architecture, Accountability",
            ]
        );
    }

    #[test]
    fn current_assignment_says_so_in_both_languages() {
        let credential = fixtures::assignment_builder().build().unwrap();
        let view = AssignmentCredentialView::from_value(&credential).unwrap();
        for (lang, expected) in [(Lang::En, "End: Current"), (Lang::Fr, "Fin: En cours")] {
            assert!(lines(&view.fields(lang)).contains(&expected.to_owned()), "{lang}");
        }
    }
}
