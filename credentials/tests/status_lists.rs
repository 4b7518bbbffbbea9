//! Bitstring Status List through the whole verification pipeline: a credential's entries are read
//! from signed status list credentials, and each kind of wrong list (broken proof, another
//! issuer, expired, not base64url, a GZIP bomb, too short for the index) gives its own code. The
//! specification's example list decodes to what the specification says.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support {
    pub mod http;
}

use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::error::SignerError;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::report::{CheckKind, Outcome};
use credentials::status::{Bitstring, StaticLists, StatusConfig, StatusEntry, StatusLists, VerifiedList};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{FixedClock, Signer};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde_json::{json, Value};

struct TestSigner {
    key: SigningKey,
    method: String,
}

impl TestSigner {
    fn new(seed: u8) -> Self {
        let key = SigningKey::from_bytes(&[seed; 32]);
        let (_, method) = credentials::did::did_key_for(&key.verifying_key());
        Self { key, method }
    }
    fn did(&self) -> String {
        self.method.split('#').next().unwrap().to_owned()
    }
}

impl Signer for TestSigner {
    fn verification_method(&self) -> &str {
        &self.method
    }
    fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        use ed25519_dalek::Signer as _;
        Ok(self.key.sign(message).to_bytes())
    }
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

const NOW: &str = "2026-06-01T00:00:00Z";
const REVOCATION_LIST: &str = "https://issuer.example/hr/status/1";
const SUSPENSION_LIST: &str = "https://issuer.example/hr/status/2";

fn sign(document: Value, signer: &TestSigner, suite: Suite) -> Value {
    add_proof(&document, signer, &ProofOptions::new(suite, at("2026-01-01T00:00:00Z")), &ContextSet::standard())
        .unwrap()
}

fn credential(signer: &TestSigner, revocation_index: u64, suspension_index: u64) -> Value {
    sign(
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:4b1c5d3e-0000-4000-8000-000000000001",
            "type": ["VerifiableCredential"],
            "issuer": signer.did(),
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:holder"},
            "credentialStatus": [{
                "id": format!("{REVOCATION_LIST}#{revocation_index}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": revocation_index.to_string(),
                "statusListCredential": REVOCATION_LIST
            }, {
                "id": format!("{SUSPENSION_LIST}#{suspension_index}"),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "suspension",
                "statusListIndex": suspension_index.to_string(),
                "statusListCredential": SUSPENSION_LIST
            }]
        }),
        signer,
        Suite::EddsaRdfc2022,
    )
}

fn list_document(url: &str, issuer: &str, purpose: &str, encoded: &str, valid_until: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": "2026-01-01T00:00:00Z",
        "validUntil": valid_until,
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded,
            "ttl": 300000
        }
    })
}

fn encoded(entries: usize, set: &[usize]) -> String {
    let mut bits = Bitstring::zeroed(entries);
    for index in set {
        assert!(bits.set(*index, true));
    }
    bits.encode()
}

fn signed_list(signer: &TestSigner, url: &str, purpose: &str, encoded: &str) -> Vec<u8> {
    let document = list_document(url, &signer.did(), purpose, encoded, "2026-12-31T00:00:00Z");
    serde_json::to_vec(&sign(document, signer, Suite::EddsaJcs2022)).unwrap()
}

fn verifier(lists: StaticLists, config: StatusConfig) -> Verifier {
    Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(NOW))))
        .with_status(Arc::new(StatusLists::new(Arc::new(lists), config)))
}

/// The status check's outcome as (outcome, code).
fn status_of(verifier: &Verifier, credential: &Value) -> (String, String) {
    let report =
        verifier.verify_bytes(&serde_json::to_vec(credential).unwrap(), &PresentationOptions::default()).unwrap();
    assert!(matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)), "{:?}", report.to_json(schemas::Lang::En));
    match report.check(CheckKind::Status).unwrap() {
        Outcome::Passed => ("passed".into(), String::new()),
        Outcome::Failed(failure) => ("failed".into(), failure.code().into()),
        Outcome::Undetermined(failure) => ("unknown".into(), failure.code().into()),
        Outcome::NotChecked(why) => ("not_checked".into(), why.code().into()),
        other => (format!("{other:?}"), String::new()),
    }
}

fn lists_with(revocation: Vec<u8>, suspension: Vec<u8>) -> StaticLists {
    let mut lists = StaticLists::default();
    lists.insert(REVOCATION_LIST, revocation);
    lists.insert(SUSPENSION_LIST, suspension);
    lists
}

