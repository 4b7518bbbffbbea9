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
use credentials::input::Parsed;
use credentials::report::{CheckKind, Outcome, Report};
use credentials::verify::{PresentationOptions, Verifier};
use schemas::Lang;
use serde_json::{json, Value};

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

/// Why a request was not answered with a verification result.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{en}")]
    BadRequest { en: String, fr: String },
    #[error("the request body is larger than the limit")]
    TooLarge,
    /// What could not be read, in English and French ("status list" / "liste de statuts").
    #[error("{0}: a dependency could not be reached and the policy requires it")]
    Unavailable(credentials::error::Detail),
    #[error("not found")]
    NotFound,
    /// Every slot of a bounded table is taken (open challenges): try again later.
    #[error("too many {} are open; try again later", .0.en)]
    Busy(credentials::error::Detail),
    #[error("a valid bearer token is required")]
    Unauthorized,
    /// The page's form was sent without this service's access token.
    #[error("the access token is missing or is not this service's")]
    WrongToken,
    /// A handler panicked (a bug): answered 500, logged, the process goes on.
    #[error("an internal error occurred; it has been logged")]
    Internal,
    /// A wallet-facing OpenID4VP refusal, answered as an OAuth error.
    #[error("{}", .0.message(Lang::En))]
    Refused(crate::oid4vp::Refusal, Lang),
}

impl ServiceError {
    fn bad(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self::BadRequest { en: en.into(), fr: fr.into() }
    }
}

impl ServiceError {
    /// The HTTP status, the stable code, and the text in English and in French.
    pub(crate) fn parts(&self) -> (StatusCode, &'static str, String, String) {
        use crate::oid4vp::Refusal;
        match self {
            Self::Refused(refusal, _) => {
                let status = match refusal {
                    Refusal::Unknown => StatusCode::NOT_FOUND,
                    Refusal::Full => StatusCode::SERVICE_UNAVAILABLE,
                    _ => StatusCode::BAD_REQUEST,
                };
                (status, refusal.code(), refusal.message(Lang::En), refusal.message(Lang::Fr))
            }
            Self::BadRequest { en, fr } => (StatusCode::BAD_REQUEST, "bad_request", en.clone(), fr.clone()),
            Self::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                self.to_string(),
                "le corps de la requête dépasse la limite".into(),
            ),
            Self::Unavailable(what) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "dependency_unavailable",
                self.to_string(),
                format!("{} : une dépendance est injoignable et la politique l'exige", what.fr),
            ),
            Self::NotFound => (StatusCode::NOT_FOUND, "not_found", "not found".into(), "introuvable".into()),
            Self::Busy(what) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                self.to_string(),
                format!("trop de {} sont ouverts ; réessayez plus tard", what.fr),
            ),
            Self::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                self.to_string(),
                "un jeton porteur valide est requis".into(),
            ),
            Self::WrongToken => (
                StatusCode::FORBIDDEN,
                "wrong_token",
                self.to_string(),
                "le jeton d'accès est absent ou n'est pas celui de ce service".into(),
            ),
            Self::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                self.to_string(),
                "une erreur interne s'est produite ; elle a été journalisée".into(),
            ),
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

fn lang_of(headers: &HeaderMap) -> Lang {
    match headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) {
        Some(value) if value.trim_start().to_ascii_lowercase().starts_with("fr") => Lang::Fr,
        _ => Lang::En,
    }
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
                    tracing::warn!(%error, %error_fr, "keeping the previous trust registry (registre précédent conservé)");
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
            return Err(ServiceError::Unavailable(credentials::error::Detail::new("status list", "liste de statuts")));
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
                "detail": "too many requests from this address: slow down", "detail_fr": "trop de requêtes de cette adresse : ralentissez"});
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
fn task_interrupted(error: &impl std::fmt::Display) -> credentials::error::Detail {
    credentials::error::Detail::new(format!("verification task: {error}"), "tâche de vérification interrompue")
}

fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, ServiceError> {
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => ServiceError::TooLarge,
        other => ServiceError::bad(other.body_text(), "corps de requête illisible"),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ServiceError::bad(
            format!("the body is not valid JSON: {e}"),
            format!("le corps n'est pas du JSON valide (ligne {}, colonne {})", e.line(), e.column()),
        )
    })
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
                    percent_encoding::percent_decode_str(id).decode_utf8().map_err(|_| {
                        ServiceError::bad(
                            "the enveloped document's data: URL does not decode to UTF-8",
                            "l'URL data: du document enveloppé ne se décode pas en UTF-8",
                        )
                    })?
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
                        return Err(ServiceError::bad(
                            "the enveloped document is not an SD-JWT",
                            "le document enveloppé n'est pas un SD-JWT",
                        ));
                    }
                    return Ok(Parsed::SdJwt(sd_jwt.to_owned()));
                }
                let jwt = id
                    .strip_prefix("data:application/vc+jwt,")
                    .or_else(|| id.strip_prefix("data:application/vp+jwt,"))
                    .ok_or_else(|| {
                        ServiceError::bad(
                            "the enveloped document is not a data: URL of a JWT",
                            "le document enveloppé n'est pas une URL data: de JWT",
                        )
                    })?;
                return Ok(Parsed::Jwt(jwt.to_owned()));
            }
            credentials::input::classify(Value::Object(object))
                .map_err(|e| ServiceError::bad(e.message(Lang::En), e.message(Lang::Fr)))
        }
        Some(Value::String(_)) => Err(ServiceError::bad(
            format!(
                "`{field}` must be a JSON object, not a string (a vc+jwt travels as an EnvelopedVerifiableCredential)"
            ),
            format!("`{field}` doit être un objet JSON, pas une chaîne"),
        )),
        Some(_) => Err(ServiceError::bad(
            format!("`{field}` must be a JSON object"),
            format!("`{field}` doit être un objet JSON"),
        )),
        None => Err(ServiceError::bad(format!("`{field}` is missing"), format!("`{field}` est absent"))),
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
    let lang = lang_of(&headers);
    let mut body = body_json(body)?;
    let parsed = document(&mut body, "verifiableCredential")?;
    // A `vp+jwt` arrives enveloped like a credential; checked here, no challenge would bind it.
    if is_presentation(&parsed) {
        return Err(ServiceError::bad(
            "this is a presentation: use /presentations/verify",
            "ceci est une présentation : utilisez /presentations/verify",
        ));
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
    let lang = lang_of(&headers);
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
        return Err(ServiceError::bad(
            "options.challenge is required: get one from POST /challenges",
            "options.challenge est requis : obtenez-en un par POST /challenges",
        ));
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
            let (en, fr) = match code {
                "challenge_expired" => ("the challenge has expired", "le défi a expiré"),
                _ => (
                    "the challenge was not issued by this verifier, or was already used",
                    "le défi n'a pas été émis par ce vérificateur, ou a déjà servi",
                ),
            };
            extra.push(json!({"check": "challenge", "code": code, "message": lang.pick(en, fr)}));
        }
    }
    Ok(Json(answer(&report, lang, extra)).into_response())
}

#[utoipa::path(post, path = "/challenges", responses((status = 201, body = crate::openapi::ChallengeDoc),
    (status = 503, body = crate::openapi::ProblemDoc, description = "too many challenges are open")))]
pub(crate) async fn challenge_create(State(service): State<AppState>) -> Result<Response, ServiceError> {
    let challenge = service
        .challenge()
        .ok_or_else(|| ServiceError::Busy(credentials::error::Detail::new("challenges", "défis")))?;
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
            eprintln!("{} http://{address}", options.lang.pick("verifier listening on", "verifier à l'écoute sur"));
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
            eprintln!("{} https://{listen}", options.lang.pick("verifier listening on", "verifier à l'écoute sur"));
            axum_server::bind_rustls(listen, rustls).handle(handle).serve(app).await
        }
    }
}

/// `options.requireStatus` of a VC-API request: this request's status policy.
fn require_status_option(body: &Value) -> Result<Option<bool>, ServiceError> {
    match body.pointer("/options/requireStatus") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(require)) => Ok(Some(*require)),
        Some(_) => Err(ServiceError::bad(
            "options.requireStatus must be true or false",
            "options.requireStatus doit valoir true ou false",
        )),
    }
}

