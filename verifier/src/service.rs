//! `verifier serve`: the W3C CCG VC-API verification endpoints for an employer's systems. Every
//! check is `credentials`' pipeline (the same as `verifier verify`); this module adds what a
//! service needs: single-use challenges (a presentation answers one challenge of ours, once), a
//! JSON answer per check for valid and invalid inputs alike, and the rule that a credential is
//! never "verified" while its status could not be read.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use credentials::error::Describe;
use credentials::error::Detail;
use credentials::input::Parsed;
use credentials::report::{CheckKind, Outcome, Report};
use credentials::verify::{PresentationOptions, Verifier};
use lang::{Lang, Wish};
use serde_json::{json, Value};

use crate::i18n::{t, text};

/// Largest request body (a presentation of a few credentials).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How long a challenge may be answered.
pub const CHALLENGE_LIFETIME: Duration = Duration::from_secs(300);
const MAX_OPEN_CHALLENGES: usize = 100_000;
pub use credentials::clock::DEFAULT_CLOCK_SKEW;

mod web;
pub use web::CONTENT_SECURITY_POLICY;
/// Largest presentation age or clock skew a request may set (one day).
pub const MAX_POLICY_SECONDS: u64 = 86_400;

/// Shared state of the service.
pub struct VerifierService {
    verifier: Verifier,
    /// Challenges issued and not yet used, with when they expire.
    challenges: Mutex<HashMap<String, Instant>>,
    /// A status that cannot be read answers 503 (true) or `verified: false` with a warning.
    require_status: bool,
    /// The trusted-issuer registry, its file, and the file's modification time when read.
    trust: Option<Mutex<TrustState>>,
    /// Who this verifier is to wallets (OpenID4VP); `None` disables presentation requests.
    identity: Option<crate::oid4vp::Identity>,
    requests: crate::oid4vp::Requests,
    /// Bearer token the requesting party must show to create and read presentation requests.
    api_token: Option<String>,
    /// Verifications running at once (CPU-bound, except for a DID document or status list
    /// download on a cache miss): a few per core.
    verifying: tokio::sync::Semaphore,
    /// Requests started from the web page, readable with their own key.
    page_requests: web::PageRequests,
}

type TrustState = (crate::trust::Registry, std::path::PathBuf, Option<std::time::SystemTime>);

impl std::fmt::Debug for VerifierService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifierService").field("require_status", &self.require_status).finish_non_exhaustive()
    }
}

/// Why a request was not answered with a verification result. `Display` is the English
/// message; every message comes from the catalogue (`i18n/*/verifier.ftl`).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ServiceError {
    /// A request this service cannot read, said in both languages.
    BadRequest(Detail),
    TooLarge,
    /// What could not be read, in English and French ("status list" / "liste de statuts").
    Unavailable(Detail),
    NotFound,
    /// Every slot of a bounded table is taken (open challenges): try again later.
    Busy(Detail),
    Unauthorized,
    /// The page's form was sent without this service's access token.
    WrongToken,
    /// A handler panicked (a bug): answered 500, logged, the process goes on.
    Internal,
    /// A wallet-facing OpenID4VP refusal, answered as an OAuth error.
    Refused(crate::oid4vp::Refusal, Lang),
}

impl ServiceError {
    /// A request refused with a catalogue message (`|lang| t!(lang, "id", …)`).
    fn bad(message: impl Fn(Lang) -> String) -> Self {
        Self::BadRequest(Detail::localized(message))
    }

    /// The text in `lang`.
    pub(crate) fn message(&self, lang: Lang) -> String {
        match self {
            Self::Refused(refusal, _) => refusal.message(lang),
            Self::BadRequest(detail) => detail.get(lang).to_owned(),
            Self::TooLarge => text!(lang, "problem-too-large").to_owned(),
            Self::Unavailable(what) => t!(lang, "problem-unavailable", what = what.get(lang)),
            Self::NotFound => text!(lang, "problem-not-found").to_owned(),
            Self::Busy(what) => t!(lang, "problem-busy", what = what.get(lang)),
            Self::Unauthorized => text!(lang, "problem-unauthorized").to_owned(),
            Self::WrongToken => text!(lang, "problem-wrong-token").to_owned(),
            Self::Internal => text!(lang, "problem-internal").to_owned(),
        }
    }

    /// The HTTP status, the stable code, and the text in English and in French.
    pub(crate) fn parts(&self) -> (StatusCode, &'static str, String, String) {
        let (status, code) = self.status_and_code();
        (status, code, self.message(Lang::En), self.message(Lang::Fr))
    }

    /// The HTTP status and the stable code.
    pub(crate) fn status_and_code(&self) -> (StatusCode, &'static str) {
        use crate::oid4vp::Refusal;
        match self {
            Self::Refused(refusal, _) => {
                let status = match refusal {
                    Refusal::Unknown => StatusCode::NOT_FOUND,
                    Refusal::Full => StatusCode::SERVICE_UNAVAILABLE,
                    _ => StatusCode::BAD_REQUEST,
                };
                (status, refusal.code())
            }
            Self::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Self::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Self::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "dependency_unavailable"),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Self::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Self::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Self::WrongToken => (StatusCode::FORBIDDEN, "wrong_token"),
            Self::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal_error"),
        }
    }
}

