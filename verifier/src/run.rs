//! Running `verifier verify`: build one [`Verifier`] from the options, find the input files, check
//! them on every core with rayon, and print the reports in input order.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::DidDocument;
use credentials::error::{Detail, InputError};
use credentials::status::StatusConfig;
use credentials::verify::{Network, PresentationOptions, Verifier};
use credentials::{Clock, FixedClock, Report, SystemClock};
use lang::Lang;
use rayon::prelude::*;

use crate::cli::{VerifyArgs, EXIT_INVALID, EXIT_USAGE, EXIT_VALID};
use crate::i18n::t;
use crate::render;

/// A problem with the command line or the files it names (exit code 2), worded by the
/// catalogue; `Display` is the English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum UsageError {
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `expected` is the form in English placeholders (`URL=FILE`, `HOST=BASE_URL`).
    BadPair {
        value: String,
        expected: &'static str,
    },
    BadUrl(String),
    BadTime(String),
    BadDidDocument {
        path: PathBuf,
        reason: Detail,
    },
    BadContext {
        path: PathBuf,
        reason: Detail,
    },
    NothingFound(PathBuf),
    /// The thread pool's own message.
    Threads(String),
    Trust(#[from] crate::trust::TrustError),
}

impl UsageError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        let shown = |path: &Path| path.display().to_string();
        match self {
            Self::Read { path, source } => {
                t!(lang, "usage-unreadable", path = shown(path), reason = credentials::error::io_reason(source, lang))
            }
            Self::BadPair { value, expected } => {
                t!(lang, "usage-bad-pair", value = value.as_str(), expected = placeholders(expected, lang))
            }
            Self::BadUrl(url) => t!(lang, "usage-bad-url", url = url.as_str()),
            Self::BadTime(time) => t!(lang, "not-a-time", time = time.as_str()),
            Self::BadDidDocument { path, reason } => {
                t!(lang, "usage-bad-did-document", path = shown(path), reason = reason.get(lang))
            }
            Self::BadContext { path, reason } => {
                t!(lang, "usage-bad-context", path = shown(path), reason = reason.get(lang))
            }
            Self::NothingFound(directory) => t!(lang, "usage-nothing-found", directory = shown(directory)),
            Self::Threads(detail) => t!(lang, "usage-threads", detail = detail.as_str()),
            Self::Trust(error) => error.message(lang),
        }
    }
}

/// A form such as `HOST=BASE_URL` with its placeholders in `lang`.
pub(crate) fn placeholders(form: &str, lang: Lang) -> String {
    form.replace("FILE", &t!(lang, "placeholder-file"))
        .replace("HOST", &t!(lang, "placeholder-host"))
        .replace("BASE_URL", &t!(lang, "placeholder-base-url"))
}

/// The outcome for one input.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    pub report: Result<Report, InputError>,
}

fn split_pair<'a>(value: &'a str, expected: &'static str) -> Result<(&'a str, &'a str), UsageError> {
    value
        .split_once('=')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| UsageError::BadPair { value: value.to_owned(), expected })
}

fn read_file(path: &Path) -> Result<Vec<u8>, UsageError> {
    std::fs::read(path).map_err(|source| UsageError::Read { path: path.to_owned(), source })
}

/// Builds the verifier the options describe.
pub fn build_verifier(args: &VerifyArgs) -> Result<Verifier, UsageError> {
    let mut contexts = ContextSet::standard();
    for pair in &args.contexts {
        let (url, file) = split_pair(pair, "URL=FILE")?;
        let bytes = read_file(Path::new(file))?;
        let text = String::from_utf8(bytes).map_err(|e| UsageError::BadContext {
            path: file.into(),
            reason: Detail::localized(|lang| t!(lang, "context-not-utf8", detail = e.to_string())),
        })?;
        contexts
            .insert(url, &text)
            .map_err(|e| UsageError::BadContext { path: file.into(), reason: Detail::of(&e) })?;
    }
    let mut network = Network {
        online: args.online,
        status: StatusConfig {
            max_cache: Duration::from_secs(args.status_cache),
            unknown_fails: args.require_status,
            ..StatusConfig::default()
        },
        ..Network::default()
    };
    for path in &args.did_documents {
        let bytes = read_file(path)?;
        let document: DidDocument = serde_json::from_slice(&bytes).map_err(|e| UsageError::BadDidDocument {
            path: path.clone(),
            reason: Detail::new(e.to_string(), credentials::error::json_french(&e)),
        })?;
        network.did_documents.push(document);
    }
    for pair in &args.did_web_hosts {
        let (host, base) = split_pair(pair, "HOST=BASE_URL")?;
        let url = url::Url::parse(base).map_err(|_| UsageError::BadUrl(base.to_owned()))?;
        network.host_overrides.insert(host.to_owned(), url);
    }
    for pair in &args.status_lists {
        let (url, file) = split_pair(pair, "URL=FILE")?;
        network.status_lists.push((url.to_owned(), read_file(Path::new(file))?));
    }
    let clock: Arc<dyn Clock> = match &args.at {
        Some(at) => Arc::new(FixedClock(
            DateTime::parse_from_rfc3339(at).map_err(|_| UsageError::BadTime(at.clone()))?.with_timezone(&Utc),
        )),
        None => Arc::new(SystemClock),
    };
    Ok(network.verifier(contexts, clock))
}

