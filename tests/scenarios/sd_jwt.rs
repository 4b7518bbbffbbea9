//! Selective disclosure across real processes: an SD-JWT VC with five skills is imported into
//! the wallet, presented with two of them for one verifier's challenge, and checked by
//! `verifier verify`, which names exactly the two claims shown; the other three are nowhere in
//! the file the holder handed over.

use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use credentials::did::StaticResolver;
use scenarios::{binary, wallet, TestKey};
use schemas::{AssignmentCredentialBuilder, Issuer, LocalizedText, OrganizationUnit};

const SKILLS: [&str; 5] =
    ["api_design", "cloud_security", "cloud_architecture", "accountability", "agile_methodologies"];

fn verify(file: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(binary("verifier")).arg("verify").arg(file).args(args).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code(), text)
}

#[test]
fn wallet_discloses_two_of_five_skills_and_the_verifier_names_exactly_those() {
    let work = tempfile::tempdir().unwrap();
    let store = work.path().join("wallet");
    let init = wallet(&store, &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();

    let issuer = Arc::new(TestKey::from_seed(41));
    let valid_from: DateTime<Utc> = "2026-01-05T00:00:00Z".parse().unwrap();
    let mut builder = AssignmentCredentialBuilder::new(
        "urn:uuid:0d8e7c52-5a1b-4e6f-9c3d-2b1a0f9e8d7c",
        Issuer { id: issuer.did(), name: LocalizedText::new("Department A", "Ministère A") },
        LocalizedText::new("Cloud Architect", "Architecte infonuagique"),
        OrganizationUnit::named(LocalizedText::new("Department A", "Ministère A")),
        "2025-01-06T00:00:00Z".parse().unwrap(),
        valid_from,
    )
    .subject(holder.clone())
    .team(OrganizationUnit::named(LocalizedText::new("Confidential Team", "Équipe confidentielle")));
    for skill in SKILLS {
        builder = builder.skill(skill);
    }
    let issued = credentials::sd_jwt_vc::issue(
        &builder.build().unwrap(),
        issuer,
        &StaticResolver::new(),
        valid_from.timestamp(),
        None,
    )
    .unwrap();
    let file = work.path().join("assignment.sd-jwt");
    std::fs::write(&file, &issued).unwrap();

    let imported = wallet(&store, &["import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&wallet(&store, &["list", "--json"]).stdout).unwrap();
    let entry = &listed["credentials"][0];
    assert_eq!(entry["type"], "assignment", "{listed}");
    assert_eq!(entry["skills"].as_array().unwrap().len(), 5, "{listed}");
    let id = entry["id"].as_str().unwrap().to_owned();

    let presented = work.path().join("presented.txt");
    let present = wallet(
        &store,
        &[
            "present",
            &id,
            "--disclose",
            "skills.api_design,skills.cloud_security",
            "--challenge",
            "nonce-7",
            "--domain",
            "hr.example",
            "--out",
            presented.to_str().unwrap(),
        ],
    );
    assert!(present.status.success(), "{}", String::from_utf8_lossy(&present.stderr));
    let bytes = std::fs::read_to_string(&presented).unwrap();
    let mut decoded = String::new();
    for part in bytes.trim().split('~').flat_map(|part| part.split('.')) {
        use base64::Engine;
        if let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part) {
            decoded.push_str(&String::from_utf8_lossy(&raw));
        }
    }
    assert!(decoded.contains("api_design") && decoded.contains("cloud_security"));
    for hidden in ["cloud_architecture", "accountability", "agile_methodologies", "Confidential"] {
        assert!(!decoded.contains(hidden) && !bytes.contains(hidden), "{hidden} was sent");
    }

    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "hr.example"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("disclosed claims: skills.api_design, skills.cloud_security"), "{text}");
    assert!(text.contains("Skills used: API Design"), "{text}");
    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "hr.example", "--lang", "fr"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("éléments divulgués : skills.api_design, skills.cloud_security"), "{text}");

    // Replayed to another request, or sent to another verifier.
    let (code, text) = verify(&presented, &["--challenge", "nonce-8", "--domain", "hr.example"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("key_binding_nonce_mismatch"), "{text}");
    let (code, text) = verify(&presented, &["--challenge", "nonce-7", "--domain", "other.example"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("key_binding_audience_mismatch"), "{text}");

    // A claim that is always shown cannot be "disclosed"; nothing is written.
    let refused = wallet(&store, &["present", &id, "--disclose", "role", "--challenge", "n", "--domain", "d"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("claim_not_disclosable"));
    // Without --disclose and without a terminal, nothing beyond the always-shown claims goes out.
    let least = wallet(&store, &["present", &id, "--challenge", "n", "--domain", "d"]);
    assert!(least.status.success(), "{}", String::from_utf8_lossy(&least.stderr));
    let (_, text) = verify_text(&String::from_utf8(least.stdout).unwrap(), work.path());
    assert!(text.contains("disclosed claims: none"), "{text}");
}

fn verify_text(text: &str, dir: &std::path::Path) -> (Option<i32>, String) {
    let file = dir.join("least.txt");
    std::fs::write(&file, text).unwrap();
    verify(&file, &["--challenge", "n", "--domain", "d"])
}
