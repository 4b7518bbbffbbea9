//! Issuer throughput under load: the real `issuer serve` (release build) on SQLite and, when
//! `DATABASE_URL` is set, PostgreSQL; 64 concurrent connections issuing realistic skill credentials
//! for each securing mechanism; throughput and p50/p99 latency, as a fraction of what signing
//! alone achieves on the same cores in the same run; peak memory of the issuer; and bulk issuance
//! of 100,000 CSV rows. Run: `cargo bench -p issuer --bench issuance` (`STATUS_ROUNDS`, default 6:
//! rounds with and without status entries per mechanism).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use credentials::Signer;
use issuer::domain::sign::{sign, Mechanism, Secured};
use rayon::prelude::*;
use scenarios::load::{cpu_seconds, Load};

const CONNECTIONS: usize = 64;
const REQUEST: &str = r#"{"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced", "evidence": {"en": "Designed the public API of the benefits platform", "fr": "A conçu l'API publique de la plateforme des prestations"}}"#;

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn issuer(env: &[(&str, String)], args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_issuer"));
    // Only the backend chosen here: an inherited DATABASE_URL would turn "SQLite" into PostgreSQL.
    command.args(args).env_remove("DATABASE_URL");
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// Starts the issuer with two departments: `hr` (revocation and suspension entries, the default)
/// and `plain` (no status entries); returns a token of each.
fn start(env: &[(&str, String)]) -> (Server, String, String) {
    // The departments' did:web names the address the service listens on: every command knows it.
    let port = free_port();
    let mut env = env.to_vec();
    env.push(("ISSUER_LISTEN", format!("127.0.0.1:{port}")));
    let env = env.as_slice();
    let created =
        issuer(env, &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"])
            .output()
            .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let created = issuer(
        env,
        &["department", "create", "plain", "--name", "Plain", "--name-fr", "Simple", "--status-purposes", "none"],
    )
    .output()
    .unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let token = issuer(env, &["token", "create", "--department", "hr", "--scopes", "issue"]).output().unwrap();
    let token = String::from_utf8(token.stdout).unwrap().trim().to_owned();
    let plain = issuer(env, &["token", "create", "--department", "plain", "--scopes", "issue"]).output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap().trim().to_owned();
    let child = issuer(env, &["serve"])
        .env("ISSUER_RATE_LIMIT_PER_SECOND", "0")
        .env("ISSUER_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    for _ in 0..200 {
        if ureq::get(&format!("{}/readyz", server.base)).call().is_ok() {
            return (server, token, plain);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("issuer did not start");
}

fn peak_memory_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU seconds used so far by the PostgreSQL server's processes on this machine (none with SQLite):
/// the database's share of a credential's cost. Live processes count their own time; backends
/// that have exited count through the postmaster's reaped-children times (`cutime`, `cstime`).
/// A server out of sight (another host, another PID namespace) counts as zero: the bench says so.
fn postgres_cpu_seconds() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0.0 };
    let mut total = 0.0;
    for entry in entries.flatten() {
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        let Some((name, rest)) = stat.split_once(" (").and_then(|(_, rest)| rest.rsplit_once(") ")) else { continue };
        if name != "postgres" {
            continue;
        }
        let fields: Vec<f64> = rest.split(' ').map(|v| v.parse().unwrap_or(0.0)).collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or(0.0);
        // After the name: state 0, ppid 1, …, utime 11, stime 12, cutime 13, cstime 14.
        total += field(11) + field(12);
        let parent = std::fs::read_to_string(format!("/proc/{}/comm", field(1) as u64)).unwrap_or_default();
        if parent.trim() != "postgres" {
            total += field(13) + field(14);
        }
    }
    total / 100.0
}

/// Credentials per second that signing alone reaches on every core.
fn signing_rate(mechanism: Mechanism) -> f64 {
    let key: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
    let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
    let contexts = ContextSet::standard();
    let credential = issuer::domain::template::skill(
        schemas::Issuer { id: did, name: schemas::LocalizedText::new("Human Resources", "Ressources humaines") },
        Some("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
        "api_design",
        schemas::Level::Advanced,
        Some(schemas::LocalizedText::new("Designed the public API", "A conçu l'API publique")),
        chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        None,
    )
    .unwrap();
    let count = if matches!(mechanism, Mechanism::DataIntegrity(credentials::proof::Suite::EddsaRdfc2022)) {
        4_000
    } else {
        40_000
    };
    let created = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let started = Instant::now();
    (0..count).into_par_iter().for_each(|_| {
        std::hint::black_box(sign(&credential, key.clone(), mechanism, created, &contexts).unwrap());
    });
    count as f64 / started.elapsed().as_secs_f64()
}

/// The profile and template every floor request fills in.
fn floor_profile(key: &dyn Signer) -> schemas::Issuer {
    let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
    schemas::Issuer { id: did, name: schemas::LocalizedText::new("Human Resources", "Ressources humaines") }
}

/// The floors under the service: processes of their own (this bench run again with `FLOOR_SERVE`
/// set) on the issuer's runtime, answering `POST /credentials/skill` with the same load
/// generator on the same cores. `bare` reads the request as JSON and answers fixed bytes of the
/// service's answer size: what HTTP, loopback TCP, the runtime and the load generator cost.
/// Otherwise it does all an issuer must do per request except storing it (and authenticating,
/// status entries, audit): parse the request, fill the skill template, check and sign
/// (`issuer::domain::sign::sign`, what "signing alone" measures), answer as the service does. Its
/// fraction of signing alone is the most any issuer that also stores each credential could keep.
fn floor_serve(port: u16, bare: Option<Vec<u8>>) {
    use axum::extract::RawQuery;
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let key: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
    let profile = floor_profile(key.as_ref());
    let contexts = ContextSet::standard();
    let bare = bare.map(axum::body::Bytes::from);
    let handler = move |RawQuery(query): RawQuery, body: axum::body::Bytes| {
        let (key, profile, contexts, bare) = (key.clone(), profile.clone(), contexts.clone(), bare.clone());
        async move {
            let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            if let Some(answer) = bare {
                std::hint::black_box(value);
                return (StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], answer).into_response();
            }
            let suite = query.as_deref().and_then(|q| q.strip_prefix("cryptosuite=")).unwrap_or("eddsa-rdfc-2022");
            let Some(answer) = skill_answer(key, profile, value, suite, &contexts) else {
                return StatusCode::BAD_REQUEST.into_response();
            };
            (StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], answer).into_response()
        }
    };
    let router = axum::Router::new().route("/credentials/skill", axum::routing::post(handler));
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        axum::serve(listener, router).await.unwrap();
    });
}

