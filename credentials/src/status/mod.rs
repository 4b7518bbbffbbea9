//! Bitstring Status List v1.0: is a credential revoked or suspended? A verifier downloads the
//! list shared by many credentials (so the issuer does not learn which one is checked), verifies
//! it like any credential, and reads one bit. Lists are cached per URL for as long as the issuer's
//! `ttl` and `Cache-Control` allow (capped by the verifier), revalidated with `ETag`, and checks of
//! the same list made at the same time share one download. What is cached is the list *after* its
//! proof was verified and its bits inflated, so a warm check costs a lookup, not a signature.
//!
//! A list that cannot be downloaded leaves the status unknown, never "active"; a list that was
//! downloaded but is wrong (bad proof, another issuer, expired, not base64url GZIP, a GZIP bomb,
//! too short) is an error of its own kind.

pub mod bitstring;
pub mod entry;
pub mod token;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

pub use bitstring::{Bitstring, MIN_ENTRIES};
pub use entry::{entries, StatusEntry};

use crate::error::{Detail, StatusError};
use crate::i18n::t;
use crate::net::{HttpPolicy, NetError};

/// The `type` of a status list credential.
pub const LIST_CREDENTIAL_TYPE: &str = "BitstringStatusListCredential";
/// The `type` of its subject.
pub const LIST_TYPE: &str = "BitstringStatusList";

/// A status list credential whose proof verified, with its bits inflated.
#[derive(Debug, Clone)]
pub struct VerifiedList {
    pub issuer: String,
    /// `statusPurpose` of the list (one list may serve several).
    pub purposes: Vec<String>,
    pub bits: Bitstring,
    pub valid_from: Option<DateTime<Utc>>,
    pub valid_until: Option<DateTime<Utc>>,
    /// The issuer's `ttl`: how long the list may be used before fetching it again.
    pub ttl: Option<Duration>,
    /// Bits per entry: 1 for a Bitstring Status List (most significant bit first), a Status
    /// List Token's `bits` (least significant first, see [`token`]).
    pub entry_bits: u8,
}

/// What a download produced.
#[derive(Debug)]
pub enum Fetched {
    /// The copy we hold (its `ETag` matched) is still current.
    NotModified {
        max_age: Option<Duration>,
    },
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        max_age: Option<Duration>,
    },
}

/// Where status lists come from: HTTPS in production, fixed files offline and in tests.
pub trait ListSource: Send + Sync + std::fmt::Debug {
    fn fetch(&self, url: &str, etag: Option<&str>) -> Result<Fetched, StatusError>;
}

/// Status lists over HTTPS, under the same address rules as `did:web`.
#[derive(Debug, Clone)]
pub struct HttpLists {
    pub http: HttpPolicy,
    /// Largest response read.
    pub max_bytes: usize,
}

impl HttpLists {
    pub fn new(http: HttpPolicy) -> Self {
        Self { http, max_bytes: DEFAULT_MAX_LIST_BYTES }
    }
}

/// Both kinds of list: Bitstring Status List credentials and Status List Tokens.
const ACCEPT: &str = "application/vc+ld+json, application/vc+jwt, application/statuslist+jwt, application/json";

/// Largest status list credential read (a list of many entries with many bits set).
pub const DEFAULT_MAX_LIST_BYTES: usize = 4 * 1024 * 1024;

impl ListSource for HttpLists {
    fn fetch(&self, url: &str, etag: Option<&str>) -> Result<Fetched, StatusError> {
        let retrieval = |detail: Detail| StatusError::Retrieval { url: url.to_owned(), detail };
        let parsed = url::Url::parse(url).map_err(|e| {
            retrieval(Detail::localized(|lang| t!(lang, "status-fetch-not-url", detail = e.to_string())))
        })?;
        let response = self
            .http
            .get(&parsed, ACCEPT, etag, self.max_bytes)
            .map_err(|error: NetError| retrieval(error.detail()))?;
        let max_age = response.cache_control.as_deref().and_then(crate::net::max_age);
        if response.status == 304 {
            return Ok(Fetched::NotModified { max_age });
        }
        Ok(Fetched::Body { bytes: response.body, etag: response.etag, max_age })
    }
}

