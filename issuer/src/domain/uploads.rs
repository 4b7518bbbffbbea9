//! CSV uploads of the staff console (issue #24): a staff member with the `issue` scope sends a
//! file of rows, the rows are issued in the background (the same `issue_rows` as
//! `POST /credentials/batch` and `issuer issue-batch`, so each row keeps its idempotency key and
//! its `credential.issue` audit entry), and each row's result is written to the database as it
//! completes. The page that shows the progress and the results reads them back from there, so
//! that it answers the same on every replica and after a restart. A job is only ever found
//! within the uploader's department: another department's job is not found, whatever its id.

use std::collections::HashMap;
use std::sync::Arc;

use schemas::Lang;
use serde_json::json;

use crate::domain::batch::{issue_rows, BatchRow, RowOutcome, RowResult};
use crate::domain::batch_csv::{columns_of, read_csv_bytes, COLUMNS};
use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::detail;
use crate::store::{UploadCounts, UploadJobRow, UploadRowRow};

/// Most data rows one upload may carry, as `POST /credentials/batch`; larger files go through
/// `issuer issue-batch`.
pub const MAX_UPLOAD_ROWS: usize = 1000;

/// Largest file the page reads (a thousand rows with long evidence fit).
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;

/// Rows issued at once: a console upload shares the service with everything else. This is what
/// paces a job, not the token rate limit: charged up front as `POST /credentials/batch` is, a
/// file of more rows than the rate allows in a second (500 by default) could never be uploaded,
/// though its rows are issued a few at a time.
const PARALLELISM: usize = 4;

/// Rows written to the database together, as they complete.
const WRITE_GROUP: usize = 64;

/// How many of the department's latest uploads the upload page lists.
const RECENT: i64 = 10;

/// A running job with no row written for this long (Unix seconds) was stopped by a restart.
const STALLED_AFTER: i64 = 120;

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    Running,
    Finished,
    /// Stopped before its end (the process that ran it ended): uploading the file again issues
    /// the rows left and skips those already issued.
    Interrupted,
}

/// A job and its progress.
#[derive(Debug, Clone)]
pub struct UploadView {
    pub job: UploadJobRow,
    pub counts: UploadCounts,
    pub state: UploadState,
}

/// A row's result as stored: its status, its credential or why it was rejected.
fn stored_row(result: RowResult, lines: &HashMap<usize, usize>, rows: &HashMap<usize, BatchRow>) -> UploadRowRow {
    let number = result.line;
    let line = lines.get(&number).copied().unwrap_or(number);
    let mut stored = UploadRowRow {
        number: i64::try_from(number).unwrap_or(i64::MAX),
        line: i64::try_from(line).unwrap_or(i64::MAX),
        status: String::new(),
        credential_id: None,
        code: None,
        reason_en: None,
        reason_fr: None,
        columns: None,
    };
    match result.outcome {
        RowOutcome::Issued { id } => {
            stored.status = "issued".into();
            stored.credential_id = Some(id);
        }
        RowOutcome::Skipped { id } => {
            stored.status = "skipped".into();
            stored.credential_id = Some(id);
        }
        RowOutcome::Rejected { code, reason, reason_fr } => {
            stored.status = "rejected".into();
            stored.code = Some(code);
            stored.reason_en = Some(reason);
            stored.reason_fr = Some(reason_fr);
            stored.columns = rows.get(&number).map(|row| json!(columns_of(row)).to_string());
        }
    }
    stored
}

