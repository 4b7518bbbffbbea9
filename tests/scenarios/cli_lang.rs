//! The three command lines speak French from the first thing a person types: help, usage and
//! mistakes in the arguments, chosen by `--lang` or by the locale.

use std::process::{Command, Output};

use scenarios::binary;

fn run(program: &str, args: &[&str], locale: &str) -> Output {
    Command::new(binary(program))
        .args(args)
        .env("LANG", locale)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[test]
fn help_is_french_with_lang_fr_or_a_french_locale() {
    for (program, args, expected) in [
        ("issuer", vec!["--lang", "fr", "--help"], "Émettre des attestations de compétences et d'affectations"),
        ("issuer", vec!["department", "create", "--help", "--lang", "fr"], "Le nom du ministère en français"),
        ("verifier", vec!["--lang=fr", "verify", "--help"], "Vérifier la validité à ce moment (RFC 3339)"),
        ("wallet", vec!["present", "--help", "--lang", "fr"], "Avec --request : envoyer sans demander"),
    ] {
        let output = run(program, &args, "en_CA.UTF-8");
        assert_eq!(output.status.code(), Some(0), "{program} {args:?}: {}", text(&output));
        let help = text(&output);
        assert!(help.contains(expected) && help.contains("Utilisation : "), "{program} {args:?}:\n{help}");
        for english in ["Usage:", "Print help", "[default:"] {
            assert!(!help.contains(english), "{program} {args:?} left {english:?}:\n{help}");
        }
    }
    let help = text(&run("wallet", &["--help"], "fr_CA.UTF-8"));
    assert!(help.contains("Commandes :") && help.contains("Lister vos attestations"), "{help}");
    let english = text(&run("wallet", &["--help"], "en_CA.UTF-8"));
    assert!(english.contains("Usage: wallet") && english.contains("List your credentials"), "{english}");
}

#[test]
fn argument_mistakes_are_said_in_french_with_the_usage_exit_code() {
    let output = run("verifier", &["verify", "--statu-cache", "3", "x.json"], "fr_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.starts_with("erreur : argument inattendu « --statu-cache »"), "{said}");
    assert!(said.contains("« --status-cache »") && said.contains("Pour en savoir plus, essayez « --help »."), "{said}");

    let output = run("issuer", &["--lang", "fr", "token", "create", "--scopes", "issue"], "en_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("arguments obligatoires manquants :") && said.contains("--department <MINISTÈRE>"), "{said}");

    // A value our own parser refuses says why, in French too.
    let output = run("issuer", &["sign", "--key", "k.json", "--suite", "rsa"], "fr_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("valeur « rsa » invalide pour « --suite <SUITE> » : suite inconnue « rsa »"), "{said}");

    // Nothing at all: the French help, as a usage error; options but no subcommand: said so.
    let output = run("issuer", &[], "fr_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("Utilisation : issuer") && said.contains("Codes de sortie :"), "{said}");
    let output = run("issuer", &["--lang", "fr"], "en_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("« issuer » demande une sous-commande, mais aucune n'a été donnée"), "{said}");

    let output = run("wallet", &["--lang", "fr", "lst"], "en_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("sous-commande inconnue « lst »"));

    // English stays clap's own text, and the exit code is the same.
    let output = run("wallet", &["lst"], "en_CA.UTF-8");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unrecognized subcommand 'lst'"));
}
