//! The directory's count of verified skills per profile, family and minimum level
//! (`directory_family_levels`, migration 0005): what lets a search by family read one index range
//! in the order of its results instead of counting the skill lines of most profiles (docs/
//! PERFORMANCE.md, "Directory search over 100,000 profiles"). Written from `directory_skills`
//! whenever a publication's lines change, and again for any profile whose counted lines have
//! since expired, so that the rows always say what the lines say at the time of a search.

use sqlx::{AnyConnection, Row};

use super::database::Store;
use super::error::StoreError;

/// Writes the rows of the profiles matching `condition` (on `s.profile_id`, with `$2` and on as
/// its values), counting the lines still valid at `$1`. The rows counted by an earlier write are
/// replaced; rows left with no valid line are for the caller to delete.
fn upsert(condition: &str) -> String {
    format!(
        "WITH levels(min_level) AS (VALUES (1), (2), (3), (4)) \
         INSERT INTO directory_family_levels \
         (profile_id, family, min_level, matched, best_level, valid_until, published_at, expires_at, recent_until) \
         SELECT s.profile_id, s.family, l.min_level, COUNT(DISTINCT s.skill), MAX(s.level), MIN(s.valid_until), \
         p.published_at, p.expires_at, p.recent_until \
         FROM directory_skills s JOIN levels l ON s.level >= l.min_level JOIN directory_profiles p ON p.id = s.profile_id \
         WHERE s.valid_until > $1 AND {condition} \
         GROUP BY s.profile_id, s.family, l.min_level, p.published_at, p.expires_at, p.recent_until \
         ON CONFLICT (profile_id, family, min_level) DO UPDATE SET matched = excluded.matched, \
         best_level = excluded.best_level, valid_until = excluded.valid_until, published_at = excluded.published_at, \
         expires_at = excluded.expires_at, recent_until = excluded.recent_until"
    )
}

/// Writes again the rows of publication `id` from its skill lines valid at `now` (after it was
/// published or lost lines to a status re-check).
pub(super) async fn write_profile(connection: &mut AnyConnection, id: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM directory_family_levels WHERE profile_id = $1").bind(id).execute(&mut *connection).await?;
    sqlx::query(&upsert("s.profile_id = $2")).bind(now).bind(id).execute(&mut *connection).await?;
    Ok(())
}

/// Deletes the rows of the publications matching `condition` (on `directory_profiles`, `$1`).
pub(super) fn delete_for(condition: &str) -> String {
    format!(
        "DELETE FROM directory_family_levels WHERE profile_id IN (SELECT id FROM directory_profiles WHERE {condition})"
    )
}

impl Store {
    /// Writes again the rows that counted a line expired at `now`, for every profile that has one,
    /// and deletes those left with no valid line: afterwards every row with `valid_until > now` is
    /// exact and no profile is missing. Nothing is written when no row has expired (one index
    /// read). Searches by family call it first; the bench calls it after writing its rows.
    pub async fn refresh_family_levels(&self, now: i64) -> Result<u64, StoreError> {
        let pool = self.ready().await?;
        // The earliest end, read from the end of its index. (`WHERE valid_until <= $1 LIMIT 1`
        // looked the same, but PostgreSQL's generic plan of it, which sqlx's prepared statement
        // gets after five runs, read the whole table when no row matched: 190 ms.)
        let earliest: Option<i64> = sqlx::query("SELECT MIN(valid_until) AS earliest FROM directory_family_levels")
            .fetch_one(pool)
            .await?
            .try_get("earliest")?;
        if earliest.is_none_or(|earliest| earliest > now) {
            return Ok(0);
        }
        let mut transaction = pool.begin().await?;
        let written = sqlx::query(&upsert(
            "s.profile_id IN (SELECT profile_id FROM directory_family_levels WHERE valid_until <= $1)",
        ))
        .bind(now)
        .execute(&mut *transaction)
        .await?;
        sqlx::query("DELETE FROM directory_family_levels WHERE valid_until <= $1")
            .bind(now)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(written.rows_affected())
    }

    /// Rebuilds every row from the skill lines valid at `now`: for rows written straight into
    /// `directory_skills` (the bench), as migration 0005 did for the publications of its time.
    pub async fn rebuild_family_levels(&self, now: i64) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        let mut transaction = pool.begin().await?;
        sqlx::query("DELETE FROM directory_family_levels").execute(&mut *transaction).await?;
        sqlx::query(&upsert("1 = 1")).bind(now).execute(&mut *transaction).await?;
        transaction.commit().await?;
        Ok(())
    }
}
