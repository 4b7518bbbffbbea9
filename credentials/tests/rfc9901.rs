//! RFC 9901's own examples (collected in `vectors/rfc9901/`, sources named in each file): every
//! disclosure digest reproduces, every issuer signature and key-binding JWT verifies, and
//! processing each presentation gives exactly the payload the RFC prints. The examples are signed
//! with ES256, which the SD-JWT layer verifies through `josekit` like EdDSA.
//! The JWS JSON serialization examples (§8) are not read: we accept the compact form only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use credentials::error::SdJwtError;
use credentials::sd_jwt::{self, Binding, Compact, Disclosure, KeyBindingPolicy};
use josekit::jwk::Jwk;
use josekit::jws::ES256;
use serde_json::Value;

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/rfc9901")
}

fn read(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(vectors().join(name)).unwrap()).unwrap()
}

fn jwk(value: &Value) -> Jwk {
    let mut map = value.as_object().unwrap().clone();
    map.retain(|key, _| ["kty", "crv", "x", "y", "d"].contains(&key.as_str()));
    Jwk::from_map(map).unwrap()
}

fn public(value: &Value) -> Jwk {
    let mut map = value.as_object().unwrap().clone();
    map.retain(|key, _| ["kty", "crv", "x", "y"].contains(&key.as_str()));
    Jwk::from_map(map).unwrap()
}

const EXAMPLES: [&str; 5] = [
    "example_5_main.json",
    "example_a1_simple_structured.json",
    "example_a2_complex_structured.json",
    "example_a3_sd_jwt_vc.json",
    "example_a4_w3c_vcdm2.json",
];

#[test]
fn every_listed_digest_reproduces() {
    let mut count = 0;
    for entry in read("digests.json").as_array().unwrap() {
        assert_eq!(sd_jwt::digest(entry["encoded"].as_str().unwrap()), entry["digest"].as_str().unwrap());
        count += 1;
    }
    for name in EXAMPLES {
        for expected in read(name)["disclosures"].as_array().unwrap() {
            let disclosure = Disclosure::parse(expected["encoded"].as_str().unwrap()).unwrap();
            assert_eq!(disclosure.digest(), expected["digest"].as_str().unwrap(), "{name}");
            assert_eq!(disclosure.salt, expected["salt"].as_str().unwrap());
            assert_eq!(disclosure.name.as_deref(), expected["name"].as_str());
            assert_eq!(disclosure.value, expected["value"]);
            count += 1;
        }
    }
    assert!(count > 40, "only {count} digests checked");
}

#[test]
fn every_presentation_verifies_and_reveals_the_printed_payload() {
    let keys = read("keys.json");
    let issuer = ES256.verifier_from_jwk(&public(&keys["issuer_key"])).unwrap();
    for name in EXAMPLES {
        let example = read(name);
        let presentation = example["presentation"].as_str().unwrap();
        let compact = Compact::split(presentation).unwrap();
        assert_eq!(compact.issuer_jwt, example["issuer_jwt"].as_str().unwrap());
        let header = credentials::jose::decode(compact.issuer_jwt).unwrap().header;
        sd_jwt::verify_issuer_signature(&compact, &header, &issuer).unwrap_or_else(|e| panic!("{name}: {e}"));
        let payload = sd_jwt::decode_payload(compact.issuer_jwt).unwrap();
        assert_eq!(payload, example["issuer_payload"], "{name}");
        let revealed = sd_jwt::reveal(&payload, &compact.disclosures).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(revealed.claims, example["verified_payload"], "{name}");
        assert_eq!(revealed.disclosed.len(), compact.disclosures.len(), "{name}");

        if let Some(nonce) = example["nonce"].as_str() {
            let holder = ES256.verifier_from_jwk(&public(&payload["cnf"]["jwk"])).unwrap();
            let iat = example["kb_jwt"]["payload"]["iat"].as_i64().unwrap();
            let policy = KeyBindingPolicy {
                audience: Some(example["aud"].as_str().unwrap().to_owned()),
                nonce: nonce.to_owned(),
                now: iat,
                max_age: Some(300),
                skew: 60,
            };
            let binding = sd_jwt::verify_key_binding(&compact, &holder).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(binding.issued_at, iat);
            binding.answers(&policy).unwrap();
            binding.recent(&policy).unwrap();
            let wrong_nonce = KeyBindingPolicy { nonce: "other".into(), ..policy.clone() };
            assert_eq!(binding.answers(&wrong_nonce), Err(SdJwtError::KeyBindingNonce));
            let elsewhere = KeyBindingPolicy { audience: Some("https://other.example".into()), ..policy.clone() };
            assert_eq!(binding.answers(&elsewhere), Err(SdJwtError::KeyBindingAudience));
            let later = KeyBindingPolicy { now: iat + 1000, ..policy.clone() };
            assert_eq!(binding.recent(&later), Err(SdJwtError::KeyBindingTooOld));
        }
    }
}

#[test]
fn the_main_example_is_presented_again_with_our_own_selection_and_key_binding() {
    let keys = read("keys.json");
    let example = read("example_5_main.json");
    let issued = example["issued"].as_str().unwrap();
    let presented = Compact::split(example["presentation"].as_str().unwrap()).unwrap();
    // The RFC's presentation discloses these claims; asking for them picks the same disclosures.
    let payload = sd_jwt::decode_payload(presented.issuer_jwt).unwrap();
    let shown = sd_jwt::reveal(&payload, &presented.disclosures).unwrap();
    let selection = sd_jwt::select(issued, &shown.disclosed).unwrap();
    let ours: BTreeSet<&str> = Compact::split(&selection).unwrap().disclosures.into_iter().collect();
    let theirs: BTreeSet<&str> = presented.disclosures.iter().copied().collect();
    assert_eq!(ours, theirs);

    let holder_signer = ES256.signer_from_jwk(&jwk(&keys["holder_private_key_from_wg_repo"])).unwrap();
    let binding =
        Binding { audience: "https://verifier.example.org".into(), nonce: "n-0S6_WzA2Mj".into(), issued_at: 1 };
    let bound = sd_jwt::bind(&selection, &binding, &holder_signer).unwrap();
    let holder = ES256.verifier_from_jwk(&public(&payload["cnf"]["jwk"])).unwrap();
    let policy = KeyBindingPolicy {
        audience: Some(binding.audience.clone()),
        nonce: binding.nonce.clone(),
        now: 1,
        max_age: Some(60),
        skew: 0,
    };
    let compact = Compact::split(&bound).unwrap();
    sd_jwt::verify_key_binding(&compact, &holder).unwrap().answers(&policy).unwrap();
    // Dropping one disclosure after binding breaks sd_hash.
    let mut fewer = compact.clone();
    fewer.disclosures.pop();
    assert_eq!(sd_jwt::verify_key_binding(&fewer, &holder), Err(SdJwtError::KeyBindingSdHash));
    // Another key did not sign it.
    let issuer_as_holder = ES256.verifier_from_jwk(&public(&keys["issuer_key"])).unwrap();
    assert_eq!(sd_jwt::verify_key_binding(&compact, &issuer_as_holder), Err(SdJwtError::KeyBindingSignature));
}
