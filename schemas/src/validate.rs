//! Checks a credential against the JSON Schema of its profile (picked from `type`), so issuer,
//! wallet and verifier agree on what a skill or assignment credential must contain.

use std::fmt;
use std::sync::LazyLock;

use jsonschema::Validator;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{SchemaError, Violation};
use crate::rules;

/// JSON Schema (draft 2020-12) of a skill credential (file `json/skill-credential.schema.json`).
pub const SKILL_CREDENTIAL_SCHEMA: &str = include_str!("../json/skill-credential.schema.json");

/// JSON Schema (draft 2020-12) of an assignment credential
/// (file `json/assignment-credential.schema.json`).
pub const ASSIGNMENT_CREDENTIAL_SCHEMA: &str = include_str!("../json/assignment-credential.schema.json");

/// The `type` entry that marks a skill credential.
pub const SKILL_CREDENTIAL_TYPE: &str = "SkillCredential";

/// The `type` entry that marks an assignment credential.
pub const ASSIGNMENT_CREDENTIAL_TYPE: &str = "AssignmentCredential";

static SKILL_VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| compile(SKILL_CREDENTIAL_SCHEMA));

static ASSIGNMENT_VALIDATOR: LazyLock<Result<Validator, String>> =
    LazyLock::new(|| compile(ASSIGNMENT_CREDENTIAL_SCHEMA));

/// Which of our credential profiles a credential claims to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// `type` contains `SkillCredential`.
    Skill,
    /// `type` contains `AssignmentCredential` (and not `SkillCredential`).
    Assignment,
    /// Not one of ours: no schema applies, and the caller decides what that means.
    Other,
}

impl Profile {
    /// The profile a credential claims by its `type` (a string or an array of strings).
    /// A credential claiming both of ours is taken as a skill credential, whose schema then
    /// refuses the extra type.
    pub fn of(credential: &Value) -> Profile {
        let claims = |wanted: &str| match credential.get("type") {
            Some(Value::String(single)) => single == wanted,
            Some(Value::Array(types)) => types.iter().any(|entry| entry == wanted),
            _ => false,
        };
        if claims(SKILL_CREDENTIAL_TYPE) {
            Profile::Skill
        } else if claims(ASSIGNMENT_CREDENTIAL_TYPE) {
            Profile::Assignment
        } else {
            Profile::Other
        }
    }

    /// The JSON Schema text of the profile; `None` for [`Profile::Other`].
    pub fn schema(self) -> Option<&'static str> {
        match self {
            Profile::Skill => Some(SKILL_CREDENTIAL_SCHEMA),
            Profile::Assignment => Some(ASSIGNMENT_CREDENTIAL_SCHEMA),
            Profile::Other => None,
        }
    }

    fn validator(self) -> Option<&'static Result<Validator, String>> {
        match self {
            Profile::Skill => Some(&SKILL_VALIDATOR),
            Profile::Assignment => Some(&ASSIGNMENT_VALIDATOR),
            Profile::Other => None,
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Profile::Skill => "skill",
            Profile::Assignment => "assignment",
            Profile::Other => "other",
        })
    }
}

/// The French for a JSON Schema violation: `jsonschema` words its messages in English only.
fn french(error: &jsonschema::ValidationError<'_>) -> String {
    use jsonschema::error::ValidationErrorKind as Kind;
    let value = error.instance();
    // A JSON string prints with straight quotes; French text quotes with « ».
    let quoted = |value: &Value| match value {
        Value::String(text) => format!("« {text} »"),
        other => other.to_string(),
    };
    let shown = quoted(value);
    match error.kind() {
        Kind::Required { property } => format!("la propriété {} est obligatoire", quoted(property)),
        Kind::Type { kind } => format!("{shown} n'est pas du type attendu ({kind:?})"),
        Kind::Format { format } => format!("{shown} n'est pas au format « {format} »"),
        Kind::Constant { expected_value } => format!("la valeur doit être {}", quoted(expected_value)),
        Kind::Enum { options } => format!("{shown} n'est pas l'une des valeurs permises : {options}"),
        Kind::MinLength { limit: 1 } | Kind::MinItems { limit: 1 } => format!("{shown} ne doit pas être vide"),
        Kind::MinLength { limit } => format!("{shown} doit compter au moins {limit} caractères"),
        Kind::MaxLength { limit } => format!("{shown} doit compter au plus {limit} caractères"),
        Kind::MinItems { limit } => format!("la liste doit compter au moins {limit} éléments"),
        Kind::MaxItems { limit } => format!("la liste doit compter au plus {limit} éléments"),
        Kind::Minimum { limit } => format!("{shown} est inférieur à {limit}"),
        Kind::Maximum { limit } => format!("{shown} est supérieur à {limit}"),
        Kind::Pattern { pattern } => format!("{shown} ne correspond pas au motif « {pattern} »"),
        Kind::AdditionalProperties { unexpected } => {
            format!("propriétés non prévues : {}", unexpected.join(", "))
        }
        Kind::AnyOf { .. } | Kind::OneOfNotValid { .. } => {
            format!("{shown} ne correspond à aucune des formes permises")
        }
        Kind::OneOfMultipleValid { .. } => {
            format!("{shown} correspond à plusieurs formes, alors qu'une seule est permise")
        }
        Kind::Contains => "la liste ne contient aucun élément valide".to_owned(),
        Kind::UniqueItems => "les éléments de la liste doivent être distincts".to_owned(),
        Kind::FalseSchema => "cette valeur n'est pas permise".to_owned(),
        other => format!("la valeur ne respecte pas la règle « {} » du schéma", other.keyword()),
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
        .map(|error| Violation::new(error.instance_path().to_string(), error.to_string(), french(&error)))
        .collect();
    violations.extend(rules::check(profile, credential));
    if violations.is_empty() {
        Ok(profile)
    } else {
        Err(SchemaError::Invalid { profile, violations })
    }
}

/// Validates `credential` as a credential of the `expected` profile and reads it into `T`.
pub(crate) fn read<T: DeserializeOwned>(credential: &Value, expected: Profile) -> Result<T, SchemaError> {
    let found = Profile::of(credential);
    if found != expected {
        return Err(SchemaError::WrongProfile { expected, found });
    }
    validate(credential)?;
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
    fn profile_comes_from_type() {
        let typed = |types: Value| json!({ "type": types });
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "SkillCredential"]))), Profile::Skill);
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "AssignmentCredential"]))), Profile::Assignment);
        assert_eq!(Profile::of(&typed(json!("SkillCredential"))), Profile::Skill);
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "OpenBadgeCredential"]))), Profile::Other);
        assert_eq!(Profile::of(&json!({})), Profile::Other);
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
}
