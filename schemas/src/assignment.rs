//! The assignment credential profile: a builder for "held this role in this department, using
//! these skills", and a typed view that gives the fields back for display in either language.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{
    AchievementNode, AlignmentNode, CredentialNode, Envelope, Evidence, Issuer, OrganizationUnit, OrganizationUnitNode,
};
use crate::error::SchemaError;
use crate::i18n::{in_both, t};
use crate::profile::{Profile, ASSIGNMENT_CREDENTIAL_TYPE};
use crate::taxonomy::{Skill, Taxonomy};
use crate::text::either;
use crate::validate::{read, validate, Validation};
use lang::LocalizedText;

/// A skill used during an assignment: its library key and its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillUsed {
    #[serde(rename = "skillKey")]
    pub key: String,
    #[serde(rename = "localizedName")]
    pub name: LocalizedText,
}

impl From<&Skill> for SkillUsed {
    fn from(skill: &Skill) -> Self {
        SkillUsed { key: skill.key.clone(), name: skill.name.clone() }
    }
}

/// Builds an assignment credential: the holder held `role` in `department` from `start`.
#[derive(Debug)]
pub struct AssignmentCredentialBuilder {
    envelope: Envelope,
    role: LocalizedText,
    department: OrganizationUnit,
    team: Option<OrganizationUnit>,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    skill_keys: Vec<String>,
    subject: Option<String>,
    description: Option<LocalizedText>,
}

impl AssignmentCredentialBuilder {
    /// `id` is the credential's identifier (a `urn:uuid:` chosen by the caller).
    pub fn new(
        id: impl Into<String>,
        issuer: Issuer,
        role: LocalizedText,
        department: OrganizationUnit,
        start: DateTime<Utc>,
        valid_from: DateTime<Utc>,
    ) -> Self {
        AssignmentCredentialBuilder {
            envelope: Envelope::new(id.into(), issuer, valid_from),
            role,
            department,
            team: None,
            start,
            end: None,
            skill_keys: Vec::new(),
            subject: None,
            description: None,
        }
    }

    /// The holder's DID (`credentialSubject.id`).
    pub fn subject(mut self, holder_did: impl Into<String>) -> Self {
        self.subject = Some(holder_did.into());
        self
    }

    pub fn team(mut self, team: OrganizationUnit) -> Self {
        self.team = Some(team);
        self
    }

    /// When the assignment ended; leave it out for a current assignment.
    pub fn end(mut self, end: DateTime<Utc>) -> Self {
        self.end = Some(end);
        self
    }

    /// Adds a skill used during the assignment, by library key; repeated keys count once.
    pub fn skill(mut self, key: impl Into<String>) -> Self {
        self.skill_keys.push(key.into());
        self
    }

    /// Replaces the generated description of the assignment.
    pub fn description(mut self, description: LocalizedText) -> Self {
        self.description = Some(description);
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

    /// The unsigned credential. Refuses a skill key that the library does not define, an end
    /// before the start, and any result that would not pass the assignment credential schema.
    pub fn build(self) -> Result<Value, SchemaError> {
        let skills = library_skills(&self.skill_keys)?;
        let description =
            self.description.unwrap_or_else(|| describe(&self.role, &self.department, self.start, self.end));
        let (role, department) = (&self.role, &self.department.name);
        let heading =
            in_both(|lang| t!(lang, "assignment-heading", role = role.get(lang), department = department.get(lang)));
        let name = in_both(|lang| t!(lang, "assignment-name", heading = heading.get(lang)));
        let mut achievement = AchievementNode::new(
            format!("{}#assignment", self.envelope.id),
            "Assignment",
            heading,
            description,
            CRITERIA.clone(),
        );
        achievement.alignment = skills.iter().copied().map(AlignmentNode::from).collect();
        let subject = AssignmentSubjectNode {
            id: self.subject,
            types: vec!["AchievementSubject".into()],
            achievement,
            role: self.role.en.clone(),
            localized_role: self.role,
            department: self.department.into(),
            team: self.team.map(OrganizationUnitNode::from),
            activity_start_date: self.start,
            activity_end_date: self.end,
            skills_used: skills.into_iter().map(SkillUsed::from).collect(),
        };
        let credential = self.envelope.into_node(ASSIGNMENT_CREDENTIAL_TYPE, name, subject);
        let value = serde_json::to_value(credential)?;
        validate(&value)?;
        Ok(value)
    }
}

/// What the issuing organization confirms: the same for every assignment credential, so read once.
static CRITERIA: LazyLock<LocalizedText> = LazyLock::new(|| in_both(|lang| t!(lang, "assignment-criteria")));

/// The library's skills for `keys`, in order, without repeats.
fn library_skills(keys: &[String]) -> Result<Vec<&'static Skill>, SchemaError> {
    let mut skills: Vec<&'static Skill> = Vec::new();
    for key in keys {
        let skill = Taxonomy::gc_digital_talent().skill(key).ok_or_else(|| SchemaError::UnknownSkill(key.clone()))?;
        if !skills.iter().any(|known| known.key == skill.key) {
            skills.push(skill);
        }
    }
    Ok(skills)
}

