//! Reading outside input safely: size and nesting limits come before any parsing that could be
//! made to allocate or recurse without bound, and a credential arrives in one of a few known
//! shapes (JSON credential, JSON presentation, compact JWT) that are told apart here, once.

use schemas::Lang;
use serde_json::Value;

use crate::error::{Detail, InputError};
use crate::i18n::t;

/// Largest document we read (a credential is a few kilobytes; a presentation a few dozen).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;
/// Deepest JSON nesting we accept; serde_json's own guard is 128, ours is stricter and explicit.
pub const MAX_DEPTH: usize = 64;

/// What a piece of input turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Credential(Value),
    Presentation(Value),
    /// A compact JWS (`vc+jwt` or `vp+jwt`), verified later.
    Jwt(String),
    /// An SD-JWT (`dc+sd-jwt`), with or without a key-binding JWT, verified later.
    SdJwt(String),
}

/// Tells apart JSON credentials, JSON presentations and compact JWTs, enforcing the limits.
pub fn parse(bytes: &[u8]) -> Result<Parsed, InputError> {
    parse_with_limit(bytes, MAX_INPUT_BYTES)
}

/// [`parse`] with another size limit (status lists of many entries are larger than credentials).
pub fn parse_with_limit(bytes: &[u8], limit: usize) -> Result<Parsed, InputError> {
    if bytes.len() > limit {
        return Err(InputError::TooLarge { size: bytes.len(), limit });
    }
    // English readers get the parser's own words; French readers the catalogue's.
    let text = std::str::from_utf8(bytes).map_err(|e| {
        InputError::NotJson(Detail::new(
            e.to_string(),
            t!(Lang::Fr, "input-not-utf8", offset = e.valid_up_to().to_string()),
        ))
    })?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    if looks_like_compact_jws(trimmed) {
        return Ok(Parsed::Jwt(trimmed.to_owned()));
    }
    if crate::sd_jwt_vc::looks_like_sd_jwt(trimmed) {
        return Ok(Parsed::SdJwt(trimmed.to_owned()));
    }
    check_depth(trimmed.as_bytes())?;
    let value: Value = serde_json::from_str(trimmed).map_err(|e| {
        InputError::NotJson(Detail::new(
            e.to_string(),
            t!(Lang::Fr, "input-json-invalid-at", line = e.line().to_string(), column = e.column().to_string()),
        ))
    })?;
    classify(value)
}

/// Sorts an already-parsed JSON value into credential or presentation.
pub fn classify(value: Value) -> Result<Parsed, InputError> {
    let object = match &value {
        Value::Object(object) => object,
        Value::String(s) if looks_like_compact_jws(s.trim()) => return Ok(Parsed::Jwt(s.trim().to_owned())),
        Value::String(s) if crate::sd_jwt_vc::looks_like_sd_jwt(s.trim()) => {
            return Ok(Parsed::SdJwt(s.trim().to_owned()))
        }
        other => return Err(InputError::NotAnObject { found: json_kind(other) }),
    };
    let types = type_names(object.get("type"));
    if types.iter().any(|t| t == "VerifiablePresentation") {
        Ok(Parsed::Presentation(value))
    } else if types.iter().any(|t| t == "VerifiableCredential") {
        Ok(Parsed::Credential(value))
    } else if object.contains_key("type") {
        Err(InputError::UnknownDocumentType)
    } else {
        Err(InputError::MissingField("type"))
    }
}

/// The `type` values of a node, whether given as one string or an array.
pub fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

/// A human name for a JSON value's kind, for error messages.
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a JSON string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Three base64url segments separated by dots, the first decoding to a JSON header.
pub fn looks_like_compact_jws(text: &str) -> bool {
    let mut parts = text.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let base64url = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    !header.is_empty() && base64url(header) && base64url(payload) && base64url(signature)
}

