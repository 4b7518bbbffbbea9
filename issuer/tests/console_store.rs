//! What the staff console keeps and reads in the database, on both backends: sign-ins with a
//! department's OpenID Connect provider under way (migration 0010) are taken once (a second
//! take, as a replayed callback or a racing replica makes, finds nothing) and expired ones are
//! deleted when a new one is stored; the dashboard's counts and the audit trail's latest entries
//! are filtered, counted and cut by the database; so is a search of the department's credentials
//! by person (migration 0011), skill, type, issue date and status, which never finds another
//! department's; a credential's history is read by its id (migration 0013). Run on the embedded
//! SQLite and on PostgreSQL (a fresh database from `DATABASE_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use credentials::{Clock, SystemClock};
use issuer::domain::IssuerService;
use issuer::store::{CredentialSearch, FoundStatus, OidcLoginRow, Store};
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
        ids.push(service.issue(&principal, unsigned, mechanism, None, None).await.unwrap().id);
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

/// An entry written before migration 0013 gets its `about` from its detail, a staff member's
/// name comes from their latest sign-in in the trail (0016), and the trail stays append-only.
async fn entries_written_before_get_their_about(url: &str) {
    let store = Store::open(url).await.unwrap();
    let history = store.audit_of_credential("hr", "urn:uuid:old").await.unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].actor, "before");
    let names = store.staff_names("hr").await.unwrap();
    assert_eq!(names.get("oidc:zoe").map(String::as_str), Some("Zoé Roy"), "the latest sign-in's name (0016)");
    assert_eq!(names.len(), 1, "{names:?}");
    let mut connection = sqlx::AnyConnection::connect(url).await.unwrap();
    let changed = sqlx::query("UPDATE audit_log SET actor = 'someone else'").execute(&mut connection).await;
    assert!(changed.is_err(), "still append-only");
}

const OLD_ENTRY: &str = "INSERT INTO audit_log (at, department_id, actor, action, detail) VALUES ('2026-01-01T00:00:00.000Z', 'hr', 'before', 'credential.issue', '{\"id\":\"urn:uuid:old\",\"format\":\"vc-jwt\"}'), ('2026-01-01T00:00:00.000Z', 'hr', 'before', 'token.create', '{\"token\":\"t\"}'), ('2026-01-01T00:00:00.000Z', 'hr', 'oidc:zoe', 'session.open', '{\"via\":\"oidc\",\"name\":\"Zoe Roy\"}'), ('2026-02-01T00:00:00.000Z', 'hr', 'oidc:zoe', 'session.open', '{\"via\":\"oidc\",\"name\":\"Zoé Roy\"}')";

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

/// A skill credential of `department` for `person`, issued as an HR system's token would.
async fn issue_skill(
    service: &IssuerService,
    department: &str,
    skill: &str,
    person: Option<&str>,
    valid_until: Option<&str>,
) -> String {
    let principal = issuer_principal(department);
    let request = issuer::domain::template::SkillRequest {
        subject: None,
        skill: skill.into(),
        level: "advanced".into(),
        evidence: None,
        valid_until: None,
    };
    let mut credential = service.skill_template(&principal, &request).await.unwrap();
    if let Some(until) = valid_until {
        credential["validUntil"] = until.into();
    }
    let mechanism = credentials::secure::Mechanism::DataIntegrity(credentials::proof::Suite::EddsaJcs2022);
    service.issue(&principal, credential, mechanism, None, person).await.unwrap().id
}

fn issuer_principal(department: &str) -> issuer::domain::tokens::Principal {
    use issuer::domain::tokens::Scope;
    issuer::domain::tokens::Principal {
        token_id: "hr-system".into(),
        department: department.into(),
        scopes: vec![Scope::Issue, Scope::Revoke],
    }
}

