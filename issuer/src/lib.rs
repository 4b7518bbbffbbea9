//! The issuer: a department's tool for issuing skill and assignment credentials. This first part
//! works without a server: generate a key, fill a credential from a template, and sign it with
//! any of our three securing mechanisms. Every credential is checked against the same rules the
//! verifier applies before it is signed, so the issuer never signs what a verifier would reject.

pub mod batch;
mod batch_cli;
pub mod cli;
mod cli_help;
pub mod config;
pub mod error;
pub mod http;
mod i18n;
pub mod openapi;
mod serve;
pub mod service;
pub mod sign;
pub mod store;
pub mod template;

pub use error::IssuerError;
