//! Choosing what to send, in a terminal (issue #23 item 2): answering a talent profile request
//! without `--yes`, the person keeps or leaves out each credential, and each asked-for claim of
//! an SD-JWT VC, before agreeing; the verifier receives exactly what was kept. Leaving out what
//! the request requires is refused before anything is sent. The wallet runs under `script`
//! (util-linux), which gives it a real terminal, and a small driver answers its questions as a
//! person would, by reading each one.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scenarios::{ask_profile, binary, department, receive, start_verifier, wallet};
use serde_json::{json, Value};

const API_TOKEN: &str = "hiring-manager-token";

/// Runs `wallet present --request LINK` in a terminal, answering each question (a line ending
/// in `[Y/n] ` or `[y/N] `) with what `answer` says; returns everything shown and whether the
/// wallet succeeded.
fn converse(store: &Path, link: &str, answer: impl Fn(&str) -> &'static str) -> (String, bool) {
    let command = format!("'{}' --wallet '{}' present --request '{link}'", binary("wallet").display(), store.display());
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("WALLET_PASSPHRASE", "holder passphrase")
        .env("WALLET_KDF", "test")
        .env("LANG", "en_CA.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("script (util-linux) runs the wallet in a terminal");
    let shown = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = {
        let shown = shown.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read @ 1..) = stdout.read(&mut buffer) {
                shown.lock().unwrap().push_str(&String::from_utf8_lossy(&buffer[..read]));
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    let (mut answered, started) = (0, Instant::now());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no end: {}", shown.lock().unwrap());
        let text = shown.lock().unwrap().clone();
        if let Some(at) = text[answered..].find("/n] ").or_else(|| text[answered..].find("/N] ")) {
            let end = answered + at + 4;
            let question = text[..end].rsplit('\n').next().unwrap_or_default().to_owned();
            stdin.write_all(format!("{}\n", answer(&question)).as_bytes()).unwrap();
            stdin.flush().unwrap();
            answered = end;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(stdin);
    reader.join().unwrap();
    let shown = shown.lock().unwrap().clone();
    (shown, status.success())
}

#[test]
fn in_a_terminal_the_person_chooses_each_credential_and_each_claim() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let a = department(dir, "cio", "Office of the CIO", "Bureau du DPI");
    let store = dir.join("wallet");
    assert!(wallet(&store, &["init"]).status.success());
    receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "api_design", "level": "advanced"}), false);
    receive(&store, &a, "SkillCredential_ldp_vc", json!({"skill": "accountability", "level": "expert"}), false);
    receive(
        &store,
        &a,
        "AssignmentCredential_dc_sd_jwt",
        json!({"role": {"en": "Developer", "fr": "Développeuse"}, "department": {"en": "Office of the CIO", "fr": "Bureau du DPI"},
               "team": {"en": "Pay modernization", "fr": "Modernisation de la paye"},
               "start": "2021-03-01T00:00:00Z", "end": "2023-12-31T00:00:00Z", "skills": ["api_design"]}),
        false,
    );
    let (_verifier, base) = start_verifier(&["--did-web-host", &a.host, "--api-token", API_TOKEN]);

    // Accountability left out, the team withheld, the rest kept; then "send".
    let (id, link) = ask_profile(&base, API_TOKEN);
    let (shown, sent) = converse(&store, &link, |question| {
        if question.starts_with("Send? ") {
            "y"
        } else if question.contains("Accountability") || question.contains("“team") {
            "n"
        } else {
            ""
        }
    });
    assert!(sent, "{shown}");
    assert!(shown.contains("Choose what to send"), "{shown}");
    assert!(shown.contains("Show “start_date”"), "asked claim by claim: {shown}");
    let (status, body) = {
        let response = ureq::get(&format!("{base}/profiles/{id}.json?lang=en"))
            .set("Authorization", &format!("Bearer {API_TOKEN}"))
            .call()
            .unwrap();
        (response.status(), response.into_string().unwrap())
    };
    assert_eq!(status, 200, "{body}");
    let profile: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(profile["lines"], 2, "API Design and the assignment only: {profile:#}");
    let skills: Vec<&str> = profile["families"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|family| family["skills"].as_array().unwrap())
        .filter_map(|skill| skill["key"].as_str())
        .collect();
    assert_eq!(skills, ["api_design"], "{profile:#}");
    let assignment = &profile["assignments"][0]["assignment"];
    assert_eq!(assignment["team"], Value::Null, "the team was withheld: {assignment:#}");
    assert!(assignment["start"].as_str().is_some_and(|start| start.starts_with("2021-03-01")), "{assignment:#}");
    assert!(assignment["end"].as_str().is_some_and(|end| end.starts_with("2023-12-31")), "{assignment:#}");
    assert_eq!(assignment["skills_used"][0]["key"], "api_design", "{assignment:#}");
    assert!(!body.contains("Pay modernization"), "nothing of the team reached the verifier");

    // Leaving out every skill (the request requires one): refused before anything is sent.
    let (id, link) = ask_profile(&base, API_TOKEN);
    let (shown, sent) = converse(&store, &link, |question| if question.contains("[profile_skill") { "n" } else { "" });
    assert!(!sent, "{shown}");
    assert!(shown.contains("not sent: what you kept no longer answers the request"), "{shown}");
    let response = ureq::get(&format!("{base}/presentation-requests/{id}"))
        .set("Authorization", &format!("Bearer {API_TOKEN}"))
        .call()
        .unwrap();
    let outcome: Value = serde_json::from_str(&response.into_string().unwrap()).unwrap();
    assert_eq!(outcome["status"], "pending", "nothing reached the verifier: {outcome:#}");
}
