//! Reading statuses again: a published profile's Data Integrity credentials are verified again
//! (their status lists read through the service's cache); a skill line whose credential is now
//! revoked, suspended, expired or otherwise failing leaves the searches. Run for every
//! publication not checked for a day by the purge loop, and for one profile when it is shown.
//! A `vc+jwt` or SD-JWT VC line cannot be verified again without its presentation (its key
//! binding was to the publish request): its status lists are read again from where it said its
//! status is (kept at publication), and it leaves when revoked or suspended; it leaves at its
//! expiry too (searches compare `validUntil`).

use std::sync::Arc;

use credentials::report::Outcome;
use credentials::verify::PresentationOptions;
use lang::Lang;
use serde_json::Value;

use crate::domain::directory::publish::STATUS_ONLY;
use crate::domain::error::ServiceError;
use crate::domain::profile::line::{verdict, Verdict};
use crate::domain::service::VerifierService;
use crate::store::PublicationRow;

/// How often each publication's statuses are read again, at least.
pub const EVERY_SECONDS: i64 = 86_400;

/// Most publications re-checked by one purge.
const PER_PURGE: i64 = 200;

/// Re-checks `publication` now: the documents (indexes) that no longer verify leave the searches.
pub async fn recheck(service: &Arc<VerifierService>, publication: &PublicationRow) -> Result<Vec<i64>, ServiceError> {
    let documents: Vec<Value> = serde_json::from_str(&publication.documents).unwrap_or_default();
    let mut dropped = Vec::new();
    for (at, document) in documents.into_iter().enumerate() {
        let kept = if let Some(source) = document.get(STATUS_ONLY).cloned() {
            // A `vc+jwt` or SD-JWT VC: its proof was checked when it was published; its status
            // is read again from where it said it is.
            let verifier = service.verifier().clone();
            let issuer = document["issuer"].as_str().map(str::to_owned);
            let read = tokio::task::spawn_blocking(move || verifier.status_again(&source, issuer.as_deref())).await;
            !matches!(read, Ok((Outcome::Failed(_), _)))
        } else {
            let Ok(parsed) = credentials::input::classify(document) else {
                continue;
            };
            match service.verify(parsed, PresentationOptions::default(), Some(false)).await {
                // A status that cannot be read now keeps the line until the next check.
                Ok(report) => matches!(verdict(&report, None, Lang::En).0, Verdict::Verified | Verdict::NotCheckable),
                Err(_) => true,
            }
        };
        if !kept {
            dropped.push(i64::try_from(at).unwrap_or(i64::MAX));
        }
    }
    service.store().checked(&publication.id, &dropped, service.now().timestamp()).await?;
    Ok(dropped)
}

/// Deletes expired publications and re-checks those not checked for a day: (deleted, re-checked).
pub async fn purge(service: &Arc<VerifierService>) -> Result<(u64, usize), ServiceError> {
    let now = service.now().timestamp();
    let deleted = service.store().purge_directory(now).await?;
    // The counts that searches by family read, for credentials expired since (a search does it
    // too, but then pays for it).
    service.store().refresh_family_levels(now).await?;
    let due = service.store().publications_to_check(now - EVERY_SECONDS, now, PER_PURGE).await?;
    for publication in &due {
        recheck(service, publication).await?;
    }
    Ok((deleted, due.len()))
}
