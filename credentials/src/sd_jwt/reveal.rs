//! The verifier's and the holder's side: disclosures put back where their digests are, refusing
//! everything RFC 9901 §7.1 says to reject; and the holder's cut down to what a verifier asks.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::claim_path::{ClaimPath, Step};
use super::compact::{decode_payload, Compact, MAX_DISCLOSURES};
use super::disclosure::{Disclosure, ELLIPSIS, SD, SD_ALG, SD_ALG_CLAIM};
use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

/// Deepest nesting of revealed claims, counting levels reached through disclosures.
pub const MAX_DEPTH: usize = 32;

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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use serde_json::json;

    use super::*;
    use crate::sd_jwt::conceal;
    use crate::sd_jwt::disclosure::b64;

    fn paths(list: &[&str]) -> Vec<ClaimPath> {
        list.iter().map(|p| ClaimPath::parse(p).unwrap()).collect()
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
}
