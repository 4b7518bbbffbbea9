#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Mutation fuzzing of `Verifier::verify_bytes` (not a test: a tool run by hand). Mutates the
//! files of `tests/corpus` (JSON-aware changes and byte flips), and saves to `/tmp/fuzz` any input
//! that panics or takes over 3 seconds (then stops). It found the RDF canonicalization blow-up that
//! `canonical::refuse_poison` now bounds.
//!
//! Run: `cargo run --release -p credentials --example fuzz_verify -- SECONDS SEED`
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::verify::{PresentationOptions, Verifier};
use credentials::SystemClock;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::sync::Arc;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn weird(rng: &mut impl Rng) -> Value {
    let strings = [
        "",
        "did:",
        "did:key:",
        "did:key:z",
        "did:web:",
        "did:web:%",
        "did:web:a:b%2",
        "urn:uuid:x",
        "http://[::1",
        "https://a/../..",
        "#",
        "z",
        "u",
        "\u{0}",
        "é",
        "@context",
        "@type",
        "@id",
        "@graph",
        "@value",
        "@list",
        "@reverse",
        "@nest",
        "@included",
        "_:b0",
        "VerifiableCredential",
        "VerifiablePresentation",
        "EnvelopedVerifiableCredential",
        "DataIntegrityProof",
        "BitstringStatusListEntry",
        "data:application/vc+jwt,",
        "data:application/vc+jwt,a.b.c",
        "eyJhbGciOiJFZERTQSJ9..",
        "2026-13-45T99:99:99Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "-1",
        "1e309",
        "eddsa-rdfc-2022",
        "eddsa-jcs-2022",
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/2018/credentials/v1",
        "assertionMethod",
        "authentication",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:jwk:eyJ9",
        "did:jwk:",
        "ttl",
        "131072",
        "statusListIndex",
    ];
    match rng.gen_range(0..10) {
        0 => Value::Null,
        1 => Value::Bool(rng.gen()),
        2 => serde_json::json!(rng.gen::<i64>()),
        3 => serde_json::json!(rng.gen::<f64>() * 1e300),
        4 => Value::Array(vec![]),
        5 => serde_json::json!({}),
        6 => Value::String("x".repeat(rng.gen_range(0..3000))),
        7 => serde_json::json!([strings[rng.gen_range(0..strings.len())], strings[rng.gen_range(0..strings.len())]]),
        _ => Value::String(strings[rng.gen_range(0..strings.len())].to_owned()),
    }
}

fn mutate(value: &mut Value, rng: &mut impl Rng, depth: usize) {
    match value {
        Value::Object(map) if !map.is_empty() && depth < 8 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys[rng.gen_range(0..keys.len())].clone();
            match rng.gen_range(0..8) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, weird(rng));
                }
                2 => {
                    let v = map[&key].clone();
                    map.insert(key, Value::Array(vec![v.clone(), v]));
                }
                3 => {
                    let extra = [
                        "@context",
                        "type",
                        "id",
                        "proof",
                        "credentialStatus",
                        "issuer",
                        "validFrom",
                        "validUntil",
                        "credentialSubject",
                        "verifiableCredential",
                        "holder",
                        "@type",
                        "@id",
                        "cryptosuite",
                        "proofValue",
                        "verificationMethod",
                        "statusListCredential",
                        "statusListIndex",
                        "statusPurpose",
                        "challenge",
                        "domain",
                        "created",
                        "expires",
                        "previousProof",
                        "nonce",
                        "evidence",
                        "name",
                        "@vocab",
                    ];
                    map.insert(extra[rng.gen_range(0..extra.len())].to_owned(), weird(rng));
                }
                _ => mutate(map.get_mut(&key).unwrap(), rng, depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() && depth < 8 => {
            let i = rng.gen_range(0..items.len());
            match rng.gen_range(0..5) {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let v = items[i].clone();
                    items.push(v);
                }
                2 => items[i] = weird(rng),
                _ => mutate(&mut items[i], rng, depth + 1),
            }
        }
        Value::String(s) => match rng.gen_range(0..4) {
            0 if !s.is_empty() => {
                let mut b: Vec<char> = s.chars().collect();
                let i = rng.gen_range(0..b.len());
                b[i] = char::from_u32(rng.gen_range(0x20..0x2FF)).unwrap_or('x');
                *s = b.into_iter().collect();
            }
            1 => s.push_str(["#", "%", "/", ":", "..", "\u{202e}", "=", "~"][rng.gen_range(0..8)]),
            2 => {
                let n = s.chars().count();
                if n > 1 {
                    *s = s.chars().take(rng.gen_range(0..n)).collect();
                }
            }
            _ => *value = weird(rng),
        },
        _ => *value = weird(rng),
    }
}

fn main() {
    std::fs::create_dir_all("/tmp/fuzz").unwrap();
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = std::path::Path::new("tests/corpus");
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json" || e == "jwt") {
            seeds.push(std::fs::read(&path).unwrap());
        }
    }
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let options = PresentationOptions { challenge: Some("c".into()), domain: Some("d".into()), ..Default::default() };
    std::panic::set_hook(Box::new(|_| {}));
    let current: &'static std::sync::Mutex<(u64, Vec<u8>)> =
        Box::leak(Box::new(std::sync::Mutex::new((0, Vec::new()))));
    std::thread::spawn(move || {
        let mut last = (u64::MAX, std::time::Instant::now());
        loop {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let guard = current.lock().unwrap();
            if guard.0 != last.0 {
                last = (guard.0, std::time::Instant::now());
            } else if last.1.elapsed().as_secs() >= 3 {
                let path = format!("/tmp/fuzz/slow-{seed}-{}.json", guard.0);
                std::fs::write(&path, &guard.1).unwrap();
                eprintln!("SLOW saved {path}");
                std::process::exit(3);
            }
        }
    });
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let start = std::time::Instant::now();
    let (mut runs, mut panics) = (0u64, 0u64);
    while start.elapsed().as_secs() < seconds {
        let base = &seeds[rng.gen_range(0..seeds.len())];
        let input: Vec<u8> = match serde_json::from_slice::<Value>(base) {
            Ok(mut value) if rng.gen_range(0..10) > 0 => {
                for _ in 0..rng.gen_range(1..4) {
                    mutate(&mut value, &mut rng, 0);
                }
                serde_json::to_vec(&value).unwrap()
            }
            _ => {
                let mut b = base.clone();
                for _ in 0..rng.gen_range(1..8) {
                    if b.is_empty() {
                        break;
                    }
                    let i = rng.gen_range(0..b.len());
                    b[i] = rng.gen();
                }
                b
            }
        };
        runs += 1;
        *current.lock().unwrap() = (runs, input.clone());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _ = verifier.verify_bytes(&input, &options);
        }));
        if result.is_err() {
            panics += 1;
            let path = format!("/tmp/fuzz/panic-{seed}-{runs}.json");
            std::fs::write(&path, &input).unwrap();
            eprintln!("PANIC saved {path}");
            if panics > 20 {
                break;
            }
        }
    }
    println!("{runs} inputs, {panics} panics");
}
