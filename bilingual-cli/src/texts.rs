//! Where a command line's own texts come from. A binary keeps them in a Fluent catalogue of its
//! own (`i18n/{en,fr}/<binary>_help.ftl`): English as `clap` derives it from the doc comments
//! (checked equal, so the catalogue cannot drift from the code), French shown with `--lang fr`.
//! Texts are keyed by where they appear in the command tree and each key has one message id.

use std::collections::BTreeSet;

use clap::builder::StyledStr;
use clap::{Arg, Command};
use lang::i18n_embed::I18nAssets;
use lang::{Catalogue, Lang};

/// A table of French texts keyed by where they appear:
/// - `""` is the program's own description, `"trust add"` a subcommand's;
/// - `"trust add:did"` is the help of the argument whose id is `did` under `trust add` (a global
///   argument is keyed once, at the top: `":lang"`);
/// - `"*:config"` is the help of every argument whose id is `config` that has no exact key (an
///   argument group flattened into several subcommands, where the text is the same everywhere);
/// - `"verify!after"` is the text after a command's help (`"!after"` for the program's);
/// - `"=FILE"` is a value name, wherever it appears (`--csv <FILE>` becomes `--csv <FICHIER>`).
///
/// Binaries keep their texts in a catalogue ([`HelpCatalogue`]); a table is for small tools and
/// tests.
pub type French = &'static [(&'static str, &'static str)];

/// A source of command-line texts, by key (see [`French`] for the keys).
pub trait HelpTexts {
    /// The text under exactly `key` in `lang`, if the source has that language.
    fn exact(&self, key: &str, lang: Lang) -> Option<String>;
    /// How the source names `key` (its message id in a catalogue).
    fn name_of(&self, key: &str) -> String;
    /// Every name the source holds, to find those no key uses any more.
    fn names(&self) -> Vec<String>;
    /// Whether the source keeps the English texts too (then they must equal `clap`'s).
    fn has_english(&self) -> bool;
}

impl HelpTexts for [(&'static str, &'static str)] {
    fn exact(&self, key: &str, lang: Lang) -> Option<String> {
        match lang {
            Lang::Fr => self.iter().find(|(k, _)| *k == key).map(|(_, text)| (*text).to_owned()),
            Lang::En => None,
        }
    }
    fn name_of(&self, key: &str) -> String {
        key.to_owned()
    }
    fn names(&self) -> Vec<String> {
        self.iter().map(|(key, _)| (*key).to_owned()).collect()
    }
    fn has_english(&self) -> bool {
        false
    }
}

/// A binary's command-line texts in its Fluent catalogue.
#[derive(Debug)]
pub struct HelpCatalogue {
    catalogue: Catalogue,
    ids: Vec<String>,
}

impl HelpCatalogue {
    /// The catalogue `domain` (`issuer_help`) of the binary's embedded `i18n/` files.
    pub fn load(assets: &dyn I18nAssets, domain: &str) -> HelpCatalogue {
        let source = Catalogue::source(assets, domain, Lang::En).unwrap_or_default();
        HelpCatalogue { catalogue: Catalogue::load(assets, domain), ids: lang::audit::message_ids(&source) }
    }
}

impl HelpTexts for HelpCatalogue {
    fn exact(&self, key: &str, lang: Lang) -> Option<String> {
        let id = message_id(key);
        let loader = self.catalogue.loader(lang);
        loader.has(&id).then(|| loader.get(&id))
    }
    fn name_of(&self, key: &str) -> String {
        message_id(key)
    }
    fn names(&self) -> Vec<String> {
        self.ids.clone()
    }
    fn has_english(&self) -> bool {
        true
    }
}

