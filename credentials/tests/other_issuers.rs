//! Credentials shaped the way other organizations' software shapes them, as the W3C Verifiable
//! Credentials Data Model 2.0 allows, verify here too (issue #21). A verifier that refuses a valid
//! credential because it is not in our house style fails the person who holds it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2, EXAMPLES_V2};
use credentials::did::StaticResolver;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome};
use serde_json::{json, Value};

#[path = "support/key.rs"]
mod support_key;
use support_key::key;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
}

fn verify(credential: &Value) -> credentials::Report {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
    verifier.verify_bytes(&serde_json::to_vec(credential).unwrap(), &PresentationOptions::default()).unwrap()
}

/// VCDM 2.0 §4.3's example of a credential using the examples context for its own terms
/// (https://www.w3.org/TR/vc-data-model-2.0/#example-use-of-the-id-property, adapted: a did:key
/// issuer so that nothing is resolved).
fn examples_credential(issuer: &str) -> Value {
    json!({
        "@context": [CREDENTIALS_V2, EXAMPLES_V2],
        "id": "http://university.example/credentials/3732",
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": issuer,
        "validFrom": "2010-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "degree": {"type": "ExampleBachelorDegree", "name": "Bachelor of Science and Arts"}
        }
    })
}

#[test]
fn the_examples_context_is_bundled_and_never_fetched() {
    let set = ContextSet::standard();
    for url in [EXAMPLES_V2, "https://w3id.org/security/data-integrity/v1", "https://w3id.org/vc/status-list/2021/v1"] {
        assert!(set.contains(url), "{url} is not bundled");
        // Bundled, but outside the reviewed set the proof-configuration shortcut relies on.
        assert!(!set.is_shipped(url), "{url}");
    }
}

#[test]
fn a_credential_using_the_examples_context_verifies_with_each_data_integrity_suite() {
    let issuer = key();
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        let signed = add_proof(
            &examples_credential(&issuer.2),
            issuer.as_ref(),
            &ProofOptions::new(suite, at(-60)),
            &ContextSet::standard(),
        )
        .unwrap();
        let report = verify(&signed);
        let failed: Vec<_> = report.checks.iter().filter(|c| matches!(c.outcome, Outcome::Failed(_))).collect();
        assert!(failed.is_empty(), "{suite:?}: {failed:?}");
        assert!(report.verified(), "{suite:?}");
        assert!(report.checks.iter().any(|c| c.kind == CheckKind::Proof && matches!(c.outcome, Outcome::Passed)));
        // Changing a term the examples context defines through @vocab breaks the signature.
        let mut tampered = signed.clone();
        tampered["credentialSubject"]["degree"]["name"] = json!("Doctor of Science");
        assert!(!verify(&tampered).verified(), "{suite:?}");
    }
}

/// VCDM 2.0's MUSTs on optional properties, which the structure check (run by the issuer before
/// signing, and by the verifier) enforces, each refusal naming the field a person must correct.
#[test]
fn each_data_model_must_is_refused_naming_the_field() {
    use credentials::error::{Error, InputError};
    use credentials::Failure;
    let base = examples_credential("did:example:issuer");
    let cases: Vec<(&str, Value, &str)> = vec![
        ("relatedResource", json!("https://www.w3.org/ns/credentials/v2"), "relatedResource"),
        ("relatedResource", json!([{"digestSRI": "sha384-abc"}]), "relatedResource"),
        ("relatedResource", json!([{"id": "https://a.example/x"}]), "relatedResource"),
        (
            "relatedResource",
            json!([{"id": "https://a.example/x", "digestSRI": "sha384-a"}, {"id": "https://a.example/x", "digestMultibase": "uAB"}]),
            "relatedResource",
        ),
        ("termsOfUse", json!({"id": "https://policy.example/1"}), "termsOfUse"),
        ("refreshService", json!({"url": "https://refresh.example"}), "refreshService"),
        ("evidence", json!([{"id": "https://evidence.example/1"}]), "evidence"),
        ("credentialSchema", json!({"id": "https://example.org/examples/degree.json"}), "credentialSchema"),
        ("credentialSchema", json!({"id": "degree.json", "type": "JsonSchema"}), "credentialSchema"),
    ];
    for (key, value, field) in cases {
        let mut document = base.clone();
        document[key] = value.clone();
        match credentials::verify::structure(&document, &ContextSet::standard(), "VerifiableCredential") {
            Err(Failure::Error(Error::Input(InputError::InvalidField { field: named, reason }))) => {
                assert_eq!(named, field, "{value}");
                assert!(!reason.fr.is_empty() && reason.fr != reason.en);
            }
            other => panic!("{key} {value}: {other:?}"),
        }
    }
}

/// VCDM 2.0 §11.1 ("Language and Base Direction"): `name` and `description`, of the credential
/// and of its issuer, as language value objects or arrays of them (the "Example dual language
/// credential" in our two languages), verify with each suite; and the signature covers them.
#[test]
fn language_value_objects_verify_with_each_suite() {
    let issuer = key();
    let mut credential = examples_credential(&issuer.2);
    credential["issuer"] = json!({"id": issuer.2, "name": [{"@value": "Example University", "@language": "en"},
        {"@value": "Université exemple", "@language": "fr"}], "description": {"@value": "جامعة", "@language": "ar", "@direction": "rtl"}});
    credential["name"] = json!([{"@value": "Degree", "@language": "en"}, {"@value": "Diplôme", "@language": "fr-CA"}]);
    credential["description"] = json!({"@value": "Bachelor of Science and Arts", "@language": "en"});
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        let signed =
            add_proof(&credential, issuer.as_ref(), &ProofOptions::new(suite, at(-60)), &ContextSet::standard())
                .unwrap();
        let report = verify(&signed);
        assert!(report.verified(), "{suite:?}: {:#}", report.to_json(schemas::Lang::En));
        let mut tampered = signed.clone();
        tampered["name"][1]["@value"] = json!("Doctorat");
        assert!(!verify(&tampered).verified(), "{suite:?}");
        let read = schemas::localized_text(&signed["issuer"], "name").unwrap();
        assert_eq!(read.fr, "Université exemple");
    }
    // A value that is not a language value object is refused by the structure check.
    let mut odd = credential.clone();
    odd["name"] = json!({"@value": "Degree", "@language": "en", "@direction": "sideways"});
    let structure = credentials::verify::structure(&odd, &ContextSet::standard(), "VerifiableCredential");
    assert!(structure.is_err());
}
