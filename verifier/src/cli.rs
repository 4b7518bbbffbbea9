//! Command-line interface of `verifier`. Exit codes are defined here and only here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use credentials::error::{io_reason, Detail};
use lang::Lang;

use crate::i18n::t;

/// Everything valid.
pub const EXIT_VALID: u8 = 0;
/// At least one credential or presentation is invalid.
pub const EXIT_INVALID: u8 = 1;
/// Usage error, or input that is not a credential at all (not JSON, too large, unreadable file).
pub const EXIT_USAGE: u8 = 2;

const EXIT_CODES_HELP: &str = "Exit codes:
  0  all valid
  1  at least one invalid
  2  usage or input error";

#[derive(Debug, Parser)]
#[command(name = "verifier", version, about = "Verify credentials and presentations", after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Language of messages and reports: en or fr (default: from LANG).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verify credentials, presentations or JWTs in files or directories (offline by default).
    #[command(after_help = EXIT_CODES_HELP)]
    Verify(VerifyArgs),
    /// Run the verification service (W3C CCG VC-API: /credentials/verify, /presentations/verify, /challenges).
    Serve(ServeArgs),
    /// Inspect and edit the trusted-issuer registry.
    #[command(subcommand)]
    Trust(TrustCommand),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Files or directories (searched for *.json, *.jsonld, *.jwt); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print the reports as JSON.
    #[arg(long)]
    pub json: bool,
    /// Print every check of every file, not only failures.
    #[arg(long, short)]
    pub verbose: bool,
    /// Resolve did:web issuers over HTTPS (private, loopback and link-local addresses are refused).
    #[arg(long)]
    pub online: bool,
    /// Fetch the DID documents of did:web host HOST from BASE_URL instead (HOST=BASE_URL); implies --online.
    #[arg(long = "did-web-host", value_name = "HOST=BASE_URL")]
    pub did_web_hosts: Vec<String>,
    /// Longest time a downloaded status list is used before asking again, in seconds (the issuer's
    /// ttl and Cache-Control apply when shorter).
    #[arg(long = "status-cache", value_name = "SECONDS", default_value_t = 300)]
    pub status_cache: u64,
    /// Fail a credential whose status list cannot be downloaded (default: report "unknown").
    #[arg(long = "require-status")]
    pub require_status: bool,
    /// Use this status list credential (file) for URL instead of downloading it (URL=FILE);
    /// checks status without network access.
    #[arg(long = "status-list", value_name = "URL=FILE")]
    pub status_lists: Vec<String>,
    /// Trusted-issuer registry (TOML): each credential's issuer must be trusted for its type.
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
    /// Use this DID document (JSON file) for its DID instead of resolving it.
    #[arg(long = "did-document", value_name = "FILE")]
    pub did_documents: Vec<PathBuf>,
    /// Add a JSON-LD context to the bundled set (URL=FILE); contexts are never fetched.
    #[arg(long = "context", value_name = "URL=FILE")]
    pub contexts: Vec<String>,
    /// Check validity as of this time (RFC 3339) instead of now.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Challenge a presentation must answer.
    #[arg(long)]
    pub challenge: Option<String>,
    /// Domain a presentation must be bound to.
    #[arg(long)]
    pub domain: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8081", env = "VERIFIER_LISTEN")]
    pub listen: std::net::SocketAddr,
    /// Fetch DID documents and status lists of HOST from BASE_URL (HOST=BASE_URL); did:web and
    /// status lists are always read online by the service.
    #[arg(long = "did-web-host", value_name = "HOST=BASE_URL")]
    pub did_web_hosts: Vec<String>,
    /// Longest time a status list is reused, in seconds.
    #[arg(long = "status-cache", value_name = "SECONDS", default_value_t = 300)]
    pub status_cache: u64,
    /// Answer 503 when a status list cannot be read (default: 200 with verified false and a warning).
    #[arg(long = "require-status")]
    pub require_status: bool,
    /// Trusted-issuer registry (TOML), read again when it changes.
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
    /// URL where wallets reach this service (OpenID4VP request_uri and response_uri); default
    /// http://LISTEN.
    #[arg(long = "public-url", env = "VERIFIER_PUBLIC_URL")]
    pub public_url: Option<url::Url>,
    /// Key file that signs OpenID4VP requests (its did:key names this verifier to wallets);
    /// created when missing. Without it, a new key is made at each start.
    #[arg(long, value_name = "FILE", env = "VERIFIER_KEY_FILE")]
    pub key: Option<PathBuf>,
    /// The name wallets show for this verifier (self-declared, next to its DID).
    #[arg(long, default_value = crate::i18n::text!(lang::Lang::En, "verifier-default-name"))]
    pub name: String,
    /// The name wallets show for this verifier, in French.
    #[arg(long = "name-fr", default_value = crate::i18n::text!(lang::Lang::Fr, "verifier-default-name"))]
    pub name_fr: String,
    /// Bearer token required to create and read presentation requests (recommended whenever the
    /// service is reachable by others).
    #[arg(long = "api-token", env = "VERIFIER_API_TOKEN", hide_env_values = true)]
    pub api_token: Option<String>,
    /// Serve HTTPS with this PEM certificate chain (with --tls-key), for deployments without a
    /// reverse proxy.
    #[arg(long = "tls-cert", value_name = "FILE", requires = "tls_key", env = "VERIFIER_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long = "tls-key", value_name = "FILE", requires = "tls_cert", env = "VERIFIER_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
    /// Requests per second allowed per client address (429 beyond); unlimited by default.
    #[arg(long = "rate-limit", value_name = "PER_SECOND", env = "VERIFIER_RATE_LIMIT")]
    pub rate_limit: Option<std::num::NonZeroU32>,
    /// Logs as JSON lines (one per request: method, route, status, duration; no personal data).
    /// The level comes from VERIFIER_LOG (default info).
    #[arg(long = "json-logs", env = "VERIFIER_JSON_LOGS")]
    pub json_logs: bool,
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// List the trusted issuers.
    List {
        /// Trusted-issuer registry file (TOML).
        #[arg(long, value_name = "FILE")]
        registry: PathBuf,
    },
    /// Add a trusted issuer (the file is checked as a whole before it is written).
    Add {
        /// Trusted-issuer registry file (TOML).
        #[arg(long, value_name = "FILE")]
        registry: PathBuf,
        /// The issuer's DID, or did:web:HOST for every DID on that host.
        did: String,
        /// The issuer's name in English.
        #[arg(long)]
        name: String,
        /// The issuer's name in French.
        #[arg(long)]
        name_fr: String,
        /// Credential types, comma-separated (e.g. SkillCredential,AssignmentCredential), or *.
        #[arg(long)]
        types: String,
        /// Trusted from this time (RFC 3339); no start by default.
        #[arg(long)]
        from: Option<String>,
        /// Trusted until this time (RFC 3339); without end by default.
        #[arg(long)]
        until: Option<String>,
    },
    /// Is this DID trusted for this credential type now? Exit 0 yes, 1 no.
    Check {
        /// Trusted-issuer registry file (TOML).
        #[arg(long, value_name = "FILE")]
        registry: PathBuf,
        /// The DID to check.
        did: String,
        /// The credential type (e.g. SkillCredential).
        #[arg(long = "type")]
        kind: String,
    },
}

