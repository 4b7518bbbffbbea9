//! The figures' SQL: counts of persons per cell grouped by the database (each person's distinct
//! cells, the first `bound` of them in cell order, counted per cell — the contribution bound
//! of `figures::bound_persons`, done where the rows are), and the privacy budget and releases
//! of each department and quarter. Only counts leave these queries, never a person's row.
//!
//! A person is the credential's subject (`credentialSubject.id`), else the person reference
//! the department recorded (migration 0011, normalized); credentials with neither cannot be
//! bounded per person and are not counted.

use std::collections::BTreeMap;

use figures::Cell;
use sqlx::Row;

use super::audit::append;
use super::backend::Backend;
use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;
use super::search::{REVOKED, SUSPENDED};

/// Who a credential counts for.
const PERSON: &str = "COALESCE(c.subject, 'ref:' || c.person_key)";
/// Only credentials whose person is known.
const HAS_PERSON: &str = "(c.subject IS NOT NULL OR c.person_key IS NOT NULL)";
/// The department ($1) and the quarter issued in ($2 ≤ issued_at < $3).
const IN_PERIOD: &str = "c.department_id = $1 AND c.issued_at >= $2 AND c.issued_at < $3";

/// The counts a department's release is made of, each bounded per person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureCounts {
    /// Active skill credentials by skill and level.
    pub skills: BTreeMap<Cell, u64>,
    /// Skills used in assignment credentials, by skill family.
    pub assignments: BTreeMap<Cell, u64>,
    /// Credentials revoked in the quarter (whenever issued), by credential type.
    pub revocations: BTreeMap<Cell, u64>,
}

/// A release to record.
#[derive(Debug, Clone, Copy)]
pub struct FigureRelease<'a> {
    pub department: &'a str,
    pub id: &'a str,
    pub period: &'a str,
    pub epsilon: f64,
    pub created_at: &'a str,
    /// The signed credential's text.
    pub body: &'a str,
}

