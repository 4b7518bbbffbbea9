//! Differential test of `eddsa-rdfc-2022`'s canonicalization (issue #27): `canonical::rdfc`
//! reuses processed contexts (the document's `@context` per distinct value, and each type- or
//! property-scoped context once per active context, by the patched `json-ld` crates in
//! `vendor/`); `canonical::rdfc_unshared` processes everything afresh at every node, as the
//! unpatched crate does. Both must give the same N-Quads, byte for byte, or refuse alike, on
//! every JSON-LD document of the test corpus and the shared vectors (W3C Data Integrity,
//! VC 2.0 examples, Open Badges), and on deterministic variants of them: values changed,
//! properties added and removed, members reordered, typed nodes nested, inline contexts,
//! `type` spelled every way, language-tagged values.
//!
//! The fast route runs on one context set throughout, so later documents meet the contexts
//! earlier ones left processed. In debug builds (`cargo test`) it checks
//! [`DEBUG_VARIANTS`] variants; in release (`cargo test --release -p credentials --test
//! rdfc_differential`, see docs/PERFORMANCE.md) [`RELEASE_VARIANTS`]; `RDFC_VARIANTS=n` sets
//! the count.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use credentials::canonical::{rdfc, rdfc_unshared};
use credentials::contexts::ContextSet;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};

const DEBUG_VARIANTS: usize = 300;
const RELEASE_VARIANTS: usize = 10_000;

/// Every JSON file under `dir`, recursively, parsed (files that are not JSON are skipped).
fn json_files(dir: &Path, found: &mut Vec<(PathBuf, Value)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            json_files(&path, found);
        } else if let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) {
            found.push((path, value));
        }
    }
}

/// The documents inside a file that JSON-LD reads: the file itself, and, for secured documents
/// and presentations, the credentials they carry, the document without its proof and each
/// proof under the document's `@context` (what a proof configuration is).
fn documents_in(value: &Value, out: &mut Vec<Value>) {
    let Some(object) = value.as_object() else { return };
    out.push(value.clone());
    if let Some(context) = object.get("@context") {
        if let Some(proof) = object.get("proof") {
            let mut unsecured = object.clone();
            unsecured.remove("proof");
            out.push(Value::Object(unsecured));
            let proofs = match proof {
                Value::Array(items) => items.clone(),
                one => vec![one.clone()],
            };
            for mut proof in proofs.into_iter().filter(Value::is_object) {
                proof["@context"] = context.clone();
                if let Some(map) = proof.as_object_mut() {
                    map.remove("proofValue");
                }
                out.push(proof);
            }
        }
    }
    for key in ["verifiableCredential", "credentialSubject"] {
        match object.get(key) {
            Some(Value::Array(items)) => {
                items.iter().filter(|item| item.get("@context").is_some()).for_each(|item| documents_in(item, out))
            }
            Some(item) if item.get("@context").is_some() => documents_in(item, out),
            _ => {}
        }
    }
}

fn skill_credential() -> Value {
    use schemas::{Evidence, Issuer, Level, LocalizedText, SkillCredentialBuilder};
    let when = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&chrono::Utc);
    SkillCredentialBuilder::new(
        "urn:uuid:3f1c9a4e-8b2d-4c7e-9f10-2a6b5d8e7c41",
        Issuer { id: "did:web:talent.canada.ca".into(), name: LocalizedText::new("Bureau", "Office") },
        "cloud_architecture",
        Level::Advanced,
        when,
    )
    .subject("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
    .evidence(Evidence { id: None, narrative: LocalizedText::new("Designed it", "Designed it, in French") })
    .build()
    .unwrap()
}

/// The corpus: every document of the test corpus and the shared vectors, and ours.
fn corpus() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../tests/corpus", "../../shared/vectors", "tests/vectors"] {
        json_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 60, "the corpus and vectors were not found: {}", files.len());
    let mut documents = Vec::new();
    for (_, value) in &files {
        documents_in(value, &mut documents);
    }
    documents_in(&skill_credential(), &mut documents);
    let mut with_status = skill_credential();
    with_status["credentialStatus"] = json!([
        {"id": "https://talent.example/status/1#7", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
         "statusListIndex": "7", "statusListCredential": "https://talent.example/status/1"},
        {"id": "https://talent.example/status/2#7", "type": "BitstringStatusListEntry", "statusPurpose": "suspension",
         "statusListIndex": "7", "statusListCredential": "https://talent.example/status/2"}]);
    documents_in(&with_status, &mut documents);
    documents
}

/// Both routes on one document: the same lines, or the same refusal. Returns whether it was
/// canonicalized.
fn same(document: &Value, contexts: &ContextSet) -> bool {
    let fast = rdfc(document, contexts);
    let plain = rdfc_unshared(document, contexts);
    assert_eq!(fast, plain, "the routes differ on {document}");
    fast.is_ok()
}

