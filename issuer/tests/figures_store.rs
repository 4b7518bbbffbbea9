//! A department's figures (issue #25) on both backends: the database counts persons per cell
//! with the contribution bound (a person with fifty credentials in one cell counts once; a
//! person in more cells than the bound counts in the bound's number, as the in-memory reference
//! of the `figures` crate does; revocations are counted in the quarter they were made), a
//! release is refused without a budget or beyond it and then publishes nothing, and a release
//! made is signed, published at its stable path and audited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use credentials::{Clock, SystemClock};
use figures::{Cell, Quarter};
use issuer::domain::figures::CELLS_PER_PERSON;
use issuer::domain::{IssuerError, IssuerService};
use keys::MasterKey;
use schemas::LocalizedText;
use sqlx::Connection;

const SKILLS: [&str; 7] = [
    "accessibility_testing",
    "accountability",
    "adaptability",
    "adobe_xd",
    "ability_to_learn_quickly",
    "advice_to_senior_management",
    "advice_senior_management",
];

async fn issue_skill(service: &IssuerService, skill: &str, person: &str) -> String {
    use issuer::domain::tokens::{Principal, Scope};
    let principal = Principal { token_id: "hr-system".into(), department: "hr".into(), scopes: vec![Scope::Issue] };
    let request = issuer::domain::template::SkillRequest {
        subject: None,
        skill: skill.into(),
        level: "advanced".into(),
        evidence: None,
        valid_until: None,
    };
    let credential = service.skill_template(&principal, &request).await.unwrap();
    let mechanism = credentials::secure::Mechanism::DataIntegrity(credentials::proof::Suite::EddsaJcs2022);
    service.issue(&principal, credential, mechanism, None, Some(person)).await.unwrap().id
}

async fn issue_assignment(service: &IssuerService, skills: &[&str], person: &str) {
    use issuer::domain::tokens::{Principal, Scope};
    let principal = Principal { token_id: "hr-system".into(), department: "hr".into(), scopes: vec![Scope::Issue] };
    let request = issuer::domain::template::AssignmentRequest {
        subject: None,
        role: LocalizedText::new("Analyst", "Analyste"),
        department: LocalizedText::new("Human Resources", "Ressources humaines"),
        team: None,
        start: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
        end: None,
        skills: skills.iter().map(|s| (*s).to_owned()).collect(),
    };
    let credential = service.assignment_template(&principal, request).await.unwrap();
    let mechanism = credentials::secure::Mechanism::DataIntegrity(credentials::proof::Suite::EddsaJcs2022);
    service.issue(&principal, credential, mechanism, None, Some(person)).await.unwrap();
}

fn this_quarter() -> Quarter {
    use chrono::Datelike;
    let now = SystemClock.now();
    Quarter::of_month(now.year(), now.month()).unwrap()
}

