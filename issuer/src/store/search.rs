//! Finding a department's credentials (the staff console's search): by the person they were
//! issued to (exact or prefix on the normalized key, on its index), a skill they name, their
//! type, when they were issued and their status now. The database filters, counts and cuts the
//! list; the status comes from the changed bits (`status_entries`) in the same statement, so a
//! page of 200 results is one query and one count, whatever the department's size.

use sqlx::Row;

use super::database::Store;
use super::error::StoreError;
use super::rows::person_key;

/// A credential's status as a search sees it: revoked, else suspended, else expired, else active.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundStatus {
    Active,
    Revoked,
    Suspended,
    Expired,
}

impl FoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Revoked => "revoked",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
        }
    }

    /// The status named `text`, if one is.
    pub fn parse(text: &str) -> Option<Self> {
        [Self::Active, Self::Revoked, Self::Suspended, Self::Expired].into_iter().find(|status| status.as_str() == text)
    }
}

/// What to look for; each filter given narrows the search.
#[derive(Debug, Clone, Default)]
pub struct CredentialSearch {
    /// The start of the person reference (normalized here as when it was stored).
    pub person: Option<String>,
    /// A skill key the credential names.
    pub skill: Option<String>,
    /// `SkillCredential`, `AssignmentCredential`…
    pub credential_type: Option<String>,
    /// Issued at or after (`issued_at`'s form).
    pub issued_from: Option<String>,
    /// Issued before (`issued_at`'s form).
    pub issued_before: Option<String>,
    pub status: Option<FoundStatus>,
}

/// One credential found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCredential {
    pub id: String,
    pub credential_type: String,
    pub achievement: Option<String>,
    pub person: Option<String>,
    pub issued_at: String,
    pub status: FoundStatus,
}

/// A `LIKE` pattern matching `text` literally (`\` escapes).
fn literal(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Revoked now: the credential's revocation bit was set (only changed bits are stored).
pub(super) const REVOKED: &str = "EXISTS (SELECT 1 FROM status_entries e WHERE e.department_id = c.department_id AND e.list_number = c.revocation_list AND e.idx = c.revocation_index AND e.bit = 1)";
/// Suspended now.
pub(super) const SUSPENDED: &str = "EXISTS (SELECT 1 FROM status_entries e WHERE e.department_id = c.department_id AND e.list_number = c.suspension_list AND e.idx = c.suspension_index AND e.bit = 1)";

impl Store {
    /// The credentials of `department` that match `search`: how many, and the latest `limit` of
    /// them, newest first. `now` (`issued_at`'s form) says which have expired.
    pub async fn search_credentials(
        &self,
        department: &str,
        search: &CredentialSearch,
        now: &str,
        limit: i64,
    ) -> Result<(i64, Vec<FoundCredential>), StoreError> {
        // $1 the department, $2 now; each filter binds the next number.
        let mut binds: Vec<String> = vec![department.to_owned(), now.to_owned()];
        let mut clauses = vec!["c.department_id = $1".to_owned()];
        let mut bind = |value: String| {
            binds.push(value);
            format!("${}", binds.len())
        };
        if let Some(person) = search.person.as_deref().map(person_key).filter(|key| !key.is_empty()) {
            // A prefix as a range of the key's index: from the prefix to the prefix followed by
            // the last code point (a noncharacter nobody types).
            let upper = format!("{person}\u{10FFFF}");
            clauses.push(format!("c.person_key >= {} AND c.person_key < {}", bind(person), bind(upper)));
        }
        if let Some(skill) = search.skill.as_deref() {
            clauses.push(format!("c.skill_keys LIKE {} ESCAPE '\\'", bind(format!("%,{},%", literal(skill)))));
        }
        if let Some(credential_type) = &search.credential_type {
            clauses.push(format!("c.credential_type = {}", bind(credential_type.clone())));
        }
        if let Some(from) = &search.issued_from {
            clauses.push(format!("c.issued_at >= {}", bind(from.clone())));
        }
        if let Some(before) = &search.issued_before {
            clauses.push(format!("c.issued_at < {}", bind(before.clone())));
        }
        let expired = "(c.valid_until IS NOT NULL AND c.valid_until < $2)";
        match search.status {
            None => {}
            Some(FoundStatus::Revoked) => clauses.push(REVOKED.to_owned()),
            Some(FoundStatus::Suspended) => clauses.push(format!("NOT {REVOKED} AND {SUSPENDED}")),
            Some(FoundStatus::Expired) => clauses.push(format!("NOT {REVOKED} AND NOT {SUSPENDED} AND {expired}")),
            Some(FoundStatus::Active) => {
                clauses.push(format!("NOT {REVOKED} AND NOT {SUSPENDED} AND NOT {expired}"));
            }
        }
        let filter = clauses.join(" AND ");
        // Without a status filter the count would not name `now` ($2): it is named in a
        // condition that is always true, so that every parameter bound is one the statement has.
        let count_sql = format!("SELECT COUNT(*) AS n FROM credentials c WHERE {filter} AND $2 = $2");
        let mut count = sqlx::query(&count_sql);
        for value in &binds {
            count = count.bind(value);
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get("n")?;
        let list_sql = format!(
            "SELECT c.id, c.credential_type, c.achievement, c.person, c.issued_at, \
             CAST(CASE WHEN {REVOKED} THEN 1 WHEN {SUSPENDED} THEN 2 WHEN {expired} THEN 3 ELSE 0 END AS BIGINT) AS state \
             FROM credentials c WHERE {filter} ORDER BY c.issued_at DESC, c.id DESC LIMIT ${}",
            binds.len() + 1
        );
        let mut list = sqlx::query(&list_sql);
        for value in &binds {
            list = list.bind(value);
        }
        let rows = list.bind(limit).fetch_all(&self.pool).await?;
        let found = rows
            .iter()
            .map(|row| {
                Ok(FoundCredential {
                    id: row.try_get("id")?,
                    credential_type: row.try_get("credential_type")?,
                    achievement: row.try_get("achievement")?,
                    person: row.try_get("person")?,
                    issued_at: row.try_get("issued_at")?,
                    status: match row.try_get::<i64, _>("state")? {
                        1 => FoundStatus::Revoked,
                        2 => FoundStatus::Suspended,
                        3 => FoundStatus::Expired,
                        _ => FoundStatus::Active,
                    },
                })
            })
            .collect::<Result<_, StoreError>>()?;
        Ok((total, found))
    }
}

#[cfg(test)]
mod tests {
    use super::{literal, FoundStatus};

    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(literal("api_design"), "api\\_design");
        assert_eq!(literal("100%\\"), "100\\%\\\\");
    }

    #[test]
    fn statuses_read_back_from_their_names() {
        for status in [FoundStatus::Active, FoundStatus::Revoked, FoundStatus::Suspended, FoundStatus::Expired] {
            assert_eq!(FoundStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(FoundStatus::parse("lost"), None);
    }
}
