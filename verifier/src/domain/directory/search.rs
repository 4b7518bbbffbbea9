//! Searching the directory: by skills (any of them, the more matched the better), skill family,
//! minimum level and recency of assignments. Results are ordered by match on verified skills
//! (how many asked skills, then the best level), never by name, and carry no name nor DID:
//! each leads to its profile view. Expired publications and expired credentials' lines are left
//! out at search time; revoked ones left with the last status check (`recheck`).

use lang::Lang;
use schemas::{Level, Taxonomy};
use serde_json::{json, Value};

use crate::domain::directory::level_rank;
use crate::domain::error::ServiceError;
use crate::domain::profile::query::{parse_level, MAX_SKILLS};
use crate::domain::profile::view::family_name;
use crate::domain::service::VerifierService;
use crate::i18n::t;
use crate::store::SearchRows;

/// Most results of one search.
pub const MAX_RESULTS: i64 = 50;

/// What a manager searches for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub skills: Vec<String>,
    pub family: Option<String>,
    pub min_level: Option<Level>,
    /// Only people with an assignment ongoing or ended within this many months.
    pub recent_months: Option<u32>,
}

impl Search {
    /// Reads a search from its fields (`skill` repeated, `family`, `min_level`, `recent_months`);
    /// empty fields are left out.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, ServiceError> {
        let taxonomy = Taxonomy::gc_digital_talent();
        let mut search = Self::default();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                "skill" | "skills" => {
                    if taxonomy.skill(value).is_none() {
                        return Err(ServiceError::bad(|lang| t!(lang, "profile-skill-unknown", skill = value)));
                    }
                    if !search.skills.iter().any(|s| s == value) {
                        search.skills.push(value.to_owned());
                    }
                }
                "family" => {
                    if taxonomy.family(value).is_none() {
                        return Err(ServiceError::bad(|lang| t!(lang, "directory-family-unknown", family = value)));
                    }
                    search.family = Some(value.to_owned());
                }
                "min_level" => search.min_level = Some(parse_level(value)?),
                "recent_months" => {
                    let months = value.parse::<u32>().ok().filter(|m| (1..=600).contains(m));
                    search.recent_months =
                        Some(months.ok_or_else(|| ServiceError::bad(|lang| t!(lang, "directory-months-invalid")))?);
                }
                _ => {}
            }
        }
        if search.skills.len() > MAX_SKILLS {
            return Err(ServiceError::bad(|lang| t!(lang, "profile-too-many-skills", max = MAX_SKILLS.to_string())));
        }
        Ok(search)
    }
}

/// The profiles matching `search`, best first, in `lang`: each with its id, the verified
/// skills that matched (name, family, level) and its page.
pub async fn search(service: &VerifierService, search: &Search, lang: Lang) -> Result<Vec<Value>, ServiceError> {
    let now = service.now();
    let recent_since =
        search.recent_months.map(|months| (now - chrono::Duration::days(30 * i64::from(months))).timestamp());
    let rows = SearchRows {
        skills: search.skills.clone(),
        family: search.family.clone(),
        min_level: search.min_level.map(level_rank).unwrap_or(1),
        recent_since,
        now: now.timestamp(),
        limit: MAX_RESULTS,
    };
    let taxonomy = Taxonomy::gc_digital_talent();
    let mut results = Vec::new();
    for found in service.store().search(&rows).await? {
        let skills: Vec<Value> = service
            .store()
            .publication_skills(&found.id)
            .await?
            .into_iter()
            .filter(|row| row.valid_until > rows.now && row.level >= rows.min_level)
            .filter(|row| rows.skills.is_empty() || rows.skills.contains(&row.skill))
            .filter(|row| rows.family.as_ref().is_none_or(|family| *family == row.family))
            .map(|row| {
                let level =
                    Level::ALL.get(usize::try_from(row.level - 1).unwrap_or(0)).copied().unwrap_or(Level::Beginner);
                let name = taxonomy.skill(&row.skill).map(|s| s.name.get(lang).to_owned()).unwrap_or(row.skill.clone());
                json!({"key": row.skill, "name": name, "family": family_name(&row.family, lang),
                    "level": level.as_str(), "level_name": level.label(lang)})
            })
            .collect();
        let at = |t: i64| {
            chrono::DateTime::from_timestamp(t, 0)
                .unwrap_or_default()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        results.push(json!({
            "id": found.id,
            "matched_skills": found.matched,
            "skills": skills,
            "published_at": at(found.published_at),
            "expires_at": at(found.expires_at),
            "profile": format!("/directory/profiles/{}", found.id),
        }));
    }
    Ok(results)
}
