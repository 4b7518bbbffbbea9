//! A verification report: one entry per check, so a person (or a wallet, or the verifier page)
//! sees exactly which check failed and why. An invalid credential is an outcome, not an error:
//! the report says so, and `Err` is kept for "could not check at all".

use std::sync::LazyLock;

use schemas::Lang;
use serde_json::{json, Value};

use crate::error::{Describe, Error};
use crate::i18n::t;

/// The checks a credential or presentation goes through, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CheckKind {
    /// VC Data Model rules and JSON-LD contexts.
    Structure,
    /// Every proof (or the JWS signature) verifies with a key of its DID.
    Proof,
    /// The key that signed belongs to the credential's issuer (or the presentation's holder).
    IssuerBinding,
    /// `validFrom` / `validUntil` against the verifier's clock.
    Validity,
    /// The credential matches its profile's JSON Schema.
    Schema,
    /// Revocation and suspension.
    Status,
    /// The presentation's signer is the subject of each credential it carries.
    HolderBinding,
    /// The presentation answers this verifier's challenge and domain.
    Challenge,
    /// The issuer is in this verifier's registry for this kind of credential.
    TrustedIssuer,
    /// The presentation was signed recently enough for this request.
    PresentationAge,
}

impl CheckKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Structure => "structure",
            Self::Proof => "proof",
            Self::IssuerBinding => "issuer_binding",
            Self::Validity => "validity",
            Self::Schema => "schema",
            Self::Status => "status",
            Self::HolderBinding => "holder_binding",
            Self::Challenge => "challenge",
            Self::TrustedIssuer => "trusted_issuer",
            Self::PresentationAge => "presentation_age",
        }
    }

    /// The label of this check for a document of `kind` (the signer of a presentation is its
    /// holder, not an issuer).
    pub fn label_for(self, lang: Lang, kind: DocumentKind) -> &'static str {
        match (self, kind) {
            (Self::IssuerBinding, DocumentKind::Presentation) => &Words::of(lang).holder_signed,
            _ => self.label(lang),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let words = Words::of(lang);
        match self {
            Self::Structure => &words.structure,
            Self::Proof => &words.proof,
            Self::IssuerBinding => &words.issuer_binding,
            Self::Validity => &words.validity,
            Self::Schema => &words.schema,
            Self::Status => &words.status,
            Self::HolderBinding => &words.holder_binding,
            Self::Challenge => &words.challenge,
            Self::TrustedIssuer => &words.trusted_issuer,
            Self::PresentationAge => &words.presentation_age,
        }
    }
}

/// The report's words that every verification writes (check labels, why a check was not made),
/// read from the catalogue once per language: a service labels every check of every request,
/// and a Fluent lookup each time would be a cost on the path of valid credentials.
struct Words {
    structure: String,
    proof: String,
    issuer_binding: String,
    holder_signed: String,
    validity: String,
    schema: String,
    status: String,
    holder_binding: String,
    challenge: String,
    trusted_issuer: String,
    presentation_age: String,
    status_offline: String,
    earlier_failure: String,
}

impl Words {
    fn of(lang: Lang) -> &'static Words {
        static EN: LazyLock<Words> = LazyLock::new(|| Words::read(Lang::En));
        static FR: LazyLock<Words> = LazyLock::new(|| Words::read(Lang::Fr));
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    fn read(lang: Lang) -> Words {
        Words {
            structure: t!(lang, "report-check-structure"),
            proof: t!(lang, "report-check-proof"),
            issuer_binding: t!(lang, "report-check-issuer-binding"),
            holder_signed: t!(lang, "report-check-holder-signed"),
            validity: t!(lang, "report-check-validity"),
            schema: t!(lang, "report-check-schema"),
            status: t!(lang, "report-check-status"),
            holder_binding: t!(lang, "report-check-holder-binding"),
            challenge: t!(lang, "report-check-challenge"),
            trusted_issuer: t!(lang, "report-check-trusted-issuer"),
            presentation_age: t!(lang, "report-check-presentation-age"),
            status_offline: t!(lang, "report-status-offline"),
            earlier_failure: t!(lang, "report-earlier-failure"),
        }
    }
}

/// One schema rule broken, with a JSON pointer to where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolation {
    pub pointer: String,
    pub message: String,
    pub message_fr: String,
}

impl From<schemas::Violation> for SchemaViolation {
    fn from(violation: schemas::Violation) -> Self {
        Self { pointer: violation.instance_path, message: violation.message, message_fr: violation.message_fr }
    }
}

/// Why a check failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    Error(Error),
    Schema(Vec<SchemaViolation>),
    /// The signature is valid, but this verifier does not trust that issuer for this kind of
    /// credential.
    NotTrusted {
        issuer: String,
        types: Vec<String>,
    },
}

