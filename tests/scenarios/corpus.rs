//! Every file of the bad-input corpus gives its own specific error and exit code, never a panic
//! (a panic would exit 101 and fail the exit-code assertion).

use std::process::Command;

use scenarios::{binary, repository};
use serde_json::Value;

const AT: &str = "2026-06-01T00:00:00Z";

fn verify_json(path: &std::path::Path, extra: &[&str]) -> (i32, Value) {
    let output = Command::new(binary("verifier"))
        .args(["verify", "--json", "--online", "--at", AT])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{}: not JSON ({e}): {stdout}", path.display()));
    (output.status.code().unwrap_or(-1), json)
}

/// Every error code anywhere in a result (top-level error, failed checks, nested credentials).
fn codes(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(code)) = map.get("code") {
                found.push(code.clone());
            }
            map.values().for_each(|v| codes(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| codes(v, found)),
        _ => {}
    }
}

#[test]
fn every_corpus_file_gives_its_specific_error() {
    let directory = repository().join("tests/corpus");
    let expected: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(directory.join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 44, "corpus too small: {}", expected.len());
    let mut failures = Vec::new();
    for (name, expectation) in &expected {
        // A verifier expecting a presentation gives a challenge; bare credentials are checked
        // as such.
        let options: &[&str] = if name.starts_with("presentation-") {
            &["--challenge", "c-123", "--domain", "hiring.example"]
        } else {
            &[]
        };
        let (exit, json) = verify_json(&directory.join(name), options);
        let want_exit = expectation["exit"].as_i64().unwrap() as i32;
        let want_code = expectation["code"].as_str().unwrap();
        let mut found = Vec::new();
        codes(&json, &mut found);
        let code_ok = if want_code.is_empty() { found.is_empty() } else { found.iter().any(|c| c == want_code) };
        if exit != want_exit || !code_ok {
            failures.push(format!("{name}: exit {exit} (want {want_exit}), codes {found:?} (want {want_code})"));
        }
    }
    assert!(failures.is_empty(), "corpus mismatches:\n{}", failures.join("\n"));
}

#[test]
fn ten_megabyte_document_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ten-megabytes.json");
    let padding = "a".repeat(10 * 1024 * 1024);
    std::fs::write(&path, format!(r#"{{"type":["VerifiableCredential"],"padding":"{padding}"}}"#)).unwrap();
    let (exit, json) = verify_json(&path, &[]);
    assert_eq!(exit, 2);
    assert_eq!(json["results"][0]["error"]["code"], "input_too_large");
}

#[test]
fn did_web_is_not_contacted_offline() {
    let path = repository().join("tests/corpus/did-web-private-10.json");
    let output = Command::new(binary("verifier")).args(["verify", "--json", "--at", AT]).arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let mut found = Vec::new();
    codes(&serde_json::from_slice(&output.stdout).unwrap(), &mut found);
    assert!(found.contains(&"did_offline".to_owned()), "{found:?}");
}
