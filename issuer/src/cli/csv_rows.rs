//! The rows of `issuer issue-batch`, read from a CSV file on disk (the reading itself is the
//! domain's, shared with the console's upload page).

use credentials::error::Detail;

use crate::domain::batch_csv::{read_csv_bytes, CsvLine};
use crate::domain::error::IssuerError;
use crate::i18n::t;

/// Reads a CSV file of rows (header required), numbering data lines from 1.
pub fn read_csv(path: &std::path::Path) -> Result<Vec<CsvLine>, IssuerError> {
    let bytes = std::fs::read(path).map_err(|e| {
        IssuerError::BadRequest(Detail::localized(|lang| {
            t!(
                lang,
                "batch-csv-unreadable",
                path = path.display().to_string(),
                reason = credentials::error::io_reason(&e, lang)
            )
        }))
    })?;
    read_csv_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_read_is_named() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let missing = dir.path().join("missing.csv");
        let error = read_csv(&missing).err().unwrap_or_else(|| panic!("a missing file was read"));
        assert!(error.detail(schemas::Lang::En).contains("missing.csv"), "{error}");
    }
}
