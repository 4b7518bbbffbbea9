//! Withdrawing: the person proves control of the holder key their profile was published under
//! by a presentation answering a fresh challenge of ours (`POST /challenges`, used once),
//! verified as `POST /presentations/verify` verifies one; then the publication and everything
//! derived from it are deleted at once. Another key's presentation finds nothing of its own to
//! withdraw: a profile is only ever withdrawn by its holder.

use std::sync::Arc;

use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::input::Parsed;
use credentials::verify::{HolderBinding, PresentationOptions};

use crate::domain::challenges::Challenges;
use crate::domain::error::ServiceError;
use crate::domain::service::VerifierService;
use crate::i18n::t;

/// Withdraws the profile of the holder who signed `presentation` for `challenge` (and
/// `domain`, when given): the publication's id.
pub async fn withdraw(
    service: &Arc<VerifierService>,
    presentation: Parsed,
    challenge: &str,
    domain: Option<String>,
) -> Result<String, ServiceError> {
    if !Challenges::is_ours(challenge) {
        return Err(ServiceError::bad(|lang| t!(lang, "directory-challenge-not-ours")));
    }
    let options = PresentationOptions {
        challenge: Some(challenge.to_owned()),
        domain,
        max_age: None,
        clock_skew: DEFAULT_CLOCK_SKEW,
        holder_binding: HolderBinding::NotRequired,
        audience_required: false,
    };
    let (report, used) = service.verify_presentation(presentation, options, Some(false)).await?;
    if let Some((_, failure)) = report.first_failure() {
        let reason = failure.message(lang::Lang::En);
        let reason_fr = failure.message(lang::Lang::Fr);
        return Err(ServiceError::bad(move |lang| {
            t!(lang, "directory-withdraw-not-verified", reason = lang.pick(&reason, &reason_fr))
        }));
    }
    if used.is_err() {
        return Err(ServiceError::bad(|lang| t!(lang, "challenge-unknown-or-used")));
    }
    let holder = report.issuer.ok_or_else(|| ServiceError::bad(|lang| t!(lang, "directory-withdraw-no-holder")))?;
    let id = service.store().publication_of(&holder).await?.ok_or(ServiceError::NotFound)?;
    service.store().withdraw(&holder).await?;
    tracing::info!(publication = id.as_str(), "a talent profile was withdrawn from the directory");
    Ok(id)
}
