//! One credential of an answer as a manager reads it: what it says in plain words (the skill's
//! name and level, or the assignment's role, team, department and dates), who issued it by the
//! name the trust registry gives (never a bare DID when the registry names it), and one verdict
//! of verified, revoked, suspended, expired, untrusted, invalid or not checkable, with a
//! one-sentence reason when it is not verified. Computed when the answer is judged and kept in
//! the outcome (per language), so the profile page needs no credential again.

use chrono::{DateTime, SecondsFormat, Utc};
use credentials::report::{CheckKind, Failure, Outcome, Report};
use lang::{Lang, LocalizedText};
use schemas::{AssignmentCredentialView, Level, SkillCredentialView, Taxonomy};
use serde_json::{json, Map, Value};

use crate::domain::service::VerifierService;
use crate::domain::untrusted;
use crate::i18n::t;

/// What a line is judged to be, worst first after "verified".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Verified,
    Revoked,
    Suspended,
    Expired,
    /// Signed, but by an issuer the registry does not name for it (or, without a registry, by
    /// an issuer nobody vouches for).
    Untrusted,
    /// A check failed (signature, structure, holder binding…).
    Invalid,
    /// Its status could not be read, or the answer carrying it failed as a whole.
    NotCheckable,
}

impl Verdict {
    /// The stable word of the JSON outcome.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Revoked => "revoked",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
            Self::Untrusted => "untrusted",
            Self::Invalid => "invalid",
            Self::NotCheckable => "not_checkable",
        }
    }

    /// The verdict of its stable word.
    pub fn parse(word: &str) -> Option<Self> {
        [
            Self::Verified,
            Self::Revoked,
            Self::Suspended,
            Self::Expired,
            Self::Untrusted,
            Self::Invalid,
            Self::NotCheckable,
        ]
        .into_iter()
        .find(|verdict| verdict.as_str() == word)
    }
}

/// The verdict of one credential and why, in `lang`; `carrier_failed` is the reason the
/// presentation or answer carrying it failed as a whole, if it did.
pub fn verdict(inner: &Report, carrier_failed: Option<&str>, lang: Lang) -> (Verdict, Option<String>) {
    judge(inner, carrier_failed, true, lang)
}

/// [`verdict`], or (not `with_status`) the verdict on everything but its status: what a status
/// read again later is combined with (`recheck`).
fn judge(inner: &Report, carrier_failed: Option<&str>, with_status: bool, lang: Lang) -> (Verdict, Option<String>) {
    if let Some(why) = carrier_failed {
        return (Verdict::NotCheckable, Some(t!(lang, "line-reason-carrier", why = why)));
    }
    let states: Vec<&str> = inner.status.iter().map(|entry| entry.state()).collect();
    if with_status && matches!(inner.check(CheckKind::Status), Some(Outcome::Failed(_))) {
        if states.contains(&"revoked") {
            return (Verdict::Revoked, Some(t!(lang, "line-reason-revoked")));
        }
        if states.contains(&"suspended") {
            return (Verdict::Suspended, Some(t!(lang, "line-reason-suspended")));
        }
    }
    if let Some(Outcome::Failed(failure)) = inner.check(CheckKind::Validity) {
        if failure.code() == "expired" {
            return (Verdict::Expired, Some(failure.message(lang)));
        }
    }
    let failed = inner.checks.iter().find_map(|check| match &check.outcome {
        Outcome::Failed(Failure::NotTrusted { .. }) => None,
        _ if !with_status && check.kind == CheckKind::Status => None,
        Outcome::Failed(failure) => Some(failure),
        _ => None,
    });
    if let Some(failure) = failed {
        return (Verdict::Invalid, Some(failure.message(lang)));
    }
    let registry_refused = matches!(inner.check(CheckKind::TrustedIssuer), Some(Outcome::Failed(_)));
    if registry_refused || untrusted::is_unvouched(inner) {
        let issuer = inner.issuer.as_deref().unwrap_or("?");
        return (Verdict::Untrusted, Some(t!(lang, "line-reason-untrusted", issuer = issuer)));
    }
    if with_status && inner.status_unknown() {
        return (Verdict::NotCheckable, Some(t!(lang, "line-reason-status-unknown")));
    }
    (Verdict::Verified, None)
}

