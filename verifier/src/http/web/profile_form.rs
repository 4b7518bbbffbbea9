//! The page's "Ask for a talent profile" form: skills of interest picked from the GC Digital
//! Talent library grouped by family (a `<select multiple>` with one `<optgroup>` per family,
//! which browsers and screen readers know how to use), a search that narrows the list on the
//! server (a plain GET form: it works without JavaScript), a minimum level and whether to ask for
//! assignments, and whether to show the answer name-blind first; sent, it starts a profile
//! request and shows its page as for one credential.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use lang::Lang;
use maud::{html, Markup};
use schemas::{Level, Taxonomy};

use crate::domain::page_ask::ask_profile;
use crate::domain::profile::query::{parse_level, ProfileAsk};
use crate::domain::profile::view::family_name;
use crate::domain::service::VerifierService;
use crate::domain::visible::visible;
use crate::http::language::lang_of;
use crate::http::web::page::error_page;
use crate::i18n::{t, text};

/// The skills whose name (in `lang`) or key contains `search` (every skill when it is empty),
/// by family name, then by skill name: (family name, [(key, name)]).
fn skills_by_family(search: &str, lang: Lang) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let needle = search.trim().to_lowercase();
    let mut families: BTreeMap<String, Vec<(&'static str, &'static str)>> = BTreeMap::new();
    for skill in Taxonomy::gc_digital_talent().skills() {
        let name = skill.name.get(lang);
        if !needle.is_empty() && !name.to_lowercase().contains(&needle) && !skill.key.contains(&needle) {
            continue;
        }
        let family = skill.families.first().map(String::as_str).unwrap_or("other");
        families.entry(family_name(family, lang)).or_default().push((skill.key.as_str(), name));
    }
    let mut families: Vec<_> = families.into_iter().collect();
    families.sort_by_key(|(name, _)| name.to_lowercase());
    for (_, skills) in &mut families {
        skills.sort_by_key(|(_, name)| name.to_lowercase());
    }
    families
}

/// The form, its list narrowed to `search`.
pub fn profile_form(lang: Lang, service: &VerifierService, search: &str) -> Markup {
    let families = skills_by_family(search, lang);
    let found: usize = families.iter().map(|(_, skills)| skills.len()).sum();
    // Nothing found: the whole list, and a sentence saying so.
    let families = if found == 0 { skills_by_family("", lang) } else { families };
    html! {
        section aria-labelledby="profile-heading" {
            h2 #profile-heading { (text!(lang, "profile-ask-heading")) }
            p.help { (text!(lang, "profile-ask-help")) }
            form method="get" action="/#profile-heading" role="search" {
                input type="hidden" name="lang" value=(lang.as_str());
                label for="skill-search" { (text!(lang, "profile-search-label")) }
                input #skill-search type="search" name="q" value=(search);
                button type="submit" { (text!(lang, "profile-search-submit")) }
            }
            @if !search.trim().is_empty() {
                p #search-result role="status" {
                    @if found == 0 { (visible(&t!(lang, "profile-search-none", query = search))) }
                    @else { (visible(&t!(lang, "profile-search-found", count = found, query = search))) }
                }
            }
            form method="post" action="/page/profile" {
                input type="hidden" name="lang" value=(lang.as_str());
                label for="skills" { (text!(lang, "profile-skills-label")) }
                p #skills-help .help { (text!(lang, "profile-skills-help")) }
                select #skills name="skills" multiple size="12" aria-describedby="skills-help" {
                    @for (family, skills) in &families {
                        optgroup label=(family) {
                            @for (key, name) in skills { option value=(key) { (name) } }
                        }
                    }
                }
                label for="min-level" { (text!(lang, "profile-level-label")) }
                select #min-level name="min_level" {
                    option value="" { (text!(lang, "profile-level-any")) }
                    @for level in Level::ALL { option value=(level.as_str()) { (level.label(lang)) } }
                }
                div.choice {
                    input #assignments type="checkbox" name="assignments" value="yes" checked;
                    label for="assignments" { (text!(lang, "profile-assignments-label")) }
                }
                div.choice {
                    @if service.name_blind() {
                        input #name-blind-box type="checkbox" name="name_blind" value="yes" checked disabled aria-describedby="name-blind-help";
                    } @else {
                        input #name-blind-box type="checkbox" name="name_blind" value="yes" aria-describedby="name-blind-help";
                    }
                    label for="name-blind-box" { (text!(lang, "profile-blind-label")) }
                }
                p #name-blind-help .help { (text!(lang, "profile-blind-help")) }
                @if service.has_api_token() {
                    label for="profile-token" { (text!(lang, "ask-token-label")) }
                    input #profile-token type="password" name="token" autocomplete="current-password" required;
                }
                button type="submit" { (text!(lang, "profile-ask-submit")) }
            }
        }
    }
}

/// `POST /page/profile`: starts a profile request from the form and shows its page.
pub(crate) async fn profile_ask_form(
    State(service): State<Arc<VerifierService>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Read by hand: `skills` comes once per chosen skill.
    let (mut lang, mut token, mut level, mut ask) = (None, String::new(), String::new(), ProfileAsk::default());
    let mut name_blind = false;
    for (name, value) in url::form_urlencoded::parse(&body) {
        match name.as_ref() {
            "lang" => lang = Some(value.into_owned()),
            "token" => token = value.into_owned(),
            "skills" => ask.skills.push(value.into_owned()),
            "min_level" => level = value.into_owned(),
            "assignments" => ask.assignments = true,
            "name_blind" => name_blind = true,
            _ => {}
        }
    }
    let lang = lang_of(lang.as_deref(), &headers);
    if !level.is_empty() {
        match parse_level(&level) {
            Ok(level) => ask.min_level = Some(level),
            Err(error) => return error_page(error, lang),
        }
    }
    match ask_profile(&service, &ask, &token, name_blind, lang).await {
        Ok(created) => {
            Redirect::to(&format!("/page/ask/{}?k={}&lang={}", created.id, created.key, lang.as_str())).into_response()
        }
        Err(error) => error_page(error, lang),
    }
}
