//! The staff console's single sign-on (issue #24) against a real OpenID Connect provider:
//! panva's `oidc-provider` (tests/oidc/provider.mjs, installed under target/browser by .ci/run)
//! and the real `issuer` process, configured with an `[oidc.hr]` table and a client secret file.
//! A cookie-keeping client goes through the provider's own login and consent pages. Alice (group
//! `hr-revokers`) signs in, sees her name, revokes a credential, and the audit trail names her
//! as `oidc:alice`; Bob (`hr-readers`: issue only) sees no form and is refused when he posts
//! one; Carol (no mapped group) is refused with no session; a made-up, a reused or another
//! browser's state opens nothing; a sign-in cancelled at the provider is said so. Outside CI,
//! without node and oidc-provider, the scenario says so and skips.

use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Command, Stdio};

use crate::console_kit::{csrf, issue, link};
use fantoccini::Locator;
use scenarios::{free_port, issuer_admin, repository, start_issuer, IssuerSetup, Running};

const PROVIDER_MODULE: &str = "target/browser/node_modules/oidc-provider/package.json";

/// Whether node and oidc-provider are here (in CI they must be).
pub(crate) fn tools() -> bool {
    let node = Command::new("node").arg("--version").output().is_ok_and(|output| output.status.success());
    let here = node && repository().join(PROVIDER_MODULE).exists();
    if !here {
        assert!(std::env::var("CI").is_err(), "CI must provide node and oidc-provider (.ci/run installs it)");
        eprintln!("node or oidc-provider missing: skipping the single sign-on scenario");
    }
    here
}

/// Starts the provider on a free port for one client; returns it and its issuer URL.
fn start_provider(secret: &str, redirect: &str) -> (Running, String) {
    let port = free_port();
    let mut child = Command::new("node")
        .arg(repository().join("tests/oidc/provider.mjs"))
        .current_dir(repository())
        .env("OIDC_PORT", port.to_string())
        .env("OIDC_CLIENT_ID", "talent-console")
        .env("OIDC_CLIENT_SECRET", secret)
        .env("OIDC_REDIRECT_URI", redirect)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut reader = std::io::BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("ready "), "the provider did not start: {line}");
    // Read on (and dropped) while it runs: a closed pipe would end it at its next line.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    (running, line["ready ".len()..].trim().to_owned())
}

struct Answer {
    status: u16,
    url: String,
    location: String,
    headers: HashMap<String, String>,
    body: String,
}

/// A browser without automatic redirects, keeping cookies per origin.
struct Browser {
    agent: ureq::Agent,
    jar: HashMap<String, HashMap<String, String>>,
}

fn origin(url: &url::Url) -> String {
    url.origin().ascii_serialization()
}

impl Browser {
    fn new() -> Self {
        Self { agent: ureq::AgentBuilder::new().redirects(0).build(), jar: HashMap::new() }
    }

    fn cookie(&self, url: &str, name: &str) -> Option<String> {
        let url = url::Url::parse(url).unwrap();
        self.jar.get(&origin(&url)).and_then(|cookies| cookies.get(name).cloned())
    }

