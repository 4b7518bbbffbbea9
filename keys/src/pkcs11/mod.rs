//! Department keys inside a hardware security module, through PKCS#11 (SoftHSM2 in development
//! and CI). Keys are generated in the token, sensitive and not extractable, and only ever used
//! there: this process holds object handles and public keys, never private key bytes.
//!
//! One [`Token`] per module and token holds a pool of logged-in sessions: a PKCS#11 session
//! runs one operation at a time, so signing on a single session would serialize every issuance.
//! A failure that means the token, its login or a session is gone drops every pooled session;
//! the next request opens new ones, so a token that comes back (a PIN restored, a token
//! directory put back) is used again without restarting the service.

mod error;
mod key;
mod token;

pub use error::TokenError;
pub use key::HsmKey;
pub use token::{KeyFlags, Pin, PinSource, Token, TokenChoice, TokenConfig};
