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

mod mutation;
mod protocols;

use std::sync::Arc;
use std::time::Duration;

use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::report::{CheckKind, Outcome};
use credentials::verify::{Network, PresentationOptions, Verifier};
use credentials::{Clock, FixedClock, Signer, SystemClock};
use issuer::sign::{sign, Secured};
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use mutation::{flip_bytes, mutate, mutate_times, weird_list};

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
}

fn status_entry(purpose: &str, list: u32, index: u32) -> Value {
    let url = format!("https://issuer.example/hr/status/{list}");
    json!({"id": format!("{url}#{index}"), "type": "BitstringStatusListEntry", "statusPurpose": purpose,
           "statusListIndex": index.to_string(), "statusListCredential": url})
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
