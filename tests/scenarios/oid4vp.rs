//! The cross-organization scenario (issue #7): two departments, each its own issuer process and
//! did:web host; one person's wallet receives a skill credential from A and an assignment
//! credential from B through OpenID4VCI; a hiring manager's verifier asks for both through
//! OpenID4VP and the wallet answers. Then B revokes, an issuer leaves the registry, a `vp_token`
//! is replayed, another person presents the credentials, and a request expires: each is refused
//! for its own reason.

use base64::Engine;
use scenarios::{department, output_text as text, post_form, post_json, receive, start_verifier, trust_file, wallet};
use serde_json::{json, Value};

const API_TOKEN: &str = "hiring-manager-token";

/// The hiring manager's request: a skill credential for `api_design` (Data Integrity) and an
/// assignment credential (vc+jwt). Returns (id, link).
fn request(verifier: &str, extra: Value) -> (String, String) {
    let mut body = json!({"dcql_query": {"credentials": [
        {"id": "skill", "format": "ldp_vc",
         "meta": {"type_values": [["https://w3id.org/talent-credentials/vocab#SkillCredential"]]},
         "claims": [{"path": ["credentialSubject", "skillKey"], "values": ["api_design"]}]},
        {"id": "assignment", "format": "jwt_vc_json",
         "meta": {"type_values": [["https://w3id.org/talent-credentials/vocab#AssignmentCredential"]]}}
    ]}});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        body.extend(extra.clone());
    }
    let (status, created) = post_json(&format!("{verifier}/presentation-requests"), API_TOKEN, &body);
    assert_eq!(status, 201, "{created}");
    let link = created["authorization_request"].as_str().unwrap().to_owned();
    assert!(link.starts_with("openid4vp://?client_id=decentralized_identifier%3Adid%3Akey%3A"), "{link}");
    (created["id"].as_str().unwrap().to_owned(), link)
}

fn outcome(verifier: &str, id: &str) -> Value {
    let response = ureq::get(&format!("{verifier}/presentation-requests/{id}"))
        .set("Authorization", &format!("Bearer {API_TOKEN}"))
        .call()
        .unwrap();
    serde_json::from_str(&response.into_string().unwrap()).unwrap()
}

fn error_codes(outcome: &Value) -> Vec<String> {
    let mut codes: Vec<String> = outcome["result"]["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(outcome["result"]["presentations"].as_array().into_iter().flatten().flat_map(|p| {
            p["errors"].as_array().into_iter().flatten().chain(p["warnings"].as_array().into_iter().flatten())
        }))
        .filter_map(|e| e["code"].as_str().map(str::to_owned))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The request object behind a link: (request_uri, claims).
fn request_object(link: &str) -> (String, Value) {
    let query = link.split_once('?').unwrap().1;
    let uri = url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "request_uri").unwrap().1.into_owned();
    let jwt = ureq::get(&uri).call().unwrap().into_string().unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap();
    (uri, serde_json::from_slice(&payload).unwrap())
}

#[test]
fn two_departments_one_person_one_verifier() {
    story(None);
}

/// The same story with the verifier's state in PostgreSQL (issue #22: both backends).
#[test]
fn two_departments_one_person_one_verifier_on_postgres() {
    if let Some(database) = scenarios::fresh_postgres_database() {
        story(Some(&database));
    }
}

