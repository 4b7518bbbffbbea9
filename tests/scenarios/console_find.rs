//! Finding credentials and changing keys in the staff console (issue #24, items 3 and 5), with
//! the real `issuer` process, its database and the real wallet: the person a credential is for is
//! given through the API, a batch row and an offer the wallet redeems, and all three are found by
//! searching "ada lovelace" whatever the capitals; type, skill, status and dates narrow the search;
//! another department finds none of them; the person is never in the credential. An administrator
//! rotates the signing key only with the confirmation (the DID document then lists the new key)
//! and retires the previous one; a staff member without the `admin` scope gets 403 on the page
//! and on the form, and a form without its CSRF token changes nothing; a did:key department is
//! told why its key cannot change.

use scenarios::{issuer_admin, post_json, start_issuer, wallet, IssuerSetup};
use serde_json::{json, Value};

use crate::console_kit::{csrf, issue, link, Browser};

/// The verification methods of the department's DID document.
fn methods(base: &str) -> Vec<String> {
    let document: Value =
        serde_json::from_str(&ureq::get(&format!("{base}/hr/did.json")).call().unwrap().into_string().unwrap())
            .unwrap();
    document["verificationMethod"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap().to_owned()).collect()
}

/// A search page (English).
fn search(browser: &Browser, query: &str) -> String {
    let page = browser.get(&format!("/console/credentials?lang=en&{query}"));
    assert_eq!(page.status, 200, "{query}: {}", page.body);
    page.body
}

