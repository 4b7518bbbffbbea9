//! Searches of the talent directory (issue #23, "Performance") over 100,000 published profiles:
//! `Store::search`, the query `GET /directory/search` runs, with varied skill, family, level and
//! recency filters; p50 and p99 per store. Target: p99 under 50 ms on SQLite and PostgreSQL.
//!
//! The profiles are written straight into the directory's tables in large transactions
//! (`Store::publish` commits each publication on its own, one at a time): each has
//! 3 to 12 verified skill lines drawn from the GC Digital Talent library with levels 1 to 4, and
//! placeholder texts in the columns searches never read but whose rows they join
//! (`DIRECTORY_TEXT_BYTES` for each outcome, twice that for the documents; default 1000).
//! SQLite is a file in a temporary directory; PostgreSQL is measured when `DATABASE_URL` names a
//! server (a fresh database is made for the run).
//!
//! The counts per family and level that searches by family read (`directory_family_levels`) are
//! then written from those rows as migration 0005 writes them.
//!
//! Run: `cargo bench -p verifier --bench directory_search` (`DIRECTORY_PROFILES`, default
//! 100000; `DIRECTORY_SEARCHES`, default 1000; `DIRECTORY_STORES=sqlite` skips PostgreSQL).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use verifier::store::{SearchRows, Store};

const NOW: i64 = 1_796_000_000;
const DAY: i64 = 86_400;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The library's skills with their first family.
fn skills() -> Vec<(String, String)> {
    schemas::Taxonomy::gc_digital_talent()
        .skills()
        .iter()
        .map(|skill| (skill.key.clone(), skill.families.first().cloned().unwrap_or_else(|| "other".into())))
        .collect()
}

/// Writes `count` publications and their skill lines, 500 profiles a statement, 5,000 a
/// transaction. Values are generated here (hex ids, numbers, library keys), never read from input.
async fn populate(store: &Store, count: usize, skills: &[(String, String)]) {
    let pool = store.ready().await.unwrap();
    let mut rng = StdRng::seed_from_u64(23);
    let text = env_number("DIRECTORY_TEXT_BYTES", 1000);
    let filler = "x".repeat(text);
    let documents = format!("[{{\"proof\":\"{}\"}}]", "d".repeat(2 * text));
    let mut written = 0;
    while written < count {
        let mut transaction = pool.begin().await.unwrap();
        for _ in 0..10 {
            let chunk = 500.min(count - written);
            if chunk == 0 {
                break;
            }
            let mut profiles = Vec::with_capacity(chunk);
            let mut lines = Vec::new();
            for i in written..written + chunk {
                let id = format!("dp-{i:08x}");
                let published = NOW - rng.gen_range(0..90) * DAY;
                let expires = published + 90 * DAY;
                // A fifth without any assignment; the others ended within the last 10 years.
                let recent = if rng.gen_ratio(1, 5) { 0 } else { NOW - rng.gen_range(0..3650) * DAY };
                profiles.push(format!(
                    "('{id}', 'did:key:z{i:044}', '{filler}', '{filler}', '{documents}', {published}, {expires}, {recent}, {published})"
                ));
                for document in 0..rng.gen_range(3..=12) {
                    let (skill, family) = &skills[rng.gen_range(0..skills.len())];
                    let level = rng.gen_range(1..=4);
                    let valid_until = if rng.gen_ratio(1, 20) { NOW - DAY } else { NOW + 3650 * DAY };
                    lines.push(format!("('{id}', {document}, '{skill}', '{family}', {level}, {valid_until})"));
                }
            }
            sqlx::query(&format!(
                "INSERT INTO directory_profiles (id, holder, outcome_en, outcome_fr, documents, published_at, \
                 expires_at, recent_until, checked_at) VALUES {}",
                profiles.join(", ")
            ))
            .execute(&mut *transaction)
            .await
            .unwrap();
            for part in lines.chunks(2000) {
                sqlx::query(&format!(
                    "INSERT INTO directory_skills (profile_id, document, skill, family, level, valid_until) VALUES {}",
                    part.join(", ")
                ))
                .execute(&mut *transaction)
                .await
                .unwrap();
            }
            written += chunk;
        }
        transaction.commit().await.unwrap();
    }
    let analyze = match store.backend() {
        verifier::store::Backend::Sqlite => "ANALYZE",
        verifier::store::Backend::Postgres => "ANALYZE",
    };
    sqlx::query(analyze).execute(pool).await.unwrap();
}

