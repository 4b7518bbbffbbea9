//! SD-JWT VC end to end in the library: an assignment credential with five skills issued as
//! `dc+sd-jwt`, presented with two of them, verified; and each way a presentation can be forged
//! or replayed refused with its own reason.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::input::{self, Parsed};
use credentials::report::DocumentKind;
use credentials::sd_jwt::{self, Binding, ClaimPath, Compact, Disclosure};
use credentials::sd_jwt_vc;
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{CheckKind, FixedClock, Outcome, Report};
use schemas::{AssignmentCredentialBuilder, Issuer, LocalizedText, OrganizationUnit};
use serde_json::Value;

#[path = "support/key.rs"]
mod support_key;
use support_key::{key, Key};

const NOW: i64 = 1_800_000_000;
const SKILLS: [&str; 5] =
    ["api_design", "cloud_security", "cloud_architecture", "accountability", "agile_methodologies"];
const AUDIENCE: &str = "decentralized_identifier:did:key:verifier";

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(NOW + seconds, 0).unwrap()
}

struct Fixture {
    issued: String,
    holder: Arc<Key>,
}

fn issue() -> Fixture {
    let (issuer, holder) = (key(), key());
    let mut builder = AssignmentCredentialBuilder::new(
        "urn:uuid:7c1d9a4e-1111-4b2c-9d3e-5f6a7b8c9d0e",
        Issuer { id: issuer.2.clone(), name: LocalizedText::new("Department A", "Ministère A") },
        LocalizedText::new("Cloud Architect", "Architecte infonuagique"),
        OrganizationUnit::named(LocalizedText::new("Department A", "Ministère A")),
        at(-400 * 86_400),
        at(-3600),
    )
    .subject(holder.2.clone())
    .team(OrganizationUnit::named(LocalizedText::new("Secret Project Team", "Équipe du projet secret")))
    .end(at(-30 * 86_400));
    for skill in SKILLS {
        builder = builder.skill(skill);
    }
    let credential = builder.build().unwrap();
    let issued = sd_jwt_vc::issue(&credential, issuer, &StaticResolver::new(), NOW - 3600, None).unwrap();
    Fixture { issued, holder }
}

fn paths(list: &[&str]) -> Vec<ClaimPath> {
    list.iter().map(|path| ClaimPath::parse(path).unwrap()).collect()
}

fn binding(nonce: &str) -> Binding {
    Binding { audience: AUDIENCE.into(), nonce: nonce.into(), issued_at: NOW - 5 }
}

fn options(nonce: &str) -> PresentationOptions {
    PresentationOptions {
        challenge: Some(nonce.into()),
        domain: Some(AUDIENCE.into()),
        max_age: Some(Duration::from_secs(300)),
        clock_skew: Duration::from_secs(60),
        ..PresentationOptions::default()
    }
}

fn verify(text: &str, options: &PresentationOptions) -> Report {
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(0))));
    verifier.verify(input::parse(text.as_bytes()).unwrap(), options)
}

/// The code of the failed check `kind` of the presentation or else of its credential, or a
/// panic naming what the report says.
fn failure(report: &Report, kind: CheckKind) -> &'static str {
    let failed = |report: &Report| match report.check(kind) {
        Some(Outcome::Failed(failure)) => Some(failure.code()),
        _ => None,
    };
    failed(report)
        .or_else(|| report.credentials.iter().find_map(failed))
        .unwrap_or_else(|| panic!("{kind:?}: expected a failure\n{:#}", report.to_json(schemas::Lang::En)))
}

