//! A SoftHSM2 token directory for one test process. SoftHSM2 reads its configuration (and the
//! tokens in it) when the module is initialized, once per process, so every token a test binary
//! uses is initialized here before the first one is opened.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use keys::pkcs11::{Pin, TokenChoice, TokenConfig};

pub const PIN: &str = "1234-user";

pub struct SoftHsm {
    pub module: PathBuf,
    /// The token directory (`directories.tokendir`): one subdirectory per token.
    pub dir: PathBuf,
}

/// The SoftHSM2 module, or `None` outside CI when it is not installed (CI installs it: a
/// missing module there fails the test).
fn module() -> Option<PathBuf> {
    let candidates = [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
    ];
    let found = std::env::var_os("SOFTHSM2_MODULE")
        .map(PathBuf::from)
        .into_iter()
        .chain(candidates.iter().map(PathBuf::from))
        .find(|p| p.exists());
    if found.is_none() {
        assert!(std::env::var("CI").is_err(), "CI must provide SoftHSM2 (.ci/run installs softhsm2)");
        eprintln!("SoftHSM2 is not installed: skipping a PKCS#11 test");
    }
    found
}

/// The process's token directory with a token for each of `labels` (the first call decides).
pub fn softhsm(labels: &[&str]) -> Option<&'static SoftHsm> {
    static SETUP: OnceLock<Option<SoftHsm>> = OnceLock::new();
    SETUP
        .get_or_init(|| {
            let module = module()?;
            let dir = tempfile::tempdir().unwrap().keep();
            let tokens = dir.join("tokens");
            std::fs::create_dir(&tokens).unwrap();
            let conf = dir.join("softhsm2.conf");
            let text =
                format!("directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n", tokens.display());
            std::fs::write(&conf, text).unwrap();
            std::env::set_var("SOFTHSM2_CONF", &conf);
            for label in labels {
                let output = Command::new("softhsm2-util")
                    .args(["--init-token", "--free", "--label", label, "--so-pin", "1234-so", "--pin", PIN])
                    .env("SOFTHSM2_CONF", &conf)
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            }
            Some(SoftHsm { module, dir: tokens })
        })
        .as_ref()
}

#[allow(dead_code)]
pub fn config(hsm: &SoftHsm, label: &str, pin: &str) -> TokenConfig {
    TokenConfig {
        module: hsm.module.clone(),
        token: TokenChoice::Label(label.into()),
        pin: Pin::new(pin).into(),
        sessions: TokenConfig::sessions_for(2),
    }
}

/// The directory SoftHSM2 keeps a token in (named by the token's serial, holding a
/// `token.object` file whose bytes include the label padded to 32 characters).
#[allow(dead_code)]
pub fn token_dir(hsm: &SoftHsm, label: &str) -> PathBuf {
    for entry in std::fs::read_dir(&hsm.dir).unwrap() {
        let path = entry.unwrap().path();
        let object = std::fs::read(path.join("token.object")).unwrap_or_default();
        let padded = format!("{label:<32}");
        if object.windows(padded.len()).any(|w| w == padded.as_bytes()) {
            return path;
        }
    }
    panic!("no directory for token {label}");
}
