//! The person's own words about credentials of their profile, carried to a manager as a
//! credential the person issues to themselves (`OwnWordsCredential`, issuer and subject the
//! holder's DID). A self-issued credential travels in every exchange a credential does (an
//! OpenID4VP answer, a presentation file) and is signed by the holder like the presentation
//! around it, so the words cannot be changed on the way; and because its issuer is the person,
//! a verifier can never mistake it for an attestation: it shows the words beside the verified
//! lines they are about, marked as the person's own.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::context::{CREDENTIALS_V2_CONTEXT_URL, TALENT_CONTEXT_URL};
use crate::i18n::{in_both, t};

/// The `type` entry that marks the person's own words.
pub const OWN_WORDS_CREDENTIAL_TYPE: &str = "OwnWordsCredential";

/// What the person wrote about one credential (by its id), in English, French or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnWordsItem {
    pub about: String,
    pub en: Option<String>,
    pub fr: Option<String>,
}

/// The unsigned credential of `holder`'s own words, valid from `now`.
pub fn own_words_credential(holder: &str, items: &[OwnWordsItem], now: DateTime<Utc>) -> Value {
    let words: Vec<Value> = items
        .iter()
        .map(|item| {
            let mut narrative = serde_json::Map::new();
            for (lang, text) in [("en", &item.en), ("fr", &item.fr)] {
                if let Some(text) = text {
                    narrative.insert(lang.into(), text.as_str().into());
                }
            }
            json!({"about": item.about, "localizedNarrative": narrative})
        })
        .collect();
    let name = in_both(|lang| t!(lang, "own-words-credential-name"));
    json!({
        "@context": [CREDENTIALS_V2_CONTEXT_URL, TALENT_CONTEXT_URL],
        "type": ["VerifiableCredential", OWN_WORDS_CREDENTIAL_TYPE],
        "name": name.get(crate::Lang::En),
        "localizedName": {"en": name.get(crate::Lang::En), "fr": name.get(crate::Lang::Fr)},
        "issuer": holder,
        "validFrom": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "credentialSubject": {"id": holder, "ownWords": words},
    })
}

/// Whether a credential claims to be someone's own words.
pub fn is_own_words(credential: &Value) -> bool {
    match credential.get("type") {
        Some(Value::Array(types)) => types.iter().any(|entry| entry == OWN_WORDS_CREDENTIAL_TYPE),
        Some(Value::String(single)) => single == OWN_WORDS_CREDENTIAL_TYPE,
        _ => false,
    }
}

/// The words an own-words credential holds, each with the id it is about; items without an
/// `about` or without text are skipped (nothing to show them beside).
pub fn read_own_words(credential: &Value) -> Vec<OwnWordsItem> {
    let items = match credential.pointer("/credentialSubject/ownWords") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|item| {
            let about = item.get("about").and_then(Value::as_str)?.to_owned();
            let text = |lang: &str| {
                item.pointer(&format!("/localizedNarrative/{lang}"))
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|text| !text.is_empty())
                    .map(str::to_owned)
            };
            let (en, fr) = (text("en"), text("fr"));
            (en.is_some() || fr.is_some()).then_some(OwnWordsItem { about, en, fr })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_read_back_as_written() {
        let now = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default();
        let items = vec![
            OwnWordsItem { about: "urn:uuid:1".into(), en: Some("Led the API guild.".into()), fr: None },
            OwnWordsItem { about: "urn:uuid:2".into(), en: Some("Mentored".into()), fr: Some("Mentorat".into()) },
        ];
        let credential = own_words_credential("did:key:z6Mk", &items, now);
        assert!(is_own_words(&credential));
        assert_eq!(credential["issuer"], credential["credentialSubject"]["id"]);
        assert_eq!(read_own_words(&credential), items);
        let mut empty = credential.clone();
        empty["credentialSubject"]["ownWords"][0]["localizedNarrative"] = json!({"en": "  "});
        assert_eq!(read_own_words(&empty).len(), 1, "an item without words is not shown");
        assert!(!is_own_words(&json!({"type": ["VerifiableCredential", "SkillCredential"]})));
    }
}
