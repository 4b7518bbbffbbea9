//! Signing through a hardware security module (SoftHSM2 through PKCS#11) against the file key,
//! in the same run: raw Ed25519 signatures and `eddsa-jcs-2022` credentials, on one thread and on
//! every core, the session pool's scaling against single-threaded SoftHSM2 signing (and what one
//! shared session would give), then the real `issuer serve` under load with a `pkcs11`
//! department against a `file` department. Run: `cargo bench -p issuer --bench pkcs11`
//! (`SOFTHSM2_MODULE` names the module when it is not in Debian's place).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../keys/tests/softhsm/mod.rs"]
mod softhsm;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use credentials::Signer;
use issuer::domain::sign::{sign, Mechanism};
use keys::pkcs11::{Token, TokenConfig};

const SECONDS: f64 = 3.0;
const CONNECTIONS: usize = 64;
const REQUEST: &str = r#"{"subject": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "skill": "api_design", "level": "advanced", "evidence": {"en": "Designed the public API of the benefits platform", "fr": "A conçu l'API publique de la plateforme des prestations"}}"#;

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Operations per second of `work` run by `threads` threads for about `SECONDS`, and per CPU
/// second this process used meanwhile (SoftHSM2 signs in this process): the second says what
/// each core used yields even when other programs share the machine's cores.
fn rate(threads: usize, work: &(dyn Fn() + Sync)) -> (f64, f64) {
    let cpu = scenarios::load::cpu_seconds("self");
    let started = Instant::now();
    let total: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = 0;
                    while started.elapsed().as_secs_f64() < SECONDS {
                        for _ in 0..16 {
                            work();
                        }
                        done += 16;
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let used = scenarios::load::cpu_seconds("self") - cpu;
    (total as f64 / started.elapsed().as_secs_f64(), total as f64 / used.max(0.01))
}

fn credential(key: &dyn Signer) -> serde_json::Value {
    let did = credentials::did::did_of(key.verification_method()).unwrap().to_owned();
    issuer::domain::template::skill(
        schemas::Issuer { id: did, name: schemas::LocalizedText::new("Human Resources", "Ressources humaines") },
        Some("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
        "api_design",
        schemas::Level::Advanced,
        Some(schemas::LocalizedText::new("Designed the public API", "A conçu l'API publique")),
        chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        None,
    )
    .unwrap()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn issuer(env: &[(&str, String)], args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_issuer"))
        .args(args)
        .env_remove("DATABASE_URL")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// Credentials per second the release issuer answers for `department` (64 connections, one
/// client thread), after a warm-up.
fn served(base: &str, token: &str) -> scenarios::load::Load {
    let address = base.trim_start_matches("http://").parse().unwrap();
    let authorization = format!("Bearer {token}");
    let path = "/credentials/skill?cryptosuite=eddsa-jcs-2022";
    let run = |seconds| {
        scenarios::load::run(
            address,
            CONNECTIONS,
            seconds,
            usize::MAX,
            &|_| scenarios::load::Request::post_json(path, REQUEST).header("authorization", &authorization),
            &|status, _| status == 201,
        )
    };
    run(1.0);
    let load = run(5.0);
    assert_eq!(load.failed, 0, "issuances failed");
    load
}

fn main() {
    let Some(hsm) = softhsm::softhsm(&["bench", "service"]) else { return };
    let cores = cores();
    println!("{cores} cores, {SECONDS} s per figure\n");

    // Raw Ed25519 signatures of 64 bytes (what eddsa-jcs-2022 signs: two SHA-256 digests).
    let message = [7_u8; 64];
    let file = Arc::new(keys::LocalKey::generate());
    let token =
        Token::open(TokenConfig { sessions: 2 * cores + 1, ..softhsm::config(hsm, "bench", softhsm::PIN) }).unwrap();
    let hsm_key = token.generate("did:web:bench.example:hr#key-1").unwrap();
    let single = Token::open(TokenConfig { sessions: 1, ..softhsm::config(hsm, "bench", softhsm::PIN) }).unwrap();
    let single_key = single.key("did:web:bench.example:hr#key-1").unwrap();

    let sign_raw = |key: &dyn Signer| {
        let _ = std::hint::black_box(key.sign(&message).unwrap());
    };
    println!("| signatures (64-byte message) | 1 thread /s | per CPU-s | N threads /s | per CPU-s | per core used, vs 1 thread |");
    println!("|---|---|---|---|---|---|");
    let row = |name: &str, one: (f64, f64), many: (f64, f64)| {
        println!(
            "| {name} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0}% |",
            one.0,
            one.1,
            many.0,
            many.1,
            100.0 * many.1 / one.1
        );
    };
    let file_1 = rate(1, &|| sign_raw(file.as_ref()));
    row(&format!("file key (ed25519-dalek), {cores} threads"), file_1, rate(cores, &|| sign_raw(file.as_ref())));
    let hsm_1 = rate(1, &|| sign_raw(&hsm_key));
    for threads in [cores, 2 * cores] {
        let pooled = rate(threads, &|| sign_raw(&hsm_key));
        row(&format!("SoftHSM2, pool of {} sessions, {threads} threads", 2 * cores + 1), hsm_1, pooled);
    }
    row(&format!("SoftHSM2, one session shared, {cores} threads"), hsm_1, rate(cores, &|| sign_raw(&single_key)));

    // eddsa-jcs-2022 credentials: template checks, canonicalization and signing.
    let contexts = ContextSet::standard();
    let created = chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap();
    let mechanism: Mechanism = "eddsa-jcs-2022".parse().unwrap();
    println!("\n| eddsa-jcs-2022 credentials | 1 thread /s | per CPU-s | {cores} threads /s | per CPU-s |");
    println!("|---|---|---|---|---|");
    for (name, key) in [("file key", file.clone() as Arc<dyn Signer>), ("SoftHSM2 (pool)", Arc::new(hsm_key.clone()))] {
        let unsigned = credential(key.as_ref());
        let work = || drop(std::hint::black_box(sign(&unsigned, key.clone(), mechanism, created, &contexts).unwrap()));
        let (one, many) = (rate(1, &work), rate(cores, &work));
        println!("| {name} | {:.0} | {:.0} | {:.0} | {:.0} |", one.0, one.1, many.0, many.1);
    }

    // The release issuer under load: a pkcs11 department beside a file department.
    let dir = tempfile::tempdir().unwrap();
    let pin_file = dir.path().join("pin");
    std::fs::write(&pin_file, softhsm::PIN).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env: Vec<(&str, String)> = vec![
        ("ISSUER_DATA_DIR", dir.path().join("data").display().to_string()),
        ("ISSUER_LISTEN", format!("127.0.0.1:{port}")),
        ("ISSUER_PKCS11_MODULE", hsm.module.display().to_string()),
        ("ISSUER_PKCS11_TOKEN_LABEL", "service".into()),
        ("ISSUER_PKCS11_PIN_FILE", pin_file.display().to_string()),
    ];
    issuer(
        &env,
        &["department", "create", "file", "--name", "File", "--name-fr", "Fichier", "--status-purposes", "none"],
    );
    issuer(
        &env,
        &[
            "department",
            "create",
            "hsm",
            "--name",
            "HSM",
            "--name-fr",
            "MSM",
            "--status-purposes",
            "none",
            "--key-backend",
            "pkcs11",
        ],
    );
    let file_token = issuer(&env, &["token", "create", "--department", "file", "--scopes", "issue"]);
    let hsm_token = issuer(&env, &["token", "create", "--department", "hsm", "--scopes", "issue"]);
    let child = Command::new(env!("CARGO_BIN_EXE_issuer"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("ISSUER_RATE_LIMIT_PER_SECOND", "0")
        .env("ISSUER_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{base}/readyz")).call().is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "issuer did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    println!("\n| issuer serve, SQLite, eddsa-jcs-2022, {CONNECTIONS} connections | cred/s | p50 | p99 |");
    println!("|---|---|---|---|");
    for (name, token) in [("file department", &file_token), ("pkcs11 department", &hsm_token)] {
        let load = served(&base, token);
        println!("| {name} | {:.0} | {:.1?} | {:.1?} |", load.rate, load.p50, load.p99);
    }
}
