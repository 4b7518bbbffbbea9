//! The verification pipeline shared by the verifier CLI, the verifier service and the wallet:
//! structure, proofs, who signed, validity window, schema, status and, for presentations, holder
//! binding and challenge. Each becomes a [`Check`](crate::Check) in the [`Report`](crate::Report);
//! nothing here decides policy beyond "did this check pass".

mod checks;
mod credential;
mod data_model;
mod jwt;
mod network;
mod presentation;
mod sd_jwt;
mod status;
mod verifier;
mod waiting;

pub use credential::{structure, subject_ids, validity, validity_with_skew, MAX_EMBEDDED};
pub use network::Network;
pub use verifier::{HolderBinding, PresentationOptions, Verifier};