#[test]
fn every_corpus_and_vector_document_canonicalizes_alike_with_and_without_reuse() {
    let contexts = ContextSet::with_spec_examples();
    let documents = corpus();
    let canonicalized = documents.iter().filter(|document| same(document, &contexts)).count();
    // Twice, the second time with every context already processed.
    let again = documents.iter().filter(|document| same(document, &contexts)).count();
    assert_eq!(canonicalized, again);
    eprintln!("{canonicalized} of {} documents canonicalized", documents.len());
    assert!(canonicalized >= 40, "only {canonicalized} of {} documents canonicalized", documents.len());
}

/// Terms the shipped contexts define, typed-node types with scoped contexts among them.
const TERMS: &[&str] = &[
    "name",
    "description",
    "id",
    "type",
    "achievement",
    "alignment",
    "evidence",
    "narrative",
    "targetName",
    "targetUrl",
    "targetCode",
    "targetType",
    "criteria",
    "image",
    "issuer",
    "validFrom",
    "validUntil",
    "credentialSubject",
    "identifier",
    "result",
    "resultDescription",
    "source",
    "creator",
    "endorsement",
    "credentialStatus",
    "statusPurpose",
    "statusListIndex",
    "awardedDate",
    "achievementType",
    "tag",
    "genre",
    "proof",
    "cryptosuite",
    "proofPurpose",
    "created",
    "verificationMethod",
    "proofValue",
    "termsOfUse",
    "credentialSchema",
    "refreshService",
    "relatedResource",
    "digestMultibase",
    "url",
    "email",
    "favoriteFood",
    "unknownTerm",
    "@id",
    "@type",
    "https://example.org/full#iri",
    "cred:extra",
    "_:b0",
];
const TYPES: &[&str] = &[
    "Achievement",
    "AchievementSubject",
    "Profile",
    "Alignment",
    "Evidence",
    "OpenBadgeCredential",
    "AchievementCredential",
    "VerifiableCredential",
    "VerifiablePresentation",
    "DataIntegrityProof",
    "BitstringStatusListEntry",
    "Result",
    "ResultDescription",
    "Criteria",
    "Image",
    "IdentityObject",
    "EndorsementCredential",
    "EndorsementSubject",
    "JsonSchema",
    "Unknown",
    "https://example.org/T",
    "_:c14n0",
];
const TEXTS: &[&str] = &[
    "",
    "x",
    "Stra\u{df}e \u{65e5}\u{672c}",
    "2026-01-01T00:00:00Z",
    "did:example:123",
    "urn:uuid:1",
    "https://example.org/a",
    "urn:x:caf%C3%A9",
    "urn:x:%b1",
    "_:b1",
    "@context",
    "@none",
    "fr",
    "en-CA",
    "0",
    "true",
    "line\nbreak, \"quoted\", back\\slash\r\ttab",
    "https://example.org/a%20b?q=1#f",
];

fn text(rng: &mut impl Rng) -> Value {
    Value::String(TEXTS[rng.gen_range(0..TEXTS.len())].into())
}

fn typed_node(rng: &mut impl Rng, depth: u32) -> Value {
    let mut node = Map::new();
    let types: Vec<Value> = (0..rng.gen_range(1..3)).map(|_| json!(TYPES[rng.gen_range(0..TYPES.len())])).collect();
    node.insert(
        if rng.gen_bool(0.1) { "@type" } else { "type" }.into(),
        if types.len() == 1 && rng.gen() { types[0].clone() } else { Value::Array(types) },
    );
    for _ in 0..rng.gen_range(0..4) {
        node.insert(TERMS[rng.gen_range(0..TERMS.len())].into(), value(rng, depth + 1));
    }
    Value::Object(node)
}

fn value(rng: &mut impl Rng, depth: u32) -> Value {
    match rng.gen_range(0..if depth > 2 { 5 } else { 9 }) {
        0 | 1 => text(rng),
        2 => json!(rng.gen_range(-3..1000)),
        3 => {
            let language = ["fr", "en", "en-CA", "x"][rng.gen_range(0..4)];
            json!({"@value": TEXTS[rng.gen_range(0..TEXTS.len())], "@language": language})
        }
        4 => Value::Bool(rng.gen()),
        5 | 6 => typed_node(rng, depth),
        7 => json!({"en": "text", "fr": "texte"}),
        _ => Value::Array((0..rng.gen_range(0..3)).map(|_| value(rng, depth + 1)).collect()),
    }
}

fn inline_context(rng: &mut impl Rng) -> Value {
    match rng.gen_range(0..7) {
        0 => json!({"extra": "https://extension.example/extra"}),
        1 => {
            json!({"Thing": {"@id": "https://extension.example/Thing", "@context": {"size": "https://extension.example/size"}}})
        }
        2 => json!({"@vocab": "https://extension.example/vocab#"}),
        3 => json!({"@language": "fr"}),
        4 => json!({"name": "https://evil.example/name"}),
        5 => json!({"label": {"@id": "https://extension.example/label", "@container": "@language"}}),
        _ => json!({"@protected": true, "code": {"@id": "https://extension.example/code", "@type": "@id"}}),
    }
}

