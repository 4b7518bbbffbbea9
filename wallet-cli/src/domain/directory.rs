//! Withdrawing one's profile from a verifier's talent directory (`wallet profile withdraw
//! --directory URL`). The directory deletes a publication only for the holder who proves, on a
//! fresh challenge of its own, control of the key the profile was published under: the wallet
//! asks for that challenge (`POST /challenges`), signs an empty presentation with its holder key
//! bound to the challenge and to the directory's host (`domain`), and posts it to
//! `/directory/withdraw`. The directory answers with the publication it deleted, or 404 when
//! nothing is published under this key; any other refusal is the directory's, with its reason.

use chrono::{DateTime, Utc};
use credentials::net::{Body, HttpPolicy, Request};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::exchange::{self, Client};
use crate::domain::exchange_error::{ExchangeError, Party, Step};
use crate::domain::present::{self, Format};
use crate::domain::store::Wallet;

/// What the directory did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withdrawal {
    /// The publication with this id is deleted, with everything derived from it.
    Withdrawn(String),
    /// Nothing is published under this wallet's key there.
    NothingPublished,
}

/// The directory's base URL as the person gave it (https, or http on this machine), ending in
/// `/` so that its routes are found under it.
pub fn base(url: &str) -> Result<url::Url, ExchangeError> {
    let mut base = exchange::parse(url.trim())?;
    if base.host_str().is_none() {
        return Err(ExchangeError::NotAUrl { url: url.to_owned(), reason: "no host".into() });
    }
    if !base.path().ends_with('/') {
        let path = format!("{}/", base.path());
        base.set_path(&path);
    }
    base.set_query(None);
    base.set_fragment(None);
    Ok(base)
}

/// The `domain` the presentation is bound to: the directory's host (and port, when given).
pub fn domain(base: &url::Url) -> String {
    match (base.host_str(), base.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    }
}

fn route(base: &url::Url, path: &str) -> Result<url::Url, ExchangeError> {
    base.join(path).map_err(|e| ExchangeError::NotAUrl { url: format!("{base}{path}"), reason: e.to_string() })
}

/// Withdraws the profile published under the wallet's holder key from the directory at `base`
/// (see [`base`]), reached under `http` with the directory's own host as the person named it.
pub fn withdraw(
    wallet: &Wallet,
    base: &url::Url,
    http: &HttpPolicy,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Withdrawal, ExchangeError> {
    let http = exchange::with_chosen_host(http, base);
    let client = Client::new(&http, Party::Verifier).speaking(lang);
    let asked = client.json(&Request::post(route(base, "challenges")?, Body::Empty), Step::Challenge)?;
    let challenge = asked["challenge"]
        .as_str()
        .ok_or(ExchangeError::AnswerNotJson { party: Party::Verifier, step: Step::Challenge })?
        .to_owned();
    let domain = domain(base);
    let signed =
        present::present(wallet, &[], &challenge, &domain, Format::LdpVp, credentials::proof::Suite::EddsaJcs2022, now)
            .map_err(ExchangeError::Signing)?;
    let presentation: Value = serde_json::from_str(&signed).unwrap_or(Value::Null);
    let body = json!({"verifiablePresentation": presentation, "options": {"challenge": challenge, "domain": domain}});
    let request =
        Request::post(route(base, "directory/withdraw")?, Body::Json(body)).header("Accept", "application/json");
    match client.json(&request, Step::Withdraw) {
        Ok(answer) => match answer["withdrawn"].as_str() {
            Some(id) => Ok(Withdrawal::Withdrawn(id.to_owned())),
            None => Err(ExchangeError::AnswerNotJson { party: Party::Verifier, step: Step::Withdraw }),
        },
        // The route's 404 (a problem): this holder has nothing published.
        Err(ExchangeError::Refused { status: 404, reason: Some(_), .. }) => Ok(Withdrawal::NothingPublished),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_url_is_a_base_with_its_host_as_domain() {
        let local = base("http://127.0.0.1:8080").unwrap();
        assert_eq!(local.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(route(&local, "directory/withdraw").unwrap().as_str(), "http://127.0.0.1:8080/directory/withdraw");
        assert_eq!(domain(&local), "127.0.0.1:8080");
        let prefixed = base("https://jobs.example/hiring?x=1#top").unwrap();
        assert_eq!(route(&prefixed, "challenges").unwrap().as_str(), "https://jobs.example/hiring/challenges");
        assert_eq!(domain(&prefixed), "jobs.example");
        assert!(matches!(base("http://jobs.example"), Err(ExchangeError::NotHttps { .. })));
        assert!(matches!(base("jobs"), Err(ExchangeError::NotAUrl { .. })));
    }
}
