//! Configuration in two stages: a TOML file (`FileConfig`, unknown keys refused) and environment
//! overrides, turned once into a validated [`Config`]. Secrets are never in the file: the master
//! key comes from a file path or the `ISSUER_MASTER_KEY` environment variable, the PKCS#11 token's
//! PIN from `pkcs11_pin_file` or `ISSUER_PKCS11_PIN` (the file has no key for the PIN itself).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use credentials::error::Detail;
use keys::pkcs11::{Pin, PinSource, Token, TokenChoice, TokenConfig, TokenError};
use keys::MasterKey;
use schemas::Lang;
use serde::Deserialize;
use service_kit::Tls;

use crate::i18n::{detail, t};

/// A configuration that cannot be used, worded by the catalogue (`i18n/*/issuer.ftl`);
/// `Display` is the English message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("{}", self.message(Lang::En))]
    Read { path: PathBuf, source: std::io::Error },
    /// `line` (from 1) is where the TOML parser stopped, when it says.
    #[error("{}", self.message(Lang::En))]
    Invalid { path: PathBuf, reason: String, line: Option<usize> },
    #[error("{}", self.message(Lang::En))]
    Value { name: &'static str, reason: Detail },
    /// A key of a department's `[oidc.<department>]` table.
    #[error(transparent)]
    Oidc(#[from] crate::cli::oidc_config::OidcTableError),
    #[error(transparent)]
    MasterKey(#[from] keys::KeyError),
}

/// The configuration file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub master_key_file: Option<PathBuf>,
    pub body_limit_bytes: Option<usize>,
    pub log_format: Option<String>,
    /// Authenticated requests per token and second (0: no limit).
    pub rate_limit_per_second: Option<u32>,
    /// PEM certificate chain and private key, for serving HTTPS without a reverse proxy.
    pub tls_cert_file: Option<PathBuf>,
    pub tls_key_file: Option<PathBuf>,
    /// How long verifiers may cache a status list, in seconds (its `ttl` and `max-age`).
    pub status_ttl_seconds: Option<u64>,
    /// A staff console session ends after this many seconds without a request (30 minutes).
    pub session_idle_seconds: Option<u64>,
    /// A staff console session ends this many seconds after sign-in at the latest (8 hours).
    pub session_max_seconds: Option<u64>,
    /// The PKCS#11 module (shared library) of the hardware security module holding the keys of
    /// departments on the `pkcs11` backend.
    pub pkcs11_module: Option<PathBuf>,
    /// Its token, by label or by slot number (one of them).
    pub pkcs11_token_label: Option<String>,
    pub pkcs11_slot: Option<u64>,
    /// A file holding the token's user PIN (or `ISSUER_PKCS11_PIN`; never the PIN itself here).
    pub pkcs11_pin_file: Option<PathBuf>,
    /// Sessions kept open with the token for concurrent signing (default: three per core).
    pub pkcs11_sessions: Option<usize>,
    /// Each department's OpenID Connect provider for staff sign-in (`[oidc.<department>]`).
    #[serde(default)]
    pub oidc: std::collections::BTreeMap<String, crate::cli::oidc_config::OidcFileConfig>,
}

/// Where the master key comes from.
#[derive(Debug, Clone)]
pub enum MasterKeySource {
    /// A file (created with mode 0600 on first start when missing).
    File(PathBuf),
    /// Base64 text from `ISSUER_MASTER_KEY`.
    Environment(String),
}

impl MasterKeySource {
    /// The key, and whether it was just created.
    pub fn load(&self) -> Result<(MasterKey, bool), ConfigError> {
        match self {
            Self::File(path) => Ok(MasterKey::load_or_create(path)?),
            Self::Environment(text) => Ok((MasterKey::from_base64(text)?, false)),
        }
    }
}

/// The hardware security module holding the keys of departments on the `pkcs11` backend.
#[derive(Debug, Clone)]
pub struct Pkcs11Settings {
    pub module: PathBuf,
    pub token: TokenChoice,
    /// `ISSUER_PKCS11_PIN`, or the PIN file.
    pub pin: PinSource,
    pub sessions: usize,
}

impl Pkcs11Settings {
    /// Reaches the token and logs in (a wrong module, token or PIN is said at start). A PIN
    /// file is read again whenever the token is logged in again.
    pub fn open(&self) -> Result<Token, TokenError> {
        Token::open(TokenConfig {
            module: self.module.clone(),
            token: self.token.clone(),
            pin: self.pin.clone(),
            sessions: self.sessions,
        })
    }
}

/// Default per-token request rate; generous for an HR system, a stop for a runaway script.
pub const DEFAULT_RATE_LIMIT_PER_SECOND: u32 = 500;

/// Validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    pub public_url: url::Url,
    /// Whether `public_url`, or the `listen` address it is made from otherwise, was configured
    /// (file or environment): without either it is the default `http://127.0.0.1:8080`, which
    /// names no service anyone said runs there.
    pub public_url_configured: bool,
    pub master_key: MasterKeySource,
    pub body_limit: usize,
    pub json_logs: bool,
    pub rate_limit_per_second: u32,
    /// Certificate and key files of the HTTPS listener.
    pub tls: Option<Tls>,
    pub status_ttl: std::time::Duration,
    /// How long staff console sessions live.
    pub sessions: crate::domain::sessions::SessionPolicy,
    /// The departments whose staff sign in with their OpenID Connect provider.
    pub oidc: Vec<crate::domain::oidc_settings::OidcProvider>,
    /// The hardware security module, when one is configured.
    pub pkcs11: Option<Pkcs11Settings>,
}

