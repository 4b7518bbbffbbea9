//! Full OpenID4VP rounds against `verifier serve` (the release binary, its own process) on each
//! of its stores: create a request (the requesting party), fetch the signed request object and
//! post a `vp_token` answering it (the wallet), read the outcome (the requesting party). One
//! round is four HTTP exchanges and, in the database, an insert, three reads and two
//! conditional updates. In the same run, on the same machine:
//!
//! - `memory`: SQLite in memory, a store that keeps nothing past the process (the baseline the
//!   in-memory version of issue #22 is measured against);
//! - `sqlite`: the embedded default, a file in the data directory (WAL);
//! - `postgres`: when `DATABASE_URL` names a server (a fresh database is made for the run).
//!
//! For each: rounds per second, the verifier process's CPU per round (from /proc), the ratio to
//! `memory`, and its peak resident memory (VmHWM). Clients sign each presentation in this
//! process; the verifier's CPU is counted apart from theirs.
//!
//! Run: `cargo bench -p verifier --bench oid4vp_rounds` (`ROUND_SECONDS`, default 8 per store;
//! `ROUND_CLIENTS`, default 8).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::Purpose;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::{Clock, SystemClock};
use keys::LocalKey;
use scenarios::load::cpu_seconds;
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

const TOKEN: &str = "bench-token";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

struct Served {
    child: std::process::Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(state: &[String], registry: &std::path::Path) -> Served {
    let port = scenarios::free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_verifier"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--api-token", TOKEN])
        .args(["--max-open-requests", "100000"])
        .arg("--trust")
        .arg(registry)
        .args(state)
        .env_remove("DATABASE_URL")
        .env("VERIFIER_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed and waited for when dropped, started or not.
    let served = Served { child, base: format!("http://127.0.0.1:{port}") };
    for _ in 0..400 {
        if ureq::get(&format!("{}/readyz", served.base)).call().is_ok() {
            return served;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("verifier did not start");
}

/// One round; true when the outcome reads verified.
fn round(agent: &ureq::Agent, base: &str, holder: &Arc<LocalKey>, credential: &Value) -> bool {
    let body = json!({"dcql_query": {"credentials": [{"id": "skill", "format": "ldp_vc"}]}}).to_string();
    let created: Value = agent
        .post(&format!("{base}/presentation-requests"))
        .set("Authorization", &format!("Bearer {TOKEN}"))
        .set("Content-Type", "application/json")
        .send_string(&body)
        .unwrap()
        .into_json()
        .unwrap();
    let jwt = agent.get(created["request_uri"].as_str().unwrap()).call().unwrap().into_string().unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(jwt.split('.').nth(1).unwrap()).unwrap();
    let claims: Value = serde_json::from_slice(&payload).unwrap();
    let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
        "verifiableCredential": [credential]});
    let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
    options.purpose = Purpose::Authentication;
    options.challenge = claims["nonce"].as_str().map(str::to_owned);
    options.domain = claims["client_id"].as_str().map(str::to_owned);
    let vp = add_proof(&vp, holder.as_ref(), &options, &ContextSet::standard()).unwrap();
    let token = json!({"skill": [vp]}).to_string();
    agent
        .post(claims["response_uri"].as_str().unwrap())
        .send_form(&[("vp_token", &token), ("state", claims["state"].as_str().unwrap())])
        .unwrap();
    let outcome: Value = agent
        .get(&format!("{base}/presentation-requests/{}", created["id"].as_str().unwrap()))
        .set("Authorization", &format!("Bearer {TOKEN}"))
        .call()
        .unwrap()
        .into_json()
        .unwrap();
    outcome["status"] == "verified"
}

struct Figures {
    rate: f64,
    cpu_per_round: f64,
    peak_mib: f64,
}

fn measure(served: &Served, clients: usize, seconds: f64, holder: &Arc<LocalKey>, credential: &Value) -> Figures {
    let pid = served.child.id().to_string();
    // Warm up (contexts, DID documents, the first statements prepared).
    let warm = ureq::AgentBuilder::new().build();
    for _ in 0..20 {
        assert!(round(&warm, &served.base, holder, credential), "a round did not verify");
    }
    let done = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let cpu_before = cpu_seconds(&pid);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                let agent = ureq::AgentBuilder::new().build();
                while start.elapsed().as_secs_f64() < seconds {
                    if !round(&agent, &served.base, holder, credential) {
                        failed.store(true, Ordering::Relaxed);
                    }
                    done.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    let elapsed = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds(&pid) - cpu_before;
    assert!(!failed.load(Ordering::Relaxed), "a round did not verify");
    let rounds = done.load(Ordering::Relaxed) as f64;
    Figures {
        rate: rounds / elapsed,
        cpu_per_round: cpu / rounds,
        peak_mib: peak_rss_kib(served.child.id()) as f64 / 1024.0,
    }
}

fn main() {
    let seconds = env_number("ROUND_SECONDS", 8) as f64;
    let clients = env_number("ROUND_CLIENTS", 8);
    let work = tempfile::tempdir().unwrap();
    let issuer = LocalKey::generate();
    let holder = Arc::new(LocalKey::generate());
    let credential = SkillCredentialBuilder::new(
        "urn:uuid:5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5",
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Bench", "Banc") },
        "api_design",
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder.did_key())
    .build()
    .unwrap();
    let credential = add_proof(
        &credential,
        &issuer,
        &ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now()),
        &ContextSet::standard(),
    )
    .unwrap();
    let registry = work.path().join("trust.toml");
    std::fs::write(
        &registry,
        format!(
            "[[issuer]]\nid = \"{}\"\nname = \"B\"\nname_fr = \"B\"\ncredential_types = [\"*\"]\n",
            issuer.did_key()
        ),
    )
    .unwrap();

    let data = |name: &str| work.path().join(name).display().to_string();
    let mut stores: Vec<(&str, Vec<String>)> = vec![
        ("memory", vec!["--database-url".into(), "sqlite::memory:".into(), "--data-dir".into(), data("memory")]),
        ("sqlite", vec!["--data-dir".into(), data("sqlite")]),
    ];
    if let Ok(admin) = std::env::var("DATABASE_URL") {
        let name = format!("bench_{}", hex::encode(rand::random::<[u8; 4]>()));
        let created = Command::new("psql").arg(&admin).args(["-qtAc", &format!("CREATE DATABASE {name}")]).status();
        if created.is_ok_and(|status| status.success()) {
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            stores.push(("postgres", vec!["--database-url".into(), url.to_string(), "--data-dir".into(), data("pg")]));
        }
    }
    println!("OpenID4VP rounds (create, fetch, answer, read), {clients} clients, {seconds} s per store");
    println!("{:<10} {:>10} {:>16} {:>12} {:>10}", "store", "rounds/s", "CPU ms/round", "vs memory", "peak MiB");
    let mut baseline = None;
    for (name, state) in stores {
        let served = serve(&state, &registry);
        let figures = measure(&served, clients, seconds, &holder, &credential);
        let base = *baseline.get_or_insert(figures.cpu_per_round);
        println!(
            "{name:<10} {:>10.0} {:>16.3} {:>11.2}x {:>10.1}",
            figures.rate,
            figures.cpu_per_round * 1000.0,
            figures.cpu_per_round / base,
            figures.peak_mib
        );
    }
}
