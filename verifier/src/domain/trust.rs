//! Judging credentials with the trust registry (`credentials::trust_registry`, the reader the
//! wallet shares): the entry that vouches for a credential's issuer for its kind of credential,
//! whose names a person reads instead of the DID, and the "trusted issuer" check a report gets.

use chrono::{DateTime, Utc};
use credentials::report::{Check, CheckKind, Failure, Outcome, Report};
pub use credentials::trust_registry::{Registry, RegistryProblem, TrustError, TrustedIssuer};
use serde_json::Value;

/// What a verifier asks of its registry about a verified report.
pub trait Judge {
    /// The entry that vouches for this credential's issuer for its kind of credential at `at`.
    fn entry_for(&self, report: &Report, at: DateTime<Utc>) -> Option<&TrustedIssuer>;

    /// Adds the "trusted issuer" check to a credential's report (and to each credential of a
    /// presentation). Only a credential whose signature checked out is judged.
    fn judge(&self, report: &mut Report, at: DateTime<Utc>);
}

impl Judge for Registry {
    fn entry_for(&self, report: &Report, at: DateTime<Utc>) -> Option<&TrustedIssuer> {
        let achievement_type = report
            .content
            .as_ref()
            // Open Badges in the VC data model, or the SD-JWT VC profile's claim.
            .and_then(|c| {
                c.pointer("/credentialSubject/achievement/achievementType").or_else(|| c.get("achievement_type"))
            })
            .and_then(Value::as_str);
        self.find(report.issuer.as_deref()?, &report.types, achievement_type, at)
    }

    fn judge(&self, report: &mut Report, at: DateTime<Utc>) {
        crate::domain::own_words::judge_inner(report, |inner| self.judge(inner, at));
        if report.document != credentials::report::DocumentKind::Credential {
            return;
        }
        let signed = matches!(report.check(CheckKind::IssuerBinding), Some(Outcome::Passed));
        let outcome = match (&report.issuer, signed) {
            (Some(issuer), true) => match self.entry_for(report, at) {
                Some(_) => Outcome::Passed,
                None => Outcome::Failed(Failure::NotTrusted { issuer: issuer.clone(), types: report.types.clone() }),
            },
            _ => Outcome::NotChecked(credentials::report::NotChecked::EarlierFailure),
        };
        report.checks.push(Check { kind: CheckKind::TrustedIssuer, outcome });
    }
}
