//! `issuer serve`: logs, first-start demo department, listener, and a graceful shutdown that lets
//! requests in flight finish (their credentials are already recorded before they are answered),
//! through `service_kit::serve` as the verifier does.

use std::sync::Arc;

use schemas::{Lang, LocalizedText};

use crate::cli::config::Config;
use crate::cli::error::CommandError;
use crate::domain::departments::did_web_host;
use crate::domain::error::IssuerError;
use crate::domain::service::IssuerService;
use crate::domain::tokens::Scope;
use crate::i18n::{detail, t};
use crate::store::StoreError;

fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ISSUER_LOG").unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second initialization (tests) is harmless: the first subscriber stays.
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

/// On a fresh database, creates the `demo` department and an all-scopes token, and says so.
async fn first_start(service: &IssuerService, config: &Config, lang: Lang) -> Result<(), CommandError> {
    if !service.store().departments().await.map_err(IssuerError::from)?.is_empty() {
        return Ok(());
    }
    let name = LocalizedText::new(t!(Lang::En, "serve-demo-department"), t!(Lang::Fr, "serve-demo-department"));
    let department = match service.create_department("demo", &name, "system:first-start").await {
        Ok(department) => department,
        // Another replica sharing the database made it first.
        Err(IssuerError::Store(StoreError::Exists(_))) => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    let (_, token) = service
        .create_token("demo", &[Scope::Issue, Scope::Revoke, Scope::Admin], "first-start", "system:first-start")
        .await?;
    let base = config.public_url.as_str().trim_end_matches('/');
    let example = format!(
        "curl -s -X POST {base}/credentials/skill -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' \\\n  -d '{{\"subject\": \"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2\", \"skill\": \"api_design\", \"level\": \"advanced\"}}'"
    );
    // The message ends with the example; the blank line after it is the program's.
    println!(
        "{}\n",
        t!(lang, "serve-first-start", did = department.did.as_str(), token = token.as_str(), example = example)
    );
    Ok(())
}

/// Refuses to serve when a `did:web` department names another host than the public URL: its
/// DID document would be looked for there, and everything it signs would fail to verify.
async fn departments_served_here(service: &IssuerService, config: &Config) -> Result<(), CommandError> {
    match service.departments_served_elsewhere().await?.into_iter().next() {
        None => Ok(()),
        Some(department) => {
            let host = did_web_host(&department.did);
            Err(CommandError::Usage(detail!(
                "serve-department-elsewhere",
                department = department.id.as_str(),
                did = department.did.as_str(),
                url = config.public_url.as_str().trim_end_matches('/'),
                host = host.as_str()
            )))
        }
    }
}

pub(crate) async fn serve(config: Config, service: IssuerService, lang: Lang) -> Result<(), CommandError> {
    init_logs(config.json_logs);
    departments_served_here(&service, &config).await?;
    first_start(&service, &config, lang).await?;
    let app = crate::http::app(Arc::new(service), config.body_limit);
    service_kit::serve(app, config.listen, config.tls.as_ref(), |url| {
        println!("{}", t!(lang, "serve-listening", url = url));
    })
    .await?;
    Ok(())
}
