//! The skill credential profile: a builder that fills names from the skills library, and a
//! typed view that gives the fields back for display in either language.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{AchievementNode, AlignmentNode, CredentialNode, Envelope, Evidence, Issuer};
use crate::error::SchemaError;
use crate::i18n::{in_both, t};
use crate::level::Level;
use crate::profile::{Profile, SKILL_CREDENTIAL_TYPE};
use crate::taxonomy::{Skill, SkillCategory, Taxonomy};
use crate::text::either;
use crate::validate::{read, validate, Validation};
use lang::LocalizedText;

/// Prefix of a skill achievement's `id`, followed by the skill key.
pub const SKILL_ACHIEVEMENT_PREFIX: &str = "urn:talent-credentials:achievement:skill:";

/// Builds a skill credential: the holder masters `skill_key` at `level`.
#[derive(Debug)]
pub struct SkillCredentialBuilder {
    envelope: Envelope,
    skill_key: String,
    level: Level,
    subject: Option<String>,
}

impl SkillCredentialBuilder {
    /// `id` is the credential's identifier (a `urn:uuid:` chosen by the caller).
    pub fn new(
        id: impl Into<String>,
        issuer: Issuer,
        skill_key: impl Into<String>,
        level: Level,
        valid_from: DateTime<Utc>,
    ) -> Self {
        SkillCredentialBuilder {
            envelope: Envelope::new(id.into(), issuer, valid_from),
            skill_key: skill_key.into(),
            level,
            subject: None,
        }
    }

    /// The holder's DID (`credentialSubject.id`).
    pub fn subject(mut self, holder_did: impl Into<String>) -> Self {
        self.subject = Some(holder_did.into());
        self
    }

    pub fn valid_until(mut self, valid_until: DateTime<Utc>) -> Self {
        self.envelope.valid_until = Some(valid_until);
        self
    }

    /// Adds one piece of evidence; call again for more.
    pub fn evidence(mut self, evidence: Evidence) -> Self {
        self.envelope.evidence.push(evidence);
        self
    }

    /// The unsigned credential. Refuses a skill key that the library does not define, and any
    /// result that would not pass the skill credential schema (e.g. an empty French name).
    pub fn build(self) -> Result<Value, SchemaError> {
        let skill = Taxonomy::gc_digital_talent()
            .skill(&self.skill_key)
            .ok_or_else(|| SchemaError::UnknownSkill(self.skill_key.clone()))?;
        let level = self.level;
        let name =
            in_both(|lang| t!(lang, "skill-credential-name", skill = skill.name.get(lang), level = level.label(lang)));
        let subject = SkillSubjectNode {
            id: self.subject,
            types: vec!["AchievementSubject".into()],
            achievement: skill_achievement(skill),
            skill_key: skill.key.clone(),
            skill_category: skill.category,
            proficiency_level: self.level,
        };
        let credential = self.envelope.into_node(SKILL_CREDENTIAL_TYPE, name, subject);
        let value = serde_json::to_value(credential)?;
        validate(&value)?;
        Ok(value)
    }
}

/// How the issuer assessed the skill: the same for every skill credential, so read once.
static CRITERIA: LazyLock<LocalizedText> = LazyLock::new(|| in_both(|lang| t!(lang, "skill-criteria")));

fn skill_achievement(skill: &Skill) -> AchievementNode {
    let description = in_both(|lang| t!(lang, "skill-description", skill = skill.name.get(lang)));
    let mut achievement = AchievementNode::new(
        format!("{SKILL_ACHIEVEMENT_PREFIX}{}", skill.key),
        "Competency",
        skill.name.clone(),
        description,
        CRITERIA.clone(),
    );
    achievement.alignment.push(AlignmentNode::from(skill));
    achievement
}

/// `credentialSubject` of a skill credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkillSubjectNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "type")]
    types: Vec<String>,
    achievement: AchievementNode,
    skill_key: String,
    skill_category: SkillCategory,
    proficiency_level: Level,
}

/// A skill credential read back into typed fields, for display in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillCredentialView {
    pub id: String,
    pub issuer: Issuer,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    /// The credential's name, e.g. "Cloud Architecture (Advanced)".
    pub name: LocalizedText,
    /// The holder's DID, when the credential names one.
    pub subject: Option<String>,
    pub skill_key: String,
    /// The skill's name as written in the credential.
    pub skill_name: LocalizedText,
    pub skill_category: SkillCategory,
    pub level: Level,
    /// The achievement's description.
    pub description: LocalizedText,
    /// How the issuer assessed the skill (the achievement's criteria).
    pub criteria: LocalizedText,
    pub evidence: Vec<Evidence>,
}