#[test]
fn two_of_five_skills_disclosed_and_the_other_three_nowhere_in_the_bytes() {
    let fixture = issue();
    let held = sd_jwt_vc::read(&fixture.issued).unwrap();
    for skill in SKILLS {
        assert!(held.disclosable.contains(&ClaimPath::key(&["skills", skill])), "{skill}");
    }
    let presentation = sd_jwt_vc::present(
        &fixture.issued,
        &paths(&["skills.api_design", "skills.cloud_security"]),
        &binding("nonce-1"),
        fixture.holder.clone(),
    )
    .unwrap();
    assert!(matches!(input::parse(presentation.as_bytes()).unwrap(), Parsed::SdJwt(_)));

    let report = verify(&presentation, &options("nonce-1"));
    assert!(report.verified(), "{:#}", report.to_json(schemas::Lang::En));
    assert_eq!(report.format, "dc+sd-jwt");
    // With its key-binding JWT it is a presentation by the holder, around the credential.
    assert_eq!(report.document, DocumentKind::Presentation);
    assert_eq!(report.issuer.as_deref(), Some(fixture.holder.2.as_str()), "the presenter is the holder");
    let credential = &report.credentials[0];
    assert_eq!(credential.document, DocumentKind::Credential);
    assert_eq!(credential.types, ["AssignmentCredential"]);
    assert_eq!(report.disclosed.as_deref().unwrap(), ["skills.api_design", "skills.cloud_security"]);
    assert_eq!(credential.disclosed, report.disclosed);
    for kind in [CheckKind::Proof, CheckKind::HolderBinding, CheckKind::Challenge, CheckKind::PresentationAge] {
        assert!(matches!(report.check(kind), Some(Outcome::Passed)), "{kind:?}");
    }
    for kind in [CheckKind::Proof, CheckKind::IssuerBinding, CheckKind::Schema, CheckKind::Validity] {
        assert!(matches!(credential.check(kind), Some(Outcome::Passed)), "{kind:?}");
    }
    let content = credential.content.as_ref().unwrap();
    let mut skills: Vec<&String> = content["skills"].as_object().unwrap().keys().collect();
    skills.sort();
    assert_eq!(skills, ["api_design", "cloud_security"]);
    assert!(content.get("team").is_none() && content.get("start_date").is_none());

    // The hidden claims are not in the presentation, neither in clear nor in any disclosure.
    let mut decoded = String::new();
    for part in presentation.split('~').flat_map(|part| part.split('.')) {
        if let Ok(bytes) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part) {
            decoded.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    for hidden in ["cloud_architecture", "accountability", "agile_methodologies", "Secret Project", "Accountability"] {
        assert!(!presentation.contains(hidden) && !decoded.contains(hidden), "{hidden} leaked");
    }
    assert!(decoded.contains("api_design"), "the decoding above must see disclosed claims");
}

#[test]
fn without_a_challenge_key_binding_is_optional_and_all_disclosures_verify() {
    let fixture = issue();
    let report = verify(&fixture.issued, &PresentationOptions::default());
    assert!(report.verified(), "{:#}", report.to_json(schemas::Lang::En));
    assert_eq!(report.disclosed.as_ref().unwrap().len(), 9, "5 skills, team, 2 dates, description");
    assert_eq!(report.document, DocumentKind::Credential);
    assert!(report.check(CheckKind::HolderBinding).is_none());
    // When the verifier asks for holder binding (a challenge), a missing KB-JWT fails.
    let report = verify(&fixture.issued, &options("nonce-1"));
    assert_eq!(failure(&report, CheckKind::Proof), "key_binding_missing");
    assert!(!report.verified());
}

#[test]
fn forged_or_replayed_presentations_are_refused_each_with_its_reason() {
    let fixture = issue();
    let shown = sd_jwt::select(&fixture.issued, &paths(&["skills.api_design", "team"])).unwrap();
    let present = |text: &str, nonce: &str, holder: &Key| {
        let signer: Arc<dyn credentials::Signer> = Arc::new(Key(holder.0.clone(), holder.1.clone(), holder.2.clone()));
        sd_jwt_vc::bind(text, &binding(nonce), signer).unwrap()
    };
    let compact = Compact::split(&shown).unwrap();
    let rebuild = |disclosures: &[&str]| {
        let mut text = format!("{}~", compact.issuer_jwt);
        for disclosure in disclosures {
            text.push_str(disclosure);
            text.push('~');
        }
        text
    };

    // A disclosure whose value was changed ("team" renamed) matches no digest.
    let parsed: Vec<Disclosure> = compact.disclosures.iter().map(|d| Disclosure::parse(d).unwrap()).collect();
    let team_at = parsed.iter().position(|d| d.name.as_deref() == Some("team")).expect("the team disclosure");
    let skill = compact.disclosures[1 - team_at];
    let tampered_json = format!(r#"["{}","team",{{"name":{{"en":"Other","fr":"Autre"}}}}]"#, parsed[team_at].salt);
    let tampered = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tampered_json);
    let report = verify(&present(&rebuild(&[skill, &tampered]), "n", &fixture.holder), &options("n"));
    assert_eq!(failure(&report, CheckKind::Proof), "disclosure_unreferenced");

    // The same disclosure twice.
    let twice = rebuild(&[compact.disclosures[0], compact.disclosures[0]]);
    let report = verify(&present(&twice, "n", &fixture.holder), &options("n"));
    assert_eq!(failure(&report, CheckKind::Proof), "disclosure_duplicated");

    // A disclosure from another credential: its digest is not in this payload.
    let other = issue();
    let foreign = Compact::split(&other.issued).unwrap().disclosures[0].to_owned();
    let report = verify(&present(&rebuild(&[compact.disclosures[0], &foreign]), "n", &fixture.holder), &options("n"));
    assert_eq!(failure(&report, CheckKind::Proof), "disclosure_unreferenced");

    // Key binding for another request, another verifier, or over other disclosures.
    let good = present(&shown, "nonce-1", &fixture.holder);
    assert!(verify(&good, &options("nonce-1")).verified());
    assert_eq!(failure(&verify(&good, &options("nonce-2")), CheckKind::Challenge), "key_binding_nonce_mismatch");
    let elsewhere = PresentationOptions { domain: Some("x509_san_dns:other.example".into()), ..options("nonce-1") };
    assert_eq!(failure(&verify(&good, &elsewhere), CheckKind::Challenge), "key_binding_audience_mismatch");
    let good_compact = Compact::split(&good).unwrap();
    let fewer = format!("{}~{}~{}", good_compact.issuer_jwt, good_compact.disclosures[0], good_compact.kb_jwt.unwrap());
    assert_eq!(failure(&verify(&fewer, &options("nonce-1")), CheckKind::Proof), "key_binding_sd_hash_mismatch");

    // Key binding signed by someone else's key.
    let thief = key();
    let stolen = present(&shown, "nonce-1", &thief);
    assert_eq!(failure(&verify(&stolen, &options("nonce-1")), CheckKind::Proof), "key_binding_signature_invalid");

    // A presentation bound too long ago.
    let old =
        PresentationOptions { max_age: Some(Duration::from_secs(1)), clock_skew: Duration::ZERO, ..options("nonce-1") };
    assert_eq!(failure(&verify(&good, &old), CheckKind::PresentationAge), "key_binding_too_old");

    // The issuer's signature no longer covers a changed payload.
    let (header, rest) = good.split_once('.').unwrap();
    let (payload, rest) = rest.split_once('.').unwrap();
    let mut claims: Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["role"]["en"] = "Chief Executive".into();
    let forged_payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims.to_string());
    let forged = format!("{header}.{forged_payload}.{rest}");
    assert_eq!(failure(&verify(&forged, &options("nonce-1")), CheckKind::Proof), "signature_mismatch");
}

