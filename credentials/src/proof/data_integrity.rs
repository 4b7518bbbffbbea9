//! W3C Data Integrity with the EdDSA cryptosuites: `eddsa-rdfc-2022` and `eddsa-jcs-2022` to
//! create and verify, and the legacy `Ed25519Signature2020` to verify only (Open Badges 3.0
//! platforms still issue it). Proof sets and proof chains (`previousProof`) follow the Data
//! Integrity 1.0 algorithms. The canonicalization itself is `ssi`'s (RDFC) and
//! `canonical::jcs` (JCS); this module does the suite-specific assembly so that each intermediate value (canonical
//! document, both hashes) can be checked against the W3C test vectors.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Verifier};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::canonical;
use crate::contexts::ContextSet;
use crate::did::{self, DidResolver, Purpose};
use crate::error::{Detail, Error, InputError, ProofError};
use crate::i18n::t;
use crate::signer::Signer;

/// Most proofs one document may carry; each costs a canonicalization and a key lookup.
pub const MAX_PROOFS: usize = 8;

/// The cryptosuites we can sign with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    EddsaRdfc2022,
    EddsaJcs2022,
}

impl Suite {
    pub fn name(self) -> &'static str {
        match self {
            Self::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Self::EddsaJcs2022 => "eddsa-jcs-2022",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "eddsa-rdfc-2022" => Some(Self::EddsaRdfc2022),
            "eddsa-jcs-2022" => Some(Self::EddsaJcs2022),
            _ => None,
        }
    }
}

/// How a proof's bytes are produced: the two DI suites plus the verify-only 2020 suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Canonicalization {
    Rdfc,
    Jcs,
}

/// Options of a new proof.
#[derive(Debug, Clone)]
pub struct ProofOptions {
    pub suite: Suite,
    pub created: DateTime<Utc>,
    pub purpose: Purpose,
    /// An id for this proof, so later proofs can chain to it.
    pub id: Option<String>,
    /// Ids of earlier proofs in the document this proof endorses (a proof chain).
    pub previous_proof: Vec<String>,
    pub challenge: Option<String>,
    pub domain: Option<String>,
    /// When the proof stops being valid (Data Integrity's `expires` proof option): a verifier
    /// refuses it afterwards (`proof_expired`), whatever the document says.
    pub expires: Option<DateTime<Utc>>,
}

impl ProofOptions {
    pub fn new(suite: Suite, created: DateTime<Utc>) -> Self {
        Self {
            suite,
            created,
            purpose: Purpose::AssertionMethod,
            id: None,
            previous_proof: Vec::new(),
            challenge: None,
            domain: None,
            expires: None,
        }
    }
}

/// The two canonical forms and their hashes, kept apart for the test vectors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedInput {
    pub canonical_document: String,
    pub canonical_proof_config: String,
    pub document_hash: [u8; 32],
    pub proof_config_hash: [u8; 32],
}

impl HashedInput {
    /// `hash(proof configuration) || hash(document)`: the bytes that are signed.
    pub fn combined(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&self.proof_config_hash);
        out[32..].copy_from_slice(&self.document_hash);
        out
    }
}

/// Canonicalizes and hashes a document (without `proof`) and a proof configuration (without
/// `proofValue`, with the document's `@context`).
pub fn hash_input(
    unsecured_document: &Value,
    proof_config: &Value,
    suite: Suite,
    contexts: &ContextSet,
) -> Result<HashedInput, Error> {
    let method = match suite {
        Suite::EddsaRdfc2022 => Canonicalization::Rdfc,
        Suite::EddsaJcs2022 => Canonicalization::Jcs,
    };
    hash_with(unsecured_document, proof_config, method, contexts)
}

fn hash_with(
    unsecured_document: &Value,
    proof_config: &Value,
    method: Canonicalization,
    contexts: &ContextSet,
) -> Result<HashedInput, Error> {
    let (canonical_document, canonical_proof_config) = match method {
        Canonicalization::Rdfc => {
            let document = canonical::rdfc(unsecured_document, contexts)?.concat();
            (document, canonical::rdfc_proof_configuration(proof_config, contexts)?.concat())
        }
        Canonicalization::Jcs => {
            // JCS signs the JSON as written, but its contexts must still be ones the verifier can
            // read: an unknown context or an inline one redefining a protected term is refused
            // here too. The body is not expanded (that would cost eddsa-jcs-2022 its speed, and
            // failed on presentations carrying eddsa-jcs-2022 credentials): a term no context
            // defines is caught by eddsa-rdfc-2022 only.
            canonical::check_contexts(unsecured_document, contexts)?;
            (canonical::jcs(unsecured_document), canonical::jcs(proof_config))
        }
    };
    Ok(hashes(canonical_document, canonical_proof_config))
}

