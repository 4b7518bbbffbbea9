//! The command line as `clap` reads it: every command, argument and its help (the French of
//! each text is in `i18n/*/issuer_help.ftl`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use credentials::secure::Mechanism;
use schemas::Lang;

use crate::cli::exit::EXIT_CODES_HELP;
use crate::domain::sign;

/// `--suite`: a securing mechanism by name, refused in both languages.
fn suite(name: &str) -> Result<Mechanism, bilingual_cli::Invalid> {
    sign::mechanism(name).map_err(|detail| bilingual_cli::Invalid::new(detail.en, detail.fr))
}

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
        #[arg(long, default_value = "eddsa-rdfc-2022", value_parser = suite)]
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
    /// Differentially private skills-ecosystem figures of a department.
    #[command(subcommand)]
    Figures(FiguresCommand),
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
        /// Where its keys are made and kept: file (sealed under the master key in the database) or
        /// pkcs11 (generated inside the configured hardware security module, never leaving it).
        #[arg(long, default_value = "file")]
        key_backend: String,
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
pub enum FiguresCommand {
    /// Set the total privacy loss (ε) a department's releases may spend for a quarter.
    Budget {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department (its identifier).
        #[arg(long)]
        department: String,
        /// The quarter, e.g. 2026Q4.
        #[arg(long)]
        period: String,
        /// Total ε of the quarter's releases.
        #[arg(long)]
        epsilon: f64,
    },
    /// Count, release with OpenDP, sign and publish a department's figures for a quarter.
    Release {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department (its identifier).
        #[arg(long)]
        department: String,
        /// The quarter, e.g. 2026Q4.
        #[arg(long)]
        period: String,
        /// ε this release spends from the quarter's budget.
        #[arg(long)]
        epsilon: f64,
    },
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
    /// Remove a retired key from the hardware security module for good.
    Destroy {
        #[command(flatten)]
        service: ServiceArgs,
        /// The department the key belongs to (its identifier).
        #[arg(long)]
        department: String,
        /// The retired key's verification method (did:web:…#key-…).
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
    #[arg(long, default_value = "eddsa-rdfc-2022", value_parser = suite)]
    pub suite: Mechanism,
    /// Environment variable holding the key's passphrase, if it is sealed.
    #[arg(long, value_name = "VAR", default_value = "ISSUER_KEY_PASSPHRASE")]
    pub passphrase_env: String,
    /// Read the credential from this file instead of standard input.
    #[arg(long)]
    pub input: Option<PathBuf>,
}
