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
/// The quarter a credential was issued in (`2026Q3`), as migration 0017's indexes name it: with
/// it equal to $4, the counting reads one department's quarter from an index in the order it
/// groups by, with every column it needs (no sort, no table row).
const QUARTER: &str = "(SUBSTR(c.issued_at, 1, 4) || CASE WHEN SUBSTR(c.issued_at, 6, 2) <= '03' THEN 'Q1' \
     WHEN SUBSTR(c.issued_at, 6, 2) <= '06' THEN 'Q2' WHEN SUBSTR(c.issued_at, 6, 2) <= '09' THEN 'Q3' ELSE 'Q4' END)";
/// A mask of families per person is one 64-bit integer (signed: the top bit is left alone).
const MAX_FAMILIES: usize = 62;

/// A value bound to a counting query.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Text(&'a str),
    Int(i64),
}

/// `sql` with `args` bound to $1, $2, … in order.
fn bound_query<'q>(sql: &'q str, args: &[Arg<'q>]) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    args.iter().fold(sqlx::query(sql), |query, arg| match *arg {
        Arg::Text(text) => query.bind(text),
        Arg::Int(number) => query.bind(number),
    })
}

/// [`QUARTER`] of an `issued_at` value (the start of the counted period).
fn quarter_of(issued_at: &str) -> String {
    let year = issued_at.get(..4).unwrap_or_default();
    let quarter = match issued_at.get(5..7).unwrap_or_default() {
        month if month <= "03" => "Q1",
        month if month <= "06" => "Q2",
        month if month <= "09" => "Q3",
        _ => "Q4",
    };
    format!("{year}{quarter}")
}

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

