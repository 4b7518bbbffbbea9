//! A talent profile as the manager reads it, built from a request's stored outcome: skills
//! grouped by family (the library's first family of each skill), each with its level and the
//! number of independent issuers whose lines are verified; assignments as a timeline, latest
//! first; every credential a line with its verdict, none dropped (a line of another kind of
//! credential is listed apart). The page (`/profiles/{id}`) and its JSON (`/profiles/{id}.json`)
//! are this one value.

use std::collections::{BTreeMap, BTreeSet};

use lang::Lang;
use serde_json::{json, Value};

use crate::i18n::t;

/// The family key of skills the library does not know.
const OTHER_FAMILY: &str = "other";

/// The profile of a request's outcome (from `Requests::outcome`), in `lang`.
///
/// Each line is copied once from the outcome and then moved into its place (family, timeline
/// or others): the page of a 30-credential profile is built on every view (issue #23,
/// "Performance"), and `json!` would copy every value it is given once more.
pub fn profile(outcome: &Value, lang: Lang) -> Value {
    let result = &outcome["result"];
    let mut lines: Vec<Value> = Vec::new();
    for credential in result["credentials"].as_array().into_iter().flatten() {
        let mut line = credential["line"].clone();
        if !line.is_object() {
            // An outcome kept too large to hold its lines, or from before lines were kept.
            line = json!({"kind": "other", "verdict": "not_checkable", "reason": t!(lang, "line-reason-not-kept")});
        }
        line["issuer"] = credential["issuer"].clone();
        line["format"] = credential["format"].clone();
        lines.push(line);
    }
    let verified = |line: &Value| line["verdict"] == "verified";
    // The person's own words go beside the lines they are about; words whose credential did not
    // verify (not signed by the person who answered) stay a line of their own, with its reason.
    let (own, mut lines): (Vec<Value>, Vec<Value>) =
        lines.into_iter().partition(|line| line["kind"] == "own_words" && verified(line));
    let words_hidden: u64 = own.iter().filter_map(|line| line["words_hidden"].as_u64()).sum();
    let mut words: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for item in own.iter().flat_map(|line| line["words"].as_array().cloned().unwrap_or_default()) {
        if let Some(about) = item["about"].as_str() {
            words.entry(about.to_owned()).or_default().push(json!({"text": item["text"], "lang": item["lang"]}));
        }
    }
    for line in &mut lines {
        if let Some(said) = line["credential_id"].as_str().and_then(|id| words.get(id)) {
            line["own_words"] = said.clone().into();
        }
    }
    let line_count = lines.len();
    let verified_lines = lines.iter().filter(|line| verified(line)).count();
    // Skills by family, then by skill.
    let mut families: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    let mut assignments = Vec::new();
    let mut other = Vec::new();
    for line in lines {
        match line["kind"].as_str() {
            Some("skill") => {
                let family = line.pointer("/skill/family").and_then(Value::as_str).unwrap_or(OTHER_FAMILY).to_owned();
                let key = line.pointer("/skill/key").and_then(Value::as_str).unwrap_or("?").to_owned();
                families.entry(family).or_default().entry(key).or_default().push(line);
            }
            Some("assignment") => assignments.push(line),
            _ => other.push(line),
        }
    }
    let mut families: Vec<Value> = families
        .into_iter()
        .map(|(family, skills)| {
            let mut skills: Vec<Value> = skills.into_values().map(|lines| skill(lines, verified)).collect();
            skills.sort_by_key(|skill| skill["name"].as_str().unwrap_or_default().to_lowercase());
            let name = family_name(&family, lang);
            object([("key", family.into()), ("name", name.into()), ("skills", skills.into())])
        })
        .collect();
    families.sort_by_key(|family| family["name"].as_str().unwrap_or_default().to_lowercase());
    // Latest first: a current assignment (no end) before the others, then by start.
    assignments.sort_by_key(|line| {
        let assignment = &line["assignment"];
        std::cmp::Reverse((assignment["end"].is_null(), assignment["start"].as_str().unwrap_or_default().to_owned()))
    });
    object([
        ("id", outcome["id"].clone()),
        ("status", outcome["status"].clone()),
        ("answerable", outcome["answerable"].clone()),
        ("checked_at", result["checked_at"].clone()),
        ("holder", result["holder"].clone()),
        ("lines", line_count.into()),
        ("verified_lines", verified_lines.into()),
        ("families", families.into()),
        ("assignments", assignments.into()),
        ("other", other.into()),
        ("own_words_hidden", words_hidden.into()),
        ("errors", result["errors"].as_array().cloned().unwrap_or_default().into()),
    ])
}

/// One skill of the profile from its lines (at least one, all of that skill).
fn skill(lines: Vec<Value>, verified: impl Fn(&Value) -> bool) -> Value {
    // The level shown is the highest a verified line attests (else the highest claimed, which
    // the lines mark as not verified).
    let rank = |line: &&Value| {
        let level = line.pointer("/skill/level").and_then(Value::as_str).unwrap_or_default();
        (verified(line), ["beginner", "intermediate", "advanced", "expert"].iter().position(|l| *l == level))
    };
    let best = lines.iter().max_by_key(rank).unwrap_or(&lines[0]);
    let issuers: BTreeSet<&str> =
        lines.iter().filter(|line| verified(line)).filter_map(|line| line["issuer"].as_str()).collect();
    let skill = &lines[0]["skill"];
    let fields = [
        ("key", skill["key"].clone()),
        ("name", skill["name"].clone()),
        ("level", best.pointer("/skill/level").cloned().unwrap_or(Value::Null)),
        ("level_name", best.pointer("/skill/level_name").cloned().unwrap_or(Value::Null)),
        ("verified", lines.iter().any(&verified).into()),
        ("independent_issuers", issuers.len().into()),
    ];
    let mut out = object(fields);
    if let Some(map) = out.as_object_mut() {
        map.insert("lines".into(), lines.into());
    }
    out
}

/// A JSON object of these members, moved in.
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(members.into_iter().map(|(key, value)| (key.to_owned(), value)).collect())
}

/// A skill family's name in `lang`, as the GC Digital Talent skills library gives it
/// (`schemas`), or "Other skills" for a family the library does not have.
pub fn family_name(key: &str, lang: Lang) -> String {
    match schemas::Taxonomy::gc_digital_talent().family(key) {
        Some(family) => family.name.get(lang).to_owned(),
        None => t!(lang, "skill-family-other"),
    }
}
