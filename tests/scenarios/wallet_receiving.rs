//! The wallet's side of "a person loses a credential" (issue #21), with the real issuer and the
//! real wallet: an offer from a `did:web` department is received without any flag, since the
//! wallet is online anyway while it talks to the issuer.

use scenarios::{start_issuer, wallet, IssuerSetup};
use serde_json::{json, Value};

fn offer(base: &str, token: &str, body: Value) -> Value {
    let response = ureq::post(&format!("{base}/credentials/offers"))
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string())
        .unwrap();
    assert_eq!(response.status(), 201);
    serde_json::from_str(&response.into_string().unwrap()).unwrap()
}

fn skill_offer(base: &str, token: &str) -> String {
    let body = json!({"person": "Employee 4521 (Jordan Tremblay)", "credentialConfigurationId": "SkillCredential_ldp_vc",
        "fields": {"skill": "api_design", "level": "advanced"}});
    offer(base, token, body)["credentialOfferUri"].as_str().unwrap().to_owned()
}

fn listed(store: &std::path::Path) -> Vec<Value> {
    let listed: Value = serde_json::from_slice(&wallet(store, &["list", "--json"]).stdout).unwrap();
    listed["credentials"].as_array().unwrap().clone()
}

fn text(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Found as a new user: `wallet receive` of a did:web department's offer without `--online`
/// redeemed the single-use code, the issuer issued and recorded the credential, and the wallet
/// then refused it ("did:web is not resolved offline") and stored nothing.
#[test]
fn a_did_web_offer_is_received_without_any_flag() {
    let setup = IssuerSetup::new("issue");
    let issuer = start_issuer(setup.port, &setup.env());
    let store = setup.dir.path().join("wallet");
    assert!(wallet(&store, &["init"]).status.success());

    let received = wallet(&store, &["receive", &skill_offer(&issuer.base_url, &setup.token)]);
    assert_eq!(received.status.code(), Some(0), "{}", text(&received));
    assert!(String::from_utf8_lossy(&received.stdout).contains("API Design"), "{}", text(&received));
    let kept = listed(&store);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["status"], "active", "its status list was read too: {kept:?}");
}
