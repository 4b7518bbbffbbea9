//! What the issuer does, independent of HTTP and of the command line: departments and their
//! keys, API tokens, issuing credentials (recorded before they are returned), DID documents,
//! status lists, OpenID4VCI offers, bulk rows, and the audit trail. `http/` and `cli/` are thin
//! adapters over [`IssuerService`]; nothing here knows a route, a status code or a terminal.

mod audit;
pub mod batch;
pub mod batch_csv;
pub mod console;
pub mod departments;
pub mod error;
pub mod figures;
pub mod issuance;
pub mod nonces;
pub mod oid4vci;
pub mod oidc;
pub mod oidc_settings;
pub(crate) mod secret;
pub mod service;
pub mod sessions;
pub mod sign;
pub mod signing_keys;
pub mod status;
pub mod template;
pub mod tokens;
pub mod uploads;

pub use departments::DidMethod;
pub use error::{Detail, IssuerError};
pub use issuance::{Idempotency, Issued};
pub use oid4vci::{OfferCreated, OfferRequest, CONFIGURATIONS, PRE_AUTHORIZED_GRANT};
pub use service::{IssuerService, TOKEN_CACHE_TTL};
pub use sign::{Mechanism, Secured};
pub use status::{
    list_credential, sign_list, status_list_validity, token_url, CredentialStatusView, PublishedList, StatusChange,
    StatusRegistry, DEFAULT_STATUS_TTL, PURPOSES,
};
pub use template::{AssignmentRequest, SkillRequest, TemplateRequest};
pub use tokens::{Principal, Scope};
