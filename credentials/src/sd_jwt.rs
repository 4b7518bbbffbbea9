//! SD-JWT (RFC 9901): a JWT whose issuer replaced some claims by salted digests, so the holder
//! can later reveal only the claims a verifier needs while the issuer's signature still covers
//! all of them. This module is the format alone (disclosures, digests, key binding); what the
//! claims mean for our credentials is `sd_jwt_vc`.
//!
//! Built on `josekit` rather than an SD-JWT crate: the Rust SD-JWT crates we looked at either
//! switch serde_json to `arbitrary_precision` for the whole workspace (which changes how every
//! other number is read) or bring a second JWS stack, and none names *why* an SD-JWT is refused,
//! which our reports must (see docs/decisions/0004-sd-jwt-vc.md).
//!
//! Verification is strict where RFC 9901 §7.1 says "MUST reject": a digest met twice, a
//! disclosure used twice or not at all, a disclosed name that already exists, `_sd` or `...` as
//! a disclosed name, an `_sd_alg` other than `sha-256`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use base64::Engine;
use josekit::jws::{JwsHeader, JwsSigner, JwsVerifier};
use rand::RngCore;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

/// The only digest algorithm we issue and accept (RFC 9901's default).
pub const SD_ALG: &str = "sha-256";
/// `typ` of a key-binding JWT.
pub const KB_JWT_TYPE: &str = "kb+jwt";
/// Most disclosures one SD-JWT may carry: a credential has a few dozen claims at most, and each
/// disclosure costs a hash and a JSON parse.
pub const MAX_DISCLOSURES: usize = 256;
/// Deepest nesting of revealed claims, counting levels reached through disclosures.
pub const MAX_DEPTH: usize = 32;

const SD: &str = "_sd";
const SD_ALG_CLAIM: &str = "_sd_alg";
const ELLIPSIS: &str = "...";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// base64url(SHA-256(ASCII of `text`)): a disclosure's digest, and the KB-JWT's `sd_hash`.
pub fn digest(text: &str) -> String {
    b64(&Sha256::digest(text.as_bytes()))
}

/// One step of a claim path: an object member or an array element.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Where a claim sits in the revealed payload, e.g. `skills.api_design` or `nationalities.1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ClaimPath(pub Vec<Step>);

impl ClaimPath {
    /// Reads `skills.api_design` (a number addresses an array element).
    pub fn parse(text: &str) -> Result<ClaimPath, SdJwtError> {
        if text.trim().is_empty() {
            return Err(SdJwtError::BadPath(text.to_owned()));
        }
        let steps = text
            .split('.')
            .map(|part| match part {
                "" => Err(SdJwtError::BadPath(text.to_owned())),
                part if part.bytes().all(|b| b.is_ascii_digit()) => {
                    part.parse().map(Step::Index).map_err(|_| SdJwtError::BadPath(text.to_owned()))
                }
                part => Ok(Step::Key(part.to_owned())),
            })
            .collect::<Result<_, _>>()?;
        Ok(ClaimPath(steps))
    }

    pub fn key(names: &[&str]) -> ClaimPath {
        ClaimPath(names.iter().map(|name| Step::Key((*name).to_owned())).collect())
    }

    /// `self` is `other` or lies inside it.
    pub fn starts_with(&self, other: &ClaimPath) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The path as a JSON array (the shape of an OpenID4VP claims path).
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.0
                .iter()
                .map(|step| match step {
                    Step::Key(key) => Value::String(key.clone()),
                    Step::Index(index) => Value::from(*index),
                })
                .collect(),
        )
    }
}

impl fmt::Display for ClaimPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match step {
                Step::Key(key) => f.write_str(key)?,
                Step::Index(index) => write!(f, "{index}")?,
            }
        }
        Ok(())
    }
}

/// One disclosure: `[salt, name, value]` for an object member, `[salt, value]` for an array
/// element, kept in the exact encoding the issuer chose (digests are over that text).
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    pub encoded: String,
    pub salt: String,
    pub name: Option<String>,
    pub value: Value,
}

