//! The holder reads a credential in English or French; a tampered one is flagged before its
//! claims are shown.

use std::process::Command;

use scenarios::{binary, repository};

#[test]
fn wallet_shows_a_credential_in_both_languages_and_flags_tampering() {
    let corpus = repository().join("tests/corpus");
    let english =
        Command::new(binary("wallet")).args(["show", "--lang", "en"]).arg(corpus.join("valid.jwt")).output().unwrap();
    assert_eq!(english.status.code(), Some(0));
    let text = String::from_utf8_lossy(&english.stdout);
    assert!(text.contains("Skill: API Design") && text.contains("Level: Advanced"), "{text}");

    let french = Command::new(binary("wallet"))
        .args(["show", "--lang", "fr"])
        .arg(corpus.join("valid-rdfc.json"))
        .output()
        .unwrap();
    assert_eq!(french.status.code(), Some(0));
    let text = String::from_utf8_lossy(&french.stdout);
    assert!(text.contains("Compétence : API Design") && text.contains("Niveau : Avancé"), "{text}");

    let tampered = Command::new(binary("wallet"))
        .args(["show", "--lang", "en"])
        .arg(corpus.join("tampered-subject.json"))
        .output()
        .unwrap();
    assert_eq!(tampered.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&tampered.stderr).contains("does not verify"));

    let garbage = Command::new(binary("wallet")).args(["show"]).arg(corpus.join("not-json.json")).output().unwrap();
    assert_eq!(garbage.status.code(), Some(2));
}

fn wallet(dir: &std::path::Path, passphrase: &str, args: &[&str]) -> std::process::Output {
    Command::new(binary("wallet"))
        .arg("--wallet")
        .arg(dir)
        .args(args)
        .env("WALLET_PASSPHRASE", passphrase)
        .env("WALLET_KDF", "test")
        .output()
        .unwrap()
}

fn issuer(dir: &std::path::Path, args: &[&str]) -> String {
    let output = Command::new(binary("issuer")).args(args).current_dir(dir).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// A skill credential about `subject`, signed by a did:key issuer, written to `name`.
fn credential_for(dir: &std::path::Path, subject: &str, skill: &str, suite: &str, name: &str) {
    if !dir.join("issuer.key").exists() {
        issuer(dir, &["key", "generate", "--out", "issuer.key"]);
    }
    let unsigned = issuer(
        dir,
        &[
            "template",
            "skill",
            "--key",
            "issuer.key",
            "--subject",
            subject,
            "--issuer-name",
            "Treasury Board Secretariat",
            "--issuer-name-fr",
            "Secrétariat du Conseil du Trésor",
            "--skill",
            skill,
            "--level",
            "advanced",
        ],
    );
    std::fs::write(dir.join(format!("{name}.unsigned")), unsigned).unwrap();
    let signed =
        issuer(dir, &["sign", "--key", "issuer.key", "--suite", suite, "--input", &format!("{name}.unsigned")]);
    std::fs::write(dir.join(name), signed).unwrap();
}

fn all_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            bytes.extend(all_bytes(&path));
        } else {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    bytes
}

