//! What can go wrong in the store. `Display` is the English text of the catalogue, what the log
//! and the operator read.

use lang::Lang;

use crate::i18n::t;

/// A failure of the database, its migrations, or the data in it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    Database(#[from] sqlx::Error),
    Migration(#[from] sqlx::migrate::MigrateError),
    UnsupportedUrl(String),
    /// The database server did not answer (not running, wrong host or port, a firewall): `server`
    /// is its host and port, never the URL (which may hold a password).
    Unreachable {
        server: String,
        seconds: u64,
        reason: String,
    },
    /// A stored value that does not read back (worded in English: it is logged).
    Corrupt(String),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Database(error) => t!(lang, "store-database", reason = error.to_string()),
            Self::Migration(error) => t!(lang, "store-migration", reason = error.to_string()),
            Self::UnsupportedUrl(url) => t!(lang, "store-unsupported-url", url = url.as_str()),
            Self::Unreachable { server, seconds, reason } => t!(
                lang,
                "store-unreachable",
                server = server.as_str(),
                seconds = seconds.to_string(),
                reason = reason.as_str()
            ),
            Self::Corrupt(what) => t!(lang, "store-corrupt", what = what.as_str()),
        }
    }
}
