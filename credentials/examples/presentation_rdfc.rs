#![allow(clippy::unwrap_used)]
//! Times RDF canonicalization of presentations of 1 to 7 skill credentials for the same skill,
//! whose alignment and criteria nodes are alike from one credential to the next (not a
//! benchmark: see docs/PERFORMANCE.md). Five and more are refused by `canonical::refuse_poison`.
//!
//! Run: `cargo run --release -p credentials --example presentation_rdfc`

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};

fn main() {
    let when = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&chrono::Utc);
    let skill = |i: usize| {
        let level = if i.is_multiple_of(2) { Level::Advanced } else { Level::Expert };
        let issuer = Issuer { id: format!("did:example:{i}"), name: LocalizedText::new("A", "A") };
        SkillCredentialBuilder::new(format!("urn:uuid:{i}"), issuer, "api_design", level, when)
            .subject("did:example:holder")
            .build()
            .unwrap()
    };
    let contexts = credentials::contexts::ContextSet::standard();
    for count in 1..=7 {
        let presentation = serde_json::json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"], "verifiableCredential": (0..count).map(skill).collect::<Vec<_>>()});
        let start = std::time::Instant::now();
        let runs = 3;
        let mut outcome = String::new();
        for _ in 0..runs {
            outcome = match credentials::canonical::rdfc(&presentation, &contexts) {
                Ok(lines) => format!("{} lines", lines.len()),
                Err(error) => error.to_string(),
            };
        }
        println!("{count} credential(s): {:?} per canonicalization ({outcome})", start.elapsed() / runs);
    }
}
