//! Proof sets and proof chains (VC Data Integrity §2.1.1, §2.1.2, §4.3, §4.4), and presentations
//! of several credentials: the ordinary shapes other software produces verify, and a chain that
//! points at a missing or invalid proof is refused as `PROOF_VERIFICATION_ERROR`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2, EXAMPLES_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use serde_json::{json, Value};

#[path = "support/key.rs"]
mod support_key;
use support_key::{key, Key};

const SUITES: [Suite; 2] = [Suite::EddsaRdfc2022, Suite::EddsaJcs2022];

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
}

fn verify(document: &Value) -> Report {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
    verifier.verify_bytes(&serde_json::to_vec(document).unwrap(), &PresentationOptions::default()).unwrap()
}

fn options(suite: Suite, id: Option<&str>, previous: &[&str]) -> ProofOptions {
    let mut options = ProofOptions::new(suite, at(-60));
    options.id = id.map(str::to_owned);
    options.previous_proof = previous.iter().map(|p| (*p).to_owned()).collect();
    options
}

fn sign(document: &Value, signer: &Key, options: &ProofOptions) -> Value {
    add_proof(document, signer, options, &ContextSet::standard()).unwrap()
}

/// A credential of VCDM 2.0's examples (§4.4 "Use of the type property"), without `id`.
fn degree(issuer: &str, subject: &str, name: &str) -> Value {
    json!({
        "@context": [CREDENTIALS_V2, EXAMPLES_V2],
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": {"id": issuer, "name": "Example University"},
        "validFrom": "2010-01-01T19:23:24Z",
        "credentialSubject": {"id": subject, "degree": {"type": "ExampleBachelorDegree", "name": name}}
    })
}

fn explain(report: &Report) -> String {
    format!("{:#}", report.to_json(schemas::Lang::En))
}

#[test]
fn a_proof_set_of_two_proofs_without_ids_verifies() {
    let (issuer, other) = (key(), key());
    for suite in SUITES {
        let once = sign(&degree(&issuer.2, "did:example:s", "Bachelor"), &issuer, &options(suite, None, &[]));
        // The issuer signs again later (a did:key has one key; Ed25519 signs the same bytes the
        // same way, so the second proof differs by its time).
        let mut later = options(suite, None, &[]);
        later.created = at(-30);
        let twice = sign(&once, &issuer, &later);
        assert_eq!(twice["proof"].as_array().map(Vec::len), Some(2));
        let report = verify(&twice);
        assert!(report.verified(), "{suite:?}: {}", explain(&report));
        // Another signer at the same second: every proof verifies, and the issuer binding says
        // the second signer is not the issuer.
        let by_other = sign(&once, &other, &options(suite, None, &[]));
        let report = verify(&by_other);
        assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "{}", explain(&report));
        assert!(matches!(report.check(CheckKind::IssuerBinding), Some(Outcome::Failed(_))));
    }
}

#[test]
fn a_presentation_of_two_different_credentials_without_ids_verifies() {
    let (issuer, holder) = (key(), key());
    for suite in SUITES {
        let first = sign(&degree(&issuer.2, &holder.2, "Bachelor of Science"), &issuer, &options(suite, None, &[]));
        let second = sign(&degree(&issuer.2, &holder.2, "Master of Arts"), &issuer, &options(suite, None, &[]));
        let presentation = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
            "verifiableCredential": [first, second]});
        let mut proof = options(suite, None, &[]);
        proof.purpose = Purpose::Authentication;
        let signed = sign(&presentation, &holder, &proof);
        let report = verify(&signed);
        assert!(report.verified(), "{suite:?}: {}", explain(&report));
    }
}

/// Two of our own skill credentials for one skill, from one department, without `id`: their
/// achievement and alignment nodes are alike, which canonicalization tells apart by the
/// different levels and evidence around them. (Our own profile's schema wants an `id`; the
/// proofs are what this is about.)
#[test]
fn a_presentation_of_two_skill_credentials_without_ids_is_canonicalized() {
    use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
    let (issuer, holder) = (key(), key());
    for suite in SUITES {
        let skill = |level: Level, narrative: &str| {
            let mut credential = SkillCredentialBuilder::new(
                "urn:uuid:unused",
                Issuer { id: issuer.2.clone(), name: LocalizedText::new("Dept", "Min") },
                "api_design",
                level,
                at(-3600),
            )
            .subject(holder.2.clone())
            .evidence(schemas::Evidence { id: None, narrative: LocalizedText::new(narrative, narrative) })
            .build()
            .unwrap();
            credential.as_object_mut().unwrap().remove("id");
            sign(&credential, &issuer, &options(suite, None, &[]))
        };
        let presentation = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
            "verifiableCredential": [skill(Level::Beginner, "first"), skill(Level::Expert, "second")]});
        let mut proof = options(suite, None, &[]);
        proof.purpose = Purpose::Authentication;
        let report = verify(&sign(&presentation, &holder, &proof));
        for report in std::iter::once(&report).chain(&report.credentials) {
            assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "{suite:?}: {}", explain(report));
        }
    }
}

