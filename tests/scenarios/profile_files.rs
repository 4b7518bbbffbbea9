//! The person's profile outside the verifier's own requests (issue #23, items 2 and 6), with the
//! real `verifier serve` and `wallet` binaries: a profile published in the talent directory is
//! withdrawn by `wallet profile withdraw --directory URL` (the verifier's database checked
//! empty after, a second withdrawal saying nothing is published, someone else's wallet
//! withdrawing nothing, and an address that is not one refused in both languages, exit 2).

use std::path::Path;

use credentials::contexts::ContextSet;
use credentials::proof::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use scenarios::{output_text as text, start_verifier, wallet, TestKey};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
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
    let entry =
        format!("[[issuer]]\nid = \"{did}\"\nname = \"Finance\"\nname_fr = \"Finances\"\ncredential_types = [\"*\"]\n");
    std::fs::write(&path, entry).unwrap();
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
