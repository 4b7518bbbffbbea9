//! What a credential must pass before the wallet keeps it, whether imported from a file or
//! received from an issuer: it verifies (nothing is kept that does not), it is a credential and
//! not a presentation, and one received through an offer is bound to this holder, so that the
//! person never holds a credential only someone else could present. One exception, so that a
//! credential the issuer has already issued is never lost: a received credential whose only
//! failed checks are "the issuer's DID document could not be fetched now" is kept, marked as not
//! yet verified, and checked again later.

use chrono::{DateTime, Utc};
use credentials::report::{CheckKind, Failure, Outcome, Report};
use credentials::verify::{PresentationOptions, Verifier};
use lang::Lang;

use crate::domain::learned::Learned;
use crate::domain::store::{Entry, StoreError, Unverified, Wallet};

/// Why a credential is not kept.
#[derive(Debug)]
pub enum Refusal {
    /// It could not be read or checked at all.
    Unreadable(credentials::error::InputError),
    /// It is a presentation.
    NotACredential,
    /// A check failed: the report says which first.
    DoesNotVerify(Box<Report>),
}

/// Verifies a credential before it is kept.
pub fn check(verifier: &Verifier, bytes: &[u8]) -> Result<Report, Refusal> {
    let report = verifier.verify_bytes(bytes, &PresentationOptions::default()).map_err(Refusal::Unreadable)?;
    if report.content.is_none() {
        return Err(Refusal::NotACredential);
    }
    if report.first_failure().is_some() {
        return Err(Refusal::DoesNotVerify(Box::new(report)));
    }
    Ok(report)
}

/// The codes of failures that say only that something could not be reached now (the issuer's
/// `did:web` document: no network, the host down, its address refused without a mapping), not
/// that the credential is wrong.
const UNREACHABLE: [&str; 3] = ["did_offline", "did_fetch_failed", "did_address_refused"];

/// Verifies a credential received from an issuer: as [`check`], except that one whose every
/// failed check is only [`UNREACHABLE`] is not refused but returned with why it is not verified
/// yet.
pub fn check_received(verifier: &Verifier, bytes: &[u8]) -> Result<(Report, Option<Unverified>), Refusal> {
    let report = verifier.verify_bytes(bytes, &PresentationOptions::default()).map_err(Refusal::Unreadable)?;
    if report.content.is_none() {
        return Err(Refusal::NotACredential);
    }
    let unverified = not_yet_verified(&report);
    match (report.first_failure(), unverified) {
        (None, _) => Ok((report, None)),
        (Some(_), Some(unverified)) => Ok((report, Some(unverified))),
        (Some(_), None) => Err(Refusal::DoesNotVerify(Box::new(report))),
    }
}

/// Why `report` could not verify its credential now, when every check that failed failed only
/// for want of the network; `None` when a check failed for another reason, or none failed.
pub fn not_yet_verified(report: &Report) -> Option<Unverified> {
    let failures: Vec<&Failure> = report
        .checks
        .iter()
        .filter_map(|check| match &check.outcome {
            Outcome::Failed(failure) => Some(failure),
            _ => None,
        })
        .collect();
    let first = failures.first()?;
    if !report.credentials.is_empty() || !failures.iter().all(|failure| UNREACHABLE.contains(&failure.code())) {
        return None;
    }
    Some(Unverified {
        code: first.code().to_owned(),
        reason: first.message(Lang::En),
        reason_fr: first.message(Lang::Fr),
    })
}

/// Whether a received credential is bound to this holder: its subject is the holder's DID, and
/// for an SD-JWT VC the key in `cnf` (the one its key-binding JWT must be signed with) is the
/// holder's key too (an SD-JWT VC must have one). Checking `sub` alone stored SD-JWTs that only
/// someone else could present.
pub fn bound_to(
    content: Option<&serde_json::Value>,
    did: &str,
    holder: &ed25519_dalek::VerifyingKey,
    sd_jwt: bool,
) -> bool {
    let Some(content) = content else {
        return false;
    };
    if !credentials::verify::subject_ids(content).iter().any(|s| s == did) {
        return false;
    }
    match content.pointer("/cnf/jwk") {
        Some(jwk) => credentials::multikey::decode_jwk(jwk).is_ok_and(|key| key == *holder),
        None => !sd_jwt && content.get("cnf").is_none(),
    }
}

/// Whether `report` (of a credential received from an issuer) is bound to `wallet`'s holder.
pub fn bound_to_holder(wallet: &Wallet, credential: &str, report: &Report) -> bool {
    let holder = credentials::Signer::public_key(wallet.holder().as_ref());
    let sd_jwt = credentials::sd_jwt_vc::looks_like_sd_jwt(credential.trim());
    bound_to(report.content.as_ref(), wallet.did(), &holder, sd_jwt)
}

/// Whether the credential `content` is about another person: it names subjects, and none of
/// them is `did` (this wallet's holder). A credential that names no subject is nobody else's.
pub fn about_someone_else(content: Option<&serde_json::Value>, did: &str) -> Option<Vec<String>> {
    let subjects = credentials::verify::subject_ids(content?);
    (!subjects.is_empty() && !subjects.iter().any(|subject| subject == did)).then_some(subjects)
}

