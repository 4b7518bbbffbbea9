//! The verifier's rules, apart from how anyone reaches them: verifying with the service's
//! policy (status, trusted issuers), single-use challenges, OpenID4VP presentation requests and
//! their outcomes, and the trusted-issuer registry. Nothing here knows HTTP or the terminal:
//! `http` and `cli` call in, never the other way.

pub mod challenges;
pub mod demand;
pub mod directory;
pub mod documents;
pub mod error;
pub mod figures;
pub mod ids;
pub mod oid4vp;
pub mod own_words;
pub mod page_ask;
pub mod profile;
pub mod registry_file;
pub mod request_key;
pub mod service;
pub mod summary;
pub mod trust;
pub mod untrusted;
pub mod visible;
