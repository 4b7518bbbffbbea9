//! The exit codes of `issuer`, defined here and only here (and shown by `--help`).

/// Done.
pub const EXIT_OK: u8 = 0;
/// The credential was refused (it would not verify) or a key could not be used.
pub const EXIT_REFUSED: u8 = 1;
/// Usage error or unreadable input.
pub const EXIT_USAGE: u8 = 2;

pub(crate) const EXIT_CODES_HELP: &str = "Exit codes:
  0  done
  1  credential refused or key unusable
  2  usage or input error";
