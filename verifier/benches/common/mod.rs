//! What the directory benchmarks share: the skill credential number `i` of a benchmark
//! directory, the same in each (its skill the i-th of the library, cycling), so that their
//! figures are of the same documents.

use chrono::{DateTime, Utc};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};

pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// Skill credential `i`, issued by `did`, unsigned.
pub fn skill_credential(i: usize, did: &str, skills: &[&str]) -> serde_json::Value {
    SkillCredentialBuilder::new(
        format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
        Issuer {
            id: did.to_owned(),
            name: LocalizedText::new("Canada School of Public Service", "École de la fonction publique du Canada"),
        },
        skills[i % skills.len()],
        Level::Advanced,
        at("2026-01-01T00:00:00Z"),
    )
    .subject("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    .build()
    .unwrap()
}