/// The message id of a key: `about`, `about-trust-add`, `arg--lang`, `arg-trust-add--did`,
/// `arg-any--config`, `after`, `after-verify`, `value-FILE` (characters an id cannot hold become
/// `--`: `value-HOST--BASE_URL`).
pub fn message_id(key: &str) -> String {
    let words = |path: &str| path.replace(' ', "-");
    if let Some(name) = key.strip_prefix('=') {
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c.to_string() } else { "--".to_owned() })
            .collect();
        return format!("value-{name}");
    }
    if let Some((path, id)) = key.split_once(':') {
        return match path {
            "" => format!("arg--{id}"),
            "*" => format!("arg-any--{id}"),
            path => format!("arg-{}--{id}", words(path)),
        };
    }
    if let Some(path) = key.strip_suffix("!after") {
        return if path.is_empty() { "after".to_owned() } else { format!("after-{}", words(path)) };
    }
    if key.is_empty() {
        "about".to_owned()
    } else {
        format!("about-{}", words(key))
    }
}

/// The text of `key` in `lang`: its own, or for an argument the `*:id` one.
pub(crate) fn lookup(texts: &(impl HelpTexts + ?Sized), key: &str, lang: Lang) -> Option<String> {
    texts.exact(key, lang).or_else(|| {
        let (path, id) = key.split_once(':')?;
        if path.is_empty() || path.starts_with('*') {
            return None;
        }
        texts.exact(&format!("*:{id}"), lang)
    })
}

/// The key of a subcommand under `path`: `"trust"`, then `"trust add"`.
pub(crate) fn child_path(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path} {name}")
    }
}

/// The key of an argument's help text, or `None` for `clap`'s own `--help` and `--version` and
/// for hidden arguments.
pub(crate) fn arg_key(arg: &Arg, path: &str) -> Option<String> {
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

/// A text of the English command tree that the French must cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub key: String,
    pub english: String,
}

/// Every text of `command` a translation must have: descriptions of the program and its
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

/// What is wrong with `source` as the texts of `command`: texts without French (or without
/// English help to translate), English that is not what `clap` derives, and texts for keys the
/// command no longer has. Empty when the source is complete.
pub fn missing_french(command: Command, source: &(impl HelpTexts + ?Sized)) -> Vec<String> {
    let texts = texts(command);
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for text in &texts {
        if text.english.trim().is_empty() {
            problems.push(format!("`{}` has no English help", text.key));
        }
        // The text a key shows comes from its own entry, else from the `*:id` one.
        let key = match source.exact(&text.key, Lang::Fr) {
            Some(_) => Some(text.key.clone()),
            None => text
                .key
                .split_once(':')
                .map(|(_, id)| format!("*:{id}"))
                .filter(|wildcard| !text.key.starts_with(':') && source.exact(wildcard, Lang::Fr).is_some()),
        };
        let Some(key) = key else {
            problems.push(format!("`{}` has no French text (English: {:?})", text.key, text.english));
            continue;
        };
        if source.has_english() {
            match source.exact(&key, Lang::En) {
                Some(english) if english == text.english => {}
                Some(english) if key != text.key => problems.push(format!(
                    "`{}` ({}) says {english:?} in English, but `{}` says {:?}",
                    key,
                    source.name_of(&key),
                    text.key,
                    text.english
                )),
                found => problems.push(format!(
                    "`{}` ({}) says {:?} in English, but the command says {:?}",
                    text.key,
                    source.name_of(&key),
                    found.unwrap_or_default(),
                    text.english
                )),
            }
        }
        used.insert(source.name_of(&key));
    }
    for name in source.names() {
        if !used.contains(&name) {
            problems.push(format!("`{name}` is in the French table but not in the command"));
        }
    }
    let mut names = source.names();
    names.sort_unstable();
    for pair in names.windows(2) {
        if pair[0] == pair[1] {
            problems.push(format!("`{}` is twice in the French table", pair[0]));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_key_has_its_message_id() {
        assert_eq!(message_id(""), "about");
        assert_eq!(message_id("trust add"), "about-trust-add");
        assert_eq!(message_id("issue-batch"), "about-issue-batch");
        assert_eq!(message_id(":lang"), "arg--lang");
        assert_eq!(message_id("trust add:did"), "arg-trust-add--did");
        assert_eq!(message_id("*:config"), "arg-any--config");
        assert_eq!(message_id("!after"), "after");
        assert_eq!(message_id("verify!after"), "after-verify");
        assert_eq!(message_id("=FILE"), "value-FILE");
        assert_eq!(message_id("=HOST=BASE_URL"), "value-HOST--BASE_URL");
    }
}
