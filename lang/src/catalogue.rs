//! Sentences live in Fluent files, not in code, so that a translator edits `.ftl` files only and
//! a test can prove both languages say everything. Each crate that shows text keeps
//! `i18n/en/<package>.ftl` and `i18n/fr/<package>.ftl` beside its `Cargo.toml` (embedded in the
//! binary) and an `i18n.toml` naming English as the language `fl!` checks ids and variables
//! against at compile time; this module loads both languages once per process.
//!
//! A crate wires it up with one line in `src/i18n.rs`, `lang::catalogue!($);` (see `wiring`).

use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::{I18nAssets, LanguageLoader};
use unic_langid::LanguageIdentifier;

use crate::Lang;

/// One crate's messages in both languages, ready to format.
#[derive(Debug)]
pub struct Catalogue {
    en: FluentLanguageLoader,
    fr: FluentLanguageLoader,
}

/// An embedded catalogue file that does not parse, or is missing.
#[derive(Debug, thiserror::Error)]
#[error("the {lang} catalogue of {domain} cannot be loaded: {reason}")]
pub struct LoadError {
    pub domain: String,
    pub lang: Lang,
    pub reason: String,
}

impl Catalogue {
    /// Both languages of `domain` (the package name, which is the `.ftl` file's name). A file that does not load leaves that language answering each message with its
    /// id, never a panic; every crate's tests call [`Catalogue::try_load`], so a defect in an
    /// embedded file fails the build's tests instead.
    pub fn load(assets: &dyn I18nAssets, domain: &str) -> Catalogue {
        let loader = |lang| Self::loader_for(assets, domain, lang).unwrap_or_else(|(empty, _)| empty);
        Catalogue { en: loader(Lang::En), fr: loader(Lang::Fr) }
    }

    /// As [`Catalogue::load`], but a file that does not load is an error.
    pub fn try_load(assets: &dyn I18nAssets, domain: &str) -> Result<Catalogue, LoadError> {
        let loader = |lang| Self::loader_for(assets, domain, lang).map_err(|(_, error)| error);
        Ok(Catalogue { en: loader(Lang::En)?, fr: loader(Lang::Fr)? })
    }

    /// The text of `domain`'s embedded file in `lang`, as written (for tools that list its ids).
    pub fn source(assets: &dyn I18nAssets, domain: &str, lang: Lang) -> Option<String> {
        file_text(assets, domain, lang)
    }

    /// The loader that `fl!` formats `lang`'s messages with.
    pub fn loader(&self, lang: Lang) -> &FluentLanguageLoader {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    fn loader_for(
        assets: &dyn I18nAssets,
        domain: &str,
        lang: Lang,
    ) -> Result<FluentLanguageLoader, (FluentLanguageLoader, LoadError)> {
        let identifier = language_identifier(lang);
        let loader = FluentLanguageLoader::new(domain, identifier.clone());
        let error = |reason: String| LoadError { domain: domain.to_owned(), lang, reason };
        if file_text(assets, domain, lang).is_none() {
            return Err((loader, error("the file is missing from the embedded assets".to_owned())));
        }
        match loader.load_languages(assets, &[identifier]) {
            Ok(()) => {
                // Fluent wraps each placeable in Unicode isolation marks by default (set on the
                // bundles, so after loading them); our texts go to terminals, JSON and logs as
                // well as pages, where the marks are noise and change what scripts match.
                loader.set_use_isolating(false);
                Ok(loader)
            }
            Err(failure) => {
                Err((FluentLanguageLoader::new(domain, language_identifier(lang)), error(failure.to_string())))
            }
        }
    }
}

fn language_identifier(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::En => unic_langid::langid!("en"),
        Lang::Fr => unic_langid::langid!("fr"),
    }
}

fn file_text(assets: &dyn I18nAssets, domain: &str, lang: Lang) -> Option<String> {
    let path = format!("{}/{domain}.ftl", lang.as_str());
    let files = assets.get_files(&path);
    let bytes = files.first()?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::i18n::Files;

    #[test]
    fn both_languages_load_and_format_without_isolation_marks() {
        let catalogue = Catalogue::try_load(&Files, "lang").unwrap();
        let en = i18n_embed_fl::fl!(catalogue.loader(Lang::En), "unknown-language", code = "de");
        let fr = i18n_embed_fl::fl!(catalogue.loader(Lang::Fr), "unknown-language", code = "de");
        assert_eq!(en, "unknown language \"de\": expected \"en\" or \"fr\"");
        assert_eq!(fr, "langue inconnue « de » : « en » ou « fr » attendu");
    }

    #[test]
    fn a_missing_file_is_an_error_and_load_still_answers() {
        let error = Catalogue::try_load(&Files, "no_such_crate").unwrap_err();
        assert!(error.to_string().contains("no_such_crate"), "{error}");
        let catalogue = Catalogue::load(&Files, "no_such_crate");
        assert_eq!(catalogue.loader(Lang::Fr).get("anything"), "No localization for id: \"anything\"");
    }
}
