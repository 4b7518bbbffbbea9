//! API tokens: only the SHA-256 of a token is stored; a revoked token keeps its row.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;

/// A token as stored (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: String,
    /// Space-separated scopes: `request`, `read`.
    pub scopes: String,
    pub description: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

fn token(row: &sqlx::any::AnyRow) -> Result<TokenRow, StoreError> {
    Ok(TokenRow {
        id: row.try_get("id")?,
        scopes: row.try_get("scopes")?,
        description: row.try_get("description")?,
        created_at: row.try_get("created_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

impl Store {
    /// Stores a token by its hash; `false` when a token with this id or hash exists.
    pub async fn insert_token(&self, row: &TokenRow, token_sha256: &str) -> Result<bool, StoreError> {
        let pool = self.ready().await?;
        let result = sqlx::query(
            "INSERT INTO api_tokens (id, token_sha256, scopes, description, created_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT DO NOTHING",
        )
        .bind(&row.id)
        .bind(token_sha256)
        .bind(&row.scopes)
        .bind(&row.description)
        .bind(row.created_at)
        .execute(pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The live token whose hash is `token_sha256`.
    pub async fn token_by_hash(&self, token_sha256: &str) -> Result<Option<TokenRow>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query(
            "SELECT id, scopes, description, created_at, revoked_at FROM api_tokens \
             WHERE token_sha256 = $1 AND revoked_at IS NULL",
        )
        .bind(token_sha256)
        .fetch_optional(pool)
        .await?;
        found.as_ref().map(token).transpose()
    }

    /// Every token, oldest first.
    pub async fn tokens(&self) -> Result<Vec<TokenRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(
            "SELECT id, scopes, description, created_at, revoked_at FROM api_tokens ORDER BY created_at, id",
        )
        .fetch_all(pool)
        .await?;
        rows.iter().map(token).collect()
    }

    /// Revokes a live token; `false` when there is none with this id.
    pub async fn revoke_token(&self, id: &str, now: i64) -> Result<bool, StoreError> {
        let pool = self.ready().await?;
        let result = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(pool)
            .await?;
        Ok(result.rows_affected() == 1)
    }
}