impl IssuerService {
    /// Starts issuing the rows of an uploaded CSV file (`issue` scope): the job is recorded
    /// with its audit entry (`batch.upload`, with the file's row count), the rows are issued in
    /// the background, and the job's id is returned at once. A file over [`MAX_UPLOAD_BYTES`],
    /// that cannot be read (no header, not CSV), without rows or over [`MAX_UPLOAD_ROWS`] is
    /// refused and nothing is recorded; a row that cannot be read is recorded as rejected and
    /// the others are issued.
    pub async fn start_upload(
        self: &Arc<Self>,
        principal: &Principal,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<String, IssuerError> {
        principal.require(Scope::Issue)?;
        if bytes.len() > MAX_UPLOAD_BYTES {
            let most = (MAX_UPLOAD_BYTES / (1024 * 1024)).to_string();
            return Err(IssuerError::BadRequest(detail!("upload-too-large", most = most.as_str())));
        }
        let read = read_csv_bytes(bytes)?;
        if read.is_empty() {
            return Err(IssuerError::BadRequest(detail!("upload-no-rows")));
        }
        if read.len() > MAX_UPLOAD_ROWS {
            let rows = read.len().to_string();
            return Err(IssuerError::BadRequest(detail!(
                "upload-too-many-rows",
                rows = rows.as_str(),
                most = MAX_UPLOAD_ROWS.to_string()
            )));
        }
        let mechanism = crate::domain::sign::mechanism("eddsa-rdfc-2022").map_err(IssuerError::BadRequest)?;
        let total = read.len();
        let mut lines = HashMap::new();
        let mut good = Vec::new();
        let mut unreadable = Vec::new();
        for (number, line, row) in read {
            lines.insert(number, line);
            match row {
                Ok(row) => good.push((number, row)),
                Err(reason) => unreadable.push(UploadRowRow {
                    number: i64::try_from(number).unwrap_or(i64::MAX),
                    line: i64::try_from(line).unwrap_or(i64::MAX),
                    status: "rejected".into(),
                    credential_id: None,
                    code: Some("bad_request".into()),
                    reason_en: Some(reason.get(Lang::En).to_owned()),
                    reason_fr: Some(reason.get(Lang::Fr).to_owned()),
                    columns: None,
                }),
            }
        }
        let now = self.clock.now().timestamp();
        let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        let job = UploadJobRow {
            id: uuid::Uuid::new_v4().to_string(),
            department_id: principal.department.clone(),
            actor: principal.actor(),
            file_name: file_name.clone(),
            total: i64::try_from(total).unwrap_or(i64::MAX),
            created_at: now,
            updated_at: now,
            finished_at: None,
        };
        let audit = self.audit(
            Some(&principal.department),
            &principal.actor(),
            "batch.upload",
            json!({"job": job.id, "file": file_name, "rows": total}),
        );
        self.store.insert_upload_job(&job, &unreadable, &audit).await?;
        let service = self.clone();
        let (principal, id) = (principal.clone(), job.id.clone());
        tokio::spawn(async move { service.run_upload(principal, id, good, lines, mechanism).await });
        Ok(job.id)
    }

    /// Issues a job's rows, writing each result as it completes, then marks the job finished.
    async fn run_upload(
        self: Arc<Self>,
        principal: Principal,
        id: String,
        good: Vec<(usize, BatchRow)>,
        lines: HashMap<usize, usize>,
        mechanism: crate::domain::sign::Mechanism,
    ) {
        let rows: HashMap<usize, BatchRow> = good.iter().cloned().collect();
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        let issuing = issue_rows(self.clone(), principal, good, mechanism, PARALLELISM, move |result| {
            // The receiver lives as long as this job: a send cannot fail before the end.
            let _ = sender.send(result);
        });
        let writing = async {
            let mut done = Vec::with_capacity(WRITE_GROUP);
            while receiver.recv_many(&mut done, WRITE_GROUP).await > 0 {
                let stored: Vec<UploadRowRow> =
                    done.drain(..).map(|result| stored_row(result, &lines, &rows)).collect();
                let now = self.clock.now().timestamp();
                if let Err(error) = self.store.insert_upload_rows(&id, &stored, now).await {
                    tracing::error!(%error, job = %id, rows = stored.len(), "upload rows not recorded");
                }
            }
        };
        tokio::join!(issuing, writing);
        if let Err(error) = self.store.finish_upload_job(&id, self.clock.now().timestamp()).await {
            tracing::error!(%error, job = %id, "upload job not marked finished");
        }
    }

    /// A job of the staff member's department and its progress; another department's is not
    /// found.
    pub async fn upload_view(&self, principal: &Principal, id: &str) -> Result<UploadView, IssuerError> {
        let job = self
            .store
            .upload_job(&principal.department, id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("upload-job", id = id)))?;
        let counts = self.store.upload_counts(&job.id).await?;
        let state = if job.finished_at.is_some() {
            UploadState::Finished
        } else if self.clock.now().timestamp().saturating_sub(job.updated_at) > STALLED_AFTER {
            UploadState::Interrupted
        } else {
            UploadState::Running
        };
        Ok(UploadView { job, counts, state })
    }

