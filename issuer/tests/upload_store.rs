//! The console's CSV upload jobs in the database (migration 0012), on the embedded SQLite and on
//! PostgreSQL (a fresh database from `DATABASE_URL`): a job and the rows its file's reading
//! rejected are recorded with the upload's audit entry; rows written later are counted by
//! status and read back in file order (all, or the rejected ones); a job is only found with its
//! own department. Then the whole path through the service: a file whose rows are issued in the
//! background, two rejected with their reasons in both languages, the job finished with its
//! counts, found by nobody of another department, refused without the `issue` scope (nothing
//! recorded), and the same file uploaded again skips every row already issued.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use credentials::SystemClock;
use issuer::domain::uploads::{UploadState, UploadView};
use issuer::domain::{IssuerService, Principal, Scope};
use issuer::store::{AuditRow, Store, UploadCounts, UploadJobRow, UploadRowRow};
use keys::MasterKey;
use schemas::{Lang, LocalizedText};
use sqlx::Connection;

fn row(number: i64, status: &str) -> UploadRowRow {
    UploadRowRow {
        number,
        line: number + 1,
        status: status.to_owned(),
        credential_id: (status != "rejected").then(|| format!("urn:uuid:{number}")),
        code: (status == "rejected").then(|| "bad_request".to_owned()),
        reason_en: (status == "rejected").then(|| "no".to_owned()),
        reason_fr: (status == "rejected").then(|| "non".to_owned()),
        columns: None,
    }
}

fn principal(department: &str, scopes: &[Scope]) -> Principal {
    Principal { token_id: "staff".into(), department: department.into(), scopes: scopes.to_vec() }
}

