//! The signed profile file a person attaches to an application (`wallet profile export`): a
//! Verifiable Presentation of the credentials `wallet profile` shows, signed by the holder key
//! with `eddsa-jcs-2022` (fast for tens of credentials, and no canonicalization to refuse
//! several credentials of one skill), proof purpose `authentication`, bound to one audience
//! (`domain`: the employer's verifier, by host name) and valid until a time (the Data Integrity
//! `expires` proof option), with a random `challenge` since no verifier gave one. A verifier
//! refuses it for another audience and after it expires, so a file sent to one employer is not
//! a profile anyone can show anywhere forever.
//!
//! SD-JWT VCs are left out, and the person is told which: inside a presentation an SD-JWT VC
//! travels with every disclosure, while the wallet shows one only claim by claim, to one
//! verifier at a time (`wallet present ID --disclose …`).

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use credentials::proof::{ProofOptions, Suite};
use lang::Lang;

use crate::domain::present;
use crate::domain::profile::{self, Profile};
use crate::domain::store::{Entry, StoreError, Wallet};
use crate::domain::trust::TrustList;
use crate::i18n::t;

/// The longest a profile file may stay valid: a year.
pub const MAX_LIFETIME_DAYS: i64 = 365;

/// Why a lifetime or an audience given on the command line is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum FileOptionError {
    /// Not a number followed by h, d or w.
    NotALifetime(String),
    Zero(String),
    OverAYear(String),
    NotADomain(String),
}

impl FileOptionError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotALifetime(value) => t!(lang, "lifetime-invalid", value = value.as_str()),
            Self::Zero(value) => t!(lang, "lifetime-zero", value = value.as_str()),
            Self::OverAYear(value) => t!(lang, "lifetime-too-long", value = value.as_str()),
            Self::NotADomain(value) => t!(lang, "audience-invalid", value = value.as_str()),
        }
    }
}

/// How long a profile file stays valid: a whole number of hours (`12h`), days (`30d`) or weeks
/// (`2w`), more than none and a year at most.
pub fn parse_lifetime(text: &str) -> Result<Duration, FileOptionError> {
    let trimmed = text.trim();
    let not = || FileOptionError::NotALifetime(text.to_owned());
    let unit = trimmed.chars().last().ok_or_else(not)?;
    let number = &trimmed[..trimmed.len() - unit.len_utf8()];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not());
    }
    // Anything longer than a year in any unit is refused below: no overflow to fear.
    let count: i64 = number.parse().unwrap_or(i64::MAX).min(100_000);
    let hours = match unit {
        'h' => count,
        'd' => count * 24,
        'w' => count * 24 * 7,
        _ => return Err(not()),
    };
    if hours == 0 {
        return Err(FileOptionError::Zero(text.to_owned()));
    }
    if hours > MAX_LIFETIME_DAYS * 24 {
        return Err(FileOptionError::OverAYear(text.to_owned()));
    }
    Ok(Duration::hours(hours))
}

/// The audience of a profile file: a host name (or address), with `:port` when the verifier
/// has one, as the verifier compares it with its own public address's.
pub fn parse_audience(text: &str) -> Result<String, FileOptionError> {
    let domain = text.trim().to_ascii_lowercase();
    let (host, port) = match domain.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain.as_str(), None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-']);
    let port_ok = port.is_none_or(|port| port.parse::<u16>().is_ok_and(|n| n > 0));
    if host_ok && port_ok {
        Ok(domain)
    } else {
        Err(FileOptionError::NotADomain(text.to_owned()))
    }
}

/// The credentials of the person's profile (those `wallet profile` shows) that a profile file
/// carries, and the SD-JWT VCs it leaves out.
pub fn select(wallet: &Wallet, now: DateTime<Utc>) -> Result<(Vec<Entry>, Vec<Entry>), StoreError> {
    // Only which credentials: the standing the trust list gives each line plays no part.
    let shown = profile::build(wallet, &TrustList::default(), now, Lang::En)?;
    let ids = entry_ids(&shown);
    let (entries, _) = wallet.entries()?;
    Ok(entries
        .into_iter()
        .filter(|entry| ids.contains(entry.id.as_str()))
        .partition(|entry| !present::is_sd_jwt(entry)))
}

fn entry_ids(profile: &Profile) -> BTreeSet<&str> {
    let skills = profile.families.iter().flat_map(|family| &family.skills).flat_map(|skill| &skill.attestations);
    skills
        .map(|attestation| &attestation.line)
        .chain(profile.assignments.iter().map(|assignment| &assignment.line))
        .map(|line| line.entry_id.as_str())
        .collect()
}

/// The signed profile file of `entries` for `audience`, valid from `now` for `lifetime`; and
/// when it expires.
pub fn sign(
    wallet: &Wallet,
    entries: &[Entry],
    audience: &str,
    lifetime: Duration,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), credentials::Error> {
    let expires = now + lifetime;
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, now);
    options.domain = Some(audience.to_owned());
    options.challenge = Some(format!("profile-{}", hex::encode(rand::random::<[u8; 16]>())));
    options.expires = Some(expires);
    Ok((present::present_ldp(wallet, entries, options)?, expires))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifetimes_are_hours_days_or_weeks_up_to_a_year() {
        assert_eq!(parse_lifetime("30d"), Ok(Duration::days(30)));
        assert_eq!(parse_lifetime("12h"), Ok(Duration::hours(12)));
        assert_eq!(parse_lifetime("2w"), Ok(Duration::weeks(2)));
        assert_eq!(parse_lifetime("365d"), Ok(Duration::days(365)));
        assert_eq!(parse_lifetime("52w"), Ok(Duration::weeks(52)));
        for nonsense in ["", "d", "30", "30 days", "-1d", "1.5d", "3m", "30D", "٣d", "1e3d"] {
            assert_eq!(parse_lifetime(nonsense), Err(FileOptionError::NotALifetime(nonsense.into())), "{nonsense}");
        }
        assert_eq!(parse_lifetime("0d"), Err(FileOptionError::Zero("0d".into())));
        for long in ["366d", "53w", "8761h", "99999999999999999999999d"] {
            assert_eq!(parse_lifetime(long), Err(FileOptionError::OverAYear(long.into())), "{long}");
        }
        assert_eq!(
            parse_lifetime("0h").unwrap_err().message(Lang::Fr),
            "un fichier de profil doit rester valide un certain temps : donnez plus que 0h (par exemple 30d)"
        );
    }

    #[test]
    fn an_audience_is_a_host_name_with_its_port_when_it_has_one() {
        assert_eq!(parse_audience("Jobs.Example"), Ok("jobs.example".into()));
        assert_eq!(parse_audience("127.0.0.1:8443"), Ok("127.0.0.1:8443".into()));
        for wrong in ["", "https://jobs.example", "jobs.example/apply", "jobs example", "jobs.example:0", ".x", "a:b"] {
            assert_eq!(parse_audience(wrong), Err(FileOptionError::NotADomain(wrong.into())), "{wrong}");
        }
    }
}
