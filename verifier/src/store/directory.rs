//! The talent directory's rows: a publication (the judged answer, its re-verifiable credentials,
//! when it expires), one row per verified skill line, which searches read through their
//! indexes, and its counts per skill family and level (`family_levels`), which searches by family read. Publishing again replaces the holder's publication; withdrawing deletes it and its
//! rows in one transaction, so nothing derived from it outlives it.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;
use super::family_levels;

/// A publication to store.
#[derive(Debug, Clone)]
pub struct NewPublication {
    pub id: String,
    pub holder: String,
    pub outcome_en: String,
    pub outcome_fr: String,
    /// The credentials that can be verified again alone (JSON array).
    pub documents: String,
    pub published_at: i64,
    pub expires_at: i64,
    pub recent_until: i64,
    pub skills: Vec<SkillRow>,
}

/// One verified skill line of a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillRow {
    /// Index in the publication's documents, -1 when it cannot be verified again alone.
    pub document: i64,
    pub skill: String,
    pub family: String,
    /// 1 (beginner) to 4 (expert).
    pub level: i64,
    pub valid_until: i64,
}

/// A stored publication.
#[derive(Debug, Clone)]
pub struct PublicationRow {
    pub id: String,
    pub holder: String,
    pub outcome_en: String,
    pub outcome_fr: String,
    pub documents: String,
    pub published_at: i64,
    pub expires_at: i64,
    pub checked_at: i64,
}

/// What a search asks for; empty lists and `None` ask for nothing.
#[derive(Debug, Clone, Default)]
pub struct SearchRows {
    pub skills: Vec<String>,
    pub family: Option<String>,
    pub min_level: i64,
    /// Only profiles with an assignment ending at or after this time.
    pub recent_since: Option<i64>,
    pub now: i64,
    pub limit: i64,
}

/// A profile a search found: how many of the asked skills it matches, and its best level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub id: String,
    pub matched: i64,
    pub best_level: i64,
    pub published_at: i64,
    pub expires_at: i64,
}

fn publication(row: &sqlx::any::AnyRow) -> Result<PublicationRow, StoreError> {
    Ok(PublicationRow {
        id: row.try_get("id")?,
        holder: row.try_get("holder")?,
        outcome_en: row.try_get("outcome_en")?,
        outcome_fr: row.try_get("outcome_fr")?,
        documents: row.try_get("documents")?,
        published_at: row.try_get("published_at")?,
        expires_at: row.try_get("expires_at")?,
        checked_at: row.try_get("checked_at")?,
    })
}

