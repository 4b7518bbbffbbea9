//! Command-line interface of `issuer`. Exit codes are defined here and only here.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use credentials::contexts::ContextSet;
use credentials::{Clock, Signer, SystemClock};
use keys::{KeyFile, LocalKey};
use schemas::{Issuer, Lang, Level, LocalizedText};

use crate::error::Detail;
use crate::i18n::{detail, t};
use crate::service::{IssuerService, Scope, StatusChange};
use crate::sign::Mechanism;
use crate::store::Store;
use crate::template::{self, Assignment};
use crate::IssuerError;

/// Done.
pub const EXIT_OK: u8 = 0;
/// The credential was refused (it would not verify) or a key could not be used.
pub const EXIT_REFUSED: u8 = 1;
/// Usage error or unreadable input.
pub const EXIT_USAGE: u8 = 2;

const EXIT_CODES_HELP: &str = "Exit codes:
  0  done
  1  credential refused or key unusable
  2  usage or input error";

#[derive(Debug, Parser)]
#[command(name = "issuer", version, about = "Issue skill and assignment credentials", after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Language of messages: en or fr (default: from LANG).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the issuer web service (SQLite in ./issuer-data by default; DATABASE_URL=postgres://… for PostgreSQL).
    Serve(ServiceArgs),
    /// Manage departments (tenants) of the service.
    #[command(subcommand)]
    Department(DepartmentCommand),
    /// Manage API tokens of a department.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Issue one credential per row of a CSV file, writing them to a directory; safe to run again
    /// after a crash (rows already issued are skipped, never issued twice).
    IssueBatch {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department that issues (its identifier).
        #[arg(long)]
        department: String,
        /// CSV file, one credential per row (header row first).
        #[arg(long)]
        csv: PathBuf,
        /// Directory where each issued credential is written as a file.
        #[arg(long)]
        out: PathBuf,
        /// eddsa-rdfc-2022, eddsa-jcs-2022 or vc-jwt.
        #[arg(long, default_value = "eddsa-rdfc-2022")]
        suite: Mechanism,
        /// Rows in flight at once (default 64, so that their records are committed in groups).
        #[arg(long)]
        parallelism: Option<usize>,
    },
    /// Export a department's audit log as JSON lines.
    Audit {
        #[command(flatten)]
        service: ServiceArgs,
        /// Only this department's entries (its identifier); all departments by default.
        #[arg(long)]
        department: Option<String>,
        /// Only entries at or after this time (RFC 3339); all by default.
        #[arg(long)]
        since: Option<String>,
    },
    /// Manage signing keys.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Revoke, suspend or reinstate an issued credential (published through its status lists).
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Print an unsigned credential filled from a template.
    #[command(subcommand)]
    Template(Box<TemplateCommand>),
    /// Sign one credential read from standard input (or --input) and print it.
    Sign(SignArgs),
}

/// Where the service's configuration and database are.
#[derive(Debug, Clone, Args)]
pub struct ServiceArgs {
    /// Configuration file (TOML); environment variables override it.
    #[arg(long, env = "ISSUER_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum DepartmentCommand {
    /// Create a department with its DID and first signing key.
    Create {
        #[command(flatten)]
        service: ServiceArgs,
        /// Short identifier used in URLs and DIDs (lowercase letters, digits, dashes).
        id: String,
        /// The department's name in English.
        #[arg(long)]
        name: String,
        /// The department's name in French.
        #[arg(long)]
        name_fr: String,
        /// Status list entries its credentials get: revocation, suspension (comma-separated) or none.
        #[arg(long, default_value = "revocation,suspension")]
        status_purposes: String,
        /// Its identifier: web (did:web, served by this issuer, keys can rotate) or key (did:key:
        /// one key for good, for tests and small setups).
        #[arg(long, default_value = "web")]
        did_method: String,
    },
    /// List departments.
    List {
        #[command(flatten)]
        service: ServiceArgs,
    },
}

