//! The policies a verifier sets per request: how old a presentation may be (proof `created` or
//! JWT `iat`), how much clock skew is tolerated on validity dates, and whether the presenter must
//! be the subject of every credential presented.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

#[path = "support/key.rs"]
mod support_key;
use support_key::key;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
}

/// A skill credential valid from `at(valid_from)`, presented (signed) at `at(0)`.
fn presentation(valid_from: i64) -> (Value, String) {
    let (issuer, holder) = (key(), key());
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:5",
        Issuer { id: issuer.2.clone(), name: LocalizedText::new("A", "A") },
        "api_design",
        Level::Advanced,
        at(valid_from),
    )
    .subject(holder.2.clone())
    .build()
    .unwrap();
    let contexts = ContextSet::standard();
    let credential =
        add_proof(&credential, issuer.as_ref(), &ProofOptions::new(Suite::EddsaJcs2022, at(-3600)), &contexts).unwrap();
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, at(0));
    options.purpose = Purpose::Authentication;
    options.challenge = Some("challenge-1".into());
    options.domain = Some("verifier.example".into());
    let presentation = json!({
        "@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
        "verifiableCredential": [credential],
    });
    (add_proof(&presentation, holder.as_ref(), &options, &contexts).unwrap(), holder.2.clone())
}

fn verify(presentation: &Value, now: i64, max_age: Option<u64>, skew: u64) -> Report {
    let verifier =
        Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(now))));
    let options = PresentationOptions {
        challenge: Some("challenge-1".into()),
        domain: Some("verifier.example".into()),
        max_age: max_age.map(Duration::from_secs),
        clock_skew: Duration::from_secs(skew),
        ..PresentationOptions::default()
    };
    verifier.verify(credentials::input::classify(presentation.clone()).unwrap(), &options)
}

fn code(report: &Report, kind: CheckKind) -> &'static str {
    match report.check(kind) {
        Some(Outcome::Failed(failure)) => failure.code(),
        Some(Outcome::Passed) => "passed",
        Some(Outcome::NotApplicable) => "not_applicable",
        other => panic!("{kind:?}: {other:?}"),
    }
}

#[test]
fn a_presentation_older_than_the_request_allows_is_refused() {
    let (vp, _) = presentation(-7200);
    let fresh = verify(&vp, 30, Some(120), 0);
    assert!(fresh.verified(), "{fresh:?}");
    assert_eq!(code(&fresh, CheckKind::PresentationAge), "passed");
    assert_eq!(code(&verify(&vp, 121, Some(120), 0), CheckKind::PresentationAge), "presentation_too_old");
    assert_eq!(code(&verify(&vp, 121, Some(120), 5), CheckKind::PresentationAge), "passed", "within the skew");
    assert_eq!(code(&verify(&vp, -120, Some(120), 60), CheckKind::PresentationAge), "presentation_from_future");
    let unlimited = verify(&vp, 100_000, None, 0);
    assert_eq!(code(&unlimited, CheckKind::PresentationAge), "not_applicable");
    assert!(unlimited.verified());
}

#[test]
fn clock_skew_applies_to_the_validity_of_the_credentials_presented() {
    // The issuer's clock runs 30 s ahead of ours: its credential is "valid from" 30 s from now.
    let (vp, _) = presentation(30);
    let strict = verify(&vp, 0, None, 0);
    assert!(!strict.verified());
    assert_eq!(code(&strict.credentials[0], CheckKind::Validity), "not_yet_valid");
    let tolerant = verify(&vp, 0, None, 60);
    assert!(tolerant.verified(), "{tolerant:?}");
}