/// An extension credential with its context inline (VCDM 2.0 §5.2), or the same terms through the
/// examples context.
fn with_context(issuer: &str, inline: bool) -> Value {
    let mut credential = degree(issuer, "did:example:s", "Bachelor");
    if inline {
        credential["@context"] =
            json!([CREDENTIALS_V2, EXAMPLES_V2, {"notary": "https://extension.example/vocab#notary"}]);
        credential["notary"] = json!("Office 12");
    }
    credential
}

/// VC Data Integrity §2.1.2 (proof chains): a proof names the proofs it endorses by `id` in
/// `previousProof`, a string or an array; the chain verifies with each suite, with and without
/// an inline context.
#[test]
fn proof_chains_verify_with_previous_proof_as_a_string_and_as_an_array() {
    let issuer = key();
    for suite in SUITES {
        for inline in [false, true] {
            let base = with_context(&issuer.2, inline);
            let first = sign(&base, &issuer, &options(suite, Some("urn:uuid:proof-1"), &[]));
            let second = sign(&first, &issuer, &options(suite, Some("urn:uuid:proof-2"), &["urn:uuid:proof-1"]));
            assert_eq!(second["proof"][1]["previousProof"], json!("urn:uuid:proof-1"));
            let report = verify(&second);
            assert!(report.verified(), "{suite:?} inline {inline}: {}", explain(&report));
            let mut third_options = options(suite, Some("urn:uuid:proof-3"), &["urn:uuid:proof-1", "urn:uuid:proof-2"]);
            third_options.created = at(-30);
            let third = sign(&second, &issuer, &third_options);
            assert!(third["proof"][2]["previousProof"].is_array());
            let report = verify(&third);
            assert!(report.verified(), "{suite:?} inline {inline}: {}", explain(&report));
            // The chained proof signed the proofs it names: changing one breaks it too.
            let mut altered = third.clone();
            altered["proof"][0]["created"] = json!("2020-01-01T00:00:00Z");
            assert!(!verify(&altered).verified());
        }
    }
}

fn proof_failure(report: &Report) -> &credentials::Failure {
    match report.check(CheckKind::Proof) {
        Some(Outcome::Failed(failure)) => failure,
        other => panic!("{other:?}: {}", explain(report)),
    }
}

/// VC Data Integrity §4.4 (verify proof sets and chains): a `previousProof` naming no proof of
/// the document "MUST" raise an error conveying PROOF_VERIFICATION_ERROR; so does a chain whose
/// earlier proof does not verify.
#[test]
fn a_chain_pointing_at_a_missing_or_invalid_proof_is_a_proof_verification_error() {
    let issuer = key();
    for suite in SUITES {
        let first = sign(&with_context(&issuer.2, true), &issuer, &options(suite, Some("urn:uuid:proof-1"), &[]));
        let second = sign(&first, &issuer, &options(suite, Some("urn:uuid:proof-2"), &["urn:uuid:proof-1"]));
        // The endorsed proof removed: the chain points at nothing.
        let mut missing = second.clone();
        let kept = missing["proof"][1].clone();
        missing["proof"] = json!([kept]);
        let report = verify(&missing);
        let failure = proof_failure(&report);
        assert_eq!(failure.code(), "previous_proof_missing");
        assert_eq!(failure.problem_type().name(), "PROOF_VERIFICATION_ERROR");
        assert_eq!(failure.problem_type().url(), "https://w3id.org/security#PROOF_VERIFICATION_ERROR");
        // The endorsed proof's signature broken (and its chained proof re-signed over it).
        let mut broken = first.clone();
        broken["proof"]["proofValue"] = second["proof"][1]["proofValue"].clone();
        let chained = sign(&broken, &issuer, &options(suite, Some("urn:uuid:proof-2"), &["urn:uuid:proof-1"]));
        let report = verify(&chained);
        let failure = proof_failure(&report);
        assert_eq!(failure.code(), "previous_proof_invalid");
        assert_eq!(failure.problem_type().name(), "PROOF_VERIFICATION_ERROR");
        // An entry of previousProof that is not an identifier is malformed, not skipped.
        let mut odd = second.clone();
        odd["proof"][1]["previousProof"] = json!(["urn:uuid:proof-1", 7]);
        assert_eq!(proof_failure(&verify(&odd)).code(), "proof_field_invalid");
    }
}