/// Which credential, and why (the reason goes to the audit log).
#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub service: ServiceArgs,
    /// The department that issued the credential (its identifier).
    #[arg(long)]
    pub department: String,
    /// The credential's id (e.g. urn:uuid:…).
    pub id: String,
    /// Why (kept in the audit log).
    #[arg(long, default_value = "")]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Revoke a credential (final).
    Revoke(StatusArgs),
    /// Suspend a credential (can be lifted with reinstate).
    Suspend(StatusArgs),
    /// Lift a suspension.
    Reinstate(StatusArgs),
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token (shown once; only its hash is stored).
    Create {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department the token acts for (its identifier).
        #[arg(long)]
        department: String,
        /// Comma-separated: issue, revoke, admin.
        #[arg(long, default_value = "issue")]
        scopes: String,
        /// A label to recognize the token by (e.g. who holds it).
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Revoke an API token by its id.
    Revoke {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department the token belongs to (its identifier).
        #[arg(long)]
        department: String,
        /// The token's id, as printed when it was created.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Give a department of the service a new signing key; older keys stay published.
    Rotate {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department whose key is rotated (its identifier).
        #[arg(long)]
        department: String,
    },
    /// Take a published key out of a department's DID document (a key that leaked): what it
    /// signed stops verifying. The signing key cannot be retired: rotate first.
    Retire {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department the key belongs to (its identifier).
        #[arg(long)]
        department: String,
        /// The key's verification method, as the DID document lists it (did:web:…#key-…).
        #[arg(long)]
        verification_method: String,
    },
    /// Generate an Ed25519 key into a new file (mode 0600) and print its DID.
    Generate {
        /// New key file to write (refused if it exists).
        #[arg(long)]
        out: PathBuf,
        /// Seal the key under the passphrase held in this environment variable.
        #[arg(long, value_name = "VAR")]
        passphrase_env: Option<String>,
        /// Name the key by this verification method (e.g. did:web:example.org#key-1) instead of its did:key.
        #[arg(long)]
        verification_method: Option<String>,
    },
    /// Print the DID document (did.json) that publishes the public keys of these key files,
    /// all named under one did:web DID.
    DidDocument {
        /// A key file to publish (repeat for each key).
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct IssuerArgs {
    /// The issuer DID; defaults to the DID of --key.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Key file whose DID is the issuer.
    #[arg(long)]
    pub key: Option<PathBuf>,
    /// Issuer name in English.
    #[arg(long)]
    pub issuer_name: String,
    /// Issuer name in French.
    #[arg(long)]
    pub issuer_name_fr: String,
    /// The holder's DID.
    #[arg(long)]
    pub subject: Option<String>,
    /// Start of validity (RFC 3339; default now).
    #[arg(long)]
    pub valid_from: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// A skill credential (Open Badges 3.0 Competency).
    Skill {
        #[command(flatten)]
        issuer: IssuerArgs,
        /// Skill key from the GC Digital Talent skills library, e.g. api_design... (see schemas/data/skills.json).
        #[arg(long)]
        skill: String,
        /// beginner, intermediate, advanced or expert.
        #[arg(long)]
        level: String,
        /// Evidence summary in English (needs --evidence-fr).
        #[arg(long, requires = "evidence_fr")]
        evidence: Option<String>,
        /// Evidence summary in French (needs --evidence).
        #[arg(long, requires = "evidence")]
        evidence_fr: Option<String>,
        /// End of validity (RFC 3339); none by default.
        #[arg(long)]
        valid_until: Option<String>,
    },
    /// An assignment credential (Open Badges 3.0 Assignment).
    Assignment {
        #[command(flatten)]
        issuer: IssuerArgs,
        /// The role held, in English.
        #[arg(long)]
        role: String,
        /// The role held, in French.
        #[arg(long)]
        role_fr: String,
        /// The department of the assignment, in English.
        #[arg(long)]
        department: String,
        /// The department of the assignment, in French.
        #[arg(long)]
        department_fr: String,
        /// The team, in English (needs --team-fr).
        #[arg(long, requires = "team_fr")]
        team: Option<String>,
        /// The team, in French (needs --team).
        #[arg(long, requires = "team")]
        team_fr: Option<String>,
        /// Start date (RFC 3339).
        #[arg(long)]
        start: String,
        /// End date (RFC 3339), if the assignment is over.
        #[arg(long)]
        end: Option<String>,
        /// Skill key used during the assignment (repeat for more).
        #[arg(long = "skill")]
        skills: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Key file that signs.
    #[arg(long)]
    pub key: PathBuf,
    /// eddsa-rdfc-2022, eddsa-jcs-2022 or vc-jwt.
    #[arg(long, default_value = "eddsa-rdfc-2022")]
    pub suite: Mechanism,
    /// Environment variable holding the key's passphrase, if it is sealed.
    #[arg(long, value_name = "VAR", default_value = "ISSUER_KEY_PASSPHRASE")]
    pub passphrase_env: String,
    /// Read the credential from this file instead of standard input.
    #[arg(long)]
    pub input: Option<PathBuf>,
}

/// A failure of one command, with its exit code; `Display` is the English message.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CommandError {
    #[error("{0}")]
    Usage(Detail),
    #[error(transparent)]
    Issuer(#[from] IssuerError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{}", self.message(Lang::En))]
    Rejected(usize),
}

impl From<keys::KeyError> for CommandError {
    fn from(error: keys::KeyError) -> Self {
        Self::Issuer(error.into())
    }
}

/// Prints a value as JSON on standard output (one line, or indented for people).
fn print_json(value: &impl serde::Serialize, pretty: bool) -> Result<(), CommandError> {
    let text = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    println!("{}", text.map_err(|e| IssuerError::Unexpected(e.to_string()))?);
    Ok(())
}

impl CommandError {
    /// The message in `lang`. Internal failures (database, unexpected) keep their cause, which
    /// an operator needs, where an HTTP client would get a generic text.
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Usage(detail) => detail.get(lang).to_owned(),
            Self::Issuer(IssuerError::Key(error)) => credentials::error::Describe::message(error, lang),
            Self::Issuer(error @ IssuerError::Store(crate::store::StoreError::Exists(_))) => error.detail(lang),
            Self::Issuer(error @ (IssuerError::Store(_) | IssuerError::Unexpected(_))) => {
                let mut chain = error.to_string();
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    let text = cause.to_string();
                    if !chain.contains(&text) {
                        chain.push_str(": ");
                        chain.push_str(&text);
                    }
                    source = cause.source();
                }
                t!(lang, "cli-internal-error", chain = chain)
            }
            Self::Issuer(error) => error.detail(lang),
            Self::Config(error) => error.message(lang),
            Self::Io(error) => credentials::error::io_reason(error, lang),
            Self::Rejected(count) => {
                let count = *count;
                t!(lang, "cli-rows-rejected", count = count)
            }
        }
    }
}

fn parse_time(text: &str, flag: &str) -> Result<DateTime<Utc>, CommandError> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|_| CommandError::Usage(detail!("cli-time-invalid", flag = flag, text = text)))
}

