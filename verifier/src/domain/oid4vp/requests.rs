//! Presentation requests, kept in the database (issue #22): each signed once when created and
//! served identically while open, by any replica; taken by one answer at a time; closed by a
//! verified answer, reopened by a failed one (a stranger who posts junk with the request's
//! public `state` does not spoil it) until too many have failed; its outcome kept for the
//! requesting party for a set time, then deleted with it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::dcql::Query;
use credentials::error::Detail;
use credentials::oid4vp::{AuthorizationRequest, DIRECT_POST, WALLET_AUDIENCE};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::error::ServiceError;
use crate::domain::ids::random_id;
use crate::domain::oid4vp::identity::Identity;
use crate::domain::oid4vp::refusal::{invalid, Refusal};
use crate::i18n::t;
use crate::store::{Finished, NewRequest, Status, Store, Taken};

/// Largest outcome kept per language; a larger one keeps the requested claims but not the full
/// `credentialSubject`s.
pub const MAX_OUTCOME_BYTES: usize = 64 * 1024;
/// Default and longest lifetime of a request.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);
pub const MAX_LIFETIME: Duration = Duration::from_secs(3600);

/// The bounds and times of the requests of one service.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Open requests one creator (an API token) may have at once; more answer 429.
    pub open_per_creator: i64,
    /// Failed answers after which a request is closed as failed.
    pub failed_answers: i64,
    /// How long an outcome stays readable (it holds personal data), then is deleted.
    pub retention: Duration,
    /// How long an answer being checked holds its request (a replica that died while checking
    /// lets it go after this).
    pub lease: Duration,
    /// Challenges open at once (`POST /challenges` answers 503 beyond): each replica counts
    /// them at every purge and adds those it hands out, so the bound holds within a purge
    /// period's worth per replica.
    pub open_challenges: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            open_per_creator: 1_000,
            failed_answers: 5,
            retention: Duration::from_secs(3600),
            lease: Duration::from_secs(120),
            open_challenges: 100_000,
        }
    }
}

/// Per-request policies set by the requesting party.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    pub lifetime: Duration,
    pub max_age: Option<Duration>,
    pub clock_skew: Duration,
    /// An unreadable status fails the answer (`Some(true)`), or only warns; `None`: the
    /// service's `--require-status`.
    pub require_status: Option<bool>,
}

/// The presentation requests of a service, in its store.
#[derive(Debug, Clone)]
pub struct Requests {
    store: Store,
    limits: Limits,
}

/// What the requesting party gets back when it creates a request.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: String,
    pub request_uri: String,
    pub link: String,
    pub expires: DateTime<Utc>,
}

/// Who made a request.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    /// The id of the API token that made it (its bound of open requests counts it).
    pub created_by: &'a str,
    /// When the page started it: the hash of the key its view opens with.
    pub page_key_sha256: Option<String>,
}

/// An answer that took a request: what to check it against, and the lease it holds.
#[derive(Debug, Clone)]
pub struct Answering {
    pub request: AuthorizationRequest,
    pub policy: Policy,
    lease_until: i64,
}

fn corrupt(what: &str) -> impl Fn(serde_json::Error) -> ServiceError + '_ {
    move |e| ServiceError::Store(crate::store::StoreError::Corrupt(format!("{what}: {e}")))
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX / 2)
}

