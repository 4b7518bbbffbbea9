//! The verifier: an employer's tool for checking credentials and presentations issued by another
//! organization. Its only private key signs its own OpenID4VP requests; all checking is `credentials`' pipeline, and this
//! crate adds the parts a person touches: finding the input files, running them on every core,
//! and saying the result in English or French.

pub mod cli;
mod cli_help;
mod i18n;
pub mod oid4vp;
pub mod openapi;
pub mod render;
pub mod run;
pub mod service;
pub mod trust;
