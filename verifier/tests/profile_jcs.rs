//! A profile of 30 `eddsa-jcs-2022` credentials (issue #23, "Performance"): verification reads
//! each document without `proof` in place (`canonical::jcs_unsecured`) instead of from a copy.
//! A credential altered after its issuer signed it, among 30, is still caught and named (its own
//! proof fails with a signature mismatch, the 29 others verify), and a presentation altered after
//! the holder signed it fails its own proof.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::report::{CheckKind, Outcome, Report};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{Clock, SystemClock};
use keys::LocalKey;
use lang::Lang;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

const CHALLENGE: &str = "n-0S6_WzA2Mj";
const DOMAIN: &str = "x509_san_dns:hr.example";

fn credentials(departments: &[LocalKey], holder: &LocalKey, contexts: &ContextSet) -> Vec<Value> {
    let skills: Vec<String> =
        schemas::Taxonomy::gc_digital_talent().skills().iter().map(|skill| skill.key.clone()).collect();
    let since = SystemClock.now() - chrono::Duration::days(30);
    (0..30)
        .map(|i| {
            let department = &departments[i % departments.len()];
            let credential = SkillCredentialBuilder::new(
                format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
                Issuer { id: department.did_key(), name: LocalizedText::new("Department", "Department") },
                skills[(i * 7) % skills.len()].as_str(),
                Level::Intermediate,
                since,
            )
            .subject(holder.did_key())
            .build()
            .unwrap();
            add_proof(&credential, department, &ProofOptions::new(Suite::EddsaJcs2022, since), contexts).unwrap()
        })
        .collect()
}

fn present(holder: &LocalKey, credentials: Vec<Value>, contexts: &ContextSet) -> Value {
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": credentials});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(CHALLENGE.into());
    options.domain = Some(DOMAIN.into());
    add_proof(&vp, holder, &options, contexts).unwrap()
}

fn verify(vp: &Value, contexts: &ContextSet) -> Report {
    let verifier = Verifier::new(contexts.clone(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let options = PresentationOptions {
        challenge: Some(CHALLENGE.into()),
        domain: Some(DOMAIN.into()),
        ..PresentationOptions::default()
    };
    verifier.verify_bytes(vp.to_string().as_bytes(), &options).unwrap()
}

fn signature_mismatch(report: &Report) -> bool {
    matches!(report.check(CheckKind::Proof), Some(Outcome::Failed(failure)) if failure.code() == "signature_mismatch")
}

#[test]
fn a_credential_altered_among_thirty_is_caught_and_named() {
    let contexts = ContextSet::standard();
    let departments: Vec<LocalKey> = (0..3).map(|_| LocalKey::generate()).collect();
    let holder = LocalKey::generate();
    let mut credentials = credentials(&departments, &holder, &contexts);

    let honest = verify(&present(&holder, credentials.clone(), &contexts), &contexts);
    assert!(honest.verified(), "{}", honest.to_json(Lang::En));
    assert_eq!(honest.credentials.len(), 30);

    // The holder raises one level after the issuer signed, then signs the presentation honestly.
    credentials[17]["credentialSubject"]["proficiencyLevel"] = json!("expert");
    let report = verify(&present(&holder, credentials, &contexts), &contexts);
    assert!(!report.verified());
    assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "the holder's own proof holds");
    let failed: Vec<usize> =
        report.credentials.iter().enumerate().filter(|(_, inner)| !inner.verified()).map(|(i, _)| i).collect();
    assert_eq!(failed, vec![17], "{}", report.to_json(Lang::En));
    let forged = &report.credentials[17];
    assert!(signature_mismatch(forged), "{}", forged.to_json(Lang::En));
    assert_eq!(forged.id.as_deref(), Some("urn:uuid:00000000-0000-4000-8000-000000000017"));
}

#[test]
fn a_presentation_altered_after_the_holder_signed_fails_its_own_proof() {
    let contexts = ContextSet::standard();
    let departments: Vec<LocalKey> = (0..3).map(|_| LocalKey::generate()).collect();
    let holder = LocalKey::generate();
    let mut vp = present(&holder, credentials(&departments, &holder, &contexts), &contexts);
    // One credential dropped from the signed presentation.
    vp["verifiableCredential"].as_array_mut().unwrap().remove(3);
    let report = verify(&vp, &contexts);
    assert!(!report.verified());
    assert!(signature_mismatch(&report), "{}", report.to_json(Lang::En));
    assert!(report.credentials.iter().all(Report::verified), "each credential is still its issuer's");
}
