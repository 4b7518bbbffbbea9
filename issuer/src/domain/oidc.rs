//! Staff sign-in with the department's own OpenID Connect provider (issue #24), so that HR
//! staff use their organization's single sign-on rather than shared tokens: the authorization
//! code flow with PKCE (S256), a state and a nonce, through the `openidconnect` crate (which
//! verifies the ID token: signature with the provider's published keys, issuer, audience,
//! nonce, expiry). The provider's metadata is discovered at first use and kept for an hour (its
//! keys rotate).
//!
//! A sign-in under way (state, PKCE verifier, nonce, language) is kept in the issuer's database,
//! not in the browser, so that any replica can finish it; the callback takes it once (a state
//! is never used twice) and only in the browser that started it (a random secret of that
//! browser, whose hash the sign-in keeps). The staff member's permissions are read from the ID
//! token's configured claim (`groups`, `roles`…): each value the department maps gives its
//! scopes; none mapped is a refusal, audited, and no session. The session acts as
//! `oidc:<subject>`, named by the token's `name` (else `preferred_username`, email, subject).
//!
//! The provider's HTTP calls are blocking (`ureq`, as the rest of the workspace), run off the
//! async workers, never following redirects (a redirect could send the call elsewhere).

use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, CsrfToken, IdToken, LanguageTag, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, TokenResponse,
};
use schemas::Lang;
use serde::{Deserialize, Serialize};
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::domain::error::IssuerError;
use crate::domain::oidc_settings::METADATA_TTL;
pub use crate::domain::oidc_settings::{OidcLogins, OidcProvider};
use crate::domain::secret::{random_bytes, sha256_hex};
use crate::domain::service::IssuerService;
use crate::domain::sessions::StaffSession;
use crate::domain::tokens::{Principal, Scope};
use crate::store::OidcLoginRow;

/// How long a sign-in may take at the provider.
pub const LOGIN_VALIDITY: Duration = Duration::from_secs(10 * 60);

/// How long one call to the provider may take.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// Where to send the browser to sign in, and the secret it keeps meanwhile (in a cookie).
#[derive(Debug, Clone)]
pub struct OidcStart {
    pub authorize_url: String,
    pub browser_secret: String,
}

/// A sign-in under way, taken from the database (so used once), in the browser that started it.
#[derive(Debug)]
pub struct PendingLogin(OidcLoginRow);

impl PendingLogin {
    /// The language the sign-in was started in.
    pub fn lang(&self) -> Lang {
        self.0.lang.parse().unwrap_or(Lang::En)
    }
}

/// The ID token's claims other than the standard ones: the configured group claim among them.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct OtherClaims {
    #[serde(flatten)]
    claims: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

type WideIdToken = IdToken<OtherClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// Who the verified ID token names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    subject: String,
    name: String,
    values: Vec<String>,
}

/// The scopes the claim's values give, each once, in the order issue, revoke, admin.
pub fn scopes_of(provider: &OidcProvider, values: &[String]) -> Vec<Scope> {
    let given: Vec<Scope> = values
        .iter()
        .filter_map(|value| provider.grants.get(value))
        .flatten()
        .filter_map(|name| Scope::parse(name).ok())
        .collect();
    [Scope::Issue, Scope::Revoke, Scope::Admin].into_iter().filter(|scope| given.contains(scope)).collect()
}

/// An HTTP client for the provider: no redirects followed, a time limit.
fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().redirects(0).timeout(PROVIDER_TIMEOUT).build()
}

fn provider_failed(what: &str, error: impl std::fmt::Display) -> IssuerError {
    IssuerError::IdentityProvider(format!("{what}: {error}"))
}

/// A claim's values: a string, or the strings of an array.
fn claim_values(value: Option<&serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(text)) => vec![text.clone()],
        Some(serde_json::Value::Array(items)) => {
            items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    }
}

/// Exchanges the code (with its PKCE verifier) and verifies the ID token (with its nonce).
fn exchange(
    provider: &OidcProvider,
    metadata: CoreProviderMetadata,
    redirect: RedirectUrl,
    code: String,
    login: &OidcLoginRow,
) -> Result<Identity, IssuerError> {
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(provider.client_secret.clone()),
    )
    .set_redirect_uri(redirect);
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|error| provider_failed("token endpoint", error))?
        .set_pkce_verifier(PkceCodeVerifier::new(login.pkce_verifier.clone()))
        .request(&agent())
        .map_err(|error| provider_failed("code exchange", error))?;
    let id_token = response.id_token().ok_or_else(|| provider_failed("code exchange", "no ID token"))?;
    // The same token read with every claim kept, then verified by the crate.
    let wide: WideIdToken = id_token.to_string().parse().map_err(|error| provider_failed("ID token", error))?;
    let claims = wide
        .claims(&client.id_token_verifier(), &Nonce::new(login.nonce.clone()))
        .map_err(|error| provider_failed("ID token", error))?;
    let subject = claims.subject().as_str().to_owned();
    let name = claims
        .name()
        .and_then(|name| name.get(None))
        .map(|name| name.as_str().to_owned())
        .or_else(|| claims.preferred_username().map(|name| name.as_str().to_owned()))
        .or_else(|| claims.email().map(|email| email.as_str().to_owned()))
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| subject.clone());
    let values = claim_values(claims.additional_claims().claims.get(&provider.claim));
    Ok(Identity { subject, name, values })
}

