//! Load on `verifier serve` (the real binary) from 64 keep-alive connections (one client thread) on the same machine,
//! for `eddsa-jcs-2022`, `vc+jwt` and `eddsa-rdfc-2022` credentials and for a presentation of two
//! credentials (each answering its own single-use challenge). In the same run, the library's
//! own verify rate on all cores, so the service's cost is a ratio rather than a machine-dependent
//! number; and the service's peak resident memory (VmHWM).
//!
//! Run: `cargo bench -p verifier --bench service_load` (`LOAD_SECONDS`, default 8 per case;
//! `LOAD_CONNECTIONS`, default 64).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use credentials::contexts::{ContextSet, CREDENTIALS_V2};
use credentials::did::{Purpose, StaticResolver};
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::verify::{PresentationOptions, Verifier};
use credentials::{jose, Clock, SystemClock};
use keys::LocalKey;
use scenarios::load::{cpu_seconds, Load};
use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
use serde_json::{json, Value};

// The same allocator as the service binary, so the library figure is comparable.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn skill(issuer: &LocalKey, holder: &str, key: &str) -> Value {
    SkillCredentialBuilder::new(
        format!("urn:uuid:{}", rand::random::<u64>()),
        Issuer { id: issuer.did_key(), name: LocalizedText::new("Bench", "Banc") },
        key,
        Level::Advanced,
        SystemClock.now() - chrono::Duration::days(1),
    )
    .subject(holder)
    .build()
    .unwrap()
}

fn sign(credential: &Value, issuer: &LocalKey, suite: Suite) -> Value {
    add_proof(credential, issuer, &ProofOptions::new(suite, SystemClock.now()), &ContextSet::standard()).unwrap()
}

/// The library's rate on `threads` threads for `seconds`, verifying `make()` inputs.
fn library_rate(seconds: f64, threads: usize, work: &(dyn Fn(usize) -> bool + Sync)) -> f64 {
    let done = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while start.elapsed().as_secs_f64() < seconds {
                    let n = done.fetch_add(1, Ordering::Relaxed);
                    assert!(work(n), "the library did not verify");
                }
            });
        }
    });
    done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// `connections` keep-alive connections posting `body(n)` to `path` for `seconds` (or until
/// `limit` requests), from one client thread; an answer counts when it says verified.
fn load(
    base: &str,
    path: &str,
    connections: usize,
    seconds: f64,
    limit: usize,
    body: &(dyn Fn(usize) -> String + Sync),
) -> Load {
    let address = base.trim_start_matches("http://").parse().unwrap();
    scenarios::load::run(
        address,
        connections,
        seconds,
        limit,
        &|n| scenarios::load::Request::post_json(path, body(n)),
        &|status, answer| status == 200 && answer.starts_with(b"{\"verified\":true"),
    )
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

/// The HTTP floor: a bare axum service on the same runtime as `verifier serve`, which reads the
/// same request and answers the same bytes without verifying anything. Its rate is what HTTP,
/// loopback TCP, the runtime and the load generator cost per request on these cores; with the
/// library's rate it bounds what any service could keep: `floor / (floor + library)`.
/// Runs in a process of its own (this bench run again with `FLOOR_SERVE` set), as the service does.
fn floor_serve(port: u16, answer: Vec<u8>, parse: bool) {
    use axum::routing::post;
    let answer = axum::body::Bytes::from(answer);
    let router = axum::Router::new().route(
        "/credentials/verify",
        post(move |body: axum::body::Bytes| {
            let answer = answer.clone();
            async move {
                if parse {
                    // The JSON a VC-API service must read before it can verify anything.
                    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    std::hint::black_box(value.get("verifiableCredential"));
                }
                ([(axum::http::header::CONTENT_TYPE, "application/json")], answer)
            }
        }),
    );
    tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap().block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        axum::serve(listener, router).await.unwrap();
    });
}

