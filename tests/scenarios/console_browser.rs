//! The issuer's staff console in headless Chromium (issue #24), in English and French: sign in
//! with an API token, the dashboard, a credential's page, its status changed with a reason and a
//! confirmation (suspended, then reinstated), the audit trail, a refused request's page, and
//! sign-out. axe-core finds no WCAG 2.1 A/AA violation on any of these pages, each saved as a
//! screenshot.

use fantoccini::Locator;
use scenarios::{start_issuer, IssuerSetup};
use serde_json::json;

use crate::browser_kit::{tools, Browser};

#[test]
fn the_console_in_chromium_signs_in_changes_a_status_and_passes_axe_in_both_languages() {
    let Some((driver, axe)) = tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue,revoke,admin");
    let issuer = start_issuer(setup.port, &setup.env());
    let base = issuer.base_url.clone();
    let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
    let (status, issued) = scenarios::post_json(&format!("{base}/credentials/skill"), &setup.token, &body);
    assert_eq!(status, 201, "{issued}");
    let id = issued["verifiableCredential"]["id"].as_str().unwrap().to_owned();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;
        for (lang, change, done) in
            [("en", "suspend", "The credential is suspended."), ("fr", "reinstate", "L'attestation est rétablie.")]
        {
            browser.client.goto(&format!("{base}/console?lang={lang}")).await.unwrap();
            browser.wait_text("h1", if lang == "en" { "Sign in" } else { "Connexion" }).await;
            browser.check(&format!("console-sign-in-{lang}")).await;
            browser.client.find(Locator::Id("token")).await.unwrap().send_keys(&setup.token).await.unwrap();
            browser.click("form[action='/console/sign-in'] button").await;
            browser.wait_text("h1", if lang == "en" { "Dashboard" } else { "Tableau de bord" }).await;
            assert!(browser.text("main").await.contains(&id));
            browser.check(&format!("console-home-{lang}")).await;

            browser.click("main table a").await;
            browser.wait_text("h1", if lang == "en" { "Credential" } else { "Attestation" }).await;
            browser.check(&format!("console-credential-{lang}")).await;
            browser.client.find(Locator::Id(&format!("change-{change}"))).await.unwrap().click().await.unwrap();
            browser.client.find(Locator::Id("reason")).await.unwrap().send_keys("Under review").await.unwrap();
            browser.click("#confirm").await;
            browser.click("main form button[type='submit']").await;
            browser.wait_text("p.notice", done).await;
            assert!(browser.text("main").await.contains("Under review"), "the reason in the history");
            browser.check(&format!("console-changed-{lang}")).await;

            // The audit trail (admin), filtered to one kind of action.
            browser.client.goto(&format!("{base}/console/audit?lang={lang}")).await.unwrap();
            browser.wait_text("h1", if lang == "en" { "Audit trail" } else { "Piste d'audit" }).await;
            assert!(browser.text("main table").await.contains("Under review"), "the reason in the trail");
            browser.check(&format!("console-audit-{lang}")).await;

            // A refused request's page: another department's or a made-up credential.
            browser.client.goto(&format!("{base}/console/credentials/urn%3Auuid%3Anone?lang={lang}")).await.unwrap();
            browser.wait_text("p.error", "[not_found]").await;
            browser.check(&format!("console-error-{lang}")).await;

            browser.click("header form button").await;
            browser.wait_text("h1", if lang == "en" { "Sign in" } else { "Connexion" }).await;
        }
        browser.client.close().await.unwrap();
    });
}