/// The counts per family and level of the rows written straight into the tables, as migration
/// 0005 writes them (every line counted, the expired ones too, as if written two days ago); then
/// the first search's rewrite of the profiles whose counted lines have expired since (5% of lines
/// expired at once, far more than a day's worth), timed.
async fn count_families(store: &Store) -> (Duration, Duration) {
    let start = Instant::now();
    store.rebuild_family_levels(NOW - 2 * DAY).await.unwrap();
    let rebuilt = start.elapsed();
    let start = Instant::now();
    assert!(store.refresh_family_levels(NOW).await.unwrap() > 0);
    let refreshed = start.elapsed();
    sqlx::query("ANALYZE").execute(store.ready().await.unwrap()).await.unwrap();
    (rebuilt, refreshed)
}

/// One search of the mix: one to three skills (most searches), else a family; a minimum level;
/// sometimes an assignment in the last two years.
fn search(rng: &mut StdRng, skills: &[(String, String)]) -> SearchRows {
    let mut rows =
        SearchRows { now: NOW, limit: verifier::domain::directory::search::MAX_RESULTS, ..Default::default() };
    if rng.gen_ratio(4, 5) {
        for _ in 0..rng.gen_range(1..=3) {
            rows.skills.push(skills[rng.gen_range(0..skills.len())].0.clone());
        }
    } else {
        rows.family = Some(skills[rng.gen_range(0..skills.len())].1.clone());
    }
    rows.min_level = rng.gen_range(1..=4);
    if rng.gen_ratio(1, 3) {
        rows.recent_since = Some(NOW - 730 * DAY);
    }
    rows
}

async fn measure(name: &str, store: &Store, profiles: usize, searches: usize, skills: &[(String, String)]) {
    let start = Instant::now();
    populate(store, profiles, skills).await;
    let populated = start.elapsed();
    let (counted, refreshed) = count_families(store).await;
    let (stored, lines) = store.directory_counts().await.unwrap();
    assert_eq!(stored as usize, profiles);
    let mut rng = StdRng::seed_from_u64(6);
    let mix: Vec<SearchRows> = (0..searches).map(|_| search(&mut rng, skills)).collect();
    // Warm the cache and the prepared statements with the mix once.
    let mut found = 0;
    for rows in &mix {
        found += store.search(rows).await.unwrap().len();
    }
    assert!(found > 0, "no search found anyone");
    let mut times: Vec<(bool, Duration)> = Vec::with_capacity(searches);
    for rows in &mix {
        let start = Instant::now();
        std::hint::black_box(store.search(rows).await.unwrap());
        times.push((rows.family.is_some(), start.elapsed()));
    }
    let row = |kind: &str, mut times: Vec<Duration>| {
        times.sort();
        let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1)].as_secs_f64() * 1000.0;
        println!("| {name} | {kind} | {} | {:.2} ms | {:.2} ms | {:.2} ms |", times.len(), at(0.5), at(0.99), at(1.0));
    };
    println!(
        "{name}: {profiles} profiles, {lines} skill lines, written in {:.1} s; counts per family and level \
         written in {:.1} s, rewritten for the expired lines in {:.1} s; {:.1} results per search",
        populated.as_secs_f64(),
        counted.as_secs_f64(),
        refreshed.as_secs_f64(),
        found as f64 / searches as f64
    );
    println!("| store | searches | count | p50 | p99 | max |");
    println!("|---|---|---|---|---|---|");
    row("all", times.iter().map(|(_, time)| *time).collect());
    row("by skills", times.iter().filter(|(family, _)| !family).map(|(_, time)| *time).collect());
    row("by family", times.iter().filter(|(family, _)| *family).map(|(_, time)| *time).collect());
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let profiles = env_number("DIRECTORY_PROFILES", 100_000);
    let searches = env_number("DIRECTORY_SEARCHES", 1000);
    let skills = skills();
    let work = tempfile::tempdir().unwrap();
    println!("directory search, {} library skills; one search at a time", skills.len());
    let sqlite = Store::in_directory(work.path()).unwrap();
    measure("SQLite", &sqlite, profiles, searches, &skills).await;
    sqlite.close().await;
    let postgres =
        std::env::var("DATABASE_URL").ok().filter(|_| std::env::var("DIRECTORY_STORES").as_deref() != Ok("sqlite"));
    if let Some(admin) = postgres {
        let name = format!("bench_{}", hex::encode(rand::random::<[u8; 4]>()));
        let created = Command::new("psql").arg(&admin).args(["-qtAc", &format!("CREATE DATABASE {name}")]).status();
        if created.is_ok_and(|status| status.success()) {
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            let postgres = Store::open(url.as_str()).unwrap();
            measure("PostgreSQL", &postgres, profiles, searches, &skills).await;
            postgres.close().await;
        }
    }
}
