//! Departments and their keys in the database: a department is created with its first signing
//! key, and a rotation makes a new key the signing one while the old stays published.

use super::audit;
use super::database::Store;
use super::error::{is_unique_violation, StoreError};
use super::rows::{AuditRow, DepartmentRow, KeyRow, KeyStatus};
use crate::i18n::detail;

impl Store {
    /// Creates a department with its first signing key.
    pub async fn insert_department(
        &self,
        department: &DepartmentRow,
        key: &KeyRow,
        audit: &[AuditRow],
    ) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        let inserted =
            sqlx::query("INSERT INTO departments (id, name_en, name_fr, did, created_at, status_purposes) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(&department.id)
                .bind(&department.name_en)
                .bind(&department.name_fr)
                .bind(&department.did)
                .bind(&department.created_at)
                .bind(department.status_purposes.join(","))
                .execute(&mut *transaction)
                .await;
        match inserted {
            Err(error) if is_unique_violation(&error) => {
                return Err(StoreError::Exists(detail!("store-department", id = department.id.as_str())))
            }
            other => other?,
        };
        Self::insert_key(&mut transaction, key).await?;
        for entry in audit {
            audit::append(&mut transaction, entry).await?;
        }
        transaction.commit().await?;
        Ok(())
    }

    async fn insert_key(transaction: &mut sqlx::Transaction<'_, sqlx::Any>, key: &KeyRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO department_keys (verification_method, department_id, public_key_multibase, sealed_secret, status, created_at, backend) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&key.verification_method)
        .bind(&key.department_id)
        .bind(&key.public_key_multibase)
        .bind(&key.sealed_secret)
        .bind(key.status.as_str())
        .bind(&key.created_at)
        .bind(key.backend.as_str())
        .execute(&mut **transaction)
        .await?;
        Ok(())
    }

    pub async fn department(&self, id: &str) -> Result<Option<DepartmentRow>, StoreError> {
        let row =
            sqlx::query("SELECT id, name_en, name_fr, did, created_at, status_purposes FROM departments WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| DepartmentRow::from_row(&r)).transpose()
    }

    /// Whether some department of this service is identified by `did` (an indexed lookup: the
    /// column is unique).
    pub async fn is_department_did(&self, did: &str) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 AS found FROM departments WHERE did = $1")
            .bind(did)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    pub async fn departments(&self) -> Result<Vec<DepartmentRow>, StoreError> {
        let rows =
            sqlx::query("SELECT id, name_en, name_fr, did, created_at, status_purposes FROM departments ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter().map(DepartmentRow::from_row).collect()
    }

    /// The department's keys, signing key first.
    pub async fn keys(&self, department: &str) -> Result<Vec<KeyRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT verification_method, department_id, public_key_multibase, sealed_secret, status, created_at, backend FROM department_keys WHERE department_id = $1 ORDER BY created_at DESC, verification_method",
        )
        .bind(department)
        .fetch_all(&self.pool)
        .await?;
        let mut keys: Vec<KeyRow> = rows.iter().map(KeyRow::from_row).collect::<Result<_, _>>()?;
        keys.sort_by_key(|k| k.status != KeyStatus::Signing);
        Ok(keys)
    }

    /// Retires a published (not signing) key of `department`: it leaves the DID document.
    /// `false` when no such published key exists (unknown, retired already, or the signing key).
    pub async fn retire_key(
        &self,
        department: &str,
        verification_method: &str,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let retired = sqlx::query(
            "UPDATE department_keys SET status = 'retired' WHERE department_id = $1 AND verification_method = $2 AND status = 'published'",
        )
        .bind(department)
        .bind(verification_method)
        .execute(&mut *transaction)
        .await?
        .rows_affected()
            == 1;
        if retired {
            audit::append(&mut transaction, audit).await?;
            transaction.commit().await?;
        }
        Ok(retired)
    }

    /// Makes `new` the signing key; the previous signing key stays published.
    ///
    /// A concurrent rotation that committed first makes this one break the one-signing-key
    /// index (migration 0009): it is tried again, and then demotes that rotation's key.
    pub async fn rotate_key(&self, new: &KeyRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_rotate_key(new, audit).await {
                Err(StoreError::Database(error)) if attempt < 5 && is_unique_violation(&error) => continue,
                other => return other,
            }
        }
    }

    async fn try_rotate_key(&self, new: &KeyRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query("UPDATE department_keys SET status = 'published' WHERE department_id = $1 AND status = 'signing'")
            .bind(&new.department_id)
            .execute(&mut *transaction)
            .await?;
        Self::insert_key(&mut transaction, new).await?;
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }
}
