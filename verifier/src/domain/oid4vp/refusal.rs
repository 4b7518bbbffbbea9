//! Why a wallet's fetch of a request object, or its answer, is refused: each refusal has a
//! stable code and a message in both languages, and is answered as an OAuth error.

use credentials::error::Detail;
use lang::Lang;

use crate::i18n::text;

/// Why a wallet's fetch or answer is refused (OAuth error `invalid_request` with a description).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Expired,
    Answered,
    Full,
    /// Refused for a reason said in both languages.
    Invalid {
        code: &'static str,
        reason: Detail,
    },
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unknown => "request_unknown",
            Self::Expired => "request_expired",
            Self::Answered => "request_answered",
            Self::Full => "too_many_requests",
            Self::Invalid { code, .. } => code,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Unknown => text!(lang, "refusal-unknown"),
            Self::Expired => text!(lang, "refusal-expired"),
            Self::Answered => text!(lang, "refusal-answered"),
            Self::Full => text!(lang, "refusal-full"),
            Self::Invalid { reason, .. } => reason.get(lang),
        }
        .to_owned()
    }
}

/// A refusal with a catalogue message (`|lang| t!(lang, "id", …)`).
pub fn invalid(code: &'static str, message: impl Fn(Lang) -> String) -> Refusal {
    Refusal::Invalid { code, reason: Detail::localized(message) }
}
