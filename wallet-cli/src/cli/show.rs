//! `wallet show`: a stored credential or a file, checked and read in the reader's language (or
//! as JSON), with a warning first when it does not verify. A stored credential not verified yet
//! (its issuer could not be reached when it arrived) is checked again online, and its mark goes
//! once it verifies. Offline, a `did:web` credential is checked with its issuer's DID document as
//! the wallet read it online, and what could not be checked again offline is said plainly.

use std::path::Path;

use credentials::report::Report;
use credentials::verify::{Network, PresentationOptions};
use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::args::CheckArgs;
use crate::cli::checking::{network, reaching_origin, verifier};
use crate::cli::exit::{coded, Failure, EXIT_INVALID, EXIT_NOT_YET_VERIFIED, EXIT_OK};
use crate::cli::files::read;
use crate::cli::prompt::passphrase;
use crate::domain::admission;
use crate::domain::learned::Learned;
use crate::domain::store::{Entry, Unverified, Wallet};
use crate::domain::summary;
use crate::domain::trust::{self, TrustList};
use crate::i18n::t;
use crate::safe_text::terminal_safe;

/// How the credential shown was checked.
enum Checked<'a> {
    Offline,
    Online,
    /// Offline, with the DID documents the wallet read online on this date.
    WithKept(&'a str),
    /// Not verified yet: its issuer could not be reached now.
    NotYet(&'a Unverified),
    /// Offline, and its issuer's DID document is not in the wallet.
    NotOffline(&'a Unverified),
}

fn is_online(network: &Network) -> bool {
    network.online || !network.host_overrides.is_empty()
}

pub(crate) fn show(
    dir: &Path,
    query: &str,
    check: &CheckArgs,
    trust: &TrustList,
    json: bool,
    lang: Lang,
) -> Result<u8, Failure> {
    let network = network(check, lang)?;
    let shown = Shown { trust, holder: None, json, lang };
    if Path::new(query).is_file() {
        let online = is_online(&network);
        let report = verify(verifier(network), &read(Path::new(query), lang)?, lang)?;
        let unverified = (!online).then(|| admission::not_yet_verified(&report)).flatten();
        let checked = match (&unverified, online) {
            (Some(unverified), _) => Checked::NotOffline(unverified),
            (None, true) => Checked::Online,
            (None, false) => Checked::Offline,
        };
        return shown.print(&report, &checked);
    }
    // Exclusive: what a check learns is written back.
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let entry = wallet.find(query)?;
    let shown = Shown { holder: Some(wallet.did()), ..shown };
    if entry.unverified.is_some() || is_online(&network) {
        if let Some(code) = check_again(&wallet, &entry, network.clone(), &shown)? {
            say_checked(&wallet.find(&entry.id)?, lang);
            return Ok(code);
        }
    }
    let mut network = Network { online: false, host_overrides: Default::default(), ..network };
    network.did_documents.extend(entry.did_documents.iter().cloned());
    let report = verify(verifier(network), entry.credential.as_bytes(), lang)?;
    let unverified = admission::not_yet_verified(&report);
    let checked = match (&unverified, entry.did_documents_at.as_deref()) {
        (Some(unverified), _) => Checked::NotOffline(unverified),
        (None, Some(date)) if !entry.did_documents.is_empty() => Checked::WithKept(date),
        (None, _) => Checked::Offline,
    };
    let code = shown.print(&report, &checked)?;
    say_checked(&entry, lang);
    Ok(code)
}

/// When the status of a stored credential was last read online, or that it never was.
fn say_checked(entry: &Entry, lang: Lang) {
    match entry.status.as_deref() {
        Some("no status") => {}
        _ => eprintln!("{}", crate::cli::refreshing::status_checked_line(entry, lang)),
    }
}

/// Checks a stored credential online (its offer link's host reached as during the exchange),
/// and keeps what was learned: the mark "not verified yet" goes once it verifies, the DID
/// documents read and the status are kept. `None` when a credential verified before could not
/// be checked again for want of its issuer (said): it is then checked offline.
fn check_again(wallet: &Wallet, entry: &Entry, mut network: Network, shown: &Shown<'_>) -> Result<Option<u8>, Failure> {
    let lang = shown.lang;
    network.online = true;
    reaching_origin(&mut network, entry.origin.as_deref());
    let (verifier, learned) = Learned::recording(verifier(network));
    let report = verify(verifier, entry.credential.as_bytes(), lang)?;
    let still = admission::not_yet_verified(&report);
    let was_unverified = entry.unverified.is_some();
    if let (Some(unreachable), false) = (&still, was_unverified) {
        let reason = terminal_safe(lang.pick(&unreachable.reason, &unreachable.reason_fr));
        eprintln!("{}", t!(lang, "show-unreachable", reason = reason));
        return Ok(None);
    }
    let mut entry = entry.clone();
    // Revoked or suspended is recorded too: the person learns it before a verifier does.
    if admission::verified_but_status(&report) || still.is_some() {
        admission::checked_again(&mut entry, &report, still.clone(), SystemClock.now());
        admission::remember(&mut entry, &report, &learned, SystemClock.now());
        wallet.update(&entry)?;
        if was_unverified && still.is_none() {
            eprintln!("{}", t!(lang, "show-verified-now"));
        }
    }
    let checked = match &still {
        Some(unverified) => Checked::NotYet(unverified),
        None => Checked::Online,
    };
    shown.print(&report, &checked).map(Some)
}

fn verify(verifier: credentials::verify::Verifier, bytes: &[u8], lang: Lang) -> Result<Report, Failure> {
    verifier.verify_bytes(bytes, &PresentationOptions::default()).map_err(|e| Failure::Usage(coded(&e, lang)))
}

/// How a credential is shown: to whom (the wallet's holder, for a stored one), which issuers
/// they trust, as JSON or read.
struct Shown<'a> {
    trust: &'a TrustList,
    holder: Option<&'a str>,
    json: bool,
    lang: Lang,
}

impl Shown<'_> {
    /// Prints what `report` read, after a warning when it does not verify (or could not be
    /// checked now), and what the person should know of who signed it and whom it is about;
    /// returns the exit code.
    fn print(&self, report: &Report, checked: &Checked<'_>) -> Result<u8, Failure> {
        let code = print(report, checked, self.json, self.lang)?;
        if let Some(content) = report.content.as_ref() {
            let lang = self.lang;
            if self.trust.trusting(content, SystemClock.now()).is_none() {
                let name = summary::summarize(&content.to_string(), lang).map(|s| s.issuer).unwrap_or_default();
                let did = trust::issuer_of(content).unwrap_or_default();
                let (name, did) = (terminal_safe(&name), terminal_safe(&did));
                eprintln!("{}", t!(lang, "show-untrusted", name = name, did = did));
            }
            let someone_else = self.holder.and_then(|holder| admission::about_someone_else(Some(content), holder));
            if let (Some(subjects), Some(holder)) = (someone_else, self.holder) {
                let subjects = terminal_safe(&subjects.join(", "));
                eprintln!("{}", t!(lang, "show-not-yours", subjects = subjects, did = holder));
            }
        }
        Ok(code)
    }
}