/// The line of one credential, in `lang`.
pub fn line(service: &VerifierService, inner: &Report, carrier_failed: Option<&str>, lang: Lang) -> Value {
    let (judged, reason) = verdict(inner, carrier_failed, lang);
    let content = inner.content.as_ref().unwrap_or(&Value::Null);
    // A credential whose schema check passed is read without validating it again.
    let validated = matches!(inner.check(CheckKind::Schema), Some(Outcome::Passed));
    let mut out = read(content, validated, lang);
    out.insert("verdict".into(), judged.as_str().into());
    out.insert("reason".into(), reason.into());
    let registry = service.issuer_names(inner).map(|(en, fr)| lang.pick(&en, &fr).to_owned());
    out.insert("issuer_name".into(), registry.into());
    out.insert("issuer_claimed_name".into(), untrusted::declared_issuer_name(content, lang).into());
    // What "check again now" needs to judge it again without the credential: where its status
    // is read, and its verdict on everything but its status (`profile::recheck`).
    // (`status` is the SD-JWT VC's status claim: only an SD-JWT VC's claims are read as one.)
    let name = if content.get("vct").is_some() { "status" } else { "credentialStatus" };
    let source = content.get(name).map(|value| Value::Object(Map::from_iter([(name.to_owned(), value.clone())])));
    out.insert("status_source".into(), source.into());
    let (rest, rest_reason) = judge(inner, carrier_failed, false, lang);
    out.insert("apart_from_status".into(), json!({"verdict": rest.as_str(), "reason": rest_reason}));
    Value::Object(out)
}

fn time(at: DateTime<Utc>) -> Value {
    at.to_rfc3339_opts(SecondsFormat::Secs, true).into()
}

/// A skill by key: its name in `lang` (the library's, else the credential's) and its family.
fn skill_json(key: &str, written: Option<String>, lang: Lang) -> Value {
    let known = Taxonomy::gc_digital_talent().skill(key);
    let name = known.map(|skill| skill.name.get(lang).to_owned()).or(written).unwrap_or_else(|| key.to_owned());
    let family = known.and_then(|skill| skill.families.first().cloned());
    json!({"key": key, "name": name, "family": family})
}

/// What a skill or assignment credential says, in `lang`: a VC Data Model credential (either
/// securing) or an SD-JWT VC's disclosed claims. `validated`: its schema check passed.
fn read(content: &Value, validated: bool, lang: Lang) -> Map<String, Value> {
    let mut out =
        if content.get("vct").is_some() { read_sd_jwt(content, lang) } else { read_vc(content, validated, lang) };
    // What the person's own words name it by (`view`).
    if let Some(id) = content.get("id").or_else(|| content.get("jti")).and_then(Value::as_str) {
        out.insert("credential_id".into(), id.into());
    }
    out
}

