//! `clap` writes help, usage and parse errors in English only, and a public servant reading
//! `wallet --help` or mistyping an option in French deserves French. This crate keeps the
//! command-line definitions where they are (`clap` derive, English doc comments) and lays a French
//! table over them at run time: each binary owns its table of texts, this crate walks the command
//! tree, swaps the texts, rewrites the parts `clap` builds itself (headings, `[default: …]`,
//! `[possible values: …]`, the built-in `--help`, `--version` and `help`), and says parse errors in
//! French from their kind and context.
//!
//! [`missing_french`] lets each binary's tests fail when an option is added without its French
//! text, or when the table keeps a text for an option that is gone.

use std::ffi::OsString;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory, FromArgMatches};
use schemas::Lang;

/// A binary's French texts, keyed by where they appear:
/// - `""` is the program's own description, `"trust add"` a subcommand's;
/// - `"trust add:did"` is the help of the argument whose id is `did` under `trust add` (a global
///   argument is keyed once, at the top: `":lang"`);
/// - `"*:config"` is the help of every argument whose id is `config` that has no exact key (an
///   argument group flattened into several subcommands, where the text is the same everywhere);
/// - `"verify!after"` is the text after a command's help (`"!after"` for the program's);
/// - `"=FILE"` is a value name, wherever it appears (`--csv <FILE>` becomes `--csv <FICHIER>`).
pub type French = &'static [(&'static str, &'static str)];

/// The language the command line asks for, read before parsing so that help and parse errors
/// speak it: `--lang fr` or `--lang=fr` anywhere before a `--`, else `fallback()` (the locale).
pub fn requested_lang(args: &[OsString], fallback: impl FnOnce() -> Lang) -> Lang {
    let mut words = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|value| value.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(lang) = value.and_then(|value| value.parse::<Lang>().ok()) {
            return lang;
        }
    }
    fallback()
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

/// Parses `args` (program name first) into `T` with help and errors in `lang`. `usage_exit` is
/// the binary's exit code for a usage error.
pub fn parse<T: CommandFactory + FromArgMatches>(
    args: Vec<OsString>,
    lang: Lang,
    french: French,
    usage_exit: u8,
) -> Result<T, Stop> {
    let mut command = localized(T::command(), lang, french);
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
pub fn localized(mut command: Command, lang: Lang, french: French) -> Command {
    command.build();
    if lang == Lang::Fr {
        translate(&mut command, "", french);
    }
    command
}

fn lookup(french: French, key: &str) -> Option<&'static str> {
    let exact = french.iter().find(|(k, _)| *k == key).map(|(_, text)| *text);
    // `path:id` falls back on `*:id`; descriptions and value names have no fallback.
    exact.or_else(|| {
        let (path, id) = key.split_once(':')?;
        if path.is_empty() || path.starts_with('*') {
            return None;
        }
        french.iter().find(|(k, _)| k.strip_prefix("*:") == Some(id)).map(|(_, text)| *text)
    })
}

/// The help layout of `command` with French headings (French typography puts a space before a
/// colon, and `clap` writes `{heading}:`): only the sections the command has, in `clap`'s order.
fn template(command: &Command) -> String {
    let mut sections = Vec::new();
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        sections.push("Commandes :\n{subcommands}");
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        sections.push("Arguments :\n{positionals}");
    }
    if command.get_arguments().any(|arg| !arg.is_positional() && !arg.is_hide_set()) {
        sections.push("Options :\n{options}");
    }
    format!("{{before-help}}{{about-with-newline}}\nUtilisation : {{usage}}\n\n{}{{after-help}}", sections.join("\n\n"))
}

