//! The wallet's costs: unlocking (Argon2id with the parameters a new wallet gets), `wallet list`
//! over 10,000 stored credentials once unlocked, and the OpenID4VCI offer-to-stored flow against
//! an issuer on loopback (metadata, token, nonce, key proof, credential, verification, sealed
//! write), excluding the key derivation. Run: `cargo bench -p wallet-cli --bench wallet`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use credentials::contexts::ContextSet;
use credentials::verify::{Network, PresentationOptions};
use credentials::{Clock, SystemClock};
use schemas::Lang;
use wallet_cli::domain::listing::{listing, Filter};
use wallet_cli::domain::store::{Entry, Wallet};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let defaults = keys::KdfParams::default();
    let salt = keys::new_salt();
    let unlock = median(
        (0..5)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(keys::DataKey::derive("a holder's passphrase", &salt, defaults).unwrap());
                started.elapsed()
            })
            .collect(),
    );
    println!("| measure | time |");
    println!("|---|---|");
    println!(
        "| unlock (Argon2id {} KiB, {} passes, {} lane) | {:.0} ms |",
        defaults.memory_kib,
        defaults.iterations,
        defaults.parallelism,
        unlock.as_secs_f64() * 1e3
    );

    // 10,000 stored credentials: the same signed skill credential, sealed 10,000 times.
    let dir = tempfile::tempdir().unwrap();
    let wallet = Wallet::init(&dir.path().join("w"), "pw", defaults).unwrap();
    let credential =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/valid-rdfc.json")).unwrap();
    for _ in 0..10_000 {
        wallet
            .add(Entry {
                id: String::new(),
                credential: credential.clone(),
                received_at: "2026-11-25T00:00:00Z".into(),
                source: "import".into(),
                status: Some("active".into()),
                ..Entry::default()
            })
            .unwrap();
    }
    let list = median(
        (0..5)
            .map(|_| {
                let started = Instant::now();
                let (rows, damaged) = listing(&wallet, &Filter::default(), Lang::En).unwrap();
                assert_eq!((rows.len(), damaged.len()), (10_000, 0));
                started.elapsed()
            })
            .collect(),
    );
    println!(
        "| `wallet list` of 10,000 credentials after unlock (read, decrypt, summarize, sort) | {:.0} ms |",
        list.as_secs_f64() * 1e3
    );
    drop(wallet);

    // The offer-to-stored flow against an in-process issuer on loopback.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let data = tempfile::tempdir().unwrap();
    let (service, token) = runtime.block_on(async {
        let store = issuer::store::Store::open(&format!("sqlite://{}?mode=rwc", data.path().join("db").display()))
            .await
            .unwrap();
        let service = issuer::service::IssuerService::new(
            store,
            keys::MasterKey::generate(),
            format!("127.0.0.1%3A{port}"),
            Arc::new(SystemClock),
        )
        .with_public_url(&url::Url::parse(&base).unwrap(), Duration::from_secs(300));
        service
            .create_department("hr", &schemas::LocalizedText::new("Human Resources", "Ressources humaines"), "bench")
            .await
            .unwrap();
        let (_, token) = service.create_token("hr", &[issuer::service::Scope::Issue], "bench", "bench").await.unwrap();
        (Arc::new(service), token)
    });
    let app = issuer::http::app(service.clone(), 256 * 1024);
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
    let holder = Wallet::init(
        &dir.path().join("holder"),
        "pw",
        keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 },
    )
    .unwrap();
    let mut network = Network::default();
    network.host_overrides.insert(format!("127.0.0.1:{port}"), url::Url::parse(&base).unwrap());
    // The wallet reaches the loopback issuer through the same explicit mapping as its checks.
    let http = wallet_cli::domain::exchange::policy(network.host_overrides.clone());
    let verifier = network.verifier(ContextSet::standard(), Arc::new(SystemClock));
    let rounds = 40;
    let mut times = Vec::new();
    for round in 0..rounds + 5 {
        let offer = ureq::post(&format!("{base}/credentials/offers"))
            .set("Authorization", &format!("Bearer {token}"))
            .set("Content-Type", "application/json")
            .send_string(r#"{"person": "Employee 4521", "credentialConfigurationId": "SkillCredential_ldp_vc", "fields": {"skill": "api_design", "level": "advanced"}}"#)
            .unwrap()
            .into_string()
            .unwrap();
        let offer: serde_json::Value = serde_json::from_str(&offer).unwrap();
        let uri = offer["credentialOfferUri"].as_str().unwrap();
        let started = Instant::now();
        let received =
            wallet_cli::domain::oid4vci::receive(&holder, uri, None, &http, SystemClock.now(), lang::Lang::En).unwrap();
        let report = verifier.verify_bytes(received.credential.as_bytes(), &PresentationOptions::default()).unwrap();
        assert!(report.verified());
        holder
            .add(Entry {
                id: String::new(),
                credential: received.credential,
                received_at: "2026-11-25T00:00:00Z".into(),
                source: "offer".into(),
                ..Entry::default()
            })
            .unwrap();
        if round >= 5 {
            times.push(started.elapsed());
        }
    }
    println!(
        "| offer-to-stored on loopback (eddsa-rdfc-2022; metadata, token, nonce, proof, credential, verify, store), median of {rounds} | {:.1} ms |",
        median(times).as_secs_f64() * 1e3
    );
}
