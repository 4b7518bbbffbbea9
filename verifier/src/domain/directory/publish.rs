//! Publishing: the standing request (a talent profile request for every skill and assignment,
//! carrying the consent text and period in its signed `client_metadata.purpose`, per language),
//! and, when its answer is verified, the publication: the holder, the judged lines (kept for the
//! profile view), one search row per verified skill line, the end of the latest verified
//! assignment, and what lets each line's status be read again later: the Data Integrity
//! credentials themselves, and for the others where their status is read.

use chrono::{DateTime, Utc};
use credentials::clock::DEFAULT_CLOCK_SKEW;
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::directory::{level_rank, CREATOR};
use crate::domain::error::ServiceError;
use crate::domain::ids::random_id;
use crate::domain::oid4vp::requests::{Created, Origin, Policy};
use crate::domain::profile::query::{profile_query, ProfileAsk};
use crate::domain::service::VerifierService;
use crate::i18n::t;
use crate::store::{NewPublication, SkillRow};

/// How long one standing request may be answered (the page makes a new one each time it is shown).
pub const REQUEST_LIFETIME: std::time::Duration = std::time::Duration::from_secs(900);

/// A time far in the future: "no end".
const NEVER: i64 = 253_402_300_799;

/// The consent the person gives by answering, in `lang`.
pub fn consent(service: &VerifierService, lang: Lang) -> String {
    let name = service.identity().map(|identity| lang.pick(&identity.name_en, &identity.name_fr).to_owned());
    t!(lang, "directory-consent", name = name.unwrap_or_default(), days = service.directory_days().to_string())
}

/// A new "publish my profile" request.
pub async fn request(service: &VerifierService, lang: Lang) -> Result<Created, ServiceError> {
    let identity = service.identity().ok_or(ServiceError::NotFound)?;
    let query = profile_query(&ProfileAsk { skills: Vec::new(), min_level: None, assignments: true })?;
    let policy =
        Policy { lifetime: REQUEST_LIFETIME, max_age: None, clock_skew: DEFAULT_CLOCK_SKEW, require_status: None };
    let purpose = json!({
        "purpose": consent(service, Lang::En),
        "purpose#en": consent(service, Lang::En),
        "purpose#fr": consent(service, Lang::Fr),
    });
    let origin = Origin { created_by: CREATOR, page_key_sha256: None };
    service.requests().create_with(identity, query, policy, service.now(), origin, purpose, lang).await
}

/// After the answer to request `rid` was verified: publishes it when the request was a standing
/// publish request (otherwise nothing). `vp_token` is the answer as the wallet sent it; `en` and
/// `fr` its judged outcome. `Ok(true)` when published.
pub async fn after_verified(
    service: &VerifierService,
    rid: &str,
    vp_token: &str,
    en: &Value,
    fr: &Value,
) -> Result<bool, ServiceError> {
    match service.store().request_creator(rid).await? {
        Some((creator, _)) if creator == CREATOR => {}
        _ => return Ok(false),
    }
    let Some(holder) = en["holder"].as_str() else {
        return Ok(false);
    };
    let now = service.now();
    let expires = now + chrono::Duration::days(i64::from(service.directory_days()));
    let mut documents = documents(vp_token);
    let id = random_id("dp-");
    let lines = en["credentials"].as_array().cloned().unwrap_or_default();
    let mut skills = Vec::new();
    let mut recent_until = 0;
    for credential in &lines {
        let line = &credential["line"];
        if line["verdict"] != "verified" {
            continue;
        }
        let valid_until = seconds(&line["valid_until"]).unwrap_or(NEVER);
        match line["kind"].as_str() {
            Some("skill") => {
                let Some(level) = line.pointer("/skill/level").and_then(Value::as_str).and_then(|l| l.parse().ok())
                else {
                    continue;
                };
                skills.push(SkillRow {
                    document: document_of(&mut documents, credential),
                    skill: line.pointer("/skill/key").and_then(Value::as_str).unwrap_or("?").to_owned(),
                    family: line.pointer("/skill/family").and_then(Value::as_str).unwrap_or("other").to_owned(),
                    level: level_rank(level),
                    valid_until,
                });
            }
            Some("assignment") => {
                let end = match &line["assignment"]["end"] {
                    Value::Null => expires.timestamp(),
                    end => seconds(end).unwrap_or(0),
                };
                recent_until = recent_until.max(end);
            }
            _ => {}
        }
    }
    let kept = |outcome: &Value| kept_outcome(&id, outcome).to_string();
    let new = NewPublication {
        id: id.clone(),
        holder: holder.to_owned(),
        outcome_en: kept(en),
        outcome_fr: kept(fr),
        documents: Value::Array(documents).to_string(),
        published_at: now.timestamp(),
        expires_at: expires.timestamp(),
        recent_until,
        skills,
    };
    service.store().publish(&new).await?;
    tracing::info!(publication = id.as_str(), "a talent profile was published in the directory");
    Ok(true)
}

/// What the profile view needs of an outcome (`view::profile`): the lines, the holder, when
/// status was checked, and any error; not the credentials' whole subjects nor the presentations.
fn kept_outcome(id: &str, outcome: &Value) -> Value {
    let mut result = outcome.clone();
    if let Some(map) = result.as_object_mut() {
        map.remove("presentations");
    }
    for credential in result["credentials"].as_array_mut().into_iter().flatten() {
        if let Some(map) = credential.as_object_mut() {
            map.remove("claims");
            map.remove("credentialSubject");
        }
    }
    json!({"id": id, "status": "verified", "answerable": false, "result": result})
}

/// The Data Integrity credentials inside the answer's presentations: each can be verified again
/// alone, which reads its status again (a `vc+jwt` or SD-JWT VC gets a status-only entry,
/// `document_of`).
fn documents(vp_token: &str) -> Vec<Value> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(vp_token) else {
        return Vec::new();
    };
    map.values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(|presentation| presentation.get("verifiableCredential"))
        .flat_map(|inner| match inner {
            Value::Array(items) => items.clone(),
            single => vec![single.clone()],
        })
        .filter(|credential| credential.get("proof").is_some())
        .collect()
}

/// Which of `documents` a judged credential is: the Data Integrity one with the same issuer and
/// subject; for a `vc+jwt` or SD-JWT VC, a status-only entry added for it (where its status is
/// read, and who signed it: `recheck` reads it again without the credential). -1 when neither.
fn document_of(documents: &mut Vec<Value>, credential: &Value) -> i64 {
    let issuer = |document: &Value| match &document["issuer"] {
        Value::Object(map) => map.get("id").cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    let found = documents.iter().position(|document| {
        document.get(STATUS_ONLY).is_none()
            && issuer(document) == credential["issuer"]
            && document["credentialSubject"] == credential["credentialSubject"]
    });
    let at = match (found, credential.pointer("/line/status_source").filter(|source| source.is_object())) {
        (Some(at), _) => at,
        (None, Some(source)) => {
            documents.push(json!({STATUS_ONLY: source, "issuer": credential["issuer"]}));
            documents.len() - 1
        }
        (None, None) => return -1,
    };
    i64::try_from(at).unwrap_or(-1)
}

/// The member of a status-only entry of a publication's documents: where the status of a
/// credential that cannot be verified again alone (`vc+jwt`, SD-JWT VC) is read.
pub const STATUS_ONLY: &str = "statusSource";

/// An RFC 3339 time as Unix seconds.
fn seconds(value: &Value) -> Option<i64> {
    value.as_str().and_then(|text| DateTime::parse_from_rfc3339(text).ok()).map(|at| at.with_timezone(&Utc).timestamp())
}
