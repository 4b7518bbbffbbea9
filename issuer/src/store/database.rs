//! The connection to the database: one `sqlx::Any` pool for the embedded SQLite default and
//! for PostgreSQL, the migrations of each backend applied on open, and (SQLite) the WAL kept
//! short by a connection of its own.

use std::str::FromStr;
use std::sync::Arc;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Row};

use super::backend::Backend;
use super::error::StoreError;
use super::group_commit::{group_commit, CredentialWrite, MAX_GROUP};
use super::permutation::Permutations;

#[derive(Debug, Clone)]
pub struct Store {
    pub(super) pool: AnyPool,
    pub(super) backend: Backend,
    pub(super) writer: tokio::sync::mpsc::Sender<CredentialWrite>,
    /// SQLite: the task that checkpoints the WAL, stopped with the last clone of the store.
    _checkpoints: Option<Arc<Stop>>,
    /// The permutations of the lists this process reserves from (see `Permutations`).
    pub(super) permutations: Permutations,
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

#[cfg(test)]
mod tests {
    use crate::store::{AuditRow, CredentialRow, DepartmentRow, KeyBackend, KeyRow, KeyStatus, Store, Stored};

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
            backend: KeyBackend::File,
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
                person: None,
                skill_keys: Vec::new(),
                valid_until: None,
                skill_level: None,
            };
            let audit = AuditRow {
                at: at.clone(),
                department_id: Some("hr".into()),
                actor: "token".into(),
                action: "credential.issue".into(),
                detail: "{}".into(),
                about: None,
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
}
