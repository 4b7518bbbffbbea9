//! The rows of each table as plain structs, read from `sqlx::any::AnyRow` by column name.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::error::StoreError;

/// The columns of a credential record, in the order `CredentialRow::from_row` reads them.
pub(super) const CREDENTIAL_COLUMNS: &str =
    "id, department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, idempotency_key, request_sha256, body, revocation_list, revocation_index, suspension_list, suspension_index, revocation_position, suspension_position, person, skill_keys, valid_until, skill_level";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentRow {
    pub id: String,
    pub name_en: String,
    pub name_fr: String,
    pub did: String,
    pub created_at: String,
    /// Status purposes its credentials get entries for: `revocation`, `suspension`, both or none.
    pub status_purposes: Vec<String>,
}

impl DepartmentRow {
    /// A `did:key` department: its identifier is its one key (no document, no rotation).
    pub fn uses_did_key(&self) -> bool {
        self.did.starts_with("did:key:")
    }

    pub(super) fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            name_en: row.try_get("name_en")?,
            name_fr: row.try_get("name_fr")?,
            did: row.try_get("did")?,
            created_at: row.try_get("created_at")?,
            status_purposes: row
                .try_get::<String, _>("status_purposes")?
                .split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// Where a key is in its life: signs new credentials, or is only published so that older
/// credentials still verify, or is retired (no longer in the DID document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    Signing,
    Published,
    Retired,
}

impl KeyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signing => "signing",
            Self::Published => "published",
            Self::Retired => "retired",
        }
    }
}

/// Where a department key's private half lives: a secret sealed under the master key in the
/// database (`file`, the default), or a hardware security module reached through PKCS#11, where
/// the key was generated and from which it never leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyBackend {
    #[default]
    File,
    Pkcs11,
}

impl KeyBackend {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::File => "file",
            Self::Pkcs11 => "pkcs11",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "file" => Some(Self::File),
            "pkcs11" => Some(Self::Pkcs11),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub verification_method: String,
    pub department_id: String,
    pub public_key_multibase: String,
    /// The private key sealed under the master key; empty for a key kept in a PKCS#11 token.
    pub sealed_secret: String,
    pub status: KeyStatus,
    pub created_at: String,
    pub backend: KeyBackend,
}

