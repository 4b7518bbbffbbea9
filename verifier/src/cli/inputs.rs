//! The inputs of `verifier verify`: files and directories expanded into the documents they hold,
//! each read within the size limit and verified on every core, in a stable order.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use credentials::error::{Detail, InputError};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::Report;
use rayon::prelude::*;

use crate::cli::usage::UsageError;

/// The outcome for one input.
#[derive(Debug)]
pub struct FileResult {
    pub path: String,
    pub report: Result<Report, InputError>,
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

/// Counts for the summary line.
pub fn tally(results: &[FileResult]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for result in results {
        let key = match &result.report {
            Ok(report) if report.verified() && crate::domain::untrusted::holds_unvouched(report) => "untrusted",
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
    use credentials::error::Describe;
    use lang::Lang;

    use super::*;

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
