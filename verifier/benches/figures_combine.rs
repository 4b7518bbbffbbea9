//! Combining a hundred departments' figures releases (issue #25: under 2 s): each department's
//! release — skills by level (600 cells), skills used in assignments by family (29), revocations
//! (2) — signed with `eddsa-rdfc-2022` by its own key as the issuer signs them, written to a
//! file, all named in a trust registry; then the real `verifier figures combine` binary reads,
//! verifies, judges and sums the hundred and writes its CSV, JSON and metadata files. Wall time
//! of the whole command (process start included), best and median of five rounds.
//! Run: `cargo bench -p verifier --bench figures_combine`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;
use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::Signer;
use serde_json::{json, Value};

const DEPARTMENTS: usize = 100;
const ROUNDS: usize = 5;

fn table(name: &str, dimensions: &[&str], cells: Vec<(Vec<String>, i64)>) -> Value {
    json!({
        "name": name,
        "dimensions": dimensions,
        "calibration": {"scale": 12.0, "threshold": 180, "epsilon": 0.3333333333333333, "delta": 3.3e-7, "cellsPerPerson": 4},
        "cells": cells.iter().map(|(key, count)| json!({"key": key, "count": count})).collect::<Vec<_>>(),
    })
}

/// Department `n`'s signed release: counts vary by department and cell.
fn release(n: usize, key: &keys::LocalKey, taxonomy: &schemas::Taxonomy) -> String {
    let levels = ["beginner", "intermediate", "advanced", "expert"];
    let count = |i: usize| i64::try_from(180 + (i * 7919 + n * 104_729) % 5_000).unwrap();
    let skills: Vec<(Vec<String>, i64)> = taxonomy
        .skills()
        .iter()
        .flat_map(|skill| levels.iter().map(move |level| vec![skill.key.clone(), (*level).to_owned()]))
        .take(600)
        .enumerate()
        .map(|(i, key)| (key, count(i)))
        .collect();
    let families: Vec<(Vec<String>, i64)> =
        taxonomy.families().iter().enumerate().map(|(i, family)| (vec![family.key.clone()], count(i + 1000))).collect();
    let revocations =
        vec![(vec!["SkillCredential".to_owned()], count(2000)), (vec!["AssignmentCredential".to_owned()], count(2001))];
    let did = key.did_key();
    let figures = json!({
        "source": did, "period": "2026Q3", "mechanism": "OpenDP 0.16 make_laplace_threshold",
        "composition": figures::COMPOSITION, "thresholdRule": figures::THRESHOLD_RULE,
        "person": "the credential's subject", "epsilon": 1.0, "delta": 1e-6,
        "tables": [
            table("skills", &["skill", "level"], skills),
            table("assignments", &["skillFamily"], families),
            table("revocations", &["credentialType"], revocations),
        ],
    });
    let credential = json!({
        "@context": [schemas::CREDENTIALS_V2_CONTEXT_URL, schemas::TALENT_CONTEXT_URL],
        "id": format!("urn:uuid:00000000-0000-4000-8000-{n:012}"),
        "type": ["VerifiableCredential", "FiguresCredential"],
        "issuer": did,
        "validFrom": "2026-10-01T00:00:00Z",
        "credentialSubject": {"type": "FiguresRelease", "figures": figures},
    });
    let at = chrono::DateTime::parse_from_rfc3339("2026-10-02T00:00:00Z").unwrap().to_utc();
    let options = ProofOptions::new(Suite::EddsaRdfc2022, at);
    serde_json::to_string(&add_proof(&credential, key as &dyn Signer, &options, &ContextSet::standard()).unwrap())
        .unwrap()
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let mut files = Vec::new();
    let mut registry = String::new();
    let mut bytes = 0;
    for n in 0..DEPARTMENTS {
        let key = keys::LocalKey::generate();
        let text = release(n, &key, taxonomy);
        bytes += text.len();
        let path = work.path().join(format!("department-{n}.json"));
        std::fs::write(&path, text).unwrap();
        files.push(path.to_str().unwrap().to_owned());
        registry.push_str(&format!(
            "[[issuer]]\nid = \"{}\"\nname = \"Department {n}\"\nname_fr = \"Ministère {n}\"\ncredential_types = [\"FiguresCredential\"]\n\n",
            key.did_key()
        ));
    }
    let trust = work.path().join("trust.toml");
    std::fs::write(&trust, registry).unwrap();
    let out = work.path().join("combined");
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_verifier"))
            .args(["figures", "combine"])
            .args(&files)
            .args(["--trust", trust.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        times.push(started.elapsed());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let metadata: Value = serde_json::from_str(&std::fs::read_to_string(out.join("metadata.json")).unwrap()).unwrap();
    let combined = metadata["sources"].as_array().unwrap().iter().filter(|s| s["status"] == "combined").count();
    assert_eq!(combined, DEPARTMENTS, "every release verified and combined");
    times.sort();
    println!("| releases | signed bytes in all | cells per release | best | median | target |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {DEPARTMENTS} | {:.1} MB | {} | {:.2} s | {:.2} s | < 2 s |",
        bytes as f64 / 1e6,
        600 + taxonomy.families().len() + 2,
        times[0].as_secs_f64(),
        times[ROUNDS / 2].as_secs_f64()
    );
}
