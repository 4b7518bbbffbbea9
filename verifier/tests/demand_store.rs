//! The verifier's demand and mobility figures on both backends: requests per skill, and
//! verified answers per (issuer, skill), counted by the database with each request in at most
//! the bound of cells (a request asking for seven skills counts in five, so does an answer
//! carrying seven pairs), a release refused without a budget and beyond it with nothing recorded, and one made
//! within it signed by the verifier's key. On SQLite, and on PostgreSQL when `DATABASE_URL` names
//! one (in a fresh database).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use figures::{Cell, Quarter};
use rand::Rng;
use verifier::domain::demand::{release_demand, set_budget, DemandError, SKILLS_PER_REQUEST};
use verifier::store::Store;

const SKILLS: [&str; 7] = [
    "accessibility_testing",
    "accountability",
    "adaptability",
    "adobe_xd",
    "ability_to_learn_quickly",
    "advice_to_senior_management",
    "api_design",
];

async fn demand(store: Store) {
    let year = rand::thread_rng().gen_range(3000..9999);
    let period = Quarter::new(year, 2).unwrap();
    let quarter = period.to_string();
    let run = format!("{year}-{}", rand::thread_rng().gen::<u32>());
    // One request asks for all seven skills; 120 others for API design.
    let all: Vec<String> = SKILLS.iter().map(|s| (*s).to_owned()).collect();
    store.record_demand(&format!("{run}-wide"), &quarter, &all).await.unwrap();
    for n in 0..120 {
        store.record_demand(&format!("{run}-{n}"), &quarter, &["api_design".to_owned()]).await.unwrap();
    }
    let counts = store.demand_counts(&quarter, SKILLS_PER_REQUEST).await.unwrap();
    let mut sorted = all.clone();
    sorted.sort();
    let kept: Vec<&String> = sorted.iter().take(SKILLS_PER_REQUEST as usize).collect();
    for skill in &sorted {
        let expected = u64::from(kept.contains(&skill)) + if skill == "api_design" { 120 } else { 0 };
        assert_eq!(counts.get(&Cell(vec![skill.clone()])).copied().unwrap_or(0), expected, "{skill}: {counts:?}");
    }

    // One answer carried seven (issuer, skill) pairs; 120 others HR's API design.
    let hr = "did:web:issuer.example:hr".to_owned();
    let pairs: Vec<(String, String)> = SKILLS.iter().map(|s| (hr.clone(), (*s).to_owned())).collect();
    store.record_mobility(&format!("{run}-wide"), &quarter, &pairs).await.unwrap();
    for n in 0..120 {
        store.record_mobility(&format!("{run}-{n}"), &quarter, &[(hr.clone(), "api_design".to_owned())]).await.unwrap();
    }
    let mobility = store.mobility_counts(&quarter, SKILLS_PER_REQUEST).await.unwrap();
    for skill in &sorted {
        let expected = u64::from(kept.contains(&skill)) + if skill == "api_design" { 120 } else { 0 };
        let cell = Cell(vec![hr.clone(), skill.clone()]);
        assert_eq!(mobility.get(&cell).copied().unwrap_or(0), expected, "{skill}: {mobility:?}");
    }

    let key = Arc::new(keys::LocalKey::generate());
    let now = credentials::Clock::now(&credentials::SystemClock);
    assert!(matches!(release_demand(&store, key.clone(), period, 1.0, now).await, Err(DemandError::NoBudget { .. })));
    set_budget(&store, period, 1.5).await.unwrap();
    let body = release_demand(&store, key.clone(), period, 1.0, now).await.unwrap();
    assert!(body.contains("FiguresCredential"));
    assert!(matches!(release_demand(&store, key, period, 1.0, now).await, Err(DemandError::BudgetSpent { .. })));
    assert_eq!(store.figure_release_count(&quarter).await.unwrap(), 1);
}

#[tokio::test]
async fn demand_on_sqlite() {
    demand(Store::memory()).await;
}

/// A database of its own: this test's migrations must not land in the database other runs share.
#[tokio::test]
async fn demand_on_postgres() {
    use sqlx::Connection;
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        eprintln!("DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let name = format!("verifier_demand_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    demand(Store::open(url.as_str()).unwrap()).await;
}
