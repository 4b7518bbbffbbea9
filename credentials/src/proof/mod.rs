//! Proofs embedded in a JSON-LD document (Data Integrity). Enveloping proofs (`vc+jwt`) live in
//! [`crate::jose`].

pub mod data_integrity;

pub use data_integrity::{add_proof, verify_proofs, HashedInput, ProofOptions, ProofOutcome, Suite};
