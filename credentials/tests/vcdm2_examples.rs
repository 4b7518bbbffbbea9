//! The examples of VC Data Model 2.0 that are valid JSON-LD credentials (files in
//! `vectors/vcdm2/`, their sections named in its README) are issued with each Data Integrity
//! suite and verify: inline contexts, the examples context, `termsOfUse`, `evidence`,
//! `refreshService`, `credentialSchema`, `relatedResource`, language value objects, a past
//! `validUntil` and a supplied `credentialStatus` (issue #21).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use serde_json::Value;

#[path = "support/key.rs"]
mod support_key;
use support_key::key;

fn examples() -> Vec<(String, Value)> {
    let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/vcdm2");
    let mut examples: Vec<(String, Value)> = std::fs::read_dir(&directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, value)
        })
        .collect();
    examples.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(examples.len(), 12, "the README lists twelve examples");
    examples
}

/// The example with `issuer` as its issuer (a string, or the `id` of an issuer object).
fn issued_by(mut example: Value, issuer: &str) -> Value {
    match &mut example["issuer"] {
        Value::Object(object) => {
            object.insert("id".into(), issuer.into());
        }
        other => *other = issuer.into(),
    }
    example
}

fn date(example: &Value, field: &str) -> Option<DateTime<Utc>> {
    example
        .get(field)
        .and_then(Value::as_str)
        .map(|text| DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc))
}

fn verify_at(document: &Value, now: DateTime<Utc>) -> Report {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(now)));
    verifier.verify_bytes(&serde_json::to_vec(document).unwrap(), &PresentationOptions::default()).unwrap()
}

#[test]
fn every_example_is_issued_with_each_suite_and_verifies() {
    let issuer = key();
    let contexts = ContextSet::standard();
    for (name, example) in examples() {
        let unsigned = issued_by(example, &issuer.2);
        // What the issuer runs before signing.
        credentials::verify::structure(&unsigned, &contexts, "VerifiableCredential")
            .unwrap_or_else(|e| panic!("{name}: {}", e.message(schemas::Lang::En)));
        // Within the validity period the example states (a day after it starts).
        let at = date(&unsigned, "validFrom").map_or_else(
            || DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            |from| from + chrono::Duration::days(1),
        );
        for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
            let signed = add_proof(&unsigned, issuer.as_ref(), &ProofOptions::new(suite, at), &contexts)
                .unwrap_or_else(|e| panic!("{name} {suite:?}: {e}"));
            let report = verify_at(&signed, at);
            assert!(report.verified(), "{name} {suite:?}: {:#}", report.to_json(schemas::Lang::En));
            assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "{name}");
            // A supplied credentialStatus is kept and read (offline here: not checked).
            if signed.get("credentialStatus").is_some() {
                assert!(matches!(report.check(CheckKind::Status), Some(Outcome::NotChecked(_))), "{name}");
            }
            // The signature covers the example's own claims.
            let mut tampered = signed.clone();
            tampered["credentialSubject"]["id"] = "did:example:someone-else".into();
            assert!(!verify_at(&tampered, at).verified(), "{name} {suite:?}");
        }
    }
}

/// VCDM 2.0 §4.9: a credential may be issued with a `validUntil` already past (as the
/// specification's own example is); verified now, its signature holds and it is expired.
#[test]
fn a_past_valid_until_is_issued_and_reads_expired_now() {
    let issuer = key();
    let (_, example) = examples().into_iter().find(|(name, _)| name == "validity-past-valid-until.json").unwrap();
    let unsigned = issued_by(example, &issuer.2);
    let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        let signed =
            add_proof(&unsigned, issuer.as_ref(), &ProofOptions::new(suite, now), &ContextSet::standard()).unwrap();
        let report = verify_at(&signed, now);
        assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)));
        match report.check(CheckKind::Validity) {
            Some(Outcome::Failed(failure)) => assert_eq!(failure.code(), "expired"),
            other => panic!("{other:?}"),
        }
    }
}
