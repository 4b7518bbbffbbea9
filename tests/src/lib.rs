//! Shared support for the scenario tests and the corpus generator: where the built binaries are,
//! and deterministic test keys (never used outside tests) so generated fixtures are reproducible.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod fuzz;
pub mod load;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use credentials::error::SignerError;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};

/// The repository root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Path of a workspace binary, built once per test run (a no-op when `cargo test` built it).
pub fn binary(name: &str) -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    let directory = BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "--bin", "issuer", "--bin", "verifier", "--bin", "wallet"])
            .current_dir(repository())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build of the binaries failed");
        let test_binary = std::env::current_exe().unwrap();
        // target/<profile>/deps/<test> → target/<profile>
        test_binary.parent().unwrap().parent().unwrap().to_owned()
    });
    directory.join(name)
}

/// A deterministic Ed25519 key for fixtures, named by its did:key.
#[derive(Debug)]
pub struct TestKey {
    key: SigningKey,
    method: String,
}

impl TestKey {
    pub fn from_seed(seed: u8) -> Self {
        let key = SigningKey::from_bytes(&[seed; 32]);
        let (_, method) = credentials::did::did_key_for(&key.verifying_key());
        Self { key, method }
    }

    /// The same key under another verification method URL.
    pub fn named(seed: u8, method: &str) -> Self {
        Self { key: SigningKey::from_bytes(&[seed; 32]), method: method.to_owned() }
    }

    pub fn did(&self) -> String {
        credentials::did::did_of(&self.method).unwrap().to_owned()
    }

    pub fn raw_sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }
}

impl credentials::Signer for TestKey {
    fn verification_method(&self) -> &str {
        &self.method
    }
    fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        Ok(self.raw_sign(message))
    }
}

/// The tiny HTTP server the did:web tests use, shared with `credentials`' own tests.
#[path = "../../credentials/tests/support/http.rs"]
pub mod http;

/// A running `issuer serve` process, stopped (SIGKILL) when dropped.
#[derive(Debug)]
pub struct IssuerProcess {
    pub child: std::process::Child,
    pub base_url: String,
    /// The process's error log (standard error); printed when a test fails with it running.
    log: Option<tempfile::NamedTempFile>,
}

impl IssuerProcess {
    /// A process started by the caller, whose standard error the caller handles.
    pub fn new(child: std::process::Child, base_url: String) -> Self {
        Self { child, base_url, log: None }
    }

    /// What the process wrote to standard error so far (its log), when [`start_issuer`] started it.
    pub fn log_text(&self) -> String {
        self.log.as_ref().and_then(|log| std::fs::read_to_string(log.path()).ok()).unwrap_or_default()
    }
}

impl Drop for IssuerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            if let Some(text) = self.log.as_ref().and_then(|log| std::fs::read_to_string(log.path()).ok()) {
                eprintln!("--- log of the issuer at {} ---\n{text}--- end of log ---", self.base_url);
            }
        }
    }
}

