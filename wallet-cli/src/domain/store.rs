//! The holder's encrypted store. Nothing a credential says may be read from the disk without the
//! passphrase, one damaged file must not take the others with it, and two commands run at once
//! must not corrupt anything. So: a header (`wallet.json`) with the Argon2id parameters, the salt
//! and the holder's key sealed under the derived key; one sealed file per credential, bound by
//! its associated data to its own name (files cannot be swapped); every write goes to a temporary
//! file that is synced and renamed over the old one; and a lock file taken for the whole command
//! (shared to read, exclusive to change).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use credentials::error::Detail;
use credentials::Signer;
use keys::{DataKey, KdfParams, LocalKey};
use lang::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::i18n::t;

const FORMAT: &str = "talent-wallet/1";
const BACKUP_FORMAT: &str = "talent-wallet-backup/1";
const HEADER: &str = "wallet.json";
const ENTRIES: &str = "entries";
/// Offers being received: one sealed record each (see `domain::receiving`).
const RECEIVING: &str = "receiving";
const LOCK: &str = ".lock";
const CHECK: &[u8] = b"talent-wallet";

/// Why the store could not do what was asked, worded by the catalogue (`i18n/*/wallet_cli.ftl`);
/// `Display` is the English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum StoreError {
    NoWallet(PathBuf),
    Exists(PathBuf),
    WrongPassphrase,
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    Damaged(PathBuf, Detail),
    NotFound(String),
    Ambiguous(String),
    StoredTwice(String),
    Key(#[from] keys::KeyError),
}

impl StoreError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let shown = |path: &PathBuf| path.display().to_string();
        match self {
            Self::NoWallet(dir) => t!(lang, "store-no-wallet", dir = shown(dir)),
            Self::Exists(dir) => t!(lang, "store-exists", dir = shown(dir)),
            Self::WrongPassphrase => t!(lang, "store-wrong-passphrase"),
            Self::Io { path, source } => {
                t!(lang, "store-io", path = shown(path), reason = credentials::error::io_reason(source, lang))
            }
            Self::Damaged(path, reason) => t!(lang, "store-damaged", path = shown(path), reason = reason.get(lang)),
            Self::NotFound(id) => t!(lang, "store-not-found", id = id.as_str()),
            Self::Ambiguous(id) => t!(lang, "store-ambiguous", id = id.as_str()),
            Self::StoredTwice(id) => t!(lang, "store-stored-twice", id = id.as_str()),
            Self::Key(error) => credentials::error::Describe::message(error, lang),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_owned(), source }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Header {
    format: String,
    kdf: KdfParams,
    salt: String,
    did: String,
    verification_method: String,
    sealed_key: String,
    /// A known text sealed with the key, so a wrong passphrase is told apart from damage.
    check: String,
}

/// One stored credential, as the holder received it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The wallet's own id of the entry (random; says nothing about the credential).
    #[serde(skip)]
    pub id: String,
    /// The credential as received: JSON text, or a compact JWT or SD-JWT (see [`normalized`]).
    pub credential: String,
    pub received_at: String,
    /// `import` or the offer it came from.
    pub source: String,
    /// Status as last checked (`active`, `revoked`, `suspended`, `not checked`…).
    #[serde(default)]
    pub status: Option<String>,
    /// Set when the credential was kept without being verified (its issuer's DID document could
    /// not be fetched when it arrived): a received credential is never thrown away, and this
    /// mark stays until a later check verifies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Unverified>,
    /// The address of the offer link the person gave (`https://host/`), whose host is reached as
    /// named when the credential is checked again, as during the exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The issuer's `did:web` documents as its verification read them online (at receipt, or at
    /// the check that verified it), and when: it is checked again offline with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub did_documents: Vec<credentials::did::DidDocument>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_documents_at: Option<String>,
    /// When its status lists were last read (RFC 3339): at receipt, `import --online`,
    /// `show --online`, `--refresh`. `None`: never read (an offline import).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_checked_at: Option<String>,
    /// The person's own words about it (shown as theirs, never as verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<crate::domain::own_words::OwnWords>,
}

