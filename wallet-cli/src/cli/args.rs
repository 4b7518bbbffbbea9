//! The command line: the arguments `clap` reads (its French from the help catalogue), and how
//! the person names a DID method or a presentation format.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use lang::Lang;

use crate::cli::exit::EXIT_CODES_HELP;
use crate::domain::present::Format;
use crate::domain::profile_file;
use crate::domain::store::DidMethod;
use crate::i18n::t;

#[derive(Debug, Parser)]
#[command(name = "wallet", version, about = "Your credentials / Vos attestations", after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// Language: en or fr (default: from LANG).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,
    /// Wallet directory (default: WALLET_DIR, else the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub wallet: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// How credentials are checked before they are stored.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Resolve did:web issuers and read status lists over HTTPS.
    #[arg(long)]
    pub online: bool,
    /// Fetch from BASE_URL what is published on HOST (HOST=BASE_URL); implies --online.
    #[arg(long = "did-web-host", value_name = "HOST=BASE_URL")]
    pub hosts: Vec<String>,
    /// Use this DID document (JSON file) instead of resolving its DID.
    #[arg(long = "did-document", value_name = "FILE")]
    pub did_documents: Vec<PathBuf>,
}

/// Reading the status lists again online.
#[derive(Debug, Clone, Args)]
pub struct RefreshArgs {
    /// Read the status lists of your credentials again online first, and record what they say.
    #[arg(long)]
    pub refresh: bool,
    /// With --refresh: fetch from BASE_URL what is published on HOST (HOST=BASE_URL).
    #[arg(long = "did-web-host", value_name = "HOST=BASE_URL", requires = "refresh")]
    pub refresh_hosts: Vec<String>,
}

