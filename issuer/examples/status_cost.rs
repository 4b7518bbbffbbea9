//! What two status entries cost the issuer's check-and-sign alone (no HTTP, no database): the
//! same skill credential signed with and without `credentialStatus`, per mechanism, one thread.
//! Run: `cargo run --release -p issuer --example status_cost`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Instant;

use credentials::contexts::ContextSet;
use credentials::Signer;
use issuer::domain::sign::{sign, Mechanism};
use serde_json::json;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let key: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
    let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
    let contexts = ContextSet::standard();
    let created = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let plain = issuer::domain::template::skill(
        schemas::Issuer { id: did, name: schemas::LocalizedText::new("Human Resources", "Ressources humaines") },
        Some("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
        "api_design",
        schemas::Level::Advanced,
        Some(schemas::LocalizedText::new("Designed the public API", "A conçu l'API publique")),
        created,
        None,
    )
    .unwrap();
    let mut with_status = plain.clone();
    let entry = |purpose: &str, list: u32, index: u32| {
        let url = format!("https://issuer.example/hr/status/{list}");
        json!({"id": format!("{url}#{index}"), "type": "BitstringStatusListEntry", "statusPurpose": purpose,
               "statusListIndex": index.to_string(), "statusListCredential": url})
    };
    with_status["credentialStatus"] = json!([entry("revocation", 1, 94_567), entry("suspension", 2, 23_452)]);
    println!("| mechanism | without status (µs) | with 2 entries (µs) | cost |");
    println!("|---|---|---|---|");
    for (name, rounds) in [("eddsa-jcs-2022", 20_000), ("vc-jwt", 20_000), ("eddsa-rdfc-2022", 1_000)] {
        let mechanism: Mechanism = name.parse().unwrap();
        let time = |credential: &serde_json::Value| {
            let started = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(sign(credential, key.clone(), mechanism, created, &contexts).unwrap());
            }
            started.elapsed().as_secs_f64() * 1e6 / rounds as f64
        };
        let (mut without, mut with) = (f64::MAX, f64::MAX);
        for _ in 0..3 {
            without = without.min(time(&plain));
            with = with.min(time(&with_status));
        }
        println!("| {name} | {without:.1} | {with:.1} | {:+.1}% |", 100.0 * (with - without) / without);
    }
}
