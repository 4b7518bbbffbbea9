//! `verifier serve` as HTTP: the routes, one file per family (VC-API verification, challenges,
//! the requesting party's presentation requests, the wallet's OpenID4VP endpoints, the web
//! page, health and the OpenAPI document), the request and response types, and the one place
//! that turns an error into a status and a body (`problem`). Handlers read the request and call
//! `domain`; the rules are there.

pub mod challenges;
pub mod directory;
pub mod health;
pub mod language;
pub mod logging;
pub mod oid4vp;
pub mod openapi;
pub mod presentation_requests;
pub mod problem;
pub mod request;
pub mod router;
pub mod serve;
pub mod types;
pub mod verification;
pub mod web;

pub use router::{app, app_with};
pub use serve::{serve, ServeOptions};
pub use web::page::CONTENT_SECURITY_POLICY;
