//! Asking a person for a credential from the web page: the page offers a few choices (a skill or
//! an assignment, the skill, the format) rather than a DCQL query, and the one who starts a
//! request must know the service's API token, since wallets show it as this employer's request.

use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::dcql::{assignment_query, skill_query, Query, FORMAT_DC_SD_JWT, FORMAT_LDP_VC};
use lang::Lang;

use crate::domain::error::ServiceError;
use crate::domain::ids::random_id;
use crate::domain::oid4vp::requests::{page_key_sha256, Origin, Policy, DEFAULT_LIFETIME};
use crate::domain::service::VerifierService;
use crate::i18n::t;

/// What the page's form chose.
#[derive(Debug, Clone, Copy)]
pub struct PageAsk<'a> {
    /// `skill` or `assignment`.
    pub kind: &'a str,
    /// A skill of the taxonomy, by key.
    pub skill: &'a str,
    /// `dc+sd-jwt` or `ldp_vc`.
    pub format: &'a str,
    /// The service's API token as typed into the form.
    pub token: &'a str,
}

/// A page request started: its id, and the key that opens its page.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub id: String,
    pub key: String,
}

/// Creates an OpenID4VP request from the page's choices.
pub async fn ask(service: &VerifierService, ask: &PageAsk<'_>, lang: Lang) -> Result<PageRequest, ServiceError> {
    let identity = service.identity().ok_or(ServiceError::NotFound)?;
    let creator = service.check_page_token(ask.token).await?;
    if schemas::Taxonomy::gc_digital_talent().skill(ask.skill).is_none() {
        return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-skill")));
    }
    let format = match ask.format {
        FORMAT_DC_SD_JWT => FORMAT_DC_SD_JWT,
        FORMAT_LDP_VC => FORMAT_LDP_VC,
        _ => return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-format"))),
    };
    let query = match ask.kind {
        "skill" => skill_query("credential", format, ask.skill),
        "assignment" => assignment_query("credential", format, Some(ask.skill)),
        _ => return Err(ServiceError::bad(|lang| t!(lang, "ask-unknown-kind"))),
    };
    let query = Query { credentials: vec![query], credential_sets: None };
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
            Origin { created_by: &creator, page_key_sha256: Some(page_key_sha256(&key)) },
            lang,
        )
        .await?;
    Ok(PageRequest { id: created.id, key })
}