#[test]
fn wallet_keeps_credentials_encrypted_lists_backs_up_and_presents() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let store = dir.join("wallet");
    let init = wallet(&store, "correct horse battery", &["init"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let holder = String::from_utf8(init.stdout).unwrap().trim().to_owned();
    assert!(holder.starts_with("did:key:z6Mk"), "{holder}");
    assert_eq!(wallet(&store, "correct horse battery", &["init"]).status.code(), Some(3), "a second init is refused");
    // WALLET_DIR names the same wallet as --wallet.
    let by_env = Command::new(binary("wallet"))
        .arg("did")
        .env("WALLET_DIR", &store)
        .env("WALLET_PASSPHRASE", "correct horse battery")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&by_env.stdout).trim(), holder);

    credential_for(dir, &holder, "api_design", "eddsa-rdfc-2022", "mine.json");
    credential_for(dir, &holder, "accessibility_testing", "vc-jwt", "mine.jwt");
    credential_for(
        dir,
        "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "api_design",
        "eddsa-jcs-2022",
        "theirs.json",
    );
    let tampered = std::fs::read_to_string(dir.join("mine.json")).unwrap().replace("\"advanced\"", "\"expert\"");
    std::fs::write(dir.join("tampered.json"), tampered).unwrap();

    // A credential that does not verify is refused and nothing is stored.
    let refused = wallet(&store, "correct horse battery", &["import", dir.join("tampered.json").to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stderr));

    // Someone else's credential is refused with the reason, unless the person insists (#21).
    let theirs = wallet(&store, "correct horse battery", &["import", dir.join("theirs.json").to_str().unwrap()]);
    assert_eq!(theirs.status.code(), Some(2), "{}", String::from_utf8_lossy(&theirs.stderr));
    assert!(String::from_utf8_lossy(&theirs.stderr).contains("issued to another person"));

    // Imports at once: all succeed (one waits for the other's lock).
    let imports: Vec<_> = ["mine.json", "mine.jwt", "theirs.json"]
        .iter()
        .map(|name| {
            Command::new(binary("wallet"))
                .arg("--wallet")
                .arg(&store)
                .args(["import", dir.join(name).to_str().unwrap(), "--force"])
                .env("WALLET_PASSPHRASE", "correct horse battery")
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in imports {
        assert!(child.wait().unwrap().success());
    }
    // The same credential imported again is kept once, and said so (#21).
    let again = wallet(&store, "correct horse battery", &["import", dir.join("mine.json").to_str().unwrap()]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in your wallet"));
    let listed = wallet(&store, "correct horse battery", &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let credentials = list["credentials"].as_array().unwrap();
    assert_eq!(credentials.len(), 3, "{list}");
    let id_of = |skill: &str, suite_hint: usize| -> String {
        credentials.iter().filter(|c| c["skills"][0] == skill).nth(suite_hint).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // No credential field appears anywhere in the wallet directory.
    let bytes = all_bytes(&store);
    for needle in ["API Design", "Treasury Board", "Conseil du Tr", "api_design", "accessibility", "Advanced"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()), "`{needle}` in clear");
    }

    // Filters, and French.
    let french = wallet(&store, "correct horse battery", &["list", "--lang", "fr", "--skill", "accessibility_testing"]);
    let text = String::from_utf8_lossy(&french.stdout);
    assert!(text.contains("compétence") && text.contains("Secrétariat du Conseil du Trésor"), "{text}");
    assert_eq!(text.lines().count(), 2, "{text}");
    // Someone else's credential, kept with --force, is said not to be the holder's (#21).
    let everyone = wallet(&store, "correct horse battery", &["list", "--lang", "fr", "--skill", "api_design"]);
    let text = String::from_utf8_lossy(&everyone.stdout);
    assert_eq!(text.matches("(délivrée à quelqu'un d'autre)").count(), 1, "{text}");
    assert!(text.contains("nom qu'il se donne"), "{text}");
    let shown = wallet(&store, "correct horse battery", &["show", "--lang", "fr", &id_of("accessibility_testing", 0)]);
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains("Compétence :"),
        "{}",
        String::from_utf8_lossy(&shown.stdout)
    );

    // A wrong passphrase fails clearly.
    let wrong = wallet(&store, "wrong", &["list"]);
    assert_eq!(wrong.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong passphrase"));

    // Backup, then restore into a fresh directory: the same credentials.
    let backup = dir.join("wallet.backup");
    // A bare file name: written in the current directory.
    let backed_up = Command::new(binary("wallet"))
        .arg("--wallet")
        .arg(&store)
        .args(["backup", "wallet.backup"])
        .current_dir(dir)
        .env("WALLET_PASSPHRASE", "correct horse battery")
        .output()
        .unwrap();
    assert!(backed_up.status.success(), "{}", String::from_utf8_lossy(&backed_up.stderr));
    let restored_dir = dir.join("restored");
    let restored = wallet(&restored_dir, "correct horse battery", &["restore", backup.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    let again: serde_json::Value =
        serde_json::from_slice(&wallet(&restored_dir, "correct horse battery", &["list", "--json"]).stdout).unwrap();
    assert_eq!(again["credentials"], list["credentials"]);
    // A backup file that is missing or is not a backup is the person's mistake (exit 2), not a
    // wallet that cannot be opened (3); so is a backup to a directory that does not exist.
    let missing = wallet(&dir.join("elsewhere"), "correct horse battery", &["restore", "/no/such/backup.json"]);
    assert_eq!(missing.status.code(), Some(2), "{}", String::from_utf8_lossy(&missing.stderr));
    std::fs::write(dir.join("notes.txt"), "not a backup").unwrap();
    let wrong =
        wallet(&dir.join("elsewhere"), "correct horse battery", &["restore", dir.join("notes.txt").to_str().unwrap()]);
    assert_eq!(wrong.status.code(), Some(2), "{}", String::from_utf8_lossy(&wrong.stderr));
    let nowhere = wallet(&store, "correct horse battery", &["backup", "/no/such/dir/wallet.backup"]);
    assert_eq!(nowhere.status.code(), Some(2), "{}", String::from_utf8_lossy(&nowhere.stderr));

    // Presentations verify with the verifier; another challenge, or someone else's credential, fail.
    // The api_design credential about the holder (another one is about someone else).
    let mine = credentials
        .iter()
        .filter(|c| c["skills"][0] == "api_design")
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .find(|id| {
            let exported = wallet(&store, "correct horse battery", &["export", id]);
            String::from_utf8_lossy(&exported.stdout).contains(&holder)
        })
        .unwrap();
    for format in ["ldp_vp", "jwt_vp"] {
        let presented = wallet(
            &store,
            "correct horse battery",
            &[
                "present",
                &mine,
                &id_of("accessibility_testing", 0),
                "--challenge",
                "c-123",
                "--domain",
                "hr.example",
                "--format",
                format,
                "--out",
                dir.join("vp").to_str().unwrap(),
            ],
        );
        assert!(presented.status.success(), "{}", String::from_utf8_lossy(&presented.stderr));
        let verify = |challenge: &str| {
            Command::new(binary("verifier"))
                .args(["verify", "--challenge", challenge, "--domain", "hr.example"])
                .arg(dir.join("vp"))
                .output()
                .unwrap()
        };
        let good = verify("c-123");
        // Checks out; no registry names the issuer: exit 3, never "valid" (issue #21).
        assert_eq!(good.status.code(), Some(3), "{format}: {}", String::from_utf8_lossy(&good.stdout));
        assert_eq!(verify("c-999").status.code(), Some(1), "{format}: another challenge");
    }
    let theirs = credentials
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .find(|id| {
            let shown = wallet(&store, "correct horse battery", &["export", id]);
            String::from_utf8_lossy(&shown.stdout).contains("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        })
        .unwrap()
        .to_owned();
    assert!(wallet(
        &store,
        "correct horse battery",
        &["present", &theirs, "--challenge", "c", "--domain", "d", "--out", dir.join("vp2").to_str().unwrap()]
    )
    .status
    .success());
    let stolen = Command::new(binary("verifier"))
        .args(["verify", "--json", "--challenge", "c", "--domain", "d"])
        .arg(dir.join("vp2"))
        .output()
        .unwrap();
    assert_eq!(stolen.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&stolen.stdout).contains("holder_binding"),
        "{}",
        String::from_utf8_lossy(&stolen.stdout)
    );

    // Flipping one byte of one stored credential makes only that one unreadable, and says so.
    let entries_dir = store.join("entries");
    let victim = std::fs::read_dir(&entries_dir).unwrap().next().unwrap().unwrap().path();
    let mut sealed = std::fs::read(&victim).unwrap();
    sealed[50] ^= 0x01;
    std::fs::write(&victim, sealed).unwrap();
    let damaged = wallet(&store, "correct horse battery", &["list", "--json"]);
    let after: serde_json::Value = serde_json::from_slice(&damaged.stdout).unwrap();
    assert_eq!(after["credentials"].as_array().unwrap().len(), 2);
    assert_eq!(after["damaged"].as_array().unwrap().len(), 1);
    assert!(String::from_utf8_lossy(&damaged.stderr).contains("damaged entry"));

    // Delete: the entry is gone from the list.
    let survivor = after["credentials"][0]["id"].as_str().unwrap().to_owned();
    assert!(wallet(&store, "correct horse battery", &["delete", &survivor]).status.success());
    let left: serde_json::Value =
        serde_json::from_slice(&wallet(&store, "correct horse battery", &["list", "--json"]).stdout).unwrap();
    assert_eq!(left["credentials"].as_array().unwrap().len(), 1);
}
