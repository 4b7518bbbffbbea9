//! One talent profile's round (issue #23, "Performance"): a person holding 30 credentials (20
//! skill, 10 assignment, `eddsa-jcs-2022`, from three departments, three of them for the same
//! skill) signs a presentation of all of them for a verifier's challenge and domain (the wallet's
//! work), the verifier verifies it (the pipeline `verifier serve` runs on a `vp_token`), and the
//! manager's page is built from the verdicts (each credential's line, the profile view, its HTML).
//! Each step on one core, as a multiple of 30 raw Ed25519 verifications measured in the same run
//! (this machine's speed moves from day to day; the ratios move less). Target: the whole round
//! under 5x. Run: `cargo bench -p verifier --bench profile_round`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

// The allocator the wallet and verifier binaries use (their `main.rs`): the JSON work of a
// profile is allocation-bound, and the system allocator would not be what runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{Clock, SystemClock};
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _};
use keys::LocalKey;
use lang::Lang;
use schemas::{AssignmentCredentialBuilder, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder};
use serde_json::{json, Value};
use verifier::domain::profile::line::line;
use verifier::domain::profile::view::profile;
use verifier::domain::service::VerifierService;
use verifier::http::web::profile_page::profile_markup;

const CHALLENGE: &str = "n-0S6_WzA2Mj";
const DOMAIN: &str = "x509_san_dns:hr.example";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

/// The median of 15 rounds of `batch` calls, per call.
fn measure(batch: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..batch {
        f();
    }
    let mut samples: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed() / batch
        })
        .collect();
    samples.sort();
    samples[7]
}

/// The 30 credentials of one person: 20 skills (api_design from each of the three departments),
/// 10 assignments naming skills they used.
fn credentials(departments: &[(LocalKey, &str, &str)], holder: &str) -> Vec<Value> {
    let skills: Vec<String> =
        schemas::Taxonomy::gc_digital_talent().skills().iter().map(|skill| skill.key.clone()).collect();
    let levels = [Level::Beginner, Level::Intermediate, Level::Advanced, Level::Expert];
    let mut out = Vec::new();
    for i in 0..20 {
        let (key, en, fr) = &departments[i % departments.len()];
        let skill = if i < 3 { "api_design" } else { skills[(i * 7) % skills.len()].as_str() };
        let credential = SkillCredentialBuilder::new(
            format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
            Issuer { id: key.did_key(), name: LocalizedText::new(*en, *fr) },
            skill,
            levels[i % levels.len()],
            at("2026-01-01T00:00:00Z"),
        )
        .subject(holder)
        .build()
        .unwrap();
        out.push(sign(&credential, key));
    }
    for i in 0..10 {
        let (key, en, fr) = &departments[i % departments.len()];
        let mut assignment = AssignmentCredentialBuilder::new(
            format!("urn:uuid:00000000-0000-4000-9000-{i:012}"),
            Issuer { id: key.did_key(), name: LocalizedText::new(*en, *fr) },
            LocalizedText::new(format!("Developer {i}"), format!("Développeur {i}")),
            OrganizationUnit::named(LocalizedText::new(*en, *fr)),
            at(&format!("20{:02}-01-06T00:00:00Z", 14 + i)),
            at("2026-01-01T00:00:00Z"),
        )
        .subject(holder)
        .end(at(&format!("20{:02}-12-19T00:00:00Z", 14 + i)));
        for j in 0..3 {
            assignment = assignment.skill(skills[(i * 5 + j * 11) % skills.len()].clone());
        }
        out.push(sign(&assignment.build().unwrap(), key));
    }
    out
}

fn sign(credential: &Value, key: &LocalKey) -> Value {
    add_proof(
        credential,
        key,
        &ProofOptions::new(Suite::EddsaJcs2022, at("2026-01-02T00:00:00Z")),
        &ContextSet::standard(),
    )
    .unwrap()
}

/// The wallet's presentation of `credentials`, signed for the verifier's challenge and domain.
fn present(holder: &LocalKey, credentials: &[Value], contexts: &ContextSet) -> Value {
    // As the wallet builds it (`wallet_cli::domain::present`): the credentials moved in, not
    // through `json!` (which would copy them once more).
    let mut vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key()});
    vp["verifiableCredential"] = Value::Array(credentials.to_vec());
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = Some(CHALLENGE.into());
    options.domain = Some(DOMAIN.into());
    add_proof(&vp, holder, &options, contexts).unwrap()
}

