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
