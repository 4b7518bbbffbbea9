//! API tokens in the database: only the hash of a token's secret is stored, and a revoked
//! token keeps its row (with when it was revoked) for the audit log.

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::{AuditRow, TokenRow};

impl Store {
    pub async fn insert_token(&self, token: &TokenRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("INSERT INTO tokens (id, department_id, secret_hash, scopes, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)")
            .bind(&token.id)
            .bind(&token.department_id)
            .bind(&token.secret_hash)
            .bind(&token.scopes)
            .bind(&token.label)
            .bind(&token.created_at)
            .execute(&mut *transaction)
            .await?;
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn token(&self, id: &str) -> Result<Option<TokenRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, department_id, secret_hash, scopes, label, created_at, revoked_at FROM tokens WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| TokenRow::from_row(&r)).transpose()
    }

    /// Revokes a token of `department`; false when there is no such live token.
    pub async fn revoke_token(
        &self,
        department: &str,
        id: &str,
        at: &str,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let result = sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND department_id = $3 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .bind(department)
        .execute(&mut *transaction)
        .await?;
        if result.rows_affected() == 0 {
            return Ok(false);
        }
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(true)
    }
}
