//! The status lists state of one issuer process: indexes reserved from the database and not yet
//! used (so no issuance waits on the database for an index), and the signed copies of lists
//! served until a bit, the signing key, or half their validity changes.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::domain::error::IssuerError;
use crate::domain::status::lists::{token_url, LIST_SIZE, LIST_VALIDITY};
use crate::i18n::detail;
use crate::store::{StatusSlot, Store};

/// How long verifiers may cache a status list by default: a revocation reaches them within this.
pub const DEFAULT_STATUS_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// Indexes reserved per database round trip and purpose.
const BLOCK: usize = 1024;
/// When fewer reserved indexes are left, the next block is reserved in the background, so no
/// issuance waits on the database for an index.
const LOW_WATER: usize = 512;

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

pub(super) type PublishedCache = RwLock<HashMap<(String, i64), Arc<PublishedList>>>;

impl PublishedList {
    /// The copy in `cache` if it can still be served: same `version`, signed by the current key,
    /// less than half its validity old.
    pub(super) fn fresh(
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
    pub(super) fn publish(
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
    pub(super) ttl: Duration,
    /// Reserved, not yet used indexes per (department, purpose).
    pools: Arc<std::sync::Mutex<Pools>>,
    /// The signed status list credentials served, and the Status List Tokens.
    pub(super) published: PublishedCache,
    pub(super) tokens: PublishedCache,
    /// The purposes each department publishes (they never change after creation).
    pub(super) purposes: RwLock<HashMap<String, Vec<String>>>,
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
    pub(super) async fn allocate(
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

    pub(super) fn entry(&self, department: &str, purpose: &str, StatusSlot { list, index, .. }: StatusSlot) -> Value {
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
