//! Revocation and suspension as the issuer sees them: every credential gets one Bitstring Status
//! List entry per purpose its department publishes, at a random free index; the department's
//! lists are served as signed status list credentials, rebuilt only when a bit changed (or the
//! signing key, or when half their validity has passed), so a busy verifier population costs one
//! small query per request, not a signature.
//!
//! SD-JWT VCs use the Token Status List instead (the mechanism SD-JWT VC names): each list is
//! also served as a Status List Token at `{list}/token`, two bits per entry, so the entry an
//! SD-JWT VC points at (its revocation index) says valid, revoked or suspended in one value.

pub mod change;
mod entries;
pub mod lists;
mod publish;
pub mod registry;

pub use change::{CredentialStatusView, StatusChange};
pub use lists::{list_credential, sign_list, status_list_validity, token_url, LIST_SIZE, PURPOSES};
pub use registry::{PublishedList, StatusRegistry, DEFAULT_STATUS_TTL};
