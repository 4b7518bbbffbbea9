//! Errors of key handling, kept apart from signing errors so a wrong passphrase or a key file
//! with loose permissions says exactly that.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("cannot read key file {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write key file {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("key file {path} already exists; refusing to overwrite a key")]
    Exists { path: PathBuf },
    #[error("key file {path} is readable by other users (mode {mode:o}); run `chmod 600` on it")]
    PermissionsTooOpen { path: PathBuf, mode: u32 },
    #[error("key file {path} is not a Talent Credentials key file: {reason}")]
    Format { path: PathBuf, reason: String },
    #[error("key file {path} is encrypted: a passphrase is needed")]
    PassphraseRequired { path: PathBuf },
    #[error("wrong passphrase for key file {path}, or the file was altered")]
    WrongPassphrase { path: PathBuf },
    #[error("key file {path} holds a private key that does not match its public key")]
    Mismatch { path: PathBuf },
    #[error("key derivation failed: {0}")]
    Derivation(String),
}
