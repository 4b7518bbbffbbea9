//! What the verifier asks a wallet for (DCQL), in every format a person may hold: a person
//! keeps the usual Data Integrity credential (`ldp_vc`), a `vc+jwt` (`jwt_vc_json`) or an
//! SD-JWT VC (`dc+sd-jwt`), and a request naming one format only leaves the others unable to
//! answer (issue #23: the page asked for SD-JWT only and waited for ever). So each kind of
//! credential is asked for in the three formats, given as alternatives (`credential_sets`
//! options) of one set.
//!
//! A *talent profile* request asks for any number (`multiple`) of skill credentials, optionally
//! narrowed to skills of interest and a minimum level, and of assignment credentials: skills are
//! the required set (a profile holds at least one), assignments an optional one. Its credential
//! query ids start with [`PROFILE_PREFIX`], which is how the page knows a request is a profile.

use credentials::dcql::{
    assignment_query, own_words_query, skill_query, ClaimQuery, CredentialQuery, CredentialSet, Query,
    FORMAT_DC_SD_JWT, FORMAT_JWT_VC_JSON, FORMAT_LDP_VC,
};
use schemas::{Level, Taxonomy};
use serde_json::Value;

use crate::domain::error::ServiceError;
use crate::i18n::t;

/// Every format a person may hold a credential in, the most common first (a wallet answering
/// with the least data takes the first option it can).
pub const FORMATS: [&str; 3] = [FORMAT_LDP_VC, FORMAT_JWT_VC_JSON, FORMAT_DC_SD_JWT];

/// The start of a profile request's credential query ids.
pub const PROFILE_PREFIX: &str = "profile_";

/// The credential query id of the person's own words in a profile request.
pub const OWN_WORDS_QUERY_ID: &str = "profile_own_words";

/// Most skills of interest one profile request may name (a DCQL claim's `values`).
pub const MAX_SKILLS: usize = 64;

/// What a manager asks of a talent profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileAsk {
    /// Skills of interest (taxonomy keys); empty for every skill.
    pub skills: Vec<String>,
    /// Only skills attested at this level or above.
    pub min_level: Option<Level>,
    /// Ask for assignment credentials too (the career timeline).
    pub assignments: bool,
}

impl ProfileAsk {
    /// Reads the `profile` member of `POST /presentation-requests`:
    /// `{"skills": ["api_design"], "min_level": "intermediate", "assignments": true}`, every
    /// member optional (assignments are asked for unless `false`).
    pub fn from_value(value: &Value) -> Result<Self, ServiceError> {
        let object = value.as_object().ok_or_else(|| ServiceError::bad(|lang| t!(lang, "profile-not-object")))?;
        if let Some(unknown) = object.keys().find(|key| !["skills", "min_level", "assignments"].contains(&key.as_str()))
        {
            let unknown = unknown.as_str();
            return Err(ServiceError::bad(|lang| t!(lang, "profile-unknown-field", field = unknown)));
        }
        let skills = match object.get("skills") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| ServiceError::bad(|lang| t!(lang, "profile-skills-not-strings")))?,
            Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "profile-skills-not-strings"))),
        };
        let min_level = match object.get("min_level") {
            None | Some(Value::Null) => None,
            Some(Value::String(code)) => Some(parse_level(code)?),
            Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "profile-level-unknown", level = "?"))),
        };
        let assignments = match object.get("assignments") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(yes)) => *yes,
            Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "profile-assignments-not-boolean"))),
        };
        Ok(Self { skills, min_level, assignments })
    }
}

/// A level by its code (`intermediate`), or a refusal naming it.
pub fn parse_level(code: &str) -> Result<Level, ServiceError> {
    code.parse::<Level>().map_err(|_| ServiceError::bad(|lang| t!(lang, "profile-level-unknown", level = code)))
}