impl Disclosure {
    /// A new disclosure with a fresh 128-bit salt.
    pub fn new(name: Option<&str>, value: Value) -> Disclosure {
        let mut salt = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut salt);
        let salt = b64(&salt);
        let array = match name {
            Some(name) => {
                Value::Array(vec![Value::String(salt.clone()), Value::String(name.to_owned()), value.clone()])
            }
            None => Value::Array(vec![Value::String(salt.clone()), value.clone()]),
        };
        Disclosure { encoded: b64(array.to_string().as_bytes()), salt, name: name.map(str::to_owned), value }
    }

    /// Reads one disclosure as sent.
    pub fn parse(encoded: &str) -> Result<Disclosure, SdJwtError> {
        let malformed =
            |reason: fn(schemas::Lang) -> String| SdJwtError::DisclosureMalformed(Detail::localized(reason));
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| malformed(|lang| t!(lang, "sd-jwt-disclosure-not-base64")))?;
        let array: Vec<Value> =
            serde_json::from_slice(&bytes).map_err(|_| malformed(|lang| t!(lang, "sd-jwt-disclosure-not-array")))?;
        let salt = match array.first() {
            Some(Value::String(salt)) => salt.clone(),
            _ => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-salt"))),
        };
        let (name, value) = match array.as_slice() {
            [_, value] => (None, value.clone()),
            [_, Value::String(name), value] => {
                if name == SD || name == ELLIPSIS || name == SD_ALG_CLAIM {
                    return Err(SdJwtError::ReservedName(name.clone()));
                }
                (Some(name.clone()), value.clone())
            }
            [_, _, _] => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-name"))),
            _ => return Err(malformed(|lang| t!(lang, "sd-jwt-disclosure-length"))),
        };
        Ok(Disclosure { encoded: encoded.to_owned(), salt, name, value })
    }

    pub fn digest(&self) -> String {
        digest(&self.encoded)
    }
}

/// A compact SD-JWT or SD-JWT+KB cut at its `~`, nothing checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compact<'a> {
    pub issuer_jwt: &'a str,
    pub disclosures: Vec<&'a str>,
    pub kb_jwt: Option<&'a str>,
}

impl<'a> Compact<'a> {
    pub fn split(text: &'a str) -> Result<Compact<'a>, SdJwtError> {
        let mut parts: Vec<&str> = text.split('~').collect();
        if parts.len() < 2 {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-no-separator"))));
        }
        let issuer_jwt = parts.remove(0);
        let last = parts.pop().unwrap_or_default();
        let kb_jwt = if last.is_empty() { None } else { Some(last) };
        if parts.iter().any(|part| part.is_empty()) {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-empty-disclosure"))));
        }
        if parts.len() > MAX_DISCLOSURES {
            return Err(SdJwtError::TooManyDisclosures { count: parts.len(), limit: MAX_DISCLOSURES });
        }
        if issuer_jwt.split('.').count() != 3 {
            return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-issuer-part"))));
        }
        Ok(Compact { issuer_jwt, disclosures: parts, kb_jwt })
    }

    /// The `sd_hash` of what was presented: [`digest`] of [`Compact::without_kb`], without
    /// copying the text.
    pub fn sd_hash(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.issuer_jwt.as_bytes());
        hasher.update(b"~");
        for disclosure in &self.disclosures {
            hasher.update(disclosure.as_bytes());
            hasher.update(b"~");
        }
        b64(&hasher.finalize())
    }

    /// `<issuer JWT>~<disclosure>~…~`: what the KB-JWT's `sd_hash` covers.
    pub fn without_kb(&self) -> String {
        let mut text = String::from(self.issuer_jwt);
        text.push('~');
        for disclosure in &self.disclosures {
            text.push_str(disclosure);
            text.push('~');
        }
        text
    }
}

