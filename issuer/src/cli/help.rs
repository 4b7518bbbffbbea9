//! The command line's own texts (descriptions, argument help, value names, exit codes) live in
//! the catalogue `i18n/{en,fr}/issuer_help.ftl`, which `bilingual_cli` lays over the English doc
//! comments when French is asked for. A test fails when an option has no French there, or when
//! the catalogue's English is no longer what the doc comments say.

use std::sync::LazyLock;

#[derive(rust_embed::RustEmbed)]
#[folder = "i18n/"]
struct Files;

pub(crate) static HELP: LazyLock<bilingual_cli::HelpCatalogue> =
    LazyLock::new(|| bilingual_cli::HelpCatalogue::load(&Files, "issuer_help"));

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_text_of_the_command_line_has_its_french() {
        lang::Catalogue::try_load(&super::Files, "issuer_help").unwrap();
        assert_eq!(
            bilingual_cli::missing_french(crate::cli::args::Cli::command(), &*super::HELP),
            Vec::<String>::new()
        );
    }
}
