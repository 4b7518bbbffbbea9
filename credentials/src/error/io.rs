//! The system words input/output failures in English only; French readers get the kind of
//! failure from the catalogue instead.

use std::sync::LazyLock;

use schemas::Lang;

use crate::i18n::t;

/// What an input/output error says, in `lang`: the system's own words in English, the kind of
/// failure in French.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => io_french(error).to_owned(),
    }
}

/// An operating-system failure said in French: `std::io::Error` words its text in English only,
/// so French messages name the kind of failure instead. Each kind is worded once per process.
pub fn io_french(error: &std::io::Error) -> &'static str {
    static FRENCH: LazyLock<Vec<(std::io::ErrorKind, String)>> =
        LazyLock::new(|| IO_KINDS.iter().map(|&kind| (kind, io_kind_words(kind, Lang::Fr))).collect());
    let kind = error.kind();
    FRENCH.iter().find(|(known, _)| *known == kind).or_else(|| FRENCH.last()).map_or("", |(_, words)| words.as_str())
}

/// The kinds of I/O failure the catalogue names; any other is worded as the last, generic one.
const IO_KINDS: [std::io::ErrorKind; 15] = {
    use std::io::ErrorKind as Kind;
    [
        Kind::NotFound,
        Kind::PermissionDenied,
        Kind::AlreadyExists,
        Kind::StorageFull,
        Kind::ReadOnlyFilesystem,
        Kind::IsADirectory,
        Kind::NotADirectory,
        Kind::InvalidData,
        Kind::UnexpectedEof,
        Kind::TimedOut,
        Kind::AddrInUse,
        Kind::AddrNotAvailable,
        Kind::ConnectionRefused,
        Kind::Interrupted,
        Kind::Other,
    ]
};

fn io_kind_words(kind: std::io::ErrorKind, lang: Lang) -> String {
    use std::io::ErrorKind as Kind;
    match kind {
        Kind::NotFound => t!(lang, "io-not-found"),
        Kind::PermissionDenied => t!(lang, "io-permission-denied"),
        Kind::AlreadyExists => t!(lang, "io-already-exists"),
        Kind::StorageFull => t!(lang, "io-storage-full"),
        Kind::ReadOnlyFilesystem => t!(lang, "io-read-only-filesystem"),
        Kind::IsADirectory => t!(lang, "io-is-a-directory"),
        Kind::NotADirectory => t!(lang, "io-not-a-directory"),
        Kind::InvalidData => t!(lang, "io-invalid-data"),
        Kind::UnexpectedEof => t!(lang, "io-unexpected-eof"),
        Kind::TimedOut => t!(lang, "io-timed-out"),
        Kind::AddrInUse => t!(lang, "io-address-in-use"),
        Kind::AddrNotAvailable => t!(lang, "io-address-not-available"),
        Kind::ConnectionRefused => t!(lang, "io-connection-refused"),
        Kind::Interrupted => t!(lang, "io-interrupted"),
        _ => t!(lang, "io-other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_are_named_in_french_once() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_french(&missing), "fichier ou dossier introuvable");
        assert!(std::ptr::eq(io_french(&missing), io_french(&missing)));
        let other = std::io::Error::from(std::io::ErrorKind::WouldBlock);
        assert_eq!(io_reason(&other, Lang::Fr), "erreur d'entrée-sortie");
        assert_eq!(io_reason(&missing, Lang::En), missing.to_string());
    }
}
