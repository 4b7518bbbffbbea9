//! Bulk issuance from HR rows (a CSV file or a JSON list): one credential per row. Each row's
//! idempotency key is derived from the department, the row's identity (its `row_id`, or its line)
//! and its content, so running the same file again after a crash issues nothing twice and gives
//! back the credentials already issued.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::service::{AssignmentRequest, IssuerService, Principal, SkillRequest, TemplateRequest};
use crate::sign::{Mechanism, Secured};
use crate::IssuerError;

/// One row: a skill (`kind = skill`) or an assignment (`kind = assignment`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BatchRow {
    pub kind: String,
    /// A stable identifier from the HR system; the line number is used when empty.
    pub row_id: String,
    pub subject: String,
    pub skill: String,
    pub level: String,
    pub evidence_en: String,
    pub evidence_fr: String,
    pub role_en: String,
    pub role_fr: String,
    pub department_en: String,
    pub department_fr: String,
    pub team_en: String,
    pub team_fr: String,
    pub start: String,
    pub end: String,
    /// Skill keys separated by `;`.
    pub skills: String,
}

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum RowOutcome {
    Issued {
        id: String,
    },
    /// Issued by an earlier run of the same rows (same idempotency key).
    Skipped {
        id: String,
    },
    Rejected {
        code: String,
        reason: String,
    },
}

