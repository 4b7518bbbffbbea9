//! The verification service's state and its policy around `credentials`' pipeline (the same
//! checks as `verifier verify`): a credential is never "verified" while its status could not be
//! read (or, when required, the request fails), every credential is judged against the
//! trusted-issuer registry (without one, its issuer is marked as vouched for by nobody), presentations answer a challenge (ours once only), and the requesting
//! party's endpoints need the API token.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::error::Detail;
use credentials::input::Parsed;
use credentials::report::{CheckKind, Outcome, Report};
use credentials::verify::{PresentationOptions, Verifier};

use crate::domain::challenges::{self, Challenges};
use crate::domain::documents::may_take_seconds;
use crate::domain::error::ServiceError;
use crate::domain::oid4vp::identity::Identity;
use crate::domain::oid4vp::requests::{Limits, Requests};
use crate::domain::registry_file::WatchedRegistry;
use crate::domain::trust::TrustError;
use crate::domain::untrusted;
use crate::i18n::t;
use crate::store::Store;

/// Largest presentation age or clock skew a request may set (one day).
pub const MAX_POLICY_SECONDS: u64 = 86_400;

/// Shared state of the service.
pub struct VerifierService {
    verifier: Verifier,
    /// Requests, outcomes, challenges and tokens: shared by the replicas, kept across restarts.
    store: Store,
    /// A status that cannot be read answers 503 (true) or `verified: false` with a warning.
    require_status: bool,
    /// The trusted-issuer registry, read again when its file changes.
    trust: Option<WatchedRegistry>,
    /// Who this verifier is to wallets (OpenID4VP); `None` disables presentation requests.
    identity: Option<Identity>,
    requests: Requests,
    /// SHA-256 (hex) of the token given at start (`--api-token`), which has every scope; the
    /// others are in the store, hashed too.
    configured_token: Option<String>,
    /// Whether the store holds API tokens (then the page's form asks for one).
    stored_tokens: bool,
    /// Challenges open, as counted at the last purge plus those handed out since.
    open_challenges: std::sync::atomic::AtomicI64,
    /// Verifications running at once (CPU-bound, except for a DID document or status list
    /// download on a cache miss): a few per core.
    verifying: tokio::sync::Semaphore,
    /// How long a profile stays in the talent directory once published, in days.
    directory_days: u32,
    /// Every profile and answer shown name-blind until a manager reveals it (`--name-blind`).
    name_blind: bool,
    /// Where `verifier figures combine` wrote the figures the page shows.
    figures: Option<std::path::PathBuf>,
}

/// What an API token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Create presentation requests (`POST /presentation-requests`, the page's form).
    Request,
    /// Read their outcomes.
    Read,
    /// Search the talent directory and read its profiles.
    Directory,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Read => "read",
            Self::Directory => "directory",
        }
    }
}

/// The id requests made with the token given at start are recorded under.
pub const CONFIGURED_TOKEN_ID: &str = "configured";

/// SHA-256 (hex) of an API token: all that is kept of it.
pub fn token_sha256(token: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

impl std::fmt::Debug for VerifierService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifierService").field("require_status", &self.require_status).finish_non_exhaustive()
    }
}

