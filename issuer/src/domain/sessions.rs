//! Staff console sessions (issue #24): a staff member signs in once and then works in the
//! browser. Sessions are kept server-side in the issuer's database, so that every replica
//! knows them and sign-out or a time-out ends them at once; the browser holds only a random
//! secret (its hash is the key). A session ends after `idle` without a request and at the
//! latest `absolute` after it was opened. Every form of a session carries its CSRF token,
//! checked in constant time before anything is done.
//!
//! A session is opened by a sign-in with the department's OpenID Connect provider
//! (`domain/oidc.rs`: the actor is `oidc:<subject>`, the scopes those its groups are given), or
//! with an API token of the department (`issuer token create`) for the embedded demo and
//! departments without an identity provider: the session then acts with that token's
//! department and scopes, and the audit trail names the token.

use std::time::Duration;

use serde_json::json;
use subtle::ConstantTimeEq;

use crate::domain::error::IssuerError;
use crate::domain::secret::{random_bytes, sha256_hex};
use crate::domain::service::IssuerService;
pub use crate::domain::service::SessionPolicy;
use crate::domain::tokens::{Principal, Scope};
use crate::store::SessionRow;

/// A signed-in staff member: what they may do (as a token's principal), their name as shown and
/// audited, and their session's CSRF token.
#[derive(Debug, Clone)]
pub struct StaffSession {
    pub principal: Principal,
    pub name: String,
    pub csrf: String,
}

impl StaffSession {
    /// Checks a form's CSRF token against the session's, in constant time.
    pub fn check_form(&self, given: Option<&str>) -> Result<(), IssuerError> {
        let given = given.unwrap_or_default();
        let same: bool = given.as_bytes().ct_eq(self.csrf.as_bytes()).into();
        if same && !given.is_empty() {
            Ok(())
        } else {
            Err(IssuerError::FormRejected)
        }
    }

    pub fn may(&self, scope: Scope) -> bool {
        self.principal.scopes.contains(&scope)
    }
}

fn seconds(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

impl IssuerService {
    /// Opens a session with an API token (`tc.…`): the secret for the session cookie, and the
    /// session.
    pub async fn open_session_with_token(&self, bearer: &str) -> Result<(String, StaffSession), IssuerError> {
        let principal = self.authenticate(bearer.trim()).await?;
        let label = self.store.token(&principal.token_id).await?.map(|row| row.label).unwrap_or_default();
        let name = if label.is_empty() { principal.actor() } else { format!("{label} ({})", principal.actor()) };
        self.open_session_for(principal, name, "token").await
    }

    /// Opens a session acting as `principal` (a token's, or `oidc:<subject>` for a staff member
    /// signed in with the department's identity provider), shown and audited as `name`; `via`
    /// says how they signed in (`token`, `oidc`). Returns the secret for the session cookie.
    pub(crate) async fn open_session_for(
        &self,
        principal: Principal,
        name: String,
        via: &str,
    ) -> Result<(String, StaffSession), IssuerError> {
        // Sessions nobody came back to are deleted here, as a sign-in is rare and cheap.
        self.purge_sessions().await?;
        let secret = hex::encode(random_bytes(32));
        let csrf = hex::encode(random_bytes(32));
        let now = self.clock.now().timestamp();
        let scopes: Vec<&str> = principal.scopes.iter().map(|scope| scope.as_str()).collect();
        let row = SessionRow {
            id_sha256: sha256_hex(secret.as_bytes()),
            department_id: principal.department.clone(),
            actor: principal.actor(),
            display_name: name.clone(),
            scopes: scopes.join(","),
            csrf: csrf.clone(),
            created_at: now,
            last_seen_at: now,
        };
        let audit = self.audit(
            Some(&principal.department),
            &principal.actor(),
            "session.open",
            json!({"via": via, "name": name, "scopes": scopes}),
        );
        self.store.insert_session(&row, &audit).await?;
        Ok((secret, StaffSession { principal, name, csrf }))
    }

    /// The live session of a cookie's secret (marked seen now), or `Unauthorized`: unknown,
    /// ended, or past a time-out (then deleted).
    pub async fn staff_session(&self, secret: &str) -> Result<StaffSession, IssuerError> {
        if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(IssuerError::Unauthorized);
        }
        let now = self.clock.now().timestamp();
        let policy = self.sessions;
        let row = self
            .store
            .live_session(
                &sha256_hex(secret.as_bytes()),
                now.saturating_sub(seconds(policy.idle)),
                now.saturating_sub(seconds(policy.absolute)),
                now,
            )
            .await?
            .ok_or(IssuerError::Unauthorized)?;
        let scopes = row.scopes.split(',').filter_map(|scope| Scope::parse(scope).ok()).collect();
        // The session acts as its actor: `token:ID` stays the token's id for the audit trail;
        // `oidc:<subject>` is kept whole (`Principal::actor` names it as it is).
        let token_id = row.actor.strip_prefix("token:").unwrap_or(&row.actor).to_owned();
        let principal = Principal { token_id, department: row.department_id, scopes };
        Ok(StaffSession { principal, name: row.display_name, csrf: row.csrf })
    }

    /// Ends the session of a cookie's secret (sign-out).
    pub async fn close_session(&self, secret: &str, session: &StaffSession) -> Result<(), IssuerError> {
        let principal = &session.principal;
        let audit =
            self.audit(Some(&principal.department), &principal.actor(), "session.close", json!({"name": session.name}));
        self.store.delete_session(&sha256_hex(secret.as_bytes()), &audit).await?;
        Ok(())
    }

    /// Deletes the sessions past either time-out.
    pub async fn purge_sessions(&self) -> Result<u64, IssuerError> {
        let now = self.clock.now().timestamp();
        let policy = self.sessions;
        Ok(self
            .store
            .purge_sessions(now.saturating_sub(seconds(policy.idle)), now.saturating_sub(seconds(policy.absolute)))
            .await?)
    }
}
