//! The `wallet` command line over the domain: arguments, one module per command family, the
//! questions it asks, what it prints in the reader's language, and its exit codes.

mod answering;
pub mod args;
mod checking;
pub mod exit;
mod files;
mod help;
mod keeping;
mod listing;
mod presenting;
mod profile;
mod prompt;
mod receiving;
mod refreshing;
pub mod run;
mod show;

pub use run::main;
