//! Every crate's catalogue is complete and every sentence is in one: for each crate of the
//! workspace, `i18n/en/<crate>.ftl` and `i18n/fr/<crate>.ftl` parse, name the same messages with
//! the same variables, and name no message its code never uses; and no `.rs` file outside tests
//! holds a French sentence (a translator would never find it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lang::audit;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).to_path_buf()
}

/// The workspace's crates: each directory beside this one with a `Cargo.toml` and a `src/`.
fn crates() -> Vec<PathBuf> {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(workspace())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("Cargo.toml").is_file() && path.join("src").is_dir())
        .collect();
    crates.sort();
    crates
}

/// The name of a crate's main catalogue file: the `domain` of its `i18n.toml`, else the package
/// name (what `fl!` looks for).
fn catalogue_name(dir: &Path) -> String {
    let config = std::fs::read_to_string(dir.join("i18n.toml")).unwrap_or_default();
    let domain = config
        .lines()
        .find_map(|line| line.trim().strip_prefix("domain = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned);
    domain.unwrap_or_else(|| crate_name(dir))
}

fn crate_name(dir: &Path) -> String {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let name = manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{} has no package name", dir.display()));
    name.to_owned()
}

/// The `.ftl` files of `dir/i18n/en`, by file name.
fn english_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("i18n").join("en"))
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".ftl"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_catalogue_is_complete_and_used() {
    let mut problems = Vec::new();
    let mut catalogues = 0;
    for dir in crates() {
        let name = catalogue_name(&dir);
        let mut files = english_files(&dir);
        if let Ok(entries) = std::fs::read_dir(dir.join("i18n").join("fr")) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if file.ends_with(".ftl") && !files.contains(&file) {
                    files.push(file);
                }
            }
        }
        for file in files {
            let read = |lang: &str| {
                let path = dir.join("i18n").join(lang).join(&file);
                std::fs::read_to_string(&path).ok().map(|text| (path, text))
            };
            let (english, french) = match (read("en"), read("fr")) {
                (Some(english), Some(french)) => (english, french),
                (english, _) => {
                    let missing = if english.is_none() { "en" } else { "fr" };
                    problems.push(format!("{name}: i18n/{missing}/{file} is missing"));
                    continue;
                }
            };
            catalogues += 1;
            let parse = |(path, text): (PathBuf, String)| {
                audit::read_messages(&text).map_err(|errors| format!("{}: {}", path.display(), errors.join("; ")))
            };
            match (parse(english), parse(french)) {
                (Ok(english), Ok(french)) => {
                    problems.extend(audit::compare(&english, &french).into_iter().map(|p| format!("{file}: {p}")));
                    // A command line's help catalogue is keyed by its command tree, and its
                    // binary's own test holds it to that tree; every other message is named in code.
                    if file == format!("{name}.ftl") {
                        problems.extend(
                            audit::unused(&dir, &english).into_iter().map(|id| format!("{file}: `{id}` is never used")),
                        );
                    }
                }
                (english, french) => problems.extend(english.err().into_iter().chain(french.err())),
            }
        }
    }
    assert!(catalogues >= 2, "only {catalogues} catalogues found under {}", workspace().display());
    assert!(problems.is_empty(), "catalogue problems:\n{}", problems.join("\n"));
}

#[test]
fn no_french_sentence_outside_the_catalogues() {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // The `tests` crate is test code through and through (scenarios assert French output).
    for dir in crates().into_iter().filter(|dir| !dir.ends_with("tests")) {
        let crate_dir = dir.file_name().unwrap().to_string_lossy().into_owned();
        for (file, literals) in audit::french_in_sources(&dir) {
            found.insert(format!("{crate_dir}/{file}"), literals);
        }
    }
    let problems: Vec<String> = found
        .iter()
        .map(|(file, literals)| format!("{file} holds French text; move it to its crate's catalogue: {literals:?}"))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
