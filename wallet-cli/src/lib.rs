//! The holder's wallet. The credential belongs to the person: it is kept encrypted on their own
//! disk (see [`store`]), read in their language, checked before it is stored, and handed to an
//! employer as a presentation the holder signs. Commands are thin: the store, the summaries and
//! the presentations are their own modules, and every check goes through `credentials`.

mod cli_help;
mod i18n;
pub mod oid4vp;
pub mod present;
pub mod receive;
pub mod store;
pub mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use credentials::contexts::ContextSet;
use credentials::did::DidDocument;
use credentials::error::{io_reason, json_french, Describe};
use credentials::report::{CheckKind, Outcome, Report};
use credentials::verify::{Network, PresentationOptions, Verifier};
use credentials::{Clock, SystemClock};
use schemas::Lang;

use crate::i18n::t;
use crate::store::{Entry, StoreError, Wallet};

/// Done.
pub const EXIT_OK: u8 = 0;
/// The credential does not verify (shown with a warning, or refused by `import`).
pub const EXIT_INVALID: u8 = 1;
/// Usage error or unreadable input.
pub const EXIT_USAGE: u8 = 2;
/// The wallet cannot be opened: none yet, wrong passphrase, or damaged.
pub const EXIT_WALLET: u8 = 3;

const EXIT_CODES_HELP: &str = "Exit codes:
  0  done
  1  the credential does not verify
  2  usage or input error
  3  wallet cannot be opened (none, wrong passphrase, damaged)

The passphrase is asked for, or read from WALLET_PASSPHRASE.";

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create your wallet: a new key (did:key, or did:jwk) and an encrypted store.
    Init {
        /// key or jwk.
        #[arg(long = "did-method", default_value = "key")]
        did_method: store::DidMethod,
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
    },
    /// Show a stored credential (by id) or a credential file, in your language.
    Show {
        /// A wallet id (or its first characters), a credential id, or a file.
        credential: String,
        /// Print the credential's JSON instead.
        #[arg(long)]
        json: bool,
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
        format: present::Format,
        /// Write the presentation to this file instead of standard output (without --request).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print your DID.
    Did,
}

/// What went wrong, with its exit code.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An error about the file the person named (a backup to write or read) is a usage error (exit
/// 2), not a wallet that cannot be opened (exit 3).
fn about_file(file: &Path, lang: Lang) -> impl Fn(StoreError) -> Failure + '_ {
    move |error| match &error {
        StoreError::Io { path, .. } | StoreError::Damaged(path, _) if path == file => {
            Failure::Usage(Failure::Store(error).message(lang))
        }
        _ => Failure::Store(error),
    }
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_)
            | Self::Store(StoreError::NotFound(_) | StoreError::Ambiguous(_) | StoreError::StoredTwice(_)) => {
                EXIT_USAGE
            }
            Self::Invalid(_) => EXIT_INVALID,
            Self::Store(_) => EXIT_WALLET,
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Usage(message) | Self::Invalid(message) => message.clone(),
            Self::Store(error) => error.message(lang),
        }
    }
}

/// An error of the credentials library with its code, as the wallet prints it.
fn coded(error: &impl Describe, lang: Lang) -> String {
    t!(lang, "error-with-code", message = error.message(lang), code = error.code())
}

fn passphrase(lang: Lang, confirm: bool) -> Result<String, Failure> {
    if let Ok(value) = std::env::var("WALLET_PASSPHRASE") {
        if !value.is_empty() {
            return Ok(value);
        }
    }
    let unreadable =
        |e: std::io::Error| Failure::Usage(t!(lang, "passphrase-unreadable", reason = io_reason(&e, lang)));
    let first = rpassword::prompt_password(t!(lang, "prompt-passphrase")).map_err(unreadable)?;
    if first.is_empty() {
        return Err(Failure::Usage(t!(lang, "passphrase-empty")));
    }
    if confirm {
        let second = rpassword::prompt_password(t!(lang, "prompt-again")).map_err(unreadable)?;
        if first != second {
            return Err(Failure::Usage(t!(lang, "passphrase-differ")));
        }
    }
    Ok(first)
}