/// Replaces the claims at `paths` by digests (deepest first, so a disclosable claim may hold
/// disclosable claims), adds `decoys` fake digests to every `_sd` array it creates, and sorts
/// each `_sd` array so the digests do not reveal the claims' order.
pub fn conceal(mut claims: Value, paths: &[ClaimPath], decoys: usize) -> Result<(Value, Vec<Disclosure>), SdJwtError> {
    let mut paths: Vec<&ClaimPath> = paths.iter().collect();
    paths.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| b.cmp(a)));
    paths.dedup();
    let mut disclosures = Vec::new();
    let mut touched: Vec<Vec<Step>> = Vec::new();
    for path in paths {
        let Some((last, parent_path)) = path.0.split_last() else {
            return Err(SdJwtError::BadPath(String::new()));
        };
        // Deepest first: every claim inside this one is concealed already, so its `_sd` array is
        // complete and gets its decoys and order now, before it disappears into a disclosure.
        if let Some(at) = touched.iter().position(|p| p == &path.0) {
            touched.swap_remove(at);
            if let Some(value) = pointer_mut(&mut claims, &path.0) {
                finish_sd(value, decoys);
            }
        }
        let parent = pointer_mut(&mut claims, parent_path).ok_or_else(|| SdJwtError::BadPath(path.to_string()))?;
        match (parent, last) {
            (Value::Object(object), Step::Key(name)) => {
                if name == SD || name == SD_ALG_CLAIM || name == ELLIPSIS {
                    return Err(SdJwtError::ReservedName(name.clone()));
                }
                let value = object.remove(name).ok_or_else(|| SdJwtError::BadPath(path.to_string()))?;
                let disclosure = Disclosure::new(Some(name), value);
                let sd = object.entry(SD).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(digests) = sd {
                    digests.push(Value::String(disclosure.digest()));
                }
                if !touched.iter().any(|p| p.as_slice() == parent_path) {
                    touched.push(parent_path.to_vec());
                }
                disclosures.push(disclosure);
            }
            (Value::Array(items), Step::Index(index)) if *index < items.len() => {
                let value = std::mem::take(&mut items[*index]);
                let disclosure = Disclosure::new(None, value);
                let mut marker = Map::new();
                marker.insert(ELLIPSIS.into(), Value::String(disclosure.digest()));
                items[*index] = Value::Object(marker);
                disclosures.push(disclosure);
            }
            _ => return Err(SdJwtError::BadPath(path.to_string())),
        }
    }
    for parent_path in touched {
        if let Some(value) = pointer_mut(&mut claims, &parent_path) {
            finish_sd(value, decoys);
        }
    }
    if let Value::Object(object) = &mut claims {
        object.insert(SD_ALG_CLAIM.into(), Value::String(SD_ALG.into()));
    }
    Ok((claims, disclosures))
}

/// Adds `decoys` fake digests to an object's `_sd` array and sorts it, so neither the number of
/// hidden claims nor their order shows.
fn finish_sd(value: &mut Value, decoys: usize) {
    if let Some(Value::Array(digests)) = value.as_object_mut().and_then(|object| object.get_mut(SD)) {
        for _ in 0..decoys {
            let mut noise = [0u8; 32];
            rand::thread_rng().fill_bytes(&mut noise);
            digests.push(Value::String(digest(&b64(&noise))));
        }
        digests.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
}

fn pointer_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |value, step| match (value, step) {
        (Value::Object(object), Step::Key(key)) => object.get_mut(key),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    })
}

/// Signs `claims` (already concealed) as the issuer-signed JWT and appends the disclosures.
pub fn issue(
    claims: &Value,
    disclosures: &[Disclosure],
    typ: &str,
    signer: &dyn JwsSigner,
) -> Result<String, SdJwtError> {
    let mut header = JwsHeader::new();
    header.set_token_type(typ);
    if let Some(kid) = signer.key_id() {
        header.set_key_id(kid);
    }
    let payload = serde_json::to_vec(claims).map_err(|e| SdJwtError::Malformed(Detail::same(e.to_string())))?;
    let jwt = josekit::jws::serialize_compact(&payload, &header, signer).map_err(|e| {
        SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "signer-failed", detail = e.to_string())))
    })?;
    let mut text = jwt;
    text.push('~');
    for disclosure in disclosures {
        text.push_str(&disclosure.encoded);
        text.push('~');
    }
    Ok(text)
}

