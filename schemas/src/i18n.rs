//! This crate's own sentences (violations, errors, field labels, the wording of built
//! credentials), wired up as every crate does it.

lang::catalogue!($);

/// A text in both languages, each worded by `message` (e.g. `|lang| t!(lang, "id")`).
pub(crate) fn in_both(message: impl Fn(lang::Lang) -> String) -> lang::LocalizedText {
    lang::LocalizedText::new(message(lang::Lang::En), message(lang::Lang::Fr))
}