/// Argon2id cost of a new wallet: OWASP's recommendation. `WALLET_KDF=test` makes it cheap, for
/// test suites only.
fn kdf() -> keys::KdfParams {
    match std::env::var("WALLET_KDF").as_deref() {
        Ok("test") => keys::KdfParams { memory_kib: 256, iterations: 1, parallelism: 1 },
        _ => keys::KdfParams::default(),
    }
}

fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::Usage(t!(lang, "file-unreadable", path = path.display().to_string(), reason = io_reason(&e, lang)))
    })
}

fn network(check: &CheckArgs, lang: Lang) -> Result<Network, Failure> {
    let mut network = Network { online: check.online, ..Network::default() };
    for pair in &check.hosts {
        let (host, base) =
            pair.split_once('=').ok_or_else(|| Failure::Usage(t!(lang, "host-pair-invalid", pair = pair.as_str())))?;
        let url = url::Url::parse(base)
            .map_err(|e| Failure::Usage(t!(lang, "host-url-invalid", url = base, reason = e.to_string())))?;
        network.host_overrides.insert(host.to_owned(), url);
    }
    for path in &check.did_documents {
        let document: DidDocument = serde_json::from_slice(&read(path, lang)?).map_err(|e| {
            // serde's own words in English (it speaks English only), said in French otherwise.
            let reason = match lang {
                Lang::En => e.to_string(),
                Lang::Fr => json_french(&e),
            };
            Failure::Usage(t!(lang, "did-document-invalid", path = path.display().to_string(), reason = reason))
        })?;
        network.did_documents.push(document);
    }
    Ok(network)
}

fn verifier(network: Network) -> Verifier {
    network.verifier(ContextSet::standard(), Arc::new(SystemClock))
}

/// The status a report found, as stored with the entry.
fn status_word(report: &Report) -> String {
    match report.check(CheckKind::Status) {
        Some(Outcome::Passed) => "active".into(),
        Some(Outcome::NotApplicable) => "no status".into(),
        Some(Outcome::Failed(failure)) => failure.code().trim_start_matches("credential_").into(),
        _ => "not checked".into(),
    }
}

/// Verifies a credential; `Err` with the reason when it does not verify (or is no credential).
fn check_credential(verifier: &Verifier, bytes: &[u8], lang: Lang) -> Result<Report, Failure> {
    let report =
        verifier.verify_bytes(bytes, &PresentationOptions::default()).map_err(|e| Failure::Usage(coded(&e, lang)))?;
    if report.content.is_none() {
        return Err(Failure::Usage(t!(lang, "not-a-credential")));
    }
    if let Some((kind, failure)) = report.first_failure() {
        return Err(Failure::Invalid(t!(
            lang,
            "check-failed",
            check = kind.label_for(lang, report.document),
            message = failure.message(lang),
            code = failure.code()
        )));
    }
    Ok(report)
}

/// Whether a received credential is bound to this holder: its subject is the holder's DID, and
/// for an SD-JWT VC the key in `cnf` (the one its key-binding JWT must be signed with) is the
/// holder's key too (an SD-JWT VC must have one). Checking `sub` alone stored SD-JWTs that only
/// someone else could present.
fn bound_to(
    content: Option<&serde_json::Value>,
    did: &str,
    holder: &ed25519_dalek::VerifyingKey,
    sd_jwt: bool,
) -> bool {
    let Some(content) = content else {
        return false;
    };
    if !credentials::verify::subject_ids(content).iter().any(|s| s == did) {
        return false;
    }
    match content.pointer("/cnf/jwk") {
        Some(jwk) => credentials::multikey::decode_jwk(jwk).is_ok_and(|key| key == *holder),
        None => !sd_jwt && content.get("cnf").is_none(),
    }
}