impl IssuerService {
    /// Signs staff in with these identity providers.
    pub fn with_oidc(mut self, logins: OidcLogins) -> Self {
        self.oidc = Arc::new(logins);
        self
    }

    /// The departments whose staff sign in with their identity provider, with their name in
    /// `lang` (a configured department this database does not have is left out).
    pub async fn sso_departments(&self, lang: Lang) -> Result<Vec<(String, String)>, IssuerError> {
        let mut found = Vec::new();
        for department in self.oidc.providers.keys() {
            if let Some(row) = self.store.department(department).await? {
                found.push((department.clone(), lang.pick(&row.name_en, &row.name_fr).clone()));
            }
        }
        Ok(found)
    }

    fn oidc_provider(&self, department: &str) -> Result<&OidcProvider, IssuerError> {
        self.oidc.providers.get(department).ok_or_else(|| {
            IssuerError::NotFound(crate::i18n::detail!("service-sso-department", department = department))
        })
    }

    /// The provider's metadata and keys, discovered at first use and again after an hour.
    async fn oidc_metadata(&self, provider: &OidcProvider) -> Result<CoreProviderMetadata, IssuerError> {
        let cached = self.oidc.discovered.read().ok().and_then(|cache| cache.get(&provider.department).cloned());
        if let Some((metadata, read_at)) = cached {
            if read_at.elapsed() < METADATA_TTL {
                return Ok((*metadata).clone());
            }
        }
        let issuer = provider.issuer_url.clone();
        let metadata = tokio::task::spawn_blocking(move || CoreProviderMetadata::discover(&issuer, &agent()))
            .await
            .map_err(|error| IssuerError::Unexpected(error.to_string()))?
            .map_err(|error| provider_failed("discovery", error))?;
        if let Ok(mut cache) = self.oidc.discovered.write() {
            cache.insert(provider.department.clone(), (Arc::new(metadata.clone()), Instant::now()));
        }
        Ok(metadata)
    }

