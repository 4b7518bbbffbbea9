//! This crate's own sentences (violations, errors, field labels, the wording of built
//! credentials), wired up as every crate does it.

use std::sync::LazyLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "i18n/"]
pub(crate) struct Files;

pub(crate) static CATALOGUE: LazyLock<lang::Catalogue> =
    LazyLock::new(|| lang::Catalogue::load(&Files, env!("CARGO_CRATE_NAME")));

/// `t!(lang, "message-id", variable = value, …)`: the message in `lang`, its id and variables
/// checked against the English file when this crate compiles.
macro_rules! t {
    ($lang:expr, $($message:tt)+) => {
        i18n_embed_fl::fl!($crate::i18n::CATALOGUE.loader($lang), $($message)+)
    };
}
pub(crate) use t;

/// A text in both languages, each worded by `message` (e.g. `|lang| t!(lang, "id")`).
pub(crate) fn in_both(message: impl Fn(lang::Lang) -> String) -> lang::LocalizedText {
    lang::LocalizedText::new(message(lang::Lang::En), message(lang::Lang::Fr))
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_load() {
        lang::Catalogue::try_load(&super::Files, env!("CARGO_CRATE_NAME")).unwrap();
    }
}
