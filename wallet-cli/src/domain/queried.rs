//! A stored credential as a DCQL query sees it (its format and its claims), and as the person
//! picks it among others (a short id and a title), for the OpenID4VP answering flow.

use lang::Lang;
use serde_json::Value;

use crate::domain::store::Entry;
use crate::safe_text::printable;

/// A stored credential as a DCQL query sees it: its format and its JSON (or `vc+jwt` payload).
pub(crate) fn as_queried(entry: &Entry) -> Option<(&'static str, Value)> {
    let text = entry.credential.trim();
    if credentials::sd_jwt_vc::looks_like_sd_jwt(text) {
        // Matched on all its claims; only the asked-for ones are disclosed when answering.
        let held = credentials::sd_jwt_vc::read(text).ok()?;
        return Some((credentials::dcql::FORMAT_DC_SD_JWT, held.claims));
    }
    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
        return Some((credentials::dcql::format_of(false), value));
    }
    // OpenID4VP 1.0 §B.1.1: claims paths match on the credential, the `vc` claim of a VCDM 1.1 JWT.
    credentials::jwt_shape::document_of_compact(text).map(|document| (credentials::dcql::format_of(true), document))
}

/// The first characters of a wallet id, enough to choose with `--credential`.
pub fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// The credential's name in `lang` (or its only name), safe to print.
pub fn title(entry: &Entry, lang: Lang) -> String {
    as_queried(entry)
        .and_then(|(_, value)| {
            let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
            // `localizedName` in the VC data model, `name` as a language map in SD-JWT VC claims.
            let localized = value
                .pointer(&format!("/localizedName/{}", lang.as_str()))
                .or_else(|| value.pointer(&format!("/name/{}", lang.as_str())))
                .and_then(Value::as_str)
                .map(str::to_owned);
            localized.or(name).map(|text| printable(&text))
        })
        .unwrap_or_default()
}
