//! What the issuer does, independent of HTTP and of the command line: departments and their keys,
//! API tokens, issuing credentials (recorded before they are returned), DID documents and the
//! audit trail. Handlers and CLI commands are thin adapters over [`IssuerService`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use chrono::SecondsFormat;
use credentials::contexts::ContextSet;
use credentials::did::DidDocument;
use credentials::{Clock, Signer};
use keys::{LocalKey, MasterKey};
use rand::RngCore;
use schemas::{Issuer, Lang, LocalizedText};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

mod oid4vci;
mod status;

pub use oid4vci::{OfferCreated, OfferRequest, CONFIGURATIONS, PRE_AUTHORIZED_GRANT};
pub use status::{
    list_credential, sign_list, status_list_validity, token_url, CredentialStatusView, PublishedList, StatusChange,
    StatusRegistry, PURPOSES,
};

use crate::error::Detail;
use crate::i18n::{detail, t};
use crate::sign::{Mechanism, Secured};
use crate::store::{AuditRow, CredentialRow, DepartmentRow, KeyRow, KeyStatus, Store, Stored, TokenRow};
use crate::IssuerError;

/// How a department is identified: a `did:web` served by this issuer (the default), or a
/// `did:key` (tests and small setups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DidMethod {
    #[default]
    Web,
    Key,
}

impl std::str::FromStr for DidMethod {
    type Err = IssuerError;

    fn from_str(text: &str) -> Result<Self, IssuerError> {
        match text {
            "web" => Ok(Self::Web),
            "key" => Ok(Self::Key),
            other => Err(IssuerError::BadRequest(detail!("service-unknown-did-method", method = other))),
        }
    }
}

/// What a `did:key` department cannot do with its one key.
#[derive(Debug, Clone, Copy)]
enum KeyAction {
    Rotate,
    Retire,
}

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Issue,
    Revoke,
    Admin,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Issue => "issue",
            Self::Revoke => "revoke",
            Self::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Self, IssuerError> {
        match text {
            "issue" => Ok(Self::Issue),
            "revoke" => Ok(Self::Revoke),
            "admin" => Ok(Self::Admin),
            other => Err(IssuerError::BadRequest(detail!("service-unknown-scope", scope = other))),
        }
    }
}

/// An authenticated caller: one token of one department.
#[derive(Debug, Clone)]
pub struct Principal {
    pub token_id: String,
    pub department: String,
    pub scopes: Vec<Scope>,
}

impl Principal {
    pub fn require(&self, scope: Scope) -> Result<(), IssuerError> {
        if self.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(IssuerError::Forbidden(scope.as_str()))
        }
    }

    fn actor(&self) -> String {
        if self.token_id.contains(':') {
            self.token_id.clone()
        } else {
            format!("token:{}", self.token_id)
        }
    }
}

/// A credential as handed back to the caller.
#[derive(Debug, Clone)]
pub struct Issued {
    pub id: String,
    pub secured: Secured,
    /// The secured credential's text as recorded (its SHA-256 is the record's): a JSON answer
    /// embeds it instead of serializing the credential once more.
    pub body: String,
    /// True when an earlier request with the same idempotency key issued it.
    pub replayed: bool,
}

/// Requests per token and second, shared by all routes of one process.
type TokenLimiter = governor::DefaultKeyedRateLimiter<String>;

/// How long a token read from the database is trusted without reading it again: a revocation
/// made through another replica takes effect within this time (at once on this one).
pub const TOKEN_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(2);
const MAX_CACHED_TOKENS: usize = 10_000;

/// How long verifiers may cache a status list by default: a revocation reaches them within this.
pub const DEFAULT_STATUS_TTL: std::time::Duration = std::time::Duration::from_secs(300);

