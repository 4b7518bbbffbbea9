//! `issuer issue-batch`: reads the CSV, issues the rows in parallel with a progress bar (rate and
//! time left), writes each credential to its own file once it is recorded, and sums up.

use std::path::Path;
use std::sync::Arc;

use credentials::secure::{Mechanism, Secured};
use schemas::Lang;

use crate::cli::csv_rows::read_csv;
use crate::cli::error::CommandError;
use crate::domain::batch::{issue_rows, RowOutcome, RowResult};
use crate::domain::service::IssuerService;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::t;

/// Writes a credential file. A crash can leave the file being written incomplete; running the
/// batch again rewrites every row's file (rows already issued come back as "skipped"), so no
/// temporary name and rename are needed (they doubled the directory work of large batches).
fn write_credential(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

fn output_file(out: &Path, result: &RowResult) -> Option<(std::path::PathBuf, String)> {
    let secured = result.secured.as_ref()?;
    let extension = match secured {
        Secured::Json(_) => "json",
        Secured::Jwt(_) => "jwt",
        Secured::SdJwt(_) => "sd-jwt",
    };
    Some((out.join(format!("{:06}.{extension}", result.line)), secured.record_text()))
}

/// Returns the number of rejected rows.
pub(crate) async fn run(
    service: IssuerService,
    department: &str,
    csv: &Path,
    out: &Path,
    mechanism: Mechanism,
    parallelism: Option<usize>,
    lang: Lang,
) -> Result<usize, CommandError> {
    std::fs::create_dir_all(out)?;
    let rows = read_csv(csv)?;
    let total = rows.len();
    let principal = Principal {
        token_id: format!("cli:batch:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".into())),
        department: department.to_owned(),
        scopes: vec![Scope::Issue],
    };
    let mut rejected: Vec<(usize, String)> = Vec::new();
    let mut good = Vec::new();
    // Rows are numbered by record; a person is told the file's line.
    let mut file_lines = std::collections::HashMap::new();
    let mut positional = 0usize;
    for (number, file_line, row) in rows {
        file_lines.insert(number, file_line);
        match row {
            Ok(row) => {
                positional += usize::from(row.row_id.trim().is_empty());
                good.push((number, row))
            }
            Err(reason) => rejected.push((number, reason.get(lang).to_owned())),
        }
    }
    let progress = indicatif::ProgressBar::new(total as u64);
    // The bar's own placeholders go in as values: a translator moves them, never spells them.
    let template = t!(
        lang,
        "batch-progress",
        bar = "{bar:40}",
        done = "{pos}",
        total = "{len}",
        rate = "{per_sec}",
        left = "{eta}"
    );
    progress.set_style(
        indicatif::ProgressStyle::with_template(&template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    progress.inc(rejected.len() as u64);
    let (mut issued, mut skipped) = (0usize, 0usize);
    let mut write_error: Option<std::io::Error> = None;
    // Many rows in flight let the store commit them in groups; signing still uses every core.
    let parallelism = parallelism.unwrap_or(64);
    issue_rows(Arc::new(service), principal, good, mechanism, parallelism, |result| {
        progress.inc(1);
        if let Some((path, content)) = output_file(out, &result) {
            if let Err(error) = write_credential(&path, &content) {
                write_error.get_or_insert(error);
            }
        }
        match result.outcome {
            RowOutcome::Issued { .. } => issued += 1,
            RowOutcome::Skipped { .. } => skipped += 1,
            RowOutcome::Rejected { reason, reason_fr, .. } => {
                let reason = lang.pick(reason, reason_fr);
                let reason = match result.cause {
                    Some(cause) => t!(lang, "batch-rejected-with-cause", reason = reason, cause = cause),
                    None => reason,
                };
                rejected.push((result.line, reason))
            }
        }
    })
    .await;
    progress.finish_and_clear();
    if let Some(error) = write_error {
        return Err(error.into());
    }
    rejected.sort();
    println!("{}", summary(lang, total, issued, skipped, rejected.len()));
    for (number, reason) in &rejected {
        let line = file_lines.get(number).copied().unwrap_or(*number);
        println!("  {}", t!(lang, "batch-rejected-line", line = line.to_string(), reason = reason.as_str()));
    }
    if positional > 0 {
        // Without `row_id`, a row is known by its place among the records: a row removed or
        // inserted before it makes it a new row on the next run.
        eprintln!("{}", t!(lang, "batch-positional-rows", count = positional));
    }
    Ok(rejected.len())
}

/// "3 rows: 1 issued, 0 skipped (issued before), 2 rejected", with each language's agreement
/// (0 and 1 are singular in French): Fluent's plural rules choose.
pub(crate) fn summary(lang: Lang, total: usize, issued: usize, skipped: usize, rejected: usize) -> String {
    t!(lang, "batch-summary", total = total, issued = issued, skipped = skipped, rejected = rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_agree_in_number() {
        assert_eq!(summary(Lang::En, 1, 1, 0, 0), "1 row: 1 issued, 0 skipped (issued before), 0 rejected");
        assert_eq!(summary(Lang::Fr, 4, 1, 0, 3), "4 lignes : 1 émise, 0 ignorée (déjà émise), 3 rejetées");
        assert_eq!(summary(Lang::Fr, 5, 2, 2, 1), "5 lignes : 2 émises, 2 ignorées (déjà émises), 1 rejetée");
    }
}