impl Failure {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Error(error) => error.code(),
            Self::Schema(_) => "schema_violation",
            Self::NotTrusted { .. } => "issuer_not_trusted",
        }
    }

    /// The error type the W3C specifications give this failure, for a verifier's problem
    /// details (see [`crate::error::ProblemType`]): a schema violation is a malformed value; an
    /// issuer this verifier does not trust has no W3C type, so ours.
    pub fn problem_type(&self) -> crate::error::ProblemType {
        match self {
            Self::Error(error) => error.problem_type(),
            Self::Schema(_) => crate::error::ProblemType::MalformedValueError,
            Self::NotTrusted { .. } => crate::error::ProblemType::UntrustedIssuerError,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Error(error) => error.message(lang),
            Self::NotTrusted { issuer, types } => {
                let kinds: Vec<&str> =
                    types.iter().map(String::as_str).filter(|t| *t != "VerifiableCredential").collect();
                t!(lang, "report-not-trusted", issuer = issuer.as_str(), types = kinds.join(", "))
            }
            Self::Schema(violations) => {
                let list: Vec<String> = violations
                    .iter()
                    .map(|v| {
                        let message = lang.pick(&v.message, &v.message_fr);
                        t!(lang, "report-schema-violation", pointer = v.pointer.as_str(), message = message.as_str())
                    })
                    .collect();
                let violations = list.join(&t!(lang, "report-schema-separator"));
                t!(lang, "report-schema-mismatch", violations = violations)
            }
        }
    }
}

impl<E: Into<Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        Self::Error(error.into())
    }
}

/// Why a check was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotChecked {
    /// Status lists are only fetched online.
    StatusOffline,
    /// An earlier check failed, so this one could not be made meaningfully.
    EarlierFailure,
}

impl NotChecked {
    pub fn code(self) -> &'static str {
        match self {
            Self::StatusOffline => "status_not_checked_offline",
            Self::EarlierFailure => "skipped_after_failure",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        let words = Words::of(lang);
        match self {
            Self::StatusOffline => &words.status_offline,
            Self::EarlierFailure => &words.earlier_failure,
        }
    }
}

#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    Passed,
    Failed(Failure),
    NotChecked(NotChecked),
    /// The check does not apply (no status entry, not one of our profiles, not a presentation).
    NotApplicable,
    /// The check was attempted but its answer is unknown (a status list could not be
    /// downloaded). Not a failure by itself: policy decides.
    Undetermined(Failure),
}

#[derive(Debug)]
pub struct Check {
    pub kind: CheckKind,
    pub outcome: Outcome,
}

/// What was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Credential,
    Presentation,
}

#[derive(Debug)]
pub struct Report {
    pub document: DocumentKind,
    /// How it was secured: cryptosuite names, `vc+jwt`, or `unsecured`.
    pub format: String,
    pub id: Option<String>,
    /// Issuer of a credential, holder of a presentation.
    pub issuer: Option<String>,
    pub types: Vec<String>,
    pub checks: Vec<Check>,
    /// The credentials inside a presentation, each with its own report.
    pub credentials: Vec<Report>,
    /// The credential's claims as read (the JWT payload for `vc+jwt`), for display. Trust them
    /// only when [`Report::verified`] is true.
    pub content: Option<serde_json::Value>,
    /// What each `credentialStatus` entry said, when status lists were read.
    pub status: Vec<crate::status::EntryStatus>,
    /// For a selectively disclosed credential (SD-JWT), the claims the holder chose to show,
    /// as dotted paths (`skills.api_design`); `None` for formats that show everything.
    pub disclosed: Option<Vec<String>>,
}

impl Report {
    /// True when no check failed here or in any embedded credential. "Not checked" is not a
    /// failure: the report says what was left unchecked, and policy decides.
    pub fn verified(&self) -> bool {
        self.checks.iter().all(|c| !matches!(c.outcome, Outcome::Failed(_)))
            && self.credentials.iter().all(Report::verified)
    }

    /// Whether a status check here or in an embedded credential was attempted and could not be
    /// answered (a status list that could not be read).
    pub fn status_unknown(&self) -> bool {
        matches!(self.check(CheckKind::Status), Some(Outcome::Undetermined(_)))
            || self.credentials.iter().any(Report::status_unknown)
    }

    /// [`Report::verified`] with every status that was looked up known: what the verifier
    /// service and its page call valid (the command line lets `--require-status` decide).
    pub fn verified_and_status_known(&self) -> bool {
        self.verified() && !self.status_unknown()
    }

    pub fn check(&self, kind: CheckKind) -> Option<&Outcome> {
        self.checks.iter().find(|c| c.kind == kind).map(|c| &c.outcome)
    }

    /// The first failure, for one-line summaries.
    pub fn first_failure(&self) -> Option<(CheckKind, &Failure)> {
        self.checks
            .iter()
            .find_map(|c| match &c.outcome {
                Outcome::Failed(failure) => Some((c.kind, failure)),
                _ => None,
            })
            .or_else(|| self.credentials.iter().find_map(Report::first_failure))
    }

    /// Stable JSON form (codes are stable; messages are in `lang`).
    pub fn to_json(&self, lang: Lang) -> Value {
        serde_json::to_value(self.in_lang(lang)).unwrap_or_else(|e| json!({"error": e.to_string()}))
    }

