//! The program as a whole: read the arguments (in the language asked for), run the command, say
//! its error once, and exit with its code.

use std::process::ExitCode;

use credentials::error::Detail;
use lang::Lang;

use crate::cli::args::{Cli, Command};
use crate::cli::exit::{EXIT_USAGE, EXIT_VALID};
use crate::cli::help::HELP;
use crate::cli::render::program_error;
use crate::cli::{admin, figures, serve, trust, verify};

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let (cli, lang): (Cli, Lang) = match bilingual_cli::command_line(&*HELP, EXIT_USAGE) {
        Ok(parsed) => parsed,
        Err(code) => return ExitCode::from(code),
    };
    // `verifier verify … | head` ends quietly; a server keeps ignoring SIGPIPE (a client that
    // hangs up must not stop it).
    if !matches!(cli.command, Command::Serve(_)) {
        sigpipe::reset();
    }
    let lang = cli.lang.unwrap_or(lang);
    match run(cli.command, lang) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("{}", program_error(error.get(lang), lang));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Runs one command: its exit code, or why it could not run (in both languages).
fn run(command: Command, lang: Lang) -> Result<u8, Detail> {
    match command {
        Command::Trust(command) => trust::run(command, lang),
        Command::Token(command) => admin::token(command, lang).map(|()| EXIT_VALID),
        Command::Key(command) => admin::key(command, lang).map(|()| EXIT_VALID),
        Command::Requests(command) => admin::requests(command, lang).map(|()| EXIT_VALID),
        Command::Serve(args) => serve::run(*args, lang).map(|()| EXIT_VALID),
        Command::Figures(crate::cli::args::FiguresCommand::Combine(args)) => figures::combine(&args, lang),
        Command::Figures(command) => figures::demand(command, lang).map(|()| EXIT_VALID),
        Command::Verify(args) => {
            verify::run(&args, lang).map_err(|error| Detail::localized(|lang| error.message(lang)))
        }
    }
}