/// The (skill, family) pairs of the taxonomy as a `VALUES` list (keys are `[a-z0-9_]`: only
/// such pairs are written, so nothing needs quoting beyond the quotes).
fn families_values(families: &[(String, String)]) -> Option<String> {
    let safe = |text: &str| {
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    let rows: Vec<String> = families
        .iter()
        .filter(|(skill, family)| safe(skill) && safe(family))
        .map(|(skill, family)| format!("('{skill}', '{family}')"))
        .collect();
    (!rows.is_empty()).then(|| rows.join(", "))
}

impl Store {
    /// Persons per cell: `cells` selects `person, k1, k2` (grouped: each person's distinct
    /// cells), binding $1 to $3; each person keeps the first `bound` cells ($4).
    async fn bounded_counts(
        connection: &mut sqlx::AnyConnection,
        prefix: &str,
        cells: &str,
        department: &str,
        (start, end): (&str, &str),
        bound: u32,
    ) -> Result<BTreeMap<Cell, u64>, StoreError> {
        let sql = format!(
            "WITH {prefix} cells AS (SELECT {cells} GROUP BY 1, 2, 3), \
             ranked AS (SELECT k1, k2, ROW_NUMBER() OVER (PARTITION BY person ORDER BY k1, k2) AS n FROM cells) \
             SELECT k1, k2, COUNT(*) AS persons FROM ranked WHERE n <= $4 GROUP BY k1, k2"
        );
        let rows = sqlx::query(&sql)
            .bind(department)
            .bind(start)
            .bind(end)
            .bind(i64::from(bound))
            .fetch_all(&mut *connection)
            .await?;
        let mut counts = BTreeMap::new();
        for row in rows {
            let k1: String = row.try_get("k1")?;
            let k2: String = row.try_get("k2")?;
            let persons: i64 = row.try_get("persons")?;
            let key = if k2.is_empty() { vec![k1] } else { vec![k1, k2] };
            counts.insert(Cell(key), u64::try_from(persons).unwrap_or_default());
        }
        Ok(counts)
    }

    /// The counts of `department` for the quarter `[start, end)`, each person in at most
    /// `bound` cells of each table. `now` says which credentials have expired; `families` is
    /// the taxonomy's (skill, family) pairs.
    pub async fn figure_counts(
        &self,
        department: &str,
        period: (&str, &str),
        now: &str,
        bound: u32,
        families: &[(String, String)],
    ) -> Result<FigureCounts, StoreError> {
        // The grouping sorts every (person, cell) of the quarter: millions of rows for a large
        // department. SQLite keeps temporary b-trees in memory on this store's connection
        // (fast for everything else); for these queries they go to temporary files, with a
        // bounded cache, and PostgreSQL gets working memory for its sorts, in the transaction.
        if self.backend == Backend::Postgres {
            // Rolled back if the caller gives up half-way (dropped), committed otherwise.
            let mut transaction = self.pool.begin().await?;
            sqlx::query("SET TRANSACTION READ ONLY").execute(&mut *transaction).await?;
            sqlx::query("SET LOCAL work_mem = '64MB'").execute(&mut *transaction).await?;
            let counts = self.count_cells(&mut transaction, department, period, now, bound, families).await?;
            transaction.commit().await?;
            return Ok(counts);
        }
        let mut connection = self.pool.acquire().await?;
        let cache: i64 = sqlx::query("PRAGMA cache_size").fetch_one(&mut *connection).await?.try_get(0)?;
        sqlx::query("PRAGMA temp_store = FILE").execute(&mut *connection).await?;
        sqlx::query("PRAGMA cache_size = -65536").execute(&mut *connection).await?;
        let counted = self.count_cells(&mut connection, department, period, now, bound, families).await;
        let file = sqlx::query("PRAGMA temp_store = MEMORY").execute(&mut *connection).await;
        let restored = file.and(sqlx::query(&format!("PRAGMA cache_size = {cache}")).execute(&mut *connection).await);
        if restored.is_err() {
            // Not left on the pool with other settings.
            connection.detach();
        }
        let counts = counted?;
        restored?;
        Ok(counts)
    }

    async fn count_cells(
        &self,
        connection: &mut sqlx::AnyConnection,
        department: &str,
        period: (&str, &str),
        now: &str,
        bound: u32,
        families: &[(String, String)],
    ) -> Result<FigureCounts, StoreError> {
        // `now` is a quoted literal: issued_at's form, checked to hold no quote.
        let now = now.replace('\'', "");
        let active =
            format!("NOT {REVOKED} AND NOT {SUSPENDED} AND (c.valid_until IS NULL OR c.valid_until >= '{now}')");
        let skills = Self::bounded_counts(
            connection,
            "",
            &format!(
                "{PERSON} AS person, SUBSTR(c.skill_keys, 2, LENGTH(c.skill_keys) - 2) AS k1, c.skill_level AS k2 \
                     FROM credentials c WHERE {IN_PERIOD} AND c.credential_type = 'SkillCredential' \
                     AND c.skill_level IS NOT NULL AND c.skill_keys IS NOT NULL AND {HAS_PERSON} AND {active}"
            ),
            department,
            period,
            bound,
        )
        .await?;
        // Each assignment's skills, one row each (split in the database: `,a,b,` → a, b), joined
        // to their families by equality, which the database hashes or indexes.
        let skill_rows = match self.backend {
            Backend::Sqlite => {
                "json_each('[\"' || REPLACE(SUBSTR(c.skill_keys, 2, LENGTH(c.skill_keys) - 2), ',', '\",\"') || '\"]') AS s"
            }
            Backend::Postgres => "unnest(string_to_array(TRIM(BOTH ',' FROM c.skill_keys), ',')) AS s(value)",
        };
        let assignments = match families_values(families) {
            Some(values) => {
                Self::bounded_counts(
                    connection,
                    &format!("families (skill, family) AS (VALUES {values}),"),
                    &format!(
                        "{PERSON} AS person, f.family AS k1, '' AS k2 FROM credentials c CROSS JOIN {skill_rows} \
                         JOIN families f ON f.skill = s.value \
                         WHERE {IN_PERIOD} AND c.credential_type = 'AssignmentCredential' AND c.skill_keys IS NOT NULL \
                         AND LENGTH(c.skill_keys) > 2 AND {HAS_PERSON}"
                    ),
                    department,
                    period,
                    bound,
                )
                .await?
            }
            None => BTreeMap::new(),
        };
        // Revoked in the quarter: the revocations the audit trail dates in it (migration 0013's
        // `about` names the credential), whenever the credential was issued.
        let revocations = Self::bounded_counts(
            connection,
            "",
            &format!(
                "{PERSON} AS person, c.credential_type AS k1, '' AS k2 \
                     FROM audit_log a JOIN credentials c ON c.department_id = a.department_id AND c.id = a.about \
                     WHERE a.department_id = $1 AND a.at >= $2 AND a.at < $3 AND a.action = 'credential.revoke' \
                     AND {HAS_PERSON}"
            ),
            department,
            period,
            bound,
        )
        .await?;
        Ok(FigureCounts { skills, assignments, revocations })
    }

    /// Sets the total ε `department` may spend on releases for `period`; audited.
    pub async fn set_figure_budget(
        &self,
        department: &str,
        period: &str,
        epsilon_total: f64,
        audit: &AuditRow,
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO figure_budgets (department_id, period, epsilon_total, epsilon_spent) VALUES ($1, $2, $3, 0) \
             ON CONFLICT (department_id, period) DO UPDATE SET epsilon_total = excluded.epsilon_total",
        )
        .bind(department)
        .bind(period)
        .bind(epsilon_total)
        .execute(&mut *transaction)
        .await?;
        append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// (total, spent) of `department`'s budget for `period`, if one was set.
    pub async fn figure_budget(&self, department: &str, period: &str) -> Result<Option<(f64, f64)>, StoreError> {
        let row = sqlx::query(
            "SELECT epsilon_total, epsilon_spent FROM figure_budgets WHERE department_id = $1 AND period = $2",
        )
        .bind(department)
        .bind(period)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok((row.try_get("epsilon_total")?, row.try_get("epsilon_spent")?))).transpose()
    }

    /// Spends `epsilon` of the budget and records the release with its audit entry, all in one
    /// transaction; `false` (and nothing written) when the budget does not have it left.
    pub async fn record_figure_release(
        &self,
        release: &FigureRelease<'_>,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let FigureRelease { department, id, period, epsilon, created_at, body } = *release;
        let mut transaction = self.pool.begin().await?;
        // A hair of tolerance: ε read back from OpenDP's map may exceed the asked one by an ulp.
        let spent = sqlx::query(
            "UPDATE figure_budgets SET epsilon_spent = epsilon_spent + $3 \
             WHERE department_id = $1 AND period = $2 AND epsilon_spent + $3 <= epsilon_total + 0.000000001",
        )
        .bind(department)
        .bind(period)
        .bind(epsilon)
        .execute(&mut *transaction)
        .await?;
        if spent.rows_affected() != 1 {
            transaction.rollback().await?;
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO figure_releases (department_id, id, period, epsilon, created_at, body) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(department)
        .bind(id)
        .bind(period)
        .bind(epsilon)
        .bind(created_at)
        .bind(body)
        .execute(&mut *transaction)
        .await?;
        append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(true)
    }

    /// A published release's signed body.
    pub async fn figure_release(&self, department: &str, period: &str, id: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT body FROM figure_releases WHERE department_id = $1 AND period = $2 AND id = $3")
            .bind(department)
            .bind(period)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.try_get("body")).transpose()?)
    }

    /// How many releases `department` published for `period`.
    pub async fn figure_release_count(&self, department: &str, period: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM figure_releases WHERE department_id = $1 AND period = $2")
            .bind(department)
            .bind(period)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }
}
