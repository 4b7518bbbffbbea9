//! `wallet list`: the stored credentials as columns (or JSON), with the type and status words in
//! the reader's language, and the entries that could not be read said on standard error.

use std::path::Path;

use credentials::verify::Network;
use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::exit::Failure;
use crate::cli::prompt::passphrase;
use crate::cli::refreshing::refresh;
use crate::domain::admission;
use crate::domain::listing::{listing, Filter};
use crate::domain::store::Wallet;
use crate::domain::summary;
use crate::domain::trust::TrustList;
use crate::i18n::t;
use crate::safe_text::terminal_safe;

pub(crate) fn list(
    dir: &Path,
    filters: (&Option<String>, &Option<String>, &Option<String>),
    trust: &TrustList,
    refreshing: Option<&Network>,
    json: bool,
    lang: Lang,
) -> Result<(), Failure> {
    // Exclusive only when a refresh writes what it read.
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, refreshing.is_some())?;
    if let Some(network) = refreshing {
        refresh(&wallet, network, lang)?;
    }
    let (kind, issuer, skill) = filters;
    let filter = Filter { kind: kind.clone(), issuer: issuer.clone(), skill: skill.clone() };
    let (rows, damaged) = listing(&wallet, &filter, lang)?;
    let now = SystemClock.now();
    // Whether each is signed by an issuer the person trusts, and about them.
    let standing: Vec<(bool, bool)> = rows
        .iter()
        .map(|(entry, _)| {
            let claims = summary::claims(&entry.credential);
            let trusted = claims.as_ref().is_some_and(|claims| trust.trusting(claims, now).is_some());
            (trusted, admission::about_someone_else(claims.as_ref(), wallet.did()).is_none())
        })
        .collect();
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .zip(&standing)
            .map(|((entry, s), (trusted, yours))| {
                serde_json::json!({"id": entry.id, "type": s.kind, "title": s.title, "issuer": s.issuer,
                    "issued": s.issued, "skills": s.skills, "status": entry.status,
                    "statusCheckedAt": entry.status_checked_at,
                    "verified": entry.unverified.is_none(), "unverified": entry.unverified,
                    "trusted": trusted, "issuedToYou": yours})
            })
            .collect();
        let damaged: Vec<serde_json::Value> = damaged
            .iter()
            .map(|d| serde_json::json!({"id": d.id, "reason": d.reason.en, "reason_fr": d.reason.fr}))
            .collect();
        println!("{}", serde_json::json!({"credentials": items, "damaged": damaged}));
    } else {
        let mut out = String::new();
        out.push_str(&format!(
            "{:<16}  {:<10}  {:<10}  {:<12}  {:<16}  {:<32}  {}\n",
            t!(lang, "list-column-id"),
            t!(lang, "list-column-type"),
            t!(lang, "list-column-issued"),
            t!(lang, "list-column-status"),
            t!(lang, "list-column-checked"),
            t!(lang, "list-column-credential"),
            t!(lang, "list-column-issuer")
        ));
        // Looked up once for the whole list, not once per row.
        let words = ListWords::new(lang);
        for ((entry, s), (trusted, yours)) in rows.iter().zip(&standing) {
            let status = match entry.unverified {
                Some(_) => &words.not_yet_verified,
                None => words.status(entry.status.as_deref()),
            };
            let kind = words.kind(&s.kind);
            // The name an untrusted issuer gives itself is said to be its own.
            let issuer = match trusted {
                true => terminal_safe(&s.issuer),
                false => t!(lang, "list-issuer-untrusted", name = terminal_safe(&s.issuer)),
            };
            let title = match yours {
                true => terminal_safe(&s.title),
                false => t!(lang, "list-not-yours", title = terminal_safe(&s.title)),
            };
            out.push_str(&format!(
                "{:<16}  {:<10}  {:<10}  {:<12}  {:<16}  {:<32}  {}\n",
                entry.id,
                kind,
                terminal_safe(&s.issued),
                status,
                words.checked(entry),
                title,
                issuer
            ));
        }
        print!("{out}");
        eprintln!("{}", t!(lang, "list-count", count = rows.len()));
        if trust.registry.issuers.is_empty() && !rows.is_empty() {
            eprintln!("{}", t!(lang, "list-no-trust"));
        }
    }
    for bad in &damaged {
        eprintln!("{}", t!(lang, "list-damaged", id = bad.id.as_str(), reason = bad.reason.get(lang)));
    }
    Ok(())
}

/// The words of the type and status columns of `wallet list`, in one language. A kind or a
/// status the wallet has no word for (a credential type, a status code) is shown as it is.
struct ListWords {
    kinds: [(&'static str, String); 3],
    statuses: [(&'static str, String); 4],
    not_checked: String,
    not_yet_verified: String,
    never_read: String,
}

impl ListWords {
    fn new(lang: Lang) -> Self {
        ListWords {
            kinds: [
                ("skill", t!(lang, "list-kind-skill")),
                ("assignment", t!(lang, "list-kind-assignment")),
                ("credential", t!(lang, "list-kind-credential")),
            ],
            statuses: [
                ("active", t!(lang, "list-status-active")),
                ("revoked", t!(lang, "list-status-revoked")),
                ("suspended", t!(lang, "list-status-suspended")),
                ("no status", t!(lang, "list-status-none")),
            ],
            not_checked: t!(lang, "list-status-not-checked"),
            not_yet_verified: t!(lang, "list-status-not-yet-verified"),
            never_read: t!(lang, "list-checked-never"),
        }
    }

    fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.kinds.iter().find(|(code, _)| *code == kind).map_or(kind, |(_, word)| word.as_str())
    }

    /// When the status of `entry` was last read (`2026-12-07 08:40`), "never", or "-" when it
    /// has none to read.
    fn checked(&self, entry: &crate::domain::store::Entry) -> String {
        match (&entry.status_checked_at, entry.status.as_deref()) {
            (_, Some("no status")) => "-".to_owned(),
            (Some(at), _) => crate::cli::refreshing::when(at).trim_end_matches(" UTC").to_owned(),
            (None, _) => self.never_read.clone(),
        }
    }

    /// `status` as stored with the entry (see `domain::admission`).
    fn status<'a>(&'a self, status: Option<&'a str>) -> &'a str {
        match status {
            None | Some("not checked") => &self.not_checked,
            Some(status) => self.statuses.iter().find(|(code, _)| *code == status).map_or(status, |(_, word)| word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_columns_show_known_words_in_the_readers_language_and_other_values_as_they_are() {
        let english = ListWords::new(Lang::En);
        let french = ListWords::new(Lang::Fr);
        assert_eq!(english.status(None), "not checked");
        assert_eq!(english.status(Some("no status")), "no status");
        assert_eq!(english.status(Some("status_retrieval_error")), "status_retrieval_error");
        assert_eq!(french.status(None), "non vérifié");
        assert_eq!(french.status(Some("not checked")), "non vérifié");
        assert_eq!(french.status(Some("revoked")), "révoquée");
        assert_eq!(french.status(Some("no status")), "sans statut");
        assert_eq!(french.status(Some("status_retrieval_error")), "status_retrieval_error");
        assert_eq!(english.kind("skill"), "skill");
        assert_eq!(french.kind("assignment"), "affectation");
        assert_eq!(french.kind("PayslipCredential"), "PayslipCredential");
    }
}
