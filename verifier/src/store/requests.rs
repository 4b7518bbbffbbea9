//! Presentation requests: created under a per-creator bound, served while open, taken by one
//! answer at a time, closed by a verified answer or by too many failed ones, and deleted when
//! they expire or their outcome's retention ends.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    /// An answer is being checked (by this replica or another).
    Verifying,
    Verified,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verifying => "verifying",
            Self::Verified => "verified",
            Self::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        Ok(match text {
            "pending" => Self::Pending,
            "verifying" => Self::Verifying,
            "verified" => Self::Verified,
            "failed" => Self::Failed,
            other => return Err(StoreError::Corrupt(format!("request status {other:?}"))),
        })
    }
}

/// A request to store.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub rid: String,
    pub id: String,
    pub created_by: String,
    /// The signed request's fields, JSON.
    pub request: String,
    pub state: String,
    pub jwt: String,
    pub link: String,
    /// The answer's policies, JSON.
    pub policy: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub page_key_sha256: Option<String>,
}

/// A stored request, as the requesting party reads it.
#[derive(Debug, Clone)]
pub struct RequestRow {
    pub rid: String,
    pub id: String,
    pub created_by: String,
    pub request: String,
    pub link: String,
    pub policy: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub status: Status,
    pub failed_attempts: i64,
    pub outcome_en: Option<String>,
    pub outcome_fr: Option<String>,
}

/// What an attempt to take a request for an answer found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Taken: the request's fields and policies (JSON), to check the answer against.
    Yes {
        request: String,
        policy: String,
    },
    Unknown,
    Expired,
    /// Answered, or being answered.
    Answered,
    StateMismatch,
}

/// What recording an answer's outcome did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// The request is closed with this status.
    Closed(Status),
    /// A failed answer: the request is open again for the person to answer.
    Reopened { failed_attempts: i64 },
    /// The request was no longer being answered (taken again after its lease, or purged).
    Gone,
}

const COLUMNS: &str = "rid, id, created_by, request, link, policy, created_at, expires_at, status, failed_attempts, \
                       outcome_en, outcome_fr";

fn row(row: &sqlx::any::AnyRow) -> Result<RequestRow, StoreError> {
    Ok(RequestRow {
        rid: row.try_get("rid")?,
        id: row.try_get("id")?,
        created_by: row.try_get("created_by")?,
        request: row.try_get("request")?,
        link: row.try_get("link")?,
        policy: row.try_get("policy")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        status: Status::parse(&row.try_get::<String, _>("status")?)?,
        failed_attempts: row.try_get("failed_attempts")?,
        outcome_en: row.try_get("outcome_en")?,
        outcome_fr: row.try_get("outcome_fr")?,
    })
}

