//! Sign and verify cost of each securing mechanism on a realistic skill credential, reported as a
//! ratio to raw Ed25519 verify measured in the same run (machines are noisy; ratios travel).
//! Run: `cargo bench -p credentials --bench suites`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::{Purpose, StaticResolver};
use credentials::error::SignerError;
use credentials::proof::data_integrity::{self, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{jose, CheckKind, FixedClock, Outcome, Signer};
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use schemas::{Evidence, Issuer, Level, LocalizedText, SkillCredentialBuilder};

// The same allocator the binaries use: JSON-LD processing is allocation-bound.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct BenchKey {
    key: SigningKey,
    method: String,
}

impl Signer for BenchKey {
    fn verification_method(&self) -> &str {
        &self.method
    }
    fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        Ok(self.key.sign(message).to_bytes())
    }
}

/// Time of `batch` calls of `f`.
fn timed(batch: u32, f: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        f();
    }
    start.elapsed()
}

/// Median time per call over `rounds` rounds of `batch` calls.
fn measure(name: &str, batch: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..batch {
        f();
    }
    let rounds = 15;
    let mut samples: Vec<Duration> = (0..rounds).map(|_| timed(batch, &mut f) / batch).collect();
    samples.sort();
    let median = samples[rounds / 2];
    eprintln!("  measured {name}: {median:?}");
    median
}