const EXTENSIONS: [&str; 3] = ["json", "jsonld", "jwt"];

/// Expands directories into the credential files they hold, in a stable order.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, UsageError> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            inputs.push(path.clone());
            continue;
        }
        let before = inputs.len();
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| UsageError::Read { path: path.clone(), source: e.into() })?;
            let wanted = entry.file_type().is_file()
                && entry.path().extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e));
            if wanted {
                inputs.push(entry.into_path());
            }
        }
        if inputs.len() == before {
            return Err(UsageError::NothingFound(path.clone()));
        }
    }
    Ok(inputs)
}

fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let limit = credentials::input::MAX_INPUT_BYTES as u64;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
    };
    result.map_err(|e| InputError::Unreadable {
        path: path.display().to_string(),
        reason: Detail::localized(|lang| credentials::error::io_reason(&e, lang)),
    })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { size: bytes.len(), limit: limit as usize });
    }
    Ok(bytes)
}

/// Verifies every input on the pool and keeps the input order.
pub fn verify_all(verifier: &Verifier, inputs: &[PathBuf], options: &PresentationOptions) -> Vec<FileResult> {
    inputs
        .par_iter()
        .map(|path| FileResult {
            path: path.display().to_string(),
            report: read_input(path).and_then(|bytes| verifier.verify_bytes(&bytes, options)),
        })
        .collect()
}

/// `verifier verify`: returns the exit code.
pub fn verify(args: &VerifyArgs, lang: Lang) -> Result<u8, UsageError> {
    let verifier = build_verifier(args)?;
    let inputs = collect_inputs(&args.paths)?;
    let options = PresentationOptions {
        challenge: args.challenge.clone(),
        domain: args.domain.clone(),
        ..PresentationOptions::default()
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build().map_err(|e| UsageError::Threads(e.to_string()))?;
    let mut results = pool.install(|| verify_all(&verifier, &inputs, &options));
    if let Some(path) = &args.trust {
        let registry = crate::trust::Registry::load(path)?;
        let now = verifier.clock.now();
        for report in results.iter_mut().filter_map(|r| r.report.as_mut().ok()) {
            registry.judge(report, now);
        }
    }

    if args.json {
        println!("{}", render::json(&results, lang));
    } else {
        print!("{}", render::human(&results, lang, args.verbose || results.len() == 1));
    }
    Ok(exit_code(&results))
}

/// 2 if any input could not be read as a credential, else 1 if any is invalid, else 0.
pub fn exit_code(results: &[FileResult]) -> u8 {
    if results.iter().any(|r| r.report.is_err()) {
        EXIT_USAGE
    } else if results.iter().any(|r| r.report.as_ref().is_ok_and(|report| !report.verified())) {
        EXIT_INVALID
    } else {
        EXIT_VALID
    }
}

/// Counts for the summary line.
pub fn tally(results: &[FileResult]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for result in results {
        let key = match &result.report {
            Ok(report) if report.verified() => "valid",
            Ok(_) => "invalid",
            Err(_) => "unreadable",
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::error::Describe;

    #[test]
    fn a_mistyped_path_is_said_in_both_languages() {
        let error = read_input(Path::new("/nonexistent/credential.json")).unwrap_err();
        assert_eq!(error.code(), "input_unreadable");
        assert_eq!(
            error.message(Lang::Fr),
            "lecture impossible de /nonexistent/credential.json : fichier ou dossier introuvable"
        );
        assert!(error.message(Lang::En).starts_with("cannot read /nonexistent/credential.json: No such file"));
        let usage = UsageError::BadPair { value: "x".into(), expected: "HOST=BASE_URL" };
        assert_eq!(usage.message(Lang::Fr), "« x » n'est pas de la forme HÔTE=URL_DE_BASE");
        assert_eq!(usage.message(Lang::En), "`x` is not of the form HOST=BASE_URL");
    }
}
