//! Rules that a JSON Schema cannot express because they compare two fields: dates in order,
//! and skill keys that agree with the achievement's alignments.

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::error::{escaped, Violation};
use crate::i18n::t;
use crate::profile::Profile;
use crate::taxonomy::SKILL_URN_PREFIX;

/// Every cross-field violation in `credential`. Fields that are missing or malformed are left
/// to the JSON Schema, which reports them.
pub(crate) fn check(profile: Profile, credential: &Value) -> Vec<Violation> {
    let mut violations = Vec::new();
    bilingual_texts(credential, &mut violations);
    ordered_dates(credential, "/validFrom", "/validUntil", &mut violations);
    aligned_targets(credential, &mut violations);
    match profile {
        Profile::Skill => {
            aligned_key(credential, "/credentialSubject/skillKey", &mut violations);
        }
        Profile::Assignment => {
            ordered_dates(
                credential,
                "/credentialSubject/activityStartDate",
                "/credentialSubject/activityEndDate",
                &mut violations,
            );
            let used =
                credential.pointer("/credentialSubject/skillsUsed").and_then(Value::as_array).map_or(0, Vec::len);
            for index in 0..used {
                let pointer = format!("/credentialSubject/skillsUsed/{index}/skillKey");
                aligned_key(credential, &pointer, &mut violations);
            }
        }
        Profile::Other => {}
    }
    violations
}

/// Our profiles say every person-readable text in both official languages: a name written as
/// language values (VC Data Model 2.0 §11.1) without a language map beside it must give both.
fn bilingual_texts(credential: &Value, violations: &mut Vec<Violation>) {
    for (pointer, field) in [
        ("", "name"),
        ("/issuer", "name"),
        ("/credentialSubject/achievement", "name"),
        ("/credentialSubject/achievement", "description"),
    ] {
        let Some(object) = credential.pointer(pointer) else { continue };
        if object.get(field).is_some() && !crate::text::is_bilingual(object, field) {
            let at = format!("{pointer}/{field}");
            violations.push(Violation::worded(at.clone(), |lang| t!(lang, "rule-not-bilingual", field = field)));
        }
    }
}

/// The text at `pointer` and its instant, when it is an RFC 3339 timestamp.
fn timestamp<'a>(credential: &'a Value, pointer: &str) -> Option<(&'a str, DateTime<FixedOffset>)> {
    let text = credential.pointer(pointer)?.as_str()?;
    Some((text, DateTime::parse_from_rfc3339(text).ok()?))
}

/// The field at `end` must not precede the field at `start`.
fn ordered_dates(credential: &Value, start: &str, end: &str, violations: &mut Vec<Violation>) {
    if let (Some((start_text, start_time)), Some((end_text, end_time))) =
        (timestamp(credential, start), timestamp(credential, end))
    {
        if end_time < start_time {
            violations.push(Violation::worded(end, |lang| {
                t!(
                    lang,
                    "rule-dates-out-of-order",
                    end_field = field_name(end),
                    end = escaped(end_text),
                    start_field = field_name(start),
                    start = escaped(start_text)
                )
            }));
        }
    }
}

/// The skill key at `pointer` must be the `targetCode` of one of the achievement's alignments.
fn aligned_key(credential: &Value, pointer: &str, violations: &mut Vec<Violation>) {
    let Some(key) = credential.pointer(pointer).and_then(Value::as_str) else {
        return;
    };
    let aligned =
        alignments(credential).iter().any(|alignment| alignment.get("targetCode").and_then(Value::as_str) == Some(key));
    if !aligned {
        violations.push(Violation::worded(pointer, |lang| t!(lang, "rule-skill-not-aligned", key = escaped(key))));
    }
}

/// Each alignment's `targetUrl` must be the URN of its `targetCode`.
fn aligned_targets(credential: &Value, violations: &mut Vec<Violation>) {
    for (index, alignment) in alignments(credential).iter().enumerate() {
        let code = alignment.get("targetCode").and_then(Value::as_str);
        let url = alignment.get("targetUrl").and_then(Value::as_str);
        if let (Some(code), Some(url)) = (code, url) {
            let expected = format!("{SKILL_URN_PREFIX}{code}");
            if url != expected {
                violations.push(Violation::worded(
                    format!("/credentialSubject/achievement/alignment/{index}/targetUrl"),
                    |lang| t!(lang, "rule-target-url", url = escaped(url), expected = escaped(&expected)),
                ));
            }
        }
    }
}

fn alignments(credential: &Value) -> &[Value] {
    credential.pointer("/credentialSubject/achievement/alignment").and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn field_name(pointer: &str) -> &str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn dates_in_order_or_missing_are_fine() {
        let credential = json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2026-01-01T00:00:00Z"});
        assert!(check(Profile::Other, &credential).is_empty());
        let credential = json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "not a date"});
        assert!(check(Profile::Other, &credential).is_empty());
    }

    #[test]
    fn end_before_start_is_reported_at_the_end_date() {
        let credential = json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2024-12-31T18:59:59-05:00"});
        let violations = check(Profile::Other, &credential);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].instance_path, "/validUntil");
        assert_eq!(
            violations[0].message,
            "validUntil \"2024-12-31T18:59:59-05:00\" is earlier than validFrom \"2025-01-01T00:00:00Z\""
        );
    }

    #[test]
    fn target_url_must_match_target_code() {
        let credential = json!({"credentialSubject": {"achievement": {"alignment": [
            {"targetCode": "api_design", "targetUrl": "urn:gc-digital-talent:skill:api_design"},
            {"targetCode": "api_design", "targetUrl": "urn:gc-digital-talent:skill:accountability"}
        ]}}});
        let violations = check(Profile::Other, &credential);
        assert_eq!(violations.len(), 1);
        assert_eq!(violations[0].instance_path, "/credentialSubject/achievement/alignment/1/targetUrl");
    }

    #[test]
    fn cross_field_violations_read_in_french() {
        let credential = json!({"validFrom": "2025-01-01T00:00:00Z", "validUntil": "2024-12-31T00:00:00Z"});
        assert_eq!(
            check(Profile::Other, &credential)[0].message_fr,
            "validUntil « 2024-12-31T00:00:00Z » précède validFrom « 2025-01-01T00:00:00Z »"
        );
        let credential = json!({"credentialSubject": {"skillKey": "python", "achievement": {"alignment": [
            {"targetCode": "api_design", "targetUrl": "urn:gc-digital-talent:skill:python"}
        ]}}});
        let violations = check(Profile::Skill, &credential);
        let messages: Vec<(&str, &str)> =
            violations.iter().map(|v| (v.message.as_str(), v.message_fr.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    "targetUrl \"urn:gc-digital-talent:skill:python\" should be \"urn:gc-digital-talent:skill:api_design\"",
                    "targetUrl « urn:gc-digital-talent:skill:python » devrait être « urn:gc-digital-talent:skill:api_design »"
                ),
                (
                    "skill \"python\" has no entry in /credentialSubject/achievement/alignment",
                    "la compétence « python » n'a pas d'entrée dans /credentialSubject/achievement/alignment"
                ),
            ]
        );
    }
}