/// The DCQL query of a talent profile: skill credentials (required) and, when asked,
/// assignment credentials (optional), each in every format, any number of each.
pub fn profile_query(ask: &ProfileAsk) -> Result<Query, ServiceError> {
    if ask.skills.len() > MAX_SKILLS {
        return Err(ServiceError::bad(|lang| t!(lang, "profile-too-many-skills", max = MAX_SKILLS.to_string())));
    }
    let taxonomy = Taxonomy::gc_digital_talent();
    if let Some(unknown) = ask.skills.iter().find(|key| taxonomy.skill(key).is_none()) {
        let unknown = unknown.as_str();
        return Err(ServiceError::bad(|lang| t!(lang, "profile-skill-unknown", skill = unknown)));
    }
    let mut skills: Vec<String> = ask.skills.clone();
    skills.sort();
    skills.dedup();
    let levels: Vec<Value> = Level::ALL
        .into_iter()
        .filter(|level| ask.min_level.is_none_or(|min| *level >= min))
        .map(|level| level.as_str().into())
        .collect();
    let mut credentials = Vec::new();
    let mut sets = Vec::new();
    let mut kind = |name: &str, build: &dyn Fn(&str, &str) -> CredentialQuery| {
        let ids: Vec<String> =
            FORMATS.iter().map(|format| format!("{PROFILE_PREFIX}{name}_{}", short(format))).collect();
        for (id, format) in ids.iter().zip(FORMATS) {
            let mut query = build(id, format);
            query.multiple = true;
            credentials.push(query);
        }
        ids
    };
    let skill_ids = kind("skill", &|id, format| {
        let sd_jwt = format == FORMAT_DC_SD_JWT;
        let mut query = skill_query(id, format, "");
        let mut claims = Vec::new();
        if !skills.is_empty() {
            let path = if sd_jwt { vec!["skill".into(), "key".into()] } else { subject_path("skillKey") };
            claims.push(ClaimQuery {
                id: None,
                path,
                values: Some(skills.iter().map(|k| k.as_str().into()).collect()),
            });
        }
        if ask.min_level.is_some() {
            let path = if sd_jwt { vec!["level".into()] } else { subject_path("proficiencyLevel") };
            claims.push(ClaimQuery { id: None, path, values: Some(levels.clone()) });
        }
        query.claims = (!claims.is_empty()).then_some(claims);
        query
    });
    sets.push(CredentialSet { options: skill_ids.into_iter().map(|id| vec![id]).collect(), required: true });
    if ask.assignments {
        let ids = kind("assignment", &|id, format| {
            let mut query = assignment_query(id, format, None);
            if format == FORMAT_DC_SD_JWT {
                timeline_claims(&mut query);
            }
            query
        });
        sets.push(CredentialSet { options: ids.into_iter().map(|id| vec![id]).collect(), required: false });
    }
    // The person's own words about what they send, if they wrote some (never required).
    credentials.push(own_words_query(OWN_WORDS_QUERY_ID));
    sets.push(CredentialSet { options: vec![vec![OWN_WORDS_QUERY_ID.to_owned()]], required: false });
    let query = Query { credentials, credential_sets: Some(sets) };
    query.validate().map_err(|e| ServiceError::BadRequest(credentials::error::Detail::of(&e)))?;
    Ok(query)
}

/// The claims of an SD-JWT VC assignment the timeline shows and its issuer makes disclosable one
/// by one: its dates, team and skills used (a query without claims is answered with none of
/// them, and the line had no dates). The start date is always asked for; the end date, team and
/// skills when the credential has them (claim sets, the fullest first: the wallet discloses the
/// first set its credential holds).
fn timeline_claims(query: &mut CredentialQuery) {
    let claim = |id: &str, name: &str| ClaimQuery { id: Some(id.into()), path: vec![name.into()], values: None };
    query.claims = Some(vec![
        claim("start", "start_date"),
        claim("end", "end_date"),
        claim("team", "team"),
        claim("skills", "skills"),
    ]);
    let optional = ["end", "team", "skills"];
    // Every subset of the optional claims, the largest first, each with the start date.
    let mut sets: Vec<Vec<String>> = (0..1u8 << optional.len())
        .rev()
        .map(|mask| {
            let chosen = optional.iter().enumerate().filter(|(bit, _)| mask & (1 << bit) != 0);
            std::iter::once("start").chain(chosen.map(|(_, id)| *id)).map(str::to_owned).collect()
        })
        .collect();
    sets.sort_by_key(|set| std::cmp::Reverse(set.len()));
    query.claim_sets = Some(sets);
}

