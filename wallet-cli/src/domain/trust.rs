//! Which issuers the person has said they trust, and whether a credential is theirs: a valid
//! signature says only that some key signed, and the name an issuer gives itself is its own
//! choice. The list is the verifier's registry file (TOML, `[[issuer]]` with `id`, `name`,
//! `name_fr`, `credential_types`, and optionally `achievement_types`, `from`, `until`), read the
//! same way: an issuer is trusted for a credential when an entry names its DID (or, as
//! `did:web:HOST`, every DID on that host) and every specific type of the credential, at the
//! time asked about.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use lang::Lang;
use serde::Deserialize;
use serde_json::Value;

use crate::i18n::t;

/// Why the trust list could not be read; worded by the catalogue, `Display` is the English.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum TrustError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The TOML parser's own words (English only), and the line.
    Invalid {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

impl TrustError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read { path, source } => t!(
                lang,
                "trust-unreadable",
                path = path.display().to_string(),
                reason = credentials::error::io_reason(source, lang)
            ),
            Self::Invalid { path, line, reason } => t!(
                lang,
                "trust-invalid",
                path = path.display().to_string(),
                line = line.to_string(),
                reason = reason.as_str()
            ),
        }
    }
}

/// One trusted issuer, as the verifier's registry writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    pub id: String,
    pub name: String,
    pub name_fr: String,
    pub credential_types: Vec<String>,
    #[serde(default)]
    pub achievement_types: Vec<String>,
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    issuer: Vec<TrustedIssuer>,
}

/// The issuers the person trusts; empty when they named none.
#[derive(Debug, Clone, Default)]
pub struct TrustList {
    pub issuers: Vec<TrustedIssuer>,
}

impl TrustList {
    pub fn load(path: &Path) -> Result<Self, TrustError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| TrustError::Read { path: path.to_owned(), source })?;
        let file: File = toml::from_str(&text).map_err(|e| {
            let offset = e.span().map_or(0, |span| span.start).min(text.len());
            let line = text[..offset].bytes().filter(|b| *b == b'\n').count() + 1;
            TrustError::Invalid { path: path.to_owned(), line, reason: e.message().to_owned() }
        })?;
        Ok(Self { issuers: file.issuer })
    }

    /// The entry that trusts the issuer of `claims` (a credential's JSON, or SD-JWT VC claims)
    /// for what it attests, at `now`.
    pub fn trusting(&self, claims: &Value, now: DateTime<Utc>) -> Option<&TrustedIssuer> {
        let issuer = issuer_of(claims)?;
        let types = types_of(claims);
        self.issuers.iter().find(|entry| {
            covers(&entry.id, &issuer)
                && trusted_for(entry, &types)
                && entry.from.is_none_or(|from| from <= now)
                && entry.until.is_none_or(|until| now < until)
        })
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

fn covers(entry: &str, did: &str) -> bool {
    did == entry
        || (entry.starts_with("did:web:") && !entry[8..].contains(':') && did.starts_with(&format!("{entry}:")))
}

/// As the verifier judges it: `*` trusts any type; otherwise at least one type is named and
/// every type but the generic ones is.
fn trusted_for(entry: &TrustedIssuer, types: &[String]) -> bool {
    if entry.credential_types.iter().any(|t| t == "*") {
        return true;
    }
    let generic = |t: &str| ["VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"].contains(&t);
    let named = |t: &String| entry.credential_types.contains(t);
    types.iter().any(named) && types.iter().all(|t| generic(t) || named(t))
}

#[cfg(test)]
mod tests {
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
    }
}
