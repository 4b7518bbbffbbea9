//! Lays a command line's French texts over the `clap` tree built from the English doc comments,
//! and rewrites what `clap` writes itself (headings, `[default: …]`, `[possible values: …]`,
//! `[env: …]`, the built-in `--help`, `--version` and `help`).

use clap::{Arg, Command};
use lang::Lang;

use crate::i18n::t;
use crate::texts::{arg_key, child_path, lookup, HelpTexts};

/// The help layout of `command` with French headings (French typography puts a space before a
/// colon, and `clap` writes `{heading}:`): only the sections the command has, in `clap`'s order.
fn template(command: &Command) -> String {
    let mut sections = Vec::new();
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        sections.push(format!("{}\n{{subcommands}}", t!(Lang::Fr, "cli-heading-commands")));
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        sections.push(format!("{}\n{{positionals}}", t!(Lang::Fr, "cli-heading-arguments")));
    }
    if command.get_arguments().any(|arg| !arg.is_positional() && !arg.is_hide_set()) {
        sections.push(format!("{}\n{{options}}", t!(Lang::Fr, "cli-heading-options")));
    }
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{}{{after-help}}",
        t!(Lang::Fr, "cli-usage"),
        sections.join("\n\n")
    )
}

/// `command`'s texts in French, from `texts`.
pub(crate) fn translate(command: &mut Command, path: &str, texts: &(impl HelpTexts + ?Sized)) {
    let mut next = std::mem::take(command);
    // `clap`'s `help` subcommand (at each level that has subcommands) mirrors the tree below it:
    // `help trust add` reads the texts of `trust add`.
    let text = if path.rsplit(' ').next() == Some("help") {
        Some(t!(Lang::Fr, "cli-help-subcommand"))
    } else {
        let key = path.split(' ').filter(|part| *part != "help").collect::<Vec<_>>().join(" ");
        lookup(texts, &key, Lang::Fr)
    };
    if let Some(text) = text {
        next = next.about(text).long_about(None);
    }
    if let Some(after) = lookup(texts, &format!("{path}!after"), Lang::Fr) {
        next = next.after_help(after).after_long_help(None);
    }
    let layout = template(&next);
    next = next
        .help_template(layout)
        .subcommand_value_name(t!(Lang::Fr, "cli-value-command"))
        .mut_args(|arg| translate_arg(arg, path, texts));
    *command = next;
    for sub in command.get_subcommands_mut() {
        let child = child_path(path, sub.get_name());
        translate(sub, &child, texts);
    }
}

fn translate_arg(arg: Arg, path: &str, texts: &(impl HelpTexts + ?Sized)) -> Arg {
    let builtin = match arg.get_action() {
        clap::ArgAction::Help | clap::ArgAction::HelpLong => Some(t!(Lang::Fr, "cli-help-flag")),
        clap::ArgAction::HelpShort => Some(t!(Lang::Fr, "cli-help-flag-short")),
        clap::ArgAction::Version => Some(t!(Lang::Fr, "cli-version-flag")),
        _ => None,
    };
    let help = builtin.or_else(|| {
        let key = arg_key(&arg, path)?;
        lookup(texts, &key, Lang::Fr)
    });
    let mut arg = arg;
    let Some(mut text) = help else { return arg };
    // The bracketed notes clap appends, said in French and then hidden from clap.
    let takes_values = arg.get_action().takes_values();
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let values: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        // An empty default (`--reason ""`) says nothing worth a note.
        if values.iter().any(|value| !value.is_empty()) {
            text.push(' ');
            text.push_str(&t!(Lang::Fr, "cli-note-default", values = values.join(", ")));
        }
        arg = arg.hide_default_value(true);
    }
    let possible: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
    if takes_values && !arg.is_hide_possible_values_set() && !possible.is_empty() {
        text.push(' ');
        text.push_str(&t!(Lang::Fr, "cli-note-possible", values = possible.join(", ")));
        arg = arg.hide_possible_values(true);
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let value = match std::env::var_os(env) {
            Some(value) if !arg.is_hide_env_values_set() => format!("={}", value.to_string_lossy()),
            _ => String::new(),
        };
        text.push(' ');
        text.push_str(&t!(Lang::Fr, "cli-note-env", variable = format!("{}{value}", env.to_string_lossy())));
        arg = arg.hide_env(true);
    }
    if let Some(names) = arg.get_value_names() {
        let names: Vec<clap::builder::Str> = names
            .iter()
            .map(|name| lookup(texts, &format!("={name}"), Lang::Fr).map(Into::into).unwrap_or_else(|| name.clone()))
            .collect();
        arg = arg.value_names(names);
    }
    arg.help(text).long_help(None)
}
