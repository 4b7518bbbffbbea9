//! The request-signing keys, sealed under the master key (which is not in the database): the
//! current one signs new request objects; a rotation retires it. Replicas that start together
//! on an empty database each store a key, then all use the oldest, so they agree.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

/// A stored key: its verification method and its secret, sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    pub verification_method: String,
    pub sealed_secret: String,
    pub created_at: i64,
}

impl Store {
    /// The key that signs new requests, if any.
    pub async fn current_key(&self) -> Result<Option<KeyRow>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query(
            "SELECT verification_method, sealed_secret, created_at FROM request_keys WHERE retired_at IS NULL \
             ORDER BY created_at, verification_method LIMIT 1",
        )
        .fetch_optional(pool)
        .await?;
        found
            .map(|row| {
                Ok(KeyRow {
                    verification_method: row.try_get("verification_method")?,
                    sealed_secret: row.try_get("sealed_secret")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .transpose()
    }

    /// Stores `key`; with `rotate`, retires every other key in the same transaction.
    pub async fn insert_key(&self, key: &KeyRow, rotate: bool) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        let mut transaction = pool.begin().await?;
        if rotate {
            sqlx::query("UPDATE request_keys SET retired_at = $1 WHERE retired_at IS NULL")
                .bind(key.created_at)
                .execute(&mut *transaction)
                .await?;
        }
        sqlx::query("INSERT INTO request_keys (verification_method, sealed_secret, created_at) VALUES ($1, $2, $3)")
            .bind(&key.verification_method)
            .bind(&key.sealed_secret)
            .bind(key.created_at)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }
}
