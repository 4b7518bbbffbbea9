//! How a verification result reads, in English or French: a line per file, and for a single file
//! (or `--verbose`) every check with its reason. Codes stay stable in `--json`.

use std::fmt::Write;

use credentials::error::Describe;
use credentials::report::{DocumentKind, Outcome, Report};
use lang::Lang;
use serde_json::json;

use crate::cli::inputs::{tally, FileResult};
use crate::domain::untrusted::{self, Standing};
use crate::domain::visible::{escaped_json, visible};
use crate::i18n::{t, text};

/// An error message prefixed with the program's name, as the program's own message.
pub fn program_error(detail: &str, lang: Lang) -> String {
    t!(lang, "program-error", detail = detail)
}

/// What a report comes to for a person: valid, invalid, or signed by an issuer nobody vouches
/// for (never "valid" then), with the name the credential gives itself as its own claim.
fn verdict(report: &Report, lang: Lang) -> String {
    match Standing::of(report, report.verified()) {
        Standing::Valid => text!(lang, "report-valid").to_owned(),
        Standing::NotValid => text!(lang, "report-invalid").to_owned(),
        Standing::SignedByStranger if untrusted::is_unvouched(report) => {
            match report.content.as_ref().and_then(|content| untrusted::declared_issuer_name(content, lang)) {
                Some(name) => t!(lang, "report-signed-by-stranger", name = name),
                None => text!(lang, "report-signed-by-stranger-nameless").to_owned(),
            }
        }
        Standing::SignedByStranger => text!(lang, "report-holds-stranger").to_owned(),
    }
}

/// Writes one line of the report: `indent`, then `text` with anything a credential could use to
/// disguise it (bidirectional controls, line breaks, terminal escapes) made visible.
fn put(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}{}", visible(text));
}

fn write_report(out: &mut String, report: &Report, lang: Lang, indent: &str) {
    put(out, indent, &verdict(report, lang));
    let indent_more = format!("{indent}  ");
    let inner = indent_more.as_str();
    if !report.format.is_empty() {
        put(out, inner, &t!(lang, "report-format", format = report.format.as_str()));
    }
    if let Some(issuer) = &report.issuer {
        let line = match report.document {
            DocumentKind::Credential => t!(lang, "report-issuer", issuer = issuer.as_str()),
            DocumentKind::Presentation => t!(lang, "report-holder", holder = issuer.as_str()),
        };
        put(out, inner, &line);
    }
    // Said once, with the credential (a presentation carries the same list).
    if let Some(disclosed) = report.disclosed.as_ref().filter(|_| report.credentials.is_empty()) {
        let shown =
            if disclosed.is_empty() { text!(lang, "report-disclosed-none").to_owned() } else { disclosed.join(", ") };
        put(out, inner, &t!(lang, "report-disclosed", claims = shown));
    }
    if report.verified() {
        // The issuer's name, when nobody vouches for the issuer, is only what the credential says.
        let declared = report
            .content
            .as_ref()
            .filter(|_| untrusted::is_unvouched(report))
            .and_then(|content| untrusted::declared_issuer_name(content, lang));
        if let Some(fields) = report.content.as_ref().and_then(|c| schemas::describe(c, lang)) {
            for field in fields {
                let value = match &declared {
                    Some(name) if *name == field.value => t!(lang, "report-self-declared", value = field.value),
                    _ => field.value,
                };
                put(out, inner, &t!(lang, "report-field", label = field.label, value = value));
            }
        }
    }
    for check in &report.checks {
        let label = check.kind.label_for(lang, report.document);
        let line = match &check.outcome {
            Outcome::Passed => format!("✓ {label}"),
            Outcome::Failed(failure) => {
                let reason = failure.message(lang);
                format!(
                    "✗ {}",
                    t!(lang, "report-check-with-code", label = label, reason = reason, code = failure.code())
                )
            }
            Outcome::NotChecked(why) => {
                format!("? {}", t!(lang, "report-check-with-reason", label = label, reason = why.message(lang)))
            }
            Outcome::Undetermined(failure) => {
                let reason = failure.message(lang);
                format!(
                    "? {}",
                    t!(lang, "report-check-with-code", label = label, reason = reason, code = failure.code())
                )
            }
            Outcome::NotApplicable => format!("- {}", t!(lang, "report-check-not-applicable", label = label)),
            _ => format!("? {label}"),
        };
        put(out, inner, &line);
    }
    for entry in &report.status {
        let line = t!(
            lang,
            "report-status",
            purpose = t!(lang, "report-status-purpose", purpose = entry.purpose.as_str()),
            state = t!(lang, "report-status-state", state = entry.state()),
            list = entry.list.as_str(),
            index = entry.index.to_string()
        );
        put(out, &format!("{indent}    "), &line);
    }
    for (index, credential) in report.credentials.iter().enumerate() {
        put(out, inner, &t!(lang, "report-credential-heading", number = (index + 1).to_string()));
        write_report(out, credential, lang, &format!("{indent}    "));
    }
}

