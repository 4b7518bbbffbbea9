//! What the staff console keeps and reads in the database, on both backends: sign-ins with a
//! department's OpenID Connect provider under way (migration 0010) are taken once (a second
//! take, as a replayed callback or a racing replica makes, finds nothing) and expired ones are
//! deleted when a new one is stored; the dashboard's counts and the audit trail's latest entries
//! are filtered, counted and cut by the database; a credential's history is read by its id. Run on the embedded SQLite and on PostgreSQL
//! (a fresh database from `DATABASE_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use credentials::SystemClock;
use issuer::domain::IssuerService;
use issuer::store::{OidcLoginRow, Store};
use keys::MasterKey;
use schemas::LocalizedText;
use sqlx::Connection;

fn login(state: &str, expires_at: i64) -> OidcLoginRow {
    OidcLoginRow {
        state_sha256: state.to_owned(),
        department_id: "hr".into(),
        pkce_verifier: "verifier".into(),
        nonce: "nonce".into(),
        browser_sha256: "browser".into(),
        lang: "fr".into(),
        expires_at,
    }
}

async fn console_records(url: &str) {
    let store = Store::open(url).await.unwrap();
    let service =
        IssuerService::new(store.clone(), MasterKey::generate(), "issuer.example".into(), Arc::new(SystemClock));
    service
        .create_department("hr", &LocalizedText::new("Human Resources", "Ressources humaines"), "test")
        .await
        .unwrap();
    store.insert_oidc_login(&login("old", 100), 0).await.unwrap();
    store.insert_oidc_login(&login("a", 2_000), 1_000).await.unwrap();
    assert!(store.take_oidc_login("old").await.unwrap().is_none(), "expired before 1000: deleted");
    assert_eq!(store.take_oidc_login("a").await.unwrap(), Some(login("a", 2_000)));
    assert!(store.take_oidc_login("a").await.unwrap().is_none(), "a state is used once");
    assert!(store.take_oidc_login("never").await.unwrap().is_none());

    // Three tokens made: three `token.create` entries beside the department's own.
    for label in ["a", "b", "c"] {
        service.create_token("hr", &[issuer::domain::tokens::Scope::Issue], label, "test").await.unwrap();
    }
    assert_eq!(store.count_actions("hr", "", &["token.create", "credential.issue"]).await.unwrap(), [3, 0]);
    let (total, latest) = store.latest_audit("hr", "", Some("token.create"), 2).await.unwrap();
    assert_eq!((total, latest.len()), (3, 2), "all counted, the latest two read");
    assert!(latest.iter().all(|entry| entry.action == "token.create"));
    assert!(latest[0].detail.contains("\"label\":\"c\""), "newest first: {:?}", latest[0]);
    let (everything, _) = store.latest_audit("hr", "", None, 500).await.unwrap();
    assert!(everything > 3, "no action: every entry");
    let (later, none) = store.latest_audit("hr", "2999-01-01T00:00:00.000Z", None, 500).await.unwrap();
    assert_eq!((later, none.len()), (0, 0));

    // A credential's history (migration 0013's indexed `about`): its own entries only, in order,
    // and none of another department's credential of the same id.
    let principal = issuer::domain::tokens::Principal {
        token_id: "test".into(),
        department: "hr".into(),
        scopes: vec![issuer::domain::tokens::Scope::Issue, issuer::domain::tokens::Scope::Revoke],
    };
    let skill = issuer::domain::template::SkillRequest {
        subject: None,
        skill: "api_design".into(),
        level: "advanced".into(),
        evidence: None,
        valid_until: None,
    };
    let mut ids = Vec::new();
    for _ in 0..2 {
        let unsigned = service
            .template(&principal, issuer::domain::template::TemplateRequest::Skill(skill.clone()))
            .await
            .unwrap();
        let mechanism = credentials::secure::Mechanism::VcJwt;
        ids.push(service.issue(&principal, unsigned, mechanism, None).await.unwrap().id);
    }
    let change = [issuer::domain::status::StatusChange::Suspend];
    service.change_status_as(&principal, &ids[0], &change, "under review").await.unwrap();
    let history = store.audit_of_credential("hr", &ids[0]).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["credential.issue", "credential.suspend"], "{history:?}");
    assert_eq!(store.audit_of_credential("hr", &ids[1]).await.unwrap().len(), 1);
    assert!(store.audit_of_credential("fin", &ids[0]).await.unwrap().is_empty());
    assert!(store.audit_of_credential("hr", "urn:uuid:%").await.unwrap().is_empty(), "not a pattern");
}

/// Migrations up to 0012 only: a database as it was before the audit entries had `about`.
fn before_about(mut migrator: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
    migrator.migrations = migrator.migrations.iter().filter(|m| m.version < 13).cloned().collect::<Vec<_>>().into();
    migrator
}

/// An entry written before migration 0013 gets its `about` from its detail, and the trail stays
/// append-only afterwards.
async fn entries_written_before_get_their_about(url: &str) {
    let store = Store::open(url).await.unwrap();
    let history = store.audit_of_credential("hr", "urn:uuid:old").await.unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].actor, "before");
    let mut connection = sqlx::AnyConnection::connect(url).await.unwrap();
    let changed = sqlx::query("UPDATE audit_log SET actor = 'someone else'").execute(&mut connection).await;
    assert!(changed.is_err(), "still append-only");
}

const OLD_ENTRY: &str = "INSERT INTO audit_log (at, department_id, actor, action, detail) VALUES ('2026-01-01T00:00:00.000Z', 'hr', 'before', 'credential.issue', '{\"id\":\"urn:uuid:old\",\"format\":\"vc-jwt\"}'), ('2026-01-01T00:00:00.000Z', 'hr', 'before', 'token.create', '{\"token\":\"t\"}')";

#[tokio::test]
async fn migration_0013_fills_about_on_sqlite() {
    sqlx::any::install_default_drivers();
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display());
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    before_about(sqlx::migrate!("migrations/sqlite")).run(&mut connection).await.unwrap();
    sqlx::query(OLD_ENTRY).execute(&mut connection).await.unwrap();
    connection.close().await.unwrap();
    entries_written_before_get_their_about(&url).await;
}

#[tokio::test]
async fn migration_0013_fills_about_on_postgres() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        return;
    };
    sqlx::any::install_default_drivers();
    let name = format!("issuer_about_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    let mut connection = sqlx::PgConnection::connect(url.as_str()).await.unwrap();
    before_about(sqlx::migrate!("migrations/postgres")).run(&mut connection).await.unwrap();
    sqlx::query(OLD_ENTRY).execute(&mut connection).await.unwrap();
    connection.close().await.unwrap();
    entries_written_before_get_their_about(url.as_str()).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await.unwrap();
}

#[tokio::test]
async fn console_records_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    console_records(&format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display())).await;
}

#[tokio::test]
async fn console_records_on_postgres() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping the PostgreSQL run");
        return;
    };
    let name = format!("issuer_oidc_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    console_records(url.as_str()).await;
}
