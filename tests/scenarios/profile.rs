//! The verified talent profile with real processes (issue #23's done-when): department A issues
//! three skill credentials, department B two assignment credentials (one as an SD-JWT VC), each
//! through an OpenID4VCI offer into one person's wallet; a hiring manager's `verifier serve`
//! asks for a profile and `wallet present --request` answers with all five. The profile
//! (`/profiles/{id}.json` and its page) shows the skills with their names and levels in English
//! and French, the assignments as a timeline, the issuers by the names the trust registry gives
//! them and when status was checked. A credential from an issuer the registry does not name
//! reads "untrusted" while the rest stay verified; once B revokes an assignment and the status
//! cache has expired, "check again now" marks that line revoked and leaves the others verified.

use scenarios::{ask_profile, department, output_text as text, post_json, receive, start_verifier, trust_file, wallet};
use serde_json::{json, Value};

const API_TOKEN: &str = "hiring-manager-token";

/// GET with the manager's token and this `Accept-Language`: (status, body).
fn get(url: &str, accept_language: &str) -> (u16, String) {
    let response = match ureq::get(url)
        .set("Authorization", &format!("Bearer {API_TOKEN}"))
        .set("Accept-Language", accept_language)
        .call()
    {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    (response.status(), response.into_string().unwrap())
}

/// The profile's JSON in `lang` (by `?lang=`, or by `Accept-Language` when `header`).
fn profile(base: &str, id: &str, lang: &str, header: bool) -> Value {
    let (url, accept) = match header {
        true => (format!("{base}/profiles/{id}.json"), if lang == "fr" { "fr-CA,fr;q=0.9" } else { "en-CA" }),
        false => (format!("{base}/profiles/{id}.json?lang={lang}"), "en"),
    };
    let (status, body) = get(&url, accept);
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Every skill of a profile, across families.
fn skills(profile: &Value) -> Vec<&Value> {
    profile["families"].as_array().unwrap().iter().flat_map(|family| family["skills"].as_array().unwrap()).collect()
}

fn skill<'a>(profile: &'a Value, key: &str) -> &'a Value {
    skills(profile).into_iter().find(|skill| skill["key"] == key).unwrap_or_else(|| panic!("no {key}: {profile:#}"))
}

/// Every line of a profile (skills' lines and the timeline): (verdict, issuer DID).
fn verdicts(profile: &Value) -> Vec<(String, String)> {
    let skill_lines = skills(profile).into_iter().flat_map(|skill| skill["lines"].as_array().unwrap().iter());
    let timeline = profile["assignments"].as_array().unwrap().iter();
    skill_lines
        .chain(timeline)
        .map(|line| (line["verdict"].as_str().unwrap().to_owned(), line["issuer"].as_str().unwrap_or("?").to_owned()))
        .collect()
}

/// The timeline entry whose role (in the profile's language) is `role`.
fn assignment<'a>(profile: &'a Value, role: &str) -> &'a Value {
    profile["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["assignment"]["role"] == role)
        .unwrap_or_else(|| panic!("no {role}: {profile:#}"))
}

