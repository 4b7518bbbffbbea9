//! The one library every Talent Credentials program shares: what a credential is, how it is
//! secured (Data Integrity `eddsa-rdfc-2022` / `eddsa-jcs-2022`, VC-JOSE `vc+jwt`, and the
//! verify-only `Ed25519Signature2020`), how issuers' keys are found (DIDs), and how a credential
//! or presentation is checked. Issuer, verifier and wallet call this crate instead of carrying
//! their own copy of any check, so a credential means the same thing everywhere.
//!
//! Network access goes through the [`did::DidResolver`] trait; nothing here opens a socket unless
//! the caller hands it a resolver that does.

pub mod canonical;
pub mod clock;
pub mod contexts;
pub mod dcql;
pub mod did;
pub mod envelope;
pub mod error;
mod i18n;
pub mod input;
pub mod jose;
pub mod jsonld;
pub mod jwt_shape;
pub mod multikey;
pub mod net;
pub mod oid4vp;
pub mod proof;
pub mod report;
pub mod sd_jwt;
pub mod sd_jwt_vc;
pub mod secure;
pub mod signer;
pub mod status;
pub mod trust_registry;
pub mod verify;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::Error;
pub use report::{Check, CheckKind, Failure, Outcome, Report};
pub use signer::Signer;

/// The reader's language from the environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`),
/// English when none is set. Every command-line program starts from this.
pub fn environment_lang() -> schemas::Lang {
    lang::environment_lang()
}
