//! The wallet's rules, apart from how they are asked for and shown: the encrypted store, what a
//! credential must pass to be kept, summaries, presentations, and the OpenID4VCI and OpenID4VP
//! exchanges as steps that neither print nor ask. No `clap`, no terminal, no sentence here: errors
//! are values, worded from the catalogue.

pub mod admission;
pub mod directory;
pub mod exchange;
pub mod exchange_error;
pub mod learned;
pub mod listing;
pub mod oid4vci;
pub mod oid4vp;
pub mod own_words;
pub mod present;
pub mod profile;
pub mod profile_file;
pub mod queried;
pub mod receiving;
pub mod self_issued;
pub mod store;
pub mod summary;
pub mod trust;
