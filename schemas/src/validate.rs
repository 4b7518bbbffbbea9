//! Checks a credential against the JSON Schema of its profile (picked from `type`), so issuer,
//! wallet and verifier agree on what a skill or assignment credential must contain.

use std::sync::LazyLock;

use jsonschema::Validator;
use serde::de::DeserializeOwned;
use serde_json::Value;

use lang::Lang;

use crate::error::{SchemaError, Violation};
use crate::i18n::t;
use crate::profile::{Profile, ASSIGNMENT_CREDENTIAL_SCHEMA, SKILL_CREDENTIAL_SCHEMA};
use crate::rules;

static SKILL_VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| compile(SKILL_CREDENTIAL_SCHEMA));

static ASSIGNMENT_VALIDATOR: LazyLock<Result<Validator, String>> =
    LazyLock::new(|| compile(ASSIGNMENT_CREDENTIAL_SCHEMA));

impl Profile {
    /// The profile's schema, compiled on first use; `None` for [`Profile::Other`].
    fn validator(self) -> Option<&'static Result<Validator, String>> {
        match self {
            Profile::Skill => Some(&SKILL_VALIDATOR),
            Profile::Assignment => Some(&ASSIGNMENT_VALIDATOR),
            Profile::Other => None,
        }
    }
}

/// A JSON value as a violation shows it: JSON (`"text"`, `42`, `["a","b"]`) in English, and a
/// string between « » in French, both from the catalogue.
fn shown(value: &Value, lang: Lang) -> String {
    match value {
        Value::String(_) => {
            // The JSON text's escapes are kept (a control character stays visible); only the
            // surrounding quotes are the catalogue's.
            let json = value.to_string();
            let inner = json.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')).unwrap_or(&json);
            t!(lang, "schema-quoted-text", text = inner)
        }
        other => other.to_string(),
    }
}

/// "`name` is a required property", in `lang`.
pub(crate) fn required(name: &str, lang: Lang) -> String {
    t!(lang, "schema-required", property = shown(&Value::String(name.to_owned()), lang))
}

/// What a JSON Schema violation says in `lang`. `jsonschema` words its messages in English
/// only: each kind our schemas can produce is worded by the catalogue (the English as
/// `jsonschema` words it), any other keeps `jsonschema`'s text as a detail.
fn message(error: &jsonschema::ValidationError<'_>, lang: Lang) -> String {
    use jsonschema::error::{TypeKind, ValidationErrorKind as Kind};
    let value = shown(error.instance(), lang);
    let value = value.as_str();
    match error.kind() {
        Kind::Required { property } => t!(lang, "schema-required", property = shown(property, lang)),
        Kind::Type { kind: TypeKind::Single(single) } => {
            t!(lang, "schema-type", value = value, kind = single.to_string())
        }
        Kind::Type { kind: TypeKind::Multiple(types) } => {
            let types: Vec<String> = types.iter().map(|single| format!("\"{single}\"")).collect();
            t!(lang, "schema-types", value = value, types = types.join(", "))
        }
        Kind::Format { format } => t!(lang, "schema-format", value = value, format = format.as_str()),
        Kind::Constant { expected_value } => t!(lang, "schema-const", expected = shown(expected_value, lang)),
        Kind::Enum { options } => t!(lang, "schema-enum", value = value, options = options.to_string()),
        Kind::MinLength { limit } => t!(lang, "schema-min-length", value = value, limit = (*limit)),
        Kind::MaxLength { limit } => t!(lang, "schema-max-length", value = value, limit = (*limit)),
        Kind::MinItems { limit } => t!(lang, "schema-min-items", value = value, limit = (*limit)),
        Kind::MaxItems { limit } => t!(lang, "schema-max-items", value = value, limit = (*limit)),
        Kind::Minimum { limit } => t!(lang, "schema-minimum", value = value, limit = limit.to_string()),
        Kind::Maximum { limit } => t!(lang, "schema-maximum", value = value, limit = limit.to_string()),
        Kind::Pattern { pattern } => t!(lang, "schema-pattern", value = value, pattern = pattern.as_str()),
        Kind::AdditionalProperties { unexpected } => {
            let names: Vec<String> =
                unexpected.iter().map(|name| t!(lang, "schema-unexpected-name", name = name.as_str())).collect();
            t!(lang, "schema-additional-properties", properties = names.join(", "), count = unexpected.len())
        }
        Kind::AnyOf { .. } => t!(lang, "schema-any-of", value = value),
        Kind::OneOfNotValid { .. } => t!(lang, "schema-one-of-none", value = value),
        Kind::OneOfMultipleValid { .. } => t!(lang, "schema-one-of-many", value = value),
        Kind::Contains => t!(lang, "schema-contains", value = value),
        Kind::UniqueItems => t!(lang, "schema-unique-items", value = value),
        Kind::FalseSchema => t!(lang, "schema-false", value = value),
        Kind::Not { schema } => t!(lang, "schema-not", value = value, schema = schema.to_string()),
        other => t!(lang, "schema-other", keyword = other.keyword(), detail = error.to_string()),
    }
}