/// Status list credentials given as files (URL → bytes): offline checks and tests.
#[derive(Debug, Default, Clone)]
pub struct StaticLists {
    lists: HashMap<String, Vec<u8>>,
}

impl StaticLists {
    pub fn insert(&mut self, url: impl Into<String>, bytes: Vec<u8>) {
        self.lists.insert(url.into(), bytes);
    }
}

impl ListSource for StaticLists {
    fn fetch(&self, url: &str, _etag: Option<&str>) -> Result<Fetched, StatusError> {
        self.lists.get(url).map(|bytes| Fetched::Body { bytes: bytes.clone(), etag: None, max_age: None }).ok_or_else(
            || StatusError::Retrieval {
                url: url.to_owned(),
                detail: Detail::localized(|lang| t!(lang, "status-fetch-not-given")),
            },
        )
    }
}

/// The verifier's status policy.
#[derive(Debug, Clone)]
pub struct StatusConfig {
    /// Longest a list is used without asking the issuer again, whatever the issuer says.
    pub max_cache: Duration,
    /// How long a list is used when the issuer gives neither `ttl` nor `Cache-Control`.
    pub default_cache: Duration,
    /// How long a failed download (or a list that failed verification) is remembered, so a
    /// batch does not hammer a broken server.
    pub error_cache: Duration,
    /// Largest inflated bitstring, in bytes (anything larger is a GZIP bomb).
    pub max_inflated_bytes: usize,
    /// Fewest entries a list may have (the specification's 131,072).
    pub min_entries: usize,
    /// When a list cannot be downloaded: fail the credential (true) or report "unknown" (false).
    pub unknown_fails: bool,
    /// How far ahead of this verifier's clock a list's `validFrom` may be: a list re-signed a
    /// moment ago by an issuer whose clock runs slightly ahead is still usable.
    pub clock_skew: Duration,
    /// Shortest time between two downloads of one list when a reader asks for its status to be
    /// read again ([`StatusLists::read_again`]): a page's "check again now" pressed by many
    /// managers at once costs the issuer one download per list in this period.
    pub min_reread: Duration,
}

impl Default for StatusConfig {
    fn default() -> Self {
        Self {
            max_cache: Duration::from_secs(300),
            default_cache: Duration::from_secs(60),
            error_cache: Duration::from_secs(5),
            max_inflated_bytes: 2 * 1024 * 1024,
            min_entries: MIN_ENTRIES,
            unknown_fails: false,
            clock_skew: crate::clock::DEFAULT_CLOCK_SKEW,
            min_reread: Duration::from_secs(60),
        }
    }
}

#[derive(Debug)]
struct Cached {
    list: Result<Arc<VerifiedList>, StatusError>,
    etag: Option<String>,
    fresh_until: Instant,
    fetched: Instant,
}

/// A list found past its `validUntil` is downloaded again at most this often: an issuer that
/// keeps serving an expired list does not get a download per check.
const EXPIRED_REFETCH_INTERVAL: Duration = Duration::from_secs(30);

impl Cached {
    /// Whether a check at `now` would download it again: it is stale, or it is a list past its
    /// `validUntil` that was read long enough ago.
    fn wants_fetch(&self, now: DateTime<Utc>) -> bool {
        let expired = self.list.as_ref().is_ok_and(|list| list.valid_until.is_some_and(|until| until < now));
        Instant::now() >= self.fresh_until || (expired && self.fetched.elapsed() >= EXPIRED_REFETCH_INTERVAL)
    }
}

/// Most list URLs remembered; past that the cache starts over (a verifier sees a few issuers).
const MAX_CACHED_LISTS: usize = 1_000;
/// Most inflated bytes held across cached lists; past that the cache starts over.
const MAX_CACHED_BYTES: usize = 64 * 1024 * 1024;
/// Longest a list is reused without asking again, whatever the configuration or the issuer say.
const MAX_FRESHNESS: Duration = Duration::from_secs(30 * 24 * 3600);

