//! Rules of the code's shape that no compiler checks, held by tests so they stay true as the code
//! grows (issue #20): no import circle between the modules of a crate, no source file that has
//! grown into several jobs (over 600 lines before its unit tests; the median under 300), and the
//! layers of a program crate kept apart: nothing under `domain/` knows HTTP or the command line,
//! and only `http/problem.rs` decides which error gets which HTTP status. A module depends on
//! another when its shipped code names it (`crate::a::b`, `super::x`, `self::child`, or a child
//! module by name); a circle is a set of modules that all reach each other. Circles that exist
//! today are listed in `KNOWN_CIRCLES`, to be broken: the list may only shrink.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Circles not broken yet, as `crate: module, module, …` (sorted). Taking one apart means
/// moving what both sides need into a module of its own, or turning the dependency around.
const KNOWN_CIRCLES: &[&str] = &[
    "issuer: batch_cli, cli, serve",
    "issuer: batch, http, openapi, service, service::oid4vci, service::status, sign",
    "issuer: store, store::offers, store::rows, store::status",
];

/// Source files still over the size limit, to be split by concept: the list may only shrink.
const KNOWN_LARGE_FILES: &[&str] =
    &["issuer/src/cli.rs", "issuer/src/http.rs", "issuer/src/service.rs", "issuer/src/store/mod.rs"];

/// The most lines a source file under `src/` may have before its unit-test module.
const MAX_LINES: usize = 600;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The workspace's library and program crates (those with a `src/`), by directory name.
fn crates() -> Vec<(String, PathBuf)> {
    let mut crates: Vec<(String, PathBuf)> = std::fs::read_dir(workspace())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.join("Cargo.toml").is_file() && path.join("src").is_dir())
        .map(|path| (path.file_name().unwrap().to_string_lossy().into_owned(), path))
        .collect();
    crates.sort();
    crates
}

/// Every module of a crate (its path, `""` for the root) and the file that holds it.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut modules = BTreeMap::new();
    let mut pending = vec![src.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut segments: Vec<String> =
                relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
            // A program's `main.rs` beside `lib.rs` is a crate of its own, not a module.
            if segments == ["main"] && src.join("lib.rs").is_file() {
                continue;
            }
            if matches!(segments.last().map(String::as_str), Some("lib" | "main" | "mod")) {
                segments.pop();
            }
            modules.insert(segments.join("::"), path);
        }
    }
    modules
}

/// The text of a source file that matters for dependencies: no comments, no string contents,
/// and nothing from its unit-test module on.
fn code_of(source: &str) -> String {
    let shipped = lang::audit::shipped_part(source);
    let mut code = String::with_capacity(shipped.len());
    let bytes = shipped.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let rest = &shipped[index..];
        if rest.starts_with("//") {
            index += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            index += rest.find("*/").map_or(rest.len(), |end| end + 2);
        } else if rest.starts_with('"') {
            let mut end = 1;
            while end < rest.len() && rest.as_bytes()[end] != b'"' {
                end += if rest.as_bytes()[end] == b'\\' { 2 } else { 1 };
            }
            code.push_str("\"\"");
            index += (end + 1).min(rest.len());
        } else {
            let c = rest.chars().next().unwrap();
            code.push(c);
            index += c.len_utf8();
        }
    }
    code
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let Some(open) = path.find('{') else { return vec![path.to_owned()] };
    let head = &path[..open];
    let inner = path[open + 1..].strip_suffix('}').unwrap_or(&path[open + 1..]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .flat_map(|part| expand(part).into_iter().map(move |tail| format!("{head}{tail}")))
        .collect()
}

/// The path that starts at `at` in `code` (`crate::a::{b, c}`), up to where a path ends.
fn path_at(code: &str, at: usize) -> &str {
    let mut depth = 0;
    for (offset, c) in code[at..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return &code[at..at + offset + 1];
                }
            }
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return &code[at..at + offset],
            _ => {}
        }
    }
    &code[at..]
}