/// Runs an `issuer` admin command (department, token, audit, credential…) with these
/// environment variables only as to the database (an inherited `DATABASE_URL` is dropped unless
/// `env` names one); returns its standard output, failing the test if it fails.
pub fn issuer_admin(env: &[(&str, &str)], args: &[&str]) -> String {
    let output = Command::new(binary("issuer"))
        .args(args)
        .env_remove("DATABASE_URL")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// What a scenario needs to run `issuer serve` on the embedded default: a data directory of its
/// own, a free port, the department `hr` created, and a token of that department.
#[derive(Debug)]
pub struct IssuerSetup {
    /// Removed with the setup.
    pub dir: tempfile::TempDir,
    pub data: String,
    pub port: u16,
    /// `127.0.0.1:PORT`, also the host of the department's did:web.
    pub listen: String,
    pub token: String,
}

impl IssuerSetup {
    /// The department `hr` with a token of `scopes` (comma-separated).
    pub fn new(scopes: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data").to_str().unwrap().to_owned();
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let mut setup = Self { dir, data, port, listen, token: String::new() };
        let env = setup.env();
        issuer_admin(
            &env,
            &["department", "create", "hr", "--name", "Human Resources", "--name-fr", "Ressources humaines"],
        );
        let token =
            issuer_admin(&env, &["token", "create", "--department", "hr", "--scopes", scopes]).trim().to_owned();
        setup.token = token;
        setup
    }

    /// The data directory and the listening address, for admin commands and `serve`.
    pub fn env(&self) -> Vec<(&str, &str)> {
        vec![("ISSUER_DATA_DIR", self.data.as_str()), ("ISSUER_LISTEN", self.listen.as_str())]
    }
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `issuer serve` with these environment variables and waits until it is ready.
pub fn start_issuer(port: u16, env: &[(&str, &str)]) -> IssuerProcess {
    let mut command = Command::new(binary("issuer"));
    // The embedded default unless the caller names a database.
    command
        .env_remove("DATABASE_URL")
        .arg("serve")
        .env("ISSUER_LISTEN", format!("127.0.0.1:{port}"))
        // Errors only (a 500 logs its cause): sqlx's slow-statement warnings would drown them.
        .env("ISSUER_LOG", "error")
        .stdout(std::process::Stdio::null());
    let log = tempfile::NamedTempFile::new().ok();
    match log.as_ref().and_then(|log| log.reopen().ok()) {
        Some(file) => command.stderr(file),
        None => command.stderr(std::process::Stdio::null()),
    };
    for (name, value) in env {
        command.env(name, value);
    }
    let child = command.spawn().unwrap();
    let process = IssuerProcess { child, base_url: format!("http://127.0.0.1:{port}"), log };
    for _ in 0..300 {
        if ureq::get(&format!("{}/readyz", process.base_url)).call().is_ok() {
            return process;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("issuer on port {port} did not become ready");
}

/// Runs `wallet --wallet DIR ARGS…` with the scenarios' passphrase, the fast test KDF and
/// English messages.
pub fn wallet(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(binary("wallet"))
        .arg("--wallet")
        .arg(dir)
        .args(args)
        .env("WALLET_PASSPHRASE", "holder passphrase")
        .env("WALLET_KDF", "test")
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap()
}

/// A self-signed certificate for `localhost` and its key (PEM files in `dir`), made by openssl.
pub fn test_certificate(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let (certificate, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let generated = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ed25519", "-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&certificate)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(generated.success(), "openssl could not make a test certificate");
    (certificate, key)
}

/// A running process, killed and waited for when dropped however the test ends.
#[derive(Debug)]
pub struct Running(pub std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `verifier serve` on a free port with these arguments; returns it and its base URL.
/// Its state goes to a data directory of its own (under the system's temporary directory)
/// (its SQLite database, or with `--database-url` its master key) unless the arguments name one;
/// an inherited `DATABASE_URL` is dropped.
pub fn start_verifier(args: &[&str]) -> (Running, String) {
    let port = free_port();
    let mut command = Command::new(binary("verifier"));
    command.args(["serve", "--listen", &format!("127.0.0.1:{port}")]).args(args).env_remove("DATABASE_URL");
    if !args.contains(&"--data-dir") {
        let dir = std::env::temp_dir().join(format!("verifier-data-{}", hex::encode(rand::random::<[u8; 8]>())));
        command.arg("--data-dir").arg(dir);
    }
    let running =
        Running(command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap());
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if ureq::get(&format!("{base}/healthz")).call().is_ok() {
            return (running, base);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("verifier did not start");
}

/// A fresh PostgreSQL database for one test (from `DATABASE_URL`), or `None` outside CI when no
/// server is configured. The database is left for inspection; names are random.
pub fn fresh_postgres_database() -> Option<String> {
    let Ok(admin_url) = std::env::var("DATABASE_URL") else {
        assert!(std::env::var("CI").is_err(), "CI must provide DATABASE_URL (scripts/test does)");
        eprintln!("DATABASE_URL not set: skipping a PostgreSQL scenario");
        return None;
    };
    let name = format!("scenario_{}", hex::encode(rand::random::<[u8; 6]>()));
    let status =
        Command::new("psql").arg(&admin_url).args(["-qtAc", &format!("CREATE DATABASE {name}")]).status().unwrap();
    assert!(status.success(), "cannot create database {name}");
    let mut url = url::Url::parse(&admin_url).unwrap();
    url.set_path(&name);
    Some(url.to_string())
}

/// Posts `body` as JSON with a bearer token; returns the status and the JSON answer (`Null` when
/// it is not JSON), whatever the status.
pub fn post_json(url: &str, token: &str, body: &serde_json::Value) -> (u16, serde_json::Value) {
    let response = match ureq::post(url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string())
    {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    let status = response.status();
    (status, serde_json::from_str(&response.into_string().unwrap()).unwrap_or(serde_json::Value::Null))
}

/// Posts a form; returns the status and the JSON answer (`Null` when it is not JSON).
pub fn post_form(url: &str, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let response = match ureq::post(url).send_form(form) {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{url}: {error}"),
    };
    let status = response.status();
    (status, serde_json::from_str(&response.into_string().unwrap()).unwrap_or(serde_json::Value::Null))
}

/// A program's standard output then its standard error, as text.
pub fn output_text(output: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// One department's issuer on the embedded default: its process, did:web host mapping, DID and
/// a token that issues and revokes.
pub struct Department {
    pub process: IssuerProcess,
    pub host: String,
    pub did: String,
    pub token: String,
}

impl std::fmt::Debug for Department {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Department").field("did", &self.did).field("host", &self.host).finish_non_exhaustive()
    }
}

/// Creates department `id` in a data directory of its own under `work` and serves it.
pub fn department(work: &std::path::Path, id: &str, name: &str, name_fr: &str) -> Department {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let data = work.join(id);
    let env = [("ISSUER_DATA_DIR", data.to_str().unwrap()), ("ISSUER_LISTEN", listen.as_str())];
    issuer_admin(&env, &["department", "create", id, "--name", name, "--name-fr", name_fr]);
    let token =
        issuer_admin(&env, &["token", "create", "--department", id, "--scopes", "issue,revoke"]).trim().to_owned();
    let process = start_issuer(port, &env);
    let host = format!("{listen}={}", process.base_url);
    Department { process, host, did: format!("did:web:127.0.0.1%3A{port}:{id}"), token }
}

/// Makes an OpenID4VCI offer of `configuration` with these `fields` at `issuer` and receives it
/// in the wallet at `store` (with the issuer's `did:web` host mapped to its address when
/// `map_host`); the new entry's wallet id.
pub fn receive(
    store: &Path,
    issuer: &Department,
    configuration: &str,
    fields: serde_json::Value,
    map_host: bool,
) -> String {
    let (status, created) = post_json(
        &format!("{}/credentials/offers", issuer.process.base_url),
        &issuer.token,
        &serde_json::json!({"person": "Employee 4521", "credentialConfigurationId": configuration, "fields": fields}),
    );
    assert_eq!(status, 201, "{created}");
    let offer = created["credentialOfferUri"].as_str().unwrap();
    let mut args = vec!["receive", offer];
    if map_host {
        args.extend(["--did-web-host", issuer.host.as_str()]);
    }
    let received = wallet(store, &args);
    assert!(received.status.success(), "{}", output_text(&received));
    String::from_utf8_lossy(&received.stdout).split('\t').next().unwrap().to_owned()
}

/// Writes a trust registry file at `path`: one `[[issuer]]` per (DID, English name, French
/// name, credential type or `*`).
pub fn trust_file(path: &Path, issuers: &[(&str, &str, &str, &str)]) {
    let mut toml = String::new();
    for (did, name, name_fr, kind) in issuers {
        toml.push_str(&format!(
            "[[issuer]]\nid = \"{did}\"\nname = \"{name}\"\nname_fr = \"{name_fr}\"\ncredential_types = [\"{kind}\"]\n\n"
        ));
    }
    std::fs::write(path, toml).unwrap();
}

/// A talent profile request on the verifier at `base` (with an API token): (id, link).
pub fn ask_profile(base: &str, token: &str) -> (String, String) {
    let (status, created) =
        post_json(&format!("{base}/presentation-requests"), token, &serde_json::json!({"profile": {}}));
    assert_eq!(status, 201, "{created}");
    (created["id"].as_str().unwrap().to_owned(), created["authorization_request"].as_str().unwrap().to_owned())
}