/// Median over rounds of (time of `f`) / (time of `baseline`), each round timing both back to
/// back, so a slow stretch of the machine slows both sides of the ratio alike.
fn paired_ratio(name: &str, batch: u32, mut baseline: impl FnMut(), mut f: impl FnMut()) -> f64 {
    for _ in 0..batch {
        baseline();
        f();
    }
    let rounds = 31;
    let mut ratios: Vec<f64> = (0..rounds)
        .map(|_| {
            let base = timed(batch, &mut baseline);
            timed(batch, &mut f).as_secs_f64() / base.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios[rounds / 2];
    eprintln!("  paired {name}: {median:.2}x (rounds from {:.2}x to {:.2}x)", ratios[0], ratios[rounds - 1]);
    median
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn main() {
    let key = SigningKey::from_bytes(&[42; 32]);
    let (did, method) = credentials::did::did_key_for(&key.verifying_key());
    let signer = Arc::new(BenchKey { key: key.clone(), method });
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:2d1f5b7e-7d0c-4f3e-a3a0-6d1f2b9c8e77",
        Issuer {
            id: did.clone(),
            name: LocalizedText::new("Canada School of Public Service", "École de la fonction publique du Canada"),
        },
        "api_design",
        Level::Advanced,
        at("2026-01-01T00:00:00Z"),
    )
    .subject("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    .evidence(Evidence {
        id: None,
        narrative: LocalizedText::new(
            "Designed the public API of the benefits platform",
            "A conçu l'API publique de la plateforme des prestations",
        ),
    })
    .build()
    .unwrap();
    let contexts = ContextSet::standard();
    let resolver = StaticResolver::new();
    let now = at("2026-06-01T00:00:00Z");
    let verifier = Verifier::new(contexts.clone(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(now)));
    let size = serde_json::to_vec(&credential).unwrap().len();

    let message = [7u8; 64];
    let signature = key.sign(&message);
    let public = key.verifying_key();
    let raw =
        measure("raw Ed25519 verify", 2000, || public.verify(black_box(&message), black_box(&signature)).unwrap());
    let raw_sign = measure("raw Ed25519 sign", 2000, || {
        black_box(key.sign(black_box(&message)));
    });

    let mut rows = Vec::new();
    for suite in [Suite::EddsaJcs2022, Suite::EddsaRdfc2022] {
        let options = ProofOptions::new(suite, at("2026-01-02T00:00:00Z"));
        let batch = if suite == Suite::EddsaRdfc2022 { 50 } else { 1000 };
        let sign = measure(&format!("{} sign", suite.name()), batch, || {
            black_box(data_integrity::add_proof(&credential, signer.as_ref(), &options, &contexts).unwrap());
        });
        let signed = data_integrity::add_proof(&credential, signer.as_ref(), &options, &contexts).unwrap();
        let proof = measure(&format!("{} verify proof", suite.name()), batch, || {
            let outcomes =
                data_integrity::verify_proofs(black_box(&signed), &resolver, &contexts, Purpose::AssertionMethod, now)
                    .unwrap();
            assert!(outcomes[0].result.is_ok());
        });
        let bytes = serde_json::to_vec(&signed).unwrap();
        let pipeline = measure(&format!("{} full verification", suite.name()), batch, || {
            assert!(verifier.verify_bytes(black_box(&bytes), &PresentationOptions::default()).unwrap().verified());
        });
        rows.push((suite.name(), sign, proof, pipeline, bytes.len()));
    }
    // The same credential with a revocation and a suspension entry (Bitstring Status List, two
    // more typed nodes with VC 2.0's scoped context): what issuance with status entries signs.
    // No status list is read here; the status bench measures that.
    let mut with_status = credential.clone();
    with_status["credentialStatus"] = common::two_status_entries();
    let status_name = "eddsa-rdfc-2022 + 2 status entries";
    let rdfc_options = ProofOptions::new(Suite::EddsaRdfc2022, at("2026-01-02T00:00:00Z"));
    let status_sign = measure(&format!("{status_name} sign"), 50, || {
        black_box(data_integrity::add_proof(&with_status, signer.as_ref(), &rdfc_options, &contexts).unwrap());
    });
    let status_signed = data_integrity::add_proof(&with_status, signer.as_ref(), &rdfc_options, &contexts).unwrap();
    let status_proof = measure(&format!("{status_name} verify proof"), 50, || {
        let outcomes = data_integrity::verify_proofs(
            black_box(&status_signed),
            &resolver,
            &contexts,
            Purpose::AssertionMethod,
            now,
        )
        .unwrap();
        assert!(outcomes[0].result.is_ok());
    });
    let status_bytes = serde_json::to_vec(&status_signed).unwrap();
    let status_full = || {
        let report = verifier.verify_bytes(black_box(&status_bytes), &PresentationOptions::default()).unwrap();
        assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)));
        assert!(matches!(report.check(CheckKind::Status), Some(Outcome::NotChecked(_))));
        black_box(report);
    };
    let status_pipeline = measure(&format!("{status_name} full verification"), 50, status_full);
    rows.push((status_name, status_sign, status_proof, status_pipeline, status_bytes.len()));
    // eddsa-rdfc-2022 paired round by round with raw Ed25519 (issue #27's targets).
    let rdfc_signed = data_integrity::add_proof(&credential, signer.as_ref(), &rdfc_options, &contexts).unwrap();
    let rdfc_bytes = serde_json::to_vec(&rdfc_signed).unwrap();
    let raw_verify_once = || public.verify(black_box(&message), black_box(&signature)).unwrap();
    let raw_sign_once = || {
        black_box(key.sign(black_box(&message)));
    };
    let paired_rdfc_sign = paired_ratio("eddsa-rdfc-2022 sign / raw sign", 20, raw_sign_once, || {
        black_box(data_integrity::add_proof(&credential, signer.as_ref(), &rdfc_options, &contexts).unwrap());
    });
    let paired_rdfc_full = paired_ratio("eddsa-rdfc-2022 full verification / raw verify", 20, raw_verify_once, || {
        assert!(verifier.verify_bytes(black_box(&rdfc_bytes), &PresentationOptions::default()).unwrap().verified());
    });
    let paired_status_sign = paired_ratio(&format!("{status_name} sign / raw sign"), 20, raw_sign_once, || {
        black_box(data_integrity::add_proof(&with_status, signer.as_ref(), &rdfc_options, &contexts).unwrap());
    });
    let paired_status_full =
        paired_ratio(&format!("{status_name} full verification / raw verify"), 20, raw_verify_once, status_full);

    let jwt = jose::sign(&credential, signer.clone(), jose::VC_JWT_TYPE).unwrap();
    let jwt_sign = measure("vc+jwt sign", 1000, || {
        black_box(jose::sign(&credential, signer.clone(), jose::VC_JWT_TYPE).unwrap());
    });
    let jwt_verify = measure("vc+jwt verify signature", 1000, || {
        black_box(jose::verify(black_box(&jwt), jose::VC_JWT_TYPE, &resolver, Purpose::AssertionMethod).unwrap());
    });
    let jwt_pipeline = measure("vc+jwt full verification", 1000, || {
        assert!(verifier.verify_bytes(black_box(jwt.as_bytes()), &PresentationOptions::default()).unwrap().verified());
    });
    rows.push(("vc+jwt", jwt_sign, jwt_verify, jwt_pipeline, jwt.len()));

    // SD-JWT VC: an assignment credential with five skills, presented with two of them and a
    // key-binding JWT for this verifier's challenge.
    let holder_key = SigningKey::from_bytes(&[43; 32]);
    let (holder_did, holder_method) = credentials::did::did_key_for(&holder_key.verifying_key());
    let holder = Arc::new(BenchKey { key: holder_key, method: holder_method });
    let mut assignment = schemas::AssignmentCredentialBuilder::new(
        "urn:uuid:5a0c7f1e-6b2d-4c3e-9f80-1a2b3c4d5e6f",
        Issuer { id: did.clone(), name: LocalizedText::new("Shared Services Canada", "Services partagés Canada") },
        LocalizedText::new("Cloud Architect", "Architecte infonuagique"),
        schemas::OrganizationUnit::named(LocalizedText::new("Shared Services Canada", "Services partagés Canada")),
        at("2025-01-06T00:00:00Z"),
        at("2026-01-01T00:00:00Z"),
    )
    .subject(holder_did)
    .end(at("2025-12-19T00:00:00Z"));
    for skill in ["api_design", "cloud_security", "cloud_architecture", "accountability", "agile_methodologies"] {
        assignment = assignment.skill(skill);
    }
    let assignment = assignment.build().unwrap();
    let issued =
        credentials::sd_jwt_vc::issue(&assignment, signer.clone(), &resolver, now.timestamp() - 3600, None).unwrap();
    let binding = credentials::sd_jwt::Binding {
        audience: "x509_san_dns:hr.example".into(),
        nonce: "n-0S6_WzA2Mj".into(),
        issued_at: now.timestamp(),
    };
    let shown = [
        credentials::sd_jwt::ClaimPath::parse("skills.api_design").unwrap(),
        credentials::sd_jwt::ClaimPath::parse("skills.cloud_security").unwrap(),
    ];
    let sd_sign = measure("dc+sd-jwt issue", 1000, || {
        black_box(
            credentials::sd_jwt_vc::issue(&assignment, signer.clone(), &resolver, now.timestamp() - 3600, None)
                .unwrap(),
        );
    });
    let presentation = credentials::sd_jwt_vc::present(&issued, &shown, &binding, holder.clone()).unwrap();
    let with_challenge = PresentationOptions {
        challenge: Some(binding.nonce.clone()),
        domain: Some(binding.audience.clone()),
        ..PresentationOptions::default()
    };
    let sd_core = measure("dc+sd-jwt+kb signatures and disclosures", 1000, || {
        let compact = credentials::sd_jwt::Compact::split(black_box(&presentation)).unwrap();
        let unverified = jose::decode(compact.issuer_jwt).unwrap();
        let key = credentials::sd_jwt_vc::issuer_verifier(&unverified.header, &unverified.payload, &resolver).unwrap();
        credentials::sd_jwt::verify_issuer_signature(&compact, &unverified.header, &key).unwrap();
        let revealed = credentials::sd_jwt_vc::reveal(unverified.payload, &compact.disclosures).unwrap();
        let holder_key = credentials::sd_jwt_vc::confirmation_verifier(&revealed.claims).unwrap();
        black_box(credentials::sd_jwt::verify_key_binding(&compact, holder_key.as_ref()).unwrap());
    });
    let sd_pipeline = measure("dc+sd-jwt+kb full verification", 1000, || {
        assert!(verifier.verify_bytes(black_box(presentation.as_bytes()), &with_challenge).unwrap().verified());
    });
    rows.push(("dc+sd-jwt + KB (2 of 5 skills)", sd_sign, sd_core, sd_pipeline, presentation.len()));
    let raw_verify = || public.verify(black_box(&message), black_box(&signature)).unwrap();
    let paired_core = paired_ratio("dc+sd-jwt+kb signatures and disclosures / raw verify", 200, raw_verify, || {
        let compact = credentials::sd_jwt::Compact::split(black_box(&presentation)).unwrap();
        let unverified = jose::decode(compact.issuer_jwt).unwrap();
        let key = credentials::sd_jwt_vc::issuer_verifier(&unverified.header, &unverified.payload, &resolver).unwrap();
        credentials::sd_jwt::verify_issuer_signature(&compact, &unverified.header, &key).unwrap();
        let revealed = credentials::sd_jwt_vc::reveal(unverified.payload, &compact.disclosures).unwrap();
        let holder_key = credentials::sd_jwt_vc::confirmation_verifier(&revealed.claims).unwrap();
        black_box(credentials::sd_jwt::verify_key_binding(&compact, holder_key.as_ref()).unwrap());
    });
    let paired_full = paired_ratio("dc+sd-jwt+kb full verification / raw verify", 200, raw_verify, || {
        assert!(verifier.verify_bytes(black_box(presentation.as_bytes()), &with_challenge).unwrap().verified());
    });

    let ratio = |d: Duration| d.as_secs_f64() / raw.as_secs_f64();
    println!(
        "dc+sd-jwt + KB, paired with raw Ed25519 verify round by round: signatures and disclosures {paired_core:.2}x, full verification {paired_full:.2}x"
    );
    println!(
        "eddsa-rdfc-2022, paired with raw Ed25519 round by round: sign {paired_rdfc_sign:.2}x raw sign, full verification {paired_rdfc_full:.2}x raw verify; with 2 status entries: sign {paired_status_sign:.2}x, full verification {paired_status_full:.2}x"
    );
    println!("unsigned skill credential: {size} bytes");
    println!("raw Ed25519: verify {raw:?}, sign {raw_sign:?}");
    println!(
        "| mechanism | signed size | sign | sign ratio (to raw sign) | verify proof | ratio | full verification | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, sign, proof, pipeline, len) in rows {
        println!(
            "| {name} | {len} B | {sign:.1?} | {:.2}x | {proof:.1?} | {:.2}x | {pipeline:.1?} | {:.2}x |",
            sign.as_secs_f64() / raw_sign.as_secs_f64(),
            ratio(proof),
            ratio(pipeline)
        );
    }
}