fn seconds_field(body: &Value, name: &str, max: u64) -> Result<Option<Duration>, ServiceError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.as_u64().filter(|s| *s <= max).map(|s| Some(Duration::from_secs(s))).ok_or_else(|| {
            ServiceError::bad(
                format!("`{name}` must be a number of seconds (0 to {max})"),
                format!("`{name}` doit être un nombre de secondes (0 à {max})"),
            )
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
    let identity = service.identity.as_ref().ok_or_else(|| {
        ServiceError::bad(
            "this verifier does not answer presentation requests",
            "ce vérificateur ne traite pas les demandes de présentation",
        )
    })?;
    let body = body_json(body)?;
    let query = body
        .get("dcql_query")
        .cloned()
        .ok_or_else(|| ServiceError::bad("`dcql_query` is missing", "`dcql_query` est absent"))?;
    let query = credentials::dcql::Query::from_value(query)
        .map_err(|e| ServiceError::bad(e.message(Lang::En), e.message(Lang::Fr)))?;
    let lifetime = seconds_field(&body, "expires_in", MAX_LIFETIME.as_secs())?.unwrap_or(DEFAULT_LIFETIME);
    if lifetime.is_zero() {
        return Err(ServiceError::bad(
            "`expires_in` must be at least 1 second",
            "`expires_in` doit valoir au moins 1 seconde",
        ));
    }
    let policy = Policy {
        lifetime,
        max_age: seconds_field(&body, "max_presentation_age", MAX_POLICY_SECONDS)?,
        clock_skew: seconds_field(&body, "clock_skew", MAX_POLICY_SECONDS)?.unwrap_or(DEFAULT_CLOCK_SKEW),
        require_status: match body.get("require_status") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(require)) => Some(*require),
            Some(_) => {
                return Err(ServiceError::bad(
                    "`require_status` must be true or false",
                    "`require_status` doit valoir true ou false",
                ))
            }
        },
    };
    let now = service.verifier.clock.now();
    let created = service
        .requests
        .create(identity, query, policy, now)
        .map_err(|refusal| ServiceError::Refused(refusal, lang_of(&headers)))?;
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
    let outcome =
        service.requests.outcome(&id, service.verifier.clock.now(), lang_of(&headers)).ok_or(ServiceError::NotFound)?;
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
        .map_err(|refusal| ServiceError::Refused(refusal, lang_of(&headers)))?;
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
    let lang = lang_of(&headers);
    let refused = |refusal| ServiceError::Refused(refusal, lang);
    let bytes = body.map_err(|_| ServiceError::TooLarge)?;
    let form: HashMap<String, String> = url::form_urlencoded::parse(&bytes).into_owned().collect();
    let now = service.verifier.clock.now();
    let (request, policy) =
        service.requests.begin_answer(&rid, form.get("state").map(String::as_str), now).map_err(refused)?;
    let fail = |code: &str, en: String, fr: String| {
        let result = |message: &str| json!({"verified": false, "errors": [{"code": code, "message": message}]});
        service.requests.finish(&rid, false, result(&en), result(&fr));
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
        if error == "access_denied" {
            fail(
                "holder_declined",
                format!("the person declined to present (the wallet said: {said})"),
                format!("la personne a refusé de présenter ses attestations (le portefeuille a indiqué : « {said} »)"),
            );
        } else {
            fail(
                "holder_declined",
                format!("the wallet answered: {said}"),
                format!("le portefeuille a répondu : « {said} »"),
            );
        }
        return Ok(Json(json!({})).into_response());
    }
    let presentations = match form.get("vp_token").map(|token| parse_vp_token(token)) {
        Some(Ok(presentations)) if !presentations.is_empty() => presentations,
        Some(Err(refusal)) => {
            fail(refusal.code(), refusal.message(Lang::En), refusal.message(Lang::Fr));
            return Err(refused(refusal));
        }
        _ => {
            let refusal = Refusal::Invalid {
                code: "vp_token_missing",
                en: "the answer has no vp_token".into(),
                fr: "la réponse n'a pas de vp_token".into(),
            };
            fail(refusal.code(), refusal.message(Lang::En), refusal.message(Lang::Fr));
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
    let mut problems: Vec<(&str, String, String)> = Vec::new();
    for (id, parsed) in presentations {
        match run(service, parsed, options.clone(), Some(require_status)).await {
            Ok(report) => checked.push((id, report)),
            Err(ServiceError::Unavailable(what)) => problems.push((
                "status_unavailable",
                format!("{}: could not be read and the policy requires it", what.en),
                format!("{} : illisible, et la politique l'exige", what.fr),
            )),
            Err(_) => problems.push((
                "verification_failed",
                "the presentation could not be checked".into(),
                "la présentation n'a pas pu être vérifiée".into(),
            )),
        }
    }
    // One person answers: every presentation has the same verified presenter.
    let holders: std::collections::BTreeSet<Option<&str>> =
        checked.iter().map(|(_, report)| report.issuer.as_deref()).collect();
    let holder = match holders.iter().collect::<Vec<_>>().as_slice() {
        [Some(holder)] => Some(*holder),
        [None] => {
            problems.push(("holder_unknown", "the presenter is unknown".into(), "le présentateur est inconnu".into()));
            None
        }
        _ => {
            problems.push((
                "holders_differ",
                "the presentations are signed by different holders".into(),
                "les présentations sont signées par des titulaires différents".into(),
            ));
            None
        }
    };
    // What came back is what was asked for, and nothing is hidden in a nested document.
    let mut given: HashMap<String, Vec<(String, Value)>> = HashMap::new();
    for (id, report) in &checked {
        if report.credentials.is_empty() {
            problems.push((
                "presentation_empty",
                format!("the presentation for `{id}` carries no credential"),
                format!("la présentation pour « {id} » ne contient aucune attestation"),
            ));
        }
        for inner in &report.credentials {
            match &inner.content {
                Some(content) if inner.document == DocumentKind::Credential => {
                    given.entry(id.clone()).or_default().push((dcql_format(inner).to_owned(), content.clone()))
                }
                _ => problems.push((
                    "credential_unreadable",
                    format!("the presentation for `{id}` carries something that is not a readable credential"),
                    format!("la présentation pour « {id} » contient autre chose qu'une attestation lisible"),
                )),
            }
        }
    }
    if let Err(error) = request.dcql_query.check_answer(&given, &service.verifier.contexts) {
        problems.push((error.code(), error.message(Lang::En), error.message(Lang::Fr)));
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
            problems.iter().map(|(code, en, fr)| json!({"code": code, "message": lang.pick(en, fr)})).collect();
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
