//! What the catalogue tests check, kept beside the catalogue so every crate is held to the same
//! rules: both languages parse and name the same messages with the same variables, every message
//! is used by its crate's code, and no French sentence hides in a `.rs` file (which would be a
//! sentence a translator cannot find).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

/// Each message (and term, as `-name`) of a Fluent file with the variables it uses.
pub type Messages = BTreeMap<String, BTreeSet<String>>;

/// The ids of the messages of `text`, in order of appearance (empty when it does not parse).
pub fn message_ids(text: &str) -> Vec<String> {
    match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Reads a Fluent file: its messages and variables, or each parse error with its line.
pub fn read_messages(text: &str) -> Result<Messages, Vec<String>> {
    let resource = fluent_syntax::parser::parse(text).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|error| format!("line {}: {:?}", line_of(text, error.pos.start), error.kind))
            .collect::<Vec<_>>()
    })?;
    let mut messages = Messages::new();
    let mut duplicates = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(message) => (message.id.name.to_owned(), message.value.as_ref(), &message.attributes),
            ast::Entry::Term(term) => (format!("-{}", term.id.name), Some(&term.value), &term.attributes),
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        value.into_iter().for_each(|pattern| pattern_variables(pattern, &mut variables));
        attributes.iter().for_each(|attribute| pattern_variables(&attribute.value, &mut variables));
        if messages.insert(id.clone(), variables).is_some() {
            duplicates.push(format!("`{id}` is defined twice"));
        }
    }
    if duplicates.is_empty() {
        Ok(messages)
    } else {
        Err(duplicates)
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).unwrap_or(text).lines().count().max(1)
}

fn pattern_variables(pattern: &ast::Pattern<&str>, variables: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, variables);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, variables: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, variables);
            variants.iter().for_each(|variant| pattern_variables(&variant.value, variables));
        }
        ast::Expression::Inline(inline) => inline_variables(inline, variables),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, variables: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().for_each(|argument| inline_variables(argument, variables));
            arguments.named.iter().for_each(|argument| inline_variables(&argument.value, variables));
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, variables),
        _ => {}
    }
}

/// Everything wrong with one crate's catalogue pair, as sentences for a failing test.
pub fn compare(english: &Messages, french: &Messages) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, variables) in english {
        match french.get(id) {
            None => problems.push(format!("`{id}` has no French")),
            Some(french_variables) if french_variables != variables => {
                problems.push(format!("`{id}` uses {variables:?} in English and {french_variables:?} in French"))
            }
            Some(_) => {}
        }
    }
    for id in french.keys().filter(|id| !english.contains_key(*id)) {
        problems.push(format!("`{id}` has no English"));
    }
    problems
}

/// The `.rs` files under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The part of a source file that ships: everything before its unit-test module.
pub fn shipped_part(source: &str) -> &str {
    let mut offset = 0;
    let mut lines = source.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        // An inline test module (`mod tests {`); `mod fixtures;` declares a file of its own.
        let opens_module = |next: &&str| next.trim_start().starts_with("mod ") && next.trim_end().ends_with('{');
        if line.trim() == "#[cfg(test)]" && lines.peek().is_some_and(opens_module) {
            return &source[..offset];
        }
        offset += line.len();
    }
    source
}

/// The string literals of Rust source text (contents, escapes left as written); comments and
/// character literals are skipped.
pub fn string_literals(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut literals = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'/' if bytes.get(index + 1) == Some(&b'/') => {
                index = source[index..].find('\n').map_or(bytes.len(), |end| index + end);
            }
            b'/' if bytes.get(index + 1) == Some(&b'*') => {
                index = source[index + 2..].find("*/").map_or(bytes.len(), |end| index + 2 + end + 2);
            }
            b'r' if matches!(bytes.get(index + 1), Some(b'"') | Some(b'#')) && !is_identifier_byte(bytes, index) => {
                let hashes = bytes[index + 1..].iter().take_while(|&&b| b == b'#').count();
                let open = index + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    index += 1;
                    continue;
                }
                let closing = format!("\"{}", "#".repeat(hashes));
                let end = source[open + 1..].find(&closing).map_or(bytes.len(), |end| open + 1 + end);
                literals.push(&source[open + 1..end]);
                index = end + closing.len();
            }
            b'"' => {
                let mut end = index + 1;
                while end < bytes.len() && bytes[end] != b'"' {
                    end += if bytes[end] == b'\\' { 2 } else { 1 };
                }
                literals.push(&source[index + 1..end.min(bytes.len())]);
                index = end + 1;
            }
            b'\'' => {
                // A character literal ('x', '\n', '\'', '"') or a lifetime ('a).
                index += match (bytes.get(index + 1), bytes.get(index + 2)) {
                    (Some(b'\\'), _) => 2 + source[index + 2..].find('\'').map_or(0, |end| end + 1),
                    (Some(_), _) => {
                        let width = source[index + 1..].chars().next().map_or(1, char::len_utf8);
                        if bytes.get(index + 1 + width) == Some(&b'\'') {
                            width + 2
                        } else {
                            1
                        }
                    }
                    _ => 1,
                };
            }
            _ => index += 1,
        }
    }
    literals
}

fn is_identifier_byte(bytes: &[u8], index: usize) -> bool {
    index > 0 && (bytes[index - 1].is_ascii_alphanumeric() || bytes[index - 1] == b'_')
}

/// Words that mark a sentence as French when two of them appear in one string.
const FRENCH_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "une",
    "est",
    "sont",
    "pas",
    "avec",
    "pour",
    "dans",
    "sur",
    "aux",
    "cette",
    "ce",
    "qui",
    "que",
    "ou",
    "et",
    "au",
    "un",
    "ne",
    "n'est",
    "l'attestation",
    "d'une",
    "d'un",
];

