//! Parse errors said in French: `clap` builds its errors in English from a kind and a context,
//! so the French is built from the same kind and context, with the usage line and hints.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use lang::Lang;

use crate::i18n::t;

/// Why an option's own parser refused a value, in both languages: the error type our value
/// parsers return, so that a French parse error can say why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub en: String,
    pub fr: String,
}

impl Invalid {
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Invalid { en: en.into(), fr: fr.into() }
    }

    /// A catalogue message in both languages: `Invalid::localized(|lang| t!(lang, "id", …))`.
    pub fn localized(message: impl Fn(Lang) -> String) -> Self {
        Invalid { en: message(Lang::En), fr: message(Lang::Fr) }
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Invalid {}

/// The reason a value parser gave, in French when its type is known here; otherwise its own
/// (English) text, which still says what is wrong.
fn french_reason(reason: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    if let Some(invalid) = reason.downcast_ref::<Invalid>() {
        return invalid.fr.clone();
    }
    if let Some(schema) = reason.downcast_ref::<schemas::SchemaError>() {
        return schema.message(Lang::Fr);
    }
    if let Some(number) = reason.downcast_ref::<std::num::ParseIntError>() {
        return match number.kind() {
            IntErrorKind::Empty => t!(Lang::Fr, "cli-reason-number-empty"),
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => t!(Lang::Fr, "cli-reason-number-too-large"),
            IntErrorKind::Zero => t!(Lang::Fr, "cli-reason-number-zero"),
            _ => t!(Lang::Fr, "cli-reason-number-invalid"),
        };
    }
    if reason.downcast_ref::<std::net::AddrParseError>().is_some() {
        return t!(Lang::Fr, "cli-reason-address");
    }
    reason.to_string()
}

/// A parse error said in French, from its kind and context, with the usage line and the hint
/// `clap` gives in English.
pub fn french_error(error: &clap::Error) -> String {
    let fr = Lang::Fr;
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::StyledStr(value)) => Some(value.to_string()),
        Some(ContextValue::Strings(values)) => Some(values.join(", ")),
        Some(ContextValue::StyledStrs(values)) => {
            Some(values.iter().map(StyledStr::to_string).collect::<Vec<_>>().join(", "))
        }
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::StyledStrs(values)) => values.iter().map(StyledStr::to_string).collect(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        Some(ContextValue::StyledStr(value)) => vec![value.to_string()],
        _ => Vec::new(),
    };
    let arg = string(ContextKind::InvalidArg).unwrap_or_default();
    let value = string(ContextKind::InvalidValue).unwrap_or_default();
    let (arg, value) = (arg.as_str(), value.as_str());
    let mut message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => t!(fr, "cli-error-value-missing", arg = arg),
        ErrorKind::InvalidValue => t!(fr, "cli-error-value-invalid", value = value, arg = arg),
        // The reason comes from the option's own parser (ours are bilingual; the standard
        // library's number and address parsers speak English).
        ErrorKind::ValueValidation => match std::error::Error::source(error) {
            Some(reason) => {
                t!(fr, "cli-error-value-invalid-because", value = value, arg = arg, reason = french_reason(reason))
            }
            None => t!(fr, "cli-error-value-invalid", value = value, arg = arg),
        },
        ErrorKind::UnknownArgument => t!(fr, "cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => t!(
            fr,
            "cli-error-unknown-subcommand",
            subcommand = string(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::NoEquals => t!(fr, "cli-error-no-equals", arg = arg),
        ErrorKind::TooManyValues => t!(fr, "cli-error-too-many-values", value = value, arg = arg),
        ErrorKind::TooFewValues => t!(
            fr,
            "cli-error-too-few-values",
            arg = arg,
            expected = string(ContextKind::MinValues).unwrap_or_default(),
            actual = string(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::WrongNumberOfValues => t!(
            fr,
            "cli-error-wrong-number-of-values",
            arg = arg,
            expected = string(ContextKind::ExpectedNumValues).unwrap_or_default(),
            actual = string(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => match string(ContextKind::PriorArg) {
            Some(prior) if prior == arg => t!(fr, "cli-error-given-twice", arg = arg),
            Some(prior) if !prior.is_empty() => t!(fr, "cli-error-conflict", arg = arg, prior = prior),
            _ => t!(fr, "cli-error-conflict-many", arg = arg),
        },
        ErrorKind::MissingRequiredArgument => {
            let missing: String =
                list(ContextKind::InvalidArg).iter().map(|argument| format!("\n  {argument}")).collect();
            t!(fr, "cli-error-missing-required", list = missing)
        }
        ErrorKind::MissingSubcommand => {
            t!(fr, "cli-error-missing-subcommand", command = string(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidUtf8 => t!(fr, "cli-error-invalid-utf8"),
        _ => t!(fr, "cli-error-other"),
    };
    let valid = list(ContextKind::ValidValue);
    if !valid.is_empty() {
        message.push_str("\n  ");
        message.push_str(&t!(fr, "cli-note-possible", values = valid.join(", ")));
    }
    let valid = list(ContextKind::ValidSubcommand);
    if matches!(error.kind(), ErrorKind::MissingSubcommand) && !valid.is_empty() {
        message.push_str("\n  ");
        message.push_str(&t!(fr, "cli-note-subcommands", values = valid.join(", ")));
    }
    let similar = [
        (ContextKind::SuggestedSubcommand, string(ContextKind::SuggestedSubcommand)),
        (ContextKind::SuggestedArg, string(ContextKind::SuggestedArg)),
        (ContextKind::SuggestedValue, string(ContextKind::SuggestedValue)),
    ];
    for (kind, suggested) in similar {
        let Some(suggested) = suggested else { continue };
        let hint = match kind {
            ContextKind::SuggestedSubcommand => t!(fr, "cli-hint-similar-subcommand", suggested = suggested),
            ContextKind::SuggestedArg => t!(fr, "cli-hint-similar-argument", suggested = suggested),
            _ => t!(fr, "cli-hint-similar-value", suggested = suggested),
        };
        message.push_str("\n\n  ");
        message.push_str(&t!(fr, "cli-hint", hint = hint));
    }
    for hint in list(ContextKind::Suggested) {
        message.push_str("\n\n  ");
        message.push_str(&t!(fr, "cli-hint", hint = french_hint(&hint)));
    }
    let mut text = t!(fr, "cli-error", message = message);
    if let Some(usage) = string(ContextKind::Usage) {
        let usage = usage.trim_start();
        let usage = usage.strip_prefix("Usage:").map(str::trim_start).unwrap_or(usage);
        text.push_str(&format!("\n\n{} {usage}", t!(fr, "cli-usage")));
    }
    text.push_str("\n\n");
    text.push_str(&t!(fr, "cli-error-more"));
    text
}

/// `clap`'s free-text hints (`ContextKind::Suggested`), in French when they are one of the forms
/// `clap` 4 writes; any other is shown as it is rather than lost.
fn french_hint(hint: &str) -> String {
    let quoted = |text: &str| text.split('\'').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>();
    let parts = quoted(hint);
    if hint.starts_with("to pass ") && parts.len() == 2 {
        t!(Lang::Fr, "cli-hint-pass-as-value", argument = parts[0].as_str(), fix = parts[1].as_str())
    } else if hint.starts_with("subcommand ") && hint.contains("remove the") && !parts.is_empty() {
        t!(Lang::Fr, "cli-hint-subcommand-after-dashes", subcommand = parts[0].as_str())
    } else if hint.ends_with("' exists") && parts.len() == 1 {
        t!(Lang::Fr, "cli-hint-exists", name = parts[0].as_str())
    } else {
        hint.to_owned()
    }
}
