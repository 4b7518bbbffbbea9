//! `clap` writes help, usage and parse errors in English only, and a public servant reading
//! `wallet --help` or mistyping an option in French deserves French. This crate keeps the
//! command-line definitions where they are (`clap` derive, English doc comments) and lays the
//! French of each binary's catalogue over them at run time: it walks the command tree, swaps the
//! texts, rewrites the parts `clap` builds itself, and says parse errors in French from their kind
//! and context.
//!
//! [`missing_french`] lets each binary's tests fail when an option is added without its French
//! text, when the catalogue's English is not what the doc comments say, or when it keeps a text
//! for an option that is gone.

mod errors;
mod i18n;
mod texts;
mod translate;

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{Command, CommandFactory, FromArgMatches};
use lang::{Lang, Wish};

pub use errors::{french_error, Invalid};
pub use texts::{message_id, missing_french, texts, French, HelpCatalogue, HelpTexts, Text};

/// The language the command line asks for, read before parsing so that help and parse errors
/// speak it: `--lang fr` or `--lang=fr` anywhere before a `--`, else `fallback()` (the locale).
pub fn requested_lang(args: &[OsString], fallback: impl FnOnce() -> Lang) -> Lang {
    let mut words = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    let mut asked = Vec::new();
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        match word.strip_prefix("--lang") {
            Some("") => asked.extend(words.next().map(|value| value.into_owned())),
            Some(rest) => asked.extend(rest.strip_prefix('=').map(str::to_owned)),
            None => {}
        }
    }
    // The first `--lang` naming a language decides; a misspelt one is refused by the parser.
    match asked.iter().find(|value| value.parse::<Lang>().is_ok()) {
        Some(value) => lang::choose([Wish::Asked(Some(value))]),
        None => fallback(),
    }
}

/// The command line could not be turned into a command to run: help or the version was asked
/// for, or the arguments are wrong. [`Stop::print`] shows it the way `clap` would, in `lang`.
#[derive(Debug)]
pub struct Stop {
    error: clap::Error,
    french: Option<String>,
    usage_exit: u8,
}

impl Stop {
    /// Prints the help, version or error (errors on standard error) and gives the exit code:
    /// 0 for help and version, the binary's usage code otherwise.
    pub fn print(self) -> u8 {
        match self.french {
            Some(text) => eprintln!("{text}"),
            None => {
                let _ = self.error.print();
            }
        }
        if self.error.use_stderr() {
            self.usage_exit
        } else {
            0
        }
    }

    /// What [`Stop::print`] would write, without colours (for tests).
    pub fn text(&self) -> String {
        self.french.clone().unwrap_or_else(|| self.error.render().to_string())
    }

    /// Whether this is an error (and not help or version shown on request).
    pub fn is_error(&self) -> bool {
        self.error.use_stderr()
    }
}

/// The process's own command line, parsed in the language it asks for (`--lang`, else the
/// locale): the command and that language, or the exit code once help, the version or a usage
/// error has been printed. The preamble every binary's `main` starts with.
pub fn command_line<T: CommandFactory + FromArgMatches>(
    texts: &(impl HelpTexts + ?Sized),
    usage_exit: u8,
) -> Result<(T, Lang), u8> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = requested_lang(&args, lang::environment_lang);
    parse(args, lang, texts, usage_exit).map(|command| (command, lang)).map_err(Stop::print)
}

/// Parses `args` (program name first) into `T` with help and errors in `lang`. `usage_exit` is
/// the binary's exit code for a usage error.
pub fn parse<T: CommandFactory + FromArgMatches>(
    args: Vec<OsString>,
    lang: Lang,
    texts: &(impl HelpTexts + ?Sized),
    usage_exit: u8,
) -> Result<T, Stop> {
    let mut command = localized(T::command(), lang, texts);
    let stop = |error: clap::Error| {
        // A missing subcommand shows the (already French) help: only real errors are rewritten.
        let rewrite = error.use_stderr() && error.kind() != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
        let french = (lang == Lang::Fr && rewrite).then(|| french_error(&error));
        Stop { error, french, usage_exit }
    };
    let matches = command.try_get_matches_from_mut(args).map_err(stop)?;
    T::from_arg_matches(&matches).map_err(|error| stop(error.with_cmd(&command)))
}

