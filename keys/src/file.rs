//! Key files: one JSON document per key, written with owner-only permissions (0600) through a
//! temporary file and a rename, so a crash never leaves half a key and nobody else can read it.
//! A file whose permissions are looser than that is refused on read, as ssh does.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::FormatProblem;
use crate::sealed::{self, KdfParams, SealedSecret};
use crate::{KeyError, LocalKey};

const FORMAT: &str = "talent-credentials-key";

/// The on-disk form of a key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    pub algorithm: String,
    pub public_key_multibase: String,
    pub verification_method: String,
    pub secret: Secret,
}

/// The private key, in the clear (protected by file permissions) or sealed under a passphrase.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "protection", rename_all = "camelCase")]
pub enum Secret {
    #[serde(rename_all = "camelCase")]
    Plain { private_key_multibase: Zeroizing<String> },
    #[serde(rename = "argon2id-xchacha20poly1305")]
    Sealed(SealedSecret),
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Plain { .. } => f.write_str("Secret::Plain(..)"),
            Self::Sealed(_) => f.write_str("Secret::Sealed(..)"),
        }
    }
}

/// Writes a new owner-only (0600) file through a temporary file and a link, so a crash never
/// leaves half a key and an existing file is never replaced.
pub(crate) fn write_private(path: &Path, content: &[u8]) -> Result<(), KeyError> {
    if path.exists() {
        return Err(KeyError::Exists { path: path.to_owned() });
    }
    let write_error = |source| KeyError::Write { path: path.to_owned(), source };
    let directory = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = directory.join(format!(
        ".{}.{}.{:016x}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("key"),
        std::process::id(),
        rand::random::<u64>()
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary).map_err(write_error)?;
    let result = file.write_all(content).and_then(|()| file.sync_all());
    let linked = result.and_then(|()| fs::hard_link(&temporary, path));
    let _ = fs::remove_file(&temporary);
    // The new name is durable only once the directory is: a master key lost to a power cut
    // after the database committed keys sealed under it would be lost for good. Best effort:
    // the key is written, and some systems cannot sync a directory.
    #[cfg(unix)]
    if linked.is_ok() {
        let _ = fs::File::open(directory).and_then(|d| d.sync_all());
    }
    linked.map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            KeyError::Exists { path: path.to_owned() }
        } else {
            write_error(error)
        }
    })
}

/// The metadata of a file that must be readable by its owner only.
pub(crate) fn check_private(path: &Path) -> Result<fs::Metadata, KeyError> {
    let metadata = fs::metadata(path).map_err(|source| KeyError::Read { path: path.to_owned(), source })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::PermissionsTooOpen { path: path.to_owned(), mode });
        }
    }
    Ok(metadata)
}

fn format_error(path: &Path, reason: FormatProblem) -> KeyError {
    KeyError::Format { path: path.to_owned(), reason }
}

impl KeyFile {
    /// Describes `key`, sealing its secret when a passphrase is given.
    pub fn from_key(key: &LocalKey, passphrase: Option<&str>) -> Result<Self, KeyError> {
        use credentials::Signer;
        let public = credentials::multikey::encode_public(&key.public_key());
        let secret_bytes = key.secret_bytes();
        let secret = match passphrase {
            Some(passphrase) => Secret::Sealed(sealed::seal(&secret_bytes, passphrase, &public, KdfParams::default())?),
            None => {
                let mut prefixed = Zeroizing::new(Vec::with_capacity(34));
                prefixed.extend_from_slice(&credentials::multikey::ED25519_PRIVATE_PREFIX);
                prefixed.extend_from_slice(secret_bytes.as_ref());
                Secret::Plain {
                    private_key_multibase: Zeroizing::new(multibase::encode(
                        multibase::Base::Base58Btc,
                        prefixed.as_slice(),
                    )),
                }
            }
        };
        Ok(Self {
            format: FORMAT.into(),
            version: 1,
            algorithm: "Ed25519".into(),
            public_key_multibase: public,
            verification_method: key.verification_method().to_owned(),
            secret,
        })
    }