/// Stores a verified credential; prints what was stored.
pub fn store_checked(
    wallet: &Wallet,
    text: &str,
    report: &Report,
    source: &str,
    lang: Lang,
) -> Result<String, StoreError> {
    let id = wallet.add(Entry {
        id: String::new(),
        credential: text.trim().to_owned(),
        received_at: SystemClock.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        source: source.to_owned(),
        status: Some(status_word(report)),
    })?;
    let title = summary::summarize(text, lang).map(|s| format!("{} — {}", s.title, s.issuer)).unwrap_or_default();
    println!("{id}\t{}", oid4vp::terminal_safe(&title));
    Ok(id)
}

fn import(dir: &Path, file: &Path, check: &CheckArgs, lang: Lang) -> Result<(), Failure> {
    let bytes = read(file, lang)?;
    let report = check_credential(&verifier(network(check, lang)?), &bytes, lang)?;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    store_checked(&wallet, &text, &report, "import", lang)?;
    Ok(())
}

fn receive_offer(dir: &Path, offer: &str, pin: Option<&str>, check: &CheckArgs, lang: Lang) -> Result<(), Failure> {
    let verifier = verifier(network(check, lang)?);
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, true)?;
    let received = receive::receive(&wallet, offer, pin, SystemClock.now())
        .map_err(|e| Failure::Invalid(e.message(lang).to_owned()))?;
    let report = check_credential(&verifier, received.credential.as_bytes(), lang)?;
    let holder = credentials::Signer::public_key(wallet.holder().as_ref());
    let sd_jwt = credentials::sd_jwt_vc::looks_like_sd_jwt(received.credential.trim());
    if !bound_to(report.content.as_ref(), wallet.did(), &holder, sd_jwt) {
        return Err(Failure::Invalid(t!(lang, "receive-not-bound")));
    }
    store_checked(&wallet, &received.credential, &report, &format!("offer:{}", received.issuer), lang)?;
    Ok(())
}

/// The claims of an SD-JWT credential to show: those named with `--disclose`; without it, each
/// disclosable claim asked about in a terminal, and none in a script (least data by default).
fn choose_disclosures(
    entry: &store::Entry,
    named: Option<&[String]>,
    lang: Lang,
) -> Result<Vec<credentials::sd_jwt::ClaimPath>, Failure> {
    use credentials::sd_jwt::{ClaimPath, Step};
    let failed = |e: credentials::Error| Failure::Usage(coded(&e, lang));
    if let Some(named) = named {
        return named
            .iter()
            .map(|path| ClaimPath::parse(path.trim()).map_err(|e| failed(e.into())))
            .collect::<Result<_, _>>();
    }
    let held = credentials::sd_jwt_vc::read(entry.credential.trim()).map_err(failed)?;
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        eprintln!("{}", t!(lang, "disclose-none-in-script"));
        return Ok(Vec::new());
    }
    let ask = t!(lang, "disclose-ask");
    let mut chosen = Vec::new();
    for path in &held.disclosable {
        let names: Vec<String> = path
            .0
            .iter()
            .map(|step| match step {
                Step::Key(key) => key.clone(),
                Step::Index(index) => index.to_string(),
            })
            .collect();
        let label = oid4vp::printable(&schemas::sd_jwt_vc::claim_label(&held.claims, &names, lang));
        eprint!("{label}\n  {ask}");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        if matches!(line.trim().to_lowercase().as_str(), "y" | "yes" | "o" | "oui") {
            chosen.push(path.clone());
        }
    }
    Ok(chosen)
}

