//! A department's figures release over ten million credentials (issue #25): the credentials are
//! generated in the database by SQL (a skewed choice of GC Digital Talent skills, four levels,
//! a fifth of them assignments naming three skills, about five credentials per person, 1%
//! revoked during the quarter with their audit entries), then one real release is timed —
//! counting per person with the bound in the database, OpenDP's noise and threshold, signing,
//! recording — with the peak memory of this process during it. SQLite (a file) always;
//! PostgreSQL when `DATABASE_URL` names a server (a fresh database, dropped at the end).
//!
//! Run: `cargo bench -p issuer --bench figures` (`FIGURES_CREDENTIALS=1000000` for a smaller
//! run, `FIGURES_BACKEND=sqlite|postgres` for one backend, so the peak memory is that run's;
//! `FIGURES_BENCH_DIR` for where the SQLite file goes, `FIGURES_BENCH_KEEP` to keep the databases). The stored body of each generated credential is a short placeholder: the counting reads
//! only the indexed columns (the query plan is printed), so a real credential's 3 KB would cost
//! disk space here and nothing in the count.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Instant;

use credentials::SystemClock;
use figures::Quarter;
use issuer::domain::IssuerService;
use keys::MasterKey;
use schemas::LocalizedText;
use sqlx::{Connection, Executor};

const QUARTER: (i32, u8) = (2026, 3);
/// 2026-07-01T00:00:00Z, the quarter's first second.
const QUARTER_START: i64 = 1_782_864_000;
/// Seconds in the quarter (92 days).
const QUARTER_SECONDS: i64 = 92 * 86_400;

