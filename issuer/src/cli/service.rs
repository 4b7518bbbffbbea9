//! The commands that open the service's database: `serve`, and the administration a department
//! needs from a terminal (departments, tokens, keys, credential status, audit, bulk issuance).

use std::sync::Arc;

use credentials::error::Detail;
use credentials::SystemClock;
use schemas::{Lang, LocalizedText};

use crate::cli::args::{
    Command, CredentialCommand, DepartmentCommand, FiguresCommand, KeyCommand, ServiceArgs, TokenCommand,
};
use crate::cli::batch;
use crate::cli::config::{Config, MasterKeySource};
use crate::cli::error::CommandError;
use crate::cli::render::print_json;
use crate::cli::serve::serve;
use crate::domain::departments::{check_department, did_web_host, DidMethod};
use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::status::StatusChange;
use crate::domain::tokens::Scope;
use crate::i18n::{detail, t};
use crate::store::{KeyBackend, Store};

fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

/// Opens the service the configuration describes (creating its data directory).
async fn open_service(args: &ServiceArgs) -> Result<(Config, IssuerService), CommandError> {
    let config = Config::load(args.config.as_deref())?;
    // The data directory holds the SQLite database and, by default, the master key file.
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    if let MasterKeySource::File(path) = &config.master_key {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
    }
    let (master, created) = config.master_key.load()?;
    let store = Store::open(&config.database_url).await.map_err(IssuerError::from)?;
    let service = IssuerService::new(store, master, config.did_host(), Arc::new(SystemClock))
        .with_rate_limit(config.rate_limit_per_second)
        .with_public_url(&config.public_url, config.status_ttl)
        .with_sessions(config.sessions)
        .with_oidc(crate::domain::oidc_settings::OidcLogins::new(config.oidc.clone(), &config.public_url)?);
    let service = match &config.pkcs11 {
        Some(pkcs11) => service.with_token(pkcs11.open()?),
        None => service,
    };
    if !service.master_key_opens_stored_keys().await? {
        // A key file made just now for a database that already holds keys: not the right one.
        if let (true, MasterKeySource::File(path)) = (created, &config.master_key) {
            let _ = std::fs::remove_file(path);
        }
        return Err(CommandError::Usage(detail!("cli-master-key-mismatch")));
    }
    Ok((config, service))
}

/// A request the service refuses as malformed is, from the command line, a usage error.
fn usage(error: IssuerError) -> CommandError {
    match error {
        IssuerError::BadRequest(detail) => CommandError::Usage(detail),
        other => other.into(),
    }
}

/// A `did:web` department is served where the service's public URL says: refused when no public
/// URL (nor listening address) is configured, since the default names a service on this
/// machine's port 8080, and when the database's other `did:web` departments name another host,
/// since `issuer serve` would then run elsewhere than this command believes.
async fn served_here(config: &Config, service: &IssuerService, id: &str) -> Result<(), CommandError> {
    let did = service.department_did(id);
    let url = config.public_url.as_str().trim_end_matches('/');
    if !config.public_url_configured {
        return Err(CommandError::Usage(detail!("cli-public-url-unknown", did = did.as_str(), url = url)));
    }
    if let Some(other) = service.departments_served_elsewhere().await?.into_iter().next() {
        let host = did_web_host(&other.did);
        return Err(CommandError::Usage(detail!(
            "cli-public-url-disagrees",
            did = did.as_str(),
            url = url,
            other = other.id.as_str(),
            other_did = other.did.as_str(),
            host = host.as_str()
        )));
    }
    Ok(())
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

/// Runs a command that opens the service's database (`serve` among them).
pub(crate) fn run(command: Command, lang: Lang) -> Result<(), CommandError> {
    runtime()?.block_on(async move {
        match command {
            Command::Serve(args) => {
                let (config, service) = open_service(&args).await?;
                serve(config, service, lang).await
            }
            Command::Department(DepartmentCommand::Create {
                service,
                id,
                name,
                name_fr,
                status_purposes,
                did_method,
                key_backend,
            }) => {
                // Arguments that cannot make a department are usage errors (exit 2), said before
                // the database is opened.
                let method: DidMethod = did_method.parse().map_err(usage)?;
                let backend = KeyBackend::parse(&key_backend).ok_or_else(|| {
                    CommandError::Usage(detail!("cli-unknown-key-backend", backend = key_backend.as_str()))
                })?;
                let purposes: Vec<String> = status_purposes
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty() && *p != "none")
                    .map(str::to_owned)
                    .collect();
                let name = LocalizedText::new(name, name_fr);
                check_department(&id, &name, &purposes).map_err(usage)?;
                let (config, service) = open_service(&service).await?;
                if backend == KeyBackend::Pkcs11 && config.pkcs11.is_none() {
                    return Err(CommandError::Usage(detail!("cli-no-pkcs11-token")));
                }
                if method == DidMethod::Web {
                    served_here(&config, &service, &id).await?;
                }
                let department = service
                    .create_department_with(&id, &name, &purposes, method, backend, &cli_actor())
                    .await
                    .map_err(usage)?;
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
            Command::Key(KeyCommand::Destroy { service, department, verification_method }) => {
                let (_, service) = open_service(&service).await?;
                if !service.destroy_key(&department, &verification_method, &cli_actor()).await? {
                    eprintln!("{}", t!(lang, "cli-key-not-in-token", method = verification_method.as_str()));
                }
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
            Command::Figures(FiguresCommand::Budget { service, department, period, epsilon }) => {
                let quarter: figures::Quarter = period.parse().map_err(|e| CommandError::Usage(Detail::of(&e)))?;
                let (_, service) = open_service(&service).await?;
                service.set_figure_budget(&department, quarter, epsilon, &cli_actor()).await?;
                let (period, epsilon) = (quarter.to_string(), epsilon.to_string());
                eprintln!(
                    "{}",
                    t!(lang, "cli-figures-budget-set", department = department, period = period, epsilon = epsilon)
                );
                Ok(())
            }
            Command::Figures(FiguresCommand::Release { service, department, period, epsilon }) => {
                let quarter: figures::Quarter = period.parse().map_err(|e| CommandError::Usage(Detail::of(&e)))?;
                let (_, service) = open_service(&service).await?;
                let published = service.release_figures(&department, quarter, epsilon, &cli_actor()).await?;
                let (period, epsilon) = (quarter.to_string(), published.epsilon.to_string());
                eprintln!(
                    "{}",
                    t!(
                        lang,
                        "cli-figures-released",
                        period = period,
                        epsilon = epsilon,
                        path = published.path.as_str()
                    )
                );
                println!("{}", published.body);
                Ok(())
            }
            Command::IssueBatch { service, department, csv, out, suite, parallelism } => {
                let (_, service) = open_service(&service).await?;
                let rejected = batch::run(service, &department, &csv, &out, suite, parallelism, lang).await?;
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
