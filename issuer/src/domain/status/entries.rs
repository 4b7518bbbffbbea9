//! Status entries of a credential about to be signed: one Bitstring Status List entry per
//! purpose its department publishes, at a free index reserved by the registry.
//!
//! A credential sent with its own `credentialStatus` (VCDM 2.0 §4.10 lets an issuer use any
//! status mechanism, one entry or several) keeps it as given and gets none of the department's:
//! the caller publishes those lists and answers for that credential's status, and entries of two
//! publishers for one purpose would leave no one able to say whether it is revoked. The service's
//! status API then has nothing to change for that credential (`status-no-entry`). What a verifier
//! could not read is refused by `credentials::secure` before signing; an entry on one of this
//! service's own lists is refused here, as its index belongs to another credential.

use credentials::error::InputError;
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
        if let Some(supplied) = credential.get("credentialStatus") {
            self.refuse_own_lists(supplied)?;
            return Ok((None, None));
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

    /// Refuses a supplied entry on a list this service publishes: its indexes are reserved for
    /// the credentials the service gives them to.
    fn refuse_own_lists(&self, supplied: &Value) -> Result<(), IssuerError> {
        let prefix = format!("{}/", self.status.base_url());
        let items: Vec<&Value> = match supplied {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let own = items
            .iter()
            .filter_map(|item| item.get("statusListCredential").and_then(Value::as_str))
            .find(|list| list.starts_with(&prefix));
        match own {
            Some(list) => Err(IssuerError::Credentials(
                InputError::InvalidField { field: "credentialStatus", reason: detail!("status-own-list", list = list) }
                    .into(),
            )),
            None => Ok(()),
        }
    }
}
