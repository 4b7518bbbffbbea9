//! Who may call the issuer: API tokens of a department (`tc.{id}.{secret}`, only the secret's
//! hash stored, compared in constant time), the scopes each grants, and the per-token rate that
//! keeps a runaway script from starving the others.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::domain::error::IssuerError;
use crate::domain::secret::{random_bytes, sha256_hex};
use crate::domain::service::{IssuerService, TOKEN_CACHE_TTL};
use crate::i18n::detail;
use crate::store::TokenRow;

const MAX_CACHED_TOKENS: usize = 10_000;

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

    /// Who the audit log names: the token, or the command-line user or offer the id says.
    pub(crate) fn actor(&self) -> String {
        if self.token_id.contains(':') {
            self.token_id.clone()
        } else {
            format!("token:{}", self.token_id)
        }
    }
}

impl IssuerService {
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

    /// Counts one unauthenticated request against `key` (the OpenID4VCI endpoints anyone may
    /// call, per department), under the same per-second limit as a token.
    pub(crate) fn charge_key(&self, key: &str) -> Result<(), IssuerError> {
        match &self.rate_limit {
            Some(limiter) if limiter.check_key(&key.to_owned()).is_err() => Err(IssuerError::TooManyRequests),
            _ => Ok(()),
        }
    }

    /// Counts `rows` more requests against the token's rate (a batch costs one per row).
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
}
