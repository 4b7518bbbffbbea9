//! Mutation fuzzing of what the three programs read from outside: the targets and their
//! mutators, run by hand for minutes (`examples/fuzz.rs`) and for a few hundred inputs each in
//! the test suite (`scenarios/fuzz_smoke.rs`). Each target mutates valid inputs (JSON-aware
//! changes, strings cut or extended, byte flips); a run is replayable from its number. It found
//! the RDF canonicalization blow-up that `canonical::refuse_poison` now bounds, and credentials
//! the issuer signed that its own verifier refused.
//!
//! Targets (`cargo run --release -p scenarios --example fuzz -- TARGET SECONDS SEED`):
//! - `verify`: `Verifier::verify_bytes` on mutated files of `tests/corpus`;
//! - `sign`: the issuer's `sign` (every mechanism) on mutated unsigned credentials; what it signs
//!   must then verify ("never sign what a verifier would reject"), else the input is saved as
//!   `disagree-…`;
//! - `status`: a credential whose status lists are mutated and then signed, so that the list
//!   checks and decoding behind the proof are reached;
//! - `dcql`: DCQL queries read, matched against credentials and their claims selected;
//! - `did`: DID documents and DID strings (`did:key`, `did:jwk`, `did:web`);
//! - `request`: OpenID4VP request objects, signed after mutation, as the wallet reads them.
use std::sync::Arc;
use std::time::Duration;

use credentials::contexts::ContextSet;
use credentials::did::{DidDocument, Purpose, StaticResolver};
use credentials::report::{CheckKind, Outcome};
use credentials::verify::{Network, PresentationOptions, Verifier};
use credentials::{Clock, FixedClock, Signer, SystemClock};
use issuer::sign::{sign, Secured};
use rand::{Rng, SeedableRng};
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

