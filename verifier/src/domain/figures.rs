//! Combining departments' figures releases into one government-wide view. Each release is a
//! `FiguresCredential`: it is combined only when its signature checks out (figures altered after
//! signing are refused, with the failed check's reason), it names the issuer that signed it as
//! its source, and the trust registry vouches for that issuer for `FiguresCredential`s. An
//! untrusted release is reported and left out unless the caller asks for it. Adding the noisy
//! counts of independent releases is post-processing: the sum costs no privacy.

use chrono::{DateTime, Utc};
use credentials::error::Detail;
use credentials::report::Report;
use credentials::verify::{PresentationOptions, Verifier};
use figures::{Combined, Release};
use lang::Lang;

use crate::domain::trust::{Judge, Registry};
use crate::i18n::t;

/// The credential type of a release.
pub const FIGURES_TYPE: &str = "FiguresCredential";

/// What became of one source.
#[derive(Debug, Clone)]
pub enum Judged {
    /// Verified and vouched for: combined.
    Trusted(Box<Release>),
    /// Verified, but no registry entry vouches for its issuer: combined only when asked.
    Untrusted { issuer: String, release: Box<Release> },
    /// Not combined, and why.
    Refused(Detail),
}

/// One source as read.
#[derive(Debug, Clone)]
pub struct SourceOutcome {
    /// The URL or file it was read from.
    pub source: String,
    pub judged: Judged,
}

/// The sources and their combination.
#[derive(Debug, Clone)]
pub struct Combination {
    pub sources: Vec<SourceOutcome>,
    /// The sum of the releases combined.
    pub combined: Combined,
    /// Whether untrusted releases were combined too.
    pub included_untrusted: bool,
}

fn failed(report: &Report) -> Detail {
    match report.first_failure() {
        Some((_, failure)) => {
            let (en, fr) = (failure.message(Lang::En), failure.message(Lang::Fr));
            Detail::localized(move |lang| match lang {
                Lang::Fr => t!(Lang::Fr, "figures-altered", reason = fr.as_str()),
                _ => t!(Lang::En, "figures-altered", reason = en.as_str()),
            })
        }
        None => Detail::localized(|lang| t!(lang, "figures-not-verified")),
    }
}

/// Verifies one release's bytes and judges its issuer.
pub fn judge(verifier: &Verifier, registry: Option<&Registry>, bytes: &[u8], at: DateTime<Utc>) -> Judged {
    let report = match verifier.verify_bytes(bytes, &PresentationOptions::default()) {
        Ok(report) => report,
        Err(error) => return Judged::Refused(Detail::of(&error)),
    };
    if !report.verified() {
        return Judged::Refused(failed(&report));
    }
    if !report.types.iter().any(|kind| kind == FIGURES_TYPE) {
        return Judged::Refused(Detail::localized(|lang| t!(lang, "figures-not-a-release")));
    }
    let release = report
        .content
        .as_ref()
        .and_then(|content| content.pointer("/credentialSubject/figures"))
        .cloned()
        .map(serde_json::from_value::<Release>);
    let release = match release {
        Some(Ok(release)) => release,
        Some(Err(error)) => {
            let detail = error.to_string();
            return Judged::Refused(Detail::localized(move |lang| {
                t!(lang, "figures-unreadable", detail = detail.as_str())
            }));
        }
        None => return Judged::Refused(Detail::localized(|lang| t!(lang, "figures-not-a-release"))),
    };
    let issuer = report.issuer.clone().unwrap_or_default();
    if release.source != issuer {
        let (source, signer) = (release.source.clone(), issuer.clone());
        return Judged::Refused(Detail::localized(move |lang| {
            t!(lang, "figures-source-not-signer", source = source.as_str(), issuer = signer.as_str())
        }));
    }
    match registry.and_then(|registry| registry.entry_for(&report, at)) {
        Some(_) => Judged::Trusted(Box::new(release)),
        None => Judged::Untrusted { issuer, release: Box::new(release) },
    }
}

/// Combines the releases judged: the trusted ones, and the untrusted ones too when asked.
pub fn combine(sources: Vec<SourceOutcome>, include_untrusted: bool) -> Combination {
    let releases: Vec<&Release> = sources
        .iter()
        .filter_map(|outcome| match &outcome.judged {
            Judged::Trusted(release) => Some(release.as_ref()),
            Judged::Untrusted { release, .. } if include_untrusted => Some(release.as_ref()),
            _ => None,
        })
        .collect();
    let combined = figures::combine(releases);
    Combination { sources, combined, included_untrusted: include_untrusted }
}
