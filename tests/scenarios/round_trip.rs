//! Build, sign and verify skill and assignment credentials with the real binaries, for every
//! securing mechanism; then tamper and see the verifier exit 1 naming the failed check.

use std::path::Path;
use std::process::{Command, Output};

use scenarios::binary;

fn run(program: &str, args: &[&str], directory: &Path, stdin: Option<&Path>) -> Output {
    let mut command = Command::new(binary(program));
    command.args(args).current_dir(directory).env("LANG", "en_CA.UTF-8");
    if let Some(path) = stdin {
        command.stdin(std::fs::File::open(path).unwrap());
    }
    command.output().unwrap()
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Generates the department's key `dept.key` and a registry `trust.toml` trusting its DID for
/// every kind of credential: without one, `verifier verify` never calls a credential valid
/// (issue #21; an issuer nobody said to trust exits 3).
fn department_key_and_registry(directory: &Path) {
    let did = ok(&run("issuer", &["key", "generate", "--out", "dept.key"], directory, None));
    let names = ["--name", "Canada School of Public Service", "--name-fr", "École de la fonction publique du Canada"];
    let mut args = vec!["trust", "add", "--registry", "trust.toml", did.trim(), "--types", "*"];
    args.extend(names);
    ok(&run("verifier", &args, directory, None));
}

const ISSUER_NAMES: [&str; 4] =
    ["--issuer-name", "Canada School of Public Service", "--issuer-name-fr", "École de la fonction publique du Canada"];

fn templates(directory: &Path) -> Vec<(&'static str, String)> {
    let holder = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    let mut skill_args = vec![
        "template",
        "skill",
        "--key",
        "dept.key",
        "--subject",
        holder,
        "--skill",
        "api_design",
        "--level",
        "advanced",
    ];
    skill_args.extend(ISSUER_NAMES);
    skill_args.extend([
        "--evidence",
        "Led the design of the HR API",
        "--evidence-fr",
        "A dirigé la conception de l'API RH",
    ]);
    let skill = ok(&run("issuer", &skill_args, directory, None));
    let mut assignment_args = vec![
        "template",
        "assignment",
        "--key",
        "dept.key",
        "--subject",
        holder,
        "--role",
        "Lead developer",
        "--role-fr",
        "Développeuse principale",
        "--department",
        "Employment and Social Development Canada",
        "--department-fr",
        "Emploi et Développement social Canada",
        "--team",
        "Benefits Delivery",
        "--team-fr",
        "Prestation des avantages",
        "--start",
        "2024-04-01T00:00:00Z",
        "--end",
        "2025-03-31T00:00:00Z",
        "--skill",
        "api_design",
        "--skill",
        "accessibility_testing",
    ];
    assignment_args.extend(ISSUER_NAMES);
    let assignment = ok(&run("issuer", &assignment_args, directory, None));
    vec![("skill", skill), ("assignment", assignment)]
}

#[test]
fn every_mechanism_round_trips_and_tampering_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let directory = dir.path();
    department_key_and_registry(directory);
    for (kind, unsigned) in templates(directory) {
        let unsigned_path = directory.join(format!("{kind}.json"));
        std::fs::write(&unsigned_path, &unsigned).unwrap();
        for suite in ["eddsa-rdfc-2022", "eddsa-jcs-2022", "vc-jwt"] {
            let signed =
                ok(&run("issuer", &["sign", "--key", "dept.key", "--suite", suite], directory, Some(&unsigned_path)));
            let extension = if suite == "vc-jwt" { "jwt" } else { "json" };
            let signed_path = directory.join(format!("{kind}-{suite}.{extension}"));
            std::fs::write(&signed_path, &signed).unwrap();
            let verify = ["verify", "--trust", "trust.toml", signed_path.to_str().unwrap()];
            let report = ok(&run("verifier", &verify, directory, None));
            assert!(
                report.contains("VALID") && report.contains("✓ signature") && report.contains("✓ schema"),
                "{kind} {suite}: {report}"
            );

            // Tamper with the claims: the verifier exits 1 and names the signature check.
            let tampered = if suite == "vc-jwt" {
                let parts: Vec<&str> = signed.trim().split('.').collect();
                use base64::Engine;
                let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
                let payload =
                    String::from_utf8(engine.decode(parts[1]).unwrap()).unwrap().replace("api_design", "data_analysis");
                format!("{}.{}.{}", parts[0], engine.encode(payload), parts[2])
            } else {
                signed.replace("api_design", "data_analysis")
            };
            let tampered_path = directory.join(format!("{kind}-{suite}-tampered.{extension}"));
            std::fs::write(&tampered_path, tampered).unwrap();
            let verify = ["verify", "--trust", "trust.toml", tampered_path.to_str().unwrap()];
            let output = run("verifier", &verify, directory, None);
            let text = String::from_utf8_lossy(&output.stdout);
            assert_eq!(output.status.code(), Some(1), "{kind} {suite}: {text}");
            assert!(text.contains("✗ signature") && text.contains("signature_mismatch"), "{kind} {suite}: {text}");
        }
    }
}