fn passphrase(variable: &str) -> Option<String> {
    std::env::var(variable).ok().filter(|p| !p.is_empty())
}

fn load_key(path: &Path, passphrase_env: &str) -> Result<LocalKey, CommandError> {
    let file = KeyFile::read(path)?;
    Ok(file.unlock(path, passphrase(passphrase_env).as_deref())?)
}

fn issuer_of(args: &IssuerArgs) -> Result<Issuer, CommandError> {
    let id = match (&args.issuer, &args.key) {
        (Some(id), _) => id.clone(),
        (None, Some(path)) => {
            let file = KeyFile::read(path)?;
            credentials::did::did_of(&file.verification_method)
                .map_err(|e| CommandError::Usage(Detail::of(&e)))?
                .to_owned()
        }
        (None, None) => return Err(CommandError::Usage(detail!("cli-issuer-missing"))),
    };
    Ok(Issuer { id, name: LocalizedText::new(args.issuer_name.clone(), args.issuer_name_fr.clone()) })
}

fn valid_from(args: &IssuerArgs, clock: &dyn Clock) -> Result<DateTime<Utc>, CommandError> {
    args.valid_from.as_deref().map(|t| parse_time(t, "valid-from")).unwrap_or_else(|| Ok(clock.now()))
}

fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