/// Cached, verified status lists.
#[derive(Debug)]
pub struct StatusLists {
    source: Arc<dyn ListSource>,
    pub config: StatusConfig,
    slots: Mutex<HashMap<String, Arc<Mutex<Option<Cached>>>>>,
    cached_bytes: std::sync::atomic::AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl StatusLists {
    pub fn new(source: Arc<dyn ListSource>, config: StatusConfig) -> Self {
        Self { source, config, slots: Mutex::new(HashMap::new()), cached_bytes: Default::default() }
    }

    fn freshness(&self, max_age: Option<Duration>, ttl: Option<Duration>) -> Duration {
        let issuer_says = match (max_age, ttl) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => self.config.default_cache,
        };
        // Bounded, so that `Instant + freshness` cannot overflow whatever `--status-cache` says.
        issuer_says.min(self.config.max_cache).min(MAX_FRESHNESS)
    }

    /// Whether [`StatusLists::list`] would wait now: the list at `url` is not in cache and fresh,
    /// or another check is downloading it. Never blocks.
    pub fn would_fetch(&self, url: &str, now: DateTime<Utc>) -> bool {
        self.would_fetch_key(url, now)
    }

    /// [`StatusLists::would_fetch`] for a Status List Token.
    pub fn would_fetch_token(&self, uri: &str, now: DateTime<Utc>) -> bool {
        self.would_fetch_key(&token_key(uri), now)
    }

    fn would_fetch_key(&self, key: &str, now: DateTime<Utc>) -> bool {
        let Some(slot) = lock(&self.slots).get(key).cloned() else {
            return true;
        };
        let wants = match slot.try_lock() {
            Ok(cached) => cached.as_ref().is_none_or(|c| c.wants_fetch(now)),
            Err(_) => true,
        };
        wants
    }

    /// Makes the next read of the Bitstring list at `url` (or, `token`, of the Status List
    /// Token at `url`) download it again (revalidated with its `ETag`), unless it was downloaded
    /// less than `config.min_reread` ago: then the copy in cache, that recent, answers.
    pub fn read_again(&self, url: &str, token: bool) {
        let key = if token { token_key(url) } else { url.to_owned() };
        let Some(slot) = lock(&self.slots).get(&key).cloned() else {
            return;
        };
        let mut slot = lock(&slot);
        if let Some(cached) = slot.as_mut().filter(|cached| cached.fetched.elapsed() >= self.config.min_reread) {
            cached.fresh_until = Instant::now();
        }
    }

    /// The verified list at `url`: from the cache while fresh, else downloaded (or revalidated)
    /// and checked with `verify`. Concurrent callers for one URL wait for a single download.
    pub fn list(
        &self,
        url: &str,
        verify: &dyn Fn(&[u8]) -> Result<VerifiedList, StatusError>,
    ) -> Result<Arc<VerifiedList>, StatusError> {
        self.cached(url, url, verify)
    }

