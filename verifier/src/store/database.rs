//! The connection: one `sqlx::Any` pool for SQLite (a file in the data directory, or memory for
//! tests and benchmarks) and for PostgreSQL, migrated before its first use.

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::AnyPool;

use super::error::StoreError;

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The verifier's database. Cloning shares the pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Migrations run once, before the first statement (the pool connects lazily so that a
    /// service can be built without an async context, as the tests do).
    migrated: std::sync::Arc<tokio::sync::OnceCell<()>>,
    /// Host and port of a database server, for saying which one did not answer.
    server: String,
}

/// How long a PostgreSQL connection is waited for before the server is said unreachable.
const CONNECT_SECONDS: u64 = 10;

impl Store {
    /// A store on `url` (`sqlite://…?mode=rwc`, `sqlite::memory:`, `postgres://…`); connects and
    /// migrates on first use ([`Store::ready`] does it at once).
    pub fn open(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let options = AnyConnectOptions::from_str(url)?;
        let pool = match backend {
            // One writer at a time in SQLite: several connections would only wait on each other
            // in its busy handler, so statements queue in the pool instead. The connection is
            // never recycled (an in-memory database lives as long as its connection).
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .after_connect(|connection, _| {
                    Box::pin(async move {
                        use sqlx::Executor;
                        // WAL with NORMAL synchronization: a commit survives the process being
                        // killed (the WAL is in the file system), not a power cut.
                        connection
                            .execute(
                                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                            )
                            .await?;
                        Ok(())
                    })
                })
                .connect_lazy_with(options),
            // Statements are short; a few connections per replica leave the server room for the
            // other replicas (and the issuer) under its connection limit.
            Backend::Postgres => AnyPoolOptions::new()
                .max_connections(5)
                .acquire_timeout(std::time::Duration::from_secs(CONNECT_SECONDS))
                .connect_lazy_with(options),
        };
        let server = url::Url::parse(url)
            .ok()
            .map(|url| format!("{}:{}", url.host_str().unwrap_or("localhost"), url.port().unwrap_or(5432)))
            .unwrap_or_default();
        Ok(Self { pool, backend, server, migrated: Default::default() })
    }

    /// An in-memory SQLite store: what a test or a benchmark needs, gone with the process.
    pub fn memory() -> Self {
        Self::open("sqlite::memory:").unwrap_or_else(|_| unreachable!("a literal SQLite URL"))
    }

    /// The SQLite database in `dir` (created with the directory when missing).
    pub fn in_directory(dir: &std::path::Path) -> Result<Self, StoreError> {
        Self::open(&format!("sqlite://{}?mode=rwc", dir.join("verifier.db").display()))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Connects and applies the backend's migrations, once.
    pub async fn ready(&self) -> Result<&AnyPool, StoreError> {
        self.migrated
            .get_or_try_init(|| async {
                let migrated = match self.backend {
                    Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await,
                    Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await,
                };
                migrated.map_err(|error| self.unreachable(error))
            })
            .await?;
        Ok(&self.pool)
    }

    /// A migration that failed because no connection could be had: the server is unreachable.
    fn unreachable(&self, error: sqlx::migrate::MigrateError) -> StoreError {
        let lost = |error: &sqlx::Error| matches!(error, sqlx::Error::PoolTimedOut | sqlx::Error::Io(_));
        match error {
            sqlx::migrate::MigrateError::Execute(ref cause) if lost(cause) && self.backend == Backend::Postgres => {
                StoreError::Unreachable {
                    server: self.server.clone(),
                    seconds: CONNECT_SECONDS,
                    reason: cause.to_string(),
                }
            }
            other => StoreError::Migration(other),
        }
    }

    /// Readiness: the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(self.ready().await?).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