/// What the page shows: each credential's line (as `oid4vp::answers` stores them), the profile
/// view and its HTML.
fn render(service: &VerifierService, report: &credentials::report::Report) -> usize {
    let credentials: Vec<Value> = report
        .credentials
        .iter()
        .map(|inner| {
            let mut entry = json!({"format": "ldp_vc", "issuer": inner.issuer});
            entry["line"] = line(service, inner, None, Lang::En);
            entry
        })
        .collect();
    let mut outcome = json!({"id": "bench", "status": "verified", "answerable": false,
        "result": {"verified": true, "holder": report.issuer, "errors": [], "checked_at": SystemClock.now().to_rfc3339()}});
    outcome["result"]["credentials"] = credentials.into();
    let view = profile(&outcome, Lang::En);
    assert_eq!(view["verified_lines"], 30, "{view}");
    profile_markup(&view, ("bench", None), "/profiles/bench.json", Lang::En).into_string().len()
}

fn main() {
    let departments = [
        (LocalKey::generate(), "Canada School of Public Service", "École de la fonction publique du Canada"),
        (LocalKey::generate(), "Shared Services Canada", "Services partagés Canada"),
        (LocalKey::generate(), "Statistics Canada", "Statistique Canada"),
    ];
    let holder = LocalKey::generate();
    let credentials = credentials(&departments, &holder.did_key());
    let contexts = ContextSet::standard();
    let verifier = Verifier::new(contexts.clone(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let work = tempfile::tempdir().unwrap();
    let registry = work.path().join("trust.toml");
    let entries: String = departments
        .iter()
        .map(|(key, en, fr)| {
            format!(
                "[[issuer]]\nid = \"{}\"\nname = \"{en}\"\nname_fr = \"{fr}\"\ncredential_types = [\"*\"]\n",
                key.did_key()
            )
        })
        .collect();
    std::fs::write(&registry, entries).unwrap();
    let service = VerifierService::new(verifier.clone(), false).with_trust(&registry).unwrap();
    let options = PresentationOptions {
        challenge: Some(CHALLENGE.into()),
        domain: Some(DOMAIN.into()),
        ..PresentationOptions::default()
    };

    let vp = present(&holder, &credentials, &contexts);
    let bytes = vp.to_string().into_bytes();
    let report = verifier.verify_bytes(&bytes, &options).unwrap();
    assert!(report.verified(), "{}", report.to_json(Lang::En));
    assert_eq!(report.credentials.len(), 30);
    let html = render(&service, &report);

    // 30 raw Ed25519 verifications of 30 different signatures over 32-byte digests.
    let raw: Vec<(ed25519_dalek::VerifyingKey, [u8; 32], ed25519_dalek::Signature)> = (0..30u8)
        .map(|i| {
            let key = SigningKey::from_bytes(&[i + 1; 32]);
            let message = [i; 32];
            (key.verifying_key(), message, key.sign(&message))
        })
        .collect();
    let raw30 = measure(100, || {
        for (public, message, signature) in &raw {
            public.verify(black_box(message), black_box(signature)).unwrap();
        }
    });
    let signing = measure(50, || {
        black_box(present(&holder, black_box(&credentials), &contexts));
    });
    let verifying = measure(20, || {
        assert!(verifier.verify_bytes(black_box(&bytes), &options).unwrap().verified());
    });
    let rendering = measure(50, || {
        black_box(render(&service, black_box(&report)));
    });
    let raw30_after = measure(100, || {
        for (public, message, signature) in &raw {
            public.verify(black_box(message), black_box(signature)).unwrap();
        }
    });
    let ratio = |d: Duration| d.as_secs_f64() / raw30.as_secs_f64();
    let total = signing + verifying + rendering;
    println!(
        "profile of 30 credentials (20 skill, 10 assignment, eddsa-jcs-2022): presentation {} bytes, page {html} bytes",
        bytes.len()
    );
    println!("30 raw Ed25519 verifications: {raw30:.1?} (again after the steps: {raw30_after:.1?})");
    println!("| step (one core) | time | × 30 raw verifications |");
    println!("|---|---|---|");
    println!("| wallet signs the presentation | {signing:.1?} | {:.2}x |", ratio(signing));
    println!("| verifier verifies it | {verifying:.1?} | {:.2}x |", ratio(verifying));
    println!("| lines, profile view and page | {rendering:.1?} | {:.2}x |", ratio(rendering));
    println!("| whole round | {total:.1?} | **{:.2}x** (target < 5x) |", ratio(total));
}
