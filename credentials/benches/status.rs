//! What a status check adds to a verification once the list is cached: the same credential
//! (with revocation and suspension entries, `eddsa-jcs-2022`, the cheapest proof to verify)
//! verified by a verifier that reads status lists (warm cache) and by one that does not; and the
//! warm lookup alone. Run: `cargo bench -p credentials --bench status`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::error::SignerError;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::report::{CheckKind, Outcome};
use credentials::status::{Bitstring, StaticLists, StatusConfig, StatusEntry, StatusLists};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{FixedClock, Signer};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde_json::{json, Value};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Key(SigningKey, String);

impl Signer for Key {
    fn verification_method(&self) -> &str {
        &self.1
    }
    fn public_key(&self) -> VerifyingKey {
        self.0.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        use ed25519_dalek::Signer as _;
        Ok(self.0.sign(message).to_bytes())
    }
}

const REVOCATION: &str = "https://issuer.example/hr/status/1";
const SUSPENSION: &str = "https://issuer.example/hr/status/2";

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn list(key: &Key, url: &str, purpose: &str) -> Vec<u8> {
    let mut bits = Bitstring::zeroed(131_072);
    for index in (0..131_072).step_by(97) {
        bits.set(index, true);
    }
    let did = key.1.split('#').next().unwrap();
    let document = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did,
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": "2027-01-01T00:00:00Z",
        "credentialSubject": {"id": format!("{url}#list"), "type": "BitstringStatusList", "statusPurpose": purpose, "encodedList": bits.encode(), "ttl": 3_600_000}
    });
    let signed = add_proof(
        &document,
        key,
        &ProofOptions::new(Suite::EddsaRdfc2022, at("2026-01-01T00:00:00Z")),
        &ContextSet::standard(),
    )
    .unwrap();
    serde_json::to_vec(&signed).unwrap()
}

fn time_per_call(iterations: u32, mut f: impl FnMut()) -> Duration {
    for _ in 0..iterations / 10 {
        f();
    }
    let started = Instant::now();
    for _ in 0..iterations {
        f();
    }
    started.elapsed() / iterations
}

fn main() {
    let signing = SigningKey::from_bytes(&[7; 32]);
    let (did, method) = credentials::did::did_key_for(&signing.verifying_key());
    let key = Key(signing, method);
    let credential: Value = add_proof(
        &json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:4b1c5d3e-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential"],
            "issuer": did,
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:holder"},
            "credentialStatus": [
                {"id": format!("{REVOCATION}#94567"), "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "94567", "statusListCredential": REVOCATION},
                {"id": format!("{SUSPENSION}#23452"), "type": "BitstringStatusListEntry", "statusPurpose": "suspension", "statusListIndex": "23452", "statusListCredential": SUSPENSION}
            ]
        }),
        &key,
        &ProofOptions::new(Suite::EddsaJcs2022, at("2026-01-01T00:00:00Z")),
        &ContextSet::standard(),
    )
    .unwrap();
    let bytes = serde_json::to_vec(&credential).unwrap();
    let mut lists = StaticLists::default();
    lists.insert(REVOCATION, list(&key, REVOCATION, "revocation"));
    lists.insert(SUSPENSION, list(&key, SUSPENSION, "suspension"));
    let clock = Arc::new(FixedClock(at("2026-06-01T00:00:00Z")));
    let offline = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), clock.clone());
    let status_lists = Arc::new(StatusLists::new(Arc::new(lists), StatusConfig::default()));
    let online = offline.clone().with_status(status_lists.clone());
    let options = PresentationOptions::default();
    let report = online.verify_bytes(&bytes, &options).unwrap();
    assert!(matches!(report.check(CheckKind::Status), Some(Outcome::Passed)), "{}", report.to_json(schemas::Lang::En));

    let raw_message = [0u8; 64];
    let raw_signature = ed25519_dalek::Signer::sign(&key.0, &raw_message);
    let public = key.0.verifying_key();
    let iterations = 20_000;
    // Interleaved rounds, best of each, so drift on a noisy machine hits both sides alike.
    let (mut with, mut without, mut raw) = (Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        without = without.min(time_per_call(iterations, || {
            std::hint::black_box(offline.verify_bytes(&bytes, &options).unwrap());
        }));
        with = with.min(time_per_call(iterations, || {
            std::hint::black_box(online.verify_bytes(&bytes, &options).unwrap());
        }));
        raw = raw.min(time_per_call(iterations, || {
            std::hint::black_box(public.verify_strict(&raw_message, &raw_signature).is_ok());
        }));
    }
    let entry = StatusEntry { purpose: "revocation".into(), index: 94_567, list: REVOCATION.into() };
    let now = at("2026-06-01T00:00:00Z");
    let lookup = time_per_call(1_000_000, || {
        std::hint::black_box(status_lists.bit(&entry, Some(did.as_str()), now, &|_| unreachable!()).unwrap());
    });
    println!("| measure | time per credential |");
    println!("|---|---|");
    println!("| raw Ed25519 verify | {:.2} µs |", raw.as_secs_f64() * 1e6);
    println!("| verify eddsa-jcs-2022, status not read | {:.2} µs |", without.as_secs_f64() * 1e6);
    println!("| verify eddsa-jcs-2022, 2 status entries, warm cache | {:.2} µs |", with.as_secs_f64() * 1e6);
    println!(
        "| added by the status check (difference) | {:.2} µs |",
        (with.as_secs_f64() - without.as_secs_f64()) * 1e6
    );
    println!("| one warm list lookup (StatusLists::bit) | {:.3} µs |", lookup.as_secs_f64() * 1e6);
}