fn parse_time(text: &Option<String>) -> Result<Option<chrono::DateTime<chrono::Utc>>, Detail> {
    text.as_deref()
        .map(|t| {
            chrono::DateTime::parse_from_rfc3339(t)
                .map(|d| d.with_timezone(&chrono::Utc))
                .map_err(|_| Detail::localized(|lang| t!(lang, "not-a-time", time = t)))
        })
        .transpose()
}

fn trust_error(error: &crate::trust::TrustError) -> Detail {
    Detail::localized(|lang| error.message(lang))
}

/// A file that could not be written, in both languages.
fn write_error(path: &std::path::Path, error: &std::io::Error) -> Detail {
    let path = path.display().to_string();
    Detail::localized(|lang| t!(lang, "cli-unwritable", path = path.as_str(), reason = io_reason(error, lang)))
}

fn trust(command: TrustCommand, lang: Lang) -> Result<u8, Detail> {
    use crate::trust::{Registry, TrustedIssuer};
    match command {
        TrustCommand::List { registry } => {
            let registry = Registry::load(&registry).map_err(|e| trust_error(&e))?;
            for issuer in &registry.issuers {
                let name = lang.pick(&issuer.name, &issuer.name_fr);
                println!("{}\t{}\t{}", issuer.id, name, issuer.credential_types.join(","));
            }
            Ok(EXIT_VALID)
        }
        TrustCommand::Add { registry: path, did, name, name_fr, types, from, until } => {
            let mut registry =
                if path.exists() { Registry::load(&path).map_err(|e| trust_error(&e))? } else { Registry::default() };
            registry.issuers.push(TrustedIssuer {
                id: did,
                name,
                name_fr,
                credential_types: types
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
                achievement_types: Vec::new(),
                from: parse_time(&from)?,
                until: parse_time(&until)?,
            });
            let text = registry.to_toml();
            Registry::parse(&text, &path).map_err(|e| trust_error(&e))?;
            std::fs::write(&path, text).map_err(|e| write_error(&path, &e))?;
            Ok(EXIT_VALID)
        }
        TrustCommand::Check { registry, did, kind } => {
            let registry = Registry::load(&registry).map_err(|e| trust_error(&e))?;
            let now = credentials::Clock::now(&credentials::SystemClock);
            match registry.find(&did, std::slice::from_ref(&kind), None, now) {
                Some(issuer) => {
                    println!(
                        "{}",
                        t!(
                            lang,
                            "trust-check-trusted",
                            name = lang.pick(issuer.name.as_str(), issuer.name_fr.as_str())
                        )
                    );
                    Ok(EXIT_VALID)
                }
                None => {
                    println!("{}", t!(lang, "trust-check-not-trusted"));
                    Ok(EXIT_INVALID)
                }
            }
        }
    }
}