/// The payload with every sent disclosure put back where its digest was, and which claims
/// those were.
#[derive(Debug, Clone, PartialEq)]
pub struct Revealed {
    pub claims: Value,
    /// Every disclosed claim, in payload order of discovery (a claim inside a disclosed claim
    /// is listed with its full path).
    pub disclosed: Vec<ClaimPath>,
    /// The disclosure behind each disclosed claim.
    pub by_path: Vec<(ClaimPath, String)>,
}

/// RFC 9901 §7.1 steps 3–5 on a decoded issuer-signed payload: check `_sd_alg`, put each
/// disclosure in its place, refuse repeats, collisions and leftovers, drop decoys and unused
/// digests.
pub fn reveal(payload: &Value, encoded: &[&str]) -> Result<Revealed, SdJwtError> {
    reveal_owned(payload.clone(), encoded)
}

/// [`reveal`] on a payload the caller no longer needs: the claims are revealed in place and the
/// disclosed values moved in, nothing copied (a verifier does this on every presentation).
pub fn reveal_owned(mut payload: Value, encoded: &[&str]) -> Result<Revealed, SdJwtError> {
    if encoded.len() > MAX_DISCLOSURES {
        return Err(SdJwtError::TooManyDisclosures { count: encoded.len(), limit: MAX_DISCLOSURES });
    }
    match payload.get(SD_ALG_CLAIM) {
        None => {}
        Some(Value::String(alg)) if alg == SD_ALG => {}
        Some(other) => {
            return Err(SdJwtError::UnsupportedSdAlg(other.as_str().map_or_else(|| other.to_string(), str::to_owned)))
        }
    }
    let mut seen_encoded = HashSet::new();
    let mut disclosures = Vec::with_capacity(encoded.len());
    for text in encoded {
        if !seen_encoded.insert(*text) {
            return Err(SdJwtError::DuplicateDisclosure);
        }
        disclosures.push(Some(Disclosure::parse(text)?));
    }
    let by_digest: HashMap<String, usize> =
        disclosures.iter().enumerate().filter_map(|(index, d)| d.as_ref().map(|d| (d.digest(), index))).collect();
    let mut walk = Walk { disclosures, by_digest, seen_digests: HashSet::new(), disclosed: Vec::new() };
    walk.value(&mut payload, &mut Vec::new(), 0)?;
    if let Value::Object(object) = &mut payload {
        object.remove(SD_ALG_CLAIM);
    }
    if walk.disclosures.iter().any(Option::is_some) {
        return Err(SdJwtError::UnreferencedDisclosure);
    }
    let disclosed = walk.disclosed.iter().map(|(path, _)| path.clone()).collect();
    Ok(Revealed { claims: payload, disclosed, by_path: walk.disclosed })
}

/// One pass over the payload, revealing in place.
struct Walk {
    /// Disclosures not yet placed (`None` once used): what is left was never referenced.
    disclosures: Vec<Option<Disclosure>>,
    by_digest: HashMap<String, usize>,
    /// Every digest met, moved out of the payload (a digest met twice is refused).
    seen_digests: HashSet<String>,
    disclosed: Vec<(ClaimPath, String)>,
}

impl Walk {
    fn take(&mut self, digest: String) -> Result<Option<Disclosure>, SdJwtError> {
        let found = self.by_digest.get(&digest).copied();
        if !self.seen_digests.insert(digest) {
            return Err(SdJwtError::DuplicateDigest);
        }
        Ok(found.and_then(|index| self.disclosures[index].take()))
    }

    fn value(&mut self, value: &mut Value, path: &mut Vec<Step>, depth: usize) -> Result<(), SdJwtError> {
        if depth > MAX_DEPTH {
            return Err(SdJwtError::TooDeep { limit: MAX_DEPTH });
        }
        match value {
            Value::Object(object) => self.object(object, path, depth),
            Value::Array(items) => self.array(items, path, depth),
            _ => Ok(()),
        }
    }