/// The families of the taxonomy's (skill, family) pairs, in cell order, and the pairs as a
/// `VALUES` list of (skill, family, the family's bit: `1 << its position`). Keys are `[a-z0-9_]`: only
/// such pairs are kept, so nothing needs quoting beyond the quotes.
fn family_bits(families: &[(String, String)]) -> Result<Option<(Vec<String>, String)>, StoreError> {
    let safe = |text: &str| {
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    let pairs: Vec<&(String, String)> = families.iter().filter(|(skill, family)| safe(skill) && safe(family)).collect();
    let names: Vec<String> =
        pairs.iter().map(|(_, family)| family.clone()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    if names.is_empty() {
        return Ok(None);
    }
    if names.len() > MAX_FAMILIES {
        return Err(StoreError::Corrupt(format!("{} skill families, at most {MAX_FAMILIES} are counted", names.len())));
    }
    let rows: Vec<String> = pairs
        .iter()
        .map(|(skill, family)| {
            let position = names.binary_search(family).unwrap_or_default();
            format!("('{skill}', '{family}', {})", 1_i64 << position)
        })
        .collect();
    Ok(Some((names, rows.join(", "))))
}

impl Store {
    /// The rows of a query selecting `k1, k2, persons` as cells (`k2` empty: a one-key cell).
    async fn cells_of(
        connection: &mut sqlx::AnyConnection,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<BTreeMap<Cell, i64>, StoreError> {
        let mut counts = BTreeMap::new();
        for row in bound_query(sql, args).fetch_all(&mut *connection).await? {
            let k1: String = row.try_get("k1")?;
            let k2: String = row.try_get("k2")?;
            let persons: i64 = row.try_get("persons")?;
            let key = if k2.is_empty() { vec![k1] } else { vec![k1, k2] };
            counts.insert(Cell(key), persons);
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
        // The counting can still sort or hash millions of rows for a large department
        // (PostgreSQL's grouping and ranking; in SQLite the persons past the bound and the
        // masks). SQLite keeps temporary b-trees in memory on this store's connection (fast for
        // everything else); for these queries they go to temporary files, with a bounded cache,
        // and PostgreSQL gets working memory for its sorts, in the transaction.
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
        let (start, end) = period;
        let bound = i64::from(bound);
        // SQLite reads the quarter from migration 0017's indexes, named by their expression
        // ($4); PostgreSQL scans and hashes (its planner prefers that to those indexes, measured),
        // so it is not asked to compute the expression for every row.
        let quarter = quarter_of(start);
        // The bound follows: $5 in SQLite, $4 in PostgreSQL.
        let (in_quarter, period_args) = match self.backend {
            Backend::Sqlite => (
                format!(" AND {QUARTER} = $4"),
                vec![Arg::Text(department), Arg::Text(start), Arg::Text(end), Arg::Text(&quarter)],
            ),
            Backend::Postgres => (String::new(), vec![Arg::Text(department), Arg::Text(start), Arg::Text(end)]),
        };
        let mut args = period_args.clone();
        args.push(Arg::Int(bound));
        let skill = format!(
            "{IN_PERIOD}{in_quarter} AND c.credential_type = 'SkillCredential' AND c.skill_level IS NOT NULL \
             AND c.skill_keys IS NOT NULL AND {HAS_PERSON} AND NOT {REVOKED} AND NOT {SUSPENDED} \
             AND (c.valid_until IS NULL OR c.valid_until >= '{now}')"
        );
        // Assignment credentials naming at least one skill.
        let assigned = format!(
            "{IN_PERIOD} AND c.credential_type = 'AssignmentCredential' AND c.skill_keys IS NOT NULL \
             AND LENGTH(c.skill_keys) > 2 AND {HAS_PERSON}"
        );
        // A person's first `bound` cells in the database's order of the keys: byte order in
        // SQLite and in a C-collated PostgreSQL, as the reference (`figures::bound_persons`)
        // orders them (a `COLLATE "C"` here costs PostgreSQL a sort the grouping already did,
        // and any fixed order keeps the bound); `,key,` sorts as `key` does (`,` is below
        // every key character).
        let ranked = |cells: &str, kept: &str| {
            format!(
                "WITH cells AS ({cells}), \
                 ranked AS (SELECT k1, k2, ROW_NUMBER() OVER (PARTITION BY person ORDER BY k1, k2) AS n FROM cells) \
                 SELECT SUBSTR(k1, 2, LENGTH(k1) - 2) AS k1, k2, COUNT(*) AS persons FROM ranked WHERE n {kept} GROUP BY 1, 2"
            )
        };
        let cells_of_persons = |persons: &str| {
            format!(
                "SELECT {PERSON} AS person, c.skill_keys AS k1, c.skill_level AS k2 FROM credentials c \
                 WHERE {skill}{persons} GROUP BY 1, 2, 3"
            )
        };
        let skills = match self.backend {
            // SQLite groups by sorting, and sorting millions of rows twice (by person, then by
            // cell) was most of a release. It counts persons per (skill, level) in the order of
            // the (skill, level, person) index, less the cells of persons past the bound: only
            // persons with more credentials than the bound can be, found in the (person) index
            // and ranked alone.
            Backend::Sqlite => {
                let all = format!(
                    "SELECT SUBSTR(c.skill_keys, 2, LENGTH(c.skill_keys) - 2) AS k1, c.skill_level AS k2, \
                     COUNT(DISTINCT {PERSON}) AS persons FROM credentials c WHERE {skill} AND $5 > 0 \
                     GROUP BY c.skill_keys, c.skill_level"
                );
                let candidates = format!(
                    " AND {PERSON} IN (SELECT {PERSON} FROM credentials c WHERE {skill} GROUP BY 1 HAVING COUNT(*) > $5)"
                );
                let past = ranked(&cells_of_persons(&candidates), "> $5");
                let mut skills = Self::cells_of(connection, &all, &args).await?;
                for (cell, persons) in Self::cells_of(connection, &past, &args).await? {
                    if let Some(count) = skills.get_mut(&cell) {
                        *count -= persons;
                    }
                }
                skills
            }
            // PostgreSQL hashes each person's distinct cells, then ranks them in one sort.
            Backend::Postgres => Self::cells_of(connection, &ranked(&cells_of_persons(""), "<= $4"), &args).await?,
        };

        // Assignments: each person's families as one integer mask (a bit per family, in cell
        // order), from each credential's skills split in the database (`,a,b,` → a, b) and
        // joined to their families; the lowest `bound` bits of each mask are kept, and persons
        // are counted per kept mask (a few hundred distinct masks), whose bits give the
        // families. No sort or ranking of (person, family) rows.
        let assignments = match family_bits(families)? {
            Some((names, values)) => {
                let masks = match self.backend {
                    // In the (person) index's order.
                    Backend::Sqlite => format!(
                        "SELECT SUM(DISTINCT f.bit) AS m FROM credentials c CROSS JOIN \
                         json_each('[\"' || REPLACE(SUBSTR(c.skill_keys, 2, LENGTH(c.skill_keys) - 2), ',', '\",\"') || '\"]') AS s \
                         JOIN families f ON f.skill = s.value WHERE {assigned}{in_quarter} GROUP BY {PERSON}"
                    ),
                    // Hashed per person; a credential's mask is computed once per distinct skill
                    // list (PostgreSQL memoizes the lateral subquery).
                    Backend::Postgres => format!(
                        "SELECT bit_or(k.m) AS m FROM credentials c CROSS JOIN LATERAL (SELECT bit_or(f.bit) AS m \
                         FROM unnest(string_to_array(TRIM(BOTH ',' FROM c.skill_keys), ',')) AS s(value) \
                         JOIN families f ON f.skill = s.value) AS k WHERE {assigned} AND k.m IS NOT NULL GROUP BY {PERSON}"
                    ),
                };
                // r: the mask with its lowest bits cleared one by one, `bound` times.
                let clears = usize::try_from(bound).unwrap_or(usize::MAX).min(names.len());
                let steps: String =
                    (1..=clears).map(|i| format!(", r{i} AS (SELECT m, r & (r - 1) AS r FROM r{})", i - 1)).collect();
                let sql = format!(
                    "WITH families (skill, family, bit) AS (VALUES {values}), masks AS ({masks}), \
                     r0 AS (SELECT m, m AS r FROM masks){steps} \
                     SELECT CAST(m - r AS BIGINT) AS kept, COUNT(*) AS persons FROM r{clears} GROUP BY 1"
                );
                let mut counts: BTreeMap<Cell, i64> = BTreeMap::new();
                for row in bound_query(&sql, &period_args).fetch_all(&mut *connection).await? {
                    let kept: i64 = row.try_get("kept")?;
                    let persons: i64 = row.try_get("persons")?;
                    for (i, family) in names.iter().enumerate() {
                        if kept >> i & 1 == 1 {
                            *counts.entry(Cell(vec![family.clone()])).or_default() += persons;
                        }
                    }
                }
                counts
            }
            None => BTreeMap::new(),
        };

        // Revoked in the quarter: the revocations the audit trail dates in it (migration 0013's
        // `about` names the credential), whenever the credential was issued. Few rows.
        let revocations = Self::cells_of(
            connection,
            &ranked(
                &format!(
                    "SELECT {PERSON} AS person, ',' || c.credential_type || ',' AS k1, '' AS k2 \
                     FROM audit_log a JOIN credentials c ON c.department_id = a.department_id AND c.id = a.about \
                     WHERE a.department_id = $1 AND a.at >= $2 AND a.at < $3 AND a.action = 'credential.revoke' \
                     AND {HAS_PERSON} GROUP BY 1, 2, 3"
                ),
                "<= $4",
            ),
            &[Arg::Text(department), Arg::Text(start), Arg::Text(end), Arg::Int(bound)],
        )
        .await?;
        let positive = |counts: BTreeMap<Cell, i64>| -> BTreeMap<Cell, u64> {
            counts
                .into_iter()
                .filter_map(|(cell, n)| u64::try_from(n).ok().filter(|n| *n > 0).map(|n| (cell, n)))
                .collect()
        };
        Ok(FigureCounts {
            skills: positive(skills),
            assignments: positive(assignments),
            revocations: positive(revocations),
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_named_as_the_indexes_name_them() {
        assert_eq!(quarter_of("2026-01-01T00:00:00.000Z"), "2026Q1");
        assert_eq!(quarter_of("2026-03-31T23:59:59.999Z"), "2026Q1");
        assert_eq!(quarter_of("2026-04-01T00:00:00.000Z"), "2026Q2");
        assert_eq!(quarter_of("2026-09-30T00:00:00.000Z"), "2026Q3");
        assert_eq!(quarter_of("2026-10-01T00:00:00.000Z"), "2026Q4");
        assert_eq!(quarter_of("2026-12-31T00:00:00.000Z"), "2026Q4");
    }

    /// SQLite uses an index on an expression only for the same expression: the migration's and
    /// the queries' must not drift apart, or a release silently sorts millions of rows again.
    #[test]
    fn the_queries_name_the_expressions_migration_0017_indexes() {
        let migration: String = include_str!("../../migrations/sqlite/0017_figures_indexes.sql")
            .lines()
            .filter(|line| !line.starts_with("--"))
            .collect::<Vec<_>>()
            .join(" ");
        let squeeze = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let migration = squeeze(&migration);
        for expression in [QUARTER, PERSON] {
            let unqualified = squeeze(&expression.replace("c.", ""));
            assert_eq!(migration.matches(&unqualified).count(), 2, "{unqualified} in both indexes");
        }
    }

    #[test]
    fn families_get_one_bit_each_in_cell_order() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(s, f)| ((*s).to_owned(), (*f).to_owned())).collect()
        };
        let (names, values) =
            family_bits(&pairs(&[("b_skill", "zeta"), ("a_skill", "alpha"), ("a_skill", "zeta"), ("bad'", "alpha")]))
                .unwrap()
                .unwrap();
        assert_eq!(names, ["alpha", "zeta"]);
        assert_eq!(
            values, "('b_skill', 'zeta', 2), ('a_skill', 'alpha', 1), ('a_skill', 'zeta', 2)",
            "unsafe keys left out"
        );
        assert!(family_bits(&[]).unwrap().is_none());
        let many: Vec<(String, String)> = (0..=MAX_FAMILIES).map(|i| ("s".to_owned(), format!("f{i:02}"))).collect();
        assert!(family_bits(&many).is_err(), "a 64-bit mask holds at most {MAX_FAMILIES} families");
        assert!(family_bits(&many[..MAX_FAMILIES]).unwrap().is_some());
    }
}
