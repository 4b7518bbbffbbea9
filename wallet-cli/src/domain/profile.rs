//! The person's profile as a manager would see it: the skill credentials grouped by skill family
//! (the GC Digital Talent library's), each skill with its levels and how many distinct issuers
//! attest it, and the assignment credentials as a timeline, newest first. Every line carries its
//! standing, judged as `wallet list` and `wallet show` judge a stored credential (not verified
//! yet, revoked or suspended as last read, expired, signed by an issuer the person has not said
//! they trust, not issued to them), when its status was last read, and the person's own words,
//! which are never counted as verified.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use lang::{Lang, LocalizedText};
use schemas::{Level, Taxonomy};
use serde_json::Value;

use crate::domain::admission;
use crate::domain::own_words::OwnWords;
use crate::domain::store::{Damaged, Entry, StoreError, Wallet};
use crate::domain::summary;
use crate::domain::trust::{self, TrustList};

/// How a line of the profile stands, the first that applies in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Kept, but its issuer could not be reached to verify it yet.
    NotYetVerified,
    Revoked,
    Suspended,
    Expired,
    /// About another person.
    NotYours,
    /// Signed by an issuer the person has not said they trust.
    Untrusted,
    /// Verified when it was received (and not revoked or suspended when its status was read).
    Verified,
}

impl Standing {
    /// The stable code of the standing (`--json`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NotYetVerified => "not_yet_verified",
            Self::Revoked => "revoked",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
            Self::NotYours => "not_yours",
            Self::Untrusted => "untrusted_issuer",
            Self::Verified => "verified",
        }
    }
}

/// What every line says of its credential.
#[derive(Debug, Clone)]
pub struct Line {
    pub entry_id: String,
    pub issuer: String,
    pub issuer_id: String,
    pub standing: Standing,
    pub status: Option<String>,
    pub status_checked_at: Option<String>,
    pub note: Option<OwnWords>,
}

/// One skill credential's word on a skill.
#[derive(Debug, Clone)]
pub struct Attestation {
    pub level: Option<Level>,
    pub line: Line,
}

/// A skill and the credentials that attest it.
#[derive(Debug, Clone)]
pub struct SkillRow {
    pub key: String,
    pub name: String,
    pub attestations: Vec<Attestation>,
}

impl SkillRow {
    fn standing(&self) -> impl Iterator<Item = &Attestation> {
        self.attestations.iter().filter(|a| a.line.standing == Standing::Verified)
    }

    /// How many distinct issuers attest it with a verified credential.
    pub fn issuers(&self) -> usize {
        self.standing().map(|a| a.line.issuer_id.as_str()).collect::<BTreeSet<_>>().len()
    }

    /// The highest level a verified credential gives it.
    pub fn level(&self) -> Option<Level> {
        self.standing().filter_map(|a| a.level).max()
    }
}

/// The skills of one family (`key` `None`: skills the library does not know).
#[derive(Debug, Clone)]
pub struct FamilyGroup {
    pub key: Option<String>,
    pub name: Option<String>,
    pub skills: Vec<SkillRow>,
}

/// One assignment of the timeline.
#[derive(Debug, Clone)]
pub struct AssignmentRow {
    pub role: String,
    pub department: String,
    pub team: Option<String>,
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `None`: current.
    pub end: Option<String>,
    pub skills_used: Vec<String>,
    pub line: Line,
}

/// The whole profile, in one language.
#[derive(Debug, Clone)]
pub struct Profile {
    pub holder: String,
    pub families: Vec<FamilyGroup>,
    pub assignments: Vec<AssignmentRow>,
    /// Stored credentials that are neither skill nor assignment credentials.
    pub others: usize,
    pub damaged: Vec<Damaged>,
}

/// What a skill credential says, read from its JSON or its SD-JWT VC claims.
struct SkillClaim {
    key: String,
    name: LocalizedText,
    level: Option<Level>,
}

fn localized(node: Option<&Value>) -> Option<LocalizedText> {
    serde_json::from_value(node?.clone()).ok()
}

