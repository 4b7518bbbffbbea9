//! The exit codes of `verifier`, defined here and only here (and said in `--help`).

use crate::cli::inputs::Tally;

/// Everything valid.
pub const EXIT_VALID: u8 = 0;
/// At least one credential or presentation is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Usage error, or input that is not a credential at all (not JSON, too large, unreadable file).
pub const EXIT_USAGE: u8 = 2;
/// Everything checked out, but at least one credential is signed by an issuer no trust registry
/// names (none was given with `--trust`): signed, not vouched for.
pub const EXIT_UNTRUSTED: u8 = 3;

/// The exit codes as `--help` lists them.
pub const EXIT_CODES_HELP: &str = "Exit codes:
  0  all valid
  1  at least one invalid
  2  usage or input error
  3  all signed, but at least one by an issuer you have not said you trust (no --trust registry)";

/// 2 if any input could not be read as a credential, else 1 if any is invalid, else 3 if any
/// issuer is vouched for by nobody, else 0.
pub fn exit_code(tally: &Tally) -> u8 {
    if tally.unreadable > 0 {
        EXIT_USAGE
    } else if tally.invalid > 0 {
        EXIT_INVALID
    } else if tally.untrusted > 0 {
        EXIT_UNTRUSTED
    } else {
        EXIT_VALID
    }
}