/// All the objects of a document (paths of keys and indices to them), the top one first.
fn objects(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Object(map) => {
            out.push(path.clone());
            for (key, member) in map {
                path.push(json!(key));
                objects(member, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(json!(i));
                objects(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at<'a>(document: &'a mut Value, path: &[Value]) -> &'a mut Map<String, Value> {
    let mut here = document;
    for step in path {
        here = match step {
            Value::String(key) => &mut here[key.as_str()],
            Value::Number(i) => &mut here[i.as_u64().unwrap() as usize],
            _ => unreachable!(),
        };
    }
    here.as_object_mut().unwrap()
}

/// One to four random changes to `document`.
fn mutate(document: &mut Value, rng: &mut impl Rng) {
    for _ in 0..rng.gen_range(1..5) {
        let mut paths = Vec::new();
        objects(document, &mut Vec::new(), &mut paths);
        let path = paths[rng.gen_range(0..paths.len())].clone();
        let object = at(document, &path);
        let keys: Vec<String> = object.keys().filter(|key| key.as_str() != "@context").cloned().collect();
        let pick = |rng: &mut dyn rand::RngCore| keys.get(rand::Rng::gen_range(rng, 0..keys.len().max(1))).cloned();
        match rng.gen_range(0..9) {
            // A value changed.
            0 => {
                if let Some(key) = pick(rng) {
                    object.insert(key, value(rng, 1));
                }
            }
            // A property removed.
            1 => {
                if let Some(key) = pick(rng) {
                    object.remove(&key);
                }
            }
            // A property added.
            2 => {
                object.insert(TERMS[rng.gen_range(0..TERMS.len())].into(), value(rng, 1));
            }
            // Members reordered.
            3 => {
                let mut members: Vec<(String, Value)> = std::mem::take(object).into_iter().collect();
                members.reverse();
                if members.len() > 2 {
                    let i = rng.gen_range(0..members.len());
                    members.swap(0, i);
                }
                object.extend(members);
            }
            // A typed node nested.
            4 => {
                let key = pick(rng).unwrap_or_else(|| "credentialSubject".into());
                object.insert(key, typed_node(rng, 0));
            }
            // An inline context added to the top-level `@context`, or a node's own `@context`.
            5 => {
                let inline = inline_context(rng);
                if path.is_empty() || rng.gen_bool(0.2) {
                    match object.get_mut("@context") {
                        Some(Value::Array(items)) => items.push(inline),
                        Some(one) => *one = json!([one.clone(), inline]),
                        None => {
                            object.insert("@context".into(), inline);
                        }
                    }
                } else {
                    object.insert("@context".into(), inline);
                }
            }
            // `type` spelled another way: a string, an array, reordered, another type added.
            6 => {
                let types = object.remove("type");
                let new = match types {
                    Some(Value::Array(mut items)) if items.len() == 1 => items.remove(0),
                    Some(Value::Array(mut items)) => {
                        items.reverse();
                        items.push(json!(TYPES[rng.gen_range(0..TYPES.len())]));
                        Value::Array(items)
                    }
                    Some(one) => json!([one, TYPES[rng.gen_range(0..TYPES.len())]]),
                    None => json!(TYPES[rng.gen_range(0..TYPES.len())]),
                };
                object.insert("type".into(), new);
            }
            // A language-tagged value, or a language map.
            7 => {
                let key = pick(rng).unwrap_or_else(|| "name".into());
                object
                    .insert(key, json!([{"@value": "Nom", "@language": "fr"}, {"@value": "Name", "@language": "en"}]));
            }
            // Another credential's subject or issuer, as a whole object.
            _ => {
                object.insert("issuer".into(), json!({"id": "did:example:i", "type": ["Profile"], "name": "Issuer"}));
            }
        }
    }
}

#[test]
fn fuzzed_variants_canonicalize_alike_with_and_without_reuse() {
    let count = std::env::var("RDFC_VARIANTS").ok().and_then(|n| n.parse().ok()).unwrap_or(if cfg!(debug_assertions) {
        DEBUG_VARIANTS
    } else {
        RELEASE_VARIANTS
    });
    let contexts = ContextSet::with_spec_examples();
    let seeds: Vec<Value> = corpus().into_iter().filter(|document| rdfc(document, &contexts).is_ok()).collect();
    assert!(seeds.len() >= 40, "{} seeds", seeds.len());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(27);
    let (mut canonicalized, mut refused) = (0, 0);
    for _ in 0..count {
        let mut document = seeds[rng.gen_range(0..seeds.len())].clone();
        mutate(&mut document, &mut rng);
        if same(&document, &contexts) {
            canonicalized += 1;
        } else {
            refused += 1;
        }
    }
    eprintln!("{canonicalized} canonicalized, {refused} refused");
    // Both outcomes are exercised in earnest.
    assert!(canonicalized * 5 >= count && refused * 10 >= count, "{canonicalized} canonicalized, {refused} refused");
}