impl Requests {
    pub fn new(store: Store, limits: Limits) -> Self {
        Self { store, limits }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Signs and stores a new request for `query`, made by `origin`.
    pub async fn create(
        &self,
        identity: &Identity,
        query: Query,
        policy: Policy,
        now: DateTime<Utc>,
        origin: Origin<'_>,
        lang: Lang,
    ) -> Result<Created, ServiceError> {
        self.create_with(identity, query, policy, now, origin, Value::Null, lang).await
    }

    /// [`Requests::create`] with more members in the signed `client_metadata` (the directory's
    /// `purpose`, which the wallet shows before sending).
    #[allow(clippy::too_many_arguments)]
    pub async fn create_with(
        &self,
        identity: &Identity,
        query: Query,
        policy: Policy,
        now: DateTime<Utc>,
        origin: Origin<'_>,
        metadata: Value,
        lang: Lang,
    ) -> Result<Created, ServiceError> {
        let mut client_metadata = identity.client_metadata();
        if let (Some(ours), Value::Object(more)) = (client_metadata.as_object_mut(), metadata) {
            ours.extend(more);
        }
        let Origin { created_by, page_key_sha256 } = origin;
        let rid = random_id("r-");
        // Whole seconds, as the request object's `exp` says: wallet and service agree on expiry.
        let lifetime = chrono::Duration::from_std(policy.lifetime).unwrap_or(chrono::Duration::seconds(300));
        let expires = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now) + lifetime;
        let state = random_id("s-");
        let request = AuthorizationRequest {
            client_id: identity.client_id(),
            response_type: "vp_token".into(),
            response_mode: DIRECT_POST.into(),
            response_uri: identity.url(&format!("/oid4vp/responses/{rid}")),
            nonce: random_id("n-"),
            state: Some(state.clone()),
            dcql_query: query,
            client_metadata,
            aud: Some(WALLET_AUDIENCE.into()),
            iat: Some(now.timestamp()),
            exp: Some(expires.timestamp()),
        };
        let jwt = credentials::oid4vp::sign_request(&request, identity.signer.clone()).map_err(|e| {
            ServiceError::Refused(Refusal::Invalid { code: "signing_failed", reason: Detail::of(&e) }, lang)
        })?;
        let id = random_id("pr-");
        let request_uri = identity.url(&format!("/oid4vp/requests/{rid}"));
        let link = credentials::oid4vp::request_link(&request.client_id, &request_uri);
        let asked = crate::domain::demand::skills_asked(&serde_json::to_value(&request.dcql_query).unwrap_or_default());
        let request_ref = rid.clone();
        let new = NewRequest {
            rid,
            id: id.clone(),
            created_by: created_by.to_owned(),
            request: serde_json::to_string(&request).map_err(corrupt("request"))?,
            state,
            jwt,
            link: link.clone(),
            policy: serde_json::to_string(&policy).map_err(corrupt("policy"))?,
            created_at: now.timestamp(),
            expires_at: expires.timestamp(),
            page_key_sha256,
        };
        if !self.store.insert_request(&new, self.limits.open_per_creator, now.timestamp()).await? {
            return Err(ServiceError::TooManyOpen(self.limits.open_per_creator));
        }
        // What was asked for, kept for the demand figures (a skill, never a person).
        if let Some(quarter) = crate::domain::demand::quarter_of(now).filter(|_| !asked.is_empty()) {
            self.store.record_demand(&request_ref, &quarter.to_string(), &asked).await?;
        }
        Ok(Created { id, request_uri, link, expires })
    }

    /// The signed request object, while the request is open.
    pub async fn request_object(&self, rid: &str, now: DateTime<Utc>, lang: Lang) -> Result<String, ServiceError> {
        let refused = |refusal| ServiceError::Refused(refusal, lang);
        let (jwt, expires_at, status) = self.store.request_object(rid).await?.ok_or(refused(Refusal::Unknown))?;
        if now.timestamp() >= expires_at {
            return Err(refused(Refusal::Expired));
        }
        match status {
            Status::Pending => Ok(jwt),
            _ => Err(refused(Refusal::Answered)),
        }
    }

    /// Takes the request for checking an answer: one answer at a time, before it expires, with
    /// its `state`.
    pub async fn begin_answer(
        &self,
        rid: &str,
        state: Option<&str>,
        now: DateTime<Utc>,
        lang: Lang,
    ) -> Result<Answering, ServiceError> {
        let refused = |refusal| ServiceError::Refused(refusal, lang);
        let mismatch = || refused(invalid("state_mismatch", |lang| t!(lang, "refusal-state-mismatch")));
        let state = state.ok_or_else(mismatch)?;
        let lease_until = now.timestamp() + seconds(self.limits.lease);
        match self.store.take_request(rid, state, now.timestamp(), seconds(self.limits.lease)).await? {
            Taken::Yes { request, policy } => Ok(Answering {
                request: serde_json::from_str(&request).map_err(corrupt("request"))?,
                policy: serde_json::from_str(&policy).map_err(corrupt("policy"))?,
                lease_until,
            }),
            Taken::Unknown => Err(refused(Refusal::Unknown)),
            Taken::Expired => Err(refused(Refusal::Expired)),
            Taken::Answered => Err(refused(Refusal::Answered)),
            Taken::StateMismatch => Err(mismatch()),
        }
    }

    /// Records the outcome of the answer that took `rid`: kept, at most [`MAX_OUTCOME_BYTES`]
    /// per language.
    pub async fn finish(
        &self,
        rid: &str,
        answering: &Answering,
        verified: bool,
        en: Value,
        fr: Value,
        now: DateTime<Utc>,
    ) -> Result<Finished, ServiceError> {
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
        let (en, fr) = (shrink(en).to_string(), shrink(fr).to_string());
        Ok(self
            .store
            .finish_request(
                rid,
                answering.lease_until,
                verified,
                (&en, &fr),
                self.limits.failed_answers,
                now.timestamp() + seconds(self.limits.retention),
            )
            .await?)
    }

    /// The link of a request started from the page, if `key` opens it.
    pub async fn page_link(&self, id: &str, key: &str) -> Result<Option<String>, ServiceError> {
        Ok(self.store.page_link(id, &page_key_sha256(key)).await?)
    }

