//! The `issuer` command line: arguments (`args`), each command (`offline` on this machine,
//! `service` on the service's database, `serve`, `batch`), the exit codes (`exit`, the only
//! place they are defined), and how results and failures are said (`render`, `error`).

mod args;
mod batch;
pub mod config;
mod csv_rows;
mod error;
mod exit;
mod help;
mod offline;
pub mod oidc_config;
mod render;
mod run;
mod serve;
mod service;

pub use args::{
    Cli, Command, CredentialCommand, DepartmentCommand, IssuerArgs, KeyCommand, ServiceArgs, SignArgs, StatusArgs,
    TemplateCommand, TokenCommand,
};
pub use exit::{EXIT_OK, EXIT_REFUSED, EXIT_USAGE};
pub use run::main;