impl Store {
    /// Stores `new` unless its creator already has `limit` open requests (then `false`, and
    /// nothing is stored). One statement: the count and the insert cannot be split by another
    /// writer on SQLite; on PostgreSQL two concurrent creations may pass the same count, so the
    /// bound can be passed by the number of replicas at most.
    pub async fn insert_request(&self, new: &NewRequest, limit: i64, now: i64) -> Result<bool, StoreError> {
        let pool = self.ready().await?;
        let result = sqlx::query(
            "INSERT INTO presentation_requests (rid, id, created_by, request, state, jwt, link, policy, created_at, \
             expires_at, status, page_key_sha256, keep_until) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $10 \
             WHERE (SELECT COUNT(*) FROM presentation_requests WHERE created_by = $3 \
                    AND status IN ('pending', 'verifying') AND expires_at > $12) < $13",
        )
        .bind(&new.rid)
        .bind(&new.id)
        .bind(&new.created_by)
        .bind(&new.request)
        .bind(&new.state)
        .bind(&new.jwt)
        .bind(&new.link)
        .bind(&new.policy)
        .bind(new.created_at)
        .bind(new.expires_at)
        .bind(&new.page_key_sha256)
        .bind(now)
        .bind(limit)
        .execute(pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The signed request object of `rid` with its expiry and status.
    pub async fn request_object(&self, rid: &str) -> Result<Option<(String, i64, Status)>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT jwt, expires_at, status FROM presentation_requests WHERE rid = $1")
            .bind(rid)
            .fetch_optional(pool)
            .await?;
        found
            .map(|row| {
                Ok((
                    row.try_get("jwt")?,
                    row.try_get("expires_at")?,
                    Status::parse(&row.try_get::<String, _>("status")?)?,
                ))
            })
            .transpose()
    }

    /// Takes `rid` to check an answer carrying `state`, for `lease` seconds: one conditional
    /// update, so of two answers arriving at once (on two replicas) exactly one takes it.
    pub async fn take_request(&self, rid: &str, state: &str, now: i64, lease: i64) -> Result<Taken, StoreError> {
        let pool = self.ready().await?;
        let until = now + lease;
        let taken = sqlx::query(
            "UPDATE presentation_requests SET status = 'verifying', lease_until = $1, \
             keep_until = CASE WHEN keep_until < $1 THEN $1 ELSE keep_until END \
             WHERE rid = $2 AND state = $3 AND expires_at > $4 \
             AND (status = 'pending' OR (status = 'verifying' AND lease_until <= $4)) \
             RETURNING request, policy",
        )
        .bind(until)
        .bind(rid)
        .bind(state)
        .bind(now)
        .fetch_optional(pool)
        .await?;
        if let Some(taken) = taken {
            return Ok(Taken::Yes { request: taken.try_get("request")?, policy: taken.try_get("policy")? });
        }
        // Not taken: say why, as the wallet needs to know.
        let found = sqlx::query("SELECT state, expires_at FROM presentation_requests WHERE rid = $1")
            .bind(rid)
            .fetch_optional(pool)
            .await?;
        let Some(found) = found else {
            return Ok(Taken::Unknown);
        };
        if found.try_get::<i64, _>("expires_at")? <= now {
            return Ok(Taken::Expired);
        }
        if found.try_get::<String, _>("state")? != state {
            return Ok(Taken::StateMismatch);
        }
        Ok(Taken::Answered)
    }

    /// Records the outcome of the answer that took `rid` with the lease `lease_until` (an answer
    /// whose lease ran out and was taken by another records nothing): a verified one closes the request; a
    /// failed one reopens it, or closes it as failed at its `max_failures`-th failure. A closed
    /// request's outcome is kept until `keep`.
    pub async fn finish_request(
        &self,
        rid: &str,
        lease_until: i64,
        verified: bool,
        outcome: (&str, &str),
        max_failures: i64,
        keep: i64,
    ) -> Result<Finished, StoreError> {
        let pool = self.ready().await?;
        let updated = if verified {
            sqlx::query(
                "UPDATE presentation_requests SET status = 'verified', outcome_en = $1, outcome_fr = $2, \
                 lease_until = 0, keep_until = $3 WHERE rid = $4 AND status = 'verifying' AND lease_until = $5 \
                 RETURNING status, failed_attempts",
            )
            .bind(outcome.0)
            .bind(outcome.1)
            .bind(keep)
            .bind(rid)
            .bind(lease_until)
            .fetch_optional(pool)
            .await?
        } else {
            sqlx::query(
                "UPDATE presentation_requests SET failed_attempts = failed_attempts + 1, \
                 status = CASE WHEN failed_attempts + 1 >= $1 THEN 'failed' ELSE 'pending' END, \
                 keep_until = CASE WHEN failed_attempts + 1 >= $1 THEN $2 ELSE expires_at END, \
                 outcome_en = $3, outcome_fr = $4, lease_until = 0 \
                 WHERE rid = $5 AND status = 'verifying' AND lease_until = $6 RETURNING status, failed_attempts",
            )
            .bind(max_failures)
            .bind(keep)
            .bind(outcome.0)
            .bind(outcome.1)
            .bind(rid)
            .bind(lease_until)
            .fetch_optional(pool)
            .await?
        };
        let Some(updated) = updated else {
            return Ok(Finished::Gone);
        };
        Ok(match Status::parse(&updated.try_get::<String, _>("status")?)? {
            Status::Pending => Finished::Reopened { failed_attempts: updated.try_get("failed_attempts")? },
            closed => Finished::Closed(closed),
        })
    }

    /// The request the requesting party knows as `id`.
    pub async fn request_by_id(&self, id: &str) -> Result<Option<RequestRow>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query(&format!("SELECT {COLUMNS} FROM presentation_requests WHERE id = $1"))
            .bind(id)
            .fetch_optional(pool)
            .await?;
        found.as_ref().map(row).transpose()
    }

    /// The link of a request started from the page, if `key_sha256` is its key's.
    pub async fn page_link(&self, id: &str, key_sha256: &str) -> Result<Option<String>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT link FROM presentation_requests WHERE id = $1 AND page_key_sha256 = $2")
            .bind(id)
            .bind(key_sha256)
            .fetch_optional(pool)
            .await?;
        found.map(|row| row.try_get("link").map_err(StoreError::from)).transpose()
    }

    /// The requests still open at `now`, oldest first.
    pub async fn open_requests(&self, now: i64) -> Result<Vec<RequestRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM presentation_requests WHERE status IN ('pending', 'verifying') \
             AND expires_at > $1 ORDER BY created_at, id"
        ))
        .bind(now)
        .fetch_all(pool)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Deletes what has passed its time: requests past expiry or retention, challenges past
    /// expiry. Returns how many of each.
    pub async fn purge(&self, now: i64) -> Result<(u64, u64), StoreError> {
        let pool = self.ready().await?;
        let requests =
            sqlx::query("DELETE FROM presentation_requests WHERE keep_until <= $1").bind(now).execute(pool).await?;
        // A name-blind view and its reveal go with their request.
        sqlx::query("DELETE FROM blind_views WHERE request_id NOT IN (SELECT id FROM presentation_requests)")
            .execute(pool)
            .await?;
        let challenges = sqlx::query("DELETE FROM challenges WHERE expires_at <= $1").bind(now).execute(pool).await?;
        Ok((requests.rows_affected(), challenges.rows_affected()))
    }

    /// How many requests and challenges are stored (for tests and `/readyz`-style checks).
    pub async fn counts(&self) -> Result<(i64, i64), StoreError> {
        let pool = self.ready().await?;
        let requests: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM presentation_requests").fetch_one(pool).await?.try_get("n")?;
        let challenges: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM challenges").fetch_one(pool).await?.try_get("n")?;
        Ok((requests, challenges))
    }
}

impl Status {
    /// The name the API and the database use.
    pub fn name(self) -> &'static str {
        self.as_str()
    }
}
