//! The skill and assignment profiles as SD-JWT VC claims (`dc+sd-jwt`): which claims exist,
//! which of them the holder may hide, and how a verifier reads back what was shown.
//!
//! SD-JWT VC is not JSON-LD: claims are plain JSON named in snake_case, the type is a `vct`
//! URI. The profile keeps what decides trust always visible (issuer, type, achievement type,
//! validity, the skill of a skill credential, the role and department of an assignment) and
//! makes each item a new employer may not need disclosable on its own: each skill used, the
//! team, the start and end dates, the description (it repeats the dates), the evidence. Skills
//! are an object keyed by skill key so a holder can say `skills.api_design`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use serde_json::{json, Map, Value};

use crate::assignment::AssignmentCredentialView;
use crate::document::{Evidence, OrganizationUnit};
use crate::error::{SchemaError, Violation};
use crate::i18n::t;
use crate::labels::Field;
use crate::labels::Label;
use crate::profile::{Profile, ASSIGNMENT_CREDENTIAL_TYPE, SKILL_CREDENTIAL_TYPE};
use crate::skill::SkillCredentialView;
use crate::taxonomy::SkillCategory;
use crate::Level;
use lang::{Lang, LocalizedText};

/// `vct` of a skill credential.
pub const SKILL_VCT: &str = "https://w3id.org/talent-credentials/vct/SkillCredential";
/// `vct` of an assignment credential.
pub const ASSIGNMENT_VCT: &str = "https://w3id.org/talent-credentials/vct/AssignmentCredential";

/// The credential type a `vct` stands for (`SkillCredential`, `AssignmentCredential`).
pub fn type_of_vct(vct: &str) -> Option<&'static str> {
    match vct {
        SKILL_VCT => Some(SKILL_CREDENTIAL_TYPE),
        ASSIGNMENT_VCT => Some(ASSIGNMENT_CREDENTIAL_TYPE),
        _ => None,
    }
}

/// The `vct` for a credential type.
pub fn vct_of_type(credential_type: &str) -> Option<&'static str> {
    match credential_type {
        SKILL_CREDENTIAL_TYPE => Some(SKILL_VCT),
        ASSIGNMENT_CREDENTIAL_TYPE => Some(ASSIGNMENT_VCT),
        _ => None,
    }
}

fn seconds(instant: DateTime<Utc>) -> Value {
    Value::from(instant.timestamp())
}

fn unit(unit: &OrganizationUnit) -> Value {
    let mut object = Map::new();
    if let Some(id) = &unit.id {
        object.insert("id".into(), Value::String(id.clone()));
    }
    object.insert("name".into(), json!(unit.name));
    Value::Object(object)
}

fn evidence(items: &[Evidence]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|item| {
                let mut object = Map::new();
                if let Some(id) = &item.id {
                    object.insert("id".into(), Value::String(id.clone()));
                }
                object.insert("narrative".into(), json!(item.narrative));
                Value::Object(object)
            })
            .collect(),
    )
}

/// A claim path as member names from the top (`["skills", "api_design"]`).
pub type ClaimNames = Vec<String>;