/// Opens the service the configuration describes (creating its data directory).
async fn open_service(args: &ServiceArgs) -> Result<(crate::config::Config, IssuerService), CommandError> {
    let config = crate::config::Config::load(args.config.as_deref())?;
    // The data directory holds the SQLite database and, by default, the master key file.
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    if let crate::config::MasterKeySource::File(path) = &config.master_key {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
    }
    let (master, created) = config.master_key.load()?;
    let store = Store::open(&config.database_url).await.map_err(IssuerError::from)?;
    let service = IssuerService::new(store, master, config.did_host(), Arc::new(SystemClock))
        .with_rate_limit(config.rate_limit_per_second)
        .with_public_url(&config.public_url, config.status_ttl);
    if !service.master_key_opens_stored_keys().await? {
        // A key file made just now for a database that already holds keys: not the right one.
        if let (true, crate::config::MasterKeySource::File(path)) = (created, &config.master_key) {
            let _ = std::fs::remove_file(path);
        }
        return Err(CommandError::Usage(detail!("cli-master-key-mismatch")));
    }
    Ok((config, service))
}

fn cli_actor() -> String {
    format!("cli:{}", std::env::var("USER").unwrap_or_else(|_| "unknown".into()))
}

fn parse_scopes(text: &str) -> Result<Vec<Scope>, CommandError> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Scope::parse(s).map_err(CommandError::from))
        .collect()
}

