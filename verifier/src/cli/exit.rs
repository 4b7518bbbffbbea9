//! The exit codes of `verifier`, defined here and only here (and said in `--help`).

use crate::cli::inputs::FileResult;

/// Everything valid.
pub const EXIT_VALID: u8 = 0;
/// At least one credential or presentation is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Usage error, or input that is not a credential at all (not JSON, too large, unreadable file).
pub const EXIT_USAGE: u8 = 2;

/// The exit codes as `--help` lists them.
pub const EXIT_CODES_HELP: &str = "Exit codes:
  0  all valid
  1  at least one invalid
  2  usage or input error";

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
