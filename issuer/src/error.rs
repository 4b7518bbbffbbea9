//! Errors of the issuer library, and the one place where they become HTTP answers: each kind
//! gets its status here and a stable JSON problem body (RFC 9457) with a machine `code`, English
//! and French text. Internal details (database, key vault) are logged, never sent.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use credentials::error::Describe;
pub use credentials::error::Detail;
use schemas::Lang;
use serde_json::json;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IssuerError {
    #[error("the credential is refused: {0}")]
    Refused(Detail),
    #[error("the credential does not match its schema: {}", .0.iter().map(|v| v.to_string()).collect::<Vec<_>>().join("; "))]
    Schema(Vec<schemas::Violation>),
    #[error("the issuer {issuer} is not the key's DID {key_did}: a verifier would reject the credential")]
    IssuerMismatch { issuer: String, key_did: String },
    #[error(transparent)]
    Template(#[from] schemas::SchemaError),
    #[error(transparent)]
    Credentials(#[from] credentials::Error),
    #[error(transparent)]
    Key(#[from] keys::KeyError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a valid bearer token is required")]
    Unauthorized,
    #[error("this token lacks the `{0}` scope")]
    Forbidden(&'static str),
    /// A token of one department asked to issue in another's name.
    #[error("this token issues for department {token_department} only, not as {issuer}")]
    OtherDepartment { token_department: String, issuer: String },
    /// What was not found, in English and French (a noun phrase: "credential X").
    #[error("{0} not found")]
    NotFound(Detail),
    #[error("bad request: {0}")]
    BadRequest(Detail),
    #[error("the request body is larger than the limit")]
    PayloadTooLarge,
    #[error("this method is not allowed on this path")]
    MethodNotAllowed,
    /// An OAuth 2.0 / OpenID4VCI error (`invalid_grant`, `invalid_proof`…): answered with the
    /// protocol's `error` and `error_description` as well as the problem fields.
    #[error("{error}: {en}")]
    OAuth { error: &'static str, en: String, fr: String },
    #[error("{0}")]
    Conflict(Detail),
    /// A handler panicked (a bug): answered 500 and logged; the process goes on.
    #[error("a request handler panicked")]
    Internal,
    /// A failure that only a bug or a broken machine causes (a signing task that died, a value
    /// that cannot be serialized): answered 500 with a generic text; the cause is only logged.
    #[error("unexpected failure: {0}")]
    Unexpected(String),
    #[error("too many requests for this token; slow down")]
    TooManyRequests,
    #[error("the idempotency key `{0}` was used for a different request")]
    IdempotencyKeyReused(String),
}

impl IssuerError {
    fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::OtherDepartment { .. } => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict(_) | Self::Store(StoreError::Exists(_)) => StatusCode::CONFLICT,
            Self::OAuth { error: "invalid_token", .. } => StatusCode::UNAUTHORIZED,
            Self::OAuth { .. } => StatusCode::BAD_REQUEST,
            Self::IdempotencyKeyReused(_)
            | Self::Refused(_)
            | Self::Schema(_)
            | Self::IssuerMismatch { .. }
            | Self::Template(_)
            | Self::Credentials(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Store(StoreError::Database(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_))) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Self::Key(_) | Self::Store(_) | Self::Internal | Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::OAuth { error, .. } => error,
            Self::Forbidden(_) => "forbidden",
            Self::OtherDepartment { .. } => "other_department",
            Self::NotFound(_) => "not_found",
            Self::BadRequest(_) => "bad_request",
            Self::PayloadTooLarge => "payload_too_large",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::TooManyRequests => "too_many_requests",
            Self::Conflict(_) | Self::Store(StoreError::Exists(_)) => "conflict",
            Self::Refused(_) => "credential_refused",
            Self::IdempotencyKeyReused(_) => "idempotency_key_reused",
            Self::Schema(_) => "schema_violation",
            Self::IssuerMismatch { .. } => "issuer_mismatch",
            Self::Template(schemas::SchemaError::UnknownSkill(_)) => "unknown_skill",
            Self::Template(schemas::SchemaError::Invalid { .. }) => "schema_violation",
            Self::Template(_) => "template_invalid",
            Self::Credentials(error) => error.code(),
            Self::Key(_) | Self::Store(_) | Self::Internal | Self::Unexpected(_) => "internal_error",
        }
    }

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

    /// A request body that does not fit its type: serde's English text, and the kind of failure
    /// in French (`json_french`).
    pub fn malformed(en_what: &str, fr_what: &str, error: &serde_json::Error) -> Self {
        Self::bad_request(
            format!("{en_what} is malformed: {error}"),
            format!("{fr_what} est mal formée : {}", credentials::error::json_french(error)),
        )
    }

    /// The text a person reads, in their language.
    pub fn detail(&self, lang: Lang) -> String {
        match self {
            Self::Store(StoreError::Exists(what)) => match lang {
                Lang::En => format!("{} already exists", what.en),
                Lang::Fr => format!("{} existe déjà", what.fr),
            },
            Self::Key(_) | Self::Store(_) | Self::Internal | Self::Unexpected(_) => lang
                .pick(
                    "an internal error occurred; it has been logged",
                    "une erreur interne s'est produite ; elle a été journalisée",
                )
                .to_owned(),
            Self::Credentials(error) => error.message(lang),
            Self::OAuth { en, fr, .. } => lang.pick(en, fr).clone(),
            Self::Unauthorized => {
                lang.pick("a valid bearer token is required", "un jeton porteur valide est requis").to_owned()
            }
            Self::Forbidden(scope) => match lang {
                Lang::En => format!("this token lacks the `{scope}` scope"),
                Lang::Fr => format!("ce jeton n'a pas la portée `{scope}`"),
            },
            Self::OtherDepartment { token_department, issuer } => match lang {
                Lang::En => format!("this token issues for department {token_department} only, not as {issuer}"),
                Lang::Fr => format!("ce jeton émet pour le ministère {token_department} seulement, pas au nom de {issuer}"),
            },
            Self::TooManyRequests => lang
                .pick("too many requests for this token; slow down", "trop de requêtes pour ce jeton ; ralentissez")
                .to_owned(),
            Self::PayloadTooLarge => lang
                .pick("the request body is larger than the limit", "le corps de la requête dépasse la limite")
                .to_owned(),
            Self::MethodNotAllowed => lang
                .pick("this method is not allowed on this path", "cette méthode n'est pas permise sur ce chemin")
                .to_owned(),
            Self::Schema(violations) | Self::Template(schemas::SchemaError::Invalid { violations, .. }) => match lang {
                Lang::En => self.to_string(),
                Lang::Fr => {
                    format!("l'attestation ne respecte pas son schéma : {}", schemas::Violation::french_list(violations))
                }
            },
            Self::Refused(detail) => match lang {
                Lang::En => format!("the credential is refused: {}", detail.en),
                Lang::Fr => format!("l'attestation est refusée : {}", detail.fr),
            },
            Self::NotFound(what) => match lang {
                Lang::En => format!("{} not found", what.en),
                Lang::Fr => format!("introuvable : {}", what.fr),
            },
            Self::BadRequest(detail) => match lang {
                Lang::En => format!("bad request: {}", detail.en),
                Lang::Fr => format!("requête invalide : {}", detail.fr),
            },
            Self::Conflict(detail) => detail.get(lang).to_owned(),
            Self::IssuerMismatch { issuer, key_did } => match lang {
                Lang::En => self.to_string(),
                Lang::Fr => format!(
                    "l'émetteur {issuer} n'est pas le DID de la clé {key_did} : un vérificateur refuserait l'attestation"
                ),
            },
            Self::IdempotencyKeyReused(key) => match lang {
                Lang::En => self.to_string(),
                Lang::Fr => format!("la clé d'idempotence `{key}` a servi à une autre requête"),
            },
            Self::Template(error) => error.message(lang),
        }
    }

    fn violations(&self) -> Vec<serde_json::Value> {
        let violations = match self {
            Self::Schema(violations) | Self::Template(schemas::SchemaError::Invalid { violations, .. }) => violations,
            _ => return Vec::new(),
        };
        violations
            .iter()
            .map(|v| json!({"pointer": v.instance_path, "message": v.message, "message_fr": v.message_fr}))
            .collect()
    }
}

impl IntoResponse for IssuerError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let mut body = json!({
            "type": format!("https://w3id.org/talent-credentials/problems#{}", self.code()),
            "title": status.canonical_reason().unwrap_or("error"),
            "status": status.as_u16(),
            "code": self.code(),
            "detail": self.detail(Lang::En),
            "detail_fr": self.detail(Lang::Fr),
        });
        if let Self::OAuth { error, en, .. } = &self {
            body["error"] = (*error).into();
            body["error_description"] = en.clone().into();
        }
        let violations = self.violations();
        if !violations.is_empty() {
            body["errors"] = violations.into();
        }
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_kind_has_its_status() {
        assert_eq!(IssuerError::Unauthorized.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(IssuerError::Forbidden("issue").status(), StatusCode::FORBIDDEN);
        assert_eq!(IssuerError::not_found("x", "x").status(), StatusCode::NOT_FOUND);
        assert_eq!(IssuerError::bad_request("x", "x").status(), StatusCode::BAD_REQUEST);
        assert_eq!(IssuerError::Unexpected("x".into()).status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(IssuerError::PayloadTooLarge.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(IssuerError::TooManyRequests.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(IssuerError::Schema(vec![]).status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            IssuerError::Store(StoreError::UnsupportedUrl("x".into())).status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(IssuerError::Store(StoreError::Exists(Detail::new("x", "x"))).status(), StatusCode::CONFLICT);
        assert_eq!(IssuerError::Internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(IssuerError::Internal.code(), "internal_error");
    }

    #[test]
    fn every_text_a_person_reads_has_its_french() {
        let errors = [
            IssuerError::refused("the credential already has a proof", "l'attestation a déjà une preuve"),
            IssuerError::bad_request("`credential` is missing", "`credential` manque"),
            IssuerError::conflict("credential x is revoked", "l'attestation x est révoquée"),
            IssuerError::not_found("credential x", "attestation x"),
            IssuerError::IdempotencyKeyReused("k".into()),
            IssuerError::IssuerMismatch { issuer: "did:web:a".into(), key_did: "did:key:z".into() },
            IssuerError::Template(schemas::SchemaError::UnknownSkill("juggling".into())),
            IssuerError::Unexpected("join error".into()),
            IssuerError::Unauthorized,
            IssuerError::Forbidden("issue"),
            IssuerError::OtherDepartment { token_department: "hr".into(), issuer: "did:web:x:finance".into() },
            IssuerError::TooManyRequests,
            IssuerError::PayloadTooLarge,
            IssuerError::Internal,
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
    fn unexpected_failures_keep_their_cause_in_the_log_only() {
        let error = IssuerError::Unexpected("task 7 panicked at src/sign.rs".into());
        assert!(!error.detail(Lang::En).contains("panicked"));
        assert!(error.to_string().contains("panicked"));
    }

    #[test]
    fn internal_details_are_not_sent() {
        let error = IssuerError::Store(StoreError::UnsupportedUrl("postgres://secret@host".into()));
        assert!(!error.detail(Lang::En).contains("secret"));
    }
}
