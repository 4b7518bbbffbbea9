//! Single-use challenges: stored under a bound, used by one conditional delete.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

impl Store {
    /// Stores a new challenge (the service bounds how many are open: counting them here would
    /// cost a scan per challenge).
    pub async fn insert_challenge(&self, challenge: &str, expires_at: i64) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        sqlx::query("INSERT INTO challenges (challenge, expires_at) VALUES ($1, $2)")
            .bind(challenge)
            .bind(expires_at)
            .execute(pool)
            .await?;
        Ok(())
    }

    /// How many challenges are open at `now`.
    pub async fn open_challenges(&self, now: i64) -> Result<i64, StoreError> {
        let pool = self.ready().await?;
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM challenges WHERE expires_at > $1").bind(now).fetch_one(pool).await?;
        Ok(row.try_get("n")?)
    }

    /// Uses `challenge` once: `Err` (code) when it is unknown, was used, or expired. The
    /// deleting statement is the only test, so on two replicas at once exactly one succeeds.
    pub async fn consume_challenge(&self, challenge: &str, now: i64) -> Result<Result<(), &'static str>, StoreError> {
        let pool = self.ready().await?;
        let used = sqlx::query("DELETE FROM challenges WHERE challenge = $1 AND expires_at > $2")
            .bind(challenge)
            .bind(now)
            .execute(pool)
            .await?;
        if used.rows_affected() == 1 {
            return Ok(Ok(()));
        }
        let expired = sqlx::query("DELETE FROM challenges WHERE challenge = $1").bind(challenge).execute(pool).await?;
        Ok(Err(if expired.rows_affected() == 1 { "challenge_expired" } else { "challenge_unknown_or_used" }))
    }

    /// Whether `challenge` is open (for tests).
    pub async fn challenge_open(&self, challenge: &str, now: i64) -> Result<bool, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT expires_at FROM challenges WHERE challenge = $1")
            .bind(challenge)
            .fetch_optional(pool)
            .await?;
        Ok(found.map(|row| row.try_get::<i64, _>("expires_at")).transpose()?.is_some_and(|expires| expires > now))
    }
}