/// The query of today's single-credential request (a skill, or an assignment that used it), in
/// every format: three alternatives of one required set.
pub fn single_query(kind: &str, skill: &str) -> Result<Query, ServiceError> {
    if Taxonomy::gc_digital_talent().skill(skill).is_none() {
        return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-skill")));
    }
    let mut credentials = Vec::new();
    for format in FORMATS {
        let id = format!("credential_{}", short(format));
        credentials.push(match kind {
            "skill" => skill_query(&id, format, skill),
            "assignment" => assignment_query(&id, format, Some(skill)),
            _ => return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-kind"))),
        });
    }
    let options = credentials.iter().map(|query| vec![query.id.clone()]).collect();
    let query = Query { credentials, credential_sets: Some(vec![CredentialSet { options, required: true }]) };
    query.validate().map_err(|e| ServiceError::BadRequest(credentials::error::Detail::of(&e)))?;
    Ok(query)
}

/// Whether a request's query is a talent profile's.
pub fn is_profile(query: &Query) -> bool {
    !query.credentials.is_empty() && query.credentials.iter().all(|q| q.id.starts_with(PROFILE_PREFIX))
}

/// A format's part of a query id: `ldp`, `jwt`, `sd_jwt`.
fn short(format: &str) -> &'static str {
    match format {
        FORMAT_JWT_VC_JSON => "jwt",
        FORMAT_DC_SD_JWT => "sd_jwt",
        _ => "ldp",
    }
}

fn subject_path(member: &str) -> Vec<Value> {
    vec!["credentialSubject".into(), member.into()]
}

#[cfg(test)]
mod tests {
    use credentials::contexts::ContextSet;
    use schemas::{Issuer, LocalizedText, SkillCredentialBuilder};

    use super::*;

