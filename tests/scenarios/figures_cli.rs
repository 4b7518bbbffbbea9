//! The figures commands as an operator runs them: `issuer figures release` refused (in French)
//! until `issuer figures budget` gives the quarter a budget, then printing the signed release,
//! and refused again once the budget is spent; `verifier figures budget|release` the same for
//! the verifier's demand, its release then read by `verifier figures combine`: reported as
//! untrusted and left out without a registry, combined when asked.

use std::process::{Command, Output};

use scenarios::binary;

#[test]
fn releases_from_the_command_line_spend_the_budget_and_combine() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("issuer-data");
    let issuer = |args: &[&str]| -> Output {
        Command::new(binary("issuer"))
            .env_remove("DATABASE_URL")
            .env_remove("ISSUER_MASTER_KEY")
            .env("ISSUER_DATA_DIR", &data)
            .env("ISSUER_PUBLIC_URL", "https://issuer.example")
            .args(args)
            .output()
            .unwrap()
    };
    let said = |output: &Output| String::from_utf8_lossy(&output.stderr).into_owned();
    let created = issuer(&["department", "create", "hr", "--name", "Human Resources", "--name-fr", "RH"]);
    assert!(created.status.success(), "{}", said(&created));
    let release = ["figures", "release", "--department", "hr", "--period", "2026Q4", "--epsilon", "1"];
    let refused = issuer(&[&["--lang", "fr"][..], &release[..]].concat());
    assert!(!refused.status.success());
    assert!(said(&refused).contains("n'a pas de budget de confidentialité pour 2026Q4"), "{}", said(&refused));
    assert!(refused.stdout.is_empty(), "nothing is printed when nothing is published");
    let budget = issuer(&["figures", "budget", "--department", "hr", "--period", "2026Q4", "--epsilon", "1.5"]);
    assert!(budget.status.success(), "{}", said(&budget));
    let released = issuer(&release);
    assert!(released.status.success(), "{}", said(&released));
    let credential: serde_json::Value = serde_json::from_slice(&released.stdout).unwrap();
    assert_eq!(credential["type"][1], "FiguresCredential");
    assert_eq!(credential["credentialSubject"]["figures"]["period"], "2026Q4");
    assert!(said(&released).contains("/hr/figures/2026Q4/"), "{}", said(&released));
    let spent = issuer(&release);
    assert!(!spent.status.success());
    assert!(said(&spent).contains("nothing was published"), "{}", said(&spent));

    let verifier_data = dir.path().join("verifier-data");
    let verifier = |args: &[&str]| -> Output {
        Command::new(binary("verifier"))
            .env_remove("DATABASE_URL")
            .env_remove("VERIFIER_MASTER_KEY")
            .args(args)
            .args(["--data-dir", verifier_data.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let demand = ["figures", "release", "--period", "2026Q4", "--epsilon", "1"];
    let refused = verifier(&demand);
    assert!(!refused.status.success());
    assert!(said(&refused).contains("no privacy budget for 2026Q4"), "{}", said(&refused));
    assert!(verifier(&["figures", "budget", "--period", "2026Q4", "--epsilon", "1"]).status.success());
    let released = verifier(&demand);
    assert!(released.status.success(), "{}", said(&released));
    let file = dir.path().join("demand.json");
    std::fs::write(&file, &released.stdout).unwrap();

    let combine = |more: &[&str]| -> Output {
        let out = dir.path().join("combined");
        Command::new(binary("verifier"))
            .args(["figures", "combine", file.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .args(more)
            .output()
            .unwrap()
    };
    let left_out = combine(&[]);
    assert_eq!(left_out.status.code(), Some(1), "{}", said(&left_out));
    assert!(said(&left_out).contains("untrusted, left out"), "{}", said(&left_out));
    let included = combine(&["--include-untrusted"]);
    assert_eq!(included.status.code(), Some(0), "{}", said(&included));
    let metadata: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("combined/metadata.json")).unwrap()).unwrap();
    assert_eq!(metadata["sources"][0]["status"], "combined-untrusted");
    assert_eq!(metadata["sources"][0]["period"], "2026Q4");
}
