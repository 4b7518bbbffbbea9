//! What the staff console shows, read within the signed-in staff member's department only: a
//! week's activity and the latest credentials (the dashboard), and one credential with its
//! status now and its history from the audit trail. Another department's credential is not
//! found, whatever its id: the console leaks nothing by URL guessing. So does a search: it looks
//! in the staff member's department only.

use std::collections::HashMap;

use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::status::CredentialStatusView;
use crate::domain::tokens::Principal;
use crate::i18n::detail;
use crate::store::{AuditRow, CredentialRow, CredentialSearch, FoundCredential};

/// How many credentials the dashboard lists.
const RECENT: i64 = 50;

/// Most credentials a search lists (the latest; all are counted).
pub const FOUND_MOST: i64 = 200;

/// The dashboard: this week's counts by action, and the latest credentials.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub issued: usize,
    pub offered: usize,
    pub revoked: usize,
    pub suspended: usize,
    pub recent: Vec<CredentialRow>,
}

/// One credential as the console shows it.
#[derive(Debug, Clone)]
pub struct CredentialView {
    pub row: CredentialRow,
    pub status: CredentialStatusView,
    pub history: Vec<AuditRow>,
    /// The names of the staff in the history, by actor.
    pub names: HashMap<String, String>,
}

impl IssuerService {
    /// The dashboard of the staff member's department.
    pub async fn dashboard(&self, principal: &Principal) -> Result<Dashboard, IssuerError> {
        let since = (self.clock.now() - chrono::Duration::days(7)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let actions = ["credential.issue", "offer.create", "credential.revoke", "credential.suspend"];
        let counts = self.store.count_actions(&principal.department, &since, &actions).await?;
        let count = |at: usize| usize::try_from(counts.get(at).copied().unwrap_or_default()).unwrap_or_default();
        Ok(Dashboard {
            issued: count(0),
            offered: count(1),
            revoked: count(2),
            suspended: count(3),
            recent: self.store.recent_credentials(&principal.department, RECENT).await?,
        })
    }

    /// The day a week before today (UTC), the audit page's default start.
    pub fn a_week_ago(&self) -> chrono::NaiveDate {
        (self.clock.now() - chrono::Duration::days(7)).date_naive()
    }

    /// The staff member's department's credentials that match `search`: how many, and the latest
    /// [`FOUND_MOST`] of them.
    pub async fn find_credentials(
        &self,
        principal: &Principal,
        search: &CredentialSearch,
    ) -> Result<(i64, Vec<FoundCredential>), IssuerError> {
        Ok(self.store.search_credentials(&principal.department, search, &self.now(), FOUND_MOST).await?)
    }

    /// A credential of the staff member's department, its status and history.
    pub async fn credential_view(&self, principal: &Principal, id: &str) -> Result<CredentialView, IssuerError> {
        let row = self
            .store
            .credential(&principal.department, id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-credential", id = id)))?;
        let status = self.credential_status(&row).await?;
        let history = self.store.audit_of_credential(&principal.department, id).await?;
        let names = self.staff_names(principal).await?;
        Ok(CredentialView { row, status, history, names })
    }
}

impl IssuerService {
    /// The name each staff member of the department last signed in under, by the actor the
    /// audit trail records.
    pub async fn staff_names(&self, principal: &Principal) -> Result<HashMap<String, String>, IssuerError> {
        Ok(self.store.staff_names(&principal.department).await?)
    }
}

/// The reason an audit entry gives, if any.
pub fn reason_of(entry: &AuditRow) -> Option<String> {
    serde_json::from_str::<Value>(&entry.detail)
        .ok()
        .and_then(|detail| detail.get("reason").and_then(Value::as_str).map(str::to_owned))
        .filter(|reason| !reason.is_empty())
}
