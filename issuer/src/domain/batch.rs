//! Bulk issuance from HR rows (read from a CSV file or a JSON list): one credential per row. Each row's
//! idempotency key is derived from the department, the row's identity (its `row_id`, or its line)
//! and its content, so running the same file again after a crash issues nothing twice and gives
//! back the credentials already issued.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use credentials::error::Detail;
use credentials::secure::{Mechanism, Secured};
use schemas::Lang;

use crate::domain::error::IssuerError;
use crate::domain::issuance::Idempotency;
use crate::domain::service::IssuerService;
use crate::domain::template::TemplateRequest;
use crate::domain::tokens::Principal;
use crate::i18n::{detail, t};

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
    /// Who the credential is for, as the department names the person (a name, an email, an
    /// employee number): recorded by the issuer so that staff can find the credential, never
    /// written into it. Not part of the row's idempotency key: a row run again with the person
    /// added or spelt otherwise is the same credential, which keeps its first person.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub person: String,
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
        reason_fr: String,
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
    /// For a row that failed inside the issuer (database, key vault): the cause, for the
    /// operator's terminal and the log, never in an HTTP answer.
    #[serde(skip)]
    pub cause: Option<String>,
}

/// A column, named in messages.
#[derive(Clone, Copy)]
enum Field {
    Evidence,
    Role,
    Department,
    Team,
    Start,
    End,
}

const EVIDENCE: Field = Field::Evidence;
const ROLE: Field = Field::Role;
const DEPARTMENT: Field = Field::Department;
const TEAM: Field = Field::Team;
const START: Field = Field::Start;
const END: Field = Field::End;

impl Field {
    /// The column as a sentence names it in `lang`.
    fn name(self, lang: Lang) -> String {
        match self {
            Self::Evidence => t!(lang, "batch-field-evidence"),
            Self::Role => t!(lang, "batch-field-role"),
            Self::Department => t!(lang, "batch-field-department"),
            Self::Team => t!(lang, "batch-field-team"),
            Self::Start => t!(lang, "batch-field-start"),
            Self::End => t!(lang, "batch-field-end"),
        }
    }
}

fn required(what: Field) -> IssuerError {
    IssuerError::BadRequest(Detail::localized(|lang| t!(lang, "batch-required", field = what.name(lang))))
}