#[test]
fn active_revoked_and_suspended_are_read_from_signed_lists() {
    let issuer = TestSigner::new(1);
    let vc = credential(&issuer, 94_567, 23_452);
    let clean = || signed_list(&issuer, SUSPENSION_LIST, "suspension", &encoded(131_072, &[23_451, 23_453]));
    let active = verifier(
        lists_with(signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[94_566])), clean()),
        StatusConfig::default(),
    );
    assert_eq!(status_of(&active, &vc), ("passed".into(), String::new()));
    let report = active.verify_bytes(&serde_json::to_vec(&vc).unwrap(), &PresentationOptions::default()).unwrap();
    let states: Vec<&str> = report.status.iter().map(|s| s.state()).collect();
    assert_eq!(states, ["active", "active"]);
    assert!(report.verified());

    let revoked = verifier(
        lists_with(signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[94_567])), clean()),
        StatusConfig::default(),
    );
    assert_eq!(status_of(&revoked, &vc), ("failed".into(), "credential_revoked".into()));

    let suspended = verifier(
        lists_with(
            signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[])),
            signed_list(&issuer, SUSPENSION_LIST, "suspension", &encoded(131_072, &[23_452])),
        ),
        StatusConfig::default(),
    );
    assert_eq!(status_of(&suspended, &vc), ("failed".into(), "credential_suspended".into()));
}

#[test]
fn each_wrong_list_gives_its_own_error() {
    let issuer = TestSigner::new(1);
    let other = TestSigner::new(2);
    let vc = credential(&issuer, 94_567, 23_452);
    let good_suspension = || signed_list(&issuer, SUSPENSION_LIST, "suspension", &encoded(131_072, &[]));
    let check = |revocation_list: Vec<u8>| {
        status_of(&verifier(lists_with(revocation_list, good_suspension()), StatusConfig::default()), &vc)
    };

    let mut broken: Value =
        serde_json::from_slice(&signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[]))).unwrap();
    broken["credentialSubject"]["encodedList"] = encoded(131_072, &[5]).into();
    assert_eq!(check(serde_json::to_vec(&broken).unwrap()), ("failed".into(), "status_list_proof_invalid".into()));

    let unsigned =
        list_document(REVOCATION_LIST, &issuer.did(), "revocation", &encoded(131_072, &[]), "2026-12-31T00:00:00Z");
    assert_eq!(check(serde_json::to_vec(&unsigned).unwrap()), ("failed".into(), "status_list_proof_invalid".into()));

    let foreign = signed_list(&other, REVOCATION_LIST, "revocation", &encoded(131_072, &[]));
    assert_eq!(check(foreign), ("failed".into(), "status_list_issuer_mismatch".into()));

    let expired = sign(
        list_document(REVOCATION_LIST, &issuer.did(), "revocation", &encoded(131_072, &[]), "2026-05-01T00:00:00Z"),
        &issuer,
        Suite::EddsaJcs2022,
    );
    assert_eq!(check(serde_json::to_vec(&expired).unwrap()), ("failed".into(), "status_list_expired".into()));

    let not_base64 = signed_list(&issuer, REVOCATION_LIST, "revocation", "u!!not*base64url");
    assert_eq!(check(not_base64), ("failed".into(), "status_list_encoding_invalid".into()));
    let not_multibase = signed_list(
        &issuer,
        REVOCATION_LIST,
        "revocation",
        "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
    );
    assert_eq!(check(not_multibase), ("failed".into(), "status_list_encoding_invalid".into()));

    let wrong_purpose = signed_list(&issuer, REVOCATION_LIST, "suspension", &encoded(131_072, &[]));
    assert_eq!(check(wrong_purpose), ("failed".into(), "status_purpose_mismatch".into()));

    let short_for_index = credential(&issuer, 200_000, 23_452);
    let lists =
        lists_with(signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[])), good_suspension());
    assert_eq!(
        status_of(&verifier(lists, StatusConfig::default()), &short_for_index),
        ("failed".into(), "status_index_out_of_range".into())
    );

    let too_few_entries = signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(8 * 1024, &[]));
    let small_index = credential(&issuer, 7, 23_452);
    let lists = lists_with(too_few_entries, good_suspension());
    assert_eq!(
        status_of(&verifier(lists, StatusConfig::default()), &small_index),
        ("failed".into(), "status_list_length_error".into())
    );
}