/// What the service answers to a skill request, made the way it makes it: template, check and
/// sign, the credential's compact JSON or its envelope.
fn skill_answer(
    key: Arc<dyn Signer>,
    profile: schemas::Issuer,
    request: serde_json::Value,
    suite: &str,
    contexts: &ContextSet,
) -> Option<String> {
    let request = serde_json::from_value::<issuer::domain::SkillRequest>(request).ok()?;
    let (mechanism, level) = (suite.parse::<Mechanism>().ok()?, request.level.parse::<schemas::Level>().ok()?);
    let now = credentials::Clock::now(&credentials::SystemClock);
    let credential = issuer::domain::template::skill(
        profile,
        request.subject.as_deref(),
        &request.skill,
        level,
        request.evidence,
        now,
        request.valid_until,
    )
    .ok()?;
    let secured = sign(&credential, key, mechanism, now, contexts).ok()?;
    Some(match &secured {
        Secured::Json(_) => format!("{{\"verifiableCredential\":{}}}", secured.record_text()),
        enveloped => serde_json::json!({"verifiableCredential": enveloped.to_vc_api()}).to_string(),
    })
}

/// Runs one floor (see [`floor_serve`]) under the same load as the service: rate, and CPU per
/// request of the floor process and of the load generator.
fn floor(bare: Option<&[u8]>, suite: &str, total: usize) -> (f64, f64, f64) {
    let port = free_port();
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.env("FLOOR_SERVE", port.to_string()).stdout(Stdio::null()).stderr(Stdio::null());
    let answer_file = tempfile::NamedTempFile::new().unwrap();
    if let Some(answer) = bare {
        std::fs::write(answer_file.path(), answer).unwrap();
        command.env("FLOOR_ANSWER", answer_file.path());
    }
    let child = command.spawn().unwrap();
    let server = Server { child, base: format!("http://127.0.0.1:{port}") };
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    load(&server.base, "none", suite, total / 4);
    let pid = server.child.id().to_string();
    let (server_before, client_before) = (cpu_seconds(&pid), cpu_seconds("self"));
    let served = load(&server.base, "none", suite, total);
    let count = served.count.max(1) as f64;
    let server_cpu = (cpu_seconds(&pid) - server_before) / count;
    let client_cpu = (cpu_seconds("self") - client_before) / count;
    (served.rate, server_cpu, client_cpu)
}

