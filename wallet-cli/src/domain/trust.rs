//! Which issuers the person has said they trust, and whether a credential is theirs: a valid
//! signature says only that some key signed, and the name an issuer gives itself is its own
//! choice. The list is a verifier's registry file, read by the same reader
//! (`credentials::trust_registry`): an issuer is trusted for a credential when an entry names
//! its DID (or, as `did:web:HOST`, every DID on that host), every specific type of the
//! credential and its achievement type when the entry limits them, at the time asked about.

use std::path::Path;

use chrono::{DateTime, Utc};
pub use credentials::trust_registry::{Registry, TrustError, TrustedIssuer};
use serde_json::Value;

/// The issuers the person trusts; empty when they named none.
#[derive(Debug, Clone, Default)]
pub struct TrustList {
    pub registry: Registry,
}

impl TrustList {
    pub fn load(path: &Path) -> Result<Self, TrustError> {
        Ok(Self { registry: Registry::load(path)? })
    }

    /// The entry that trusts the issuer of `claims` (a credential's JSON, or SD-JWT VC claims)
    /// for what it attests, at `now`.
    pub fn trusting(&self, claims: &Value, now: DateTime<Utc>) -> Option<&TrustedIssuer> {
        let achievement_type = claims
            .pointer("/credentialSubject/achievement/achievementType")
            .or_else(|| claims.get("achievement_type"))
            .and_then(Value::as_str);
        self.registry.find(&issuer_of(claims)?, &types_of(claims), achievement_type, now)
    }
}

/// The issuer's DID: `issuer` (a string or an object's `id`), or `iss` of SD-JWT VC claims.
pub fn issuer_of(claims: &Value) -> Option<String> {
    match claims.get("issuer").or_else(|| claims.get("iss"))? {
        Value::String(id) => Some(id.clone()),
        node => node.get("id").and_then(Value::as_str).map(str::to_owned),
    }
}

/// The credential's types (an SD-JWT VC's `vct` read as the type it stands for).
fn types_of(claims: &Value) -> Vec<String> {
    match claims.get("vct").and_then(Value::as_str) {
        Some(vct) => vec![schemas::sd_jwt_vc::type_of_vct(vct).unwrap_or(vct).to_owned()],
        None => credentials::input::type_names(claims.get("type")),
    }
}

#[cfg(test)]
mod tests {
    use lang::Lang;

    use super::*;

    #[test]
    fn an_issuer_is_trusted_for_the_types_and_times_its_entry_names() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trust.toml");
        std::fs::write(
            &path,
            "[[issuer]]\nid = \"did:web:hr.example\"\nname = \"HR\"\nname_fr = \"RH\"\ncredential_types = [\"SkillCredential\"]\nuntil = \"2030-01-01T00:00:00Z\"\n",
        )
        .unwrap();
        let list = TrustList::load(&path).unwrap();
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let skill = serde_json::json!({"issuer": {"id": "did:web:hr.example:finance"}, "type": ["VerifiableCredential", "SkillCredential"]});
        assert_eq!(list.trusting(&skill, now).map(|e| e.name.as_str()), Some("HR"));
        let assignment = serde_json::json!({"issuer": "did:web:hr.example", "type": ["VerifiableCredential", "SkillCredential", "AssignmentCredential"]});
        assert!(list.trusting(&assignment, now).is_none(), "a type it is not trusted for");
        let elsewhere = serde_json::json!({"issuer": "did:web:hr.example.evil", "type": ["SkillCredential"]});
        assert!(list.trusting(&elsewhere, now).is_none());
        let later = DateTime::from_timestamp(1_900_000_000, 0).unwrap();
        assert!(list.trusting(&skill, later).is_none(), "after `until`");
        std::fs::write(&path, "[[issuer]]\nid = 3\n").unwrap();
        let error = TrustList::load(&path).unwrap_err();
        assert!(matches!(error, TrustError::Invalid { line: 2, .. }), "{error:?}");
        assert!(error.message(Lang::Fr).contains("ligne 2"), "{}", error.message(Lang::Fr));
    }
}