    /// Writes the file with mode 0600; refuses to replace an existing key.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        let json = Zeroizing::new(
            serde_json::to_vec_pretty(self)
                .map_err(|e| KeyError::Write { path: path.to_owned(), source: std::io::Error::other(e) })?,
        );
        write_private(path, json.as_slice())
    }

    /// Reads a key file, refusing one that other users can read.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let read_error = |source| KeyError::Read { path: path.to_owned(), source };
        let metadata = check_private(path)?;
        if metadata.len() > 64 * 1024 {
            return Err(format_error(path, FormatProblem::TooLarge));
        }
        let bytes = Zeroizing::new(fs::read(path).map_err(read_error)?);
        let file: Self =
            serde_json::from_slice(&bytes).map_err(|e| format_error(path, FormatProblem::NotJson(e.to_string())))?;
        if file.format != FORMAT || file.version != 1 || file.algorithm != "Ed25519" {
            return Err(format_error(
                path,
                FormatProblem::Unknown {
                    format: file.format.clone(),
                    version: file.version,
                    algorithm: file.algorithm.clone(),
                },
            ));
        }
        Ok(file)
    }

    pub fn is_sealed(&self) -> bool {
        matches!(self.secret, Secret::Sealed(_))
    }

    /// Opens the key; `passphrase` is needed for a sealed secret and ignored otherwise.
    pub fn unlock(&self, path: &Path, passphrase: Option<&str>) -> Result<LocalKey, KeyError> {
        let path_buf: PathBuf = path.to_owned();
        let secret: Zeroizing<[u8; 32]> = match &self.secret {
            Secret::Plain { private_key_multibase } => {
                let (_, bytes) = multibase::decode(private_key_multibase)
                    .map_err(|e| format_error(path, FormatProblem::PrivateKeyNotMultibase(e.to_string())))?;
                let bytes = Zeroizing::new(bytes);
                match bytes.as_slice() {
                    [0x80, 0x26, rest @ ..] if rest.len() == 32 => {
                        let mut secret = Zeroizing::new([0u8; 32]);
                        secret.copy_from_slice(rest);
                        secret
                    }
                    _ => return Err(format_error(path, FormatProblem::PrivateKeyNotEd25519)),
                }
            }
            Secret::Sealed(sealed) => {
                let passphrase = passphrase.ok_or_else(|| KeyError::PassphraseRequired { path: path_buf.clone() })?;
                sealed::open(sealed, passphrase, &self.public_key_multibase)?
                    .ok_or(KeyError::WrongPassphrase { path: path_buf.clone() })?
            }
        };
        let key = LocalKey::from_secret(&secret, self.verification_method.clone());
        use credentials::Signer;
        if credentials::multikey::encode_public(&key.public_key()) != self.public_key_multibase {
            return Err(KeyError::Mismatch { path: path_buf });
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::Signer;

    #[test]
    fn plain_key_round_trips_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("issuer.key");
        let key = LocalKey::generate();
        KeyFile::from_key(&key, None).unwrap().write_new(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let loaded = KeyFile::read(&path).unwrap().unlock(&path, None).unwrap();
        assert_eq!(loaded.public_key(), key.public_key());
        assert_eq!(loaded.verification_method(), key.verification_method());
        assert!(matches!(KeyFile::from_key(&key, None).unwrap().write_new(&path), Err(KeyError::Exists { .. })));
    }

    #[test]
    fn sealed_key_needs_the_right_passphrase_and_hides_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sealed.key");
        let key = LocalKey::generate();
        KeyFile::from_key(&key, Some("correct horse")).unwrap().write_new(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("privateKeyMultibase"));
        let file = KeyFile::read(&path).unwrap();
        assert!(matches!(file.unlock(&path, None), Err(KeyError::PassphraseRequired { .. })));
        assert!(matches!(file.unlock(&path, Some("wrong")), Err(KeyError::WrongPassphrase { .. })));
        assert_eq!(file.unlock(&path, Some("correct horse")).unwrap().public_key(), key.public_key());
    }

    #[test]
    fn sealed_secret_cannot_be_moved_to_another_public_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("swapped.key");
        let mut file = KeyFile::from_key(&LocalKey::generate(), Some("pw")).unwrap();
        file.public_key_multibase = KeyFile::from_key(&LocalKey::generate(), None).unwrap().public_key_multibase;
        file.write_new(&path).unwrap();
        assert!(matches!(
            KeyFile::read(&path).unwrap().unlock(&path, Some("pw")),
            Err(KeyError::WrongPassphrase { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn group_readable_key_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loose.key");
        KeyFile::from_key(&LocalKey::generate(), None).unwrap().write_new(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(KeyFile::read(&path), Err(KeyError::PermissionsTooOpen { mode: 0o644, .. })));
    }

    #[test]
    fn garbage_and_tampered_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("garbage.key");
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(&path).unwrap().write_all(b"not json").unwrap();
        assert!(matches!(KeyFile::read(&path), Err(KeyError::Format { .. })));

        let other = dir.path().join("mismatch.key");
        let mut file = KeyFile::from_key(&LocalKey::generate(), None).unwrap();
        file.public_key_multibase = KeyFile::from_key(&LocalKey::generate(), None).unwrap().public_key_multibase;
        file.write_new(&other).unwrap();
        assert!(matches!(KeyFile::read(&other).unwrap().unlock(&other, None), Err(KeyError::Mismatch { .. })));
    }
}