impl IntoResponse for ServiceError {
    fn into_response(self) -> Response {
        let (status, code, en, fr) = self.parts();
        if let Self::Refused(_, lang) = &self {
            // A wallet-facing refusal is an OAuth error.
            let body = json!({"error": "invalid_request", "error_description": lang.pick(&en, &fr),
                "code": code, "detail_fr": fr});
            return (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response();
        }
        let body = json!({"type": format!("https://w3id.org/talent-credentials/problems#{code}"),
            "title": status.canonical_reason().unwrap_or("error"), "status": status.as_u16(),
            "code": code, "detail": en, "detail_fr": fr});
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body.to_string()).into_response()
    }
}

/// The reader's language: what they asked for by name (`?lang=`, a form's field), else their
/// browser's `Accept-Language`, else English. The one negotiation of the workspace
/// ([`lang::choose`]).
fn lang_of(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    let accepted = headers.get(header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    lang::choose([Wish::Asked(asked), Wish::AcceptLanguage(accepted)])
}

/// A VC-API verification answer: `{verified, checks, warnings, errors}` plus the full report,
/// serialized straight from the report (no intermediate `Value` tree on the hot path).
#[derive(serde::Serialize)]
struct Answer<'a> {
    verified: bool,
    checks: Vec<&'static str>,
    warnings: Vec<Value>,
    errors: Vec<Value>,
    report: credentials::report::InLang<'a>,
    /// What the holder chose to show of a selectively disclosable credential.
    #[serde(skip_serializing_if = "Option::is_none")]
    disclosed: Option<&'a Vec<String>>,
}

fn answer(report: &Report, lang: Lang, extra_errors: Vec<Value>) -> Answer<'_> {
    let mut errors = extra_errors;
    let mut warnings = Vec::new();
    let mut checks = Vec::new();
    fn walk(
        report: &Report,
        lang: Lang,
        checks: &mut Vec<&'static str>,
        warnings: &mut Vec<Value>,
        errors: &mut Vec<Value>,
    ) {
        for check in &report.checks {
            let name = check.kind.code();
            match &check.outcome {
                Outcome::Passed => checks.push(name),
                Outcome::Failed(failure) => {
                    errors.push(json!({"check": name, "code": failure.code(), "message": failure.message(lang)}))
                }
                Outcome::Undetermined(failure) => {
                    warnings.push(json!({"check": name, "code": failure.code(), "message": failure.message(lang)}))
                }
                Outcome::NotChecked(why) => {
                    warnings.push(json!({"check": name, "code": why.code(), "message": why.message(lang)}))
                }
                _ => {}
            }
        }
        for inner in &report.credentials {
            walk(inner, lang, checks, warnings, errors);
        }
    }
    walk(report, lang, &mut checks, &mut warnings, &mut errors);
    Answer {
        // A status that could not be read is never "verified".
        verified: errors.is_empty() && report.verified_and_status_known(),
        checks,
        warnings,
        errors,
        report: report.in_lang(lang),
        disclosed: report.disclosed.as_ref(),
    }
}

impl VerifierService {
    pub fn new(verifier: Verifier, require_status: bool) -> Self {
        Self {
            verifier,
            challenges: Mutex::default(),
            require_status,
            trust: None,
            identity: None,
            requests: crate::oid4vp::Requests::default(),
            api_token: None,
            verifying: tokio::sync::Semaphore::new(
                2 * std::thread::available_parallelism().map(std::num::NonZeroUsize::get).unwrap_or(2),
            ),
            page_requests: web::PageRequests::default(),
        }
    }

    fn remember_page_request(&self, id: &str, key: &str, link: &str) {
        self.page_requests.remember(id, key, link, &self.requests);
    }

    fn page_request_link(&self, id: &str, key: &str) -> Option<String> {
        self.page_requests.link(id, key)
    }

    /// Answers OpenID4VP presentation requests as this identity.
    pub fn with_identity(mut self, identity: crate::oid4vp::Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Requires this bearer token to create and read presentation requests.
    pub fn with_api_token(mut self, token: Option<String>) -> Self {
        self.api_token = token.filter(|t| !t.is_empty());
        self
    }

    fn authorize(&self, headers: &HeaderMap) -> Result<(), ServiceError> {
        // No token set means nobody may ask: these endpoints are never open.
        if self.api_token.is_none() {
            return Err(ServiceError::Unauthorized);
        }
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        self.check_token(given)
    }

    /// Whether `given` is the API token (compared in constant time); passes when none is set,
    /// which only the page's own form relies on (see `web`).
    fn check_token(&self, given: &str) -> Result<(), ServiceError> {
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

    /// Judges every credential against this registry file (refused at start when invalid; read
    /// again when the file changes; a broken edit keeps the last good registry).
    pub fn with_trust(mut self, path: &std::path::Path) -> Result<Self, crate::trust::TrustError> {
        let registry = crate::trust::Registry::load(path)?;
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        self.trust = Some(Mutex::new((registry, path.to_owned(), modified)));
        Ok(self)
    }

    fn judge(&self, report: &mut Report) {
        let Some(trust) = &self.trust else {
            return;
        };
        let mut trust = trust.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let modified = std::fs::metadata(&trust.1).and_then(|m| m.modified()).ok();
        if modified != trust.2 {
            match crate::trust::Registry::load(&trust.1) {
                Ok(registry) => trust.0 = registry,
                Err(error) => {
                    let error_fr = error.message(Lang::Fr);
                    let (kept, kept_fr) =
                        (text!(Lang::En, "trust-registry-kept"), text!(Lang::Fr, "trust-registry-kept"));
                    tracing::warn!(%error, %error_fr, "{kept} ({kept_fr})");
                }
            }
            trust.2 = modified;
        }
        trust.0.judge(report, self.verifier.clock.now());
    }

    /// A fresh single-use challenge.
    /// A new single-use challenge, or `None` when [`MAX_OPEN_CHALLENGES`] are open (a challenge
    /// handed out but not stored could never be answered).
    pub fn challenge(&self) -> Option<String> {
        let challenge = crate::oid4vp::random_id("ch-");
        let mut open = self.challenges.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        if open.len() >= MAX_OPEN_CHALLENGES {
            open.retain(|_, expires| *expires > now);
        }
        if open.len() >= MAX_OPEN_CHALLENGES {
            return None;
        }
        open.insert(challenge.clone(), now + CHALLENGE_LIFETIME);
        Some(challenge)
    }

    /// Uses a challenge once: `Err` (code) when it was not issued here, expired, or was used.
    fn consume(&self, challenge: &str) -> Result<(), &'static str> {
        let mut open = self.challenges.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match open.remove(challenge) {
            Some(expires) if expires > Instant::now() => Ok(()),
            Some(_) => Err("challenge_expired"),
            None => Err("challenge_unknown_or_used"),
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
}

type AppState = Arc<VerifierService>;

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "the process is up")))]
pub(crate) async fn health_get() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

