//! The MUSTs of VC Data Model 2.0 on the optional properties of a credential or presentation that
//! need no key to check: `relatedResource` (§5.3), `termsOfUse` (§5.5), `refreshService`
//! (§5.4), `credentialSchema` (§4.11), `evidence` (§5.6), `credentialStatus` (§4.10: objects
//! with a `type`; the entries of a type this library reads are checked by `status`), `id`s of
//! status, terms of use and evidence entries as URLs (§4.4), and the shape of `name` and
//! `description` (§4.6, strings or language value objects, §11.1). Part of the structure check,
//! which the issuer also runs before signing: each refusal names the field and the entry, so a
//! person can correct it.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::error::{Detail, InputError};
use crate::i18n::t;

/// Refuses a document breaking one of these MUSTs.
pub(super) fn check(object: &Map<String, Value>) -> Result<(), InputError> {
    related_resources(object)?;
    for field in ["termsOfUse", "refreshService", "evidence", "credentialStatus"] {
        for (position, entry) in entries(object, field)? {
            typed(field, position, entry)?;
            if field != "refreshService" {
                identified(field, position, entry)?;
            }
        }
    }
    for (position, entry) in entries(object, "credentialSchema")? {
        typed("credentialSchema", position, entry)?;
        let id = entry.get("id").and_then(Value::as_str).unwrap_or_default();
        if url::Url::parse(id).is_err() {
            let id = id.to_owned();
            return Err(invalid(
                "credentialSchema",
                Detail::localized(|lang| {
                    t!(lang, "data-model-schema-id", position = position.to_string(), id = id.as_str())
                }),
            ));
        }
    }
    for field in ["name", "description"] {
        language_text(object, field)?;
        if let Some(Value::Object(issuer)) = object.get("issuer") {
            language_text(issuer, field).map_err(|_| invalid_text(issuer_field(field)))?;
        }
    }
    Ok(())
}

fn invalid(field: &'static str, reason: Detail) -> InputError {
    InputError::InvalidField { field, reason }
}

/// The entries of an optional property whose value "MUST be one or more objects": each with its
/// position counted from 1, as a person counts.
fn entries<'a>(object: &'a Map<String, Value>, field: &'static str) -> Result<Vec<(usize, &'a Value)>, InputError> {
    let items: Vec<&Value> = match object.get(field) {
        None => return Ok(Vec::new()),
        // No status entries, as JSON-LD reads an empty list: read as absent (its status "not
        // applicable"), as verifiers have.
        Some(Value::Array(items)) if items.is_empty() && field == "credentialStatus" => return Ok(Vec::new()),
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => return Err(invalid(field, Detail::localized(|lang| t!(lang, "data-model-not-objects")))),
    };
    if !items.iter().all(|item| item.is_object()) {
        return Err(invalid(field, Detail::localized(|lang| t!(lang, "data-model-not-objects"))));
    }
    Ok(items.into_iter().enumerate().map(|(index, item)| (index + 1, item)).collect())
}

/// "… MUST specify its `type`".
fn typed(field: &'static str, position: usize, entry: &Value) -> Result<(), InputError> {
    let has_type = match entry.get("type") {
        Some(Value::String(name)) => !name.is_empty(),
        Some(Value::Array(names)) => {
            !names.is_empty() && names.iter().all(|name| name.as_str().is_some_and(|n| !n.is_empty()))
        }
        _ => false,
    };
    if has_type {
        Ok(())
    } else {
        Err(invalid(
            field,
            Detail::localized(|lang| t!(lang, "data-model-type-missing", position = position.to_string())),
        ))
    }
}