impl KeyRow {
    pub(super) fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        let status: String = row.try_get("status")?;
        Ok(Self {
            verification_method: row.try_get("verification_method")?,
            department_id: row.try_get("department_id")?,
            public_key_multibase: row.try_get("public_key_multibase")?,
            sealed_secret: row.try_get("sealed_secret")?,
            backend: {
                let backend: String = row.try_get("backend")?;
                KeyBackend::parse(&backend).ok_or_else(|| StoreError::Corrupt(format!("key backend {backend}")))?
            },
            status: match status.as_str() {
                "signing" => KeyStatus::Signing,
                "published" => KeyStatus::Published,
                _ => KeyStatus::Retired,
            },
            created_at: row.try_get("created_at")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: String,
    pub department_id: String,
    /// SHA-256 of the token's secret part, hex; the secret itself is never stored.
    pub secret_hash: String,
    /// Comma-separated scopes.
    pub scopes: String,
    pub label: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

impl TokenRow {
    pub(super) fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            department_id: row.try_get("department_id")?,
            secret_hash: row.try_get("secret_hash")?,
            scopes: row.try_get("scopes")?,
            label: row.try_get("label")?,
            created_at: row.try_get("created_at")?,
            revoked_at: row.try_get("revoked_at")?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRow {
    pub id: String,
    pub department_id: String,
    pub subject: Option<String>,
    pub credential_type: String,
    pub achievement: Option<String>,
    /// `eddsa-rdfc-2022`, `eddsa-jcs-2022` or `vc-jwt`.
    pub format: String,
    /// SHA-256 of the secured credential as returned, hex.
    pub sha256: String,
    pub issued_at: String,
    pub token_id: String,
    pub idempotency_key: Option<String>,
    /// SHA-256 of the request that used the idempotency key.
    pub request_sha256: Option<String>,
    /// The secured credential exactly as returned (JSON text or compact JWT).
    pub body: String,
    /// Revocation entry.
    pub revocation: Option<StatusSlot>,
    /// Suspension entry.
    pub suspension: Option<StatusSlot>,
    /// Who it was issued to, as the department named the person (never in the credential).
    pub person: Option<String>,
    /// The skill keys it names: a skill credential's, an assignment's skills used.
    pub skill_keys: Vec<String>,
    /// Its `validUntil`, normalized like `issued_at`.
    pub valid_until: Option<String>,
    /// A skill credential's proficiency level (what the figures count by).
    pub skill_level: Option<String>,
}

/// Where one status entry of a credential points: its list, its index in the list, and the
/// position it was handed out at (index = the list's permutation at that position; absent for
/// credentials issued before positions existed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusSlot {
    pub list: i64,
    pub index: i64,
    pub position: Option<i64>,
}

impl StatusSlot {
    /// (list, index): the bit this entry names.
    pub fn bit(self) -> (i64, i64) {
        (self.list, self.index)
    }
}

impl CredentialRow {
    pub(super) fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            department_id: row.try_get("department_id")?,
            subject: row.try_get("subject")?,
            credential_type: row.try_get("credential_type")?,
            achievement: row.try_get("achievement")?,
            format: row.try_get("format")?,
            sha256: row.try_get("sha256")?,
            issued_at: row.try_get("issued_at")?,
            token_id: row.try_get("token_id")?,
            idempotency_key: row.try_get("idempotency_key")?,
            request_sha256: row.try_get("request_sha256")?,
            body: row.try_get("body")?,
            revocation: slot(row, "revocation")?,
            suspension: slot(row, "suspension")?,
            person: row.try_get("person")?,
            skill_keys: row
                .try_get::<Option<String>, _>("skill_keys")?
                .unwrap_or_default()
                .split(',')
                .filter(|key| !key.is_empty())
                .map(str::to_owned)
                .collect(),
            valid_until: row.try_get("valid_until")?,
            skill_level: row.try_get("skill_level")?,
        })
    }
}

/// The form of a person reference that searches compare: trimmed, runs of white space made one
/// space, lower case (Unicode), so that "Ada  LOVELACE" and "ada lovelace" are the same person.
pub fn person_key(person: &str) -> String {
    person.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The skill keys as stored: `,key1,key2,` (none: NULL).
pub(super) fn skill_keys_text(keys: &[String]) -> Option<String> {
    (!keys.is_empty()).then(|| format!(",{},", keys.join(",")))
}

fn slot(row: &AnyRow, purpose: &str) -> Result<Option<StatusSlot>, StoreError> {
    let list: Option<i64> = row.try_get(format!("{purpose}_list").as_str())?;
    let index: Option<i64> = row.try_get(format!("{purpose}_index").as_str())?;
    let position: Option<i64> = row.try_get(format!("{purpose}_position").as_str())?;
    Ok(list.zip(index).map(|(list, index)| StatusSlot { list, index, position }))
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    pub at: String,
    pub department_id: Option<String>,
    pub actor: String,
    pub action: String,
    pub detail: String,
    /// The id the entry is about (its detail's `id`: a credential's, an offer's), kept in its
    /// own indexed column so that one credential's history is found without reading the trail;
    /// taken from the detail when the entry is made, not parsed back from its text.
    #[serde(skip)]
    pub about: Option<String>,
}

impl AuditRow {
    pub(super) fn from_row(row: &AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            at: row.try_get("at")?,
            department_id: row.try_get("department_id")?,
            actor: row.try_get("actor")?,
            action: row.try_get("action")?,
            detail: row.try_get("detail")?,
            about: row.try_get("about")?,
        })
    }
}
