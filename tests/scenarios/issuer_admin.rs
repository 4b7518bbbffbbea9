//! The issuer's administration from the command line, where a mistake could lose the ability to
//! sign: a master key that does not open the stored department keys stops the start instead of
//! sealing new keys under it, and `audit --since` reads a time, not text.

use std::process::{Command, Output};

use scenarios::binary;

#[test]
fn a_wrong_master_key_stops_the_start_and_audit_since_reads_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let issuer = |args: &[&str], master: Option<&str>| -> Output {
        let mut command = Command::new(binary("issuer"));
        command
            .env_remove("DATABASE_URL")
            .env_remove("ISSUER_MASTER_KEY")
            .env("ISSUER_DATA_DIR", &data)
            .env("ISSUER_PUBLIC_URL", "https://issuer.example");
        if let Some(master) = master {
            command.env("ISSUER_MASTER_KEY", master);
        }
        command.args(args).output().unwrap()
    };
    let created = issuer(&["department", "create", "hr", "--name", "Human Resources", "--name-fr", "RH"], None);
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let key_file = data.join("master.key");
    assert!(key_file.exists());

    // The key file lost (or the configuration pointing elsewhere): no new key is made.
    std::fs::rename(&key_file, dir.path().join("kept.key")).unwrap();
    let lost = issuer(&["--lang", "fr", "department", "list"], None);
    let stderr = String::from_utf8_lossy(&lost.stderr);
    assert_eq!(lost.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("la clé maîtresse n'ouvre pas les clés des ministères"), "{stderr}");
    assert!(!key_file.exists(), "a key file made for a database that holds keys is removed");
    // Another master key given in the environment: refused too.
    let other = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    let wrong = issuer(&["department", "list"], Some(other));
    assert_eq!(wrong.status.code(), Some(2), "{}", String::from_utf8_lossy(&wrong.stderr));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("the master key does not open"));
    // The right key back: it works again.
    std::fs::rename(dir.path().join("kept.key"), &key_file).unwrap();
    let listed = issuer(&["department", "list"], None);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));

    // `--since` is a time: with an offset it means the same instant in UTC; text is refused.
    let all = issuer(&["audit", "--department", "hr"], None);
    assert!(all.status.success());
    let count = |output: &Output| String::from_utf8_lossy(&output.stdout).lines().count();
    assert!(count(&all) >= 1);
    let since_offset = issuer(&["audit", "--department", "hr", "--since", "2000-01-01T02:00:00+02:00"], None);
    assert_eq!(count(&since_offset), count(&all));
    let future = issuer(&["audit", "--department", "hr", "--since", "2999-01-01T00:00:00Z"], None);
    assert!(future.status.success());
    assert_eq!(count(&future), 0);
    let text = issuer(&["--lang", "fr", "audit", "--since", "yesterday"], None);
    assert_eq!(text.status.code(), Some(2), "{}", String::from_utf8_lossy(&text.stderr));
    assert!(String::from_utf8_lossy(&text.stderr).contains("doit être une heure RFC 3339"));
}

/// `issuer token revoke` takes a token out of service (the running issuer refuses it within its
/// short token cache), and `issuer department create --did-method key` makes a did:key department,
/// which refuses `issuer key rotate`, saying why in the operator's language.
#[test]
fn token_revoke_and_did_key_departments_from_the_command_line() {
    let setup = scenarios::IssuerSetup::new("issue");
    let (port, token, env) = (setup.port, setup.token.clone(), setup.env());
    let issuer = |args: &[&str]| -> Output {
        Command::new(binary("issuer")).env_remove("DATABASE_URL").envs(env.iter().copied()).args(args).output().unwrap()
    };
    let id = token.split('.').nth(1).unwrap().to_owned();
    let service = scenarios::start_issuer(port, &env);
    let body = serde_json::json!({"skill": "api_design", "level": "advanced"});
    let url = format!("{}/credentials/skill", service.base_url);
    assert_eq!(crate::status::post(&url, &token, &body).0, 201);
    let revoked = issuer(&["token", "revoke", "--department", "hr", &id]);
    assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
    let started = std::time::Instant::now();
    while crate::status::post(&url, &token, &body).0 != 401 {
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "the revoked token still issues");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let unknown = issuer(&["token", "revoke", "--department", "hr", "0000000000000000"]);
    assert!(!unknown.status.success(), "an unknown token id");

    let created =
        issuer(&["department", "create", "small", "--name", "Small", "--name-fr", "Petit", "--did-method", "key"]);
    let did = String::from_utf8_lossy(&created.stdout).trim().to_owned();
    assert!(
        created.status.success() && did.starts_with("did:key:z6Mk"),
        "{did} {}",
        String::from_utf8_lossy(&created.stderr)
    );
    let rotate = issuer(&["--lang", "fr", "key", "rotate", "--department", "small"]);
    let stderr = String::from_utf8_lossy(&rotate.stderr);
    assert!(
        !rotate.status.success() && stderr.contains("did:key") && stderr.contains("impossible de changer sa clé"),
        "{stderr}"
    );
    let wrong = issuer(&["department", "create", "other", "--name", "O", "--name-fr", "A", "--did-method", "peer"]);
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.status.success() && stderr.contains("use web or key"), "{stderr}");
    let listed = String::from_utf8_lossy(&issuer(&["department", "list"]).stdout).to_string();
    assert!(listed.contains(&did) && !listed.contains("other"), "{listed}");
}

