//! What the page's forms and links send, as the handlers read them; and a form the page did not
//! send, refused with a message rather than the framework's plain text.

use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;

use crate::domain::error::ServiceError;
use crate::i18n::t;

/// The query of a page's address: the language asked for, and a page request's key.
#[derive(Debug, serde::Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
    pub k: Option<String>,
}

/// The pasted document, from the form that checks one.
#[derive(Debug, serde::Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    pub document: String,
    pub lang: Option<String>,
}

/// The choices of the form that asks a person for a credential.
#[derive(Debug, serde::Deserialize)]
pub struct AskForm {
    pub kind: String,
    pub skill: String,
    pub format: String,
    pub lang: Option<String>,
    /// The service's API token, when it has one.
    #[serde(default)]
    pub token: FormSecret,
}

/// A secret typed into a form: never printed, even in debug output.
#[derive(Default, serde::Deserialize)]
#[serde(transparent)]
pub struct FormSecret(String);

impl FormSecret {
    /// The secret itself, to compare it.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for FormSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FormSecret(…)")
    }
}

/// A form post the page did not send (a field missing, another content type, too large): a
/// problem body like the rest of the service, not the framework's plain text.
pub fn form_refused(rejection: &FormRejection) -> ServiceError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ServiceError::TooLarge;
    }
    let detail = rejection.body_text();
    ServiceError::bad(|lang| t!(lang, "form-unreadable", detail = detail.as_str()))
}