/// Property names must be plain terms of the document's contexts. A full IRI (`https://…`), a
/// compact IRI (`cred:validUntil`) or a keyword (`@reverse`) would let the same signed RDF
/// statement hide under a key the JSON-level checks do not read (a `validUntil` that is not
/// checked); and explicit blank node ids (`_:b0`) allow the graphs that make RDF canonicalization
/// exponential. Both are refused everywhere except inside `@context`.
///
/// `@context` itself is accepted at the top of the document (checked against the bundled
/// contexts by `ContextSet::check_document`), at the top of each credential a presentation
/// carries (checked so when that credential is verified) and of each proof (an
/// `eddsa-jcs-2022` proof repeats the document's, which its verification compares), as URLs
/// only. Anywhere else an inline
/// context could make a key mean something else in the signed RDF than in the JSON the checks
/// read (`{"@context": {"kind": "@type"}, "kind": "BitstringStatusListEntry"}` keeps the
/// signature and hides a revocation entry from the status check; found by review).
pub fn check_terms(value: &Value) -> Result<(), InputError> {
    fn urls_only(context: &Value) -> bool {
        match context {
            Value::String(_) => true,
            Value::Array(items) => items.iter().all(Value::is_string),
            _ => false,
        }
    }
    fn walk(value: &Value, context_allowed: bool) -> Result<(), InputError> {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    if key == "@context" {
                        // A credential nested anywhere (an Open Badges endorsement) is a document
                        // of its own and may name its contexts, as URLs.
                        let nested_credential =
                            || type_names(map.get("type")).iter().any(|t| t == "VerifiableCredential");
                        if context_allowed || (urls_only(item) && nested_credential()) {
                            continue;
                        }
                        return Err(InputError::NestedContext);
                    }
                    if key.contains(':') || key.starts_with('@') {
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
                        walk(item, false)?;
                    }
                }
                Ok(())
            }
            Value::Array(items) => {
                refuse_indistinguishable(items)?;
                items.iter().try_for_each(|item| walk(item, false))
            }
            _ => Ok(()),
        }
    }
    // Each object (in arrays, nested or not, as JSON-LD flattens them) starts a document.
    fn walk_embedded(item: &Value) -> Result<(), InputError> {
        match item {
            Value::Array(items) => {
                refuse_indistinguishable(items)?;
                items.iter().try_for_each(walk_embedded)
            }
            _ => {
                if item.get("@context").is_some_and(|context| !urls_only(context)) {
                    return Err(InputError::NestedContext);
                }
                walk(item, true)
            }
        }
    }
    walk(value, true)
}