fn serve(args: ServeArgs, lang: Lang) -> Result<(), Detail> {
    let mut network = credentials::verify::Network {
        online: true,
        status: credentials::status::StatusConfig {
            max_cache: std::time::Duration::from_secs(args.status_cache),
            ..credentials::status::StatusConfig::default()
        },
        ..credentials::verify::Network::default()
    };
    for pair in &args.did_web_hosts {
        let (host, base) = pair.split_once('=').ok_or_else(|| {
            Detail::localized(|lang| {
                let expected = crate::run::placeholders("HOST=BASE_URL", lang);
                t!(lang, "cli-host-pair", pair = pair.as_str(), expected = expected)
            })
        })?;
        let url = url::Url::parse(base)
            .map_err(|e| Detail::localized(|lang| t!(lang, "cli-bad-url", url = base, detail = e.to_string())))?;
        network.host_overrides.insert(host.to_owned(), url);
    }
    let verifier =
        network.verifier(credentials::contexts::ContextSet::standard(), std::sync::Arc::new(credentials::SystemClock));
    let public_url = match &args.public_url {
        Some(url) => url.clone(),
        None => {
            let scheme = if args.tls_cert.is_some() { "https" } else { "http" };
            let listen = &args.listen;
            url::Url::parse(&format!("{scheme}://{listen}")).map_err(|e| {
                Detail::localized(|lang| {
                    t!(lang, "cli-listen-not-url", listen = listen.to_string(), detail = e.to_string())
                })
            })?
        }
    };
    let loopback = match public_url.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if public_url.scheme() != "https" && !(public_url.scheme() == "http" && loopback) {
        return Err(Detail::localized(|lang| t!(lang, "cli-public-url-not-https", url = public_url.as_str())));
    }
    // The requesting-party endpoints are never open: without a token, one is made and shown once.
    let api_token = match args.api_token.as_deref().filter(|t| !t.is_empty()) {
        Some(token) => token.to_owned(),
        None => {
            let token = crate::oid4vp::random_id("vt-");
            // Said in both languages: the token is shown once, whoever reads it.
            let (en, fr) = (t!(Lang::En, "cli-api-token-made"), t!(Lang::Fr, "cli-api-token-made"));
            println!("{en} / {fr}\n\n  {token}\n");
            token
        }
    };
    let key = match &args.key {
        Some(path) if path.exists() => {
            let passphrase = std::env::var("VERIFIER_KEY_PASSPHRASE").ok();
            keys::KeyFile::read(path)
                .and_then(|file| file.unlock(path, passphrase.as_deref()))
                .map_err(|e| Detail::of(&e))?
        }
        Some(path) => {
            let key = keys::LocalKey::generate();
            keys::KeyFile::from_key(&key, None).and_then(|file| file.write_new(path)).map_err(|e| Detail::of(&e))?;
            key
        }
        None => keys::LocalKey::generate(),
    };
    let did = key.did_key();
    eprintln!("{}", t!(lang, "cli-client-id", client_id = format!("decentralized_identifier:{did}")));
    let identity = crate::oid4vp::Identity {
        signer: std::sync::Arc::new(key),
        did,
        public_url,
        name_en: args.name.clone(),
        name_fr: args.name_fr.clone(),
    };
    let service = crate::service::VerifierService::new(verifier, args.require_status)
        .with_identity(identity)
        .with_api_token(Some(api_token));
    let service = std::sync::Arc::new(match &args.trust {
        Some(path) => service.with_trust(path).map_err(|e| trust_error(&e))?,
        None => service,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-runtime", reason = io_reason(&e, lang))))?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("VERIFIER_LOG").unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if args.json_logs { logs.json().try_init() } else { logs.try_init() };
    let options = crate::service::ServeOptions {
        tls: args.tls_cert.clone().zip(args.tls_key.clone()),
        rate_limit: args.rate_limit,
        lang,
    };
    runtime
        .block_on(crate::service::serve(service, args.listen, options))
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-service-stopped", reason = io_reason(&e, lang))))
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = bilingual_cli::requested_lang(&args, credentials::environment_lang);
    let cli: Cli = match bilingual_cli::parse(args, lang, &*crate::cli_help::HELP, EXIT_USAGE) {
        Ok(cli) => cli,
        Err(stop) => return ExitCode::from(stop.print()),
    };
    let lang = cli.lang.unwrap_or(lang);
    let failed = |error: Detail| {
        eprintln!("{}", crate::render::program_error(error.get(lang), lang));
        ExitCode::from(EXIT_USAGE)
    };
    match cli.command {
        Command::Trust(command) => match trust(command, lang) {
            Ok(code) => ExitCode::from(code),
            Err(error) => failed(error),
        },
        Command::Serve(args) => match serve(args, lang) {
            Ok(()) => ExitCode::from(EXIT_VALID),
            Err(error) => failed(error),
        },
        Command::Verify(args) => match crate::run::verify(&args, lang) {
            Ok(code) => ExitCode::from(code),
            Err(error) => {
                eprintln!("{}", crate::render::usage_error(&error, lang));
                ExitCode::from(EXIT_USAGE)
            }
        },
    }
}
