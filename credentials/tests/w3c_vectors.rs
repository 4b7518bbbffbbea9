//! The W3C "Data Integrity EdDSA Cryptosuites v1.0" test vectors (`../shared/vectors/`): from the
//! key pair and unsigned input, every intermediate value is reproduced byte for byte, and every
//! signed file verifies; a one-character change to a proofValue or a subject value fails with a
//! reason naming the failed check.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::{Purpose, StaticResolver};
use credentials::error::{Error, ProofError};
use credentials::proof::data_integrity::{self, decode_proof_value, hash_input, ProofOptions, Suite};
use credentials::Signer;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use serde_json::Value;

fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vectors/w3c-vc-di-eddsa")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(vectors().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(path: &str) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

struct VectorSigner {
    key: SigningKey,
    method: String,
}

impl VectorSigner {
    fn from_pair(pair: &Value) -> Self {
        let (_, bytes) = multibase::decode(pair["privateKeyMultibase"].as_str().unwrap()).unwrap();
        assert_eq!(&bytes[..2], &[0x80, 0x26]);
        let key = SigningKey::from_bytes(&bytes[2..].try_into().unwrap());
        let public = pair["publicKeyMultibase"].as_str().unwrap();
        assert_eq!(credentials::multikey::encode_public(&key.verifying_key()), public);
        Self { key, method: format!("did:key:{public}#{public}") }
    }
}

impl Signer for VectorSigner {
    fn verification_method(&self) -> &str {
        &self.method
    }
    fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], credentials::error::SignerError> {
        Ok(self.key.sign(message).to_bytes())
    }
}

fn created() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2023-02-24T23:36:38Z").unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z").unwrap().with_timezone(&Utc)
}

fn contexts() -> ContextSet {
    ContextSet::with_spec_examples()
}

fn with_context(config: &Value, document: &Value) -> Value {
    let mut config = config.clone();
    config["@context"] = document["@context"].clone();
    config
}

/// Reproduces canonical document, both hashes, the signature and the signed document.
fn reproduce(folder: &str, suffix: &str, unsigned_path: &str, suite: Suite) {
    let unsigned = json(unsigned_path);
    let config = json(&format!("{folder}/proofConfig{suffix}.json"));
    let hashed = hash_input(&unsigned, &with_context(&config, &unsigned), suite, &contexts()).unwrap();
    assert_eq!(
        hashed.canonical_document,
        read(&format!("{folder}/canonDoc{suffix}.txt")).trim_end_matches('\n').to_owned()
            + if suite == Suite::EddsaRdfc2022 { "\n" } else { "" }
    );
    assert_eq!(hex::encode(hashed.document_hash), read(&format!("{folder}/docHash{suffix}.txt")).trim());
    assert_eq!(hashed.canonical_proof_config.trim_end(), read(&format!("{folder}/proofCanon{suffix}.txt")).trim_end());
    assert_eq!(hex::encode(hashed.proof_config_hash), read(&format!("{folder}/proofHash{suffix}.txt")).trim());
    assert_eq!(hex::encode(hashed.combined()), read(&format!("{folder}/combinedHash{suffix}.txt")).trim());

    let signer = VectorSigner::from_pair(&json("keyPair.json"));
    let mut options = ProofOptions::new(suite, created());
    options.purpose = Purpose::AssertionMethod;
    let signed = data_integrity::add_proof(&unsigned, &signer, &options, &contexts()).unwrap();
    let proof_value = signed["proof"]["proofValue"].as_str().unwrap();
    assert_eq!(proof_value, read(&format!("{folder}/sigBTC58{suffix}.txt")).trim());
    assert_eq!(
        hex::encode(decode_proof_value(proof_value).unwrap().to_bytes()),
        read(&format!("{folder}/sigHex{suffix}.txt")).trim()
    );
    assert_eq!(signed, json(&format!("{folder}/signed{suffix}.json")));
}

#[test]
fn eddsa_rdfc_2022_reproduces_every_intermediate_value() {
    reproduce("eddsa-rdfc-2022", "DataInt", "unsigned.json", Suite::EddsaRdfc2022);
}

#[test]
fn eddsa_rdfc_2022_employment_authorization_reproduces() {
    reproduce("eddsa-rdfc-2022/employ", "DataInt", "employmentAuth.json", Suite::EddsaRdfc2022);
}

#[test]
fn eddsa_jcs_2022_reproduces_every_intermediate_value() {
    reproduce("eddsa-jcs-2022", "JCS", "unsigned.json", Suite::EddsaJcs2022);
}

fn verify(document: &Value) -> Vec<Result<(), Error>> {
    data_integrity::verify_proofs(document, &StaticResolver::new(), &contexts(), Purpose::AssertionMethod, now())
        .unwrap()
        .into_iter()
        .map(|o| o.result)
        .collect()
}

const SIGNED: [&str; 8] = [
    "eddsa-rdfc-2022/signedDataInt.json",
    "eddsa-rdfc-2022/employ/signedDataInt.json",
    "eddsa-jcs-2022/signedJCS.json",
    "Ed25519Signature2020/signedEdSig.json",
    "proof-set-chain/signedProofSet1.json",
    "proof-set-chain/signedProofSet2.json",
    "proof-set-chain/signedProofChain1.json",
    "proof-set-chain/signedProofChain2.json",
];