/// SIGTERM stops `issuer serve` gracefully: a batch being issued when the signal arrives is
/// answered in full (every row issued and recorded), no new connection is taken, and the process
/// exits cleanly. The signal is sent once the service has recorded part of the batch (read from its
/// audit trail), so it lands mid-batch however fast the machine.
#[test]
fn sigterm_lets_the_requests_in_flight_finish() {
    const ROWS: usize = 1000;
    let setup = scenarios::IssuerSetup::new("issue,admin");
    let (port, listen, token) = (setup.port, setup.listen.clone(), setup.token.clone());
    let mut env = setup.env();
    env.push(("ISSUER_RATE_LIMIT_PER_SECOND", "0"));
    let mut service = scenarios::start_issuer(port, &env);
    let rows: Vec<serde_json::Value> = (0..ROWS)
        .map(|row| serde_json::json!({"kind": "skill", "row_id": format!("emp-{row}"), "skill": "api_design", "level": "advanced"}))
        .collect();
    let body = serde_json::json!({"rows": rows, "options": {"cryptosuite": "eddsa-jcs-2022"}});
    let url = format!("{}/credentials/batch", service.base_url);
    let client = {
        let (url, token) = (url.clone(), token.clone());
        std::thread::spawn(move || crate::status::post(&url, &token, &body))
    };
    let issued_so_far = || {
        let text = ureq::get(&format!("{}/audit", service.base_url))
            .set("Authorization", &format!("Bearer {token}"))
            .call()
            .unwrap()
            .into_string()
            .unwrap();
        let audit: serde_json::Value = serde_json::from_str(&text).unwrap();
        audit.as_array().unwrap().iter().filter(|entry| entry["action"] == "credential.issue").count()
    };
    let started = std::time::Instant::now();
    let recorded = loop {
        let recorded = issued_so_far();
        if recorded > 0 {
            break recorded;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the batch makes no progress");
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(recorded < ROWS, "the whole batch was recorded before the signal: make it longer");
    let signalled = Command::new("kill").args(["-TERM", &service.child.id().to_string()]).status().unwrap();
    assert!(signalled.success());
    let (status, answer) = client.join().unwrap();
    assert_eq!(status, 200, "{answer}");
    let issued = answer["results"].as_array().unwrap().iter().filter(|r| r["status"] == "issued").count();
    assert_eq!(issued, ROWS);
    let exit = service.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    assert!(std::net::TcpStream::connect(&listen).is_err(), "a stopped issuer still takes connections");
    let audit = scenarios::issuer_admin(&env, &["audit", "--department", "hr"]);
    assert_eq!(audit.lines().filter(|line| line.contains("\"credential.issue\"")).count(), ROWS);
}

/// A `did:web` department is named by the service's public URL: `issuer department create`
/// without one configured (nor a listening address) refuses, naming the DID it would have made and
/// the URL it assumed, and saying how to set it; one configured otherwise than the database's
/// departments refuses too; `issuer serve` refuses to start when a department's did:web names
/// another host than its public URL, naming the department, its DID and that URL; usage errors of
/// `department create` end with 2, and nothing is created.
#[test]
fn departments_are_created_and_served_at_the_public_url() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let port = scenarios::free_port();
    let listen = format!("127.0.0.1:{port}");
    let command = |env: &[(&str, &str)]| {
        let mut command = Command::new(binary("issuer"));
        command
            .env_remove("DATABASE_URL")
            .env_remove("ISSUER_PUBLIC_URL")
            .env_remove("ISSUER_LISTEN")
            .env_remove("ISSUER_CONFIG")
            .env("ISSUER_DATA_DIR", &data)
            .envs(env.iter().copied());
        command
    };
    let issuer = |env: &[(&str, &str)], args: &[&str]| command(env).args(args).output().unwrap();
    let stderr = |output: &Output| String::from_utf8_lossy(&output.stderr).into_owned();
    let create = ["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"];
    let public = [("ISSUER_PUBLIC_URL", "https://talent.example.ca")];

    // Nothing configured: refused, in both languages, before anything is made.
    let unknown = issuer(&[], &create);
    let said = stderr(&unknown);
    assert_eq!(unknown.status.code(), Some(2), "{said}");
    for part in ["did:web:127.0.0.1%3A8080:hr", "http://127.0.0.1:8080", "ISSUER_PUBLIC_URL", "nothing was created"] {
        assert!(said.contains(part), "{part}: {said}");
    }
    let french = stderr(&issuer(&[], &[&["--lang", "fr"][..], &create[..]].concat()));
    assert!(
        french.contains("aucune URL publique n'est configurée") && french.contains("ISSUER_PUBLIC_URL"),
        "{french}"
    );
    let listed = issuer(&public, &["department", "list"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout), "", "nothing was created");

    // Usage errors: clap's (a missing argument) and the issuer's own (id, DID method, purposes).
    for args in [
        &["department", "create", "hr", "--name", "Human Resources"][..],
        &["department", "create", "HR", "--name", "H", "--name-fr", "R"],
        &["department", "create", "hr", "--name", "H", "--name-fr", "R", "--did-method", "peer"],
        &["department", "create", "hr", "--name", "H", "--name-fr", "R", "--status-purposes", "refresh"],
        &["department", "create", "hr", "--name", "H", "--name-fr", ""],
    ] {
        let refused = issuer(&public, args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}: {}", stderr(&refused));
    }
    let listed = issuer(&public, &["department", "list"]);
    assert_eq!(String::from_utf8_lossy(&listed.stdout), "", "nothing was created");

    // The public URL names the DID.
    let created = issuer(&public, &create);
    assert!(created.status.success(), "{}", stderr(&created));
    assert_eq!(String::from_utf8_lossy(&created.stdout).trim(), "did:web:talent.example.ca:hr");

    // Another public URL (here the listening address) for the same database: refused.
    let elsewhere = [("ISSUER_LISTEN", listen.as_str())];
    let other = issuer(&elsewhere, &["department", "create", "finance", "--name", "Finance", "--name-fr", "Finances"]);
    let said = stderr(&other);
    assert_eq!(other.status.code(), Some(2), "{said}");
    let would_be = format!("did:web:127.0.0.1%3A{port}:finance");
    for part in [would_be.as_str(), "did:web:talent.example.ca:hr", "talent.example.ca", &format!("http://{listen}")] {
        assert!(said.contains(part), "{part}: {said}");
    }
    // A did:key department names no host: made whatever the public URL.
    let small = issuer(&[], &["department", "create", "small", "--name", "S", "--name-fr", "P", "--did-method", "key"]);
    assert!(small.status.success(), "{}", stderr(&small));

    // `issuer serve` at another public URL refuses to start, naming the department, its DID
    // and the service's URL.
    let mut serve = command(&elsewhere)
        .arg("serve")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = serve.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = serve.kill();
            let _ = serve.wait();
            panic!("`issuer serve` started although its department's did:web names another host");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut said = String::new();
    std::io::Read::read_to_string(serve.stderr.as_mut().unwrap(), &mut said).unwrap();
    assert_eq!(status.code(), Some(2), "{said}");
    for part in ["department hr", "did:web:talent.example.ca:hr", &format!("http://{listen}"), "ISSUER_PUBLIC_URL"] {
        assert!(said.contains(part), "{part}: {said}");
    }

    // At its public URL, it serves the department's DID document.
    let data_text = data.to_str().unwrap();
    let service = scenarios::start_issuer(
        port,
        &[("ISSUER_DATA_DIR", data_text), ("ISSUER_PUBLIC_URL", "https://talent.example.ca")],
    );
    let text = ureq::get(&format!("{}/hr/did.json", service.base_url)).call().unwrap().into_string().unwrap();
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["id"], "did:web:talent.example.ca:hr");
}
