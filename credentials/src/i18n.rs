//! This crate's own sentences (errors, report lines, detail of refusals), wired up as every crate does it.

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

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_load() {
        lang::Catalogue::try_load(&super::Files, env!("CARGO_CRATE_NAME")).unwrap();
    }
}