fn found(row: &sqlx::any::AnyRow) -> Result<Found, StoreError> {
    Ok(Found {
        id: row.try_get("id")?,
        matched: row.try_get("matched")?,
        best_level: row.try_get("best_level")?,
        published_at: row.try_get("published_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

const COLUMNS: &str = "id, holder, outcome_en, outcome_fr, documents, published_at, expires_at, checked_at";

impl Store {
    /// Stores `new`, replacing the holder's earlier publication and its rows, in one transaction.
    pub async fn publish(&self, new: &NewPublication) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        let mut transaction = pool.begin().await?;
        sqlx::query(&family_levels::delete_for("holder = $1")).bind(&new.holder).execute(&mut *transaction).await?;
        sqlx::query(
            "DELETE FROM directory_skills WHERE profile_id IN (SELECT id FROM directory_profiles WHERE holder = $1)",
        )
        .bind(&new.holder)
        .execute(&mut *transaction)
        .await?;
        sqlx::query("DELETE FROM directory_profiles WHERE holder = $1")
            .bind(&new.holder)
            .execute(&mut *transaction)
            .await?;
        sqlx::query(
            "INSERT INTO directory_profiles (id, holder, outcome_en, outcome_fr, documents, published_at, expires_at, \
             recent_until, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $6)",
        )
        .bind(&new.id)
        .bind(&new.holder)
        .bind(&new.outcome_en)
        .bind(&new.outcome_fr)
        .bind(&new.documents)
        .bind(new.published_at)
        .bind(new.expires_at)
        .bind(new.recent_until)
        .execute(&mut *transaction)
        .await?;
        for skill in &new.skills {
            sqlx::query(
                "INSERT INTO directory_skills (profile_id, document, skill, family, level, valid_until) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&new.id)
            .bind(skill.document)
            .bind(&skill.skill)
            .bind(&skill.family)
            .bind(skill.level)
            .bind(skill.valid_until)
            .execute(&mut *transaction)
            .await?;
        }
        family_levels::write_profile(&mut transaction, &new.id, new.published_at).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The publication `id`, while it has not expired at `now`.
    pub async fn publication(&self, id: &str, now: i64) -> Result<Option<PublicationRow>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query(&format!("SELECT {COLUMNS} FROM directory_profiles WHERE id = $1 AND expires_at > $2"))
            .bind(id)
            .bind(now)
            .fetch_optional(pool)
            .await?;
        found.as_ref().map(publication).transpose()
    }

    /// The id of `holder`'s publication, if any (expired or not).
    pub async fn publication_of(&self, holder: &str) -> Result<Option<String>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT id FROM directory_profiles WHERE holder = $1")
            .bind(holder)
            .fetch_optional(pool)
            .await?;
        found.map(|row| row.try_get("id").map_err(StoreError::from)).transpose()
    }

    /// Deletes `holder`'s publication and its rows at once; `false` when there was none.
    pub async fn withdraw(&self, holder: &str) -> Result<bool, StoreError> {
        Ok(self.delete_publications("holder = $1", holder.to_owned()).await? > 0)
    }

    /// Deletes the publications matching `condition` (on `directory_profiles`, with one bound
    /// value `$1`) and their skill rows, in one transaction; how many publications.
    async fn delete_publications<T>(&self, condition: &str, value: T) -> Result<u64, StoreError>
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Clone + Send,
    {
        let pool = self.ready().await?;
        let mut transaction = pool.begin().await?;
        sqlx::query(&family_levels::delete_for(condition)).bind(value.clone()).execute(&mut *transaction).await?;
        sqlx::query(&format!(
            "DELETE FROM directory_skills WHERE profile_id IN (SELECT id FROM directory_profiles WHERE {condition})"
        ))
        .bind(value.clone())
        .execute(&mut *transaction)
        .await?;
        let deleted = sqlx::query(&format!("DELETE FROM directory_profiles WHERE {condition}"))
            .bind(value)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(deleted.rows_affected())
    }

    /// Profiles matching `search`: most asked skills matched first, then the best level, then
    /// the latest published; never by anything the person is called.
    pub async fn search(&self, search: &SearchRows) -> Result<Vec<Found>, StoreError> {
        if let (true, Some(family)) = (search.skills.is_empty(), &search.family) {
            return self.search_family(family, search).await;
        }
        let pool = self.ready().await?;
        // Placeholders: $1 now, $2 min level, $3 recent since, $4 limit, then the skills and family.
        let mut filters = String::new();
        let mut next = 5;
        if !search.skills.is_empty() {
            let places: Vec<String> = (0..search.skills.len()).map(|i| format!("${}", next + i)).collect();
            next += search.skills.len();
            filters.push_str(&format!(" AND s.skill IN ({})", places.join(", ")));
        }
        if search.family.is_some() {
            filters.push_str(&format!(" AND s.family = ${next}"));
        }
        let sql = format!(
            "SELECT p.id AS id, COUNT(DISTINCT s.skill) AS matched, MAX(s.level) AS best_level, \
             p.published_at AS published_at, p.expires_at AS expires_at \
             FROM directory_skills s JOIN directory_profiles p ON p.id = s.profile_id \
             WHERE s.valid_until > $1 AND s.level >= $2 AND p.expires_at > $1 AND p.recent_until >= $3{filters} \
             GROUP BY p.id, p.published_at, p.expires_at \
             ORDER BY matched DESC, best_level DESC, published_at DESC, id LIMIT $4"
        );
        let mut query = sqlx::query(&sql)
            .bind(search.now)
            .bind(search.min_level)
            .bind(search.recent_since.unwrap_or(i64::MIN))
            .bind(search.limit);
        for skill in &search.skills {
            query = query.bind(skill);
        }
        if let Some(family) = &search.family {
            query = query.bind(family);
        }
        let rows = query.fetch_all(pool).await?;
        rows.iter().map(found).collect()
    }

    /// A search by family alone, from the counts per family and level (`family_levels`): the
    /// same profiles in the same order as the query of [`Store::search`] over the skill lines,
    /// read from one index range in that order.
    async fn search_family(&self, family: &str, search: &SearchRows) -> Result<Vec<Found>, StoreError> {
        self.refresh_family_levels(search.now).await?;
        let pool = self.ready().await?;
        let rows = sqlx::query(
            "SELECT profile_id AS id, matched, best_level, published_at, expires_at FROM directory_family_levels \
             WHERE family = $1 AND min_level = $2 AND valid_until > $3 AND expires_at > $3 AND recent_until >= $4 \
             ORDER BY matched DESC, best_level DESC, published_at DESC, profile_id LIMIT $5",
        )
        .bind(family)
        // Every line has a level of 1 at least: a lower minimum asks for level 1.
        .bind(search.min_level.max(1))
        .bind(search.now)
        .bind(search.recent_since.unwrap_or(i64::MIN))
        .bind(search.limit)
        .fetch_all(pool)
        .await?;
        rows.iter().map(found).collect()
    }

    /// The skill rows of a publication.
    pub async fn publication_skills(&self, id: &str) -> Result<Vec<SkillRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(
            "SELECT document, skill, family, level, valid_until FROM directory_skills WHERE profile_id = $1 \
             ORDER BY level DESC, skill",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SkillRow {
                    document: row.try_get("document")?,
                    skill: row.try_get("skill")?,
                    family: row.try_get("family")?,
                    level: row.try_get("level")?,
                    valid_until: row.try_get("valid_until")?,
                })
            })
            .collect()
    }

    /// Publications whose statuses were last read before `before`, at most `limit`.
    pub async fn publications_to_check(
        &self,
        before: i64,
        now: i64,
        limit: i64,
    ) -> Result<Vec<PublicationRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM directory_profiles WHERE checked_at < $1 AND expires_at > $2 \
             ORDER BY checked_at LIMIT $3"
        ))
        .bind(before)
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await?;
        rows.iter().map(publication).collect()
    }

    /// Records a status re-check of `id`: the skill rows of `dropped` documents leave the
    /// searches (their credential was revoked, suspended or no longer verifies).
    pub async fn checked(&self, id: &str, dropped: &[i64], now: i64) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        let mut transaction = pool.begin().await?;
        for document in dropped {
            sqlx::query("DELETE FROM directory_skills WHERE profile_id = $1 AND document = $2")
                .bind(id)
                .bind(*document)
                .execute(&mut *transaction)
                .await?;
        }
        family_levels::write_profile(&mut transaction, id, now).await?;
        sqlx::query("UPDATE directory_profiles SET checked_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// Deletes expired publications and their rows; how many.
    pub async fn purge_directory(&self, now: i64) -> Result<u64, StoreError> {
        self.delete_publications("expires_at <= $1", now).await
    }

    /// How many publications and skill rows are stored (tests check that nothing is left).
    pub async fn directory_counts(&self) -> Result<(i64, i64), StoreError> {
        let pool = self.ready().await?;
        let profiles: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM directory_profiles").fetch_one(pool).await?.try_get("n")?;
        let skills: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM directory_skills").fetch_one(pool).await?.try_get("n")?;
        Ok((profiles, skills))
    }

    /// Who created the request `rid` and the id its outcome is read by.
    pub async fn request_creator(&self, rid: &str) -> Result<Option<(String, String)>, StoreError> {
        let pool = self.ready().await?;
        let found = sqlx::query("SELECT created_by, id FROM presentation_requests WHERE rid = $1")
            .bind(rid)
            .fetch_optional(pool)
            .await?;
        found.map(|row| Ok((row.try_get("created_by")?, row.try_get("id")?))).transpose()
    }
}
