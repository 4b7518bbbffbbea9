//! SD-JWT (RFC 9901): a JWT whose issuer replaced some claims by salted digests, so the holder
//! can later reveal only the claims a verifier needs while the issuer's signature still covers
//! all of them. This module is the format alone (disclosures, digests, key binding); what the
//! claims mean for our credentials is `sd_jwt_vc`.
//!
//! Built on `josekit` rather than an SD-JWT crate: the Rust SD-JWT crates we looked at either
//! switch serde_json to `arbitrary_precision` for the whole workspace (which changes how every
//! other number is read) or bring a second JWS stack, and none names *why* an SD-JWT is refused,
//! which our reports must (see docs/decisions/0004-sd-jwt-vc.md).
//!
//! Verification is strict where RFC 9901 §7.1 says "MUST reject": a digest met twice, a
//! disclosure used twice or not at all, a disclosed name that already exists, `_sd` or `...` as
//! a disclosed name, an `_sd_alg` other than `sha-256`.

mod claim_path;
mod compact;
mod conceal;
mod disclosure;
mod key_binding;
mod reveal;

pub use claim_path::{ClaimPath, Step};
pub use compact::{decode_payload, verify_issuer_signature, Compact, MAX_DISCLOSURES};
pub use conceal::{conceal, issue};
pub use disclosure::{digest, Disclosure, SD_ALG};
pub use key_binding::{bind, verify_key_binding, Binding, KeyBinding, KeyBindingPolicy, KB_JWT_TYPE};
pub use reveal::{reveal, reveal_owned, select, Revealed, MAX_DEPTH};
