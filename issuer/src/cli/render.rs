//! How a command prints what it made: JSON on standard output, one line for programs or
//! indented for people.

use crate::cli::error::CommandError;
use crate::domain::error::IssuerError;

/// Prints a value as JSON on standard output (one line, or indented for people).
pub(crate) fn print_json(value: &impl serde::Serialize, pretty: bool) -> Result<(), CommandError> {
    let text = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    println!("{}", text.map_err(|e| IssuerError::Unexpected(e.to_string()))?);
    Ok(())
}
