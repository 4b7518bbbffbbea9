//! The issuer's state, held once per process and shared by every request and command: the
//! store, the master key that opens department keys (and the PKCS#11 token holding those that
//! live in a hardware security module), what is cached from the database (issuer
//! profiles, unsealed signing keys, tokens) and the status lists' registry. What the issuer does
//! with it lives beside this file, one concern each (departments, keys, tokens, issuance…).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::SecondsFormat;
use credentials::contexts::ContextSet;
use credentials::{Clock, Signer};
use keys::pkcs11::Token;
use keys::MasterKey;
use schemas::{Issuer, LocalizedText};

use crate::domain::error::IssuerError;
use crate::domain::status::registry::{StatusRegistry, DEFAULT_STATUS_TTL};
use crate::i18n::detail;
use crate::store::{DepartmentRow, KeyBackend, KeyRow, KeyStatus, Store, TokenRow};

/// A department's signing key, with when its row was read.
type CachedSigner = (Arc<dyn Signer>, std::time::Instant);

/// Requests per token and second, shared by all routes of one process.
pub(crate) type TokenLimiter = governor::DefaultKeyedRateLimiter<String>;

/// How long a token read from the database is trusted without reading it again: a revocation
/// made through another replica takes effect within this time (at once on this one).
pub const TOKEN_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(2);

pub struct IssuerService {
    pub(super) store: Store,
    pub(super) rate_limit: Option<TokenLimiter>,
    /// The limit `rate_limit` was built with (requests, or batch rows, per second per token).
    pub(super) rate_per_second: u32,
    pub(super) tokens: RwLock<HashMap<String, (TokenRow, std::time::Instant)>>,
    profiles: RwLock<HashMap<String, Issuer>>,
    pub(super) master: MasterKey,
    /// The token holding the keys of departments on the `pkcs11` backend, when configured.
    pub(super) token: Option<Token>,
    /// The host part of department DIDs, `%3A`-encoded port included: `did:web:{host}:{department}`.
    did_host: String,
    pub(super) contexts: ContextSet,
    pub(super) clock: Arc<dyn Clock>,
    /// Signing keys by department (unsealed, or found in the token), with when the key row was
    /// last read.
    signers: RwLock<HashMap<String, CachedSigner>>,
    pub(super) signing_slots: Arc<tokio::sync::Semaphore>,
    pub(super) status: StatusRegistry,
    /// How long staff console sessions live.
    pub(super) sessions: SessionPolicy,
    /// The departments' identity providers, for staff sign-in (none: API tokens only).
    pub(super) oidc: Arc<crate::domain::oidc_settings::OidcLogins>,
}

/// How long a session lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Ended after this long without a request.
    pub idle: std::time::Duration,
    /// Ended this long after sign-in, however active.
    pub absolute: std::time::Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self { idle: std::time::Duration::from_secs(30 * 60), absolute: std::time::Duration::from_secs(8 * 3600) }
    }
}

impl std::fmt::Debug for IssuerService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerService").field("did_host", &self.did_host).finish_non_exhaustive()
    }
}

