//! Inline `@context` objects after the base context (VCDM 2.0 §4.3: "subsequent items … MUST be
//! composed of any combination of URLs and objects") verify wherever a context may stand: at the
//! top of a credential, of a presentation, of the credentials it carries, and in proofs. They go
//! through the same JSON-LD processing as bundled contexts, so each way an inline context could
//! make the signed RDF say what the JSON-level checks do not read is refused, with a code naming
//! it: redefining a protected term, a second name for a checked property or type (`kind` for
//! `type` in a status entry hid a revocation), an `@vocab` or prefix reaching a checked IRI, and a
//! scoped context inside a typed node.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
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

fn sign(document: &Value, signer: &Key, suite: Suite) -> Value {
    add_proof(document, signer, &ProofOptions::new(suite, at(-60)), &ContextSet::standard()).unwrap()
}

/// VCDM 2.0 §5.2's extension example ("A verifiable credential with a custom extension") with
/// the context of "A JSON-LD context" inlined.
fn extended(issuer: &str, subject: &str) -> Value {
    json!({
        "@context": [CREDENTIALS_V2, {
            "referenceNumber": "https://extension.example/vocab#referenceNumber",
            "favoriteFood": "https://extension.example/vocab#favoriteFood",
            "CustomExt12": "https://extension.example/vocab#CustomExt12"
        }],
        "id": "http://vc.example/credentials/4643",
        "type": ["VerifiableCredential", "CustomExt12"],
        "issuer": issuer,
        "validFrom": "2018-02-24T05:28:04Z",
        "referenceNumber": 83294847,
        "credentialSubject": {"id": subject, "name": "Jane Doe", "favoriteFood": "Papaya"}
    })
}

fn failed_code(report: &Report, kind: CheckKind) -> String {
    match report.check(kind) {
        Some(Outcome::Failed(failure)) => failure.code().to_owned(),
        other => format!("{other:?}"),
    }
}

#[test]
fn a_credential_with_an_inline_context_verifies_with_each_suite() {
    let issuer = key();
    for suite in SUITES {
        let signed = sign(&extended(&issuer.2, "did:example:abcdef1234567"), &issuer, suite);
        let report = verify(&signed);
        assert!(report.verified(), "{suite:?}: {:#}", report.to_json(schemas::Lang::En));
        // What the inline context defines is signed.
        let mut tampered = signed.clone();
        tampered["credentialSubject"]["favoriteFood"] = json!("Durian");
        assert!(!verify(&tampered).verified(), "{suite:?}");
        // And an eddsa-jcs-2022 proof carries the inline context it signed under.
        if suite == Suite::EddsaJcs2022 {
            assert_eq!(signed["proof"]["@context"], signed["@context"]);
        }
    }
}

#[test]
fn presentations_and_the_credentials_they_carry_may_have_inline_contexts() {
    let (issuer, holder) = (key(), key());
    for suite in SUITES {
        let credential = sign(&extended(&issuer.2, &holder.2), &issuer, suite);
        let presentation = json!({
            "@context": [CREDENTIALS_V2, {"purpose": "https://extension.example/vocab#purpose"}],
            "type": ["VerifiablePresentation"],
            "holder": holder.2,
            "purpose": "job application",
            "verifiableCredential": [credential],
        });
        let mut options = ProofOptions::new(suite, at(-10));
        options.purpose = Purpose::Authentication;
        let signed = add_proof(&presentation, holder.as_ref(), &options, &ContextSet::standard()).unwrap();
        let report = verify(&signed);
        assert!(report.verified(), "{suite:?}: {:#}", report.to_json(schemas::Lang::En));
        assert_eq!(report.credentials.len(), 1);
    }
}

/// A credential whose structure check fails for `document` (any proof will do: structure comes
/// first), and the same refusal when an issuer tries to sign it.
fn refused(document: Value) -> String {
    let issuer = key();
    for suite in SUITES {
        assert!(
            add_proof(&document, issuer.as_ref(), &ProofOptions::new(suite, at(-60)), &ContextSet::standard()).is_err(),
            "{suite:?} signed {document}"
        );
    }
    let mut with_proof = document;
    with_proof["proof"] = json!({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
        "verificationMethod": format!("{}#{}", issuer.2, &issuer.2[8..]), "proofPurpose": "assertionMethod",
        "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UvV4bvVY1yN"});
    let report = verify(&with_proof);
    assert!(!report.verified());
    failed_code(&report, CheckKind::Structure)
}

