//! The `[oidc.<department>]` tables of issuer.toml: each department's OpenID Connect provider
//! for staff sign-in to the console, checked when the service starts so that a mistake is said
//! then, in both languages, rather than at a staff member's first sign-in. The client secret is
//! never in the file: it is read from a file or from an environment variable the table names,
//! and its `Debug` is redacted.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use credentials::error::Detail;
use schemas::Lang;

use crate::domain::oidc_settings::OidcProvider;
use crate::domain::tokens::Scope;
use crate::i18n::{detail, t};

/// A key of a department's table that cannot be used (`ConfigError::Oidc` carries it).
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub struct OidcTableError {
    pub department: String,
    pub key: &'static str,
    pub reason: Detail,
}

impl OidcTableError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key: &str = self.key;
        t!(
            lang,
            "config-oidc-invalid",
            department = self.department.as_str(),
            key = key,
            reason = self.reason.get(lang)
        )
    }
}

/// One department's provider, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcFileConfig {
    /// The provider's issuer (its discovery document is under `/.well-known/openid-configuration`).
    pub issuer_url: Option<String>,
    pub client_id: Option<String>,
    /// A file holding the client secret (one of this and `client_secret_env`).
    pub client_secret_file: Option<PathBuf>,
    /// The name of an environment variable holding the client secret.
    pub client_secret_env: Option<String>,
    /// The ID token's claim listing the staff member's groups or roles (`groups`, `roles`…).
    pub claim: Option<String>,
    /// Scopes to ask for besides `openid profile email`.
    #[serde(default)]
    pub request_scopes: Vec<String>,
    /// Each value of the claim, and the console scopes it gives (`issue`, `revoke`, `admin`).
    #[serde(default)]
    pub claim_scopes: BTreeMap<String, Vec<String>>,
}

fn invalid(department: &str, key: &'static str, reason: Detail) -> OidcTableError {
    OidcTableError { department: department.to_owned(), key, reason }
}

fn required(department: &str, key: &'static str, value: Option<&String>) -> Result<String, OidcTableError> {
    value
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
        .ok_or_else(|| invalid(department, key, detail!("config-oidc-missing")))
}

/// Whether an issuer URL may be plain `http`: only on this machine (a test, a local demo).
fn loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost",
        Some(url::Host::Ipv4(address)) => address.is_loopback(),
        Some(url::Host::Ipv6(address)) => address.is_loopback(),
        None => false,
    }
}