fn run_service_command(command: Command, lang: Lang) -> Result<(), CommandError> {
    runtime()?.block_on(async move {
        match command {
            Command::Serve(args) => {
                let (config, service) = open_service(&args).await?;
                crate::serve::serve(config, service, lang).await
            }
            Command::Department(DepartmentCommand::Create {
                service,
                id,
                name,
                name_fr,
                status_purposes,
                did_method,
            }) => {
                let method: crate::service::DidMethod = did_method.parse()?;
                let (_, service) = open_service(&service).await?;
                let purposes: Vec<String> = status_purposes
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty() && *p != "none")
                    .map(str::to_owned)
                    .collect();
                let department = service
                    .create_department_with(&id, &LocalizedText::new(name, name_fr), &purposes, method, &cli_actor())
                    .await?;
                println!("{}", department.did);
                Ok(())
            }
            Command::Department(DepartmentCommand::List { service }) => {
                let (_, service) = open_service(&service).await?;
                for department in service.store().departments().await.map_err(IssuerError::from)? {
                    let name = lang.pick(&department.name_en, &department.name_fr);
                    println!("{}\t{}\t{}", department.id, department.did, name);
                }
                Ok(())
            }
            Command::Token(TokenCommand::Create { service, department, scopes, label }) => {
                let (_, service) = open_service(&service).await?;
                let (row, secret) =
                    service.create_token(&department, &parse_scopes(&scopes)?, &label, &cli_actor()).await?;
                eprintln!("{}", t!(lang, "cli-token-created", id = row.id.as_str(), scopes = row.scopes.as_str()));
                println!("{secret}");
                Ok(())
            }
            Command::Token(TokenCommand::Revoke { service, department, id }) => {
                let (_, service) = open_service(&service).await?;
                service.revoke_token(&department, &id, &cli_actor()).await?;
                Ok(())
            }
            Command::Key(KeyCommand::Rotate { service, department }) => {
                let (_, service) = open_service(&service).await?;
                println!("{}", service.rotate_key(&department, &cli_actor()).await?);
                Ok(())
            }
            Command::Key(KeyCommand::Retire { service, department, verification_method }) => {
                let (_, service) = open_service(&service).await?;
                service.retire_key(&department, &verification_method, &cli_actor()).await?;
                println!("{verification_method}");
                Ok(())
            }
            Command::Credential(command) => {
                let (change, args) = match command {
                    CredentialCommand::Revoke(args) => (StatusChange::Revoke, args),
                    CredentialCommand::Suspend(args) => (StatusChange::Suspend, args),
                    CredentialCommand::Reinstate(args) => (StatusChange::Reinstate, args),
                };
                let (_, service) = open_service(&args.service).await?;
                let view =
                    service.change_status(&args.department, &args.id, &[change], &args.reason, &cli_actor()).await?;
                print_json(&view, false)?;
                Ok(())
            }
            Command::IssueBatch { service, department, csv, out, suite, parallelism } => {
                let (_, service) = open_service(&service).await?;
                let rejected =
                    crate::batch_cli::run(service, &department, &csv, &out, suite, parallelism, lang).await?;
                if rejected > 0 {
                    return Err(CommandError::Rejected(rejected));
                }
                Ok(())
            }
            Command::Audit { service, department, since } => {
                let (_, service) = open_service(&service).await?;
                let entries =
                    service.audit_since(department.as_deref(), since.as_deref()).await.map_err(|e| match e {
                        IssuerError::BadRequest(detail) => CommandError::Usage(detail),
                        other => other.into(),
                    })?;
                for entry in entries {
                    print_json(&entry, false)?;
                }
                Ok(())
            }
            _ => Err(CommandError::Usage(detail!("cli-not-a-service-command"))),
        }
    })
}

fn run(cli: Cli, lang: Lang) -> Result<(), CommandError> {
    let clock = SystemClock;
    match cli.command {
        command @ (Command::Serve(_)
        | Command::Department(_)
        | Command::Token(_)
        | Command::Audit { .. }
        | Command::IssueBatch { .. }
        | Command::Credential(_)
        | Command::Key(KeyCommand::Rotate { .. } | KeyCommand::Retire { .. })) => run_service_command(command, lang)?,
        Command::Key(KeyCommand::Generate { out, passphrase_env, verification_method }) => {
            let mut key = LocalKey::generate();
            if let Some(method) = verification_method {
                credentials::did::did_of(&method).map_err(|e| CommandError::Usage(Detail::of(&e)))?;
                key = key.with_verification_method(method);
            }
            let secret = match &passphrase_env {
                Some(variable) => Some(passphrase(variable).ok_or_else(|| {
                    CommandError::Usage(detail!("cli-passphrase-variable-empty", variable = variable.as_str()))
                })?),
                None => None,
            };
            KeyFile::from_key(&key, secret.as_deref())?.write_new(&out)?;
            let did =
                credentials::did::did_of(key.verification_method()).map_err(|e| CommandError::Usage(Detail::of(&e)))?;
            eprintln!("{}", t!(lang, "cli-key-written", path = out.display().to_string(), did = did));
            println!("{did}");
        }
        Command::Key(KeyCommand::DidDocument { keys }) => {
            let mut methods = Vec::new();
            let mut did: Option<String> = None;
            for path in &keys {
                let file = KeyFile::read(path)?;
                let key_did = credentials::did::did_of(&file.verification_method)
                    .map_err(|e| CommandError::Usage(Detail::of(&e)))?
                    .to_owned();
                if did.as_ref().is_some_and(|d| *d != key_did) {
                    let other = did.unwrap_or_default();
                    return Err(CommandError::Usage(detail!(
                        "cli-key-of-another-did",
                        path = path.display().to_string(),
                        did = key_did.as_str(),
                        other = other.as_str()
                    )));
                }
                let key = credentials::multikey::decode_public(&file.public_key_multibase)
                    .map_err(|e| CommandError::Usage(Detail::of(&e)))?;
                methods.push((file.verification_method.clone(), key));
                did = Some(key_did);
            }
            let document = credentials::did::DidDocument::with_keys(&did.unwrap_or_default(), &methods);
            print_json(&document, true)?;
        }
        Command::Template(command) => print_template(*command, lang, &clock)?,
        Command::Sign(args) => {
            let key: Arc<dyn Signer> = Arc::new(load_key(&args.key, &args.passphrase_env)?);
            let mut bytes = Vec::new();
            let limit = credentials::input::MAX_INPUT_BYTES as u64 + 1;
            let read = match &args.input {
                Some(path) => std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)),
                None => std::io::stdin().lock().take(limit).read_to_end(&mut bytes),
            };
            read.map_err(|e| {
                CommandError::Usage(Detail::localized(|lang| {
                    t!(lang, "cli-credential-unreadable", reason = credentials::error::io_reason(&e, lang))
                }))
            })?;
            let credential = match credentials::input::parse(&bytes) {
                Ok(credentials::input::Parsed::Credential(value)) => value,
                Ok(_) => return Err(CommandError::Usage(detail!("cli-not-an-unsigned-credential"))),
                Err(error) => return Err(CommandError::Usage(Detail::of(&error))),
            };
            let secured = crate::sign::sign(&credential, key, args.suite, clock.now(), &ContextSet::standard())?;
            println!("{secured}");
        }
    }
    Ok(())
}

