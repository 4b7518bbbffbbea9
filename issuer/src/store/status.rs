//! Status lists in the database. Each list has a counter of the positions handed out and a
//! seed; position p holds index `permutation(seed)[p]`. A process reserves a block of positions
//! with one atomic counter update, so any number of issuer processes never get the same
//! position, the permutation is a bijection so they never get the same index, and a unique
//! index on the credentials' (list, position) makes the database refuse a second credential on
//! a position whatever the code does (keyed by position, the index grows at its end; keyed by
//! the random index, every commit rewrote pages all over it). The permutation is random, so an index says nothing about when it was issued; the
//! counter says when the list is full.

use lang::Lang;
use rand::RngCore;
use sqlx::Row;

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::{AuditRow, StatusSlot};
use crate::i18n::t;

/// One status list of a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListRow {
    pub number: i64,
    pub purpose: String,
    pub size: i64,
    pub version: i64,
    pub is_full: bool,
}

impl StatusListRow {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            number: row.try_get("number")?,
            purpose: row.try_get("purpose")?,
            size: row.try_get("size")?,
            version: row.try_get("version")?,
            is_full: row.try_get::<i64, _>("is_full")? != 0,
        })
    }
}

const LIST_COLUMNS: &str = "number, purpose, size, version, is_full";

impl Store {
    /// The list new credentials of `purpose` go to; created (numbered after the department's
    /// last list) when there is none. Two processes creating one at once agree on the survivor.
    async fn open_list(
        &self,
        department: &str,
        purpose: &str,
        size: i64,
        now: &str,
    ) -> Result<StatusListRow, StoreError> {
        for _ in 0..16 {
            let query = format!(
                "SELECT {LIST_COLUMNS} FROM status_lists WHERE department_id = $1 AND purpose = $2 AND is_full = 0 ORDER BY number DESC LIMIT 1"
            );
            if let Some(row) = sqlx::query(&query).bind(department).bind(purpose).fetch_optional(&self.pool).await? {
                return StatusListRow::from_row(&row);
            }
            let next: i64 =
                sqlx::query("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM status_lists WHERE department_id = $1")
                    .bind(department)
                    .fetch_one(&self.pool)
                    .await?
                    .try_get("n")?;
            let mut seed = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut seed);
            sqlx::query(
                "INSERT INTO status_lists (department_id, number, purpose, size, created_at, permutation_seed) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            )
            .bind(department)
            .bind(next)
            .bind(purpose)
            .bind(size)
            .bind(now)
            .bind(hex::encode(seed))
            .execute(&self.pool)
            .await?;
        }
        Err(StoreError::Contention(t!(Lang::En, "store-opening-list", purpose = purpose, department = department)))
    }

    /// Reserves up to `count` free indexes (at least one) of the open list of `purpose`, in
    /// random order, rolling over to a new list of `size` entries when it is full.
    pub async fn reserve_status_indexes(
        &self,
        department: &str,
        purpose: &str,
        size: i64,
        count: usize,
        now: &str,
    ) -> Result<Vec<StatusSlot>, StoreError> {
        let count = i64::try_from(count.max(1)).unwrap_or(i64::MAX).min(size);
        for _ in 0..16 {
            let list = self.open_list(department, purpose, size, now).await?;
            // Takes positions [next, next + count) and closes the list when they reach its end;
            // `RETURNING` gives the counter after the update.
            let taken = sqlx::query(
                "UPDATE status_lists SET next_position = next_position + $1, \
                 is_full = CASE WHEN next_position + $1 >= size THEN 1 ELSE 0 END \
                 WHERE department_id = $2 AND number = $3 AND is_full = 0 \
                 RETURNING next_position, size, permutation_seed",
            )
            .bind(count)
            .bind(department)
            .bind(list.number)
            .fetch_optional(&self.pool)
            .await?;
            // Closed by another process between the two statements: open the next one.
            let Some(taken) = taken else { continue };
            let end: i64 = taken.try_get("next_position")?;
            let size: i64 = taken.try_get("size")?;
            let seed: Option<String> = taken.try_get("permutation_seed")?;
            let seed = seed.and_then(|seed| hex::decode(seed).ok()).and_then(|seed| <[u8; 32]>::try_from(seed).ok());
            let Some(seed) = seed.filter(|_| u32::try_from(size).is_ok()) else {
                // A list this code did not open (no seed, or too large for its permutation):
                // it takes no more credentials from here; the next one is opened properly.
                tracing::warn!(department, list = list.number, "closing a status list without a usable seed");
                sqlx::query("UPDATE status_lists SET is_full = 1 WHERE department_id = $1 AND number = $2")
                    .bind(department)
                    .bind(list.number)
                    .execute(&self.pool)
                    .await?;
                continue;
            };
            let positions = (end - count).max(0)..end.min(size);
            if positions.is_empty() {
                continue;
            }
            let permutation = self.permutations.get(&seed, usize::try_from(size).unwrap_or(0));
            // In position order: the unique index on positions then grows at its end.
            let reserved: Vec<StatusSlot> = positions
                .filter_map(|position| {
                    let index = permutation.get(usize::try_from(position).ok()?)?;
                    Some(StatusSlot { list: list.number, index: i64::from(*index), position: Some(position) })
                })
                .collect();
            return Ok(reserved);
        }
        Err(StoreError::Contention(t!(Lang::En, "store-reserving-indexes", purpose = purpose, department = department)))
    }