/// VCDM 2.0 allows a holder who is not the subject; binding the two is a policy of the request.
/// By default it is asked for (our OpenID4VP flows); a request may leave it out.
#[test]
fn holder_binding_is_a_policy_of_the_request() {
    use credentials::verify::HolderBinding;
    let (issuer, holder, someone) = (key(), key(), key());
    let contexts = ContextSet::standard();
    for suite in [Suite::EddsaRdfc2022, Suite::EddsaJcs2022] {
        // A credential about someone else, presented by the holder (a parent, an agent).
        let credential = SkillCredentialBuilder::new(
            "urn:uuid:6",
            Issuer { id: issuer.2.clone(), name: LocalizedText::new("A", "A") },
            "api_design",
            Level::Advanced,
            at(-7200),
        )
        .subject(someone.2.clone())
        .build()
        .unwrap();
        let credential =
            add_proof(&credential, issuer.as_ref(), &ProofOptions::new(suite, at(-3600)), &contexts).unwrap();
        let mut proof = ProofOptions::new(suite, at(0));
        proof.purpose = Purpose::Authentication;
        let presentation = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
            "verifiableCredential": [credential]});
        let presentation = add_proof(&presentation, holder.as_ref(), &proof, &contexts).unwrap();
        let verifier =
            Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(30))));
        let check = |binding: HolderBinding| {
            let options = PresentationOptions { holder_binding: binding, ..PresentationOptions::default() };
            verifier.verify(credentials::input::classify(presentation.clone()).unwrap(), &options)
        };
        assert_eq!(PresentationOptions::default().holder_binding, HolderBinding::Required);
        let bound = check(HolderBinding::Required);
        assert!(!bound.verified());
        assert_eq!(code(&bound, CheckKind::HolderBinding), "holder_not_subject");
        let free = check(HolderBinding::NotRequired);
        assert!(free.verified(), "{suite:?}: {:#}", free.to_json(schemas::Lang::En));
        assert_eq!(code(&free, CheckKind::HolderBinding), "not_applicable");
    }
}

/// A presentation made for one audience until a given time (a talent profile file): its proof
/// carries `domain` and the Data Integrity `expires` option. It verifies for that audience
/// before it expires; after, its proof fails (`proof_expired`); for another audience the
/// domain does not match; and a caller that requires an audience but names none is told the
/// one the presentation was made for instead of the binding going unchecked (an answer to a
/// request, with a domain but no `expires`, is not such a file).
#[test]
fn a_presentation_bound_to_an_audience_until_it_expires() {
    let (issuer, holder) = (key(), key());
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:6",
        Issuer { id: issuer.2.clone(), name: LocalizedText::new("A", "A") },
        "api_design",
        Level::Advanced,
        at(-7200),
    )
    .subject(holder.2.clone())
    .build()
    .unwrap();
    let contexts = ContextSet::standard();
    let credential =
        add_proof(&credential, issuer.as_ref(), &ProofOptions::new(Suite::EddsaJcs2022, at(-3600)), &contexts).unwrap();
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, at(0));
    options.purpose = Purpose::Authentication;
    options.challenge = Some("random-1".into());
    options.domain = Some("jobs.example".into());
    options.expires = Some(at(3600));
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.2,
        "verifiableCredential": [credential]});
    let vp = add_proof(&vp, holder.as_ref(), &options, &contexts).unwrap();
    assert_eq!(vp["proof"]["expires"], "2027-01-15T09:00:00Z", "{vp:#}");
    let check = |now: i64, domain: Option<&str>, audience_required: bool| {
        let verifier =
            Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(now))));
        let options = PresentationOptions {
            domain: domain.map(str::to_owned),
            audience_required,
            ..PresentationOptions::default()
        };
        verifier.verify(credentials::input::classify(vp.clone()).unwrap(), &options)
    };
    let good = check(60, Some("jobs.example"), true);
    assert!(good.verified(), "{good:?}");
    assert_eq!(code(&check(3601, Some("jobs.example"), true), CheckKind::Proof), "proof_expired");
    assert_eq!(code(&check(60, Some("other.example"), true), CheckKind::Challenge), "challenge_mismatch");
    assert_eq!(code(&check(60, None, true), CheckKind::Challenge), "audience_not_given");
    assert_eq!(code(&check(60, None, false), CheckKind::Challenge), "not_applicable", "the library's default");
    // An answer to a request (a domain, no `expires`) is not a file kept for one audience.
    let (answer, _) = presentation(-7200);
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(60))));
    let options = PresentationOptions { audience_required: true, ..PresentationOptions::default() };
    let report = verifier.verify(credentials::input::classify(answer).unwrap(), &options);
    assert_eq!(code(&report, CheckKind::Challenge), "not_applicable");
}
