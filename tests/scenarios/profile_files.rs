//! The person's profile outside the verifier's own requests (issue #23, items 2 and 6), with the
//! real `verifier serve` and `wallet` binaries: a profile published in the talent directory is
//! withdrawn by `wallet profile withdraw --directory URL` (the verifier's database checked
//! empty after, a second withdrawal saying nothing is published, someone else's wallet
//! withdrawing nothing, and an address that is not one refused in both languages, exit 2); and
//! `wallet profile export --audience DOMAIN --expires 30d` writes a signed profile file (never
//! over another file without --force, SD-JWT credentials left out and said) that `verifier
//! verify --audience` accepts for its audience and refuses for another, after it expires (its
//! `--at` clock), and without an audience; pasted on the page of `verifier serve`, it reads as
//! the manager's profile page with its audience checked against the service's own address.

use std::path::Path;
use std::process::Command;

use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use scenarios::{binary, output_text as text, start_verifier, wallet, TestKey};
use schemas::{AssignmentCredentialBuilder, Issuer, Level, LocalizedText, OrganizationUnit, SkillCredentialBuilder};
use serde_json::Value;

const ISSUER_SEED: u8 = 41;

/// A skill credential about `holder`, signed by the test issuer.
fn skill(holder: &str, key: &str, level: Level) -> Value {
    let issuer = TestKey::from_seed(ISSUER_SEED);
    let id = format!("urn:uuid:{}", uuid_like());
    let credential = SkillCredentialBuilder::new(
        id,
        Issuer { id: issuer.did(), name: LocalizedText::new("Finance Canada", "Finances Canada") },
        key,
        level,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder)
    .build()
    .unwrap();
    let options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    add_proof(&credential, &issuer, &options, &ContextSet::standard()).unwrap()
}

fn uuid_like() -> String {
    let hex = hex::encode(rand::random::<[u8; 16]>());
    format!("{}-{}-4{}-8{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// A new wallet in `dir` holding the skills `(key, level)`; returns its DID.
fn wallet_with(dir: &Path, skills: &[(&str, Level)]) -> String {
    assert!(wallet(dir, &["init"]).status.success());
    let did = String::from_utf8_lossy(&wallet(dir, &["did"]).stdout).trim().to_owned();
    for (n, (key, level)) in skills.iter().enumerate() {
        let file = dir.with_extension(format!("skill{n}.json"));
        std::fs::write(&file, skill(&did, key, *level).to_string()).unwrap();
        let imported = wallet(dir, &["import", file.to_str().unwrap()]);
        assert!(imported.status.success(), "{}", text(&imported));
    }
    did
}

/// The registry naming the test issuer.
fn registry(dir: &Path) -> String {
    let path = dir.join("trust.toml");
    let did = TestKey::from_seed(ISSUER_SEED).did();
    scenarios::trust_file(&path, &[(&did, "Finance", "Finances", "*")]);
    path.to_str().unwrap().to_owned()
}

/// The verifier's directory: (publications, skill rows), read in its own database.
fn directory_counts(data: &Path) -> (i64, i64) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async { verifier::store::Store::in_directory(data).unwrap().directory_counts().await.unwrap() })
}

