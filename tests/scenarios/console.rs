//! The issuer's staff console (issue #24, first slice), with the real `issuer` process and its
//! database: a staff member signs in with an API token (no identity provider configured), the
//! session cookie is `HttpOnly; SameSite=Strict` (not `Secure` on this loopback address), the
//! dashboard lists the department's credentials, a credential's page revokes it with a reason
//! and a confirmation, and `verifier verify --online` then reports it revoked. Refused, with
//! nothing changed: a form without its session's CSRF token or with another session's, a
//! staff member without the `revoke` scope (who sees no form), another department's credential
//! by URL, and a form posted after the session's idle time-out (sent to sign in).

use std::process::Command;

use scenarios::{binary, issuer_admin, start_issuer, IssuerSetup};
use serde_json::Value;

use crate::console_kit::{csrf as form_token, issue, link, Browser};

#[test]
fn staff_sign_in_revoke_with_a_reason_and_every_refusal_changes_nothing() {
    let setup = IssuerSetup::new("issue,revoke");
    let mut env = setup.env();
    issuer_admin(&env, &["department", "create", "fin", "--name", "Finance", "--name-fr", "Finances"]);
    let fin_token =
        issuer_admin(&env, &["token", "create", "--department", "fin", "--scopes", "issue,revoke"]).trim().to_owned();
    let reader =
        issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue", "--label", "HR reader"])
            .trim()
            .to_owned();
    env.push(("ISSUER_SESSION_IDLE_SECONDS", "3"));
    let issuer = start_issuer(setup.port, &env);
    let base = issuer.base_url.clone();
    let (hr_credential, other_credential) = (issue(&base, &setup.token), issue(&base, &setup.token));
    let fin_credential = issue(&base, &fin_token);

    // The sign-in page, with the console's security headers; a wrong token is refused.
    let mut browser = Browser::new(&base);
    let page = browser.get("/console?lang=fr");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Connexion à la console du personnel"), "{}", page.body);
    let refused = browser.post("/console/sign-in", &[("token", "tc.0123456789abcdef.nope"), ("lang", "en")]);
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(refused.set_cookie.iter().all(|c| !c.starts_with("tc_console=")));

    // Signed in: the cookie's attributes, the dashboard, the credential's page.
    let set = browser.sign_in(&setup.token);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(!set.contains("Secure"), "a loopback demo runs without TLS: {set}");
    let home = browser.get("/console/home?lang=en");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains(&hr_credential) && !home.body.contains(&fin_credential), "{}", home.body);
    assert!(home.body.contains("2 credentials issued"), "{}", home.body);
    let page = browser.get(&format!("{}?lang=en", link(&hr_credential)));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Change the status") && page.body.contains("Active"), "{}", page.body);
    let csrf = form_token(&page.body);

    // Refused, nothing changed: no CSRF token, another session's, no confirmation, no reason.
    let status_path = format!("{}/status", link(&hr_credential));
    let revoke = |csrf: &str, confirm: &str, reason: &str| {
        vec![
            ("csrf", csrf.to_owned()),
            ("change", "revoke".to_owned()),
            ("reason", reason.to_owned()),
            ("confirm", confirm.to_owned()),
            ("lang", "en".to_owned()),
        ]
    };
    let send = |browser: &Browser, form: Vec<(&str, String)>| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        browser.post(&status_path, &form)
    };
    assert_eq!(send(&browser, revoke("", "yes", "left")).status, 403);
    let mut second = Browser::new(&base);
    second.sign_in(&setup.token);
    let other_csrf = form_token(&second.get(&link(&hr_credential)).body);
    assert_ne!(other_csrf, csrf);
    let crossed = send(&browser, revoke(&other_csrf, "yes", "left"));
    assert_eq!(crossed.status, 403, "{}", crossed.body);
    assert!(crossed.body.contains("this form is no longer valid"), "{}", crossed.body);
    let unconfirmed = send(&browser, revoke(&csrf, "", "left"));
    assert_eq!(unconfirmed.status, 400);
    assert!(unconfirmed.body.contains("tick the box to confirm"), "{}", unconfirmed.body);
    assert_eq!(send(&browser, revoke(&csrf, "yes", "  ")).status, 400);
    assert!(browser.get(&link(&hr_credential)).body.contains("Active"), "nothing was changed");

    // Revoked with a reason: the page and its history say so, and so does a verifier.
    let done = send(&browser, revoke(&csrf, "yes", "Issued to the wrong person"));
    assert_eq!(done.status, 303, "{}", done.body);
    let page = browser.get(&done.location);
    assert!(page.body.contains("The credential is revoked.") && page.body.contains("Revoked"), "{}", page.body);
    assert!(page.body.contains("Issued to the wrong person"), "the reason in the history: {}", page.body);
    assert!(page.body.contains("revocation is final"), "{}", page.body);
    let (status, stored) = {
        let response = ureq::get(&format!("{base}/credentials/{}", hr_credential))
            .set("Authorization", &format!("Bearer {}", setup.token))
            .call()
            .unwrap();
        (response.status(), response.into_string().unwrap())
    };
    assert_eq!(status, 200);
    let stored: Value = serde_json::from_str(&stored).unwrap();
    let file = setup.dir.path().join("revoked.json");
    std::fs::write(&file, stored["verifiableCredential"].to_string()).unwrap();
    let verified = Command::new(binary("verifier"))
        .args(["verify", "--online", "--lang", "en", "--did-web-host", &format!("{}={base}", setup.listen)])
        .arg(&file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verified.stdout).to_string() + &String::from_utf8_lossy(&verified.stderr);
    assert_eq!(verified.status.code(), Some(1), "{said}");
    assert!(said.to_lowercase().contains("revoked"), "{said}");

    // Another department's credential, by URL: not found, nothing of it shown.
    let guessed = browser.get(&link(&fin_credential));
    assert_eq!(guessed.status, 404, "{}", guessed.body);
    assert!(!guessed.body.contains("Finance") && !guessed.body.contains("api_design"), "{}", guessed.body);

    // Without the revoke scope: no form, and a form posted by hand is refused.
    let mut limited = Browser::new(&base);
    limited.sign_in(&reader);
    let page = limited.get(&format!("{}?lang=en", link(&other_credential)));
    assert!(page.body.contains("does not allow changing the status"), "{}", page.body);
    assert!(!page.body.contains("Change the status</button>"), "{}", page.body);
    let own_csrf = form_token(&page.body);
    let form = [("csrf", own_csrf.as_str()), ("change", "revoke"), ("reason", "x"), ("confirm", "yes")];
    let forbidden = limited.post(&format!("{}/status", link(&other_credential)), &form);
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);

    // Past the idle time-out: sent to sign in, and the form's action is not performed.
    let idle_csrf = form_token(&second.get(&link(&other_credential)).body);
    std::thread::sleep(std::time::Duration::from_millis(4_200));
    let late = second.post(
        &format!("{}/status", link(&other_credential)),
        &[("csrf", idle_csrf.as_str()), ("change", "revoke"), ("reason", "late"), ("confirm", "yes"), ("lang", "en")],
    );
    assert_eq!(late.status, 303);
    assert_eq!(late.location, "/console?lang=en&expired=1");
    let mut fresh = Browser::new(&base);
    fresh.sign_in(&setup.token);
    assert!(fresh.get(&link(&other_credential)).body.contains("Active"), "the late form did nothing");

    // Sign-out ends the session at once.
    let page = fresh.get("/console/home");
    let out = fresh.post("/console/sign-out", &[("csrf", form_token(&page.body).as_str()), ("lang", "en")]);
    assert_eq!(out.status, 303);
    assert!(
        out.set_cookie.iter().any(|c| c.starts_with("tc_console=;") || c.contains("Max-Age=0")),
        "{:?}",
        out.set_cookie
    );
    assert_eq!(fresh.get("/console/home").status, 303, "the old cookie opens nothing");

    // The console's audit trail: admins only, filtered by action, a bad day refused.
    let admin = issuer_admin(&setup.env(), &["token", "create", "--department", "hr", "--scopes", "admin"]);
    let mut auditor = Browser::new(&base);
    auditor.sign_in(admin.trim());
    let trail = auditor.get("/console/audit?lang=en&since=2020-01-01&action=credential.revoke");
    assert_eq!(trail.status, 200, "{}", trail.body);
    assert!(trail.body.contains("Issued to the wrong person") && trail.body.contains("One entry"), "{}", trail.body);
    let rows = &trail.body[trail.body.find("<tbody>").unwrap()..];
    assert!(!rows.contains("Credential issued"), "only revocations: {rows}");
    assert_eq!(auditor.get("/console/audit?lang=en&since=yesterday").status, 400);
    let mut clerk = Browser::new(&base);
    clerk.sign_in(&reader);
    assert_eq!(clerk.get("/console/audit?lang=en").status, 403, "the admin scope, as GET /audit");

    // The audit trail names who did what, with the reason.
    let audit = issuer_admin(&setup.env(), &["audit", "--department", "hr"]);
    assert!(audit.contains("\"session.open\"") && audit.contains("\"session.close\""), "{audit}");
    let revoked: Vec<&str> = audit.lines().filter(|line| line.contains("\"credential.revoke\"")).collect();
    assert_eq!(revoked.len(), 1, "exactly one revocation: {audit}");
    assert!(revoked[0].contains("Issued to the wrong person") && revoked[0].contains("token:"), "{}", revoked[0]);
}