fn skill_claim(claims: &Value) -> Option<SkillClaim> {
    if claims.get("vct").is_some() {
        let skill = claims.get("skill")?;
        return Some(SkillClaim {
            key: skill.get("key")?.as_str()?.to_owned(),
            name: localized(skill.get("name"))?,
            level: claims.get("level").and_then(|l| serde_json::from_value(l.clone()).ok()),
        });
    }
    let view = schemas::SkillCredentialView::from_value(claims).ok()?;
    Some(SkillClaim { key: view.skill_key, name: view.skill_name, level: Some(view.level) })
}

fn date(text: &str) -> String {
    text.chars().take(10).collect()
}

fn assignment_row(claims: &Value, line: Line, lang: Lang) -> Option<AssignmentRow> {
    if claims.get("vct").is_some() {
        let text = |node: Option<&Value>| localized(node).map(|t| t.get(lang).to_owned());
        let skills = claims.get("skills").and_then(Value::as_object);
        return Some(AssignmentRow {
            role: text(claims.get("role"))?,
            department: text(claims.pointer("/department/name"))?,
            team: text(claims.pointer("/team/name")),
            start: date(claims.get("start_date")?.as_str()?),
            end: claims.get("end_date").and_then(Value::as_str).map(date),
            skills_used: skills.into_iter().flatten().filter_map(|(_, name)| text(Some(name))).collect(),
            line,
        });
    }
    let view = schemas::AssignmentCredentialView::from_value(claims).ok()?;
    Some(AssignmentRow {
        role: view.role.get(lang).to_owned(),
        department: view.department.name.get(lang).to_owned(),
        team: view.team.map(|team| team.name.get(lang).to_owned()),
        start: view.start.format("%Y-%m-%d").to_string(),
        end: view.end.map(|end| end.format("%Y-%m-%d").to_string()),
        skills_used: view.skills_used.iter().map(|skill| skill.name.get(lang).to_owned()).collect(),
        line,
    })
}

/// When the credential stops being valid: `validUntil` (or `expirationDate`), or an SD-JWT
/// VC's `exp`.
fn valid_until(claims: &Value) -> Option<DateTime<Utc>> {
    if let Some(seconds) = claims.get("exp").and_then(Value::as_i64) {
        return DateTime::from_timestamp(seconds, 0);
    }
    let text = claims.get("validUntil").or_else(|| claims.get("expirationDate"))?.as_str()?;
    DateTime::parse_from_rfc3339(text).ok().map(|at| at.with_timezone(&Utc))
}

/// The standing of `entry`, whose claims are `claims`, for `holder`, at `now`.
pub fn standing(entry: &Entry, claims: &Value, holder: &str, trust: &TrustList, now: DateTime<Utc>) -> Standing {
    if entry.unverified.is_some() {
        return Standing::NotYetVerified;
    }
    match entry.status.as_deref() {
        Some("revoked") => return Standing::Revoked,
        Some("suspended") => return Standing::Suspended,
        _ => {}
    }
    if valid_until(claims).is_some_and(|until| until <= now) {
        Standing::Expired
    } else if admission::about_someone_else(Some(claims), holder).is_some() {
        Standing::NotYours
    } else if trust.trusting(claims, now).is_none() {
        Standing::Untrusted
    } else {
        Standing::Verified
    }
}