/// Validates `credential` against the schema of the profile its `type` names, plus the rules a
/// JSON Schema cannot express (an end date before its start, a skill key without alignment).
///
/// Returns the profile when the credential is valid, `Ok(Profile::Other)` when it is not one of
/// our profiles (no schema applies), and [`SchemaError::Invalid`] listing every violation with
/// its JSON pointer otherwise. A `proof` is ignored: signed and unsigned credentials validate alike.
pub fn validate(credential: &Value) -> Result<Profile, SchemaError> {
    let profile = Profile::of(credential);
    let Some(compiled) = profile.validator() else {
        return Ok(Profile::Other);
    };
    let validator =
        compiled.as_ref().map_err(|message| SchemaError::SchemaUnavailable { profile, message: message.clone() })?;
    let mut violations: Vec<Violation> = validator
        .iter_errors(credential)
        .map(|error| Violation::worded(error.instance_path().to_string(), |lang| message(&error, lang)))
        .collect();
    violations.extend(rules::check(profile, credential));
    if violations.is_empty() {
        Ok(profile)
    } else {
        Err(SchemaError::Invalid { profile, violations })
    }
}

/// Whether a credential read into a view is validated first, or was already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Validation {
    /// [`validate`] runs first.
    Now,
    /// The caller holds [`validate`]'s `Ok` for this very value (a verifier's passed schema
    /// check): validating again would only repeat it (it was a third of the cost of a
    /// manager's profile page).
    AlreadyPassed,
}

/// Validates `credential` as a credential of the `expected` profile (unless it already was) and
/// reads it into `T`.
pub(crate) fn read<T: DeserializeOwned>(
    credential: &Value,
    expected: Profile,
    validation: Validation,
) -> Result<T, SchemaError> {
    let found = Profile::of(credential);
    if found != expected {
        return Err(SchemaError::WrongProfile { expected, found });
    }
    if validation == Validation::Now {
        validate(credential)?;
    }
    Ok(T::deserialize(credential)?)
}

/// Compiles one of our schemas, with `format` (date-time, uri) checked rather than annotated.
fn compile(schema_text: &str) -> Result<Validator, String> {
    let schema: Value = serde_json::from_str(schema_text).map_err(|error| error.to_string())?;
    jsonschema::draft202012::options().should_validate_formats(true).build(&schema).map_err(|error| error.to_string())
}