fn main() {
    if let Ok(port) = std::env::var("FLOOR_SERVE") {
        let answer = std::fs::read(std::env::var("FLOOR_ANSWER").unwrap()).unwrap();
        floor_serve(port.parse().unwrap(), answer, std::env::var("FLOOR_PARSE").is_ok());
        return;
    }
    let seconds = env_number("LOAD_SECONDS", 8) as f64;
    let connections = env_number("LOAD_CONNECTIONS", 64);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let issuer = Arc::new(LocalKey::generate());
    let holder = Arc::new(LocalKey::generate());
    let unsigned = skill(&issuer, &holder.did_key(), "api_design");
    let jcs = sign(&unsigned, &issuer, Suite::EddsaJcs2022);
    let rdfc = sign(&unsigned, &issuer, Suite::EddsaRdfc2022);
    let jwt = jose::sign(&unsigned, issuer.clone(), jose::VC_JWT_TYPE).unwrap();
    let enveloped = json!({"@context": [CREDENTIALS_V2], "id": format!("data:application/vc+jwt,{jwt}"), "type": "EnvelopedVerifiableCredential"});
    let second = sign(&skill(&issuer, &holder.did_key(), "cloud_architecture"), &issuer, Suite::EddsaJcs2022);

    let verifier = Verifier::new(ContextSet::standard(), Arc::new(StaticResolver::new()), Arc::new(SystemClock));
    let none = PresentationOptions::default();
    let verify_value = |value: &Value, options: &PresentationOptions| {
        verifier.verify(credentials::input::classify(value.clone()).unwrap(), options).verified()
    };
    let present = |challenge: &str| {
        let vp = json!({"@context": [CREDENTIALS_V2], "type": ["VerifiablePresentation"], "holder": holder.did_key(),
            "verifiableCredential": [jcs.clone(), second.clone()]});
        let mut options = ProofOptions::new(Suite::EddsaJcs2022, SystemClock.now());
        options.purpose = Purpose::Authentication;
        options.challenge = Some(challenge.to_owned());
        add_proof(&vp, holder.as_ref(), &options, &ContextSet::standard()).unwrap()
    };

    // The service, as deployed: the release binary, its own process.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Service(
        Command::new(env!("CARGO_BIN_EXE_verifier"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--api-token", "bench"])
            .env("VERIFIER_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let base = format!("http://127.0.0.1:{port}");
    while ureq::get(&format!("{base}/healthz")).call().is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }

    println!("verifier serve under load: {connections} connections, {seconds} s per case, {threads} cores shared by service and load generator\n");
    println!(
        "| input | library verify/s ({threads} threads) | library from bytes | service verify/s | service / library | service / library from bytes | p50 | p99 | failed |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let service_pid = child.id().to_string();
    // One case under load: its table row, and (name, library rate, service verifications per
    // service CPU-second, the service's share of the CPU used) for the second table.
    let measured = |name: &str, library: f64, from_bytes: f64, run: &mut dyn FnMut(usize) -> Load| {
        let (service_before, client_before) = (cpu_seconds(&service_pid), cpu_seconds("self"));
        let served = run(usize::MAX);
        let service_cpu = cpu_seconds(&service_pid) - service_before;
        let client_cpu = cpu_seconds("self") - client_before;
        println!(
            "| {name} | {library:.0} | {from_bytes:.0} | {:.0} | {:.0}% | {:.0}% | {:.1} ms | {:.1} ms | {} |",
            served.rate,
            100.0 * served.rate / library,
            100.0 * served.rate / from_bytes,
            served.p50.as_secs_f64() * 1000.0,
            served.p99.as_secs_f64() * 1000.0,
            served.failed
        );
        (
            name.to_owned(),
            library,
            served.count as f64 / service_cpu.max(0.01),
            service_cpu / (service_cpu + client_cpu).max(0.01),
        )
    };
    let mut efficiency: Vec<(String, f64, f64, f64)> = Vec::new();
    let cases: [(&str, &Value); 3] = [("eddsa-jcs-2022", &jcs), ("vc+jwt", &enveloped), ("eddsa-rdfc-2022", &rdfc)];
    for (name, credential) in cases {
        let library = if name == "vc+jwt" {
            library_rate(seconds, threads, &|_| {
                verifier.verify(credentials::input::Parsed::Jwt(jwt.clone()), &none).verified()
            })
        } else {
            library_rate(seconds, threads, &|_| verify_value(credential, &none))
        };
        // What a library user with the credential's bytes (a file, a request) pays: parsing too.
        let bytes = if name == "vc+jwt" { jwt.clone().into_bytes() } else { credential.to_string().into_bytes() };
        let from_bytes = library_rate(seconds, threads, &|_| verifier.verify_bytes(&bytes, &none).unwrap().verified());
        let body = json!({"verifiableCredential": credential}).to_string();
        // Warm-up: connections, caches.
        load(&base, "/credentials/verify", connections, 1.0, usize::MAX, &|_| body.clone());
        let served = measured(name, library, from_bytes, &mut |limit| {
            load(&base, "/credentials/verify", connections, seconds, limit, &|_| body.clone())
        });
        efficiency.push(served);
    }

    // Presentations: each answers a challenge of the service's, taken before the clock starts.
    let library = library_rate(seconds, threads, &{
        let vp = present("library-challenge");
        let options =
            PresentationOptions { challenge: Some("library-challenge".into()), ..PresentationOptions::default() };
        move |_| verify_value(&vp, &options)
    });
    let vp_bytes = present("library-challenge").to_string().into_bytes();
    let options = PresentationOptions { challenge: Some("library-challenge".into()), ..PresentationOptions::default() };
    let from_bytes =
        library_rate(seconds, threads, &|_| verifier.verify_bytes(&vp_bytes, &options).unwrap().verified());
    // No more than the service keeps open at once (100,000): a fast run ends on this budget.
    let budget = ((library * seconds * 1.2) as usize).clamp(1000, 90_000);
    let agent = ureq::agent();
    let bodies: Vec<String> = (0..budget)
        .map(|_| {
            let answer: Value = agent.post(&format!("{base}/challenges")).call().unwrap().into_json().unwrap();
            let challenge = answer["challenge"].as_str().unwrap();
            json!({"verifiablePresentation": present(challenge), "options": {"challenge": challenge}}).to_string()
        })
        .collect();
    let served = measured("presentation of 2 (eddsa-jcs-2022)", library, from_bytes, &mut |limit| {
        load(&base, "/presentations/verify", connections, seconds, limit.min(bodies.len()), &|n| bodies[n].clone())
    });
    efficiency.push(served);
    println!("\nPer CPU-second (the load generator's own CPU taken out): the service's verifications per CPU-second of its own process, against the library's per CPU-second of one thread ({threads} threads ran at full speed):\n");
    println!("| input | library verify per CPU-s | service verify per CPU-s | service / library | service's share of the CPU used |");
    println!("|---|---|---|---|---|");
    for (name, library, service, share) in &efficiency {
        let per_cpu = library / threads as f64;
        println!(
            "| {name} | {per_cpu:.0} | {service:.0} | {:.0}% | {:.0}% |",
            100.0 * service / per_cpu,
            100.0 * share
        );
    }
    let peak = peak_rss_kib(child.id());
    println!("\nservice peak resident memory (VmHWM): {:.1} MiB", peak as f64 / 1024.0);

    // The floor: the eddsa-jcs-2022 request and the service's own answer to it, served by a bare
    // axum process that verifies nothing.
    let jcs_body = json!({"verifiableCredential": &jcs}).to_string();
    let jcs_answer = agent
        .post(&format!("{base}/credentials/verify"))
        .set("content-type", "application/json")
        .send_string(&jcs_body)
        .unwrap()
        .into_string()
        .unwrap();
    drop(child);
    let answer_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(answer_file.path(), &jcs_answer).unwrap();
    println!("\nHTTP floor: a bare axum process (same runtime) reading the eddsa-jcs-2022 request ({} B) and answering the service's {} B answer without verifying; same load generator, same cores:\n", jcs_body.len(), jcs_answer.len());
    println!("| floor | requests/s | server CPU per request | load generator CPU per request | most a service could keep of the library, by rate (eddsa-jcs-2022, vc+jwt, eddsa-rdfc-2022) | the same, by CPU |");
    println!("|---|---|---|---|---|---|");
    for parse in [false, true] {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(std::env::current_exe().unwrap());
        command.env("FLOOR_SERVE", port.to_string()).env("FLOOR_ANSWER", answer_file.path());
        command.stdout(Stdio::null()).stderr(Stdio::null());
        if parse {
            command.env("FLOOR_PARSE", "1");
        }
        let floor = Service(command.spawn().unwrap());
        let floor_base = format!("http://127.0.0.1:{port}");
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            std::thread::sleep(Duration::from_millis(20));
        }
        load(&floor_base, "/credentials/verify", connections, 1.0, usize::MAX, &|_| jcs_body.clone());
        let floor_pid = floor.id().to_string();
        let (server_before, client_before) = (cpu_seconds(&floor_pid), cpu_seconds("self"));
        let served = load(&floor_base, "/credentials/verify", connections, seconds, usize::MAX, &|_| jcs_body.clone());
        let server_cpu = cpu_seconds(&floor_pid) - server_before;
        let client_cpu = cpu_seconds("self") - client_before;
        let count = served.count.max(1) as f64;
        // Both costs on the same cores: a service doing the floor's work plus the library's
        // verification reaches at most floor·library/(floor + library) requests per second. By
        // rate, the floor's idle CPU counts against it; by CPU, each request costs the floor's
        // CPU (server and load generator) plus the library's, with every core busy: the higher,
        // and the fairer, bound.
        let floor_cpu = (server_cpu + client_cpu) / count;
        let ceilings = |by_cpu: bool| -> String {
            let percent = |library: f64| {
                if by_cpu {
                    let verify_cpu = threads as f64 / library;
                    100.0 * verify_cpu / (verify_cpu + floor_cpu)
                } else {
                    100.0 * served.rate / (served.rate + library)
                }
            };
            let shown: Vec<String> =
                efficiency.iter().take(3).map(|(_, library, _, _)| format!("{:.0}%", percent(*library))).collect();
            shown.join(", ")
        };
        println!(
            "| {} | {:.0} | {:.1} µs | {:.1} µs | {} | {} |",
            if parse { "reads the body as JSON" } else { "body not read" },
            served.rate,
            server_cpu * 1e6 / count,
            client_cpu * 1e6 / count,
            ceilings(false),
            ceilings(true)
        );
    }
}

/// The service process, stopped however the benchmark ends.
struct Service(std::process::Child);

impl Service {
    fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