impl VerifierService {
    /// A service keeping its state in memory (tests, benchmarks); `with_store` gives it a
    /// database.
    pub fn new(verifier: Verifier, require_status: bool) -> Self {
        let store = Store::memory();
        Self {
            verifier,
            requests: Requests::new(store.clone(), Limits::default()),
            store,
            require_status,
            trust: None,
            identity: None,
            configured_token: None,
            stored_tokens: false,
            open_challenges: Default::default(),
            verifying: tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map(std::num::NonZeroUsize::get).unwrap_or(2),
            ),
            directory_days: crate::domain::directory::DEFAULT_DAYS,
            name_blind: false,
            figures: None,
        }
    }

    /// Keeps the state in `store`, with these bounds; `stored_tokens` when it holds API tokens.
    pub fn with_store(mut self, store: Store, limits: Limits, stored_tokens: bool) -> Self {
        self.requests = Requests::new(store.clone(), limits);
        self.store = store;
        self.stored_tokens = stored_tokens;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Answers OpenID4VP presentation requests as this identity.
    pub fn with_identity(mut self, identity: Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Keeps a profile published in the talent directory for `days` (at least one).
    pub fn with_directory_days(mut self, days: u32) -> Self {
        self.directory_days = days.max(1);
        self
    }

    /// How long a profile stays in the talent directory once published, in days.
    pub fn directory_days(&self) -> u32 {
        self.directory_days
    }

    /// Accepts this bearer token (every scope) besides those in the store.
    pub fn with_api_token(mut self, token: Option<String>) -> Self {
        self.configured_token = token.filter(|t| !t.is_empty()).map(|t| token_sha256(&t));
        self
    }

    /// Judges every credential against this registry file (refused at start when invalid; read
    /// again when the file changes; a broken edit keeps the last good registry).
    pub fn with_trust(mut self, path: &std::path::Path) -> Result<Self, TrustError> {
        self.trust = Some(WatchedRegistry::load(path)?);
        Ok(self)
    }

    /// Shows every profile and answer without the person's name or identifiers until a manager
    /// reveals them (a request may ask for it on its own: `domain::profile::blind`).
    pub fn with_name_blind(mut self, blind: bool) -> Self {
        self.name_blind = blind;
        self
    }

    /// Shows the combined figures written to `dir` on the page `/figures`.
    pub fn with_figures(mut self, dir: Option<std::path::PathBuf>) -> Self {
        self.figures = dir;
        self
    }

    /// The combined figures the page shows, read again from their directory.
    pub fn figures(&self) -> Option<crate::domain::figures::FiguresView> {
        crate::domain::figures::load_view(self.figures.as_deref()?)
    }

    /// Whether the service shows every answer name-blind first.
    pub fn name_blind(&self) -> bool {
        self.name_blind
    }

    /// The verifier the service checks with (its caches: DID documents, status lists).
    pub fn verifier(&self) -> &Verifier {
        &self.verifier
    }

    /// Who this verifier is to wallets, when it asks for presentations at all.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    /// Whether creating a presentation request needs an API token.
    pub fn has_api_token(&self) -> bool {
        self.configured_token.is_some() || self.stored_tokens
    }

    /// The presentation requests.
    pub fn requests(&self) -> &Requests {
        &self.requests
    }

    /// Now, by the verifier's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.verifier.clock.now()
    }

    /// The JSON-LD contexts the verifier knows (DCQL compares types as expanded IRIs).
    pub fn contexts(&self) -> &ContextSet {
        &self.verifier.contexts
    }

    /// The service's status policy (`--require-status`), which a request may override.
    pub fn require_status(&self) -> bool {
        self.require_status
    }

    /// Whether `bearer` (the request's bearer token) opens the requesting party's endpoints for
    /// `scope`: the id of the token that does.
    pub async fn authorize(&self, bearer: Option<&str>, scope: Scope) -> Result<String, ServiceError> {
        // No token at all means nobody may ask: these endpoints are never open.
        let given = bearer.filter(|t| !t.is_empty()).ok_or(ServiceError::Unauthorized)?;
        self.token_id(given, scope).await?.ok_or(ServiceError::Unauthorized)
    }

    /// The id of the token `given` if it has `scope`: `Ok(None)` when it is no token of ours, a
    /// 403 when it lacks the scope.
    async fn token_id(&self, given: &str, scope: Scope) -> Result<Option<String>, ServiceError> {
        let hash = token_sha256(given);
        if let Some(expected) = &self.configured_token {
            use subtle::ConstantTimeEq;
            if bool::from(hash.as_bytes().ct_eq(expected.as_bytes())) {
                return Ok(Some(CONFIGURED_TOKEN_ID.to_owned()));
            }
        }
        // Looked up by its hash: the lookup's timing tells nothing of a token's text.
        match self.store.token_by_hash(&hash).await? {
            Some(row) if row.scopes.split_whitespace().any(|s| s == scope.name()) => Ok(Some(row.id)),
            Some(_) => Err(ServiceError::MissingScope(scope.name())),
            None => Ok(None),
        }
    }

    /// Whether the token typed into the page's form may start a request (any token passes when
    /// the service has none, which only tests rely on): the id it is recorded under.
    pub async fn check_page_token(&self, given: &str) -> Result<String, ServiceError> {
        if !self.has_api_token() {
            return Ok("page".to_owned());
        }
        self.token_id(given, Scope::Request).await?.ok_or(ServiceError::WrongToken)
    }

    /// A new single-use challenge, or `None` when too many are open (a challenge handed out but
    /// not stored could never be answered).
    pub async fn challenge(&self) -> Result<Option<String>, ServiceError> {
        use std::sync::atomic::Ordering;
        if self.open_challenges.fetch_add(1, Ordering::Relaxed) >= self.requests.limits().open_challenges {
            self.open_challenges.fetch_sub(1, Ordering::Relaxed);
            return Ok(None);
        }
        let challenge = Challenges::new_challenge();
        let expires = self.now().timestamp() + challenges::lifetime_seconds();
        self.store.insert_challenge(&challenge, expires).await?;
        Ok(Some(challenge))
    }

    /// Uses a challenge once: `Err` (code) when it was not issued here, expired, or was used.
    pub async fn consume(&self, challenge: &str) -> Result<Result<(), &'static str>, ServiceError> {
        Ok(self.store.consume_challenge(challenge, self.now().timestamp()).await?)
    }

    /// Deletes expired requests and challenges and outcomes past their retention.
    pub async fn purge(&self) -> Result<(u64, u64), ServiceError> {
        let now = self.now().timestamp();
        let purged = self.store.purge(now).await?;
        let open = self.store.open_challenges(now).await?;
        self.open_challenges.store(open, std::sync::atomic::Ordering::Relaxed);
        Ok(purged)
    }

    /// Judges the issuers: against the registry, or, without one, marked as vouched for by
    /// nobody (`untrusted`).
    fn judge(&self, report: &mut Report) {
        match &self.trust {
            Some(trust) => trust.judge(report, self.verifier.clock.now()),
            None => untrusted::mark(report),
        }
    }

    /// The trust registry's names (English, French) of a credential's issuer, when a registry
    /// vouches for it for this kind of credential.
    pub fn issuer_names(&self, report: &Report) -> Option<(String, String)> {
        self.trust.as_ref()?.names_of(report, self.verifier.clock.now())
    }

    /// The status policy: a status that could not be read fails the request (503) when
    /// `require` (the request's choice, else the service's `--require-status`).
    fn check(&self, report: &Report, require: Option<bool>) -> Result<(), ServiceError> {
        if require.unwrap_or(self.require_status) && report.status_unknown() {
            return Err(ServiceError::Unavailable(Detail::localized(|lang| t!(lang, "dependency-status-list"))));
        }
        Ok(())
    }

    /// Verifies, applies the status policy, then judges the issuers.
    pub async fn verify(
        self: &Arc<Self>,
        parsed: Parsed,
        options: PresentationOptions,
        require_status: Option<bool>,
    ) -> Result<Report, ServiceError> {
        // With warm caches a verification is pure computation: done here, on the request's thread
        // (handing it to another thread costs about a third of a fast verification).
        if !self.verifier.may_wait(&parsed) && !may_take_seconds(&parsed) {
            let mut report = self.verifier.verify(parsed, &options);
            self.check(&report, require_status)?;
            self.judge(&mut report);
            return Ok(report);
        }
        // One that may wait on the network goes to the blocking pool, a bounded number at once:
        // more would not go faster, and each would keep a thread and its allocator's memory.
        let _permit = self.verifying.acquire().await.map_err(|e| ServiceError::Unavailable(task_interrupted(&e)))?;
        let verifying = self.clone();
        let mut report = tokio::task::spawn_blocking(move || verifying.verifier.verify(parsed, &options))
            .await
            .map_err(|e| ServiceError::Unavailable(task_interrupted(&e)))?;
        self.check(&report, require_status)?;
        self.judge(&mut report);
        Ok(report)
    }

    /// Verifies a presentation against `options.challenge` and `options.domain`. A challenge of
    /// ours (from `POST /challenges`) is used up when the presentation answers it: the second
    /// value is `Err` (code) when it cannot be (unknown, used, expired). A challenge the caller
    /// brought is only checked against the presentation (see `challenges`). A forged
    /// presentation does not burn a real challenge: anyone who saw a challenge can sign
    /// something naming it, and a failed answer gains nothing by being sent again.
    pub async fn verify_presentation(
        self: &Arc<Self>,
        parsed: Parsed,
        options: PresentationOptions,
        require_status: Option<bool>,
    ) -> Result<(Report, Result<(), &'static str>), ServiceError> {
        let challenge = options.challenge.clone();
        let report = self.verify(parsed, options, require_status).await?;
        let answered =
            matches!(report.check(CheckKind::Challenge), Some(Outcome::Passed)) && report.verified_and_status_known();
        let used = match challenge {
            Some(challenge) if answered && Challenges::is_ours(&challenge) => self.consume(&challenge).await?,
            _ => Ok(()),
        };
        Ok((report, used))
    }
}

/// A verification task that could not run (the pool closed, the task panicked).
fn task_interrupted(error: &impl std::fmt::Display) -> Detail {
    let error = error.to_string();
    Detail::localized(|lang| t!(lang, "dependency-verification-task", error = error.as_str()))
}