fn is_word_start(code: &str, at: usize) -> bool {
    code[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
}

fn graph(src: &Path) -> Graph {
    let modules = modules(src);
    let mut graph = Graph::new();
    for (module, file) in &modules {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let own: Vec<&str> = if module.is_empty() { Vec::new() } else { module.split("::").collect() };
        let children: BTreeSet<&str> = modules
            .keys()
            .filter_map(|other| {
                let tail =
                    if module.is_empty() { other.as_str() } else { other.strip_prefix(&format!("{module}::"))? };
                (!tail.is_empty() && !tail.contains("::")).then_some(tail)
            })
            .collect();
        let mut named: Vec<Vec<String>> = Vec::new();
        for (at, _) in code.match_indices("::") {
            // The word just before `::`.
            let start = code[..at].rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
            let word = &code[start..at];
            if !is_word_start(&code, start) {
                continue;
            }
            let base: Vec<String> = match word {
                "crate" => Vec::new(),
                "super" => own[..own.len().saturating_sub(1)].iter().map(|s| (*s).to_owned()).collect(),
                "self" => own.iter().map(|s| (*s).to_owned()).collect(),
                child if children.contains(child) => own.iter().map(|s| (*s).to_owned()).collect(),
                _ => continue,
            };
            let rest =
                if matches!(word, "crate" | "super" | "self") { path_at(&code, at + 2) } else { path_at(&code, start) };
            for path in expand(rest) {
                let mut segments = base.clone();
                segments.extend(
                    path.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "self").map(str::to_owned),
                );
                named.push(segments);
            }
        }
        let edges = graph.entry(module.clone()).or_default();
        for segments in named {
            let target = (1..=segments.len()).rev().map(|n| segments[..n].join("::")).find(|m| modules.contains_key(m));
            if let Some(target) = target.filter(|target| target != module) {
                edges.insert(target);
            }
        }
    }
    graph
}

/// The sets of two or more modules that all reach each other (Tarjan's algorithm).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in state.graph.get(node).into_iter().flatten() {
            if !state.index.contains_key(target.as_str()) {
                visit(state, target);
                let low = state.low[target.as_str()].min(state.low[node]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target.as_str()) {
                let low = state.index[target.as_str()].min(state.low[node]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.push(member.to_owned());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.found
}

#[test]
fn no_import_circle_inside_a_crate() {
    let mut found = BTreeSet::new();
    for (name, dir) in crates() {
        for circle in circles(&graph(&dir.join("src"))) {
            found.insert(format!("{name}: {}", circle.join(", ")));
        }
    }
    let known: BTreeSet<String> = KNOWN_CIRCLES.iter().map(|circle| (*circle).to_owned()).collect();
    let new: Vec<&String> = found.difference(&known).collect();
    let gone: Vec<&String> = known.difference(&found).collect();
    assert!(new.is_empty(), "import circles between modules (break them, do not list them): {new:#?}");
    assert!(gone.is_empty(), "these circles are broken or changed: update KNOWN_CIRCLES: {gone:#?}");
}

#[test]
fn source_files_stay_small() {
    let mut sizes = Vec::new();
    let mut large = BTreeSet::new();
    for (name, dir) in crates() {
        for file in lang::audit::rust_files(&dir.join("src")) {
            let source = std::fs::read_to_string(&file).unwrap();
            let lines = lang::audit::shipped_part(&source).lines().count();
            sizes.push(lines);
            if lines > MAX_LINES {
                let relative = file.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
                large.insert(format!("{name}/{relative}"));
            }
        }
    }
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    assert!(median < 300, "the median source file has {median} lines");
    let known: BTreeSet<String> = KNOWN_LARGE_FILES.iter().map(|file| (*file).to_owned()).collect();
    let new: Vec<&String> = large.difference(&known).collect();
    let gone: Vec<&String> = known.difference(&large).collect();
    assert!(new.is_empty(), "over {MAX_LINES} lines before their tests (split them by concept): {new:#?}");
    assert!(gone.is_empty(), "no longer over {MAX_LINES} lines: take them off KNOWN_LARGE_FILES: {gone:#?}");
}

/// The shipped code of each `.rs` file under `dir` (comments and string contents removed), by
/// path relative to the crate.
fn shipped_code_under(crate_dir: &Path, dir: &str) -> Vec<(String, String)> {
    lang::audit::rust_files(&crate_dir.join("src").join(dir))
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(crate_dir).unwrap().to_string_lossy().into_owned();
            (relative, code_of(&std::fs::read_to_string(&file).unwrap()))
        })
        .collect()
}

