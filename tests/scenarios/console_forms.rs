//! Issuing and offering from the staff console (issue #24), with the real `issuer` process, the
//! real wallet and the real verifier: the skills library searched in either language and by
//! family; a skill credential issued from the form (a form sent twice issues once, the same form
//! key with other fields is refused), downloaded and verified; an assignment with skills used;
//! an offer for a person whose link and PIN, shown once, the wallet redeems. Refused, with
//! nothing issued or offered: a half-bilingual field (the values kept), a form without its CSRF
//! token, a staff member without the `issue` scope.

use std::process::Command;

use scenarios::{binary, issuer_admin, start_issuer, wallet, IssuerSetup};
use serde_json::Value;

use crate::console_kit::{csrf as form_token, Browser};

/// The form's key against double submission.
fn nonce(page: &str) -> String {
    let at = page.find("name=\"nonce\" value=\"").expect("a form key") + 20;
    page[at..at + 32].to_owned()
}

/// The text of the element after `marker` up to the next `<`.
fn text_after<'a>(page: &'a str, marker: &str) -> &'a str {
    let at = page.find(marker).unwrap_or_else(|| panic!("{marker} in {page}")) + marker.len();
    let rest = &page[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap() + start;
    &rest[start..end]
}

/// How many credentials the department has issued, as `issuer audit` says.
fn issued(env: &[(&str, &str)]) -> usize {
    issuer_admin(env, &["audit", "--department", "hr"]).lines().filter(|l| l.contains("\"credential.issue\"")).count()
}