/// Why a kept credential is not verified yet: the check that could not be made and its
/// failure's code and words, in both languages, as they were when it was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unverified {
    pub code: String,
    pub reason: String,
    pub reason_fr: String,
}

/// An entry that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub id: String,
    pub reason: Detail,
}

/// Why JSON could not be read, in both languages (serde words its errors in English only).
fn json_reason(error: &serde_json::Error) -> Detail {
    Detail::new(error.to_string(), credentials::error::json_french(error))
}

/// How the holder's key is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DidMethod {
    /// `did:key:z6Mk…` (the default).
    Key,
    /// `did:jwk:…`.
    Jwk,
}

/// An unlocked wallet; the lock is held until it is dropped.
#[derive(Debug)]
pub struct Wallet {
    dir: PathBuf,
    key: DataKey,
    holder: std::sync::Arc<LocalKey>,
    did: String,
    _lock: File,
}

/// The default wallet directory: `WALLET_DIR`, else the platform data directory.
pub fn default_dir() -> PathBuf {
    match std::env::var_os("WALLET_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("talent-wallet"),
    }
}

fn lock(dir: &Path, exclusive: bool) -> Result<File, StoreError> {
    let path = dir.join(LOCK);
    let file = File::options().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
    if exclusive { file.lock() } else { file.lock_shared() }.map_err(io(&path))?;
    Ok(file)
}

#[cfg(unix)]
fn private_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(io(dir))
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(io(dir))
}