/// The human report for all inputs.
pub fn human(results: &[FileResult], lang: Lang, detailed: bool) -> String {
    let mut out = String::new();
    for result in results {
        // A file's name is outside text too (a directory received from elsewhere).
        let path = visible(&result.path);
        match &result.report {
            Ok(report) if detailed || !report.verified() => {
                let _ = write!(out, "{path}: ");
                write_report(&mut out, report, lang, "");
            }
            Ok(report) => put(&mut out, &format!("{path}: "), &verdict(report, lang)),
            Err(error) => {
                let reason = error.message(lang);
                put(
                    &mut out,
                    &format!("{path}: "),
                    &t!(lang, "report-unreadable", reason = reason, code = error.code()),
                );
            }
        }
    }
    if results.len() > 1 {
        let counts = tally(results);
        let count = |key| counts.get(key).copied().unwrap_or(0).to_string();
        let summary = t!(
            lang,
            "report-summary",
            checked = results.len().to_string(),
            valid = count("valid"),
            invalid = count("invalid"),
            unreadable = count("unreadable"),
            untrusted = count("untrusted")
        );
        let _ = writeln!(out, "{summary}");
    }
    out
}

/// The JSON report for all inputs (controls in credential text escaped, see `visible`).
pub fn json(results: &[FileResult], lang: Lang) -> String {
    let entries: Vec<serde_json::Value> = results
        .iter()
        .map(|result| match &result.report {
            Ok(report) => json!({"path": result.path, "report": report.to_json(lang)}),
            Err(error) => json!({"path": result.path, "error": {"code": error.code(), "message": error.message(lang)}}),
        })
        .collect();
    let counts = tally(results);
    let json = json!({
        "results": entries,
        "summary": {
            "checked": results.len(),
            "valid": counts.get("valid").copied().unwrap_or(0),
            "invalid": counts.get("invalid").copied().unwrap_or(0),
            "unreadable": counts.get("unreadable").copied().unwrap_or(0),
            "untrusted": counts.get("untrusted").copied().unwrap_or(0),
        }
    });
    escaped_json(json.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_are_chosen_by_the_catalogue() {
        let state = |lang, state: &str| t!(lang, "report-status-state", state = state);
        assert_eq!(state(Lang::Fr, "revoked"), "révoquée");
        assert_eq!(state(Lang::En, "revoked"), "revoked");
        assert_eq!(state(Lang::Fr, "invalid"), "liste invalide");
        assert_eq!(state(Lang::En, "invalid"), "invalid list");
        let purpose = |lang, purpose: &str| t!(lang, "report-status-purpose", purpose = purpose);
        assert_eq!(purpose(Lang::Fr, "revocation"), "révocation");
        assert_eq!(purpose(Lang::Fr, "message"), "message");
        let line =
            t!(Lang::Fr, "report-status", purpose = "révocation", state = "active", list = "https://x/1", index = "7");
        assert_eq!(line, "révocation : active (https://x/1 #7)");
    }

    #[test]
    fn the_summary_keeps_its_words() {
        let summary = |lang| {
            t!(lang, "report-summary", checked = "4", valid = "1", invalid = "1", unreadable = "1", untrusted = "1")
        };
        assert_eq!(
            summary(Lang::En),
            "4 checked: 1 valid, 1 invalid, 1 unreadable, 1 signed by an issuer you have not said you trust"
        );
        assert_eq!(
            summary(Lang::Fr),
            "4 vérifiées : 1 valides, 1 invalides, 1 illisibles, 1 signées par un émetteur que vous n'avez pas déclaré digne de confiance"
        );
        assert_eq!(program_error("x", Lang::Fr), "verifier : erreur : x");
    }
}