fn hashes(canonical_document: String, canonical_proof_config: String) -> HashedInput {
    HashedInput {
        document_hash: Sha256::digest(canonical_document.as_bytes()).into(),
        proof_config_hash: Sha256::digest(canonical_proof_config.as_bytes()).into(),
        canonical_document,
        canonical_proof_config,
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn as_object(document: &Value) -> Result<&Map<String, Value>, InputError> {
    document.as_object().ok_or(InputError::NotAnObject { found: crate::input::json_kind(document) })
}

fn proofs_of(document: &Map<String, Value>) -> Vec<Value> {
    match document.get("proof") {
        Some(Value::Array(items)) => items.clone(),
        Some(single) => vec![single.clone()],
        None => Vec::new(),
    }
}

/// The document a proof covers: no `proof`, or, in a chain, only the proofs it names.
fn unsecured_for(document: &Map<String, Value>, previous: &[String]) -> Result<Map<String, Value>, ProofError> {
    let mut unsecured = document.clone();
    unsecured.remove("proof");
    if !previous.is_empty() {
        let all = proofs_of(document);
        let mut matching = Vec::new();
        for id in previous {
            let found = all.iter().find(|p| p.get("id").and_then(Value::as_str) == Some(id.as_str()));
            matching.push(found.cloned().ok_or_else(|| ProofError::PreviousProofMissing(id.clone()))?);
        }
        unsecured.insert("proof".into(), Value::Array(matching));
    }
    Ok(unsecured)
}

/// Signs `document` and returns it with the new proof added (to the proof set, if it had one).
pub fn add_proof(
    document: &Value,
    signer: &dyn Signer,
    options: &ProofOptions,
    contexts: &ContextSet,
) -> Result<Value, Error> {
    let object = as_object(document)?;
    let unsecured = Value::Object(unsecured_for(object, &options.previous_proof)?);
    let mut config = Map::new();
    if let Some(id) = &options.id {
        config.insert("id".into(), id.clone().into());
    }
    config.insert("type".into(), "DataIntegrityProof".into());
    config.insert("cryptosuite".into(), options.suite.name().into());
    config.insert("created".into(), timestamp(options.created).into());
    config.insert("verificationMethod".into(), signer.verification_method().into());
    config.insert("proofPurpose".into(), options.purpose.as_str().into());
    match options.previous_proof.as_slice() {
        [] => {}
        [one] => {
            config.insert("previousProof".into(), one.clone().into());
        }
        many => {
            config.insert("previousProof".into(), many.to_vec().into());
        }
    }
    if let Some(challenge) = &options.challenge {
        config.insert("challenge".into(), challenge.clone().into());
    }
    if let Some(domain) = &options.domain {
        config.insert("domain".into(), domain.clone().into());
    }
    if let Some(expires) = options.expires {
        config.insert("expires".into(), timestamp(expires).into());
    }
    let mut config_with_context = config.clone();
    if let Some(context) = object.get("@context") {
        config_with_context.insert("@context".into(), context.clone());
    }
    let hashed = hash_input(&unsecured, &Value::Object(config_with_context.clone()), options.suite, contexts)?;
    let signature = signer.sign(&hashed.combined())?;
    // eddsa-jcs-2022 keeps the `@context` it signed in the proof; eddsa-rdfc-2022 does not.
    let mut config = if options.suite == Suite::EddsaJcs2022 { config_with_context } else { config };
    config.insert("proofValue".into(), multibase::encode(multibase::Base::Base58Btc, signature).into());

    // The unsecured document is the signed one but for `proof` (removed as from a copy of
    // `document`, or the chain's proofs put last): it becomes the result rather than a second copy
    // of the whole document (a presentation of 30 credentials is 90 kB).
    let Value::Object(mut signed) = unsecured else {
        return Err(InputError::NotAnObject { found: crate::input::json_kind(&unsecured) }.into());
    };
    let proof = Value::Object(config);
    let new_proof = match object.get("proof") {
        None => proof,
        Some(Value::Array(existing)) => {
            let mut existing = existing.clone();
            existing.push(proof);
            Value::Array(existing)
        }
        Some(existing) => Value::Array(vec![existing.clone(), proof]),
    };
    signed.insert("proof".into(), new_proof);
    Ok(Value::Object(signed))
}

/// The result of checking one proof of a document.
#[derive(Debug)]
pub struct ProofOutcome {
    /// `eddsa-rdfc-2022`, `eddsa-jcs-2022` or `Ed25519Signature2020` (or what the proof claimed).
    pub suite: String,
    pub verification_method: Option<String>,
    pub result: Result<(), Error>,
}

/// Checks every proof of a secured document. `Err` only when the document has no readable
/// `proof` at all; each proof's own failure is in its [`ProofOutcome`].
pub fn verify_proofs(
    document: &Value,
    resolver: &dyn DidResolver,
    contexts: &ContextSet,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Vec<ProofOutcome>, Error> {
    let object = as_object(document)?;
    let proofs = proofs_of(object);
    if proofs.is_empty() {
        return Err(ProofError::NoProof.into());
    }
    if proofs.len() > MAX_PROOFS {
        return Err(ProofError::TooManyProofs { count: proofs.len(), limit: MAX_PROOFS }.into());
    }
    let mut outcomes: Vec<ProofOutcome> = proofs
        .iter()
        .map(|proof| {
            let suite = proof
                .get("cryptosuite")
                .or_else(|| proof.get("type"))
                .and_then(Value::as_str)
                .unwrap_or("(unknown)")
                .to_owned();
            let verification_method = proof.get("verificationMethod").and_then(Value::as_str).map(str::to_owned);
            let result = verify_one(object, proof, resolver, contexts, purpose, now);
            ProofOutcome { suite, verification_method, result }
        })
        .collect();
    // A chain is as good as the proofs it endorses (VC Data Integrity §4.4): a proof whose
    // `previousProof` names a proof that does not verify fails with it.
    let failed: Vec<(String, Detail)> = proofs
        .iter()
        .zip(&outcomes)
        .filter_map(|(proof, outcome)| {
            let id = proof.get("id").and_then(Value::as_str)?;
            let error = outcome.result.as_ref().err()?;
            Some((id.to_owned(), Detail::of(error)))
        })
        .collect();
    for (proof, outcome) in proofs.iter().zip(outcomes.iter_mut()) {
        if outcome.result.is_err() {
            continue;
        }
        let previous = previous_proofs(proof.as_object().unwrap_or(&Map::new())).unwrap_or_default();
        if let Some((id, reason)) = failed.iter().find(|(id, _)| previous.contains(id)) {
            outcome.result = Err(ProofError::PreviousProofInvalid { id: id.clone(), reason: reason.clone() }.into());
        }
    }
    Ok(outcomes)
}

/// The ids a proof's `previousProof` names: one string or an array of strings (VC Data
/// Integrity §2.1.2); anything else is malformed.
fn previous_proofs(proof: &Map<String, Value>) -> Result<Vec<String>, ProofError> {
    let malformed = || ProofError::InvalidField {
        field: "previousProof",
        reason: Detail::localized(|lang| t!(lang, "data-integrity-must-be-string-or-array")),
    };
    match proof.get("previousProof") {
        None => Ok(Vec::new()),
        Some(Value::String(id)) => Ok(vec![id.clone()]),
        Some(Value::Array(ids)) => ids.iter().map(|id| id.as_str().map(str::to_owned).ok_or_else(malformed)).collect(),
        Some(_) => Err(malformed()),
    }
}

fn required_str<'a>(proof: &'a Map<String, Value>, field: &'static str) -> Result<&'a str, ProofError> {
    match proof.get(field) {
        None => Err(ProofError::MissingField(field)),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(ProofError::InvalidField { field, reason: must_be_a_string() }),
    }
}

fn must_be_a_string() -> Detail {
    Detail::localized(|lang| t!(lang, "data-integrity-must-be-string"))
}

fn parse_time(proof: &Map<String, Value>, field: &'static str) -> Result<Option<DateTime<Utc>>, ProofError> {
    match proof.get(field) {
        None => Ok(None),
        Some(Value::String(s)) => {
            DateTime::parse_from_rfc3339(s).map(|t| Some(t.with_timezone(&Utc))).map_err(|e| ProofError::InvalidField {
                field,
                reason: Detail::localized(|lang| t!(lang, "data-integrity-not-a-date", detail = e.to_string())),
            })
        }
        Some(_) => Err(ProofError::InvalidField { field, reason: must_be_a_string() }),
    }
}

fn verify_one(
    document: &Map<String, Value>,
    proof: &Value,
    resolver: &dyn DidResolver,
    contexts: &ContextSet,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let proof = proof.as_object().ok_or_else(|| ProofError::InvalidField {
        field: "proof",
        reason: Detail::localized(|lang| t!(lang, "data-integrity-must-be-object")),
    })?;
    let proof_type = required_str(proof, "type")?;
    let method = match proof_type {
        "DataIntegrityProof" => {
            let suite = required_str(proof, "cryptosuite")?;
            match Suite::from_name(suite) {
                Some(Suite::EddsaRdfc2022) => Canonicalization::Rdfc,
                Some(Suite::EddsaJcs2022) => Canonicalization::Jcs,
                None => return Err(ProofError::UnknownCryptosuite(suite.to_owned()).into()),
            }
        }
        "Ed25519Signature2020" => Canonicalization::Rdfc,
        other => return Err(ProofError::UnsupportedType(other.to_owned()).into()),
    };
    let verification_method = required_str(proof, "verificationMethod")?;
    let found_purpose = required_str(proof, "proofPurpose")?;
    if found_purpose != purpose.as_str() {
        return Err(ProofError::WrongPurpose { expected: purpose.as_str().into(), found: found_purpose.into() }.into());
    }
    parse_time(proof, "created")?;
    if let Some(expires) = parse_time(proof, "expires")? {
        if expires < now {
            return Err(ProofError::Expired(timestamp(expires)).into());
        }
    }
    let signature = decode_proof_value(required_str(proof, "proofValue")?)?;

    let previous = previous_proofs(proof)?;
    // A proof chain signs the document with the proofs it names: that one is built.
    let chained = if previous.is_empty() { None } else { Some(unsecured_for(document, &previous)?) };
    let mut config = proof.clone();
    config.remove("proofValue");
    let as_list = |context: &Value| match context {
        Value::Array(items) => items.clone(),
        single => vec![single.clone()],
    };
    // The `@context` the document was signed under, when not its own.
    let mut signed_context = None;
    match (config.get("@context"), document.get("@context")) {
        // A proof that carries its own `@context` (eddsa-jcs-2022) signed the document under
        // that context: the document's contexts must start with it, and the document is hashed
        // with the proof's context, as Data Integrity says.
        (Some(proof_context), Some(document_context)) => {
            if !as_list(document_context).starts_with(&as_list(proof_context)) {
                return Err(ProofError::InvalidField {
                    field: "@context",
                    reason: Detail::localized(|lang| t!(lang, "data-integrity-context-mismatch")),
                }
                .into());
            }
            signed_context = Some(proof_context.clone());
        }
        (Some(_), None) => {}
        (None, Some(context)) => {
            config.insert("@context".into(), context.clone());
        }
        (None, None) => {}
    }
    let config = Value::Object(config);
    let hashed = match (method, chained) {
        // JCS reads the document in place, without `proof` (no copy of it).
        (Canonicalization::Jcs, None) => {
            hashes(canonical::jcs_unsecured(document, signed_context.as_ref(), contexts)?, canonical::jcs(&config))
        }
        (_, chained) => {
            let mut unsecured = match chained {
                Some(chained) => chained,
                None => unsecured_for(document, &[])?,
            };
            if let Some(context) = signed_context {
                unsecured.insert("@context".into(), context);
            }
            hash_with(&Value::Object(unsecured), &config, method, contexts)?
        }
    };
    let key = did::resolve_key(resolver, verification_method, purpose)?;
    key.verify(&hashed.combined(), &signature).map_err(|_| ProofError::SignatureMismatch)?;
    Ok(())
}

/// `proofValue` must be base58btc multibase (`z…`) of a 64-byte Ed25519 signature.
pub fn decode_proof_value(value: &str) -> Result<Signature, ProofError> {
    let Some(first) = value.chars().next() else {
        return Err(ProofError::BadProofValue("empty".into()));
    };
    // 64 bytes are 86 to 88 base58 characters; refuse long input before the (quadratic) decoding.
    if value.len() > 100 {
        return Err(ProofError::BadProofValue(format!("{} characters, too long for a signature", value.len())));
    }
    if first != 'z' {
        return Err(ProofError::BadProofValue(format!("multibase prefix `{first}` where base58btc `z` is required")));
    }
    let (_, bytes) = multibase::decode(value).map_err(|e| ProofError::BadProofValue(format!("not base58btc: {e}")))?;
    let array: [u8; 64] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| ProofError::BadProofValue(format!("signature of {} bytes, 64 expected", bytes.len())))?;
    Ok(Signature::from_bytes(&array))
}
