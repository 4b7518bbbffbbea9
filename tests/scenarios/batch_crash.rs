//! `kill -9` during a 10,000-row batch, then the same batch again: exactly 10,000 credentials are
//! recorded, none twice, and every credential written out (the command line) or answered 2xx
//! (the service) is in the database.

use std::collections::HashSet;
use std::process::Command;
use std::time::{Duration, Instant};

use scenarios::binary;

const ROWS: usize = 10_000;

fn count_credentials(directory: &std::path::Path) -> usize {
    std::fs::read_dir(directory)
        .map(|entries| entries.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json")).count())
        .unwrap_or(0)
}

#[test]
fn killed_batch_rerun_issues_each_row_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("out");
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_PUBLIC_URL", "https://issuer.example")];
    let created = Command::new(binary("issuer"))
        .env_remove("DATABASE_URL")
        .args(["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"])
        .envs(env)
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));

    let skills = ["api_design", "accessibility_testing", "ability_to_learn_quickly", "accountability"];
    let mut csv = String::from("kind,row_id,subject,skill,level\n");
    for row in 0..ROWS {
        csv.push_str(&format!(
            "skill,emp-{row},,{},{}\n",
            skills[row % skills.len()],
            ["beginner", "advanced"][row % 2]
        ));
    }
    let csv_path = dir.path().join("rows.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let batch = |out: &std::path::Path| {
        let mut command = Command::new(binary("issuer"));
        command
            .env_remove("DATABASE_URL")
            .args(["issue-batch", "--department", "hr", "--suite", "eddsa-jcs-2022", "--csv"])
            .arg(&csv_path)
            .arg("--out")
            .arg(out)
            .envs(env);
        command
    };

    // First run: killed with SIGKILL part-way.
    let mut child =
        batch(&out).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    while count_credentials(&out) < ROWS / 5 {
        assert!(started.elapsed() < Duration::from_secs(300), "the batch makes no progress");
        assert!(child.try_wait().unwrap().is_none(), "the batch ended before it could be killed");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before_rerun = count_credentials(&out);
    assert!(before_rerun < ROWS, "the batch finished before the kill");

    // Second run: completes; rows already recorded are skipped.
    let rerun = batch(&out).output().unwrap();
    let summary = String::from_utf8_lossy(&rerun.stdout);
    assert!(rerun.status.success(), "{summary}\n{}", String::from_utf8_lossy(&rerun.stderr));
    assert!(summary.contains(&format!("{ROWS} rows:")) && summary.contains("0 rejected"), "{summary}");

    let audit = Command::new(binary("issuer"))
        .env_remove("DATABASE_URL")
        .args(["audit", "--department", "hr"])
        .envs(env)
        .output()
        .unwrap();
    let issued: Vec<String> = String::from_utf8_lossy(&audit.stdout)
        .lines()
        .filter(|line| line.contains("\"credential.issue\""))
        .map(str::to_owned)
        .collect();
    assert_eq!(issued.len(), ROWS, "records issued in the database");
    let mut ids = HashSet::new();
    for entry in
        std::fs::read_dir(&out).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "json"))
    {
        let credential: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        ids.insert(credential["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), ROWS, "distinct credentials written out");
    let recorded: HashSet<String> = issued
        .iter()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            let detail: serde_json::Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
            detail["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids, recorded, "every credential written out is recorded, and nothing else");
}

/// The service's side of the same promise: `issuer serve` killed with SIGKILL while two clients
/// send the 10,000 rows through `POST /credentials/batch`, restarted, sent every row again.
/// Every credential a 2xx answer carried before the kill is in the database and comes back the
/// same (skipped, not issued again); in the end exactly 10,000 credentials are recorded.
#[test]
fn killed_service_keeps_every_credential_it_answered() {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    const PER_REQUEST: usize = 500;
    let setup = scenarios::IssuerSetup::new("issue");
    let (port, listen, token) = (setup.port, setup.listen.clone(), setup.token.clone());
    let mut env = setup.env();
    env.push(("ISSUER_RATE_LIMIT_PER_SECOND", "0"));
    let skills = ["api_design", "accessibility_testing", "ability_to_learn_quickly", "accountability"];
    let body = move |request: usize| {
        let rows: Vec<serde_json::Value> = (request * PER_REQUEST..(request + 1) * PER_REQUEST)
            .map(|row| {
                let level = ["beginner", "advanced"][row % 2];
                serde_json::json!({"kind": "skill", "row_id": format!("emp-{row}"), "skill": skills[row % skills.len()],
                    "level": level})
            })
            .collect();
        serde_json::json!({"rows": rows, "options": {"cryptosuite": "eddsa-jcs-2022"}})
    };
    // (status, id) of each row of an answered request.
    type Rows = Vec<(String, String)>;
    let results = |answer: &serde_json::Value| -> Rows {
        answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["status"].as_str().unwrap().to_owned(), r["id"].as_str().unwrap_or_default().to_owned()))
            .collect()
    };
    let requests = ROWS / PER_REQUEST;
    let url = format!("http://{listen}/credentials/batch");

    let mut service = scenarios::start_issuer(port, &env);
    let answered: Arc<Mutex<HashMap<usize, Rows>>> = Arc::default();
    let clients: Vec<_> = (0..2)
        .map(|client| {
            let (answered, url, token, body) = (answered.clone(), url.clone(), token.clone(), body);
            std::thread::spawn(move || {
                for request in (client..requests).step_by(2) {
                    let response = ureq::post(&url)
                        .set("Authorization", &format!("Bearer {token}"))
                        .set("Content-Type", "application/json")
                        .send_string(&body(request).to_string());
                    let text = match response {
                        Ok(response) => response.into_string(),
                        Err(ureq::Error::Status(status, response)) => {
                            panic!("{status}: {}", response.into_string().unwrap_or_default())
                        }
                        // Refused or cut off once the service is killed: this client stops.
                        Err(ureq::Error::Transport(_)) => return,
                    };
                    let Ok(text) = text else { return };
                    let answer: serde_json::Value = serde_json::from_str(&text).unwrap();
                    answered.lock().unwrap().insert(request, results(&answer));
                }
            })
        })
        .collect();
    let started = Instant::now();
    while answered.lock().unwrap().len() < 4 {
        assert!(started.elapsed() < Duration::from_secs(300), "the service makes no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
    service.child.kill().unwrap();
    service.child.wait().unwrap();
    for client in clients {
        client.join().unwrap();
    }
    let before: HashMap<usize, Rows> = answered.lock().unwrap().clone();
    assert!(before.len() < requests, "every request was answered before the kill");
    drop(service);

    let _service = scenarios::start_issuer(port, &env);
    let mut ids = HashSet::new();
    let mut issued_again = 0;
    for request in 0..requests {
        let (status, answer) = crate::status::post(&url, &token, &body(request));
        assert_eq!(status, 200, "{answer}");
        let rows = results(&answer);
        assert!(
            rows.iter().all(|(status, id)| (status == "issued" || status == "skipped") && !id.is_empty()),
            "{answer}"
        );
        if let Some(first) = before.get(&request) {
            // Answered before the kill: recorded, so skipped now, and the same credentials.
            let again: Vec<(String, String)> = first.iter().map(|(_, id)| ("skipped".to_owned(), id.clone())).collect();
            assert_eq!(rows, again, "request {request} was answered 2xx before the kill");
        }
        issued_again += rows.iter().filter(|(status, _)| status == "issued").count();
        ids.extend(rows.into_iter().map(|(_, id)| id));
    }
    assert_eq!(ids.len(), ROWS, "distinct credentials");
    assert!(issued_again <= ROWS - before.len() * PER_REQUEST);

    let audit = scenarios::issuer_admin(&env, &["audit", "--department", "hr"]);
    let recorded: HashSet<String> = audit
        .lines()
        .filter(|line| line.contains("\"credential.issue\""))
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).unwrap();
            let detail: serde_json::Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
            detail["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(audit.lines().filter(|line| line.contains("\"credential.issue\"")).count(), ROWS, "issued twice");
    assert_eq!(recorded, ids, "every credential answered is recorded, and nothing else");
}

