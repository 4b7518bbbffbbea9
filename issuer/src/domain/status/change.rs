//! Revoking, suspending and reinstating an issued credential: its bits change and its lists'
//! versions move in one transaction with the audit entries. Revocation is final.

use serde_json::json;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::detail;
use crate::store::StatusSlot;

/// A change of a credential's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Final.
    Revoke,
    Suspend,
    /// Lifts a suspension.
    Reinstate,
}

impl StatusChange {
    fn action(self) -> &'static str {
        match self {
            Self::Revoke => "credential.revoke",
            Self::Suspend => "credential.suspend",
            Self::Reinstate => "credential.reinstate",
        }
    }
}

/// A credential's status as its issuer records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CredentialStatusView {
    #[serde(rename = "credentialId")]
    pub credential_id: String,
    /// `active` or `revoked`; absent without a revocation entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation: Option<&'static str>,
    /// `active` or `suspended`; absent without a suspension entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspension: Option<&'static str>,
}

impl IssuerService {
    /// Revokes, suspends or reinstates one of the department's credentials; audited with
    /// `actor` and `reason`. Revocation is final.
    pub async fn change_status(
        &self,
        department: &str,
        credential_id: &str,
        changes: &[StatusChange],
        reason: &str,
        actor: &str,
    ) -> Result<CredentialStatusView, IssuerError> {
        let row = self
            .store
            .credential(department, credential_id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-credential", id = credential_id)))?;
        let (mut revoked, mut suspended) = self.status_bits(&row).await?;
        let missing =
            |purpose: &str| IssuerError::Conflict(detail!("status-no-entry", id = credential_id, purpose = purpose));
        // Every change is checked, in order, before any is written; then all are written in one
        // transaction (found by review: a revocation was committed although the request's next
        // change was refused, and the client was told the request failed).
        let (mut bits, mut audits) = (Vec::new(), Vec::new());
        for change in changes {
            let (slot, value) = match change {
                StatusChange::Revoke => (row.revocation.ok_or_else(|| missing("revocation"))?.bit(), true),
                StatusChange::Suspend | StatusChange::Reinstate if revoked => {
                    return Err(IssuerError::Conflict(detail!("status-revocation-final", id = credential_id)))
                }
                StatusChange::Suspend => (row.suspension.ok_or_else(|| missing("suspension"))?.bit(), true),
                StatusChange::Reinstate => (row.suspension.ok_or_else(|| missing("suspension"))?.bit(), false),
            };
            audits.push(self.audit(
                Some(department),
                actor,
                change.action(),
                json!({"id": credential_id, "reason": reason, "list": slot.0, "index": slot.1}),
            ));
            bits.push((slot.0, slot.1, value));
            match change {
                StatusChange::Revoke => revoked = true,
                StatusChange::Suspend => suspended = true,
                StatusChange::Reinstate => suspended = false,
            }
        }
        self.store.set_status_bits(department, &bits, &audits).await?;
        Ok(CredentialStatusView {
            credential_id: credential_id.to_owned(),
            revocation: row.revocation.map(|_| if revoked { "revoked" } else { "active" }),
            suspension: row.suspension.map(|_| if suspended { "suspended" } else { "active" }),
        })
    }

    /// Whether a credential is revoked, and suspended, now.
    async fn status_bits(&self, row: &crate::store::CredentialRow) -> Result<(bool, bool), IssuerError> {
        let department = row.department_id.as_str();
        let bit = |slot: Option<(i64, i64)>| async move {
            match slot {
                Some((list, index)) => self.store.status_bit(department, list, index).await.map(|b| b.unwrap_or(false)),
                None => Ok(false),
            }
        };
        Ok((bit(row.revocation.map(StatusSlot::bit)).await?, bit(row.suspension.map(StatusSlot::bit)).await?))
    }

    /// A credential's status now, as its issuer records it (`active`, `revoked`, `suspended`
    /// per purpose it has an entry for).
    pub async fn credential_status(
        &self,
        row: &crate::store::CredentialRow,
    ) -> Result<CredentialStatusView, IssuerError> {
        let (revoked, suspended) = self.status_bits(row).await?;
        Ok(CredentialStatusView {
            credential_id: row.id.clone(),
            revocation: row.revocation.map(|_| if revoked { "revoked" } else { "active" }),
            suspension: row.suspension.map(|_| if suspended { "suspended" } else { "active" }),
        })
    }

    /// A status change asked over HTTP: the caller's own department, `revoke` scope.
    pub async fn change_status_as(
        &self,
        principal: &Principal,
        credential_id: &str,
        changes: &[StatusChange],
        reason: &str,
    ) -> Result<CredentialStatusView, IssuerError> {
        principal.require(Scope::Revoke)?;
        self.change_status(&principal.department, credential_id, changes, reason, &principal.actor()).await
    }
}
