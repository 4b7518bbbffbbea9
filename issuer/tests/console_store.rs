//! What the staff console keeps and reads in the database, on both backends: sign-ins with a
//! department's OpenID Connect provider under way (migration 0010) are taken once (a second
//! take, as a replayed callback or a racing replica makes, finds nothing) and expired ones are
//! deleted when a new one is stored; the dashboard's counts and the audit trail's latest entries
//! are filtered, counted and cut by the database. Run on the embedded SQLite and on PostgreSQL
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