#[test]
fn a_published_profile_is_withdrawn_by_the_wallet_and_only_its_own() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let store = dir.join("wallet");
    wallet_with(&store, &[("api_design", Level::Advanced), ("cloud_architecture", Level::Expert)]);
    let data = dir.join("verifier-data");
    let (_verifier, base) = start_verifier(&["--trust", &registry(dir), "--data-dir", data.to_str().unwrap()]);

    // Publish: the standing request of the directory's page, answered by the wallet.
    let page = ureq::get(&format!("{base}/directory/publish?lang=en")).call().unwrap().into_string().unwrap();
    assert!(page.contains(&format!("wallet profile withdraw --directory {base}")), "{page}");
    let link = page.split("value=\"").find(|part| part.starts_with("openid4vp://")).unwrap();
    let link = link.split('"').next().unwrap().replace("&amp;", "&");
    let published = wallet(&store, &["present", "--request", &link, "--yes"]);
    assert!(published.status.success(), "{}", text(&published));
    assert_eq!(directory_counts(&data), (1, 2), "one publication, two verified skills");

    // Someone else's wallet has nothing published there: nothing is withdrawn.
    let stranger = dir.join("stranger");
    wallet_with(&stranger, &[]);
    let nothing = wallet(&stranger, &["profile", "withdraw", "--directory", &base]);
    assert!(nothing.status.success(), "{}", text(&nothing));
    assert!(text(&nothing).contains("Nothing is published under your key"), "{}", text(&nothing));
    assert_eq!(directory_counts(&data), (1, 2));

    // A directory that cannot be reached: exit 1, nothing withdrawn, and what to do next.
    let down = format!("http://127.0.0.1:{}", scenarios::free_port());
    let unreachable = wallet(&store, &["profile", "withdraw", "--directory", &down]);
    assert_eq!(unreachable.status.code(), Some(1), "{}", text(&unreachable));
    assert!(
        text(&unreachable).contains("Nothing was withdrawn") && text(&unreachable).contains("again later"),
        "{}",
        text(&unreachable)
    );
    assert_eq!(directory_counts(&data), (1, 2));

    // The holder's own wallet: withdrawn, and gone from the database with its skill rows.
    let withdrawn = wallet(&store, &["profile", "withdraw", "--directory", &base]);
    assert!(withdrawn.status.success(), "{}", text(&withdrawn));
    let said = text(&withdrawn);
    assert!(
        said.contains(&format!("Your profile is withdrawn from the talent directory at {base} (publication dp-")),
        "{said}"
    );
    assert_eq!(directory_counts(&data), (0, 0));

    // Again, in French: nothing is published any more.
    let again = wallet(&store, &["--lang", "fr", "profile", "withdraw", "--directory", &format!("{base}/")]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(text(&again).contains("Rien n'est publié sous votre clé"), "{}", text(&again));

    // Not an address, or plain http elsewhere than this machine: a usage error, in both languages.
    for (lang, url, expected) in [
        ("en", "verifier.example", "`verifier.example` is not a directory address"),
        ("fr", "http://verifier.example", "« http://verifier.example » n'est pas l'adresse d'un répertoire"),
    ] {
        let refused = wallet(&store, &["--lang", lang, "profile", "withdraw", "--directory", url]);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
        assert!(text(&refused).contains(expected), "{}", text(&refused));
    }
}

/// An assignment credential about `holder` as an SD-JWT VC, signed by the test issuer.
fn sd_jwt_assignment(holder: &str) -> String {
    let issuer = std::sync::Arc::new(TestKey::from_seed(ISSUER_SEED));
    let valid_from = SystemClock.now() - chrono::Duration::days(1);
    let credential = AssignmentCredentialBuilder::new(
        format!("urn:uuid:{}", uuid_like()),
        Issuer { id: issuer.did(), name: LocalizedText::new("Finance Canada", "Finances Canada") },
        LocalizedText::new("Analyst", "Analyste"),
        OrganizationUnit::named(LocalizedText::new("Finance Canada", "Finances Canada")),
        valid_from - chrono::Duration::days(300),
        valid_from,
    )
    .subject(holder)
    .skill("api_design")
    .build()
    .unwrap();
    credentials::sd_jwt_vc::issue(&credential, issuer, &StaticResolver::new(), valid_from.timestamp(), None).unwrap()
}

/// `verifier [--lang LANG] verify ARGS…`: (exit code, everything it said).
fn verify(lang: &str, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(binary("verifier")).args(["--lang", lang, "verify"]).args(args).output().unwrap();
    (output.status.code(), text(&output))
}

