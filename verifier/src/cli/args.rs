//! The command line of `verifier` as clap reads it: commands, options and their help (whose
//! French is in `i18n/fr/verifier_help.ftl`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use lang::Lang;

use crate::cli::exit::EXIT_CODES_HELP;

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
    Serve(Box<ServeArgs>),
    /// Inspect and edit the trusted-issuer registry.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Create, list and revoke the service's API tokens (in its database, hashed).
    #[command(subcommand)]
    Token(TokenCommand),
    /// Rotate the key that signs the service's presentation requests.
    #[command(subcommand)]
    Key(KeyCommand),
    /// List the presentation requests still open.
    #[command(subcommand)]
    Requests(RequestsCommand),
    /// Skills-ecosystem figures released by departments with differential privacy.
    #[command(subcommand)]
    Figures(FiguresCommand),
}

#[derive(Debug, Subcommand)]
pub enum FiguresCommand {
    /// Fetch figures releases, verify each (signature, trust registry) and write their sum.
    Combine(CombineArgs),
    /// Set the total privacy loss (ε) this verifier's demand releases may spend for a quarter.
    Budget {
        #[command(flatten)]
        store: StoreArgs,
        /// The quarter, e.g. 2026Q4.
        #[arg(long)]
        period: String,
        /// Total ε of the quarter's releases.
        #[arg(long)]
        epsilon: f64,
    },
    /// Count the skills this verifier's requests asked for in a quarter, release them with OpenDP and print them signed.
    Release {
        #[command(flatten)]
        store: StoreArgs,
        /// The quarter, e.g. 2026Q4.
        #[arg(long)]
        period: String,
        /// ε this release spends from the quarter's budget.
        #[arg(long)]
        epsilon: f64,
    },
}

#[derive(Debug, clap::Args)]
pub struct CombineArgs {
    /// Releases: URLs (https://…) or files.
    #[arg(required = true, value_name = "URL")]
    pub sources: Vec<String>,
    /// Directory the combined figures are written to (CSV per table, JSON, metadata).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Trusted-issuer registry (TOML); without it every release is untrusted.
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
    /// Combine releases of issuers the registry does not vouch for too (they are still reported).
    #[arg(long = "include-untrusted")]
    pub include_untrusted: bool,
    /// Resolve did:web issuers over the network.
    #[arg(long)]
    pub online: bool,
    /// Fetch a did:web host (and releases on it) from another base URL (HOST=BASE_URL).
    #[arg(long = "did-web-host", value_name = "HOST=BASE_URL")]
    pub did_web_hosts: Vec<String>,
    /// A DID document to resolve an issuer with, offline.
    #[arg(long = "did-document", value_name = "FILE")]
    pub did_documents: Vec<PathBuf>,
}

/// Where the service keeps its state: shared by `serve` and the commands that administer it.
#[derive(Debug, Clone, clap::Args)]
pub struct StoreArgs {
    /// Directory of the embedded SQLite database and of the master key, created on first start.
    #[arg(long = "data-dir", value_name = "DIR", env = "VERIFIER_DATA_DIR", default_value = "verifier-data")]
    pub data_dir: PathBuf,
    /// PostgreSQL URL (postgres://…) of a database of the verifier's own, which several replicas
    /// share; without it, the SQLite database in --data-dir.
    #[arg(long = "database-url", value_name = "URL", env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// File holding the master key (base64) that seals the request-signing key in the database;
    /// default DIR/master.key, created when missing. VERIFIER_MASTER_KEY may give the key itself.
    #[arg(long = "master-key-file", value_name = "FILE", env = "VERIFIER_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token; it is printed once, and only its hash is kept.
    Create {
        #[command(flatten)]
        store: StoreArgs,
        /// What it allows: request (create presentation requests), read (read their outcomes),
        /// directory (search the talent directory).
        #[arg(long = "scope", value_name = "SCOPE", value_parser = ["request", "read", "directory"], default_values_t = ["request".to_owned(), "read".to_owned()])]
        scopes: Vec<String>,
        /// Who or what uses it (for the list).
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List the tokens (never their secrets).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke a token by its id.
    Revoke {
        #[command(flatten)]
        store: StoreArgs,
        /// The token's id (from token list).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new request-signing key current (requests already signed keep verifying).
    Rotate {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// List the open presentation requests: id, who created it, when it expires, failed answers.
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
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
    /// Domain (audience) a presentation must be bound to; a presentation made for one (a talent
    /// profile file) is refused without it.
    #[arg(long, visible_alias = "audience")]
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
    /// Answer 503 when a status list cannot be read (default: 400 with verified false and a warning).
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
    /// created when missing. Without it, the key kept sealed in the database (made on first
    /// start; `verifier key rotate` replaces it).
    #[arg(long, value_name = "FILE", env = "VERIFIER_KEY_FILE")]
    pub key: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    /// How long the outcome of a request stays readable, in seconds, before it is deleted (it
    /// holds personal data).
    #[arg(
        long = "outcome-retention",
        value_name = "SECONDS",
        default_value_t = 3600,
        env = "VERIFIER_OUTCOME_RETENTION"
    )]
    pub outcome_retention: u64,
    /// How often expired requests and challenges are deleted, in seconds.
    #[arg(long = "purge-every", value_name = "SECONDS", default_value_t = 60)]
    pub purge_every: u64,
    /// How long a profile stays in the talent directory once its holder publishes it, in days.
    #[arg(long = "directory-days", value_name = "DAYS", default_value_t = 90)]
    pub directory_days: u32,
    /// Open presentation requests allowed per API token (429 beyond).
    #[arg(long = "max-open-requests", value_name = "N", default_value_t = 1000)]
    pub max_open_requests: u32,
    /// Failed answers after which a presentation request is closed as failed.
    #[arg(long = "max-failed-answers", value_name = "N", default_value_t = 5)]
    pub max_failed_answers: u32,
    /// The name wallets show for this verifier (self-declared, next to its DID).
    #[arg(long, default_value = crate::i18n::text!(lang::Lang::En, "verifier-default-name"))]
    pub name: String,
    /// The name wallets show for this verifier, in French.
    #[arg(long = "name-fr", default_value = crate::i18n::text!(lang::Lang::Fr, "verifier-default-name"))]
    pub name_fr: String,
    /// A bearer token that may create and read presentation requests, besides those of `verifier
    /// token create`; without either, one is made at first start and shown once.
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
    /// Show every talent profile and answer without the person's name or identifiers until a
    /// manager presses "reveal" (recorded); without it, a request may ask for this itself.
    #[arg(long = "name-blind", env = "VERIFIER_NAME_BLIND")]
    pub name_blind: bool,
    /// Show the skills-ecosystem figures `verifier figures combine` wrote to this directory on
    /// the page /figures.
    #[arg(long, value_name = "DIR", env = "VERIFIER_FIGURES")]
    pub figures: Option<PathBuf>,
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
