//! This crate's own sentences (the service's problem bodies and answers, the web page, the
//! command's output and errors), wired up as every crate does it.

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

/// `text!(lang, "message-id")`: a message without variables as a `&'static str`, formatted once
/// per language and process (for text said on every request: page labels, problem details).
macro_rules! text {
    ($lang:expr, $id:literal) => {{
        static TEXT: std::sync::LazyLock<lang::LocalizedText> = std::sync::LazyLock::new(|| {
            lang::LocalizedText::new($crate::i18n::t!(lang::Lang::En, $id), $crate::i18n::t!(lang::Lang::Fr, $id))
        });
        TEXT.get($lang)
    }};
}
pub(crate) use text;

#[cfg(test)]
mod tests {
    use lang::Lang;

    #[test]
    fn both_languages_load() {
        lang::Catalogue::try_load(&super::Files, env!("CARGO_CRATE_NAME")).unwrap();
    }

    #[test]
    fn cached_text_is_the_message() {
        assert_eq!(text!(Lang::En, "problem-not-found"), "not found");
        assert_eq!(text!(Lang::Fr, "problem-not-found"), "introuvable");
        assert_eq!(text!(Lang::Fr, "problem-not-found"), t!(Lang::Fr, "problem-not-found"));
    }
}