#[test]
fn a_profile_file_is_accepted_for_its_audience_only_and_until_it_expires() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let store = dir.join("wallet");
    let did = wallet_with(&store, &[("api_design", Level::Advanced), ("cloud_architecture", Level::Expert)]);
    let sd_jwt = dir.join("assignment.sd-jwt");
    std::fs::write(&sd_jwt, sd_jwt_assignment(&did)).unwrap();
    let imported = wallet(&store, &["import", sd_jwt.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported));
    let trust = registry(dir);
    let (_verifier, base) = start_verifier(&["--trust", &trust]);
    let audience = base.trim_start_matches("http://").to_owned();
    // The person's own words about one of them travel with the file.
    let listed: serde_json::Value = serde_json::from_slice(&wallet(&store, &["list", "--json"]).stdout).unwrap();
    let api = listed["credentials"].as_array().unwrap().iter().find(|c| c.to_string().contains("API Design")).unwrap();
    let noted = wallet(&store, &["profile", "note", api["id"].as_str().unwrap(), "--en", "Designed the pay API."]);
    assert!(noted.status.success(), "{}", text(&noted));

    // The file: two credentials, the SD-JWT one left out and said so.
    let file = dir.join("profile.json");
    let path = file.to_str().unwrap();
    let exported = wallet(&store, &["profile", "export", "--audience", &audience, "--expires", "30d", "--out", path]);
    assert!(exported.status.success(), "{}", text(&exported));
    let said = text(&exported);
    for expected in [
        &format!(
            "Your profile file for {audience} holds 2 credentials, signed with your wallet's key; it is valid until "
        ),
        "1 SD-JWT credential is left out (",
        &format!("Written to {path}."),
    ] {
        assert!(said.contains(expected), "{expected}:\n{said}");
    }
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let proof = &written["proof"];
    assert_eq!(
        (proof["cryptosuite"].as_str(), proof["proofPurpose"].as_str(), proof["domain"].as_str()),
        (Some("eddsa-jcs-2022"), Some("authentication"), Some(audience.as_str()))
    );
    let expires = chrono::DateTime::parse_from_rfc3339(proof["expires"].as_str().unwrap()).unwrap();
    let days = (expires.with_timezone(&chrono::Utc) - SystemClock.now()).num_hours();
    assert!((29 * 24..=30 * 24).contains(&days), "{proof}");
    assert!(proof["challenge"].as_str().is_some_and(|c| c.len() > 20), "{proof}");
    let carried = written["verifiableCredential"].as_array().unwrap();
    assert_eq!(carried.len(), 3, "two credentials and the person's words");
    assert!(carried[2]["type"].to_string().contains("OwnWordsCredential"), "{}", carried[2]);

    // Never over another file without --force; refused lifetimes and audiences, in both languages.
    let again = wallet(&store, &["profile", "export", "--audience", &audience, "--out", path]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains(&format!("{path} exists: choose another file, or replace it with --force")));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), serde_json::to_string_pretty(&written).unwrap());
    let forced = wallet(&store, &["profile", "export", "--audience", &audience, "--out", path, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    for (lang, args, expected) in [
        ("en", ["jobs.example", "0d"], "a profile file must stay valid for some time"),
        ("fr", ["jobs.example", "2y"], "« 2y » n'est pas une durée"),
        ("en", ["jobs.example", "400d"], "`400d` is more than a year"),
        ("fr", ["https://jobs.example", "30d"], "« https://jobs.example » n'est pas un domaine"),
    ] {
        let command = ["--lang", lang, "profile", "export", "--audience", args[0], "--expires", args[1]];
        let refused = wallet(&store, &command);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
        assert!(text(&refused).contains(expected), "{expected}:\n{}", text(&refused));
    }

    // `verifier verify`: accepted for its audience; refused for another, without one, and after it expires.
    let (code, said) = verify("en", &[path, "--trust", &trust, "--audience", &audience]);
    assert_eq!(code, Some(0), "{said}");
    let (code, said) = verify("en", &[path, "--trust", &trust, "--audience", "jobs.example"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains(&format!("the presentation's domain is {audience}, expected jobs.example")), "{said}");
    let (code, said) = verify("fr", &[path, "--trust", &trust]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains(&format!("la présentation a été faite pour {audience} seulement")), "{said}");
    let later = (SystemClock.now() + chrono::Duration::days(31)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (code, said) = verify("en", &[path, "--trust", &trust, "--audience", &audience, "--at", &later]);
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("the proof expired at "), "{said}");

    // Pasted on the page of the service it was made for: the manager's profile page.
    let document = std::fs::read_to_string(&file).unwrap();
    let page = ureq::post(&format!("{base}/page/verify"))
        .send_form(&[("document", &document), ("lang", "en")])
        .unwrap()
        .into_string()
        .unwrap();
    for expected in [
        "Talent profile",
        "API Design — Advanced",
        "Cloud Architecture — Expert",
        &format!("Profile file made for {audience}: this service, checked."),
        "The holder signed it until ",
        "In their own words (not verified)",
        "Designed the pay API.",
    ] {
        assert!(page.contains(expected), "{expected}:\n{page}");
    }
}
