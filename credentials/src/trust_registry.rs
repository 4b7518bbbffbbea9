//! A trust registry: which issuers are trusted, and for what. A valid signature says who issued
//! a credential; whether that organization may attest *this kind* of claim is the reader's
//! decision, kept in a TOML file (`[[issuer]]` with `id`, `name`, `name_fr`,
//! `credential_types`, and optionally `achievement_types`, `from`, `until`) that a verifier's
//! administrator, or a person for their wallet, edits. One reader for both, so that a wallet and
//! a verifier given the same file trust the same issuers; a mistake in the file is refused with
//! its line named, never read as trusting or distrusting someone.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use lang::Lang;
use serde::{Deserialize, Serialize};

use crate::i18n::{t, text};

/// A registry file problem, with the line it is on; worded by the catalogue, `Display` is the
/// English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum TrustError {
    Read { path: PathBuf, source: std::io::Error },
    Invalid { path: PathBuf, line: usize, reason: RegistryProblem },
}

/// What is wrong with an entry of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryProblem {
    /// The TOML parser's own message (English): bad syntax, an unknown key, a wrong type.
    Toml(String),
    /// This `id` is not a DID without fragment.
    NotADid(String),
    /// This `id` starts with `did:web:` but is not a valid one.
    NotDidWeb(String),
    NameMissing,
    NoTypes,
    UntilNotAfterFrom,
    /// Covers the same issuer, type and time as the entry on this line.
    Overlaps(usize),
}

impl RegistryProblem {
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Toml(detail) => t!(lang, "registry-toml", detail = detail.as_str()),
            Self::NotADid(id) => t!(lang, "registry-not-a-did", id = id.as_str()),
            Self::NotDidWeb(id) => t!(lang, "registry-not-did-web", id = id.as_str()),
            Self::NameMissing => text!(lang, "registry-name-missing").to_owned(),
            Self::NoTypes => text!(lang, "registry-no-types").to_owned(),
            Self::UntilNotAfterFrom => text!(lang, "registry-until-not-after-from").to_owned(),
            Self::Overlaps(line) => t!(lang, "registry-overlaps", line = line.to_string()),
        }
    }
}

impl TrustError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read { path, source } => t!(
                lang,
                "registry-unreadable",
                path = path.display().to_string(),
                reason = crate::error::io_reason(source, lang)
            ),
            Self::Invalid { path, line, reason } => t!(
                lang,
                "registry-invalid",
                path = path.display().to_string(),
                line = line.to_string(),
                reason = reason.message(lang)
            ),
        }
    }
}

/// One trusted issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedIssuer {
    /// The issuer's DID (`did:web:…`, `did:key:…`), or `did:web:HOST` to trust every DID on that host.
    pub id: String,
    pub name: String,
    pub name_fr: String,
    /// Credential types it is trusted for (e.g. `SkillCredential`); `*` for any.
    pub credential_types: Vec<String>,
    /// Open Badges achievement types it is trusted for; empty for any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievement_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    issuer: Vec<TrustedIssuer>,
}

/// The registry as loaded.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub issuers: Vec<TrustedIssuer>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|b| *b == b'\n').count() + 1
}

/// The line where the `index`-th `[[issuer]]` table starts.
fn entry_line(text: &str, index: usize) -> usize {
    text.match_indices("[[issuer]]").nth(index).map(|(offset, _)| line_of(text, offset)).unwrap_or(1)
}

impl TrustedIssuer {
    /// Whether this entry covers every specific type of a credential: an issuer trusted for
    /// skills cannot pass a credential off as an assignment too by adding that type. The
    /// generic types every credential of ours carries (`VerifiableCredential`, and Open Badges'
    /// `OpenBadgeCredential` / `AchievementCredential`) need not be named, but at least one
    /// named type must be present.
    pub fn trusted_for(&self, types: &[String]) -> bool {
        if self.credential_types.iter().any(|t| t == "*") {
            return true;
        }
        let generic = |t: &str| ["VerifiableCredential", "OpenBadgeCredential", "AchievementCredential"].contains(&t);
        let named = |t: &String| self.credential_types.contains(t);
        types.iter().any(named) && types.iter().all(|t| generic(t) || named(t))
    }

    fn covers_did(&self, did: &str) -> bool {
        did == self.id
            || (self.id.starts_with("did:web:")
                && !self.id[8..].contains(':')
                && did.starts_with(&format!("{}:", self.id)))
    }

