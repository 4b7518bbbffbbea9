//! What a verification comes to for a program that asked: verified or not, the checks passed,
//! and each warning and error with its check and stable code. A credential whose status could
//! not be read is never "verified" here, whatever the command line would say.

use credentials::report::{InLang, Outcome, Report};
use lang::Lang;
use serde_json::{json, Value};

/// A VC-API verification answer: `{verified, checks, warnings, errors}` plus the full report,
/// serialized straight from the report (no intermediate `Value` tree on the hot path).
#[derive(Debug, serde::Serialize)]
pub struct Answer<'a> {
    pub verified: bool,
    pub checks: Vec<&'static str>,
    pub warnings: Vec<Value>,
    pub errors: Vec<Value>,
    pub report: InLang<'a>,
    /// What the holder chose to show of a selectively disclosable credential.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosed: Option<&'a Vec<String>>,
}

/// The answer for `report` in `lang`, with `extra_errors` (found outside the report) first.
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
                    errors.push(json!({"check": name, "code": failure.code(), "message": failure.message(lang)}))
                }
                Outcome::Undetermined(failure) => {
                    warnings.push(json!({"check": name, "code": failure.code(), "message": failure.message(lang)}))
                }
                Outcome::NotChecked(why) => {
                    warnings.push(json!({"check": name, "code": why.code(), "message": why.message(lang)}))
                }
                _ => {}
            }
        }
        for inner in &report.credentials {
            walk(inner, lang, checks, warnings, errors);
        }
    }
    walk(report, lang, &mut checks, &mut warnings, &mut errors);
    Answer {
        // A status that could not be read is never "verified".
        verified: errors.is_empty() && report.verified_and_status_known(),
        checks,
        warnings,
        errors,
        report: report.in_lang(lang),
        disclosed: report.disclosed.as_ref(),
    }
}
