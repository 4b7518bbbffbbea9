//! Finding credentials and the signing keys page of the staff console in headless Chromium
//! (issue #24), in English and French: a search by person typed into the form (its results,
//! one revoked), and the keys page of a department whose key was rotated once (the signing key,
//! the previous one with its retire form). axe-core finds no WCAG 2.1 A/AA violation on either,
//! each saved as a screenshot (`console-find-{en,fr}`, `console-keys-{en,fr}`).

use fantoccini::Locator;
use scenarios::{post_json, start_issuer, IssuerSetup};
use serde_json::json;

use crate::browser_kit::{tools, Browser};

#[test]
fn the_find_and_keys_pages_in_chromium_pass_axe_in_both_languages() {
    let Some((driver, axe)) = tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue,revoke,admin");
    let issuer = start_issuer(setup.port, &setup.env());
    let base = issuer.base_url.clone();
    let mut ids = Vec::new();
    for (skill, person) in
        [("api_design", "Ada Lovelace"), ("cloud_architecture", "ada lovelace"), ("api_design", "Alan Turing")]
    {
        let body = json!({"skill": skill, "level": "advanced", "person": person});
        let (status, issued) = post_json(&format!("{base}/credentials/skill"), &setup.token, &body);
        assert_eq!(status, 201, "{issued}");
        ids.push(issued["verifiableCredential"]["id"].as_str().unwrap().to_owned());
    }
    let revoke = json!({"credentialId": ids[0], "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "issued in error"});
    assert_eq!(post_json(&format!("{base}/credentials/status"), &setup.token, &revoke).0, 200);
    assert_eq!(post_json(&format!("{base}/keys/rotate"), &setup.token, &json!({})).0, 200);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;
        browser.client.goto(&format!("{base}/console?lang=en")).await.unwrap();
        browser.client.find(Locator::Id("token")).await.unwrap().send_keys(&setup.token).await.unwrap();
        browser.click("form[action='/console/sign-in'] button").await;
        browser.wait_text("h1", "Dashboard").await;
        for (lang, title, found, keys) in [
            ("en", "Find credentials", "2 credentials found", "Signing keys"),
            ("fr", "Trouver des attestations", "2 attestations trouvées", "Clés de signature"),
        ] {
            // From the navigation, a search typed into the form.
            browser.client.goto(&format!("{base}/console/home?lang={lang}")).await.unwrap();
            browser.click("header nav a[href^='/console/credentials']").await;
            browser.wait_text("h1", title).await;
            browser.client.find(Locator::Id("person")).await.unwrap().send_keys("ADA lovelace").await.unwrap();
            browser.click("form.search button").await;
            browser.wait_text("main h2", found).await;
            let table = browser.text("main table").await;
            assert!(table.contains(&ids[0]) && table.contains(&ids[1]) && !table.contains(&ids[2]), "{table}");
            browser.check(&format!("console-find-{lang}")).await;

            browser.click("header nav a[href^='/console/keys']").await;
            browser.wait_text("h1", keys).await;
            let page = browser.text("main").await;
            assert_eq!(browser.client.find_all(Locator::Css("main tbody tr")).await.unwrap().len(), 2, "{page}");
            assert!(browser.client.find(Locator::Css("form[action='/console/keys/retire']")).await.is_ok(), "{page}");
            browser.check(&format!("console-keys-{lang}")).await;
        }
        browser.client.close().await.unwrap();
    });
}