    /// [`StatusLists::list`] under cache key `key`: Bitstring lists under their URL, tokens
    /// under [`token_key`], so one kind of list never answers for the other (nor does a failed
    /// read of a URL as the wrong kind spoil the right one).
    fn cached(
        &self,
        key: &str,
        url: &str,
        verify: &dyn Fn(&[u8]) -> Result<VerifiedList, StatusError>,
    ) -> Result<Arc<VerifiedList>, StatusError> {
        let slot = {
            let mut slots = lock(&self.slots);
            if slots.len() >= MAX_CACHED_LISTS && !slots.contains_key(key) {
                slots.clear();
            }
            slots.entry(key.to_owned()).or_default().clone()
        };
        let mut slot = lock(&slot);
        let now = Instant::now();
        if let Some(cached) = slot.as_ref().filter(|c| now < c.fresh_until) {
            return cached.list.clone();
        }
        let etag = slot.as_ref().filter(|c| c.list.is_ok()).and_then(|c| c.etag.clone());
        let held = slot.as_ref().and_then(|c| c.list.as_ref().ok()).map_or(0, |list| list.bits.as_bytes().len());
        let (list, etag, fresh) = match self.source.fetch(url, etag.as_deref()) {
            Ok(Fetched::NotModified { max_age }) => match slot.take() {
                Some(Cached { list: Ok(list), etag, .. }) => {
                    let fresh = self.freshness(max_age, list.ttl);
                    (Ok(list), etag, fresh)
                }
                _ => (
                    Err(StatusError::Retrieval {
                        url: url.to_owned(),
                        detail: Detail::localized(|lang| t!(lang, "status-fetch-not-modified-uncached")),
                    }),
                    None,
                    self.config.error_cache,
                ),
            },
            Ok(Fetched::Body { bytes, etag, max_age }) => match verify(&bytes) {
                Ok(list) => {
                    let fresh = self.freshness(max_age, list.ttl);
                    (Ok(Arc::new(list)), etag, fresh)
                }
                Err(error) => (Err(error), None, self.config.error_cache.min(self.config.max_cache)),
            },
            Err(error) => (Err(error), None, self.config.error_cache.min(self.config.max_cache)),
        };
        // The bytes held change by the new list's size less the one it replaces (a 304 keeps
        // the same list: no change).
        {
            use std::sync::atomic::Ordering;
            let size = list.as_ref().map_or(0, |verified| verified.bits.as_bytes().len());
            let revalidated = matches!((&list, slot.as_ref()), (Ok(_), None)) && held > 0;
            if !revalidated {
                let change = |bytes: usize| Some(bytes.saturating_sub(held).saturating_add(size));
                let before = self.cached_bytes.fetch_update(Ordering::Relaxed, Ordering::Relaxed, change);
                let after = before.map_or(0, |bytes| bytes.saturating_sub(held).saturating_add(size));
                if after > MAX_CACHED_BYTES {
                    // Every list is dropped (this one lives on only in its caller's hands).
                    lock(&self.slots).clear();
                    self.cached_bytes.store(0, Ordering::Relaxed);
                }
            }
        }
        let now = Instant::now();
        let fresh_until = now.checked_add(fresh).unwrap_or(now);
        *slot = Some(Cached { list: list.clone(), etag, fresh_until, fetched: now });
        list
    }

    /// [`StatusLists::cached`], fetched again (once) when the cached copy's `validUntil` has
    /// passed: the issuer may have published a new list before our cache period ended.
    fn current(
        &self,
        key: &str,
        url: &str,
        now: DateTime<Utc>,
        verify: &dyn Fn(&[u8]) -> Result<VerifiedList, StatusError>,
    ) -> Result<Arc<VerifiedList>, StatusError> {
        let list = self.cached(key, url, verify)?;
        if list.valid_until.is_none_or(|until| until >= now) {
            return Ok(list);
        }
        let slot = lock(&self.slots).get(key).cloned();
        let Some(slot) = slot else {
            return Ok(list);
        };
        {
            let mut cached = lock(&slot);
            match cached.as_mut() {
                Some(cached) if cached.wants_fetch(now) => cached.fresh_until = Instant::now(),
                _ => return Ok(list),
            }
        }
        self.cached(key, url, verify)
    }

