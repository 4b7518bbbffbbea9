//! The console's CSV upload in headless Chromium (issue #24), in English and in French: the form
//! (its file input given a 200-row file by WebDriver, as a person picks one), then the job's
//! page, whose script follows the job's events and reloads the page once every row is done:
//! 200 of 200 rows, 2 rejected, listed with their reasons. Without the script the page would
//! stay as first drawn, so reaching the end shows it ran. axe-core finds no WCAG 2.1 A/AA
//! violation on the form or on the results, each saved as a screenshot.

use fantoccini::Locator;
use scenarios::{start_issuer, IssuerSetup};

use crate::browser_kit::{tools, Browser};

/// 200 rows of skills, the 50th of an unknown skill and the 120th without its level; `prefix`
/// makes each file's rows new.
fn rows(prefix: &str) -> String {
    let skills = ["api_design", "accessibility_testing", "ability_to_learn_quickly", "accountability"];
    let mut file = String::from("kind,row_id,skill,level\n");
    for row in 1..=200 {
        let skill = if row == 50 { "no_such_skill" } else { skills[row % skills.len()] };
        let level = if row == 120 { "" } else { ["beginner", "advanced"][row % 2] };
        file.push_str(&format!("skill,{prefix}-{row},{skill},{level}\n"));
    }
    file
}

#[test]
fn the_upload_in_chromium_shows_its_progress_and_rejected_rows_and_passes_axe_in_both_languages() {
    let Some((driver, axe)) = tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue,admin");
    let issuer = start_issuer(setup.port, &setup.env());
    let base = issuer.base_url.clone();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Browser::launch(&driver, axe).await;
        for (lang, title, done, rejected, reason) in [
            ("en", "Issue credentials from a CSV file", "200 of 200 rows", "2 rejected", "Rejected"),
            ("fr", "Émettre des attestations à partir d'un fichier CSV", "200 lignes sur 200", "2 rejetées", "Rejetée"),
        ] {
            let file = setup.dir.path().join(format!("staff-{lang}.csv"));
            std::fs::write(&file, rows(lang)).unwrap();
            browser.client.goto(&format!("{base}/console?lang={lang}")).await.unwrap();
            browser.client.find(Locator::Id("token")).await.unwrap().send_keys(&setup.token).await.unwrap();
            browser.click("form[action='/console/sign-in'] button").await;
            browser.wait_text("h1", if lang == "en" { "Dashboard" } else { "Tableau de bord" }).await;
            browser.click("a[href^='/console/upload']").await;
            browser.wait_text("h1", title).await;
            browser.check(&format!("console-upload-{lang}")).await;

            let input = browser.client.find(Locator::Id("file")).await.unwrap();
            input.send_keys(file.to_str().unwrap()).await.unwrap();
            browser.click("main form button[type='submit']").await;
            let progress = browser.wait_text("#upload-text", done).await;
            assert!(progress.contains(rejected), "{progress}");
            let bar = browser.client.find(Locator::Id("upload-progress")).await.unwrap();
            assert_eq!(bar.attr("value").await.unwrap().as_deref(), Some("200"));
            // Reloaded once done: the whole results table, the report's link, no reload link.
            browser.wait_text("a[href$='/rejected.csv']", "(CSV)").await;
            let table = browser.text("main table").await;
            assert_eq!(table.matches(reason).count(), 2, "{table}");
            assert!(table.contains("no_such_skill"), "the reason of line 51: {table}");
            assert!(browser.client.find(Locator::Id("upload-reload")).await.is_err(), "no reload link once done");
            browser.check(&format!("console-upload-results-{lang}")).await;

            browser.click("header form button").await;
            browser.wait_text("h1", if lang == "en" { "Sign in" } else { "Connexion" }).await;
        }
        browser.client.close().await.unwrap();
    });
}
