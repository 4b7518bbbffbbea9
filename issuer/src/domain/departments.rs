//! Departments, the tenants of one issuer: each has its own identifier (a `did:web` served here,
//! or a `did:key`), its signing keys, and the status purposes its credentials get.

use std::sync::Arc;

use keys::LocalKey;
use schemas::LocalizedText;
use serde_json::json;

use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::status::lists::PURPOSES;
use crate::i18n::detail;
use crate::store::{DepartmentRow, KeyBackend};

/// How a department is identified: a `did:web` served by this issuer (the default), or a
/// `did:key` (tests and small setups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DidMethod {
    #[default]
    Web,
    Key,
}

impl std::str::FromStr for DidMethod {
    type Err = IssuerError;

    fn from_str(text: &str) -> Result<Self, IssuerError> {
        match text {
            "web" => Ok(Self::Web),
            "key" => Ok(Self::Key),
            other => Err(IssuerError::BadRequest(detail!("service-unknown-did-method", method = other))),
        }
    }
}

/// First path segments the service itself uses: a department by that name could not publish
/// its `did.json`.
const RESERVED_DEPARTMENT_IDS: [&str; 6] =
    ["credentials", "issuers", "healthz", "readyz", "openapi.json", "well-known"];

fn valid_department_id(id: &str) -> bool {
    if RESERVED_DEPARTMENT_IDS.contains(&id) {
        return false;
    }
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.len() <= 63
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// What a department is created with, checked before anything is opened or written: its
/// identifier, both names, and status purposes this service publishes.
pub fn check_department(id: &str, name: &LocalizedText, status_purposes: &[String]) -> Result<(), IssuerError> {
    if let Some(unknown) = status_purposes.iter().find(|p| !PURPOSES.contains(&p.as_str())) {
        return Err(IssuerError::BadRequest(detail!("service-unknown-status-purpose", purpose = unknown.as_str())));
    }
    if !valid_department_id(id) {
        return Err(IssuerError::BadRequest(detail!("service-department-id-invalid", id = id)));
    }
    if !name.is_complete() {
        return Err(IssuerError::BadRequest(detail!("service-department-name-incomplete")));
    }
    Ok(())
}

impl IssuerService {
    /// Creates a department, its `did:web` identifier and its first signing key; its credentials
    /// get revocation and suspension entries.
    pub async fn create_department(
        &self,
        id: &str,
        name: &LocalizedText,
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        let purposes: Vec<String> = PURPOSES.iter().map(|p| (*p).to_owned()).collect();
        self.create_department_with_status(id, name, &purposes, actor).await
    }

    /// [`Self::create_department`] with the status purposes its credentials get (any of
    /// `revocation`, `suspension`; none turns status lists off).
    pub async fn create_department_with_status(
        &self,
        id: &str,
        name: &LocalizedText,
        status_purposes: &[String],
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        self.create_department_with(id, name, status_purposes, DidMethod::Web, KeyBackend::File, actor).await
    }

    /// [`Self::create_department_with_status`] with the department's DID method: `did:web`,
    /// served here, or `did:key`, for tests and small setups (its identifier is its one key, so
    /// it cannot rotate or retire it, and it has no document to publish), and where its keys
    /// are made: sealed in the database, or inside the PKCS#11 token (did:web only).
    pub async fn create_department_with(
        &self,
        id: &str,
        name: &LocalizedText,
        status_purposes: &[String],
        method: DidMethod,
        backend: KeyBackend,
        actor: &str,
    ) -> Result<DepartmentRow, IssuerError> {
        check_department(id, name, status_purposes)?;
        // A did:web names its first key; a did:key is its key, made first and named by the DID it
        // makes.
        let (did, key, key_row) = match method {
            DidMethod::Web => {
                let did = self.department_did(id);
                if self.store.department(id).await?.is_some() {
                    // Refused before a key is made in the token for nothing.
                    return Err(crate::store::StoreError::Exists(detail!("store-department", id = id)).into());
                }
                let (key, row) = self.new_key(id, &did, backend).await?;
                (did, key, row)
            }
            DidMethod::Key if backend == KeyBackend::Pkcs11 => {
                return Err(IssuerError::BadRequest(detail!("service-did-key-in-token")));
            }
            DidMethod::Key => {
                let key = LocalKey::generate();
                let did = key.did_key();
                let fragment = did.trim_start_matches("did:key:").to_owned();
                let key = key.with_verification_method(format!("{did}#{fragment}"));
                let row = self.key_row(id, &key)?;
                (did.clone(), Arc::new(key) as Arc<dyn credentials::Signer>, row)
            }
        };
        let department = DepartmentRow {
            id: id.to_owned(),
            name_en: name.en.clone(),
            name_fr: name.fr.clone(),
            did,
            created_at: self.now(),
            status_purposes: PURPOSES
                .iter()
                .filter(|p| status_purposes.iter().any(|q| q == *p))
                .map(|p| (*p).to_owned())
                .collect(),
        };
        let audit = [
            self.audit(Some(id), actor, "department.create", json!({"did": department.did})),
            self.audit(Some(id), actor, "key.create", json!({"verificationMethod": key_row.verification_method})),
        ];
        self.store.insert_department(&department, &key_row, &audit).await?;
        self.cache_signer(id, key);
        Ok(department)
    }
}

impl IssuerService {
    /// The `did:web` departments whose DID this service does not serve: made by a service with
    /// another public URL (or by an admin command configured otherwise), their DID documents are
    /// looked for elsewhere, so their credentials would not verify.
    pub async fn departments_served_elsewhere(&self) -> Result<Vec<DepartmentRow>, IssuerError> {
        let departments = self.store.departments().await?;
        Ok(departments
            .into_iter()
            .filter(|d| d.did.starts_with("did:web:") && d.did != self.department_did(&d.id))
            .collect())
    }
}

/// The host (and port) a `did:web` names, as a person reads it: `127.0.0.1:8080`.
pub fn did_web_host(did: &str) -> String {
    let host = did.trim_start_matches("did:web:").split(':').next().unwrap_or_default();
    host.replace("%3A", ":").replace("%3a", ":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_ids_are_path_safe() {
        assert!(valid_department_id("hr"));
        assert!(valid_department_id("esdc-benefits-2"));
        assert!(!valid_department_id("-hr"));
        assert!(!valid_department_id("HR"));
        assert!(!valid_department_id("h/r"));
        assert!(!valid_department_id(""));
        assert!(!valid_department_id(&"a".repeat(64)));
        assert!(!valid_department_id("credentials"));
    }

    #[test]
    fn a_did_web_names_its_host() {
        assert_eq!(did_web_host("did:web:127.0.0.1%3A8080:hr"), "127.0.0.1:8080");
        assert_eq!(did_web_host("did:web:talent.example.ca:hr"), "talent.example.ca");
    }
}