    /// Whether the entry's bit is set (`true`: revoked, suspended…), after checking that the list
    /// belongs to `issuer`, serves the entry's purpose, is valid at `now` and is long enough.
    pub fn bit(
        &self,
        entry: &StatusEntry,
        issuer: Option<&str>,
        now: DateTime<Utc>,
        verify: &dyn Fn(&[u8]) -> Result<VerifiedList, StatusError>,
    ) -> Result<bool, StatusError> {
        let list = self.current(&entry.list, &entry.list, now, verify)?;
        self.usable(&list, issuer, now)?;
        if !list.purposes.contains(&entry.purpose) {
            return Err(StatusError::PurposeMismatch { list: list.purposes.join(", "), entry: entry.purpose.clone() });
        }
        if list.bits.len() < self.config.min_entries {
            return Err(StatusError::TooShort { entries: list.bits.len(), minimum: self.config.min_entries });
        }
        let index = usize::try_from(entry.index).unwrap_or(usize::MAX);
        list.bits.get(index).ok_or(StatusError::IndexOutOfRange { index: entry.index, entries: list.bits.len() })
    }

    /// The value of entry `reference.index` of a Status List Token (0 valid, 1 invalid, 2
    /// suspended), after the same checks of issuer and validity as [`StatusLists::bit`].
    pub fn token_value(
        &self,
        reference: &token::Reference,
        issuer: Option<&str>,
        now: DateTime<Utc>,
        verify: &dyn Fn(&[u8]) -> Result<VerifiedList, StatusError>,
    ) -> Result<u8, StatusError> {
        let list = self.current(&token_key(&reference.uri), &reference.uri, now, verify)?;
        self.usable(&list, issuer, now)?;
        let entries = list.bits.as_bytes().len() * 8 / usize::from(list.entry_bits.max(1));
        usize::try_from(reference.index)
            .ok()
            .and_then(|index| token::value_at(list.bits.as_bytes(), index, list.entry_bits))
            .ok_or(StatusError::IndexOutOfRange { index: reference.index, entries })
    }

    /// A cached list answers for `issuer` and is valid at `now`.
    fn usable(&self, list: &VerifiedList, issuer: Option<&str>, now: DateTime<Utc>) -> Result<(), StatusError> {
        if issuer != Some(list.issuer.as_str()) {
            return Err(StatusError::ListIssuerMismatch {
                list: list.issuer.clone(),
                credential: issuer.unwrap_or("?").to_owned(),
            });
        }
        if let Some(until) = list.valid_until.filter(|until| *until < now) {
            return Err(StatusError::ListExpired(until.to_rfc3339()));
        }
        let skew = chrono::Duration::from_std(self.config.clock_skew).unwrap_or(chrono::Duration::zero());
        if let Some(from) = list.valid_from.filter(|from| *from > now + skew) {
            return Err(StatusError::ListNotYetValid(from.to_rfc3339()));
        }
        Ok(())
    }
}

/// The cache key of a Status List Token (a URL is never mistaken for it: it has no space).
fn token_key(uri: &str) -> String {
    format!("token {uri}")
}

/// What a credential's status entry says, after checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryStatus {
    pub purpose: String,
    pub index: u64,
    pub list: String,
    /// `Ok(true)`: the bit is set (revoked, suspended…); `Ok(false)`: not set.
    pub result: Result<bool, StatusError>,
}

impl EntryStatus {
    /// `active`, `revoked`, `suspended`, `set` (other purposes), `unknown` or `invalid`.
    pub fn state(&self) -> &'static str {
        match &self.result {
            Ok(false) => "active",
            Ok(true) => match self.purpose.as_str() {
                "revocation" => "revoked",
                "suspension" => "suspended",
                _ => "set",
            },
            Err(error) if error.is_retrieval() => "unknown",
            Err(_) => "invalid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts downloads; answers 304 to a matching `ETag` when `not_modified`.
    #[derive(Debug, Default)]
    struct Counting {
        fetches: AtomicUsize,
        not_modified: bool,
        fail: bool,
    }

    impl ListSource for Counting {
        fn fetch(&self, url: &str, etag: Option<&str>) -> Result<Fetched, StatusError> {
            self.fetches.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(20));
            if self.fail {
                return Err(StatusError::Retrieval { url: url.into(), detail: Detail::new("down", "en panne") });
            }
            if self.not_modified && etag == Some("\"v1\"") {
                return Ok(Fetched::NotModified { max_age: None });
            }
            Ok(Fetched::Body { bytes: b"list".to_vec(), etag: Some("\"v1\"".into()), max_age: None })
        }
    }

