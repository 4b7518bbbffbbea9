//! "Check again now" (issue #23): the status lists of an answered request's credentials are
//! read again and each line's verdict follows what they say now (a credential revoked or
//! suspended since the answer says so; one reinstated is verified again), with the time of the
//! reading as the page's "status checked at". The stored outcome is rewritten, so every later
//! view (and every replica) shows the same.
//!
//! The credentials themselves are not kept: each line carries, from when the answer was
//! judged, where its status is read (`status_source`: its `credentialStatus` or SD-JWT VC
//! `status` claim) and its verdict on everything but status (`apart_from_status`; `line`).
//! Proofs are not checked again: they were, and a signature does not change. A list is
//! downloaded again at most once per `StatusConfig::min_reread` (a minute by default) however
//! often the button is pressed: `StatusLists::read_again` keeps the copy read more recently.
//! Lines from before these were kept are left as they are.
//!
//! The answer's own verdict (`verified` of the request) is what was found when it arrived; the
//! lines say what holds now. A view of the profile does the same by itself once the last
//! reading is older than the status cache period (`refresh_if_stale`).

use std::sync::Arc;

use credentials::report::Outcome;
use credentials::status::EntryStatus;
use lang::Lang;
use serde_json::Value;

use crate::domain::error::ServiceError;
use crate::domain::profile::line::Verdict;
use crate::domain::service::VerifierService;
use crate::i18n::t;
use crate::store::Status;

/// What a credential's status lists say now.
type Read = Option<(Outcome, Vec<EntryStatus>)>;

/// Reads the status of request `id`'s credentials again and stores the outcome with the new
/// verdicts and time. `NotFound` when the request is unknown or not answered.
pub async fn check_again(service: &Arc<VerifierService>, id: &str) -> Result<(), ServiceError> {
    let (en, fr) = answered_outcomes(service, id).await?.ok_or(ServiceError::NotFound)?;
    recheck(service, id, en, fr).await
}

/// The stored outcomes (English, French) of request `id` when it was answered.
async fn answered_outcomes(service: &VerifierService, id: &str) -> Result<Option<(Value, Value)>, ServiceError> {
    let Some(row) = service.store().request_by_id(id).await? else {
        return Ok(None);
    };
    let (Status::Verified | Status::Failed, Some(en), Some(fr)) = (row.status, row.outcome_en, row.outcome_fr) else {
        return Ok(None);
    };
    let corrupt =
        |e: serde_json::Error| ServiceError::Store(crate::store::StoreError::Corrupt(format!("outcome: {e}")));
    Ok(Some((serde_json::from_str(&en).map_err(corrupt)?, serde_json::from_str(&fr).map_err(corrupt)?)))
}

/// Reads the statuses of these outcomes of request `id` again, and stores them.
async fn recheck(service: &Arc<VerifierService>, id: &str, mut en: Value, mut fr: Value) -> Result<(), ServiceError> {
    // Where each credential's status is read (the same in both languages).
    let sources: Vec<Option<(Value, Option<String>)>> = en["credentials"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|credential| {
            let source = credential.pointer("/line/status_source").filter(|source| source.is_object())?;
            Some((source.clone(), credential["issuer"].as_str().map(str::to_owned)))
        })
        .collect();
    // The lists may be downloaded: on the blocking pool, as a verification that waits is.
    let verifier = service.verifier().clone();
    let read: Vec<Read> = tokio::task::spawn_blocking(move || {
        sources
            .into_iter()
            .map(|source| source.map(|(source, issuer)| verifier.status_again(&source, issuer.as_deref())))
            .collect()
    })
    .await
    .map_err(|_| ServiceError::Internal)?;
    let checked_at = service.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for (outcome, lang) in [(&mut en, Lang::En), (&mut fr, Lang::Fr)] {
        apply(outcome, &read, lang);
        outcome["checked_at"] = checked_at.clone().into();
    }
    if !service.store().replace_outcome(id, (&en.to_string(), &fr.to_string())).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// Reads the status again when a profile is viewed and its last reading is older than the
/// status cache period (`--status-cache`): a credential revoked since shows as revoked on the
/// next view, without anyone pressing "check again now". Nothing happens for a request not
/// answered, or offline.
pub async fn refresh_if_stale(service: &Arc<VerifierService>, id: &str) -> Result<(), ServiceError> {
    let Some(lists) = service.verifier().status.as_ref() else {
        return Ok(());
    };
    let period = chrono::Duration::from_std(lists.config.max_cache).unwrap_or(chrono::Duration::MAX);
    let (en, fr) = match answered_outcomes(service, id).await {
        Ok(Some(outcomes)) => outcomes,
        // Not answered, or an outcome that does not read back: the view says what it can.
        Ok(None) | Err(ServiceError::Store(crate::store::StoreError::Corrupt(_))) => return Ok(()),
        Err(other) => return Err(other),
    };
    let checked_at = en["checked_at"].as_str().and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok());
    match checked_at {
        Some(at) if service.now().signed_duration_since(at) >= period => match recheck(service, id, en, fr).await {
            Err(ServiceError::NotFound) => Ok(()),
            other => other,
        },
        _ => Ok(()),
    }
}

