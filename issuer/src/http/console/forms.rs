//! What the issue form and the offer form share: the skills library picker (a search that works
//! without JavaScript: a GET form narrowing the list by words in either language and by family),
//! the fields of each template named as the CSV columns are, so a form is read into the same
//! `BatchRow` and checked by the same rules as an uploaded file, and the values kept when a form
//! comes back refused, so nobody types it all again.

use std::collections::HashMap;

use lang::Lang;
use maud::{html, Markup};
use schemas::{Level, Skill, Taxonomy};

use crate::domain::batch::{BatchRow, Kind};
use crate::domain::error::IssuerError;
use crate::http::console::request::SignedForm;
use crate::i18n::t;

/// Most skills listed as choices at once; a search narrows the rest.
const MOST_CHOICES: usize = 400;

/// The kind a page was asked for (`?kind=`), a skill credential unless an assignment is named.
pub(super) fn kind_of(asked: Option<&str>) -> Kind {
    if asked == Some("assignment") {
        Kind::Assignment
    } else {
        Kind::Skill
    }
}

/// The kind's name in links and forms.
pub(super) fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Skill => "skill",
        Kind::Assignment => "assignment",
    }
}

/// A form as shown: fresh, or back with the values given and why it was refused.
pub(super) struct Shown<'a> {
    pub kind: Kind,
    pub values: &'a HashMap<String, String>,
    pub chosen: &'a [String],
    pub refused: Option<&'a IssuerError>,
}

/// What the picker lists: the skills found, sorted by their name in `lang`.
pub(super) struct Picker<'a> {
    pub text: Option<&'a str>,
    pub family: Option<&'a str>,
    pub skills: Vec<&'static Skill>,
}

impl<'a> Picker<'a> {
    pub fn new(text: Option<&'a str>, family: Option<&'a str>, lang: Lang) -> Self {
        let taxonomy = Taxonomy::gc_digital_talent();
        let family = family.filter(|key| taxonomy.family(key).is_some());
        let mut skills = taxonomy.search(text, family);
        skills.sort_by_cached_key(|skill| skill.name.get(lang).to_lowercase());
        Self { text, family, skills }
    }
}

/// The tabs between the two kinds, and the skills search (a GET form back to `here`).
pub(super) fn kind_and_search(lang: Lang, here: &str, kind: Kind, picker: &Picker<'_>) -> Markup {
    let taxonomy = Taxonomy::gc_digital_talent();
    html! {
        nav aria-label=(t!(lang, "console-kind-nav")) {
            ul.tabs {
                @for each in [Kind::Skill, Kind::Assignment] {
                    @let label = match each {
                        Kind::Skill => t!(lang, "console-kind-skill"),
                        Kind::Assignment => t!(lang, "console-kind-assignment"),
                    };
                    li {
                        @if each == kind {
                            a href={ (here) "?kind=" (kind_name(each)) "&lang=" (lang.as_str()) } aria-current="page" { (label) }
                        } @else {
                            a href={ (here) "?kind=" (kind_name(each)) "&lang=" (lang.as_str()) } { (label) }
                        }
                    }
                }
            }
        }
        form.search method="get" action=(here) role="search" {
            input type="hidden" name="lang" value=(lang.as_str());
            input type="hidden" name="kind" value=(kind_name(kind));
            label for="q" { (t!(lang, "console-skill-search")) }
            input #q type="search" name="q" value=(picker.text.unwrap_or_default());
            label for="family" { (t!(lang, "console-skill-family")) }
            select #family name="family" {
                option value="" { (t!(lang, "console-skill-any-family")) }
                @for family in taxonomy.families() {
                    option value=(family.key) selected[picker.family == Some(family.key.as_str())] { (family.name.get(lang)) }
                }
            }
            p { button type="submit" { (t!(lang, "console-skill-search-button")) } }
            p role="status" { (t!(lang, "console-skill-found", count = picker.skills.len())) }
        }
    }
}

/// A text input kept from a refused form.
fn input(values: &HashMap<String, String>, name: &str, label: String, kind: &str, required: bool) -> Markup {
    html! {
        label for=(name) { (label) }
        input id=(name) type=(kind) name=(name) value=(values.get(name).map(String::as_str).unwrap_or_default()) required[required];
    }
}

