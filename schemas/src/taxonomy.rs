//! The GC Digital Talent skills library, compiled into the crate so every program names skills
//! the same way in both languages.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use lang::LocalizedText;

/// The skills file, copied unchanged from the GC Digital Talent platform (see `data/README.md`).
const SKILLS_JSON: &str = include_str!("../data/skills.json");
/// The names of the skill families, from the same platform (see `data/README.md`).
const FAMILIES_JSON: &str = include_str!("../data/skill_families.json");

/// Name of the skills framework, as written in `targetFramework` of an alignment.
pub const SKILLS_FRAMEWORK_NAME: &str = "GC Digital Talent Skills Library";

/// Prefix of a skill's `targetUrl`: `urn:gc-digital-talent:skill:<key>`.
pub const SKILL_URN_PREFIX: &str = "urn:gc-digital-talent:skill:";

static GC_DIGITAL_TALENT: LazyLock<Taxonomy> = LazyLock::new(|| {
    // The file is compiled in and a test parses it, so the empty fallback is never used.
    let families = serde_json::from_str::<Families>(FAMILIES_JSON).map(|file| file.families).unwrap_or_default();
    serde_json::from_str::<Taxonomy>(SKILLS_JSON)
        .map(|taxonomy| Taxonomy { families, ..taxonomy.sorted() })
        .unwrap_or_default()
});

/// A skill family (`thinking`, `cyber_security`…): what a profile groups skills by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillFamily {
    pub key: String,
    pub name: LocalizedText,
}

#[derive(Deserialize)]
struct Families {
    families: Vec<SkillFamily>,
}

/// Whether a skill is technical (e.g. "API design") or behavioural (e.g. "Accountability").
/// Written `"technical"` / `"behavioural"` in credentials; the skills file's upper-case form
/// is accepted on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SkillCategory {
    #[serde(rename = "technical", alias = "TECHNICAL")]
    Technical,
    #[serde(rename = "behavioural", alias = "BEHAVIOURAL")]
    Behavioural,
}

impl SkillCategory {
    /// The code written in credentials.
    pub fn as_str(self) -> &'static str {
        match self {
            SkillCategory::Technical => "technical",
            SkillCategory::Behavioural => "behavioural",
        }
    }
}

/// One skill of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skill {
    /// Stable identifier, e.g. `api_design`; matches `^[a-z0-9_]+$`.
    pub key: String,
    pub category: SkillCategory,
    /// Keys of the skill families the skill belongs to.
    pub families: Vec<String>,
    pub name: LocalizedText,
}

impl Skill {
    /// The skill's URN, used as `targetUrl` of an alignment.
    pub fn urn(&self) -> String {
        format!("{SKILL_URN_PREFIX}{}", self.key)
    }
}

/// A skills library: skills sorted by key.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Taxonomy {
    /// Where the data comes from.
    source: String,
    skills: Vec<Skill>,
    /// The families, sorted by key.
    #[serde(skip)]
    families: Vec<SkillFamily>,
}

impl Taxonomy {
    /// The GC Digital Talent skills library (394 skills), parsed on first use.
    pub fn gc_digital_talent() -> &'static Taxonomy {
        &GC_DIGITAL_TALENT
    }

    /// The skill with this key, if the library has it.
    pub fn skill(&self, key: &str) -> Option<&Skill> {
        self.skills.binary_search_by(|skill| skill.key.as_str().cmp(key)).ok().and_then(|index| self.skills.get(index))
    }

    /// Every skill, sorted by key.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Every skill family, sorted by key.
    pub fn families(&self) -> &[SkillFamily] {
        &self.families
    }

    /// The family with this key, if the library has it.
    pub fn family(&self, key: &str) -> Option<&SkillFamily> {
        self.families
            .binary_search_by(|family| family.key.as_str().cmp(key))
            .ok()
            .and_then(|index| self.families.get(index))
    }

    /// The skills whose key or name (in either language) contains `text` (ignoring case and
    /// accents), in `family` when one is given; every skill when neither narrows.
    pub fn search(&self, text: Option<&str>, family: Option<&str>) -> Vec<&Skill> {
        let wanted = text.map(folded).filter(|text| !text.is_empty());
        self.skills
            .iter()
            .filter(|skill| family.is_none_or(|family| skill.families.iter().any(|key| key == family)))
            .filter(|skill| {
                wanted.as_ref().is_none_or(|wanted| {
                    [skill.key.replace('_', " "), folded(&skill.name.en), folded(&skill.name.fr)]
                        .iter()
                        .any(|name| name.contains(wanted.as_str()))
                })
            })
            .collect()
    }

    /// Where the data comes from (repository, file and commit).
    pub fn source(&self) -> &str {
        &self.source
    }

    fn sorted(mut self) -> Taxonomy {
        self.skills.sort_by(|left, right| left.key.cmp(&right.key));
        self
    }
}

