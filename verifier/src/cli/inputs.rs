//! The inputs of `verifier verify`: files and directories expanded into the documents they hold,
//! each read within the size limit and verified on every core, a chunk at a time in a stable
//! order. Only one chunk's reports are held at once, and each worker reads into the same buffer
//! file after file: holding every report until the end, and a new buffer per file, made the
//! allocator ask the kernel for fresh pages all along a directory, a third of its cost
//! (issue #27, docs/PERFORMANCE.md).

use std::cell::RefCell;
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

/// Reads `path` (`-` is standard input) into `bytes`, which it empties first.
fn read_input(path: &Path, bytes: &mut Vec<u8>) -> Result<(), InputError> {
    let limit = credentials::input::MAX_INPUT_BYTES as u64;
    bytes.clear();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().lock().take(limit + 1).read_to_end(bytes)
    } else {
        std::fs::File::open(path).and_then(|file| file.take(limit + 1).read_to_end(bytes))
    };
    result.map_err(|e| InputError::Unreadable {
        path: path.display().to_string(),
        reason: Detail::localized(|lang| credentials::error::io_reason(&e, lang)),
    })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { size: bytes.len(), limit: limit as usize });
    }
    Ok(())
}

thread_local! {
    /// Each worker's read buffer, kept from one file to the next (at most the size limit).
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads and verifies one input.
fn verify_one(verifier: &Verifier, path: &Path, options: &PresentationOptions) -> FileResult {
    let report =
        BUFFER.with_borrow_mut(|bytes| read_input(path, bytes).and_then(|()| verifier.verify_bytes(bytes, options)));
    FileResult { path: path.display().to_string(), report }
}

/// Inputs per worker thread in a chunk: enough that a chunk's last file keeps a core idle for a
/// small part of the chunk, few enough that the reports held at once stay in the allocator's
/// recently used pages.
const CHUNK_PER_THREAD: usize = 32;

/// Verifies every input on `pool` and hands the results to `each` a chunk at a time, in input
/// order; stops at the first error `each` returns.
pub fn verify_in_order<E>(
    verifier: &Verifier,
    inputs: &[PathBuf],
    options: &PresentationOptions,
    pool: &rayon::ThreadPool,
    mut each: impl FnMut(Vec<FileResult>) -> Result<(), E>,
) -> Result<(), E> {
    let chunk = CHUNK_PER_THREAD * pool.current_num_threads().max(1);
    for paths in inputs.chunks(chunk) {
        let results = pool.install(|| paths.par_iter().map(|path| verify_one(verifier, path, options)).collect());
        each(results)?;
    }
    Ok(())
}

/// What an input comes to, for the summary line and the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    Invalid,
    Unreadable,
    /// Valid, but signed (or holding a credential signed) by an issuer nobody vouches for.
    Untrusted,
}

impl FileResult {
    pub fn verdict(&self) -> Verdict {
        match &self.report {
            Ok(report) if report.verified() && crate::domain::untrusted::holds_unvouched(report) => Verdict::Untrusted,
            Ok(report) if report.verified() => Verdict::Valid,
            Ok(_) => Verdict::Invalid,
            Err(_) => Verdict::Unreadable,
        }
    }
}

/// Counts for the summary line, added to chunk by chunk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub checked: usize,
    pub valid: usize,
    pub invalid: usize,
    pub unreadable: usize,
    pub untrusted: usize,
}

impl Tally {
    /// The counts of results held together (tests; `verify` adds chunk by chunk).
    #[cfg(test)]
    pub fn of(results: &[FileResult]) -> Self {
        let mut tally = Self::default();
        tally.add(results);
        tally
    }

    pub fn add(&mut self, results: &[FileResult]) {
        for result in results {
            self.checked += 1;
            *match result.verdict() {
                Verdict::Valid => &mut self.valid,
                Verdict::Invalid => &mut self.invalid,
                Verdict::Unreadable => &mut self.unreadable,
                Verdict::Untrusted => &mut self.untrusted,
            } += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use credentials::error::Describe;
    use lang::Lang;

    use super::*;

    #[test]
    fn a_mistyped_path_is_said_in_both_languages() {
        let error = read_input(Path::new("/nonexistent/credential.json"), &mut Vec::new()).unwrap_err();
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
