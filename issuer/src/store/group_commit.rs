//! Recording issued credentials in groups: whatever is waiting is committed in one transaction
//! (one multi-row insert), and each writer is told its own outcome after that commit. Under load
//! this is what keeps SQLite's single writer, and PostgreSQL's commits, from being the limit.

use lang::Lang;
use sqlx::{AnyPool, Row};

use super::backend::Backend;
use super::error::StoreError;
use super::rows::{person_key, skill_keys_text, AuditRow, CredentialRow, CREDENTIAL_COLUMNS};
use crate::i18n::{detail, t};

/// Outcome of storing an issued credential under an idempotency key.
#[derive(Debug)]
pub enum Stored {
    New,
    /// A credential was already issued for this idempotency key: here it is.
    Existing(Box<CredentialRow>),
}

/// One credential to record, and where to say how it went.
#[derive(Debug)]
pub(super) struct CredentialWrite {
    pub(super) credential: CredentialRow,
    pub(super) audit: AuditRow,
    pub(super) reply: tokio::sync::oneshot::Sender<Result<Stored, StoreError>>,
}

/// Most credentials committed together (256 × 22 parameters stays under SQLite's limit).
pub(super) const MAX_GROUP: usize = 256;
/// Columns written per credential.
const COLUMNS: usize = 23;

