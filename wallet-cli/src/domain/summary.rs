//! What the wallet shows of a credential without the holder opening it: its kind, what it
//! attests, who issued it and when, read tolerantly from any VC (JSON or `vc+jwt` payload) so a
//! credential from another issuer still lists.

use std::sync::LazyLock;

use lang::LocalizedText;
use schemas::Lang;
use serde_json::Value;

use crate::i18n::t;

/// The title of a credential without a name, looked up once: every entry of `wallet list` may
/// need it.
static UNTITLED: LazyLock<LocalizedText> =
    LazyLock::new(|| LocalizedText::new(t!(Lang::En, "summary-untitled"), t!(Lang::Fr, "summary-untitled")));

/// The credential's claims: the JSON itself, or what a JWT carries (its payload, or the `vc`
/// claim of a VCDM 1.1 JWT).
pub fn claims(credential: &str) -> Option<Value> {
    let text = credential.trim();
    if text.starts_with('{') {
        serde_json::from_str(text).ok()
    } else if credentials::sd_jwt_vc::looks_like_sd_jwt(text) {
        credentials::sd_jwt_vc::read(text).ok().map(|held| held.claims)
    } else {
        credentials::jwt_shape::document_of_compact(text)
    }
}

pub fn credential_id(credential: &str) -> Option<String> {
    let claims = claims(credential)?;
    claims.get("id").or_else(|| claims.get("jti")).and_then(Value::as_str).map(str::to_owned)
}

/// `localizedName` in `lang` when present, else `name`, else the plain string.
fn text(node: Option<&Value>, lang: Lang) -> Option<String> {
    let node = node?;
    if let Some(text) = node.as_str() {
        return Some(text.to_owned());
    }
    node.get("localizedName")
        .and_then(|names| names.get(lang.as_str()))
        .or_else(|| node.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// One line of `wallet list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `skill`, `assignment` or the credential's last type.
    pub kind: String,
    pub title: String,
    pub issuer: String,
    pub issuer_id: String,
    /// `validFrom` (or `issuanceDate`), date part.
    pub issued: String,
    /// Skill keys the credential mentions (achievement and skills used).
    pub skills: Vec<String>,
}

pub fn summarize(credential: &str, lang: Lang) -> Option<Summary> {
    let claims = claims(credential)?;
    if let Some(vct) = claims.get("vct").and_then(Value::as_str) {
        return Some(summarize_sd_jwt_vc(&claims, vct, lang));
    }
    let types = credentials::input::type_names(claims.get("type"));
    let subject = match claims.get("credentialSubject") {
        Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
        Some(subject) => subject.clone(),
        None => Value::Null,
    };
    let kind = match schemas::Profile::of(&claims) {
        schemas::Profile::Skill => "skill".to_owned(),
        schemas::Profile::Assignment => "assignment".to_owned(),
        _ => types.iter().rev().find(|t| *t != "VerifiableCredential").cloned().unwrap_or_else(|| "credential".into()),
    };
    let title = text(subject.get("achievement"), lang)
        .or_else(|| text(Some(&claims), lang))
        .unwrap_or_else(|| UNTITLED.get(lang).to_owned());
    let issuer_id = match claims.get("issuer") {
        Some(Value::String(id)) => id.clone(),
        Some(node) => node.get("id").and_then(Value::as_str).unwrap_or_default().to_owned(),
        None => String::new(),
    };
    let issuer = match claims.get("issuer") {
        Some(node @ Value::Object(_)) => text(Some(node), lang).unwrap_or_else(|| issuer_id.clone()),
        _ => issuer_id.clone(),
    };
    let issued = claims
        .get("validFrom")
        .or_else(|| claims.get("issuanceDate"))
        .and_then(Value::as_str)
        .map(|date| date.chars().take(10).collect())
        .unwrap_or_default();
    let mut skills = Vec::new();
    collect_skill_keys(&subject, &mut skills);
    Some(Summary { kind, title, issuer, issuer_id, issued, skills })
}

/// The same summary from SD-JWT VC claims (`vct`, `name`, `issuer_name`, `nbf`, skills).
fn summarize_sd_jwt_vc(claims: &Value, vct: &str, lang: Lang) -> Summary {
    let localized = |name: &str| claims.get(name).and_then(|node| node.get(lang.as_str())).and_then(Value::as_str);
    let kind = match schemas::sd_jwt_vc::type_of_vct(vct) {
        Some(schemas::SKILL_CREDENTIAL_TYPE) => "skill".to_owned(),
        Some(_) => "assignment".to_owned(),
        None => vct.rsplit('/').next().unwrap_or(vct).to_owned(),
    };
    let issuer_id = claims.get("iss").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut skills: Vec<String> =
        claims.pointer("/skill/key").and_then(Value::as_str).map(str::to_owned).into_iter().collect();
    if let Some(Value::Object(used)) = claims.get("skills") {
        skills.extend(used.keys().cloned());
    }
    Summary {
        kind,
        title: localized("name").unwrap_or(UNTITLED.get(lang)).to_owned(),
        issuer: localized("issuer_name").map_or_else(|| issuer_id.clone(), str::to_owned),
        issuer_id,
        issued: claims
            .get("nbf")
            .and_then(Value::as_i64)
            .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
            .map(|date| date.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        skills,
    }
}

fn collect_skill_keys(node: &Value, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "skillKey" {
                    if let Some(skill) = value.as_str() {
                        out.push(skill.to_owned());
                    }
                } else {
                    collect_skill_keys(value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_skill_keys(item, out)),
        _ => {}
    }
}