#[cfg(test)]
mod invalid_credentials;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn both_schemas_compile() {
        for profile in [Profile::Skill, Profile::Assignment] {
            assert!(profile.validator().unwrap().is_ok(), "{profile}");
        }
        assert!(Profile::Other.schema().is_none());
    }

    #[test]
    fn a_credential_of_another_type_is_not_applicable() {
        let credential = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential", "EmployeeCredential"],
            "issuer": "did:example:issuer",
            "credentialSubject": {"id": "did:example:holder"}
        });
        assert_eq!(validate(&credential).unwrap(), Profile::Other);
    }

    #[test]
    fn a_bare_claim_of_our_type_is_checked_and_every_violation_reported() {
        let error = validate(&json!({"type": "SkillCredential"})).unwrap_err();
        let SchemaError::Invalid { profile, violations } = error else {
            panic!("expected Invalid, got {error:?}");
        };
        assert_eq!(profile, Profile::Skill);
        assert!(violations.len() > 3, "{violations:?}");
        assert!(violations.iter().any(|violation| violation.message.contains("\"issuer\" is a required property")));
        // Each one also reads in French, with no English left in it.
        assert!(violations.iter().any(|violation| violation.message_fr == "la propriété « issuer » est obligatoire"));
        for violation in &violations {
            assert!(!violation.message_fr.contains("is a required"), "{violation:?}");
            assert_eq!(violation.message_in(crate::Lang::Fr), violation.message_fr);
        }
        assert!(violations.iter().any(|violation| violation.instance_path == "/type"));
    }

    /// Every violation of `instance` against `schema`, in both languages.
    fn worded(schema: Value, instance: Value) -> Vec<(String, String, String)> {
        let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
        validator
            .iter_errors(&instance)
            .map(|error| (error.to_string(), message(&error, Lang::En), message(&error, Lang::Fr)))
            .collect()
    }

    #[test]
    fn english_is_worded_as_the_validator_words_it() {
        let cases = [
            (json!({"required": ["issuer"]}), json!({})),
            (json!({"type": "string"}), json!(3)),
            (json!({"type": ["string", "null"]}), json!(3)),
            (json!({"format": "date-time"}), json!("2025-04-31T12:00:00Z")),
            (json!({"const": "Competency"}), json!("Assignment")),
            (json!({"minLength": 1}), json!("")),
            (json!({"minLength": 3}), json!("ab")),
            (json!({"maxLength": 1}), json!("ab")),
            (json!({"minItems": 1}), json!([])),
            (json!({"minItems": 2}), json!([1])),
            (json!({"maxItems": 1}), json!([1, 2])),
            (json!({"minimum": 2}), json!(1)),
            (json!({"maximum": 2}), json!(3)),
            (json!({"pattern": "^[a-z_]+$"}), json!("Cloud-Architecture")),
            (json!({"properties": {"a": {}}, "additionalProperties": false}), json!({"salary": 1})),
            (json!({"properties": {"a": {}}, "additionalProperties": false}), json!({"salary": 1, "bonus": 2})),
            (json!({"anyOf": [{"type": "string"}, {"type": "object"}]}), json!(1)),
            (json!({"oneOf": [{"type": "string"}, {"type": "object"}]}), json!(1)),
            (json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}), json!(1)),
            (json!({"contains": {"const": "SkillCredential"}}), json!(["VerifiableCredential"])),
            (json!({"uniqueItems": true}), json!([1, 1])),
            (json!({"properties": {"x": false}}), json!({"x": 1})),
            (json!({"not": {"contains": {"const": "AssignmentCredential"}}}), json!(["AssignmentCredential"])),
            (json!({"pattern": "^a$"}), json!("with \"quotes\" and \u{1b}")),
        ];
        for (schema, instance) in cases {
            let worded = worded(schema.clone(), instance);
            assert_eq!(worded.len(), 1, "{schema}");
            let (library, english, french) = &worded[0];
            assert_eq!(english, library, "{schema}");
            assert_ne!(french, library, "{schema}");
        }
    }

    #[test]
    fn french_is_worded_by_the_catalogue() {
        let french = |schema: Value, instance: Value| worded(schema, instance).remove(0).2;
        assert_eq!(french(json!({"minLength": 1}), json!("")), "«  » ne doit pas être vide");
        assert_eq!(french(json!({"minLength": 3}), json!("ab")), "« ab » doit compter au moins 3 caractères");
        assert_eq!(french(json!({"minItems": 2}), json!([1])), "la liste doit compter au moins 2 éléments");
        assert_eq!(
            french(json!({"format": "date-time"}), json!("2024-04-01")),
            "« 2024-04-01 » n'est pas au format « date-time »"
        );
        assert_eq!(french(json!({"const": "Competency"}), json!("x")), "la valeur doit être « Competency »");
        assert_eq!(french(json!({"type": "string"}), json!(3)), "3 n'est pas du type attendu (« string »)");
        assert_eq!(
            french(json!({"enum": ["beginner", "expert"]}), json!("guru")),
            "« guru » n'est pas l'une des valeurs permises : [\"beginner\",\"expert\"]"
        );
        assert_eq!(
            french(json!({"properties": {"a": {}}, "additionalProperties": false}), json!({"salary": 1})),
            "propriété non prévue : salary"
        );
        assert_eq!(
            french(json!({"properties": {"a": {}}, "additionalProperties": false}), json!({"salary": 1, "bonus": 2})),
            "propriétés non prévues : salary, bonus"
        );
        let other = worded(json!({"multipleOf": 2}), json!(3)).remove(0);
        assert_eq!(other.1, "3 is not a multiple of 2 (schema rule \"multipleOf\")");
        assert_eq!(other.2, "la valeur ne respecte pas la règle « multipleOf » du schéma (3 is not a multiple of 2)");
    }
}