    /// Starts a sign-in of `department`'s staff: the provider's address to send the browser
    /// to, with the state, nonce and PKCE challenge, and the browser's secret; the rest is kept
    /// in the database for ten minutes.
    pub async fn begin_oidc(&self, department: &str, lang: Lang) -> Result<OidcStart, IssuerError> {
        let provider = self.oidc_provider(department)?;
        self.department_row(department).await?;
        let redirect = self.oidc.redirect.clone().ok_or_else(|| IssuerError::Unexpected("no callback URL".into()))?;
        let metadata = self.oidc_metadata(provider).await?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(provider.client_id.clone()),
            Some(provider.client_secret.clone()),
        )
        .set_redirect_uri(redirect);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge)
            .add_ui_locale(LanguageTag::new(lang.as_str().to_owned()));
        for scope in ["profile", "email"].into_iter().chain(provider.extra_scopes.iter().map(String::as_str)) {
            request = request.add_scope(openidconnect::Scope::new(scope.to_owned()));
        }
        let (url, state, nonce) = request.url();
        let browser_secret = hex::encode(random_bytes(32));
        let now = self.clock.now().timestamp();
        let row = OidcLoginRow {
            state_sha256: sha256_hex(state.secret().as_bytes()),
            department_id: department.to_owned(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
            browser_sha256: sha256_hex(browser_secret.as_bytes()),
            lang: lang.as_str().to_owned(),
            expires_at: now.saturating_add(i64::try_from(LOGIN_VALIDITY.as_secs()).unwrap_or(600)),
        };
        self.store.insert_oidc_login(&row, now).await?;
        Ok(OidcStart { authorize_url: url.to_string(), browser_secret })
    }

    /// Takes the sign-in of `state` (it cannot be used again), if it is still valid and this
    /// browser started it; else `SignInUnknown`.
    pub async fn take_oidc_login(&self, state: &str, browser: Option<&str>) -> Result<PendingLogin, IssuerError> {
        let row = self.store.take_oidc_login(&sha256_hex(state.as_bytes())).await?.ok_or(IssuerError::SignInUnknown)?;
        let browser = sha256_hex(browser.unwrap_or_default().as_bytes());
        let same_browser: bool = browser.as_bytes().ct_eq(row.browser_sha256.as_bytes()).into();
        if !same_browser || row.expires_at < self.clock.now().timestamp() {
            return Err(IssuerError::SignInUnknown);
        }
        Ok(PendingLogin(row))
    }

    /// Finishes a sign-in taken with [`Self::take_oidc_login`]: the code exchanged, the ID
    /// token verified, the claim's values turned into scopes, and a session opened as
    /// `oidc:<subject>` (audited `session.open` with `via: oidc`). Returns the session cookie's
    /// secret and the session. No mapped value: `SignInRefused`, audited, no session.
    /// `iss`, when the provider names itself in its answer (RFC 9207), must be the department's
    /// provider: an answer of another one, mixed up, is refused.
    pub async fn finish_oidc(
        &self,
        login: PendingLogin,
        code: &str,
        iss: Option<&str>,
    ) -> Result<(String, StaffSession), IssuerError> {
        let login = login.0;
        let provider = self.oidc_provider(&login.department_id)?.clone();
        if iss.is_some_and(|iss| iss != provider.issuer_url.as_str()) {
            return Err(provider_failed("authorization response", "`iss` names another provider"));
        }
        let metadata = self.oidc_metadata(&provider).await?;
        let redirect = self.oidc.redirect.clone().ok_or_else(|| IssuerError::Unexpected("no callback URL".into()))?;
        let (code, checked) = (code.to_owned(), provider.clone());
        let identity = tokio::task::spawn_blocking(move || exchange(&checked, metadata, redirect, code, &login))
            .await
            .map_err(|error| IssuerError::Unexpected(error.to_string()))??;
        let actor = format!("oidc:{}", identity.subject);
        let scopes = scopes_of(&provider, &identity.values);
        if scopes.is_empty() {
            let audit = self.audit(
                Some(&provider.department),
                &actor,
                "session.refused",
                json!({"via": "oidc", "name": identity.name, "claim": provider.claim}),
            );
            self.store.append_audit(&audit).await?;
            return Err(IssuerError::SignInRefused);
        }
        let principal = Principal { token_id: actor, department: provider.department.clone(), scopes };
        self.open_session_for(principal, identity.name, "oidc").await
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use openidconnect::{ClientSecret, IssuerUrl};

    use super::*;

    fn provider() -> OidcProvider {
        OidcProvider {
            department: "hr".into(),
            issuer_url: IssuerUrl::new("https://login.example.ca".into()).unwrap(),
            client_id: "talent".into(),
            client_secret: ClientSecret::new("s3cret-value".into()),
            claim: "groups".into(),
            extra_scopes: Vec::new(),
            grants: BTreeMap::from([
                ("hr-readers".to_owned(), vec!["issue".to_owned()]),
                ("hr-revokers".to_owned(), vec!["revoke".to_owned(), "issue".to_owned()]),
                ("hr-admins".to_owned(), vec!["admin".to_owned()]),
            ]),
        }
    }

    #[test]
    fn each_mapped_value_gives_its_scopes_once() {
        let provider = provider();
        let scopes =
            |values: &[&str]| scopes_of(&provider, &values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>());
        assert_eq!(scopes(&["hr-readers"]), [Scope::Issue]);
        assert_eq!(scopes(&["hr-admins", "hr-revokers", "hr-readers"]), [Scope::Issue, Scope::Revoke, Scope::Admin]);
        assert!(scopes(&["finance", "HR-READERS"]).is_empty(), "values are compared exactly");
        assert!(scopes(&[]).is_empty());
    }

    #[test]
    fn a_claim_is_a_string_or_a_list_of_strings() {
        assert_eq!(claim_values(Some(&json!("hr-admins"))), ["hr-admins"]);
        assert_eq!(claim_values(Some(&json!(["a", 3, "b"]))), ["a", "b"]);
        assert!(claim_values(Some(&json!({"a": 1}))).is_empty());
        assert!(claim_values(None).is_empty());
    }

    #[test]
    fn the_client_secret_is_not_printed() {
        assert!(!format!("{:?}", provider()).contains("s3cret-value"));
    }

    #[test]
    fn the_callback_is_under_the_public_url() {
        let logins =
            OidcLogins::new(vec![provider()], &url::Url::parse("https://talent.example.ca/").unwrap()).unwrap();
        assert_eq!(logins.redirect.unwrap().as_str(), "https://talent.example.ca/console/oidc/callback");
    }
}
