//! Key-proof nonces (OpenID4VCI 1.0 §7): the nonce endpoint hands out a fresh, unpredictable
//! `c_nonce`; the credential endpoint accepts a key proof over it once, within its lifetime.
//!
//! The nonce endpoint is not a protected resource (§7.1): anyone can call it, and each call
//! stores a row (the nonce's hash, so that replicas share it and a use is a conditional delete
//! that only one of them wins). Its rows are therefore bounded three ways:
//!
//! - a nonce lives [`NONCE_SECONDS`]: a wallet asks for one just before its credential request;
//! - every issue first deletes the department's expired nonces, and a used one is deleted when
//!   it is used, so the table holds live nonces only, without a sweeper process;
//! - each department keeps at most [`MAX_LIVE_NONCES`]: past it, issuing a nonce deletes the
//!   oldest ones.
//!
//! At the cap the oldest are recycled rather than new ones refused. A refusal would let anyone
//! who calls the endpoint in a loop stop every wallet of the department from receiving a
//! credential for as long as the loop runs. Recycling keeps the endpoint answering: a flood only
//! shortens how long an unused nonce survives, to the cap divided by the rate the endpoint
//! allows each department (the per-department rate limit, 500 a second by default: at least two
//! seconds), while a wallet uses its nonce within milliseconds of getting it. A wallet whose
//! nonce was recycled anyway gets `invalid_nonce`, and OpenID4VCI wallets (this one included) then
//! ask for a new nonce and try again.

use chrono::{Duration, SecondsFormat};
use serde_json::{json, Value};

use crate::domain::error::IssuerError;
use crate::domain::secret::{random_bytes, sha256_hex};
use crate::domain::service::IssuerService;

/// How long a nonce can be used.
pub const NONCE_SECONDS: i64 = 300;
/// Live nonces kept per department; issuing one more recycles the oldest.
pub const MAX_LIVE_NONCES: i64 = 1_000;

impl IssuerService {
    /// Nonce endpoint: a fresh, single-use `c_nonce` for a key proof.
    pub async fn nonce(&self, department: &str) -> Result<Value, IssuerError> {
        self.issuer_profile(department).await?;
        self.charge_key(&format!("oid4vci-nonce:{department}"))?;
        let nonce = hex::encode(random_bytes(24));
        let expires =
            (self.clock.now() + Duration::seconds(NONCE_SECONDS)).to_rfc3339_opts(SecondsFormat::Millis, true);
        let hash = sha256_hex(nonce.as_bytes());
        self.store.insert_nonce(department, &hash, &expires, &self.now(), MAX_LIVE_NONCES).await?;
        Ok(json!({"c_nonce": nonce}))
    }

    /// Uses a nonce of `department` once: `false` when it is unknown, used, expired or recycled.
    pub async fn use_nonce(&self, department: &str, nonce: &str) -> Result<bool, IssuerError> {
        Ok(self.store.use_nonce(department, &sha256_hex(nonce.as_bytes()), &self.now()).await?)
    }
}