async fn finished(service: &IssuerService, who: &Principal, job: &str) -> UploadView {
    for _ in 0..600 {
        let view = service.upload_view(who, job).await.unwrap();
        if view.state != UploadState::Running {
            return view;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the upload never finished");
}

async fn upload_records(url: &str) {
    let store = Store::open(url).await.unwrap();
    let service = Arc::new(IssuerService::new(
        store.clone(),
        MasterKey::generate(),
        "issuer.example".into(),
        Arc::new(SystemClock),
    ));
    for (id, en, fr) in [("hr", "Human Resources", "Ressources humaines"), ("fin", "Finance", "Finances")] {
        service.create_department(id, &LocalizedText::new(en, fr), "test").await.unwrap();
    }

    // The store: a job with one row its reading rejected, then rows as they complete.
    let job = UploadJobRow {
        id: "job-1".into(),
        department_id: "hr".into(),
        actor: "token:staff".into(),
        file_name: "rows.csv".into(),
        total: 4,
        created_at: 100,
        updated_at: 100,
        finished_at: None,
    };
    let audit = AuditRow {
        at: "2026-12-07T00:00:00.000Z".into(),
        department_id: Some("hr".into()),
        actor: "token:staff".into(),
        action: "batch.upload".into(),
        detail: "{\"rows\":4}".into(),
        about: None,
    };
    store.insert_upload_job(&job, &[row(3, "rejected")], &audit).await.unwrap();
    assert_eq!(store.upload_job("hr", "job-1").await.unwrap(), Some(job.clone()));
    assert_eq!(store.upload_job("fin", "job-1").await.unwrap(), None, "another department's job is not found");
    assert_eq!(store.upload_counts("job-1").await.unwrap(), UploadCounts { issued: 0, skipped: 0, rejected: 1 });
    store.insert_upload_rows("job-1", &[row(4, "issued"), row(1, "skipped"), row(2, "issued")], 160).await.unwrap();
    let counts = store.upload_counts("job-1").await.unwrap();
    assert_eq!((counts, counts.done()), (UploadCounts { issued: 2, skipped: 1, rejected: 1 }, 4));
    let numbers: Vec<i64> = store.upload_rows("job-1", false).await.unwrap().iter().map(|r| r.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4], "in file order");
    assert_eq!(store.upload_rows("job-1", true).await.unwrap(), [row(3, "rejected")]);
    let updated = store.upload_job("hr", "job-1").await.unwrap().unwrap();
    assert_eq!((updated.updated_at, updated.finished_at), (160, None));
    store.finish_upload_job("job-1", 170).await.unwrap();
    assert_eq!(store.upload_job("hr", "job-1").await.unwrap().unwrap().finished_at, Some(170));
    assert_eq!(store.count_actions("hr", "", &["batch.upload"]).await.unwrap(), [1]);

    // The service: five rows, one of an unknown skill, one without its level.
    let staff = principal("hr", &[Scope::Issue]);
    let mut csv = String::from("kind,row_id,skill,level\n");
    for (n, (skill, level)) in [
        ("api_design", "advanced"),
        ("no_such_skill", "advanced"),
        ("accountability", "beginner"),
        ("api_design", ""),
        ("accessibility_testing", "expert"),
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("skill,emp-{n},{skill},{level}\n"));
    }
    let id = service.start_upload(&staff, "staff.csv", csv.as_bytes()).await.unwrap();
    let view = finished(&service, &staff, &id).await;
    assert_eq!(view.state, UploadState::Finished);
    assert_eq!((view.job.total, view.counts), (5, UploadCounts { issued: 3, skipped: 0, rejected: 2 }));
    let (_, rejected) = service.upload_results(&staff, &id, true).await.unwrap();
    let lines: Vec<i64> = rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5], "told by the file's line");
    assert!(rejected[0].reason_en.as_deref().unwrap().contains("no_such_skill"), "{rejected:?}");
    assert!(rejected.iter().all(|r| r.reason_fr.is_some() && r.reason_fr != r.reason_en), "{rejected:?}");
    assert!(rejected[1].columns.as_deref().unwrap().contains("emp-3"), "the row's columns are kept: {rejected:?}");
    let (_, all) = service.upload_results(&staff, &id, false).await.unwrap();
    let issued: Vec<&str> = all.iter().filter_map(|r| r.credential_id.as_deref()).collect();
    assert_eq!(issued.len(), 3);
    for credential in issued {
        assert!(store.credential("hr", credential).await.unwrap().is_some(), "{credential} is recorded");
    }
    let trail = store.audit(Some("hr"), "").await.unwrap();
    let upload = trail.iter().find(|entry| entry.detail.contains(&id)).unwrap();
    assert_eq!((upload.action.as_str(), upload.actor.as_str()), ("batch.upload", "token:staff"));
    assert!(upload.detail.contains("\"rows\":5"), "{upload:?}");

    // Another department's staff: not found. No issue scope: refused, nothing recorded.
    let other = principal("fin", &[Scope::Issue, Scope::Admin]);
    assert_eq!(service.upload_view(&other, &id).await.unwrap_err().code(), "not_found");
    assert_eq!(service.upload_results(&other, &id, true).await.unwrap_err().code(), "not_found");
    let reader = principal("hr", &[Scope::Revoke]);
    let refused = service.start_upload(&reader, "staff.csv", csv.as_bytes()).await.unwrap_err();
    assert_eq!(refused.code(), "forbidden", "{}", refused.detail(Lang::En));
    assert_eq!(store.count_actions("hr", "", &["batch.upload"]).await.unwrap(), [2], "no job for the refused upload");
    let empty = service.start_upload(&staff, "empty.csv", b"kind,skill,level\n").await.unwrap_err();
    assert_eq!(empty.code(), "bad_request");

    // The same file again: the rows already issued are skipped, the rejected ones still are.
    let again = service.start_upload(&staff, "staff.csv", csv.as_bytes()).await.unwrap();
    let view = finished(&service, &staff, &again).await;
    assert_eq!(view.counts, UploadCounts { issued: 0, skipped: 3, rejected: 2 });
    let recent: Vec<String> = service.recent_uploads(&staff).await.unwrap().into_iter().map(|job| job.id).collect();
    assert_eq!(recent.len(), 3, "{recent:?}");
    assert!(recent.contains(&again) && recent.contains(&id) && recent.contains(&"job-1".to_owned()));
    assert!(service.recent_uploads(&other).await.unwrap().is_empty(), "another department's uploads are not listed");
}

#[tokio::test]
async fn upload_records_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    upload_records(&format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display())).await;
}

#[tokio::test]
async fn upload_records_on_postgres() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping the PostgreSQL run");
        return;
    };
    let name = format!("issuer_upload_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    upload_records(url.as_str()).await;
}
