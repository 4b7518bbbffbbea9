//! A department's signing keys: made and sealed under the master key, or made inside the PKCS#11
//! token (the `pkcs11` backend: only the public key and the key's label are stored), rotated (the
//! old key stays published so what it signed still verifies), retired when one leaks (a token key
//! is then also refused signing by the token), and published in the department's DID document.

use std::sync::Arc;

use credentials::did::DidDocument;
use credentials::Signer;
use keys::LocalKey;
use serde_json::json;

use crate::domain::error::IssuerError;
use crate::domain::secret::random_bytes;
use crate::domain::service::IssuerService;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::detail;
use crate::store::{DepartmentRow, KeyBackend, KeyRow, KeyStatus};

/// A department's keys as the console shows them to its administrators.
#[derive(Debug, Clone)]
pub struct KeysView {
    pub did: String,
    /// A `did:key` department: its one key cannot be rotated or retired.
    pub uses_did_key: bool,
    /// The signing key, then the published ones, then the retired, newest first.
    pub keys: Vec<KeyRow>,
}

/// What a `did:key` department cannot do with its one key.
#[derive(Debug, Clone, Copy)]
enum KeyAction {
    Rotate,
    Retire,
}

impl IssuerService {
    /// A new signing key named under the department's DID as stored (not as the current public
    /// URL would name it: the DID never changes), made where `backend` says.
    pub(super) async fn new_key(
        &self,
        department: &str,
        did: &str,
        backend: KeyBackend,
    ) -> Result<(Arc<dyn Signer>, KeyRow), IssuerError> {
        let method = format!("{did}#key-{}", hex::encode(random_bytes(4)));
        match backend {
            KeyBackend::File => {
                let key = LocalKey::generate().with_verification_method(method);
                let row = self.key_row(department, &key)?;
                Ok((Arc::new(key), row))
            }
            KeyBackend::Pkcs11 => {
                let token = self.hsm()?.clone();
                let key = tokio::task::spawn_blocking(move || token.generate(&method))
                    .await
                    .map_err(|e| IssuerError::Unexpected(e.to_string()))??;
                let row = KeyRow {
                    verification_method: key.verification_method().to_owned(),
                    department_id: department.to_owned(),
                    public_key_multibase: credentials::multikey::encode_public(&key.public_key()),
                    sealed_secret: String::new(),
                    status: KeyStatus::Signing,
                    created_at: self.now(),
                    backend,
                };
                Ok((Arc::new(key), row))
            }
        }
    }

    /// The stored row of a new signing key: its public key, its secret sealed under the master key.
    pub(super) fn key_row(&self, department: &str, key: &LocalKey) -> Result<KeyRow, IssuerError> {
        Ok(KeyRow {
            verification_method: key.verification_method().to_owned(),
            department_id: department.to_owned(),
            public_key_multibase: credentials::multikey::encode_public(&key.public_key()),
            sealed_secret: self.master.seal(key)?,
            status: KeyStatus::Signing,
            created_at: self.now(),
            backend: KeyBackend::File,
        })
    }

    /// Refuses what a `did:key` department cannot do with its key (rotate it, retire it, publish
    /// a document for it): its identifier is that key.
    fn refuse_for_did_key(department: &DepartmentRow, action: KeyAction) -> Result<(), IssuerError> {
        if department.uses_did_key() {
            let id = department.id.as_str();
            return Err(IssuerError::Conflict(match action {
                KeyAction::Rotate => detail!("service-did-key-cannot-rotate", department = id),
                KeyAction::Retire => detail!("service-did-key-cannot-retire", department = id),
            }));
        }
        Ok(())
    }

    /// Whether the master key opens the department keys already stored (`true` when none are):
    /// a start with another master key (a new key file where the old one was lost or mistyped,
    /// another replica's key) would otherwise fail every issuance, and seal new keys under a
    /// key that cannot open the old ones.
    pub async fn master_key_opens_stored_keys(&self) -> Result<bool, IssuerError> {
        for department in self.store.departments().await? {
            let keys = self.store.keys(&department.id).await?;
            // Keys in the token are not sealed: only file keys say whether the master key fits.
            let keys: Vec<_> = keys.into_iter().filter(|k| k.backend == KeyBackend::File).collect();
            if let Some(row) = keys.iter().find(|k| k.status == KeyStatus::Signing).or(keys.first()) {
                return Ok(self.master.open(&row.sealed_secret, &row.verification_method).is_ok());
            }
        }
        Ok(true)
    }

    /// Makes a new signing key, where the department's signing key is (sealed, or in the token);
    /// the old one stays in the DID document so earlier credentials verify.
    pub async fn rotate_key(&self, department: &str, actor: &str) -> Result<String, IssuerError> {
        let department_row = self.department_row(department).await?;
        Self::refuse_for_did_key(&department_row, KeyAction::Rotate)?;
        let backend = self.key_backend(department).await?;
        let (_, row) = self.new_key(department, &department_row.did, backend).await?;
        let audit =
            self.audit(Some(department), actor, "key.rotate", json!({"verificationMethod": row.verification_method}));
        self.store.rotate_key(&row, &audit).await?;
        // The next signature reads the signing key from the store. Caching the new key here let
        // two rotations at once leave the older of them cached (each caches its own key after
        // its commit, in either order), and credentials were signed with a key that was no
        // longer the department's signing key.
        self.forget_signer(department);
        Ok(row.verification_method)
    }