#[utoipa::path(get, path = "/readyz", responses((status = 200, description = "ready to verify")))]
pub(crate) async fn ready_get() -> Json<Value> {
    Json(json!({"status": "ready"}))
}

async fn openapi_get() -> Json<utoipa::openapi::OpenApi> {
    use utoipa::OpenApi;
    Json(crate::openapi::ApiDoc::openapi())
}

/// How the service meets the network: TLS, rate limit, logs.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// PEM certificate chain and private key files; plain HTTP without.
    pub tls: Option<(std::path::PathBuf, std::path::PathBuf)>,
    /// Requests per second per client address (burst of the same size); unlimited without.
    pub rate_limit: Option<std::num::NonZeroU32>,
    /// Language of the lines printed for the operator.
    pub lang: Lang,
}

type IpLimiter = governor::DefaultKeyedRateLimiter<std::net::IpAddr>;

/// Addresses the rate limiter tracks before it forgets those whose allowance is full again.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// The key an address is limited under: an IPv6 client usually holds a whole /64, so it is
/// limited as one (else each of its addresses would get its own allowance); an IPv4 address
/// mapped into IPv6 is its IPv4 address.
fn client_key(ip: std::net::IpAddr) -> std::net::IpAddr {
    match ip {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                std::net::IpAddr::V6(std::net::Ipv6Addr::from(segments))
            }
        },
        v4 => v4,
    }
}

/// One line per request: method, route pattern (never the path itself, which can hold request
/// ids), status and duration. No body, no header, no address: nothing about the person.
async fn log_request(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    // Under load with request logs off, not even the route's name is copied.
    if !tracing::enabled!(tracing::Level::INFO) {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".into());
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    response
}

/// The per-address limiter, and how many requests it has seen (it is pruned now and then).
type RateState = Arc<(IpLimiter, std::sync::atomic::AtomicUsize)>;

async fn limit_rate(
    State(state): State<RateState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let client = request.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if let Some(ip) = client.map(client_key) {
        let (limiter, seen) = (&state.0, &state.1);
        // Without this the limiter kept every address it ever saw (found by review). Pruning
        // walks every address, so it is tried once per thousand requests at most.
        let count = seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if count.is_multiple_of(1024) && limiter.len() > MAX_TRACKED_ADDRESSES {
            limiter.retain_recent();
        }
        if limiter.check_key(&ip).is_err() {
            let body = json!({"type": "https://w3id.org/talent-credentials/problems#rate_limited",
                "title": "Too Many Requests", "status": 429, "code": "rate_limited",
                "detail": text!(Lang::En, "problem-rate-limited"), "detail_fr": text!(Lang::Fr, "problem-rate-limited")});
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::CONTENT_TYPE, "application/problem+json"), (header::RETRY_AFTER, "1")],
                body.to_string(),
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// The routes, with request logs.
pub fn app(service: Arc<VerifierService>) -> Router {
    routes(service).layer(axum::middleware::from_fn(log_request))
}

/// The routes with a per-address rate limit in front.
pub fn app_with(service: Arc<VerifierService>, options: &ServeOptions) -> Router {
    let router = routes(service);
    let router = match options.rate_limit {
        Some(rate) => {
            let limiter = governor::RateLimiter::keyed(governor::Quota::per_second(rate));
            let state: RateState = Arc::new((limiter, std::sync::atomic::AtomicUsize::new(0)));
            router.layer(axum::middleware::from_fn_with_state(state, limit_rate))
        }
        None => router,
    };
    router.layer(axum::middleware::from_fn(log_request))
}

fn routes(service: Arc<VerifierService>) -> Router {
    Router::new()
        .route("/healthz", get(health_get))
        .route("/readyz", get(ready_get))
        .route("/openapi.json", get(openapi_get))
        .route("/credentials/verify", post(credential_verify))
        .route("/presentations/verify", post(presentation_verify))
        .route("/challenges", post(challenge_create))
        .route("/presentation-requests", post(presentation_request_create))
        .route("/presentation-requests/{id}", get(presentation_request_get))
        .route("/oid4vp/requests/{rid}", get(request_object_get))
        .route("/oid4vp/responses/{rid}", post(response_post))
        .merge(web::routes())
        .fallback(|| async { ServiceError::NotFound })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Verifications run on the request's worker: a bug that panics there answers 500 with a
        // problem body instead of dropping the connection.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            tracing::error!("a request handler panicked");
            ServiceError::Internal.into_response()
        }))
        .with_state(service)
}