    /// The same JSON form as [`Report::to_json`], serialized straight from the report: a service
    /// answering thousands of verifications a second writes it without building a `Value` tree.
    pub fn in_lang(&self, lang: Lang) -> InLang<'_> {
        InLang { report: self, lang }
    }
}

/// A report serialized with its messages in one language (see [`Report::in_lang`]).
#[derive(Debug, Clone, Copy)]
pub struct InLang<'a> {
    report: &'a Report,
    lang: Lang,
}

impl serde::Serialize for InLang<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (report, lang) = (self.report, self.lang);
        let mut map = serializer.serialize_map(Some(10))?;
        map.serialize_entry("verified", &report.verified())?;
        map.serialize_entry(
            "document",
            match report.document {
                DocumentKind::Credential => "credential",
                DocumentKind::Presentation => "presentation",
            },
        )?;
        map.serialize_entry("format", &report.format)?;
        map.serialize_entry("id", &report.id)?;
        map.serialize_entry("issuer", &report.issuer)?;
        map.serialize_entry("type", &report.types)?;
        let checks: Vec<CheckInLang<'_>> =
            report.checks.iter().map(|check| CheckInLang { check, lang, document: report.document }).collect();
        map.serialize_entry("checks", &checks)?;
        map.serialize_entry("disclosed", &report.disclosed)?;
        let credentials: Vec<InLang<'_>> = report.credentials.iter().map(|inner| inner.in_lang(lang)).collect();
        map.serialize_entry("credentials", &credentials)?;
        let status: Vec<StatusInJson<'_>> = report.status.iter().map(StatusInJson).collect();
        map.serialize_entry("status", &status)?;
        map.end()
    }
}

struct CheckInLang<'a> {
    check: &'a Check,
    lang: Lang,
    document: DocumentKind,
}

impl serde::Serialize for CheckInLang<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (check, lang) = (self.check, self.lang);
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("check", check.kind.code())?;
        map.serialize_entry("label", check.kind.label_for(lang, self.document))?;
        match &check.outcome {
            Outcome::Passed => map.serialize_entry("outcome", "passed")?,
            Outcome::NotApplicable => map.serialize_entry("outcome", "not_applicable")?,
            Outcome::NotChecked(why) => {
                map.serialize_entry("outcome", "not_checked")?;
                map.serialize_entry("code", why.code())?;
                map.serialize_entry("message", why.message(lang))?;
            }
            Outcome::Undetermined(failure) => {
                map.serialize_entry("outcome", "unknown")?;
                map.serialize_entry("code", failure.code())?;
                map.serialize_entry("message", &failure.message(lang))?;
            }
            Outcome::Failed(failure) => {
                map.serialize_entry("outcome", "failed")?;
                map.serialize_entry("code", failure.code())?;
                map.serialize_entry("message", &failure.message(lang))?;
                if let Failure::Schema(violations) = failure {
                    let pointers: Vec<&str> = violations.iter().map(|v| v.pointer.as_str()).collect();
                    map.serialize_entry("pointers", &pointers)?;
                }
            }
        }
        map.end()
    }
}

struct StatusInJson<'a>(&'a crate::status::EntryStatus);

impl serde::Serialize for StatusInJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let entry = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("purpose", &entry.purpose)?;
        map.serialize_entry("index", &entry.index.to_string())?;
        map.serialize_entry("list", &entry.list)?;
        map.serialize_entry("state", entry.state())?;
        if let Err(error) = &entry.result {
            map.serialize_entry("code", error.code())?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_once_per_language() {
        assert_eq!(CheckKind::Schema.label(Lang::En), "schema");
        assert_eq!(CheckKind::Schema.label(Lang::Fr), "schéma");
        assert_eq!(CheckKind::IssuerBinding.label_for(Lang::Fr, DocumentKind::Presentation), "signée par le titulaire");
        assert_eq!(CheckKind::IssuerBinding.label_for(Lang::En, DocumentKind::Credential), "signed by the issuer");
        // The same text each time, not a new lookup: a service labels every check of every request.
        let first = CheckKind::Status.label(Lang::Fr);
        assert!(std::ptr::eq(first, CheckKind::Status.label(Lang::Fr)));
        assert!(std::ptr::eq(NotChecked::StatusOffline.message(Lang::En), NotChecked::StatusOffline.message(Lang::En)));
    }

    #[test]
    fn schema_failures_list_each_violation_in_the_reader_s_language() {
        let violation = |pointer: &str, en: &str, fr: &str| SchemaViolation {
            pointer: pointer.into(),
            message: en.into(),
            message_fr: fr.into(),
        };
        let failure = Failure::Schema(vec![violation("/a", "one", "un"), violation("/b", "two", "deux")]);
        assert_eq!(failure.message(Lang::En), "does not match its schema: /a (one); /b (two)");
        assert_eq!(failure.message(Lang::Fr), "ne respecte pas son schéma : /a (un) ; /b (deux)");
    }
}