#[test]
fn a_claim_that_cannot_be_hidden_is_refused_by_name() {
    let fixture = issue();
    let error =
        sd_jwt_vc::present(&fixture.issued, &paths(&["role"]), &binding("n"), fixture.holder.clone()).unwrap_err();
    assert_eq!(credentials::error::Describe::code(&error), "claim_not_disclosable");
}

/// An SD-JWT VC built by hand (as another issuer's software might): the fixture's claims with
/// `paths` disclosable, signed by `issuer` under header `kid`.
fn hand_made(paths: &[&str], kid: &str) -> (String, Arc<Key>) {
    use josekit::jwk::Jwk;
    let (issuer, holder) = (key(), key());
    let credential = AssignmentCredentialBuilder::new(
        "urn:uuid:7c1d9a4e-2222-4b2c-9d3e-5f6a7b8c9d0e",
        Issuer { id: issuer.2.clone(), name: LocalizedText::new("A", "A") },
        LocalizedText::new("Analyst", "Analyste"),
        OrganizationUnit::named(LocalizedText::new("A", "A")),
        at(-400 * 86_400),
        at(-3600),
    )
    .subject(holder.2.clone())
    .valid_until(at(86_400))
    .skill("api_design")
    .build()
    .unwrap();
    let (mut claims, _) = schemas::sd_jwt_vc::claims(&credential).unwrap();
    claims.insert("iss".into(), issuer.2.clone().into());
    claims.insert("iat".into(), (NOW - 3600).into());
    claims
        .insert("cnf".into(), serde_json::json!({"jwk": credentials::multikey::public_jwk(&holder.0.verifying_key())}));
    let (concealed, disclosures) = sd_jwt::conceal(Value::Object(claims), &paths_of(paths), 0).unwrap();
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": b64(issuer.0.verifying_key().as_bytes()), "d": b64(issuer.0.as_bytes())});
    let mut signer =
        josekit::jws::EdDSA.signer_from_jwk(&Jwk::from_map(jwk.as_object().unwrap().clone()).unwrap()).unwrap();
    signer.set_key_id(kid.replace("ISSUER", &issuer.2).replace("FRAGMENT", issuer.1.split('#').nth(1).unwrap()));
    (sd_jwt::issue(&concealed, &disclosures, "dc+sd-jwt", &signer).unwrap(), holder)
}

