//! `issuer serve` with a certificate and key serves HTTPS itself (no reverse proxy): a client
//! trusting that certificate gets answers; the DID document it publishes names the https host.

use std::process::{Command, Stdio};
use std::time::Duration;

use scenarios::{binary, free_port, IssuerProcess};

fn curl(certificate: &std::path::Path, url: &str) -> Option<String> {
    let output = Command::new("curl").args(["-sf", "--cacert"]).arg(certificate).arg(url).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn serves_https_with_the_configured_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let (certificate, key) = scenarios::test_certificate(dir.path());
    let port = free_port();
    let child = Command::new(binary("issuer"))
        .env_remove("DATABASE_URL")
        .arg("serve")
        .env("ISSUER_DATA_DIR", dir.path().join("data"))
        .env("ISSUER_LISTEN", format!("127.0.0.1:{port}"))
        .env("ISSUER_PUBLIC_URL", format!("https://localhost:{port}"))
        .env("ISSUER_TLS_CERT_FILE", &certificate)
        .env("ISSUER_TLS_KEY_FILE", &key)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = IssuerProcess::new(child, format!("https://localhost:{port}"));
    let base = format!("https://localhost:{port}");
    let mut ready = None;
    for _ in 0..200 {
        ready = curl(&certificate, &format!("{base}/readyz"));
        if ready.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ready.is_some(), "no HTTPS answer");
    let document = curl(&certificate, &format!("{base}/demo/did.json")).unwrap();
    assert!(document.contains(&format!("did:web:localhost%3A{port}:demo")), "{document}");
    // Plain HTTP on the same port gets no answer from the API.
    let plain = Command::new("curl").args(["-sf", &format!("http://localhost:{port}/healthz")]).output().unwrap();
    assert!(!plain.status.success());
}