async fn figures(url: &str) {
    let store = issuer::store::Store::open(url).await.unwrap();
    let service = IssuerService::new(store, MasterKey::generate(), "issuer.example".into(), Arc::new(SystemClock));
    service.create_department("hr", &LocalizedText::new("HR", "RH"), "test").await.unwrap();
    // Ada: fifty credentials of one skill, and one of each other skill (seven cells in all).
    let mut rows: Vec<(String, Cell)> = Vec::new();
    let mut ada = Vec::new();
    for _ in 0..50 {
        ada.push(issue_skill(&service, SKILLS[0], "Ada Lovelace").await);
        rows.push(("ada lovelace".into(), Cell(vec![SKILLS[0].into(), "advanced".into()])));
    }
    for skill in &SKILLS[1..] {
        issue_skill(&service, skill, "Ada Lovelace").await;
        rows.push(("ada lovelace".into(), Cell(vec![(*skill).into(), "advanced".into()])));
    }
    let mut others = Vec::new();
    for n in 0..5 {
        let person = format!("Person {n}");
        others.push(issue_skill(&service, SKILLS[n % 3], &person).await);
        rows.push((person.to_lowercase(), Cell(vec![SKILLS[n % 3].into(), "advanced".into()])));
    }
    let quarter = this_quarter();
    let (start, end) = quarter.bounds();
    let now = SystemClock.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let counts = service.store().figure_counts("hr", (&start, &end), &now, CELLS_PER_PERSON, &[]).await.unwrap();
    let reference = figures::bound_persons(rows.iter().map(|(p, c)| (p.as_str(), c.clone())), CELLS_PER_PERSON);
    assert_eq!(counts.skills, reference);
    let ada_cells = SKILLS
        .iter()
        .filter(|skill| counts.skills.contains_key(&Cell(vec![(**skill).into(), "advanced".into()])))
        .count();
    assert!(ada_cells < SKILLS.len(), "the bound did not apply: {:?}", counts.skills);
    let total: u64 = counts.skills.values().sum();
    assert_eq!(total, u64::from(CELLS_PER_PERSON) + 5, "Ada counts in {CELLS_PER_PERSON} cells, once each");

    // Skills used in assignments, by family, split from each credential's skills in the
    // database: the same family named by two skills of one person counts that person once.
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let families: Vec<(String, String)> = taxonomy
        .skills()
        .iter()
        .flat_map(|skill| skill.families.iter().map(|family| (skill.key.clone(), family.clone())))
        .collect();
    let used = ["api_design", "adaptability", "accessibility_testing"];
    issue_assignment(&service, &used, "Grace Hopper").await;
    issue_assignment(&service, &used[..1], "Grace Hopper").await;
    issue_assignment(&service, &used[1..], "Alan Turing").await;
    let with_families =
        service.store().figure_counts("hr", (&start, &end), &now, CELLS_PER_PERSON, &families).await.unwrap();
    let mut assignment_rows: Vec<(String, Cell)> = Vec::new();
    for (person, skills) in [("grace hopper", &used[..]), ("alan turing", &used[1..])] {
        for skill in skills {
            for family in &taxonomy.skill(skill).unwrap().families {
                assignment_rows.push((person.to_owned(), Cell(vec![family.clone()])));
            }
        }
    }
    let reference =
        figures::bound_persons(assignment_rows.iter().map(|(p, c)| (p.as_str(), c.clone())), CELLS_PER_PERSON);
    assert!(!reference.is_empty());
    assert_eq!(with_families.assignments, reference);
    assert_eq!(with_families.skills, counts.skills, "assignments are not skill credentials");

    // Revoked this quarter: two of Ada's credentials and two other persons' count three
    // persons; nothing revoked yet counted nothing.
    assert!(counts.revocations.is_empty(), "{:?}", counts.revocations);
    let revoker = issuer::domain::tokens::Principal {
        token_id: "hr-system".into(),
        department: "hr".into(),
        scopes: vec![issuer::domain::tokens::Scope::Revoke],
    };
    let revoke = [issuer::domain::status::StatusChange::Revoke];
    for id in [&ada[0], &ada[1], &others[0], &others[1]] {
        service.change_status_as(&revoker, id, &revoke, "left").await.unwrap();
    }
    let counts = service.store().figure_counts("hr", (&start, &end), &now, CELLS_PER_PERSON, &[]).await.unwrap();
    assert_eq!(counts.revocations.get(&Cell(vec!["SkillCredential".into()])), Some(&3), "{:?}", counts.revocations);
    let next = quarter.bounds().1;
    let later = service.store().figure_counts("hr", (&next, "9999-01-01"), &now, CELLS_PER_PERSON, &[]).await.unwrap();
    assert!(later.revocations.is_empty(), "revoked this quarter, not the next: {:?}", later.revocations);

    // No budget: refused, nothing published.
    let refused = service.release_figures("hr", quarter, 1.0, "test").await.unwrap_err();
    assert!(matches!(refused, IssuerError::BudgetSpent(_)), "{refused:?}");
    assert_eq!(service.store().figure_release_count("hr", &quarter.to_string()).await.unwrap(), 0);

    service.set_figure_budget("hr", quarter, 1.5, "test").await.unwrap();
    let published = service.release_figures("hr", quarter, 1.0, "test").await.unwrap();
    assert!(published.path.starts_with(&format!("/hr/figures/{quarter}/")), "{}", published.path);
    let credential: serde_json::Value = serde_json::from_str(&published.body).unwrap();
    assert_eq!(credential["type"][1], "FiguresCredential");
    assert_eq!(credential["issuer"], service.department_did("hr"));
    assert_eq!(credential["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    let release: figures::Release = serde_json::from_value(credential["credentialSubject"]["figures"].clone()).unwrap();
    assert_eq!(release.period, quarter);
    assert!((release.epsilon - 1.0).abs() < 1e-6, "{}", release.epsilon);
    for table in &release.tables {
        assert_eq!(table.calibration.cells_per_person, CELLS_PER_PERSON);
        assert!(table.cells.iter().all(|cell| cell.count >= table.calibration.threshold), "{table:?}");
    }
    let served = service.published_figures("hr", &quarter.to_string(), &published.id).await.unwrap();
    assert_eq!(served, published.body);

    // The budget has 0.5 left: a release of 1.0 is refused and publishes nothing.
    let refused = service.release_figures("hr", quarter, 1.0, "test").await.unwrap_err();
    let IssuerError::BudgetSpent(detail) = &refused else { panic!("{refused:?}") };
    assert!(detail.get(lang::Lang::Fr).contains("rien n'a été publié"), "{}", detail.get(lang::Lang::Fr));
    assert_eq!(service.store().figure_release_count("hr", &quarter.to_string()).await.unwrap(), 1);
    let (total, spent) = service.store().figure_budget("hr", &quarter.to_string()).await.unwrap().unwrap();
    assert_eq!(total, 1.5);
    assert!((spent - 1.0).abs() < 1e-6, "{spent}");
    let trail = service.audit_since(Some("hr"), None).await.unwrap();
    assert_eq!(trail.iter().filter(|entry| entry.action == "figures.release").count(), 1);
    assert_eq!(trail.iter().filter(|entry| entry.action == "figures.budget").count(), 1);
}

#[tokio::test]
async fn figures_on_sqlite() {
    let directory = tempfile::tempdir().unwrap();
    figures(&format!("sqlite://{}?mode=rwc", directory.path().join("issuer.db").display())).await;
}

#[tokio::test]
async fn figures_on_postgres() {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping the PostgreSQL run");
        return;
    };
    let name = format!("issuer_figures_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    figures(url.as_str()).await;
}
