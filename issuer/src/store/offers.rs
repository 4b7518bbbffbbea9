//! Credential offers and key-proof nonces. Every "use once" rule is a conditional `UPDATE … WHERE
//! <not yet used> AND <not expired>` whose row count says whether this caller won: two replicas
//! redeeming one code at the same moment cannot both succeed.

use sqlx::Row;

use super::audit;
use super::database::Store;
use super::error::StoreError;
use super::rows::AuditRow;

/// A stored credential offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRow {
    pub id: String,
    pub department_id: String,
    pub code_sha256: String,
    pub tx_code_sha256: Option<String>,
    /// Who the offer is for, as the HR system names the person.
    pub person: String,
    pub configuration: String,
    pub template: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub pin_failures: i64,
    pub redeemed_at: Option<String>,
    pub token_expires_at: Option<String>,
    pub credential_id: Option<String>,
}

const OFFER_COLUMNS: &str = "id, department_id, code_sha256, tx_code_sha256, person, configuration, template, created_by, created_at, expires_at, pin_failures, redeemed_at, token_expires_at, credential_id";

impl OfferRow {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: row.try_get("id")?,
            department_id: row.try_get("department_id")?,
            code_sha256: row.try_get("code_sha256")?,
            tx_code_sha256: row.try_get("tx_code_sha256")?,
            person: row.try_get("person")?,
            configuration: row.try_get("configuration")?,
            template: row.try_get("template")?,
            created_by: row.try_get("created_by")?,
            created_at: row.try_get("created_at")?,
            expires_at: row.try_get("expires_at")?,
            pin_failures: row.try_get("pin_failures")?,
            redeemed_at: row.try_get("redeemed_at")?,
            token_expires_at: row.try_get("token_expires_at")?,
            credential_id: row.try_get("credential_id")?,
        })
    }
}

impl Store {
    pub async fn insert_offer(&self, offer: &OfferRow, audit: &AuditRow) -> Result<(), StoreError> {
        let mut transaction = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO credential_offers (id, department_id, code_sha256, tx_code_sha256, person, configuration, template, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&offer.id)
        .bind(&offer.department_id)
        .bind(&offer.code_sha256)
        .bind(&offer.tx_code_sha256)
        .bind(&offer.person)
        .bind(&offer.configuration)
        .bind(&offer.template)
        .bind(&offer.created_by)
        .bind(&offer.created_at)
        .bind(&offer.expires_at)
        .execute(&mut *transaction)
        .await?;
        audit::append(&mut transaction, audit).await?;
        transaction.commit().await?;
        Ok(())
    }

    pub async fn offer(&self, department: &str, id: &str) -> Result<Option<OfferRow>, StoreError> {
        let query = format!("SELECT {OFFER_COLUMNS} FROM credential_offers WHERE department_id = $1 AND id = $2");
        let row = sqlx::query(&query).bind(department).bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| OfferRow::from_row(&r)).transpose()
    }

    pub async fn offer_by_code(&self, department: &str, code_sha256: &str) -> Result<Option<OfferRow>, StoreError> {
        let query =
            format!("SELECT {OFFER_COLUMNS} FROM credential_offers WHERE department_id = $1 AND code_sha256 = $2");
        let row = sqlx::query(&query).bind(department).bind(code_sha256).fetch_optional(&self.pool).await?;
        row.map(|r| OfferRow::from_row(&r)).transpose()
    }

    pub async fn offer_by_token(&self, department: &str, token_sha256: &str) -> Result<Option<OfferRow>, StoreError> {
        let query =
            format!("SELECT {OFFER_COLUMNS} FROM credential_offers WHERE department_id = $1 AND token_sha256 = $2");
        let row = sqlx::query(&query).bind(department).bind(token_sha256).fetch_optional(&self.pool).await?;
        row.map(|r| OfferRow::from_row(&r)).transpose()
    }

    /// Counts one transaction-code attempt before it is checked: `false` when the offer already
    /// had `max` attempts (or was redeemed), so parallel guesses cannot exceed the limit.
    pub async fn offer_pin_attempt(&self, id: &str, max: i64) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "UPDATE credential_offers SET pin_failures = pin_failures + 1 WHERE id = $1 AND pin_failures < $2 AND redeemed_at IS NULL",
        )
        .bind(id)
        .bind(max)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// Exchanges the code for an access token, once: `false` when it was redeemed or expired.
    pub async fn redeem_offer(
        &self,
        id: &str,
        now: &str,
        token_sha256: &str,
        token_expires_at: &str,
        audit: &AuditRow,
    ) -> Result<bool, StoreError> {
        let mut transaction = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE credential_offers SET redeemed_at = $1, token_sha256 = $2, token_expires_at = $3 WHERE id = $4 AND redeemed_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(token_sha256)
        .bind(token_expires_at)
        .bind(id)
        .execute(&mut *transaction)
        .await?
        .rows_affected()
            == 1;
        if done {
            audit::append(&mut transaction, audit).await?;
        }
        transaction.commit().await?;
        Ok(done)
    }

    /// Claims the offer's single credential: `false` when it was already issued.
    pub async fn claim_offer_credential(&self, id: &str, credential_id: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query("UPDATE credential_offers SET credential_id = $1 WHERE id = $2 AND credential_id IS NULL")
            .bind(credential_id)
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected()
            == 1)
    }

    /// Stores a nonce of `department`, first dropping the expired nonces, then keeping the
    /// department's `most` newest: the table holds a bounded number of live nonces (see
    /// `domain::nonces` for why the oldest are recycled rather than new ones refused).
    pub async fn insert_nonce(
        &self,
        department: &str,
        nonce_sha256: &str,
        expires_at: &str,
        now: &str,
        most: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM key_proof_nonces WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
        sqlx::query("INSERT INTO key_proof_nonces (nonce_sha256, department_id, expires_at) VALUES ($1, $2, $3)")
            .bind(nonce_sha256)
            .bind(department)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        // Every nonce lives as long, so the oldest expire first: all but the `most` that expire
        // last go. (OFFSET with a bound value reads the same on SQLite and PostgreSQL.)
        sqlx::query(
            "DELETE FROM key_proof_nonces WHERE department_id = $1 AND expires_at <= (SELECT expires_at FROM key_proof_nonces WHERE department_id = $1 ORDER BY expires_at DESC LIMIT 1 OFFSET $2)",
        )
        .bind(department)
        .bind(most)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Uses a nonce once: `false` when unknown, used or expired. A used nonce is deleted: the
    /// table keeps only nonces that can still be used.
    pub async fn use_nonce(&self, department: &str, nonce_sha256: &str, now: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query(
            "DELETE FROM key_proof_nonces WHERE nonce_sha256 = $1 AND department_id = $2 AND expires_at > $3",
        )
        .bind(nonce_sha256)
        .bind(department)
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }

    /// How many nonces of `department` are stored (live, or expired and not yet dropped).
    pub async fn count_nonces(&self, department: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM key_proof_nonces WHERE department_id = $1")
            .bind(department)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("n")?)
    }
}
