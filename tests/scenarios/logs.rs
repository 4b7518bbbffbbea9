//! The issuer's logs, even at the most verbose level and in JSON, never contain a token, the
//! master key or a private key, whatever the requests do.

use std::process::{Command, Stdio};

use scenarios::{binary, free_port, IssuerProcess};

#[test]
fn logs_never_contain_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let master_key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
    };
    let data = dir.path().join("data");
    let log_path = dir.path().join("issuer.log");
    let port = free_port();
    let env = |command: &mut Command| {
        command
            .env_remove("DATABASE_URL")
            .env("ISSUER_DATA_DIR", &data)
            // Where the service listens, which names its departments' did:web.
            .env("ISSUER_LISTEN", format!("127.0.0.1:{port}"))
            .env("ISSUER_MASTER_KEY", &master_key)
            .env("ISSUER_LOG", "trace")
            .env("ISSUER_LOG_FORMAT", "json");
    };
    let mut create = Command::new(binary("issuer"));
    env(&mut create);
    assert!(create.args(["department", "create", "hr", "--name", "HR", "--name-fr", "RH"]).status().unwrap().success());
    let mut token = Command::new(binary("issuer"));
    env(&mut token);
    let token = String::from_utf8(
        token.args(["token", "create", "--department", "hr", "--scopes", "issue"]).output().unwrap().stdout,
    )
    .unwrap();
    let token = token.trim().to_owned();
    let mut serve = Command::new(binary("issuer"));
    env(&mut serve);
    let child =
        serve.arg("serve").stdout(Stdio::null()).stderr(std::fs::File::create(&log_path).unwrap()).spawn().unwrap();
    let server = IssuerProcess::new(child, format!("http://127.0.0.1:{port}"));
    for _ in 0..200 {
        if ureq::get(&format!("{}/readyz", server.base_url)).call().is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let body = r#"{"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced"}"#;
    let url = format!("{}/credentials/skill", server.base_url);
    let issued = ureq::post(&url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(body);
    assert_eq!(issued.unwrap().status(), 201);
    let wrong = format!("{}x", &token[..token.len() - 1]);
    let refused = ureq::post(&url).set("Authorization", &format!("Bearer {wrong}")).send_string(body);
    assert!(matches!(refused, Err(ureq::Error::Status(401, _))));
    let _ = ureq::post(&url).set("Authorization", &format!("Bearer {token}")).send_string("{not json");
    drop(server);

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.lines().count() > 3, "expected verbose logs, got: {log}");
    let secret = token.rsplit('.').next().unwrap();
    let wrong_secret = wrong.rsplit('.').next().unwrap();
    for (what, needle) in
        [("token secret", secret), ("wrong token secret", wrong_secret), ("master key", master_key.as_str())]
    {
        assert!(!log.contains(needle), "the log contains the {what}");
    }
    // SQL statements are logged (column names only, never bound values); no key material is.
    assert!(log.contains("db.statement"), "expected the SQL statements in the trace log");
    assert!(!log.contains("privateKeyMultibase"), "the log contains key material");
}
