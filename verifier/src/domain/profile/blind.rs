//! Name-blind first view (issue #23): a first screening on verified skills alone. A service
//! (`verifier serve --name-blind`) or one request (`"name_blind": true`, the page form's box)
//! asks for it; then the profile (`/profiles/{id}` and its JSON), the answered request's page
//! and the requesting party's outcome (`GET /presentation-requests/{id}`) show the answer
//! without what identifies the person, until a manager presses "reveal", which is recorded
//! (who: the page link or the API token's id; when) and said on the page.
//!
//! What counts as identifying, hidden until the reveal:
//! - the holder's DID (the presenter), and every credential subject's `id`: a DID is a stable
//!   handle that finds the person elsewhere;
//! - the credential subjects as a whole (the lines say in plain words what a manager needs);
//! - any claim named as a person's name or contact (`name`, `givenName`, `familyName`,
//!   `given_name`, `family_name`, `email`, `telephone`, `birthDate`, `address`, `image`…), in a
//!   subject or among an SD-JWT VC's disclosed claims, and `sub` and `cnf` (the holder's key);
//! - the evidence narratives: issuers write them about the person ("Jane led…"), and no rule
//!   can tell a name in free text apart, so they are hidden as a whole (their number is shown);
//!   so are the person's own words, for the same reason;
//! - any other text of the answer (a check's message) in which one of these values appears,
//!   where it is replaced by a mark.
//!
//! Not hidden: skills, levels, roles, teams, departments and dates (what the screening is on),
//! issuers (departments, not the person) and verdicts. A request is blind when the service is
//! or it asked to be; a request cannot make a name-blind service show names.

use chrono::{DateTime, SecondsFormat, Utc};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::error::ServiceError;
use crate::domain::service::VerifierService;
use crate::i18n::t;

/// Claim names that name or reach a person, or are the holder's key or DID.
const IDENTIFYING: [&str; 22] = [
    "id",
    "sub",
    "cnf",
    "name",
    "givenName",
    "familyName",
    "additionalName",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "email",
    "email_address",
    "telephone",
    "phone_number",
    "birthDate",
    "birthdate",
    "address",
    "image",
    "picture",
    "honorificPrefix",
];

/// Claims under these first steps of a path are about the issuer or the status, not the person.
const NOT_THE_PERSON: [&str; 5] = ["issuer", "iss", "status", "credentialStatus", "vct"];

/// Whether an answer is shown name-blind and, once revealed, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blindness {
    pub blind: bool,
    pub revealed: Option<Reveal>,
}

/// A recorded reveal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    pub at: DateTime<Utc>,
    /// `link` (the request's page link) or `token:ID`.
    pub by: String,
}

impl Blindness {
    /// Whether what identifies the person is hidden now.
    pub fn hides(&self) -> bool {
        self.blind && self.revealed.is_none()
    }

    /// What the JSON views say of it: `{"blind", "hidden", "revealed_at", "revealed_by"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "blind": self.blind,
            "hidden": self.hides(),
            "revealed_at": self.revealed.as_ref().map(|r| r.at.to_rfc3339_opts(SecondsFormat::Secs, true)),
            "revealed_by": self.revealed.as_ref().map(|r| r.by.clone()),
        })
    }
}

/// Records that request `id` is to be shown name-blind.
pub async fn mark(service: &VerifierService, id: &str) -> Result<(), ServiceError> {
    Ok(service.store().mark_blind(id).await?)
}

/// Whether request `id` is shown name-blind, and its reveal.
pub async fn blindness(service: &VerifierService, id: &str) -> Result<Blindness, ServiceError> {
    let row = service.store().blind_view(id).await?;
    let revealed = row.clone().flatten().map(|row| Reveal {
        at: DateTime::from_timestamp(row.revealed_at, 0).unwrap_or_default(),
        by: row.revealed_by,
    });
    Ok(Blindness { blind: service.name_blind() || row.is_some(), revealed })
}