/// Two departments issue, one person receives and presents, one verifier (its state in the
/// embedded SQLite default, or in the PostgreSQL `database`) checks every way an answer can fail.
fn story(database: Option<&str>) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let b = department(dir, "ssc", "Shared Services", "Services partagés");

    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let skill_id =
        receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"}), true);
    let assignment_id = receive(
        &store,
        &b,
        "AssignmentCredential_jwt_vc_json",
        json!({"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Shared Services", "fr": "Services partagés"},
               "start": "2024-01-01T00:00:00Z", "skills": ["api_design"]}),
        true,
    );

    let registry = dir.join("trust.toml");
    trust_file(
        &registry,
        &[
            (&a.did, "Department", "Ministère", "SkillCredential"),
            (&b.did, "Department", "Ministère", "AssignmentCredential"),
        ],
    );
    let mut arguments = vec![
        "--did-web-host",
        &a.host,
        "--did-web-host",
        &b.host,
        "--trust",
        registry.to_str().unwrap(),
        "--status-cache",
        "1",
        "--api-token",
        API_TOKEN,
        "--name",
        "Hiring, Finance Canada",
        "--name-fr",
        "Embauche, Finances Canada",
    ];
    let verifier_data = dir.join("verifier-data");
    if let Some(database) = database {
        arguments.extend(["--database-url", database]);
    } else {
        arguments.extend(["--data-dir", verifier_data.to_str().unwrap()]);
    }
    let (_verifier, base) = start_verifier(&arguments);

    // The requesting party needs its token.
    let (status, _) = post_json(&format!("{base}/presentation-requests"), "wrong", &json!({}));
    assert_eq!(status, 401);

    // 1. Both credentials, both issuers trusted: verified, with what was asked for disclosed.
    let (id, link) = request(&base, json!({"max_presentation_age": 120}));
    assert_eq!(outcome(&base, &id)["status"], "pending");
    let unconfirmed = wallet(&store, &["present", "--request", &link]);
    assert_eq!(unconfirmed.status.code(), Some(2), "no terminal and no --yes: nothing sent");
    let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(answered.status.success(), "{}", text(&answered));
    let shown = text(&answered);
    assert!(shown.contains("Hiring, Finance Canada") && shown.contains("SkillCredential"), "{shown}");
    let result = outcome(&base, &id);
    assert_eq!(result["status"], "verified", "{result:#}");
    let credentials = result["result"]["credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 2);
    let issuers: Vec<&str> = credentials.iter().map(|c| c["issuer"].as_str().unwrap()).collect();
    assert!(issuers.contains(&a.did.as_str()) && issuers.contains(&b.did.as_str()), "{issuers:?}");
    let skill = credentials.iter().find(|c| c["query"] == "skill").unwrap();
    assert_eq!(skill["claims"]["credentialSubject.skillKey"], json!(["api_design"]));
    let checks: Vec<&str> = result["result"]["presentations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["checks"].as_array().unwrap().iter().filter_map(Value::as_str))
        .collect();
    for check in ["trusted_issuer", "holder_binding", "challenge", "presentation_age", "status"] {
        assert!(checks.contains(&check), "{check} not passed: {checks:?}");
    }
    let french = ureq::get(&format!("{base}/presentation-requests/{id}"))
        .set("Authorization", &format!("Bearer {API_TOKEN}"))
        .set("Accept-Language", "fr-CA")
        .call()
        .unwrap()
        .into_string()
        .unwrap();
    assert!(french.contains("\"verified\""));
    // The mobility figures learned which issuers' credentials, for which skill, were accepted
    // (one answer: an issuer and a skill per cell, nothing about the person).
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _inside = runtime.enter();
    let figures_store = match database {
        Some(url) => verifier::store::Store::open(url),
        None => verifier::store::Store::in_directory(&verifier_data),
    }
    .unwrap();
    let quarter = {
        use chrono::Datelike;
        let now = credentials::Clock::now(&credentials::SystemClock);
        figures::Quarter::of_month(now.year(), now.month()).unwrap().to_string()
    };
    let mobility = runtime
        .block_on(figures_store.mobility_counts(&quarter, verifier::domain::demand::SKILLS_PER_REQUEST))
        .unwrap();
    for issuer in [&a.did, &b.did] {
        let cell = figures::Cell(vec![issuer.clone(), "api_design".into()]);
        assert_eq!(mobility.get(&cell), Some(&1), "{issuer}: {mobility:?}");
    }

    // 2. A request is answered once: the same link again is refused.
    let again = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).contains("already answered"), "{}", text(&again));

    // 3. B revokes its credential: a new request reports it revoked.
    let exported = wallet(&store, &["export", &assignment_id]);
    let jwt = String::from_utf8_lossy(&exported.stdout).trim().to_owned();
    // A `jwt_vc_json` credential: VCDM 1.1's JWT encoding, the credential in its `vc` claim.
    let document = credentials::jwt_shape::document_of_compact(&jwt).expect("a JWT credential");
    let credential_id = document["id"].as_str().unwrap().to_owned();
    let (status, _) = post_json(
        &format!("{}/credentials/status", b.process.base_url),
        &b.token,
        &json!({"credentialId": credential_id, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "left under a cloud"}),
    );
    assert_eq!(status, 200);
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    let (id, link) = request(&base, json!({}));
    assert!(wallet(&store, &["present", "--request", &link, "--yes"]).status.success());
    let result = outcome(&base, &id);
    assert_eq!(result["status"], "failed", "{result:#}");
    assert!(error_codes(&result).contains(&"credential_revoked".to_owned()), "{:?}", error_codes(&result));

    // 4. An issuer missing from the registry: "not trusted" (the file is read again on change).
    trust_file(&registry, &[(&b.did, "Department", "Ministère", "AssignmentCredential")]);
    let (id, link) = request(
        &base,
        json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc",
            "claims": [{"path": ["credentialSubject", "skillKey"], "values": ["api_design"]}]}]}}),
    );
    assert!(wallet(&store, &["present", "--request", &link, "--yes"]).status.success());
    let result = outcome(&base, &id);
    assert_eq!(result["status"], "failed");
    assert_eq!(error_codes(&result), ["issuer_not_trusted"], "{result:#}");
    trust_file(
        &registry,
        &[
            (&a.did, "Department", "Ministère", "SkillCredential"),
            (&b.did, "Department", "Ministère", "AssignmentCredential"),
        ],
    );

    // 5. A captured vp_token: accepted once for its own request, refused when replayed there or
    // into another request.
    let skill_only = json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc"}]}});
    let (first, link) = request(&base, skill_only.clone());
    let (_, claims) = request_object(&link);
    let presented = wallet(
        &store,
        &[
            "present",
            &skill_id,
            "--challenge",
            claims["nonce"].as_str().unwrap(),
            "--domain",
            claims["client_id"].as_str().unwrap(),
        ],
    );
    assert!(presented.status.success(), "{}", text(&presented));
    let presentation: Value = serde_json::from_slice(&presented.stdout).unwrap();
    let vp_token = json!({"skill": [presentation]}).to_string();
    let response_uri = claims["response_uri"].as_str().unwrap();
    let state = claims["state"].as_str().unwrap();
    assert_eq!(post_form(response_uri, &[("vp_token", &vp_token), ("state", state)]).0, 200);
    assert_eq!(outcome(&base, &first)["status"], "verified");
    let (status, replayed) = post_form(response_uri, &[("vp_token", &vp_token), ("state", state)]);
    assert_eq!((status, replayed["code"].as_str()), (400, Some("request_answered")), "{replayed}");
    let (second, link) = request(&base, skill_only.clone());
    let (_, other) = request_object(&link);
    let (status, _) = post_form(
        other["response_uri"].as_str().unwrap(),
        &[("vp_token", &vp_token), ("state", other["state"].as_str().unwrap())],
    );
    assert_eq!(status, 200, "processed, and recorded as failed");
    let result = outcome(&base, &second);
    assert_eq!(result["status"], "failed");
    assert!(error_codes(&result).contains(&"challenge_mismatch".to_owned()), "{:?}", error_codes(&result));

    // 6. Another person presents this person's credential: holder binding fails.
    let thief = dir.join("other-wallet");
    assert!(wallet(&thief, &["init"]).status.success());
    std::fs::write(dir.join("skill.json"), wallet(&store, &["export", &skill_id]).stdout).unwrap();
    let imported =
        wallet(&thief, &["import", dir.join("skill.json").to_str().unwrap(), "--force", "--did-web-host", &a.host]);
    assert!(imported.status.success(), "{}", text(&imported));
    let (id, link) = request(&base, skill_only);
    assert!(wallet(&thief, &["present", "--request", &link, "--yes"]).status.success());
    let result = outcome(&base, &id);
    assert_eq!(result["status"], "failed");
    assert_eq!(error_codes(&result), ["holder_not_subject"], "{result:#}");

    // 7. An expired request: the wallet refuses it and the requesting party sees "expired".
    let (id, link) = request(&base, json!({"expires_in": 1}));
    std::thread::sleep(std::time::Duration::from_millis(1_500));
    let late = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert_eq!(late.status.code(), Some(1));
    assert!(text(&late).contains("expired"), "{}", text(&late));
    assert_eq!(outcome(&base, &id)["status"], "expired");

    // 8. A query the wallet cannot answer sends nothing.
    let (id, link) = request(
        &base,
        json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc",
            "claims": [{"path": ["credentialSubject", "skillKey"], "values": ["cloud_security"]}]}]}}),
    );
    let unanswerable = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert_eq!(unanswerable.status.code(), Some(1));
    assert!(text(&unanswerable).contains("cannot answer"), "{}", text(&unanswerable));
    assert_eq!(outcome(&base, &id)["status"], "pending");

    // 9. A malformed query is refused when the request is created.
    let (status, problem) = post_json(
        &format!("{base}/presentation-requests"),
        API_TOKEN,
        &json!({"dcql_query": {"credentials": [{"id": "x", "format": "mso_mdoc"}]}}),
    );
    assert_eq!(status, 400);
    assert!(problem["detail"].as_str().unwrap().contains("mso_mdoc"), "{problem}");
}

