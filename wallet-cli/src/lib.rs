//! The holder's wallet. A person reads a credential in their own language and sees whether it
//! still checks out before handing it to an employer. The encrypted store, OpenID4VCI receiving
//! and presenting come later; this first command reads a credential file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use credentials::contexts::ContextSet;
use credentials::did::StaticResolver;
use credentials::error::Describe;
use credentials::verify::{PresentationOptions, Verifier};
use credentials::SystemClock;
use schemas::Lang;

/// The credential is shown and verifies.
pub const EXIT_OK: u8 = 0;
/// The credential is shown but does not verify.
pub const EXIT_INVALID: u8 = 1;
/// Usage error or unreadable file.
pub const EXIT_USAGE: u8 = 2;

const EXIT_CODES_HELP: &str = "Exit codes / Codes de sortie:\n  0  shown, verifies / affichée, vérifiée\n  1  shown, does not verify / affichée, non vérifiée\n  2  usage or input error / erreur d'utilisation ou d'entrée";

#[derive(Debug, Parser)]
#[command(name = "wallet", version, about = "Your credentials / Vos attestations", after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Language: en or fr (default: from LANG).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show a credential file (JSON or JWT) in your language, checked offline.
    Show {
        file: PathBuf,
        /// Print the credential's JSON instead.
        #[arg(long)]
        json: bool,
    },
}

fn show(file: &PathBuf, json: bool, lang: Lang) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("wallet: {} {}: {error}", lang.pick("cannot read", "lecture impossible de"), file.display());
            return EXIT_USAGE;
        }
    };
    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let report = match verifier.verify_bytes(&bytes, &PresentationOptions::default()) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("wallet: {} [{}]", error.message(lang), error.code());
            return EXIT_USAGE;
        }
    };
    let Some(content) = report.content.as_ref() else {
        eprintln!(
            "wallet: {}",
            lang.pick(
                "this file holds a presentation, not a credential",
                "ce fichier contient une présentation, pas une attestation"
            )
        );
        return EXIT_USAGE;
    };
    let failure = report.first_failure();
    if let Some((kind, failure)) = &failure {
        eprintln!("✗ {}{}{}", kind.label_for(lang, report.document), lang.pick(": ", " : "), failure.message(lang));
        eprintln!(
            "{}",
            lang.pick(
                "This credential does not verify: do not rely on what it says below.",
                "Cette attestation ne se vérifie pas : ne vous fiez pas à ce qu'elle affirme ci-dessous."
            )
        );
    }
    if json {
        println!("{}", serde_json::to_string_pretty(content).unwrap_or_default());
    } else {
        match schemas::describe(content, lang) {
            Some(fields) => {
                let colon = lang.pick(": ", " : ");
                for field in fields {
                    println!("{}{colon}{}", field.label, field.value);
                }
            }
            None => println!(
                "{}",
                lang.pick(
                    "(not a skill or assignment credential)",
                    "(ni une attestation de compétence ni d'affectation)"
                )
            ),
        }
    }
    if failure.is_some() {
        return EXIT_INVALID;
    }
    eprintln!("{}", lang.pick("✓ verifies (offline)", "✓ vérifiée (hors ligne)"));
    EXIT_OK
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let lang = cli.lang.unwrap_or_else(credentials::environment_lang);
    ExitCode::from(match &cli.command {
        Command::Show { file, json } => show(file, *json, lang),
    })
}