/// `total` issuances from `CONNECTIONS` keep-alive connections driven by one client thread
/// (the shared load generator); each must be answered 201.
fn load(base: &str, token: &str, suite: &str, total: usize) -> Load {
    let path = format!("/credentials/skill?cryptosuite={suite}");
    let address = base.trim_start_matches("http://").parse().unwrap();
    let authorization = format!("Bearer {token}");
    let load = scenarios::load::run(
        address,
        CONNECTIONS,
        f64::INFINITY,
        total,
        &|_| scenarios::load::Request::post_json(&path, REQUEST).header("authorization", &authorization),
        &|status, _| status == 201,
    );
    assert_eq!(load.failed, 0, "issuances failed");
    load
}

fn main() {
    if let Ok(port) = std::env::var("FLOOR_SERVE") {
        let bare = std::env::var("FLOOR_ANSWER").ok().map(|file| std::fs::read(file).unwrap());
        floor_serve(port.parse().unwrap(), bare);
        return;
    }
    let mut backends: Vec<(&str, Vec<(&str, String)>)> = Vec::new();
    let sqlite_dir = tempfile::tempdir().unwrap();
    backends.push(("SQLite", vec![("ISSUER_DATA_DIR", sqlite_dir.path().display().to_string())]));
    if let Ok(admin) = std::env::var("DATABASE_URL") {
        if postgres_cpu_seconds() == 0.0 {
            eprintln!("note: no PostgreSQL process on this machine is visible; its CPU is not counted");
        }
        let name = format!("bench_{}", std::process::id());
        let created =
            Command::new("psql").arg(&admin).args(["-qtAc", &format!("CREATE DATABASE {name}")]).status().unwrap();
        assert!(created.success());
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        let pg_dir = tempfile::tempdir().unwrap().keep();
        backends.push((
            "PostgreSQL",
            vec![("DATABASE_URL", url.to_string()), ("ISSUER_DATA_DIR", pg_dir.display().to_string())],
        ));
    }
    let suites = [("eddsa-jcs-2022", 10_000), ("vc-jwt", 10_000), ("eddsa-rdfc-2022", 1_500)];
    let signing: Vec<f64> = suites.iter().map(|(suite, _)| signing_rate(suite.parse().unwrap())).collect();
    print_floors(&suites[..2], &signing);
    println!(
        "| backend | mechanism | signing alone (cred/s) | service (cred/s) | fraction | p50 | p99 | without status entries (cred/s) | status entries cost (median of rounds, range) | CPU per credential added by status entries (issuer, load generator and PostgreSQL; median, range) | issuer peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (backend, env) in &backends {
        let (server, token, plain) = start(env);
        for ((suite, total), sign_rate) in suites.iter().zip(&signing) {
            // Alternate with and without status entries (the order flipped each round, so drift
            // on a noisy machine favours neither side); the cost is the median of the rounds'
            // own ratios, the rates the best round of each side.
            let rounds = std::env::var("STATUS_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(6_usize).max(1);
            let (mut with, mut without): (Option<Load>, Option<Load>) = (None, None);
            let (mut costs, mut cpu_costs) = (Vec::new(), Vec::new());
            let pid = server.child.id().to_string();
            // A load and the CPU (issuer, load generator, PostgreSQL) it took per credential.
            let cpu = || cpu_seconds(&pid) + cpu_seconds("self") + postgres_cpu_seconds();
            let measured = |token: &str| {
                let before = cpu();
                let result = load(&server.base, token, suite, *total);
                let cpu = (cpu() - before) / result.count.max(1) as f64;
                (result, cpu)
            };
            for round in 0..rounds {
                let ((off, off_cpu), (on, on_cpu)) = if round % 2 == 0 {
                    let off = measured(&plain);
                    (off, measured(&token))
                } else {
                    let on = measured(&token);
                    (measured(&plain), on)
                };
                costs.push(100.0 * (off.rate - on.rate) / off.rate);
                cpu_costs.push(100.0 * (on_cpu - off_cpu) / off_cpu);
                if without.as_ref().is_none_or(|b| off.rate > b.rate) {
                    without = Some(off);
                }
                if with.as_ref().is_none_or(|b| on.rate > b.rate) {
                    with = Some(on);
                }
            }
            costs.sort_by(f64::total_cmp);
            cpu_costs.sort_by(f64::total_cmp);
            let median = |sorted: &[f64]| (sorted[(sorted.len() - 1) / 2] + sorted[sorted.len() / 2]) / 2.0;
            let (median_cost, median_cpu_cost) = (median(&costs), median(&cpu_costs));
            let (result, plain_result) = (with.unwrap(), without.unwrap());
            println!(
                "| {backend} | {suite} | {sign_rate:.0} | {:.0} | {:.0}% | {:.1?} | {:.1?} | {:.0} | {median_cost:+.1}% ({:+.1}% to {:+.1}%) | {median_cpu_cost:+.1}% ({:+.1}% to {:+.1}%) | {} MiB |",
                result.rate,
                100.0 * result.rate / sign_rate,
                result.p50,
                result.p99,
                plain_result.rate,
                costs[0],
                costs[costs.len() - 1],
                cpu_costs[0],
                cpu_costs[cpu_costs.len() - 1],
                peak_memory_kib(server.child.id()) / 1024
            );
        }
    }

    // Bulk issuance of 100,000 rows from CSV (SQLite, eddsa-jcs-2022).
    let bulk_dir = tempfile::tempdir().unwrap();
    let env = vec![
        ("ISSUER_DATA_DIR", bulk_dir.path().join("data").display().to_string()),
        ("ISSUER_PUBLIC_URL", "https://issuer.example".to_owned()),
    ];
    let created =
        issuer(&env, &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"])
            .output()
            .unwrap();
    assert!(created.status.success());
    let rows = 100_000;
    let mut csv = String::from("kind,row_id,subject,skill,level\n");
    for row in 0..rows {
        csv.push_str(&format!(
            "skill,emp-{row},did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2,api_design,advanced\n"
        ));
    }
    let csv_path = bulk_dir.path().join("rows.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let started = Instant::now();
    let output = issuer(
        &env,
        &[
            "issue-batch",
            "--department",
            "hr",
            "--suite",
            "eddsa-jcs-2022",
            "--csv",
            csv_path.to_str().unwrap(),
            "--out",
            bulk_dir.path().join("out").to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    let elapsed = started.elapsed();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    println!(
        "bulk: {rows} CSV rows (SQLite, eddsa-jcs-2022) in {elapsed:.1?}: {:.0} rows/s, {:.0}% of signing alone",
        rows as f64 / elapsed.as_secs_f64(),
        100.0 * rows as f64 / elapsed.as_secs_f64() / signing[0]
    );
}

/// The floors for the fast mechanisms, before the service runs (same load, same cores): what HTTP
/// alone costs per request, and the most an issuer that stores nothing keeps of signing alone.
fn print_floors(suites: &[(&str, usize)], signing: &[f64]) {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) as f64;
    println!("Floors (a bare axum process of this bench, same load generator, 64 connections, same cores):\n");
    println!("| floor | mechanism | requests/s | server CPU per request | load generator CPU per request | fraction of signing alone |");
    println!("|---|---|---|---|---|---|");
    for ((suite, total), sign_rate) in suites.iter().zip(signing) {
        // The bare floor answers what the signing floor answers, made once.
        let key: Arc<dyn Signer> = Arc::new(keys::LocalKey::generate());
        let request = serde_json::from_str(REQUEST).unwrap();
        let answer =
            skill_answer(key.clone(), floor_profile(key.as_ref()), request, suite, &ContextSet::standard()).unwrap();
        let (rate, server, client) = floor(Some(answer.as_bytes()), suite, *total * 2);
        println!(
            "| HTTP only (request parsed, fixed answer) | {suite} | {rate:.0} | {:.1} µs | {:.1} µs | bound by CPU: {:.0}% |",
            server * 1e6,
            client * 1e6,
            // Signing's CPU per credential over it plus the floor's: every core busy.
            100.0 * (threads / sign_rate) / (threads / sign_rate + server + client)
        );
        let (rate, server, client) = floor(None, suite, *total * 2);
        println!(
            "| HTTP + template + signing, nothing stored | {suite} | {rate:.0} | {:.1} µs | {:.1} µs | **{:.0}%** |",
            server * 1e6,
            client * 1e6,
            100.0 * rate / sign_rate
        );
    }
    println!();
}