    /// What the requesting party sees at `GET /presentation-requests/{id}`: pending, verified
    /// (with the disclosed claims), failed (the last answer's reasons) or expired; `answerable`
    /// says whether the person may still answer (a failed answer leaves the request open until
    /// too many have failed), `failed_answers` how many failed.
    pub async fn outcome(&self, id: &str, now: DateTime<Utc>, lang: Lang) -> Result<Option<Value>, ServiceError> {
        let Some(stored) = self.store.request_by_id(id).await? else {
            return Ok(None);
        };
        let request: AuthorizationRequest = serde_json::from_str(&stored.request).map_err(corrupt("request"))?;
        let policy: Policy = serde_json::from_str(&stored.policy).map_err(corrupt("policy"))?;
        let show = |t: i64| {
            DateTime::from_timestamp(t, 0).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        let outcome = match lang {
            Lang::En => stored.outcome_en.as_deref(),
            Lang::Fr => stored.outcome_fr.as_deref(),
        };
        let outcome: Value = match outcome {
            Some(text) => serde_json::from_str(text).map_err(corrupt("outcome"))?,
            None => Value::Null,
        };
        let open = matches!(stored.status, Status::Pending | Status::Verifying);
        let live = open && now.timestamp() < stored.expires_at;
        let status = match stored.status {
            // The last answer failed: said as such while the person may answer again.
            _ if open && !outcome.is_null() => "failed",
            _ if !live && open => "expired",
            Status::Pending | Status::Verifying => "pending",
            Status::Verified => "verified",
            Status::Failed => "failed",
        };
        let mut out = json!({
            "id": stored.id,
            "status": status,
            "created_at": show(stored.created_at),
            "expires_at": show(stored.expires_at),
            "dcql_query": request.dcql_query,
            "policy": {
                "max_presentation_age": policy.max_age.map(|d| d.as_secs()),
                "clock_skew": policy.clock_skew.as_secs(),
                "require_status": policy.require_status,
            },
            "failed_answers": stored.failed_attempts,
            "answerable": live,
        });
        if !outcome.is_null() {
            out["result"] = outcome;
        }
        Ok(Some(out))
    }
}

/// How a page request's key is kept: its SHA-256 (hex), never the key.
pub fn page_key_sha256(key: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// A store in memory, a verifier's identity, a query for one skill, a policy and a time.
    fn one_skill_request() -> (Requests, Identity, Query, Policy, DateTime<Utc>) {
        let requests = Requests::new(Store::memory(), Limits::default());
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
        (requests, identity, query, policy, DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default())
    }

    /// A request records the skills it asks for (and nothing about a person) for the demand
    /// figures, in the quarter it was made.
    #[tokio::test]
    async fn a_request_records_the_skills_it_asks_for() {
        let (requests, identity, query, policy, now) = one_skill_request();
        requests
            .create(&identity, query, policy, now, Origin { created_by: "token", page_key_sha256: None }, Lang::En)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let quarter = crate::domain::demand::quarter_of(now).map(|q| q.to_string()).unwrap_or_default();
        let demand = requests.store.demand_counts(&quarter, 5).await.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(demand.get(&figures::Cell(vec!["api_design".into()])), Some(&1), "{demand:?}");
    }

    /// Found by review: shrinking dropped only the subjects, so an answer with one huge claim
    /// was kept whole (twice, one per language) for every open request.
    #[tokio::test]
    async fn an_outcome_too_large_to_keep_keeps_its_verdict_within_the_bound() {
        let (requests, identity, query, policy, now) = one_skill_request();
        let created = requests
            .create(&identity, query, policy, now, Origin { created_by: "token", page_key_sha256: None }, Lang::En)
            .await
            .unwrap_or_else(|e| panic!("{e:?}"));
        let rid = created.request_uri.rsplit('/').next().unwrap_or_default().to_owned();
        let jwt = requests.request_object(&rid, now, Lang::En).await.unwrap_or_else(|e| panic!("{e:?}"));
        let resolver = credentials::did::StaticResolver::new();
        let state =
            credentials::oid4vp::verify_request(&jwt, None, &resolver, now).unwrap_or_else(|e| panic!("{e:?}")).state;
        let answering =
            requests.begin_answer(&rid, state.as_deref(), now, Lang::En).await.unwrap_or_else(|e| panic!("{e:?}"));
        let huge = serde_json::json!({"verified": true, "errors": [],
            "credentials": [{"credentialSubject": "x".repeat(100_000), "claims": {"a": "y".repeat(100_000)}}],
            "presentations": [{"big": "z".repeat(100_000), "errors": [{"code": "challenge_mismatch"}]}]});
        requests.finish(&rid, &answering, true, huge.clone(), huge, now).await.unwrap_or_else(|e| panic!("{e:?}"));
        let outcome = requests.outcome(&created.id, now, Lang::Fr).await.ok().flatten().unwrap_or_default();
        assert!(outcome.to_string().len() < MAX_OUTCOME_BYTES, "{}", outcome.to_string().len());
        assert_eq!(outcome["status"], "verified");
        // The presentation's reason is kept although the presentation is not.
        assert!(outcome.to_string().contains("challenge_mismatch"), "{outcome}");
    }
}
