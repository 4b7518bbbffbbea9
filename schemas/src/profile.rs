//! Which of our two profiles a credential claims, told from its `type` alone: every other part of
//! this crate (schemas, rules, views, SD-JWT VC claims, errors) starts from that answer.

use std::fmt;

use serde_json::Value;

/// JSON Schema (draft 2020-12) of a skill credential (file `json/skill-credential.schema.json`).
pub const SKILL_CREDENTIAL_SCHEMA: &str = include_str!("../json/skill-credential.schema.json");

/// JSON Schema (draft 2020-12) of an assignment credential
/// (file `json/assignment-credential.schema.json`).
pub const ASSIGNMENT_CREDENTIAL_SCHEMA: &str = include_str!("../json/assignment-credential.schema.json");

/// The `type` entry that marks a skill credential.
pub const SKILL_CREDENTIAL_TYPE: &str = "SkillCredential";

/// The `type` entry that marks an assignment credential.
pub const ASSIGNMENT_CREDENTIAL_TYPE: &str = "AssignmentCredential";

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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn profile_comes_from_type() {
        let typed = |types: Value| json!({ "type": types });
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "SkillCredential"]))), Profile::Skill);
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "AssignmentCredential"]))), Profile::Assignment);
        assert_eq!(Profile::of(&typed(json!("SkillCredential"))), Profile::Skill);
        assert_eq!(Profile::of(&typed(json!(["VerifiableCredential", "OpenBadgeCredential"]))), Profile::Other);
        assert_eq!(Profile::of(&json!({})), Profile::Other);
    }
}