/// A verification task that could not run (the pool closed, the task panicked).
fn task_interrupted(error: &impl std::fmt::Display) -> Detail {
    let error = error.to_string();
    Detail::localized(|lang| t!(lang, "dependency-verification-task", error = error.as_str()))
}

fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, ServiceError> {
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => ServiceError::TooLarge,
        other => {
            let detail = other.body_text();
            ServiceError::bad(|lang| t!(lang, "request-body-unreadable", detail = detail.as_str()))
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let (detail, line, column) = json_problem(&e);
        ServiceError::bad(|lang| {
            t!(lang, "request-not-json", detail = detail.as_str(), line = line.as_str(), column = column.as_str())
        })
    })
}

/// serde_json's own words for a JSON error (a value, in English) apart from where it is: the
/// catalogue places the line and column in each language.
pub(crate) fn json_problem(error: &serde_json::Error) -> (String, String, String) {
    let (line, column) = (error.line(), error.column());
    let whole = error.to_string();
    let detail = whole.strip_suffix(&format!(" at line {line} column {column}")).unwrap_or(&whole).to_owned();
    (detail, line.to_string(), column.to_string())
}

/// `verifiableCredential` (or `verifiablePresentation`) as the pipeline takes it: a JSON object,
/// or an `EnvelopedVerifiable…` carrying a JWT. A bare string is refused (VC-API sends objects).
fn document(body: &mut Value, field: &str) -> Result<Parsed, ServiceError> {
    match body.as_object_mut().and_then(|object| object.remove(field)) {
        Some(Value::Object(object)) => {
            let types = credentials::input::type_names(object.get("type"));
            if types.iter().any(|t| t.starts_with("Enveloped")) {
                let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
                // A data: URL's payload is percent-encoded (RFC 2397); a JWT or SD-JWT needs no
                // escaping, but a client may escape `~` or more anyway.
                // Most carry no escape at all: found with memchr, not by decoding byte by byte.
                let decoded = if id.contains('%') {
                    percent_encoding::percent_decode_str(id)
                        .decode_utf8()
                        .map_err(|_| ServiceError::bad(|lang| t!(lang, "document-url-not-utf8")))?
                } else {
                    std::borrow::Cow::Borrowed(id)
                };
                let id = decoded.as_ref();
                // An SD-JWT VC (with its key-binding JWT when presented): VC-JOSE-COSE names it
                // vc+sd-jwt, the SD-JWT VC draft dc+sd-jwt.
                if let Some(sd_jwt) = ["data:application/dc+sd-jwt,", "data:application/vc+sd-jwt,"]
                    .iter()
                    .find_map(|prefix| id.strip_prefix(prefix))
                {
                    if !credentials::sd_jwt_vc::looks_like_sd_jwt(sd_jwt) {
                        return Err(ServiceError::bad(|lang| t!(lang, "document-not-sd-jwt")));
                    }
                    return Ok(Parsed::SdJwt(sd_jwt.to_owned()));
                }
                let jwt = id
                    .strip_prefix("data:application/vc+jwt,")
                    .or_else(|| id.strip_prefix("data:application/vp+jwt,"))
                    .ok_or_else(|| ServiceError::bad(|lang| t!(lang, "document-not-jwt-url")))?;
                return Ok(Parsed::Jwt(jwt.to_owned()));
            }
            credentials::input::classify(Value::Object(object)).map_err(|e| ServiceError::BadRequest(Detail::of(&e)))
        }
        Some(Value::String(_)) => Err(ServiceError::bad(|lang| t!(lang, "field-is-string", field = field))),
        Some(_) => Err(ServiceError::bad(|lang| t!(lang, "field-not-object", field = field))),
        None => Err(ServiceError::bad(|lang| t!(lang, "field-missing", field = field))),
    }
}

/// Whether a document is a presentation: JSON typed so, or a JWT whose header says `vp+jwt`.
/// Presentations are checked only against a challenge (`/presentations/verify`, requests).
pub(crate) fn is_presentation(parsed: &Parsed) -> bool {
    match parsed {
        Parsed::Presentation(_) => true,
        Parsed::Jwt(jwt) => {
            credentials::jose::header_type(jwt).is_some_and(|typ| typ == credentials::jose::VP_JWT_TYPE)
        }
        _ => false,
    }
}

/// Verifies on the blocking pool, applies the status policy, then judges the issuers.
/// A presentation of several credentials secured with `eddsa-rdfc-2022` may need RDF
/// canonicalization's N-degree step (alike blank nodes across its credentials: up to about two
/// seconds, `credentials::canonical`), too long to hold one of the few async workers.
fn may_take_seconds(parsed: &Parsed) -> bool {
    let Parsed::Presentation(value) = parsed else { return false };
    let several = value.get("verifiableCredential").and_then(Value::as_array).is_some_and(|list| list.len() > 1);
    let rdfc = |proof: &Value| proof.get("cryptosuite").and_then(Value::as_str) == Some("eddsa-rdfc-2022");
    let signed_with_rdfc = match value.get("proof") {
        Some(Value::Array(proofs)) => proofs.iter().any(rdfc),
        Some(proof) => rdfc(proof),
        None => false,
    };
    several && signed_with_rdfc
}