/// `command`, built, with its texts in `lang` (English is `clap`'s own rendering, unchanged).
pub fn localized(mut command: Command, lang: Lang, texts: &(impl HelpTexts + ?Sized)) -> Command {
    command.build();
    if lang == Lang::Fr {
        translate::translate(&mut command, "", texts);
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Parser, Subcommand};

    /// A small command line shaped like ours: a global `--lang`, subcommands, a flattened group,
    /// defaults, possible values, an environment variable and a positional argument.
    #[derive(Debug, Parser)]
    #[command(name = "tool", version, about = "A tool / Un outil", after_help = "Exit codes: 0 fine")]
    struct Cli {
        /// Language.
        #[arg(long, global = true)]
        lang: Option<String>,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Debug, clap::Args)]
    struct Shared {
        /// Configuration file.
        #[arg(long, env = "TOOL_CONFIG")]
        config: Option<std::path::PathBuf>,
    }

    #[derive(Debug, Subcommand)]
    enum Command {
        /// Check files.
        Check {
            #[command(flatten)]
            shared: Shared,
            /// Files to check.
            #[arg(required = true)]
            paths: Vec<String>,
            /// Seconds to wait.
            #[arg(long, value_name = "SECONDS", default_value_t = 300)]
            wait: u64,
            /// Output format.
            #[arg(long, value_parser = ["text", "json"], default_value = "text")]
            format: String,
            /// How deep.
            #[arg(long)]
            level: Option<Level>,
        },
        /// Show the list.
        List {
            #[command(flatten)]
            shared: Shared,
        },
    }

    #[derive(Debug, Clone)]
    struct Level;

    impl std::str::FromStr for Level {
        type Err = Invalid;
        fn from_str(text: &str) -> Result<Self, Invalid> {
            match text {
                "low" | "deep" => Ok(Level),
                _ => Err(Invalid::new("use low or deep", "utilisez low ou deep")),
            }
        }
    }

    const FRENCH: French = &[
        ("", "Un outil"),
        ("!after", "Codes de sortie : 0 tout va bien"),
        (":lang", "Langue."),
        ("*:config", "Fichier de configuration."),
        ("=CONFIG", "CONFIG"),
        ("=PATHS", "CHEMINS"),
        ("=SECONDS", "SECONDES"),
        ("=FORMAT", "FORMAT"),
        ("=LANG", "LANGUE"),
        ("check", "Vérifier des fichiers."),
        ("check:paths", "Fichiers à vérifier."),
        ("check:wait", "Secondes d'attente."),
        ("check:format", "Format de sortie."),
        ("check:level", "Profondeur."),
        ("=LEVEL", "LEVEL"),
        ("list", "Afficher la liste."),
    ];

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    fn stop(words: &[&str], lang: Lang) -> Stop {
        match parse::<Cli>(args(words), lang, FRENCH, 2) {
            Ok(cli) => panic!("parsed: {cli:?}"),
            Err(stop) => stop,
        }
    }

    #[test]
    fn the_table_covers_the_command() {
        assert_eq!(missing_french(Cli::command(), FRENCH), Vec::<String>::new());
    }

    #[test]
    fn a_missing_or_stale_text_is_named() {
        let short: Vec<(&str, &str)> = FRENCH.iter().filter(|(key, _)| *key != "check:wait").copied().collect();
        let mut stale = short.clone();
        stale.push(("check:gone", "Parti."));
        stale.push(("*:nothing", "Rien."));
        // A wildcard that exact keys cover everywhere is stale too.
        stale.push(("check:config", "Configuration de la vérification."));
        stale.push(("list:config", "Configuration de la liste."));
        let leaked: French = Box::leak(stale.into_boxed_slice());
        let problems = missing_french(Cli::command(), leaked);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`*:config` is in the French table")), "{problems:?}");
        assert!(problems[0].contains("`check:wait` has no French text"), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`check:gone` is in the French table")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("`*:nothing` is in the French table")), "{problems:?}");
    }

    #[test]
    fn help_in_french_has_no_english_left() {
        let help = stop(&["tool", "check", "--help"], Lang::Fr).text();
        for french in [
            "Vérifier des fichiers.",
            "Utilisation : tool check [OPTIONS] <CHEMINS>...",
            "Arguments :",
            "Options :",
            "Fichiers à vérifier.",
            "--wait <SECONDES>",
            "Secondes d'attente. [par défaut : 300]",
            "Format de sortie. [par défaut : text] [valeurs possibles : text, json]",
            "Fichier de configuration. [variable d'environnement : TOOL_CONFIG]",
            "Langue.",
            "Afficher l'aide",
        ] {
            assert!(help.contains(french), "missing {french:?} in:\n{help}");
        }
        for english in ["Usage", "Print help", "[default", "possible values", "[env", "Files to check", "Arguments:"] {
            assert!(!help.contains(english), "English {english:?} left in:\n{help}");
        }
        let arguments = help.find("Arguments :").unwrap();
        assert!(arguments < help.find("Options :").unwrap(), "clap's order:\n{help}");
        let list = stop(&["tool", "list", "--help"], Lang::Fr).text();
        assert!(!list.contains("Arguments :") && list.contains("Options :"), "{list}");
        let top = stop(&["tool", "--help"], Lang::Fr).text();
        assert!(top.trim_end().ends_with("Codes de sortie : 0 tout va bien"), "{top}");
        assert!(top.starts_with("Un outil\n"), "{top}");
        assert!(
            top.contains("Commandes :") && top.contains("<COMMANDE>") && top.contains("Afficher la liste."),
            "{top}"
        );
        assert!(top.contains("Afficher ce message ou l'aide des sous-commandes données"), "{top}");
        assert!(top.contains("Afficher la version"), "{top}");
        assert!(!stop(&["tool", "--help"], Lang::Fr).is_error());
    }

    #[test]
    fn english_is_clap_unchanged() {
        let help = stop(&["tool", "check", "--help"], Lang::En).text();
        assert!(help.contains("Usage: tool check [OPTIONS] <PATHS>..."), "{help}");
        assert!(help.contains("Seconds to wait [default: 300]"), "{help}");
        let error = stop(&["tool", "check", "a", "--wiat", "3"], Lang::En);
        assert!(error.is_error());
        assert!(error.text().contains("unexpected argument '--wiat'"), "{}", error.text());
    }

    #[test]
    fn errors_in_french_name_the_fault_and_the_way_out() {
        let unknown = stop(&["tool", "check", "a", "--wiat", "3"], Lang::Fr);
        assert!(unknown.is_error());
        let text = unknown.text();
        assert!(text.starts_with("erreur : argument inattendu « --wiat »"), "{text}");
        assert!(text.contains("conseil : un argument semblable existe : « --wait »"), "{text}");
        assert!(text.contains("Utilisation : tool check"), "{text}");
        assert!(text.ends_with("Pour en savoir plus, essayez « --help »."), "{text}");

        let text = stop(&["tool", "check", "a", "--wait", "soon"], Lang::Fr).text();
        assert!(
            text.starts_with(
                "erreur : valeur « soon » invalide pour « --wait <SECONDES> » : ce n'est pas un nombre entier positif"
            ),
            "{text}"
        );
        let text = stop(&["tool", "check", "a", "--level", "high"], Lang::Fr).text();
        assert!(text.contains("« --level <LEVEL> » : utilisez low ou deep"), "{text}");
        let text = stop(&["tool", "check", "a", "--level", "high"], Lang::En).text();
        assert!(text.contains("use low or deep"), "{text}");
        let text = stop(&["tool", "check", "a", "--wait", "1", "--wait", "2"], Lang::Fr).text();
        assert!(
            text.starts_with("erreur : l'argument « --wait <SECONDES> » ne peut pas être donné plus d'une fois"),
            "{text}"
        );
        let text = stop(&["tool", "check", "a", "-x"], Lang::Fr).text();
        assert!(text.contains("conseil : pour passer « -x » comme valeur, écrivez « -- -x »"), "{text}");
        let text = stop(&["tool", "check", "a", "--format", "xml"], Lang::Fr).text();
        assert!(
            text.contains("valeur « xml » invalide") && text.contains("[valeurs possibles : text, json]"),
            "{text}"
        );
        let text = stop(&["tool", "check"], Lang::Fr).text();
        assert!(text.contains("arguments obligatoires manquants :\n  <CHEMINS>..."), "{text}");
        let text = stop(&["tool", "chek"], Lang::Fr).text();
        assert!(text.contains("sous-commande inconnue « chek »"), "{text}");
        assert!(text.contains("une sous-commande semblable existe : « check »"), "{text}");
        // No subcommand: the help, in French, as an error.
        let missing = stop(&["tool"], Lang::Fr);
        assert!(missing.is_error());
        let text = missing.text();
        assert!(text.contains("Utilisation : tool") && text.contains("Commandes :"), "{text}");
        assert!(!text.contains("erreur"), "{text}");
        assert_eq!(missing.print(), 2);
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let english = || Lang::En;
        assert_eq!(requested_lang(&args(&["tool", "--lang", "fr", "check"]), english), Lang::Fr);
        assert_eq!(requested_lang(&args(&["tool", "check", "--lang=FR"]), english), Lang::Fr);
        assert_eq!(requested_lang(&args(&["tool", "check", "--", "--lang", "fr"]), english), Lang::En);
        assert_eq!(requested_lang(&args(&["tool", "--lang", "de"]), || Lang::Fr), Lang::Fr);
        assert_eq!(requested_lang(&args(&["tool", "--language", "fr"]), english), Lang::En);
        assert_eq!(requested_lang(&args(&["tool"]), || Lang::Fr), Lang::Fr);
    }
}