#[test]
fn nothing_under_domain_knows_http_or_the_command_line() {
    let mut problems = Vec::new();
    let mut domains = 0;
    for (name, dir) in crates() {
        if !dir.join("src/domain").is_dir() {
            continue;
        }
        domains += 1;
        for (file, code) in shipped_code_under(&dir, "domain") {
            for framework in ["axum", "clap", "StatusCode", "tower", "hyper", "indicatif", "maud"] {
                let named = code.match_indices(framework).any(|(at, _)| {
                    is_word_start(&code, at)
                        && code[at + framework.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                });
                if named {
                    problems.push(format!("{name}/{file} names {framework}"));
                }
            }
        }
    }
    assert!(domains >= 1, "no crate has a domain/ layer");
    assert!(problems.is_empty(), "the domain layer must not know HTTP or the terminal: {problems:#?}");
}

/// The error statuses (4xx and 5xx) axum's `StatusCode` names.
const ERROR_STATUSES: &[&str] = &[
    "BAD_REQUEST",
    "UNAUTHORIZED",
    "PAYMENT_REQUIRED",
    "FORBIDDEN",
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "NOT_ACCEPTABLE",
    "PROXY_AUTHENTICATION_REQUIRED",
    "REQUEST_TIMEOUT",
    "CONFLICT",
    "GONE",
    "LENGTH_REQUIRED",
    "PRECONDITION_FAILED",
    "PAYLOAD_TOO_LARGE",
    "URI_TOO_LONG",
    "UNSUPPORTED_MEDIA_TYPE",
    "RANGE_NOT_SATISFIABLE",
    "EXPECTATION_FAILED",
    "IM_A_TEAPOT",
    "MISDIRECTED_REQUEST",
    "UNPROCESSABLE_ENTITY",
    "LOCKED",
    "FAILED_DEPENDENCY",
    "TOO_EARLY",
    "UPGRADE_REQUIRED",
    "PRECONDITION_REQUIRED",
    "TOO_MANY_REQUESTS",
    "REQUEST_HEADER_FIELDS_TOO_LARGE",
    "UNAVAILABLE_FOR_LEGAL_REASONS",
    "INTERNAL_SERVER_ERROR",
    "NOT_IMPLEMENTED",
    "BAD_GATEWAY",
    "SERVICE_UNAVAILABLE",
    "GATEWAY_TIMEOUT",
    "HTTP_VERSION_NOT_SUPPORTED",
    "VARIANT_ALSO_NEGOTIATES",
    "INSUFFICIENT_STORAGE",
    "LOOP_DETECTED",
    "NOT_EXTENDED",
    "NETWORK_AUTHENTICATION_REQUIRED",
];

#[test]
fn only_the_problem_module_picks_error_statuses() {
    let mut problems = Vec::new();
    for (name, dir) in crates() {
        if !dir.join("src/http/problem.rs").is_file() {
            continue;
        }
        for (file, code) in shipped_code_under(&dir, "") {
            if file == "src/http/problem.rs" {
                continue;
            }
            for (at, _) in code.match_indices("StatusCode::") {
                let rest = &code[at + "StatusCode::".len()..];
                let constant: String = rest.chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
                if ERROR_STATUSES.contains(&constant.as_str()) || rest.starts_with("from_u16") {
                    problems.push(format!("{name}/{file} names StatusCode::{constant}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "only http/problem.rs maps errors to statuses: {problems:#?}");
}

#[test]
fn the_circle_finder_sees_what_it_should() {
    let graph: Graph = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"]), ("e", vec![])]
        .into_iter()
        .map(|(node, targets)| (node.to_owned(), targets.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(circles(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
    assert_eq!(expand("a::{b, c::{d, e}}"), ["a::b", "a::c::d", "a::c::e"]);
    let code = code_of("use crate::x::{y, z}; // crate::comment\nlet s = \"crate::string\";\n");
    assert!(!code.contains("comment") && !code.contains("string"), "{code}");
    assert_eq!(path_at("crate::x::{y, z}; more", 0), "crate::x::{y, z}");
}
