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
    let linked = written.and_then(|()| std::fs::hard_link(&temporary, path));
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::Usage(t!(lang, "export-exists", path = path.display().to_string())))
        }
        Err(e) => Err(unwritable(&e)),
    }
}
