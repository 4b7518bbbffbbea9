//! How a verification result reads, in English or French: a line per file, and for a single file
//! (or `--verbose`) every check with its reason. Codes stay stable in `--json`. The reports are
//! written as their chunk of inputs is checked ([`Printer`]), through one buffered lock on
//! standard output.

use std::fmt::Write;
use std::io;

use credentials::error::Describe;
use credentials::report::{DocumentKind, Outcome, Report};
use lang::Lang;
use serde_json::json;

use crate::cli::inputs::{FileResult, Tally};
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

/// The human lines of these results.
fn human(out: &mut String, results: &[FileResult], lang: Lang, detailed: bool) {
    for result in results {
        // A file's name is outside text too (a directory received from elsewhere).
        let path = visible(&result.path);
        match &result.report {
            Ok(report) if detailed || !report.verified() => {
                let _ = write!(out, "{path}: ");
                write_report(out, report, lang, "");
            }
            Ok(report) => put(out, &format!("{path}: "), &verdict(report, lang)),
            Err(error) => {
                let reason = error.message(lang);
                put(out, &format!("{path}: "), &t!(lang, "report-unreadable", reason = reason, code = error.code()));
            }
        }
    }
}

/// The summary line of the human report.
fn human_summary(tally: &Tally, lang: Lang) -> String {
    t!(
        lang,
        "report-summary",
        checked = tally.checked.to_string(),
        valid = tally.valid.to_string(),
        invalid = tally.invalid.to_string(),
        unreadable = tally.unreadable.to_string(),
        untrusted = tally.untrusted.to_string()
    )
}

/// One element of the JSON report's `results`.
fn json_entry(result: &FileResult, lang: Lang) -> serde_json::Value {
    match &result.report {
        Ok(report) => json!({"path": result.path, "report": report.to_json(lang)}),
        Err(error) => json!({"path": result.path, "error": {"code": error.code(), "message": error.message(lang)}}),
    }
}

/// The JSON report's `summary`.
fn json_summary(tally: &Tally) -> serde_json::Value {
    json!({
        "checked": tally.checked,
        "valid": tally.valid,
        "invalid": tally.invalid,
        "unreadable": tally.unreadable,
        "untrusted": tally.untrusted,
    })
}

/// Writes the reports of all inputs as their chunks come: the human lines then, for more than
/// one input, the summary line; or, with `--json`, one document `{"results":[…],"summary":{…}}`
/// on one line, as `serde_json` would write it whole (controls in credential text escaped, see
/// `escaped_json`, which changes characters one by one and so can be applied piece by piece).
#[derive(Debug)]
pub struct Printer<W: io::Write> {
    out: W,
    lang: Lang,
    json: bool,
    detailed: bool,
    written: usize,
    /// The text of one chunk, kept from chunk to chunk.
    text: String,
}

impl<W: io::Write> Printer<W> {
    /// `detailed`: every check of every report, not only of those that failed.
    pub fn new(out: W, lang: Lang, json: bool, detailed: bool) -> Self {
        Self { out, lang, json, detailed, written: 0, text: String::new() }
    }

    pub fn results(&mut self, results: &[FileResult]) -> io::Result<()> {
        self.text.clear();
        if self.json {
            for result in results {
                self.text.push_str(if self.written == 0 { "{\"results\":[" } else { "," });
                self.text.push_str(&escaped_json(json_entry(result, self.lang).to_string()));
                self.written += 1;
            }
        } else {
            human(&mut self.text, results, self.lang, self.detailed);
            self.written += results.len();
        }
        self.out.write_all(self.text.as_bytes())
    }

    /// The end of the report, once every input is written; `tally` counts them all.
    pub fn finish(mut self, tally: &Tally) -> io::Result<W> {
        self.text.clear();
        if self.json {
            if self.written == 0 {
                self.text.push_str("{\"results\":[");
            }
            self.text.push_str("],\"summary\":");
            self.text.push_str(&escaped_json(json_summary(tally).to_string()));
            self.text.push_str("}\n");
        } else if tally.checked > 1 {
            let _ = writeln!(self.text, "{}", human_summary(tally, self.lang));
        }
        self.out.write_all(self.text.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use credentials::error::InputError;

    use super::*;

    /// A valid report, a file that is not a credential, and a report whose texts need escaping.
    fn results() -> Vec<FileResult> {
        let report = |id: &str, issuer: &str| Report {
            document: DocumentKind::Credential,
            format: "eddsa-jcs-2022".into(),
            id: Some(id.into()),
            issuer: Some(issuer.into()),
            types: vec!["VerifiableCredential".into()],
            checks: Vec::new(),
            credentials: Vec::new(),
            content: None,
            status: Vec::new(),
            disclosed: None,
        };
        vec![
            FileResult { path: "a.json".into(), report: Ok(report("urn:a", "did:example:a")) },
            FileResult { path: "b.json".into(), report: Err(InputError::Empty) },
            FileResult { path: "c\u{202e}.json".into(), report: Ok(report("urn:c", "did:example:\u{202e}c")) },
        ]
    }

    fn printed(results: &[FileResult], chunks: &[usize], lang: Lang, json: bool) -> String {
        let mut printer = Printer::new(Vec::new(), lang, json, false);
        let mut rest = results;
        for &size in chunks {
            let (chunk, after) = rest.split_at(size);
            printer.results(chunk).unwrap();
            rest = after;
        }
        String::from_utf8(printer.finish(&Tally::of(results)).unwrap()).unwrap()
    }

    #[test]
    fn the_json_report_written_in_chunks_is_the_document_written_whole() {
        let results = results();
        for lang in [Lang::En, Lang::Fr] {
            for (inputs, chunks) in [(&results[..], &[1, 0, 2][..]), (&results[..], &[3]), (&results[..0], &[])] {
                let whole = json!({
                    "results": inputs.iter().map(|r| json_entry(r, lang)).collect::<Vec<_>>(),
                    "summary": json_summary(&Tally::of(inputs)),
                });
                let text = printed(inputs, chunks, lang, true);
                assert_eq!(text, format!("{}\n", escaped_json(whole.to_string())));
                assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), whole);
            }
        }
        assert!(printed(&results, &[3], Lang::En, true).contains("c\\u202e.json"));
    }

    #[test]
    fn the_human_report_written_in_chunks_ends_with_its_summary() {
        let results = results();
        let text = printed(&results, &[2, 1], Lang::En, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a.json: VALID");
        assert!(lines[1].starts_with("b.json: "), "{text}");
        assert!(lines[2].starts_with("c⟨U+202E⟩.json: VALID"), "{text}");
        assert_eq!(
            lines[3],
            "3 checked: 2 valid, 0 invalid, 1 unreadable, 0 signed by an issuer you have not said you trust"
        );
        assert_eq!(lines.len(), 4);
        assert_eq!(text, printed(&results, &[3], Lang::En, false));
        // One input: its report, no summary.
        assert_eq!(printed(&results[..1], &[1], Lang::Fr, false).lines().count(), 1);
    }

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
