//! What can go wrong in the store: the database, its migrations, or the data in it. `Display`
//! is the English text of the catalogue, what the log and the operator read.

use lang::Lang;

use crate::i18n::t;

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

impl StoreError {
    /// Whether the database could not be reached in time (a busy pool, a dropped connection):
    /// worth trying again later, unlike a fault.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_)))
    }
}

/// Whether a statement broke a unique index.
pub(super) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}