async fn run(
    service: &AppState,
    parsed: Parsed,
    options: PresentationOptions,
    require_status: Option<bool>,
) -> Result<Report, ServiceError> {
    // With warm caches a verification is pure computation: done here, on the request's thread
    // (handing it to another thread costs about a third of a fast verification).
    if !service.verifier.may_wait(&parsed) && !may_take_seconds(&parsed) {
        let mut report = service.verifier.verify(parsed, &options);
        service.check(&report, require_status)?;
        service.judge(&mut report);
        return Ok(report);
    }
    // One that may wait on the network goes to the blocking pool, a bounded number at once:
    // more would not go faster, and each would keep a thread and its allocator's memory.
    let _permit = service.verifying.acquire().await.map_err(|e| ServiceError::Unavailable(task_interrupted(&e)))?;
    let verifying = service.clone();
    let mut report = tokio::task::spawn_blocking(move || verifying.verifier.verify(parsed, &options))
        .await
        .map_err(|e| ServiceError::Unavailable(task_interrupted(&e)))?;
    service.check(&report, require_status)?;
    service.judge(&mut report);
    Ok(report)
}

#[utoipa::path(post, path = "/credentials/verify", request_body = crate::openapi::CredentialVerifyDoc,
    responses((status = 200, body = crate::openapi::VerifyResultDoc, description = "checked, valid or not"),
        (status = 400, body = crate::openapi::ProblemDoc, description = "malformed request"),
        (status = 413, body = crate::openapi::ProblemDoc), (status = 429, body = crate::openapi::ProblemDoc),
        (status = 503, body = crate::openapi::ProblemDoc, description = "status list unreadable and required")))]
pub(crate) async fn credential_verify(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let lang = lang_of(None, &headers);
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiableCredential")?;
    // A `vp+jwt` arrives enveloped like a credential; checked here, no challenge would bind it.
    if is_presentation(&parsed) {
        return Err(ServiceError::bad(|lang| t!(lang, "credential-is-presentation")));
    }
    let options = PresentationOptions { clock_skew: DEFAULT_CLOCK_SKEW, ..PresentationOptions::default() };
    let report = run(&service, parsed, options, require_status_option(&body)?).await?;
    Ok(Json(answer(&report, lang, Vec::new())).into_response())
}

#[utoipa::path(post, path = "/presentations/verify", request_body = crate::openapi::PresentationVerifyDoc,
    responses((status = 200, body = crate::openapi::VerifyResultDoc, description = "checked, valid or not"),
        (status = 400, body = crate::openapi::ProblemDoc, description = "malformed request or no challenge"),
        (status = 503, body = crate::openapi::ProblemDoc, description = "status list unreadable and required")))]
pub(crate) async fn presentation_verify(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    let lang = lang_of(None, &headers);
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiablePresentation")?;
    let field = |name: &str| body.pointer(&format!("/options/{name}")).and_then(Value::as_str).map(str::to_owned);
    let options_object = body.get("options").cloned().unwrap_or(Value::Null);
    let seconds = |name: &str| seconds_field(&options_object, name, MAX_POLICY_SECONDS);
    let options = PresentationOptions {
        challenge: field("challenge"),
        domain: field("domain"),
        max_age: seconds("maxPresentationAge")?,
        clock_skew: seconds("clockSkew")?.unwrap_or(DEFAULT_CLOCK_SKEW),
    };
    let Some(challenge) = options.challenge.clone() else {
        return Err(ServiceError::bad(|lang| t!(lang, "challenge-required")));
    };
    let report = run(&service, parsed, options, require_status_option(&body)?).await?;
    // The challenge is ours and unused only if the presentation answered it: a forged one does
    // not burn a real challenge.
    // Only a presentation that verifies uses the challenge up: anyone who saw a challenge can
    // sign something naming it, and a failed answer gains nothing by being sent again.
    let answered =
        matches!(report.check(CheckKind::Challenge), Some(Outcome::Passed)) && report.verified_and_status_known();
    let mut extra = Vec::new();
    if answered {
        if let Err(code) = service.consume(&challenge) {
            let message = match code {
                "challenge_expired" => text!(lang, "challenge-expired"),
                _ => text!(lang, "challenge-unknown-or-used"),
            };
            extra.push(json!({"check": "challenge", "code": code, "message": message}));
        }
    }
    Ok(Json(answer(&report, lang, extra)).into_response())
}

#[utoipa::path(post, path = "/challenges", responses((status = 201, body = crate::openapi::ChallengeDoc),
    (status = 503, body = crate::openapi::ProblemDoc, description = "too many challenges are open")))]
pub(crate) async fn challenge_create(State(service): State<AppState>) -> Result<Response, ServiceError> {
    let challenge =
        service.challenge().ok_or_else(|| ServiceError::Busy(Detail::localized(|lang| t!(lang, "busy-challenges"))))?;
    Ok((
        StatusCode::CREATED,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({"challenge": challenge, "expiresIn": CHALLENGE_LIFETIME.as_secs()})),
    )
        .into_response())
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Serves until Ctrl-C or SIGTERM, draining requests in flight.
pub async fn serve(service: Arc<VerifierService>, listen: SocketAddr, options: ServeOptions) -> std::io::Result<()> {
    let app = app_with(service, &options).into_make_service_with_connect_info::<SocketAddr>();
    match &options.tls {
        None => {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            let address = listener.local_addr()?;
            tracing::info!(%address, "verifier listening (HTTP)");
            eprintln!("{}", t!(options.lang, "serve-listening", url = format!("http://{address}")));
            axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
        }
        Some((certificate, key)) => {
            let rustls = axum_server::tls_rustls::RustlsConfig::from_pem_file(certificate, key).await?;
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                stopper.graceful_shutdown(Some(Duration::from_secs(30)));
            });
            tracing::info!(address = %listen, "verifier listening (HTTPS)");
            eprintln!("{}", t!(options.lang, "serve-listening", url = format!("https://{listen}")));
            axum_server::bind_rustls(listen, rustls).handle(handle).serve(app).await
        }
    }
}