/// A list that inflates to 1 GB is refused after reading the limit, not inflated.
#[test]
fn a_gzip_bomb_is_refused_without_inflating_it() {
    let issuer = TestSigner::new(1);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        encoder.write_all(&zeros).unwrap();
    }
    let compressed = encoder.finish().unwrap();
    assert!(compressed.len() < 2 << 20, "{} bytes", compressed.len());
    use base64::Engine;
    let bomb = format!("u{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&compressed));
    let vc = credential(&issuer, 94_567, 23_452);
    let lists = lists_with(
        signed_list(&issuer, REVOCATION_LIST, "revocation", &bomb),
        signed_list(&issuer, SUSPENSION_LIST, "suspension", &encoded(131_072, &[])),
    );
    let started = std::time::Instant::now();
    assert_eq!(
        status_of(&verifier(lists, StatusConfig::default()), &vc),
        ("failed".into(), "status_list_too_large".into())
    );
    // Inflating 1 GB would take seconds and a gigabyte; stopping at the limit takes milliseconds.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn an_unreachable_list_is_unknown_and_policy_decides_whether_it_fails() {
    let issuer = TestSigner::new(1);
    let vc = credential(&issuer, 1, 2);
    let lenient = verifier(StaticLists::default(), StatusConfig::default());
    assert_eq!(status_of(&lenient, &vc), ("unknown".into(), "status_retrieval_error".into()));
    let report = lenient.verify_bytes(&serde_json::to_vec(&vc).unwrap(), &PresentationOptions::default()).unwrap();
    assert!(report.status.iter().all(|s| s.state() == "unknown"));
    assert_eq!(report.to_json(schemas::Lang::Fr)["status"][0]["state"], "unknown");
    let strict = verifier(StaticLists::default(), StatusConfig { unknown_fails: true, ..StatusConfig::default() });
    assert_eq!(status_of(&strict, &vc), ("failed".into(), "status_retrieval_error".into()));

    let offline = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at(NOW))));
    assert_eq!(status_of(&offline, &vc), ("not_checked".into(), "status_not_checked_offline".into()));
}

#[test]
fn the_specification_example_list_decodes_to_the_bits_it_states() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/bitstring-status-list/spec-example.json");
    let vector: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let list = &vector["statusListCredential"];
    let expected = &vector["expected"];
    let bits = Bitstring::decode(list["credentialSubject"]["encodedList"].as_str().unwrap(), 16 * 1024 * 1024).unwrap();
    assert_eq!(bits.len() as u64, expected["entries"].as_u64().unwrap());
    assert_eq!(bits.as_bytes().len() as u64, expected["inflatedBytes"].as_u64().unwrap());
    let set: Vec<usize> = (0..bits.len()).filter(|i| bits.get(*i) == Some(true)).collect();
    let expected_set: Vec<usize> =
        expected["setIndexes"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
    assert_eq!(set, expected_set);

    // The example entry read against the example list (unsigned in the specification, so read
    // without the proof step): not revoked.
    let entry: Vec<StatusEntry> =
        credentials::status::entries(&json!({"credentialStatus": vector["credentialStatus"]})).unwrap();
    let verified = VerifiedList {
        issuer: list["issuer"].as_str().unwrap().to_owned(),
        purposes: vec![list["credentialSubject"]["statusPurpose"].as_str().unwrap().to_owned()],
        bits: bits.clone(),
        valid_from: None,
        valid_until: None,
        ttl: None,
        entry_bits: 1,
    };
    let mut source = StaticLists::default();
    source.insert(entry[0].list.clone(), b"example".to_vec());
    let lists = StatusLists::new(Arc::new(source), StatusConfig::default());
    assert_eq!(lists.bit(&entry[0], Some("did:example:12345"), at(NOW), &|_| Ok(verified.clone())), Ok(false));
    assert_eq!(expected["status"], "active");
}

/// A credential with `status` as its `credentialStatus`. Its contexts define the Status List 2021
/// terms as well, so that an entry of that type is data JSON-LD keeps (an undefined type would
/// be refused at signing as data loss).
fn credential_with_status(signer: &TestSigner, status: Value) -> Value {
    sign(
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", credentials::contexts::STATUS_LIST_2021_V1],
            "id": "urn:uuid:4b1c5d3e-0000-4000-8000-000000000002",
            "type": ["VerifiableCredential"],
            "issuer": signer.did(),
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:holder"},
            "credentialStatus": status
        }),
        signer,
        Suite::EddsaJcs2022,
    )
}

