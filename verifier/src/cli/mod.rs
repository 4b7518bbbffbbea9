//! `verifier` on the command line: the arguments (clap), the three commands (`verify`, `trust`,
//! `serve`), the exit codes, and how results and errors read in English or French. The rules
//! are in `domain` and `credentials`; this layer finds the inputs and speaks to the terminal.

pub mod admin;
pub mod args;
pub mod exit;
pub mod figures;
mod help;
pub mod inputs;
pub mod render;
pub mod run;
pub mod serve;
pub mod trust;
pub mod usage;
pub mod verify;

pub use run::main;
