//! `wallet import` and `wallet receive`: a credential from a file or from an issuer's offer,
//! checked before it is kept, and the line that says what was kept.

use std::path::Path;

use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::args::CheckArgs;
use crate::cli::checking::{http, network, refused, verifier};
use crate::cli::exit::{Failure, EXIT_NOT_YET_VERIFIED, EXIT_OK};
use crate::cli::files::read;
use crate::cli::prompt::passphrase;
use crate::domain::admission;
use crate::domain::exchange_error::ExchangeError;
use crate::domain::learned::Learned;
use crate::domain::store::{Entry, Wallet};
use crate::domain::summary;
use crate::domain::{oid4vci, receiving};
use crate::i18n::t;
use crate::safe_text::terminal_safe;

pub(crate) fn import(dir: &Path, file: &Path, check: &CheckArgs, force: bool, lang: Lang) -> Result<(), Failure> {
    let bytes = read(file, lang)?;
    let (verifier, learned) = Learned::recording(verifier(network(check, lang)?));
    let report = admission::check(&verifier, &bytes).map_err(|e| refused(e, lang))?;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if let Some(id) = admission::already_kept(&wallet, &text)? {
        eprintln!("{}", t!(lang, "import-already-kept", id = id.as_str()));
        print_kept(&id, &text, lang);
        return Ok(());
    }
    if let Some(subjects) = admission::about_someone_else(report.content.as_ref(), wallet.did()) {
        if !force {
            let subjects = terminal_safe(&subjects.join(", "));
            return Err(Failure::Usage(t!(lang, "import-someone-else", subjects = subjects, did = wallet.did())));
        }
    }
    let mut entry = admission::entry(&text, &report, "import", SystemClock.now());
    admission::remember(&mut entry, &report, &learned, SystemClock.now());
    let id = wallet.add(entry)?;
    print_kept(&id, &text, lang);
    Ok(())
}

pub(crate) fn receive(
    dir: &Path,
    offer: &str,
    pin: Option<&str>,
    check: &CheckArgs,
    lang: Lang,
) -> Result<u8, Failure> {
    let mut network = network(check, lang)?;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let received =
        oid4vci::receive(&wallet, offer, pin, &http(&network), SystemClock.now(), lang).map_err(|e| match e {
            ExchangeError::Store(error) => Failure::Store(error),
            other => Failure::Invalid(other.message(lang)),
        })?;
    // Online anyway (it is talking to the issuer): what the check needs is resolved under the
    // exchange's own address rules, instead of refusing a did:web issuer "offline" after the
    // single-use offer was redeemed and the credential issued.
    network.online = true;
    network.host_overrides = received.http.overrides.clone();
    // Refused, the credential stays aside in the offer's progress, not thrown away.
    let aside = |failure: Failure| match failure {
        Failure::Invalid(message) => Failure::Invalid(t!(lang, "receive-kept-aside", reason = message)),
        other => other,
    };
    let (verifier, learned) = Learned::recording(verifier(network));
    let (report, unverified) =
        admission::check_received(&verifier, received.credential.as_bytes()).map_err(|e| aside(refused(e, lang)))?;
    if !admission::bound_to_holder(&wallet, &received.credential, &report) {
        return Err(aside(Failure::Invalid(t!(lang, "receive-not-bound"))));
    }
    let source = format!("offer:{}", received.issuer);
    let mut entry = Entry {
        unverified: unverified.clone(),
        origin: received.origin.clone(),
        ..admission::entry(&received.credential, &report, &source, SystemClock.now())
    };
    admission::remember(&mut entry, &report, &learned, SystemClock.now());
    let id = wallet.add(entry)?;
    receiving::done(&wallet, offer, &id)?;
    print_kept(&id, &received.credential, lang);
    match unverified {
        None => Ok(EXIT_OK),
        Some(unverified) => {
            let reason = terminal_safe(lang.pick(&unverified.reason, &unverified.reason_fr));
            eprintln!("{}", t!(lang, "receive-kept-not-verified", id = id.as_str(), reason = reason));
            Ok(EXIT_NOT_YET_VERIFIED)
        }
    }
}

/// `id<TAB>title — issuer` of a credential just kept.
fn print_kept(id: &str, text: &str, lang: Lang) {
    let title = summary::summarize(text, lang).map(|s| format!("{} — {}", s.title, s.issuer)).unwrap_or_default();
    println!("{id}\t{}", terminal_safe(&title));
}