/// Writes `bytes` to `path` atomically: a synced temporary file (owner-only) renamed over it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = dir.join(format!(".tmp-{}", hex::encode(rand::random::<[u8; 8]>())));
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = (|| {
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename itself is durable once the directory is synced.
        File::open(dir).and_then(|d| d.sync_all())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(io(path))
}

fn decode(text: &str, what: &Path) -> Result<Vec<u8>, StoreError> {
    B64.decode(text).map_err(|e| {
        let reason = e.to_string();
        StoreError::Damaged(
            what.to_owned(),
            Detail::localized(|lang| t!(lang, "damage-not-base64", reason = reason.as_str())),
        )
    })
}

fn entry_aad(id: &str) -> Vec<u8> {
    format!("entry:{id}").into_bytes()
}

/// A receiving record's name: the hex digest `domain::receiving` gives an offer link.
fn valid_record_key(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn valid_entry_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// A credential as the wallet keeps it: trimmed, and a JWT or SD-JWT that a file gave as a JSON
/// string (`"eyJ…~…~"`) unquoted. Kept quoted, an SD-JWT was not recognised as one and `present`
/// wrapped it, with every disclosure, into a presentation (found by review).
pub fn normalized(text: &str) -> String {
    let text = text.trim();
    if text.starts_with('"') {
        if let Ok(serde_json::Value::String(inner)) = serde_json::from_str::<serde_json::Value>(text) {
            return inner.trim().to_owned();
        }
    }
    text.to_owned()
}

impl Wallet {
    /// Creates a wallet in `dir`: a new holder key (`did:key`) and an empty store.
    pub fn init(dir: &Path, passphrase: &str, kdf: KdfParams) -> Result<Self, StoreError> {
        Self::init_with(dir, passphrase, kdf, DidMethod::Key)
    }

    /// [`Wallet::init`] with the DID method that names the holder's key.
    pub fn init_with(dir: &Path, passphrase: &str, kdf: KdfParams, method: DidMethod) -> Result<Self, StoreError> {
        private_dir(dir)?;
        let lock = lock(dir, true)?;
        if dir.join(HEADER).exists() {
            return Err(StoreError::Exists(dir.to_owned()));
        }
        let salt = keys::new_salt();
        let key = DataKey::derive(passphrase, &salt, kdf)?;
        let mut holder = LocalKey::generate();
        if method == DidMethod::Jwk {
            let (_, verification_method) = credentials::did::did_jwk_for(&holder.public_key());
            holder = holder.with_verification_method(verification_method);
        }
        let did = credentials::did::did_of(holder.verification_method())
            .map_err(|e| StoreError::Damaged(dir.to_owned(), Detail::of(&e)))?
            .to_owned();
        let header = Header {
            format: FORMAT.into(),
            kdf,
            salt: B64.encode(salt),
            did: did.clone(),
            verification_method: holder.verification_method().to_owned(),
            sealed_key: B64.encode(key.seal_key(&holder, did.as_bytes())?),
            check: B64.encode(key.seal(CHECK, b"check")?),
        };
        private_dir(&dir.join(ENTRIES))?;
        let text =
            serde_json::to_vec_pretty(&header).map_err(|e| StoreError::Damaged(dir.join(HEADER), json_reason(&e)))?;
        write_atomic(&dir.join(HEADER), &text)?;
        Ok(Self { dir: dir.to_owned(), key, holder: holder.into(), did, _lock: lock })
    }

    fn read_header(dir: &Path) -> Result<Header, StoreError> {
        let path = dir.join(HEADER);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NoWallet(dir.to_owned()))
            }
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        let header: Header =
            serde_json::from_slice(&bytes).map_err(|e| StoreError::Damaged(path.clone(), json_reason(&e)))?;
        if header.format != FORMAT {
            return Err(StoreError::Damaged(
                path,
                Detail::localized(|lang| t!(lang, "damage-unknown-format", format = header.format.as_str())),
            ));
        }
        Ok(header)
    }

    fn unlock(header: &Header, passphrase: &str, path: &Path) -> Result<(DataKey, LocalKey), StoreError> {
        // The parameters come from a file (or a backup someone sent): bounded before Argon2 runs.
        if !header.kdf.within_bounds() {
            return Err(StoreError::Damaged(
                path.to_owned(),
                Detail::localized(|lang| t!(lang, "damage-key-derivation-parameters")),
            ));
        }
        let key = DataKey::derive(passphrase, &decode(&header.salt, path)?, header.kdf)?;
        if key.open(&decode(&header.check, path)?, b"check").as_deref().map(Vec::as_slice) != Some(CHECK) {
            return Err(StoreError::WrongPassphrase);
        }
        let holder = key
            .open_key(&decode(&header.sealed_key, path)?, header.did.as_bytes(), &header.verification_method)
            .map_err(|e| StoreError::Damaged(path.to_owned(), Detail::of(&e)))?;
        // The method name is not sealed: it must name this DID and resolve to this very key.
        let resolved = credentials::did::resolve_key(
            &credentials::did::StaticResolver::new(),
            &header.verification_method,
            credentials::did::Purpose::Authentication,
        );
        if credentials::did::did_of(&header.verification_method).ok() != Some(header.did.as_str())
            || resolved.ok() != Some(credentials::Signer::public_key(&holder))
        {
            return Err(StoreError::Damaged(
                path.to_owned(),
                Detail::localized(|lang| t!(lang, "damage-holder-key-mismatch")),
            ));
        }
        Ok((key, holder))
    }

    /// Unlocks the wallet in `dir`; `exclusive` for commands that change it (others wait).
    pub fn open(dir: &Path, passphrase: &str, exclusive: bool) -> Result<Self, StoreError> {
        if !dir.join(HEADER).exists() {
            return Err(StoreError::NoWallet(dir.to_owned()));
        }
        let lock = lock(dir, exclusive)?;
        let header = Self::read_header(dir)?;
        let (key, holder) = Self::unlock(&header, passphrase, &dir.join(HEADER))?;
        Ok(Self { dir: dir.to_owned(), key, holder: holder.into(), did: header.did, _lock: lock })
    }

    /// The holder's DID (`did:key`).
    pub fn did(&self) -> &str {
        &self.did
    }

    /// The holder's signing key (presentations, key proofs).
    pub fn holder(&self) -> &std::sync::Arc<LocalKey> {
        &self.holder
    }

    fn entry_path(&self, id: &str) -> PathBuf {
        self.dir.join(ENTRIES).join(format!("{id}.sealed"))
    }

    /// Stores a credential; returns its entry id.
    pub fn add(&self, mut entry: Entry) -> Result<String, StoreError> {
        let id = hex::encode(rand::random::<[u8; 8]>());
        entry.id = id.clone();
        entry.credential = normalized(&entry.credential);
        let plain =
            serde_json::to_vec(&entry).map_err(|e| StoreError::Damaged(self.entry_path(&id), json_reason(&e)))?;
        let sealed = self.key.seal(&plain, &entry_aad(&id))?;
        write_atomic(&self.entry_path(&id), &sealed)?;
        Ok(id)
    }

    /// Writes `entry` again under its own id (a new check's outcome, what was learned).
    pub fn update(&self, entry: &Entry) -> Result<(), StoreError> {
        if !valid_entry_id(&entry.id) || !self.entry_path(&entry.id).exists() {
            return Err(StoreError::NotFound(entry.id.clone()));
        }
        let plain =
            serde_json::to_vec(entry).map_err(|e| StoreError::Damaged(self.entry_path(&entry.id), json_reason(&e)))?;
        let sealed = self.key.seal(&plain, &entry_aad(&entry.id))?;
        write_atomic(&self.entry_path(&entry.id), &sealed)
    }

    fn record_path(&self, key: &str) -> PathBuf {
        self.dir.join(RECEIVING).join(format!("{key}.sealed"))
    }

    /// Seals `record` (the progress of receiving one offer) under `key` (hex), replacing the
    /// one before: written before each step of the exchange, so a receive cut short resumes.
    pub fn save_record(&self, key: &str, record: &[u8]) -> Result<(), StoreError> {
        private_dir(&self.dir.join(RECEIVING))?;
        let sealed = self.key.seal(record, format!("receiving:{key}").as_bytes())?;
        write_atomic(&self.record_path(key), &sealed)
    }

    /// The record saved under `key`, if any.
    pub fn record(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let path = self.record_path(key);
        let sealed = match std::fs::read(&path) {
            Ok(sealed) => sealed,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(StoreError::Io { path, source }),
        };
        match self.key.open(&sealed, format!("receiving:{key}").as_bytes()) {
            Some(plain) => Ok(Some(plain.to_vec())),
            None => Err(StoreError::Damaged(path, Detail::localized(|lang| t!(lang, "damage-cannot-decrypt")))),
        }
    }

    fn entry_ids(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.dir.join(ENTRIES);
        let mut ids = Vec::new();
        for item in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let item = item.map_err(io(&dir))?;
            let name = item.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".sealed").filter(|id| valid_entry_id(id)) {
                ids.push(id.to_owned());
            }
        }
        ids.sort();
        Ok(ids)
    }

    fn read_entry(&self, id: &str) -> Result<Entry, Damaged> {
        let damaged = |reason: Detail| Damaged { id: id.to_owned(), reason };
        let sealed = std::fs::read(self.entry_path(id))
            .map_err(|e| damaged(Detail::localized(|lang| credentials::error::io_reason(&e, lang))))?;
        let plain = self
            .key
            .open(&sealed, &entry_aad(id))
            .ok_or_else(|| damaged(Detail::localized(|lang| t!(lang, "damage-cannot-decrypt"))))?;
        let mut entry: Entry = serde_json::from_slice(&plain).map_err(|e| damaged(json_reason(&e)))?;
        entry.id = id.to_owned();
        entry.credential = normalized(&entry.credential);
        Ok(entry)
    }

    /// Every readable entry, and those that are not (each reported, none hiding the others).
    /// Entries are read and decrypted on every core: a wallet of thousands lists at once.
    pub fn entries(&self) -> Result<(Vec<Entry>, Vec<Damaged>), StoreError> {
        use rayon::prelude::*;
        let read: Vec<Result<Entry, Damaged>> = self.entry_ids()?.par_iter().map(|id| self.read_entry(id)).collect();
        let mut entries = Vec::with_capacity(read.len());
        let mut damaged = Vec::new();
        for item in read {
            match item {
                Ok(entry) => entries.push(entry),
                Err(bad) => damaged.push(bad),
            }
        }
        Ok((entries, damaged))
    }

    /// The entry whose wallet id starts with `query`, or whose credential id is `query`.
    pub fn find(&self, query: &str) -> Result<Entry, StoreError> {
        let ids = self.entry_ids()?;
        let matching: Vec<&String> = ids.iter().filter(|id| !query.is_empty() && id.starts_with(query)).collect();
        match matching.as_slice() {
            [one] => {
                return self.read_entry(one).map_err(|bad| StoreError::Damaged(self.entry_path(&bad.id), bad.reason))
            }
            [] => {}
            _ => return Err(StoreError::Ambiguous(query.to_owned())),
        }
        let (entries, _) = self.entries()?;
        // The same credential stored twice: the person must choose by the wallet's own id.
        let mut found = entries
            .into_iter()
            .filter(|entry| crate::domain::summary::credential_id(&entry.credential).as_deref() == Some(query));
        match (found.next(), found.next()) {
            (Some(entry), None) => Ok(entry),
            (Some(_), Some(_)) => Err(StoreError::StoredTwice(query.to_owned())),
            (None, _) => Err(StoreError::NotFound(query.to_owned())),
        }
    }

    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        let path = self.entry_path(id);
        std::fs::remove_file(&path).map_err(io(&path))
    }

    /// The names of the receiving records (hex digests of offer links).
    fn record_keys(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.dir.join(RECEIVING);
        let items = match std::fs::read_dir(&dir) {
            Ok(items) => items,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(StoreError::Io { path: dir, source }),
        };
        let mut keys = Vec::new();
        for item in items {
            let name = item.map_err(io(&dir))?.file_name().to_string_lossy().into_owned();
            if let Some(key) = name.strip_suffix(".sealed").filter(|key| valid_record_key(key)) {
                keys.push(key.to_owned());
            }
        }
        keys.sort();
        Ok(keys)
    }

    /// One file holding the header, every sealed entry and every receiving record (a credential
    /// received but not yet verified waits there), still encrypted.
    pub fn backup(&self, path: &Path) -> Result<usize, StoreError> {
        let header_path = self.dir.join(HEADER);
        let header: Value = serde_json::from_slice(&std::fs::read(&header_path).map_err(io(&header_path))?)
            .map_err(|e| StoreError::Damaged(header_path.clone(), json_reason(&e)))?;
        let mut entries = serde_json::Map::new();
        for id in self.entry_ids()? {
            let entry_path = self.entry_path(&id);
            entries.insert(id, B64.encode(std::fs::read(&entry_path).map_err(io(&entry_path))?).into());
        }
        let count = entries.len();
        let mut receiving = serde_json::Map::new();
        for key in self.record_keys()? {
            let record_path = self.record_path(&key);
            receiving.insert(key, B64.encode(std::fs::read(&record_path).map_err(io(&record_path))?).into());
        }
        let archive = serde_json::json!({"format": BACKUP_FORMAT, "wallet": header, "entries": entries,
            "receiving": receiving});
        write_atomic(path, archive.to_string().as_bytes())?;
        Ok(count)
    }

    /// Recreates a wallet from a backup in an empty `dir`, after checking the passphrase.
    pub fn restore(dir: &Path, archive: &Path, passphrase: &str) -> Result<Self, StoreError> {
        let bytes = std::fs::read(archive).map_err(io(archive))?;
        let value: Value =
            serde_json::from_slice(&bytes).map_err(|e| StoreError::Damaged(archive.to_owned(), json_reason(&e)))?;
        if value.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
            return Err(StoreError::Damaged(
                archive.to_owned(),
                Detail::localized(|lang| t!(lang, "damage-not-a-backup")),
            ));
        }
        let header: Header = serde_json::from_value(value["wallet"].clone())
            .map_err(|e| StoreError::Damaged(archive.to_owned(), json_reason(&e)))?;
        let (key, holder) = Self::unlock(&header, passphrase, archive)?;
        private_dir(dir)?;
        let lock = lock(dir, true)?;
        if dir.join(HEADER).exists() {
            return Err(StoreError::Exists(dir.to_owned()));
        }
        private_dir(&dir.join(ENTRIES))?;
        let wallet = Self { dir: dir.to_owned(), key, holder: holder.into(), did: header.did.clone(), _lock: lock };
        for (id, sealed) in value["entries"].as_object().into_iter().flatten() {
            if !valid_entry_id(id) {
                return Err(StoreError::Damaged(
                    archive.to_owned(),
                    Detail::localized(|lang| t!(lang, "damage-bad-entry-id", id = id.as_str())),
                ));
            }
            let sealed = decode(sealed.as_str().unwrap_or_default(), archive)?;
            write_atomic(&wallet.entry_path(id), &sealed)?;
        }
        // Backups made before receiving records were kept have none.
        for (key, sealed) in value["receiving"].as_object().into_iter().flatten() {
            if !valid_record_key(key) {
                return Err(StoreError::Damaged(
                    archive.to_owned(),
                    Detail::localized(|lang| t!(lang, "damage-bad-entry-id", id = key.as_str())),
                ));
            }
            let sealed = decode(sealed.as_str().unwrap_or_default(), archive)?;
            private_dir(&dir.join(RECEIVING))?;
            write_atomic(&wallet.record_path(key), &sealed)?;
        }
        let text =
            serde_json::to_vec_pretty(&header).map_err(|e| StoreError::Damaged(dir.join(HEADER), json_reason(&e)))?;
        write_atomic(&dir.join(HEADER), &text)?;
        Ok(wallet)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUICK: KdfParams = KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };

    fn entry(text: &str) -> Entry {
        Entry {
            id: String::new(),
            credential: text.into(),
            received_at: "2026-01-01T00:00:00Z".into(),
            source: "import".into(),
            ..Entry::default()
        }
    }

    #[test]
    fn entries_are_sealed_and_one_damaged_file_hides_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::init(dir.path(), "pass phrase", QUICK).unwrap();
        let first = wallet.add(entry(r#"{"name": "Secret Skill Alpha"}"#)).unwrap();
        let second = wallet.add(entry(r#"{"name": "Secret Skill Beta"}"#)).unwrap();
        drop(wallet);
        for file in walk(dir.path()) {
            let bytes = std::fs::read(&file).unwrap();
            assert!(!bytes.windows(6).any(|w| w == b"Secret"), "{}", file.display());
        }
        assert!(matches!(Wallet::open(dir.path(), "wrong", false), Err(StoreError::WrongPassphrase)));
        let wallet = Wallet::open(dir.path(), "pass phrase", true).unwrap();
        let path = wallet.entry_path(&first);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[40] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        let (entries, damaged) = wallet.entries().unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].id, second);
        assert_eq!(damaged.len(), 1);
        assert_eq!(damaged[0].id, first);
        assert_eq!(damaged[0].reason.fr, "impossible à déchiffrer : le fichier a été modifié ou endommagé");
        // A sealed entry copied under another name does not open there.
        std::fs::copy(wallet.entry_path(&second), wallet.entry_path("00000000000000aa")).unwrap();
        assert_eq!(wallet.entries().unwrap().1.len(), 2);
    }

    #[test]
    fn a_jwt_or_sd_jwt_given_as_a_json_string_is_kept_unquoted() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::init(dir.path(), "pw", QUICK).unwrap();
        let sd_jwt = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln~WyJzYWx0IiwibmFtZSIsIngiXQ~";
        let id = wallet.add(entry(&format!(" \"{sd_jwt}\"\n"))).unwrap();
        let stored = wallet.find(&id).unwrap();
        assert_eq!(stored.credential, sd_jwt);
        assert!(crate::domain::present::is_sd_jwt(&stored));
        // One credential stored twice: its credential id names both, and the person is told to
        // choose by the wallet's own id.
        let twice = r#"{"id": "urn:uuid:twice", "type": ["VerifiableCredential"]}"#;
        let (first, _) = (wallet.add(entry(twice)).unwrap(), wallet.add(entry(twice)).unwrap());
        assert!(matches!(wallet.find("urn:uuid:twice"), Err(StoreError::StoredTwice(_))));
        assert_eq!(wallet.find(&first).unwrap().id, first);
        // JSON credentials are kept as they came (trimmed).
        let id = wallet.add(entry("{\"a\": 1}\n")).unwrap();
        assert_eq!(wallet.find(&id).unwrap().credential, "{\"a\": 1}");
    }

    #[test]
    fn a_header_with_absurd_key_derivation_costs_is_refused_before_deriving() {
        let dir = tempfile::tempdir().unwrap();
        drop(Wallet::init(dir.path(), "pw", QUICK).unwrap());
        let path = dir.path().join(HEADER);
        let mut header: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        header["kdf"]["memory_kib"] = 4_000_000_000u32.into();
        std::fs::write(&path, header.to_string()).unwrap();
        match Wallet::open(dir.path(), "pw", false) {
            Err(StoreError::Damaged(_, reason)) => {
                assert_eq!(reason.fr, "paramètres de dérivation de clé hors limites");
            }
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, "{ not json").unwrap();
        match Wallet::open(dir.path(), "pw", false) {
            Err(StoreError::Damaged(_, reason)) => {
                assert_eq!(reason.fr, "JSON invalide (ligne 1, colonne 3)", "{reason:?}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn backup_and_restore_give_the_same_credentials() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::init(&dir.path().join("a"), "pw", QUICK).unwrap();
        wallet.add(entry("one")).unwrap();
        wallet.add(entry("two")).unwrap();
        // A credential received but not yet kept as an entry waits in its receiving record.
        let record = "0123456789abcdef0123456789abcdef";
        wallet.save_record(record, b"{\"credential\": \"three\"}").unwrap();
        assert_eq!(wallet.backup(&dir.path().join("backup")).unwrap(), 2);
        let did = wallet.did().to_owned();
        drop(wallet);
        assert!(matches!(
            Wallet::restore(&dir.path().join("b"), &dir.path().join("backup"), "nope"),
            Err(StoreError::WrongPassphrase)
        ));
        let restored = Wallet::restore(&dir.path().join("b"), &dir.path().join("backup"), "pw").unwrap();
        assert_eq!(restored.did(), did);
        let mut texts: Vec<String> = restored.entries().unwrap().0.into_iter().map(|e| e.credential).collect();
        texts.sort();
        assert_eq!(texts, ["one", "two"]);
        assert_eq!(restored.record(record).unwrap().as_deref(), Some(&b"{\"credential\": \"three\"}"[..]));
        drop(restored);
        assert!(matches!(
            Wallet::restore(&dir.path().join("b"), &dir.path().join("backup"), "pw"),
            Err(StoreError::Exists(_))
        ));
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for item in std::fs::read_dir(dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else {
                files.push(path);
            }
        }
        files
    }
}
