//! How the answer to a page request reads on the page: verified or not, who presented it, what
//! each credential says (the disclosed claims, the status), and why it failed; every text from
//! the credentials shown with its controls made visible (`visible`).

use lang::Lang;
use maud::{html, Markup};
use serde_json::{json, Value};

use crate::domain::visible::visible;
use crate::http::web::line::line_markup;
use crate::i18n::{t, text};

/// A status entry's state (the stable word of the JSON outcome) as the page says it.
fn state_word(lang: Lang, state: &str) -> String {
    t!(lang, "page-status-state", state = state)
}

/// A credential's line (what it says in plain words, its verdict), with its issuer's DID.
fn line_of(credential: &Value) -> Value {
    let mut line = credential["line"].clone();
    if !line.is_object() {
        line = json!({"kind": "other", "verdict": if credential["issuer_untrusted"] == true { "untrusted" } else { "not_checkable" }});
    }
    line["issuer"] = credential["issuer"].clone();
    line
}

/// The request expired before anyone answered.
pub fn expired_markup(lang: Lang) -> Markup {
    html! { p { (text!(lang, "ask-expired")) } }
}

/// The outcome the requesting party would read, for the page.
pub fn outcome_markup(outcome: &Value, lang: Lang) -> Markup {
    let result = &outcome["result"];
    let verified = outcome["status"] == "verified";
    let untrusted = |credential: &Value| credential["issuer_untrusted"] == true;
    let empty = Vec::new();
    let credentials = result["credentials"].as_array().unwrap_or(&empty);
    let errors = result["errors"].as_array().unwrap_or(&empty);
    let problems: Vec<&Value> = errors
        .iter()
        .chain(
            result["presentations"]
                .as_array()
                .unwrap_or(&empty)
                .iter()
                .flat_map(|p| p["errors"].as_array().unwrap_or(&empty)),
        )
        .collect();
    // Verified, but an issuer is one nobody said to trust: never called valid.
    let stranger = verified && credentials.iter().any(untrusted);
    let valid = verified && !stranger;
    html! {
        div.report.valid[valid].untrusted[stranger].invalid[!verified] {
            p role="status" {
                strong {
                    @if valid { (text!(lang, "answer-valid")) }
                    @else if stranger { (text!(lang, "answer-signed-by-stranger")) }
                    @else { (text!(lang, "answer-not-valid")) }
                }
            }
            @if let Some(holder) = result["holder"].as_str() {
                p { (visible(&t!(lang, "answer-presented-by", holder = holder))) }
            }
            @for credential in credentials {
                @if untrusted(credential) {
                    p.untrusted-why {
                        @match credential["issuer_name_claimed"].as_str() {
                            Some(name) => (visible(&t!(lang, "page-signed-by-stranger", name = name))),
                            None => (text!(lang, "page-signed-by-stranger-nameless")),
                        }
                    }
                }
                (line_markup(&line_of(credential), lang))
                @if let Some(disclosed) = credential["disclosed"].as_array() {
                    dl {
                        dt { (text!(lang, "report-disclosed-label")) }
                        dd { (visible(&disclosed.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))) }
                    }
                }
                @if let Some(status) = credential["status"].as_array().filter(|s| !s.is_empty()) {
                    dl {
                        dt { (text!(lang, "answer-status-label")) } dd { (status.iter().filter_map(Value::as_str).map(|state| state_word(lang, state)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
            @if !problems.is_empty() {
                h2 { (text!(lang, "answer-why")) }
                ul.checks {
                    @for problem in &problems {
                        li.failed {
                            span.mark aria-hidden="true" { "✗" } " "
                            (visible(problem["message"].as_str().unwrap_or(""))) " [" (visible(problem["code"].as_str().unwrap_or(""))) "]"
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_answer_s_text_cannot_disguise_itself() {
        let sneaky = "Good \u{202e}gnp.exe\u{202c} work";
        let outcome = json!({"status": "verified", "result": {"holder": format!("did:key:{sneaky}"),
            "credentials": [{"issuer": sneaky, "types": [sneaky], "disclosed": [sneaky], "claims": {sneaky: [sneaky]},
                "issuer_untrusted": true, "issuer_name_claimed": sneaky, "status": [],
                "line": {"kind": "skill", "verdict": "untrusted", "reason": sneaky, "evidence": [sneaky],
                    "skill": {"name": sneaky, "level_name": sneaky}, "issuer_claimed_name": sneaky}}],
            "errors": [{"code": "x", "message": sneaky}]}});
        for lang in [Lang::En, Lang::Fr] {
            let page = outcome_markup(&outcome, lang).into_string();
            assert!(!page.contains('\u{202e}') && !page.contains('\u{202c}'), "{page}");
            assert!(page.matches("Good ⟨U+202E⟩gnp.exe⟨U+202C⟩ work").count() >= 7, "{page}");
        }
    }
}
