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
    /// A stored value that does not read back (worded in English: it is logged).
    Corrupt(String),
}

impl StoreError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Database(error) => t!(lang, "store-database", reason = error.to_string()),
            Self::Migration(error) => t!(lang, "store-migration", reason = error.to_string()),
            Self::UnsupportedUrl(url) => t!(lang, "store-unsupported-url", url = url.as_str()),
            Self::Corrupt(what) => t!(lang, "store-corrupt", what = what.as_str()),
        }
    }
}