/// A row's result with its line number (1 = first data row after the header).
#[derive(Debug, Clone, Serialize)]
pub struct RowResult {
    pub line: usize,
    #[serde(flatten)]
    pub outcome: RowOutcome,
    #[serde(skip)]
    pub secured: Option<Secured>,
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn localized(en: &str, fr: &str, what: &str) -> Result<Option<schemas::LocalizedText>, IssuerError> {
    match (optional(en), optional(fr)) {
        (None, None) => Ok(None),
        (Some(en), Some(fr)) => Ok(Some(schemas::LocalizedText::new(en, fr))),
        _ => Err(IssuerError::BadRequest(format!("{what} needs both English and French"))),
    }
}

fn date(text: &str, what: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, IssuerError> {
    optional(text)
        .map(|t| {
            chrono::DateTime::parse_from_rfc3339(&t)
                .or_else(|_| chrono::DateTime::parse_from_rfc3339(&format!("{t}T00:00:00Z")))
                .map(|d| d.with_timezone(&chrono::Utc))
                .map_err(|_| IssuerError::BadRequest(format!("{what} `{t}` is not a date")))
        })
        .transpose()
}

impl BatchRow {
    /// The row's idempotency key: department, row identity and content.
    pub fn idempotency_key(&self, department: &str, line: usize) -> String {
        let identity = optional(&self.row_id).unwrap_or_else(|| format!("line:{line}"));
        let content = serde_json::to_string(self).unwrap_or_default();
        let digest = Sha256::digest(format!("{department}\n{identity}\n{content}").as_bytes());
        format!("batch:{}", hex::encode(digest))
    }

    async fn unsigned(&self, service: &IssuerService, principal: &Principal) -> Result<Value, IssuerError> {
        match self.kind.trim() {
            "skill" => {
                let request = SkillRequest {
                    subject: optional(&self.subject),
                    skill: self.skill.trim().to_owned(),
                    level: self.level.trim().to_owned(),
                    evidence: localized(&self.evidence_en, &self.evidence_fr, "evidence")?,
                    valid_until: None,
                };
                service.template(principal, TemplateRequest::Skill(request)).await
            }
            "assignment" => {
                let request = AssignmentRequest {
                    subject: optional(&self.subject),
                    role: localized(&self.role_en, &self.role_fr, "role")?
                        .ok_or_else(|| IssuerError::BadRequest("role is required".into()))?,
                    department: localized(&self.department_en, &self.department_fr, "department")?
                        .ok_or_else(|| IssuerError::BadRequest("department is required".into()))?,
                    team: localized(&self.team_en, &self.team_fr, "team")?,
                    start: date(&self.start, "start")?
                        .ok_or_else(|| IssuerError::BadRequest("start is required".into()))?,
                    end: date(&self.end, "end")?,
                    skills: self.skills.split(';').filter_map(optional).collect(),
                };
                service.template(principal, TemplateRequest::Assignment(request)).await
            }
            other => Err(IssuerError::BadRequest(format!("kind `{other}` must be skill or assignment"))),
        }
    }
}

/// Issues one row (or finds it already issued).
pub async fn issue_row(
    service: &IssuerService,
    principal: &Principal,
    line: usize,
    row: &BatchRow,
    mechanism: Mechanism,
) -> RowResult {
    let key = row.idempotency_key(&principal.department, line);
    let result = async {
        let unsigned = row.unsigned(service, principal).await?;
        // The key already covers the row's content: it is its own request fingerprint.
        let idempotency =
            crate::service::Idempotency::new(key.clone(), format!("{key}\n{}", mechanism.name()).as_bytes());
        service.issue(principal, unsigned, mechanism, Some(&idempotency)).await
    }
    .await;
    match result {
        Ok(issued) => RowResult {
            line,
            outcome: if issued.replayed {
                RowOutcome::Skipped { id: issued.id }
            } else {
                RowOutcome::Issued { id: issued.id }
            },
            secured: Some(issued.secured),
        },
        Err(error) => RowResult {
            line,
            outcome: RowOutcome::Rejected { code: error.code().to_owned(), reason: error.to_string() },
            secured: None,
        },
    }
}

/// Issues rows with up to `parallelism` in flight; `on_done` sees each result as it completes.
pub async fn issue_rows(
    service: Arc<IssuerService>,
    principal: Principal,
    rows: Vec<(usize, BatchRow)>,
    mechanism: Mechanism,
    parallelism: usize,
    mut on_done: impl FnMut(RowResult),
) {
    let mut pending = rows.into_iter();
    let mut running = tokio::task::JoinSet::new();
    let mut lines = std::collections::HashMap::new();
    loop {
        while running.len() < parallelism.max(1) {
            let Some((line, row)) = pending.next() else {
                break;
            };
            let service = service.clone();
            let principal = principal.clone();
            let task = running.spawn(async move { issue_row(&service, &principal, line, &row, mechanism).await });
            lines.insert(task.id(), line);
        }
        match running.join_next_with_id().await {
            Some(Ok((id, result))) => {
                lines.remove(&id);
                on_done(result);
            }
            Some(Err(error)) => {
                // A row whose task failed is reported, never silently dropped.
                tracing::error!(%error, "batch task failed");
                let line = lines.remove(&error.id()).unwrap_or(0);
                on_done(RowResult {
                    line,
                    outcome: RowOutcome::Rejected {
                        code: "internal_error".into(),
                        reason: "the row could not be processed".into(),
                    },
                    secured: None,
                });
            }
            None => break,
        }
    }
}

/// A data line of a CSV file: its number (from 1) and the row, or why it cannot be read.
pub type CsvLine = (usize, Result<BatchRow, String>);

/// Reads a CSV file of rows (header required), numbering data lines from 1.
pub fn read_csv(path: &std::path::Path) -> Result<Vec<CsvLine>, IssuerError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| IssuerError::BadRequest(format!("cannot read {}: {e}", path.display())))?;
    Ok(reader
        .deserialize::<BatchRow>()
        .enumerate()
        .map(|(index, row)| (index + 1, row.map_err(|e| e.to_string())))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_key_depends_on_department_identity_and_content() {
        let row = BatchRow {
            kind: "skill".into(),
            skill: "api_design".into(),
            level: "advanced".into(),
            ..BatchRow::default()
        };
        let key = row.idempotency_key("hr", 7);
        assert_eq!(key, row.idempotency_key("hr", 7));
        assert_ne!(key, row.idempotency_key("finance", 7));
        assert_ne!(key, row.idempotency_key("hr", 8));
        let changed = BatchRow { level: "expert".into(), ..row.clone() };
        assert_ne!(key, changed.idempotency_key("hr", 7));
        let with_id = BatchRow { row_id: "emp-42".into(), ..row };
        assert_eq!(with_id.idempotency_key("hr", 7), with_id.idempotency_key("hr", 9000));
    }

    #[test]
    fn dates_and_bilingual_pairs() {
        assert!(date("2024-04-01", "start").unwrap().is_some());
        assert!(date("yesterday", "start").is_err());
        assert!(localized("Team", "", "team").is_err());
        assert_eq!(localized("", "", "team").unwrap(), None);
    }
}