/// `issuer template …`: prints the unsigned credential.
fn print_template(command: TemplateCommand, _lang: Lang, clock: &dyn Clock) -> Result<(), CommandError> {
    match command {
        TemplateCommand::Skill { issuer, skill, level, evidence, evidence_fr, valid_until } => {
            let level: Level = level
                .parse()
                .map_err(|e: schemas::SchemaError| CommandError::Usage(Detail::localized(|lang| e.message(lang))))?;
            let evidence = evidence.zip(evidence_fr).map(|(en, fr)| LocalizedText::new(en, fr));
            let until = valid_until.as_deref().map(|t| parse_time(t, "valid-until")).transpose()?;
            let credential = template::skill(
                issuer_of(&issuer)?,
                issuer.subject.as_deref(),
                &skill,
                level,
                evidence,
                valid_from(&issuer, clock)?,
                until,
            )?;
            print_json(&credential, true)?;
        }
        TemplateCommand::Assignment {
            issuer,
            role,
            role_fr,
            department,
            department_fr,
            team,
            team_fr,
            start,
            end,
            skills,
        } => {
            let assignment = Assignment {
                role: LocalizedText::new(role, role_fr),
                department: LocalizedText::new(department, department_fr),
                team: team.zip(team_fr).map(|(en, fr)| LocalizedText::new(en, fr)),
                start: parse_time(&start, "start")?,
                end: end.as_deref().map(|t| parse_time(t, "end")).transpose()?,
                skills,
            };
            let credential = template::assignment(
                issuer_of(&issuer)?,
                issuer.subject.as_deref(),
                assignment,
                valid_from(&issuer, clock)?,
            )?;
            print_json(&credential, true)?;
        }
    }
    Ok(())
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
    match run(cli, lang) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(error) => {
            let message = error.message(lang);
            let (said, code) = match &error {
                CommandError::Usage(_) => (t!(lang, "cli-usage-error", message = message), EXIT_USAGE),
                _ => (t!(lang, "cli-error", message = message), EXIT_REFUSED),
            };
            eprintln!("{said}");
            ExitCode::from(code)
        }
    }
}
