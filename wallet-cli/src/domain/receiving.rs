//! How far the wallet got in receiving one offer, sealed in its store before each step, so that
//! a receive cut short (the wallet killed, the network dropped between the token and the
//! credential) resumes from its last step when the same offer link is given again, instead of
//! trading the single-use code a second time and losing the credential the issuer has issued.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::store::{StoreError, Wallet};

/// The progress of receiving one offer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// The offer as read (an offer by reference is not fetched again: the issuer may no longer
    /// serve it once its code is used).
    pub offer: Value,
    /// The address of the host the link named, reached as named (see `exchange::with_chosen_host`).
    pub origin: Option<String>,
    /// Set just before the code is traded for a token, cleared when the issuer refuses: set
    /// without a token, the issuer's answer was lost and it may count the code as used.
    pub token_asked_at: Option<String>,
    pub access_token: Option<String>,
    pub token_expires_at: Option<DateTime<Utc>>,
    /// The last nonce asked for the key proof.
    pub c_nonce: Option<String>,
    /// The credential as the issuer sent it, kept until it is stored (or aside, when it does not
    /// verify).
    pub credential: Option<String>,
    /// The wallet id it was stored under: the offer is done.
    pub kept_as: Option<String>,
}

/// The name of the record of the offer `link`: a digest, so the link (and its code) is not in a
/// file name.
pub fn key(link: &str) -> String {
    hex::encode(&Sha256::digest(link.trim().as_bytes())[..16])
}

/// The progress of receiving `link`, if it was started in this wallet.
pub fn load(wallet: &Wallet, link: &str) -> Result<Option<Progress>, StoreError> {
    let Some(bytes) = wallet.record(&key(link))? else {
        return Ok(None);
    };
    // A record this version cannot read is started again, as if there were none.
    Ok(serde_json::from_slice(&bytes).ok())
}

/// Seals `progress` as the record of `link`.
pub fn save(wallet: &Wallet, link: &str, progress: &Progress) -> Result<(), StoreError> {
    // Strings, dates and JSON values only: serializing cannot fail.
    let bytes = serde_json::to_vec(progress).unwrap_or_default();
    wallet.save_record(&key(link), &bytes)
}

/// Records that the credential of `link` was stored as `id`: the token and the credential are
/// forgotten, the offer is done.
pub fn done(wallet: &Wallet, link: &str, id: &str) -> Result<(), StoreError> {
    let mut progress = load(wallet, link)?.unwrap_or_default();
    progress.access_token = None;
    progress.c_nonce = None;
    progress.credential = None;
    progress.kept_as = Some(id.to_owned());
    save(wallet, link, &progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_sealed_under_a_digest_of_the_link_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let kdf = keys::KdfParams { memory_kib: 64, iterations: 1, parallelism: 1 };
        let wallet = Wallet::init(dir.path(), "pw", kdf).unwrap();
        let link = "openid-credential-offer://?credential_offer=%7B%22secret-code%22%7D";
        assert!(load(&wallet, link).unwrap().is_none());
        let progress = Progress { access_token: Some("at.secret".into()), ..Progress::default() };
        save(&wallet, link, &progress).unwrap();
        assert_eq!(load(&wallet, &format!(" {link}\n")).unwrap().unwrap().access_token.as_deref(), Some("at.secret"));
        let file = dir.path().join("receiving").join(format!("{}.sealed", key(link)));
        let bytes = std::fs::read(file).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"secret"), "sealed");
        done(&wallet, link, "0123456789abcdef").unwrap();
        let finished = load(&wallet, link).unwrap().unwrap();
        assert_eq!((finished.kept_as.as_deref(), finished.access_token), (Some("0123456789abcdef"), None));
    }
}