/// An entry this verifier cannot read does not hide a revocation beside it; too many entries,
/// or a list served for another list's URL, are refused; an empty list of entries is no status.
#[test]
fn entries_are_read_one_by_one_and_bounded() {
    let issuer = TestSigner::new(1);
    let revocation = json!({"id": format!("{REVOCATION_LIST}#5"), "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "5", "statusListCredential": REVOCATION_LIST});
    let other = json!({"id": "https://issuer.example/legacy#5", "type": "StatusList2021Entry", "statusPurpose": "revocation",
        "statusListIndex": "5", "statusListCredential": "https://issuer.example/legacy"});
    let mut lists = StaticLists::default();
    lists.insert(REVOCATION_LIST, signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[5])));
    let verifier = verifier(lists, StatusConfig::default());
    let mixed = credential_with_status(&issuer, json!([other.clone(), revocation.clone()]));
    assert_eq!(status_of(&verifier, &mixed), ("failed".into(), "credential_revoked".into()));
    let only_other = credential_with_status(&issuer, json!([other]));
    assert_eq!(status_of(&verifier, &only_other), ("unknown".into(), "status_unsupported".into()));
    let many = credential_with_status(&issuer, json!(vec![revocation.clone(); 9]));
    assert_eq!(status_of(&verifier, &many), ("failed".into(), "status_entry_malformed".into()));
    let empty = credential_with_status(&issuer, json!([]));
    assert_eq!(status_of(&verifier, &empty).0, "NotApplicable");

    // A list whose id is another URL is not this URL's list.
    let mut lists = StaticLists::default();
    lists.insert(REVOCATION_LIST, signed_list(&issuer, SUSPENSION_LIST, "revocation", &encoded(131_072, &[])));
    let verifier = verifier_with(lists);
    let single = credential_with_status(&issuer, json!([revocation]));
    assert_eq!(status_of(&verifier, &single), ("failed".into(), "status_list_invalid".into()));
}

fn verifier_with(lists: StaticLists) -> Verifier {
    verifier(lists, StatusConfig::default())
}

/// Found by review: an inline `@context` aliasing `type` inside a status entry kept the RDF (and
/// so the `eddsa-rdfc-2022` signature) the same while the JSON-level status check no longer saw
/// a `BitstringStatusListEntry`: a revoked credential read "status unknown" and verified. A
/// nested context is now refused, so the credential does not verify.
#[test]
fn a_revocation_entry_disguised_by_an_inline_context_does_not_verify() {
    let issuer = TestSigner::new(1);
    let mut vc = credential(&issuer, 94_567, 23_452);
    let lists = || {
        lists_with(
            signed_list(&issuer, REVOCATION_LIST, "revocation", &encoded(131_072, &[94_567])),
            signed_list(&issuer, SUSPENSION_LIST, "suspension", &encoded(131_072, &[])),
        )
    };
    let entry = vc["credentialStatus"][0].as_object_mut().unwrap();
    let kind = entry.remove("type").unwrap();
    entry.insert("@context".into(), json!({"kind": "@type"}));
    entry.insert("kind".into(), kind);
    let report = verifier(lists(), StatusConfig::default())
        .verify_bytes(&serde_json::to_vec(&vc).unwrap(), &PresentationOptions::default())
        .unwrap();
    assert!(!report.verified(), "{:#}", report.to_json(schemas::Lang::En));
    assert!(report.to_json(schemas::Lang::En).to_string().contains("nested_context_refused"));
}

/// Lists fetched over HTTP are bounded like `did:web` documents: a response over the size limit
/// and a server that does not answer in time each give a retrieval error (so the status is
/// unknown, never active), quickly.
#[test]
fn http_lists_refuse_an_oversized_answer_and_stop_waiting() {
    use credentials::status::{Fetched, HttpLists, ListSource};
    use std::collections::HashMap;
    use std::time::{Duration, Instant};
    use support::http::{serve, Response};
    let mut routes = HashMap::new();
    routes.insert("/big".to_owned(), Response::Body("x".repeat(credentials::status::DEFAULT_MAX_LIST_BYTES + 1)));
    routes.insert("/small".to_owned(), Response::Body("{}".to_owned()));
    routes.insert("/slow".to_owned(), Response::Stall(Duration::from_secs(5)));
    let base = serve(routes);
    let mut http = credentials::net::HttpPolicy { timeout: Duration::from_millis(500), ..Default::default() };
    http.overrides.insert("lists.example".into(), url::Url::parse(&base).unwrap());
    let lists = HttpLists::new(http);
    assert!(matches!(lists.fetch("https://lists.example/small", None), Ok(Fetched::Body { .. })));
    match lists.fetch("https://lists.example/big", None) {
        Err(credentials::error::StatusError::Retrieval { detail, .. }) => {
            assert!(detail.to_string().contains("larger than"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    let started = Instant::now();
    assert!(matches!(
        lists.fetch("https://lists.example/slow", None),
        Err(credentials::error::StatusError::Retrieval { .. })
    ));
    assert!(started.elapsed() < Duration::from_secs(3), "waited {:?}", started.elapsed());
}
