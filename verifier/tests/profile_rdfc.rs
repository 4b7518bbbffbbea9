//! A talent profile often holds several credentials of one skill from different departments
//! (issue #23: "no canonicalization refusal for a profile holding several credentials of one
//! skill"). Their RDF graphs look alike (same achievement, alignment and criteria nodes), which is
//! what the bound on blank-node canonicalization (`credentials::canonical`) looks at; this checks
//! that such an `eddsa-rdfc-2022` presentation is canonicalized, signed and verified, and that
//! every credential inside verifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{Clock, SystemClock};
use keys::LocalKey;
use lang::Lang;
use schemas::{AssignmentCredentialBuilder, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder};
use serde_json::{json, Value};

fn signed(credential: &Value, key: &LocalKey, contexts: &ContextSet) -> Value {
    add_proof(credential, key, &ProofOptions::new(Suite::EddsaRdfc2022, SystemClock.now()), contexts).unwrap()
}

#[test]
fn a_profile_with_three_credentials_of_one_skill_is_canonicalized_signed_and_verified() {
    let contexts = ContextSet::standard();
    let departments: Vec<LocalKey> = (0..3).map(|_| LocalKey::generate()).collect();
    let holder = LocalKey::generate();
    let since = SystemClock.now() - chrono::Duration::days(30);
    let mut credentials = Vec::new();
    // API Design from each department, at different levels, then two other skills.
    for (i, (department, level)) in
        departments.iter().zip([Level::Intermediate, Level::Advanced, Level::Expert]).enumerate()
    {
        let credential = SkillCredentialBuilder::new(
            format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
            Issuer {
                id: department.did_key(),
                name: LocalizedText::new(format!("Department {i}"), format!("Ministère {i}")),
            },
            "api_design",
            level,
            since,
        )
        .subject(holder.did_key())
        .build()
        .unwrap();
        credentials.push(signed(&credential, department, &contexts));
    }
    for (i, skill) in ["cloud_security", "agile_methodologies"].iter().enumerate() {
        let credential = SkillCredentialBuilder::new(
            format!("urn:uuid:00000000-0000-4000-8001-{i:012}"),
            Issuer { id: departments[0].did_key(), name: LocalizedText::new("Department 0", "Ministère 0") },
            *skill,
            Level::Advanced,
            since,
        )
        .subject(holder.did_key())
        .build()
        .unwrap();
        credentials.push(signed(&credential, &departments[0], &contexts));
    }
    let assignment = AssignmentCredentialBuilder::new(
        "urn:uuid:00000000-0000-4000-9000-000000000001",
        Issuer { id: departments[1].did_key(), name: LocalizedText::new("Department 1", "Ministère 1") },
        LocalizedText::new("API developer", "Développeur d'API"),
        OrganizationUnit::named(LocalizedText::new("Department 1", "Ministère 1")),
        since - chrono::Duration::days(300),
        since,
    )
    .subject(holder.did_key())
    .end(since)
    .skill("api_design")
    .build()
    .unwrap();
    credentials.push(signed(&assignment, &departments[1], &contexts));

    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": credentials});
    let mut options = ProofOptions::new(Suite::EddsaRdfc2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some("n-0S6_WzA2Mj".into());
    options.domain = Some("x509_san_dns:hr.example".into());
    // Signing canonicalizes the whole presentation: a refusal of the bound would be an Err here.
    let vp = add_proof(&vp, &holder, &options, &contexts).expect("the presentation is canonicalized and signed");

    let verifier = Verifier::new(contexts, Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let report = verifier
        .verify_bytes(
            vp.to_string().as_bytes(),
            &PresentationOptions {
                challenge: options.challenge.clone(),
                domain: options.domain.clone(),
                ..PresentationOptions::default()
            },
        )
        .unwrap();
    assert!(report.verified(), "{}", report.to_json(Lang::En));
    assert!(report.format.contains("eddsa-rdfc-2022"), "{}", report.format);
    assert_eq!(report.credentials.len(), 6);
    for inner in &report.credentials {
        assert!(inner.verified(), "{}", inner.to_json(Lang::En));
        assert!(inner.format.contains("eddsa-rdfc-2022"), "{}", inner.format);
    }
}