#[test]
fn credentials_are_found_by_person_within_the_department_and_keys_rotate_with_a_confirmation() {
    let setup = IssuerSetup::new("issue,revoke,admin");
    let env = setup.env();
    issuer_admin(&env, &["department", "create", "fin", "--name", "Finance", "--name-fr", "Finances"]);
    let fin =
        issuer_admin(&env, &["token", "create", "--department", "fin", "--scopes", "issue,admin"]).trim().to_owned();
    let staff = issuer_admin(
        &env,
        &["token", "create", "--department", "hr", "--scopes", "issue,revoke", "--label", "HR clerk"],
    )
    .trim()
    .to_owned();
    issuer_admin(
        &env,
        &["department", "create", "small", "--name", "Small", "--name-fr", "Petit", "--did-method", "key"],
    );
    let small =
        issuer_admin(&env, &["token", "create", "--department", "small", "--scopes", "admin"]).trim().to_owned();
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();

    // The person through the API, a batch row and an offer redeemed by the wallet.
    let body = json!({"skill": "api_design", "level": "advanced", "person": "Ada Lovelace"});
    let (status, answer) = post_json(&format!("{base}/credentials/skill"), &setup.token, &body);
    assert_eq!(status, 201, "{answer}");
    assert!(!answer.to_string().contains("Lovelace"), "never in the credential: {answer}");
    let by_api = answer["verifiableCredential"]["id"].as_str().unwrap().to_owned();
    let rows =
        json!({"rows": [{"kind": "skill", "skill": "api_design", "level": "intermediate", "person": "ada LOVELACE"}]});
    let (status, answer) = post_json(&format!("{base}/credentials/batch"), &setup.token, &rows);
    assert_eq!((status, answer["results"][0]["status"].as_str()), (200, Some("issued")), "{answer}");
    assert!(!answer.to_string().contains("Lovelace") && !answer.to_string().contains("LOVELACE"), "{answer}");
    let by_batch = answer["results"][0]["id"].as_str().unwrap().to_owned();
    let offer = json!({"person": "  ADA   Lovelace ", "credentialConfigurationId": "SkillCredential_ldp_vc",
        "fields": {"skill": "cloud_architecture", "level": "advanced"}});
    let (status, created) = post_json(&format!("{base}/credentials/offers"), &setup.token, &offer);
    assert_eq!(status, 201, "{created}");
    let store = setup.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let received = wallet(&store, &["receive", created["credentialOfferUri"].as_str().unwrap()]);
    assert!(received.status.success(), "{}", String::from_utf8_lossy(&received.stderr));
    let wallet_id = String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned();
    let exported = wallet(&store, &["export", &wallet_id]);
    let held = String::from_utf8_lossy(&exported.stdout).to_string();
    assert!(held.contains("cloud_architecture") && !held.to_lowercase().contains("lovelace"), "{held}");
    let nobody = issue(&base, &setup.token);
    let (_, answer) = post_json(&format!("{base}/credentials/skill"), &fin, &body);
    let theirs = answer["verifiableCredential"]["id"].as_str().unwrap().to_owned();
    let (status, refused) = post_json(
        &format!("{base}/credentials/skill"),
        &setup.token,
        &json!({"skill": "api_design", "level": "advanced", "person": 7}),
    );
    assert_eq!(status, 400, "{refused}");

    // Found by person, whatever the capitals and spaces; the offer's credential too.
    let mut browser = Browser::new(&base);
    browser.sign_in(&setup.token);
    let found = search(&browser, "person=ada+lovelace");
    assert!(found.contains("3 credentials found"), "{found}");
    let offered = found
        .split("/console/credentials/")
        .skip(1)
        .map(|rest| rest.split('?').next().unwrap().replace("%3A", ":"))
        .find(|id| *id != by_api && *id != by_batch)
        .expect("the offer's credential listed");
    for id in [&by_api, &by_batch] {
        assert!(found.contains(id.as_str()), "{id}: {found}");
    }
    assert!(!found.contains(&nobody) && !found.contains(&theirs), "{found}");
    assert!(found.contains("ADA   Lovelace") || found.contains("ADA Lovelace"), "the person as recorded: {found}");
    assert!(found.contains("start with what you type"), "the hint says how it matches: {found}");
    assert!(search(&browser, "person=ADA").contains("3 credentials found"), "a prefix");
    assert!(search(&browser, "person=lovelace").contains("No credential found"), "the start, not any part");

    // Narrowed by skill, type, status and dates.
    let skill = search(&browser, "person=ada&skill=cloud_architecture");
    assert!(skill.contains("One credential found") && skill.contains(&offered), "{skill}");
    assert!(search(&browser, "person=ada&type=AssignmentCredential").contains("No credential found"));
    assert!(search(&browser, "type=SkillCredential").contains("4 credentials found"), "all of the department's");
    let revoke = json!({"credentialId": by_api, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "issued in error"});
    assert_eq!(post_json(&format!("{base}/credentials/status"), &setup.token, &revoke).0, 200);
    let revoked = search(&browser, "person=ada&status=revoked");
    assert!(revoked.contains("One credential found") && revoked.contains(&by_api), "{revoked}");
    let active = search(&browser, "person=ada&status=active");
    assert!(active.contains("2 credentials found") && !active.contains(&by_api), "{active}");
    let record: Value = serde_json::from_str(
        &ureq::get(&format!("{base}/credentials/{by_api}"))
            .set("Authorization", &format!("Bearer {}", setup.token))
            .call()
            .unwrap()
            .into_string()
            .unwrap(),
    )
    .unwrap();
    let today: chrono::NaiveDate = record["issuedAt"].as_str().unwrap()[..10].parse().unwrap();
    let (yesterday, tomorrow) = (today.pred_opt().unwrap(), today.succ_opt().unwrap());
    assert!(search(&browser, &format!("person=ada&from={today}&to={today}")).contains("3 credentials found"));
    assert!(search(&browser, &format!("person=ada&from={tomorrow}")).contains("No credential found"));
    assert!(search(&browser, &format!("person=ada&to={yesterday}")).contains("No credential found"));
    let bad = browser.get("/console/credentials?lang=en&from=yesterday");
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(bad.body.contains("is not a day"), "{}", bad.body);

    // The person on the credential's page; not in what the API gives back.
    let page = browser.get(&format!("{}?lang=en", link(&by_api)));
    assert!(page.body.contains("Person (as recorded)") && page.body.contains("Ada Lovelace"), "{}", page.body);
    let stored = ureq::get(&format!("{base}/credentials/{by_api}"))
        .set("Authorization", &format!("Bearer {}", setup.token))
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(!stored.contains("Lovelace"), "{stored}");

    // Another department finds its own only, and cannot open ours by URL.
    let mut finance = Browser::new(&base);
    finance.sign_in(&fin);
    let theirs_found = search(&finance, "person=ada+lovelace");
    assert!(theirs_found.contains("One credential found") && theirs_found.contains(&theirs), "{theirs_found}");
    for id in [&by_api, &by_batch, &offered] {
        assert!(!theirs_found.contains(id.as_str()), "{theirs_found}");
        assert_eq!(finance.get(&link(id)).status, 404);
    }

    // Keys: rotated only with the confirmation and the form's token; then the previous retired.
    let before = methods(&base);
    assert_eq!(before.len(), 1);
    let keys = browser.get("/console/keys?lang=en");
    assert_eq!(keys.status, 200, "{}", keys.body);
    assert!(keys.body.contains(&before[0]) && keys.body.contains("Signs new credentials"), "{}", keys.body);
    let token = csrf(&keys.body);
    let unconfirmed = browser.post("/console/keys/rotate", &[("csrf", &token), ("lang", "en")]);
    assert_eq!(unconfirmed.status, 400, "{}", unconfirmed.body);
    assert!(unconfirmed.body.contains("tick the box"), "{}", unconfirmed.body);
    let forged = browser.post("/console/keys/rotate", &[("confirm", "yes"), ("lang", "en")]);
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert_eq!(methods(&base), before, "nothing rotated");
    let rotated = browser.post("/console/keys/rotate", &[("csrf", &token), ("confirm", "yes"), ("lang", "en")]);
    assert_eq!(
        (rotated.status, rotated.location.as_str()),
        (303, "/console/keys?lang=en&done=rotate"),
        "{}",
        rotated.body
    );
    let after = methods(&base);
    assert_eq!(after.len(), 2, "the new key beside the previous one: {after:?}");
    let new_key = after.iter().find(|m| **m != before[0]).unwrap().clone();
    let keys = browser.get(&rotated.location);
    assert!(
        keys.body.contains("A new signing key was made") && keys.body.contains("Previous: still published"),
        "{}",
        keys.body
    );
    let audit = browser.get("/console/audit?lang=en&action=key.rotate").body;
    let admin_id = setup.token.split('.').nth(1).unwrap();
    assert!(audit.contains("Signing key rotated") && audit.contains(&format!("token:{admin_id}")), "{audit}");
    let retire = |confirm: &str| {
        let form = [("csrf", token.as_str()), ("method", before[0].as_str()), ("confirm", confirm), ("lang", "en")];
        browser.post("/console/keys/retire", &form)
    };
    assert_eq!(retire("").status, 400);
    assert_eq!(methods(&base).len(), 2, "nothing retired");
    assert_eq!(retire("yes").status, 303);
    assert_eq!(methods(&base), vec![new_key.clone()], "the previous key left the DID document");

    // Without the admin scope: no link, 403 on the page and on the form, nothing changed.
    let mut clerk = Browser::new(&base);
    clerk.sign_in(&staff);
    let home = clerk.get("/console/home?lang=en");
    assert!(home.body.contains("Find credentials") && !home.body.contains("/console/keys"), "{}", home.body);
    assert_eq!(clerk.get("/console/keys?lang=en").status, 403);
    let own = csrf(&home.body);
    let refused = clerk.post("/console/keys/rotate", &[("csrf", &own), ("confirm", "yes"), ("lang", "en")]);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(methods(&base), vec![new_key], "nothing rotated");

    // A did:key department: told why, no button.
    let mut tiny = Browser::new(&base);
    tiny.sign_in(&small);
    let keys = tiny.get("/console/keys?lang=en");
    assert_eq!(keys.status, 200, "{}", keys.body);
    assert!(
        keys.body.contains("cannot be rotated or retired") && !keys.body.contains("Rotate the key</button>"),
        "{}",
        keys.body
    );
    let french = tiny.get("/console/keys?lang=fr");
    assert!(french.body.contains("ni remplacée ni retirée"), "{}", french.body);
}
