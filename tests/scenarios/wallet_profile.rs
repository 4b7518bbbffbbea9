//! The person's own profile (issue #23), with the real issuers, wallet and verifier: two
//! departments issue skill and assignment credentials, `wallet profile` shows them grouped by
//! skill family with the number of distinct issuers and the assignments as a timeline, in both
//! languages, with the person's own words marked as theirs; a department revokes a credential and
//! `wallet profile --refresh` tells the person before any verifier does, with the time the status
//! was read; and a presentation the verifier refuses is said to be refused, with its reason.

use std::path::Path;

use scenarios::{department, output_text as text, post_json, receive, start_verifier, wallet};
use serde_json::{json, Value};

const API_TOKEN: &str = "hiring-manager-token";

fn listed(store: &Path, id: &str) -> Value {
    let listed: Value = serde_json::from_slice(&wallet(store, &["list", "--json"]).stdout).unwrap();
    listed["credentials"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone()
}

#[test]
fn the_persons_profile_its_own_words_fresh_status_and_a_refused_presentation() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let b = department(dir, "ssc", "Shared Services", "Services partagés");
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    let skill_a =
        receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"}), false);
    let skill_b =
        receive(&store, &b, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "expert"}), false);
    let assignment = receive(
        &store,
        &b,
        "AssignmentCredential_jwt_vc_json",
        json!({"role": {"en": "Analyst", "fr": "Analyste"}, "department": {"en": "Shared Services", "fr": "Services partagés"},
               "start": "2024-01-01T00:00:00Z", "skills": ["api_design"]}),
        false,
    );
    let earlier = receive(
        &store,
        &a,
        "AssignmentCredential_dc_sd_jwt",
        json!({"role": {"en": "Developer", "fr": "Développeuse"}, "department": {"en": "Office of the CIO", "fr": "Bureau du DPI"},
               "start": "2021-03-01T00:00:00Z", "end": "2023-12-31T00:00:00Z", "skills": ["api_design"]}),
        false,
    );
    let registry = dir.join("trust.toml");
    std::fs::write(
        &registry,
        format!(
            "[[issuer]]\nid = \"{}\"\nname = \"CIO\"\nname_fr = \"DPI\"\ncredential_types = [\"*\"]\n\n\
             [[issuer]]\nid = \"{}\"\nname = \"SSC\"\nname_fr = \"SPC\"\ncredential_types = [\"*\"]\n",
            a.did, b.did
        ),
    )
    .unwrap();
    let trust = registry.to_str().unwrap();

    // 1. The profile: one skill in its family, attested by two distinct issuers at its highest
    // level; the assignments newest first; every line verified, with when its status was read.
    let shown = wallet(&store, &["profile", "--trust", trust]);
    assert!(shown.status.success(), "{}", text(&shown));
    let out = String::from_utf8_lossy(&shown.stdout).into_owned();
    for expected in [
        "Skills, by family",
        "Software Solutions - Application Development",
        "API Design: Expert, attested by 2 distinct issuers",
        "Advanced — ✓ verified at receipt; Office of the CIO; status checked ",
        "2024-01-01 → current  Analyst (Shared Services)",
        "2021-03-01 → 2023-12-31  Developer (Office of the CIO)",
        "Skills used: API Design",
    ] {
        assert!(out.contains(expected), "{expected}:\n{out}");
    }
    assert!(out.find("Analyst").unwrap() < out.find("Developer").unwrap(), "newest first:\n{out}");
    let french = wallet(&store, &["--lang", "fr", "profile", "--trust", trust]);
    let out = String::from_utf8_lossy(&french.stdout).into_owned();
    for expected in
        ["Compétences, par famille", "attestée par 2 émetteurs distincts", "→ en cours  Analyste (Services partagés)"]
    {
        assert!(out.contains(expected), "{expected}:\n{out}");
    }
    // Without a trust list, each line says its issuer is not one the person trusts.
    let untrusted = wallet(&store, &["profile"]);
    assert!(text(&untrusted).contains("by an issuer you have not said you trust"), "{}", text(&untrusted));
    assert!(text(&untrusted).contains("no verified credential attests it"), "{}", text(&untrusted));

    // 2. The person's own words: sealed, bounded, and shown as theirs, never as verified.
    let noted =
        wallet(&store, &["profile", "note", &assignment, "--en", "I moved 40 services to the new API gateway."]);
    assert!(noted.status.success(), "{}", text(&noted));
    let too_long = "x".repeat(501);
    let refused = wallet(&store, &["profile", "note", &skill_a, "--fr", &too_long]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(text(&refused).contains("501 characters; 500 at most"), "{}", text(&refused));
    let files = walk(&store);
    assert!(files.iter().all(|f| !std::fs::read(f).unwrap().windows(11).any(|w| w == b"API gateway")), "sealed");
    let shown = wallet(&store, &["--lang", "fr", "profile", "--trust", trust]);
    assert!(
        text(&shown)
            .contains("Vos propres mots, en anglais (non vérifiés) : « I moved 40 services to the new API gateway. »"),
        "{}",
        text(&shown)
    );
    let profile: Value =
        serde_json::from_slice(&wallet(&store, &["profile", "--json", "--trust", trust]).stdout).unwrap();
    let timeline = profile["assignments"].as_array().unwrap();
    assert_eq!(
        (timeline[0]["id"].as_str(), timeline[1]["id"].as_str()),
        (Some(assignment.as_str()), Some(earlier.as_str()))
    );
    assert_eq!(timeline[0]["ownWords"]["verified"], false);
    assert_eq!(timeline[0]["standing"], "verified");
    assert_eq!(profile["families"][0]["skills"][0]["issuers"], 2);

    // 3. B revokes its skill credential. The wallet does not know yet; `--refresh` reads the
    // status lists again and records it, with the time.
    let credential: Value = serde_json::from_slice(&wallet(&store, &["export", &skill_b]).stdout).unwrap();
    let (status, _) = post_json(
        &format!("{}/credentials/status", b.process.base_url),
        &b.token,
        &json!({"credentialId": credential["id"], "credentialStatus": [{"type": "BitstringStatusListEntry", "status": "revoked"}]}),
    );
    assert_eq!(status, 200);
    let before = listed(&store, &skill_b);
    assert_eq!(before["status"], "active");
    std::thread::sleep(std::time::Duration::from_millis(1_100));
    let refreshed = wallet(&store, &["profile", "--refresh", "--trust", trust]);
    assert!(refreshed.status.success(), "{}", text(&refreshed));
    assert!(text(&refreshed).contains("Status lists read again online: 4 credentials."), "{}", text(&refreshed));
    assert!(text(&refreshed).contains("✗ revoked; Shared Services"), "{}", text(&refreshed));
    assert!(text(&refreshed).contains("API Design: Advanced, attested by 1 issuer"), "{}", text(&refreshed));
    let after = listed(&store, &skill_b);
    assert_eq!(after["status"], "revoked");
    assert!(after["statusCheckedAt"].as_str() > before["statusCheckedAt"].as_str(), "{before} {after}");
    let list = wallet(&store, &["--lang", "fr", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("statut lu"), "{}", text(&list));
    let show = wallet(&store, &["show", &skill_a]);
    assert!(text(&show).contains("status checked "), "{}", text(&show));
    // `list --refresh` too.
    let list = wallet(&store, &["list", "--refresh"]);
    assert!(text(&list).contains("Status lists read again online: 4 credentials."), "{}", text(&list));

    // 4. A presentation: taken in, "sent; the verifier checks it"; the same request answered
    // again is refused, and the person is told so and why, in their language, exit 1.
    let (_verifier, base) = start_verifier(&[
        "--did-web-host",
        &a.host,
        "--did-web-host",
        &b.host,
        "--trust",
        trust,
        "--api-token",
        API_TOKEN,
    ]);
    let (status, created) = post_json(
        &format!("{base}/presentation-requests"),
        API_TOKEN,
        &json!({"dcql_query": {"credentials": [{"id": "assignment", "format": "jwt_vc_json",
            "meta": {"type_values": [["https://w3id.org/talent-credentials/vocab#AssignmentCredential"]]}}]}}),
    );
    assert_eq!(status, 201, "{created}");
    let link = created["authorization_request"].as_str().unwrap();
    let sent = wallet(&store, &["present", "--request", link, "--yes"]);
    assert!(sent.status.success(), "{}", text(&sent));
    assert!(text(&sent).contains("Sent; the verifier checks it"), "{}", text(&sent));
    let again = wallet(&store, &["present", "--request", link, "--yes"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(!text(&again).contains("Sent;"), "{}", text(&again));
    let again = wallet(&store, &["--lang", "fr", "present", "--request", link, "--yes"]);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(text(&again).contains("a déjà reçu une réponse"), "{}", text(&again));
}

/// A verifier that refuses the answer itself (400 with its OAuth error): between the wallet's
/// reading of the request and its answer, someone else answers it (a proxy in front of the
/// verifier sends the same answer first). The wallet says it was refused and why, in the
/// person's language, instead of "sent", and exits 1.
#[test]
fn a_presentation_the_verifier_refuses_is_said_refused_with_its_reason() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"}), false);
    let registry = dir.join("trust.toml");
    let entry =
        format!("[[issuer]]\nid = \"{}\"\nname = \"CIO\"\nname_fr = \"DPI\"\ncredential_types = [\"*\"]\n", a.did);
    std::fs::write(&registry, entry).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let public = format!("http://127.0.0.1:{}/", listener.local_addr().unwrap().port());
    let (_verifier, base) = start_verifier(&[
        "--did-web-host",
        &a.host,
        "--trust",
        registry.to_str().unwrap(),
        "--api-token",
        API_TOKEN,
        "--public-url",
        &public,
    ]);
    let target = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            forward_answering_first(stream, &target);
        }
    });
    for lang in ["en", "fr"] {
        let (_, created) = post_json(
            &format!("{base}/presentation-requests"),
            API_TOKEN,
            &json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc"}]}}),
        );
        let link = created["authorization_request"].as_str().unwrap();
        let refused = wallet(&store, &["--lang", lang, "present", "--request", link, "--yes"]);
        assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
        let said = text(&refused);
        let expected = match lang {
            "en" => "The verifier refused your presentation: the presentation request was already answered",
            _ => "Le vérificateur a refusé votre présentation : la demande de présentation a déjà reçu une réponse",
        };
        assert!(said.contains(expected), "{said}");
        assert!(!said.contains("Sent") && !said.contains("Envoyé"), "{said}");
    }
}

/// Forwards one HTTP request to `target`; an answer posted to `/oid4vp/responses/…` is sent
/// twice, the first answer standing for someone else's.
fn forward_answering_first(stream: std::net::TcpStream, target: &str) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("GET").to_owned(), parts.next().unwrap_or("/").to_owned());
    let (mut headers, mut length) = (Vec::new(), 0);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            } else if ["content-type", "accept", "accept-language"].contains(&name.to_lowercase().as_str()) {
                headers.push((name.to_owned(), value.trim().to_owned()));
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let send = || {
        let mut request = ureq::request(&method, &format!("{target}{path}"));
        for (name, value) in &headers {
            request = request.set(name, value);
        }
        match request.send_bytes(&body) {
            Ok(response) | Err(ureq::Error::Status(_, response)) => Some(response),
            Err(_) => None,
        }
    };
    if method == "POST" && path.starts_with("/oid4vp/responses/") {
        let first = send().unwrap();
        assert_eq!(first.status(), 200, "the first answer is taken in");
    }
    let Some(response) = send() else { return };
    let (status, kind) = (response.status(), response.content_type().to_owned());
    let mut answer = Vec::new();
    response.into_reader().read_to_end(&mut answer).unwrap();
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    );
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&answer));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
