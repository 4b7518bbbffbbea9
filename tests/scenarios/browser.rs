//! The verifier page in headless Chromium (Debian's `chromium` and `chromedriver`, installed by
//! `.ci/run`), against a running `verifier serve`: a pasted valid credential reads "valid" with
//! its issuer and every check; a tampered one says which check failed; the language toggle gives
//! the same page in French; a request started on the page is answered by `wallet present
//! --request` and the answer appears without a reload; a talent profile asked for with the
//! page's form (skills found by a search that needs no script) is answered by the wallet and read
//! on its profile page, and asked for again name-blind (no DID of the person on the page before
//! "reveal"); the talent directory's publish page is answered by the wallet and its search page
//! finds the person by skill and level. axe-core (installed by `.ci/run` under
//! `target/browser/`) finds no WCAG 2.1 A/AA violation in any of these states, and each state is
//! saved as a screenshot under `target/screenshots/` (copied to `docs/screenshots/`).

use std::time::Duration;

use credentials::contexts::ContextSet;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use fantoccini::Locator;
use scenarios::{start_verifier, wallet, TestKey};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

use crate::browser_kit::{tools, Browser};

fn skill_credential(holder: &str) -> String {
    let issuer = TestKey::from_seed(77);
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:0b7c2a55-3d4e-4f60-8a1b-2c3d4e5f6a7b",
        Issuer {
            id: issuer.did(),
            name: LocalizedText::new("Treasury Board Secretariat", "Secrétariat du Conseil du Trésor"),
        },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder)
    .build()
    .unwrap();
    let options = ProofOptions::new(Suite::EddsaRdfc2022, SystemClock.now());
    serde_json::to_string_pretty(&add_proof(&credential, &issuer, &options, &ContextSet::standard()).unwrap()).unwrap()
}

/// What the verifier page adds to a browser: pasting a document and checking it.
trait Paste {
    async fn paste_and_check(&self, base: &str, lang: &str, text: &str);
}

impl Paste for Browser {
    async fn paste_and_check(&self, base: &str, lang: &str, text: &str) {
        self.client.goto(&format!("{base}/?lang={lang}")).await.unwrap();
        let area = self.client.find(Locator::Id("document")).await.unwrap();
        // As a paste does: the whole text at once.
        self.client.execute("arguments[0].value = arguments[1];", vec![json!(area), json!(text)]).await.unwrap();
        self.client.find(Locator::Css("form[action='/page/verify'] button")).await.unwrap().click().await.unwrap();
    }
}