    fn object(
        &mut self,
        object: &mut Map<String, Value>,
        path: &mut Vec<Step>,
        depth: usize,
    ) -> Result<(), SdJwtError> {
        let digests = match object.remove(SD) {
            None => Vec::new(),
            Some(Value::Array(digests)) => digests,
            Some(_) => return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-sd-not-array")))),
        };
        for (name, value) in object.iter_mut() {
            path.push(Step::Key(name.clone()));
            self.value(value, path, depth + 1)?;
            path.pop();
        }
        for digest in digests {
            let Value::String(digest) = digest else {
                return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-sd-entry"))));
            };
            let Some(disclosure) = self.take(digest)? else { continue };
            let Some(name) = disclosure.name else {
                return Err(SdJwtError::WrongDisclosureKind { expected_member: true });
            };
            if object.contains_key(&name) {
                return Err(SdJwtError::ClaimCollision(name));
            }
            path.push(Step::Key(name.clone()));
            self.disclosed.push((ClaimPath(path.clone()), disclosure.encoded));
            let mut value = disclosure.value;
            self.value(&mut value, path, depth + 1)?;
            path.pop();
            object.insert(name, value);
        }
        Ok(())
    }

    fn array(&mut self, items: &mut Vec<Value>, path: &mut Vec<Step>, depth: usize) -> Result<(), SdJwtError> {
        let mut out = Vec::with_capacity(items.len());
        for item in std::mem::take(items) {
            let is_marker =
                matches!(&item, Value::Object(object) if object.len() == 1 && object.contains_key(ELLIPSIS));
            // The element's index in the revealed array, which is where a person sees it.
            path.push(Step::Index(out.len()));
            if is_marker {
                let digest = match item {
                    Value::Object(mut object) => object.remove(ELLIPSIS),
                    _ => None,
                };
                let Some(Value::String(digest)) = digest else {
                    return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-array-digest"))));
                };
                if let Some(disclosure) = self.take(digest)? {
                    if disclosure.name.is_some() {
                        return Err(SdJwtError::WrongDisclosureKind { expected_member: false });
                    }
                    self.disclosed.push((ClaimPath(path.clone()), disclosure.encoded));
                    let mut value = disclosure.value;
                    self.value(&mut value, path, depth + 1)?;
                    out.push(value);
                }
            } else {
                let mut item = item;
                self.value(&mut item, path, depth + 1)?;
                out.push(item);
            }
            path.pop();
        }
        *items = out;
        Ok(())
    }
}

/// What the holder asks a key-binding JWT to prove: to whom, for which request, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub audience: String,
    pub nonce: String,
    pub issued_at: i64,
}

/// Appends a KB-JWT signed by `holder` to `presentation` (which must end with `~`).
pub fn bind(presentation: &str, binding: &Binding, holder: &dyn JwsSigner) -> Result<String, SdJwtError> {
    let compact = Compact::split(presentation)?;
    if compact.kb_jwt.is_some() {
        return Err(SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "sd-jwt-already-bound"))));
    }
    let without = compact.without_kb();
    let mut header = JwsHeader::new();
    header.set_token_type(KB_JWT_TYPE);
    let claims = serde_json::json!({
        "iat": binding.issued_at,
        "aud": binding.audience,
        "nonce": binding.nonce,
        "sd_hash": digest(&without),
    });
    let payload = serde_json::to_vec(&claims).map_err(|e| SdJwtError::Malformed(Detail::same(e.to_string())))?;
    let kb = josekit::jws::serialize_compact(&payload, &header, holder).map_err(|e| {
        SdJwtError::Malformed(Detail::localized(|lang| t!(lang, "signer-failed", detail = e.to_string())))
    })?;
    Ok(format!("{without}{kb}"))
}

/// Keeps only the disclosures needed to show `keep` (and the claims that contain them), from
/// an SD-JWT as issued. The issuer-signed JWT is copied untouched.
pub fn select(issued: &str, keep: &[ClaimPath]) -> Result<String, SdJwtError> {
    let compact = Compact::split(issued)?;
    let payload = decode_payload(compact.issuer_jwt)?;
    let revealed = reveal(&payload, &compact.disclosures)?;
    for wanted in keep {
        if !revealed.disclosed.iter().any(|path| path == wanted) {
            return Err(SdJwtError::NotDisclosable(wanted.to_string()));
        }
    }
    let mut text = String::from(compact.issuer_jwt);
    text.push('~');
    for (path, encoded) in &revealed.by_path {
        // A claim is sent when asked for, or when an asked-for claim lies inside it.
        if keep.iter().any(|wanted| wanted.starts_with(path)) {
            text.push_str(encoded);
            text.push('~');
        }
    }
    Ok(text)
}

