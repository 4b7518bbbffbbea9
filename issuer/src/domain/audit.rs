//! The audit trail: every change that must be attributable gets an entry (who, what, when),
//! written by the store in the same transaction as the change, and read back per department.

use chrono::SecondsFormat;
use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::detail;
use crate::store::AuditRow;

impl IssuerService {
    /// The entry recording `action` by `actor` now, with its `detail`.
    pub(super) fn audit(&self, department: Option<&str>, actor: &str, action: &str, detail: Value) -> AuditRow {
        AuditRow {
            at: self.now(),
            department_id: department.map(str::to_owned),
            actor: actor.to_owned(),
            action: action.to_owned(),
            about: detail.get("id").and_then(Value::as_str).map(str::to_owned),
            detail: detail.to_string(),
        }
    }

    /// The audit trail of the caller's own department since `since`, `admin` scope.
    pub async fn audit_as(&self, principal: &Principal, since: Option<&str>) -> Result<Vec<AuditRow>, IssuerError> {
        principal.require(Scope::Admin)?;
        self.audit_since(Some(&principal.department), since).await
    }

    /// The audit entries of `department` (every department: `None`) at or after `since`, an
    /// RFC 3339 time (all: `None`), compared as stored ([`stored_since`]).
    pub async fn audit_since(
        &self,
        department: Option<&str>,
        since: Option<&str>,
    ) -> Result<Vec<AuditRow>, IssuerError> {
        Ok(self.store.audit(department, &stored_since(since)?).await?)
    }

    /// The latest `most` audit entries of the caller's own department since `since` (RFC 3339),
    /// of one `action` or all, newest first, and how many there are in all; `admin` scope. The
    /// console's audit trail: filtered and cut by the database, not read back whole.
    pub async fn latest_audit_as(
        &self,
        principal: &Principal,
        since: &str,
        action: Option<&str>,
        most: i64,
    ) -> Result<(i64, Vec<AuditRow>), IssuerError> {
        principal.require(Scope::Admin)?;
        Ok(self.store.latest_audit(&principal.department, &stored_since(Some(since))?, action, most).await?)
    }
}

/// An RFC 3339 time as the audit trail stores times (UTC, milliseconds), so that text
/// comparison is time order: compared as given, an offset or a missing fraction matched the
/// wrong entries (found by review). Empty for none.
fn stored_since(since: Option<&str>) -> Result<String, IssuerError> {
    Ok(match since.map(str::trim) {
        None | Some("") => String::new(),
        Some(text) => chrono::DateTime::parse_from_rfc3339(text)
            .map_err(|_| IssuerError::BadRequest(detail!("service-since-invalid", since = text)))?
            .with_timezone(&chrono::Utc)
            .to_rfc3339_opts(SecondsFormat::Millis, true),
    })
}
