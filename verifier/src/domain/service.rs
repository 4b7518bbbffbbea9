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

use crate::domain::challenges::Challenges;
use crate::domain::documents::may_take_seconds;
use crate::domain::error::ServiceError;
use crate::domain::oid4vp::identity::Identity;
use crate::domain::oid4vp::requests::Requests;
use crate::domain::page_requests::PageRequests;
use crate::domain::registry_file::WatchedRegistry;
use crate::domain::trust::TrustError;
use crate::domain::untrusted;
use crate::i18n::t;

/// Largest presentation age or clock skew a request may set (one day).
pub const MAX_POLICY_SECONDS: u64 = 86_400;

/// Shared state of the service.
pub struct VerifierService {
    verifier: Verifier,
    /// Challenges issued and not yet used.
    challenges: Challenges,
    /// A status that cannot be read answers 503 (true) or `verified: false` with a warning.
    require_status: bool,
    /// The trusted-issuer registry, read again when its file changes.
    trust: Option<WatchedRegistry>,
    /// Who this verifier is to wallets (OpenID4VP); `None` disables presentation requests.
    identity: Option<Identity>,
    requests: Requests,
    /// Bearer token the requesting party must show to create and read presentation requests.
    api_token: Option<String>,
    /// Verifications running at once (CPU-bound, except for a DID document or status list
    /// download on a cache miss): a few per core.
    verifying: tokio::sync::Semaphore,
    /// Requests started from the web page, readable with their own key.
    page_requests: PageRequests,
}

impl std::fmt::Debug for VerifierService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifierService").field("require_status", &self.require_status).finish_non_exhaustive()
    }
}

impl VerifierService {
    pub fn new(verifier: Verifier, require_status: bool) -> Self {
        Self {
            verifier,
            challenges: Challenges::default(),
            require_status,
            trust: None,
            identity: None,
            requests: Requests::default(),
            api_token: None,
            verifying: tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map(std::num::NonZeroUsize::get).unwrap_or(2),
            ),
            page_requests: PageRequests::default(),
        }
    }

    /// Answers OpenID4VP presentation requests as this identity.
    pub fn with_identity(mut self, identity: Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Requires this bearer token to create and read presentation requests.
    pub fn with_api_token(mut self, token: Option<String>) -> Self {
        self.api_token = token.filter(|t| !t.is_empty());
        self
    }

    /// Judges every credential against this registry file (refused at start when invalid; read
    /// again when the file changes; a broken edit keeps the last good registry).
    pub fn with_trust(mut self, path: &std::path::Path) -> Result<Self, TrustError> {
        self.trust = Some(WatchedRegistry::load(path)?);
        Ok(self)
    }

    /// Who this verifier is to wallets, when it asks for presentations at all.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    /// Whether creating a presentation request needs the API token.
    pub fn has_api_token(&self) -> bool {
        self.api_token.is_some()
    }

    /// The presentation requests of this process.
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

    /// Whether `bearer` (the request's bearer token) opens the requesting party's endpoints.
    pub fn authorize(&self, bearer: Option<&str>) -> Result<(), ServiceError> {
        // No token set means nobody may ask: these endpoints are never open.
        if self.api_token.is_none() {
            return Err(ServiceError::Unauthorized);
        }
        self.check_token(bearer.unwrap_or_default())
    }

    /// Whether `given` is the API token (compared in constant time); passes when none is set,
    /// which only the page's own form relies on (see `page_ask`).
    pub fn check_token(&self, given: &str) -> Result<(), ServiceError> {
        let Some(expected) = &self.api_token else {
            return Ok(());
        };
        use subtle::ConstantTimeEq;
        if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
            Ok(())
        } else {
            Err(ServiceError::Unauthorized)
        }
    }

    /// A new single-use challenge, or `None` when too many are open (a challenge handed out but
    /// not stored could never be answered).
    pub fn challenge(&self) -> Option<String> {
        self.challenges.issue()
    }

    /// Uses a challenge once: `Err` (code) when it was not issued here, expired, or was used.
    pub fn consume(&self, challenge: &str) -> Result<(), &'static str> {
        self.challenges.consume(challenge)
    }

    /// Remembers a request started from the page, readable with `key`.
    pub fn remember_page_request(&self, id: &str, key: &str, link: &str) {
        self.page_requests.remember(id, key, link, &self.requests);
    }

    /// The link of a page request, if `key` opens it.
    pub fn page_request_link(&self, id: &str, key: &str) -> Option<String> {
        self.page_requests.link(id, key)
    }

    /// Judges the issuers: against the registry, or, without one, marked as vouched for by
    /// nobody (`untrusted`).
    fn judge(&self, report: &mut Report) {
        match &self.trust {
            Some(trust) => trust.judge(report, self.verifier.clock.now()),
            None => untrusted::mark(report),
        }
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
            Some(challenge) if answered && Challenges::is_ours(&challenge) => self.consume(&challenge),
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
