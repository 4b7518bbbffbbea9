//! Unsigned skill and assignment credentials from a few fields, with bilingual names filled from
//! the skills taxonomy, so nobody types JSON-LD by hand to issue a credential.

use chrono::{DateTime, Utc};
use schemas::{
    AssignmentCredentialBuilder, Evidence, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder,
};
use serde_json::Value;

use crate::IssuerError;

/// A fresh credential identifier: a time-ordered UUID (version 7, RFC 9562), so the issuer's
/// index of ids grows at its end. With random (version 4) ids every credential landed on its own
/// page of that index, half of the pages each SQLite commit wrote to its WAL. The time it carries,
/// to the millisecond, is no more than the credential already says in `validFrom` and its proof's
/// `created`; the status list indexes, which verifiers see together, stay random.
pub fn new_credential_id() -> String {
    format!("urn:uuid:{}", uuid::Uuid::now_v7())
}

/// A skill credential for `subject`.
#[allow(clippy::too_many_arguments)]
pub fn skill(
    issuer: Issuer,
    subject: Option<&str>,
    skill_key: &str,
    level: Level,
    evidence: Option<LocalizedText>,
    valid_from: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
) -> Result<Value, IssuerError> {
    let mut builder = SkillCredentialBuilder::new(new_credential_id(), issuer, skill_key, level, valid_from);
    if let Some(subject) = subject {
        builder = builder.subject(subject);
    }
    if let Some(narrative) = evidence {
        builder = builder.evidence(Evidence { id: None, narrative });
    }
    if let Some(until) = valid_until {
        builder = builder.valid_until(until);
    }
    Ok(builder.build()?)
}

/// The fields of an assignment credential.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub role: LocalizedText,
    pub department: LocalizedText,
    pub team: Option<LocalizedText>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub skills: Vec<String>,
}

/// An assignment credential for `subject`.
pub fn assignment(
    issuer: Issuer,
    subject: Option<&str>,
    assignment: Assignment,
    valid_from: DateTime<Utc>,
) -> Result<Value, IssuerError> {
    let mut builder = AssignmentCredentialBuilder::new(
        new_credential_id(),
        issuer,
        assignment.role,
        OrganizationUnit::named(assignment.department),
        assignment.start,
        valid_from,
    );
    if let Some(subject) = subject {
        builder = builder.subject(subject);
    }
    if let Some(team) = assignment.team {
        builder = builder.team(OrganizationUnit::named(team));
    }
    if let Some(end) = assignment.end {
        builder = builder.end(end);
    }
    for key in assignment.skills {
        builder = builder.skill(key);
    }
    Ok(builder.build()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_ids_sort_in_the_order_they_were_made() {
        let ids: Vec<String> = (0..2_000).map(|_| new_credential_id()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "ids made later must sort later, and never repeat");
        for id in &ids {
            let uuid = uuid::Uuid::parse_str(id.strip_prefix("urn:uuid:").unwrap()).unwrap();
            assert_eq!(uuid.get_version_num(), 7);
        }
    }
}
