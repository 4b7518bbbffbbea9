//! How the fuzz targets change a valid input: JSON-aware mutations (values swapped for strange
//! ones, keys renamed, arrays grown), strings cut or extended, bytes flipped, and status lists
//! broken in each way a list can be.

use rand::Rng;
use serde_json::{json, Value};

const WEIRD_STRINGS: &[&str] = &[
    "",
    "did:",
    "did:key:",
    "did:key:z",
    "did:key:z6Mk",
    "did:web:",
    "did:web:%",
    "did:web:a:b%2",
    "did:web:localhost%3A99999",
    "did:jwk:eyJ9",
    "did:jwk:",
    "urn:uuid:x",
    "urn:x:%b1",
    "http://[::1",
    "https://a/../..",
    "https://issuer.example/hr/status/1",
    "https://issuer.example/hr/status/1#99",
    "#",
    "#key-1",
    "z",
    "u",
    "uH4sIAAAAAAAA",
    "\u{0}",
    "é",
    "\u{202e}",
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
    "_:c14n0",
    "VerifiableCredential",
    "VerifiablePresentation",
    "EnvelopedVerifiableCredential",
    "DataIntegrityProof",
    "BitstringStatusListEntry",
    "BitstringStatusListCredential",
    "BitstringStatusList",
    "SkillCredential",
    "AssignmentCredential",
    "OpenBadgeCredential",
    "data:application/vc+jwt,",
    "data:application/vc+jwt,a.b.c",
    "eyJhbGciOiJFZERTQSJ9..",
    "2026-13-45T99:99:99Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "+275760-09-13T00:00:00Z",
    "2026-01-01",
    "-1",
    "1e309",
    "18446744073709551616",
    "eddsa-rdfc-2022",
    "eddsa-jcs-2022",
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/2018/credentials/v1",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "assertionMethod",
    "authentication",
    "revocation",
    "suspension",
    "message",
    "ldp_vc",
    "jwt_vc_json",
    "dc+sd-jwt",
    "$.x",
    "*",
    "ttl",
    "131072",
    "131071",
    "statusListIndex",
    "api_design",
    "advanced",
];

pub(super) fn weird(rng: &mut impl Rng) -> Value {
    match rng.gen_range(0..12) {
        0 => Value::Null,
        1 => Value::Bool(rng.gen()),
        2 => json!(rng.gen::<i64>()),
        3 => json!(rng.gen::<f64>() * 1e300),
        4 => json!(rng.gen_range(-2i64..140_000)),
        5 => Value::Array(vec![]),
        6 => json!({}),
        7 => Value::String("x".repeat(rng.gen_range(0..3000))),
        8 => json!([pick(rng), pick(rng)]),
        _ => Value::String(pick(rng).to_owned()),
    }
}

pub(super) fn pick(rng: &mut impl Rng) -> &'static str {
    WEIRD_STRINGS[rng.gen_range(0..WEIRD_STRINGS.len())]
}

const KEYS: &[&str] = &[
    "@context",
    "type",
    "id",
    "proof",
    "credentialStatus",
    "issuer",
    "validFrom",
    "validUntil",
    "issuanceDate",
    "expirationDate",
    "credentialSubject",
    "credentialSchema",
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
    "statusSize",
    "statusMessage",
    "encodedList",
    "ttl",
    "challenge",
    "domain",
    "created",
    "expires",
    "previousProof",
    "nonce",
    "evidence",
    "achievement",
    "alignment",
    "name",
    "@vocab",
    "claims",
    "claim_sets",
    "meta",
    "path",
    "values",
    "format",
    "multiple",
    "credential_sets",
    "publicKeyMultibase",
    "publicKeyJwk",
    "controller",
    "assertionMethod",
    "authentication",
    "client_id",
    "response_uri",
    "exp",
    "iat",
];

pub(super) fn mutate(value: &mut Value, rng: &mut impl Rng, depth: usize) {
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
                    map.insert(KEYS[rng.gen_range(0..KEYS.len())].to_owned(), weird(rng));
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
        Value::String(s) => match rng.gen_range(0..5) {
            0 if !s.is_empty() => {
                let mut chars: Vec<char> = s.chars().collect();
                let i = rng.gen_range(0..chars.len());
                chars[i] = char::from_u32(rng.gen_range(0x20..0x2FF)).unwrap_or('x');
                *s = chars.into_iter().collect();
            }
            1 => s.push_str(["#", "%", "/", ":", "..", "\u{202e}", "=", "~", "%b1", "?a=b"][rng.gen_range(0..10)]),
            2 => {
                let n = s.chars().count();
                if n > 1 {
                    *s = s.chars().take(rng.gen_range(0..n)).collect();
                }
            }
            3 => *s = format!("{s}{s}"),
            _ => *value = weird(rng),
        },
        Value::Number(_) => {
            *value = match rng.gen_range(0..4) {
                0 => json!(rng.gen_range(-3i64..200_000)),
                1 => json!(u64::MAX),
                2 => json!(-0.5),
                _ => weird(rng),
            }
        }
        _ => *value = weird(rng),
    }
}

pub(super) fn mutate_times(value: &mut Value, rng: &mut impl Rng) {
    for _ in 0..rng.gen_range(1..4) {
        mutate(value, rng, 0);
    }
}

pub(super) fn flip_bytes(bytes: &mut Vec<u8>, rng: &mut impl Rng) {
    for _ in 0..rng.gen_range(1..8) {
        if bytes.is_empty() {
            break;
        }
        let i = rng.gen_range(0..bytes.len());
        match rng.gen_range(0..3) {
            0 => bytes[i] = rng.gen(),
            1 => bytes.truncate(i),
            _ => bytes.insert(i, b"{}[]\",:.~-_0z"[rng.gen_range(0..13)]),
        }
    }
}

/// An `encodedList` that is wrong in one of the ways a list can be.
pub(super) fn weird_list(rng: &mut impl Rng) -> String {
    use base64::Engine;
    use std::io::Write;
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    };
    let raw: Vec<u8> = match rng.gen_range(0..6) {
        0 => gzip(&vec![0u8; rng.gen_range(0..40_000)]),
        1 => gzip(&vec![0u8; 64 * 1024 * 1024]),
        2 => (0..rng.gen_range(0..64)).map(|_| rng.gen()).collect(),
        3 => {
            let mut bytes = gzip(&vec![0xffu8; 16_384]);
            flip_bytes(&mut bytes, rng);
            bytes
        }
        4 => Vec::new(),
        _ => gzip(&[]),
    };
    let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    match rng.gen_range(0..4) {
        0 => text,
        1 => format!("z{text}"),
        _ => format!("u{text}"),
    }
}
