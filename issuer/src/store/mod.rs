//! Persistence: the only module that holds SQL. One code path for the embedded SQLite default
//! and for PostgreSQL (several issuer replicas), through `sqlx`'s `Any` driver, with a migration
//! folder per backend. Every change that must be attributable writes its audit entry in the
//! same transaction, so the log and the data cannot disagree.

mod offers;
mod rows;
mod status;

use std::str::FromStr;
use std::sync::Arc;

use lang::Lang;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Row};

use crate::i18n::{detail, t};

pub use offers::OfferRow;
pub use rows::{AuditRow, CredentialRow, DepartmentRow, KeyRow, KeyStatus, StatusSlot, TokenRow};
pub use status::StatusListRow;

/// A failure of the database, or of the data in it. `Display` is the English text of the
/// catalogue (`i18n/*/issuer.ftl`): what the log and the operator read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    Database(#[from] sqlx::Error),
    Migration(#[from] sqlx::migrate::MigrateError),
    UnsupportedUrl(String),
    /// What exists, as a noun phrase in English and in French with its article ("le ministère hr").
    Exists(credentials::error::Detail),
    /// What gave up (worded by the catalogue, in English: it is logged).
    Contention(String),
    /// What is inconsistent (worded by the catalogue, in English: it is logged).
    Corrupt(String),
}

impl StoreError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Database(error) => t!(lang, "store-database", reason = error.to_string()),
            Self::Migration(error) => t!(lang, "store-migration", reason = error.to_string()),
            Self::UnsupportedUrl(url) => t!(lang, "store-unsupported-url", url = url.as_str()),
            Self::Exists(what) => t!(lang, "error-exists", what = what.get(lang)),
            Self::Contention(what) => t!(lang, "store-contention", what = what.as_str()),
            Self::Corrupt(what) => t!(lang, "store-corrupt", what = what.as_str()),
        }
    }
}

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The `n`-th (1-based) bind parameter of a generated multi-row statement, `count` of them
    /// per row: `$n` for PostgreSQL; for SQLite a row of anonymous `?`. SQLite looks a numbered
    /// parameter's name up by a linear scan and the driver asks the name of every parameter, so a
    /// 1,000-parameter insert spent a quarter of the issuer's CPU there; anonymous parameters
    /// have no name to look up and bind in order of appearance, which is the order we bind in.
    fn row(self, first: usize, count: usize) -> String {
        let placeholders: Vec<String> = match self {
            Self::Sqlite => vec!["?".to_owned(); count],
            Self::Postgres => (first..first + count).map(|n| format!("${n}")).collect(),
        };
        format!("({})", placeholders.join(", "))
    }
}

/// Outcome of storing an issued credential under an idempotency key.
#[derive(Debug)]
pub enum Stored {
    New,
    /// A credential was already issued for this idempotency key: here it is.
    Existing(Box<CredentialRow>),
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    writer: tokio::sync::mpsc::Sender<CredentialWrite>,
    /// SQLite: the task that checkpoints the WAL, stopped with the last clone of the store.
    _checkpoints: Option<Arc<Stop>>,
    /// The permutations of the lists this process reserves from (see `status::Permutations`).
    permutations: status::Permutations,
}

/// Aborts a background task when dropped.
#[derive(Debug)]
struct Stop(tokio::task::JoinHandle<()>);

impl Drop for Stop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How often the checkpointing connection copies the WAL back into the database.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);
/// A WAL longer than this (frames of 4 KiB, 100 MiB) is checkpointed in RESTART mode: it waits
/// for the writer once so that the next transaction starts the WAL from its beginning. Under
/// load without a pause the passive checkpoints keep up but the file never restarts.
const RESTART_FRAMES: i64 = 25_000;
/// The writer checkpoints by itself only past this many WAL pages: a safety net should the
/// checkpointing connection fail.
const WRITER_AUTOCHECKPOINT: i64 = 50_000;

/// One credential to record, and where to say how it went.
#[derive(Debug)]
struct CredentialWrite {
    credential: CredentialRow,
    audit: AuditRow,
    reply: tokio::sync::oneshot::Sender<Result<Stored, StoreError>>,
}