fn translate(command: &mut Command, path: &str, french: French) {
    let mut next = std::mem::take(command);
    // `clap`'s `help` subcommand (at each level that has subcommands) mirrors the tree below it:
    // `help trust add` reads the texts of `trust add`.
    let text = if path.rsplit(' ').next() == Some("help") {
        Some(HELP_SUBCOMMAND)
    } else {
        lookup(french, &path.split(' ').filter(|part| *part != "help").collect::<Vec<_>>().join(" "))
    };
    if let Some(text) = text {
        next = next.about(text).long_about(None);
    }
    if let Some(after) = lookup(french, &format!("{path}!after")) {
        next = next.after_help(after).after_long_help(None);
    }
    let layout = template(&next);
    next =
        next.help_template(layout).subcommand_value_name("COMMANDE").mut_args(|arg| translate_arg(arg, path, french));
    *command = next;
    for sub in command.get_subcommands_mut() {
        let child = child_path(path, sub.get_name());
        translate(sub, &child, french);
    }
}

/// The key of a subcommand under `path`: `"trust"`, then `"trust add"`.
fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path} {name}")
    }
}

const HELP_SUBCOMMAND: &str = "Afficher ce message ou l'aide des sous-commandes données";

/// The key of an argument's help text in a [`French`] table, or `None` for `clap`'s own
/// `--help` and `--version` and for hidden arguments.
fn arg_key(arg: &Arg, path: &str) -> Option<String> {
    let id = arg.get_id().as_str();
    if arg.is_hide_set()
        || matches!(
            arg.get_action(),
            clap::ArgAction::Help | clap::ArgAction::HelpShort | clap::ArgAction::HelpLong | clap::ArgAction::Version
        )
    {
        return None;
    }
    Some(if arg.is_global_set() { format!(":{id}") } else { format!("{path}:{id}") })
}

fn translate_arg(arg: Arg, path: &str, french: French) -> Arg {
    let builtin = match arg.get_action() {
        clap::ArgAction::Help | clap::ArgAction::HelpLong => Some("Afficher l'aide"),
        clap::ArgAction::HelpShort => Some("Afficher l'aide (« --help » pour plus de détails)"),
        clap::ArgAction::Version => Some("Afficher la version"),
        _ => None,
    };
    let help = builtin.map(str::to_owned).or_else(|| {
        let key = arg_key(&arg, path)?;
        lookup(french, &key).map(str::to_owned)
    });
    let mut arg = arg;
    let Some(mut text) = help else { return arg };
    // The bracketed notes clap appends, said in French and then hidden from clap.
    let takes_values = arg.get_action().takes_values();
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let values: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        // An empty default (`--reason ""`) says nothing worth a note.
        if values.iter().any(|value| !value.is_empty()) {
            text.push_str(&format!(" [par défaut : {}]", values.join(", ")));
        }
        arg = arg.hide_default_value(true);
    }
    let possible: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    if takes_values && !arg.is_hide_possible_values_set() && !possible.is_empty() {
        text.push_str(&format!(" [valeurs possibles : {}]", possible.join(", ")));
        arg = arg.hide_possible_values(true);
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let value = match std::env::var_os(env) {
            Some(value) if !arg.is_hide_env_values_set() => format!("={}", value.to_string_lossy()),
            _ => String::new(),
        };
        text.push_str(&format!(" [variable d'environnement : {}{value}]", env.to_string_lossy()));
        arg = arg.hide_env(true);
    }
    if let Some(names) = arg.get_value_names() {
        let names: Vec<clap::builder::Str> = names
            .iter()
            .map(|name| lookup(french, &format!("={name}")).map(Into::into).unwrap_or_else(|| name.clone()))
            .collect();
        arg = arg.value_names(names);
    }
    arg.help(text).long_help(None)
}

/// A text of the English command tree that a [`French`] table must cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub key: String,
    pub english: String,
}

/// Every text of `command` a French table must have: descriptions of the program and its
/// subcommands, help of every visible argument, and every value name.
pub fn texts(command: Command) -> Vec<Text> {
    let mut command = command;
    command.build();
    let mut texts = Vec::new();
    collect(&command, "", &mut texts);
    texts.sort_by(|a, b| a.key.cmp(&b.key));
    texts.dedup_by(|a, b| a.key == b.key);
    texts
}

