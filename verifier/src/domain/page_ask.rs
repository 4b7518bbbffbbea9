//! Asking a person for credentials from the web page: the page offers a few choices (a skill or
//! an assignment and the skill; or a talent profile with skills of interest and a minimum level)
//! rather than a DCQL query, always in every format the person may hold, and the one who starts
//! a request must know the service's API token, since wallets show it as this employer's request.

use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::dcql::Query;
use lang::Lang;

use crate::domain::error::ServiceError;
use crate::domain::ids::random_id;
use crate::domain::oid4vp::requests::{page_key_sha256, Origin, Policy, DEFAULT_LIFETIME};
use crate::domain::profile::blind;
use crate::domain::profile::query::{profile_query, single_query, ProfileAsk};
use crate::domain::service::VerifierService;

/// What the page's form chose.
#[derive(Debug, Clone, Copy)]
pub struct PageAsk<'a> {
    /// `skill` or `assignment`.
    pub kind: &'a str,
    /// A skill of the taxonomy, by key.
    pub skill: &'a str,
    /// The service's API token as typed into the form.
    pub token: &'a str,
}

/// A page request started: its id, and the key that opens its page.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub id: String,
    pub key: String,
}

/// Creates an OpenID4VP request for one credential from the page's choices.
pub async fn ask(service: &VerifierService, ask: &PageAsk<'_>, lang: Lang) -> Result<PageRequest, ServiceError> {
    service.identity().ok_or(ServiceError::NotFound)?;
    let creator = service.check_page_token(ask.token).await?;
    create(service, &creator, single_query(ask.kind, ask.skill)?, lang).await
}

/// Creates an OpenID4VP request for a talent profile from the page's choices, shown
/// name-blind first when `name_blind`.
pub async fn ask_profile(
    service: &VerifierService,
    ask: &ProfileAsk,
    token: &str,
    name_blind: bool,
    lang: Lang,
) -> Result<PageRequest, ServiceError> {
    service.identity().ok_or(ServiceError::NotFound)?;
    let creator = service.check_page_token(token).await?;
    let created = create(service, &creator, profile_query(ask)?, lang).await?;
    // Marked before its link is given: nobody can answer it before it is blind.
    if name_blind {
        blind::mark(service, &created.id).await?;
    }
    Ok(created)
}

async fn create(
    service: &VerifierService,
    creator: &str,
    query: Query,
    lang: Lang,
) -> Result<PageRequest, ServiceError> {
    let identity = service.identity().ok_or(ServiceError::NotFound)?;
    let policy =
        Policy { lifetime: DEFAULT_LIFETIME, max_age: None, clock_skew: DEFAULT_CLOCK_SKEW, require_status: None };
    let key = random_id("k-");
    let created = service
        .requests()
        .create(
            identity,
            query,
            policy,
            service.now(),
            Origin { created_by: creator, page_key_sha256: Some(page_key_sha256(&key)) },
            lang,
        )
        .await?;
    Ok(PageRequest { id: created.id, key })
}