/// Sibling objects without `id` that look alike at first glance (same plain values, same
/// nested property names) become blank nodes RDF canonicalization cannot tell apart by their
/// first-degree hashes, and a few of them make it try every ordering: a few kilobytes could cost
/// hours. Real credentials never repeat such siblings, so they are refused.
fn refuse_indistinguishable(items: &[Value]) -> Result<(), InputError> {
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

/// Counts bracket depth without parsing, so a 10,000-deep document is refused in linear time.
fn check_depth(bytes: &[u8]) -> Result<(), InputError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(InputError::TooDeep { limit: MAX_DEPTH });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        assert!(matches!(parse(&big), Err(InputError::TooLarge { .. })));
    }

    #[test]
    fn refuses_deep_nesting() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(deep.as_bytes()), Err(InputError::TooDeep { limit: MAX_DEPTH }));
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!(r#"{{"type":"VerifiableCredential","x":"{}"}}"#, "[".repeat(100));
        assert!(matches!(parse(text.as_bytes()), Ok(Parsed::Credential(_))));
    }

    #[test]
    fn not_json_is_said_in_french_without_the_parser_s_english() {
        use crate::error::Describe;
        let error = parse(b"{\"type\": oops}").unwrap_err();
        assert_eq!(error.code(), "input_not_json");
        assert_eq!(
            error.message(schemas::Lang::Fr),
            "l'entrée n'est ni du JSON ni un JWT compact (JSON invalide à la ligne 1, colonne 10)"
        );
        assert!(error.message(schemas::Lang::En).contains("expected value"));
        let error = parse(&[b'{', 0xff, b'}']).unwrap_err();
        assert!(error.message(schemas::Lang::Fr).ends_with("(UTF-8 invalide à l'octet 1)"));
    }

    #[test]
    fn json_failures_are_said_by_kind_in_french() {
        let syntax = serde_json::from_str::<Value>("{\"a\": oops}").unwrap_err();
        assert_eq!(crate::error::json_french(&syntax), "JSON invalide (ligne 1, colonne 7)");
        let eof = serde_json::from_str::<Value>("{\"a\": ").unwrap_err();
        assert!(crate::error::json_french(&eof).starts_with("JSON incomplet"));
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Needs {
            field: u8,
        }
        let data = serde_json::from_str::<Needs>("{}").unwrap_err();
        assert_eq!(
            crate::error::json_french(&data),
            "un champ manque, est inconnu ou n'a pas le bon type (ligne 1, colonne 2)"
        );
    }

    #[test]
    fn a_json_string_holding_json_is_not_a_credential() {
        let text = r#""{\"type\":\"VerifiableCredential\"}""#;
        assert_eq!(parse(text.as_bytes()), Err(InputError::NotAnObject { found: "a JSON string" }));
    }

    #[test]
    fn property_names_must_be_terms() {
        use serde_json::json;
        assert!(check_terms(&json!({"@context": [{"a:b": 1}], "type": "x", "proof": {"id": "urn:x"}})).is_ok());
        assert_eq!(
            check_terms(&json!({"x": [{"https://www.w3.org/2018/credentials#validUntil": "2020"}]})),
            Err(InputError::NotATerm("https://www.w3.org/2018/credentials#validUntil".into()))
        );
        assert_eq!(check_terms(&json!({"@reverse": {}})), Err(InputError::NotATerm("@reverse".into())));
        assert_eq!(check_terms(&json!({"s": {"id": "_:b0"}})), Err(InputError::BlankNodeId("_:b0".into())));
        // Siblings that canonicalization could not tell apart cheaply.
        let twins = json!({"a": [{"type": "X", "b": [{"type": "Y"}]}, {"type": "X", "b": [{"type": "Z"}]}]});
        assert!(matches!(check_terms(&twins), Err(InputError::TooMany { .. })));
        assert!(check_terms(&json!({"a": [{"type": "X", "n": 1}, {"type": "X", "n": 2}]})).is_ok());
    }

    #[test]
    fn a_context_is_accepted_only_at_the_top_of_documents_and_of_embedded_credentials() {
        use serde_json::json;
        let hidden = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "credentialStatus":
            {"@context": {"kind": "@type"}, "kind": "BitstringStatusListEntry"}});
        assert_eq!(check_terms(&hidden), Err(InputError::NestedContext));
        let as_url = json!({"credentialSubject": {"@context": "https://www.w3.org/ns/credentials/v2"}});
        assert_eq!(check_terms(&as_url), Err(InputError::NestedContext));
        let presentation = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "verifiableCredential": [
            {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential"}]});
        assert_eq!(check_terms(&presentation), Ok(()));
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

    #[test]
    fn recognizes_compact_jwt() {
        assert!(matches!(parse(b"eyJhbGciOiJFZERTQSJ9.e30.c2ln"), Ok(Parsed::Jwt(_))));
        assert!(!looks_like_compact_jws("a.b"));
        assert!(!looks_like_compact_jws("a.b.c.d"));
    }

    #[test]
    fn presentation_and_unknown_types() {
        assert!(matches!(parse(br#"{"type":["VerifiablePresentation"]}"#), Ok(Parsed::Presentation(_))));
        assert_eq!(parse(br#"{"type":"Thing"}"#), Err(InputError::UnknownDocumentType));
        assert_eq!(parse(br#"{}"#), Err(InputError::MissingField("type")));
    }
}