/// The SD-JWT VC claims of a skill or assignment credential (checked against its schema first),
/// without the claims the securing layer adds (`iss`, `iat`, `cnf`, `status`), and the paths of
/// the claims the holder may hide.
pub fn claims(credential: &Value) -> Result<(Map<String, Value>, Vec<ClaimNames>), SchemaError> {
    let mut claims = Map::new();
    let mut disclosable: Vec<ClaimNames> = Vec::new();
    let common = |claims: &mut Map<String, Value>,
                  vct: &str,
                  id: &str,
                  issuer: &LocalizedText,
                  name: &LocalizedText,
                  subject: Option<&String>,
                  from: DateTime<Utc>,
                  until: Option<DateTime<Utc>>,
                  achievement_type: &str| {
        claims.insert("vct".into(), Value::String(vct.into()));
        claims.insert("jti".into(), Value::String(id.into()));
        if let Some(subject) = subject {
            claims.insert("sub".into(), Value::String(subject.clone()));
        }
        claims.insert("nbf".into(), seconds(from));
        if let Some(until) = until {
            claims.insert("exp".into(), seconds(until));
        }
        claims.insert("issuer_name".into(), json!(issuer));
        claims.insert("name".into(), json!(name));
        claims.insert("achievement_type".into(), Value::String(achievement_type.into()));
    };
    let path = |names: &[&str]| names.iter().map(|name| (*name).to_owned()).collect::<Vec<_>>();
    match Profile::of(credential) {
        Profile::Skill => {
            let view = SkillCredentialView::from_value(credential)?;
            common(
                &mut claims,
                SKILL_VCT,
                &view.id,
                &view.issuer.name,
                &view.name,
                view.subject.as_ref(),
                view.valid_from,
                view.valid_until,
                "Competency",
            );
            claims.insert(
                "skill".into(),
                json!({"key": view.skill_key, "name": view.skill_name, "category": view.skill_category}),
            );
            claims.insert("level".into(), json!(view.level));
            claims.insert("description".into(), json!(view.description));
            claims.insert("criteria".into(), json!(view.criteria));
            if !view.evidence.is_empty() {
                claims.insert("evidence".into(), evidence(&view.evidence));
                disclosable.push(path(&["evidence"]));
            }
        }
        Profile::Assignment => {
            let view = AssignmentCredentialView::from_value(credential)?;
            common(
                &mut claims,
                ASSIGNMENT_VCT,
                &view.id,
                &view.issuer.name,
                &view.name,
                view.subject.as_ref(),
                view.valid_from,
                view.valid_until,
                "Assignment",
            );
            claims.insert("role".into(), json!(view.role));
            claims.insert("department".into(), unit(&view.department));
            if let Some(team) = &view.team {
                claims.insert("team".into(), unit(team));
                disclosable.push(path(&["team"]));
            }
            claims.insert("start_date".into(), Value::String(view.start.to_rfc3339_opts(SecondsFormat::Secs, true)));
            disclosable.push(path(&["start_date"]));
            if let Some(end) = view.end {
                claims.insert("end_date".into(), Value::String(end.to_rfc3339_opts(SecondsFormat::Secs, true)));
                disclosable.push(path(&["end_date"]));
            }
            claims.insert("description".into(), json!(view.description));
            disclosable.push(path(&["description"]));
            if !view.skills_used.is_empty() {
                let mut skills = Map::new();
                for skill in &view.skills_used {
                    skills.insert(skill.key.clone(), json!(skill.name));
                    disclosable.push(vec!["skills".into(), skill.key.clone()]);
                }
                claims.insert("skills".into(), Value::Object(skills));
            }
            if !view.evidence.is_empty() {
                claims.insert("evidence".into(), evidence(&view.evidence));
                disclosable.push(path(&["evidence"]));
            }
        }
        Profile::Other => {
            return Err(SchemaError::Invalid {
                profile: Profile::Other,
                violations: vec![Violation::worded("/type", |lang| t!(lang, "claims-no-sd-jwt-form"))],
            })
        }
    }
    Ok((claims, disclosable))
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Unit {
    #[serde(default)]
    id: Option<String>,
    name: LocalizedText,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct EvidenceClaim {
    #[serde(default)]
    id: Option<String>,
    narrative: LocalizedText,
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct SkillClaim {
    key: String,
    name: LocalizedText,
    category: SkillCategory,
}

/// Revealed claims of either profile: the disclosable ones are optional, the others required.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Revealed {
    iss: String,
    vct: String,
    #[serde(default)]
    iat: Option<i64>,
    nbf: i64,
    #[serde(default)]
    exp: Option<i64>,
    jti: String,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    cnf: Option<Value>,
    #[serde(default)]
    status: Option<Value>,
    issuer_name: LocalizedText,
    name: LocalizedText,
    achievement_type: String,
    // Skill.
    #[serde(default)]
    skill: Option<SkillClaim>,
    #[serde(default)]
    level: Option<Level>,
    #[serde(default)]
    criteria: Option<LocalizedText>,
    // Assignment.
    #[serde(default)]
    role: Option<LocalizedText>,
    #[serde(default)]
    department: Option<Unit>,
    #[serde(default)]
    team: Option<Unit>,
    #[serde(default)]
    start_date: Option<DateTime<Utc>>,
    #[serde(default)]
    end_date: Option<DateTime<Utc>>,
    #[serde(default)]
    skills: Option<Map<String, Value>>,
    // Both.
    #[serde(default)]
    description: Option<LocalizedText>,
    #[serde(default)]
    evidence: Option<Vec<EvidenceClaim>>,
}

/// Checks revealed SD-JWT VC claims against the profile their `vct` names: every always-visible
/// claim present with its type, disclosed claims well-formed, nothing of the other profile.
pub fn check(revealed: &Value) -> Result<(), Vec<Violation>> {
    let claims = Revealed::deserialize(revealed)
        .map_err(|e| vec![Violation::worded("", |lang| t!(lang, "claims-unreadable", reason = e.to_string()))])?;
    let mut violations = Vec::new();
    let (skill_claims, assignment_claims) = (
        claims.skill.is_some() || claims.level.is_some() || claims.criteria.is_some(),
        claims.role.is_some()
            || claims.department.is_some()
            || claims.team.is_some()
            || claims.start_date.is_some()
            || claims.end_date.is_some()
            || claims.skills.is_some(),
    );
    let _ = (claims.iss, claims.iat, claims.exp, claims.jti, claims.sub, claims.cnf, claims.status, claims.nbf);
    let _ = (claims.issuer_name, claims.name, claims.description, claims.evidence);
    match type_of_vct(&claims.vct) {
        Some(SKILL_CREDENTIAL_TYPE) => {
            if claims.achievement_type != "Competency" {
                violations
                    .push(Violation::worded("/achievement_type", |lang| t!(lang, "claims-skill-achievement-type")));
            }
            for (name, present) in [
                ("skill", claims.skill.is_some()),
                ("level", claims.level.is_some()),
                ("criteria", claims.criteria.is_some()),
            ] {
                if !present {
                    violations.push(Violation::worded("", |lang| crate::validate::required(name, lang)));
                }
            }
            if assignment_claims {
                violations.push(Violation::worded("", |lang| t!(lang, "claims-assignment-in-skill")));
            }
        }
        Some(_) => {
            if claims.achievement_type != "Assignment" {
                violations.push(Violation::worded("/achievement_type", |lang| {
                    t!(lang, "claims-assignment-achievement-type")
                }));
            }
            for (name, present) in [("role", claims.role.is_some()), ("department", claims.department.is_some())] {
                if !present {
                    violations.push(Violation::worded("", |lang| crate::validate::required(name, lang)));
                }
            }
            if skill_claims {
                violations.push(Violation::worded("", |lang| t!(lang, "claims-skill-in-assignment")));
            }
            for (key, name) in claims.skills.iter().flatten() {
                if serde_json::from_value::<LocalizedText>(name.clone()).is_err() {
                    violations.push(Violation::worded(format!("/skills/{key}"), |lang| t!(lang, "claims-skill-name")));
                }
            }
        }
        None => violations
            .push(Violation::worded("/vct", |lang| t!(lang, "claims-unknown-type", vct = claims.vct.as_str()))),
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

fn text_of(claims: &Value, name: &str, lang: Lang) -> Option<String> {
    serde_json::from_value::<LocalizedText>(claims.get(name)?.clone()).ok().map(|text| text.get(lang).to_owned())
}

fn date_of(claims: &Value, name: &str) -> Option<String> {
    let text = claims.get(name)?.as_str()?;
    DateTime::parse_from_rfc3339(text).ok().map(|date| date.format("%Y-%m-%d").to_string())
}

fn instant_of(claims: &Value, name: &str) -> Option<String> {
    DateTime::from_timestamp(claims.get(name)?.as_i64()?, 0).map(|date| date.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// The labelled fields of revealed SD-JWT VC claims in `lang`: only what was shown, so a person
/// sees exactly what the holder disclosed. `None` for claims of another `vct`.
pub fn describe(claims: &Value, lang: Lang) -> Option<Vec<Field>> {
    let credential_type = type_of_vct(claims.get("vct")?.as_str()?)?;
    let mut fields = Vec::new();
    let mut push = |label: Label, value: Option<String>| {
        if let Some(value) = value {
            fields.push(Field { label: label.text(lang), value });
        }
    };
    push(Label::Credential, text_of(claims, "name", lang));
    if credential_type == SKILL_CREDENTIAL_TYPE {
        let skill = claims.get("skill");
        push(Label::Skill, skill.and_then(|skill| text_of(skill, "name", lang)));
        let category = skill
            .and_then(|skill| serde_json::from_value::<SkillCategory>(skill.get("category")?.clone()).ok())
            .map(|category| category.label(lang).to_owned());
        push(Label::Category, category);
        let level = claims
            .get("level")
            .and_then(|level| serde_json::from_value::<Level>(level.clone()).ok())
            .map(|level| level.label(lang).to_owned());
        push(Label::Level, level);
    } else {
        push(Label::Role, text_of(claims, "role", lang));
        push(Label::Department, claims.get("department").and_then(|d| text_of(d, "name", lang)));
        push(Label::Team, claims.get("team").and_then(|t| text_of(t, "name", lang)));
        push(Label::Start, date_of(claims, "start_date"));
        push(Label::End, date_of(claims, "end_date"));
        if let Some(Value::Object(skills)) = claims.get("skills") {
            let names: Vec<String> = skills.keys().filter_map(|key| text_of(&claims["skills"], key, lang)).collect();
            push(Label::SkillsUsed, Some(names.join(", ")));
        }
    }
    push(Label::Issuer, text_of(claims, "issuer_name", lang));
    push(Label::Holder, claims.get("sub").and_then(Value::as_str).map(str::to_owned));
    push(Label::ValidFrom, instant_of(claims, "nbf"));
    push(Label::ValidUntil, instant_of(claims, "exp"));
    if let Some(Value::Array(items)) = claims.get("evidence") {
        for item in items {
            push(Label::Evidence, text_of(item, "narrative", lang));
        }
    }
    Some(fields)
}

/// How a disclosable claim reads to its holder in `lang`, e.g. "Skill used: API design" for
/// `skills.api_design`, so a person chooses what to show by meaning, not by path.
pub fn claim_label(claims: &Value, path: &[String], lang: Lang) -> String {
    let value = path.iter().try_fold(claims, |node, name| node.get(name));
    let (label, text) = match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["skills", _] => (Label::SkillUsed, value.and_then(|v| localized(v, lang))),
        ["team"] => (Label::Team, value.and_then(|v| v.get("name")).and_then(|v| localized(v, lang))),
        ["start_date"] => (Label::Start, date_of(claims, "start_date")),
        ["end_date"] => (Label::End, date_of(claims, "end_date")),
        ["description"] => (Label::Description, value.and_then(|v| localized(v, lang))),
        ["evidence"] => (
            Label::Evidence,
            value.and_then(Value::as_array).map(|items| {
                items
                    .iter()
                    .filter_map(|item| item.get("narrative").and_then(|n| localized(n, lang)))
                    .collect::<Vec<_>>()
                    .join(" / ")
            }),
        ),
        _ => return path.join("."),
    };
    match text {
        Some(text) => t!(lang, "claim-with-value", label = label.text(lang), value = text),
        None => label.text(lang).to_owned(),
    }
}

fn localized(value: &Value, lang: Lang) -> Option<String> {
    serde_json::from_value::<LocalizedText>(value.clone()).ok().map(|text| text.get(lang).to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::fixtures;

    fn with_securing(mut claims: Map<String, Value>) -> Value {
        claims.insert("iss".into(), json!("did:example:issuer"));
        Value::Object(claims)
    }

    #[test]
    fn assignment_skills_dates_team_and_evidence_are_disclosable_one_by_one() {
        let credential = fixtures::assignment_builder()
            .subject("did:example:holder")
            .team(OrganizationUnit::named(LocalizedText::new("Cloud Platforms", "Plateformes infonuagiques")))
            .end(fixtures::timestamp("2025-03-31T00:00:00Z"))
            .skill("cloud_architecture")
            .skill("accountability")
            .evidence(fixtures::evidence())
            .build()
            .unwrap();
        let (claims, disclosable) = claims(&credential).unwrap();
        assert_eq!(claims["vct"], ASSIGNMENT_VCT);
        let skills: Vec<&String> = claims["skills"].as_object().unwrap().keys().collect();
        assert!(!skills.is_empty());
        for key in skills {
            assert!(disclosable.contains(&vec!["skills".to_owned(), key.clone()]));
        }
        for name in ["team", "start_date", "end_date", "description", "evidence"] {
            assert!(disclosable.contains(&vec![name.to_owned()]), "{name}");
        }
        for always in ["vct", "jti", "nbf", "role", "department", "achievement_type", "issuer_name", "name"] {
            assert!(!disclosable.iter().any(|path| path[0] == always), "{always}");
        }
        check(&with_securing(claims)).unwrap();
    }

    #[test]
    fn skill_claims_check_and_display_in_both_languages() {
        let (claims, disclosable) = claims(&fixtures::skill_credential()).unwrap();
        assert_eq!(claims["achievement_type"], "Competency");
        assert!(disclosable.iter().all(|path| path == &vec!["evidence".to_owned()]));
        let revealed = with_securing(claims);
        check(&revealed).unwrap();
        let english = describe(&revealed, Lang::En).unwrap();
        let french = describe(&revealed, Lang::Fr).unwrap();
        assert!(english.iter().any(|field| field.label == "Skill"));
        assert!(french.iter().any(|field| field.label == "Compétence"));
    }

    #[test]
    fn disclosable_claims_read_as_words_in_both_languages() {
        let (claims, _) = claims(&fixtures::assignment_credential()).unwrap();
        let claims = Value::Object(claims);
        let skill = vec!["skills".to_owned(), "accountability".to_owned()];
        assert_eq!(claim_label(&claims, &skill, Lang::En), "Skill used: Accountability");
        assert!(claim_label(&claims, &skill, Lang::Fr).starts_with("Compétence utilisée : "));
        assert_eq!(claim_label(&claims, &["team".to_owned()], Lang::Fr), "Équipe : Plateformes infonuagiques");
        assert_eq!(claim_label(&claims, &["start_date".to_owned()], Lang::En), "Start: 2024-04-01");
    }

    #[test]
    fn check_refuses_missing_visible_claims_and_mixed_profiles() {
        let (claims, _) = claims(&fixtures::assignment_credential()).unwrap();
        let mut revealed = with_securing(claims);
        revealed.as_object_mut().unwrap().remove("role");
        revealed["level"] = json!("expert");
        let violations = check(&revealed).unwrap_err();
        assert_eq!(violations.len(), 2, "{violations:?}");
        let mut unknown = with_securing(claims_of_skill());
        unknown["vct"] = json!("https://example.com/other");
        assert!(check(&unknown).is_err());
        let mut extra = with_securing(claims_of_skill());
        extra["salary"] = json!(1);
        assert!(check(&extra).is_err());
    }

    fn claims_of_skill() -> Map<String, Value> {
        claims(&fixtures::skill_credential()).unwrap().0
    }

    #[test]
    fn check_words_its_violations_in_both_languages() {
        let mut unknown = with_securing(claims_of_skill());
        unknown["vct"] = json!("https://example.com/other");
        let violations = check(&unknown).unwrap_err();
        assert_eq!(violations[0].message, "unknown credential type https://example.com/other");
        assert_eq!(violations[0].message_fr, "type d'attestation inconnu : « https://example.com/other »");
        let mut missing = with_securing(claims_of_skill());
        missing.as_object_mut().unwrap().remove("level");
        let violations = check(&missing).unwrap_err();
        assert_eq!(violations[0].message, "\"level\" is a required property");
        assert_eq!(violations[0].message_fr, "la propriété « level » est obligatoire");
        let mut skills = with_securing(claims(&fixtures::assignment_credential()).unwrap().0);
        skills["skills"]["accountability"] = json!("Accountability");
        let violations = check(&skills).unwrap_err();
        assert_eq!(violations[0].message, "a skill's name is {\"en\", \"fr\"}");
        assert_eq!(violations[0].message_fr, "le nom d'une compétence est {\"en\", \"fr\"}");
        let unreadable = check(&json!({"vct": 1})).unwrap_err();
        assert!(unreadable[0].message_fr.starts_with("les revendications sont illisibles : "), "{unreadable:?}");
        assert!(unreadable[0].message_fr.ends_with(&unreadable[0].message), "{unreadable:?}");
    }
}