/// Reveals request `id` to `by` (recorded now, unless revealed already: the first reveal
/// stands). A request that is not name-blind has nothing to reveal: `Ok(None)`.
pub async fn reveal(service: &VerifierService, id: &str, by: &str) -> Result<Option<Reveal>, ServiceError> {
    if !blindness(service, id).await?.blind {
        return Ok(None);
    }
    let row = service.store().reveal(id, by, service.now().timestamp()).await?;
    Ok(Some(Reveal { at: DateTime::from_timestamp(row.revealed_at, 0).unwrap_or_default(), by: row.revealed_by }))
}

/// The outcome of a request (`Requests::outcome`) as shown while `blindness` hides the person,
/// in `lang`; unchanged otherwise. Always says whether it is blind (`name_blind`).
pub fn apply(outcome: &mut Value, blindness: &Blindness, lang: Lang) {
    if blindness.hides() {
        hide(outcome, lang);
    }
    outcome["name_blind"] = blindness.to_json();
}

/// Removes what identifies the person from an outcome (see the module's list).
pub fn hide(outcome: &mut Value, lang: Lang) {
    let Some(result) = outcome.get_mut("result").filter(|result| result.is_object()) else {
        return;
    };
    let mut secrets: Vec<String> = Vec::new();
    if let Some(holder) = result["holder"].as_str() {
        secrets.push(holder.to_owned());
    }
    result["holder"] = Value::Null;
    for credential in result["credentials"].as_array_mut().into_iter().flatten() {
        let mut subject = credential["credentialSubject"].take();
        strip(&mut subject, &mut secrets);
        if let Some(claims) = credential.get_mut("claims").and_then(Value::as_object_mut) {
            let personal: Vec<String> = claims.keys().filter(|path| names_the_person(path)).cloned().collect();
            for path in personal {
                if let Some(mut values) = claims.remove(&path) {
                    collect(&mut values, &mut secrets);
                }
            }
            // The subject asked for as a whole.
            for (path, values) in claims.iter_mut() {
                if path.split('.').all(|step| step == "credentialSubject" || step.parse::<usize>().is_ok()) {
                    strip(values, &mut secrets);
                }
            }
        }
        if let Some(line) = credential.get_mut("line").filter(|line| line.is_object()) {
            let narratives = line["evidence"].as_array().map_or(0, Vec::len);
            line["evidence"] = json!([]);
            line["evidence_hidden"] = narratives.into();
            // The person's own words may name them as evidence does: hidden the same way.
            if let Some(words) = line.get_mut("words").and_then(Value::as_array_mut) {
                let said = words.len();
                words.clear();
                line["words_hidden"] = said.into();
            }
        }
    }
    secrets.retain(|secret| secret.chars().count() >= 3);
    secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
    secrets.dedup();
    if !secrets.is_empty() {
        let mark = t!(lang, "blind-hidden-value");
        replace(result, &secrets, &mark);
    }
}

/// Whether a claim's path names a claim of the person: a member of the subject
/// (`credentialSubject.name`, `credentialSubject.0.id`) or a top-level claim of an SD-JWT VC
/// (`given_name`, `address.locality`) that is in [`IDENTIFYING`]. A member of something the
/// subject holds (`credentialSubject.achievement.name`, the skill's name) is not the person.
fn names_the_person(path: &str) -> bool {
    let mut steps = path.split('.').filter(|step| step.parse::<usize>().is_err());
    let first = steps.next().unwrap_or_default();
    let member = if first == "credentialSubject" { steps.next().unwrap_or_default() } else { first };
    !NOT_THE_PERSON.contains(&first) && IDENTIFYING.contains(&member)
}

/// Removes the identifying members of a subject (or of each of a list of subjects), keeping
/// their texts in `secrets`. Members of what it holds are left (an achievement's `name` is the
/// skill's).
fn strip(value: &mut Value, secrets: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let personal: Vec<String> = map.keys().filter(|key| IDENTIFYING.contains(&key.as_str())).cloned().collect();
            for key in personal {
                if let Some(mut removed) = map.remove(&key) {
                    collect(&mut removed, secrets);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|value| strip(value, secrets)),
        _ => {}
    }
}