    /// Takes a key out of the department's DID document (a key that leaked): credentials it
    /// signed stop verifying. The signing key cannot be retired; rotate first.
    pub async fn retire_key(
        &self,
        department: &str,
        verification_method: &str,
        actor: &str,
    ) -> Result<(), IssuerError> {
        let department_row = self.department_row(department).await?;
        let keys = self.store.keys(department).await?;
        let Some(key) = keys.iter().find(|k| k.verification_method == verification_method) else {
            return Err(IssuerError::NotFound(detail!(
                "service-key",
                method = verification_method,
                department = department
            )));
        };
        Self::refuse_for_did_key(&department_row, KeyAction::Retire)?;
        match key.status {
            KeyStatus::Signing => {
                return Err(IssuerError::Conflict(detail!("service-key-is-signing", method = verification_method)))
            }
            KeyStatus::Retired => {
                return Err(IssuerError::Conflict(detail!("service-key-retired-already", method = verification_method)))
            }
            KeyStatus::Published => {}
        }
        if key.backend == KeyBackend::Pkcs11 {
            // Refused signing by the token itself first: a retired key whose row could not be
            // written stays published, which signs nothing either.
            let token = self.hsm()?.clone();
            let method = verification_method.to_owned();
            tokio::task::spawn_blocking(move || token.disable(&method))
                .await
                .map_err(|e| IssuerError::Unexpected(e.to_string()))??;
        }
        let audit =
            self.audit(Some(department), actor, "key.retire", json!({"verificationMethod": verification_method}));
        if !self.store.retire_key(department, verification_method, &audit).await? {
            // Changed since it was read (a rotation or retire at the same moment).
            return Err(IssuerError::Conflict(detail!("service-key-changed", method = verification_method)));
        }
        Ok(())
    }

    /// Where the department's keys are made: where its signing key is.
    pub async fn key_backend(&self, department: &str) -> Result<KeyBackend, IssuerError> {
        let keys = self.store.keys(department).await?;
        Ok(keys.iter().find(|k| k.status == KeyStatus::Signing).map(|k| k.backend).unwrap_or_default())
    }

    /// Removes a retired key from the PKCS#11 token for good (an administrator's command): what
    /// it signed had already stopped verifying. Only retired token keys; `false` when the token
    /// no longer held it.
    pub async fn destroy_key(
        &self,
        department: &str,
        verification_method: &str,
        actor: &str,
    ) -> Result<bool, IssuerError> {
        let keys = self.store.keys(department).await?;
        let Some(key) = keys.iter().find(|k| k.verification_method == verification_method) else {
            return Err(IssuerError::NotFound(detail!(
                "service-key",
                method = verification_method,
                department = department
            )));
        };
        if key.status != KeyStatus::Retired || key.backend != KeyBackend::Pkcs11 {
            return Err(IssuerError::Conflict(detail!("service-key-not-destroyable", method = verification_method)));
        }
        let token = self.hsm()?.clone();
        let method = verification_method.to_owned();
        let destroyed = tokio::task::spawn_blocking(move || token.destroy(&method))
            .await
            .map_err(|e| IssuerError::Unexpected(e.to_string()))??;
        let audit = self.audit(
            Some(department),
            actor,
            "key.destroy",
            json!({"verificationMethod": verification_method, "destroyed": destroyed}),
        );
        self.store.append_audit(&audit).await?;
        Ok(destroyed)
    }

    /// Key retirement asked over HTTP: the caller's own department, `admin` scope.
    pub async fn retire_key_as(&self, principal: &Principal, verification_method: &str) -> Result<(), IssuerError> {
        principal.require(Scope::Admin)?;
        self.retire_key(&principal.department, verification_method, &principal.actor()).await
    }

    /// Key rotation asked over HTTP: the caller's own department, `admin` scope.
    pub async fn rotate_key_as(&self, principal: &Principal) -> Result<String, IssuerError> {
        principal.require(Scope::Admin)?;
        self.rotate_key(&principal.department, &principal.actor()).await
    }

    /// The caller's department's keys (`admin` scope): which signs, which are still published so
    /// that what they signed verifies, which are retired.
    pub async fn keys_as(&self, principal: &Principal) -> Result<KeysView, IssuerError> {
        principal.require(Scope::Admin)?;
        let department = self.department_row(&principal.department).await?;
        let mut keys = self.store.keys(&principal.department).await?;
        // The signing key first, then those still published, then the retired; newest first.
        let rank = |key: &KeyRow| match key.status {
            KeyStatus::Signing => 0,
            KeyStatus::Published => 1,
            KeyStatus::Retired => 2,
        };
        keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| b.created_at.cmp(&a.created_at)));
        Ok(KeysView { uses_did_key: department.uses_did_key(), did: department.did, keys })
    }

    /// The DID document published at `/{department}/did.json`: every signing and published key.
    pub async fn did_document(&self, department: &str) -> Result<DidDocument, IssuerError> {
        let row = self.department_row(department).await?;
        if row.uses_did_key() {
            // Nothing to publish: a did:key resolves from the identifier itself.
            return Err(IssuerError::NotFound(detail!("service-did-document-of-did-key", department = department)));
        }
        let mut methods = Vec::new();
        for key in self.store.keys(department).await? {
            if key.status != KeyStatus::Retired {
                let public = credentials::multikey::decode_public(&key.public_key_multibase)
                    .map_err(credentials::Error::from)?;
                methods.push((key.verification_method, public));
            }
        }
        Ok(DidDocument::with_keys(&row.did, &methods))
    }
}
