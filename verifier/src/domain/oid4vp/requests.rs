//! The presentation requests of this process, in memory: each signed once when created,
//! fetched by the wallet while open, answered once, and its outcome kept (bounded in count and
//! size) for the requesting party until some time after it expired.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::dcql::Query;
use credentials::error::Detail;
use credentials::oid4vp::{AuthorizationRequest, DIRECT_POST, WALLET_AUDIENCE};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::ids::random_id;
use crate::domain::oid4vp::identity::Identity;
use crate::domain::oid4vp::refusal::{invalid, Refusal};
use crate::i18n::t;

/// Most requests kept at once (pending and answered); creating more answers 503.
pub const MAX_REQUESTS: usize = 1_000;
/// Largest outcome kept per language; a larger one keeps the requested claims but not the full
/// `credentialSubject`s (memory stays bounded: about MAX_REQUESTS × 2 × this).
pub const MAX_OUTCOME_BYTES: usize = 64 * 1024;
/// Default and longest lifetime of a request.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);
pub const MAX_LIFETIME: Duration = Duration::from_secs(3600);
/// How long an outcome stays readable after its request expired.
pub const OUTCOME_RETENTION: Duration = Duration::from_secs(3600);

/// Per-request policies set by the requesting party.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub lifetime: Duration,
    pub max_age: Option<Duration>,
    pub clock_skew: Duration,
    /// An unreadable status fails the answer (`Some(true)`), or only warns; `None`: the
    /// service's `--require-status`.
    pub require_status: Option<bool>,
}

#[derive(Debug, Clone)]
enum Progress {
    Pending,
    /// An answer arrived and is being checked: a second one is already refused.
    Verifying,
    /// The outcome, in English and in French.
    Done {
        verified: bool,
        en: Value,
        fr: Value,
    },
}

struct Stored {
    id: String,
    request: AuthorizationRequest,
    jwt: String,
    created: DateTime<Utc>,
    expires: DateTime<Utc>,
    policy: Policy,
    progress: Progress,
}

/// The open and answered requests of this process.
#[derive(Default)]
pub struct Requests {
    by_rid: Mutex<HashMap<String, Stored>>,
}

impl std::fmt::Debug for Requests {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requests").field("count", &self.lock().len()).finish()
    }
}

/// What the requesting party gets back when it creates a request.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: String,
    pub request_uri: String,
    pub link: String,
    pub expires: DateTime<Utc>,
}

impl Requests {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Stored>> {
        self.by_rid.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Signs and keeps a new request for `query`.
    pub fn create(
        &self,
        identity: &Identity,
        query: Query,
        policy: Policy,
        now: DateTime<Utc>,
    ) -> Result<Created, Refusal> {
        let rid = random_id("r-");
        // Whole seconds, as the request object's `exp` says: wallet and service agree on expiry.
        let lifetime = chrono::Duration::from_std(policy.lifetime).unwrap_or(chrono::Duration::seconds(300));
        let expires = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now) + lifetime;
        let request = AuthorizationRequest {
            client_id: identity.client_id(),
            response_type: "vp_token".into(),
            response_mode: DIRECT_POST.into(),
            response_uri: identity.url(&format!("/oid4vp/responses/{rid}")),
            nonce: random_id("n-"),
            state: Some(random_id("s-")),
            dcql_query: query,
            client_metadata: identity.client_metadata(),
            aud: Some(WALLET_AUDIENCE.into()),
            iat: Some(now.timestamp()),
            exp: Some(expires.timestamp()),
        };
        let jwt = credentials::oid4vp::sign_request(&request, identity.signer.clone())
            .map_err(|e| Refusal::Invalid { code: "signing_failed", reason: Detail::of(&e) })?;
        let id = random_id("pr-");
        let request_uri = identity.url(&format!("/oid4vp/requests/{rid}"));
        let link = credentials::oid4vp::request_link(&request.client_id, &request_uri);
        let mut all = self.lock();
        let retention = chrono::Duration::from_std(OUTCOME_RETENTION).unwrap_or(chrono::Duration::hours(1));
        all.retain(|_, stored| stored.expires + retention > now);
        if all.len() >= MAX_REQUESTS {
            return Err(Refusal::Full);
        }
        all.insert(
            rid,
            Stored { id: id.clone(), request, jwt, created: now, expires, policy, progress: Progress::Pending },
        );
        Ok(Created { id, request_uri, link, expires })
    }

    /// The signed request object, while the request is open.
    pub fn request_object(&self, rid: &str, now: DateTime<Utc>) -> Result<String, Refusal> {
        let all = self.lock();
        let stored = all.get(rid).ok_or(Refusal::Unknown)?;
        if now >= stored.expires {
            return Err(Refusal::Expired);
        }
        match stored.progress {
            Progress::Pending => Ok(stored.jwt.clone()),
            _ => Err(Refusal::Answered),
        }
    }

