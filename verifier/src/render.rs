//! How a verification result reads, in English or French: a line per file, and for a single file
//! (or `--verbose`) every check with its reason. Codes stay stable in `--json`.

use std::fmt::Write;

use credentials::error::Describe;
use credentials::report::{Outcome, Report};
use schemas::Lang;
use serde_json::json;

use crate::run::{tally, FileResult, UsageError};

/// One usage error, prefixed so it reads as the program's own message.
pub fn usage_error(error: &UsageError, lang: Lang) -> String {
    let detail = error.message(lang);
    match lang {
        Lang::En => format!("verifier: error: {detail}"),
        Lang::Fr => format!("verifier : erreur : {detail}"),
    }
}

/// French typography puts a space before the colon.
fn colon(lang: Lang) -> &'static str {
    lang.pick(": ", " : ")
}

fn write_report(out: &mut String, report: &Report, lang: Lang, indent: &str) {
    let verdict = if report.verified() { lang.pick("VALID", "VALIDE") } else { lang.pick("INVALID", "INVALIDE") };
    let _ = writeln!(out, "{indent}{verdict}");
    if !report.format.is_empty() {
        let _ = writeln!(out, "{indent}  format{}{}", colon(lang), report.format);
    }
    if let Some(issuer) = &report.issuer {
        let label = match report.document {
            credentials::report::DocumentKind::Credential => lang.pick("issuer", "émetteur"),
            credentials::report::DocumentKind::Presentation => lang.pick("holder", "titulaire"),
        };
        let _ = writeln!(out, "{indent}  {label}{}{issuer}", colon(lang));
    }
    // Said once, with the credential (a presentation carries the same list).
    if let Some(disclosed) = report.disclosed.as_ref().filter(|_| report.credentials.is_empty()) {
        let shown = if disclosed.is_empty() { lang.pick("none", "aucun").to_owned() } else { disclosed.join(", ") };
        let _ =
            writeln!(out, "{indent}  {}{}{shown}", lang.pick("disclosed claims", "éléments divulgués"), colon(lang));
    }
    if report.verified() {
        if let Some(fields) = report.content.as_ref().and_then(|c| schemas::describe(c, lang)) {
            for field in fields {
                let _ = writeln!(out, "{indent}  {}{}{}", field.label, colon(lang), field.value);
            }
        }
    }
    for check in &report.checks {
        let label = check.kind.label_for(lang, report.document);
        let line = match &check.outcome {
            Outcome::Passed => format!("✓ {label}"),
            Outcome::Failed(failure) => {
                format!("✗ {label}{}{} [{}]", colon(lang), failure.message(lang), failure.code())
            }
            Outcome::NotChecked(why) => format!("? {label}{}{}", colon(lang), why.message(lang)),
            Outcome::Undetermined(failure) => {
                format!("? {label}{}{} [{}]", colon(lang), failure.message(lang), failure.code())
            }
            Outcome::NotApplicable => {
                format!("- {label}{}{}", colon(lang), lang.pick("not applicable", "sans objet"))
            }
            _ => format!("? {label}"),
        };
        let _ = writeln!(out, "{indent}  {line}");
    }
    for entry in &report.status {
        let state = match entry.state() {
            "active" => lang.pick("active", "active"),
            "revoked" => lang.pick("revoked", "révoquée"),
            "suspended" => lang.pick("suspended", "suspendue"),
            "set" => lang.pick("set", "activé"),
            "unknown" => lang.pick("unknown", "inconnu"),
            _ => lang.pick("invalid list", "liste invalide"),
        };
        let purpose = match entry.purpose.as_str() {
            "revocation" => lang.pick("revocation", "révocation"),
            "suspension" => lang.pick("suspension", "suspension"),
            other => other,
        };
        let _ = writeln!(out, "{indent}    {purpose}{}{state} ({} #{})", colon(lang), entry.list, entry.index);
    }
    for (index, credential) in report.credentials.iter().enumerate() {
        let _ = writeln!(out, "{indent}  {} {}:", lang.pick("credential", "attestation"), index + 1);
        write_report(out, credential, lang, &format!("{indent}    "));
    }
}

/// The human report for all inputs.
pub fn human(results: &[FileResult], lang: Lang, detailed: bool) -> String {
    let mut out = String::new();
    for result in results {
        match &result.report {
            Ok(report) if detailed || !report.verified() => {
                let _ = write!(out, "{}: ", result.path);
                write_report(&mut out, report, lang, "");
            }
            Ok(_) => {
                let _ = writeln!(out, "{}: {}", result.path, lang.pick("VALID", "VALIDE"));
            }
            Err(error) => {
                let _ = writeln!(
                    out,
                    "{}: {}: {} [{}]",
                    result.path,
                    lang.pick("UNREADABLE", "ILLISIBLE"),
                    error.message(lang),
                    error.code()
                );
            }
        }
    }
    if results.len() > 1 {
        let counts = tally(results);
        let count = |key| counts.get(key).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::En => format!(
                    "{} checked: {} valid, {} invalid, {} unreadable",
                    results.len(),
                    count("valid"),
                    count("invalid"),
                    count("unreadable")
                ),
                Lang::Fr => format!(
                    "{} vérifiées : {} valides, {} invalides, {} illisibles",
                    results.len(),
                    count("valid"),
                    count("invalid"),
                    count("unreadable")
                ),
            }
        );
    }
    out
}

/// The JSON report for all inputs.
pub fn json(results: &[FileResult], lang: Lang) -> String {
    let entries: Vec<serde_json::Value> = results
        .iter()
        .map(|result| match &result.report {
            Ok(report) => json!({"path": result.path, "report": report.to_json(lang)}),
            Err(error) => json!({"path": result.path, "error": {"code": error.code(), "message": error.message(lang)}}),
        })
        .collect();
    let counts = tally(results);
    json!({
        "results": entries,
        "summary": {
            "checked": results.len(),
            "valid": counts.get("valid").copied().unwrap_or(0),
            "invalid": counts.get("invalid").copied().unwrap_or(0),
            "unreadable": counts.get("unreadable").copied().unwrap_or(0),
        }
    })
    .to_string()
}
