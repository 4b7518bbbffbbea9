//! The JSON-LD rules our JSON-level checks rely on. A credential is signed as RDF but checked as
//! JSON; these keep the two readings the same (every property a plain term of the contexts,
//! contexts only at the top of documents where they are reviewed, no blank nodes that make
//! canonicalization explode), and read a node's `type` as JSON-LD writes it.

use serde_json::Value;

use crate::error::InputError;

/// The `type` values of a node, whether given as one string or an array.
pub fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// Property names must be plain terms of the document's contexts. A full IRI (`https://…`), a
/// compact IRI (`cred:validUntil`) or a keyword (`@reverse`) would let the same signed RDF
/// statement hide under a key the JSON-level checks do not read (a `validUntil` that is not
/// checked); and explicit blank node ids (`_:b0`) allow the graphs that make RDF canonicalization
/// exponential. Both are refused everywhere except inside `@context`.
///
/// `@context` itself is accepted where VCDM 2.0 §4.3 puts it: at the top of the document
/// (checked against the bundled contexts, inline objects reviewed, by
/// `ContextSet::check_document`), at the top of each credential a presentation carries (checked
/// so when that credential is verified) and of each proof (an `eddsa-jcs-2022` proof repeats the
/// document's, which its verification compares), as URLs and, after the first, inline objects.
/// A credential nested elsewhere (an Open Badges endorsement) is not verified on its own, so its
/// contexts must be URLs. Anywhere else a context could make a key mean something else in the
/// signed RDF than in the JSON the checks read, unreviewed
/// (`{"@context": {"kind": "@type"}, "kind": "BitstringStatusListEntry"}` keeps the signature
/// and hides a revocation entry from the status check; found by review).
///
/// The value of a term a shipped protected context defines as a JSON literal (`"@type":
/// "@json"`, such as a figures release) is one RDF literal: it is not walked.
pub fn check_terms(value: &Value) -> Result<(), InputError> {
    walk(value, true, &crate::contexts::json_literal_terms(value.get("@context")))
}

/// [`check_terms`] of a secured document without its `proof` member: what its Data Integrity
/// proofs sign, read in place rather than from a copy of the document without it.
pub(crate) fn check_terms_unsecured(document: &serde_json::Map<String, Value>) -> Result<(), InputError> {
    walk_members(document, true, Some("proof"), &crate::contexts::json_literal_terms(document.get("@context")))
}

fn urls_only(context: &Value) -> bool {
    match context {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(Value::is_string),
        _ => false,
    }
}

// The shape `ContextSet::check_document` reviews: URLs, then objects (an empty list is left
// for the embedded document's own check to refuse, naming what it is: an envelope's
// `@context`, a credential's first context).
fn document_context(context: &Value) -> bool {
    match context {
        Value::String(_) => true,
        Value::Array(items) => {
            items.first().is_none_or(Value::is_string) && items.iter().all(|item| item.is_string() || item.is_object())
        }
        _ => false,
    }
}

/// `literals`: the JSON-literal terms of the document's contexts (values not walked).
fn walk(value: &Value, context_allowed: bool, literals: &[&str]) -> Result<(), InputError> {
    match value {
        Value::Object(map) => walk_members(map, context_allowed, None, literals),
        Value::Array(items) => {
            refuse_indistinguishable(items)?;
            items.iter().try_for_each(|item| walk(item, false, literals))
        }
        _ => Ok(()),
    }
}

/// The members of one object, but `skipped`.
fn walk_members(
    map: &serde_json::Map<String, Value>,
    context_allowed: bool,
    skipped: Option<&str>,
    literals: &[&str],
) -> Result<(), InputError> {
    for (key, item) in map {
        if Some(key.as_str()) == skipped || literals.contains(&key.as_str()) {
            continue;
        }
        if key == "@context" {
            // A credential nested anywhere (an Open Badges endorsement) is a document
            // of its own and may name its contexts, as URLs.
            let nested_credential = || type_names(map.get("type")).iter().any(|t| t == "VerifiableCredential");
            if context_allowed || (urls_only(item) && nested_credential()) {
                continue;
            }
            return Err(InputError::NestedContext);
        }
        if key.contains(':') || (key.starts_with('@') && !language_value(map, skipped)) {
            return Err(InputError::NotATerm(key.clone()));
        }
        if key == "id" {
            if let Some(id) = item.as_str().filter(|id| id.starts_with("_:")) {
                return Err(InputError::BlankNodeId(id.to_owned()));
            }
        }
        // What a presentation carries starts documents of its own, and a proof may
        // name the document's contexts.
        let embedded = key == "verifiableCredential" || key == "proof";
        if embedded {
            walk_embedded(item)?;
        } else {
            walk(item, false, literals)?;
        }
    }
    Ok(())
}

