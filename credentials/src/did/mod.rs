//! Finding an issuer's or holder's public key from a DID URL. Resolution is behind the
//! [`DidResolver`] trait so the library itself never touches the network: `did:key` is decoded
//! in memory, `did:web` goes through [`web::WebResolver`] only when the caller opts in, and tests
//! hand in a [`StaticResolver`].

mod document;
mod jwk;
mod key;
mod resolver;
mod resolvers;
pub mod web;

pub use document::{DidDocument, MethodReference, Purpose, VerificationMethod};
pub use jwk::{did_jwk_document, did_jwk_for};
pub use key::{did_key_document, did_key_for};
pub use resolver::{did_of, resolve_key, DidResolver};
pub use resolvers::{OnlineResolver, StaticResolver};