/// Checks one department's table and reads its client secret.
pub fn provider(
    department: &str,
    file: &OidcFileConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<OidcProvider, OidcTableError> {
    let shape = department.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if department.is_empty() || department.len() > 63 || !shape {
        return Err(invalid(department, "department", detail!("config-oidc-department")));
    }
    let issuer_text = required(department, "issuer_url", file.issuer_url.as_ref())?;
    let issuer_url = url::Url::parse(&issuer_text).map_err(|error| {
        invalid(
            department,
            "issuer_url",
            detail!("config-not-a-url", text = issuer_text.as_str(), reason = error.to_string()),
        )
    })?;
    if !(issuer_url.scheme() == "https" || (issuer_url.scheme() == "http" && loopback(&issuer_url))) {
        return Err(invalid(department, "issuer_url", detail!("config-oidc-https", text = issuer_text.as_str())));
    }
    let issuer_url = openidconnect::IssuerUrl::new(issuer_text.clone()).map_err(|error| {
        invalid(
            department,
            "issuer_url",
            detail!("config-not-a-url", text = issuer_text.as_str(), reason = error.to_string()),
        )
    })?;
    let client_id = required(department, "client_id", file.client_id.as_ref())?;
    let secret = match (&file.client_secret_file, &file.client_secret_env) {
        (Some(path), None) => std::fs::read_to_string(path)
            .map_err(|error| {
                invalid(
                    department,
                    "client_secret_file",
                    detail!("config-oidc-secret-file", path = path.display().to_string(), reason = error.to_string()),
                )
            })?
            .trim()
            .to_owned(),
        (None, Some(name)) => env(name).map(|value| value.trim().to_owned()).unwrap_or_default(),
        _ => return Err(invalid(department, "client_secret_file", detail!("config-oidc-secret-source"))),
    };
    if secret.is_empty() {
        let key = if file.client_secret_env.is_some() { "client_secret_env" } else { "client_secret_file" };
        return Err(invalid(department, key, detail!("config-oidc-secret-empty")));
    }
    let claim = required(department, "claim", file.claim.as_ref())?;
    if file.claim_scopes.is_empty() {
        return Err(invalid(department, "claim_scopes", detail!("config-oidc-no-mapping", claim = claim.as_str())));
    }
    let mut grants = BTreeMap::new();
    for (value, names) in &file.claim_scopes {
        let scopes = names
            .iter()
            .map(|name| {
                Scope::parse(name.trim()).map(|scope| scope.as_str().to_owned()).map_err(|_| {
                    invalid(
                        department,
                        "claim_scopes",
                        detail!("config-oidc-scope", value = value.as_str(), scope = name.as_str()),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        grants.insert(value.clone(), scopes);
    }
    Ok(OidcProvider {
        department: department.to_owned(),
        issuer_url,
        client_id,
        client_secret: openidconnect::ClientSecret::new(secret),
        claim,
        extra_scopes: file
            .request_scopes
            .iter()
            .map(|scope| scope.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        grants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> OidcFileConfig {
        toml::from_str(text).unwrap()
    }

    const GOOD: &str = r#"
        issuer_url = "https://login.example.ca/hr"
        client_id = "talent-console"
        client_secret_env = "HR_OIDC_SECRET"
        claim = "groups"
        request_scopes = ["groups"]
        [claim_scopes]
        "hr-revokers" = ["issue", "revoke"]
    "#;

    fn secret(name: &str) -> Option<String> {
        (name == "HR_OIDC_SECRET").then(|| "s3cret\n".to_owned())
    }

    #[test]
    fn a_complete_table_is_read_with_its_secret_from_the_environment() {
        let provider = provider("hr", &table(GOOD), &secret).unwrap();
        assert_eq!(provider.client_secret.secret(), "s3cret");
        assert_eq!(provider.grants["hr-revokers"], ["issue", "revoke"]);
        assert_eq!(provider.extra_scopes, ["groups"]);
        assert!(!format!("{provider:?}").contains("s3cret"), "the secret is never printed");
    }

    #[test]
    fn the_secret_comes_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, "from-a-file\n").unwrap();
        let text = GOOD.replace("client_secret_env = \"HR_OIDC_SECRET\"", &format!("client_secret_file = {:?}", path));
        assert_eq!(provider("hr", &table(&text), &|_| None).unwrap().client_secret.secret(), "from-a-file");
        let missing = text.replace("secret\"", "absent\"");
        let error = provider("hr", &table(&missing), &|_| None).unwrap_err();
        assert!(error.message(Lang::Fr).starts_with("[oidc.hr] client_secret_file est invalide"), "{error}");
    }

    #[test]
    fn mistakes_are_said_in_both_languages() {
        let cases = [
            (GOOD.replace("https://login", "http://login"), "issuer_url", "https"),
            (GOOD.replace("client_id = \"talent-console\"", ""), "client_id", "give a value"),
            (GOOD.replace("client_secret_env = \"HR_OIDC_SECRET\"", ""), "client_secret_file", "one of them"),
            (GOOD.replace("HR_OIDC_SECRET", "UNSET"), "client_secret_env", "empty"),
            (GOOD.replace("\"revoke\"]", "\"delete\"]"), "claim_scopes", "`delete`"),
            (GOOD.replace("\"hr-revokers\" = [\"issue\", \"revoke\"]", ""), "claim_scopes", "groups"),
        ];
        for (text, key, english) in cases {
            let error = provider("hr", &table(&text), &secret).unwrap_err();
            let (en, fr) = (error.message(Lang::En), error.message(Lang::Fr));
            assert!(en.starts_with(&format!("[oidc.hr] {key} is invalid")) && en.contains(english), "{en}");
            assert!(fr.starts_with(&format!("[oidc.hr] {key} est invalide")) && fr != en, "{fr}");
        }
        let error = provider("Human Resources", &table(GOOD), &secret).unwrap_err();
        assert!(error.message(Lang::En).contains("lowercase"), "{error}");
        // A loopback provider may be plain http (tests, a local demo).
        assert!(
            provider("hr", &table(&GOOD.replace("https://login.example.ca", "http://127.0.0.1:9000")), &secret).is_ok()
        );
        assert!(toml::from_str::<OidcFileConfig>("client_secret = \"inline\"").is_err(), "no inline secret");
    }
}
