//! VCDM 2.0 envelopes (§4.13): an `EnvelopedVerifiableCredential` or
//! `EnvelopedVerifiablePresentation` carries a JWT or SD-JWT in its `data:` URL `id`. One whose
//! `@context` is empty breaks a MUST and is refused, naming the field; an enveloped presentation
//! as `data:application/vp+jwt,…` or `data:application/jwt,…` (OpenID4VP's JWT VP) verifies.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2, EXAMPLES_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::jose::{self, VC_JWT_TYPE, VP_JWT_TYPE};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use serde_json::{json, Value};

#[path = "support/key.rs"]
mod support_key;
use support_key::key;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
}

fn verify(document: &Value) -> Report {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
    verifier.verify_bytes(&serde_json::to_vec(document).unwrap(), &PresentationOptions::default()).unwrap()
}

fn explain(report: &Report) -> String {
    format!("{:#}", report.to_json(schemas::Lang::En))
}

fn credential(issuer: &str, subject: &str) -> Value {
    json!({
        "@context": [CREDENTIALS_V2, EXAMPLES_V2],
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": issuer,
        "validFrom": "2010-01-01T19:23:24Z",
        "credentialSubject": {"id": subject, "degree": {"type": "ExampleBachelorDegree", "name": "Bachelor"}}
    })
}

fn enveloped_credential(jwt: &str, context: Value) -> Value {
    json!({"@context": context, "id": format!("data:application/vc+jwt,{jwt}"), "type": "EnvelopedVerifiableCredential"})
}

#[test]
fn an_enveloped_presentation_as_vp_jwt_or_jwt_verifies() {
    let (issuer, holder) = (key(), key());
    let vc_jwt = jose::sign(&credential(&issuer.2, &holder.2), issuer.clone(), VC_JWT_TYPE).unwrap();
    let presentation = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
        "verifiableCredential": [enveloped_credential(&vc_jwt, json!(CREDENTIALS_V2))]});
    let vp_jwt = jose::sign(&presentation, holder.clone(), VP_JWT_TYPE).unwrap();
    for media_type in ["application/vp+jwt", "application/jwt"] {
        let envelope = json!({"@context": CREDENTIALS_V2, "id": format!("data:{media_type},{vp_jwt}"),
            "type": "EnvelopedVerifiablePresentation"});
        let report = verify(&envelope);
        assert!(report.verified(), "{media_type}: {}", explain(&report));
        assert_eq!(report.credentials.len(), 1);
        assert_eq!(report.format, VP_JWT_TYPE);
    }
    // A credential is not what an enveloped presentation carries.
    let wrong = json!({"@context": CREDENTIALS_V2, "id": format!("data:application/vc+jwt,{vc_jwt}"),
        "type": "EnvelopedVerifiablePresentation"});
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
    let error =
        verifier.verify_bytes(&serde_json::to_vec(&wrong).unwrap(), &PresentationOptions::default()).unwrap_err();
    assert_eq!(credentials::error::Describe::code(&error), "invalid_field");
}

fn structure_failure(report: &Report) -> String {
    match report.check(CheckKind::Structure) {
        Some(Outcome::Failed(failure)) => failure.message(schemas::Lang::En),
        other => panic!("{other:?}: {}", explain(report)),
    }
}

#[test]
fn an_enveloped_credential_with_an_empty_context_is_refused() {
    let (issuer, holder) = (key(), key());
    let vc_jwt = jose::sign(&credential(&issuer.2, &holder.2), issuer.clone(), VC_JWT_TYPE).unwrap();
    for context in [json!([]), json!(null)] {
        let mut envelope = enveloped_credential(&vc_jwt, context.clone());
        if context.is_null() {
            envelope.as_object_mut().unwrap().remove("@context");
        }
        // Carried by a presentation secured with Data Integrity (which JSON-LD processing does
        // not let us sign: its proof is another's, the envelope is refused all the same) and by
        // a vp+jwt.
        let presentation = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
            "verifiableCredential": [envelope]});
        let mut options = ProofOptions::new(Suite::EddsaJcs2022, at(-10));
        options.purpose = Purpose::Authentication;
        let mut other = presentation.clone();
        other["verifiableCredential"] = json!([]);
        let mut signed = add_proof(&other, holder.as_ref(), &options, &ContextSet::standard()).unwrap();
        signed["verifiableCredential"] = presentation["verifiableCredential"].clone();
        let report = verify(&signed);
        assert!(!report.verified(), "{context}");
        let inner = structure_failure(&report.credentials[0]);
        assert!(inner.contains("`@context`") && inner.contains("EnvelopedVerifiableCredential"), "{inner}");
        let vp_jwt = jose::sign(&presentation, holder.clone(), VP_JWT_TYPE).unwrap();
        let report = verify(&Value::String(vp_jwt));
        assert!(!report.verified());
        assert!(structure_failure(&report.credentials[0]).contains("`@context`"));
        // At the top, the input is refused as such.
        let verifier =
            Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
        let top = presentation["verifiableCredential"][0].clone();
        assert!(verifier.verify_bytes(&serde_json::to_vec(&top).unwrap(), &PresentationOptions::default()).is_err());
    }
}