/// Gives each credential of `outcome` (in `lang`) what its status lists say now.
fn apply(outcome: &mut Value, read: &[Read], lang: Lang) {
    let credentials = outcome["credentials"].as_array_mut().into_iter().flatten();
    for (credential, read) in credentials.zip(read) {
        let Some((status, entries)) = read else { continue };
        let apart = &credential["line"]["apart_from_status"];
        let Some(rest) = apart["verdict"].as_str().and_then(Verdict::parse) else { continue };
        let rest_reason = apart["reason"].as_str().map(str::to_owned);
        let (verdict, reason) = judge_again((rest, rest_reason), status, entries, lang);
        credential["status"] = entries.iter().map(|entry| Value::from(entry.state())).collect();
        credential["line"]["verdict"] = verdict.as_str().into();
        credential["line"]["reason"] = reason.into();
    }
}

/// A line's verdict from its verdict apart from status and its status now, in the order
/// `line::verdict` gives them: a failed carrier, revoked, suspended, expired, a broken list,
/// an invalid or untrusted credential, a status unknown.
fn judge_again(
    (rest, rest_reason): (Verdict, Option<String>),
    status: &Outcome,
    entries: &[EntryStatus],
    lang: Lang,
) -> (Verdict, Option<String>) {
    let set = |state: &str| entries.iter().any(|entry| entry.state() == state);
    let failed = matches!(status, Outcome::Failed(_));
    match rest {
        // The answer that carried it failed as a whole: no status changes that.
        Verdict::NotCheckable => (rest, rest_reason),
        _ if failed && set("revoked") => (Verdict::Revoked, Some(t!(lang, "line-reason-revoked"))),
        _ if failed && set("suspended") => (Verdict::Suspended, Some(t!(lang, "line-reason-suspended"))),
        Verdict::Expired => (rest, rest_reason),
        _ => match status {
            Outcome::Failed(failure) => (Verdict::Invalid, Some(failure.message(lang))),
            _ if rest != Verdict::Verified => (rest, rest_reason),
            Outcome::Undetermined(_) | Outcome::NotChecked(_) => {
                (Verdict::NotCheckable, Some(t!(lang, "line-reason-status-unknown")))
            }
            _ => (rest, rest_reason),
        },
    }
}

#[cfg(test)]
mod tests {
    use credentials::error::StatusError;

    use super::*;

    fn entry(purpose: &str, set: bool) -> EntryStatus {
        EntryStatus { purpose: purpose.into(), index: 1, list: "https://s.example/1".into(), result: Ok(set) }
    }

    #[test]
    fn a_line_follows_its_status_now_and_keeps_what_status_does_not_change() {
        let en = Lang::En;
        let revoked = Outcome::Failed(StatusError::Revoked.into());
        let (verdict, _) = judge_again((Verdict::Verified, None), &revoked, &[entry("revocation", true)], en);
        assert_eq!(verdict, Verdict::Revoked);
        let suspended = Outcome::Failed(StatusError::Suspended.into());
        let (verdict, _) = judge_again((Verdict::Untrusted, None), &suspended, &[entry("suspension", true)], en);
        assert_eq!(verdict, Verdict::Suspended);
        // Reinstated: verified again.
        let (verdict, reason) =
            judge_again((Verdict::Verified, None), &Outcome::Passed, &[entry("suspension", false)], en);
        assert_eq!((verdict, reason), (Verdict::Verified, None));
        // An untrusted issuer stays untrusted, a failed answer stays not checkable.
        let why = Some("x".to_owned());
        let (verdict, _) = judge_again((Verdict::Untrusted, why.clone()), &Outcome::Passed, &[], en);
        assert_eq!(verdict, Verdict::Untrusted);
        let (verdict, reason) = judge_again((Verdict::NotCheckable, why.clone()), &revoked, &[], en);
        assert_eq!((verdict, reason), (Verdict::NotCheckable, why));
        let unknown = Outcome::Undetermined(
            StatusError::Retrieval { url: "u".into(), detail: credentials::error::Detail::new("a", "b") }.into(),
        );
        let (verdict, _) = judge_again((Verdict::Verified, None), &unknown, &[], en);
        assert_eq!(verdict, Verdict::NotCheckable);
    }
}