/// Most credentials committed together (256 × 16 parameters stays under SQLite's limit).
const MAX_GROUP: usize = 256;
/// Columns written per credential.
const COLUMNS: usize = 18;

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

impl Store {
    /// Connects, applies the migrations of the backend, and (SQLite) switches to WAL.
    pub async fn open(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let options = AnyConnectOptions::from_str(url)?;
        // SQLite has one writer at a time; several connections would only wait on each other in
        // its busy handler (which sleeps), so writes are queued in the pool instead.
        let mut pool_options = AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 1 } else { 16 });
        if backend == Backend::Sqlite {
            pool_options = pool_options.after_connect(|connection, _| {
                Box::pin(async move {
                    use sqlx::Executor;
                    // Statement journals (multi-row inserts inside a transaction) stay in
                    // memory instead of spilling to temporary files. Checkpoints run on their
                    // own connection (`checkpoints`), not after the writer's commits.
                    let pragmas = format!(
                        "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
                         PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = {WRITER_AUTOCHECKPOINT};"
                    );
                    connection.execute(pragmas.as_str()).await?;
                    Ok(())
                })
            });
        }
        let pool = pool_options.connect_with(options.clone()).await?;
        let mut checkpoints = None;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
            sqlx::migrate!("migrations/sqlite").run(&pool).await?;
            let connection = <sqlx::AnyConnection as sqlx::Connection>::connect_with(&options).await?;
            checkpoints = Some(Arc::new(Stop(tokio::spawn(checkpoint_loop(connection)))));
        } else {
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
        }
        let (writer, queue) = tokio::sync::mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(group_commit(pool.clone(), backend, queue));
        Ok(Self { pool, backend, writer, _checkpoints: checkpoints, permutations: Default::default() })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Readiness: the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    async fn append_audit(
        transaction: &mut sqlx::Transaction<'_, sqlx::Any>,
        entry: &AuditRow,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO audit_log (at, department_id, actor, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(&entry.at)
            .bind(&entry.department_id)
            .bind(&entry.actor)
            .bind(&entry.action)
            .bind(&entry.detail)
            .execute(&mut **transaction)
            .await?;
        Ok(())
    }

    /// Creates a department with its first signing key.
    pub async fn insert_department(
        &self,
        department: &DepartmentRow,
        key: &KeyRow,
        audit: &[AuditRow],
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        let inserted =
            sqlx::query("INSERT INTO departments (id, name_en, name_fr, did, created_at, status_purposes) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&department.id)
                .bind(&department.name_en)
                .bind(&department.name_fr)
                .bind(&department.did)
                .bind(&department.created_at)
                .bind(department.status_purposes.join(","))
                .execute(&mut *transaction)
                .await;
        match inserted {
            Err(error) if is_unique_violation(&error) => {
                return Err(StoreError::Exists(detail!("store-department", id = department.id.as_str())))
            }
            other => other?,
        };
        Self::insert_key(&mut transaction, key).await?;
        for entry in audit {
            Self::append_audit(&mut transaction, entry).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    async fn insert_key(transaction: &mut sqlx::Transaction<'_, sqlx::Any>, key: &KeyRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO department_keys (verification_method, department_id, public_key_multibase, sealed_secret, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&key.verification_method)
        .bind(&key.department_id)
        .bind(&key.public_key_multibase)
        .bind(&key.sealed_secret)
        .bind(key.status.as_str())
        .bind(&key.created_at)
        .execute(&mut **transaction)
        .await?;
        Ok(())
    }

    pub async fn department(&self, id: &str) -> Result<Option<DepartmentRow>, StoreError> {
        let row =
            sqlx::query("SELECT id, name_en, name_fr, did, created_at, status_purposes FROM departments WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| DepartmentRow::from_row(&r)).transpose()
    }

    /// Whether some department of this service is identified by `did` (an indexed lookup: the
    /// column is unique).
    pub async fn is_department_did(&self, did: &str) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 AS found FROM departments WHERE did = $1")
            .bind(did)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    pub async fn departments(&self) -> Result<Vec<DepartmentRow>, StoreError> {
        let rows =
            sqlx::query("SELECT id, name_en, name_fr, did, created_at, status_purposes FROM departments ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(DepartmentRow::from_row).collect()
    }

    /// The department's keys, signing key first.
    pub async fn keys(&self, department: &str) -> Result<Vec<KeyRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT verification_method, department_id, public_key_multibase, sealed_secret, status, created_at FROM department_keys WHERE department_id = $1 ORDER BY created_at DESC, verification_method",
        )
        .bind(department)
        .fetch_all(&self.pool)
        .await?;
        let mut keys: Vec<KeyRow> = rows.iter().map(KeyRow::from_row).collect::<Result<_, _>>()?;
        keys.sort_by_key(|k| k.status != KeyStatus::Signing);
        Ok(keys)
    }

    /// Retires a published (not signing) key of `department`: it leaves the DID document.
    /// `false` when no such published key exists (unknown, retired already, or the signing key).
    pub async fn retire_key(
        &self,
        department: &str,
        verification_method: &str,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let retired = sqlx::query(
            "UPDATE department_keys SET status = 'retired' WHERE department_id = $1 AND verification_method = $2 AND status = 'published'",
        )
        .bind(department)
        .bind(verification_method)
        .execute(&mut *transaction)
        .await?
        .rows_affected()
            == 1;
        if retired {
            Self::append_audit(&mut transaction, audit).await?;
            transaction.commit().await?;
        }
        Ok(retired)
    }

    /// Makes `new` the signing key; the previous signing key stays published.
    ///
    /// A concurrent rotation that committed first makes this one break the one-signing-key
    /// index (migration 0009): it is tried again, and then demotes that rotation's key.
    pub async fn rotate_key(&self, new: &KeyRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_rotate_key(new, audit).await {
                Err(StoreError::Database(error)) if attempt < 5 && is_unique_violation(&error) => continue,
                other => return other,
            }
        }
    }

    async fn try_rotate_key(&self, new: &KeyRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("UPDATE department_keys SET status = 'published' WHERE department_id = $1 AND status = 'signing'")
            .bind(&new.department_id)
            .execute(&mut *transaction)
            .await?;
        Self::insert_key(&mut transaction, new).await?;
        Self::append_audit(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn insert_token(&self, token: &TokenRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("INSERT INTO tokens (id, department_id, secret_hash, scopes, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)")
            .bind(&token.id)
            .bind(&token.department_id)
            .bind(&token.secret_hash)
            .bind(&token.scopes)
            .bind(&token.label)
            .bind(&token.created_at)
            .execute(&mut *transaction)
            .await?;
        Self::append_audit(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn token(&self, id: &str) -> Result<Option<TokenRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, department_id, secret_hash, scopes, label, created_at, revoked_at FROM tokens WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| TokenRow::from_row(&r)).transpose()
    }

    /// Revokes a token of `department`; false when there is no such live token.
    pub async fn revoke_token(
        &self,
        department: &str,
        id: &str,
        at: &str,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let result = sqlx::query(
            "UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND department_id = $3 AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .bind(department)
        .execute(&mut *transaction)
        .await?;
        if result.rows_affected() == 0 {
            return Ok(false);
        }
        Self::append_audit(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(true)
    }

    /// Records an issued credential (with its audit entry) unless its idempotency key was used.
    /// Returns once the record is committed. Credentials recorded at the same time share one
    /// commit (group commit): each still learns its own outcome, and none is answered before
    /// its commit.
    pub async fn insert_credential(&self, credential: &CredentialRow, audit: &AuditRow) -> Result<Stored, StoreError> {
        let (reply, outcome) = tokio::sync::oneshot::channel();
        let write = CredentialWrite { credential: credential.clone(), audit: audit.clone(), reply };
        self.writer.send(write).await.map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?;
        outcome.await.map_err(|_| StoreError::Database(sqlx::Error::PoolClosed))?
    }

    const CREDENTIAL_COLUMNS: &'static str =
        "id, department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, idempotency_key, request_sha256, body, revocation_list, revocation_index, suspension_list, suspension_index, revocation_position, suspension_position";

    pub async fn credential_by_idempotency_key(
        &self,
        department: &str,
        key: &str,
    ) -> Result<Option<CredentialRow>, StoreError> {
        let query = format!(
            "SELECT {} FROM credentials WHERE department_id = $1 AND idempotency_key = $2",
            Self::CREDENTIAL_COLUMNS
        );
        let row = sqlx::query(&query).bind(department).bind(key).fetch_optional(&self.pool).await?;
        row.map(|r| CredentialRow::from_row(&r)).transpose()
    }

    /// A credential record of `department` (another department's record is not found).
    pub async fn credential(&self, department: &str, id: &str) -> Result<Option<CredentialRow>, StoreError> {
        let query =
            format!("SELECT {} FROM credentials WHERE department_id = $1 AND id = $2", Self::CREDENTIAL_COLUMNS);
        let row = sqlx::query(&query).bind(department).bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| CredentialRow::from_row(&r)).transpose()
    }

    pub async fn count_credentials(&self, department: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM credentials WHERE department_id = $1")
            .bind(department)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")?)
    }

    /// The audit entries of `department` (all departments when `None`) at or after `since`.
    pub async fn audit(&self, department: Option<&str>, since: &str) -> Result<Vec<AuditRow>, StoreError> {
        let rows = match department {
            Some(department) => {
                sqlx::query("SELECT at, department_id, actor, action, detail FROM audit_log WHERE department_id = $1 AND at >= $2 ORDER BY seq")
                    .bind(department)
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                sqlx::query("SELECT at, department_id, actor, action, detail FROM audit_log WHERE at >= $1 ORDER BY seq")
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(AuditRow::from_row).collect()
    }

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

/// Inserts a group of credentials with one statement, and the audit entries of those that were
/// new with another; returns, for each write, whether its credential was inserted. A credential
/// whose id or idempotency key already exists is skipped by `ON CONFLICT DO NOTHING`, and
/// `RETURNING department_id, id` says which were inserted (the pair is unique within a group:
/// see the caller).
async fn insert_group(
    backend: Backend,
    transaction: &mut sqlx::Transaction<'_, sqlx::Any>,
    group: &[&CredentialWrite],
) -> Result<Vec<bool>, StoreError> {
    if group.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from(
        "INSERT INTO credentials (id, department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, idempotency_key, request_sha256, body, revocation_list, revocation_index, suspension_list, suspension_index, revocation_position, suspension_position) VALUES ",
    );
    for index in 0..group.len() {
        sql.push_str(if index == 0 { "" } else { ", " });
        sql.push_str(&backend.row(index * COLUMNS + 1, COLUMNS));
    }
    sql.push_str(" ON CONFLICT DO NOTHING RETURNING department_id, id");
    let mut query = sqlx::query(&sql);
    for write in group {
        let credential = &write.credential;
        query = query
            .bind(&credential.id)
            .bind(&credential.department_id)
            .bind(&credential.subject)
            .bind(&credential.credential_type)
            .bind(&credential.achievement)
            .bind(&credential.format)
            .bind(&credential.sha256)
            .bind(&credential.issued_at)
            .bind(&credential.token_id)
            .bind(&credential.idempotency_key)
            .bind(&credential.request_sha256)
            .bind(&credential.body)
            .bind(credential.revocation.map(|slot| slot.list))
            .bind(credential.revocation.map(|slot| slot.index))
            .bind(credential.suspension.map(|slot| slot.list))
            .bind(credential.suspension.map(|slot| slot.index))
            .bind(credential.revocation.and_then(|slot| slot.position))
            .bind(credential.suspension.and_then(|slot| slot.position));
    }
    let rows = query.fetch_all(&mut **transaction).await?;
    // Keyed by department too: two departments may each issue a credential with the same id.
    let inserted: std::collections::HashSet<(String, String)> = rows
        .iter()
        .map(|row| Ok((row.try_get::<String, _>("department_id")?, row.try_get::<String, _>("id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let new: Vec<bool> = group
        .iter()
        .map(|write| inserted.contains(&(write.credential.department_id.clone(), write.credential.id.clone())))
        .collect();
    let audits: Vec<&AuditRow> =
        group.iter().zip(&new).filter(|(_, new)| **new).map(|(write, _)| &write.audit).collect();
    if !audits.is_empty() {
        let mut sql = String::from("INSERT INTO audit_log (at, department_id, actor, action, detail) VALUES ");
        for index in 0..audits.len() {
            sql.push_str(if index == 0 { "" } else { ", " });
            sql.push_str(&backend.row(index * 5 + 1, 5));
        }
        let mut query = sqlx::query(&sql);
        for audit in audits {
            query = query
                .bind(&audit.at)
                .bind(&audit.department_id)
                .bind(&audit.actor)
                .bind(&audit.action)
                .bind(&audit.detail);
        }
        query.execute(&mut **transaction).await?;
    }
    Ok(new)
}

/// SQLite copies the WAL back into the database file (a checkpoint) after the commit that makes
/// the WAL pass 1,000 pages, on the committing connection: with group commit that is the one
/// writer, and every credential waiting for the next group waited for the copy too (a fifth of
/// the writer's time under load in `perf`). Here a connection of its own does it every
/// `CHECKPOINT_EVERY`, beside the writer (a passive checkpoint takes no write lock).
async fn checkpoint_loop(mut connection: sqlx::AnyConnection) {
    use sqlx::Connection as _;
    if let Err(error) = sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut connection).await {
        tracing::warn!(%error, "the checkpointing connection could not be set up");
    }
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + CHECKPOINT_EVERY, CHECKPOINT_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        // (busy, frames in the WAL, frames copied); the WAL restarts at the next write once all
        // are copied and no reader needs them.
        let passive = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&mut connection).await;
        let result = match passive {
            Ok(row) if row.try_get::<i64, _>(1).is_ok_and(|frames| frames > RESTART_FRAMES) => {
                sqlx::query("PRAGMA wal_checkpoint(RESTART)").execute(&mut connection).await.map(|_| ())
            }
            other => other.map(|_| ()),
        };
        if let Err(error) = result {
            tracing::warn!(%error, "WAL checkpoint failed; the writer checkpoints past its own limit");
            // A connection that no longer answers will not checkpoint again.
            if connection.ping().await.is_err() {
                return;
            }
        }
    }
}

/// Commits queued credentials in groups: one transaction for whatever is waiting (up to
/// [`MAX_GROUP`]), then each writer is told its own outcome.
async fn group_commit(pool: AnyPool, backend: Backend, mut queue: tokio::sync::mpsc::Receiver<CredentialWrite>) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(write) => group.push(write),
                Err(_) => break,
            }
        }
        // A credential id asked for twice by one department in one group: only its first write is
        // tried; the others are answered as existing (so `RETURNING` stays unambiguous). Another
        // department's credential with the same id is its own (found by review: deduplicating by
        // id alone lost it and answered 500).
        let mut seen = std::collections::HashSet::new();
        let first_of_id: Vec<bool> = group
            .iter()
            .map(|write| seen.insert((write.credential.department_id.clone(), write.credential.id.clone())))
            .collect();
        let written: Result<Vec<bool>, StoreError> = async {
            let mut transaction = pool.begin().await?;
            let tried: Vec<&CredentialWrite> =
                group.iter().zip(&first_of_id).filter(|(_, first)| **first).map(|(w, _)| w).collect();
            let mut results = insert_group(backend, &mut transaction, &tried).await?.into_iter();
            transaction.commit().await?;
            Ok(first_of_id.iter().map(|first| *first && results.next().unwrap_or(false)).collect())
        }
        .await;
        match written {
            Ok(inserted) => {
                for (write, new) in group.into_iter().zip(inserted) {
                    let outcome = if new { Ok(Stored::New) } else { existing(&pool, &write.credential).await };
                    let _ = write.reply.send(outcome);
                }
            }
            Err(error) => {
                // One bad write (or a deadlock with another replica) must not fail the others:
                // each write of the failed group is tried again on its own.
                tracing::warn!(%error, size = group.len(), "group commit failed; committing one by one");
                for write in group {
                    let alone: Result<bool, StoreError> = async {
                        let mut transaction = pool.begin().await?;
                        let inserted = insert_group(backend, &mut transaction, &[&write]).await?;
                        transaction.commit().await?;
                        Ok(inserted.first().copied().unwrap_or(false))
                    }
                    .await;
                    let outcome = match alone {
                        Ok(true) => Ok(Stored::New),
                        Ok(false) => existing(&pool, &write.credential).await,
                        Err(error) => Err(error),
                    };
                    let _ = write.reply.send(outcome);
                }
            }
        }
    }
}

/// Why a credential was not inserted: its idempotency key was used (here is that credential), or
/// its id exists. Neither means another unique index refused it (a status position taken twice):
/// a fault, never reported as "exists".
async fn existing(pool: &AnyPool, credential: &CredentialRow) -> Result<Stored, StoreError> {
    if let Some(key) = &credential.idempotency_key {
        let query = format!(
            "SELECT {} FROM credentials WHERE department_id = $1 AND idempotency_key = $2",
            Store::CREDENTIAL_COLUMNS
        );
        let row = sqlx::query(&query).bind(&credential.department_id).bind(key).fetch_optional(pool).await?;
        if let Some(row) = row {
            return Ok(Stored::Existing(Box::new(CredentialRow::from_row(&row)?)));
        }
    }
    let same_id = sqlx::query("SELECT 1 AS found FROM credentials WHERE department_id = $1 AND id = $2")
        .bind(&credential.department_id)
        .bind(&credential.id)
        .fetch_optional(pool)
        .await?;
    if same_id.is_none() {
        tracing::error!(id = %credential.id, "credential refused by a unique index other than its id or key");
        return Err(StoreError::Corrupt(t!(Lang::En, "store-credential-refused", id = credential.id.as_str())));
    }
    Err(StoreError::Exists(detail!("store-credential", id = credential.id.as_str())))
}

#[cfg(test)]
mod tests {
    use super::{AuditRow, Backend, CredentialRow, DepartmentRow, KeyRow, KeyStatus, Store, Stored};

    /// The writer no longer copies the WAL back into the database (its own limit is far above
    /// what this writes): only the checkpointing connection can make the database file hold the
    /// credentials.
    #[tokio::test]
    async fn a_connection_of_its_own_checkpoints_the_wal_into_the_database() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("issuer.db");
        let store = Store::open(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        let at = "2026-12-06T00:00:00Z".to_owned();
        let department = DepartmentRow {
            id: "hr".into(),
            name_en: "HR".into(),
            name_fr: "RH".into(),
            did: "did:key:z6Mk".into(),
            created_at: at.clone(),
            status_purposes: Vec::new(),
        };
        let key = KeyRow {
            verification_method: "did:key:z6Mk#z6Mk".into(),
            department_id: "hr".into(),
            public_key_multibase: "z6Mk".into(),
            sealed_secret: "sealed".into(),
            status: KeyStatus::Signing,
            created_at: at.clone(),
        };
        store.insert_department(&department, &key, &[]).await.unwrap();
        let rows = 200;
        for n in 0..rows {
            let credential = CredentialRow {
                id: format!("urn:uuid:{n}"),
                department_id: "hr".into(),
                subject: None,
                credential_type: "SkillCredential".into(),
                achievement: None,
                format: "eddsa-jcs-2022".into(),
                sha256: format!("{n:064}"),
                issued_at: at.clone(),
                token_id: "token".into(),
                idempotency_key: None,
                request_sha256: None,
                body: format!("{n}{}", "x".repeat(4000)),
                revocation: None,
                suspension: None,
            };
            let audit = AuditRow {
                at: at.clone(),
                department_id: Some("hr".into()),
                actor: "token".into(),
                action: "credential.issue".into(),
                detail: "{}".into(),
            };
            assert!(matches!(store.insert_credential(&credential, &audit).await.unwrap(), Stored::New));
        }
        let size = || std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while size() < rows * 4000 && std::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(size() >= rows * 4000, "the database file holds {} bytes: the WAL was not checkpointed", size());
    }

    #[test]
    fn generated_rows_use_each_backends_placeholders() {
        assert_eq!(Backend::Sqlite.row(4, 3), "(?, ?, ?)");
        assert_eq!(Backend::Postgres.row(4, 3), "($4, $5, $6)");
        assert_eq!(Backend::Postgres.row(1, 1), "($1)");
    }
}