fn optional(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn localized(en: &str, fr: &str, what: Field) -> Result<Option<schemas::LocalizedText>, IssuerError> {
    match (optional(en), optional(fr)) {
        (None, None) => Ok(None),
        (Some(en), Some(fr)) => Ok(Some(schemas::LocalizedText::new(en, fr))),
        _ => Err(IssuerError::BadRequest(Detail::localized(|lang| {
            t!(lang, "batch-needs-both-languages", field = what.name(lang))
        }))),
    }
}

fn date(text: &str, what: Field) -> Result<Option<chrono::DateTime<chrono::Utc>>, IssuerError> {
    optional(text)
        .map(|t| {
            chrono::DateTime::parse_from_rfc3339(&t)
                .or_else(|_| chrono::DateTime::parse_from_rfc3339(&format!("{t}T00:00:00Z")))
                .map(|d| d.with_timezone(&chrono::Utc))
                .map_err(|_| {
                    IssuerError::BadRequest(Detail::localized(|lang| {
                        t!(lang, "batch-not-a-date", field = what.name(lang), text = t.as_str())
                    }))
                })
        })
        .transpose()
}

impl BatchRow {
    /// The row's idempotency key: department, row identity and content.
    pub fn idempotency_key(&self, department: &str, line: usize) -> String {
        let identity = optional(&self.row_id).unwrap_or_else(|| format!("line:{line}"));
        // Without the person, the content serializes as rows did before it existed.
        let content = serde_json::to_string(&Self { person: String::new(), ..self.clone() }).unwrap_or_default();
        let digest = Sha256::digest(format!("{department}\n{identity}\n{content}").as_bytes());
        format!("batch:{}", hex::encode(digest))
    }

    /// The template's fields as JSON (without the subject), each checked with a message naming
    /// the field: what an offer keeps until it is redeemed, and what `unsigned` fills in.
    pub fn template_fields(&self) -> Result<(Kind, Value), IssuerError> {
        let text =
            |text: Option<schemas::LocalizedText>| text.map(|text| serde_json::json!({"en": text.en, "fr": text.fr}));
        let day = |day: Option<chrono::DateTime<chrono::Utc>>| {
            day.map(|day| Value::from(day.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
        };
        match self.kind.trim() {
            "skill" => Ok((
                Kind::Skill,
                serde_json::json!({
                    "skill": self.skill.trim(),
                    "level": self.level.trim(),
                    "evidence": text(localized(&self.evidence_en, &self.evidence_fr, EVIDENCE)?),
                }),
            )),
            "assignment" => Ok((
                Kind::Assignment,
                serde_json::json!({
                    "role": text(Some(localized(&self.role_en, &self.role_fr, ROLE)?.ok_or_else(|| required(ROLE))?)),
                    "department": text(Some(
                        localized(&self.department_en, &self.department_fr, DEPARTMENT)?
                            .ok_or_else(|| required(DEPARTMENT))?,
                    )),
                    "team": text(localized(&self.team_en, &self.team_fr, TEAM)?),
                    "start": day(Some(date(&self.start, START)?.ok_or_else(|| required(START))?)),
                    "end": day(date(&self.end, END)?),
                    "skills": self.skills.split(';').filter_map(optional).collect::<Vec<_>>(),
                }),
            )),
            other => Err(IssuerError::BadRequest(detail!("batch-unknown-kind", kind = other))),
        }
    }

    /// The row's unsigned credential.
    pub async fn unsigned(&self, service: &IssuerService, principal: &Principal) -> Result<Value, IssuerError> {
        let (kind, mut fields) = self.template_fields()?;
        if let Some(subject) = optional(&self.subject) {
            fields["subject"] = subject.into();
        }
        let request = match kind {
            Kind::Skill => serde_json::from_value(fields).map(TemplateRequest::Skill),
            Kind::Assignment => serde_json::from_value(fields).map(TemplateRequest::Assignment),
        };
        // The fields were built above from checked values: a failure here is the issuer's own.
        let request = request.map_err(|error| IssuerError::Unexpected(error.to_string()))?;
        service.template(principal, request).await
    }
}

/// Which template a row fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Skill,
    Assignment,
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
        let idempotency = Idempotency::new(key.clone(), format!("{key}\n{}", mechanism.name()).as_bytes());
        service.issue(principal, unsigned, mechanism, Some(&idempotency), optional(&row.person).as_deref()).await
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
            cause: None,
        },
        Err(error) => {
            let internal = error.code() == "internal_error";
            if internal {
                tracing::error!(%error, line, "batch row failed");
            }
            RowResult {
                line,
                outcome: RowOutcome::Rejected {
                    code: error.code().to_owned(),
                    reason: error.detail(Lang::En),
                    reason_fr: error.detail(Lang::Fr),
                },
                secured: None,
                cause: internal.then(|| error.to_string()),
            }
        }
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
                        reason: t!(Lang::En, "batch-row-failed"),
                        reason_fr: t!(Lang::Fr, "batch-row-failed"),
                    },
                    secured: None,
                    cause: Some(error.to_string()),
                });
            }
            None => break,
        }
    }
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
        let named = BatchRow { person: "Ada Lovelace".into(), ..row.clone() };
        assert_eq!(key, named.idempotency_key("hr", 7), "the person is not part of the key");
        assert!(!serde_json::to_string(&row).unwrap().contains("person"), "keys made before the column stay the same");
        let with_id = BatchRow { row_id: "emp-42".into(), ..row };
        assert_eq!(with_id.idempotency_key("hr", 7), with_id.idempotency_key("hr", 9000));
    }

    #[test]
    fn dates_and_bilingual_pairs() {
        assert!(date("2024-04-01", START).unwrap().is_some());
        assert!(date("yesterday", START).is_err());
        let half = localized("Team", "", TEAM).unwrap_err();
        assert_eq!(half.detail(Lang::Fr), "requête invalide : l'équipe (team) manque en anglais ou en français");
        assert_eq!(half.detail(Lang::En), "bad request: team needs both English and French");
        let not_a_date = date("yesterday", START).unwrap_err();
        assert!(not_a_date.detail(Lang::Fr).contains("n'est pas une date"));
        assert_eq!(localized("", "", TEAM).unwrap(), None);
    }
}