/// `wallet present --request`: read the verifier's request, say who asks for what, and answer
/// with the person's agreement. The verifier's DID is resolved offline (did:key, did:jwk).
fn answer_request(dir: &Path, link: &str, chosen: &[String], yes: bool, lang: Lang) -> Result<u8, Failure> {
    let refused = |e: receive::ReceiveError| Failure::Invalid(e.message(lang).to_owned());
    let now = SystemClock.now();
    let resolver = verifier(Network::default()).resolver;
    let request = oid4vp::fetch(link, resolver.as_ref(), now).map_err(refused)?;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let (entries, _) = wallet.entries()?;
    let chosen = chosen.iter().map(|id| wallet.find(id)).collect::<Result<Vec<_>, _>>()?;
    let answers = oid4vp::select(&request, &entries, &chosen, lang).map_err(refused)?;
    eprintln!("{}", oid4vp::describe(&request, &answers, lang));
    if !yes {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() {
            return Err(Failure::Usage(t!(lang, "request-not-sent-without-terminal")));
        }
        eprint!("{}", t!(lang, "request-send-ask"));
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
        if !matches!(line.trim().to_lowercase().as_str(), "y" | "yes" | "o" | "oui") {
            oid4vp::decline(&request).map_err(refused)?;
            eprintln!("{}", t!(lang, "request-declined"));
            return Ok(EXIT_OK);
        }
    }
    // Signed now, not when the request was read: the person may have taken a while to agree,
    // and a verifier limits how old a presentation may be.
    let now = SystemClock.now();
    if request.expires_at().is_some_and(|expires| expires <= now) {
        return Err(Failure::Invalid(t!(lang, "request-expired")));
    }
    oid4vp::respond(&wallet, &request, &answers, now).map_err(refused)?;
    eprintln!("{}", t!(lang, "request-sent"));
    Ok(EXIT_OK)
}

/// What `wallet list` keeps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub skill: Option<String>,
}

/// The entries `wallet list` shows, with their summaries, and the entries that could not be read.
pub type Listing = (Vec<(Entry, summary::Summary)>, Vec<store::Damaged>);

/// The entries `wallet list` shows (newest first) and the entries that could not be read.
pub fn listing(wallet: &Wallet, filter: &Filter, lang: Lang) -> Result<Listing, StoreError> {
    use rayon::prelude::*;
    let (entries, mut damaged) = wallet.entries()?;
    let keeps = |summary: &summary::Summary| {
        filter.kind.as_ref().is_none_or(|k| summary.kind.eq_ignore_ascii_case(k))
            && filter.issuer.as_ref().is_none_or(|i| {
                let i = i.to_lowercase();
                summary.issuer.to_lowercase().contains(&i) || summary.issuer_id.to_lowercase().contains(&i)
            })
            && filter.skill.as_ref().is_none_or(|s| summary.skills.iter().any(|k| k == s))
    };
    let read: Vec<(Entry, Option<summary::Summary>)> = entries
        .into_par_iter()
        .map(|entry| {
            let summary = summary::summarize(&entry.credential, lang);
            (entry, summary)
        })
        .collect();
    let mut rows = Vec::with_capacity(read.len());
    for (entry, summary) in read {
        match summary {
            Some(summary) if keeps(&summary) => rows.push((entry, summary)),
            Some(_) => {}
            // Decrypted, but not a credential this wallet can read: said, not hidden.
            None => damaged.push(store::Damaged {
                id: entry.id,
                reason: credentials::error::Detail::localized(|lang| t!(lang, "list-unreadable")),
            }),
        }
    }
    rows.sort_by(|a, b| b.1.issued.cmp(&a.1.issued).then_with(|| a.0.id.cmp(&b.0.id)));
    Ok((rows, damaged))
}

fn list(
    dir: &Path,
    filters: (&Option<String>, &Option<String>, &Option<String>),
    json: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let (kind, issuer, skill) = filters;
    let filter = Filter { kind: kind.clone(), issuer: issuer.clone(), skill: skill.clone() };
    let (rows, damaged) = listing(&wallet, &filter, lang)?;
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|(entry, s)| {
                serde_json::json!({"id": entry.id, "type": s.kind, "title": s.title, "issuer": s.issuer,
                    "issued": s.issued, "skills": s.skills, "status": entry.status})
            })
            .collect();
        let damaged: Vec<serde_json::Value> = damaged
            .iter()
            .map(|d| serde_json::json!({"id": d.id, "reason": d.reason.en, "reason_fr": d.reason.fr}))
            .collect();
        println!("{}", serde_json::json!({"credentials": items, "damaged": damaged}));
    } else {
        let mut out = String::new();
        out.push_str(&format!(
            "{:<16}  {:<10}  {:<10}  {:<12}  {:<32}  {}\n",
            t!(lang, "list-column-id"),
            t!(lang, "list-column-type"),
            t!(lang, "list-column-issued"),
            t!(lang, "list-column-status"),
            t!(lang, "list-column-credential"),
            t!(lang, "list-column-issuer")
        ));
        // Looked up once for the whole list, not once per row.
        let words = ListWords::new(lang);
        for (entry, s) in &rows {
            let status = words.status(entry.status.as_deref());
            let kind = words.kind(&s.kind);
            out.push_str(&format!(
                "{:<16}  {:<10}  {:<10}  {:<12}  {:<32}  {}\n",
                entry.id,
                kind,
                oid4vp::terminal_safe(&s.issued),
                status,
                oid4vp::terminal_safe(&s.title),
                oid4vp::terminal_safe(&s.issuer)
            ));
        }
        print!("{out}");
        eprintln!("{}", t!(lang, "list-count", count = rows.len().to_string()));
    }
    for bad in &damaged {
        eprintln!("{}", t!(lang, "list-damaged", id = bad.id.as_str(), reason = bad.reason.get(lang)));
    }
    Ok(())
}

