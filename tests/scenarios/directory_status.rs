//! The talent directory follows revocations of every format (issue #23 item 6): a person
//! publishes a profile holding an SD-JWT VC skill and a `vc+jwt` skill (credentials that cannot
//! be verified again without their presentation); the department revokes the SD-JWT VC; when
//! the profile is next shown (past the status cache period), its status lists are read again
//! from where the credential said its status is, and that skill leaves the search results
//! while the other stays.

use scenarios::{department, output_text as text, post_json, receive, start_verifier, trust_file, wallet};
use serde_json::{json, Value};

const API_TOKEN: &str = "directory-manager-token";

fn get_json(url: &str) -> Value {
    let response = ureq::get(url).set("Authorization", &format!("Bearer {API_TOKEN}")).call().unwrap();
    serde_json::from_str(&response.into_string().unwrap()).unwrap()
}

fn found(base: &str, skill: &str) -> usize {
    get_json(&format!("{base}/directory/search?skill={skill}"))["results"].as_array().unwrap().len()
}

#[test]
fn a_revoked_sd_jwt_skill_leaves_the_directory_search() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let sd_jwt =
        receive(&store, &a, "SkillCredential_dc_sd_jwt", json!({"skill": "api_design", "level": "expert"}), false);
    receive(
        &store,
        &a,
        "SkillCredential_jwt_vc_json",
        json!({"skill": "cloud_architecture", "level": "advanced"}),
        false,
    );
    let registry = dir.join("trust.toml");
    trust_file(&registry, &[(&a.did, "Office of the CIO", "Bureau du DPI", "*")]);
    let (_verifier, base) = start_verifier(&[
        "--did-web-host",
        &a.host,
        "--trust",
        registry.to_str().unwrap(),
        "--status-cache",
        "1",
        "--api-token",
        API_TOKEN,
        "--name",
        "Talent directory, Finance Canada",
        "--name-fr",
        "Répertoire des talents, Finances Canada",
    ]);

    // The standing "publish my profile" request, answered by the person.
    let page = ureq::get(&format!("{base}/directory/publish?lang=en")).call().unwrap().into_string().unwrap();
    let start = page.find("id=\"link\"").expect("the link field");
    let value = &page[start..];
    let value = &value[value.find("value=\"").unwrap() + 7..];
    let link = value[..value.find('"').unwrap()].replace("&amp;", "&");
    let published = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(published.status.success(), "{}", text(&published));
    assert_eq!((found(&base, "api_design"), found(&base, "cloud_architecture")), (1, 1));

    // The department revokes the SD-JWT VC.
    let exported = wallet(&store, &["export", &sd_jwt]);
    let jti = credentials::sd_jwt_vc::read(String::from_utf8_lossy(&exported.stdout).trim()).unwrap().claims["jti"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, changed) = post_json(
        &format!("{}/credentials/status", a.process.base_url),
        &a.token,
        &json!({"credentialId": jti, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "issued in error"}),
    );
    assert_eq!(status, 200, "{changed}");
    std::thread::sleep(std::time::Duration::from_millis(2_100));

    // Shown again: its statuses are read again, and the revoked skill leaves the searches.
    let results = get_json(&format!("{base}/directory/search?skill=cloud_architecture"));
    let id = results["results"][0]["id"].as_str().unwrap().to_owned();
    let shown = get_json(&format!("{base}/directory/profiles/{id}.json?lang=en"));
    assert_eq!(shown["lines_withdrawn_since"], 1, "{shown:#}");
    assert_eq!(found(&base, "api_design"), 0, "a revoked SD-JWT VC skill is no longer found");
    assert_eq!(found(&base, "cloud_architecture"), 1, "the vc+jwt skill, still valid, stays");
}
