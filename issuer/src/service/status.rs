//! Revocation and suspension as the issuer sees them: every credential gets one Bitstring Status
//! List entry per purpose its department publishes, at a random free index; the department's
//! lists are served as signed status list credentials, rebuilt only when a bit changed (or the
//! signing key, or when half their validity has passed), so a busy verifier population costs one
//! small query per request, not a signature.
//!
//! SD-JWT VCs use the Token Status List instead (the mechanism SD-JWT VC names): each list is
//! also served as a Status List Token at `{list}/token`, two bits per entry, so the entry an
//! SD-JWT VC points at (its revocation index) says valid, revoked or suspended in one value.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use credentials::contexts::ContextSet;
use credentials::proof::data_integrity::{self, ProofOptions, Suite};
use credentials::status::Bitstring;
use credentials::Signer;
use schemas::Lang;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{IssuerService, Principal, Scope};
use crate::i18n::{detail, t};
use crate::store::{StatusSlot, Store};
use crate::IssuerError;

/// The purposes a department may publish.
pub const PURPOSES: [&str; 2] = ["revocation", "suspension"];

/// Entries per list: the specification's minimum, which is also what keeps a list's URL from
/// narrowing down whose credential is checked.
pub const LIST_SIZE: i64 = credentials::status::MIN_ENTRIES as i64;

/// Indexes reserved per database round trip and purpose.
const BLOCK: usize = 1024;
/// When fewer reserved indexes are left, the next block is reserved in the background, so no
/// issuance waits on the database for an index.
const LOW_WATER: usize = 512;

/// How long a published list is valid; it is re-signed when half of this has passed.
const LIST_VALIDITY: Duration = Duration::from_secs(7 * 24 * 3600);

/// Indexes reserved by this process and not yet used, per (department, purpose).
type Pools = HashMap<(String, String), Pool>;

#[derive(Debug, Default)]
struct Pool {
    /// Reserved entries, the next one last (`pop`).
    slots: Vec<StatusSlot>,
    refilling: bool,
    /// Held while this process reserves indexes for this key.
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl Pool {
    /// Adds a reserved block behind what is left, so slots go out in the order they were
    /// reserved (the last of a full list before the first of the next).
    fn take(&mut self, block: Vec<StatusSlot>) {
        self.slots.splice(0..0, block.into_iter().rev());
    }
}

fn lock(pools: &std::sync::Mutex<Pools>) -> std::sync::MutexGuard<'_, Pools> {
    pools.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A signed status list credential ready to serve.
#[derive(Debug)]
pub struct PublishedList {
    pub body: String,
    pub etag: String,
    /// Seconds a verifier may cache it (`ttl` and `Cache-Control: max-age`).
    pub max_age: u64,
    version: i64,
    key: String,
    refresh_after: DateTime<Utc>,
}

type PublishedCache = RwLock<HashMap<(String, i64), Arc<PublishedList>>>;

impl PublishedList {
    /// The copy in `cache` if it can still be served: same `version`, signed by the current key,
    /// less than half its validity old.
    fn fresh(
        cache: &PublishedCache,
        key: &(String, i64),
        version: i64,
        signing_key: &str,
        now: DateTime<Utc>,
    ) -> Option<Arc<PublishedList>> {
        let published = cache.read().ok().and_then(|p| p.get(key).cloned())?;
        (published.version == version && published.key == signing_key && now < published.refresh_after)
            .then_some(published)
    }