impl IssuerService {
    pub fn new(store: Store, master: MasterKey, did_host: String, clock: Arc<dyn Clock>) -> Self {
        let base_url = format!("https://{}", did_host.replace("%3A", ":"));
        Self {
            status: StatusRegistry::new(&base_url, DEFAULT_STATUS_TTL),
            sessions: SessionPolicy::default(),
            oidc: Arc::default(),
            store,
            rate_limit: None,
            rate_per_second: 0,
            tokens: RwLock::default(),
            profiles: RwLock::default(),
            master,
            token: None,
            did_host,
            contexts: ContextSet::standard(),
            clock,
            signers: RwLock::default(),
            signing_slots: Arc::new(tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            )),
        }
    }

    /// Limits each token to `per_second` authenticated requests a second (bursts of as many),
    /// per process.
    pub fn with_rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit = std::num::NonZeroU32::new(per_second)
            .map(|rate| governor::RateLimiter::keyed(governor::Quota::per_second(rate)));
        self.rate_per_second = per_second;
        self
    }

    /// Where the service is reached: status list URLs are built on it (the default is the
    /// `https://` URL of the DID host).
    pub fn with_public_url(mut self, url: &url::Url, status_ttl: std::time::Duration) -> Self {
        self.status = StatusRegistry::new(url.as_str(), status_ttl);
        self
    }

    /// Keys of departments on the `pkcs11` backend are made and used in `token`.
    pub fn with_token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// The PKCS#11 token, or why a `pkcs11` key cannot be used: none is configured.
    pub(super) fn hsm(&self) -> Result<&Token, IssuerError> {
        self.token.as_ref().ok_or_else(|| IssuerError::KeyUnavailable("no PKCS#11 token is configured".into()))
    }

    /// Whether the keys of this service can sign: the PKCS#11 token answers and its login holds
    /// (always, without one). Asked by `/readyz`.
    pub async fn keys_ready(&self) -> Result<(), IssuerError> {
        let Some(token) = self.token.clone() else { return Ok(()) };
        tokio::task::spawn_blocking(move || token.check())
            .await
            .map_err(|e| IssuerError::Unexpected(e.to_string()))?
            .map_err(IssuerError::from)
    }

    /// Staff console sessions end after `policy.idle` without a request, or `policy.absolute`.
    pub fn with_sessions(mut self, policy: SessionPolicy) -> Self {
        self.sessions = policy;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Now, as records and audit entries write it (UTC, milliseconds).
    pub(super) fn now(&self) -> String {
        self.clock.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    pub fn department_did(&self, department: &str) -> String {
        format!("did:web:{}:{department}", self.did_host)
    }

    pub(super) fn forget_signer(&self, department: &str) {
        if let Ok(mut signers) = self.signers.write() {
            signers.remove(department);
        }
    }

    pub(super) fn cache_signer(&self, department: &str, key: Arc<dyn Signer>) {
        if let Ok(mut signers) = self.signers.write() {
            signers.insert(department.to_owned(), (key, std::time::Instant::now()));
        }
    }

    pub(super) async fn department_row(&self, department: &str) -> Result<DepartmentRow, IssuerError> {
        self.store
            .department(department)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-department", department = department)))
    }

    /// The department's current signing key. Unsealed (or found in the token) once and kept; the
    /// key row is read again after [`TOKEN_CACHE_TTL`], so a rotation made by another process
    /// (the CLI, a replica) takes effect within that time.
    pub(super) async fn signer(&self, department: &str) -> Result<Arc<dyn Signer>, IssuerError> {
        let cached = self.signers.read().ok().and_then(|s| s.get(department).cloned());
        if let Some((key, read_at)) = &cached {
            if read_at.elapsed() < TOKEN_CACHE_TTL {
                return Ok(key.clone());
            }
        }
        let keys = self.store.keys(department).await?;
        let row = keys
            .iter()
            .find(|k| k.status == KeyStatus::Signing)
            .ok_or_else(|| IssuerError::NotFound(detail!("service-signing-key", department = department)))?;
        let key = match cached {
            Some((key, _)) if key.verification_method() == row.verification_method => key,
            _ => self.open_key(row).await?,
        };
        self.cache_signer(department, key.clone());
        Ok(key)
    }

    /// The signer of a stored key: its sealed secret opened, or its object found in the token
    /// (a lookup on the blocking pool: the token may take its time).
    pub(super) async fn open_key(&self, row: &KeyRow) -> Result<Arc<dyn Signer>, IssuerError> {
        match row.backend {
            KeyBackend::File => Ok(Arc::new(self.master.open(&row.sealed_secret, &row.verification_method)?)),
            KeyBackend::Pkcs11 => {
                let token = self.hsm()?.clone();
                let method = row.verification_method.clone();
                let key = tokio::task::spawn_blocking(move || token.key(&method))
                    .await
                    .map_err(|e| IssuerError::Unexpected(e.to_string()))??;
                Ok(Arc::new(key))
            }
        }
    }

    /// The issuer profile of a department, as credentials name it (names and DID never change).
    pub(super) async fn issuer_profile(&self, department: &str) -> Result<Issuer, IssuerError> {
        if let Some(profile) = self.profiles.read().ok().and_then(|p| p.get(department).cloned()) {
            return Ok(profile);
        }
        let row = self.department_row(department).await?;
        let profile = Issuer { id: row.did, name: LocalizedText::new(row.name_en, row.name_fr) };
        if let Ok(mut profiles) = self.profiles.write() {
            profiles.insert(department.to_owned(), profile.clone());
        }
        Ok(profile)
    }
}
