//! Person-readable text as credentials write it: a plain string, VCDM 2.0 §11.1 language value
//! objects (`{"@value": …, "@language": "fr", "@direction": …}`, one or a list), or our own
//! `localized*` language maps. Views read the reader's language from whichever a credential
//! carries, so credentials of other issuers (and ours, old form or new) read alike.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use lang::{Lang, LocalizedText};

/// One VCDM 2.0 language value object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LanguageValue {
    #[serde(rename = "@value")]
    pub value: String,
    #[serde(rename = "@language", default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "@direction", default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
}

/// An item of a list of texts: a language value object or a plain string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum TextItem {
    Plain(String),
    Value(LanguageValue),
}

/// A `name`, `description` or similar property as written: a plain string, one language value
/// object, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum TextNode {
    Plain(String),
    Value(LanguageValue),
    Many(Vec<TextItem>),
}

impl TextNode {
    /// The text in each official language: the value tagged with that language (`fr`, `fr-CA`);
    /// the other official language's when it has none; an untagged value or plain string when
    /// neither is tagged; then any value at all.
    pub fn localized(&self) -> LocalizedText {
        let items: Vec<TextItem> = match self {
            TextNode::Plain(text) => vec![TextItem::Plain(text.clone())],
            TextNode::Value(value) => vec![TextItem::Value(value.clone())],
            TextNode::Many(items) => items.clone(),
        };
        let tagged = |lang: Lang| {
            items.iter().find_map(|item| match item {
                TextItem::Value(LanguageValue { value, language: Some(tag), .. }) if in_language(tag, lang) => {
                    Some(value.clone())
                }
                _ => None,
            })
        };
        let untagged = items.iter().find_map(|item| match item {
            TextItem::Plain(text) => Some(text.clone()),
            TextItem::Value(LanguageValue { value, language: None, .. }) => Some(value.clone()),
            TextItem::Value(_) => None,
        });
        let any = items.first().map(|item| match item {
            TextItem::Plain(text) => text.clone(),
            TextItem::Value(LanguageValue { value, .. }) => value.clone(),
        });
        let (en, fr) = (tagged(Lang::En), tagged(Lang::Fr));
        let fallback = || untagged.clone().or_else(|| any.clone()).unwrap_or_default();
        LocalizedText {
            en: en.clone().or_else(|| fr.clone()).unwrap_or_else(fallback),
            fr: fr.or(en).unwrap_or_else(fallback),
        }
    }
}

/// Whether a BCP 47 tag names `lang` (`fr`, `fr-CA`, `FR`).
fn in_language(tag: &str, lang: Lang) -> bool {
    let primary = tag.split('-').next().unwrap_or_default();
    primary.eq_ignore_ascii_case(match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    })
}

/// A text with both its written forms: our language map when it is complete, else what the
/// standard property says.
pub(crate) fn either(standard: &TextNode, map: Option<LocalizedText>) -> LocalizedText {
    match map {
        Some(map) if map.is_complete() => map,
        Some(map) => {
            let standard = standard.localized();
            let pick = |ours: String, theirs: String| if ours.trim().is_empty() { theirs } else { ours };
            LocalizedText { en: pick(map.en, standard.en), fr: pick(map.fr, standard.fr) }
        }
        None => standard.localized(),
    }
}

/// Whether `object`'s `field` is written in both official languages: with its `localized…`
/// language map beside it (whose completeness the profile's schema checks), or as language
/// values tagged English and French.
pub(crate) fn is_bilingual(object: &Value, field: &str) -> bool {
    if object.get(map_name(field)).is_some() {
        return true;
    }
    let Some(TextNode::Many(items)) = object.get(field).and_then(|value| TextNode::deserialize(value).ok()) else {
        return false;
    };
    let has = |lang: Lang| {
        items.iter().any(|item| {
            matches!(item, TextItem::Value(LanguageValue { value, language: Some(tag), .. })
                if in_language(tag, lang) && !value.trim().is_empty())
        })
    };
    has(Lang::En) && has(Lang::Fr)
}

/// `localizedName` for `name`.
fn map_name(field: &str) -> String {
    let mut chars = field.chars();
    chars.next().map(|c| format!("localized{}{}", c.to_ascii_uppercase(), chars.as_str())).unwrap_or_default()
}

/// The text of `object`'s `field` in both languages, from a `localized…` language map beside it
/// (`localizedName` for `name`) or from the property itself in any form; `None` when the
/// object has neither. For showing any credential's name, its issuer's, a description.
pub fn localized_text(object: &Value, field: &str) -> Option<LocalizedText> {
    let standard = object.get(field).and_then(|value| TextNode::deserialize(value).ok());
    let map = object.get(map_name(field)).and_then(|value| LocalizedText::deserialize(value).ok());
    match (standard, map) {
        (Some(standard), map) => Some(either(&standard, map)),
        (None, Some(map)) => Some(map),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: Value) -> LocalizedText {
        localized_text(&json!({"name": value}), "name").unwrap()
    }

    #[test]
    fn language_values_give_each_reader_their_language() {
        // VCDM 2.0 §11.1's "Multiple language texts provided for title", in our two languages.
        let both = read(json!([{"@value": "Cloud Architecture", "@language": "en"},
            {"@value": "Architecture infonuagique", "@language": "fr-CA", "@direction": "ltr"}]));
        assert_eq!(both, LocalizedText::new("Cloud Architecture", "Architecture infonuagique"));
        // One language only: the other reader gets it too.
        assert_eq!(read(json!({"@value": "Université", "@language": "fr"})), LocalizedText::same("Université"));
        let arabic = read(json!([{"@value": "HTML و CSS", "@language": "ar", "@direction": "rtl"}]));
        assert_eq!(arabic, LocalizedText::same("HTML و CSS"));
        // A plain string, and a plain string beside a French value.
        assert_eq!(read(json!("Example University")), LocalizedText::same("Example University"));
        let mixed = read(json!(["Example University", {"@value": "Université exemple", "@language": "fr"}]));
        assert_eq!(mixed, LocalizedText::new("Université exemple", "Université exemple"));
    }

    #[test]
    fn our_language_maps_are_read_as_before_and_preferred() {
        let object = json!({"name": "Cloud Architecture",
            "localizedName": {"en": "Cloud Architecture", "fr": "Architecture infonuagique"}});
        assert_eq!(localized_text(&object, "name").unwrap().fr, "Architecture infonuagique");
        let partial = json!({"name": [{"@value": "Cloud", "@language": "en"}, {"@value": "Nuage", "@language": "fr"}],
            "localizedName": {"en": "Cloud Architecture", "fr": ""}});
        assert_eq!(localized_text(&partial, "name").unwrap(), LocalizedText::new("Cloud Architecture", "Nuage"));
        assert_eq!(localized_text(&json!({}), "name"), None);
        assert_eq!(localized_text(&json!({"name": 7}), "name"), None);
    }
}