    /// Keeps `body` (signed at `now` by `signing_key`) in `cache` as the copy to serve.
    fn publish(
        cache: &PublishedCache,
        key: (String, i64),
        body: String,
        version: i64,
        signing_key: &str,
        ttl: Duration,
        now: DateTime<Utc>,
    ) -> Arc<PublishedList> {
        let half = chrono::Duration::from_std(LIST_VALIDITY / 2).unwrap_or(chrono::Duration::days(3));
        let published = Arc::new(PublishedList {
            etag: format!("\"{}\"", &hex::encode(Sha256::digest(body.as_bytes()))[..32]),
            body,
            max_age: ttl.as_secs(),
            version,
            key: signing_key.to_owned(),
            refresh_after: now + half,
        });
        if let Ok(mut cache) = cache.write() {
            cache.insert(key, published.clone());
        }
        published
    }
}

/// Status lists state of one issuer process.
#[derive(Debug)]
pub struct StatusRegistry {
    /// Public base URL (no trailing slash) under which `/{department}/status/{n}` is served.
    base_url: String,
    ttl: Duration,
    /// Reserved, not yet used indexes per (department, purpose).
    pools: Arc<std::sync::Mutex<Pools>>,
    published: PublishedCache,
    tokens: PublishedCache,
    purposes: RwLock<HashMap<String, Vec<String>>>,
}

impl StatusRegistry {
    pub fn new(base_url: &str, ttl: Duration) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            ttl,
            pools: Arc::default(),
            published: RwLock::default(),
            tokens: RwLock::default(),
            purposes: RwLock::default(),
        }
    }

    /// The public base URL of the service, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn list_url(&self, department: &str, number: i64) -> String {
        format!("{}/{department}/status/{number}", self.base_url)
    }

    pub fn token_url(&self, department: &str, number: i64) -> String {
        token_url(&self.list_url(department, number))
    }

    /// One free index of the department's open list of `purpose`: from the indexes this
    /// process reserved, topped up in the background before they run out. One reservation per
    /// key at a time: when the pool is dry, requests wait for that one instead of each asking
    /// the database.
    async fn allocate(
        &self,
        store: &Store,
        department: &str,
        purpose: &str,
        now: &str,
    ) -> Result<StatusSlot, IssuerError> {
        let key = (department.to_owned(), purpose.to_owned());
        loop {
            let (slot, refill, gate) = {
                let mut pools = lock(&self.pools);
                let pool = pools.entry(key.clone()).or_default();
                let slot = pool.slots.pop();
                let refill = slot.is_some() && pool.slots.len() < LOW_WATER && !pool.refilling;
                pool.refilling |= refill;
                (slot, refill, pool.gate.clone())
            };
            if refill {
                let (store, pools, key, now, gate) =
                    (store.clone(), self.pools.clone(), key.clone(), now.to_owned(), gate.clone());
                tokio::spawn(async move {
                    let _turn = gate.lock().await;
                    let reserved = store.reserve_status_indexes(&key.0, &key.1, LIST_SIZE, BLOCK, &now).await;
                    let mut pools = lock(&pools);
                    let pool = pools.entry(key).or_default();
                    pool.refilling = false;
                    match reserved {
                        Ok(more) => pool.take(more),
                        Err(error) => tracing::warn!(%error, "reserving status list indexes failed; will retry"),
                    }
                });
            }
            if let Some(slot) = slot {
                return Ok(slot);
            }
            let _turn = gate.lock().await;
            // Someone may have refilled while this request waited for its turn.
            if lock(&self.pools).get(&key).is_some_and(|pool| !pool.slots.is_empty()) {
                continue;
            }
            let reserved = store.reserve_status_indexes(department, purpose, LIST_SIZE, BLOCK, now).await?;
            if reserved.is_empty() {
                return Err(IssuerError::Conflict(detail!("status-no-free-index", purpose = purpose)));
            }
            lock(&self.pools).entry(key.clone()).or_default().take(reserved);
        }
    }

    fn entry(&self, department: &str, purpose: &str, StatusSlot { list, index, .. }: StatusSlot) -> Value {
        let url = self.list_url(department, list);
        json!({
            "id": format!("{url}#{index}"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": index.to_string(),
            "statusListCredential": url,
        })
    }
}

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

/// A change of a credential's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Final.
    Revoke,
    Suspend,
    /// Lifts a suspension.
    Reinstate,
}

impl StatusChange {
    fn action(self) -> &'static str {
        match self {
            Self::Revoke => "credential.revoke",
            Self::Suspend => "credential.suspend",
            Self::Reinstate => "credential.reinstate",
        }
    }
}

/// A credential's status as its issuer records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CredentialStatusView {
    #[serde(rename = "credentialId")]
    pub credential_id: String,
    /// `active` or `revoked`; absent without a revocation entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<&'static str>,
    /// `active` or `suspended`; absent without a suspension entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension: Option<&'static str>,
}

impl IssuerService {
    /// The purposes `department` publishes (they never change after creation).
    async fn status_purposes(&self, department: &str) -> Result<Vec<String>, IssuerError> {
        if let Some(purposes) = self.status.purposes.read().ok().and_then(|p| p.get(department).cloned()) {
            return Ok(purposes);
        }
        let purposes = self.department_row(department).await?.status_purposes;
        if let Ok(mut cache) = self.status.purposes.write() {
            cache.insert(department.to_owned(), purposes.clone());
        }
        Ok(purposes)
    }

