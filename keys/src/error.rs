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
    #[error("key derivation parameters out of range")]
    KdfOutOfRange,
    /// The master key (ISSUER_MASTER_KEY or its file) is not 32 bytes in base64.
    #[error("the master key (ISSUER_MASTER_KEY or master_key_file) must be 32 bytes in base64{}", .found.map(|n| format!(", found {n} bytes")).unwrap_or_else(|| ", and is not base64".into()))]
    MasterKey { found: Option<usize> },
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

    fn message(&self, lang: schemas::Lang) -> String {
        use credentials::error::io_french;
        if lang == schemas::Lang::En {
            return self.to_string();
        }
        match self {
            Self::Read { path, source } => {
                format!("lecture impossible du fichier de clé {} : {}", path.display(), io_french(source))
            }
            Self::Write { path, source } => {
                format!("écriture impossible du fichier de clé {} : {}", path.display(), io_french(source))
            }
            Self::Exists { path } => {
                format!("le fichier de clé {} existe déjà ; une clé n'est jamais écrasée", path.display())
            }
            Self::PermissionsTooOpen { path, mode } => format!(
                "le fichier de clé {} est lisible par d'autres utilisateurs (mode {mode:o}) ; lancez `chmod 600` dessus",
                path.display()
            ),
            Self::Format { path, .. } => {
                format!("le fichier de clé {} n'est pas un fichier de clé Talent Credentials", path.display())
            }
            Self::PassphraseRequired { path } => {
                format!("le fichier de clé {} est chiffré : une phrase de passe est nécessaire", path.display())
            }
            Self::WrongPassphrase { path } => {
                format!("phrase de passe erronée pour le fichier de clé {}, ou fichier modifié", path.display())
            }
            Self::Mismatch { path } => format!(
                "le fichier de clé {} contient une clé privée qui ne correspond pas à sa clé publique",
                path.display()
            ),
            Self::Derivation(_) => "la dérivation de clé a échoué".to_owned(),
            Self::KdfOutOfRange => "paramètres de dérivation de clé hors limites".to_owned(),
            Self::MasterKey { found } => format!(
                "la clé maîtresse (ISSUER_MASTER_KEY ou master_key_file) doit faire 32 octets en base64{}",
                found.map(|n| format!(" ; elle en fait {n}")).unwrap_or_else(|| " ; ce n'est pas du base64".into())
            ),
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
            let french = error.message(schemas::Lang::Fr);
            assert_ne!(french, error.to_string());
            assert!(french.contains("/tmp/k.json"), "{french}");
            assert!(!french.contains("key file"), "{french}");
        }
        let short = crate::MasterKey::from_base64("YWI=").err().map(|e| e.message(schemas::Lang::Fr));
        assert_eq!(
            short.as_deref(),
            Some("la clé maîtresse (ISSUER_MASTER_KEY ou master_key_file) doit faire 32 octets en base64 ; elle en fait 2")
        );
        let read = KeyError::Read { path: "/x".into(), source: std::io::ErrorKind::NotFound.into() };
        assert!(read.message(schemas::Lang::Fr).ends_with("fichier ou dossier introuvable"));
    }
}
