//! Typed errors of the credentials library. Each kind of failure is its own enum so callers (and
//! the bilingual reports built from them) can tell "the signature is wrong" from "the DID could
//! not be fetched" without parsing strings. Every variant has a stable `code()` for machines and a
//! `message(lang)` in English and French for people, worded by the catalogue
//! (`i18n/*/credentials.ftl`); `Display` is the English message.

mod context;
mod describe;
mod detail;
mod did;
mod input;
mod io;
mod jose;
mod json;
mod proof;
mod sd_jwt;
mod signer;
mod status;
mod validity;

use schemas::Lang;

pub use context::ContextError;
pub use describe::Describe;
pub use detail::Detail;
pub use did::DidError;
pub use input::InputError;
pub use io::{io_french, io_reason};
pub use jose::JoseError;
pub(crate) use json::wrong_structure;
pub use json::{json_french, json_reason};
pub use proof::ProofError;
pub use sd_jwt::SdJwtError;
pub use signer::SignerError;
pub use status::StatusError;
pub use validity::ValidityError;

/// Anything that stops this library from doing what it was asked. During verification most of
/// these become a failed check in a [`crate::Report`] instead; `Err` then means "could not check".
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Context(#[from] ContextError),
    #[error(transparent)]
    Proof(#[from] ProofError),
    #[error(transparent)]
    Did(#[from] DidError),
    #[error(transparent)]
    Jose(#[from] JoseError),
    #[error(transparent)]
    SdJwt(#[from] SdJwtError),
    #[error(transparent)]
    Validity(#[from] ValidityError),
    #[error(transparent)]
    Signer(#[from] SignerError),
    #[error(transparent)]
    Status(#[from] StatusError),
}

impl Describe for Error {
    fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::Context(e) => e.code(),
            Self::Proof(e) => e.code(),
            Self::Did(e) => e.code(),
            Self::Jose(e) => e.code(),
            Self::SdJwt(e) => e.code(),
            Self::Validity(e) => e.code(),
            Self::Signer(e) => e.code(),
            Self::Status(e) => e.code(),
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Input(e) => e.message(lang),
            Self::Context(e) => e.message(lang),
            Self::Proof(e) => e.message(lang),
            Self::Did(e) => e.message(lang),
            Self::Jose(e) => e.message(lang),
            Self::SdJwt(e) => e.message(lang),
            Self::Validity(e) => e.message(lang),
            Self::Signer(e) => e.message(lang),
            Self::Status(e) => e.message(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_the_english_message() {
        let errors: [&dyn Describe; 3] =
            [&InputError::Empty, &StatusError::Revoked, &SdJwtError::WrongDisclosureKind { expected_member: false }];
        for error in errors {
            assert!(!error.message(Lang::En).is_empty());
            assert_ne!(error.message(Lang::En), error.message(Lang::Fr));
        }
        assert_eq!(InputError::Empty.to_string(), InputError::Empty.message(Lang::En));
        let wrapped = Error::Status(StatusError::Suspended);
        assert_eq!(wrapped.to_string(), "the issuer has suspended this credential");
        let signer = Error::Signer(SignerError::Failed("no key".into()));
        assert_eq!(signer.message(Lang::Fr), "la signature a échoué : no key");
    }
}