/// Text compared without case, French accents or typographic apostrophes, so "gestion de
/// l'acces" finds "Gestion de l’accès" and "securite" finds "Sécurité".
fn folded(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'æ' => 'a',
            'œ' => 'o',
            '\u{2019}' => '\'',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_has_394_skills_of_which_325_technical() {
        let taxonomy = Taxonomy::gc_digital_talent();
        assert_eq!(taxonomy.skills().len(), 394);
        let technical = taxonomy.skills().iter().filter(|skill| skill.category == SkillCategory::Technical).count();
        assert_eq!(technical, 325);
        assert!(taxonomy.source().starts_with("GCTC-NTGC/gc-digital-talent"));
    }

    #[test]
    fn finds_a_skill_by_key_with_both_names() {
        let skill = Taxonomy::gc_digital_talent().skill("ability_to_learn_quickly").unwrap();
        assert_eq!(skill.category, SkillCategory::Behavioural);
        assert_eq!(skill.families, ["thinking"]);
        assert_eq!(skill.name.en, "Ability to Learn Quickly");
        assert_eq!(skill.name.fr, "Capacité d’apprendre rapidement");
        assert_eq!(skill.urn(), "urn:gc-digital-talent:skill:ability_to_learn_quickly");
        assert!(Taxonomy::gc_digital_talent().skill("no_such_skill").is_none());
    }

    #[test]
    fn every_skill_has_a_well_formed_unique_key_and_both_names() {
        let skills = Taxonomy::gc_digital_talent().skills();
        for skill in skills {
            assert!(
                !skill.key.is_empty()
                    && skill.key.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_'),
                "{}",
                skill.key
            );
            assert!(skill.name.is_complete(), "{}", skill.key);
            assert_eq!(Taxonomy::gc_digital_talent().skill(&skill.key), Some(skill));
        }
        assert!(skills.windows(2).all(|pair| pair[0].key < pair[1].key));
    }

    #[test]
    fn every_family_a_skill_names_has_both_names() {
        let taxonomy = Taxonomy::gc_digital_talent();
        assert_eq!(taxonomy.families().len(), 29);
        assert!(taxonomy.families().windows(2).all(|pair| pair[0].key < pair[1].key));
        for skill in taxonomy.skills() {
            for key in &skill.families {
                let family = taxonomy.family(key).unwrap_or_else(|| panic!("{key} of {}", skill.key));
                assert!(family.name.is_complete(), "{key}");
            }
        }
        assert_eq!(taxonomy.family("thinking").unwrap().name.fr, "Capacités de raisonnement");
        assert!(taxonomy.family("no_such_family").is_none());
    }

    #[test]
    fn category_is_lowercase_in_credentials() {
        assert_eq!(serde_json::to_value(SkillCategory::Technical).unwrap(), serde_json::json!("technical"));
        assert_eq!(
            serde_json::from_value::<SkillCategory>(serde_json::json!("BEHAVIOURAL")).unwrap(),
            SkillCategory::Behavioural
        );
    }

    #[test]
    fn search_finds_skills_by_either_name_without_accents_within_a_family() {
        let taxonomy = Taxonomy::gc_digital_talent();
        assert_eq!(taxonomy.search(None, None).len(), taxonomy.skills().len());
        let api: Vec<&str> = taxonomy.search(Some("API DESIGN"), None).iter().map(|s| s.key.as_str()).collect();
        assert!(api.contains(&"api_design"), "{api:?}");
        let french = taxonomy.search(Some("gestion de l'acces aux APPLICATIONS"), None);
        assert!(french.iter().any(|s| s.name.en == "Application Access Management"), "{french:?}");
        let unaccented = taxonomy.search(Some("securite"), None);
        assert!(!unaccented.is_empty() && unaccented.iter().all(|s| folded(&s.name.fr).contains("securite")));
        let family = &taxonomy.families()[0].key;
        let in_family = taxonomy.search(None, Some(family));
        assert!(!in_family.is_empty() && in_family.len() < taxonomy.skills().len());
        assert!(in_family.iter().all(|s| s.families.contains(family)));
        assert!(taxonomy.search(Some("no skill is called this"), None).is_empty());
        assert!(taxonomy.search(Some("api design"), Some("no_such_family")).is_empty());
    }
}