    /// Adds the department's status entries to a credential about to be signed; returns the
    /// (list, index) of each purpose. VC 1.1 credentials get none: their context does not
    /// define `BitstringStatusListEntry`.
    pub(super) async fn assign_status(
        &self,
        department: &str,
        credential: &mut serde_json::Map<String, Value>,
    ) -> Result<(Option<StatusSlot>, Option<StatusSlot>), IssuerError> {
        if credential.contains_key("credentialStatus") {
            return Err(IssuerError::Refused(detail!("status-assigned-by-issuer")));
        }
        let is_v2 = match credential.get("@context") {
            Some(Value::Array(items)) => {
                items.first().and_then(Value::as_str) == Some(credentials::contexts::CREDENTIALS_V2)
            }
            Some(Value::String(context)) => context == credentials::contexts::CREDENTIALS_V2,
            _ => false,
        };
        let purposes = self.status_purposes(department).await?;
        if !is_v2 || purposes.is_empty() {
            return Ok((None, None));
        }
        let now = self.now();
        let mut entries = Vec::new();
        let mut revocation = None;
        let mut suspension = None;
        for purpose in &purposes {
            let slot = self.status.allocate(&self.store, department, purpose, &now).await?;
            entries.push(self.status.entry(department, purpose, slot));
            match purpose.as_str() {
                "revocation" => revocation = Some(slot),
                _ => suspension = Some(slot),
            }
        }
        credential.insert("credentialStatus".into(), Value::Array(entries));
        Ok((revocation, suspension))
    }

