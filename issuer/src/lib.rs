//! The issuer: a department's tool for issuing skill and assignment credentials, as a web
//! service and from the command line. Every credential is checked against the same rules the
//! verifier applies before it is signed, so the issuer never signs what a verifier would reject.
//!
//! Three layers: `domain` holds the rules and knows nothing of HTTP or terminals; `http` (the
//! service's routes) and `cli` (the `issuer` command line) are adapters over it; `store` is the
//! only place with SQL.

pub mod cli;
pub mod domain;
pub mod http;
mod i18n;
pub mod store;

// The paths other crates name (`issuer::service::IssuerService`, `issuer::sign::sign`,
// `issuer::template::skill`), kept while they move to `issuer::domain`.
pub use domain::error::IssuerError;
pub use domain::{self as service, sign, template};
