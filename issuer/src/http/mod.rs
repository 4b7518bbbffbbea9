//! The HTTP face of the issuer (W3C CCG VC-API issuance, template endpoints, OpenID4VCI, status
//! lists, DID documents, health): one file per route family, each handler a short adapter from
//! HTTP to [`IssuerService`](crate::domain::IssuerService). Statuses are chosen in `problem.rs`
//! only.

mod admin;
mod console;
mod extract;
mod health;
mod issuance;
mod oauth;
mod oid4vci;
pub mod openapi;
mod problem;
mod published;
mod router;
mod status;
mod types;

pub use issuance::MAX_BATCH_ROWS;
pub use router::{app, DEFAULT_BODY_LIMIT};