    fn send(&mut self, method: &str, url: &str, form: Option<&[(&str, &str)]>) -> Answer {
        let parsed = url::Url::parse(url).unwrap();
        let mut request = self.agent.request(method, url);
        if let Some(cookies) = self.jar.get(&origin(&parsed)).filter(|cookies| !cookies.is_empty()) {
            let header: Vec<String> = cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
            request = request.set("Cookie", &header.join("; "));
        }
        let result = match form {
            Some(form) => request.send_form(form),
            None => request.call(),
        };
        let response = match result {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(error) => panic!("{url}: {error}"),
        };
        let cookies = self.jar.entry(origin(&parsed)).or_default();
        for set in response.all("set-cookie") {
            let first = set.split(';').next().unwrap_or_default();
            let Some((name, value)) = first.split_once('=') else { continue };
            if value.is_empty() || set.to_ascii_lowercase().contains("max-age=0") {
                cookies.remove(name.trim());
            } else {
                cookies.insert(name.trim().to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let location = response.header("location").map(|to| parsed.join(to).unwrap().to_string()).unwrap_or_default();
        let headers = response
            .headers_names()
            .into_iter()
            .filter_map(|name| response.header(&name).map(|value| (name.to_ascii_lowercase(), value.to_owned())))
            .collect();
        Answer { status, url: url.to_owned(), location, headers, body: response.into_string().unwrap_or_default() }
    }

    fn get(&mut self, url: &str) -> Answer {
        self.send("GET", url, None)
    }

    /// Follows redirects and the provider's login (as `login`) and consent forms, until a page
    /// of the issuer answers.
    fn through_provider(&mut self, start: &str, provider: &str, login: &str) -> Answer {
        let mut answer = self.get(start);
        for _ in 0..20 {
            if (300..400).contains(&answer.status) {
                answer = self.get(&answer.location.clone());
                continue;
            }
            if !answer.url.starts_with(provider) {
                return answer;
            }
            let action =
                form_action(&answer.body).unwrap_or_else(|| panic!("a form on {}: {}", answer.url, answer.body));
            let target = url::Url::parse(&answer.url).unwrap().join(&action).unwrap().to_string();
            answer = if answer.body.contains("name=\"login\"") {
                self.send("POST", &target, Some(&[("prompt", "login"), ("login", login), ("password", "any")]))
            } else {
                self.send("POST", &target, Some(&[("prompt", "consent")]))
            };
        }
        panic!("too many steps at the provider");
    }
}

fn form_action(page: &str) -> Option<String> {
    let at = page.find("action=\"")? + 8;
    let end = page[at..].find('"')?;
    Some(page[at..at + end].replace("&amp;", "&"))
}

/// The provider for the issuer of `setup`, and an issuer.toml naming it (`[oidc.hr]`, the
/// client secret in a file): the provider, its URL, the configuration file's path.
fn provider_for(setup: &IssuerSetup) -> (Running, String, String) {
    provider_with(setup, "\"hr-revokers\" = [\"issue\", \"revoke\"]\n\"hr-readers\" = [\"issue\"]\n")
}

/// As `provider_for`, with the groups-to-scopes table `claim_scopes` (TOML lines).
pub(crate) fn provider_with(setup: &IssuerSetup, claim_scopes: &str) -> (Running, String, String) {
    let base = format!("http://{}", setup.listen);
    let (provider, provider_url) = start_provider("client-secret-of-hr", &format!("{base}/console/oidc/callback"));
    let secret_file = setup.dir.path().join("hr-oidc-secret");
    std::fs::write(&secret_file, "client-secret-of-hr\n").unwrap();
    let config = setup.dir.path().join("issuer.toml");
    std::fs::write(
        &config,
        format!(
            "[oidc.hr]\nissuer_url = \"{provider_url}\"\nclient_id = \"talent-console\"\nclient_secret_file = {:?}\n\
             claim = \"groups\"\nrequest_scopes = [\"groups\"]\n[oidc.hr.claim_scopes]\n{claim_scopes}",
            secret_file.to_str().unwrap()
        ),
    )
    .unwrap();
    (provider, provider_url, config.to_str().unwrap().to_owned())
}

#[test]
fn staff_sign_in_with_their_organizations_provider_and_act_under_their_name() {
    if !tools() {
        return;
    }
    let setup = IssuerSetup::new("issue,revoke");
    let (_provider, provider_url, config_path) = provider_for(&setup);
    let mut env = setup.env();
    env.push(("ISSUER_CONFIG", config_path.as_str()));
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();
    let credential = issue(&base, &setup.token);
    let kept = issue(&base, &setup.token);

    // The sign-in page offers the department's single sign-on, and the token form still.
    let mut alice = Browser::new();
    let page = alice.get(&format!("{base}/console?lang=en"));
    assert!(page.body.contains("Sign in with Human Resources's single sign-on"), "{}", page.body);
    assert!(page.body.contains("/console/oidc/start?department=hr&amp;lang=en"), "{}", page.body);
    assert!(page.body.contains("name=\"token\""), "{}", page.body);
    let french = alice.get(&format!("{base}/console?lang=fr"));
    assert!(
        french.body.contains("Se connecter avec l'authentification unique de Ressources humaines"),
        "{}",
        french.body
    );

    // Alice: the provider's login and consent, back to the issuer with a session.
    let start = format!("{base}/console/oidc/start?department=hr&lang=en");
    let first = alice.get(&start);
    assert_eq!(first.status, 303, "{}", first.body);
    assert!(first.location.starts_with(&provider_url), "{}", first.location);
    for part in ["code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "scope=openid"] {
        assert!(first.location.contains(part), "{part} in {}", first.location);
    }
    let login_cookie = alice.cookie(&base, "tc_console_login").expect("the sign-in's browser cookie");
    assert_eq!(login_cookie.len(), 64);
    let back = alice.through_provider(&first.location, &provider_url, "alice");
    assert!(back.url.starts_with(&format!("{base}/console/oidc/callback?")), "{}", back.url);
    assert_eq!(back.status, 200, "{}", back.body);
    assert_eq!(back.headers.get("refresh").map(String::as_str), Some("0; url=/console/home?lang=en"));
    assert!(alice.cookie(&base, "tc_console").is_some(), "a session");
    assert!(alice.cookie(&base, "tc_console_login").is_none(), "the sign-in's cookie is ended");
    let home = alice.get(&format!("{base}/console/home?lang=en"));
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Signed in: Alice Tremblay, department hr"), "{}", home.body);

    // The callback again (its state used): refused, no second session.
    let mut replay = Browser::new();
    replay.jar.insert(base.clone(), HashMap::from([("tc_console_login".to_owned(), login_cookie.clone())]));
    let again = replay.get(&back.url);
    assert_eq!(again.status, 400, "{}", again.body);
    assert!(again.body.contains("already used"), "{}", again.body);
    assert!(replay.cookie(&base, "tc_console").is_none());
    // A made-up state: the same.
    let made_up = replay.get(&format!("{base}/console/oidc/callback?code=abc&state=made-up"));
    assert_eq!(made_up.status, 400);
    assert!(replay.cookie(&base, "tc_console").is_none());

    // A state of this browser with a code the provider never gave: the exchange fails, no
    // session (and the state is used up).
    let started = replay.get(&start);
    let state = url::Url::parse(&started.location)
        .unwrap()
        .query_pairs()
        .find(|(name, _)| name == "state")
        .map(|(_, value)| value.into_owned())
        .unwrap();
    let forged = replay.get(&format!("{base}/console/oidc/callback?code=forged&state={state}"));
    assert_eq!(forged.status, 502, "{}", forged.body);
    assert!(forged.body.contains("could not be verified"), "{}", forged.body);
    assert!(replay.cookie(&base, "tc_console").is_none());

    // Alice revokes a credential; the audit trail names her.
    let page = alice.get(&format!("{base}{}?lang=en", link(&credential)));
    assert!(page.body.contains("Change the status"), "{}", page.body);
    let token = csrf(&page.body);
    let form = [
        ("csrf", token.as_str()),
        ("change", "revoke"),
        ("reason", "Left the team"),
        ("confirm", "yes"),
        ("lang", "en"),
    ];
    let done = alice.send("POST", &format!("{base}{}/status", link(&credential)), Some(&form));
    assert_eq!(done.status, 303, "{}", done.body);
    let page = alice.get(&done.location);
    assert!(page.body.contains("Revoked") && page.body.contains("oidc:alice"), "{}", page.body);

    // Bob (issue only): no form, and a form posted by hand is refused; nothing changes.
    let mut bob = Browser::new();
    let first = bob.get(&start);
    let back = bob.through_provider(&first.location, &provider_url, "bob");
    assert_eq!(back.status, 200, "{}", back.body);
    let page = bob.get(&format!("{base}{}?lang=en", link(&kept)));
    assert!(page.body.contains("Signed in: Bob Singh"), "{}", page.body);
    assert!(page.body.contains("does not allow changing the status"), "{}", page.body);
    let token = csrf(&page.body);
    let form = [("csrf", token.as_str()), ("change", "revoke"), ("reason", "x"), ("confirm", "yes"), ("lang", "en")];
    let forbidden = bob.send("POST", &format!("{base}{}/status", link(&kept)), Some(&form));
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);
    assert!(bob.get(&format!("{base}{}?lang=en", link(&kept))).body.contains("Active"));

    // A state started in another browser: refused (the sign-in is taken, so it is gone too).
    let mut mallory = Browser::new();
    let first = mallory.get(&start);
    let mut victim = Browser::new();
    let stolen = victim.through_provider(&first.location, &provider_url, "alice");
    assert_eq!(stolen.status, 400, "{}", stolen.body);
    assert!(victim.cookie(&base, "tc_console").is_none());

    // Carol's groups are given nothing: refused, no session.
    let mut carol = Browser::new();
    let first = carol.get(&format!("{base}/console/oidc/start?department=hr&lang=fr"));
    let back = carol.through_provider(&first.location, &provider_url, "carol");
    assert_eq!(back.status, 403, "{}", back.body);
    assert!(back.body.contains("aucun de vos groupes"), "in the language she started in: {}", back.body);
    assert!(carol.cookie(&base, "tc_console").is_none());

    // Cancelled at the provider: said so, no session.
    let mut dave = Browser::new();
    let first = dave.get(&start);
    let mut answer = dave.get(&first.location);
    while (300..400).contains(&answer.status) && answer.location.starts_with(&provider_url) {
        answer = dave.get(&answer.location.clone());
    }
    let uid = answer.url.trim_end_matches('/').rsplit('/').next().unwrap().to_owned();
    let mut aborted = dave.get(&format!("{provider_url}/interaction/{uid}/abort"));
    while aborted.location.starts_with(&provider_url) {
        aborted = dave.get(&aborted.location.clone());
    }
    assert!(aborted.location.contains("error=access_denied"), "{}", aborted.location);
    let cancelled = dave.get(&aborted.location);
    assert_eq!(cancelled.status, 401, "{}", cancelled.body);
    assert!(cancelled.body.contains("the sign-in was cancelled"), "{}", cancelled.body);
    assert!(dave.cookie(&base, "tc_console").is_none());

    // The audit trail: Alice's and Bob's sessions through oidc, her revocation, Carol's refusal.
    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    let lines =
        |action: &str| audit.lines().filter(|line| line.contains(action)).map(str::to_owned).collect::<Vec<_>>();
    let opened = lines("\"session.open\"");
    assert_eq!(opened.len(), 2, "{audit}");
    assert!(opened.iter().all(|line| line.contains(r#"via\":\"oidc"#)), "{audit}");
    assert!(opened[0].contains("oidc:alice") && opened[0].contains("Alice Tremblay"), "{}", opened[0]);
    let revoked = lines("\"credential.revoke\"");
    assert_eq!(revoked.len(), 1, "{audit}");
    assert!(revoked[0].contains("oidc:alice") && revoked[0].contains("Left the team"), "{}", revoked[0]);
    let refused = lines("\"session.refused\"");
    assert_eq!(refused.len(), 1, "{audit}");
    assert!(refused[0].contains("oidc:carol") && refused[0].contains("Carol Roy"), "{}", refused[0]);
}

#[test]
fn a_bad_oidc_table_stops_the_issuer_at_start_in_both_languages() {
    let setup = IssuerSetup::new("issue");
    let config = setup.dir.path().join("issuer.toml");
    std::fs::write(
        &config,
        "[oidc.hr]\nissuer_url = \"http://login.example.ca\"\nclient_id = \"c\"\nclient_secret_env = \"HR_SECRET\"\n\
         claim = \"groups\"\n[oidc.hr.claim_scopes]\n\"g\" = [\"issue\"]\n",
    )
    .unwrap();
    for (lang, said) in [("en", "[oidc.hr] issuer_url is invalid"), ("fr", "[oidc.hr] issuer_url est invalide")] {
        let output = Command::new(scenarios::binary("issuer"))
            .args(["--lang", lang, "serve", "--config"])
            .arg(&config)
            .env_remove("DATABASE_URL")
            .env("HR_SECRET", "x")
            .envs(setup.env())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        assert!(stderr.contains(said), "{stderr}");
    }
}

/// In Chromium: the sign-in page with the single sign-on button passes axe in both languages;
/// the button goes through the provider's pages and back to the dashboard under the staff
/// member's name (the session cookie set on the callback's page is sent on).
#[test]
fn single_sign_on_in_chromium_passes_axe_in_both_languages() {
    if !tools() {
        return;
    }
    let Some((driver, axe)) = crate::browser_kit::tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue,revoke");
    let (_provider, provider_url, config_path) = provider_for(&setup);
    let mut env = setup.env();
    env.push(("ISSUER_CONFIG", config_path.as_str()));
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = crate::browser_kit::Browser::launch(&driver, axe).await;
        for (lang, dashboard) in [("en", "Dashboard"), ("fr", "Tableau de bord")] {
            browser.client.goto(&format!("{base}/console?lang={lang}")).await.unwrap();
            browser.wait_text("h1", if lang == "en" { "Sign in" } else { "Connexion" }).await;
            browser.check(&format!("console-sign-in-sso-{lang}")).await;
            sign_in_through_provider(&browser, &base, &provider_url, "alice", dashboard).await;
            browser.wait_text("h1", dashboard).await;
            let who = browser.text("header").await;
            assert!(who.contains("Alice Tremblay"), "{who}");
            browser.check(&format!("console-home-sso-{lang}")).await;
            browser.client.find(Locator::Css("header form button")).await.unwrap().click().await.unwrap();
            browser.wait_text("h1", if lang == "en" { "Sign in" } else { "Connexion" }).await;
        }
        browser.client.close().await.unwrap();
    });
}

/// Signs in with the sign-in page's single sign-on link, as `login` at the provider (its login and
/// consent pages the first time), until the console's dashboard (titled `dashboard`) shows.
pub(crate) async fn sign_in_through_provider(
    browser: &crate::browser_kit::Browser,
    base: &str,
    provider_url: &str,
    login: &str,
    dashboard: &str,
) {
    browser.client.find(Locator::Css("ul.sso a")).await.unwrap().click().await.unwrap();
    for _ in 0..300 {
        let here = browser.client.current_url().await.unwrap().to_string();
        if here.starts_with(base) && browser.text("h1").await.contains(dashboard) {
            return;
        }
        if here.starts_with(provider_url) {
            if let Ok(field) = browser.client.find(Locator::Css("input[name='login']")).await {
                field.send_keys(login).await.unwrap();
                let password = browser.client.find(Locator::Css("input[name='password']")).await.unwrap();
                password.send_keys("any").await.unwrap();
                browser.client.find(Locator::Css("button[type='submit']")).await.unwrap().click().await.unwrap();
            } else if let Ok(consent) = browser.client.find(Locator::Css("button[type='submit']")).await {
                consent.click().await.unwrap();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("never reached the dashboard: {}", browser.text("body").await);
}
