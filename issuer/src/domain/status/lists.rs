//! What a status list is on the wire: the unsigned Bitstring Status List credential of a list,
//! its signature, how long it is valid, and where its Status List Token is served.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use credentials::contexts::ContextSet;
use credentials::proof::data_integrity::{self, ProofOptions, Suite};
use credentials::status::Bitstring;
use credentials::Signer;
use serde_json::{json, Value};

use crate::domain::error::IssuerError;

/// The purposes a department may publish.
pub const PURPOSES: [&str; 2] = ["revocation", "suspension"];

/// Entries per list: the specification's minimum, which is also what keeps a list's URL from
/// narrowing down whose credential is checked.
pub const LIST_SIZE: i64 = credentials::status::MIN_ENTRIES as i64;

/// How long a published list is valid; it is re-signed when half of this has passed.
pub(super) const LIST_VALIDITY: Duration = Duration::from_secs(7 * 24 * 3600);

/// How long a published status list is valid: a cache period (`ttl`) cannot be longer.
pub fn status_list_validity() -> Duration {
    LIST_VALIDITY
}

/// Where the Status List Token of the list at `list_url` is served.
pub fn token_url(list_url: &str) -> String {
    format!("{list_url}/token")
}

/// The unsigned status list credential of a list whose set bits are `set`.
pub fn list_credential(
    url: &str,
    issuer: &str,
    purpose: &str,
    size: usize,
    set: &[i64],
    now: DateTime<Utc>,
    ttl: Duration,
) -> Value {
    let mut bits = Bitstring::zeroed(size);
    for index in set {
        if let Ok(index) = usize::try_from(*index) {
            bits.set(index, true);
        }
    }
    let until = now + chrono::Duration::from_std(LIST_VALIDITY).unwrap_or(chrono::Duration::days(7));
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "validUntil": until.to_rfc3339_opts(SecondsFormat::Secs, true),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": bits.encode(),
            "ttl": ttl.as_millis() as u64,
        }
    })
}

/// Signs a status list credential with `eddsa-rdfc-2022`, what every verifier reads.
pub fn sign_list(
    list: &Value,
    signer: &dyn Signer,
    now: DateTime<Utc>,
    contexts: &ContextSet,
) -> Result<Value, IssuerError> {
    Ok(data_integrity::add_proof(list, signer, &ProofOptions::new(Suite::EddsaRdfc2022, now), contexts)?)
}