fn credential_with(inline: Value, extra: &[(&str, Value)]) -> Value {
    let mut document = json!({
        "@context": [CREDENTIALS_V2, inline],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"},
    });
    for (key, value) in extra {
        document[*key] = value.clone();
    }
    document
}

#[test]
fn redefining_a_protected_term_of_the_vc_context_is_refused() {
    for term in ["validUntil", "type", "credentialStatus", "proof", "id", "name", "issuer"] {
        let document = credential_with(json!({term: "https://evil.example/redefined"}), &[]);
        assert_eq!(refused(document), "context_term_redefined", "{term}");
    }
    // The same IRI with another shape passes the review, and JSON-LD refuses it itself.
    let reshaped = credential_with(json!({"name": {"@id": "https://schema.org/name", "@container": "@language"}}), &[]);
    let error = credentials::canonical::check_json_ld(&reshaped, &ContextSet::standard()).unwrap_err();
    assert!(error.to_string().contains("Protected term redefinition"), "{error}");
    assert!(add_proof(
        &reshaped,
        key().as_ref(),
        &ProofOptions::new(Suite::EddsaJcs2022, at(0)),
        &ContextSet::standard()
    )
    .is_err());
}

fn revocation_entry(type_key: &str, purpose_key: &str) -> Value {
    json!({
        "id": "https://issuer.example/status/1#5",
        type_key: "BitstringStatusListEntry",
        purpose_key: "revocation",
        "statusListIndex": "5",
        "statusListCredential": "https://issuer.example/status/1"
    })
}

/// The attack that made nested inline contexts refused: a second name for `type` (or for
/// `statusPurpose`) in a status entry keeps the RDF, so the signature, while the JSON-level status
/// check no longer sees a revocation entry. Written in the document's own inline context now.
#[test]
fn a_second_name_for_type_or_status_purpose_in_a_status_entry_is_refused() {
    let kind =
        credential_with(json!({"kind": "@type"}), &[("credentialStatus", revocation_entry("kind", "statusPurpose"))]);
    assert_eq!(refused(kind), "context_keyword_alias");
    let purpose = credential_with(
        json!({"purpose": "https://www.w3.org/ns/credentials/status#statusPurpose"}),
        &[("credentialStatus", revocation_entry("type", "purpose"))],
    );
    assert_eq!(refused(purpose), "context_second_name");
    let entry_type = credential_with(
        json!({"Entry": "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry"}),
        &[(
            "credentialStatus",
            json!({"type": "Entry", "statusPurpose": "revocation", "statusListIndex": "5",
            "statusListCredential": "https://issuer.example/status/1"}),
        )],
    );
    assert_eq!(refused(entry_type), "context_second_name");
    // In the entry itself, a context stays refused: only documents carry contexts.
    let mut nested = revocation_entry("kind", "statusPurpose");
    nested["@context"] = json!({"kind": "@type"});
    let mut document = credential_with(json!({"x": "https://x.example/x"}), &[("credentialStatus", nested)]);
    document["@context"] = json!([CREDENTIALS_V2]);
    assert_eq!(refused(document), "nested_context_refused");
}

#[test]
fn a_vocab_or_prefix_reaching_a_checked_property_is_refused() {
    // `Until` under this @vocab would be validUntil in the RDF, unseen by the validity check.
    let vocab = credential_with(
        json!({"@vocab": "https://www.w3.org/2018/credentials#valid"}),
        &[("Until", json!("2020-01-01T00:00:00Z"))],
    );
    assert_eq!(refused(vocab), "context_inline_vocab");
    let prefix = credential_with(
        json!({"st": "https://www.w3.org/ns/credentials/status#"}),
        &[(
            "credentialStatus",
            json!({"type": "st:BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": "5", "statusListCredential": "https://issuer.example/status/1"}),
        )],
    );
    assert_eq!(refused(prefix), "context_inline_prefix");
    let scheme = credential_with(json!({"did": {"@id": "https://evil.example/", "@prefix": true}}), &[]);
    assert_eq!(refused(scheme), "context_inline_prefix");
    // A vocabulary of one's own is fine.
    let issuer = key();
    let mut own = credential_with(json!({"@vocab": "https://extension.example/vocab#"}), &[]);
    own["issuer"] = json!(issuer.2);
    own["credentialSubject"]["favoriteFood"] = json!("Papaya");
    for suite in SUITES {
        assert!(verify(&sign(&own, &issuer, suite)).verified(), "{suite:?}");
    }
}

