//! CSV upload jobs of the staff console in the database (so that every replica shows the same
//! progress, and a finished job's results survive a restart): the job, written with its audit
//! entry in one transaction, and its rows' results, written in groups as they complete. A job
//! is read with its department's id only.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;

/// An upload job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadJobRow {
    pub id: String,
    pub department_id: String,
    pub actor: String,
    pub file_name: String,
    /// Data rows in the file.
    pub total: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds: when the last row was written.
    pub updated_at: i64,
    /// Unix seconds; `None` while the rows are being issued.
    pub finished_at: Option<i64>,
}

/// One row of a job, done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRowRow {
    /// Its record number in the file (from 1).
    pub number: i64,
    /// The file's line it starts on.
    pub line: i64,
    /// `issued`, `skipped` or `rejected`.
    pub status: String,
    pub credential_id: Option<String>,
    pub code: Option<String>,
    pub reason_en: Option<String>,
    pub reason_fr: Option<String>,
    /// A rejected row's columns as read, a JSON array of strings.
    pub columns: Option<String>,
}

/// How many rows of a job are done, and how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadCounts {
    pub issued: i64,
    pub skipped: i64,
    pub rejected: i64,
}

impl UploadCounts {
    pub fn done(&self) -> i64 {
        self.issued + self.skipped + self.rejected
    }
}

const JOB_COLUMNS: &str = "id, department_id, actor, file_name, total, created_at, updated_at, finished_at";
const ROW_COLUMNS: &str = "number, line, status, credential_id, code, reason_en, reason_fr, row_columns";

impl UploadJobRow {
    fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            department_id: row.try_get("department_id")?,
            actor: row.try_get("actor")?,
            file_name: row.try_get("file_name")?,
            total: row.try_get("total")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            finished_at: row.try_get("finished_at")?,
        })
    }
}

impl UploadRowRow {
    fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            number: row.try_get("number")?,
            line: row.try_get("line")?,
            status: row.try_get("status")?,
            credential_id: row.try_get("credential_id")?,
            code: row.try_get("code")?,
            reason_en: row.try_get("reason_en")?,
            reason_fr: row.try_get("reason_fr")?,
            columns: row.try_get("row_columns")?,
        })
    }
}

async fn insert_rows(
    transaction: &mut sqlx::Transaction<'_, sqlx::Any>,
    job_id: &str,
    rows: &[UploadRowRow],
) -> Result<(), StoreError> {
    for row in rows {
        sqlx::query(&format!(
            "INSERT INTO upload_rows (job_id, {ROW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        ))
        .bind(job_id)
        .bind(row.number)
        .bind(row.line)
        .bind(&row.status)
        .bind(&row.credential_id)
        .bind(&row.code)
        .bind(&row.reason_en)
        .bind(&row.reason_fr)
        .bind(&row.columns)
        .execute(&mut **transaction)
        .await?;
    }
    Ok(())
}

impl Store {
    /// Records a new job, the rows already done (those the file's reading rejected), and the
    /// upload's audit entry, in one transaction.
    pub async fn insert_upload_job(
        &self,
        job: &UploadJobRow,
        done: &[UploadRowRow],
        audit: &AuditRow,
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query(&format!("INSERT INTO upload_jobs ({JOB_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
            .bind(&job.id)
            .bind(&job.department_id)
            .bind(&job.actor)
            .bind(&job.file_name)
            .bind(job.total)
            .bind(job.created_at)
            .bind(job.updated_at)
            .bind(job.finished_at)
            .execute(&mut *transaction)
            .await?;
        insert_rows(&mut transaction, &job.id, done).await?;
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Records rows of a job as done at `now` (Unix seconds), in one transaction.
    pub async fn insert_upload_rows(&self, job_id: &str, rows: &[UploadRowRow], now: i64) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        insert_rows(&mut transaction, job_id, rows).await?;
        sqlx::query("UPDATE upload_jobs SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(job_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Marks a job finished at `now` (Unix seconds).
    pub async fn finish_upload_job(&self, job_id: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE upload_jobs SET finished_at = $1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(job_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The job `id` of `department`, if there is one.
    pub async fn upload_job(&self, department: &str, id: &str) -> Result<Option<UploadJobRow>, StoreError> {
        let row = sqlx::query(&format!("SELECT {JOB_COLUMNS} FROM upload_jobs WHERE id = $1 AND department_id = $2"))
            .bind(id)
            .bind(department)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(UploadJobRow::from_row).transpose()
    }

    /// The latest `most` jobs of `department`, newest first.
    pub async fn recent_upload_jobs(&self, department: &str, most: i64) -> Result<Vec<UploadJobRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {JOB_COLUMNS} FROM upload_jobs WHERE department_id = $1 ORDER BY created_at DESC, id LIMIT $2"
        ))
        .bind(department)
        .bind(most)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(UploadJobRow::from_row).collect()
    }

    /// How many rows of job `id` are done, by status.
    pub async fn upload_counts(&self, id: &str) -> Result<UploadCounts, StoreError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM upload_rows WHERE job_id = $1 GROUP BY status")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        let mut counts = UploadCounts::default();
        for row in rows {
            let n: i64 = row.try_get("n")?;
            match row.try_get::<String, _>("status")?.as_str() {
                "issued" => counts.issued = n,
                "skipped" => counts.skipped = n,
                "rejected" => counts.rejected = n,
                other => return Err(StoreError::Corrupt(format!("upload row status {other}"))),
            }
        }
        Ok(counts)
    }

    /// The done rows of job `id` (only the rejected ones: `rejected_only`), in file order.
    pub async fn upload_rows(&self, id: &str, rejected_only: bool) -> Result<Vec<UploadRowRow>, StoreError> {
        let filter = if rejected_only { " AND status = 'rejected'" } else { "" };
        let rows =
            sqlx::query(&format!("SELECT {ROW_COLUMNS} FROM upload_rows WHERE job_id = $1{filter} ORDER BY number"))
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(UploadRowRow::from_row).collect()
    }
}
