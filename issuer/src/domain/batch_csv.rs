//! Rows of bulk issuance read from CSV text (header first), shared by `issuer issue-batch` (a
//! file on disk) and the console's upload page (a file sent by a browser): each row numbered,
//! and told to a person by the line of the file it starts on.

use credentials::error::Detail;
use schemas::Lang;

use crate::domain::batch::BatchRow;
use crate::domain::error::IssuerError;
use crate::i18n::t;

/// A record of a CSV file: its number among the data records (from 1: what identifies a row
/// without `row_id`, and names its output file), the line of the file it starts on (what a
/// person is told; blank lines and quoted line breaks make the two differ), and the row or why
/// it cannot be read.
pub type CsvLine = (usize, usize, Result<BatchRow, Detail>);

/// The columns a CSV file of rows may have, in the order of [`BatchRow`]'s fields.
pub const COLUMNS: [&str; 16] = [
    "kind",
    "row_id",
    "subject",
    "skill",
    "level",
    "evidence_en",
    "evidence_fr",
    "role_en",
    "role_fr",
    "department_en",
    "department_fr",
    "team_en",
    "team_fr",
    "start",
    "end",
    "skills",
];

/// Reads CSV text of rows (header required), numbering data records from 1.
pub fn read_csv_bytes(bytes: &[u8]) -> Result<Vec<CsvLine>, IssuerError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(bytes);
    let unreadable = |e: &csv::Error| Detail::localized(|lang| row_reason(e, lang));
    let headers = reader.headers().map_err(|e| IssuerError::BadRequest(unreadable(&e)))?.clone();
    // A record's position is where the reader started it, before the blank lines it skipped.
    let line_of = |position: Option<&csv::Position>, number: usize| match position {
        Some(position) => {
            let start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(bytes.len());
            let blank =
                bytes[start..].iter().take_while(|b| matches!(b, b'\n' | b'\r')).filter(|b| **b == b'\n').count();
            usize::try_from(position.line()).unwrap_or(number).saturating_add(blank)
        }
        None => number + 1,
    };
    Ok(reader
        .records()
        .enumerate()
        .map(|(index, record)| {
            let number = index + 1;
            match record {
                Ok(record) => (
                    number,
                    line_of(record.position(), number),
                    record.deserialize::<BatchRow>(Some(&headers)).map_err(|e| unreadable(&e)),
                ),
                Err(e) => (number, line_of(e.position(), number), Err(unreadable(&e))),
            }
        })
        .collect())
}

/// A row's columns in the order of [`COLUMNS`] (a report of rejected rows repeats them).
pub fn columns_of(row: &BatchRow) -> [&str; 16] {
    [
        &row.kind,
        &row.row_id,
        &row.subject,
        &row.skill,
        &row.level,
        &row.evidence_en,
        &row.evidence_fr,
        &row.role_en,
        &row.role_fr,
        &row.department_en,
        &row.department_fr,
        &row.team_en,
        &row.team_fr,
        &row.start,
        &row.end,
        &row.skills,
    ]
}

/// Why a row does not fit the header, in `lang`: the `csv` crate's own text in English (it
/// words its errors in English only), ours in French, naming the column when the parser knows it.
fn row_reason(error: &csv::Error, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(field) => t!(lang, "batch-csv-column-invalid", column = (field + 1).to_string()),
            None => t!(lang, "batch-csv-header-mismatch"),
        },
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            t!(lang, "batch-csv-column-count", count = len.to_string(), expected = expected_len.to_string())
        }
        csv::ErrorKind::Utf8 { .. } => t!(lang, "batch-csv-not-utf8"),
        _ => t!(lang, "batch-csv-row-unreadable"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by review: rejected rows were named by their record number, which blank lines and
    /// quoted line breaks make differ from the line a person sees in the file.
    #[test]
    fn rows_keep_their_record_number_and_are_told_by_their_file_line() {
        let text = "kind,skill,level,evidence_en\nskill,api_design,advanced,\"two\nlines\"\n\nskill,api_design\nskill,api_design,expert,\n";
        let rows = read_csv_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let numbers: Vec<(usize, usize, bool)> = rows.iter().map(|(n, line, row)| (*n, *line, row.is_ok())).collect();
        assert_eq!(numbers, [(1, 2, true), (2, 5, false), (3, 6, true)]);
    }

    /// The columns named for a report are the row's own fields, in order: a row written out
    /// with them reads back the same.
    #[test]
    fn columns_name_every_field_of_a_row() {
        let row = BatchRow {
            kind: "skill".into(),
            row_id: "emp-1".into(),
            skill: "api_design".into(),
            level: "advanced".into(),
            skills: "a;b".into(),
            ..BatchRow::default()
        };
        let mut text = COLUMNS.join(",");
        text.push('\n');
        text.push_str(&columns_of(&row).join(","));
        let read = read_csv_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].2.as_ref().ok(), Some(&row));
    }
}
