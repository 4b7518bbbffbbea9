//! Shared support for the scenario tests and the corpus generator: where the built binaries are,
//! and deterministic test keys (never used outside tests) so generated fixtures are reproducible.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use credentials::error::SignerError;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};

/// The repository root.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// Path of a workspace binary, built once per test run (a no-op when `cargo test` built it).
pub fn binary(name: &str) -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    let directory = BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args([
                "build", "--quiet", "--bin", "issuer", "--bin", "verifier", "--bin", "wallet",
            ])
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
        Self {
            key: SigningKey::from_bytes(&[seed; 32]),
            method: method.to_owned(),
        }
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