/// The issuer-signed JWT's payload, signature not checked.
pub fn decode_payload(jwt: &str) -> Result<Value, SdJwtError> {
    crate::jose::decode(jwt).map(|unverified| unverified.payload).map_err(|e| SdJwtError::Malformed(Detail::of(&e)))
}

/// What a verifier requires of the key-binding JWT beyond its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindingPolicy {
    /// `None` accepts any audience (the nonce alone ties it to this verifier's request).
    pub audience: Option<String>,
    pub nonce: String,
    /// Seconds since the epoch, how old `iat` may be, and the tolerance either way.
    pub now: i64,
    pub max_age: Option<i64>,
    pub skew: i64,
}

/// A key-binding JWT whose signature and `sd_hash` checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub audience: String,
    pub nonce: String,
    pub issued_at: i64,
}

impl KeyBinding {
    /// `nonce` and `aud` answer this verifier's request.
    pub fn answers(&self, policy: &KeyBindingPolicy) -> Result<(), SdJwtError> {
        if self.nonce != policy.nonce {
            return Err(SdJwtError::KeyBindingNonce);
        }
        if policy.audience.as_ref().is_some_and(|audience| *audience != self.audience) {
            return Err(SdJwtError::KeyBindingAudience);
        }
        Ok(())
    }

    /// `iat` is neither in the future nor older than the policy allows.
    pub fn recent(&self, policy: &KeyBindingPolicy) -> Result<(), SdJwtError> {
        if self.issued_at > policy.now.saturating_add(policy.skew) {
            return Err(SdJwtError::KeyBindingFromFuture);
        }
        match policy.max_age {
            Some(max_age) if self.issued_at < policy.now.saturating_sub(max_age).saturating_sub(policy.skew) => {
                Err(SdJwtError::KeyBindingTooOld)
            }
            _ => Ok(()),
        }
    }
}

/// RFC 9901 §7.3 step 5 on the KB-JWT: `typ`, signature by the confirmation key, `sd_hash`
/// over exactly what was presented. Whether it answers this verifier's request is
/// [`KeyBinding::answers`] and [`KeyBinding::recent`], reported as their own checks.
pub fn verify_key_binding(compact: &Compact<'_>, holder_key: &dyn JwsVerifier) -> Result<KeyBinding, SdJwtError> {
    let kb = compact.kb_jwt.ok_or(SdJwtError::KeyBindingMissing)?;
    let unverified = crate::jose::decode(kb).map_err(|e| SdJwtError::KeyBindingMalformed(Detail::of(&e)))?;
    if unverified.header.get("typ").and_then(Value::as_str) != Some(KB_JWT_TYPE) {
        return Err(SdJwtError::KeyBindingMalformed(Detail::localized(|lang| {
            t!(lang, "sd-jwt-key-binding-type", expected = KB_JWT_TYPE)
        })));
    }
    let alg = unverified.header.get("alg").and_then(Value::as_str).unwrap_or("(missing)");
    if alg != holder_key.algorithm().name() {
        return Err(SdJwtError::KeyBindingSignature);
    }
    if unverified.header.contains_key("crit") {
        return Err(SdJwtError::KeyBindingMalformed(Detail::localized(|lang| t!(lang, "sd-jwt-key-binding-crit"))));
    }
    crate::jose::verify_signature(kb, holder_key).map_err(|_| SdJwtError::KeyBindingSignature)?;
    let claims = &unverified.payload;
    let missing = |name: &'static str| {
        SdJwtError::KeyBindingMalformed(Detail::localized(|lang| {
            t!(lang, "sd-jwt-key-binding-claim-missing", name = name)
        }))
    };
    let text = |name: &'static str| claims.get(name).and_then(Value::as_str).ok_or_else(|| missing(name));
    if text("sd_hash")? != compact.sd_hash() {
        return Err(SdJwtError::KeyBindingSdHash);
    }
    Ok(KeyBinding {
        audience: text("aud")?.to_owned(),
        nonce: text("nonce")?.to_owned(),
        issued_at: claims.get("iat").and_then(Value::as_i64).ok_or_else(|| missing("iat"))?,
    })
}

