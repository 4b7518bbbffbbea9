//! What can go wrong with a key in a hardware security module, split the way a service must
//! answer it: the token (or its PIN, or the key in it) being unavailable is an operations problem
//! a service reports as "unavailable" and recovers from once the token is back; anything else is
//! a bug or a foreign object in the token.

use std::path::PathBuf;

use cryptoki::error::{Error as Pkcs11Error, RvError};
use lang::Lang;

use crate::i18n::t;

/// A failure of the PKCS#11 token or of a key in it, worded by the catalogue
/// (`i18n/*/keys.ftl`); `Display` is the English message. The PIN never appears in it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", credentials::error::Describe::message(self, Lang::En))]
pub enum TokenError {
    /// The PKCS#11 module (a shared library) could not be loaded or initialized.
    Module { path: PathBuf, detail: String },
    /// No initialized token has that label (or no token is in that slot).
    NoToken { token: String },
    /// The token refused the user PIN (incorrect, locked, expired).
    Pin { token: String, detail: String },
    /// The PIN file could not be read.
    PinFile { path: PathBuf, source: std::io::Error },
    /// The token or a session with it went away while in use (removed, device error).
    Lost { token: String, detail: String },
    /// The token holds no private key with that label.
    NoKey { token: String, label: String },
    /// The object is not an Ed25519 key as this crate makes them (a foreign object, or a bug).
    Malformed { label: String, detail: String },
    /// Any other PKCS#11 failure.
    Failed { detail: String },
}

impl TokenError {
    /// Whether the token, its PIN or the key in it is unavailable: an operations problem that
    /// ends when the token is back (a service answers 503), as opposed to a bug.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::Module { .. }
                | Self::NoToken { .. }
                | Self::Pin { .. }
                | Self::PinFile { .. }
                | Self::Lost { .. }
                | Self::NoKey { .. }
        )
    }

    /// Sorts a PKCS#11 failure: the token went away, the PIN was refused, or something else.
    pub(crate) fn from_pkcs11(token: &str, error: Pkcs11Error) -> Self {
        let detail = match &error {
            Pkcs11Error::Pkcs11(rv, function) => format!("C_{function:?}: {rv:?}"),
            other => other.to_string(),
        };
        let token = token.to_owned();
        match error {
            Pkcs11Error::Pkcs11(rv, _) if pin_refused(rv) => Self::Pin { token, detail },
            Pkcs11Error::Pkcs11(rv, _) if token_lost(rv) => Self::Lost { token, detail },
            _ => Self::Failed { detail },
        }
    }
}

fn pin_refused(rv: RvError) -> bool {
    matches!(rv, RvError::PinIncorrect | RvError::PinLocked | RvError::PinExpired | RvError::UserPinNotInitialized)
}

/// Return values after which the sessions are of no use: the token, the device or the login
/// is gone. The pool drops its sessions and opens new ones on the next request.
fn token_lost(rv: RvError) -> bool {
    matches!(
        rv,
        RvError::TokenNotPresent
            | RvError::TokenNotRecognized
            | RvError::DeviceRemoved
            | RvError::DeviceError
            | RvError::DeviceMemory
            | RvError::SessionClosed
            | RvError::SessionHandleInvalid
            | RvError::SessionCount
            | RvError::SlotIdInvalid
            | RvError::UserNotLoggedIn
            | RvError::KeyHandleInvalid
            | RvError::ObjectHandleInvalid
            | RvError::CryptokiNotInitialized
            | RvError::GeneralError
    )
}

impl credentials::error::Describe for TokenError {
    fn code(&self) -> &'static str {
        match self {
            Self::Module { .. } => "pkcs11_module",
            Self::NoToken { .. } => "pkcs11_no_token",
            Self::Pin { .. } => "pkcs11_pin",
            Self::PinFile { .. } => "pkcs11_pin_file",
            Self::Lost { .. } => "pkcs11_token_lost",
            Self::NoKey { .. } => "pkcs11_no_key",
            Self::Malformed { .. } => "pkcs11_key_malformed",
            Self::Failed { .. } => "pkcs11_failed",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Module { path, detail } => {
                t!(lang, "pkcs11-module", path = path.display().to_string(), detail = detail.as_str())
            }
            Self::NoToken { token } => t!(lang, "pkcs11-no-token", token = token.as_str()),
            Self::Pin { token, detail } => t!(lang, "pkcs11-pin", token = token.as_str(), detail = detail.as_str()),
            Self::PinFile { path, source } => t!(
                lang,
                "pkcs11-pin-file",
                path = path.display().to_string(),
                reason = credentials::error::io_reason(source, lang)
            ),
            Self::Lost { token, detail } => t!(lang, "pkcs11-lost", token = token.as_str(), detail = detail.as_str()),
            Self::NoKey { token, label } => t!(lang, "pkcs11-no-key", token = token.as_str(), label = label.as_str()),
            Self::Malformed { label, detail } => {
                t!(lang, "pkcs11-malformed", label = label.as_str(), detail = detail.as_str())
            }
            Self::Failed { detail } => t!(lang, "pkcs11-failed", detail = detail.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::error::Describe;
    use cryptoki::context::Function;

    #[test]
    fn pkcs11_failures_are_sorted_into_unavailable_and_bugs() {
        let pin = TokenError::from_pkcs11("hr", Pkcs11Error::Pkcs11(RvError::PinIncorrect, Function::Login));
        assert!(matches!(&pin, TokenError::Pin { detail, .. } if detail == "C_Login: PinIncorrect"), "{pin:?}");
        assert!(pin.is_unavailable());
        let lost = TokenError::from_pkcs11("hr", Pkcs11Error::Pkcs11(RvError::TokenNotPresent, Function::Sign));
        assert!(matches!(lost, TokenError::Lost { .. }) && lost.is_unavailable());
        let bug = TokenError::from_pkcs11("hr", Pkcs11Error::Pkcs11(RvError::MechanismInvalid, Function::SignInit));
        assert!(matches!(bug, TokenError::Failed { .. }) && !bug.is_unavailable());
        assert!(!TokenError::Malformed { label: "k".into(), detail: "d".into() }.is_unavailable());
        let french = pin.message(Lang::Fr);
        assert!(french.contains("NIP") && french.contains("hr"), "{french}");
        assert_ne!(french, pin.message(Lang::En));
    }
}