/// Whether a string literal reads as French: a letter only French uses here, or two French words.
pub fn looks_french(literal: &str) -> bool {
    // Written as escapes so that this file holds no French itself.
    const ACCENTED: &str = "\u{e0}\u{e2}\u{e7}\u{e9}\u{e8}\u{ea}\u{eb}\u{ee}\u{ef}\u{f4}\u{fb}\u{f9}\u{fc}\u{ff}\u{153}\u{e6}\
                            \u{c0}\u{c2}\u{c7}\u{c9}\u{c8}\u{ca}\u{cb}\u{ce}\u{cf}\u{d4}\u{db}\u{d9}\u{dc}\u{178}\u{152}\u{c6}\u{ab}\u{bb}";
    if literal.chars().any(|c| ACCENTED.contains(c)) {
        return true;
    }
    let words = literal
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|word| FRENCH_WORDS.contains(&word.to_lowercase().as_str()))
        .count();
    words >= 2
}

/// The French-looking string literals of the shipped part of each `.rs` file under `src`, by
/// file (relative to `src`'s parent).
pub fn french_in_sources(crate_dir: &Path) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    let files = rust_files(&crate_dir.join("src"));
    let test_only = test_only_modules(&files);
    for path in files.iter().filter(|path| !test_only.contains(*path)) {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let literals: Vec<String> =
            string_literals(shipped_part(&source)).into_iter().filter(|l| looks_french(l)).map(str::to_owned).collect();
        if !literals.is_empty() {
            let relative = path.strip_prefix(crate_dir).unwrap_or(path).to_string_lossy().into_owned();
            found.insert(relative, literals);
        }
    }
    found
}

/// The files of modules declared `#[cfg(test)] mod name;` (test fixtures kept in a file of
/// their own), which ship in no binary.
fn test_only_modules(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut test_only = BTreeSet::new();
    for path in files {
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let Some(dir) = path.parent() else { continue };
        // lib.rs, main.rs and mod.rs hold their children beside them; foo.rs in foo/.
        let children = match path.file_stem().and_then(|stem| stem.to_str()) {
            Some("lib" | "main" | "mod") => dir.to_path_buf(),
            Some(stem) => dir.join(stem),
            None => continue,
        };
        let mut lines = source.lines().map(str::trim).peekable();
        while let Some(line) = lines.next() {
            if line != "#[cfg(test)]" {
                continue;
            }
            let declared =
                lines.peek().and_then(|next| next.strip_prefix("mod ")).and_then(|rest| rest.strip_suffix(';'));
            if let Some(name) = declared {
                test_only.insert(children.join(format!("{name}.rs")));
                test_only.insert(children.join(name).join("mod.rs"));
            }
        }
    }
    test_only
}

/// The messages of `messages` that no `.rs` file under `crate_dir/src` names as a string literal.
pub fn unused(crate_dir: &Path, messages: &Messages) -> Vec<String> {
    let mut named = BTreeSet::new();
    for path in rust_files(&crate_dir.join("src")) {
        if let Ok(source) = std::fs::read_to_string(&path) {
            named.extend(string_literals(&source).into_iter().map(str::to_owned));
        }
    }
    messages.keys().filter(|id| !id.starts_with('-') && !named.contains(*id)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_read_from_values_attributes_and_variants() {
        let messages = read_messages(
            "plain = Hello\nwith = Hi { $name }, { NUMBER($count) }\n    .title = { $title }\n\
             pick = { $count ->\n    [one] one { $what }\n   *[other] many\n}\n-brand = Talent\n",
        )
        .unwrap();
        let names = |id: &str| messages[id].iter().map(String::as_str).collect::<Vec<_>>();
        assert!(names("plain").is_empty());
        assert_eq!(names("with"), ["count", "name", "title"]);
        assert_eq!(names("pick"), ["count", "what"]);
        assert!(messages.contains_key("-brand"));
        assert!(read_messages("broken = { $x").is_err());
        assert!(read_messages("a = 1\na = 2\n").is_err());
    }

    #[test]
    fn english_and_french_are_compared() {
        let english = read_messages("a = { $x }\nb = B\nc = C\n").unwrap();
        let french = read_messages("a = { $y }\nb = B\nd = D\n").unwrap();
        let problems = compare(&english, &french);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`a` uses"));
        assert!(problems[1].contains("`c` has no French"));
        assert!(problems[2].contains("`d` has no English"));
    }

    #[test]
    fn string_literals_skip_comments_and_characters() {
        let source = r####"
            // "not this"
            /* nor "this" */
            let a = "one \" two";
            let b = r#"raw "quoted""#;
            let c = '"';
            let d: &'static str = "three";
            let e = b"four";
            let letter = 'é';
        "####;
        assert_eq!(string_literals(source), [r#"one \" two"#, r#"raw "quoted""#, "three", "four"]);
    }

    #[test]
    fn french_is_recognized() {
        assert!(looks_french("l'entrée est vide"));
        assert!(looks_french("ce n'est pas une attestation"));
        assert!(looks_french("« en »"));
        assert!(!looks_french("the input is empty"));
        assert!(!looks_french("la"));
        assert!(!looks_french("application/ld+json"));
    }

    #[test]
    fn the_test_module_is_not_shipped() {
        let source = "fn a() {}\n#[cfg(test)]\nmod tests {\n    const X: &str = \"é\";\n}\n";
        assert_eq!(shipped_part(source), "fn a() {}\n");
        let cfg_item = "#[cfg(test)]\nfn helper() {}\nfn b() {}\n";
        assert_eq!(shipped_part(cfg_item), cfg_item);
        let file_module = "#[cfg(test)]\nmod fixtures;\nfn c() {}\n";
        assert_eq!(shipped_part(file_module), file_module);
    }
}