/// "Held the role “…” at … from … to …", in both languages.
fn describe(
    role: &LocalizedText,
    department: &OrganizationUnit,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
) -> LocalizedText {
    let start = start.format("%Y-%m-%d").to_string();
    let department = &department.name;
    match end.map(|end| end.format("%Y-%m-%d").to_string()) {
        Some(end) => in_both(|lang| {
            t!(
                lang,
                "assignment-description-ended",
                role = role.get(lang),
                department = department.get(lang),
                start = start.as_str(),
                end = end.as_str()
            )
        }),
        None => in_both(|lang| {
            t!(
                lang,
                "assignment-description-current",
                role = role.get(lang),
                department = department.get(lang),
                start = start.as_str()
            )
        }),
    }
}

/// `credentialSubject` of an assignment credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AssignmentSubjectNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "type")]
    types: Vec<String>,
    achievement: AchievementNode,
    role: String,
    localized_role: LocalizedText,
    department: OrganizationUnitNode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team: Option<OrganizationUnitNode>,
    activity_start_date: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    activity_end_date: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    skills_used: Vec<SkillUsed>,
}

/// An assignment credential read back into typed fields, for display in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentCredentialView {
    pub id: String,
    pub issuer: Issuer,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    /// The credential's name, e.g. "Assignment: Cloud Architect, Shared Services Canada".
    pub name: LocalizedText,
    /// The holder's DID, when the credential names one.
    pub subject: Option<String>,
    pub role: LocalizedText,
    pub department: OrganizationUnit,
    pub team: Option<OrganizationUnit>,
    pub start: DateTime<Utc>,
    /// `None` for a current assignment.
    pub end: Option<DateTime<Utc>>,
    pub skills_used: Vec<SkillUsed>,
    /// The achievement's description.
    pub description: LocalizedText,
    pub evidence: Vec<Evidence>,
}