impl SkillCredentialView {
    /// Reads a skill credential, signed or not. Fails with [`SchemaError::WrongProfile`] for
    /// another kind of credential and [`SchemaError::Invalid`] if it breaks the skill schema.
    pub fn from_value(credential: &Value) -> Result<Self, SchemaError> {
        Self::read(credential, Validation::Now)
    }

    /// [`Self::from_value`] of a credential [`validate`] has already accepted (a verifier's
    /// report whose schema check passed): the same view, without validating it again. Still
    /// fails with [`SchemaError::WrongProfile`] for another kind of credential.
    pub fn from_validated(credential: &Value) -> Result<Self, SchemaError> {
        Self::read(credential, Validation::AlreadyPassed)
    }

    fn read(credential: &Value, validation: Validation) -> Result<Self, SchemaError> {
        let node: CredentialNode<SkillSubjectNode> = read(credential, Profile::Skill, validation)?;
        let subject = node.credential_subject;
        let achievement = subject.achievement;
        Ok(SkillCredentialView {
            id: node.id,
            issuer: node.issuer.into(),
            valid_from: node.valid_from,
            valid_until: node.valid_until,
            name: either(&node.name, node.localized_name),
            subject: subject.id,
            skill_key: subject.skill_key,
            skill_name: achievement.name_text(),
            skill_category: subject.skill_category,
            level: subject.proficiency_level,
            description: achievement.description_text(),
            criteria: achievement.criteria.localized_narrative,
            evidence: node.evidence.into_iter().map(Evidence::from).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use lang::Lang;

    #[test]
    fn built_credential_passes_our_schema_and_open_badges() {
        let credential = fixtures::skill_credential();
        assert_eq!(validate(&credential).unwrap(), Profile::Skill);
        fixtures::assert_open_badges_valid(&credential);
    }

    #[test]
    fn names_come_from_the_library_in_both_languages() {
        let credential = fixtures::skill_credential();
        let achievement = &credential["credentialSubject"]["achievement"];
        assert_eq!(achievement["name"], "Cloud Architecture");
        assert_eq!(
            achievement["localizedName"],
            serde_json::json!({"en": "Cloud Architecture", "fr": "Architecture infonuagique"})
        );
        assert_eq!(credential["name"], "Cloud Architecture (Advanced)");
        assert_eq!(credential["localizedName"]["fr"], "Architecture infonuagique (Avancé)");
        assert_eq!(achievement["alignment"][0]["targetUrl"], "urn:gc-digital-talent:skill:cloud_architecture");
    }

    #[test]
    fn unknown_skill_key_is_refused() {
        let result = SkillCredentialBuilder::new(
            fixtures::CREDENTIAL_ID,
            fixtures::issuer(),
            "underwater_basket_weaving",
            Level::Expert,
            fixtures::valid_from(),
        )
        .build();
        assert!(matches!(
            result,
            Err(SchemaError::UnknownSkill(key)) if key == "underwater_basket_weaving"
        ));
    }

    #[test]
    fn issuer_name_without_french_is_refused_with_its_pointer() {
        let mut issuer = fixtures::issuer();
        issuer.name.fr = String::new();
        let result = SkillCredentialBuilder::new(
            fixtures::CREDENTIAL_ID,
            issuer,
            "python",
            Level::Beginner,
            fixtures::valid_from(),
        )
        .build();
        let Err(SchemaError::Invalid { violations, .. }) = result else {
            panic!("expected Invalid, got {result:?}");
        };
        assert_eq!(violations[0].instance_path, "/issuer/localizedName/fr");
    }

    #[test]
    fn view_gives_back_what_the_builder_put_in() {
        let view = SkillCredentialView::from_value(&fixtures::skill_credential()).unwrap();
        assert_eq!(view.id, fixtures::CREDENTIAL_ID);
        assert_eq!(view.issuer, fixtures::issuer());
        assert_eq!(view.valid_from, fixtures::valid_from());
        assert_eq!(view.subject.as_deref(), Some(fixtures::HOLDER_DID));
        assert_eq!(view.skill_key, "cloud_architecture");
        assert_eq!(view.skill_name.get(Lang::Fr), "Architecture infonuagique");
        assert_eq!(view.skill_category, SkillCategory::Technical);
        assert_eq!(view.level, Level::Advanced);
        assert_eq!(view.evidence, [fixtures::evidence()]);
        for text in [&view.name, &view.skill_name, &view.description, &view.criteria] {
            assert!(text.is_complete(), "{text:?}");
        }
    }

    #[test]
    fn view_refuses_an_assignment_credential() {
        let result = SkillCredentialView::from_value(&fixtures::assignment_credential());
        assert!(matches!(
            result,
            Err(SchemaError::WrongProfile { expected: Profile::Skill, found: Profile::Assignment })
        ));
    }

    #[test]
    fn view_reads_a_signed_credential() {
        let mut credential = fixtures::skill_credential();
        credential["proof"] = serde_json::json!({
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "proofValue": "z58DAdFfa9SkqZMVPxAQp"
        });
        let view = SkillCredentialView::from_value(&credential).unwrap();
        assert_eq!(view.level, Level::Advanced);
    }

    #[test]
    fn built_wording_is_the_catalogue_s_in_both_languages() {
        let credential = fixtures::skill_credential();
        let achievement = &credential["credentialSubject"]["achievement"];
        assert_eq!(
            achievement["localizedDescription"],
            serde_json::json!({
                "en": "Proficiency in the skill “Cloud Architecture” of the GC Digital Talent skills library.",
                "fr": "Maîtrise de la compétence « Architecture infonuagique » de la bibliothèque de compétences de \
                       Talents numériques du GC."
            })
        );
        assert_eq!(
            achievement["criteria"]["localizedNarrative"],
            serde_json::json!({
                "en": "Assessed by the issuer, who attests the proficiency level stated in this credential.",
                "fr": "Évaluée par l’émetteur, qui atteste le niveau de maîtrise indiqué dans ce titre de compétence."
            })
        );
    }

    /// VC Data Model 2.0 §11.1: a credential (ours in a later form, or another issuer's) may write
    /// `name` and `description` as language value objects instead of our language maps; views
    /// read the reader's language from them.
    #[test]
    fn names_written_as_language_values_are_read_in_each_language() {
        let both = |en: &str, fr: &str| serde_json::json!([{"@value": en, "@language": "en"}, {"@value": fr, "@language": "fr", "@direction": "ltr"}]);
        let mut credential = fixtures::skill_credential();
        let object = credential.as_object_mut().unwrap();
        object.remove("localizedName");
        object
            .insert("name".into(), both("Cloud Architecture (Advanced)", "Architecture infonuagique (niveau avancé)"));
        let issuer = credential["issuer"].as_object_mut().unwrap();
        issuer.remove("localizedName");
        issuer.insert("name".into(), both("Office of the CIO", "Bureau du DPI"));
        let achievement = credential["credentialSubject"]["achievement"].as_object_mut().unwrap();
        achievement.remove("localizedName");
        achievement.remove("localizedDescription");
        achievement.insert("name".into(), both("Cloud Architecture", "Architecture infonuagique"));
        achievement.insert("description".into(), serde_json::json!({"@value": "Designs clouds", "@language": "en"}));
        achievement.insert(
            "localizedDescription".into(),
            serde_json::json!({"en": "Designs clouds", "fr": "Conçoit des nuages"}),
        );
        let view = SkillCredentialView::from_value(&credential).unwrap();
        assert_eq!(view.name.fr, "Architecture infonuagique (niveau avancé)");
        assert_eq!(view.issuer.name, LocalizedText::new("Office of the CIO", "Bureau du DPI"));
        assert_eq!(view.skill_name.fr, "Architecture infonuagique");
        assert_eq!(view.description.fr, "Conçoit des nuages");
        let french = crate::describe(&credential, Lang::Fr).unwrap();
        assert!(french.iter().any(|field| field.value == "Bureau du DPI"), "{french:?}");
        // English only, and no language map beside it: not bilingual, as our profiles require.
        credential["issuer"]["name"] = serde_json::json!({"@value": "Office of the CIO", "@language": "en"});
        match validate(&credential) {
            Err(SchemaError::Invalid { violations, .. }) => {
                assert_eq!(violations.len(), 1, "{violations:?}");
                assert_eq!(violations[0].instance_path, "/issuer/name");
                assert!(violations[0].message_fr.contains("en anglais et en français"));
            }
            other => panic!("{other:?}"),
        }
        // A language value that is not one is refused by the schema.
        credential["issuer"]["name"] = serde_json::json!({"@value": "x", "@language": "en", "@type": "y"});
        assert!(validate(&credential).is_err());
    }
}
