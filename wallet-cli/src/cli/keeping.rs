//! The commands that keep the wallet itself: `init`, `did`, `export`, `delete`, `backup` and
//! `restore`, each a few lines over the store.

use std::path::Path;

use lang::Lang;

use crate::cli::exit::{about_file, Failure};
use crate::cli::files::write_out;
use crate::cli::prompt::passphrase;
use crate::domain::store::{DidMethod, StoreError, Wallet};
use crate::i18n::t;

/// Argon2id cost of a new wallet: OWASP's recommendation. `WALLET_KDF=test` makes it cheap, for
/// test suites only.
fn kdf() -> keys::KdfParams {
    match std::env::var("WALLET_KDF").as_deref() {
        Ok("test") => keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 },
        _ => keys::KdfParams::default(),
    }
}

pub(crate) fn init(dir: &Path, did_method: DidMethod, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::init_with(dir, &passphrase(lang, true)?, kdf(), did_method)?;
    eprintln!("{}", t!(lang, "init-created", dir = dir.display().to_string()));
    println!("{}", wallet.did());
    Ok(())
}

pub(crate) fn did(dir: &Path, lang: Lang) -> Result<(), Failure> {
    println!("{}", Wallet::open(dir, &passphrase(lang, false)?, false)?.did());
    Ok(())
}

pub(crate) fn export(dir: &Path, id: &str, out: Option<&Path>, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    write_out(out, &wallet.find(id)?.credential, lang)
}

pub(crate) fn delete(dir: &Path, id: &str, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let entry = wallet.find(id)?;
    wallet.delete(&entry.id)?;
    eprintln!("{}", t!(lang, "deleted", id = entry.id.as_str()));
    Ok(())
}

pub(crate) fn backup(dir: &Path, file: &Path, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let count = wallet.backup(file).map_err(about_file(file, lang))?;
    eprintln!("{}", t!(lang, "backup-written", count = count, file = file.display().to_string()));
    Ok(())
}

/// Restores into an empty directory; entries that cannot be read make it fail (exit 3) after
/// the others are restored.
pub(crate) fn restore(dir: &Path, file: &Path, lang: Lang) -> Result<(), Failure> {
    let wallet = Wallet::restore(dir, file, &passphrase(lang, false)?).map_err(about_file(file, lang))?;
    let (entries, damaged) = wallet.entries()?;
    eprintln!("{}", t!(lang, "restore-done", count = entries.len(), dir = dir.display().to_string()));
    if !damaged.is_empty() {
        let count = damaged.len().to_string();
        return Err(Failure::Store(StoreError::Damaged(
            file.to_owned(),
            credentials::error::Detail::localized(|lang| {
                t!(lang, "restore-unreadable-entries", count = count.as_str())
            }),
        )));
    }
    Ok(())
}
