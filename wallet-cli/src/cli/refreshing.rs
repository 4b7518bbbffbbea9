//! Fresh status: `--refresh` re-reads the status lists of the stored credentials online and
//! records what they say and when, so that the person learns of a revocation or a suspension
//! before a verifier does; and the words that say when a status was last read.

use credentials::verify::{Network, PresentationOptions};
use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::checking::{reaching_origin, verifier};
use crate::cli::exit::Failure;
use crate::domain::admission;
use crate::domain::learned::Learned;
use crate::domain::store::{Entry, Wallet};
use crate::i18n::t;

/// Checks every stored credential that has a status online, as `wallet show --online` does (its
/// offer link's host reached as named, its issuer's DID document read again), records its
/// status and the time, and says how many were read and how many could not be.
pub(crate) fn refresh(wallet: &Wallet, base: &Network, lang: Lang) -> Result<(), Failure> {
    use rayon::prelude::*;
    let (entries, _) = wallet.entries()?;
    let now = SystemClock.now();
    let checked: Vec<(Entry, bool)> = entries
        .into_par_iter()
        .filter(|entry| entry.status.as_deref() != Some("no status"))
        .map(|mut entry| {
            let Some((report, learned)) = check(&entry, base) else {
                return (entry, false);
            };
            let still = admission::not_yet_verified(&report);
            let read = if admission::verified_but_status(&report) || (still.is_some() && entry.unverified.is_some()) {
                admission::remember(&mut entry, &report, &learned, now);
                admission::checked_again(&mut entry, &report, still, now)
            } else {
                admission::record_status(&mut entry, &report, now)
            };
            (entry, read)
        })
        .collect();
    let mut read = 0;
    for (entry, fresh) in &checked {
        if *fresh {
            wallet.update(entry)?;
            read += 1;
        }
    }
    let unread = checked.len() - read;
    eprintln!("{}", t!(lang, "refresh-done", count = read, unread = unread));
    Ok(())
}

/// The report of `entry` checked online, with the DID documents it resolved; `None` when it
/// could not be read at all.
fn check(entry: &Entry, base: &Network) -> Option<(credentials::report::Report, Learned)> {
    let mut network = base.clone();
    network.online = true;
    reaching_origin(&mut network, entry.origin.as_deref());
    let (verifier, learned) = Learned::recording(verifier(network));
    let report = verifier.verify_bytes(entry.credential.as_bytes(), &PresentationOptions::default()).ok()?;
    Some((report, learned))
}

/// `2026-12-07 08:40 UTC` of an RFC 3339 time, as a person reads it.
pub(crate) fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|at| at.with_timezone(&chrono::Utc).format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| at.chars().filter(|c| !c.is_control()).collect())
}

/// "Status last checked: …" (or "never checked online") of a stored credential.
pub(crate) fn status_checked_line(entry: &Entry, lang: Lang) -> String {
    match &entry.status_checked_at {
        Some(at) => t!(lang, "status-checked-at", at = when(at)),
        None => t!(lang, "status-never-checked"),
    }
}
