//! Sign-ins with a department's OpenID Connect provider under way, in the database (migration
//! 0010, both backends): a sign-in is taken once (a second take, as a replayed callback or a
//! racing replica makes, finds nothing), and expired ones are deleted when a new one is stored.
//! Run on the embedded SQLite and on PostgreSQL (a fresh database from `DATABASE_URL`).

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

async fn taken_once(url: &str) {
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
}

#[tokio::test]
async fn a_sign_in_is_taken_once_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    taken_once(&format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display())).await;
}

#[tokio::test]
async fn a_sign_in_is_taken_once_on_postgres() {
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
    taken_once(url.as_str()).await;
}
