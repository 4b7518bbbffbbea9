//! The files the person names on the command line: read whole, or written owner-only like the
//! store (what is written may be a credential in clear), with errors that name the file.

use std::path::Path;

use credentials::error::io_reason;
use lang::Lang;

use crate::cli::exit::Failure;
use crate::domain::store::{self, StoreError};
use crate::i18n::t;

pub(crate) fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::Usage(t!(lang, "file-unreadable", path = path.display().to_string(), reason = io_reason(&e, lang)))
    })
}

/// `text` to `out`, or to standard output.
pub(crate) fn write_out(out: Option<&Path>, text: &str, lang: Lang) -> Result<(), Failure> {
    match out {
        // Owner-only, like the store: what is written is the credential in clear.
        Some(path) => store::write_atomic(path, text.as_bytes()).map_err(|e| {
            // The store's message names the path again in English; French names only the failure.
            let reason = match (&e, lang) {
                (StoreError::Io { source, .. }, Lang::Fr) => io_reason(source, lang),
                _ => e.message(lang),
            };
            Failure::Usage(t!(lang, "file-unwritable", path = path.display().to_string(), reason = reason))
        }),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// Moves `temporary` to `path`, which must not exist: an empty file is created at `path` first
/// (refused when it exists), so that a file made meanwhile is never replaced, then `temporary` is
/// renamed over it; the empty file is removed again when the rename fails.
fn reserve_then_rename(temporary: &Path, path: &Path) -> std::io::Result<()> {
    std::fs::File::options().write(true).create_new(true).open(path)?;
    std::fs::rename(temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(path);
    })
}

/// `text` to a new file at `path`, never half-written: written and synced under a temporary
/// name beside it (owner-only), then linked to `path`, which fails when `path` exists (no
/// check-then-write race), unless `force`, when it is renamed over it.
pub(crate) fn write_new(path: &Path, text: &str, force: bool, lang: Lang) -> Result<(), Failure> {
    let unwritable = |e: &std::io::Error| {
        Failure::Usage(t!(lang, "file-unwritable", path = path.display().to_string(), reason = io_reason(e, lang)))
    };
    if force {
        return write_out(Some(path), text, lang);
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = dir.join(format!(".tmp-{}", hex::encode(rand::random::<[u8; 8]>())));
    let mut options = std::fs::File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&temporary).and_then(|mut file| {
        use std::io::Write;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    });
    let linked = written.and_then(|()| match std::fs::hard_link(&temporary, path) {
        // A file system without hard links (FAT, some network shares): the name is taken first,
        // atomically, then the finished file renamed over it.
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => reserve_then_rename(&temporary, path),
        linked => linked,
    });
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::Usage(t!(lang, "export-exists", path = path.display().to_string())))
        }
        Err(e) => Err(unwritable(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserving_then_renaming_never_replaces_a_file_and_moves_the_finished_one() {
        let dir = tempfile::tempdir().unwrap();
        let (temporary, path) = (dir.path().join(".tmp-1"), dir.path().join("profile.json"));
        std::fs::write(&temporary, "finished").unwrap();
        reserve_then_rename(&temporary, &path).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "finished");
        assert!(!temporary.exists());

        std::fs::write(&temporary, "second").unwrap();
        let refused = reserve_then_rename(&temporary, &path).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "finished", "the existing file is kept");

        let missing = dir.path().join(".tmp-gone");
        let elsewhere = dir.path().join("other.json");
        assert!(reserve_then_rename(&missing, &elsewhere).is_err());
        assert!(!elsewhere.exists(), "no empty file left behind");
    }
}
