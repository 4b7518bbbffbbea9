//! Issued credentials in the database: recorded through the group commit, and read back by id
//! or by idempotency key, always within one department.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;
use super::group_commit::{CredentialWrite, Stored};
use super::rows::{AuditRow, CredentialRow, CREDENTIAL_COLUMNS};

impl Store {
    /// Records an issued credential (with its audit entry) unless its idempotency key was used.
    /// Returns once the record is committed. Credentials recorded at the same time share one
    /// commit (group commit): each still learns its own outcome, and none is answered before
    /// its commit.
    pub async fn insert_credential(&self, credential: &CredentialRow, audit: &AuditRow) -> Result<Stored, StoreError> {
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let write = CredentialWrite { credential: credential.clone(), audit: audit.clone(), reply };
        self.writer.send(write).await.map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?;
        outcome.await.map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?
    }

    pub async fn credential_by_idempotency_key(
        &self,
        department: &str,
        key: &str,
    ) -> Result<Option<CredentialRow>, StoreError> {
        let query =
            format!("SELECT {} FROM credentials WHERE department_id = $1 AND idempotency_key = $2", CREDENTIAL_COLUMNS);
        let row = sqlx::query(&query).bind(department).bind(key).fetch_optional(&self.pool).await?;
        row.map(|r| CredentialRow::from_row(&r)).transpose()
    }

    /// A credential record of `department` (another department's record is not found).
    pub async fn credential(&self, department: &str, id: &str) -> Result<Option<CredentialRow>, StoreError> {
        let query = format!("SELECT {} FROM credentials WHERE department_id = $1 AND id = $2", CREDENTIAL_COLUMNS);
        let row = sqlx::query(&query).bind(department).bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| CredentialRow::from_row(&r)).transpose()
    }

    /// The latest `limit` credential records of `department`, newest first (the console's list).
    pub async fn recent_credentials(&self, department: &str, limit: i64) -> Result<Vec<CredentialRow>, StoreError> {
        let query = format!(
            "SELECT {} FROM credentials WHERE department_id = $1 ORDER BY issued_at DESC, id LIMIT $2",
            CREDENTIAL_COLUMNS
        );
        let rows = sqlx::query(&query).bind(department).bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(CredentialRow::from_row).collect()
    }

    pub async fn count_credentials(&self, department: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM credentials WHERE department_id = $1")
            .bind(department)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }
}