/// `options.requireStatus` of a VC-API request: this request's status policy.
fn require_status_option(body: &Value) -> Result<Option<bool>, ServiceError> {
    match body.pointer("/options/requireStatus") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(require)) => Ok(Some(*require)),
        Some(_) => Err(ServiceError::bad(|lang| t!(lang, "require-status-option-not-boolean"))),
    }
}

fn seconds_field(body: &Value, name: &str, max: u64) -> Result<Option<Duration>, ServiceError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.as_u64().filter(|s| *s <= max).map(|s| Some(Duration::from_secs(s))).ok_or_else(|| {
            ServiceError::bad(|lang| t!(lang, "seconds-out-of-range", name = name, max = max.to_string()))
        }),
    }
}

/// `POST /presentation-requests`: the requesting party asks for credentials (a DCQL query) and
/// gets the link to show the person.
#[utoipa::path(post, path = "/presentation-requests", request_body = crate::openapi::PresentationRequestDoc,
    security(("bearer" = [])),
    responses((status = 201, body = crate::openapi::PresentationRequestCreatedDoc),
        (status = 400, body = crate::openapi::ProblemDoc, description = "invalid DCQL query or policy"),
        (status = 401, body = crate::openapi::ProblemDoc), (status = 503, body = crate::openapi::OAuthErrorDoc, description = "too many open requests")))]
pub(crate) async fn presentation_request_create(
    State(service): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    use crate::oid4vp::{Policy, DEFAULT_LIFETIME, MAX_LIFETIME};
    service.authorize(&headers)?;
    let identity =
        service.identity.as_ref().ok_or_else(|| ServiceError::bad(|lang| t!(lang, "requests-not-answered")))?;
    let body = body_json(body)?;
    let query = body
        .get("dcql_query")
        .cloned()
        .ok_or_else(|| ServiceError::bad(|lang| t!(lang, "field-missing", field = "dcql_query")))?;
    let query = credentials::dcql::Query::from_value(query).map_err(|e| ServiceError::BadRequest(Detail::of(&e)))?;
    let lifetime = seconds_field(&body, "expires_in", MAX_LIFETIME.as_secs())?.unwrap_or(DEFAULT_LIFETIME);
    if lifetime.is_zero() {
        return Err(ServiceError::bad(|lang| t!(lang, "expires-in-zero")));
    }
    let policy = Policy {
        lifetime,
        max_age: seconds_field(&body, "max_presentation_age", MAX_POLICY_SECONDS)?,
        clock_skew: seconds_field(&body, "clock_skew", MAX_POLICY_SECONDS)?.unwrap_or(DEFAULT_CLOCK_SKEW),
        require_status: match body.get("require_status") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(require)) => Some(*require),
            Some(_) => return Err(ServiceError::bad(|lang| t!(lang, "require-status-field-not-boolean"))),
        },
    };
    let now = service.verifier.clock.now();
    let created = service
        .requests
        .create(identity, query, policy, now)
        .map_err(|refusal| ServiceError::Refused(refusal, lang_of(None, &headers)))?;
    let location = format!("/presentation-requests/{}", created.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location.clone()), (header::CACHE_CONTROL, "no-store".into())],
        Json(json!({
            "id": created.id,
            "status": "pending",
            "authorization_request": created.link,
            "request_uri": created.request_uri,
            "client_id": identity.client_id(),
            "expires_at": created.expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "result": location,
        })),
    )
        .into_response())
}

/// `GET /presentation-requests/{id}`: pending, verified (with the disclosed claims), failed (with
/// reasons) or expired.
#[utoipa::path(get, path = "/presentation-requests/{id}", security(("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = crate::openapi::PresentationOutcomeDoc), (status = 401, body = crate::openapi::ProblemDoc),
        (status = 404, body = crate::openapi::ProblemDoc)))]
pub(crate) async fn presentation_request_get(
    State(service): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    service.authorize(&headers)?;
    let outcome = service
        .requests
        .outcome(&id, service.verifier.clock.now(), lang_of(None, &headers))
        .ok_or(ServiceError::NotFound)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(outcome)).into_response())
}

/// `GET /oid4vp/requests/{rid}`: the signed request object, for the wallet.
#[utoipa::path(get, path = "/oid4vp/requests/{rid}", params(("rid" = String, Path)),
    responses((status = 200, content_type = "application/oauth-authz-req+jwt", body = String, description = "the signed request object"),
        (status = 400, body = crate::openapi::OAuthErrorDoc, description = "expired or answered"),
        (status = 404, body = crate::openapi::OAuthErrorDoc)))]