fn environment(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl ConfigError {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Read { path, source } => t!(
                lang,
                "config-unreadable",
                path = path.display().to_string(),
                reason = credentials::error::io_reason(source, lang)
            ),
            Self::Invalid { path, line, reason } => {
                let path = path.display().to_string();
                // The parser's text, in English: all of it for English readers, its last line
                // (what is wrong) for French readers.
                let reason = match lang {
                    Lang::En => reason.as_str(),
                    Lang::Fr => reason.lines().last().unwrap_or(reason).trim(),
                };
                match line {
                    Some(line) => {
                        t!(lang, "config-invalid-at-line", path = path, line = line.to_string(), reason = reason)
                    }
                    None => t!(lang, "config-invalid", path = path, reason = reason),
                }
            }
            Self::Value { name, reason } => {
                let name: &str = name;
                t!(lang, "config-value-invalid", name = name, reason = reason.get(lang))
            }
            Self::Oidc(error) => error.message(lang),
            Self::MasterKey(error) => credentials::error::Describe::message(error, lang),
        }
    }
}

fn not_a_count(name: &'static str, text: &str, error: &std::num::ParseIntError) -> ConfigError {
    ConfigError::Value { name, reason: detail!("config-not-a-count", text = text, reason = error.to_string()) }
}

/// The PKCS#11 settings from the file and `ISSUER_PKCS11_*`: none when no module is named; with
/// one, a token (label or slot, not both) and a PIN (variable or file) are required.
fn pkcs11_settings(
    file: &FileConfig,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Pkcs11Settings>, ConfigError> {
    let module = env("ISSUER_PKCS11_MODULE").map(PathBuf::from).or(file.pkcs11_module.clone());
    let label = env("ISSUER_PKCS11_TOKEN_LABEL").or(file.pkcs11_token_label.clone());
    let slot = match env("ISSUER_PKCS11_SLOT") {
        Some(text) => Some(text.parse().map_err(|e| not_a_count("pkcs11_slot", &text, &e))?),
        None => file.pkcs11_slot,
    };
    let pin_file = env("ISSUER_PKCS11_PIN_FILE").map(PathBuf::from).or(file.pkcs11_pin_file.clone());
    let Some(module) = module else {
        if label.is_some() || slot.is_some() || pin_file.is_some() {
            return Err(ConfigError::Value { name: "pkcs11_module", reason: detail!("config-pkcs11-module-missing") });
        }
        return Ok(None);
    };
    let token = match (label, slot) {
        (Some(label), None) => TokenChoice::Label(label),
        (None, Some(slot)) => TokenChoice::Slot(slot),
        _ => return Err(ConfigError::Value { name: "pkcs11_token_label", reason: detail!("config-pkcs11-token") }),
    };
    let pin = match (env("ISSUER_PKCS11_PIN"), pin_file) {
        (Some(pin), _) => PinSource::Given(Pin::new(pin)),
        (None, Some(path)) => PinSource::File(path),
        (None, None) => {
            return Err(ConfigError::Value { name: "pkcs11_pin_file", reason: detail!("config-pkcs11-pin") })
        }
    };
    let sessions = match env("ISSUER_PKCS11_SESSIONS") {
        Some(text) => text.parse().map_err(|e| not_a_count("pkcs11_sessions", &text, &e))?,
        // The runtime's workers and the blocking signing slots each may hold a session.
        None => file.pkcs11_sessions.unwrap_or_else(|| {
            TokenConfig::sessions_for(3 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
        }),
    };
    Ok(Some(Pkcs11Settings { module, token, pin, sessions: sessions.max(1) }))
}

impl Config {
    /// Reads `path` (if any), applies `ISSUER_*` and `DATABASE_URL` overrides, and validates.
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let file = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
                toml::from_str(&text).map_err(|e: toml::de::Error| ConfigError::Invalid {
                    path: path.to_owned(),
                    reason: e.to_string(),
                    line: e.span().map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1),
                })?
            }
            None => FileConfig::default(),
        };
        Self::from_parts(file, environment)
    }

    /// Builds the configuration from a file and an environment lookup (tests pass their own).
    pub fn from_parts(file: FileConfig, env: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let pkcs11 = pkcs11_settings(&file, &env)?;
        let given_listen = env("ISSUER_LISTEN").or(file.listen);
        let listen_given = given_listen.is_some();
        let listen_text = given_listen.unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_text.parse().map_err(|e: std::net::AddrParseError| ConfigError::Value {
            name: "listen",
            reason: detail!("config-not-an-address", text = listen_text.as_str(), reason = e.to_string()),
        })?;
        let data_dir =
            env("ISSUER_DATA_DIR").map(PathBuf::from).or(file.data_dir).unwrap_or_else(|| PathBuf::from("issuer-data"));
        let database_url = env("DATABASE_URL")
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("issuer.db").display()));
        let tls = match (
            env("ISSUER_TLS_CERT_FILE").map(PathBuf::from).or(file.tls_cert_file),
            env("ISSUER_TLS_KEY_FILE").map(PathBuf::from).or(file.tls_key_file),
        ) {
            (Some(certificate), Some(key)) => Some(Tls { certificate, key }),
            (None, None) => None,
            _ => return Err(ConfigError::Value { name: "tls", reason: detail!("config-tls-half") }),
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let given_public_url = env("ISSUER_PUBLIC_URL").or(file.public_url);
        let public_text = given_public_url.clone().unwrap_or_else(|| format!("{scheme}://{listen}"));
        let public_url = url::Url::parse(&public_text).map_err(|e| ConfigError::Value {
            name: "public_url",
            reason: detail!("config-not-a-url", text = public_text.as_str(), reason = e.to_string()),
        })?;
        // Status list URLs and `did:web` identifiers are built on it, and credentials keep them
        // for ever: a query, a fragment or user info would make every one of them unusable.
        if public_url.host_str().is_none()
            || public_url.path() != "/"
            || public_url.query().is_some()
            || public_url.fragment().is_some()
            || !public_url.username().is_empty()
            || public_url.password().is_some()
            || !matches!(public_url.scheme(), "http" | "https")
        {
            return Err(ConfigError::Value { name: "public_url", reason: detail!("config-public-url-shape") });
        }
        // Without `public_url`, the address the service listens on names it; an address that
        // means "every interface" or "any port" names no place anyone can reach.
        if given_public_url.is_none() && (listen.ip().is_unspecified() || listen.port() == 0) {
            return Err(ConfigError::Value {
                name: "public_url",
                reason: detail!("config-public-url-required", listen = listen.to_string()),
            });
        }
        let master_key =
            match (env("ISSUER_MASTER_KEY"), env("ISSUER_MASTER_KEY_FILE").map(PathBuf::from).or(file.master_key_file))
            {
                (Some(text), _) => MasterKeySource::Environment(text),
                (None, Some(path)) => MasterKeySource::File(path),
                (None, None) => MasterKeySource::File(data_dir.join("master.key")),
            };
        let body_limit = match env("ISSUER_BODY_LIMIT_BYTES") {
            Some(text) => text.parse().map_err(|e| not_a_count("body_limit_bytes", &text, &e))?,
            None => file.body_limit_bytes.unwrap_or(crate::http::DEFAULT_BODY_LIMIT),
        };
        let json_logs = match env("ISSUER_LOG_FORMAT").or(file.log_format).as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError::Value {
                    name: "log_format",
                    reason: detail!("config-log-format", format = other),
                })
            }
        };
        let rate_limit_per_second = match env("ISSUER_RATE_LIMIT_PER_SECOND") {
            Some(text) => text.parse().map_err(|e| not_a_count("rate_limit_per_second", &text, &e))?,
            None => file.rate_limit_per_second.unwrap_or(DEFAULT_RATE_LIMIT_PER_SECOND),
        };
        let status_ttl_seconds = match env("ISSUER_STATUS_TTL_SECONDS") {
            Some(text) => text.parse().map_err(|e| not_a_count("status_ttl_seconds", &text, &e))?,
            None => file.status_ttl_seconds.unwrap_or(crate::domain::status::registry::DEFAULT_STATUS_TTL.as_secs()),
        };
        let most = crate::domain::status::lists::status_list_validity().as_secs();
        if !(1..=most).contains(&status_ttl_seconds) {
            return Err(ConfigError::Value {
                name: "status_ttl_seconds",
                reason: detail!("config-status-ttl", seconds = status_ttl_seconds.to_string(), most = most.to_string()),
            });
        }
        let defaults = crate::domain::sessions::SessionPolicy::default();
        let session_seconds = |name: &'static str, variable: &str, given: Option<u64>, default: u64| {
            let seconds = match env(variable) {
                Some(text) => text.parse().map_err(|e| not_a_count(name, &text, &e))?,
                None => given.unwrap_or(default),
            };
            Ok::<_, ConfigError>(std::time::Duration::from_secs(seconds.max(1)))
        };
        let sessions = crate::domain::sessions::SessionPolicy {
            idle: session_seconds(
                "session_idle_seconds",
                "ISSUER_SESSION_IDLE_SECONDS",
                file.session_idle_seconds,
                defaults.idle.as_secs(),
            )?,
            absolute: session_seconds(
                "session_max_seconds",
                "ISSUER_SESSION_MAX_SECONDS",
                file.session_max_seconds,
                defaults.absolute.as_secs(),
            )?,
        };
        let oidc = file
            .oidc
            .iter()
            .map(|(department, table)| crate::cli::oidc_config::provider(department, table, &env))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            pkcs11,
            oidc,
            sessions,
            public_url_configured: given_public_url.is_some() || listen_given,
            status_ttl: std::time::Duration::from_secs(status_ttl_seconds),
            listen,
            data_dir,
            database_url,
            public_url,
            master_key,
            body_limit,
            json_logs,
            rate_limit_per_second,
            tls,
        })
    }

    /// The host part of department DIDs: `host` or `host%3Aport`.
    pub fn did_host(&self) -> String {
        let host = self.public_url.host_str().unwrap_or("localhost");
        match self.public_url.port() {
            Some(port) => format!("{host}%3A{port}"),
            None => host.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_local_and_embedded() {
        let config = Config::from_parts(FileConfig::default(), |_| None).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert!(config.database_url.starts_with("sqlite://"));
        assert_eq!(config.did_host(), "127.0.0.1%3A8080");
        assert!(matches!(config.master_key, MasterKeySource::File(_)));
        assert!(!config.public_url_configured, "the default address is nobody's statement");
        for name in ["ISSUER_LISTEN", "ISSUER_PUBLIC_URL"] {
            let value = if name == "ISSUER_LISTEN" { "127.0.0.1:9000" } else { "https://talent.example.ca" };
            let config = Config::from_parts(FileConfig::default(), |n| (n == name).then(|| value.to_owned())).unwrap();
            assert!(config.public_url_configured, "{name}");
        }
        let file = FileConfig { public_url: Some("https://talent.example.ca".into()), ..FileConfig::default() };
        assert!(Config::from_parts(file, |_| None).unwrap().public_url_configured);
    }

    #[test]
    fn environment_overrides_the_file() {
        let file: FileConfig =
            toml::from_str("listen = \"127.0.0.1:9000\"\npublic_url = \"https://talent.example.ca\"").unwrap();
        let config =
            Config::from_parts(file, |name| (name == "DATABASE_URL").then(|| "postgres://x@localhost/db".to_owned()))
                .unwrap();
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.database_url, "postgres://x@localhost/db");
        assert_eq!(config.did_host(), "talent.example.ca");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        assert!(toml::from_str::<FileConfig>("listen_address = \"x\"").is_err());
        assert!(Config::from_parts(FileConfig { listen: Some("nowhere".into()), ..FileConfig::default() }, |_| None)
            .is_err());
        for url in ["https://x.ca/path", "https://x.ca/?a=b", "https://x.ca/#f", "https://u:p@x.ca/", "ftp://x.ca/"] {
            let config = FileConfig { public_url: Some(url.into()), ..FileConfig::default() };
            assert!(Config::from_parts(config, |_| None).is_err(), "{url}");
        }
        // Listening on every interface (or any port), the service cannot name itself.
        let everywhere = FileConfig { listen: Some("0.0.0.0:8080".into()), ..FileConfig::default() };
        let refused = Config::from_parts(everywhere, |_| None).unwrap_err();
        assert!(refused.message(Lang::Fr).contains("requis quand le service écoute sur 0.0.0.0:8080"), "{refused}");
        let named = FileConfig {
            listen: Some("0.0.0.0:8080".into()),
            public_url: Some("https://talent.example.ca".into()),
            ..FileConfig::default()
        };
        assert!(Config::from_parts(named, |_| None).is_ok());
        // A list's cache period: at least a second, at most the list's own validity.
        for ttl in ["0", "20000000000000000"] {
            let refused = Config::from_parts(FileConfig::default(), |name| {
                (name == "ISSUER_STATUS_TTL_SECONDS").then(|| ttl.to_owned())
            });
            assert!(refused.is_err(), "{ttl}");
        }
    }

    #[test]
    fn a_pkcs11_token_needs_a_token_and_a_pin_that_is_never_in_the_file() {
        let file: FileConfig =
            toml::from_str("pkcs11_module = \"/usr/lib/softhsm/libsofthsm2.so\"\npkcs11_token_label = \"issuer\"")
                .unwrap();
        let pin = |name: &str| (name == "ISSUER_PKCS11_PIN").then(|| "1234".to_owned());
        let config = Config::from_parts(file, pin).unwrap();
        let pkcs11 = config.pkcs11.clone().unwrap();
        assert_eq!(pkcs11.token, TokenChoice::Label("issuer".into()));
        assert!(pkcs11.sessions >= 2);
        assert!(!format!("{config:?}").contains("1234"), "the PIN is never shown");
        // Without a PIN, or with neither or both of label and slot: refused.
        let no_pin: FileConfig = toml::from_str("pkcs11_module = \"/m.so\"\npkcs11_token_label = \"issuer\"").unwrap();
        assert!(Config::from_parts(no_pin, |_| None).unwrap_err().message(Lang::Fr).contains("NIP"));
        let both: FileConfig =
            toml::from_str("pkcs11_module = \"/m.so\"\npkcs11_token_label = \"a\"\npkcs11_slot = 3").unwrap();
        assert!(Config::from_parts(both, pin).is_err());
        let no_module: FileConfig = toml::from_str("pkcs11_token_label = \"a\"").unwrap();
        assert!(Config::from_parts(no_module, pin).is_err());
        // The PIN itself has no place in the file.
        assert!(toml::from_str::<FileConfig>("pkcs11_pin = \"1234\"").is_err());
        assert!(Config::from_parts(FileConfig::default(), |_| None).unwrap().pkcs11.is_none());
    }

    #[test]
    fn errors_are_said_in_french_too() {
        let listen =
            Config::from_parts(FileConfig { listen: Some("nowhere".into()), ..FileConfig::default() }, |_| None)
                .unwrap_err();
        assert_eq!(
            listen.message(Lang::Fr),
            "listen est invalide : `nowhere` n'est pas une adresse et un port (par exemple 127.0.0.1:8080)"
        );
        let ttl = Config::from_parts(FileConfig::default(), |name| {
            (name == "ISSUER_STATUS_TTL_SECONDS").then(|| "soon".to_owned())
        })
        .unwrap_err();
        assert_eq!(
            ttl.message(Lang::Fr),
            "status_ttl_seconds est invalide : `soon` n'est pas un nombre entier positif"
        );
        assert!(ttl.message(Lang::En).starts_with("status_ttl_seconds is invalid: `soon`: invalid digit"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("issuer.toml");
        std::fs::write(&path, "listen = \"127.0.0.1:9000\"\nlisten_adress = 1\n").unwrap();
        let file = Config::load(Some(&path)).unwrap_err();
        let french = file.message(Lang::Fr);
        assert!(french.contains("est invalide à la ligne 2"), "{french}");
        let missing = Config::load(Some(&dir.path().join("absent.toml"))).unwrap_err();
        assert!(missing.message(Lang::Fr).ends_with(": fichier ou dossier introuvable"));
    }
}
