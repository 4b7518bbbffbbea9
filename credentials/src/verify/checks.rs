//! Every stage writes its result into a report the same way: a check passed, failed, or not
//! reached because an earlier one failed.

use serde_json::Value;

use crate::jose;
use crate::jsonld::type_names;
use crate::report::{Check, CheckKind, DocumentKind, Failure, NotChecked, Outcome, Report};

fn outcome(result: Result<(), Failure>) -> Outcome {
    match result {
        Ok(()) => Outcome::Passed,
        Err(failure) => Outcome::Failed(failure),
    }
}

pub(super) fn check(kind: CheckKind, result: Result<(), Failure>) -> Check {
    Check { kind, outcome: outcome(result) }
}

pub(super) fn skipped(kind: CheckKind) -> Check {
    Check { kind, outcome: Outcome::NotChecked(NotChecked::EarlierFailure) }
}

pub(super) fn base_report(value: &Value, document: DocumentKind, signer_field: &str) -> Report {
    Report {
        document,
        format: if value.get("proof").is_some() { String::new() } else { "unsecured".into() },
        id: value.get("id").and_then(Value::as_str).map(str::to_owned),
        issuer: jose::id_of(value.get(signer_field)),
        types: type_names(value.get("type")),
        checks: Vec::new(),
        credentials: Vec::new(),
        content: None,
        status: Vec::new(),
        disclosed: None,
    }
}

/// The report of a document that could not even be read (a JWT that does not decode, an
/// envelope that breaks a MUST): its structure check failed, nothing else was checked.
pub(super) fn unreadable(document: DocumentKind, failure: Failure) -> Report {
    Report {
        document,
        format: String::new(),
        id: None,
        issuer: None,
        types: Vec::new(),
        checks: vec![Check { kind: CheckKind::Structure, outcome: Outcome::Failed(failure) }],
        credentials: Vec::new(),
        content: None,
        status: Vec::new(),
        disclosed: None,
    }
}