    pub async fn status_list(&self, department: &str, number: i64) -> Result<Option<StatusListRow>, StoreError> {
        let query = format!("SELECT {LIST_COLUMNS} FROM status_lists WHERE department_id = $1 AND number = $2");
        let row = sqlx::query(&query).bind(department).bind(number).fetch_optional(&self.pool).await?;
        row.map(|r| StatusListRow::from_row(&r)).transpose()
    }

    /// The indexes of a list whose bit is set.
    pub async fn set_status_indexes(&self, department: &str, number: i64) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT idx FROM status_entries WHERE department_id = $1 AND list_number = $2 AND bit = 1 ORDER BY idx",
        )
        .bind(department)
        .bind(number)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|row| row.try_get::<i64, _>("idx").map_err(StoreError::from)).collect()
    }

    /// Indexes of list `number` (of `purpose`) whose credential has its *other* purpose's bit
    /// set: a Status List Token over this list says revoked and suspended in one value.
    pub async fn other_purpose_set(
        &self,
        department: &str,
        number: i64,
        purpose: &str,
    ) -> Result<Vec<i64>, StoreError> {
        let (own, other) =
            if purpose == "revocation" { ("revocation", "suspension") } else { ("suspension", "revocation") };
        let query = format!(
            "SELECT c.{own}_index AS idx FROM credentials c JOIN status_entries e \
             ON e.department_id = c.department_id AND e.list_number = c.{other}_list AND e.idx = c.{other}_index \
             WHERE c.department_id = $1 AND c.{own}_list = $2 AND e.bit = 1"
        );
        let rows = sqlx::query(&query).bind(department).bind(number).fetch_all(&self.pool).await?;
        rows.iter().map(|row| row.try_get::<i64, _>("idx").map_err(StoreError::from)).collect()
    }

    /// The sum of the versions of every list of a department: it changes whenever any bit does.
    pub async fn status_generation(&self, department: &str) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) AS generation FROM status_lists WHERE department_id = $1",
        )
        .bind(department)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>("generation")?)
    }

    /// The bit of one entry (`None`: never changed, so 0).
    pub async fn status_bit(&self, department: &str, list: i64, index: i64) -> Result<Option<bool>, StoreError> {
        let row =
            sqlx::query("SELECT bit FROM status_entries WHERE department_id = $1 AND list_number = $2 AND idx = $3")
                .bind(department)
                .bind(list)
                .bind(index)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|row| row.try_get::<i64, _>("bit")).transpose()?.map(|bit| bit != 0))
    }

    /// Sets bits, bumps the version of each list touched and appends the audit entry, in one
    /// transaction.
    pub async fn set_status_bits(
        &self,
        department: &str,
        changes: &[(i64, i64, bool)],
        audits: &[AuditRow],
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        for (list, index, bit) in changes {
            // Entries exist only for bits that were ever changed.
            sqlx::query(
                "INSERT INTO status_entries (department_id, list_number, idx, bit) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (department_id, list_number, idx) DO UPDATE SET bit = excluded.bit",
            )
            .bind(department)
            .bind(*list)
            .bind(*index)
            .bind(i64::from(*bit))
            .execute(&mut *transaction)
            .await?;
            sqlx::query("UPDATE status_lists SET version = version + 1 WHERE department_id = $1 AND number = $2")
                .bind(department)
                .bind(*list)
                .execute(&mut *transaction)
                .await?;
        }
        for audit in audits {
            audit::append(&mut transaction, audit).await?;
        }
        transaction.commit().await?;
        Ok(())
    }
}
