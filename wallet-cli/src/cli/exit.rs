//! How a `wallet` command ends: the exit codes, defined here once (and shown in `--help`), and
//! the failure that carries one, which `main` prints once.

use std::path::Path;

use credentials::error::Describe;
use lang::Lang;

use crate::domain::store::StoreError;
use crate::i18n::t;

/// Done.
pub const EXIT_OK: u8 = 0;
/// The credential does not verify (shown with a warning, or refused by `import`).
pub const EXIT_INVALID: u8 = 1;
/// Usage error or unreadable input.
pub const EXIT_USAGE: u8 = 2;
/// The wallet cannot be opened: none yet, wrong passphrase, or damaged.
pub const EXIT_WALLET: u8 = 3;
/// The credential is kept but not verified yet (its issuer could not be reached).
pub const EXIT_NOT_YET_VERIFIED: u8 = 4;

/// The exit codes in `--help` (laid over in French by the help catalogue).
pub(crate) const EXIT_CODES_HELP: &str = "Exit codes:
  0  done
  1  the credential does not verify
  2  usage or input error
  3  wallet cannot be opened (none, wrong passphrase, damaged)
  4  the credential is kept, but not verified yet (its issuer could not be reached)

The passphrase is asked for, or read from WALLET_PASSPHRASE.";

/// What went wrong, with its exit code.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Failure {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_)
            | Self::Store(StoreError::NotFound(_) | StoreError::Ambiguous(_) | StoreError::StoredTwice(_)) => {
                EXIT_USAGE
            }
            Self::Invalid(_) => EXIT_INVALID,
            Self::Store(_) => EXIT_WALLET,
        }
    }

    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Self::Usage(message) | Self::Invalid(message) => message.clone(),
            Self::Store(error) => error.message(lang),
        }
    }
}

/// An error about the file the person named (a backup to write or read) is a usage error (exit
/// 2), not a wallet that cannot be opened (exit 3).
pub(crate) fn about_file(file: &Path, lang: Lang) -> impl Fn(StoreError) -> Failure + '_ {
    move |error| match &error {
        StoreError::Io { path, .. } | StoreError::Damaged(path, _) if path == file => {
            Failure::Usage(Failure::Store(error).message(lang))
        }
        _ => Failure::Store(error),
    }
}

/// An error of the credentials library with its code, as the wallet prints it.
pub(crate) fn coded(error: &impl Describe, lang: Lang) -> String {
    t!(lang, "error-with-code", message = error.message(lang), code = error.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_are_worded_in_both_languages() {
        let failure = Failure::Store(StoreError::StoredTwice("urn:x".into()));
        assert_eq!(
            failure.message(Lang::Fr),
            "l'attestation « urn:x » est enregistrée plus d'une fois : choisissez-la par l'identifiant du portefeuille (première colonne de `wallet list`)"
        );
        assert_eq!(
            failure.to_string(),
            "the credential `urn:x` is stored more than once: choose one by the wallet's id (first column of `wallet list`)"
        );
        let io = StoreError::Io { path: "/w/wallet.json".into(), source: std::io::ErrorKind::NotFound.into() };
        assert_eq!(io.message(Lang::Fr), "/w/wallet.json : fichier ou dossier introuvable");
        assert_eq!(
            Failure::Store(StoreError::WrongPassphrase).message(Lang::En),
            StoreError::WrongPassphrase.to_string()
        );
    }
}
