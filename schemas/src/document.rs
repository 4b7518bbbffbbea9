//! The JSON shape shared by both credential profiles (envelope, issuer, achievement, alignment,
//! evidence), as serde types: builders serialize them and views deserialize them, so writing and
//! reading cannot drift apart.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::context::CREDENTIAL_CONTEXTS;
use crate::taxonomy::{Skill, SKILLS_FRAMEWORK_NAME};
use crate::text::{either, TextNode};
use lang::LocalizedText;

/// Who issues a credential: an `id` (usually a DID) and a bilingual name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub id: String,
    pub name: LocalizedText,
}

/// A piece of evidence: an optional URL and a bilingual summary (`narrative`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: Option<String>,
    pub narrative: LocalizedText,
}

/// A department or team: an optional identifier and a bilingual name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationUnit {
    pub id: Option<String>,
    pub name: LocalizedText,
}

impl OrganizationUnit {
    /// A unit known only by its name.
    pub fn named(name: LocalizedText) -> Self {
        OrganizationUnit { id: None, name }
    }
}

/// The credential envelope; `S` is the profile's `credentialSubject`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CredentialNode<S> {
    #[serde(rename = "@context")]
    pub context: Vec<String>,
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub issuer: IssuerNode,
    pub valid_from: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
    /// A plain string, or VCDM 2.0 language value objects (read; ours write the string).
    pub name: TextNode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<LocalizedText>,
    pub credential_subject: S,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceNode>,
}

/// The parts of the envelope that do not depend on the profile.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub id: String,
    pub issuer: Issuer,
    pub valid_from: DateTime<Utc>,
    pub valid_until: Option<DateTime<Utc>>,
    pub evidence: Vec<Evidence>,
}

impl Envelope {
    pub fn new(id: String, issuer: Issuer, valid_from: DateTime<Utc>) -> Self {
        Envelope { id, issuer, valid_from, valid_until: None, evidence: Vec::new() }
    }

    /// Wraps `subject` into a credential of type `profile_type` named `name`.
    pub fn into_node<S>(self, profile_type: &str, name: LocalizedText, subject: S) -> CredentialNode<S> {
        CredentialNode {
            context: CREDENTIAL_CONTEXTS.iter().map(|url| url.to_string()).collect(),
            id: self.id,
            types: vec!["VerifiableCredential".into(), "OpenBadgeCredential".into(), profile_type.into()],
            issuer: IssuerNode::from(self.issuer),
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            name: TextNode::Plain(name.en.clone()),
            localized_name: Some(name),
            credential_subject: subject,
            evidence: self.evidence.into_iter().map(EvidenceNode::from).collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IssuerNode {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub name: TextNode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<LocalizedText>,
}

impl From<Issuer> for IssuerNode {
    fn from(issuer: Issuer) -> Self {
        IssuerNode {
            id: issuer.id,
            types: vec!["Profile".into()],
            name: TextNode::Plain(issuer.name.en.clone()),
            localized_name: Some(issuer.name),
        }
    }
}

impl From<IssuerNode> for Issuer {
    fn from(node: IssuerNode) -> Self {
        Issuer { id: node.id, name: either(&node.name, node.localized_name) }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EvidenceNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub narrative: String,
    pub localized_narrative: LocalizedText,
}

impl From<Evidence> for EvidenceNode {
    fn from(evidence: Evidence) -> Self {
        EvidenceNode {
            id: evidence.id,
            types: vec!["Evidence".into()],
            narrative: evidence.narrative.en.clone(),
            localized_narrative: evidence.narrative,
        }
    }
}

impl From<EvidenceNode> for Evidence {
    fn from(node: EvidenceNode) -> Self {
        Evidence { id: node.id, narrative: node.localized_narrative }
    }
}

/// A department or team inside a credential subject.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrganizationUnitNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub localized_name: LocalizedText,
}

impl From<OrganizationUnit> for OrganizationUnitNode {
    fn from(unit: OrganizationUnit) -> Self {
        OrganizationUnitNode { id: unit.id, localized_name: unit.name }
    }
}

impl From<OrganizationUnitNode> for OrganizationUnit {
    fn from(node: OrganizationUnitNode) -> Self {
        OrganizationUnit { id: node.id, name: node.localized_name }
    }
}

/// The Open Badges `Achievement` inside `credentialSubject.achievement`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AchievementNode {
    pub id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub achievement_type: String,
    pub name: TextNode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<LocalizedText>,
    pub description: TextNode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub localized_description: Option<LocalizedText>,
    pub criteria: CriteriaNode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<AlignmentNode>,
}

impl AchievementNode {
    /// The achievement's name in both languages, from whichever form the credential writes.
    pub fn name_text(&self) -> LocalizedText {
        either(&self.name, self.localized_name.clone())
    }

    pub fn description_text(&self) -> LocalizedText {
        either(&self.description, self.localized_description.clone())
    }

    pub fn new(
        id: String,
        achievement_type: &str,
        name: LocalizedText,
        description: LocalizedText,
        criteria: LocalizedText,
    ) -> Self {
        AchievementNode {
            id,
            types: vec!["Achievement".into()],
            achievement_type: achievement_type.into(),
            name: TextNode::Plain(name.en.clone()),
            localized_name: Some(name),
            description: TextNode::Plain(description.en.clone()),
            localized_description: Some(description),
            criteria: CriteriaNode { narrative: criteria.en.clone(), localized_narrative: criteria },
            alignment: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CriteriaNode {
    pub narrative: String,
    pub localized_narrative: LocalizedText,
}

/// An Open Badges `Alignment` pointing at a skill of the library.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlignmentNode {
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub target_name: String,
    pub localized_target_name: LocalizedText,
    pub target_url: String,
    pub target_code: String,
    pub target_framework: String,
}

impl From<&Skill> for AlignmentNode {
    fn from(skill: &Skill) -> Self {
        AlignmentNode {
            types: vec!["Alignment".into()],
            target_name: skill.name.en.clone(),
            localized_target_name: skill.name.clone(),
            target_url: skill.urn(),
            target_code: skill.key.clone(),
            target_framework: SKILLS_FRAMEWORK_NAME.into(),
        }
    }
}
