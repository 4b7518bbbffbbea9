//! Reading outside input safely: size and nesting limits come before any parsing that could be
//! made to allocate or recurse without bound, and a credential arrives in one of a few known
//! shapes (JSON credential, JSON presentation, compact JWT, SD-JWT) that are told apart here, once.

use schemas::Lang;
use serde_json::Value;

use crate::error::{Detail, InputError};
use crate::i18n::t;

/// Read with the input, but a JSON-LD rule: it lives in [`crate::jsonld`].
pub use crate::jsonld::type_names;

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
    if looks_like_sd_jwt(trimmed) {
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

/// Sorts an already-parsed JSON value into credential or presentation, opening a VCDM 2.0
/// envelope (`EnvelopedVerifiableCredential`, `EnvelopedVerifiablePresentation`) to the JWT or
/// SD-JWT its `data:` URL carries (see [`crate::envelope`]).
pub fn classify(value: Value) -> Result<Parsed, InputError> {
    let object = match &value {
        Value::Object(object) => {
            if let Some(opened) = crate::envelope::open(object) {
                return parsed_payload(opened?);
            }
            object
        }
        Value::String(s) if looks_like_compact_jws(s.trim()) => return Ok(Parsed::Jwt(s.trim().to_owned())),
        Value::String(s) if looks_like_sd_jwt(s.trim()) => return Ok(Parsed::SdJwt(s.trim().to_owned())),
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

/// What a VCDM 2.0 envelope carries, as the pipeline takes it: its payload must have the shape
/// its media type says.
fn parsed_payload(payload: crate::envelope::Payload) -> Result<Parsed, InputError> {
    use crate::envelope::Kind;
    match payload.kind {
        Kind::Jwt if looks_like_compact_jws(&payload.text) => Ok(Parsed::Jwt(payload.text)),
        Kind::SdJwt if looks_like_sd_jwt(&payload.text) => Ok(Parsed::SdJwt(payload.text)),
        _ => Err(crate::envelope::payload_mismatch(&payload.media_type)),
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

/// `true` when `text` has the shape of an SD-JWT (a compact JWS, then `~`-separated parts).
pub fn looks_like_sd_jwt(text: &str) -> bool {
    match text.split_once('~') {
        Some((jwt, _)) => looks_like_compact_jws(jwt),
        None => false,
    }
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
    fn a_json_string_holding_json_is_not_a_credential() {
        let text = r#""{\"type\":\"VerifiableCredential\"}""#;
        assert_eq!(parse(text.as_bytes()), Err(InputError::NotAnObject { found: "a JSON string" }));
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
