//! The few lines every crate needs to read its own catalogue, written once: `fl!` checks ids
//! against the calling crate's files and `RustEmbed` embeds them, so both must expand in that
//! crate, which a macro does. A crate's `src/i18n.rs` says `lang::catalogue!($);` (or
//! `lang::catalogue!($, "domain")` when its files are not named after the package) and gets:
//! - `Files` (the embedded `i18n/` folder) and `CATALOGUE` (both languages, loaded once);
//! - `t!(lang, "message-id", variable = value, …)`: the message in `lang`, its id and variables
//!   checked against the English file when the crate compiles;
//! - `text!(lang, "message-id")`: a message without variables as a `&'static str`, formatted
//!   once per language and process (for words said on every request or row);
//! - a test that both languages' files load.
//!
//! The `$` passed in lets the macro define macros of its own on stable Rust.

/// Wires up the calling crate's catalogue; see the module documentation. Its `t!` names
/// `crate::i18n::CATALOGUE` on purpose: the calling crate's catalogue, not this crate's.
#[macro_export]
#[allow(clippy::crate_in_macro_def)]
macro_rules! catalogue {
    ($d:tt) => {
        $crate::catalogue!($d, env!("CARGO_PKG_NAME"));
    };
    ($d:tt, $domain:expr) => {
        #[derive(rust_embed::RustEmbed)]
        #[folder = "i18n/"]
        pub(crate) struct Files;

        pub(crate) static CATALOGUE: std::sync::LazyLock<$crate::Catalogue> =
            std::sync::LazyLock::new(|| $crate::Catalogue::load(&Files, $domain));

        /// `t!(lang, "message-id", variable = value, …)`: the message in `lang`.
        #[allow(unused_macros)]
        macro_rules! t {
                            ($d lang:expr, $d($d message:tt)+) => {
                                i18n_embed_fl::fl!(crate::i18n::CATALOGUE.loader($d lang), $d($d message)+)
                            };
                        }
        #[allow(unused_imports)]
        pub(crate) use t;

        /// `text!(lang, "message-id")`: a message without variables, formatted once per language.
        #[allow(unused_macros)]
        macro_rules! text {
                            ($d lang:expr, $d id:literal) => {{
                                static TEXT: std::sync::LazyLock<$crate::LocalizedText> = std::sync::LazyLock::new(|| {
                                    $crate::LocalizedText::new(
                                        crate::i18n::t!($crate::Lang::En, $d id),
                                        crate::i18n::t!($crate::Lang::Fr, $d id),
                                    )
                                });
                                TEXT.get($d lang)
                            }};
                        }
        #[allow(unused_imports)]
        pub(crate) use text;

        #[cfg(test)]
        mod catalogue_loads {
            #[test]
            fn both_languages_load() {
                if let Err(error) = $crate::Catalogue::try_load(&super::Files, $domain) {
                    panic!("{error}");
                }
            }
        }
    };
}
