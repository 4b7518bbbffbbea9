//! Publishing a changed status list: set a bit in a 131,072-entry list, GZIP it, encode it,
//! build the status list credential and sign it with `eddsa-rdfc-2022`, as the issuer does when a
//! list is fetched after a change. Lists with 0.1%, 1% and 10% of their bits set (more bits set,
//! more to compress). Run: `cargo bench -p issuer --bench status`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use issuer::domain::{list_credential, sign_list};

fn main() {
    let key = keys::LocalKey::generate();
    let did = credentials::did::did_of(credentials::Signer::verification_method(&key)).unwrap().to_owned();
    let contexts = ContextSet::standard();
    let size = 131_072usize;
    let now = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    println!("| bits set | publish (set bit, compress, encode, sign) mean | p99 | encodedList size |");
    println!("|---|---|---|---|");
    for per_mille in [1usize, 10, 100] {
        // Set bits at random indexes, as revocations fall (a fixed xorshift sequence).
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % size as u64) as i64
        };
        let mut set: Vec<i64> = (0..size * per_mille / 1000).map(|_| next()).collect();
        let rounds = 300;
        let mut times = Vec::with_capacity(rounds);
        let mut encoded_len = 0;
        for round in 0..rounds {
            let _ = round;
            set.push(next());
            let started = Instant::now();
            let list = list_credential(
                "https://issuer.example/hr/status/1",
                &did,
                "revocation",
                size,
                &set,
                now,
                Duration::from_secs(300),
            );
            let signed = sign_list(&list, &key, now, &contexts).unwrap();
            times.push(started.elapsed());
            encoded_len = signed["credentialSubject"]["encodedList"].as_str().unwrap().len();
            std::hint::black_box(signed);
        }
        let mean = times.iter().sum::<Duration>() / rounds as u32;
        times.sort();
        println!(
            "| {:.1}% | {:.2} ms | {:.2} ms | {} bytes |",
            per_mille as f64 / 10.0,
            mean.as_secs_f64() * 1e3,
            times[rounds * 99 / 100].as_secs_f64() * 1e3,
            encoded_len
        );
    }
}
