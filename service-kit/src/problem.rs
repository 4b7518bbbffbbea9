//! The JSON problem body (RFC 9457) of both services. One type is both what is sent and what the
//! OpenAPI documents describe, so the two cannot drift apart: each service builds a [`Problem`]
//! from its own error and answers with it.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use lang::{Lang, LocalizedText};
use serde::{Deserialize, Serialize};

/// The media type of a problem body.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Where each problem `type` points: this base followed by the problem's `code`.
pub const PROBLEM_TYPE_BASE: &str = "https://w3id.org/talent-credentials/problems#";

/// Why a request was refused, in English and French, with a stable `code` for programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Problem {
    /// `https://w3id.org/talent-credentials/problems#{code}`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// The HTTP status's reason phrase.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// Stable machine-readable code, e.g. `schema_violation`.
    pub code: String,
    /// What went wrong and what to do, in English.
    pub detail: String,
    /// The same in French.
    pub detail_fr: String,
    /// OAuth 2.0 error code (RFC 6749 §5.2), on OAuth endpoints only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// OAuth 2.0 error description, on OAuth endpoints only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// Each rule a submitted credential broke, when the problem is a schema violation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Violation>,
}

/// One rule broken, with a JSON pointer to where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Violation {
    /// JSON pointer into the submitted document (`""` for the whole of it).
    pub pointer: String,
    pub message: String,
    pub message_fr: String,
}

impl Problem {
    /// A problem of `status` with its `code` and its detail in both languages.
    pub fn new(status: StatusCode, code: &str, detail: LocalizedText) -> Problem {
        Problem {
            problem_type: format!("{PROBLEM_TYPE_BASE}{code}"),
            title: status.canonical_reason().unwrap_or("error").to_owned(),
            status: status.as_u16(),
            code: code.to_owned(),
            detail: detail.en,
            detail_fr: detail.fr,
            error: None,
            error_description: None,
            errors: Vec::new(),
        }
    }

    /// The detail in `lang`.
    pub fn detail(&self, lang: Lang) -> &str {
        lang.pick(&self.detail, &self.detail_fr)
    }

    /// With the rules a submitted document broke.
    pub fn with_violations(mut self, errors: Vec<Violation>) -> Problem {
        self.errors = errors;
        self
    }

    /// With an OAuth 2.0 error code and description beside the problem's own fields.
    pub fn with_oauth_error(mut self, error: &str, description: String) -> Problem {
        self.error = Some(error.to_owned());
        self.error_description = Some(description);
        self
    }

    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_string(&self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE)], body).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn the_body_sent_is_the_documented_one() {
        let problem = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "schema_violation",
            LocalizedText::new("the credential breaks its schema", "l'attestation enfreint son schéma"),
        )
        .with_violations(vec![Violation {
            pointer: "/validFrom".into(),
            message: "not a date-time".into(),
            message_fr: "pas une date et heure".into(),
        }]);
        let response = problem.clone().into_response();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.headers()[header::CONTENT_TYPE], PROBLEM_CONTENT_TYPE);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["type"], "https://w3id.org/talent-credentials/problems#schema_violation");
        assert_eq!(body["title"], "Unprocessable Entity");
        assert_eq!(body["status"], 422);
        assert_eq!(body["errors"][0]["message_fr"], "pas une date et heure");
        assert!(body.get("error").is_none(), "{body}");
        assert_eq!(serde_json::from_value::<Problem>(body).unwrap(), problem);
        assert_eq!(problem.detail(Lang::Fr), "l'attestation enfreint son schéma");
    }
}