impl AssignmentCredentialView {
    /// Reads an assignment credential, signed or not. Fails with [`SchemaError::WrongProfile`]
    /// for another kind of credential and [`SchemaError::Invalid`] if it breaks the schema.
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
        let node: CredentialNode<AssignmentSubjectNode> = read(credential, Profile::Assignment, validation)?;
        let subject = node.credential_subject;
        Ok(AssignmentCredentialView {
            id: node.id,
            issuer: node.issuer.into(),
            valid_from: node.valid_from,
            valid_until: node.valid_until,
            name: either(&node.name, node.localized_name),
            subject: subject.id,
            role: subject.localized_role,
            department: subject.department.into(),
            team: subject.team.map(OrganizationUnit::from),
            start: subject.activity_start_date,
            end: subject.activity_end_date,
            skills_used: subject.skills_used,
            description: subject.achievement.description_text(),
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
        let credential = fixtures::assignment_credential();
        assert_eq!(validate(&credential).unwrap(), Profile::Assignment);
        fixtures::assert_open_badges_valid(&credential);
    }

    #[test]
    fn current_assignment_without_end_or_skills_is_valid() {
        let credential = fixtures::assignment_builder().build().unwrap();
        let subject = &credential["credentialSubject"];
        assert!(subject.get("activityEndDate").is_none());
        assert!(subject.get("skillsUsed").is_none());
        assert!(subject["achievement"].get("alignment").is_none());
        assert_eq!(
            subject["achievement"]["localizedDescription"]["fr"],
            "Occupe le rôle « Architecte infonuagique principal » au sein de Services partagés Canada depuis le 2024-04-01."
        );
        fixtures::assert_open_badges_valid(&credential);
    }

    #[test]
    fn skills_used_carry_both_names_and_an_alignment_each() {
        let credential = fixtures::assignment_credential();
        let subject = &credential["credentialSubject"];
        assert_eq!(
            subject["skillsUsed"],
            serde_json::json!([
                {"skillKey": "cloud_architecture", "localizedName": {"en": "Cloud Architecture", "fr": "Architecture infonuagique"}},
                {"skillKey": "accountability", "localizedName": {"en": "Accountability", "fr": "Responsabilité"}}
            ])
        );
        let codes: Vec<&str> = subject["achievement"]["alignment"]
            .as_array()
            .unwrap()
            .iter()
            .map(|alignment| alignment["targetCode"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["cloud_architecture", "accountability"]);
    }

    #[test]
    fn unknown_skill_key_is_refused() {
        let result = fixtures::assignment_builder().skill("python").skill("Python").build();
        assert!(matches!(result, Err(SchemaError::UnknownSkill(key)) if key == "Python"));
    }

    #[test]
    fn end_before_start_is_refused_at_the_end_date() {
        let result = fixtures::assignment_builder().end(fixtures::timestamp("2024-03-31T00:00:00Z")).build();
        let Err(SchemaError::Invalid { violations, .. }) = result else {
            panic!("expected Invalid, got {result:?}");
        };
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].instance_path, "/credentialSubject/activityEndDate");
    }

    #[test]
    fn view_gives_back_what_the_builder_put_in() {
        let view = AssignmentCredentialView::from_value(&fixtures::assignment_credential()).unwrap();
        assert_eq!(view.role.get(Lang::Fr), "Architecte infonuagique principal");
        assert_eq!(view.department.name.en, "Shared Services Canada");
        assert_eq!(view.team.unwrap().name.fr, "Plateformes infonuagiques");
        assert_eq!(view.start, fixtures::timestamp("2024-04-01T00:00:00Z"));
        assert_eq!(view.end, Some(fixtures::timestamp("2025-03-31T00:00:00Z")));
        assert_eq!(view.skills_used.len(), 2);
        assert_eq!(view.subject.as_deref(), Some(fixtures::HOLDER_DID));
        assert!(view.name.is_complete() && view.description.is_complete());
        assert_eq!(view.name.fr, "Affectation : Architecte infonuagique principal, Services partagés Canada");
    }

    #[test]
    fn view_refuses_a_skill_credential() {
        let result = AssignmentCredentialView::from_value(&fixtures::skill_credential());
        assert!(matches!(
            result,
            Err(SchemaError::WrongProfile { expected: Profile::Assignment, found: Profile::Skill })
        ));
    }

    #[test]
    fn built_wording_is_the_catalogue_s_in_both_languages() {
        let credential =
            fixtures::assignment_builder().end(fixtures::timestamp("2025-03-31T00:00:00Z")).build().unwrap();
        let achievement = &credential["credentialSubject"]["achievement"];
        assert_eq!(
            achievement["localizedDescription"],
            serde_json::json!({
                "en": "Held the role “Senior Cloud Architect” at Shared Services Canada from 2024-04-01 to 2025-03-31.",
                "fr": "A occupé le rôle « Architecte infonuagique principal » au sein de Services partagés Canada du \
                       2024-04-01 au 2025-03-31."
            })
        );
        assert_eq!(
            achievement["criteria"]["localizedNarrative"],
            serde_json::json!({
                "en": "The issuing organization confirms that the holder held this assignment for the period stated.",
                "fr": "L’organisation émettrice confirme que la personne titulaire a occupé cette affectation pendant \
                       la période indiquée."
            })
        );
        assert_eq!(credential["localizedName"]["en"], "Assignment: Senior Cloud Architect, Shared Services Canada");
        let current = fixtures::assignment_builder().build().unwrap();
        assert_eq!(
            current["credentialSubject"]["achievement"]["localizedDescription"]["en"],
            "Holds the role “Senior Cloud Architect” at Shared Services Canada since 2024-04-01."
        );
    }
}