// Each object (in arrays, nested or not, as JSON-LD flattens them) starts a document. Two
// proofs of a proof set, or two credentials of a presentation, are each a graph of their own
// and may look alike at first glance (two proofs without `id` by one signer, two degrees
// from one university): what their canonicalization would cost is bounded where it is run,
// by `canonical::refuse_poison`, not guessed here.
fn walk_embedded(item: &Value) -> Result<(), InputError> {
    match item {
        Value::Array(items) => items.iter().try_for_each(walk_embedded),
        _ => {
            if item.get("@context").is_some_and(|context| !document_context(context)) {
                return Err(InputError::NestedContext);
            }
            walk(item, true, &crate::contexts::json_literal_terms(item.get("@context")))
        }
    }
}

/// A VCDM 2.0 §11.1 language value object: `@value` (a string) with `@language` and
/// `@direction`, and no other key (`@type` would give the literal another datatype than the
/// context's, `@id` make it a node).
fn language_value(map: &serde_json::Map<String, Value>, skipped: Option<&str>) -> bool {
    map.get("@value").is_some_and(Value::is_string)
        && map
            .keys()
            .filter(|key| Some(key.as_str()) != skipped)
            .all(|key| matches!(key.as_str(), "@value" | "@language" | "@direction"))
}

/// Sibling objects without `id` that look alike at first glance (same plain values, same
/// nested property names) become blank nodes RDF canonicalization cannot tell apart by their
/// first-degree hashes, and a few of them make it try every ordering: a few kilobytes could cost
/// hours. Real credentials never repeat such siblings, so they are refused.
fn refuse_indistinguishable(items: &[Value]) -> Result<(), InputError> {
    // Fewer than two objects without `id` cannot look alike: most arrays, read on every
    // verification, need no signature written.
    let candidates = items.iter().filter(|item| item.as_object().is_some_and(|map| !map.contains_key("id"))).count();
    if candidates < 2 {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for item in items {
        let Value::Object(map) = item else { continue };
        if map.contains_key("id") {
            continue;
        }
        let mut signature: Vec<String> = map
            .iter()
            .map(|(key, value)| match value {
                Value::Object(_) | Value::Array(_) => format!("{key}:{{}}"),
                scalar => format!("{key}={scalar}"),
            })
            .collect();
        signature.sort_unstable();
        if !seen.insert(signature.join("\u{1f}")) {
            return Err(InputError::TooMany { what: "indistinguishable sibling objects", count: 2, limit: 1 });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_names_must_be_terms() {
        use serde_json::json;
        assert!(check_terms(&json!({"@context": [{"a:b": 1}], "type": "x", "proof": {"id": "urn:x"}})).is_ok());
        assert_eq!(
            check_terms(&json!({"x": [{"https://www.w3.org/2018/credentials#validUntil": "2020"}]})),
            Err(InputError::NotATerm("https://www.w3.org/2018/credentials#validUntil".into()))
        );
        assert_eq!(check_terms(&json!({"@reverse": {}})), Err(InputError::NotATerm("@reverse".into())));
        // VCDM 2.0 §11.1 language value objects, and nothing more than them.
        let names =
            json!({"name": [{"@value": "Université", "@language": "fr", "@direction": "ltr"}, {"@value": "x"}]});
        assert_eq!(check_terms(&names), Ok(()));
        let typed = json!({"validUntil": {"@value": "2020-01-01T00:00:00Z", "@type": "http://www.w3.org/2001/XMLSchema#string"}});
        assert!(matches!(check_terms(&typed), Err(InputError::NotATerm(_))));
        assert_eq!(check_terms(&json!({"name": {"@language": "fr"}})), Err(InputError::NotATerm("@language".into())));
        assert_eq!(check_terms(&json!({"s": {"id": "_:b0"}})), Err(InputError::BlankNodeId("_:b0".into())));
        // Siblings that canonicalization could not tell apart cheaply.
        let twins = json!({"a": [{"type": "X", "b": [{"type": "Y"}]}, {"type": "X", "b": [{"type": "Z"}]}]});
        assert!(matches!(check_terms(&twins), Err(InputError::TooMany { .. })));
        assert!(check_terms(&json!({"a": [{"type": "X", "n": 1}, {"type": "X", "n": 2}]})).is_ok());
        // A JSON literal of a protected shipped context is one RDF literal: twins inside it are
        // fine, but not under a context where the term is a plain property.
        let cells = json!([{"key": ["a"], "count": 5}, {"key": ["b"], "count": 5}]);
        let talent = json!({"@context": ["https://www.w3.org/ns/credentials/v2", schemas::TALENT_CONTEXT_URL],
                            "credentialSubject": {"figures": {"cells": cells.clone()}}});
        assert_eq!(check_terms(&talent), Ok(()));
        let plain = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "credentialSubject": {"figures": {"cells": cells}}});
        assert!(matches!(check_terms(&plain), Err(InputError::TooMany { .. })));
        // Issue #21: two credentials of a presentation, or two proofs of a set, are documents of
        // their own, bounded where they are canonicalized.
        let credential = |name: &str| {
            json!({"type": "VerifiableCredential", "issuer": {"id": "did:example:i"},
            "credentialSubject": {"degree": {"name": name}}})
        };
        let presentation = json!({"verifiableCredential": [credential("BSc"), credential("MA")]});
        assert_eq!(check_terms(&presentation), Ok(()));
        let proofs = json!({"proof": [{"type": "DataIntegrityProof", "domain": ["a"]}, {"type": "DataIntegrityProof", "domain": ["b"]}]});
        assert_eq!(check_terms(&proofs), Ok(()));
    }

    #[test]
    fn a_context_is_accepted_only_at_the_top_of_documents_of_embedded_credentials_and_of_proofs() {
        use serde_json::json;
        let hidden = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "credentialStatus":
            {"@context": {"kind": "@type"}, "kind": "BitstringStatusListEntry"}});
        assert_eq!(check_terms(&hidden), Err(InputError::NestedContext));
        let as_url = json!({"credentialSubject": {"@context": "https://www.w3.org/ns/credentials/v2"}});
        assert_eq!(check_terms(&as_url), Err(InputError::NestedContext));
        let presentation = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "verifiableCredential": [
            {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential"}]});
        assert_eq!(check_terms(&presentation), Ok(()));
        // VCDM 2.0 §4.3: inline objects after the first entry, reviewed when that credential is.
        let inline_after_base = json!({"verifiableCredential": {"@context": ["https://www.w3.org/ns/credentials/v2",
            {"x": "https://x.example/x"}], "type": "X"}, "proof": {"@context": ["https://www.w3.org/ns/credentials/v2",
            {"x": "https://x.example/x"}]}});
        assert_eq!(check_terms(&inline_after_base), Ok(()));
        let inline_inside = json!({"verifiableCredential": {"@context": [{"kind": "@type"}], "type": "X"}});
        assert_eq!(check_terms(&inline_inside), Err(InputError::NestedContext));
        let deeper = json!({"verifiableCredential": [{"@context": "https://www.w3.org/ns/credentials/v2",
            "credentialSubject": {"@context": {"kind": "@type"}}}]});
        assert_eq!(check_terms(&deeper), Err(InputError::NestedContext));
        // Open Badges 3.0 endorsements are credentials inside the credential.
        let endorsed = json!({"credentialSubject": {"achievement": {"endorsement": [{
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "type": ["VerifiableCredential", "EndorsementCredential"]}]}}});
        assert_eq!(check_terms(&endorsed), Ok(()));
        let inline_endorsement =
            json!({"endorsement": {"@context": {"kind": "@type"}, "type": ["VerifiableCredential"]}});
        assert_eq!(check_terms(&inline_endorsement), Err(InputError::NestedContext));
        let jcs_proof =
            json!({"proof": {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "DataIntegrityProof"}});
        assert_eq!(check_terms(&jcs_proof), Ok(()));
        let inline_proof = json!({"proof": [{"@context": {"kind": "@type"}}]});
        assert_eq!(check_terms(&inline_proof), Err(InputError::NestedContext));
    }
}