/// Inserts a group of credentials with one statement, and the audit entries of those that were
/// new with another; returns, for each write, whether its credential was inserted. A credential
/// whose id or idempotency key already exists is skipped by `ON CONFLICT DO NOTHING`, and
/// `RETURNING department_id, id` says which were inserted (the pair is unique within a group:
/// see the caller).
async fn insert_group(
    backend: Backend,
    transaction: &mut sqlx::Transaction<'_, sqlx::Any>,
    group: &[&CredentialWrite],
) -> Result<Vec<bool>, StoreError> {
    if group.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from(
        "INSERT INTO credentials (id, department_id, subject, credential_type, achievement, format, sha256, issued_at, token_id, idempotency_key, request_sha256, body, revocation_list, revocation_index, suspension_list, suspension_index, revocation_position, suspension_position, person, person_key, skill_keys, valid_until, skill_level) VALUES ",
    );
    for index in 0..group.len() {
        sql.push_str(if index == 0 { "" } else { ", " });
        sql.push_str(&backend.row(index * COLUMNS + 1, COLUMNS));
    }
    sql.push_str(" ON CONFLICT DO NOTHING RETURNING department_id, id");
    let mut query = sqlx::query(&sql);
    for write in group {
        let credential = &write.credential;
        query = query
            .bind(&credential.id)
            .bind(&credential.department_id)
            .bind(&credential.subject)
            .bind(&credential.credential_type)
            .bind(&credential.achievement)
            .bind(&credential.format)
            .bind(&credential.sha256)
            .bind(&credential.issued_at)
            .bind(&credential.token_id)
            .bind(&credential.idempotency_key)
            .bind(&credential.request_sha256)
            .bind(&credential.body)
            .bind(credential.revocation.map(|slot| slot.list))
            .bind(credential.revocation.map(|slot| slot.index))
            .bind(credential.suspension.map(|slot| slot.list))
            .bind(credential.suspension.map(|slot| slot.index))
            .bind(credential.revocation.and_then(|slot| slot.position))
            .bind(credential.suspension.and_then(|slot| slot.position))
            .bind(&credential.person)
            .bind(credential.person.as_deref().map(person_key))
            .bind(skill_keys_text(&credential.skill_keys))
            .bind(&credential.valid_until)
            .bind(&credential.skill_level);
    }
    let rows = query.fetch_all(&mut **transaction).await?;
    // Keyed by department too: two departments may each issue a credential with the same id.
    let inserted: std::collections::HashSet<(String, String)> = rows
        .iter()
        .map(|row| Ok((row.try_get::<String, _>("department_id")?, row.try_get::<String, _>("id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let new: Vec<bool> = group
        .iter()
        .map(|write| inserted.contains(&(write.credential.department_id.clone(), write.credential.id.clone())))
        .collect();
    let audits: Vec<&AuditRow> =
        group.iter().zip(&new).filter(|(_, new)| **new).map(|(write, _)| &write.audit).collect();
    if !audits.is_empty() {
        let mut sql = String::from("INSERT INTO audit_log (at, department_id, actor, action, detail, about) VALUES ");
        for index in 0..audits.len() {
            sql.push_str(if index == 0 { "" } else { ", " });
            sql.push_str(&backend.row(index * 6 + 1, 6));
        }
        let mut query = sqlx::query(&sql);
        for audit in audits {
            query = query
                .bind(&audit.at)
                .bind(&audit.department_id)
                .bind(&audit.actor)
                .bind(&audit.action)
                .bind(&audit.detail)
                .bind(&audit.about);
        }
        query.execute(&mut **transaction).await?;
    }
    Ok(new)
}

/// Commits queued credentials in groups: one transaction for whatever is waiting (up to
/// [`MAX_GROUP`]), then each writer is told its own outcome.
pub(super) async fn group_commit(
    pool: AnyPool,
    backend: Backend,
    mut queue: tokio::sync::mpsc::Receiver<CredentialWrite>,
) {
    while let Some(first) = queue.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(write) => group.push(write),
                Err(_) => break,
            }
        }
        // A credential id asked for twice by one department in one group: only its first write is
        // tried; the others are answered as existing (so `RETURNING` stays unambiguous). Another
        // department's credential with the same id is its own (found by review: deduplicating by
        // id alone lost it and answered 500).
        let mut seen = std::collections::HashSet::new();
        let first_of_id: Vec<bool> = group
            .iter()
            .map(|write| seen.insert((write.credential.department_id.clone(), write.credential.id.clone())))
            .collect();
        let written: Result<Vec<bool>, StoreError> = async {
            let mut transaction = pool.begin().await?;
            let tried: Vec<&CredentialWrite> =
                group.iter().zip(&first_of_id).filter(|(_, first)| **first).map(|(w, _)| w).collect();
            let mut results = insert_group(backend, &mut transaction, &tried).await?.into_iter();
            transaction.commit().await?;
            Ok(first_of_id.iter().map(|first| *first && results.next().unwrap_or(false)).collect())
        }
        .await;
        match written {
            Ok(inserted) => {
                for (write, new) in group.into_iter().zip(inserted) {
                    let outcome = if new { Ok(Stored::New) } else { existing(&pool, &write.credential).await };
                    let _ = write.reply.send(outcome);
                }
            }
            Err(error) => {
                // One bad write (or a deadlock with another replica) must not fail the others:
                // each write of the failed group is tried again on its own.
                tracing::warn!(%error, size = group.len(), "group commit failed; committing one by one");
                for write in group {
                    let alone: Result<bool, StoreError> = async {
                        let mut transaction = pool.begin().await?;
                        let inserted = insert_group(backend, &mut transaction, &[&write]).await?;
                        transaction.commit().await?;
                        Ok(inserted.first().copied().unwrap_or(false))
                    }
                    .await;
                    let outcome = match alone {
                        Ok(true) => Ok(Stored::New),
                        Ok(false) => existing(&pool, &write.credential).await,
                        Err(error) => Err(error),
                    };
                    let _ = write.reply.send(outcome);
                }
            }
        }
    }
}

/// Why a credential was not inserted: its idempotency key was used (here is that credential), or
/// its id exists. Neither means another unique index refused it (a status position taken twice):
/// a fault, never reported as "exists".
async fn existing(pool: &AnyPool, credential: &CredentialRow) -> Result<Stored, StoreError> {
    if let Some(key) = &credential.idempotency_key {
        let query =
            format!("SELECT {} FROM credentials WHERE department_id = $1 AND idempotency_key = $2", CREDENTIAL_COLUMNS);
        let row = sqlx::query(&query).bind(&credential.department_id).bind(key).fetch_optional(pool).await?;
        if let Some(row) = row {
            return Ok(Stored::Existing(Box::new(CredentialRow::from_row(&row)?)));
        }
    }
    let same_id = sqlx::query("SELECT 1 AS found FROM credentials WHERE department_id = $1 AND id = $2")
        .bind(&credential.department_id)
        .bind(&credential.id)
        .fetch_optional(pool)
        .await?;
    if same_id.is_none() {
        tracing::error!(id = %credential.id, "credential refused by a unique index other than its id or key");
        return Err(StoreError::Corrupt(t!(Lang::En, "store-credential-refused", id = credential.id.as_str())));
    }
    Err(StoreError::Exists(detail!("store-credential", id = credential.id.as_str())))
}