pub(crate) async fn request_object_get(
    State(service): State<AppState>,
    Path(rid): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ServiceError> {
    let jwt = service
        .requests
        .request_object(&rid, service.verifier.clock.now())
        .map_err(|refusal| ServiceError::Refused(refusal, lang_of(None, &headers)))?;
    Ok(([(header::CONTENT_TYPE, credentials::oid4vp::REQUEST_MEDIA_TYPE), (header::CACHE_CONTROL, "no-store")], jwt)
        .into_response())
}

/// `POST /oid4vp/responses/{rid}` (`direct_post`): the wallet's `vp_token` and `state`, or its
/// `error`. Processed once; the outcome goes to the requesting party, the wallet gets 200.
#[utoipa::path(post, path = "/oid4vp/responses/{rid}", params(("rid" = String, Path)),
    request_body(content_type = "application/x-www-form-urlencoded", content = String, description = "vp_token and state (or error)"),
    responses((status = 200, description = "processed: the outcome is for the requesting party"),
        (status = 400, body = crate::openapi::OAuthErrorDoc, description = "expired, already answered, wrong state or unreadable vp_token"),
        (status = 404, body = crate::openapi::OAuthErrorDoc)))]
pub(crate) async fn response_post(
    State(service): State<AppState>,
    Path(rid): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServiceError> {
    use crate::oid4vp::{parse_vp_token, presentation_options, Refusal};
    let lang = lang_of(None, &headers);
    let refused = |refusal| ServiceError::Refused(refusal, lang);
    let bytes = body.map_err(|_| ServiceError::TooLarge)?;
    let form: HashMap<String, String> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    let now = service.verifier.clock.now();
    let (request, policy) =
        service.requests.begin_answer(&rid, form.get("state").map(String::as_str), now).map_err(refused)?;
    let fail = |code: &str, message: Detail| {
        let result = |lang| json!({"verified": false, "errors": [{"code": code, "message": message.get(lang)}]});
        service.requests.finish(&rid, false, result(Lang::En), result(Lang::Fr));
    };
    if let Some(error) = form.get("error") {
        // What the wallet says is kept short and printable: it ends up in the requesting party's view.
        let said: String = format!("{error} {}", form.get("error_description").map(String::as_str).unwrap_or_default())
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        // `access_denied` is the person saying no: said in each language, with what the wallet
        // wrote quoted as it came.
        let said = said.as_str();
        if error == "access_denied" {
            fail("holder_declined", Detail::localized(|lang| t!(lang, "answer-declined", said = said)));
        } else {
            fail("holder_declined", Detail::localized(|lang| t!(lang, "answer-wallet-error", said = said)));
        }
        return Ok(Json(json!({})).into_response());
    }
    let presentations = match form.get("vp_token").map(|token| parse_vp_token(token)) {
        Some(Ok(presentations)) if !presentations.is_empty() => presentations,
        Some(Err(refusal)) => {
            fail(refusal.code(), Detail::localized(|lang| refusal.message(lang)));
            return Err(refused(refusal));
        }
        _ => {
            let refusal = Refusal::Invalid {
                code: "vp_token_missing",
                reason: Detail::localized(|lang| t!(lang, "answer-vp-token-missing")),
            };
            fail(refusal.code(), Detail::localized(|lang| refusal.message(lang)));
            return Err(refused(refusal));
        }
    };
    // Checked in a task of its own: if the wallet hangs up, the answer is still judged and the
    // request does not stay "being checked" for ever.
    let options = presentation_options(&request, &policy);
    let require_status = policy.require_status.unwrap_or(service.require_status);
    let judging = service.clone();
    let task = tokio::spawn(async move {
        let (verified, en, fr) = judge_answer(&judging, &request, options, require_status, presentations).await;
        judging.requests.finish(&rid, verified, en, fr);
    });
    if let Err(error) = task.await {
        tracing::error!(%error, "judging an OpenID4VP answer failed");
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(json!({}))).into_response())
}