fn collect(command: &Command, path: &str, texts: &mut Vec<Text>) {
    let about = command.get_long_about().or(command.get_about()).map(StyledStr::to_string).unwrap_or_default();
    texts.push(Text { key: path.to_owned(), english: about });
    if let Some(after) = command.get_after_long_help().or(command.get_after_help()) {
        texts.push(Text { key: format!("{path}!after"), english: after.to_string() });
    }
    for arg in command.get_arguments() {
        // A global argument appears again in every subcommand once built: keyed at the top only.
        if arg.is_global_set() && !path.is_empty() {
            continue;
        }
        let Some(key) = arg_key(arg, path) else { continue };
        let english = arg.get_long_help().or(arg.get_help()).map(StyledStr::to_string).unwrap_or_default();
        texts.push(Text { key, english });
        let shown = if arg.get_action().takes_values() { arg.get_value_names().unwrap_or_default() } else { &[] };
        for name in shown {
            texts.push(Text { key: format!("={name}"), english: name.to_string() });
        }
    }
    for sub in command.get_subcommands().filter(|sub| sub.get_name() != "help" && !sub.is_hide_set()) {
        let child = child_path(path, sub.get_name());
        collect(sub, &child, texts);
    }
}

/// What is wrong with `french` as the table for `command`: texts without French (or without
/// English help to translate), and French texts for keys the command no longer has. Empty when
/// the table is complete.
pub fn missing_french(command: Command, french: French) -> Vec<String> {
    let texts = texts(command);
    let mut problems = Vec::new();
    for text in &texts {
        if text.english.trim().is_empty() {
            problems.push(format!("`{}` has no English help", text.key));
        }
        if lookup(french, &text.key).is_none() {
            problems.push(format!("`{}` has no French text (English: {:?})", text.key, text.english));
        }
    }
    for (key, _) in french {
        // A wildcard is used when some argument with that id has no exact key of its own.
        let used = match key.strip_prefix("*:") {
            Some(id) => texts.iter().any(|text| {
                text.key.rsplit_once(':').is_some_and(|(_, tail)| tail == id)
                    && !french.iter().any(|(exact, _)| *exact == text.key)
            }),
            None => texts.iter().any(|text| text.key == *key),
        };
        if !used {
            problems.push(format!("`{key}` is in the French table but not in the command"));
        }
    }
    let mut keys: Vec<&str> = french.iter().map(|(key, _)| *key).collect();
    keys.sort_unstable();
    for pair in keys.windows(2) {
        if pair[0] == pair[1] {
            problems.push(format!("`{}` is twice in the French table", pair[0]));
        }
    }
    problems
}

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
            IntErrorKind::Empty => "aucun nombre donné",
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "nombre trop grand",
            IntErrorKind::Zero => "zéro n'est pas permis",
            _ => "ce n'est pas un nombre entier positif",
        }
        .to_owned();
    }
    if reason.downcast_ref::<std::net::AddrParseError>().is_some() {
        return "ce n'est pas une adresse IP:port (p. ex. 127.0.0.1:8080)".to_owned();
    }
    reason.to_string()
}