pub struct IssuerService {
    store: Store,
    rate_limit: Option<TokenLimiter>,
    /// The limit `rate_limit` was built with (requests, or batch rows, per second per token).
    rate_per_second: u32,
    tokens: RwLock<HashMap<String, (TokenRow, std::time::Instant)>>,
    profiles: RwLock<HashMap<String, Issuer>>,
    master: MasterKey,
    /// The host part of department DIDs, `%3A`-encoded port included: `did:web:{host}:{department}`.
    did_host: String,
    contexts: ContextSet,
    clock: Arc<dyn Clock>,
    /// Unsealed signing keys by department, with when the key row was last read.
    signers: RwLock<HashMap<String, (Arc<LocalKey>, std::time::Instant)>>,
    signing_slots: Arc<tokio::sync::Semaphore>,
    status: StatusRegistry,
}

impl std::fmt::Debug for IssuerService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerService").field("did_host", &self.did_host).finish_non_exhaustive()
    }
}

/// First path segments the service itself uses: a department by that name could not publish
/// its `did.json`.
const RESERVED_DEPARTMENT_IDS: [&str; 6] =
    ["credentials", "issuers", "healthz", "readyz", "openapi.json", "well-known"];

fn valid_department_id(id: &str) -> bool {
    if RESERVED_DEPARTMENT_IDS.contains(&id) {
        return false;
    }
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.len() <= 63
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn random_bytes(count: usize) -> Vec<u8> {
    let mut buffer = vec![0u8; count];
    rand::rngs::OsRng.fill_bytes(&mut buffer);
    buffer
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

impl IssuerService {
    pub fn new(store: Store, master: MasterKey, did_host: String, clock: Arc<dyn Clock>) -> Self {
        let base_url = format!("https://{}", did_host.replace("%3A", ":"));
        Self {
            status: StatusRegistry::new(&base_url, DEFAULT_STATUS_TTL),
            store,
            rate_limit: None,
            rate_per_second: 0,
            tokens: RwLock::default(),
            profiles: RwLock::default(),
            master,
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

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn now(&self) -> String {
        self.clock.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    fn audit(&self, department: Option<&str>, actor: &str, action: &str, detail: Value) -> AuditRow {
        AuditRow {
            at: self.now(),
            department_id: department.map(str::to_owned),
            actor: actor.to_owned(),
            action: action.to_owned(),
            detail: detail.to_string(),
        }
    }

    pub fn department_did(&self, department: &str) -> String {
        format!("did:web:{}:{department}", self.did_host)
    }

    /// A new signing key named under the department's DID as stored (not as the current public
    /// URL would name it: the DID never changes).
    fn new_key(&self, department: &str, did: &str) -> Result<(LocalKey, KeyRow), IssuerError> {
        let key = Self::key_named_under(did);
        let row = self.key_row(department, &key)?;
        Ok((key, row))
    }

    /// A fresh key whose verification method is a new fragment of `did` (a did:web).
    fn key_named_under(did: &str) -> LocalKey {
        LocalKey::generate().with_verification_method(format!("{did}#key-{}", hex::encode(random_bytes(4))))
    }

    /// The stored row of a new signing key: its public key, its secret sealed under the master key.
    fn key_row(&self, department: &str, key: &LocalKey) -> Result<KeyRow, IssuerError> {
        Ok(KeyRow {
            verification_method: key.verification_method().to_owned(),
            department_id: department.to_owned(),
            public_key_multibase: credentials::multikey::encode_public(&key.public_key()),
            sealed_secret: self.master.seal(key)?,
            status: KeyStatus::Signing,
            created_at: self.now(),
        })
    }

    /// Refuses what a `did:key` department cannot do with its key (rotate it, retire it, publish
    /// a document for it): its identifier is that key.
    fn refuse_for_did_key(department: &DepartmentRow, action: KeyAction) -> Result<(), IssuerError> {
        if department.uses_did_key() {
            let id = department.id.as_str();
            return Err(IssuerError::Conflict(match action {
                KeyAction::Rotate => detail!("service-did-key-cannot-rotate", department = id),
                KeyAction::Retire => detail!("service-did-key-cannot-retire", department = id),
            }));
        }
        Ok(())
    }

    /// Creates a department, its `did:web` identifier and its first signing key; its credentials
    /// get revocation and suspension entries.
    pub async fn create_department(
        &self,
        id: &str,
        name: &LocalizedText,
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        let purposes: Vec<String> = PURPOSES.iter().map(|p| (*p).to_owned()).collect();
        self.create_department_with_status(id, name, &purposes, actor).await
    }

    /// [`Self::create_department`] with the status purposes its credentials get (any of
    /// `revocation`, `suspension`; none turns status lists off).
    pub async fn create_department_with_status(
        &self,
        id: &str,
        name: &LocalizedText,
        status_purposes: &[String],
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        self.create_department_with(id, name, status_purposes, DidMethod::Web, actor).await
    }

    /// [`Self::create_department_with_status`] with the department's DID method: `did:web`,
    /// served here, or `did:key`, for tests and small setups (its identifier is its one key, so
    /// it cannot rotate or retire it, and it has no document to publish).
    pub async fn create_department_with(
        &self,
        id: &str,
        name: &LocalizedText,
        status_purposes: &[String],
        method: DidMethod,
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        if let Some(unknown) = status_purposes.iter().find(|p| !PURPOSES.contains(&p.as_str())) {
            return Err(IssuerError::BadRequest(detail!("service-unknown-status-purpose", purpose = unknown.as_str())));
        }
        if !valid_department_id(id) {
            return Err(IssuerError::BadRequest(detail!("service-department-id-invalid", id = id)));
        }
        if !name.is_complete() {
            return Err(IssuerError::BadRequest(detail!("service-department-name-incomplete")));
        }
        // A did:web names its first key; a did:key is its key, made first and named by the DID it
        // makes.
        let (did, key) = match method {
            DidMethod::Web => {
                let did = self.department_did(id);
                let key = Self::key_named_under(&did);
                (did, key)
            }
            DidMethod::Key => {
                let key = LocalKey::generate();
                let did = key.did_key();
                let fragment = did.trim_start_matches("did:key:").to_owned();
                (did.clone(), key.with_verification_method(format!("{did}#{fragment}")))
            }
        };
        let key_row = self.key_row(id, &key)?;
        let department = DepartmentRow {
            id: id.to_owned(),
            name_en: name.en.clone(),
            name_fr: name.fr.clone(),
            did,
            created_at: self.now(),
            status_purposes: PURPOSES
                .iter()
                .filter(|p| status_purposes.iter().any(|q| q == *p))
                .map(|p| (*p).to_owned())
                .collect(),
        };
        let audit = [
            self.audit(Some(id), actor, "department.create", json!({"did": department.did})),
            self.audit(Some(id), actor, "key.create", json!({"verificationMethod": key_row.verification_method})),
        ];
        self.store.insert_department(&department, &key_row, &audit).await?;
        self.cache_signer(id, Arc::new(key));
        Ok(department)
    }

    fn forget_signer(&self, department: &str) {
        if let Ok(mut signers) = self.signers.write() {
            signers.remove(department);
        }
    }

    fn cache_signer(&self, department: &str, key: Arc<LocalKey>) {
        if let Ok(mut signers) = self.signers.write() {
            signers.insert(department.to_owned(), (key, std::time::Instant::now()));
        }
    }

    async fn department_row(&self, department: &str) -> Result<DepartmentRow, IssuerError> {
        self.store
            .department(department)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-department", department = department)))
    }

    /// The department's current signing key. Unsealed once and kept in memory; the key row is
    /// read again after [`TOKEN_CACHE_TTL`], so a rotation made by another process (the CLI, a
    /// replica) takes effect within that time.
    async fn signer(&self, department: &str) -> Result<Arc<LocalKey>, IssuerError> {
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
            _ => Arc::new(self.master.open(&row.sealed_secret, &row.verification_method)?),
        };
        self.cache_signer(department, key.clone());
        Ok(key)
    }

    /// Whether the master key opens the department keys already stored (`true` when none are):
    /// a start with another master key (a new key file where the old one was lost or mistyped,
    /// another replica's key) would otherwise fail every issuance, and seal new keys under a
    /// key that cannot open the old ones.
    pub async fn master_key_opens_stored_keys(&self) -> Result<bool, IssuerError> {
        for department in self.store.departments().await? {
            let keys = self.store.keys(&department.id).await?;
            if let Some(row) = keys.iter().find(|k| k.status == KeyStatus::Signing).or(keys.first()) {
                return Ok(self.master.open(&row.sealed_secret, &row.verification_method).is_ok());
            }
        }
        Ok(true)
    }

    /// Makes a new signing key; the old one stays in the DID document so earlier credentials verify.
    pub async fn rotate_key(&self, department: &str, actor: &str) -> Result<String, IssuerError> {
        let department_row = self.department_row(department).await?;
        Self::refuse_for_did_key(&department_row, KeyAction::Rotate)?;
        let (_, row) = self.new_key(department, &department_row.did)?;
        let audit =
            self.audit(Some(department), actor, "key.rotate", json!({"verificationMethod": row.verification_method}));
        self.store.rotate_key(&row, &audit).await?;
        // The next signature reads the signing key from the store. Caching the new key here let
        // two rotations at once leave the older of them cached (each caches its own key after
        // its commit, in either order), and credentials were signed with a key that was no
        // longer the department's signing key.
        self.forget_signer(department);
        Ok(row.verification_method)
    }

    /// Takes a key out of the department's DID document (a key that leaked): credentials it
    /// signed stop verifying. The signing key cannot be retired; rotate first.
    pub async fn retire_key(
        &self,
        department: &str,
        verification_method: &str,
        actor: &str,
    ) -> Result<(), IssuerError> {
        let department_row = self.department_row(department).await?;
        let keys = self.store.keys(department).await?;
        let Some(key) = keys.iter().find(|k| k.verification_method == verification_method) else {
            return Err(IssuerError::NotFound(detail!(
                "service-key",
                method = verification_method,
                department = department
            )));
        };
        Self::refuse_for_did_key(&department_row, KeyAction::Retire)?;
        match key.status {
            KeyStatus::Signing => {
                return Err(IssuerError::Conflict(detail!("service-key-is-signing", method = verification_method)))
            }
            KeyStatus::Retired => {
                return Err(IssuerError::Conflict(detail!("service-key-retired-already", method = verification_method)))
            }
            KeyStatus::Published => {}
        }
        let audit =
            self.audit(Some(department), actor, "key.retire", json!({"verificationMethod": verification_method}));
        if !self.store.retire_key(department, verification_method, &audit).await? {
            // Changed since it was read (a rotation or retire at the same moment).
            return Err(IssuerError::Conflict(detail!("service-key-changed", method = verification_method)));
        }
        Ok(())
    }

    /// Key retirement asked over HTTP: the caller's own department, `admin` scope.
    pub async fn retire_key_as(&self, principal: &Principal, verification_method: &str) -> Result<(), IssuerError> {
        principal.require(Scope::Admin)?;
        self.retire_key(&principal.department, verification_method, &principal.actor()).await
    }

    /// Key rotation asked over HTTP: the caller's own department, `admin` scope.
    pub async fn rotate_key_as(&self, principal: &Principal) -> Result<String, IssuerError> {
        principal.require(Scope::Admin)?;
        self.rotate_key(&principal.department, &principal.actor()).await
    }

    /// The audit trail of the caller's own department since `since`, `admin` scope.
    pub async fn audit_as(&self, principal: &Principal, since: Option<&str>) -> Result<Vec<AuditRow>, IssuerError> {
        principal.require(Scope::Admin)?;
        self.audit_since(Some(&principal.department), since).await
    }

    /// The audit entries of `department` (every department: `None`) at or after `since`, an
    /// RFC 3339 time (all: `None`). The time is compared as stored (UTC, milliseconds): compared
    /// as given, an offset or a missing fraction matched the wrong entries (found by review).
    pub async fn audit_since(
        &self,
        department: Option<&str>,
        since: Option<&str>,
    ) -> Result<Vec<AuditRow>, IssuerError> {
        let since = match since.map(str::trim) {
            None | Some("") => String::new(),
            Some(text) => chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|_| IssuerError::BadRequest(detail!("service-since-invalid", since = text)))?
                .with_timezone(&chrono::Utc)
                .to_rfc3339_opts(SecondsFormat::Millis, true),
        };
        Ok(self.store.audit(department, &since).await?)
    }

    /// The DID document published at `/{department}/did.json`: every signing and published key.
    pub async fn did_document(&self, department: &str) -> Result<DidDocument, IssuerError> {
        let row = self.department_row(department).await?;
        if row.uses_did_key() {
            // Nothing to publish: a did:key resolves from the identifier itself.
            return Err(IssuerError::NotFound(detail!("service-did-document-of-did-key", department = department)));
        }
        let mut methods = Vec::new();
        for key in self.store.keys(department).await? {
            if key.status != KeyStatus::Retired {
                let public = credentials::multikey::decode_public(&key.public_key_multibase)
                    .map_err(credentials::Error::from)?;
                methods.push((key.verification_method, public));
            }
        }
        Ok(DidDocument::with_keys(&row.did, &methods))
    }

    /// Creates a token; the returned secret text is shown once and only its hash is stored.
    pub async fn create_token(
        &self,
        department: &str,
        scopes: &[Scope],
        label: &str,
        actor: &str,
    ) -> Result<(TokenRow, String), IssuerError> {
        self.department_row(department).await?;
        if scopes.is_empty() {
            return Err(IssuerError::BadRequest(detail!("service-token-without-scope")));
        }
        let id = hex::encode(random_bytes(8));
        let secret = B64.encode(random_bytes(32));
        let row = TokenRow {
            id: id.clone(),
            department_id: department.to_owned(),
            secret_hash: sha256_hex(secret.as_bytes()),
            scopes: scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(","),
            label: label.to_owned(),
            created_at: self.now(),
            revoked_at: None,
        };
        let audit = self.audit(
            Some(department),
            actor,
            "token.create",
            json!({"token": id, "scopes": row.scopes, "label": label}),
        );
        self.store.insert_token(&row, &audit).await?;
        Ok((row, format!("tc.{id}.{secret}")))
    }

    pub async fn revoke_token(&self, department: &str, id: &str, actor: &str) -> Result<(), IssuerError> {
        let audit = self.audit(Some(department), actor, "token.revoke", json!({"token": id}));
        if let Ok(mut tokens) = self.tokens.write() {
            tokens.remove(id);
        }
        if self.store.revoke_token(department, id, &self.now(), &audit).await? {
            Ok(())
        } else {
            Err(IssuerError::NotFound(detail!("service-live-token", id = id, department = department)))
        }
    }

    /// Checks a bearer token (`tc.{id}.{secret}`) in constant time against its stored hash.
    pub async fn authenticate(&self, bearer: &str) -> Result<Principal, IssuerError> {
        let mut parts = bearer.splitn(3, '.');
        let (Some("tc"), Some(id), Some(secret)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(IssuerError::Unauthorized);
        };
        // Ids are 16 hex digits: anything else is refused without a database query.
        if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) || secret.len() > 128 {
            return Err(IssuerError::Unauthorized);
        }
        let Some(row) = self.token_row(id).await? else {
            return Err(IssuerError::Unauthorized);
        };
        let presented = sha256_hex(secret.as_bytes());
        let matches: bool = presented.as_bytes().ct_eq(row.secret_hash.as_bytes()).into();
        if !matches || row.revoked_at.is_some() {
            return Err(IssuerError::Unauthorized);
        }
        if let Some(limiter) = &self.rate_limit {
            if limiter.check_key(&row.id).is_err() {
                return Err(IssuerError::TooManyRequests);
            }
        }
        let scopes = row.scopes.split(',').filter_map(|s| Scope::parse(s).ok()).collect();
        Ok(Principal { token_id: row.id, department: row.department_id, scopes })
    }

    /// A token row, from the cache when read less than [`TOKEN_CACHE_TTL`] ago.
    async fn token_row(&self, id: &str) -> Result<Option<TokenRow>, IssuerError> {
        let cached = self.tokens.read().ok().and_then(|tokens| tokens.get(id).cloned());
        if let Some((row, read_at)) = cached {
            if read_at.elapsed() < TOKEN_CACHE_TTL {
                return Ok(Some(row));
            }
        }
        let row = self.store.token(id).await?;
        if let (Some(row), Ok(mut tokens)) = (&row, self.tokens.write()) {
            if tokens.len() >= MAX_CACHED_TOKENS {
                tokens.clear();
            }
            tokens.insert(id.to_owned(), (row.clone(), std::time::Instant::now()));
        }
        Ok(row)
    }

    /// Counts `rows` more requests against the token's rate (a batch costs one per row).
    /// Counts one unauthenticated request against `key` (the OpenID4VCI endpoints anyone may
    /// call, per department), under the same per-second limit as a token.
    pub(crate) fn charge_key(&self, key: &str) -> Result<(), IssuerError> {
        match &self.rate_limit {
            Some(limiter) if limiter.check_key(&key.to_owned()).is_err() => Err(IssuerError::TooManyRequests),
            _ => Ok(()),
        }
    }

    pub fn charge(&self, principal: &Principal, rows: u32) -> Result<(), IssuerError> {
        let (Some(limiter), Some(extra)) = (&self.rate_limit, std::num::NonZeroU32::new(rows)) else {
            return Ok(());
        };
        // The request itself was counted when it was authenticated: with `rows` more it must fit
        // in one second's allowance, or waiting would never help (found by review: a batch of
        // more rows than the limit got 429 for ever). Say how many it may send.
        let most = self.rate_per_second;
        if rows >= most {
            let sent = rows.saturating_add(1).to_string();
            return Err(IssuerError::BadRequest(detail!(
                "service-batch-over-rate",
                sent = sent.as_str(),
                most = most.to_string()
            )));
        }
        match limiter.check_key_n(&principal.token_id, extra) {
            Ok(Ok(())) => Ok(()),
            _ => Err(IssuerError::TooManyRequests),
        }
    }

    /// The issuer profile of a department, as credentials name it (names and DID never change).
    async fn issuer_profile(&self, department: &str) -> Result<Issuer, IssuerError> {
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

    /// VC-API issuance: fills `id` and `issuer` when absent, refuses what a verifier would reject,
    /// signs, records, and only then returns the credential.
    pub async fn issue(
        &self,
        principal: &Principal,
        mut credential: Value,
        mechanism: Mechanism,
        idempotency: Option<&Idempotency>,
    ) -> Result<Issued, IssuerError> {
        principal.require(Scope::Issue)?;
        let department = principal.department.as_str();
        if let Some(idempotency) = idempotency {
            if idempotency.key.is_empty() || idempotency.key.len() > 200 {
                return Err(IssuerError::BadRequest(detail!("service-idempotency-key-length")));
            }
            if idempotency.key.starts_with(oid4vci::IDEMPOTENCY_PREFIX) && !principal.token_id.starts_with("offer:") {
                let prefix = oid4vci::IDEMPOTENCY_PREFIX;
                return Err(IssuerError::BadRequest(detail!("service-idempotency-key-reserved", prefix = prefix)));
            }
            if let Some(existing) = self.store.credential_by_idempotency_key(department, &idempotency.key).await? {
                return replay(existing, idempotency);
            }
        }
        let object =
            credential.as_object_mut().ok_or_else(|| IssuerError::BadRequest(detail!("credential-not-object")))?;
        if let Some(id) = object.get("id") {
            match id.as_str().map(url::Url::parse) {
                Some(Ok(_)) => {}
                _ => return Err(IssuerError::Refused(detail!("service-id-not-url"))),
            }
        }
        if object.iter().any(|(key, value)| key.contains('\0') || contains_nul(value)) {
            return Err(IssuerError::Refused(detail!("service-credential-nul")));
        }
        // Another department's identity is another department's resource: asked for with this
        // department's token, the answer is 403, not a validation error.
        let named_issuer = match object.get("issuer") {
            Some(Value::String(id)) => Some(id.as_str()),
            Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
            _ => None,
        };
        if let Some(named) = named_issuer {
            if named != self.issuer_profile(department).await?.id && self.store.is_department_did(named).await? {
                return Err(IssuerError::OtherDepartment {
                    token_department: department.to_owned(),
                    issuer: named.to_owned(),
                });
            }
        }
        if !object.contains_key("id") {
            object.insert("id".into(), crate::template::new_credential_id().into());
        }
        if !object.contains_key("issuer") {
            let profile = self.issuer_profile(department).await?;
            object.insert(
                "issuer".into(),
                json!({"id": profile.id, "type": ["Profile"], "name": profile.name.en, "localizedName": profile.name}),
            );
        }
        let (revocation, suspension) = self.assign_status(department, object).await?;
        let signer = self.signer(department).await?;
        let secured = if mechanism.is_quick() {
            // Tens of microseconds: signed here, on the request's worker. Handing it to another
            // thread would cost about as much as the signing, and each blocking-pool thread keeps
            // its own allocator heap.
            crate::sign::sign(&credential, signer as Arc<dyn Signer>, mechanism, self.clock.now(), &self.contexts)?
        } else {
            // RDF canonicalization takes most of a millisecond: it runs on the blocking pool, a
            // bounded number at a time, so the async workers keep answering (health checks, other
            // departments).
            let permit = self
                .signing_slots
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| IssuerError::Unexpected(t!(Lang::En, "service-signing-slots-closed")))?;
            let (to_sign, contexts, now) = (credential.clone(), self.contexts.clone(), self.clock.now());
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                crate::sign::sign(&to_sign, signer as Arc<dyn Signer>, mechanism, now, &contexts)
            })
            .await
            .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "service-signing-failed", reason = e.to_string())))??
        };
        let id = credential.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let body = secured.record_text();
        let row = CredentialRow {
            id: id.clone(),
            department_id: department.to_owned(),
            subject: credential.pointer("/credentialSubject/id").and_then(Value::as_str).map(str::to_owned),
            credential_type: credentials::input::type_names(credential.get("type")).last().cloned().unwrap_or_default(),
            achievement: credential
                .pointer("/credentialSubject/achievement/name")
                .and_then(Value::as_str)
                .map(str::to_owned),
            format: mechanism.name().to_owned(),
            sha256: sha256_hex(body.as_bytes()),
            issued_at: self.now(),
            token_id: principal.token_id.clone(),
            idempotency_key: idempotency.map(|i| i.key.clone()),
            request_sha256: idempotency.map(|i| i.request_sha256.clone()),
            body,
            revocation,
            suspension,
        };
        let audit = self.audit(
            Some(department),
            &principal.actor(),
            "credential.issue",
            json!({"id": id, "type": row.credential_type, "format": row.format}),
        );
        match self.store.insert_credential(&row, &audit).await? {
            Stored::New => Ok(Issued { id, secured, body: row.body, replayed: false }),
            Stored::Existing(existing) => match idempotency {
                Some(idempotency) => replay(*existing, idempotency),
                None => Err(IssuerError::Conflict(detail!("service-credential-exists", id = existing.id.as_str()))),
            },
        }
    }

    /// A credential record of the caller's own department.
    pub async fn credential(&self, principal: &Principal, id: &str) -> Result<CredentialRow, IssuerError> {
        principal.require(Scope::Issue)?;
        self.store
            .credential(&principal.department, id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-credential", id = id)))
    }

    /// An unsigned credential of the caller's department, from template fields.
    pub async fn template(&self, principal: &Principal, request: TemplateRequest) -> Result<Value, IssuerError> {
        match request {
            TemplateRequest::Skill(request) => self.skill_template(principal, &request).await,
            TemplateRequest::Assignment(request) => self.assignment_template(principal, request).await,
        }
    }

    /// An unsigned skill credential of the caller's department, from the template fields.
    pub async fn skill_template(&self, principal: &Principal, request: &SkillRequest) -> Result<Value, IssuerError> {
        let level = request
            .level
            .parse()
            .map_err(|e: schemas::SchemaError| IssuerError::BadRequest(Detail::localized(|lang| e.message(lang))))?;
        crate::template::skill(
            self.issuer_profile(&principal.department).await?,
            request.subject.as_deref(),
            &request.skill,
            level,
            request.evidence.clone(),
            self.clock.now(),
            request.valid_until,
        )
    }

    /// An unsigned assignment credential of the caller's department, from the template fields.
    pub async fn assignment_template(
        &self,
        principal: &Principal,
        request: AssignmentRequest,
    ) -> Result<Value, IssuerError> {
        let assignment = crate::template::Assignment {
            role: request.role,
            department: request.department,
            team: request.team,
            start: request.start,
            end: request.end,
            skills: request.skills,
        };
        crate::template::assignment(
            self.issuer_profile(&principal.department).await?,
            request.subject.as_deref(),
            assignment,
            self.clock.now(),
        )
    }
}

