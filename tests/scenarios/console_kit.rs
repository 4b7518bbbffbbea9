//! What the staff console scenarios share: a skill credential issued through the API, the
//! console's link to a credential, and the CSRF token of a page's forms.

use serde_json::json;

/// Issues a skill credential with `token` at the issuer `base`; its id.
pub fn issue(base: &str, token: &str) -> String {
    let body = json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"});
    let (status, answer) = scenarios::post_json(&format!("{base}/credentials/skill"), token, &body);
    assert_eq!(status, 201, "{answer}");
    answer["verifiableCredential"]["id"].as_str().unwrap().to_owned()
}

/// The console's page of a credential.
pub fn link(id: &str) -> String {
    format!("/console/credentials/{}", url::form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>())
}

/// The CSRF token of the forms on a page.
pub fn csrf(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a form with its CSRF token") + 19;
    page[at..at + 64].to_owned()
}