/// Selective disclosure over OpenID4VP: the verifier asks for an SD-JWT VC assignment credential
/// that used `api_design`; the wallet discloses that skill and nothing else of the three, bound to
/// the request's nonce and client_id; the outcome lists exactly that claim.
#[test]
fn an_sd_jwt_answer_discloses_only_the_claims_asked_for() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let b = department(dir, "ssc", "Shared Services", "Services partagés");
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    receive(
        &store,
        &b,
        "AssignmentCredential_dc_sd_jwt",
        json!({"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Shared Services", "fr": "Services partagés"},
               "start": "2024-01-01T00:00:00Z", "skills": ["api_design", "cloud_security", "accountability"]}),
        true,
    );
    let registry = dir.join("trust.toml");
    trust_file(&registry, &[(&b.did, "Department", "Ministère", "AssignmentCredential")]);
    let (_verifier, base) =
        start_verifier(&["--did-web-host", &b.host, "--trust", registry.to_str().unwrap(), "--api-token", API_TOKEN]);
    let body = json!({"dcql_query": {"credentials": [
        {"id": "assignment", "format": "dc+sd-jwt",
         "meta": {"vct_values": ["https://w3id.org/talent-credentials/vct/AssignmentCredential"]},
         "claims": [{"path": ["skills", "api_design"]}, {"path": ["role"]}]}
    ]}});
    let (status, created) = post_json(&format!("{base}/presentation-requests"), API_TOKEN, &body);
    assert_eq!(status, 201, "{created}");
    let (id, link) = (created["id"].as_str().unwrap().to_owned(), created["authorization_request"].as_str().unwrap());
    let answered = wallet(&store, &["present", "--request", link, "--yes"]);
    assert!(answered.status.success(), "{}", text(&answered));
    let result = outcome(&base, &id);
    assert_eq!(result["status"], "verified", "{result:#}");
    let credential = &result["result"]["credentials"][0];
    assert_eq!(credential["format"], "dc+sd-jwt", "{result:#}");
    assert_eq!(credential["disclosed"], json!(["skills.api_design"]), "{result:#}");
    assert!(credential["claims"]["skills.api_design"].is_array(), "{result:#}");
    let everything = result.to_string();
    for hidden in ["cloud_security", "accountability", "start_date"] {
        assert!(!everything.contains(hidden), "{hidden} was disclosed: {result:#}");
    }
    assert_eq!(result["result"]["holder"], String::from_utf8(wallet(&store, &["did"]).stdout).unwrap().trim());

    // A DCQL query for dc+sd-jwt must say which vct it wants.
    let bad = json!({"dcql_query": {"credentials": [{"id": "x", "format": "dc+sd-jwt"}]}});
    assert_eq!(post_json(&format!("{base}/presentation-requests"), API_TOKEN, &bad).0, 400);
}
