//! Why the service did not answer a request with a verification result, said in both languages
//! with a stable code. Which HTTP status each gets is decided in `http::problem`, not here.

use credentials::error::Detail;
use lang::Lang;

use crate::domain::oid4vp::refusal::Refusal;
use crate::i18n::{t, text};

/// Why a request was not answered with a verification result. `Display` is the English
/// message; every message comes from the catalogue (`i18n/*/verifier.ftl`).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ServiceError {
    /// A request this service cannot read, said in both languages.
    BadRequest(Detail),
    TooLarge,
    /// What could not be read, in English and French ("status list" / "liste de statuts").
    Unavailable(Detail),
    NotFound,
    /// Every slot of a bounded table is taken (open challenges): try again later.
    Busy(Detail),
    Unauthorized,
    /// The page's form was sent without this service's access token.
    WrongToken,
    /// A handler panicked (a bug): answered 500, logged, the process goes on.
    Internal,
    /// A wallet-facing OpenID4VP refusal, answered as an OAuth error.
    Refused(Refusal, Lang),
    /// The database failed (logged; answered as unavailable).
    Store(#[from] crate::store::StoreError),
    /// The caller's token already has this many open presentation requests.
    TooManyOpen(i64),
    /// The token is valid but lacks this scope.
    MissingScope(&'static str),
    /// The request-signing key cannot be sealed or opened (another master key?), in English.
    KeyUnusable(String),
}

impl ServiceError {
    /// A request refused with a catalogue message (`|lang| t!(lang, "id", …)`).
    pub fn bad(message: impl Fn(Lang) -> String) -> Self {
        Self::BadRequest(Detail::localized(message))
    }

    /// The text in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Refused(refusal, _) => refusal.message(lang),
            Self::BadRequest(detail) => detail.get(lang).to_owned(),
            Self::TooLarge => text!(lang, "problem-too-large").to_owned(),
            Self::Unavailable(what) => t!(lang, "problem-unavailable", what = what.get(lang)),
            Self::NotFound => text!(lang, "problem-not-found").to_owned(),
            Self::Busy(what) => t!(lang, "problem-busy", what = what.get(lang)),
            Self::Unauthorized => text!(lang, "problem-unauthorized").to_owned(),
            Self::WrongToken => text!(lang, "problem-wrong-token").to_owned(),
            Self::Internal => text!(lang, "problem-internal").to_owned(),
            Self::Store(_) => text!(lang, "problem-store").to_owned(),
            Self::TooManyOpen(limit) => t!(lang, "problem-too-many-open", limit = limit.to_string()),
            Self::MissingScope(scope) => t!(lang, "problem-missing-scope", scope = scope.to_string()),
            Self::KeyUnusable(reason) => t!(lang, "problem-key-unusable", reason = reason.as_str()),
        }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Refused(refusal, _) => refusal.code(),
            Self::BadRequest(_) => "bad_request",
            Self::TooLarge => "payload_too_large",
            Self::Unavailable(_) => "dependency_unavailable",
            Self::NotFound => "not_found",
            Self::Busy(_) => "busy",
            Self::Unauthorized => "unauthorized",
            Self::WrongToken => "wrong_token",
            Self::Internal => "internal_error",
            Self::Store(_) => "database_unavailable",
            Self::TooManyOpen(_) => "too_many_open_requests",
            Self::MissingScope(_) => "missing_scope",
            Self::KeyUnusable(_) => "key_unusable",
        }
    }
}

/// serde_json's own words for a JSON error (a value, in English) apart from where it is: the
/// catalogue places the line and column in each language.
pub fn json_problem(error: &serde_json::Error) -> (String, String, String) {
    let (line, column) = (error.line(), error.column());
    let whole = error.to_string();
    let detail = whole.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&whole).to_owned();
    (detail, line.to_string(), column.to_string())
}
