//! The commands that administer a service's database: its API tokens, its request-signing key,
//! its open requests. They open the same database `serve` uses (the same options), so an
//! operator runs them beside a running service, or on any replica.

use credentials::error::{io_reason, Detail};
use keys::MasterKey;
use lang::Lang;

use crate::cli::args::{KeyCommand, RequestsCommand, StoreArgs, TokenCommand};
use crate::domain::ids::random_id;
use crate::domain::request_key;
use crate::domain::service::token_sha256;
use crate::i18n::t;
use crate::store::{Store, TokenRow};

/// The database the options name: PostgreSQL with `--database-url`, else SQLite in the data
/// directory (created).
pub fn open_store(args: &StoreArgs) -> Result<Store, Detail> {
    match args.database_url.as_deref().filter(|url| !url.is_empty()) {
        Some(url) => Store::open(url).map_err(|e| Detail::localized(|lang| e.message(lang))),
        None => {
            std::fs::create_dir_all(&args.data_dir).map_err(|e| {
                let dir = args.data_dir.display().to_string();
                Detail::localized(|lang| t!(lang, "cli-data-dir", dir = dir.as_str(), reason = io_reason(&e, lang)))
            })?;
            Store::in_directory(&args.data_dir).map_err(|e| Detail::localized(|lang| e.message(lang)))
        }
    }
}

/// The master key: `VERIFIER_MASTER_KEY` (base64), else the file (created when missing).
pub fn master_key(args: &StoreArgs) -> Result<MasterKey, Detail> {
    if let Some(text) = std::env::var("VERIFIER_MASTER_KEY").ok().filter(|t| !t.is_empty()) {
        return MasterKey::from_base64(&text).map_err(|e| Detail::of(&e));
    }
    let path = args.master_key_file.clone().unwrap_or_else(|| args.data_dir.join("master.key"));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            let dir = parent.display().to_string();
            Detail::localized(|lang| t!(lang, "cli-data-dir", dir = dir.as_str(), reason = io_reason(&e, lang)))
        })?;
    }
    MasterKey::load_or_create(&path).map(|(key, _)| key).map_err(|e| Detail::of(&e))
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Detail> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-runtime", reason = io_reason(&e, lang))))
}

fn store_failed(error: impl std::fmt::Display + Send + Sync + 'static) -> Detail {
    let reason = error.to_string();
    Detail::localized(|lang| t!(lang, "cli-store-failed", reason = reason.as_str()))
}

pub(crate) fn now() -> i64 {
    use credentials::Clock;
    credentials::SystemClock.now().timestamp()
}

/// Creates a token with `scopes`; returns its id and its secret (shown once).
pub async fn create_token(store: &Store, scopes: &[String], description: &str) -> Result<(String, String), Detail> {
    let secret = random_id("vt-");
    let row = TokenRow {
        id: random_id("t-").chars().take(14).collect(),
        scopes: scopes.join(" "),
        description: description.to_owned(),
        created_at: now(),
        revoked_at: None,
    };
    store.insert_token(&row, &token_sha256(&secret)).await.map_err(store_failed)?;
    Ok((row.id, secret))
}

pub fn token(command: TokenCommand, lang: Lang) -> Result<(), Detail> {
    let runtime = runtime()?;
    let _context = runtime.enter();
    match command {
        TokenCommand::Create { store, scopes, description } => {
            let store = open_store(&store)?;
            let (id, secret) = runtime.block_on(create_token(&store, &scopes, &description))?;
            eprintln!("{}", t!(lang, "cli-token-created", id = id.as_str(), scopes = scopes.join(" ")));
            println!("{secret}");
        }
        TokenCommand::List { store } => {
            let store = open_store(&store)?;
            for row in runtime.block_on(store.tokens()).map_err(store_failed)? {
                let state = match row.revoked_at {
                    Some(_) => t!(lang, "cli-token-revoked"),
                    None => t!(lang, "cli-token-live"),
                };
                let created = chrono::DateTime::from_timestamp(row.created_at, 0).unwrap_or_default().to_rfc3339();
                println!(
                    "{}\t{}\t{state}\t{created}\t{}",
                    row.id,
                    row.scopes,
                    crate::domain::visible::visible(&row.description)
                );
            }
        }
        TokenCommand::Revoke { store, id } => {
            let store = open_store(&store)?;
            if !runtime.block_on(store.revoke_token(&id, now())).map_err(store_failed)? {
                return Err(Detail::localized(|lang| t!(lang, "cli-token-unknown", id = id.as_str())));
            }
            eprintln!("{}", t!(lang, "cli-token-revoked-now", id = id.as_str()));
        }
    }
    Ok(())
}

pub fn key(command: KeyCommand, lang: Lang) -> Result<(), Detail> {
    let KeyCommand::Rotate { store } = command;
    let master = master_key(&store)?;
    let runtime = runtime()?;
    let _context = runtime.enter();
    let store = open_store(&store)?;
    let did = runtime
        .block_on(request_key::rotate(&store, &master, now()))
        .map_err(|e| Detail::localized(|lang| e.message(lang)))?;
    eprintln!("{}", t!(lang, "cli-key-rotated", did = did.as_str()));
    Ok(())
}

pub fn requests(command: RequestsCommand, lang: Lang) -> Result<(), Detail> {
    let RequestsCommand::List { store } = command;
    let runtime = runtime()?;
    let _context = runtime.enter();
    let store = open_store(&store)?;
    let open = runtime.block_on(store.open_requests(now())).map_err(store_failed)?;
    if open.is_empty() {
        eprintln!("{}", t!(lang, "cli-requests-none"));
    }
    for row in open {
        let expires = chrono::DateTime::from_timestamp(row.expires_at, 0).unwrap_or_default().to_rfc3339();
        println!("{}\t{}\t{expires}\t{}", row.id, row.created_by, row.failed_attempts);
    }
    Ok(())
}