    fn list_with(bits: &[usize]) -> VerifiedList {
        let mut bitstring = Bitstring::zeroed(MIN_ENTRIES);
        for bit in bits {
            bitstring.set(*bit, true);
        }
        VerifiedList {
            issuer: "did:example:issuer".into(),
            purposes: vec!["revocation".into()],
            bits: bitstring,
            valid_from: None,
            valid_until: Some(at("2030-01-01T00:00:00Z")),
            ttl: Some(Duration::from_secs(60)),
            entry_bits: 1,
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn entry(index: u64) -> StatusEntry {
        StatusEntry { purpose: "revocation".into(), index, list: "https://example.org/s/1".into() }
    }

    const ISSUER: Option<&str> = Some("did:example:issuer");

    #[test]
    fn concurrent_checks_share_one_download_and_one_verification() {
        let source = Arc::new(Counting::default());
        let lists = Arc::new(StatusLists::new(source.clone(), StatusConfig::default()));
        let verifications = Arc::new(AtomicUsize::new(0));
        std::thread::scope(|scope| {
            for _ in 0..8 {
                let (lists, verifications) = (lists.clone(), verifications.clone());
                scope.spawn(move || {
                    let verify = |_: &[u8]| {
                        verifications.fetch_add(1, Ordering::SeqCst);
                        Ok(list_with(&[5]))
                    };
                    let now = at("2026-01-01T00:00:00Z");
                    assert_eq!(lists.bit(&entry(5), ISSUER, now, &verify), Ok(true));
                    assert_eq!(lists.bit(&entry(6), ISSUER, now, &verify), Ok(false));
                });
            }
        });
        assert_eq!(source.fetches.load(Ordering::SeqCst), 1);
        assert_eq!(verifications.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_stale_list_is_revalidated_with_its_etag() {
        let source = Arc::new(Counting { not_modified: true, ..Counting::default() });
        let config = StatusConfig { max_cache: Duration::ZERO, ..StatusConfig::default() };
        let lists = StatusLists::new(source.clone(), config);
        let verifications = AtomicUsize::new(0);
        let verify = |_: &[u8]| {
            verifications.fetch_add(1, Ordering::SeqCst);
            Ok(list_with(&[]))
        };
        for _ in 0..3 {
            assert_eq!(lists.bit(&entry(1), ISSUER, at("2026-01-01T00:00:00Z"), &verify), Ok(false));
        }
        assert_eq!(source.fetches.load(Ordering::SeqCst), 3);
        assert_eq!(verifications.load(Ordering::SeqCst), 1, "304 answers reuse the verified list");
    }

    #[test]
    fn each_wrong_list_gives_its_own_error() {
        let lists = StatusLists::new(Arc::new(Counting::default()), StatusConfig::default());
        let verify = |_: &[u8]| Ok(list_with(&[]));
        let now = at("2026-01-01T00:00:00Z");
        assert!(matches!(
            lists.bit(&entry(1), Some("did:example:other"), now, &verify),
            Err(StatusError::ListIssuerMismatch { .. })
        ));
        assert!(matches!(
            lists.bit(&entry(1), ISSUER, at("2031-01-01T00:00:00Z"), &verify),
            Err(StatusError::ListExpired(_))
        ));
        assert!(matches!(
            lists.bit(&entry(MIN_ENTRIES as u64), ISSUER, now, &verify),
            Err(StatusError::IndexOutOfRange { .. })
        ));
        let suspension = StatusEntry { purpose: "suspension".into(), ..entry(1) };
        assert!(matches!(lists.bit(&suspension, ISSUER, now, &verify), Err(StatusError::PurposeMismatch { .. })));

        let ahead = |seconds: i64| {
            let lists = StatusLists::new(Arc::new(Counting::default()), StatusConfig::default());
            let verify = move |_: &[u8]| {
                Ok(VerifiedList { valid_from: Some(now + chrono::Duration::seconds(seconds)), ..list_with(&[]) })
            };
            lists.bit(&entry(1), ISSUER, now, &verify)
        };
        assert_eq!(ahead(30), Ok(false), "an issuer clock 30 s ahead is tolerated");
        assert!(matches!(ahead(120), Err(StatusError::ListNotYetValid(_))));

        let short = StatusLists::new(Arc::new(Counting::default()), StatusConfig::default());
        let verify_short = |_: &[u8]| Ok(VerifiedList { bits: Bitstring::zeroed(8 * 1024), ..list_with(&[]) });
        assert!(matches!(short.bit(&entry(1), ISSUER, now, &verify_short), Err(StatusError::TooShort { .. })));
    }

    /// Found by review: a cached list past its `validUntil` failed every credential on it until
    /// the cache period ended, even when the issuer had published a new list.
    #[test]
    fn a_cached_list_past_its_valid_until_is_fetched_again() {
        let source = Arc::new(Counting::default());
        let lists = StatusLists::new(source.clone(), StatusConfig::default());
        let served = AtomicUsize::new(0);
        let verify = |_: &[u8]| {
            // The first download is valid until 2026-06-01, the next until 2030.
            let until = if served.fetch_add(1, Ordering::SeqCst) == 0 {
                "2026-06-01T00:00:00Z"
            } else {
                "2030-01-01T00:00:00Z"
            };
            Ok(VerifiedList { valid_until: Some(at(until)), ..list_with(&[3]) })
        };
        assert_eq!(lists.bit(&entry(3), ISSUER, at("2026-05-01T00:00:00Z"), &verify), Ok(true));
        // Read just now: not read again yet (an issuer serving an expired list is not asked per
        // check), and the verifier service would know it may download.
        let july = at("2026-07-01T00:00:00Z");
        assert!(matches!(lists.bit(&entry(3), ISSUER, july, &verify), Err(StatusError::ListExpired(_))));
        assert_eq!(source.fetches.load(Ordering::SeqCst), 1);
        assert!(!lists.would_fetch(&entry(3).list, july));
        let slot = lock(&lists.slots).get(&entry(3).list).cloned().unwrap();
        if let Some(cached) = lock(&slot).as_mut() {
            cached.fetched = Instant::now().checked_sub(EXPIRED_REFETCH_INTERVAL).unwrap();
        }
        assert!(lists.would_fetch(&entry(3).list, july));
        assert_eq!(lists.bit(&entry(3), ISSUER, july, &verify), Ok(true));
        assert_eq!(source.fetches.load(Ordering::SeqCst), 2);
        // Within the new list's validity: from the cache.
        assert_eq!(lists.bit(&entry(4), ISSUER, at("2026-07-01T00:00:00Z"), &verify), Ok(false));
        assert_eq!(source.fetches.load(Ordering::SeqCst), 2);
    }

    /// A cache period from the configuration or the issuer far past what `Instant` can add
    /// panicked; it is bounded now. Bytes held are counted once per list, not once per check.
    #[test]
    fn huge_cache_periods_are_bounded_and_bytes_are_counted_once() {
        let source = Arc::new(Counting { not_modified: true, ..Counting::default() });
        let config = StatusConfig { max_cache: Duration::MAX, default_cache: Duration::MAX, ..StatusConfig::default() };
        let lists = StatusLists::new(source, config);
        let verify = |_: &[u8]| Ok(VerifiedList { ttl: Some(Duration::MAX), ..list_with(&[]) });
        assert_eq!(lists.bit(&entry(1), ISSUER, at("2026-01-01T00:00:00Z"), &verify), Ok(false));
        let lists = StatusLists::new(
            Arc::new(Counting { not_modified: true, ..Counting::default() }),
            StatusConfig { max_cache: Duration::ZERO, ..StatusConfig::default() },
        );
        let verify = |_: &[u8]| Ok(list_with(&[]));
        for _ in 0..5 {
            assert_eq!(lists.bit(&entry(1), ISSUER, at("2026-01-01T00:00:00Z"), &verify), Ok(false));
        }
        assert_eq!(lists.cached_bytes.load(Ordering::SeqCst), MIN_ENTRIES / 8, "revalidations add nothing");
    }

    /// The issuer's `ttl` and `Cache-Control: max-age` decide how long a list is used, the
    /// shorter of the two, capped by the verifier's own limit; neither: the verifier's default.
    #[test]
    fn a_list_is_kept_as_long_as_its_ttl_and_cache_control_allow() {
        let config = StatusConfig {
            max_cache: Duration::from_secs(600),
            default_cache: Duration::from_secs(120),
            ..StatusConfig::default()
        };
        let lists = StatusLists::new(Arc::new(Counting::default()), config);
        let s = Duration::from_secs;
        assert_eq!(lists.freshness(None, Some(s(1))), s(1));
        assert_eq!(lists.freshness(Some(s(5)), Some(s(60))), s(5));
        assert_eq!(lists.freshness(Some(s(90)), Some(s(30))), s(30));
        assert_eq!(lists.freshness(None, None), s(120));
        assert_eq!(lists.freshness(None, Some(s(3600))), s(600), "capped by the verifier");

        // Behaviour: a list whose ttl is zero is fetched again at every check; one of a minute once.
        let checks = |ttl: Duration| {
            let source = Arc::new(Counting::default());
            let lists = StatusLists::new(source.clone(), StatusConfig::default());
            let verify = |_: &[u8]| Ok(VerifiedList { ttl: Some(ttl), ..list_with(&[]) });
            for _ in 0..3 {
                assert_eq!(lists.bit(&entry(1), ISSUER, at("2026-01-01T00:00:00Z"), &verify), Ok(false));
            }
            source.fetches.load(Ordering::SeqCst)
        };
        assert_eq!(checks(Duration::ZERO), 3);
        assert_eq!(checks(Duration::from_secs(60)), 1);
    }

    #[test]
    fn an_unreachable_list_is_unknown_not_active() {
        let lists = StatusLists::new(Arc::new(Counting { fail: true, ..Counting::default() }), StatusConfig::default());
        let result = lists.bit(&entry(1), ISSUER, at("2026-01-01T00:00:00Z"), &|_| Ok(list_with(&[])));
        let status = EntryStatus { purpose: "revocation".into(), index: 1, list: "x".into(), result };
        assert_eq!(status.state(), "unknown");
    }
    /// "Check again now": a list read longer ago than `min_reread` is downloaded again although
    /// its cache period has not ended; one read more recently is not (many presses, one
    /// download per list and period).
    #[test]
    fn a_list_is_read_again_on_demand_at_most_once_per_period() {
        let source = Arc::new(Counting::default());
        let now = at("2026-01-01T00:00:00Z");
        let verify = |_: &[u8]| Ok(list_with(&[]));
        let url = &entry(1).list;
        let config = StatusConfig { min_reread: Duration::from_secs(3600), ..StatusConfig::default() };
        let lists = StatusLists::new(source.clone(), config);
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        lists.read_again(url, false);
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        assert_eq!(source.fetches.load(Ordering::SeqCst), 1, "read less than min_reread ago: the cache answers");

        let config = StatusConfig { min_reread: Duration::ZERO, ..StatusConfig::default() };
        let lists = StatusLists::new(source.clone(), config);
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        assert_eq!(source.fetches.load(Ordering::SeqCst), 2, "fresh in cache: one download");
        lists.read_again(url, false);
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        assert_eq!(source.fetches.load(Ordering::SeqCst), 3, "asked to read again: downloaded again");
        // A token under the same URL is another cache entry: asking for it leaves the list be.
        lists.read_again(url, true);
        lists.bit(&entry(1), ISSUER, now, &verify).unwrap();
        assert_eq!(source.fetches.load(Ordering::SeqCst), 3);
    }
}
