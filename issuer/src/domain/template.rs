//! Unsigned skill and assignment credentials from a few fields, with bilingual names filled from
//! the skills taxonomy, so nobody types JSON-LD by hand to issue a credential: the builders the
//! command line uses offline, and the fields an HR system sends for a department of the service.

use chrono::{DateTime, Utc};
use credentials::error::Detail;
use schemas::{
    AssignmentCredentialBuilder, Evidence, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder,
};
use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::tokens::Principal;

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

// How the OpenAPI document shows a `LocalizedText` (its own type documents nothing).
/// `{en, fr}`: a text in English and in French.
#[derive(Debug, utoipa::ToSchema)]
#[allow(dead_code)]
pub struct LocalizedTextDoc {
    en: String,
    fr: String,
}

/// The fields of one of the two templates.
#[derive(Debug, Clone)]
pub enum TemplateRequest {
    Skill(SkillRequest),
    Assignment(AssignmentRequest),
}

/// Fields an HR system sends to issue a skill credential.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRequest {
    pub subject: Option<String>,
    pub skill: String,
    pub level: String,
    #[schema(value_type = Option<LocalizedTextDoc>)]
    pub evidence: Option<LocalizedText>,
    #[serde(rename = "validUntil")]
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Fields an HR system sends to issue an assignment credential.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRequest {
    pub subject: Option<String>,
    #[schema(value_type = LocalizedTextDoc)]
    pub role: LocalizedText,
    #[schema(value_type = LocalizedTextDoc)]
    pub department: LocalizedText,
    #[schema(value_type = Option<LocalizedTextDoc>)]
    pub team: Option<LocalizedText>,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub skills: Vec<String>,
}

impl IssuerService {
    /// An unsigned credential of the caller's department, from template fields.
    pub async fn template(&self, principal: &Principal, request: TemplateRequest) -> Result<Value, IssuerError> {
        match request {
            TemplateRequest::Skill(request) => self.skill_template(principal, &request).await,
            TemplateRequest::Assignment(request) => self.assignment_template(principal, request).await,
        }
    }

    /// An unsigned skill credential of the caller's department, from the template fields.
    pub async fn skill_template(&self, principal: &Principal, request: &SkillRequest) -> Result<Value, IssuerError> {
        let level = request
            .level
            .parse()
            .map_err(|e: schemas::SchemaError| IssuerError::BadRequest(Detail::localized(|lang| e.message(lang))))?;
        skill(
            self.issuer_profile(&principal.department).await?,
            request.subject.as_deref(),
            &request.skill,
            level,
            request.evidence.clone(),
            self.clock.now(),
            request.valid_until,
        )
    }

    /// An unsigned assignment credential of the caller's department, from the template fields.
    pub async fn assignment_template(
        &self,
        principal: &Principal,
        request: AssignmentRequest,
    ) -> Result<Value, IssuerError> {
        let fields = Assignment {
            role: request.role,
            department: request.department,
            team: request.team,
            start: request.start,
            end: request.end,
            skills: request.skills,
        };
        assignment(
            self.issuer_profile(&principal.department).await?,
            request.subject.as_deref(),
            fields,
            self.clock.now(),
        )
    }
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
