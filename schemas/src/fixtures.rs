//! Sample credentials and helpers shared by the unit tests of several modules.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::assignment::AssignmentCredentialBuilder;
use crate::document::{Evidence, Issuer, OrganizationUnit};
use crate::level::Level;
use crate::skill::SkillCredentialBuilder;
use lang::LocalizedText;

pub const CREDENTIAL_ID: &str = "urn:uuid:3f1c9a4e-8b2d-4c7e-9f10-2a6b5d8e7c41";
pub const HOLDER_DID: &str = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

/// The Open Badges 3.0 AchievementCredential schema, copied unchanged into `json/`.
const OPEN_BADGES_SCHEMA: &str = include_str!("../json/achievementcredential.schema.json");

pub fn timestamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

pub fn valid_from() -> DateTime<Utc> {
    timestamp("2025-04-01T12:00:00Z")
}

pub fn issuer() -> Issuer {
    Issuer {
        id: "did:web:talent.canada.ca".into(),
        name: LocalizedText::new(
            "Office of the Chief Information Officer of Canada",
            "Bureau du dirigeant principal de l’information du Canada",
        ),
    }
}

pub fn evidence() -> Evidence {
    Evidence {
        id: Some("https://talent.canada.ca/evidence/1234".into()),
        narrative: LocalizedText::new(
            "Designed the landing zone for the department's move to the cloud.",
            "A conçu la zone d’accueil pour le passage du ministère à l’infonuagique.",
        ),
    }
}

pub fn skill_credential() -> Value {
    SkillCredentialBuilder::new(CREDENTIAL_ID, issuer(), "cloud_architecture", Level::Advanced, valid_from())
        .subject(HOLDER_DID)
        .evidence(evidence())
        .build()
        .unwrap()
}

/// A current assignment with no skills, team or holder yet.
pub fn assignment_builder() -> AssignmentCredentialBuilder {
    AssignmentCredentialBuilder::new(
        "urn:uuid:9b7e2f60-1d4a-4f3b-8c25-6e0d9a1b3c57",
        issuer(),
        LocalizedText::new("Senior Cloud Architect", "Architecte infonuagique principal"),
        OrganizationUnit::named(LocalizedText::new("Shared Services Canada", "Services partagés Canada")),
        timestamp("2024-04-01T00:00:00Z"),
        valid_from(),
    )
}

pub fn assignment_credential() -> Value {
    assignment_builder()
        .subject(HOLDER_DID)
        .team(OrganizationUnit::named(LocalizedText::new("Cloud Platforms", "Plateformes infonuagiques")))
        .end(timestamp("2025-03-31T00:00:00Z"))
        .skill("cloud_architecture")
        .skill("accountability")
        .skill("cloud_architecture")
        .build()
        .unwrap()
}

/// Fails the test, listing every violation, unless `credential` passes the Open Badges 3.0
/// AchievementCredential schema.
pub fn assert_open_badges_valid(credential: &Value) {
    let schema: Value = serde_json::from_str(OPEN_BADGES_SCHEMA).unwrap();
    let validator = jsonschema::draft201909::options().should_validate_formats(true).build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(credential).map(|error| format!("{}: {error}", error.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