#[test]
fn every_signed_vector_verifies() {
    for path in SIGNED {
        let results = verify(&json(path));
        assert!(!results.is_empty(), "{path}: no proofs");
        for result in results {
            assert!(result.is_ok(), "{path}: {result:?}");
        }
    }
}

#[test]
fn proof_chain_temporary_document_matches() {
    // The chain's second link signs the document carrying exactly the proofs it names.
    let chain = json("proof-set-chain/signedProofChain2.json");
    let proofs = chain["proof"].as_array().unwrap();
    assert_eq!(proofs.len(), 4);
    let temp = json("proof-set-chain/proofChainTempDoc2.json");
    assert_eq!(temp["proof"].as_array().unwrap()[0], proofs[2]);
}

fn tamper_char(text: &str, at: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let c = chars[at];
    chars[at] = if c == 'a' {
        'b'
    } else if c.is_ascii_digit() && c != '9' {
        '9'
    } else {
        'a'
    };
    chars.into_iter().collect()
}

#[test]
fn any_single_character_change_to_a_proof_value_fails() {
    for path in
        ["eddsa-rdfc-2022/signedDataInt.json", "eddsa-jcs-2022/signedJCS.json", "Ed25519Signature2020/signedEdSig.json"]
    {
        let signed = json(path);
        let value = signed["proof"]["proofValue"].as_str().unwrap().to_owned();
        for at in 0..value.len() {
            let mut tampered = signed.clone();
            tampered["proof"]["proofValue"] = tamper_char(&value, at).into();
            let results = verify(&tampered);
            match &results[0] {
                Err(Error::Proof(ProofError::SignatureMismatch | ProofError::BadProofValue(_))) => {}
                other => panic!("{path} char {at}: {other:?}"),
            }
        }
    }
}

#[test]
fn any_change_to_a_subject_value_fails_with_signature_mismatch() {
    for path in [
        "eddsa-rdfc-2022/signedDataInt.json",
        "eddsa-jcs-2022/signedJCS.json",
        "Ed25519Signature2020/signedEdSig.json",
        "eddsa-rdfc-2022/employ/signedDataInt.json",
    ] {
        let signed = json(path);
        let subject = signed["credentialSubject"].as_object().unwrap().clone();
        for (key, value) in subject {
            if let Value::String(text) = value {
                let mut tampered = signed.clone();
                tampered["credentialSubject"][&key] = format!("{text}x").into();
                let results = verify(&tampered);
                assert!(
                    matches!(results[0], Err(Error::Proof(ProofError::SignatureMismatch))),
                    "{path} {key}: {:?}",
                    results[0]
                );
            }
        }
    }
}

fn key_pair(n: usize) -> VectorSigner {
    VectorSigner::from_pair(&json("proof-set-chain/multiKeyPairs.json")[format!("keyPair{n}")])
}

fn as_proof_list(document: &Value) -> Vec<Value> {
    match &document["proof"] {
        Value::Array(items) => items.clone(),
        single => vec![single.clone()],
    }
}

#[test]
fn proof_sets_and_chains_reproduce() {
    let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
    let options = |id: Option<&str>, created: &str, previous: &[&str]| {
        let mut options = ProofOptions::new(Suite::EddsaRdfc2022, at(created));
        options.id = id.map(str::to_owned);
        options.previous_proof = previous.iter().map(|s| s.to_string()).collect();
        options
    };
    let first = "urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544";
    let second = "urn:uuid:8cc9022b-6b14-4cf3-8571-74972c5feb54";
    let third = "urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23";
    let unsigned = json("proof-set-chain/unsigned.json");
    let set1 = data_integrity::add_proof(
        &unsigned,
        &key_pair(1),
        &options(Some(first), "2023-02-24T23:36:38Z", &[]),
        &contexts(),
    )
    .unwrap();
    assert_eq!(as_proof_list(&set1), as_proof_list(&json("proof-set-chain/signedProofSet1.json")));
    let set2 = data_integrity::add_proof(
        &set1,
        &key_pair(2),
        &options(Some(second), "2023-02-24T23:36:38Z", &[]),
        &contexts(),
    )
    .unwrap();
    assert_eq!(set2, json("proof-set-chain/signedProofSet2.json"));
    let chain1 = data_integrity::add_proof(
        &set2,
        &key_pair(3),
        &options(Some(third), "2023-02-26T22:06:38Z", &[first, second]),
        &contexts(),
    )
    .unwrap();
    assert_eq!(chain1, json("proof-set-chain/signedProofChain1.json"));
    let chain2 =
        data_integrity::add_proof(&chain1, &key_pair(4), &options(None, "2023-02-26T22:16:38Z", &[third]), &contexts())
            .unwrap();
    assert_eq!(chain2, json("proof-set-chain/signedProofChain2.json"));
}

#[test]
fn a_chain_link_whose_previous_proof_is_removed_fails() {
    let mut chain = json("proof-set-chain/signedProofChain2.json");
    chain["proof"].as_array_mut().unwrap().remove(2);
    let results = verify(&chain);
    assert!(matches!(results[2], Err(Error::Proof(ProofError::PreviousProofMissing(_)))), "{:?}", results[2]);
}
