//! The verifier's figures' SQL: the skills each request asked for (written when the request is
//! made) and the issuers and skills each verified answer carried (written when it is judged),
//! counted per quarter by the database with each request in at most `bound` cells, and the
//! budget and releases of each quarter. Only counts leave these queries.

use std::collections::BTreeMap;

use figures::Cell;
use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

impl Store {
    /// Records that request `request_ref`, made in `quarter`, asked for `skills`.
    pub async fn record_demand(&self, request_ref: &str, quarter: &str, skills: &[String]) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        for skill in skills {
            sqlx::query(
                "INSERT INTO figure_demand (request_ref, quarter, skill_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(request_ref)
            .bind(quarter)
            .bind(skill)
            .execute(pool)
            .await?;
        }
        Ok(())
    }

    /// Requests per skill asked for in `quarter`, each request in at most `bound` cells (its
    /// first skills in key order).
    pub async fn demand_counts(&self, quarter: &str, bound: u32) -> Result<BTreeMap<Cell, u64>, StoreError> {
        self.bounded_counts("figure_demand", "request_ref", &["skill_key"], quarter, bound).await
    }

    /// Units per cell of `table` in `quarter`: each unit (`unit` column) in at most `bound`
    /// cells (its first, in the order of the cell's `columns`). Names are this module's own.
    async fn bounded_counts(
        &self,
        table: &str,
        unit: &str,
        columns: &[&str],
        quarter: &str,
        bound: u32,
    ) -> Result<BTreeMap<Cell, u64>, StoreError> {
        let pool = self.ready().await?;
        let columns_list = columns.join(", ");
        let rows = sqlx::query(&format!(
            "WITH ranked AS (SELECT {columns_list}, ROW_NUMBER() OVER (PARTITION BY {unit} ORDER BY {columns_list}) AS n \
             FROM {table} WHERE quarter = $1) \
             SELECT {columns_list}, COUNT(*) AS units FROM ranked WHERE n <= $2 GROUP BY {columns_list}"
        ))
        .bind(quarter)
        .bind(i64::from(bound))
        .fetch_all(pool)
        .await?;
        let mut counts = BTreeMap::new();
        for row in rows {
            let units: i64 = row.try_get("units")?;
            let key = columns.iter().map(|column| row.try_get(*column)).collect::<Result<Vec<String>, _>>()?;
            counts.insert(Cell(key), u64::try_from(units).unwrap_or_default());
        }
        Ok(counts)
    }

    /// Records that the verified answer to request `answer_ref`, judged in `quarter`, carried
    /// credentials of these (issuer, skill) pairs.
    pub async fn record_mobility(
        &self,
        answer_ref: &str,
        quarter: &str,
        pairs: &[(String, String)],
    ) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        for (issuer, skill) in pairs {
            sqlx::query(
                "INSERT INTO figure_mobility (answer_ref, quarter, issuer, skill_key) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(answer_ref)
            .bind(quarter)
            .bind(issuer)
            .bind(skill)
            .execute(pool)
            .await?;
        }
        Ok(())
    }

    /// Verified answers per (issuer, skill) in `quarter`, each answer in at most `bound` cells
    /// (its first pairs in order).
    pub async fn mobility_counts(&self, quarter: &str, bound: u32) -> Result<BTreeMap<Cell, u64>, StoreError> {
        self.bounded_counts("figure_mobility", "answer_ref", &["issuer", "skill_key"], quarter, bound).await
    }

    /// Sets the total ε this verifier's demand releases may spend for `period`.
    pub async fn set_figure_budget(&self, period: &str, epsilon_total: f64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO figure_budgets (period, epsilon_total, epsilon_spent) VALUES ($1, $2, 0) \
             ON CONFLICT (period) DO UPDATE SET epsilon_total = excluded.epsilon_total",
        )
        .bind(period)
        .bind(epsilon_total)
        .execute(self.ready().await?)
        .await?;
        Ok(())
    }

    /// (total, spent) of `period`'s budget, if one was set.
    pub async fn figure_budget(&self, period: &str) -> Result<Option<(f64, f64)>, StoreError> {
        let row = sqlx::query("SELECT epsilon_total, epsilon_spent FROM figure_budgets WHERE period = $1")
            .bind(period)
            .fetch_optional(self.ready().await?)
            .await?;
        row.map(|row| Ok((row.try_get("epsilon_total")?, row.try_get("epsilon_spent")?))).transpose()
    }

    /// Spends `epsilon` and records the release in one transaction; `false` (nothing written)
    /// when the budget does not have it left.
    pub async fn record_figure_release(
        &self,
        id: &str,
        period: &str,
        epsilon: f64,
        created_at: i64,
        body: &str,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.ready().await?.begin().await?;
        let spent = sqlx::query(
            "UPDATE figure_budgets SET epsilon_spent = epsilon_spent + $2 \
             WHERE period = $1 AND epsilon_spent + $2 <= epsilon_total + 0.000000001",
        )
        .bind(period)
        .bind(epsilon)
        .execute(&mut *transaction)
        .await?;
        if spent.rows_affected() != 1 {
            transaction.rollback().await?;
            return Ok(false);
        }
        sqlx::query("INSERT INTO figure_releases (id, period, epsilon, created_at, body) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(period)
            .bind(epsilon)
            .bind(created_at)
            .bind(body)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(true)
    }

    /// How many releases were made for `period`.
    pub async fn figure_release_count(&self, period: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM figure_releases WHERE period = $1")
            .bind(period)
            .fetch_one(self.ready().await?)
            .await?;
        Ok(row.try_get("n")?)
    }
}
