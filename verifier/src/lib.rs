//! The verifier: an employer's tool for checking credentials and presentations issued by another
//! organization. Its only private key signs its own OpenID4VP requests; all checking is
//! `credentials`' pipeline, and this crate adds the parts a person touches: finding the input
//! files, running them on every core, the verification service and its page, and saying the
//! result in English or French. Three layers: `domain` (the rules), `http` and `cli` around it.

pub mod cli;
pub mod domain;
pub mod http;
mod i18n;
pub mod store;