/// A month from now, when the search looks: a credential valid for a day has expired.
fn a_month_on() -> String {
    (SystemClock.now() + chrono::Duration::days(30)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The ids a search finds (newest first) and how many it counts.
async fn found(store: &Store, department: &str, search: &CredentialSearch) -> (i64, Vec<String>) {
    let (total, rows) = store.search_credentials(department, search, &a_month_on(), 200).await.unwrap();
    (total, rows.into_iter().map(|row| row.id).collect())
}

async fn credential_search(url: &str) {
    let store = Store::open(url).await.unwrap();
    let service =
        IssuerService::new(store.clone(), MasterKey::generate(), "issuer.example".into(), Arc::new(SystemClock));
    for department in ["hr", "finance"] {
        service.create_department(department, &LocalizedText::new("Department", "Ministère"), "test").await.unwrap();
    }
    let skills = schemas::Taxonomy::gc_digital_talent().skills();
    let (api, other) = (skills[0].key.as_str(), skills[1].key.as_str());
    let ada = issue_skill(&service, "hr", api, Some("  Ada   Lovelace "), None).await;
    let bob = issue_skill(&service, "hr", api, Some("Bob Marley"), None).await;
    let nobody = issue_skill(&service, "hr", other, None, None).await;
    let tomorrow = (SystemClock.now() + chrono::Duration::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let ada_expired = issue_skill(&service, "hr", other, Some("ADA LOVELACE"), Some(&tomorrow)).await;
    let theirs = issue_skill(&service, "finance", api, Some("Ada Lovelace"), None).await;
    let principal = issuer_principal("hr");
    let assignment = issuer::domain::template::AssignmentRequest {
        subject: None,
        role: LocalizedText::new("Developer", "Développeuse"),
        department: LocalizedText::new("Digital", "Numérique"),
        team: None,
        start: "2024-01-01T00:00:00Z".parse().unwrap(),
        end: None,
        skills: vec![other.to_owned(), api.to_owned()],
    };
    let unsigned = service.assignment_template(&principal, assignment).await.unwrap();
    let mechanism = credentials::secure::Mechanism::DataIntegrity(credentials::proof::Suite::EddsaJcs2022);
    let ada_assignment = service.issue(&principal, unsigned, mechanism, None, Some("ada lovelace")).await.unwrap().id;
    use issuer::domain::status::StatusChange;
    service.change_status("hr", &bob, &[StatusChange::Revoke], "left", "test").await.unwrap();
    service.change_status("hr", &ada_assignment, &[StatusChange::Suspend], "review", "test").await.unwrap();

    let by = |person: &str| CredentialSearch { person: Some(person.into()), ..CredentialSearch::default() };
    let adas = vec![ada_assignment.clone(), ada_expired.clone(), ada.clone()];
    assert_eq!(found(&store, "hr", &by("ada lovelace")).await, (3, adas.clone()), "case and spaces ignored");
    assert_eq!(found(&store, "hr", &by("ADA")).await, (3, adas.clone()), "a prefix finds them");
    assert_eq!(found(&store, "hr", &by("lovelace")).await.0, 0, "the name's start, not any part");
    assert_eq!(found(&store, "finance", &by("ada lovelace")).await, (1, vec![theirs.clone()]), "each its own");
    assert_eq!(found(&store, "nobody", &by("ada")).await.0, 0);
    let record = store.credential("hr", &ada).await.unwrap().unwrap();
    assert_eq!(record.person.as_deref(), Some("Ada   Lovelace"), "trimmed, kept as given");
    assert!(!record.body.contains("Lovelace"), "the person is never in the credential");

    let skill = |key: &str| CredentialSearch { skill: Some(key.into()), ..CredentialSearch::default() };
    assert_eq!(found(&store, "hr", &skill(api)).await, (3, vec![ada_assignment.clone(), bob.clone(), ada.clone()]));
    assert_eq!(found(&store, "hr", &skill(other)).await.0, 3, "the assignment's skills used are found too");
    assert_eq!(found(&store, "hr", &skill(&api[..api.len() - 1])).await.0, 0, "a whole key, not a part");
    assert_eq!(found(&store, "hr", &skill("%")).await.0, 0, "LIKE's wildcards are literal");

    let typed =
        CredentialSearch { credential_type: Some("AssignmentCredential".into()), ..CredentialSearch::default() };
    assert_eq!(found(&store, "hr", &typed).await, (1, vec![ada_assignment.clone()]));
    let status = |status| CredentialSearch { status: Some(status), ..CredentialSearch::default() };
    assert_eq!(found(&store, "hr", &status(FoundStatus::Revoked)).await, (1, vec![bob.clone()]));
    assert_eq!(found(&store, "hr", &status(FoundStatus::Suspended)).await, (1, vec![ada_assignment.clone()]));
    assert_eq!(found(&store, "hr", &status(FoundStatus::Expired)).await, (1, vec![ada_expired.clone()]));
    assert_eq!(found(&store, "hr", &status(FoundStatus::Active)).await, (2, vec![nobody.clone(), ada.clone()]));
    let (_, rows) = store.search_credentials("hr", &by("ada"), &a_month_on(), 200).await.unwrap();
    let states: Vec<&str> = rows.iter().map(|row| row.status.as_str()).collect();
    assert_eq!(states, ["suspended", "expired", "active"]);
    assert_eq!(rows[0].person.as_deref(), Some("ada lovelace"));

    let issued = store.credential("hr", &ada).await.unwrap().unwrap().issued_at;
    let from = |at: &str| CredentialSearch { issued_from: Some(at.into()), ..CredentialSearch::default() };
    assert_eq!(found(&store, "hr", &from(&issued)).await.0, 5, "from the first one's time, inclusive");
    assert_eq!(found(&store, "hr", &from("2999-01-01T00:00:00.000Z")).await.0, 0);
    let before = CredentialSearch { issued_before: Some(issued.clone()), ..CredentialSearch::default() };
    assert_eq!(found(&store, "hr", &before).await.0, 0, "before, exclusive");
    let both = CredentialSearch { status: Some(FoundStatus::Active), ..by("ada") };
    assert_eq!(found(&store, "hr", &both).await, (1, vec![ada.clone()]), "filters narrow together");
    let (total, cut) = store.search_credentials("hr", &CredentialSearch::default(), "2026-12-07", 2).await.unwrap();
    assert_eq!((total, cut.len()), (5, 2), "all counted, the latest two listed");

    // An idempotent replay keeps the first person; a bad person is refused before anything.
    let request = issuer::domain::template::SkillRequest {
        subject: None,
        skill: api.into(),
        level: "advanced".into(),
        evidence: None,
        valid_until: None,
    };
    let idempotency = issuer::domain::issuance::Idempotency::new("key-1", b"same request");
    let first = service.skill_template(&principal, &request).await.unwrap();
    let issued = service.issue(&principal, first, mechanism, Some(&idempotency), Some("First")).await.unwrap();
    let again = service.skill_template(&principal, &request).await.unwrap();
    let replayed = service.issue(&principal, again, mechanism, Some(&idempotency), Some("Second")).await.unwrap();
    assert!(replayed.replayed);
    assert_eq!(store.credential("hr", &issued.id).await.unwrap().unwrap().person.as_deref(), Some("First"));
    for bad in ["   ", &"x".repeat(201)] {
        let credential = service.skill_template(&principal, &request).await.unwrap();
        let refused = service.issue(&principal, credential, mechanism, None, Some(bad)).await.unwrap_err();
        assert_eq!(refused.code(), "bad_request", "{bad:?}");
    }
    let accented = service.skill_template(&principal, &request).await.unwrap();
    service.issue(&principal, accented, mechanism, None, Some(&"é".repeat(200))).await.unwrap();
    assert_eq!(found(&store, "hr", &by(&"É".repeat(3))).await.0, 1, "200 characters, not bytes; Unicode case");
}

#[tokio::test]
async fn credential_search_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    credential_search(&format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display())).await;
}

#[tokio::test]
async fn credential_search_on_postgres() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping the PostgreSQL run");
        return;
    };
    let name = format!("issuer_search_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    credential_search(url.as_str()).await;
}