#[test]
fn a_scoped_context_inside_a_typed_node_is_reviewed_too() {
    // JSON-LD 1.1 lets a property-scoped context override even protected terms below it.
    let type_scoped = credential_with(
        json!({"Evil": {"@id": "https://evil.example/Evil", "@context": {"validUntil": "https://evil.example/notUntil"}}}),
        &[("credentialSubject", json!({"id": "did:example:holder", "type": "Evil"}))],
    );
    assert_eq!(refused(type_scoped), "context_term_redefined");
    let property_scoped = credential_with(
        json!({"wrapper": {"@id": "https://evil.example/wrapper", "@context": {"kind": "@type"}}}),
        &[("wrapper", json!({"kind": "BitstringStatusListEntry"}))],
    );
    assert_eq!(refused(property_scoped), "context_keyword_alias");
    let imported = credential_with(json!({"@import": "https://www.w3.org/ns/credentials/examples/v2"}), &[]);
    assert_eq!(refused(imported), "context_inline_keyword");
}

#[test]
fn refusals_name_the_term_in_both_languages() {
    use credentials::error::Describe;
    let error = ContextSet::standard().check_document(&credential_with(json!({"kind": "@type"}), &[])).unwrap_err();
    assert!(error.message(schemas::Lang::En).contains("`kind`"), "{error}");
    assert!(error.message(schemas::Lang::Fr).contains("second nom de `@type`"));
}

/// VC Data Integrity §4 ("Securing Data Losslessly"): "MUST throw an error, which SHOULD be
/// DATA_LOSS_DETECTION_ERROR, when data is dropped by a JSON-LD processor, such as when an
/// undefined term is detected". `eddsa-rdfc-2022` expands the document and neither signs nor
/// verifies one; `eddsa-jcs-2022` checks the contexts but does not expand the body (not done:
/// it would cost the suite its speed), so a changed context still breaks its signature.
#[test]
fn an_undefined_term_is_a_data_loss_error_with_each_suite() {
    use credentials::error::{ContextError, Error};
    let issuer = key();
    let mut undefined = extended(&issuer.2, "did:example:abcdef1234567");
    undefined["@context"] = json!([CREDENTIALS_V2]);
    undefined.as_object_mut().unwrap().remove("referenceNumber");
    undefined["type"] = json!(["VerifiableCredential"]);
    for suite in SUITES {
        let signed =
            add_proof(&undefined, issuer.as_ref(), &ProofOptions::new(suite, at(-60)), &ContextSet::standard());
        if suite == Suite::EddsaRdfc2022 {
            let error = signed.unwrap_err();
            assert!(
                matches!(&error, Error::Context(ContextError::DataLoss { term }) if term == "favoriteFood"),
                "{suite:?}: {error:?}"
            );
        }
        // Signed while an inline context defined the term, then stripped of it.
        let mut defined = undefined.clone();
        defined["@context"] = json!([CREDENTIALS_V2, {"favoriteFood": "https://extension.example/vocab#favoriteFood"}]);
        let mut stripped = sign(&defined, &issuer, suite);
        stripped["@context"] = json!([CREDENTIALS_V2]);
        if suite == Suite::EddsaJcs2022 {
            stripped["proof"]["@context"] = json!([CREDENTIALS_V2]);
        }
        let report = verify(&stripped);
        let expected = if suite == Suite::EddsaRdfc2022 { "data_loss" } else { "signature_mismatch" };
        assert_eq!(failed_code(&report, CheckKind::Proof), expected, "{suite:?}");
    }
}