/// The outcome of an answer (verified?, in English, in French): each presentation through the
/// pipeline (status policy, trust registry), one holder for all, only credentials directly inside
/// them, and exactly what the DCQL query asked for.
async fn judge_answer(
    service: &AppState,
    request: &credentials::oid4vp::AuthorizationRequest,
    options: PresentationOptions,
    require_status: bool,
    presentations: Vec<(String, Parsed)>,
) -> (bool, Value, Value) {
    use crate::oid4vp::dcql_format;
    use credentials::report::DocumentKind;
    let mut checked = Vec::new();
    let mut problems: Vec<(&str, Detail)> = Vec::new();
    for (id, parsed) in presentations {
        match run(service, parsed, options.clone(), Some(require_status)).await {
            Ok(report) => checked.push((id, report)),
            Err(ServiceError::Unavailable(what)) => problems.push((
                "status_unavailable",
                Detail::localized(|lang| t!(lang, "answer-status-unavailable", what = what.get(lang))),
            )),
            Err(_) => problems.push(("verification_failed", Detail::localized(|lang| t!(lang, "answer-not-checked")))),
        }
    }
    // One person answers: every presentation has the same verified presenter.
    let holders: std::collections::BTreeSet<Option<&str>> =
        checked.iter().map(|(_, report)| report.issuer.as_deref()).collect();
    let holder = match holders.iter().collect::<Vec<_>>().as_slice() {
        [Some(holder)] => Some(*holder),
        [None] => {
            problems.push(("holder_unknown", Detail::localized(|lang| t!(lang, "answer-holder-unknown"))));
            None
        }
        _ => {
            problems.push(("holders_differ", Detail::localized(|lang| t!(lang, "answer-holders-differ"))));
            None
        }
    };
    // What came back is what was asked for, and nothing is hidden in a nested document.
    let mut given: HashMap<String, Vec<(String, Value)>> = HashMap::new();
    for (id, report) in &checked {
        if report.credentials.is_empty() {
            problems.push((
                "presentation_empty",
                Detail::localized(|lang| t!(lang, "answer-presentation-empty", id = id.as_str())),
            ));
        }
        for inner in &report.credentials {
            match &inner.content {
                Some(content) if inner.document == DocumentKind::Credential => {
                    given.entry(id.clone()).or_default().push((dcql_format(inner).to_owned(), content.clone()))
                }
                _ => problems.push((
                    "credential_unreadable",
                    Detail::localized(|lang| t!(lang, "answer-credential-unreadable", id = id.as_str())),
                )),
            }
        }
    }
    if let Err(error) = request.dcql_query.check_answer(&given, &service.verifier.contexts) {
        problems.push((error.code(), Detail::of(&error)));
    }
    let summary = |lang: Lang| {
        let mut verified = problems.is_empty();
        let presentations: Vec<Value> = checked
            .iter()
            .map(|(id, report)| {
                let mut answered = serde_json::to_value(answer(report, lang, Vec::new())).unwrap_or_default();
                verified &= answered["verified"] == true;
                if let Some(map) = answered.as_object_mut() {
                    map.remove("report");
                    map.insert("query".into(), id.clone().into());
                }
                answered
            })
            .collect();
        let credentials: Vec<Value> = checked
            .iter()
            .flat_map(|(id, report)| report.credentials.iter().map(move |inner| (id, inner)))
            .map(|(id, inner)| {
                let content = inner.content.clone().unwrap_or(Value::Null);
                let claims =
                    request.dcql_query.credential(id).map(|q| q.requested_claims(&content)).unwrap_or_default();
                json!({
                    "query": id,
                    "format": dcql_format(inner),
                    "issuer": inner.issuer,
                    "types": inner.types,
                    "claims": claims,
                    "credentialSubject": content.get("credentialSubject"),
                    "disclosed": inner.disclosed,
                    "status": inner.status.iter().map(|entry| entry.state().to_owned()).collect::<Vec<_>>(),
                })
            })
            .collect();
        let errors: Vec<Value> =
            problems.iter().map(|(code, message)| json!({"code": code, "message": message.get(lang)})).collect();
        (
            verified,
            json!({
                "verified": verified,
                "holder": holder,
                "credentials": credentials,
                "presentations": presentations,
                "errors": errors,
            }),
        )
    };
    let (verified, en) = summary(Lang::En);
    let (_, fr) = summary(Lang::Fr);
    (verified, en, fr)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_ipv6_client_is_limited_by_its_64_and_a_mapped_ipv4_by_its_ipv4_address() {
        let ip = |text: &str| text.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(client_key(ip("2001:db8:1:2:aaaa::1")), client_key(ip("2001:db8:1:2:ffff::9")));
        assert_ne!(client_key(ip("2001:db8:1:2::1")), client_key(ip("2001:db8:1:3::1")));
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(client_key(ip("192.0.2.7")), ip("192.0.2.7"));
    }

    #[test]
    fn problems_are_worded_by_the_catalogue_in_both_languages() {
        let body = b"{\"a\": x}";
        let parser = serde_json::from_slice::<Value>(body).unwrap_err();
        let refused = body_json(Ok(Bytes::from_static(body))).unwrap_err();
        assert_eq!(refused.message(Lang::En), format!("the body is not valid JSON: {parser}"));
        assert_eq!(
            refused.message(Lang::Fr),
            "le corps n'est pas du JSON valide (ligne 1, colonne 7) : expected value"
        );
        let busy = ServiceError::Busy(Detail::localized(|lang| t!(lang, "busy-challenges")));
        assert_eq!(busy.to_string(), "too many challenges are open; try again later");
        assert_eq!(busy.message(Lang::Fr), "trop de défis sont ouverts ; réessayez plus tard");
        let (status, code, en, fr) = ServiceError::NotFound.parts();
        assert_eq!(
            (status, code, en.as_str(), fr.as_str()),
            (StatusCode::NOT_FOUND, "not_found", "not found", "introuvable")
        );
    }

    #[test]
    fn the_language_asked_for_beats_the_browsers() {
        let headers = |accepted: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_LANGUAGE, accepted.parse().unwrap());
            headers
        };
        assert_eq!(lang_of(None, &headers("fr-CA,fr;q=0.9")), Lang::Fr);
        assert_eq!(lang_of(Some("en"), &headers("fr-CA")), Lang::En);
        assert_eq!(lang_of(Some("fr"), &headers("en")), Lang::Fr);
        assert_eq!(lang_of(Some("de"), &headers("fr")), Lang::Fr);
        assert_eq!(lang_of(None, &HeaderMap::new()), Lang::En);
    }

    #[test]
    fn rdfc_presentations_of_several_credentials_leave_the_async_worker() {
        let presentation = |credentials: usize, suite: &str| {
            Parsed::Presentation(json!({"verifiableCredential": vec![json!({}); credentials],
                "proof": [{"type": "DataIntegrityProof", "cryptosuite": suite}]}))
        };
        assert!(may_take_seconds(&presentation(2, "eddsa-rdfc-2022")));
        assert!(!may_take_seconds(&presentation(1, "eddsa-rdfc-2022")));
        assert!(!may_take_seconds(&presentation(2, "eddsa-jcs-2022")));
        assert!(!may_take_seconds(&Parsed::Credential(json!({"verifiableCredential": [{}, {}]}))));
    }
}
