//! Status lists in the database. An index is handed out by inserting its row: the primary key
//! (department, list, index) is what keeps two credentials, from any number of issuer processes,
//! off one bit. Indexes are drawn at random in blocks, so a process asks the database once per
//! block and the position of a credential in its list says nothing about when it was issued.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use sqlx::Row;

use super::{AuditRow, Store, StoreError};

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
            sqlx::query(
                "INSERT INTO status_lists (department_id, number, purpose, size, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(department)
            .bind(next)
            .bind(purpose)
            .bind(size)
            .bind(now)
            .execute(&self.pool)
            .await?;
        }
        Err(StoreError::Contention(format!("opening a {purpose} status list of {department}")))
    }

    /// Claims the given indexes of a list; returns those that were free (now taken).
    async fn claim(&self, department: &str, list: i64, indexes: &[i64]) -> Result<Vec<i64>, StoreError> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = String::from("INSERT INTO status_entries (department_id, list_number, idx) VALUES ");
        for n in 0..indexes.len() {
            sql.push_str(if n == 0 { "" } else { ", " });
            sql.push_str(&self.backend().row(n * 3 + 1, 3));
        }
        sql.push_str(" ON CONFLICT DO NOTHING RETURNING idx");
        let mut query = sqlx::query(&sql);
        for index in indexes {
            query = query.bind(department).bind(list).bind(*index);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(|row| row.try_get::<i64, _>("idx").map_err(StoreError::from)).collect()
    }

    /// Reserves up to `count` random free indexes (at least one) in the open list of `purpose`,
    /// rolling over to a new list of `size` entries when it is full.
    pub async fn reserve_status_indexes(
        &self,
        department: &str,
        purpose: &str,
        size: i64,
        count: usize,
        now: &str,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        for _ in 0..16 {
            let list = self.open_list(department, purpose, size, now).await?;
            let wanted = count.min(list.size as usize).max(1);
            let candidates: Vec<i64> = rand::seq::index::sample(&mut rand::thread_rng(), list.size as usize, wanted)
                .into_iter()
                .map(|i| i as i64)
                .collect();
            let mut claimed = self.claim(department, list.number, &candidates).await?;
            if claimed.len() * 2 < candidates.len() {
                // Most of a random draw was taken: the list is nearly full. Draw from what is left.
                let used: HashSet<i64> =
                    sqlx::query("SELECT idx FROM status_entries WHERE department_id = $1 AND list_number = $2")
                        .bind(department)
                        .bind(list.number)
                        .fetch_all(&self.pool)
                        .await?
                        .iter()
                        .map(|row| row.try_get::<i64, _>("idx"))
                        .collect::<Result<_, _>>()?;
                let free: Vec<i64> = (0..list.size).filter(|i| !used.contains(i)).collect();
                if free.is_empty() {
                    sqlx::query("UPDATE status_lists SET is_full = 1 WHERE department_id = $1 AND number = $2")
                        .bind(department)
                        .bind(list.number)
                        .execute(&self.pool)
                        .await?;
                } else {
                    let pick: Vec<i64> =
                        free.choose_multiple(&mut rand::thread_rng(), wanted - claimed.len()).copied().collect();
                    claimed.extend(self.claim(department, list.number, &pick).await?);
                }
            }
            if !claimed.is_empty() {
                claimed.shuffle(&mut rand::thread_rng());
                return Ok(claimed.into_iter().map(|index| (list.number, index)).collect());
            }
        }
        Err(StoreError::Contention(format!("reserving {purpose} status indexes of {department}")))
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

    /// The bit of one entry (`None`: no such entry).
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
        audit: &AuditRow,
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        for (list, index, bit) in changes {
            sqlx::query(
                "UPDATE status_entries SET bit = $1 WHERE department_id = $2 AND list_number = $3 AND idx = $4",
            )
            .bind(i64::from(*bit))
            .bind(department)
            .bind(*list)
            .bind(*index)
            .execute(&mut *transaction)
            .await?;
            sqlx::query("UPDATE status_lists SET version = version + 1 WHERE department_id = $1 AND number = $2")
                .bind(department)
                .bind(*list)
                .execute(&mut *transaction)
                .await?;
        }
        Self::append_audit(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }
}
