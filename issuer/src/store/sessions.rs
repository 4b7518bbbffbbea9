//! Staff console sessions in the database (so every replica knows them): only the hash of the
//! cookie's secret is a key, and opening or ending a session writes its audit entry in the same
//! transaction. Time-outs are the domain's; this module only compares the times it is given.

use sqlx::Row;

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;

/// One signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id_sha256: String,
    pub department_id: String,
    pub actor: String,
    pub display_name: String,
    pub scopes: String,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl Store {
    pub async fn insert_session(&self, session: &SessionRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("INSERT INTO staff_sessions (id_sha256, department_id, actor, display_name, scopes, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&session.id_sha256)
            .bind(&session.department_id)
            .bind(&session.actor)
            .bind(&session.display_name)
            .bind(&session.scopes)
            .bind(&session.csrf)
            .bind(session.created_at)
            .bind(session.last_seen_at)
            .execute(&mut *transaction)
            .await?;
        sqlx::query("INSERT INTO staff_names (department_id, actor, display_name, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (department_id, actor) DO UPDATE SET display_name = excluded.display_name, seen_at = excluded.seen_at")
            .bind(&session.department_id)
            .bind(&session.actor)
            .bind(&session.display_name)
            .bind(&audit.at)
            .execute(&mut *transaction)
            .await?;
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The name each staff member of `department` last signed in under, by actor.
    pub async fn staff_names(&self, department: &str) -> Result<std::collections::HashMap<String, String>, StoreError> {
        let rows = sqlx::query("SELECT actor, display_name FROM staff_names WHERE department_id = $1")
            .bind(department)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get::<String, _>("actor")?, row.try_get::<String, _>("display_name")?)))
            .collect()
    }

    /// The session whose secret hashes to `id_sha256`, if it was seen at or after `idle_since`
    /// and opened at or after `opened_since`; it is then marked seen at `now`. A session past
    /// either time-out is deleted and `None` answers.
    pub async fn live_session(
        &self,
        id_sha256: &str,
        idle_since: i64,
        opened_since: i64,
        now: i64,
    ) -> Result<Option<SessionRow>, StoreError> {
        let touched = sqlx::query(
            "UPDATE staff_sessions SET last_seen_at = $1 WHERE id_sha256 = $2 AND last_seen_at >= $3 AND created_at >= $4",
        )
        .bind(now)
        .bind(id_sha256)
        .bind(idle_since)
        .bind(opened_since)
        .execute(&self.pool)
        .await?;
        if touched.rows_affected() == 0 {
            sqlx::query("DELETE FROM staff_sessions WHERE id_sha256 = $1").bind(id_sha256).execute(&self.pool).await?;
            return Ok(None);
        }
        let row = sqlx::query("SELECT id_sha256, department_id, actor, display_name, scopes, csrf, created_at, last_seen_at FROM staff_sessions WHERE id_sha256 = $1")
            .bind(id_sha256)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(SessionRow {
                id_sha256: row.try_get("id_sha256")?,
                department_id: row.try_get("department_id")?,
                actor: row.try_get("actor")?,
                display_name: row.try_get("display_name")?,
                scopes: row.try_get("scopes")?,
                csrf: row.try_get("csrf")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            })
        })
        .transpose()
    }

    /// Ends a session (sign-out); false when there was none.
    pub async fn delete_session(&self, id_sha256: &str, audit: &AuditRow) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let deleted = sqlx::query("DELETE FROM staff_sessions WHERE id_sha256 = $1")
            .bind(id_sha256)
            .execute(&mut *transaction)
            .await?;
        if deleted.rows_affected() == 0 {
            return Ok(false);
        }
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(true)
    }

    /// Deletes the sessions not seen since `idle_since` or opened before `opened_since`.
    pub async fn purge_sessions(&self, idle_since: i64, opened_since: i64) -> Result<u64, StoreError> {
        let deleted = sqlx::query("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(idle_since)
            .bind(opened_since)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }
}
