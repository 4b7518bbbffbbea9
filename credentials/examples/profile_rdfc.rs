#![allow(clippy::unwrap_used)]
//! Times RDFC canonicalization of a document and of a proof configuration (not a benchmark).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap()).unwrap();
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
        for _ in 0..500 {
            std::hint::black_box(credentials::canonical::rdfc(value, &contexts).unwrap());
        }
        println!("{name}: {:?}", start.elapsed() / 500);
    }
}