/// Every text in `value`.
fn collect(value: &mut Value, secrets: &mut Vec<String>) {
    match value {
        Value::String(text) => secrets.push(std::mem::take(text)),
        Value::Object(map) => map.values_mut().for_each(|value| collect(value, secrets)),
        Value::Array(items) => items.iter_mut().for_each(|value| collect(value, secrets)),
        _ => {}
    }
}

/// Replaces every occurrence of a secret in the texts of `value` with `mark`.
fn replace(value: &mut Value, secrets: &[String], mark: &str) {
    match value {
        Value::String(text) => {
            for secret in secrets {
                if text.contains(secret.as_str()) {
                    *text = text.replace(secret.as_str(), mark);
                }
            }
        }
        Value::Object(map) => map.values_mut().for_each(|value| replace(value, secrets, mark)),
        Value::Array(items) => items.iter_mut().for_each(|value| replace(value, secrets, mark)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_names_the_person_is_hidden_and_the_rest_kept() {
        let holder = "did:key:z6MkHolder";
        let mut outcome = json!({"status": "verified", "result": {
            "holder": holder,
            "credentials": [{"issuer": "did:key:z6MkIssuer",
                "credentialSubject": {"id": holder, "name": "Jane Tremblay", "skillKey": "api_design",
                    "achievement": {"id": "urn:x", "name": "API Design"}},
                "claims": {"credentialSubject.skillKey": ["api_design"], "given_name": ["Jane"],
                    "credentialSubject": [{"id": holder, "familyName": "Tremblay", "level": "advanced"}],
                    "issuer.name": ["Department A"], "credentialSubject.achievement.name": ["API Design"]},
                "line": {"kind": "skill", "skill": {"name": "API Design"}, "evidence": ["Jane Tremblay led the API"],
                    "verdict": "verified"}},
                {"issuer": holder, "credentialSubject": {"id": holder},
                 "line": {"kind": "own_words", "verdict": "verified", "evidence": [],
                    "words": [{"about": "urn:uuid:1", "text": "I, Jane, led it", "lang": "en"}]}}],
            "errors": [{"code": "x", "message": format!("holder {holder} differs")}]}});
        hide(&mut outcome, Lang::En);
        let text = outcome.to_string();
        for secret in [holder, "Jane", "Tremblay"] {
            assert!(!text.contains(secret), "{secret}: {outcome:#}");
        }
        let credential = &outcome["result"]["credentials"][0];
        assert_eq!(credential["claims"]["credentialSubject.skillKey"], json!(["api_design"]));
        assert_eq!(credential["claims"]["credentialSubject"], json!([{"level": "advanced"}]));
        assert_eq!(credential["claims"]["issuer.name"], json!(["Department A"]), "the issuer is not the person");
        assert_eq!(credential["issuer"], "did:key:z6MkIssuer");
        assert_eq!(credential["line"]["evidence_hidden"], 1);
        assert_eq!(credential["line"]["skill"]["name"], "API Design");
        assert_eq!(credential["claims"]["credentialSubject.achievement.name"], json!(["API Design"]));
        assert!(outcome["result"]["errors"][0]["message"].as_str().unwrap_or_default().starts_with("holder "));
        let words = &outcome["result"]["credentials"][1]["line"];
        assert_eq!((words["words"].clone(), words["words_hidden"].clone()), (json!([]), json!(1)), "{words:#}");
        let profile = crate::domain::profile::view::profile(&outcome, Lang::En);
        assert_eq!(profile["own_words_hidden"], 1, "the page says words are hidden: {profile:#}");
    }

    #[test]
    fn a_revealed_view_is_left_whole() {
        let mut outcome = json!({"result": {"holder": "did:key:z6MkHolder"}});
        let revealed = Blindness { blind: true, revealed: Some(Reveal { at: DateTime::default(), by: "link".into() }) };
        apply(&mut outcome, &revealed, Lang::Fr);
        assert_eq!(outcome["result"]["holder"], "did:key:z6MkHolder");
        assert_eq!(outcome["name_blind"]["hidden"], false);
        assert_eq!(outcome["name_blind"]["revealed_by"], "link");
    }
}
