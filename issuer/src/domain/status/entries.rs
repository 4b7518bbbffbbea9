//! Status entries of a credential about to be signed: one Bitstring Status List entry per
//! purpose its department publishes, at a free index reserved by the registry.

use serde_json::Value;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::i18n::detail;
use crate::store::StatusSlot;

impl IssuerService {
    /// The purposes `department` publishes (they never change after creation).
    async fn status_purposes(&self, department: &str) -> Result<Vec<String>, IssuerError> {
        if let Some(purposes) = self.status.purposes.read().ok().and_then(|p| p.get(department).cloned()) {
            return Ok(purposes);
        }
        let purposes = self.department_row(department).await?.status_purposes;
        if let Ok(mut cache) = self.status.purposes.write() {
            cache.insert(department.to_owned(), purposes.clone());
        }
        Ok(purposes)
    }

    /// Adds the department's status entries to a credential about to be signed; returns the
    /// (list, index) of each purpose. VC 1.1 credentials get none: their context does not
    /// define `BitstringStatusListEntry`.
    pub(crate) async fn assign_status(
        &self,
        department: &str,
        credential: &mut serde_json::Map<String, Value>,
    ) -> Result<(Option<StatusSlot>, Option<StatusSlot>), IssuerError> {
        if credential.contains_key("credentialStatus") {
            return Err(IssuerError::Refused(detail!("status-assigned-by-issuer")));
        }
        let is_v2 = match credential.get("@context") {
            Some(Value::Array(items)) => {
                items.first().and_then(Value::as_str) == Some(credentials::contexts::CREDENTIALS_V2)
            }
            Some(Value::String(context)) => context == credentials::contexts::CREDENTIALS_V2,
            _ => false,
        };
        let purposes = self.status_purposes(department).await?;
        if !is_v2 || purposes.is_empty() {
            return Ok((None, None));
        }
        let now = self.now();
        let mut entries = Vec::new();
        let mut revocation = None;
        let mut suspension = None;
        for purpose in &purposes {
            let slot = self.status.allocate(&self.store, department, purpose, &now).await?;
            entries.push(self.status.entry(department, purpose, slot));
            match purpose.as_str() {
                "revocation" => revocation = Some(slot),
                _ => suspension = Some(slot),
            }
        }
        credential.insert("credentialStatus".into(), Value::Array(entries));
        Ok((revocation, suspension))
    }
}