#[test]
fn staff_issue_and_offer_from_the_forms_and_the_wallet_redeems_the_offer() {
    let setup = IssuerSetup::new("issue,revoke");
    let env = setup.env();
    let clerk = issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "revoke"]).trim().to_owned();
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();
    let host = format!("{}={base}", setup.listen);
    let mut browser = Browser::new(&base);
    browser.sign_in(&setup.token);

    // The skills library: searched in French without accents, narrowed by family.
    let page = browser.get("/console/issue?lang=fr&q=gestion+de+l%27acces+aux");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Délivrer une attestation"), "{}", page.body);
    assert!(page.body.contains(">Gestion de l’accès aux applications<"), "{}", page.body);
    assert!(
        page.body.contains("Une compétence trouvée.") || page.body.contains("compétences trouvées"),
        "{}",
        page.body
    );
    let everything = browser.get("/console/issue?lang=en").body.matches("<option value=\"").count();
    let family = browser.get("/console/issue?lang=en&family=cyber_security").body;
    assert!(family.matches("<option value=\"").count() < everything, "a family narrows the list");
    assert!(!family.contains(">API Design<"), "API design is not a cyber security skill");

    // Refused: evidence in one language only; what was typed is kept, nothing issued.
    let page = browser.get("/console/issue?lang=en&q=api+design");
    assert!(page.body.contains(">API Design<"), "{}", page.body);
    let (csrf, key) = (form_token(&page.body), nonce(&page.body));
    let skill_form = |evidence_fr: &str, level: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("lang", "en".to_owned()),
            ("kind", "skill".to_owned()),
            ("nonce", key.clone()),
            ("skill", "api_design".to_owned()),
            ("level", level.to_owned()),
            ("evidence_en", "Designed the payroll API".to_owned()),
            ("evidence_fr", evidence_fr.to_owned()),
            ("format", "eddsa-rdfc-2022".to_owned()),
            ("person", "Grace Hopper".to_owned()),
        ]
    };
    let send = |browser: &Browser, path: &str, form: &[(&str, String)]| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        browser.post(path, &form)
    };
    let half = send(&browser, "/console/issue", &skill_form("", "advanced"));
    assert_eq!(half.status, 400, "{}", half.body);
    assert!(half.body.contains("in both languages") || half.body.contains("both"), "{}", half.body);
    assert!(half.body.contains("Designed the payroll API"), "the evidence typed is kept: {}", half.body);
    assert_eq!(issued(&env), 0);

    // Issued; sent twice, one credential; the same form key with another level refused.
    let form = skill_form("A conçu l'API de la paye", "advanced");
    let done = send(&browser, "/console/issue", &form);
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.location.contains("done=issued"), "{}", done.location);
    let again = send(&browser, "/console/issue", &form);
    assert_eq!(again.location, done.location, "the same credential, not a second one");
    assert_eq!(issued(&env), 1);
    let other = send(&browser, "/console/issue", &skill_form("A conçu l'API de la paye", "expert"));
    assert_eq!(other.status, 409, "{}", other.body);
    assert!(other.body.contains("already issued a credential with other values"), "{}", other.body);
    assert_eq!(issued(&env), 1);
    let page = browser.get(&done.location);
    assert!(page.body.contains("The credential is issued.") && page.body.contains("Grace Hopper"), "{}", page.body);
    let found = browser.get("/console/credentials?lang=en&person=grace");
    assert!(found.body.contains(done.location.split('?').next().unwrap()), "found by the person: {}", found.body);

    // Downloaded, it is the credential asked for, and a verifier checks it.
    let path = done.location.split('?').next().unwrap();
    let file = browser.get(&format!("{path}/download"));
    assert_eq!(file.status, 200);
    assert!(!file.body.contains("Grace Hopper"), "the person stays in the issuer's database");
    let credential: Value = serde_json::from_str(&file.body).unwrap();
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["achievement"]["alignment"][0]["targetCode"], "api_design", "{credential}");
    assert!(credential.to_string().contains("A conçu l'API de la paye"), "{credential}");
    let saved = setup.dir.path().join("issued.json");
    std::fs::write(&saved, &file.body).unwrap();
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--online", "--lang", "en", "--did-web-host", &host])
        .arg(&saved)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verified.stdout).to_string() + &String::from_utf8_lossy(&verified.stderr);
    assert!(said.contains("signature") && !said.to_lowercase().contains("invalid signature"), "{said}");
    assert_ne!(verified.status.code(), Some(1), "{said}");

    // An assignment with the skills used, as a JSON Web Token.
    let page = browser.get("/console/issue?lang=en&kind=assignment&q=api");
    let assignment = vec![
        ("csrf", csrf.clone()),
        ("lang", "en".to_owned()),
        ("kind", "assignment".to_owned()),
        ("nonce", nonce(&page.body)),
        ("role_en", "Lead developer".to_owned()),
        ("role_fr", "Développeuse principale".to_owned()),
        ("department_en", "Finance".to_owned()),
        ("department_fr", "Finances".to_owned()),
        ("start", "2025-04-01".to_owned()),
        ("skills", "api_design".to_owned()),
        ("skills", "ability_to_learn_quickly".to_owned()),
        ("format", "vc-jwt".to_owned()),
    ];
    let done = send(&browser, "/console/issue", &assignment);
    assert_eq!(done.status, 303, "{}", done.body);
    let path = done.location.split('?').next().unwrap();
    let jwt = browser.get(&format!("{path}/download")).body;
    assert_eq!(jwt.matches('.').count(), 2, "a compact JWT: {jwt}");
    let payload = jwt.split('.').nth(1).unwrap();
    use base64::Engine as _;
    let payload: Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    let text = payload.to_string();
    assert!(text.contains("Développeuse principale") && text.contains("api_design"), "{text}");
    assert!(text.contains("ability_to_learn_quickly"), "both skills used: {text}");

    // An offer for a person: QR code, link, the PIN once; the wallet redeems it.
    let page = browser.get("/console/offer?lang=en&q=api+design");
    assert_eq!(page.status, 200, "{}", page.body);
    let offer = vec![
        ("csrf", csrf.clone()),
        ("lang", "en".to_owned()),
        ("kind", "skill".to_owned()),
        ("person", "Ada Lovelace".to_owned()),
        ("skill", "api_design".to_owned()),
        ("level", "intermediate".to_owned()),
        ("format", "ldp_vc".to_owned()),
        ("expires", "60".to_owned()),
        ("pin", "yes".to_owned()),
    ];
    let made = send(&browser, "/console/offer", &offer);
    assert_eq!(made.status, 201, "{}", made.body);
    assert!(made.body.contains("Offer for Ada Lovelace") && made.body.contains("<svg"), "{}", made.body);
    assert!(made.body.contains("shown only once") && made.body.contains("another channel"), "{}", made.body);
    let pin = text_after(&made.body, "class=\"pin-code\"").to_owned();
    assert!(pin.len() == 6 && pin.bytes().all(|b| b.is_ascii_digit()), "{pin}");
    let link_at = made.body.find("id=\"offer-link\"").unwrap();
    let value_at = made.body[link_at..].find("value=\"").unwrap() + link_at + 7;
    let link = made.body[value_at..].split('"').next().unwrap().replace("&amp;", "&");
    assert!(link.starts_with("openid-credential-offer://?credential_offer_uri="), "{link}");
    let store = setup.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let received = wallet(&store, &["receive", &link, "--pin", &pin, "--did-web-host", &host]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    assert!(String::from_utf8_lossy(&received.stdout).contains("API Design"));
    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    let offered: Vec<&str> = audit.lines().filter(|line| line.contains("\"offer.create\"")).collect();
    assert_eq!(offered.len(), 1, "{audit}");
    assert!(offered[0].contains("Ada Lovelace") && offered[0].contains("token:"), "{}", offered[0]);
    assert!(!audit.contains(&format!("\"{pin}\"")), "the PIN is never written down: {audit}");

    // Refused, nothing made: no CSRF token; a staff member without the issue scope.
    let mut without = offer.clone();
    without.retain(|(name, _)| *name != "csrf");
    assert_eq!(send(&browser, "/console/offer", &without).status, 403);
    let mut limited = Browser::new(&base);
    limited.sign_in(&clerk);
    let home = limited.get("/console/home?lang=en");
    assert!(!home.body.contains("/console/issue"), "no link to a form they cannot use: {}", home.body);
    assert_eq!(limited.get("/console/issue?lang=en").status, 403);
    assert_eq!(limited.get("/console/offer?lang=en").status, 403);
    let mut theirs = offer.clone();
    theirs[0].1 = form_token(&home.body);
    assert_eq!(send(&limited, "/console/offer", &theirs).status, 403);
    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    assert_eq!(audit.lines().filter(|line| line.contains("\"offer.create\"")).count(), 1, "{audit}");
    assert_eq!(issued(&env), 3, "two from the forms, one by the wallet's redemption");
}

