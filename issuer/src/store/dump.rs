//! Reading the whole database as text, for tests that check no secret is stored in clear.

use sqlx::Row;

use super::backend::Backend;
use super::database::Store;
use super::error::StoreError;

impl Store {
    /// Every value of every row of every table, as text (SQLite quotes each value, blobs in hex;
    /// PostgreSQL prints each row as a record), for tests that check no secret is stored in
    /// clear. The tables are listed from the database itself, so a table added later is read too.
    pub async fn dump_text(&self) -> Result<String, StoreError> {
        let tables: Vec<String> = match self.backend {
            Backend::Sqlite => {
                sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    .fetch_all(&self.pool)
                    .await?
            }
            Backend::Postgres => {
                sqlx::query("SELECT CAST(tablename AS TEXT) AS name FROM pg_tables WHERE schemaname = current_schema()")
                    .fetch_all(&self.pool)
                    .await?
            }
        }
        .iter()
        .map(|row| row.try_get::<String, _>("name"))
        .collect::<Result<_, _>>()?;
        let mut out = String::new();
        for table in tables {
            let query = match self.backend {
                Backend::Sqlite => {
                    let columns: Vec<String> = sqlx::query("SELECT name FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(&self.pool)
                        .await?
                        .iter()
                        .map(|row| row.try_get::<String, _>("name"))
                        .collect::<Result<_, _>>()?;
                    let values: Vec<String> = columns.iter().map(|c| format!("quote(\"{c}\")")).collect();
                    format!("SELECT {} AS t FROM \"{table}\"", values.join(" || ' ' || "))
                }
                Backend::Postgres => format!("SELECT CAST(r AS TEXT) AS t FROM \"{table}\" AS r"),
            };
            for row in sqlx::query(&query).fetch_all(&self.pool).await? {
                out.push_str(&table);
                out.push(' ');
                out.push_str(&row.try_get::<String, _>("t")?);
                out.push('\n');
            }
        }
        Ok(out)
    }
}
