//! The staff console's whole story (issue #24's first "done when"), in headless Chromium against
//! real processes: Alice signs in through her organization's OpenID Connect provider, issues a
//! skill credential from the form, makes an offer whose link and PIN the person's wallet redeems,
//! uploads a 200-row CSV file and watches it reach 200 with two rejected rows reported, finds the
//! person's three credentials, revokes the one the wallet holds with a reason, and `verifier
//! verify --online` reports it revoked; the audit trail shows each step under her name.

use std::process::Command;

use fantoccini::Locator;
use scenarios::{binary, start_issuer, wallet, IssuerSetup};
use serde_json::Value;

use crate::browser_kit::{tools as browser_tools, Browser};
use crate::console_oidc::{provider_with, sign_in_through_provider, tools as provider_tools};

/// 200 rows, the 7th for Ada Lovelace; the 50th of an unknown skill, the 120th without level.
fn rows() -> String {
    let mut file = String::from("kind,row_id,person,skill,level\n");
    for row in 1..=200 {
        let person = if row == 7 { "Ada Lovelace".to_owned() } else { format!("Employee {row}") };
        let skill = if row == 50 { "no_such_skill" } else { ["api_design", "accountability"][row % 2] };
        let level = if row == 120 { "" } else { "advanced" };
        file.push_str(&format!("skill,story-{row},{person},{skill},{level}\n"));
    }
    file
}

#[test]
fn staff_sign_in_issue_offer_upload_find_and_revoke_and_the_trail_names_them() {
    if !provider_tools() {
        return;
    }
    let Some((driver, axe)) = browser_tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue");
    let base = format!("http://{}", setup.listen);
    let admins = "\"hr-revokers\" = [\"issue\", \"revoke\", \"admin\"]\n";
    let (_provider, provider_url, config) = provider_with(&setup, admins);
    let mut env = setup.env();
    env.push(("ISSUER_CONFIG", config.as_str()));
    let issuer = start_issuer(setup.port, &env);
    assert_eq!(issuer.base_url, base);
    let host = format!("{}={base}", setup.listen);
    let csv = setup.dir.path().join("staff.csv");
    std::fs::write(&csv, rows()).unwrap();
    let store = setup.dir.path().join("wallet");
    let held_file = setup.dir.path().join("held.json");
    assert!(wallet(&store, &["init"]).status.success());

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;

        // Single sign-on with the department's provider.
        browser.client.goto(&format!("{base}/console?lang=en")).await.unwrap();
        sign_in_through_provider(&browser, &base, &provider_url, "alice", "Dashboard").await;
        assert!(browser.text("header").await.contains("Alice Tremblay"));

        // A skill credential from the form.
        browser.client.goto(&format!("{base}/console/issue?lang=en&q=api+design")).await.unwrap();
        browser.type_in("#person", "Ada Lovelace").await;
        browser.click("#skill option[value='api_design']").await;
        browser.click("#level option[value='expert']").await;
        browser.click("main form[method=post] button").await;
        browser.wait_text("p.notice", "The credential is issued.").await;

        // An offer, redeemed by the person's wallet with the PIN shown once.
        browser.client.goto(&format!("{base}/console/offer?lang=en&q=api+design")).await.unwrap();
        browser.type_in("#person", "Ada Lovelace").await;
        browser.click("#skill option[value='api_design']").await;
        browser.click("#level option[value='intermediate']").await;
        browser.click("main form[method=post] button").await;
        browser.wait_text("h1", "Offer for Ada Lovelace").await;
        let link = browser.client.find(Locator::Id("offer-link")).await.unwrap().attr("value").await.unwrap().unwrap();
        let pin = browser.text("p.pin-code").await;
        let received = wallet(&store, &["receive", &link, "--pin", pin.trim(), "--did-web-host", &host]);
        assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
        let wallet_id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
        let held: Value = serde_json::from_slice(&wallet(&store, &["export", &wallet_id]).stdout).unwrap();
        let held_id = held["id"].as_str().unwrap().to_owned();
        std::fs::write(&held_file, held.to_string()).unwrap();

        // A 200-row file: the progress reaches 200, two rows rejected.
        browser.client.goto(&format!("{base}/console/upload?lang=en")).await.unwrap();
        browser.client.find(Locator::Id("file")).await.unwrap().send_keys(csv.to_str().unwrap()).await.unwrap();
        browser.click("main form button[type='submit']").await;
        let progress = browser.wait_text("#upload-text", "200 of 200 rows").await;
        assert!(progress.contains("198 issued") && progress.contains("2 rejected"), "{progress}");

        // The person's credentials: the form's, the offer's and the file's 7th row.
        browser.client.goto(&format!("{base}/console/credentials?lang=en&person=ada+lovelace")).await.unwrap();
        let found = browser.text("main table tbody").await;
        assert_eq!(found.lines().filter(|line| line.contains("Ada Lovelace")).count(), 3, "{found}");
        assert!(found.contains(&held_id), "{found}");
        browser.check("console-story-find-en").await;

        // Revoked with a reason, from the credential's page.
        let held_link = format!("main table a[href^='/console/credentials/{}']", url_segment(&held_id));
        browser.client.find(Locator::Css(&held_link)).await.unwrap().click().await.unwrap();
        browser.wait_text("h1", "Credential").await;
        browser.click("#change-revoke").await;
        browser.type_in("#reason", "Left the team before the assignment").await;
        browser.click("#confirm").await;
        browser.click("main form[method=post] button[type='submit']").await;
        browser.wait_text("p.notice", "The credential is revoked.").await;

        // Each step in the audit trail, under her name.
        browser.client.goto(&format!("{base}/console/audit?lang=en&since=2020-01-01")).await.unwrap();
        let trail = browser.text("main table").await;
        for step in ["Signed in", "Credential issued", "Offer made", "CSV file uploaded", "Credential revoked"] {
            assert!(
                trail.lines().any(|line| line.contains(step) && line.contains("Alice Tremblay (oidc:alice)")),
                "{step} by Alice Tremblay: {trail}"
            );
        }
        assert!(trail.contains("Left the team before the assignment"));
        browser.check("console-story-audit-en").await;
        browser.client.close().await.unwrap();
    });

    // Another organization's verifier, reading the status list online, says revoked.
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--online", "--lang", "en", "--did-web-host", &host])
        .arg(&held_file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verified.stdout).to_string() + &String::from_utf8_lossy(&verified.stderr);
    assert_eq!(verified.status.code(), Some(1), "{said}");
    assert!(said.to_lowercase().contains("revoked"), "{said}");
}

/// A credential id as the console writes it in a link.
fn url_segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}
