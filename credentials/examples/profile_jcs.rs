#![allow(clippy::unwrap_used)]
//! Loops eddsa-jcs-2022 proof verification of a signed file for profiling (not a benchmark).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap()).unwrap();
    let contexts = credentials::contexts::ContextSet::standard();
    let resolver = credentials::did::StaticResolver::new();
    let now = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    for _ in 0..40_000 {
        let outcomes = credentials::proof::data_integrity::verify_proofs(
            &document,
            &resolver,
            &contexts,
            credentials::did::Purpose::AssertionMethod,
            now,
        )
        .unwrap();
        assert!(outcomes[0].result.is_ok());
    }
}