/// The words of the type and status columns of `wallet list`, in one language. A kind or a
/// status the wallet has no word for (a credential type, a status code) is shown as it is.
struct ListWords {
    kinds: [(&'static str, String); 3],
    statuses: [(&'static str, String); 4],
    not_checked: String,
}

impl ListWords {
    fn new(lang: Lang) -> Self {
        ListWords {
            kinds: [
                ("skill", t!(lang, "list-kind-skill")),
                ("assignment", t!(lang, "list-kind-assignment")),
                ("credential", t!(lang, "list-kind-credential")),
            ],
            statuses: [
                ("active", t!(lang, "list-status-active")),
                ("revoked", t!(lang, "list-status-revoked")),
                ("suspended", t!(lang, "list-status-suspended")),
                ("no status", t!(lang, "list-status-none")),
            ],
            not_checked: t!(lang, "list-status-not-checked"),
        }
    }

    fn kind<'a>(&'a self, kind: &'a str) -> &'a str {
        self.kinds.iter().find(|(code, _)| *code == kind).map_or(kind, |(_, word)| word.as_str())
    }

    /// `status` as stored with the entry (see `status_word`).
    fn status<'a>(&'a self, status: Option<&'a str>) -> &'a str {
        match status {
            None | Some("not checked") => &self.not_checked,
            Some(status) => self.statuses.iter().find(|(code, _)| *code == status).map_or(status, |(_, word)| word),
        }
    }
}

fn show(dir: &Path, query: &str, json: bool, lang: Lang) -> Result<u8, Failure> {
    let bytes = if Path::new(query).is_file() {
        read(Path::new(query), lang)?
    } else {
        let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
        wallet.find(query)?.credential.into_bytes()
    };
    let report = verifier(Network::default())
        .verify_bytes(&bytes, &PresentationOptions::default())
        .map_err(|e| Failure::Usage(coded(&e, lang)))?;
    let Some(content) = report.content.as_ref() else {
        return Err(Failure::Usage(t!(lang, "not-a-credential")));
    };
    let failure = report.first_failure();
    if let Some((kind, failure)) = &failure {
        let message = oid4vp::terminal_safe(&failure.message(lang));
        eprintln!(
            "{}",
            t!(lang, "show-check-failed", check = kind.label_for(lang, report.document), message = message)
        );
        eprintln!("{}", t!(lang, "show-does-not-verify"));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(content).unwrap_or_default());
    } else {
        match schemas::describe(content, lang) {
            Some(fields) => {
                for field in fields {
                    let value = oid4vp::terminal_safe(&field.value);
                    println!("{}", t!(lang, "show-field", label = field.label, value = value));
                }
            }
            None => println!("{}", t!(lang, "show-not-described")),
        }
    }
    if failure.is_some() {
        return Ok(EXIT_INVALID);
    }
    eprintln!("{}", t!(lang, "show-verified"));
    Ok(EXIT_OK)
}

fn write_out(out: Option<&Path>, text: &str, lang: Lang) -> Result<(), Failure> {
    match out {
        // Owner-only, like the store: what is written is the credential in clear.
        Some(path) => store::write_atomic(path, text.as_bytes()).map_err(|e| {
            // The store's message names the path again in English; French names only the failure.
            let reason = match (&e, lang) {
                (StoreError::Io { source, .. }, Lang::Fr) => io_reason(source, lang),
                _ => e.message(lang),
            };
            Failure::Usage(t!(lang, "file-unwritable", path = path.display().to_string(), reason = reason))
        }),
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<u8, Failure> {
    let dir = cli.wallet.clone().unwrap_or_else(store::default_dir);
    match &cli.command {
        Command::Init { did_method } => {
            let wallet = Wallet::init_with(&dir, &passphrase(lang, true)?, kdf(), *did_method)?;
            eprintln!("{}", t!(lang, "init-created", dir = dir.display().to_string()));
            println!("{}", wallet.did());
        }
        Command::Did => println!("{}", Wallet::open(&dir, &passphrase(lang, false)?, false)?.did()),
        Command::Import { file, check } => import(&dir, file, check, lang)?,
        Command::Receive { offer, pin, check } => receive_offer(&dir, offer, pin.as_deref(), check, lang)?,
        Command::List { kind, issuer, skill, json } => list(&dir, (kind, issuer, skill), *json, lang)?,
        Command::Show { credential, json } => return show(&dir, credential, *json, lang),
        Command::Export { id, out } => {
            let wallet = Wallet::open(&dir, &passphrase(lang, false)?, false)?;
            write_out(out.as_deref(), &wallet.find(id)?.credential, lang)?;
        }
        Command::Delete { id } => {
            let wallet = Wallet::open(&dir, &passphrase(lang, false)?, true)?;
            let entry = wallet.find(id)?;
            wallet.delete(&entry.id)?;
            eprintln!("{}", t!(lang, "deleted", id = entry.id.as_str()));
        }
        Command::Backup { file } => {
            let wallet = Wallet::open(&dir, &passphrase(lang, false)?, false)?;
            let count = wallet.backup(file).map_err(about_file(file, lang))?;
            eprintln!("{}", t!(lang, "backup-written", count = count.to_string(), file = file.display().to_string()));
        }
        Command::Restore { file } => {
            let wallet = Wallet::restore(&dir, file, &passphrase(lang, false)?).map_err(about_file(file, lang))?;
            let (entries, damaged) = wallet.entries()?;
            eprintln!(
                "{}",
                t!(lang, "restore-done", count = entries.len().to_string(), dir = dir.display().to_string())
            );
            if !damaged.is_empty() {
                let count = damaged.len().to_string();
                return Err(Failure::Store(StoreError::Damaged(
                    file.clone(),
                    credentials::error::Detail::localized(|lang| {
                        t!(lang, "restore-unreadable-entries", count = count.as_str())
                    }),
                )));
            }
        }
        Command::Present { request: Some(link), credentials, yes, .. } => {
            return answer_request(&dir, link, credentials, *yes, lang);
        }
        Command::Present { ids, challenge, domain, format, out, disclose, .. } => {
            let wallet = Wallet::open(&dir, &passphrase(lang, false)?, false)?;
            let entries = ids.iter().map(|id| wallet.find(id)).collect::<Result<Vec<_>, _>>()?;
            let (challenge, domain) = (challenge.as_deref().unwrap_or_default(), domain.as_deref().unwrap_or_default());
            let failed = |e: credentials::Error| Failure::Usage(coded(&e, lang));
            let presentation = match entries.as_slice() {
                [entry] if present::is_sd_jwt(entry) => {
                    let disclose = choose_disclosures(entry, disclose.as_deref(), lang)?;
                    present::present_sd_jwt(&wallet, entry, &disclose, challenge, domain, SystemClock.now())
                        .map_err(failed)?
                }
                entries if entries.iter().any(present::is_sd_jwt) => {
                    return Err(Failure::Usage(t!(lang, "present-sd-jwt-alone")))
                }
                _ if disclose.is_some() => return Err(Failure::Usage(t!(lang, "present-disclose-not-sd-jwt"))),
                entries => present::present(
                    &wallet,
                    entries,
                    challenge,
                    domain,
                    *format,
                    credentials::proof::Suite::EddsaRdfc2022,
                    SystemClock.now(),
                )
                .map_err(failed)?,
            };
            write_out(out.as_deref(), &presentation, lang)?;
        }
    }
    Ok(EXIT_OK)
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
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("{}", t!(lang, "failure", message = oid4vp::terminal_safe(&failure.message(lang))));
            ExitCode::from(failure.exit_code())
        }
    }
}

#[cfg(test)]
mod binding_tests {
    use super::*;

    /// Found by review: an SD-JWT VC whose `sub` was the holder's DID but whose `cnf.jwk` was
    /// another key was stored as "bound to your key", and could never be presented.
    #[test]
    fn a_received_credential_is_bound_by_its_subject_and_its_confirmation_key() {
        let holder = keys::LocalKey::generate();
        let other = keys::LocalKey::generate();
        let did = holder.did_key();
        let key = credentials::Signer::public_key(&holder);
        let jwk = |k: &keys::LocalKey| credentials::multikey::public_jwk(&credentials::Signer::public_key(k));
        let vc = serde_json::json!({"credentialSubject": {"id": did}});
        assert!(bound_to(Some(&vc), &did, &key, false));
        let someone_else = serde_json::json!({"credentialSubject": {"id": other.did_key()}});
        assert!(!bound_to(Some(&someone_else), &did, &key, false));
        let sd_jwt = serde_json::json!({"sub": did, "cnf": {"jwk": jwk(&holder)}});
        assert!(bound_to(Some(&sd_jwt), &did, &key, true));
        let elsewhere = serde_json::json!({"sub": did, "cnf": {"jwk": jwk(&other)}});
        assert!(!bound_to(Some(&elsewhere), &did, &key, true));
        assert!(!bound_to(Some(&serde_json::json!({"sub": did, "cnf": {}})), &did, &key, true));
        // An SD-JWT VC without a confirmation key could never be presented with key binding.
        assert!(!bound_to(Some(&serde_json::json!({"sub": did})), &did, &key, true));
        assert!(!bound_to(None, &did, &key, false));
    }
}

#[cfg(test)]
mod wording_tests {
    use super::*;

    #[test]
    fn list_columns_show_known_words_in_the_readers_language_and_other_values_as_they_are() {
        let english = ListWords::new(Lang::En);
        let french = ListWords::new(Lang::Fr);
        assert_eq!(english.status(None), "not checked");
        assert_eq!(english.status(Some("no status")), "no status");
        assert_eq!(english.status(Some("status_retrieval_error")), "status_retrieval_error");
        assert_eq!(french.status(None), "non vérifié");
        assert_eq!(french.status(Some("not checked")), "non vérifié");
        assert_eq!(french.status(Some("revoked")), "révoquée");
        assert_eq!(french.status(Some("no status")), "sans statut");
        assert_eq!(french.status(Some("status_retrieval_error")), "status_retrieval_error");
        assert_eq!(english.kind("skill"), "skill");
        assert_eq!(french.kind("assignment"), "affectation");
        assert_eq!(french.kind("PayslipCredential"), "PayslipCredential");
    }

    #[test]
    fn store_errors_are_worded_in_both_languages() {
        let failure = Failure::Store(StoreError::StoredTwice("urn:x".into()));
        assert_eq!(
            failure.message(Lang::Fr),
            "l'attestation « urn:x » est enregistrée plus d'une fois : choisissez-la par l'identifiant du portefeuille (première colonne de `wallet list`)"
        );
        assert_eq!(
            failure.to_string(),
            "the credential `urn:x` is stored more than once: choose one by the wallet's id (first column of `wallet list`)"
        );
        let io = StoreError::Io { path: "/w/wallet.json".into(), source: std::io::ErrorKind::NotFound.into() };
        assert_eq!(io.message(Lang::Fr), "/w/wallet.json : fichier ou dossier introuvable");
        assert_eq!(
            Failure::Store(StoreError::WrongPassphrase).message(Lang::En),
            StoreError::WrongPassphrase.to_string()
        );
    }
}
