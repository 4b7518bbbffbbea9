//! What a verification comes to for a program that asked: verified or not, the checks passed,
//! and each warning and error with its check, stable code and problem type (VC-API's
//! `problemDetails` too). A credential whose status could not be read is never "verified" here,
//! whatever the command line would say.

use credentials::error::ProblemType;
use credentials::report::{InLang, Outcome, Report};
use lang::Lang;
use serde_json::{json, Value};

/// A VC-API verification answer: `{verified, checks, warnings, errors, problemDetails}` plus the
/// full report, serialized straight from the report (no intermediate `Value` tree on the hot
/// path).
#[derive(Debug, serde::Serialize)]
pub struct Answer<'a> {
    pub verified: bool,
    pub checks: Vec<&'static str>,
    /// `[{check, code, type, message}]`: checks not done, or done without a definite answer.
    pub warnings: Vec<Value>,
    /// `[{check, code, type, message}]`: checks failed.
    pub errors: Vec<Value>,
    /// The errors as VC-API's `VerificationResult` names them: `[{type, title, detail}]`, `type`
    /// the specification's URL (`https://w3id.org/security#PROOF_VERIFICATION_ERROR`), `title`
    /// our stable code.
    #[serde(rename = "problemDetails")]
    pub problem_details: Vec<Value>,
    pub report: InLang<'a>,
    /// What the holder chose to show of a selectively disclosable credential.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosed: Option<&'a Vec<String>>,
}

/// The problem type (RFC 9457 `type`, a URL) of a warning or error with this stable `code`: the
/// error type the VC Data Model, Data Integrity or Bitstring Status List specification names
/// for it (what VC-API clients and the W3C test suites read), or ours for what they name
/// nothing for (a check not done).
pub fn problem_type(code: &str, kind: Option<ProblemType>) -> String {
    match kind {
        Some(kind) => kind.url(),
        None => format!("{}{code}", service_kit::PROBLEM_TYPE_BASE),
    }
}

/// One warning or error of an answer: its check, stable code, problem type and message.
pub fn problem(check: &str, code: &str, kind: Option<ProblemType>, message: &str) -> Value {
    json!({"check": check, "code": code, "type": problem_type(code, kind), "message": message})
}

/// The answer for `report` in `lang`, with `extra_errors` (found outside the report, made by
/// [`problem`]) first.
pub fn answer(report: &Report, lang: Lang, extra_errors: Vec<Value>) -> Answer<'_> {
    let mut errors = extra_errors;
    let mut warnings = Vec::new();
    let mut checks = Vec::new();
    fn walk(
        report: &Report,
        lang: Lang,
        checks: &mut Vec<&'static str>,
        warnings: &mut Vec<Value>,
        errors: &mut Vec<Value>,
    ) {
        for check in &report.checks {
            let name = check.kind.code();
            match &check.outcome {
                Outcome::Passed => checks.push(name),
                Outcome::Failed(failure) => {
                    errors.push(problem(name, failure.code(), Some(failure.problem_type()), &failure.message(lang)))
                }
                Outcome::Undetermined(failure) => {
                    warnings.push(problem(name, failure.code(), Some(failure.problem_type()), &failure.message(lang)))
                }
                Outcome::NotChecked(why) => warnings.push(problem(name, why.code(), None, why.message(lang))),
                _ => {}
            }
        }
        for inner in &report.credentials {
            walk(inner, lang, checks, warnings, errors);
        }
    }
    walk(report, lang, &mut checks, &mut warnings, &mut errors);
    let problem_details = errors
        .iter()
        .map(|error| json!({"type": error["type"], "title": error["code"], "detail": error["message"]}))
        .collect();
    Answer {
        // A status that could not be read is never "verified".
        verified: errors.is_empty() && report.verified_and_status_known(),
        checks,
        warnings,
        errors,
        problem_details,
        report: report.in_lang(lang),
        disclosed: report.disclosed.as_ref(),
    }
}
