#![allow(clippy::unwrap_used)]
//! Times RDFC canonicalization of a document and of a proof configuration (not a benchmark).
//!
//! `profile_rdfc FILE [--unsecured] [--status]`: with `--unsecured`, the document's `proof` is
//! removed (what a proof signs, and what signing and verification canonicalize); with
//! `--status`, the document gets the revocation and suspension entries the `suites` bench adds
//! (two `BitstringStatusListEntry` nodes), so a profiler sees what issuance with status entries
//! canonicalizes. `ROUNDS` (default 500) sets the repetitions per measure, for a longer
//! `perf record`.

#[path = "../benches/common/mod.rs"]
mod common;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap();
    let flags: Vec<String> = args.collect();
    let with_status = flags.iter().any(|arg| arg == "--status");
    let rounds: u32 = std::env::var("ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(500);
    let mut document: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    if flags.iter().any(|arg| arg == "--unsecured") {
        document.as_object_mut().unwrap().remove("proof");
    }
    if with_status {
        document["credentialStatus"] = common::two_status_entries();
    }
    let contexts = credentials::contexts::ContextSet::standard();
    let config = serde_json::json!({"@context": document["@context"], "type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-01T00:00:00Z", "verificationMethod": "did:key:z6Mk#z6Mk", "proofPurpose": "assertionMethod"});
    let minimal = serde_json::json!({"@context": document["@context"], "type": "VerifiableCredential"});
    let mut v2_only = config.clone();
    v2_only["@context"] = serde_json::json!(["https://www.w3.org/ns/credentials/v2"]);
    assert_eq!(
        credentials::canonical::rdfc(&config, &contexts).unwrap(),
        credentials::canonical::rdfc(&v2_only, &contexts).unwrap()
    );
    for (name, value) in [
        ("document", &document),
        ("proof config", &config),
        ("proof config, VC v2 context only", &v2_only),
        ("minimal", &minimal),
    ] {
        credentials::canonical::rdfc(value, &contexts).unwrap();
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(credentials::canonical::rdfc(value, &contexts).unwrap());
        }
        println!("{name}: {:?}", start.elapsed() / rounds);
    }
}
