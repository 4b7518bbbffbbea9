//! Errors of key handling, kept apart from signing errors so a wrong passphrase or a key file
//! with loose permissions says exactly that.

use std::path::PathBuf;

use lang::Lang;

use crate::i18n::t;

/// What went wrong with a key, worded by the catalogue (`i18n/*/keys.ftl`); `Display` is the
/// English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", credentials::error::Describe::message(self, Lang::En))]
pub enum KeyError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    Exists {
        path: PathBuf,
    },
    PermissionsTooOpen {
        path: PathBuf,
        mode: u32,
    },
    Format {
        path: PathBuf,
        reason: FormatProblem,
    },
    PassphraseRequired {
        path: PathBuf,
    },
    WrongPassphrase {
        path: PathBuf,
    },
    Mismatch {
        path: PathBuf,
    },
    Derivation(SealProblem),
    KdfOutOfRange,
    /// The master key (ISSUER_MASTER_KEY or its file) is not 32 bytes in base64 (`found`: how
    /// many bytes it decoded to, `None` when it is not base64).
    MasterKey {
        found: Option<usize>,
    },
}

/// Why a file is not one of our key files.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatProblem {
    TooLarge,
    /// The JSON parser's own detail.
    NotJson(String),
    Unknown {
        format: String,
        version: u32,
        algorithm: String,
    },
    PrivateKeyNotMultibase(String),
    PrivateKeyNotEd25519,
}

/// Why sealing or opening a secret failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealProblem {
    Failed,
    /// The base64 decoder's own detail.
    NotBase64(String),
    TooShort,
    WrongLength,
    CannotOpen,
    WrongMasterKey,
    /// Argon2's own detail (parameters it refuses).
    Argon2(String),
}

impl FormatProblem {
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::TooLarge => t!(lang, "format-too-large"),
            Self::NotJson(detail) => t!(lang, "format-not-json", detail = detail.as_str()),
            Self::Unknown { format, version, algorithm } => t!(
                lang,
                "format-unknown",
                format = format.as_str(),
                version = version.to_string(),
                algorithm = algorithm.as_str()
            ),
            Self::PrivateKeyNotMultibase(detail) => {
                t!(lang, "format-private-key-not-multibase", detail = detail.as_str())
            }
            Self::PrivateKeyNotEd25519 => t!(lang, "format-private-key-not-ed25519"),
        }
    }
}

impl SealProblem {
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Failed => t!(lang, "seal-failed"),
            Self::NotBase64(detail) => t!(lang, "seal-not-base64", detail = detail.as_str()),
            Self::TooShort => t!(lang, "seal-too-short"),
            Self::WrongLength => t!(lang, "seal-wrong-length"),
            Self::CannotOpen => t!(lang, "seal-cannot-open"),
            Self::WrongMasterKey => t!(lang, "seal-wrong-master-key"),
            Self::Argon2(detail) => t!(lang, "seal-argon2", detail = detail.as_str()),
        }
    }
}

impl credentials::error::Describe for KeyError {
    fn code(&self) -> &'static str {
        match self {
            Self::Read { .. } => "key_file_unreadable",
            Self::Write { .. } => "key_file_unwritable",
            Self::Exists { .. } => "key_file_exists",
            Self::PermissionsTooOpen { .. } => "key_file_permissions",
            Self::Format { .. } => "key_file_format",
            Self::PassphraseRequired { .. } => "passphrase_required",
            Self::WrongPassphrase { .. } => "wrong_passphrase",
            Self::Mismatch { .. } => "key_mismatch",
            Self::Derivation(_) => "key_derivation",
            Self::KdfOutOfRange => "key_derivation_parameters",
            Self::MasterKey { .. } => "master_key_invalid",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let shown = |path: &PathBuf| path.display().to_string();
        match self {
            Self::Read { path, source } => {
                t!(
                    lang,
                    "key-file-unreadable",
                    path = shown(path),
                    reason = credentials::error::io_reason(source, lang)
                )
            }
            Self::Write { path, source } => {
                t!(
                    lang,
                    "key-file-unwritable",
                    path = shown(path),
                    reason = credentials::error::io_reason(source, lang)
                )
            }
            Self::Exists { path } => t!(lang, "key-file-exists", path = shown(path)),
            Self::PermissionsTooOpen { path, mode } => {
                t!(lang, "key-file-permissions", path = shown(path), mode = format!("{mode:o}"))
            }
            Self::Format { path, reason } => {
                t!(lang, "key-file-format", path = shown(path), reason = reason.message(lang))
            }
            Self::PassphraseRequired { path } => t!(lang, "key-file-passphrase-required", path = shown(path)),
            Self::WrongPassphrase { path } => t!(lang, "key-file-wrong-passphrase", path = shown(path)),
            Self::Mismatch { path } => t!(lang, "key-file-mismatch", path = shown(path)),
            Self::Derivation(reason) => t!(lang, "key-derivation", reason = reason.message(lang)),
            Self::KdfOutOfRange => t!(lang, "key-derivation-parameters"),
            Self::MasterKey { found: Some(found) } => t!(lang, "master-key-wrong-length", found = found.to_string()),
            Self::MasterKey { found: None } => t!(lang, "master-key-not-base64"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::error::Describe;

    #[test]
    fn messages_exist_in_french() {
        let path = PathBuf::from("/tmp/k.json");
        let errors = [
            KeyError::Read { path: path.clone(), source: std::io::ErrorKind::NotFound.into() },
            KeyError::PassphraseRequired { path: path.clone() },
            KeyError::WrongPassphrase { path: path.clone() },
            KeyError::PermissionsTooOpen { path, mode: 0o644 },
        ];
        for error in errors {
            let french = error.message(Lang::Fr);
            assert_ne!(french, error.to_string());
            assert!(french.contains("/tmp/k.json"), "{french}");
            assert!(!french.contains("key file"), "{french}");
        }
        let short = crate::MasterKey::from_base64("YWI=").err().map(|e| e.message(Lang::Fr));
        assert_eq!(
            short.as_deref(),
            Some("la clé maîtresse (ISSUER_MASTER_KEY ou master_key_file) doit faire 32 octets en base64 ; elle en fait 2")
        );
        let read = KeyError::Read { path: "/x".into(), source: std::io::ErrorKind::NotFound.into() };
        assert!(read.message(Lang::Fr).ends_with("fichier ou dossier introuvable"));
    }
}