    fn skill(key: &str, level: Level) -> Value {
        let issuer = Issuer { id: "did:web:a.example".into(), name: LocalizedText::new("A", "A") };
        let from = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default();
        SkillCredentialBuilder::new("urn:uuid:1", issuer, key, level, from)
            .subject("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
            .build()
            .unwrap_or_default()
    }

    #[test]
    fn an_sd_jwt_assignment_is_asked_for_its_dates_team_and_skills_when_it_has_them() {
        let query = profile_query(&ProfileAsk { assignments: true, ..ProfileAsk::default() })
            .unwrap_or_else(|e| panic!("{e:?}"));
        let asked = query.credential("profile_assignment_sd_jwt").unwrap_or_else(|| panic!("{query:?}"));
        let sets = asked.claim_sets.clone().unwrap_or_default();
        assert_eq!(sets.len(), 8, "{sets:?}");
        assert_eq!(sets[0], ["start", "end", "team", "skills"]);
        assert_eq!(sets[7], ["start"]);
        assert!(sets.iter().all(|set| set[0] == "start"), "{sets:?}");
        let vct = schemas::sd_jwt_vc::vct_of_type(schemas::ASSIGNMENT_CREDENTIAL_TYPE).unwrap_or_default();
        let contexts = ContextSet::standard();
        // A current assignment (no end date) with only its start disclosed still answers.
        let current = serde_json::json!({"vct": vct, "role": {"en": "Analyst"}, "start_date": "2024-01-01T00:00:00Z"});
        assert!(asked.matches(FORMAT_DC_SD_JWT, &current, &contexts));
        assert!(!asked.matches(FORMAT_DC_SD_JWT, &serde_json::json!({"vct": vct}), &contexts), "no dates at all");
        // The other formats carry everything: no claims asked.
        let ldp = query.credential("profile_assignment_ldp").unwrap_or_else(|| panic!("{query:?}"));
        assert!(ldp.claims.is_none() && ldp.claim_sets.is_none());
    }

    #[test]
    fn a_profile_asks_every_format_and_narrows_by_skill_and_level() {
        let contexts = ContextSet::standard();
        let ask = ProfileAsk {
            skills: vec!["api_design".into(), "cloud_architecture".into()],
            min_level: Some(Level::Intermediate),
            assignments: true,
        };
        let query = profile_query(&ask).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(is_profile(&query));
        let formats: Vec<&str> = query.credentials.iter().map(|q| q.format.as_str()).collect();
        assert_eq!(formats, [&FORMATS[..], &FORMATS[..], &[FORMAT_LDP_VC]].concat());
        // Every skill and assignment, and the person's own words, optional, if they wrote some.
        let (own_words, attested) = query.credentials.split_last().unwrap_or_else(|| panic!("{query:?}"));
        assert!(attested.iter().all(|q| q.multiple));
        assert!(credentials::dcql::asks_for_own_words(own_words) && own_words.id == OWN_WORDS_QUERY_ID);
        let sets = query.credential_sets.clone().unwrap_or_default();
        assert!(sets.last().is_some_and(|set| !set.required && set.options == [[OWN_WORDS_QUERY_ID]]), "{sets:?}");
        let skill_ldp = query.credential("profile_skill_ldp").unwrap_or_else(|| panic!("{query:?}"));
        assert!(skill_ldp.matches(FORMAT_LDP_VC, &skill("api_design", Level::Advanced), &contexts));
        assert!(!skill_ldp.matches(FORMAT_LDP_VC, &skill("api_design", Level::Beginner), &contexts), "below");
        assert!(!skill_ldp.matches(FORMAT_LDP_VC, &skill("accountability", Level::Expert), &contexts), "not asked");
        // Any one format answers the skills; assignments may be left out.
        let answer = std::collections::HashMap::from([(
            "profile_skill_ldp".to_owned(),
            vec![
                (FORMAT_LDP_VC.to_owned(), skill("api_design", Level::Expert)),
                (FORMAT_LDP_VC.to_owned(), skill("cloud_architecture", Level::Intermediate)),
            ],
        )]);
        assert_eq!(query.check_answer(&answer, &contexts), Ok(()));
        assert!(query.check_answer(&Default::default(), &contexts).is_err(), "no skill at all");
    }

    #[test]
    fn every_skill_when_none_is_named_and_unknown_ones_are_refused() {
        let query = profile_query(&ProfileAsk::default()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(query.credentials.len(), 4, "no assignments asked: skills and own words");
        assert!(query.credentials.iter().all(|q| q.claims.is_none()));
        assert!(profile_query(&ProfileAsk { skills: vec!["juggling".into()], ..ProfileAsk::default() }).is_err());
        let read = ProfileAsk::from_value(&serde_json::json!({"skills": ["api_design"], "min_level": "advanced"}));
        assert_eq!(read.ok().and_then(|ask| ask.min_level), Some(Level::Advanced));
        assert!(ProfileAsk::from_value(&serde_json::json!({"min_level": "guru"})).is_err());
        assert!(ProfileAsk::from_value(&serde_json::json!({"skils": []})).is_err());
    }

    #[test]
    fn the_single_request_asks_in_every_format() {
        let query = single_query("skill", "api_design").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(query.credentials.len(), 3);
        assert!(!is_profile(&query));
        let sets = query.credential_sets.unwrap_or_default();
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].options.len(), 3);
        assert!(single_query("skill", "juggling").is_err());
        assert!(single_query("diploma", "api_design").is_err());
    }
}
