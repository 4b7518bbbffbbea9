//! What a manager's views change after the answer: the reveal of a name-blind view (recorded
//! once: who and when, the first reveal stands), and an outcome whose credentials' status was
//! read again ("check again now"). Each one statement.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

/// A recorded reveal: when (Unix seconds) and who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevealRow {
    pub revealed_at: i64,
    pub revealed_by: String,
}

impl Store {
    /// Marks request `id` as asked name-blind (again: no change).
    pub async fn mark_blind(&self, id: &str) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        sqlx::query("INSERT INTO blind_views (request_id) VALUES ($1) ON CONFLICT (request_id) DO NOTHING")
            .bind(id)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// Whether request `id` was asked name-blind (`None`: not on its own), and its reveal if
    /// one was recorded.
    pub async fn blind_view(&self, id: &str) -> Result<Option<Option<RevealRow>>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT revealed_at, revealed_by FROM blind_views WHERE request_id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
        let Some(found) = found else {
            return Ok(None);
        };
        let at: Option<i64> = found.try_get("revealed_at")?;
        let by: Option<String> = found.try_get("revealed_by")?;
        Ok(Some(at.map(|revealed_at| RevealRow { revealed_at, revealed_by: by.unwrap_or_default() })))
    }

    /// Records the reveal of request `id` by `by` at `at`, unless one is recorded already (the
    /// first stands); returns the reveal recorded.
    pub async fn reveal(&self, id: &str, by: &str, at: i64) -> Result<RevealRow, StoreError> {
        let pool = self.ready().await?;
        sqlx::query(
            "INSERT INTO blind_views (request_id, revealed_at, revealed_by) VALUES ($1, $2, $3) \
             ON CONFLICT (request_id) DO UPDATE SET revealed_at = $2, revealed_by = $3 \
             WHERE blind_views.revealed_at IS NULL",
        )
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(pool)
        .await?;
        self.blind_view(id).await?.flatten().ok_or_else(|| StoreError::Corrupt(format!("reveal of {id} not kept")))
    }

    /// Replaces the outcome of answered request `id` (both languages), as "check again now"
    /// leaves it; `false` when the request is not answered (or no longer stored).
    pub async fn replace_outcome(&self, id: &str, outcome: (&str, &str)) -> Result<bool, StoreError> {
        let pool = self.ready().await?;
        let updated = sqlx::query(
            "UPDATE presentation_requests SET outcome_en = $1, outcome_fr = $2 \
             WHERE id = $3 AND status IN ('verified', 'failed')",
        )
        .bind(outcome.0)
        .bind(outcome.1)
        .bind(id)
        .execute(pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }
}