/// What `wallet profile` does besides showing the profile.
#[derive(Debug, Subcommand)]
pub enum ProfileAction {
    /// Keep your own words about a skill or assignment credential of your profile (shown as
    /// yours, never as verified).
    Note {
        /// A wallet id (or its first characters), or a credential id.
        id: String,
        /// Your words in English (500 characters at most).
        #[arg(long, value_name = "TEXT", required_unless_present_any = ["fr", "clear"])]
        en: Option<String>,
        /// Your words in French (500 characters at most).
        #[arg(long, value_name = "TEXT")]
        fr: Option<String>,
        /// Remove your words about it.
        #[arg(long, conflicts_with_all = ["en", "fr"])]
        clear: bool,
    },
    /// Write your profile as a signed file to attach to an application: your skill and assignment
    /// credentials in one presentation signed by your wallet's key, for one employer's verifier
    /// and until a time (SD-JWT credentials are left out, and said).
    Export {
        /// The employer's verifier, by host name (with :port when its address has one), e.g.
        /// jobs.example: only it accepts the file.
        #[arg(long, value_name = "DOMAIN", value_parser = audience)]
        audience: String,
        /// How long the file stays valid: hours, days or weeks (12h, 30d, 2w), a year at most.
        #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = lifetime)]
        expires: chrono::Duration,
        /// Write to this file (never half-written) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// With --out: replace the file when it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Withdraw your profile from a verifier's talent directory: your wallet proves it holds the
    /// key your profile was published under, and the directory deletes it and everything derived
    /// from it.
    Withdraw {
        /// The directory's address (the verifier's), e.g. https://verifier.example.
        #[arg(long, value_name = "URL")]
        directory: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create your wallet: a new key (did:key, or did:jwk) and an encrypted store.
    Init {
        /// key or jwk.
        #[arg(long = "did-method", default_value = "key")]
        did_method: DidMethod,
    },
    /// Receive a credential from an OpenID4VCI offer (openid-credential-offer://…), check it and store it.
    Receive {
        /// The credential offer: an openid-credential-offer://?… link (or the offer JSON).
        offer: String,
        /// The transaction code (PIN) your department sent you, when the offer asks for one.
        #[arg(long)]
        pin: Option<String>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check a credential file (JSON or JWT) and store it.
    Import {
        /// The credential file (JSON or JWT).
        file: PathBuf,
        /// Keep it even though it is about someone else (its subject is not your DID).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// List your credentials.
    List {
        /// Only this kind (skill, assignment, or a credential type).
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only credentials whose issuer name or DID contains this.
        #[arg(long)]
        issuer: Option<String>,
        /// Only credentials naming this skill (key, e.g. api_design).
        #[arg(long)]
        skill: Option<String>,
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
        /// The issuers you trust: a registry file as for `verifier --trust` (TOML).
        #[arg(long, value_name = "FILE", env = "WALLET_TRUST")]
        trust: Option<PathBuf>,
        #[command(flatten)]
        refresh: RefreshArgs,
    },
    /// Your profile as a manager would see it: skills by family, assignments newest first, each
    /// line's standing and when its status was last read.
    #[command(args_conflicts_with_subcommands = true)]
    Profile {
        #[command(subcommand)]
        action: Option<ProfileAction>,
        /// Print the profile as JSON.
        #[arg(long)]
        json: bool,
        /// The issuers you trust: a registry file as for `verifier --trust` (TOML).
        #[arg(long, value_name = "FILE", env = "WALLET_TRUST")]
        trust: Option<PathBuf>,
        #[command(flatten)]
        refresh: RefreshArgs,
    },
    /// Show a stored credential (by id) or a credential file, in your language.
    Show {
        /// A wallet id (or its first characters), a credential id, or a file.
        credential: String,
        /// Print the credential's JSON instead.
        #[arg(long)]
        json: bool,
        /// The issuers you trust: a registry file as for `verifier --trust` (TOML).
        #[arg(long, value_name = "FILE", env = "WALLET_TRUST")]
        trust: Option<PathBuf>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Print a stored credential exactly as received.
    Export {
        /// A wallet id (or its first characters), or a credential id.
        id: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Delete a stored credential.
    Delete {
        /// A wallet id (or its first characters), or a credential id.
        id: String,
    },
    /// Write the whole wallet (still encrypted) to one file.
    Backup {
        /// The backup file to write.
        file: PathBuf,
    },
    /// Recreate a wallet from a backup, in an empty wallet directory.
    Restore {
        /// The backup file to read.
        file: PathBuf,
    },
    /// Sign a presentation of stored credentials for a verifier's challenge and domain, or answer
    /// a verifier's OpenID4VP request (--request).
    Present {
        /// Stored credentials to present (with --challenge and --domain).
        #[arg(required_unless_present = "request")]
        ids: Vec<String>,
        /// The verifier's challenge (with ids).
        #[arg(long, required_unless_present = "request")]
        challenge: Option<String>,
        /// The verifier's domain (with ids).
        #[arg(long, required_unless_present = "request")]
        domain: Option<String>,
        /// Answer this OpenID4VP request: the openid4vp:// link (or the https request URL) the
        /// verifier showed you.
        #[arg(long, conflicts_with_all = ["ids", "challenge", "domain"])]
        request: Option<String>,
        /// With --request: the credential to send (repeat for several); by default the ones that
        /// match, when there is no choice to make.
        #[arg(long = "credential", value_name = "ID", requires = "request")]
        credentials: Vec<String>,
        /// With --request: send without asking (for scripts).
        #[arg(long, requires = "request")]
        yes: bool,
        /// For an SD-JWT credential: the claims to show, e.g. skills.api_design,team (the others
        /// stay hidden). Without it, a terminal asks claim by claim; a script shows none.
        #[arg(long, value_delimiter = ',', conflicts_with = "request")]
        disclose: Option<Vec<String>>,
        /// ldp_vp (Data Integrity, eddsa-rdfc-2022) or jwt_vp (vp+jwt).
        #[arg(long, default_value = "ldp_vp")]
        format: Format,
        /// Write the presentation to this file instead of standard output (without --request).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print your DID.
    Did,
}

/// `--expires`, refused in the reader's language.
fn lifetime(text: &str) -> Result<chrono::Duration, bilingual_cli::Invalid> {
    profile_file::parse_lifetime(text).map_err(|e| bilingual_cli::Invalid::localized(|lang| e.message(lang)))
}

/// `--audience`, refused in the reader's language.
fn audience(text: &str) -> Result<String, bilingual_cli::Invalid> {
    profile_file::parse_audience(text).map_err(|e| bilingual_cli::Invalid::localized(|lang| e.message(lang)))
}

impl std::str::FromStr for DidMethod {
    type Err = bilingual_cli::Invalid;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "key" | "did:key" => Ok(Self::Key),
            "jwk" | "did:jwk" => Ok(Self::Jwk),
            other => {
                let said = |lang| t!(lang, "did-method-unknown", value = other);
                Err(bilingual_cli::Invalid::new(said(Lang::En), said(Lang::Fr)))
            }
        }
    }
}

impl std::str::FromStr for Format {
    type Err = bilingual_cli::Invalid;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "ldp_vp" => Ok(Self::LdpVp),
            "jwt_vp" => Ok(Self::JwtVp),
            other => {
                let said = |lang| t!(lang, "format-unknown", value = other);
                Err(bilingual_cli::Invalid::new(said(Lang::En), said(Lang::Fr)))
            }
        }
    }
}