/// Checks the issuer's signature on the issuer-signed JWT with `issuer_key`, whose algorithm
/// must be that of `header`, the JWT's header as the caller already decoded it (`alg: none` and
/// HMAC never get here: callers only build EdDSA or ES256 verifiers from public keys).
pub fn verify_issuer_signature(
    compact: &Compact<'_>,
    header: &Map<String, Value>,
    issuer_key: &dyn JwsVerifier,
) -> Result<(), SdJwtError> {
    if header.get("alg").and_then(Value::as_str) != Some(issuer_key.algorithm().name()) || header.contains_key("crit") {
        return Err(SdJwtError::IssuerSignature);
    }
    crate::jose::verify_signature(compact.issuer_jwt, issuer_key).map_err(|_| SdJwtError::IssuerSignature)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use serde_json::json;

    fn paths(list: &[&str]) -> Vec<ClaimPath> {
        list.iter().map(|p| ClaimPath::parse(p).unwrap()).collect()
    }

    #[test]
    fn conceal_then_reveal_gives_the_claims_back() {
        let claims = json!({"a": 1, "skills": {"x": "X", "y": "Y"}, "list": ["p", "q"]});
        let (concealed, disclosures) =
            conceal(claims.clone(), &paths(&["skills.x", "skills.y", "list.1", "a"]), 2).unwrap();
        assert!(concealed.get("a").is_none());
        assert_eq!(concealed["skills"]["_sd"].as_array().unwrap().len(), 4);
        let encoded: Vec<&str> = disclosures.iter().map(|d| d.encoded.as_str()).collect();
        let revealed = reveal(&concealed, &encoded).unwrap();
        assert_eq!(revealed.claims, claims);
        let mut disclosed: Vec<String> = revealed.disclosed.iter().map(ToString::to_string).collect();
        disclosed.sort();
        assert_eq!(disclosed, ["a", "list.1", "skills.x", "skills.y"]);
    }

    #[test]
    fn undisclosed_claims_and_decoys_vanish() {
        let (concealed, disclosures) =
            conceal(json!({"k": {"x": 1, "y": 2}, "l": [1, 2, 3]}), &paths(&["k.x", "k.y", "l.0"]), 3).unwrap();
        let only_y: Vec<&str> =
            disclosures.iter().filter(|d| d.name.as_deref() == Some("y")).map(|d| d.encoded.as_str()).collect();
        let revealed = reveal(&concealed, &only_y).unwrap();
        assert_eq!(revealed.claims, json!({"k": {"y": 2}, "l": [2, 3]}));
    }

    #[test]
    fn an_sd_array_inside_a_concealed_claim_gets_decoys_too() {
        let (_, disclosures) =
            conceal(json!({"team": {"name": "A", "lead": "B"}}), &paths(&["team", "team.lead"]), 3).unwrap();
        let team = disclosures.iter().find(|d| d.name.as_deref() == Some("team")).unwrap();
        let inner = team.value["_sd"].as_array().unwrap();
        assert_eq!(inner.len(), 4, "one digest and three decoys: {inner:?}");
        let mut sorted = inner.clone();
        sorted.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        assert_eq!(&sorted, inner);
    }

    #[test]
    fn nested_disclosable_claims_need_their_parent() {
        let (concealed, disclosures) =
            conceal(json!({"team": {"name": "A", "lead": "B"}}), &paths(&["team", "team.lead"]), 0).unwrap();
        let encoded: Vec<&str> = disclosures.iter().map(|d| d.encoded.as_str()).collect();
        let revealed = reveal(&concealed, &encoded).unwrap();
        assert_eq!(revealed.claims, json!({"team": {"name": "A", "lead": "B"}}));
        // The inner one alone is not referenced by anything the verifier can see.
        let inner: Vec<&str> =
            disclosures.iter().filter(|d| d.name.as_deref() == Some("lead")).map(|d| d.encoded.as_str()).collect();
        assert!(matches!(reveal(&concealed, &inner), Err(SdJwtError::UnreferencedDisclosure)));
    }

    #[test]
    fn refusals_name_their_reason() {
        let (concealed, disclosures) = conceal(json!({"x": 1, "y": 2}), &paths(&["x", "y"]), 0).unwrap();
        let x = disclosures[0].encoded.as_str();
        assert!(matches!(reveal(&concealed, &[x, x]), Err(SdJwtError::DuplicateDisclosure)));
        let stranger = Disclosure::new(Some("z"), json!(3));
        assert!(matches!(reveal(&concealed, &[stranger.encoded.as_str()]), Err(SdJwtError::UnreferencedDisclosure)));
        let mut wrong_alg = concealed.clone();
        wrong_alg["_sd_alg"] = json!("sha-1");
        assert!(matches!(reveal(&wrong_alg, &[]), Err(SdJwtError::UnsupportedSdAlg(alg)) if alg == "sha-1"));
        let mut repeated = concealed.clone();
        let first = repeated["_sd"][0].clone();
        repeated["_sd"].as_array_mut().unwrap().push(first);
        assert!(matches!(reveal(&repeated, &[]), Err(SdJwtError::DuplicateDigest)));
        // A disclosed name that the payload already has in clear.
        let clash = Disclosure::new(Some("plain"), json!(1));
        let payload = json!({"plain": 0, "_sd": [clash.digest()]});
        assert!(
            matches!(reveal(&payload, &[clash.encoded.as_str()]), Err(SdJwtError::ClaimCollision(name)) if name == "plain")
        );
        // An array-element disclosure where an object member is expected.
        let element = Disclosure::new(None, json!(1));
        let payload = json!({"_sd": [element.digest()]});
        assert!(matches!(reveal(&payload, &[element.encoded.as_str()]), Err(SdJwtError::WrongDisclosureKind { .. })));
        assert!(matches!(Disclosure::parse(&b64(br#"["s", "_sd", 1]"#)), Err(SdJwtError::ReservedName(_))));
        assert!(matches!(Disclosure::parse("not base64!"), Err(SdJwtError::DisclosureMalformed(_))));
    }

    #[test]
    fn tampered_disclosure_is_unreferenced() {
        let (concealed, disclosures) = conceal(json!({"x": "yes"}), &paths(&["x"]), 0).unwrap();
        let tampered = b64(format!(r#"["{}", "x", "no"]"#, disclosures[0].salt).as_bytes());
        assert!(matches!(reveal(&concealed, &[tampered.as_str()]), Err(SdJwtError::UnreferencedDisclosure)));
    }

    #[test]
    fn disclosures_nested_past_the_limit_are_refused() {
        let mut value = json!(1);
        let mut encoded = Vec::new();
        for _ in 0..(MAX_DEPTH + 2) {
            let disclosure = Disclosure::new(Some("n"), value);
            value = json!({"_sd": [disclosure.digest()]});
            encoded.push(disclosure.encoded);
        }
        let encoded: Vec<&str> = encoded.iter().map(String::as_str).collect();
        assert!(matches!(reveal(&value, &encoded), Err(SdJwtError::TooDeep { .. })));
    }

    #[test]
    fn compact_form_is_split_strictly() {
        assert!(Compact::split("a.b.c").is_err());
        assert!(Compact::split("a.b.c~~").is_err());
        let compact = Compact::split("a.b.c~d1~d2~").unwrap();
        assert_eq!(compact.disclosures, ["d1", "d2"]);
        assert_eq!(compact.kb_jwt, None);
        assert_eq!(compact.without_kb(), "a.b.c~d1~d2~");
        assert_eq!(compact.sd_hash(), digest("a.b.c~d1~d2~"));
        assert_eq!(Compact::split("a.b.c~x.y.z").unwrap().kb_jwt, Some("x.y.z"));
        assert!(ClaimPath::parse("skills..x").is_err());
        assert_eq!(ClaimPath::parse("l.1").unwrap().to_json(), json!(["l", 1]));
    }
}
