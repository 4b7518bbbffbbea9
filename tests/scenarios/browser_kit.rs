//! A headless Chromium for the page scenarios (the verifier's page, the issuer's console):
//! Debian's `chromium` driven by `chromedriver` over WebDriver, axe-core run on each state
//! (WCAG 2.0/2.1 A and AA), and a screenshot of each state under `target/screenshots/` (copied
//! to `docs/screenshots/`). Outside CI, without these tools, the scenarios say so and skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use scenarios::{free_port, repository, Running};
use serde_json::json;

const AXE: &str = "target/browser/node_modules/axe-core/axe.min.js";

/// chromedriver and axe-core, or `None` outside CI when they are not installed.
pub fn tools() -> Option<(PathBuf, String)> {
    let axe = repository().join(AXE);
    let driver =
        ["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"].iter().map(PathBuf::from).find(|p| p.exists());
    match (driver, axe.exists()) {
        (Some(driver), true) => Some((driver, std::fs::read_to_string(axe).unwrap())),
        _ => {
            assert!(std::env::var("CI").is_err(), "CI must provide chromium, chromedriver and axe-core (.ci/run does)");
            eprintln!("chromium/chromedriver or axe-core missing: skipping the browser scenario");
            None
        }
    }
}

pub struct Browser {
    pub client: Client,
    axe: String,
    shots: PathBuf,
}

impl Browser {
    /// Clicks the element `css` matches.
    pub async fn click(&self, css: &str) {
        self.client.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
    }

    /// Types `text` into the element `css` matches.
    pub async fn type_in(&self, css: &str, text: &str) {
        self.client.find(Locator::Css(css)).await.unwrap().send_keys(text).await.unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.client.find(Locator::Css(css)).await.unwrap().text().await.unwrap()
    }

    /// Waits until `css` matches an element whose text contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> String {
        for _ in 0..200 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                let text = element.text().await.unwrap_or_default();
                if text.contains(needle) {
                    return text;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("`{needle}` never appeared in {css}: {}", self.text("body").await);
    }

    /// No axe-core violation of WCAG 2.0/2.1 A and AA, then a screenshot named `state`.
    pub async fn check(&self, state: &str) {
        self.client.execute(&self.axe, vec![]).await.unwrap();
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(r => done({violations: r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')), passes: r.passes.length}))
              .catch(e => done({violations: ['axe failed: ' + e], passes: 0}));";
        let result = self.client.execute_async(script, vec![]).await.unwrap();
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        assert!(violations.is_empty(), "{state}: {violations:#?}");
        assert!(result["passes"].as_u64().unwrap_or(0) > 5, "{state}: axe ran no rules: {result}");
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.shots.join(format!("{state}.png")), png).unwrap();
    }

    /// Starts chromedriver and a headless Chromium session; the driver runs as long as the
    /// returned process guard lives.
    pub async fn launch(driver: &Path, axe: String) -> (Running, Browser) {
        let port = free_port();
        let running = Running(
            Command::new(driver)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let shots = repository().join("target/screenshots");
        std::fs::create_dir_all(&shots).unwrap();
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({"binary": "/usr/bin/chromium", "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,1400"]}),
        );
        for _ in 0..100 {
            if let Ok(client) = ClientBuilder::native()
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                return (running, Browser { client, axe, shots });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not start");
    }
}