/// VCDM 2.0 §4.4, which §4.10, §5.5 and §5.6 make normative for these entries: an `id`, when
/// present, is a URL.
fn identified(field: &'static str, position: usize, entry: &Value) -> Result<(), InputError> {
    let Some(id) = entry.get("id") else {
        return Ok(());
    };
    if id.as_str().is_some_and(|id| url::Url::parse(id).is_ok()) {
        return Ok(());
    }
    let id = match id {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Err(invalid(
        field,
        Detail::localized(|lang| t!(lang, "data-model-entry-id", position = position.to_string(), id = id.as_str())),
    ))
}

/// VCDM 2.0 §5.3: each `relatedResource` object has an `id`, "unique among the list of related
/// resource objects", and "MUST contain at least a `digestSRI` or a `digestMultibase` value".
fn related_resources(object: &Map<String, Value>) -> Result<(), InputError> {
    let field = "relatedResource";
    let mut seen = HashSet::new();
    for (position, entry) in entries(object, field)? {
        let Some(id) = entry.get("id").and_then(Value::as_str).filter(|id| url::Url::parse(id).is_ok()) else {
            return Err(invalid(
                field,
                Detail::localized(|lang| t!(lang, "data-model-related-id", position = position.to_string())),
            ));
        };
        if !seen.insert(id) {
            let id = id.to_owned();
            return Err(invalid(
                field,
                Detail::localized(|lang| t!(lang, "data-model-related-repeated", id = id.as_str())),
            ));
        }
        let digest = ["digestSRI", "digestMultibase"].iter().any(|name| match entry.get(*name) {
            Some(Value::String(digest)) => !digest.is_empty(),
            Some(Value::Array(digests)) => !digests.is_empty() && digests.iter().all(Value::is_string),
            _ => false,
        });
        if !digest {
            return Err(invalid(
                field,
                Detail::localized(|lang| t!(lang, "data-model-related-digest", position = position.to_string())),
            ));
        }
    }
    Ok(())
}

/// VCDM 2.0 §4.6: "The value of the `name` property MUST be a string or a language value
/// object" (likewise `description`), or several of them (§11.1, multiple languages).
fn language_text(object: &Map<String, Value>, field: &'static str) -> Result<(), InputError> {
    let valid = match object.get(field) {
        None => true,
        Some(Value::Array(items)) => !items.is_empty() && items.iter().all(is_text),
        Some(one) => is_text(one),
    };
    if valid {
        Ok(())
    } else {
        Err(invalid_text(field))
    }
}

fn invalid_text(field: &'static str) -> InputError {
    invalid(field, Detail::localized(|lang| t!(lang, "data-model-language-text")))
}

fn issuer_field(field: &'static str) -> &'static str {
    if field == "name" {
        "issuer.name"
    } else {
        "issuer.description"
    }
}

/// A string, or a language value object: `@value` a string, `@language` a language tag (BCP 47,
/// checked for its shape) and `@direction` `ltr` or `rtl` when present, nothing else.
fn is_text(value: &Value) -> bool {
    match value {
        Value::String(_) => true,
        Value::Object(map) => {
            let language = match map.get("@language") {
                None => true,
                Some(Value::String(tag)) => is_language_tag(tag),
                Some(_) => false,
            };
            let direction = match map.get("@direction") {
                None => true,
                Some(Value::String(direction)) => direction == "ltr" || direction == "rtl",
                _ => false,
            };
            map.get("@value").is_some_and(Value::is_string)
                && language
                && direction
                && map.keys().all(|key| matches!(key.as_str(), "@value" | "@language" | "@direction"))
        }
        _ => false,
    }
}

/// The shape of a BCP 47 tag: subtags of 1 to 8 letters or digits joined by `-`, the first
/// letters only.
fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|first| (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags.all(|subtag| (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn checked(document: Value) -> Result<(), InputError> {
        check(document.as_object().unwrap())
    }

    fn field_of(result: Result<(), InputError>) -> &'static str {
        match result {
            Err(InputError::InvalidField { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_specification_examples_pass() {
        // VCDM 2.0 §5.3, §5.4, §5.5, §4.11, §5.6 examples (their shapes).
        let document = json!({
            "relatedResource": [{"id": "https://www.w3.org/ns/credentials/v2",
                "digestSRI": "sha384-Ih3FhuyRXSdlzsQNmkcbvLsoVUrjBrDfCnJZVNjVeazGGAFZy5WK6ZnLFd9bvmAH"},
                {"id": "https://www.w3.org/ns/credentials/examples/v2", "digestMultibase": "uEres1usWcWCmW7uolIW2uA0CjQ8iRV14eGaZsEpJ6kA"}],
            "refreshService": {"type": "VerifiableCredentialRefreshService2021", "url": "https://registration.provider.example/flows/reissue-age-token"},
            "termsOfUse": {"type": "TrustFrameworkPolicy", "trustFramework": "Employment&Life"},
            "credentialSchema": [{"id": "https://example.org/examples/degree.json", "type": "JsonSchema"}],
            "evidence": [{"id": "https://videos.example/training/alice-espresso.mp4", "type": ["Evidence"]}],
            "credentialStatus": [{"id": "https://university.example/credentials/status/3#94567",
                "type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "94567",
                "statusListCredential": "https://university.example/credentials/status/3"}],
            "name": [{"@value": "Example", "@language": "en"}, {"@value": "مثال", "@language": "ar", "@direction": "rtl"}],
            "description": "plain",
            "issuer": {"id": "did:example:i", "name": {"@value": "Université", "@language": "fr-CA"}}
        });
        assert_eq!(checked(document), Ok(()));
    }

    #[test]
    fn each_must_is_refused_naming_the_field() {
        let related = |value: Value| field_of(checked(json!({"relatedResource": value})));
        assert_eq!(related(json!("https://example.org/x")), "relatedResource");
        assert_eq!(related(json!([{"digestSRI": "sha384-x"}])), "relatedResource");
        assert_eq!(
            related(
                json!([{"id": "https://a.example", "digestSRI": "sha384-x"}, {"id": "https://a.example", "digestSRI": "sha384-y"}])
            ),
            "relatedResource"
        );
        assert_eq!(related(json!([{"id": "https://a.example"}])), "relatedResource");
        assert_eq!(related(json!([])), "relatedResource");
        assert_eq!(checked(json!({"credentialStatus": []})), Ok(()));
        for field in ["termsOfUse", "refreshService", "evidence", "credentialSchema", "credentialStatus"] {
            assert_eq!(field_of(checked(json!({field: {"id": "https://example.org/x"}}))), field);
            assert_eq!(field_of(checked(json!({field: [{"type": []}]}))), field);
            assert_eq!(field_of(checked(json!({field: "https://example.org/x"}))), field);
        }
        for field in ["termsOfUse", "evidence", "credentialStatus"] {
            assert_eq!(field_of(checked(json!({field: {"type": "T", "id": "not a url"}}))), field);
            assert_eq!(field_of(checked(json!({field: [{"type": "T"}, {"type": "T", "id": 7}]}))), field);
            assert_eq!(checked(json!({field: {"type": "T", "id": "urn:uuid:1"}})), Ok(()));
        }
        assert_eq!(
            field_of(checked(json!({"credentialSchema": {"type": "JsonSchema", "id": "degree.json"}}))),
            "credentialSchema"
        );
        assert_eq!(field_of(checked(json!({"name": {"@value": "x", "@language": "not a tag"}}))), "name");
        assert_eq!(field_of(checked(json!({"description": {"@value": "x", "@direction": "up"}}))), "description");
        assert_eq!(field_of(checked(json!({"name": 7}))), "name");
        assert_eq!(
            field_of(checked(json!({"issuer": {"id": "did:x", "name": {"@value": "x", "@type": "y"}}}))),
            "issuer.name"
        );
    }

    #[test]
    fn refusals_say_which_entry_in_both_languages() {
        use crate::error::Describe;
        let error = checked(json!({"evidence": [{"type": "Evidence"}, {"id": "https://e.example"}]})).unwrap_err();
        assert!(error.message(schemas::Lang::En).contains("entry 2"), "{error}");
        assert!(error.message(schemas::Lang::Fr).contains("entrée 2"), "{}", error.message(schemas::Lang::Fr));
    }
}