/// The entry that already holds the credential `text`: the same text, or the same credential
/// `id` from the same issuer (another encoding of one credential). Importing it again keeps one.
pub fn already_kept(wallet: &Wallet, text: &str) -> Result<Option<String>, StoreError> {
    let text = crate::domain::store::normalized(text);
    let identity = |credential: &str| {
        let claims = crate::domain::summary::claims(credential)?;
        let id = claims.get("id").or_else(|| claims.get("jti")).and_then(serde_json::Value::as_str)?.to_owned();
        let issuer = match claims.get("issuer").or_else(|| claims.get("iss")) {
            Some(serde_json::Value::String(issuer)) => issuer.clone(),
            Some(node) => node.get("id").and_then(serde_json::Value::as_str).unwrap_or_default().to_owned(),
            None => String::new(),
        };
        Some((id, issuer))
    };
    let wanted = identity(&text);
    let (entries, _) = wallet.entries()?;
    Ok(entries
        .into_iter()
        .find(|entry| entry.credential == text || (wanted.is_some() && identity(&entry.credential) == wanted))
        .map(|entry| entry.id))
}

/// The status a report found, as stored with the entry.
fn status_word(report: &Report) -> String {
    match report.check(CheckKind::Status) {
        Some(Outcome::Passed) => "active".into(),
        Some(Outcome::NotApplicable) => "no status".into(),
        Some(Outcome::Failed(failure)) => failure.code().trim_start_matches("credential_").into(),
        _ => "not checked".into(),
    }
}

/// Records with `entry` the status `report` found at `now`. A status list that was read
/// (active, revoked, suspended, or a list that does not hold) gives the status and the time;
/// one that could not be read now (offline, the list unreachable) leaves the status last read
/// and its time, so that a failed refresh never turns "revoked" into "not checked". Returns
/// whether a status list was read.
pub fn record_status(entry: &mut Entry, report: &Report, now: DateTime<Utc>) -> bool {
    match report.check(CheckKind::Status) {
        Some(Outcome::Passed | Outcome::Failed(_)) => {
            entry.status = Some(status_word(report));
            entry.status_checked_at = Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            return true;
        }
        Some(Outcome::NotApplicable) => entry.status = Some(status_word(report)),
        _ if entry.status.is_none() => entry.status = Some(status_word(report)),
        _ => {}
    }
    false
}

/// Whether every check of `report` but the status passed (or did not apply): the credential
/// verified, and only its status (revoked, suspended…) says otherwise.
pub fn verified_but_status(report: &Report) -> bool {
    report.checks.iter().all(|check| check.kind == CheckKind::Status || !matches!(check.outcome, Outcome::Failed(_)))
}

/// The entry of a credential checked by `report`, received at `now` from `source` (`import`,
/// `offer:<issuer>`).
pub fn entry(text: &str, report: &Report, source: &str, now: DateTime<Utc>) -> Entry {
    let mut entry = Entry {
        credential: text.trim().to_owned(),
        received_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        source: source.to_owned(),
        ..Entry::default()
    };
    record_status(&mut entry, report, now);
    entry
}

/// `entry` checked again by `report` at `now`: verified now (its mark removed and its status
/// recorded), or still not verified (`unverified`, the newest reason). Returns whether a status
/// list was read.
pub fn checked_again(entry: &mut Entry, report: &Report, unverified: Option<Unverified>, now: DateTime<Utc>) -> bool {
    entry.unverified = unverified;
    record_status(entry, report, now)
}

/// Keeps with `entry` the `did:web` documents a verification that passed (but for the status)
/// at `now` read online (nothing when it read none, or did not pass).
pub fn remember(entry: &mut Entry, report: &Report, learned: &Learned, now: DateTime<Utc>) {
    let documents = learned.documents();
    if verified_but_status(report) && !documents.is_empty() {
        entry.did_documents = documents;
        entry.did_documents_at = Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by review: an SD-JWT VC whose `sub` was the holder's DID but whose `cnf.jwk` was
    /// another key was stored as "bound to your key", and could never be presented.
    #[test]
    fn a_received_credential_is_bound_by_its_subject_and_its_confirmation_key() {
        let holder = keys::LocalKey::generate();
        let other = keys::LocalKey::generate();
        let did = holder.did_key();
        let key = credentials::Signer::public_key(&holder);
        let jwk = |k: &keys::LocalKey| credentials::multikey::public_jwk(&credentials::Signer::public_key(k));
        let vc = serde_json::json!({"credentialSubject": {"id": did}});
        assert!(bound_to(Some(&vc), &did, &key, false));
        let someone_else = serde_json::json!({"credentialSubject": {"id": other.did_key()}});
        assert!(!bound_to(Some(&someone_else), &did, &key, false));
        let sd_jwt = serde_json::json!({"sub": did, "cnf": {"jwk": jwk(&holder)}});
        assert!(bound_to(Some(&sd_jwt), &did, &key, true));
        let elsewhere = serde_json::json!({"sub": did, "cnf": {"jwk": jwk(&other)}});
        assert!(!bound_to(Some(&elsewhere), &did, &key, true));
        assert!(!bound_to(Some(&serde_json::json!({"sub": did, "cnf": {}})), &did, &key, true));
        // An SD-JWT VC without a confirmation key could never be presented with key binding.
        assert!(!bound_to(Some(&serde_json::json!({"sub": did})), &did, &key, true));
        assert!(!bound_to(None, &did, &key, false));
    }
}