    /// The signed status list credential `number` of `department`, rebuilt only when stale.
    pub async fn status_list(&self, department: &str, number: i64) -> Result<Arc<PublishedList>, IssuerError> {
        let row = self.store.status_list(department, number).await?.ok_or_else(|| {
            IssuerError::NotFound(detail!("status-list-of", number = number.to_string(), department = department))
        })?;
        let signer = self.signer(department).await?;
        let now = self.clock.now();
        let key = (department.to_owned(), number);
        if let Some(published) =
            PublishedList::fresh(&self.status.published, &key, row.version, signer.verification_method(), now)
        {
            return Ok(published);
        }
        let set = self.store.set_status_indexes(department, number).await?;
        let issuer = self.issuer_profile(department).await?.id;
        let url = self.status.list_url(department, number);
        let ttl = self.status.ttl;
        let contexts = self.contexts.clone();
        let size = usize::try_from(row.size).unwrap_or(credentials::status::MIN_ENTRIES);
        let signing_key = signer.clone();
        let signed = tokio::task::spawn_blocking(move || {
            let list = list_credential(&url, &issuer, &row.purpose, size, &set, now, ttl);
            sign_list(&list, signing_key.as_ref(), now, &contexts)
        })
        .await
        .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "status-list-signing-failed", reason = e.to_string())))??;
        let body = signed.to_string();
        let signing_key = signer.verification_method();
        Ok(PublishedList::publish(&self.status.published, key, body, row.version, signing_key, ttl, now))
    }

    /// The signed Status List Token of list `number` of `department`: each entry of the list
    /// valid (0), revoked (1) or suspended (2). It depends on the department's other list too,
    /// so it is rebuilt when any of the department's bits changed.
    pub async fn status_token(&self, department: &str, number: i64) -> Result<Arc<PublishedList>, IssuerError> {
        use credentials::status::token;
        let row = self.store.status_list(department, number).await?.ok_or_else(|| {
            IssuerError::NotFound(detail!("status-list-of", number = number.to_string(), department = department))
        })?;
        let signer = self.signer(department).await?;
        let now = self.clock.now();
        let generation = self.store.status_generation(department).await?;
        let key = (department.to_owned(), number);
        if let Some(published) =
            PublishedList::fresh(&self.status.tokens, &key, generation, signer.verification_method(), now)
        {
            return Ok(published);
        }
        let own = self.store.set_status_indexes(department, number).await?;
        let other = self.store.other_purpose_set(department, number, &row.purpose).await?;
        let (own_value, other_value) = if row.purpose == "revocation" {
            (token::INVALID, token::SUSPENDED)
        } else {
            (token::SUSPENDED, token::INVALID)
        };
        // Packed in order, so revoked (written last) wins over suspended.
        let mut values: Vec<(usize, u8)> = own
            .iter()
            .map(|index| (*index, own_value))
            .chain(other.iter().map(|index| (*index, other_value)))
            .filter_map(|(index, value)| usize::try_from(index).ok().map(|index| (index, value)))
            .collect();
        values.sort_by_key(|(_, value)| *value == token::INVALID);
        let size = usize::try_from(row.size).unwrap_or(credentials::status::MIN_ENTRIES);
        let bytes = token::pack(size, token::BITS, &values);
        let issuer = self.issuer_profile(department).await?.id;
        let uri = self.status.token_url(department, number);
        let ttl = self.status.ttl;
        let exp = now + chrono::Duration::from_std(LIST_VALIDITY).unwrap_or(chrono::Duration::days(7));
        let claims =
            token::token_claims(&uri, &issuer, token::BITS, &bytes, now.timestamp(), exp.timestamp(), ttl.as_secs());
        let signing_key = signer.clone();
        let body = tokio::task::spawn_blocking(move || {
            credentials::jose::sign(&claims, signing_key as Arc<dyn Signer>, token::TOKEN_TYPE)
        })
        .await
        .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "status-token-signing-failed", reason = e.to_string())))??;
        let signing_key = signer.verification_method();
        Ok(PublishedList::publish(&self.status.tokens, key, body, generation, signing_key, ttl, now))
    }

    /// Revokes, suspends or reinstates one of the department's credentials; audited with
    /// `actor` and `reason`. Revocation is final.
    pub async fn change_status(
        &self,
        department: &str,
        credential_id: &str,
        changes: &[StatusChange],
        reason: &str,
        actor: &str,
    ) -> Result<CredentialStatusView, IssuerError> {
        let row = self
            .store
            .credential(department, credential_id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-credential", id = credential_id)))?;
        let bit = |slot: Option<(i64, i64)>| async move {
            match slot {
                Some((list, index)) => self.store.status_bit(department, list, index).await.map(|b| b.unwrap_or(false)),
                None => Ok(false),
            }
        };
        let mut revoked = bit(row.revocation.map(StatusSlot::bit)).await?;
        let mut suspended = bit(row.suspension.map(StatusSlot::bit)).await?;
        let missing =
            |purpose: &str| IssuerError::Conflict(detail!("status-no-entry", id = credential_id, purpose = purpose));
        // Every change is checked, in order, before any is written; then all are written in one
        // transaction (found by review: a revocation was committed although the request's next
        // change was refused, and the client was told the request failed).
        let (mut bits, mut audits) = (Vec::new(), Vec::new());
        for change in changes {
            let (slot, value) = match change {
                StatusChange::Revoke => (row.revocation.ok_or_else(|| missing("revocation"))?.bit(), true),
                StatusChange::Suspend | StatusChange::Reinstate if revoked => {
                    return Err(IssuerError::Conflict(detail!("status-revocation-final", id = credential_id)))
                }
                StatusChange::Suspend => (row.suspension.ok_or_else(|| missing("suspension"))?.bit(), true),
                StatusChange::Reinstate => (row.suspension.ok_or_else(|| missing("suspension"))?.bit(), false),
            };
            audits.push(self.audit(
                Some(department),
                actor,
                change.action(),
                json!({"id": credential_id, "reason": reason, "list": slot.0, "index": slot.1}),
            ));
            bits.push((slot.0, slot.1, value));
            match change {
                StatusChange::Revoke => revoked = true,
                StatusChange::Suspend => suspended = true,
                StatusChange::Reinstate => suspended = false,
            }
        }
        self.store.set_status_bits(department, &bits, &audits).await?;
        Ok(CredentialStatusView {
            credential_id: credential_id.to_owned(),
            revocation: row.revocation.map(|_| if revoked { "revoked" } else { "active" }),
            suspension: row.suspension.map(|_| if suspended { "suspended" } else { "active" }),
        })
    }

    /// A status change asked over HTTP: the caller's own department, `revoke` scope.
    pub async fn change_status_as(
        &self,
        principal: &Principal,
        credential_id: &str,
        changes: &[StatusChange],
        reason: &str,
    ) -> Result<CredentialStatusView, IssuerError> {
        principal.require(Scope::Revoke)?;
        self.change_status(&principal.department, credential_id, changes, reason, &principal.actor()).await
    }
}
