//! Mistakes in the command line or in the files it names (exit code 2), said in the reader's
//! language.

use std::path::{Path, PathBuf};

use credentials::error::Detail;
use lang::Lang;

use crate::domain::trust::TrustError;
use crate::i18n::t;

/// A problem with the command line or the files it names (exit code 2), worded by the
/// catalogue; `Display` is the English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum UsageError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `expected` is the form in English placeholders (`URL=FILE`, `HOST=BASE_URL`).
    BadPair {
        value: String,
        expected: &'static str,
    },
    BadUrl(String),
    BadTime(String),
    BadDidDocument {
        path: PathBuf,
        reason: Detail,
    },
    BadContext {
        path: PathBuf,
        reason: Detail,
    },
    NothingFound(PathBuf),
    /// The thread pool's own message.
    Threads(String),
    Trust(#[from] TrustError),
    /// Standard output could not take the report.
    Output(std::io::Error),
}

impl UsageError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let shown = |path: &Path| path.display().to_string();
        match self {
            Self::Read { path, source } => {
                t!(lang, "usage-unreadable", path = shown(path), reason = credentials::error::io_reason(source, lang))
            }
            Self::BadPair { value, expected } => {
                t!(lang, "usage-bad-pair", value = value.as_str(), expected = placeholders(expected, lang))
            }
            Self::BadUrl(url) => t!(lang, "usage-bad-url", url = url.as_str()),
            Self::BadTime(time) => t!(lang, "not-a-time", time = time.as_str()),
            Self::BadDidDocument { path, reason } => {
                t!(lang, "usage-bad-did-document", path = shown(path), reason = reason.get(lang))
            }
            Self::BadContext { path, reason } => {
                t!(lang, "usage-bad-context", path = shown(path), reason = reason.get(lang))
            }
            Self::NothingFound(directory) => t!(lang, "usage-nothing-found", directory = shown(directory)),
            Self::Threads(detail) => t!(lang, "usage-threads", detail = detail.as_str()),
            Self::Trust(error) => error.message(lang),
            Self::Output(source) => t!(lang, "usage-output", reason = credentials::error::io_reason(source, lang)),
        }
    }
}

/// A form such as `HOST=BASE_URL` with its placeholders in `lang`.
pub fn placeholders(form: &str, lang: Lang) -> String {
    form.replace("FILE", &t!(lang, "placeholder-file"))
        .replace("HOST", &t!(lang, "placeholder-host"))
        .replace("BASE_URL", &t!(lang, "placeholder-base-url"))
}
