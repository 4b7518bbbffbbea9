//! One credential of an answer in plain words, as the answered-request page and the profile
//! page both show it: its verdict (with a mark and a word, never colour alone) and one sentence
//! of reason when it is not verified, the skill and level or the assignment, who issued it by
//! the trust registry's name ("not in your trust registry" otherwise), the evidence, and the
//! person's own words about it, labelled as theirs and not verified. Every text from a
//! credential goes through `visible`.

use lang::Lang;
use maud::{html, Markup};
use serde_json::Value;

use crate::domain::visible::visible;
use crate::i18n::{t, text};

/// The date part of an RFC 3339 time.
fn day(value: &Value) -> String {
    value.as_str().map(|time| time.chars().take(10).collect()).unwrap_or_default()
}

/// Who issued it: the registry's name, or "not in your trust registry" (with the name the
/// credential gives itself, marked as its own claim), and its DID.
fn issuer_markup(line: &Value, lang: Lang) -> Markup {
    html! {
        @match (line["issuer_name"].as_str(), line["issuer_claimed_name"].as_str()) {
            (Some(name), _) => { (visible(name)) }
            (None, Some(claimed)) => { em { (visible(&t!(lang, "line-calls-itself", name = claimed))) } }
            (None, None) => { em { (text!(lang, "line-not-in-registry")) } }
        }
        @if let Some(did) = line["issuer"].as_str() {
            " " span.did { "(" (visible(did)) ")" }
        }
    }
}

/// A credential's line: verdict, reason, what it says, issuer, evidence.
pub fn line_markup(line: &Value, lang: Lang) -> Markup {
    let verdict = line["verdict"].as_str().unwrap_or("not_checkable");
    let mark = match verdict {
        "verified" => "✓",
        "untrusted" | "not_checkable" => "!",
        _ => "✗",
    };
    let assignment = &line["assignment"];
    let empty = Vec::new();
    html! {
        div class={ "line " (verdict) } {
            p.verdict {
                span.mark aria-hidden="true" { (mark) } " "
                strong { (t!(lang, "line-verdict", verdict = verdict)) }
                @if let Some(reason) = line["reason"].as_str() {
                    " — " span.reason { (visible(reason)) }
                }
            }
            dl {
                @match line["kind"].as_str() {
                    Some("skill") => {
                        dt { (text!(lang, "line-skill")) } dd { (visible(line.pointer("/skill/name").and_then(Value::as_str).unwrap_or("?"))) }
                        @if let Some(level) = line.pointer("/skill/level_name").and_then(Value::as_str) {
                            dt { (text!(lang, "line-level")) } dd { (visible(level)) }
                        }
                    }
                    Some("assignment") => {
                        dt { (text!(lang, "line-role")) } dd { (visible(assignment["role"].as_str().unwrap_or("?"))) }
                        @if let Some(team) = assignment["team"].as_str() {
                            dt { (text!(lang, "line-team")) } dd { (visible(team)) }
                        }
                        @if let Some(department) = assignment["department"].as_str() {
                            dt { (text!(lang, "line-department")) } dd { (visible(department)) }
                        }
                        dt { (text!(lang, "line-dates")) }
                        dd {
                            @if assignment["end"].is_null() {
                                (visible(&t!(lang, "line-dates-current", start = day(&assignment["start"]))))
                            } @else {
                                (visible(&t!(lang, "line-dates-range", start = day(&assignment["start"]), end = day(&assignment["end"]))))
                            }
                        }
                        @let used: Vec<&str> = assignment["skills_used"].as_array().unwrap_or(&empty).iter().filter_map(|skill| skill["name"].as_str()).collect();
                        @if !used.is_empty() {
                            dt { (text!(lang, "line-skills-used")) } dd { (visible(&used.join(", "))) }
                        }
                    }
                    Some("own_words") => {
                        dt { (text!(lang, "answer-kind-label")) } dd { (text!(lang, "line-own-words-kind")) }
                        @for said in line["words"].as_array().unwrap_or(&empty) {
                            dt { (text!(lang, "line-own-words")) }
                            dd.own-words lang=(said["lang"].as_str().unwrap_or("en")) { (visible(said["text"].as_str().unwrap_or(""))) }
                        }
                    }
                    _ => { dt { (text!(lang, "answer-kind-label")) } dd { (text!(lang, "line-other")) } }
                }
                dt { (text!(lang, "line-issued-by")) } dd { (issuer_markup(line, lang)) }
                @for narrative in line["evidence"].as_array().unwrap_or(&empty).iter().filter_map(Value::as_str) {
                    dt { (text!(lang, "line-evidence")) } dd { (visible(narrative)) }
                }
                @if let Some(hidden) = line["evidence_hidden"].as_u64().filter(|count| *count > 0) {
                    dt { (text!(lang, "line-evidence")) } dd { em { (t!(lang, "blind-evidence-hidden", count = hidden)) } }
                }
                // The person's words about this credential: theirs, never verified, and said so.
                @for said in line["own_words"].as_array().unwrap_or(&empty) {
                    dt { (text!(lang, "line-own-words")) }
                    dd.own-words lang=(said["lang"].as_str().unwrap_or("en")) { (visible(said["text"].as_str().unwrap_or(""))) }
                }
            }
        }
    }
}
