//! The issuer's side: claims replaced by digests, and the issuer-signed JWT with every disclosure
//! appended, so the holder receives all and can later show less.

use josekit::jws::{JwsHeader, JwsSigner};
use rand::RngCore;
use serde_json::{Map, Value};

use super::claim_path::{ClaimPath, Step};
use super::disclosure::{b64, digest, Disclosure, ELLIPSIS, SD, SD_ALG, SD_ALG_CLAIM};
use crate::error::{Detail, SdJwtError};
use crate::i18n::t;

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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use serde_json::json;

    use super::*;
    use crate::sd_jwt::reveal;

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
}
