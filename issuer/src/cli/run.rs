//! From the process's arguments to its exit code (`main → run → ExitCode`): the language is
//! read before parsing so help and parse errors speak it, each command runs, and a failure is
//! printed once, with its causes, before the program ends with the failure's code.

use std::process::ExitCode;

use credentials::SystemClock;
use schemas::Lang;

use crate::cli::args::{Cli, Command, KeyCommand};
use crate::cli::error::CommandError;
use crate::cli::exit::{EXIT_OK, EXIT_USAGE};
use crate::cli::help::HELP;
use crate::cli::{offline, service};
use crate::i18n::t;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let (cli, lang): (Cli, Lang) = match bilingual_cli::command_line(&*HELP, EXIT_USAGE) {
        Ok(parsed) => parsed,
        Err(code) => return ExitCode::from(code),
    };
    // `issuer audit … | head -1` ends quietly; a server keeps ignoring SIGPIPE (a client that
    // hangs up must not stop it).
    if !matches!(cli.command, Command::Serve(_)) {
        sigpipe::reset();
    }
    let lang = cli.lang.unwrap_or(lang);
    match run(cli, lang) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(error) => {
            let message = error.message(lang);
            let said = match &error {
                CommandError::Usage(_) => t!(lang, "cli-usage-error", message = message),
                _ => t!(lang, "cli-error", message = message),
            };
            eprintln!("{said}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// Runs one parsed command.
fn run(cli: Cli, lang: Lang) -> Result<(), CommandError> {
    let clock = SystemClock;
    match cli.command {
        command @ (Command::Serve(_)
        | Command::Department(_)
        | Command::Token(_)
        | Command::Audit { .. }
        | Command::IssueBatch { .. }
        | Command::Credential(_)
        | Command::Figures(_)
        | Command::Key(KeyCommand::Rotate { .. } | KeyCommand::Retire { .. } | KeyCommand::Destroy { .. })) => {
            service::run(command, lang)
        }
        Command::Key(KeyCommand::Generate { out, passphrase_env, verification_method }) => {
            offline::generate_key(&out, passphrase_env.as_deref(), verification_method, lang)
        }
        Command::Key(KeyCommand::DidDocument { keys }) => offline::did_document(&keys),
        Command::Template(command) => offline::print_template(*command, &clock),
        Command::Sign(args) => offline::sign(&args, &clock),
    }
}
