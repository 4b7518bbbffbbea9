//! What the issuer holds of the departments' OpenID Connect providers (issue #24): each one's
//! configuration, where browsers come back to, and the metadata discovered from each. Apart
//! from `oidc.rs` (the sign-in itself), because the service's state holds it: nothing here
//! depends on the service.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use openidconnect::core::CoreProviderMetadata;
use openidconnect::{ClientSecret, IssuerUrl, RedirectUrl};

use crate::domain::error::IssuerError;

/// How long discovered provider metadata (and its signing keys) is used before it is read again.
pub const METADATA_TTL: std::time::Duration = std::time::Duration::from_secs(3600);

/// One department's identity provider, as configured (`[oidc.<department>]` in issuer.toml).
/// The client secret's `Debug` is redacted.
#[derive(Debug, Clone)]
pub struct OidcProvider {
    pub department: String,
    pub issuer_url: IssuerUrl,
    pub client_id: String,
    pub client_secret: ClientSecret,
    /// The ID token's claim that lists the staff member's groups or roles.
    pub claim: String,
    /// Scopes asked for besides `openid profile email` (a provider may put the claim above in
    /// the ID token only when one is asked for).
    pub extra_scopes: Vec<String>,
    /// What each value of the claim gives: scope names (`issue`, `revoke`, `admin`), checked
    /// when the configuration is read.
    pub grants: BTreeMap<String, Vec<String>>,
}

/// The configured providers, where they send the browser back to, and what was discovered.
#[derive(Debug, Default)]
pub struct OidcLogins {
    pub(crate) providers: BTreeMap<String, OidcProvider>,
    pub(crate) redirect: Option<RedirectUrl>,
    /// Each department's discovered metadata, and when it was read.
    pub(crate) discovered: RwLock<HashMap<String, (Arc<CoreProviderMetadata>, Instant)>>,
}

impl OidcLogins {
    /// The providers of `providers`, the browser sent back to `/console/oidc/callback` under
    /// `public_url`.
    pub fn new(providers: Vec<OidcProvider>, public_url: &url::Url) -> Result<Self, IssuerError> {
        let callback =
            public_url.join("console/oidc/callback").map_err(|error| IssuerError::Unexpected(error.to_string()))?;
        Ok(Self {
            providers: providers.into_iter().map(|provider| (provider.department.clone(), provider)).collect(),
            redirect: Some(RedirectUrl::from_url(callback)),
            discovered: RwLock::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callback_is_under_the_public_url() {
        let logins = OidcLogins::new(Vec::new(), &url::Url::parse("https://talent.example.ca/").unwrap()).unwrap();
        assert_eq!(logins.redirect.unwrap().as_str(), "https://talent.example.ca/console/oidc/callback");
    }
}