/// A parse error said in French, from its kind and context, with the usage line and the hint
/// `clap` gives in English.
pub fn french_error(error: &clap::Error) -> String {
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
    let mut message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("« {arg} » demande une valeur, mais aucune n'a été donnée")
        }
        ErrorKind::InvalidValue => format!("valeur « {value} » invalide pour « {arg} »"),
        // The reason comes from the option's own parser (ours are bilingual; the standard
        // library's number and address parsers speak English).
        ErrorKind::ValueValidation => match std::error::Error::source(error) {
            Some(reason) => format!("valeur « {value} » invalide pour « {arg} » : {}", french_reason(reason)),
            None => format!("valeur « {value} » invalide pour « {arg} »"),
        },
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => {
            format!("sous-commande inconnue « {} »", string(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::NoEquals => format!("« {arg} » demande un signe = avant sa valeur"),
        ErrorKind::TooManyValues => format!("valeur « {value} » en trop pour « {arg} »"),
        ErrorKind::TooFewValues => format!(
            "trop peu de valeurs pour « {arg} » : au moins {} attendues, {} données",
            string(ContextKind::MinValues).unwrap_or_default(),
            string(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "nombre de valeurs incorrect pour « {arg} » : {} attendues, {} données",
            string(ContextKind::ExpectedNumValues).unwrap_or_default(),
            string(ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => match string(ContextKind::PriorArg) {
            Some(prior) if prior == arg => format!("l'argument « {arg} » ne peut pas être donné plus d'une fois"),
            Some(prior) if !prior.is_empty() => {
                format!("l'argument « {arg} » ne peut pas être utilisé avec « {prior} »")
            }
            _ => format!(
                "l'argument « {arg} » ne peut pas être utilisé avec un ou plusieurs des autres arguments donnés"
            ),
        },
        ErrorKind::MissingRequiredArgument => {
            let missing = list(ContextKind::InvalidArg);
            format!("arguments obligatoires manquants :\n  {}", missing.join("\n  "))
        }
        ErrorKind::MissingSubcommand => {
            format!(
                "« {} » demande une sous-commande, mais aucune n'a été donnée",
                string(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::InvalidUtf8 => "un argument n'est pas de l'UTF-8 valide".to_owned(),
        _ => "ligne de commande invalide".to_owned(),
    };
    let valid = list(ContextKind::ValidValue);
    if !valid.is_empty() {
        message.push_str(&format!("\n  [valeurs possibles : {}]", valid.join(", ")));
    }
    let valid = list(ContextKind::ValidSubcommand);
    if matches!(error.kind(), ErrorKind::MissingSubcommand) && !valid.is_empty() {
        message.push_str(&format!("\n  [sous-commandes : {}]", valid.join(", ")));
    }
    for (kind, hint) in [
        (ContextKind::SuggestedSubcommand, "une sous-commande semblable existe"),
        (ContextKind::SuggestedArg, "un argument semblable existe"),
        (ContextKind::SuggestedValue, "une valeur semblable existe"),
    ] {
        if let Some(suggested) = string(kind) {
            message.push_str(&format!("\n\n  conseil : {hint} : « {suggested} »"));
        }
    }
    for hint in list(ContextKind::Suggested) {
        message.push_str(&format!("\n\n  conseil : {}", french_hint(&hint)));
    }
    let mut text = format!("erreur : {message}");
    if let Some(usage) = string(ContextKind::Usage) {
        let usage = usage.trim_start();
        let usage = usage.strip_prefix("Usage:").map(str::trim_start).unwrap_or(usage);
        text.push_str(&format!("\n\nUtilisation : {usage}"));
    }
    text.push_str("\n\nPour en savoir plus, essayez « --help ».");
    text
}

/// `clap`'s free-text hints (`ContextKind::Suggested`), in French when they are one of the forms
/// `clap` 4 writes; any other is shown as it is rather than lost.
fn french_hint(hint: &str) -> String {
    let quoted = |text: &str| text.split('\'').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>();
    let parts = quoted(hint);
    if hint.starts_with("to pass ") && parts.len() == 2 {
        format!("pour passer « {} » comme valeur, écrivez « {} »", parts[0], parts[1])
    } else if hint.starts_with("subcommand ") && hint.contains("remove the") && !parts.is_empty() {
        format!("la sous-commande « {} » existe ; pour l'employer, retirez le « -- » qui la précède", parts[0])
    } else if hint.ends_with("' exists") && parts.len() == 1 {
        format!("« {} » existe", parts[0])
    } else {
        hint.to_owned()
    }
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