/// [`read`] of a VC Data Model credential.
fn read_vc(content: &Value, validated: bool, lang: Lang) -> Map<String, Value> {
    let mut out = Map::new();
    if schemas::is_own_words(content) {
        // The person's own words, shown beside the lines they are about (`view`), never as a
        // line of their own: the reader's language, else the other, with the language said.
        out.insert("kind".into(), "own_words".into());
        let words: Vec<Value> = schemas::read_own_words(content)
            .into_iter()
            .filter_map(|item| {
                let (mine, other) = match lang {
                    Lang::En => ((item.en, "en"), (item.fr, "fr")),
                    Lang::Fr => ((item.fr, "fr"), (item.en, "en")),
                };
                let (text, written_in) = match (mine, other) {
                    ((Some(text), code), _) | (_, (Some(text), code)) => (text, code),
                    _ => return None,
                };
                Some(json!({"about": item.about, "text": text, "lang": written_in}))
            })
            .collect();
        out.insert("words".into(), words.into());
        return out;
    }
    let skill = if validated { SkillCredentialView::from_validated } else { SkillCredentialView::from_value };
    let assignment =
        if validated { AssignmentCredentialView::from_validated } else { AssignmentCredentialView::from_value };
    if let Ok(view) = skill(content) {
        out.insert("kind".into(), "skill".into());
        let mut skill = skill_json(&view.skill_key, Some(view.skill_name.get(lang).to_owned()), lang);
        skill["level"] = view.level.as_str().into();
        skill["level_name"] = view.level.label(lang).into();
        out.insert("skill".into(), skill);
        out.insert("evidence".into(), view.evidence.iter().map(|e| e.narrative.get(lang)).collect());
        out.insert("valid_from".into(), time(view.valid_from));
        out.insert("valid_until".into(), view.valid_until.map(time).into());
    } else if let Ok(view) = assignment(content) {
        out.insert("kind".into(), "assignment".into());
        let used: Vec<Value> =
            view.skills_used.iter().map(|s| skill_json(&s.key, Some(s.name.get(lang).to_owned()), lang)).collect();
        out.insert(
            "assignment".into(),
            json!({
                "role": view.role.get(lang),
                "team": view.team.as_ref().map(|team| team.name.get(lang)),
                "department": view.department.name.get(lang),
                "start": time(view.start),
                "end": view.end.map(time),
                "skills_used": used,
            }),
        );
        out.insert("evidence".into(), view.evidence.iter().map(|e| e.narrative.get(lang)).collect());
        out.insert("valid_from".into(), time(view.valid_from));
        out.insert("valid_until".into(), view.valid_until.map(time).into());
    } else {
        out.insert("kind".into(), "other".into());
    }
    out
}

/// A bilingual claim (`{"en": …, "fr": …}`) in `lang`.
fn localized(value: Option<&Value>, lang: Lang) -> Option<String> {
    serde_json::from_value::<LocalizedText>(value?.clone()).ok().map(|text| text.get(lang).to_owned())
}

fn seconds(value: Option<&Value>) -> Value {
    value.and_then(Value::as_i64).and_then(|s| DateTime::from_timestamp(s, 0)).map(time).unwrap_or(Value::Null)
}

/// The claims of an SD-JWT VC skill or assignment (`schemas::sd_jwt_vc`), as disclosed.
fn read_sd_jwt(claims: &Value, lang: Lang) -> Map<String, Value> {
    let mut out = Map::new();
    let evidence: Vec<String> = claims["evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| localized(item.get("narrative"), lang))
        .collect();
    match claims["vct"].as_str().and_then(schemas::sd_jwt_vc::type_of_vct) {
        Some(schemas::SKILL_CREDENTIAL_TYPE) => {
            out.insert("kind".into(), "skill".into());
            let key = claims.pointer("/skill/key").and_then(Value::as_str).unwrap_or("?");
            let mut skill = skill_json(key, localized(claims.pointer("/skill/name"), lang), lang);
            if let Some(level) = claims["level"].as_str().and_then(|code| code.parse::<Level>().ok()) {
                skill["level"] = level.as_str().into();
                skill["level_name"] = level.label(lang).into();
            }
            out.insert("skill".into(), skill);
        }
        Some(schemas::ASSIGNMENT_CREDENTIAL_TYPE) => {
            out.insert("kind".into(), "assignment".into());
            let used: Vec<Value> = claims["skills"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(key, name)| skill_json(key, localized(Some(name), lang), lang))
                .collect();
            let date = |name: &str| claims[name].as_str().map(str::to_owned);
            out.insert(
                "assignment".into(),
                json!({
                    "role": localized(claims.get("role"), lang),
                    "team": localized(claims.pointer("/team/name"), lang),
                    "department": localized(claims.pointer("/department/name"), lang),
                    "start": date("start_date"),
                    "end": date("end_date"),
                    "skills_used": used,
                }),
            );
        }
        _ => {
            out.insert("kind".into(), "other".into());
            return out;
        }
    }
    out.insert("evidence".into(), evidence.into());
    out.insert("valid_from".into(), seconds(claims.get("nbf")));
    out.insert("valid_until".into(), seconds(claims.get("exp")));
    out
}