fn credentials_wanted() -> i64 {
    std::env::var("FIGURES_CREDENTIALS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000_000)
}

/// The generator's statements for one backend: credentials `0..n` of department `hr`.
fn generate_sql(postgres: bool, n: i64, skills: i64) -> Vec<String> {
    let persons = n / 5 + 1; // not a multiple of 5: a person's credentials differ in type
    let (series, issued, concat_id) = if postgres {
        (
            format!("generate_series(0::bigint, {}) AS s(n)", n - 1),
            format!(
                "to_char(to_timestamp({QUARTER_START} + (n * 7919) % {QUARTER_SECONDS}) AT TIME ZONE 'UTC', \
                 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
            ),
            "'urn:bench:' || n",
        )
    } else {
        (
            format!("(WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {}) SELECT n FROM seq) AS s", n - 1),
            format!("strftime('%Y-%m-%dT%H:%M:%fZ', {QUARTER_START} + (n * 7919) % {QUARTER_SECONDS}, 'unixepoch')"),
            "'urn:bench:' || n",
        )
    };
    // Skewed: the product of two uniform draws favours the first skills, as real demand does.
    let pick = |a: i64, b: i64| format!("((n * {a}) % {skills}) * ((n * {b} + 3) % {skills}) / {skills}");
    vec![
        format!(
            "INSERT INTO credentials (id, department_id, subject, credential_type, format, sha256, issued_at, token_id, body, \
             person_key, skill_keys, skill_level, revocation_list, revocation_index) \
             SELECT {concat_id}, 'hr', NULL, \
             CASE WHEN n % 5 = 4 THEN 'AssignmentCredential' ELSE 'SkillCredential' END, 'ldp_vc', 'bench', {issued}, 'bench', '{{}}', \
             'p' || (n % {persons}), \
             CASE WHEN n % 5 = 4 THEN ',' || s1.key || ',' || s2.key || ',' || s3.key || ',' ELSE ',' || s1.key || ',' END, \
             CASE WHEN n % 5 = 4 THEN NULL WHEN n % 4 = 0 THEN 'beginner' WHEN n % 4 = 1 THEN 'intermediate' \
             WHEN n % 4 = 2 THEN 'advanced' ELSE 'expert' END, \
             CASE WHEN n % 100 = 7 THEN 1 END, CASE WHEN n % 100 = 7 THEN n END \
             FROM {series} \
             JOIN bench_skills s1 ON s1.i = {} JOIN bench_skills s2 ON s2.i = {} JOIN bench_skills s3 ON s3.i = {}",
            pick(7919, 31),
            pick(104_729, 17),
            pick(1_299_709, 13)
        ),
        format!(
            "INSERT INTO status_lists (department_id, number, purpose, size, is_full, version, created_at) \
             VALUES ('hr', 1000000, 'revocation', {n}, 1, 1, '2026-07-01T00:00:00.000Z')"
        ),
        "UPDATE credentials SET revocation_list = 1000000 WHERE department_id = 'hr' AND revocation_list = 1".to_owned(),
        "INSERT INTO status_entries (department_id, list_number, idx, bit) \
         SELECT department_id, revocation_list, revocation_index, 1 FROM credentials \
         WHERE department_id = 'hr' AND revocation_list = 1000000"
            .to_owned(),
        "INSERT INTO audit_log (at, department_id, actor, action, detail, about) \
         SELECT issued_at, department_id, 'bench', 'credential.revoke', '{}', id FROM credentials \
         WHERE department_id = 'hr' AND revocation_list = 1000000"
            .to_owned(),
        if postgres { "VACUUM ANALYZE".to_owned() } else { "ANALYZE".to_owned() },
    ]
}

/// This process's peak resident memory since the last reset, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// Resets the peak (Linux: `5` to `clear_refs`); false when this kernel does not allow it.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

async fn run(name: &str, url: &str, postgres: bool, n: i64) {
    let store = issuer::store::Store::open(url).await.unwrap();
    let service = IssuerService::new(store, MasterKey::generate(), "issuer.example".into(), Arc::new(SystemClock));
    service
        .create_department("hr", &LocalizedText::new("Human Resources", "Ressources humaines"), "bench")
        .await
        .unwrap();
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let skills: Vec<&str> = taxonomy.skills().iter().map(|skill| skill.key.as_str()).collect();

    let started = Instant::now();
    let mut connection = sqlx::AnyConnection::connect(url).await.unwrap();
    connection.execute("CREATE TEMP TABLE bench_skills (i BIGINT PRIMARY KEY, key TEXT NOT NULL)").await.unwrap();
    let values: Vec<String> = skills.iter().enumerate().map(|(i, key)| format!("({i}, '{key}')")).collect();
    connection
        .execute(format!("INSERT INTO bench_skills (i, key) VALUES {}", values.join(", ")).as_str())
        .await
        .unwrap();
    for statement in generate_sql(postgres, n, skills.len() as i64) {
        connection.execute(statement.as_str()).await.unwrap();
    }
    drop(connection);
    let generated = started.elapsed();

    let quarter = Quarter::new(QUARTER.0, QUARTER.1).unwrap();
    service.set_figure_budget("hr", quarter, 10.0, "bench").await.unwrap();
    let resettable = reset_peak();
    let before = peak_mib();
    let rss_before = before;
    let started = Instant::now();
    let published = service.release_figures("hr", quarter, 1.0, "bench").await.unwrap();
    let took = started.elapsed();
    let peak = peak_mib();
    let release: serde_json::Value = serde_json::from_str(&published.body).unwrap();
    let tables = release["credentialSubject"]["figures"]["tables"].as_array().unwrap();
    let cells: Vec<String> = tables
        .iter()
        .map(|table| format!("{} {}", table["name"].as_str().unwrap(), table["cells"].as_array().unwrap().len()))
        .collect();
    println!(
        "| {name} | {n} | {:.1} s | {:.2} s | {:.0} MiB ({:.0} MiB before){} | {} |",
        generated.as_secs_f64(),
        took.as_secs_f64(),
        if resettable { peak } else { peak.max(before) },
        rss_before,
        if resettable { "" } else { " (peak of the whole run)" },
        cells.join(", ")
    );
}

fn sqlite_url(directory: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", directory.join("figures-bench.db").display())
}

fn main() {
    sqlx::any::install_default_drivers();
    let n = credentials_wanted();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    println!("| database | credentials | generated in | release (count, noise, sign, record) | peak memory of this process | cells released |");
    println!("|---|---|---|---|---|---|");
    let only = std::env::var("FIGURES_BACKEND").unwrap_or_default();
    let directory = tempfile::tempdir_in(std::env::var("FIGURES_BENCH_DIR").unwrap_or_else(|_| ".".into())).unwrap();
    if only != "postgres" {
        runtime.block_on(run("SQLite", &sqlite_url(directory.path()), false, n));
    }
    if only != "postgres" && std::env::var_os("FIGURES_BENCH_KEEP").is_some() {
        println!("(SQLite database kept in {})", directory.keep().display());
    }
    if only == "sqlite" {
        return;
    }
    if let Ok(admin_url) = std::env::var("DATABASE_URL") {
        let name = format!("issuer_figures_bench_{}", std::process::id());
        runtime.block_on(async {
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            admin.execute(format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
            admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
            let mut url = url::Url::parse(&admin_url).unwrap();
            url.set_path(&name);
            run("PostgreSQL", url.as_str(), true, n).await;
            if std::env::var_os("FIGURES_BENCH_KEEP").is_some() {
                println!("(PostgreSQL database kept: {url})");
            } else {
                admin.execute(format!("DROP DATABASE {name}").as_str()).await.unwrap();
            }
        });
    } else {
        println!("(DATABASE_URL not set: no PostgreSQL run)");
    }
}