#[test]
fn the_page_in_chromium_checks_pastes_asks_and_passes_axe_in_both_languages() {
    let Some((driver, axe)) = tools() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("wallet");
    let init = wallet(&store, &["init"]);
    assert!(init.status.success());
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();
    let credential = skill_credential(&holder);
    let file = work.path().join("skill.json");
    std::fs::write(&file, &credential).unwrap();
    assert!(wallet(&store, &["import", file.to_str().unwrap()]).status.success());
    let tampered = credential.replace("\"advanced\"", "\"expert\"");

    // The verifier trusts the department for skills; a second one, with no registry, shows how a
    // signed credential from an issuer nobody named reads.
    let registry = work.path().join("trust.toml");
    std::fs::write(
        &registry,
        format!(
            "[[issuer]]\nid = \"{}\"\nname = \"Treasury Board Secretariat\"\nname_fr = \"Secrétariat du Conseil du Trésor\"\ncredential_types = [\"*\"]\n",
            TestKey::from_seed(77).did()
        ),
    )
    .unwrap();
    let (_stranger_verifier, stranger_base) = start_verifier(&[]);
    let (_verifier, base) = start_verifier(&[
        "--trust",
        registry.to_str().unwrap(),
        "--name",
        "Hiring, Finance Canada",
        "--name-fr",
        "Embauche, Finances Canada",
        "--api-token",
        "browser-token",
    ]);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;

        for lang in ["en", "fr"] {
            // The start page, reached in French through the toggle.
            browser.client.goto(&format!("{base}/?lang=en")).await.unwrap();
            if lang == "fr" {
                browser.click("nav a[hreflang='fr']").await;
            }
            let heading = browser
                .wait_text("h1", if lang == "en" { "Check a credential" } else { "Vérifier une attestation" })
                .await;
            assert!(!heading.is_empty());
            let html_lang = browser.client.execute("return document.documentElement.lang;", vec![]).await.unwrap();
            assert_eq!(html_lang, json!(lang));
            browser.check(&format!("start-{lang}")).await;
            if lang == "en" {
                // Choosing a file fills the text area (the page's script; a review found a second
                // `var area` had left it doing nothing).
                browser
                    .client
                    .find(Locator::Id("file"))
                    .await
                    .unwrap()
                    .send_keys(file.to_str().unwrap())
                    .await
                    .unwrap();
                let mut filled = String::new();
                for _ in 0..50 {
                    let value = browser
                        .client
                        .execute("return document.getElementById('document').value;", vec![])
                        .await
                        .unwrap();
                    filled = value.as_str().unwrap_or_default().to_owned();
                    if !filled.is_empty() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                assert_eq!(filled.trim(), credential.trim(), "choosing a file did not fill the text area");
            }

            // A valid credential: the verdict, its issuer, every check.
            browser.paste_and_check(&base, lang, &credential).await;
            let verdict = browser.wait_text("#result-heading", if lang == "en" { "valid" } else { "valide" }).await;
            assert!(!verdict.contains("not valid") && !verdict.contains("non valide"), "{verdict}");
            let report = browser.text(".report").await;
            let issuer = if lang == "en" { "Treasury Board Secretariat" } else { "Secrétariat du Conseil du Trésor" };
            assert!(report.contains(issuer), "{report}");
            let checks = browser.client.find_all(Locator::Css("ul.checks li.passed")).await.unwrap();
            assert!(checks.len() >= 5, "{report}");
            browser.check(&format!("valid-{lang}")).await;

            // The same credential on a verifier that trusts nobody: signed, but not called valid.
            browser.paste_and_check(&stranger_base, lang, &credential).await;
            let verdict = browser
                .wait_text("#result-heading", if lang == "en" { "not said you trust" } else { "pas déclaré" })
                .await;
            assert!(!verdict.contains("Result: valid") && !verdict.contains("Résultat : valide"), "{verdict}");
            browser.check(&format!("untrusted-{lang}")).await;

            // A tampered one: which check failed.
            browser.paste_and_check(&base, lang, &tampered).await;
            browser.wait_text("#result-heading", if lang == "en" { "not valid" } else { "non valide" }).await;
            let failed = browser.text("ul.checks li.failed").await;
            assert!(failed.contains("signature") && failed.contains("signature_mismatch"), "{failed}");
            browser.check(&format!("invalid-{lang}")).await;

            // Ask the person: QR code and link, answered by the wallet, shown without a reload.
            browser.client.goto(&format!("{base}/?lang={lang}")).await.unwrap();
            // Requests go out in the verifier's name: the form asks for the service's token.
            browser.type_in("#token", "browser-token").await;
            browser.click("form[action='/page/ask'] button").await;
            browser.wait_text("#ask-status", if lang == "en" { "Waiting" } else { "En attente" }).await;
            assert!(browser.client.find(Locator::Css(".qr svg")).await.is_ok());
            let link = browser.client.find(Locator::Id("link")).await.unwrap().prop("value").await.unwrap().unwrap();
            assert!(link.starts_with("openid4vp://"), "{link}");
            browser.check(&format!("request-{lang}")).await;
            browser.client.execute("window.stillThisPage = true;", vec![]).await.unwrap();
            let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
            assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
            browser
                .wait_text("#ask-area", if lang == "en" { "The answer is valid." } else { "La réponse est valide." })
                .await;
            browser.wait_text("#ask-status", if lang == "en" { "has arrived" } else { "est arrivée" }).await;
            let same = browser.client.execute("return window.stillThisPage === true;", vec![]).await.unwrap();
            assert_eq!(same, Value::Bool(true), "the page was reloaded");
            browser.check(&format!("answered-{lang}")).await;

            // Ask for a talent profile (issue #23): find skills by name without script, choose
            // one, send; the wallet answers; the profile page shows it in plain words.
            browser.client.goto(&format!("{base}/?lang={lang}")).await.unwrap();
            let search = browser.client.find(Locator::Id("skill-search")).await.unwrap();
            search.send_keys("API").await.unwrap();
            browser.click("form[role='search'] button").await;
            browser.wait_text("#search-result", if lang == "en" { "match" } else { "correspond" }).await;
            let options = browser.client.find_all(Locator::Css("#skills option")).await.unwrap();
            assert!(!options.is_empty() && options.len() < 40, "the search narrows the list: {}", options.len());
            browser.click("#skills option[value='api_design']").await;
            browser.type_in("#profile-token", "browser-token").await;
            browser
                .client
                .execute("document.getElementById('profile-heading').scrollIntoView();", vec![])
                .await
                .unwrap();
            browser.check(&format!("profile-request-form-{lang}")).await;
            browser.click("form[action='/page/profile'] button").await;
            browser.wait_text("#ask-status", if lang == "en" { "Waiting" } else { "En attente" }).await;
            let link = browser.client.find(Locator::Id("link")).await.unwrap().prop("value").await.unwrap().unwrap();
            let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
            assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
            let open = if lang == "en" { "Open the talent profile" } else { "Ouvrir le profil de talents" };
            browser.wait_text("#ask-area", open).await;
            browser.click(".profile-link a").await;
            browser.wait_text("h1", if lang == "en" { "Talent profile" } else { "Profil de talents" }).await;
            let profile = browser.text("main").await;
            let level = if lang == "en" { "API Design — Advanced" } else { "API Design — Avancé" };
            assert!(profile.contains(level), "{profile}");
            assert!(
                profile.contains("Treasury Board Secretariat") || profile.contains("Secrétariat du Conseil du Trésor")
            );
            assert!(
                profile.contains(if lang == "en" { "Status checked at" } else { "Statuts vérifiés à" }),
                "{profile}"
            );
            browser.check(&format!("profile-{lang}")).await;

            // Name-blind first view (issue #23): the form's box ticked, the profile page holds
            // no DID of the person until "reveal" is pressed, and says why.
            browser.client.goto(&format!("{base}/?lang={lang}")).await.unwrap();
            browser.type_in("#profile-token", "browser-token").await;
            let blind_box = browser.client.find(Locator::Id("name-blind-box")).await.unwrap();
            blind_box.click().await.unwrap();
            assert_eq!(blind_box.prop("checked").await.unwrap().as_deref(), Some("true"));
            browser.click("form[action='/page/profile'] button").await;
            browser.wait_text("#ask-status", if lang == "en" { "Waiting" } else { "En attente" }).await;
            let link = browser.client.find(Locator::Id("link")).await.unwrap().prop("value").await.unwrap().unwrap();
            let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
            assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
            browser.wait_text("#ask-area", open).await;
            browser.click(".profile-link a").await;
            browser.wait_text("h1", if lang == "en" { "Talent profile" } else { "Profil de talents" }).await;
            browser.wait_text("#name-blind", if lang == "en" { "Name-blind view" } else { "Vue à l'aveugle" }).await;
            let source = browser.client.source().await.unwrap();
            assert!(!source.contains(&holder), "the person's DID is on the name-blind page");
            assert!(browser.text("main").await.contains(level), "the verified skill is shown");
            browser.check(&format!("profile-name-blind-{lang}")).await;

            // The talent directory: the standing "publish my profile" request with its consent
            // (answered once, in English, so that the search finds the person).
            browser.client.goto(&format!("{base}/directory/publish?lang={lang}")).await.unwrap();
            let title = if lang == "en" { "Publish my profile" } else { "Publier mon profil" };
            browser.wait_text("h1", title).await;
            browser
                .wait_text(
                    "#consent",
                    if lang == "en" { "Hiring, Finance Canada" } else { "Embauche, Finances Canada" },
                )
                .await;
            assert!(browser.client.find(Locator::Css(".qr svg")).await.is_ok());
            browser.check(&format!("directory-publish-{lang}")).await;
            if lang == "en" {
                let link =
                    browser.client.find(Locator::Id("link")).await.unwrap().prop("value").await.unwrap().unwrap();
                let published = wallet(&store, &["present", "--request", &link, "--yes"]);
                assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
            }

            // The directory's search page, then a search by skill and level with the token.
            browser.client.goto(&format!("{base}/page/directory?lang={lang}")).await.unwrap();
            let title = if lang == "en" { "Search the talent directory" } else { "Chercher dans le répertoire" };
            browser.wait_text("h1", title).await;
            browser.check(&format!("directory-search-{lang}")).await;
            browser.type_in("#token", "browser-token").await;
            for choice in ["#skill option[value='api_design']", "#min_level option[value='intermediate']"] {
                browser.client.find(Locator::Css(choice)).await.unwrap().click().await.unwrap();
            }
            browser.click("form[action='/page/directory'] button[type='submit']").await;
            browser.wait_text("h2", if lang == "en" { "One profile found" } else { "Un profil trouvé" }).await;
            assert!(browser.text("ol.results").await.contains(level), "{}", browser.text("main").await);
            browser.check(&format!("directory-results-{lang}")).await;
        }
        browser.client.close().await.unwrap();
    });
}