#[test]
fn french_report_and_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let directory = dir.path();
    department_key_and_registry(directory);
    let (_, unsigned) = templates(directory).remove(0);
    let unsigned_path = directory.join("skill.json");
    std::fs::write(&unsigned_path, unsigned).unwrap();
    let signed = ok(&run("issuer", &["sign", "--key", "dept.key"], directory, Some(&unsigned_path)));
    std::fs::write(directory.join("signed.json"), signed).unwrap();
    let french =
        ok(&run("verifier", &["verify", "--lang", "fr", "--trust", "trust.toml", "signed.json"], directory, None));
    assert!(french.contains("VALIDE") && french.contains("émetteur") && french.contains("✓ schéma"), "{french}");
    // `--lang` is global: before the subcommand too, and for its usage errors.
    let global = ["--lang", "fr", "verify", "--trust", "trust.toml", "signed.json"];
    assert_eq!(ok(&run("verifier", &global, directory, None)), french);
    let missing = run("verifier", &["--lang", "fr", "verify", "absent.json"], directory, None);
    assert_eq!(missing.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&missing.stdout);
    assert!(stdout.contains("lecture impossible de absent.json : fichier ou dossier introuvable"), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&ok(&run(
        "verifier",
        &["verify", "--json", "--trust", "trust.toml", "signed.json"],
        directory,
        None,
    )))
    .unwrap();
    assert_eq!(json["summary"]["valid"], 1);
    assert_eq!(json["results"][0]["report"]["format"], "eddsa-rdfc-2022");
}

#[test]
fn issuer_refuses_to_sign_what_a_verifier_would_reject() {
    let dir = tempfile::tempdir().unwrap();
    let directory = dir.path();
    ok(&run("issuer", &["key", "generate", "--out", "dept.key"], directory, None));
    let (_, unsigned) = templates(directory).remove(0);
    let mut credential: serde_json::Value = serde_json::from_str(&unsigned).unwrap();
    credential["credentialSubject"]["achievement"]["localizedName"].as_object_mut().unwrap().remove("fr");
    let path = directory.join("bad.json");
    std::fs::write(&path, credential.to_string()).unwrap();
    let output = run("issuer", &["sign", "--key", "dept.key"], directory, Some(&path));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/credentialSubject/achievement/localizedName"));

    let other = ok(&run("issuer", &["key", "generate", "--out", "other.key"], directory, None));
    std::fs::write(&path, unsigned).unwrap();
    let output = run("issuer", &["sign", "--key", "other.key"], directory, Some(&path));
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains(other.trim()));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = run("verifier", &["verify", "--at", "not-a-date", "x.json"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    let output = run("verifier", &["verify"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    let output = run("verifier", &["verify", "does-not-exist.json"], dir.path(), None);
    assert_eq!(output.status.code(), Some(2));
    let output = run("issuer", &["sign", "--key", "missing.key"], dir.path(), None);
    assert_eq!(output.status.code(), Some(1));
}