fn paths_of(list: &[&str]) -> Vec<ClaimPath> {
    list.iter().map(|path| ClaimPath::parse(path).unwrap()).collect()
}

#[test]
fn a_kid_relative_to_iss_verifies_and_a_kid_of_another_did_does_not() {
    let (relative, _) = hand_made(&["skills.api_design"], "#FRAGMENT");
    let report = verify(&relative, &PresentationOptions::default());
    assert!(report.verified(), "{:#}", report.to_json(schemas::Lang::En));
    let (foreign, _) = hand_made(&["skills.api_design"], "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#x");
    assert_eq!(failure(&verify(&foreign, &PresentationOptions::default()), CheckKind::Proof), "jwt_kid_not_issuer");
}

#[test]
fn an_issuer_that_lets_the_holder_hide_the_expiry_or_key_is_refused() {
    for claim in ["exp", "cnf", "vct"] {
        let (text, _) = hand_made(&[claim], "ISSUER#FRAGMENT");
        let report = verify(&text, &PresentationOptions::default());
        assert_eq!(failure(&report, CheckKind::Proof), "claim_must_be_visible", "{claim}");
    }
}

#[test]
fn without_a_presentation_age_a_key_binding_older_than_five_minutes_is_refused() {
    let fixture = issue();
    let old = Binding { audience: AUDIENCE.into(), nonce: "n".into(), issued_at: NOW - 3600 };
    let signer: Arc<dyn credentials::Signer> = fixture.holder.clone();
    let stale = sd_jwt_vc::present(&fixture.issued, &[], &old, signer).unwrap();
    let no_age = PresentationOptions { max_age: None, ..options("n") };
    assert_eq!(failure(&verify(&stale, &no_age), CheckKind::PresentationAge), "key_binding_too_old");
}

/// Found by review: with a domain but no challenge, the KB-JWT's `aud` was not compared.
#[test]
fn a_domain_alone_is_checked_against_the_key_binding_audience() {
    let fixture = issue();
    let shown = sd_jwt::select(&fixture.issued, &paths(&["skills.api_design"])).unwrap();
    let holder = &fixture.holder;
    let signer: Arc<dyn credentials::Signer> = Arc::new(Key(holder.0.clone(), holder.1.clone(), holder.2.clone()));
    let presented = sd_jwt_vc::bind(&shown, &binding("nonce-9"), signer).unwrap();
    let only_domain =
        |domain: &str| PresentationOptions { challenge: None, domain: Some(domain.into()), ..options("") };
    let report = verify(&presented, &only_domain(AUDIENCE));
    assert!(
        matches!(report.check(CheckKind::Challenge), Some(Outcome::Passed)),
        "{:#}",
        report.to_json(schemas::Lang::En)
    );
    let report = verify(&presented, &only_domain("https://elsewhere.example"));
    assert_eq!(failure(&report, CheckKind::Challenge), "key_binding_audience_mismatch");
    assert!(!report.verified());
}