/// A French operator reads French: the batch summary, each rejected row's reason, and a failed
/// command's error, with no English text from the issuer's own messages.
#[test]
fn batch_rejections_and_errors_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_PUBLIC_URL", "https://issuer.example")];
    let issuer = |args: &[&str]| {
        Command::new(binary("issuer")).env_remove("DATABASE_URL").arg("--lang").arg("fr").args(args).envs(env).output()
    };
    let created =
        issuer(&["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"])
            .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let csv_path = dir.path().join("rows.csv");
    std::fs::write(
        &csv_path,
        "kind,skill,level,role_en,role_fr,department_en,department_fr,start\n\
         skill,api_design,advanced,,,,,\n\
         skill,juggling,advanced,,,,,\n\
         assignment,,,Analyst,,Finance,Finances,2024-01-01\n\
         poem,,,,,,,\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let batch = Command::new(binary("issuer"))
        .env_remove("DATABASE_URL")
        .args(["--lang", "fr", "issue-batch", "--department", "hr", "--csv"])
        .arg(&csv_path)
        .arg("--out")
        .arg(&out)
        .envs(env)
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&batch.stdout);
    assert!(!batch.status.success(), "three rows are rejected: {summary}");
    assert!(summary.contains("4 lignes : 1 émise, 0 ignorée (déjà émise), 3 rejetées"), "{summary}");
    // Lines of the file, as an editor numbers them (the header is line 1).
    assert!(summary.contains("ligne 3 : clé de compétence inconnue « juggling »"), "{summary}");
    assert!(
        summary.contains("ligne 4 : requête invalide : le rôle (role) manque en anglais ou en français"),
        "{summary}"
    );
    assert!(summary.contains("ligne 5 : requête invalide : le type (kind) `poem`"), "{summary}");
    for english in ["unknown skill", "needs both", "must be", "bad request"] {
        assert!(!summary.contains(english), "English `{english}` in {summary}");
    }
    let stderr = String::from_utf8_lossy(&batch.stderr);
    assert!(stderr.contains("issuer : erreur : 3 lignes ont été rejetées"), "{stderr}");

    let missing = issuer(&["key", "did-document", "--key", "/nonexistent/key.json"]).unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("lecture impossible du fichier de clé /nonexistent/key.json : fichier ou dossier introuvable"),
        "{stderr}"
    );
}
