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