#[test]
fn a_profile_of_two_departments_reads_verified_in_both_languages_and_follows_a_revocation() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let b = department(dir, "ssc", "Shared Services", "Services partagés");
    let c = department(dir, "college", "Self-declared College", "Collège autoproclamé");

    // A: three skills (Data Integrity and vc+jwt); B: two assignments (vc+jwt and SD-JWT VC).
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let api_design =
        receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"}), true);
    receive(&store, &a, "SkillCredential_jwt_vc_json", json!({"skill": "cloud_architecture", "level": "expert"}), true);
    receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "accountability", "level": "intermediate"}), true);
    receive(
        &store,
        &b,
        "AssignmentCredential_jwt_vc_json",
        json!({"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Shared Services", "fr": "Services partagés"},
               "team": {"en": "Digital services", "fr": "Services numériques"},
               "start": "2024-01-01T00:00:00Z", "skills": ["api_design"]}),
        true,
    );
    let earlier = receive(
        &store,
        &b,
        "AssignmentCredential_dc_sd_jwt",
        json!({"role": {"en": "Developer", "fr": "Développeuse"}, "department": {"en": "Shared Services", "fr": "Services partagés"},
               "start": "2021-03-01T00:00:00Z", "end": "2023-12-31T00:00:00Z", "skills": ["cloud_architecture"]}),
        true,
    );

    let registry = dir.join("trust.toml");
    trust_file(
        &registry,
        &[(&a.did, "Office of the CIO", "Bureau du DPI", "*"), (&b.did, "Shared Services", "Services partagés", "*")],
    );
    let (_verifier, base) = start_verifier(&[
        "--did-web-host",
        &a.host,
        "--did-web-host",
        &b.host,
        "--did-web-host",
        &c.host,
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
    ]);

    // The person's own words about two of them (one in French only).
    let noted = wallet(
        &store,
        &["profile", "note", &api_design, "--en", "Designed the pay API.", "--fr", "Conçu l'API de paie."],
    );
    assert!(noted.status.success(), "{}", text(&noted));
    assert!(wallet(&store, &["profile", "note", &earlier, "--fr", "Migration vers l'infonuagique."]).status.success());

    // 1. One request, one answer with all five credentials (and the person's words, listed).
    let (id, link) = ask_profile(&base, API_TOKEN);
    let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(answered.status.success(), "{}", text(&answered));
    assert!(text(&answered).contains("Sent; the verifier checks it"), "{}", text(&answered));
    assert!(text(&answered).contains("[profile_own_words] "), "listed before sending: {}", text(&answered));

    let en = profile(&base, &id, "en", false);
    assert_eq!((en["lines"].as_u64(), en["verified_lines"].as_u64()), (Some(5), Some(5)), "{en:#}");
    let checked_at = en["checked_at"].as_str().unwrap().to_owned();
    assert_eq!(checked_at.len(), 20, "{en:#}");
    assert_eq!(skills(&en).len(), 3, "{en:#}");
    for (key, name, level) in [
        ("api_design", "API Design", "Advanced"),
        ("cloud_architecture", "Cloud Architecture", "Expert"),
        ("accountability", "Accountability", "Intermediate"),
    ] {
        let shown = skill(&en, key);
        assert_eq!((shown["name"].as_str(), shown["level_name"].as_str()), (Some(name), Some(level)), "{shown:#}");
        assert_eq!(shown["independent_issuers"], 1, "{shown:#}");
        let line = &shown["lines"][0];
        assert_eq!(
            (line["verdict"].as_str(), line["issuer_name"].as_str()),
            (Some("verified"), Some("Office of the CIO"))
        );
    }
    // The timeline: the current assignment first, each with its dates, team and skills, by B.
    let timeline = en["assignments"].as_array().unwrap();
    assert_eq!(timeline.len(), 2, "{en:#}");
    assert_eq!(timeline[0]["assignment"]["role"], "Analyst", "{timeline:#?}");
    assert_eq!(timeline[0]["assignment"]["team"], "Digital services", "{timeline:#?}");
    assert_eq!(timeline[0]["assignment"]["end"], Value::Null, "{timeline:#?}");
    assert_eq!(timeline[0]["assignment"]["skills_used"][0]["name"], "API Design", "{timeline:#?}");
    assert_eq!(timeline[1]["assignment"]["role"], "Developer", "{timeline:#?}");
    assert_eq!(timeline[1]["format"], "dc+sd-jwt", "{timeline:#?}");
    // The SD-JWT VC's dates and skills are disclosable one by one: the profile asks for them.
    let developer = &timeline[1]["assignment"];
    assert!(developer["start"].as_str().is_some_and(|start| start.starts_with("2021-03-01")), "{timeline:#?}");
    assert!(developer["end"].as_str().is_some_and(|end| end.starts_with("2023-12-31")), "{timeline:#?}");
    assert_eq!(developer["skills_used"][0]["name"], "Cloud Architecture", "{timeline:#?}");
    assert!(
        timeline.iter().all(|line| line["verdict"] == "verified" && line["issuer_name"] == "Shared Services"),
        "{timeline:#?}"
    );

    // The person's words beside the lines they are about, marked as theirs (never a line, never
    // counted as verified), in the reader's language or else the one they were written in.
    let api_words = &skill(&en, "api_design")["lines"][0]["own_words"];
    assert_eq!(api_words, &json!([{"text": "Designed the pay API.", "lang": "en"}]), "{en:#}");
    assert_eq!(timeline[1]["own_words"], json!([{"text": "Migration vers l'infonuagique.", "lang": "fr"}]));
    assert!(timeline[0].get("own_words").is_none(), "{timeline:#?}");
    assert!(en["other"].as_array().unwrap().is_empty(), "{en:#}");
    let french = profile(&base, &id, "fr", false);
    assert_eq!(skill(&french, "api_design")["lines"][0]["own_words"][0]["text"], "Conçu l'API de paie.");

    // The same in French, by `?lang=fr` and by `Accept-Language`.
    for fr in [profile(&base, &id, "fr", false), profile(&base, &id, "fr", true)] {
        for (key, name, level) in [
            ("api_design", "API Design", "Avancé"),
            ("cloud_architecture", "Architecture infonuagique", "Expert"),
            ("accountability", "Responsabilité", "Intermédiaire"),
        ] {
            let shown = skill(&fr, key);
            assert_eq!((shown["name"].as_str(), shown["level_name"].as_str()), (Some(name), Some(level)), "{shown:#}");
            assert_eq!(shown["lines"][0]["issuer_name"], "Bureau du DPI", "{shown:#}");
        }
        assert_eq!(fr["assignments"][0]["assignment"]["role"], "Analyste", "{fr:#}");
        assert_eq!(fr["assignments"][0]["assignment"]["team"], "Services numériques", "{fr:#}");
        assert_eq!(fr["assignments"][1]["assignment"]["role"], "Développeuse", "{fr:#}");
        assert!(fr["assignments"].as_array().unwrap().iter().all(|line| line["issuer_name"] == "Services partagés"));
    }

    // The page, in both languages: every line verified, the issuers' names, when status was read.
    let (status, page) = get(&format!("{base}/profiles/{id}?lang=en"), "en");
    assert_eq!(status, 200, "{page}");
    for said in [
        "Talent profile",
        "5 of 5 lines verified.",
        "Status checked at",
        "API Design",
        "Cloud Architecture",
        "Office of the CIO",
        "Shared Services",
        "Analyst",
        "Developer",
        "In their own words (not verified)",
        "Designed the pay API.",
        "lang=\"fr\">Migration vers l'infonuagique.",
    ] {
        assert!(page.contains(said), "{said} not on the page:\n{page}");
    }
    let (status, page) = get(&format!("{base}/profiles/{id}"), "fr-CA");
    assert_eq!(status, 200, "{page}");
    for said in [
        "Profil de talents",
        "Statuts vérifiés à",
        "Architecture infonuagique",
        "Bureau du DPI",
        "Développeuse",
        "Dans ses propres mots (non vérifié)",
        "Conçu l'API de paie.",
    ] {
        assert!(page.contains(said), "{said} not on the French page:\n{page}");
    }

    // 2. A skill from an issuer the registry does not name: that line is untrusted, and says
    // why; the other five stay verified.
    receive(&store, &c, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "expert"}), true);
    let (mixed, link) = ask_profile(&base, API_TOKEN);
    let answered = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(answered.status.success(), "{}", text(&answered));
    let shown = profile(&base, &mixed, "en", false);
    assert_eq!((shown["lines"].as_u64(), shown["verified_lines"].as_u64()), (Some(6), Some(5)), "{shown:#}");
    for (verdict, issuer) in verdicts(&shown) {
        let expected = if issuer == c.did { "untrusted" } else { "verified" };
        assert_eq!(verdict, expected, "{issuer}: {shown:#}");
    }
    let api = skill(&shown, "api_design");
    let untrusted = api["lines"].as_array().unwrap().iter().find(|line| line["verdict"] == "untrusted").unwrap();
    assert!(untrusted["reason"].as_str().unwrap().contains("trust registry"), "{untrusted:#}");
    assert_eq!(untrusted["issuer_name"], Value::Null, "the registry does not name it: {untrusted:#}");
    assert_eq!(api["level_name"], "Advanced", "an untrusted line does not raise the level: {api:#}");
    assert_eq!(api["independent_issuers"], 1, "nor count as an issuer: {api:#}");
    let (_, page) = get(&format!("{base}/profiles/{mixed}?lang=en"), "en");
    assert!(page.contains("not in your trust registry") && page.contains("5 of 6 lines verified."), "{page}");
    let french = profile(&base, &mixed, "fr", false);
    let api = skill(&french, "api_design");
    let untrusted = api["lines"].as_array().unwrap().iter().find(|line| line["verdict"] == "untrusted").unwrap();
    assert!(untrusted["reason"].as_str().unwrap().contains("registre de confiance ne nomme pas"), "{untrusted:#}");

    // 3. B revokes the SD-JWT VC assignment. The next view past the status cache period reads
    // the lists again by itself: that line is revoked, the others still verified.
    let exported = wallet(&store, &["export", &earlier]);
    assert!(exported.status.success(), "{}", text(&exported));
    let sd_jwt = String::from_utf8_lossy(&exported.stdout).trim().to_owned();
    let jti = credentials::sd_jwt_vc::read(&sd_jwt).unwrap().claims["jti"].as_str().unwrap().to_owned();
    let (status, changed) = post_json(
        &format!("{}/credentials/status", b.process.base_url),
        &b.token,
        &json!({"credentialId": jti, "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}], "reason": "issued in error"}),
    );
    assert_eq!(status, 200, "{changed}");
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let after = profile(&base, &id, "en", false);
    assert_eq!((after["lines"].as_u64(), after["verified_lines"].as_u64()), (Some(5), Some(4)), "{after:#}");
    let developer = assignment(&after, "Developer");
    assert_eq!(developer["verdict"], "revoked", "{developer:#}");
    assert!(developer["reason"].as_str().unwrap().contains("revoked"), "{developer:#}");
    assert_eq!(assignment(&after, "Analyst")["verdict"], "verified", "{after:#}");
    assert!(skills(&after).iter().all(|skill| skill["lines"][0]["verdict"] == "verified"), "{after:#}");
    let rechecked_at = after["checked_at"].as_str().unwrap();
    assert!(rechecked_at > checked_at.as_str(), "status checked again: {checked_at} then {rechecked_at}");
    let french = profile(&base, &id, "fr", false);
    let developer = assignment(&french, "Développeuse");
    assert_eq!(developer["verdict"], "revoked", "{developer:#}");
    assert!(developer["reason"].as_str().unwrap().contains("révoquée"), "{developer:#}");
    let (_, page) = get(&format!("{base}/profiles/{id}?lang=en"), "en");
    assert!(page.contains("4 of 5 lines verified.") && page.contains("Revoked"), "{page}");
    assert!(page.contains(&format!("Status checked at {}", &rechecked_at[11..16])), "{page}");

    // 4. "Check again now" (an API client's token) reads the lists again at once.
    let no_redirects = ureq::AgentBuilder::new().redirects(0).build();
    let wrong =
        no_redirects.post(&format!("{base}/profiles/{id}/check")).set("Authorization", "Bearer wrong").send_form(&[]);
    assert!(matches!(wrong, Err(ureq::Error::Status(401, _))), "{wrong:?}");
    let checked = no_redirects
        .post(&format!("{base}/profiles/{id}/check"))
        .set("Authorization", &format!("Bearer {API_TOKEN}"))
        .send_form(&[("lang", "en")])
        .unwrap();
    assert_eq!(checked.status(), 303, "sent to the profile's JSON");
    assert!(checked.header("location").is_some_and(|to| to.starts_with(&format!("/profiles/{id}.json"))));
    let again = profile(&base, &id, "en", false);
    assert!(again["checked_at"].as_str().unwrap() >= rechecked_at, "{again:#}");
    assert_eq!(assignment(&again, "Developer")["verdict"], "revoked", "{again:#}");
}
