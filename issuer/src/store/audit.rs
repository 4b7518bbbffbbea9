//! The audit log in the database: an entry is appended in the transaction of the change it
//! records, so the log and the data cannot disagree, and read back in order.

use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;

/// Appends an audit entry inside the transaction of the change it records.
pub(super) async fn append(
    transaction: &mut sqlx::Transaction<'_, sqlx::Any>,
    entry: &AuditRow,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, department_id, actor, action, detail, about) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&entry.at)
    .bind(&entry.department_id)
    .bind(&entry.actor)
    .bind(&entry.action)
    .bind(&entry.detail)
    .bind(&entry.about)
    .execute(&mut **transaction)
    .await?;
    Ok(())
}

impl Store {
    /// The audit entries of `department` about credential `id` (its issue and status changes),
    /// in order.
    pub async fn audit_of_credential(&self, department: &str, id: &str) -> Result<Vec<AuditRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, department_id, actor, action, detail, about FROM audit_log WHERE department_id = $1 AND about = $2 ORDER BY seq",
        )
        .bind(department)
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(AuditRow::from_row).collect()
    }

    /// How many entries of `department` at or after `since` each of `actions` has (the console's
    /// dashboard: counted by the database, not read back entry by entry).
    pub async fn count_actions(&self, department: &str, since: &str, actions: &[&str]) -> Result<Vec<i64>, StoreError> {
        let mut counts = Vec::with_capacity(actions.len());
        for action in actions {
            let row = sqlx::query(
                "SELECT COUNT(*) AS n FROM audit_log WHERE department_id = $1 AND at >= $2 AND action = $3",
            )
            .bind(department)
            .bind(since)
            .bind(*action)
            .fetch_one(&self.pool)
            .await?;
            counts.push(sqlx::Row::try_get::<i64, _>(&row, "n")?);
        }
        Ok(counts)
    }

    /// The latest `most` entries of `department` at or after `since` (of `action`, or all),
    /// newest first, and how many match in all.
    pub async fn latest_audit(
        &self,
        department: &str,
        since: &str,
        action: Option<&str>,
        most: i64,
    ) -> Result<(i64, Vec<AuditRow>), StoreError> {
        let filter = "department_id = $1 AND at >= $2 AND ($3 = '' OR action = $3)";
        let total = sqlx::query(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE {filter}"))
            .bind(department)
            .bind(since)
            .bind(action.unwrap_or_default())
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT at, department_id, actor, action, detail, about FROM audit_log WHERE {filter} ORDER BY seq DESC LIMIT $4"
        ))
        .bind(department)
        .bind(since)
        .bind(action.unwrap_or_default())
        .bind(most)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows.iter().map(AuditRow::from_row).collect::<Result<Vec<_>, _>>()?;
        Ok((sqlx::Row::try_get::<i64, _>(&total, "n")?, entries))
    }

    /// The audit entries of `department` (all departments when `None`) at or after `since`.
    pub async fn audit(&self, department: Option<&str>, since: &str) -> Result<Vec<AuditRow>, StoreError> {
        let rows = match department {
            Some(department) => {
                sqlx::query("SELECT at, department_id, actor, action, detail, about FROM audit_log WHERE department_id = $1 AND at >= $2 ORDER BY seq")
                    .bind(department)
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT at, department_id, actor, action, detail, about FROM audit_log WHERE at >= $1 ORDER BY seq")
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(AuditRow::from_row).collect()
    }
}
