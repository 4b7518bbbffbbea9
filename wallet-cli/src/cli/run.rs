//! `main → run → ExitCode`, as ripgrep does it: the arguments are read in the reader's language,
//! one command runs, and a failure is printed once, with its exit code.

use std::process::ExitCode;

use lang::Lang;

use crate::cli::args::{Cli, Command, ProfileAction, RefreshArgs};
use crate::cli::exit::{Failure, EXIT_OK, EXIT_USAGE};
use crate::cli::presenting::Asked;
use crate::cli::{answering, help, keeping, listing, presenting, profile, receiving, show};
use crate::domain::store;
use crate::domain::trust::TrustList;
use crate::i18n::t;
use crate::safe_text::terminal_safe;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = bilingual_cli::requested_lang(&args, credentials::environment_lang);
    let cli: Cli = match bilingual_cli::parse(args, lang, &*help::HELP, EXIT_USAGE) {
        Ok(cli) => cli,
        Err(stop) => return ExitCode::from(stop.print()),
    };
    let lang = cli.lang.unwrap_or(lang);
    match run(cli, lang) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("{}", t!(lang, "failure", message = terminal_safe(&failure.message(lang))));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// The issuers the person trusts (none without `--trust`).
fn trust_list(path: Option<&std::path::Path>, lang: Lang) -> Result<TrustList, Failure> {
    match path {
        Some(path) => TrustList::load(path).map_err(|e| Failure::Usage(e.message(lang))),
        None => Ok(TrustList::default()),
    }
}

/// How `--refresh` reaches the status lists, when it is asked for.
fn refreshing(args: &RefreshArgs, lang: Lang) -> Result<Option<credentials::verify::Network>, Failure> {
    if !args.refresh {
        return Ok(None);
    }
    let check =
        crate::cli::args::CheckArgs { online: true, hosts: args.refresh_hosts.clone(), did_documents: Vec::new() };
    crate::cli::checking::network(&check, lang).map(Some)
}

/// Runs one command.
fn run(cli: Cli, lang: Lang) -> Result<ExitCode, Failure> {
    let dir = cli.wallet.clone().unwrap_or_else(store::default_dir);
    let code = match &cli.command {
        Command::Init { did_method } => keeping::init(&dir, *did_method, lang).map(|()| EXIT_OK)?,
        Command::Did => keeping::did(&dir, lang).map(|()| EXIT_OK)?,
        Command::Import { file, force, check } => {
            receiving::import(&dir, file, check, *force, lang).map(|()| EXIT_OK)?
        }
        Command::Receive { offer, pin, check } => receiving::receive(&dir, offer, pin.as_deref(), check, lang)?,
        Command::List { kind, issuer, skill, json, trust, refresh } => {
            let trust = trust_list(trust.as_deref(), lang)?;
            let refreshing = refreshing(refresh, lang)?;
            listing::list(&dir, (kind, issuer, skill), &trust, refreshing.as_ref(), *json, lang).map(|()| EXIT_OK)?
        }
        Command::Profile { action: Some(ProfileAction::Note { id, en, fr, clear }), .. } => {
            profile::note(&dir, id, (en.as_deref(), fr.as_deref()), *clear, lang).map(|()| EXIT_OK)?
        }
        Command::Profile { action: Some(ProfileAction::Export { audience, expires, out, force }), .. } => {
            profile::export(&dir, audience, *expires, (out.as_deref(), *force), lang).map(|()| EXIT_OK)?
        }
        Command::Profile { action: Some(ProfileAction::Withdraw { directory }), .. } => {
            profile::withdraw(&dir, directory, lang)?
        }
        Command::Profile { action: None, json, trust, refresh } => {
            let trust = trust_list(trust.as_deref(), lang)?;
            let refreshing = refreshing(refresh, lang)?;
            profile::show(&dir, &trust, refreshing.as_ref(), *json, lang).map(|()| EXIT_OK)?
        }
        Command::Show { credential, json, trust, check } => {
            let trust = trust_list(trust.as_deref(), lang)?;
            show::show(&dir, credential, check, &trust, *json, lang)?
        }
        Command::Export { id, out } => keeping::export(&dir, id, out.as_deref(), lang).map(|()| EXIT_OK)?,
        Command::Delete { id } => keeping::delete(&dir, id, lang).map(|()| EXIT_OK)?,
        Command::Backup { file } => keeping::backup(&dir, file, lang).map(|()| EXIT_OK)?,
        Command::Restore { file } => keeping::restore(&dir, file, lang).map(|()| EXIT_OK)?,
        Command::Present { request: Some(link), credentials, yes, .. } => {
            answering::answer(&dir, link, credentials, *yes, lang)?
        }
        Command::Present { ids, challenge, domain, format, out, disclose, .. } => {
            let asked = Asked {
                ids,
                challenge: challenge.as_deref().unwrap_or_default(),
                domain: domain.as_deref().unwrap_or_default(),
                format: *format,
                disclose: disclose.as_deref(),
                out: out.as_deref(),
            };
            presenting::present(&dir, &asked, lang).map(|()| EXIT_OK)?
        }
    };
    Ok(ExitCode::from(code))
}