    /// Takes the request for checking an answer: once only, before it expires, with its `state`.
    pub fn begin_answer(
        &self,
        rid: &str,
        state: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(AuthorizationRequest, Policy), Refusal> {
        let mut all = self.lock();
        let stored = all.get_mut(rid).ok_or(Refusal::Unknown)?;
        if now >= stored.expires {
            return Err(Refusal::Expired);
        }
        if !matches!(stored.progress, Progress::Pending) {
            return Err(Refusal::Answered);
        }
        if state.is_none() || state != stored.request.state.as_deref() {
            return Err(invalid("state_mismatch", |lang| t!(lang, "refusal-state-mismatch")));
        }
        stored.progress = Progress::Verifying;
        Ok((stored.request.clone(), stored.policy))
    }

    pub fn finish(&self, rid: &str, verified: bool, en: Value, fr: Value) {
        // Kept for the requesting party until the request is dropped: at most
        // MAX_OUTCOME_BYTES each. The subjects go first, then the claims and presentations;
        // what is still too large keeps only the verdict (found by review: one answer with a
        // claim near the body limit was kept whole, in both languages).
        let too_large = |outcome: &Value| outcome.to_string().len() > MAX_OUTCOME_BYTES;
        let shrink = |mut outcome: Value| {
            for field in ["credentialSubject", "claims"] {
                if too_large(&outcome) {
                    for credential in outcome["credentials"].as_array_mut().into_iter().flatten() {
                        credential[field] = "(too large to keep)".into();
                    }
                }
            }
            if too_large(&outcome) {
                // The presentations' own reasons (a failed proof, challenge, status) join the
                // top-level ones before the presentations go.
                let mut reasons: Vec<Value> = outcome["presentations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|presentation| presentation.get("errors").and_then(Value::as_array))
                    .flatten()
                    .cloned()
                    .collect();
                if let Some(errors) = outcome.get_mut("errors").and_then(Value::as_array_mut) {
                    errors.append(&mut reasons);
                }
                outcome["presentations"] = "(too large to keep)".into();
            }
            if too_large(&outcome) {
                // The verdict, and the reasons when they fit on their own.
                let mut kept = serde_json::json!({"verified": verified, "tooLarge": true});
                if let Some(errors) =
                    outcome.get("errors").filter(|errors| errors.as_array().is_some_and(|e| !e.is_empty()))
                {
                    kept["errors"] = errors.clone();
                    if too_large(&kept) {
                        kept.as_object_mut().map(|map| map.remove("errors"));
                    }
                }
                outcome = kept;
            }
            outcome
        };
        if let Some(stored) = self.lock().get_mut(rid) {
            stored.progress = Progress::Done { verified, en: shrink(en), fr: shrink(fr) };
        }
    }

    /// The ids of the requests held now (expired ones are dropped as new ones come).
    pub fn ids(&self) -> std::collections::HashSet<String> {
        self.lock().values().map(|stored| stored.id.clone()).collect()
    }

    /// What the requesting party sees at `GET /presentation-requests/{id}`.
    pub fn outcome(&self, id: &str, now: DateTime<Utc>, lang: Lang) -> Option<Value> {
        let all = self.lock();
        let stored = all.values().find(|stored| stored.id == id)?;
        let show = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (status, result) = match &stored.progress {
            Progress::Pending if now >= stored.expires => ("expired", Value::Null),
            Progress::Pending | Progress::Verifying => ("pending", Value::Null),
            Progress::Done { verified, en, fr } => {
                (if *verified { "verified" } else { "failed" }, lang.pick(en, fr).clone())
            }
        };
        let mut out = json!({
            "id": stored.id,
            "status": status,
            "created_at": show(stored.created),
            "expires_at": show(stored.expires),
            "dcql_query": stored.request.dcql_query,
            "policy": {
                "max_presentation_age": stored.policy.max_age.map(|d| d.as_secs()),
                "clock_skew": stored.policy.clock_skew.as_secs(),
                "require_status": stored.policy.require_status,
            },
        });
        if !result.is_null() {
            out["result"] = result;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// Found by review: shrinking dropped only the subjects, so an answer with one huge claim
    /// was kept whole (twice, one per language) for every open request.
    #[test]
    fn an_outcome_too_large_to_keep_keeps_its_verdict_within_the_bound() {
        let requests = Requests::default();
        let signer = Arc::new(keys::LocalKey::generate());
        let identity = Identity {
            did: signer.did_key(),
            signer,
            public_url: url::Url::parse("http://127.0.0.1:9").unwrap_or_else(|_| unreachable!()),
            name_en: "Hiring".into(),
            name_fr: "Embauche".into(),
        };
        let query = Query::from_value(serde_json::json!({"credentials": [
            serde_json::to_value(credentials::dcql::skill_query("s", "ldp_vc", "api_design")).unwrap_or_default()
        ]}))
        .unwrap_or_else(|e| panic!("{e:?}"));
        let policy = Policy {
            lifetime: Duration::from_secs(60),
            max_age: None,
            clock_skew: Duration::from_secs(60),
            require_status: None,
        };
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let created = requests.create(&identity, query, policy, now).unwrap_or_else(|e| panic!("{e:?}"));
        let rid = created.request_uri.rsplit('/').next().unwrap_or_default().to_owned();
        let huge = serde_json::json!({"verified": true, "errors": [],
            "credentials": [{"credentialSubject": "x".repeat(100_000), "claims": {"a": "y".repeat(100_000)}}],
            "presentations": [{"big": "z".repeat(100_000), "errors": [{"code": "challenge_mismatch"}]}]});
        requests.finish(&rid, true, huge.clone(), huge);
        let outcome = requests.outcome(&created.id, now, Lang::Fr).unwrap_or_default();
        assert!(outcome.to_string().len() < MAX_OUTCOME_BYTES, "{}", outcome.to_string().len());
        assert_eq!(outcome["status"], "verified");
        // The presentation's reason is kept although the presentation is not.
        assert!(outcome.to_string().contains("challenge_mismatch"), "{outcome}");
    }
}