/// The profile of `wallet`'s holder in `lang`, judged at `now` with the issuers in `trust`.
pub fn build(wallet: &Wallet, trust: &TrustList, now: DateTime<Utc>, lang: Lang) -> Result<Profile, StoreError> {
    let (entries, damaged) = wallet.entries()?;
    let taxonomy = Taxonomy::gc_digital_talent();
    let mut skills: BTreeMap<String, SkillRow> = BTreeMap::new();
    let mut assignments = Vec::new();
    let mut others = 0;
    for entry in entries {
        let (Some(claims), Some(summary)) =
            (summary::claims(&entry.credential), summary::summarize(&entry.credential, lang))
        else {
            others += 1;
            continue;
        };
        let line = Line {
            entry_id: entry.id.clone(),
            issuer: summary.issuer.clone(),
            issuer_id: trust::issuer_of(&claims).unwrap_or_default(),
            standing: standing(&entry, &claims, wallet.did(), trust, now),
            status: entry.status.clone(),
            status_checked_at: entry.status_checked_at.clone(),
            note: entry.note.clone(),
        };
        match summary.kind.as_str() {
            "skill" => match skill_claim(&claims) {
                Some(claim) => {
                    let row = skills.entry(claim.key.clone()).or_insert_with(|| SkillRow {
                        key: claim.key.clone(),
                        name: claim.name.get(lang).to_owned(),
                        attestations: Vec::new(),
                    });
                    row.attestations.push(Attestation { level: claim.level, line });
                }
                None => others += 1,
            },
            "assignment" => match assignment_row(&claims, line, lang) {
                Some(row) => assignments.push(row),
                None => others += 1,
            },
            _ => others += 1,
        }
    }
    // A skill goes under the first family the library gives it; one it does not know, last.
    let mut families: BTreeMap<Option<String>, Vec<SkillRow>> = BTreeMap::new();
    for (key, mut row) in skills {
        row.attestations.sort_by(|a, b| b.level.cmp(&a.level).then_with(|| a.line.entry_id.cmp(&b.line.entry_id)));
        let family = taxonomy.skill(&key).and_then(|skill| skill.families.first().cloned());
        families.entry(family).or_default().push(row);
    }
    let mut families: Vec<FamilyGroup> = families
        .into_iter()
        .map(|(key, mut skills)| {
            skills.sort_by_key(|skill| skill.name.to_lowercase());
            let name = key.as_deref().and_then(|key| taxonomy.family(key)).map(|f| f.name.get(lang).to_owned());
            FamilyGroup { key, name, skills }
        })
        .collect();
    families.sort_by(|a, b| match (&a.name, &b.name) {
        (Some(a), Some(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        (a, b) => b.is_some().cmp(&a.is_some()),
    });
    // Newest first: by start, then a current one before one that ended.
    assignments.sort_by(|a, b| {
        b.start.cmp(&a.start).then_with(|| match (&a.end, &b.end) {
            (None, Some(_)) => std::cmp::Ordering::Less,
            (Some(_), None) => std::cmp::Ordering::Greater,
            (a, b) => b.cmp(a),
        })
    });
    Ok(Profile { holder: wallet.did().to_owned(), families, assignments, others, damaged })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::store::Entry;
    use schemas::{AssignmentCredentialBuilder, Issuer, OrganizationUnit, SkillCredentialBuilder};

    const QUICK: keys::KdfParams = keys::KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn issuer(id: &str, en: &str, fr: &str) -> Issuer {
        Issuer { id: id.into(), name: LocalizedText::new(en, fr) }
    }

    fn keep(wallet: &Wallet, credential: &Value, status: &str) -> String {
        let entry = Entry {
            credential: credential.to_string(),
            received_at: "2026-01-01T00:00:00Z".into(),
            source: "import".into(),
            status: Some(status.into()),
            status_checked_at: Some("2026-12-07T08:40:00Z".into()),
            ..Entry::default()
        };
        wallet.add(entry).unwrap()
    }

    #[test]
    fn skills_group_by_family_with_distinct_issuers_and_assignments_run_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let wallet = Wallet::init(dir.path(), "pw", QUICK).unwrap();
        let me = wallet.did().to_owned();
        let (cio, ssc) = (issuer("did:web:cio.example", "CIO", "DPI"), issuer("did:web:ssc.example", "SSC", "SPC"));
        let skill = |id: &str, issuer: &Issuer, key: &str, level: Level| {
            SkillCredentialBuilder::new(id, issuer.clone(), key, level, at("2025-01-01T00:00:00Z"))
                .subject(me.clone())
                .build()
                .unwrap()
        };
        keep(&wallet, &skill("urn:uuid:1", &cio, "ability_to_learn_quickly", Level::Advanced), "active");
        keep(&wallet, &skill("urn:uuid:2", &ssc, "ability_to_learn_quickly", Level::Expert), "active");
        keep(&wallet, &skill("urn:uuid:3", &cio, "ability_to_learn_quickly", Level::Beginner), "active");
        let revoked = keep(&wallet, &skill("urn:uuid:4", &ssc, "api_design", Level::Expert), "revoked");
        let assignment = |id: &str, start: &str, end: Option<&str>| {
            let mut builder = AssignmentCredentialBuilder::new(
                id,
                ssc.clone(),
                LocalizedText::new("Analyst", "Analyste"),
                OrganizationUnit::named(LocalizedText::new("Shared Services", "Services partagés")),
                at(start),
                at("2025-01-01T00:00:00Z"),
            )
            .subject(me.clone())
            .skill("api_design");
            if let Some(end) = end {
                builder = builder.end(at(end));
            }
            builder.build().unwrap()
        };
        keep(&wallet, &assignment("urn:uuid:5", "2020-01-01T00:00:00Z", Some("2021-01-01T00:00:00Z")), "active");
        let newest = keep(&wallet, &assignment("urn:uuid:6", "2024-01-01T00:00:00Z", None), "active");
        let mut noted = wallet.find(&newest).unwrap();
        noted.note = Some(OwnWords::new(Some("I led the migration."), None, at("2026-12-01T00:00:00Z")).unwrap());
        wallet.update(&noted).unwrap();
        let trust_file = dir.path().join("trust.toml");
        std::fs::write(
            &trust_file,
            "[[issuer]]\nid = \"did:web:cio.example\"\nname = \"CIO\"\nname_fr = \"DPI\"\ncredential_types = [\"*\"]\n\n\
             [[issuer]]\nid = \"did:web:ssc.example\"\nname = \"SSC\"\nname_fr = \"SPC\"\ncredential_types = [\"*\"]\n",
        )
        .unwrap();
        let trust = TrustList::load(&trust_file).unwrap();

        let profile = build(&wallet, &trust, at("2026-12-07T09:00:00Z"), Lang::Fr).unwrap();
        let names: Vec<Option<&str>> = profile.families.iter().map(|f| f.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Capacités de raisonnement"), Some("Solutions logicielles - développement d'applications")]
        );
        let learning = &profile.families[0].skills[0];
        assert_eq!(
            (learning.name.as_str(), learning.issuers(), learning.level()),
            ("Capacité d’apprendre rapidement", 2, Some(Level::Expert))
        );
        let api = &profile.families[1].skills[0];
        assert_eq!((api.issuers(), api.level(), api.attestations[0].line.standing), (0, None, Standing::Revoked));
        assert_eq!(api.attestations[0].line.entry_id, revoked);
        let starts: Vec<&str> = profile.assignments.iter().map(|a| a.start.as_str()).collect();
        assert_eq!(starts, ["2024-01-01", "2020-01-01"]);
        assert_eq!(profile.assignments[0].skills_used, ["API Design"]);
        assert_eq!(profile.assignments[0].line.note.as_ref().unwrap().en.as_deref(), Some("I led the migration."));

        // Without a trust list every line is said to come from an issuer not trusted; expired
        // comes before that, revoked before expired.
        let untrusted = build(&wallet, &TrustList::default(), at("2026-12-07T09:00:00Z"), Lang::En).unwrap();
        assert!(untrusted.assignments.iter().all(|a| a.line.standing == Standing::Untrusted));
        let expiring = SkillCredentialBuilder::new(
            "urn:uuid:7",
            cio.clone(),
            "api_design",
            Level::Advanced,
            at("2025-01-01T00:00:00Z"),
        )
        .subject(me.clone())
        .valid_until(at("2026-01-01T00:00:00Z"))
        .build()
        .unwrap();
        keep(&wallet, &expiring, "active");
        let later = build(&wallet, &trust, at("2026-12-07T09:00:00Z"), Lang::En).unwrap();
        let standings: Vec<Standing> = later
            .families
            .iter()
            .flat_map(|f| &f.skills)
            .filter(|s| s.key == "api_design")
            .flat_map(|s| s.attestations.iter().map(|a| a.line.standing))
            .collect();
        assert_eq!(standings, [Standing::Revoked, Standing::Expired]);
    }
}
