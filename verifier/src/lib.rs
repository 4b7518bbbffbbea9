//! The verifier: an employer's tool for checking credentials and presentations issued by another
//! organization. It never holds a private key; all checking is `credentials`' pipeline, and this
//! crate adds the parts a person touches: finding the input files, running them on every core,
//! and saying the result in English or French.

pub mod cli;
pub mod render;
pub mod run;
pub mod service;
pub mod trust;