fn weird(rng: &mut impl Rng) -> Value {
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

fn pick(rng: &mut impl Rng) -> &'static str {
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

fn mutate(value: &mut Value, rng: &mut impl Rng, depth: usize) {
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

fn mutate_times(value: &mut Value, rng: &mut impl Rng) {
    for _ in 0..rng.gen_range(1..4) {
        mutate(value, rng, 0);
    }
}

fn flip_bytes(bytes: &mut Vec<u8>, rng: &mut impl Rng) {
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

/// What one run of a target found wrong that is not a panic.
#[derive(Debug)]
pub struct Disagreement(pub String);

/// One run: the input it made, and whether what it did with it was right.
pub type Run = (Vec<u8>, Result<(), Disagreement>);

/// The inputs every target starts from, and the issuer key the targets sign with.
pub struct Fuzz {
    key: Arc<dyn Signer>,
    did: String,
    contexts: ContextSet,
    corpus: Vec<Vec<u8>>,
    unsigned: Vec<Value>,
}

impl std::fmt::Debug for Fuzz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fuzz").field("did", &self.did).field("corpus", &self.corpus.len()).finish_non_exhaustive()
    }
}

impl Default for Fuzz {
    fn default() -> Self {
        Self::new()
    }
}

impl Fuzz {
    pub fn new() -> Self {
        let key: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
        let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
        let mut corpus = Vec::new();
        for entry in std::fs::read_dir(crate::repository().join("tests/corpus")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json" || e == "jwt") && !path.ends_with("expected.json") {
                corpus.push(std::fs::read(&path).unwrap());
            }
        }
        let mut unsigned = Vec::new();
        let issuer = || schemas::Issuer {
            id: did.clone(),
            name: schemas::LocalizedText::new("Human Resources", "Ressources humaines"),
        };
        let holder = Some("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        let from = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
        let skill = issuer::template::skill(
            issuer(),
            holder,
            "api_design",
            schemas::Level::Advanced,
            Some(schemas::LocalizedText::new("Designed the public API", "A conçu l'API publique")),
            from,
            Some(from + chrono::Duration::days(3650)),
        )
        .unwrap();
        let assignment = issuer::template::assignment(
            issuer(),
            holder,
            issuer::template::Assignment {
                role: schemas::LocalizedText::new("Lead developer", "Développeuse principale"),
                department: schemas::LocalizedText::new("Digital Services", "Services numériques"),
                team: Some(schemas::LocalizedText::new("Platform", "Plateforme")),
                start: from - chrono::Duration::days(400),
                end: Some(from - chrono::Duration::days(10)),
                skills: vec!["api_design".into(), "accessibility_testing".into()],
            },
            from,
        )
        .unwrap();
        for credential in [skill, assignment] {
            let mut with_status = credential.clone();
            with_status["credentialStatus"] =
                json!([status_entry("revocation", 1, 94_567), status_entry("suspension", 2, 3)]);
            unsigned.push(credential);
            unsigned.push(with_status);
        }
        Self { key, did, contexts: ContextSet::standard(), corpus, unsigned }
    }

    pub fn verify(&self, rng: &mut impl Rng) -> Run {
        let base = &self.corpus[rng.gen_range(0..self.corpus.len())];
        let input = match serde_json::from_slice::<Value>(base) {
            Ok(mut value) if rng.gen_range(0..10) > 0 => {
                mutate_times(&mut value, rng);
                serde_json::to_vec(&value).unwrap()
            }
            _ => {
                let mut bytes = base.clone();
                flip_bytes(&mut bytes, rng);
                bytes
            }
        };
        let verifier = Verifier::new(self.contexts.clone(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
        let options =
            PresentationOptions { challenge: Some("c".into()), domain: Some("d".into()), ..Default::default() };
        let _ = verifier.verify_bytes(&input, &options);
        (input, Ok(()))
    }

    pub fn sign(&self, rng: &mut impl Rng) -> Run {
        let mut credential = self.unsigned[rng.gen_range(0..self.unsigned.len())].clone();
        mutate_times(&mut credential, rng);
        let input = serde_json::to_vec(&credential).unwrap();
        let mechanism = match rng.gen_range(0..10) {
            0..=3 => "eddsa-jcs-2022",
            4..=6 => "vc-jwt",
            7..=8 => "dc+sd-jwt",
            _ => "eddsa-rdfc-2022",
        };
        let created = SystemClock.now();
        let secured = match sign(&credential, self.key.clone(), mechanism.parse().unwrap(), created, &self.contexts) {
            Ok(secured) => secured,
            Err(_) => return (input, Ok(())),
        };
        let bytes = match &secured {
            Secured::Json(value) => serde_json::to_vec(value).unwrap(),
            Secured::Jwt(text) | Secured::SdJwt(text) => text.clone().into_bytes(),
        };
        // Verified when it becomes valid, as the issuer checked it.
        let at = credential
            .get("validFrom")
            .and_then(Value::as_str)
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map_or(created, |t| t.to_utc().max(created));
        let verifier = Verifier::new(self.contexts.clone(), Arc::new(StaticResolver::new()), Arc::new(FixedClock(at)));
        let report = match verifier.verify_bytes(&bytes, &PresentationOptions::default()) {
            Ok(report) => report,
            Err(error) => {
                return (input, Err(Disagreement(format!("{mechanism}: signed, then unreadable: {error}"))));
            }
        };
        // An SD-JWT VC issued to a holder is only accepted with the holder's key binding, which
        // the issuer cannot add.
        let failed: Vec<String> = report
            .checks
            .iter()
            .filter_map(|check| match &check.outcome {
                Outcome::Failed(failure) if !(mechanism == "dc+sd-jwt" && check.kind == CheckKind::HolderBinding) => {
                    Some(format!("{}: {}", check.kind.code(), failure.message(schemas::Lang::En)))
                }
                _ => None,
            })
            .collect();
        if failed.is_empty() {
            (input, Ok(()))
        } else {
            (input, Err(Disagreement(format!("{mechanism}: signed, then refused: {}", failed.join("; ")))))
        }
    }

    pub fn status(&self, rng: &mut impl Rng) -> Run {
        let now = SystemClock.now();
        let mut credential = self.unsigned[1].clone();
        let index = [0u32, 7, 94_567, 131_071][rng.gen_range(0..4)];
        credential["credentialStatus"] =
            json!([status_entry("revocation", 1, index), status_entry("suspension", 2, index)]);
        if rng.gen_range(0..4) == 0 {
            mutate(&mut credential["credentialStatus"], rng, 1);
        }
        let signed = match sign(&credential, self.key.clone(), "eddsa-jcs-2022".parse().unwrap(), now, &self.contexts) {
            Ok(Secured::Json(value)) => serde_json::to_vec(&value).unwrap(),
            _ => return (Vec::new(), Ok(())),
        };
        let mut lists = Vec::new();
        for (number, purpose) in [(1, "revocation"), (2, "suspension")] {
            let url = format!("https://issuer.example/hr/status/{number}");
            let set: Vec<i64> = (0..rng.gen_range(0..5)).map(|_| i64::from(rng.gen_range(0..131_072u32))).collect();
            let mut list =
                issuer::service::list_credential(&url, &self.did, purpose, 131_072, &set, now, Duration::from_secs(60));
            if number == 1 || rng.gen() {
                match rng.gen_range(0..4) {
                    0 => list["credentialSubject"]["encodedList"] = json!(weird_list(rng)),
                    _ => mutate_times(&mut list, rng),
                }
            }
            let bytes = match issuer::service::sign_list(&list, self.key.as_ref(), now, &self.contexts) {
                Ok(signed) if rng.gen_range(0..8) > 0 => serde_json::to_vec(&signed).unwrap(),
                _ => {
                    let mut bytes = serde_json::to_vec(&list).unwrap();
                    flip_bytes(&mut bytes, rng);
                    bytes
                }
            };
            lists.push((url, bytes));
        }
        let input = serde_json::to_vec(&json!({
            "credential": String::from_utf8_lossy(&signed),
            "lists": lists.iter().map(|(url, bytes)| json!([url, String::from_utf8_lossy(bytes)])).collect::<Vec<_>>(),
        }))
        .unwrap();
        let network = Network { status_lists: lists, ..Network::default() };
        let verifier = network.verifier(self.contexts.clone(), Arc::new(SystemClock));
        let _ = verifier.verify_bytes(&signed, &PresentationOptions::default());
        (input, Ok(()))
    }

    pub fn dcql(&self, rng: &mut impl Rng) -> Run {
        use credentials::dcql::{assignment_query, skill_query, Query};
        let queries = [
            skill_query("skill", "ldp_vc", "api_design"),
            skill_query("skill", "dc+sd-jwt", "api_design"),
            assignment_query("assignment", "jwt_vc_json", Some("api_design")),
            assignment_query("assignment", "ldp_vc", None),
        ];
        let mut query =
            json!({"credentials": [serde_json::to_value(&queries[rng.gen_range(0..queries.len())]).unwrap()]});
        if rng.gen() {
            query["credentials"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::to_value(&queries[rng.gen_range(0..4)]).unwrap());
        }
        if rng.gen_range(0..4) == 0 {
            query["credential_sets"] = json!([{"options": [["skill"], ["assignment"]], "required": true}]);
        }
        mutate_times(&mut query, rng);
        let input = serde_json::to_vec(&query).unwrap();
        if let Ok(query) = Query::from_value(query) {
            let credentials: Vec<Value> = self.unsigned.to_vec();
            for credential in &credentials {
                for format in ["ldp_vc", "jwt_vc_json", "dc+sd-jwt"] {
                    let chosen = query.queries_to_answer(|q| q.matches(format, credential, &self.contexts));
                    for q in chosen {
                        let _ = q.requested_claims(credential);
                    }
                }
            }
            let answer: std::collections::HashMap<String, Vec<(String, Value)>> = query
                .credentials
                .iter()
                .map(|q| {
                    (q.id.clone(), vec![(q.format.clone(), credentials[rng.gen_range(0..credentials.len())].clone())])
                })
                .collect();
            let _ = query.check_answer(&answer, &self.contexts);
        }
        (input, Ok(()))
    }

    pub fn did(&self, rng: &mut impl Rng) -> Run {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
        let (did_key, _) = credentials::did::did_key_for(&key);
        let (did_jwk, _) = credentials::did::did_jwk_for(&key);
        let web = "did:web:issuer.example:hr";
        let mut candidates = vec![did_key.clone(), did_jwk.clone(), web.to_owned(), "did:web:localhost%3A8080".into()];
        let mut text = Value::String(candidates.swap_remove(rng.gen_range(0..candidates.len())));
        mutate(&mut text, rng, 0);
        let did = text.as_str().unwrap_or("did:").to_owned();
        let _ = credentials::did::did_key_document(&did);
        let _ = credentials::did::did_jwk_document(&did);
        let _ = credentials::did::web::parse_did_web(&did);
        let _ = credentials::did::did_of(&did);
        let mut document = serde_json::to_value(DidDocument::with_keys(web, &[(format!("{web}#key-1"), key)])).unwrap();
        mutate_times(&mut document, rng);
        let mut bytes = serde_json::to_vec(&document).unwrap();
        if rng.gen_range(0..8) == 0 {
            flip_bytes(&mut bytes, rng);
        }
        if let Ok(parsed) = DidDocument::parse(&bytes, web) {
            for url in [format!("{web}#key-1"), "#key-1".to_owned(), did.clone(), format!("{did}#x")] {
                let _ = parsed.method(&url);
                let _ = parsed.authorizes(&url, Purpose::AssertionMethod);
                let _ = parsed.authorizes(&url, Purpose::Authentication);
            }
            if let Some(method) = parsed.method(&format!("{web}#key-1")) {
                let _ = method.ed25519_key();
            }
            let mut resolver = StaticResolver::new();
            resolver.insert(parsed);
            let _ = credentials::did::resolve_key(&resolver, &format!("{web}#key-1"), Purpose::AssertionMethod);
        }
        (bytes, Ok(()))
    }

    pub fn request(&self, rng: &mut impl Rng) -> Run {
        use credentials::oid4vp::{sign_request, verify_request, AuthorizationRequest, DID_CLIENT_PREFIX};
        let now = SystemClock.now();
        let request = AuthorizationRequest {
            client_id: format!("{DID_CLIENT_PREFIX}{}", self.did),
            response_type: "vp_token".into(),
            response_mode: "direct_post".into(),
            response_uri: "https://verifier.example/responses/1".into(),
            nonce: "n-0S6_WzA2Mj".into(),
            state: Some("s".into()),
            dcql_query: credentials::dcql::Query::from_value(json!({"credentials": [
                serde_json::to_value(credentials::dcql::skill_query("skill", "ldp_vc", "api_design")).unwrap()
            ]}))
            .unwrap(),
            client_metadata: json!({"client_name": "Verifier", "client_name#fr": "Vérificateur",
                "vp_formats_supported": {"ldp_vc": {"cryptosuite_values": ["eddsa-rdfc-2022"]}}}),
            aud: Some(credentials::oid4vp::WALLET_AUDIENCE.into()),
            iat: Some(now.timestamp()),
            exp: Some(now.timestamp() + 300),
        };
        let mut claims = serde_json::to_value(&request).unwrap();
        mutate_times(&mut claims, rng);
        let mut compact = credentials::jose::sign(&claims, self.key.clone(), credentials::oid4vp::REQUEST_JWT_TYPE)
            .unwrap_or_else(|_| sign_request(&request, self.key.clone()).unwrap())
            .into_bytes();
        if rng.gen_range(0..6) == 0 {
            flip_bytes(&mut compact, rng);
        }
        let text = String::from_utf8_lossy(&compact).into_owned();
        let resolver = StaticResolver::new();
        let link =
            [None, Some(request.client_id.as_str()), Some("decentralized_identifier:did:key:z")][rng.gen_range(0..3)];
        if let Ok(read) = verify_request(&text, link, &resolver, now) {
            let _ = read.verifier_did();
            let _ = read.accepts_cryptosuite("ldp_vc", "eddsa-jcs-2022");
            let _ = read.expires_at();
            let _ = read.client_name(schemas::Lang::Fr);
            for credential in &self.unsigned {
                let _ = read.dcql_query.queries_to_answer(|q| q.matches("ldp_vc", credential, &self.contexts));
            }
        }
        (compact, Ok(()))
    }
}

fn status_entry(purpose: &str, list: u32, index: u32) -> Value {
    let url = format!("https://issuer.example/hr/status/{list}");
    json!({"id": format!("{url}#{index}"), "type": "BitstringStatusListEntry", "statusPurpose": purpose,
           "statusListIndex": index.to_string(), "statusListCredential": url})
}

/// An `encodedList` that is wrong in one of the ways a list can be.
fn weird_list(rng: &mut impl Rng) -> String {
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

/// The names of the targets, in the order the smoke test runs them.
pub const TARGETS: [&str; 6] = ["verify", "sign", "status", "dcql", "did", "request"];

/// One run of target `name` (`None` for an unknown name).
pub fn target(name: &str) -> Option<fn(&Fuzz, &mut rand::rngs::StdRng) -> Run> {
    Some(match name {
        "verify" => Fuzz::verify,
        "sign" => Fuzz::sign,
        "status" => Fuzz::status,
        "dcql" => Fuzz::dcql,
        "did" => Fuzz::did,
        "request" => Fuzz::request,
        _ => return None,
    })
}

/// The generator of run `run` of a session started with `seed`: one per run, so any run can be
/// replayed alone from its number.
pub fn generator(seed: u64, run: u64) -> rand::rngs::StdRng {
    rand::rngs::StdRng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(run))
}
