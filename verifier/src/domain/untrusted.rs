//! A valid signature says who signed, not that anyone vouches for them. Without a trust registry
//! every credential whose signature checks out is marked "issuer not trusted" (a warning, not a
//! failure: VC-API clients and the W3C suites expect `verified` for the checks they asked, with
//! issuers of their own), so that every surface a person reads can say "signed, but by an issuer
//! you have not said you trust" instead of calling it valid, and show the name the credential
//! gives its issuer as the credential's own claim. With a registry, `trust` judges instead and an
//! issuer it does not name fails.

use credentials::report::{Check, CheckKind, DocumentKind, Failure, NotChecked, Outcome, Report};
use lang::Lang;
use serde_json::Value;

/// What a person is told of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Every check passed, and every issuer is one the registry names.
    Valid,
    /// Every check passed, but an issuer is one nobody said to trust (no registry).
    SignedByStranger,
    NotValid,
}

impl Standing {
    /// The standing of `report`, given whether its checks passed (the command line and the
    /// service differ on a status that could not be read).
    pub fn of(report: &Report, passed: bool) -> Standing {
        if !passed {
            Standing::NotValid
        } else if holds_unvouched(report) {
            Standing::SignedByStranger
        } else {
            Standing::Valid
        }
    }
}

/// Adds to each credential (of a presentation too) whose signature checked out an undetermined
/// "trusted issuer" check, `issuer_not_trusted`: no registry vouches for its issuer.
pub fn mark(report: &mut Report) {
    crate::domain::own_words::judge_inner(report, mark);
    if report.document != DocumentKind::Credential {
        return;
    }
    let signed = matches!(report.check(CheckKind::IssuerBinding), Some(Outcome::Passed));
    let outcome = match (&report.issuer, signed) {
        (Some(issuer), true) => {
            Outcome::Undetermined(Failure::NotTrusted { issuer: issuer.clone(), types: report.types.clone() })
        }
        _ => Outcome::NotChecked(NotChecked::EarlierFailure),
    };
    report.checks.push(Check { kind: CheckKind::TrustedIssuer, outcome });
}

/// Whether this credential was marked by [`mark`]: signed, by an issuer nobody vouches for.
pub fn is_unvouched(report: &Report) -> bool {
    matches!(report.check(CheckKind::TrustedIssuer), Some(Outcome::Undetermined(Failure::NotTrusted { .. })))
}

/// Whether this document, or a credential inside it, is [`is_unvouched`].
pub fn holds_unvouched(report: &Report) -> bool {
    is_unvouched(report) || report.credentials.iter().any(holds_unvouched)
}

/// The name a credential gives its issuer, in `lang` when it says it in several: our
/// `localizedName` map, the `name` (a string, a VCDM 2.0 §11.1 language value object or an
/// array of them, or a language map), or an SD-JWT VC's `issuer_name`. Only the credential's
/// claim: whoever signed chose it.
pub fn declared_issuer_name(content: &Value, lang: Lang) -> Option<String> {
    let issuer = content.get("issuer");
    let candidates = [
        issuer.and_then(|issuer| issuer.get("localizedName")),
        issuer.and_then(|issuer| issuer.get("name")),
        content.get("issuer_name"),
    ];
    candidates.into_iter().flatten().find_map(|name| text_in(name, lang)).filter(|name| !name.trim().is_empty())
}

/// A text value in `lang`: a string, a language value object, an array of them, or a language
/// map (`{"en": …, "fr": …}`); the first one given when none is in `lang`.
fn text_in(value: &Value, lang: Lang) -> Option<String> {
    let tag_is = |tag: &str| {
        let tag = tag.to_ascii_lowercase();
        tag == lang.as_str() || tag.starts_with(&format!("{}-", lang.as_str()))
    };
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Object(object) if object.contains_key("@value") => {
            object.get("@value").and_then(Value::as_str).map(str::to_owned)
        }
        Value::Object(map) => map
            .iter()
            .find(|(tag, _)| tag_is(tag))
            .or_else(|| map.iter().next())
            .and_then(|(_, text)| text.as_str())
            .map(str::to_owned),
        Value::Array(items) => {
            let language = |item: &&Value| item.get("@language").and_then(Value::as_str).is_some_and(tag_is);
            items.iter().find(language).or_else(|| items.first()).and_then(|item| text_in(item, lang))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_declared_name_is_read_in_every_form_the_data_model_allows() {
        let ours = json!({"issuer": {"name": "Finance", "localizedName": {"en": "Finance", "fr": "Finances"}}});
        assert_eq!(declared_issuer_name(&ours, Lang::Fr).as_deref(), Some("Finances"));
        let values = json!({"issuer": {"name": [{"@value": "Health", "@language": "en"},
            {"@value": "Santé", "@language": "fr-CA", "@direction": "ltr"}]}});
        assert_eq!(declared_issuer_name(&values, Lang::Fr).as_deref(), Some("Santé"));
        assert_eq!(declared_issuer_name(&values, Lang::En).as_deref(), Some("Health"));
        let one = json!({"issuer": {"name": {"@value": "Example University", "@language": "en"}}});
        assert_eq!(declared_issuer_name(&one, Lang::Fr).as_deref(), Some("Example University"));
        assert_eq!(
            declared_issuer_name(&json!({"issuer_name": {"en": "A", "fr": "B"}}), Lang::Fr).as_deref(),
            Some("B")
        );
        assert_eq!(declared_issuer_name(&json!({"issuer": "did:key:z6Mk"}), Lang::En), None);
        assert_eq!(declared_issuer_name(&json!({"issuer": {"name": " "}}), Lang::En), None);
    }
}
