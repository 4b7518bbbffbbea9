//! What can make a command fail, said once with its causes, in the reader's language, and the
//! exit code each failure ends the program with.

use credentials::error::Detail;
use schemas::Lang;

use crate::cli::config::ConfigError;
use crate::cli::exit::{EXIT_REFUSED, EXIT_USAGE};
use crate::domain::error::IssuerError;
use crate::i18n::t;
use crate::store::StoreError;

/// A failure of one command, with its exit code; `Display` is the English message.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    #[error("{0}")]
    Usage(Detail),
    #[error(transparent)]
    Issuer(#[from] IssuerError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", self.message(Lang::En))]
    Rejected(usize),
    #[error(transparent)]
    Token(#[from] keys::pkcs11::TokenError),
}

impl From<keys::KeyError> for CommandError {
    fn from(error: keys::KeyError) -> Self {
        Self::Issuer(error.into())
    }
}

impl CommandError {
    /// The message in `lang`. Internal failures (database, unexpected) keep their cause, which
    /// an operator needs, where an HTTP client would get a generic text.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Self::Usage(detail) => detail.get(lang).to_owned(),
            Self::Issuer(IssuerError::Key(error)) => credentials::error::Describe::message(error, lang),
            Self::Issuer(error @ IssuerError::Store(StoreError::Exists(_))) => error.detail(lang),
            Self::Issuer(error @ (IssuerError::Store(_) | IssuerError::Unexpected(_))) => {
                let mut chain = error.to_string();
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    let text = cause.to_string();
                    if !chain.contains(&text) {
                        chain.push_str(": ");
                        chain.push_str(&text);
                    }
                    source = cause.source();
                }
                t!(lang, "cli-internal-error", chain = chain)
            }
            // The operator at the terminal needs the token's own answer.
            Self::Issuer(error @ IssuerError::KeyUnavailable(cause)) => format!("{}: {cause}", error.detail(lang)),
            Self::Issuer(error) => error.detail(lang),
            Self::Token(error) => credentials::error::Describe::message(error, lang),
            Self::Config(error) => error.message(lang),
            Self::Io(error) => credentials::error::io_reason(error, lang),
            Self::Rejected(count) => {
                let count = *count;
                t!(lang, "cli-rows-rejected", count = count)
            }
        }
    }
}

impl CommandError {
    /// The exit code the program ends with after this failure.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => EXIT_USAGE,
            _ => EXIT_REFUSED,
        }
    }
}
