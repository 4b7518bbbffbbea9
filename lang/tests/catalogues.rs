//! Every crate's catalogue is complete and every sentence is in one: for each crate of the
//! workspace, `i18n/en/<crate>.ftl` and `i18n/fr/<crate>.ftl` parse, name the same messages with
//! the same variables, and name no message its code never uses; and no `.rs` file outside tests
//! holds a French sentence (a translator would never find it). Files that still do are listed in
//! `STILL_TO_MOVE` with how many French strings they hold: the list may only shrink.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lang::audit;

/// Source files whose French strings have not moved to a catalogue yet (issue #20), with how
/// many there are. A file moved is taken off; a count that went down is lowered.
const STILL_TO_MOVE: &[(&str, usize)] = &[
    ("bilingual-cli/src/lib.rs", 27),
    ("issuer/src/batch.rs", 14),
    ("issuer/src/batch_cli.rs", 2),
    ("issuer/src/cli.rs", 13),
    ("issuer/src/cli_fr.rs", 98),
    ("issuer/src/config.rs", 9),
    ("issuer/src/error.rs", 14),
    ("issuer/src/http.rs", 18),
    ("issuer/src/serve.rs", 4),
    ("issuer/src/service.rs", 25),
    ("issuer/src/service/oid4vci.rs", 22),
    ("issuer/src/service/status.rs", 5),
    ("issuer/src/sign.rs", 3),
    ("issuer/src/store/mod.rs", 1),
    ("lang/src/audit.rs", 1),
    ("schemas/src/assignment.rs", 3),
    ("schemas/src/display.rs", 9),
    ("schemas/src/error.rs", 9),
    ("schemas/src/fixtures.rs", 3),
    ("schemas/src/level.rs", 3),
    ("schemas/src/rules.rs", 3),
    ("schemas/src/sd_jwt_vc.rs", 22),
    ("schemas/src/skill.rs", 2),
    ("schemas/src/validate.rs", 21),
    ("tests/src/fuzz.rs", 5),
    ("verifier/src/cli.rs", 13),
    ("verifier/src/cli_fr.rs", 51),
    ("verifier/src/oid4vp.rs", 11),
    ("verifier/src/render.rs", 6),
    ("verifier/src/run.rs", 8),
    ("verifier/src/service.rs", 34),
    ("verifier/src/service/web.rs", 49),
    ("verifier/src/trust.rs", 7),
    ("wallet-cli/src/cli_fr.rs", 42),
    ("wallet-cli/src/lib.rs", 40),
    ("wallet-cli/src/oid4vp.rs", 12),
    ("wallet-cli/src/present.rs", 2),
    ("wallet-cli/src/receive.rs", 27),
    ("wallet-cli/src/store.rs", 7),
];

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

fn crate_name(dir: &Path) -> String {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let name = manifest
        .lines()
        .find_map(|line| line.strip_prefix("name = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{} has no package name", dir.display()));
    name.replace('-', "_")
}

#[test]
fn every_catalogue_is_complete_and_used() {
    let mut problems = Vec::new();
    let mut catalogues = 0;
    for dir in crates() {
        let name = crate_name(&dir);
        let read = |lang: &str| {
            let path = dir.join("i18n").join(lang).join(format!("{name}.ftl"));
            std::fs::read_to_string(&path).ok().map(|text| (path, text))
        };
        let (english, french) = match (read("en"), read("fr")) {
            (None, None) => continue,
            (Some(english), Some(french)) => (english, french),
            (english, _) => {
                let missing = if english.is_none() { "en" } else { "fr" };
                problems.push(format!("{name}: i18n/{missing}/{name}.ftl is missing"));
                continue;
            }
        };
        catalogues += 1;
        let parse = |(path, text): (PathBuf, String)| {
            audit::read_messages(&text).map_err(|errors| format!("{}: {}", path.display(), errors.join("; ")))
        };
        match (parse(english), parse(french)) {
            (Ok(english), Ok(french)) => {
                problems.extend(audit::compare(&english, &french).into_iter().map(|p| format!("{name}: {p}")));
                problems.extend(
                    audit::unused(&dir, &english).into_iter().map(|id| format!("{name}: `{id}` is never used")),
                );
            }
            (english, french) => problems.extend(english.err().into_iter().chain(french.err())),
        }
    }
    assert!(catalogues >= 2, "only {catalogues} catalogues found under {}", workspace().display());
    assert!(problems.is_empty(), "catalogue problems:\n{}", problems.join("\n"));
}

#[test]
fn no_french_sentence_outside_the_catalogues() {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for dir in crates() {
        let crate_dir = dir.file_name().unwrap().to_string_lossy().into_owned();
        for (file, literals) in audit::french_in_sources(&dir) {
            found.insert(format!("{crate_dir}/{file}"), literals);
        }
    }
    let allowed: BTreeMap<&str, usize> = STILL_TO_MOVE.iter().copied().collect();
    let mut problems = Vec::new();
    for (file, literals) in &found {
        match allowed.get(file.as_str()) {
            None => problems.push(format!(
                "{file} holds {} French strings; move them to a catalogue: {:?}",
                literals.len(),
                literals
            )),
            Some(&count) if literals.len() > count => problems.push(format!(
                "{file} holds {} French strings, more than the {count} still to move: {:?}",
                literals.len(),
                literals
            )),
            Some(&count) if literals.len() < count => problems.push(format!(
                "{file} holds {} French strings now: lower its count in STILL_TO_MOVE from {count}",
                literals.len()
            )),
            Some(_) => {}
        }
    }
    for file in allowed.keys().filter(|file| !found.contains_key(**file)) {
        problems.push(format!("{file} holds no French any more: take it off STILL_TO_MOVE"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
