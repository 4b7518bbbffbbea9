//! What can go wrong in the issuer, worded by the catalogue: each kind has a stable machine
//! `code` and a text in English and French. Which HTTP status each kind gets is not decided here
//! but in `http/problem.rs`; internal details (database, key vault) are logged, never sent.

use std::sync::LazyLock;

use credentials::error::Describe;
pub use credentials::error::Detail;
use schemas::Lang;

use crate::i18n::{detail, t};
use crate::store::StoreError;

/// What went wrong, worded by the catalogue (`i18n/*/issuer.ftl`); `Display` is the English text
/// (for internal failures, the cause that is logged, never sent).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IssuerError {
    #[error("{}", self.detail(Lang::En))]
    Refused(Detail),
    /// A figures release the quarter's privacy budget does not allow (or no budget): nothing
    /// was published.
    #[error("{}", self.detail(Lang::En))]
    BudgetSpent(Detail),
    #[error("{}", self.detail(Lang::En))]
    Schema(Vec<schemas::Violation>),
    #[error("{}", self.detail(Lang::En))]
    IssuerMismatch { issuer: String, key_did: String },
    #[error(transparent)]
    Template(#[from] schemas::SchemaError),
    #[error(transparent)]
    Credentials(#[from] credentials::Error),
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", self.detail(Lang::En))]
    Unauthorized,
    #[error("{}", self.detail(Lang::En))]
    Forbidden(&'static str),
    /// A console form without its session's CSRF token (or with another's): nothing is done.
    #[error("{}", self.detail(Lang::En))]
    FormRejected,
    /// A staff member the department's identity provider signed in, but whose groups (roles)
    /// are given no permission here: no session is opened.
    #[error("{}", self.detail(Lang::En))]
    SignInRefused,
    /// The identity provider answered that the sign-in was cancelled or refused there
    /// (`access_denied`…).
    #[error("{}", self.detail(Lang::En))]
    SignInCancelled,
    /// A sign-in callback whose state is unknown, expired, already used, or started in another
    /// browser: nothing is done.
    #[error("{}", self.detail(Lang::En))]
    SignInUnknown,
    /// The department's identity provider could not be reached, or what it answered could not
    /// be verified (discovery, code exchange, ID token): the cause is logged, never shown.
    #[error("identity provider: {0}")]
    IdentityProvider(String),
    /// A token of one department asked to issue in another's name.
    #[error("{}", self.detail(Lang::En))]
    OtherDepartment { token_department: String, issuer: String },
    /// What was not found, in English and French (a noun phrase: "credential X").
    #[error("{}", self.detail(Lang::En))]
    NotFound(Detail),
    #[error("{}", self.detail(Lang::En))]
    BadRequest(Detail),
    #[error("{}", self.detail(Lang::En))]
    PayloadTooLarge,
    #[error("{}", self.detail(Lang::En))]
    MethodNotAllowed,
    /// An OAuth 2.0 / OpenID4VCI error (`invalid_grant`, `invalid_proof`…): answered with the
    /// protocol's `error` and `error_description` as well as the problem fields.
    #[error("{error}: {en}")]
    OAuth { error: &'static str, en: String, fr: String },
    #[error("{0}")]
    Conflict(Detail),
    /// A handler panicked (a bug): answered 500 and logged; the process goes on.
    #[error("{}", t!(Lang::En, "error-handler-panicked"))]
    Internal,
    /// A failure that only a bug or a broken machine causes (a signing task that died, a value
    /// that cannot be serialized): answered 500 with a generic text; the cause is only logged.
    #[error("{}", t!(Lang::En, "error-unexpected", cause = self.unexpected_cause()))]
    Unexpected(String),
    /// The department's signing key is out of reach for now (its PKCS#11 token removed, its PIN
    /// refused, no token configured): answered 503, nothing recorded; the cause is only logged.
    #[error("{}", t!(Lang::En, "error-key-unavailable-cause", cause = self.unexpected_cause()))]
    KeyUnavailable(String),
    #[error("{}", self.detail(Lang::En))]
    TooManyRequests,
    #[error("{}", self.detail(Lang::En))]
    IdempotencyKeyReused(String),
}

/// The problem texts without variables, formatted once per process: a flood of refused
/// requests (429, 401) would otherwise format them for every answer.
struct Fixed {
    internal: Detail,
    unauthorized: Detail,
    too_many_requests: Detail,
    payload_too_large: Detail,
    method_not_allowed: Detail,
}

static FIXED: LazyLock<Fixed> = LazyLock::new(|| Fixed {
    internal: detail!("error-internal"),
    unauthorized: detail!("error-unauthorized"),
    too_many_requests: detail!("error-too-many-requests"),
    payload_too_large: detail!("error-payload-too-large"),
    method_not_allowed: detail!("error-method-not-allowed"),
});

impl IssuerError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::OAuth { error, .. } => error,
            Self::Forbidden(_) => "forbidden",
            Self::FormRejected => "form_rejected",
            Self::SignInRefused => "sign_in_refused",
            Self::SignInCancelled => "sign_in_cancelled",
            Self::SignInUnknown => "sign_in_unknown",
            Self::IdentityProvider(_) => "identity_provider_failed",
            Self::OtherDepartment { .. } => "other_department",
            Self::NotFound(_) => "not_found",
            Self::BadRequest(_) => "bad_request",
            Self::PayloadTooLarge => "payload_too_large",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::TooManyRequests => "too_many_requests",
            Self::Conflict(_) | Self::Store(StoreError::Exists(_)) => "conflict",
            Self::Refused(_) => "credential_refused",
            Self::BudgetSpent(_) => "privacy_budget_spent",
            Self::IdempotencyKeyReused(_) => "idempotency_key_reused",
            Self::Schema(_) => "schema_violation",
            Self::IssuerMismatch { .. } => "issuer_mismatch",
            Self::Template(schemas::SchemaError::UnknownSkill(_)) => "unknown_skill",
            Self::Template(schemas::SchemaError::Invalid { .. }) => "schema_violation",
            Self::Template(_) => "template_invalid",
            Self::KeyUnavailable(_) => "signing_key_unavailable",
            Self::Credentials(credentials::Error::Signer(error)) if error.is_unavailable() => "signing_key_unavailable",
            Self::Credentials(error) => error.code(),
            Self::Key(_) | Self::Store(_) | Self::Internal | Self::Unexpected(_) => "internal_error",
        }
    }

    /// A refusal with texts the caller words (tests, other programs); this crate's own refusals
    /// carry a catalogue message (`Detail::localized`), never two literals.
    pub fn bad_request(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self::BadRequest(Detail::new(en, fr))
    }

    pub fn refused(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self::Refused(Detail::new(en, fr))
    }

    pub fn conflict(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self::Conflict(Detail::new(en, fr))
    }

    /// `what` is a noun phrase in each language ("credential X", "attestation X").
    pub fn not_found(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self::NotFound(Detail::new(en, fr))
    }

    /// A request body that does not fit its type: `what` names the request in each language;
    /// serde's English text, and the kind of failure in French (`json_french`).
    pub fn malformed(what: Detail, error: &serde_json::Error) -> Self {
        Self::BadRequest(Detail::localized(|lang| {
            t!(lang, "error-malformed", what = what.get(lang), reason = json_reason(error, lang))
        }))
    }

    fn unexpected_cause(&self) -> &str {
        match self {
            Self::Unexpected(cause) | Self::KeyUnavailable(cause) => cause,
            _ => "",
        }
    }

    /// The text a person reads, in their language.
    pub fn detail(&self, lang: Lang) -> String {
        match self {
            Self::Store(StoreError::Exists(what)) => t!(lang, "error-exists", what = what.get(lang)),
            Self::Key(_) | Self::Store(_) | Self::Internal | Self::Unexpected(_) => FIXED.internal.get(lang).to_owned(),
            Self::KeyUnavailable(_) => t!(lang, "error-key-unavailable"),
            Self::Credentials(credentials::Error::Signer(error)) if error.is_unavailable() => {
                t!(lang, "error-key-unavailable")
            }
            Self::Credentials(error) => error.message(lang),
            Self::OAuth { en, fr, .. } => lang.pick(en, fr).clone(),
            Self::Unauthorized => FIXED.unauthorized.get(lang).to_owned(),
            Self::FormRejected => t!(lang, "error-form-rejected"),
            Self::SignInRefused => t!(lang, "error-sign-in-refused"),
            Self::SignInCancelled => t!(lang, "error-sign-in-cancelled"),
            Self::SignInUnknown => t!(lang, "error-sign-in-unknown"),
            Self::IdentityProvider(_) => t!(lang, "error-identity-provider"),
            Self::Forbidden(scope) => {
                let scope: &str = scope;
                t!(lang, "error-forbidden", scope = scope)
            }
            Self::OtherDepartment { token_department, issuer } => {
                t!(lang, "error-other-department", department = token_department.as_str(), issuer = issuer.as_str())
            }
            Self::TooManyRequests => FIXED.too_many_requests.get(lang).to_owned(),
            Self::PayloadTooLarge => FIXED.payload_too_large.get(lang).to_owned(),
            Self::MethodNotAllowed => FIXED.method_not_allowed.get(lang).to_owned(),
            Self::Schema(violations) => t!(lang, "error-schema", violations = violation_list(violations, lang)),
            // Schemas words its own English; the French is ours.
            Self::Template(error @ schemas::SchemaError::Invalid { violations, .. }) => match lang {
                Lang::En => error.to_string(),
                Lang::Fr => t!(lang, "error-schema", violations = violation_list(violations, lang)),
            },
            Self::Refused(detail) => t!(lang, "error-refused", detail = detail.get(lang)),
            Self::NotFound(what) => t!(lang, "error-not-found", what = what.get(lang)),
            Self::BadRequest(detail) => t!(lang, "error-bad-request", detail = detail.get(lang)),
            Self::Conflict(detail) | Self::BudgetSpent(detail) => detail.get(lang).to_owned(),
            Self::IssuerMismatch { issuer, key_did } => {
                t!(lang, "error-issuer-mismatch", issuer = issuer.as_str(), key_did = key_did.as_str())
            }
            Self::IdempotencyKeyReused(key) => t!(lang, "error-idempotency-key-reused", key = key.as_str()),
            Self::Template(error) => error.message(lang),
        }
    }

    /// The rules a submitted credential broke: each schema violation, or the one property a
    /// refusal of the data model names (its JSON pointer, with the refusal's text).
    pub fn violations(&self) -> Vec<schemas::Violation> {
        match self {
            Self::Schema(violations) | Self::Template(schemas::SchemaError::Invalid { violations, .. }) => {
                violations.clone()
            }
            Self::Credentials(error) => error
                .pointer()
                .map(|pointer| schemas::Violation::new(pointer, error.message(Lang::En), error.message(Lang::Fr)))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A token failure: "unavailable" (503) when the token, its PIN or the key in it is out of
/// reach, a bug otherwise (500). The PKCS#11 detail is logged, never sent.
impl From<keys::pkcs11::TokenError> for IssuerError {
    fn from(error: keys::pkcs11::TokenError) -> Self {
        if error.is_unavailable() {
            Self::KeyUnavailable(error.to_string())
        } else {
            Self::Unexpected(error.to_string())
        }
    }
}

/// Schema violations on one line, as each language lists them.
fn violation_list(violations: &[schemas::Violation], lang: Lang) -> String {
    match lang {
        Lang::En => violations.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("; "),
        Lang::Fr => schemas::Violation::french_list(violations),
    }
}

/// Why a JSON text does not fit its type, in `lang`: serde's own English text, or the kind of
/// failure in French.
pub(crate) fn json_reason(error: &serde_json::Error, lang: Lang) -> String {
    match lang {
        Lang::En => error.to_string(),
        Lang::Fr => credentials::error::json_french(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_a_person_reads_has_its_french() {
        let errors = [
            IssuerError::refused("the credential already has a proof", "l'attestation a déjà une preuve"),
            IssuerError::bad_request("`credential` is missing", "`credential` manque"),
            IssuerError::conflict("credential x is revoked", "l'attestation x est révoquée"),
            IssuerError::not_found("credential x", "attestation x"),
            IssuerError::IdempotencyKeyReused("k".into()),
            IssuerError::BudgetSpent(Detail::new("budget spent", "budget dépensé")),
            IssuerError::IssuerMismatch { issuer: "did:web:a".into(), key_did: "did:key:z".into() },
            IssuerError::Template(schemas::SchemaError::UnknownSkill("juggling".into())),
            IssuerError::Unexpected("join error".into()),
            IssuerError::Unauthorized,
            IssuerError::Forbidden("issue"),
            IssuerError::FormRejected,
            IssuerError::SignInRefused,
            IssuerError::SignInCancelled,
            IssuerError::SignInUnknown,
            IssuerError::IdentityProvider("jwks unreachable".into()),
            IssuerError::OtherDepartment { token_department: "hr".into(), issuer: "did:web:x:finance".into() },
            IssuerError::TooManyRequests,
            IssuerError::PayloadTooLarge,
            IssuerError::Internal,
            IssuerError::KeyUnavailable("C_Sign: DeviceRemoved".into()),
            IssuerError::Store(StoreError::Exists(Detail::new("department hr", "le ministère hr"))),
        ];
        for error in errors {
            let (en, fr) = (error.detail(Lang::En), error.detail(Lang::Fr));
            assert_ne!(en, fr, "{error:?} has no French text");
            for english in
                ["the credential", "not found", "bad request", "is missing", "was used", "department", "credential "]
            {
                assert!(!fr.contains(english), "English `{english}` in the French text {fr:?}");
            }
        }
        assert_eq!(
            IssuerError::refused("x is wrong", "x est faux").detail(Lang::Fr),
            "l'attestation est refusée : x est faux"
        );
        assert_eq!(IssuerError::not_found("credential x", "attestation x").detail(Lang::En), "credential x not found");
    }

    #[test]
    fn an_unavailable_key_says_so_and_keeps_its_cause_in_the_log_only() {
        let token = keys::pkcs11::TokenError::Lost { token: "hr".into(), detail: "C_Sign: DeviceRemoved".into() };
        for error in [
            IssuerError::from(token),
            IssuerError::Credentials(
                credentials::error::SignerError::Unavailable("C_Sign: DeviceRemoved".into()).into(),
            ),
        ] {
            assert_eq!(error.code(), "signing_key_unavailable");
            assert!(!error.detail(Lang::En).contains("DeviceRemoved"), "{error:?}");
            assert!(error.detail(Lang::Fr).contains("indisponible"), "{}", error.detail(Lang::Fr));
        }
        let bug = IssuerError::from(keys::pkcs11::TokenError::Failed { detail: "C_SignInit: MechanismInvalid".into() });
        assert_eq!(bug.code(), "internal_error");
        assert!(bug.to_string().contains("MechanismInvalid"));
    }

    #[test]
    fn unexpected_failures_keep_their_cause_in_the_log_only() {
        let error = IssuerError::Unexpected("task 7 panicked at src/sign.rs".into());
        assert!(!error.detail(Lang::En).contains("panicked"));
        assert!(error.to_string().contains("panicked"));
    }

    #[test]
    fn internal_details_are_not_sent() {
        let error = IssuerError::Store(StoreError::UnsupportedUrl("postgres://secret@host".into()));
        assert!(!error.detail(Lang::En).contains("secret"));
        let provider = IssuerError::IdentityProvider("token endpoint said invalid_client for client_secret".into());
        assert!(provider.to_string().contains("invalid_client"), "the cause is logged");
        assert!(!provider.detail(Lang::En).contains("invalid_client"), "and never shown");
    }
}