/// Whether any key or string holds U+0000 (which PostgreSQL text columns refuse).
/// Whether a JSON value holds a NUL character anywhere: PostgreSQL refuses it in text, which
/// would turn a client's mistake into a 500.
pub(crate) fn contains_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(contains_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || contains_nul(v)),
        _ => false,
    }
}

/// An idempotency key and the fingerprint of the request that carries it.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub key: String,
    /// SHA-256 (hex) of what was asked: route, mechanism and body.
    pub request_sha256: String,
}

impl Idempotency {
    pub fn new(key: impl Into<String>, request: &[u8]) -> Self {
        Self { key: key.into(), request_sha256: sha256_hex(request) }
    }
}

/// The credential an earlier request with this key issued, if the request is the same one.
fn replay(existing: CredentialRow, idempotency: &Idempotency) -> Result<Issued, IssuerError> {
    if existing.request_sha256.as_deref() != Some(idempotency.request_sha256.as_str()) {
        return Err(IssuerError::IdempotencyKeyReused(idempotency.key.clone()));
    }
    let secured = Secured::from_record(&existing.format, existing.body.clone())
        .map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok(Issued { id: existing.id, secured, body: existing.body, replayed: true })
}

/// The fields of one of the two templates.
#[derive(Debug, Clone)]
pub enum TemplateRequest {
    Skill(SkillRequest),
    Assignment(AssignmentRequest),
}

/// Fields an HR system sends to issue a skill credential.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillRequest {
    pub subject: Option<String>,
    pub skill: String,
    pub level: String,
    #[schema(value_type = Option<crate::openapi::LocalizedTextDoc>)]
    pub evidence: Option<LocalizedText>,
    #[serde(rename = "validUntil")]
    pub valid_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// Fields an HR system sends to issue an assignment credential.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRequest {
    pub subject: Option<String>,
    #[schema(value_type = crate::openapi::LocalizedTextDoc)]
    pub role: LocalizedText,
    #[schema(value_type = crate::openapi::LocalizedTextDoc)]
    pub department: LocalizedText,
    #[schema(value_type = Option<crate::openapi::LocalizedTextDoc>)]
    pub team: Option<LocalizedText>,
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub skills: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_ids_are_path_safe() {
        assert!(valid_department_id("hr"));
        assert!(valid_department_id("esdc-benefits-2"));
        assert!(!valid_department_id("-hr"));
        assert!(!valid_department_id("HR"));
        assert!(!valid_department_id("h/r"));
        assert!(!valid_department_id(""));
        assert!(!valid_department_id(&"a".repeat(64)));
        assert!(!valid_department_id("credentials"));
    }
}