    fn types_overlap(&self, other: &Self) -> bool {
        let any = |t: &[String]| t.iter().any(|t| t == "*");
        any(&self.credential_types)
            || any(&other.credential_types)
            || self.credential_types.iter().any(|t| other.credential_types.contains(t))
    }

    fn times_overlap(&self, other: &Self) -> bool {
        let starts_before_end = |a: &Self, b: &Self| match (a.from, b.until) {
            (Some(from), Some(until)) => from < until,
            _ => true,
        };
        starts_before_end(self, other) && starts_before_end(other, self)
    }
}

impl Registry {
    /// Parses and checks a registry: unknown fields, DIDs, dates in order, and no two entries
    /// that cover the same issuer, kind and time (which would make its name and limits ambiguous).
    pub fn parse(text: &str, path: &Path) -> Result<Self, TrustError> {
        let invalid =
            |line: usize, reason: RegistryProblem| TrustError::Invalid { path: path.to_owned(), line, reason };
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| line_of(text, span.start)).unwrap_or(1);
            invalid(line, RegistryProblem::Toml(e.message().to_owned()))
        })?;
        for (index, issuer) in file.issuer.iter().enumerate() {
            let line = entry_line(text, index);
            if crate::did::did_of(&issuer.id).ok() != Some(issuer.id.as_str()) {
                return Err(invalid(line, RegistryProblem::NotADid(issuer.id.clone())));
            }
            if issuer.id.starts_with("did:web:") {
                crate::did::web::parse_did_web(&issuer.id)
                    .map_err(|_| invalid(line, RegistryProblem::NotDidWeb(issuer.id.clone())))?;
            }
            if issuer.name.trim().is_empty() || issuer.name_fr.trim().is_empty() {
                return Err(invalid(line, RegistryProblem::NameMissing));
            }
            if issuer.credential_types.is_empty() {
                return Err(invalid(line, RegistryProblem::NoTypes));
            }
            if let (Some(from), Some(until)) = (issuer.from, issuer.until) {
                if until <= from {
                    return Err(invalid(line, RegistryProblem::UntilNotAfterFrom));
                }
            }
            for (earlier_index, earlier) in file.issuer[..index].iter().enumerate() {
                let same_issuer = earlier.covers_did(&issuer.id) || issuer.covers_did(&earlier.id);
                if same_issuer && earlier.types_overlap(issuer) && earlier.times_overlap(issuer) {
                    let earlier_line = entry_line(text, earlier_index);
                    return Err(invalid(line, RegistryProblem::Overlaps(earlier_line)));
                }
            }
        }
        Ok(Self { issuers: file.issuer })
    }

    pub fn load(path: &Path) -> Result<Self, TrustError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| TrustError::Read { path: path.to_owned(), source })?;
        Self::parse(&text, path)
    }

    /// The registry as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(&File { issuer: self.issuers.clone() }).unwrap_or_default()
    }

    /// The entry trusting `did` for `types` (and `achievement_type`) at `at`, if any. Every
    /// specific type of the credential must be one the entry names (see
    /// [`TrustedIssuer::trusted_for`]).
    pub fn find(
        &self,
        did: &str,
        types: &[String],
        achievement_type: Option<&str>,
        at: DateTime<Utc>,
    ) -> Option<&TrustedIssuer> {
        self.issuers.iter().find(|issuer| {
            issuer.covers_did(did)
                && issuer.trusted_for(types)
                && (issuer.achievement_types.is_empty()
                    || achievement_type.is_some_and(|a| issuer.achievement_types.iter().any(|t| t == a)))
                && issuer.from.is_none_or(|from| from <= at)
                && issuer.until.is_none_or(|until| at < until)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Registry, TrustError> {
        Registry::parse(text, Path::new("trust.toml"))
    }

    fn line(error: TrustError) -> usize {
        match error {
            TrustError::Invalid { line, .. } => line,
            other => panic!("{other:?}"),
        }
    }

    const GOOD: &str = r#"
[[issuer]]
id = "did:web:talent.canada.ca:hr"
name = "Human Resources"
name_fr = "Ressources humaines"
credential_types = ["SkillCredential"]

[[issuer]]
id = "did:web:talent.canada.ca:finance"
name = "Finance"
name_fr = "Finances"
credential_types = ["AssignmentCredential", "SkillCredential"]
until = "2027-01-01T00:00:00Z"
"#;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn trusts_by_issuer_type_and_time() {
        let registry = parse(GOOD).unwrap();
        let skill = ["VerifiableCredential".to_owned(), "SkillCredential".to_owned()];
        let assignment = ["VerifiableCredential".to_owned(), "AssignmentCredential".to_owned()];
        let now = at("2026-06-01T00:00:00Z");
        assert!(registry.find("did:web:talent.canada.ca:hr", &skill, None, now).is_some());
        assert!(registry.find("did:web:talent.canada.ca:hr", &assignment, None, now).is_none(), "not for that type");
        assert!(registry.find("did:web:talent.canada.ca:finance", &assignment, None, now).is_some());
        assert!(registry
            .find("did:web:talent.canada.ca:finance", &assignment, None, at("2027-06-01T00:00:00Z"))
            .is_none());
        assert!(registry.find("did:web:elsewhere.example:hr", &skill, None, now).is_none());
        // Trusted for skills only: a credential also typed as an assignment is not trusted, and
        // a bare Open Badge names no type the entry lists.
        let both = ["VerifiableCredential".to_owned(), "SkillCredential".to_owned(), "AssignmentCredential".to_owned()];
        assert!(registry.find("did:web:talent.canada.ca:hr", &both, None, now).is_none());
        let badge = ["VerifiableCredential".to_owned(), "OpenBadgeCredential".to_owned()];
        assert!(registry.find("did:web:talent.canada.ca:hr", &badge, None, now).is_none());
        let skill_badge = [badge[0].clone(), badge[1].clone(), "SkillCredential".to_owned()];
        assert!(registry.find("did:web:talent.canada.ca:hr", &skill_badge, None, now).is_some());
        let domain = parse("[[issuer]]\nid = \"did:web:talent.canada.ca\"\nname = \"GC\"\nname_fr = \"GC\"\ncredential_types = [\"*\"]\n").unwrap();
        assert!(domain.find("did:web:talent.canada.ca:hr", &assignment, None, now).is_some());
        assert!(domain.find("did:web:talent.canada.ca.evil.example:hr", &assignment, None, now).is_none());
    }

    #[test]
    fn mistakes_are_said_in_french_too() {
        let error =
            parse("[[issuer]]\nid = \"did:key:z6Mk\"\nname = \"A\"\nname_fr = \"\"\ncredential_types = [\"*\"]\n")
                .unwrap_err();
        assert_eq!(error.message(Lang::Fr), "trust.toml, ligne 1 : un émetteur exige `name` et `name_fr`");
        assert_eq!(error.message(Lang::En), "trust.toml, line 1: an issuer needs `name` and `name_fr`");
        let missing = Registry::load(Path::new("/nonexistent/trust.toml")).unwrap_err();
        assert_eq!(
            missing.message(Lang::Fr),
            "lecture impossible de /nonexistent/trust.toml : fichier ou dossier introuvable"
        );
    }

    #[test]
    fn mistakes_are_refused_with_their_line() {
        assert_eq!(line(parse("[[issuer]]\nid = \"did:key:z6Mk\"\nname = \"A\"\nname_fr = \"A\"\ncredential_types = [\"*\"]\ncolour = \"red\"\n").unwrap_err()), 6);
        assert_eq!(line(parse(&format!("{GOOD}\n[[issuer]]\nid = \"not a did\"\nname = \"A\"\nname_fr = \"A\"\ncredential_types = [\"*\"]\n")).unwrap_err()), 15);
        let overlap = format!("{GOOD}\n[[issuer]]\nid = \"did:web:talent.canada.ca:hr\"\nname = \"HR again\"\nname_fr = \"RH\"\ncredential_types = [\"SkillCredential\"]\n");
        let error = parse(&overlap).unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        assert_eq!(line(error), 15);
        // The same issuer for another type, or another time, is not an overlap.
        let later = format!("{GOOD}\n[[issuer]]\nid = \"did:web:talent.canada.ca:finance\"\nname = \"F\"\nname_fr = \"F\"\ncredential_types = [\"SkillCredential\"]\nfrom = \"2027-01-01T00:00:00Z\"\n");
        assert!(parse(&later).is_ok());
    }
}