#[test]
fn the_issue_and_offer_forms_in_chromium_pass_axe_in_both_languages() {
    use crate::browser_kit::{tools, Browser as Chromium};
    use fantoccini::Locator;

    let Some((driver, axe)) = tools() else {
        return;
    };
    let setup = IssuerSetup::new("issue,revoke");
    let issuer = start_issuer(setup.port, &setup.env());
    let base = issuer.base_url.clone();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let (_driver, browser) = Chromium::launch(&driver, axe).await;
        browser.client.goto(&format!("{base}/console?lang=en")).await.unwrap();
        browser.client.find(Locator::Id("token")).await.unwrap().send_keys(&setup.token).await.unwrap();
        browser.click("form[action='/console/sign-in'] button").await;
        browser.wait_text("h1", "Dashboard").await;
        for (lang, issue, offer, issued) in [
            ("en", "Issue a credential", "Offer for Ada Lovelace", "The credential is issued."),
            ("fr", "Délivrer une attestation", "Offre pour Ada Lovelace", "L'attestation est délivrée."),
        ] {
            // The skill form, found by a search, issued.
            browser.client.goto(&format!("{base}/console/issue?lang={lang}")).await.unwrap();
            browser.wait_text("h1", issue).await;
            browser.type_in("#q", "api design").await;
            browser.click("form.search button").await;
            browser.wait_text("form.search p[role=status]", if lang == "en" { "skill" } else { "compétence" }).await;
            browser.check(&format!("console-issue-{lang}")).await;
            browser.click("#skill option[value='api_design']").await;
            browser.click("#level option[value='advanced']").await;
            browser.click("main form[method=post] button").await;
            browser.wait_text("p.notice", issued).await;

            // The assignment form.
            browser.client.goto(&format!("{base}/console/issue?lang={lang}&kind=assignment&q=api")).await.unwrap();
            browser.wait_text("h1", issue).await;
            browser.check(&format!("console-issue-assignment-{lang}")).await;

            // An offer with its PIN, shown once.
            browser.client.goto(&format!("{base}/console/offer?lang={lang}&q=api+design")).await.unwrap();
            browser.check(&format!("console-offer-{lang}")).await;
            browser.type_in("#person", "Ada Lovelace").await;
            browser.click("#skill option[value='api_design']").await;
            browser.click("#level option[value='intermediate']").await;
            browser.click("main form[method=post] button").await;
            browser.wait_text("h1", offer).await;
            assert_eq!(browser.text("p.pin-code").await.trim().len(), 6);
            browser.check(&format!("console-offer-made-{lang}")).await;
        }
        browser.client.close().await.unwrap();
    });
}
