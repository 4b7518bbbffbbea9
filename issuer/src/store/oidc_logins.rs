//! Sign-ins with a department's OpenID Connect provider under way, in the database so that any
//! replica can finish one: stored when the browser is sent to the provider, and taken (read and
//! deleted in one statement) by the callback, so that a state is used once even when two
//! requests race. Expiry is the domain's; this module compares the times it is given.

use sqlx::Row;

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;

/// One sign-in under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcLoginRow {
    pub state_sha256: String,
    pub department_id: String,
    pub pkce_verifier: String,
    pub nonce: String,
    pub browser_sha256: String,
    pub lang: String,
    pub expires_at: i64,
}

impl Store {
    /// Records a sign-in under way, and deletes those expired before `now`.
    pub async fn insert_oidc_login(&self, login: &OidcLoginRow, now: i64) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM oidc_logins WHERE expires_at < $1").bind(now).execute(&self.pool).await?;
        sqlx::query("INSERT INTO oidc_logins (state_sha256, department_id, pkce_verifier, nonce, browser_sha256, lang, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&login.state_sha256)
            .bind(&login.department_id)
            .bind(&login.pkce_verifier)
            .bind(&login.nonce)
            .bind(&login.browser_sha256)
            .bind(&login.lang)
            .bind(login.expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Takes the sign-in whose state hashes to `state_sha256`: it is deleted, whether it is
    /// still valid or not (the caller checks), and a second take finds nothing.
    pub async fn take_oidc_login(&self, state_sha256: &str) -> Result<Option<OidcLoginRow>, StoreError> {
        let row = sqlx::query("DELETE FROM oidc_logins WHERE state_sha256 = $1 RETURNING state_sha256, department_id, pkce_verifier, nonce, browser_sha256, lang, expires_at")
            .bind(state_sha256)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(OidcLoginRow {
                state_sha256: row.try_get("state_sha256")?,
                department_id: row.try_get("department_id")?,
                pkce_verifier: row.try_get("pkce_verifier")?,
                nonce: row.try_get("nonce")?,
                browser_sha256: row.try_get("browser_sha256")?,
                lang: row.try_get("lang")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    /// Writes an audit entry that records no change of data (a refused sign-in).
    pub async fn append_audit(&self, entry: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        audit::append(&mut transaction, entry).await?;
        transaction.commit().await?;
        Ok(())
    }
}
