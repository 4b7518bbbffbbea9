//! Two issuer processes sharing one PostgreSQL database issue 5,000 credentials each, at the same
//! time: 10,000 records, every id unique, and every credential verifies with the department's
//! published DID document.

use std::collections::HashSet;
use std::process::Command;
use std::sync::Arc;

use scenarios::{binary, free_port, fresh_postgres_database, issuer_admin, start_issuer};

const PER_REPLICA: usize = 5_000;
const THREADS_PER_REPLICA: usize = 8;

#[test]
fn two_replicas_on_postgres_issue_ten_thousand_unique_credentials() {
    let Some(database) = fresh_postgres_database() else {
        return;
    };
    let master_key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
    };
    let env = [
        ("DATABASE_URL", database.as_str()),
        ("ISSUER_MASTER_KEY", master_key.as_str()),
        ("ISSUER_PUBLIC_URL", "https://issuer.example"),
        // The load is the point here; the per-token limit is tested on its own.
        ("ISSUER_RATE_LIMIT_PER_SECOND", "0"),
    ];
    issuer_admin(
        &env,
        &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
    );
    let token = issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", "issue"]).trim().to_owned();
    let replicas = [start_issuer(free_port(), &env), start_issuer(free_port(), &env)];

    let token = Arc::new(token);
    let mut workers = Vec::new();
    for replica in &replicas {
        for _ in 0..THREADS_PER_REPLICA {
            let url = format!("{}/credentials/skill?cryptosuite=eddsa-jcs-2022", replica.base_url);
            let token = token.clone();
            workers.push(std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().build();
                (0..PER_REPLICA / THREADS_PER_REPLICA)
                    .map(|i| {
                        let body = serde_json::json!({"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
                            "skill": if i % 2 == 0 { "api_design" } else { "accessibility_testing" }, "level": "intermediate"});
                        let text = agent
                            .post(&url)
                            .set("Authorization", &format!("Bearer {token}"))
                            .set("Content-Type", "application/json")
                            .send_string(&body.to_string())
                            .unwrap()
                            .into_string()
                            .unwrap();
                        let response: serde_json::Value = serde_json::from_str(&text).unwrap();
                        response["verifiableCredential"].clone()
                    })
                    .collect::<Vec<_>>()
            }));
        }
    }
    let credentials: Vec<serde_json::Value> = workers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    assert_eq!(credentials.len(), 2 * PER_REPLICA);
    let ids: HashSet<&str> = credentials.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2 * PER_REPLICA, "credential ids are not unique");

    let audit = issuer_admin(&env, &["audit", "--department", "hr"]);
    let issued = audit.lines().filter(|line| line.contains("\"credential.issue\"")).count();
    assert_eq!(issued, 2 * PER_REPLICA, "records in the database");

    let dir = tempfile::tempdir().unwrap();
    let document = ureq::get(&format!("{}/hr/did.json", replicas[1].base_url)).call().unwrap().into_string().unwrap();
    // The department is one the verifier trusts (without a registry, a valid signature is "signed
    // by an issuer you have not said you trust", exit 3: issue #21).
    let did = serde_json::from_str::<serde_json::Value>(&document).unwrap()["id"].as_str().unwrap().to_owned();
    let registry = format!("[[issuer]]\nid = \"{did}\"\nname = \"HR\"\nname_fr = \"RH\"\ncredential_types = [\"*\"]\n");
    std::fs::write(dir.path().join("trust.toml"), registry).unwrap();
    std::fs::write(dir.path().join("did-document"), document).unwrap();
    let credentials_dir = dir.path().join("credentials");
    std::fs::create_dir(&credentials_dir).unwrap();
    for (index, credential) in credentials.iter().enumerate() {
        std::fs::write(credentials_dir.join(format!("{index:05}.json")), credential.to_string()).unwrap();
    }
    let output = Command::new(binary("verifier"))
        .args(["verify", "--did-document"])
        .arg(dir.path().join("did-document"))
        .arg("--trust")
        .arg(dir.path().join("trust.toml"))
        .arg(&credentials_dir)
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", summary.lines().rev().take(5).collect::<Vec<_>>().join("\n"));
    assert!(summary.contains("10000 checked: 10000 valid"), "{}", summary.lines().last().unwrap_or(""));
}