    /// The latest uploads of the staff member's department, newest first.
    pub async fn recent_uploads(&self, principal: &Principal) -> Result<Vec<UploadJobRow>, IssuerError> {
        Ok(self.store.recent_upload_jobs(&principal.department, RECENT).await?)
    }

    /// A job of the staff member's department with its done rows (only the rejected ones:
    /// `rejected_only`), in file order.
    pub async fn upload_results(
        &self,
        principal: &Principal,
        id: &str,
        rejected_only: bool,
    ) -> Result<(UploadView, Vec<UploadRowRow>), IssuerError> {
        let view = self.upload_view(principal, id).await?;
        let rows = self.store.upload_rows(&view.job.id, rejected_only).await?;
        Ok((view, rows))
    }
}

/// The report of a job's rejected rows, as CSV: the file's line, the row's columns as read
/// (empty for a row that could not be read), the error code and the reason in English and in
/// French.
pub fn rejected_report(rows: &[UploadRowRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("line").chain(COLUMNS).chain(["code", "reason_en", "reason_fr"]);
    // Writing to memory cannot fail: a record is only ever lost with the whole report.
    let _ = writer.write_record(header);
    for row in rows {
        let columns: Vec<String> =
            row.columns.as_deref().and_then(|text| serde_json::from_str(text).ok()).unwrap_or_default();
        let mut record = vec![row.line.to_string()];
        record.extend((0..COLUMNS.len()).map(|at| columns.get(at).cloned().unwrap_or_default()));
        for text in [&row.code, &row.reason_en, &row.reason_fr] {
            record.push(text.clone().unwrap_or_default());
        }
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_row_keeps_its_columns_and_its_file_line() {
        let row = BatchRow { kind: "skill".into(), skill: "nope".into(), ..BatchRow::default() };
        let rows = HashMap::from([(3, row)]);
        let lines = HashMap::from([(3, 7)]);
        let result = RowResult {
            line: 3,
            outcome: RowOutcome::Rejected {
                code: "unprocessable".into(),
                reason: "no".into(),
                reason_fr: "non".into(),
            },
            secured: None,
            cause: None,
        };
        let stored = stored_row(result, &lines, &rows);
        assert_eq!((stored.number, stored.line, stored.status.as_str()), (3, 7, "rejected"));
        assert_eq!(stored.reason_fr.as_deref(), Some("non"));
        let columns: Vec<String> = serde_json::from_str(stored.columns.as_deref().unwrap_or("[]")).unwrap_or_default();
        assert_eq!((columns[0].as_str(), columns[3].as_str()), ("skill", "nope"));
        let issued =
            RowResult { line: 3, outcome: RowOutcome::Issued { id: "urn:x".into() }, secured: None, cause: None };
        let stored = stored_row(issued, &lines, &rows);
        assert_eq!(
            (stored.status.as_str(), stored.credential_id.as_deref(), stored.columns),
            ("issued", Some("urn:x"), None)
        );
    }

    #[test]
    fn the_report_of_rejected_rows_repeats_their_columns_and_both_reasons() {
        let row = BatchRow { kind: "skill".into(), skill: "nope, really".into(), ..BatchRow::default() };
        let rejected = UploadRowRow {
            number: 2,
            line: 3,
            status: "rejected".into(),
            credential_id: None,
            code: Some("unprocessable".into()),
            reason_en: Some("unknown skill".into()),
            reason_fr: Some("compétence inconnue".into()),
            columns: Some(json!(columns_of(&row)).to_string()),
        };
        let unreadable = UploadRowRow { line: 9, columns: None, ..rejected.clone() };
        let report = rejected_report(&[rejected, unreadable]);
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 3, "{report}");
        assert!(
            lines[0].starts_with("line,kind,row_id,subject,skill,level,")
                && lines[0].ends_with(",code,reason_en,reason_fr")
        );
        assert!(
            lines[1].starts_with("3,skill,,,\"nope, really\",")
                && lines[1].ends_with(",unprocessable,unknown skill,compétence inconnue"),
            "{report}"
        );
        assert_eq!(lines[2].split(',').count(), 1 + COLUMNS.len() + 3);
    }
}