/// A text in English and in French, side by side.
fn bilingual(values: &HashMap<String, String>, name: &str, legend: String, lang: Lang, required: bool) -> Markup {
    html! {
        fieldset.pair {
            legend { (legend) }
            (input(values, &format!("{name}_en"), t!(lang, "console-in-english"), "text", required))
            (input(values, &format!("{name}_fr"), t!(lang, "console-in-french"), "text", required))
        }
    }
}

/// The fields of a skill credential: the skill, its level, and the evidence in both languages.
pub(super) fn skill_fields(lang: Lang, picker: &Picker<'_>, values: &HashMap<String, String>) -> Markup {
    let chosen = values.get("skill").map(String::as_str);
    let level = values.get("level").map(String::as_str);
    html! {
        label for="skill" { (t!(lang, "console-skill-label")) }
        select #skill name="skill" required {
            option value="" { (t!(lang, "console-skill-choose")) }
            @for skill in picker.skills.iter().take(MOST_CHOICES) {
                option value=(skill.key) selected[chosen == Some(skill.key.as_str())] { (skill.name.get(lang)) }
            }
        }
        label for="level" { (t!(lang, "console-level-label")) }
        select #level name="level" required {
            option value="" { (t!(lang, "console-level-choose")) }
            @for each in Level::ALL {
                option value=(each.as_str()) selected[level == Some(each.as_str())] { (each.label(lang)) }
            }
        }
        fieldset.pair {
            legend { (t!(lang, "console-evidence-legend")) }
            label for="evidence_en" { (t!(lang, "console-in-english")) }
            textarea #evidence_en name="evidence_en" rows="3" cols="60" maxlength="2000" { (values.get("evidence_en").map(String::as_str).unwrap_or_default()) }
            label for="evidence_fr" { (t!(lang, "console-in-french")) }
            textarea #evidence_fr name="evidence_fr" rows="3" cols="60" maxlength="2000" { (values.get("evidence_fr").map(String::as_str).unwrap_or_default()) }
        }
    }
}

/// The fields of an assignment credential: role, department and team in both languages, the
/// dates, and the skills used (checkboxes of the skills the search found, kept when chosen).
pub(super) fn assignment_fields(
    lang: Lang,
    picker: &Picker<'_>,
    values: &HashMap<String, String>,
    chosen: &[String],
) -> Markup {
    let taxonomy = Taxonomy::gc_digital_talent();
    let kept = chosen.iter().filter_map(|key| taxonomy.skill(key)).filter(|skill| !picker.skills.contains(skill));
    html! {
        (bilingual(values, "role", t!(lang, "console-role-legend"), lang, true))
        (bilingual(values, "department", t!(lang, "console-unit-legend"), lang, true))
        (bilingual(values, "team", t!(lang, "console-team-legend"), lang, false))
        (input(values, "start", t!(lang, "console-start-label"), "date", true))
        (input(values, "end", t!(lang, "console-end-label"), "date", false))
        fieldset.skills {
            legend { (t!(lang, "console-skills-used-legend")) }
            @for skill in kept.chain(picker.skills.iter().copied().take(MOST_CHOICES)) {
                p.choice {
                    input id={ "skill-" (skill.key) } type="checkbox" name="skills" value=(skill.key) checked[chosen.contains(&skill.key)];
                    " " label for={ "skill-" (skill.key) } { (skill.name.get(lang)) }
                }
            }
        }
    }
}

/// A posted form read as a row of the kind asked for.
pub(super) fn row_of(form: &SignedForm, kind: Kind) -> BatchRow {
    let field = |name: &str| form.field(name).unwrap_or_default().to_owned();
    BatchRow {
        kind: kind_name(kind).to_owned(),
        row_id: String::new(),
        subject: field("subject"),
        skill: field("skill"),
        level: field("level"),
        evidence_en: field("evidence_en"),
        evidence_fr: field("evidence_fr"),
        role_en: field("role_en"),
        role_fr: field("role_fr"),
        department_en: field("department_en"),
        department_fr: field("department_fr"),
        team_en: field("team_en"),
        team_fr: field("team_fr"),
        start: field("start"),
        end: field("end"),
        skills: form.all("skills").join(";"),
        person: field("person"),
    }
}