/// Prints what `report` read, after a warning when it does not verify (or could not be checked
/// now); returns the exit code.
fn print(report: &Report, checked: &Checked<'_>, json: bool, lang: Lang) -> Result<u8, Failure> {
    let Some(content) = report.content.as_ref() else {
        return Err(Failure::Usage(t!(lang, "not-a-credential")));
    };
    let failure = report.first_failure();
    let reason = |unverified: &Unverified| terminal_safe(lang.pick(&unverified.reason, &unverified.reason_fr));
    match (checked, &failure) {
        (Checked::NotYet(unverified), _) => {
            eprintln!("{}", t!(lang, "show-not-yet-verified", reason = reason(unverified)))
        }
        (Checked::NotOffline(unverified), _) => {
            eprintln!("{}", t!(lang, "show-cannot-check-offline", reason = reason(unverified)))
        }
        (_, Some((kind, failure))) => {
            let message = terminal_safe(&failure.message(lang));
            let check = kind.label_for(lang, report.document);
            eprintln!("{}", t!(lang, "show-check-failed", check = check, message = message));
            eprintln!("{}", t!(lang, "show-does-not-verify"));
        }
        _ => {}
    }
    if json {
        println!("{}", serde_json::to_string_pretty(content).unwrap_or_default());
    } else {
        match schemas::describe(content, lang) {
            Some(fields) => {
                for field in fields {
                    let value = terminal_safe(&field.value);
                    println!("{}", t!(lang, "show-field", label = field.label, value = value));
                }
            }
            None => println!("{}", t!(lang, "show-not-described")),
        }
    }
    match (checked, failure) {
        (Checked::NotYet(_) | Checked::NotOffline(_), _) => Ok(EXIT_NOT_YET_VERIFIED),
        (_, Some(_)) => Ok(EXIT_INVALID),
        (Checked::WithKept(date), None) => {
            let date: String = date.chars().take(10).collect();
            eprintln!("{}", t!(lang, "show-verified-kept", date = date));
            eprintln!("{}", t!(lang, "show-not-redone-offline"));
            Ok(EXIT_OK)
        }
        (Checked::Online, None) => {
            eprintln!("{}", t!(lang, "show-verified-online"));
            Ok(EXIT_OK)
        }
        (Checked::Offline, None) => {
            eprintln!("{}", t!(lang, "show-verified"));
            Ok(EXIT_OK)
        }
    }
}
