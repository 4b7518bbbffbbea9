//! `verifier serve`: turns the options into a running service: its verifier (online), its
//! identity for OpenID4VP (a key file, or a new key), the API token (made and shown once when
//! none is given), the trust registry, logs, and the network options.

use credentials::error::{io_reason, Detail};
use lang::Lang;

use crate::cli::admin::{create_token, master_key, open_store};
use crate::cli::args::ServeArgs;
use crate::cli::usage::placeholders;
use crate::domain::oid4vp::identity::Identity;
use crate::domain::oid4vp::requests::Limits;
use crate::domain::request_key;
use crate::domain::service::VerifierService;
use crate::http::serve::{serve, ServeOptions};
use crate::i18n::t;
use service_kit::Tls;

/// Runs the service until it is told to stop.
pub fn run(args: ServeArgs, lang: Lang) -> Result<(), Detail> {
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
                let expected = placeholders("HOST=BASE_URL", lang);
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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-runtime", reason = io_reason(&e, lang))))?;
    // The state outlives the process: requests, outcomes, challenges, tokens, the signing key.
    // (A PostgreSQL pool starts its housekeeping task in the runtime it is made in.)
    let _context = runtime.enter();
    let store = open_store(&args.store)?;
    runtime.block_on(store.ready()).map_err(|e| Detail::localized(|lang| e.message(lang)))?;
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
        None => {
            let master = master_key(&args.store)?;
            runtime
                .block_on(request_key::current(
                    &store,
                    &master,
                    credentials::Clock::now(&credentials::SystemClock).timestamp(),
                ))
                .map_err(|e| Detail::localized(|lang| e.message(lang)))?
        }
    };
    // The requesting-party endpoints are never open: without a token given or stored, one is
    // made, stored hashed and shown once.
    let api_token = args.api_token.clone().filter(|t| !t.is_empty());
    let stored = runtime.block_on(store.tokens()).map_err(|e| Detail::localized(|lang| e.message(lang)))?;
    let mut stored_tokens = stored.iter().any(|row| row.revoked_at.is_none());
    if api_token.is_none() && !stored_tokens {
        let scopes = ["request".to_owned(), "read".to_owned()];
        let (_, token) = runtime.block_on(create_token(&store, &scopes, "serve"))?;
        // Said in both languages: the token is shown once, whoever reads it.
        let (en, fr) = (t!(Lang::En, "cli-api-token-made"), t!(Lang::Fr, "cli-api-token-made"));
        println!("{en} / {fr}\n\n  {token}\n");
        stored_tokens = true;
    }
    let did = key.did_key();
    eprintln!("{}", t!(lang, "cli-client-id", client_id = format!("decentralized_identifier:{did}")));
    let identity = Identity {
        signer: std::sync::Arc::new(key),
        did,
        public_url,
        name_en: args.name.clone(),
        name_fr: args.name_fr.clone(),
    };
    let limits = Limits {
        open_per_creator: i64::from(args.max_open_requests),
        failed_answers: i64::from(args.max_failed_answers.max(1)),
        retention: std::time::Duration::from_secs(args.outcome_retention),
        ..Limits::default()
    };
    let service = VerifierService::new(verifier, args.require_status)
        .with_store(store, limits, stored_tokens)
        .with_identity(identity)
        .with_directory_days(args.directory_days)
        .with_api_token(api_token)
        .with_name_blind(args.name_blind)
        .with_figures(args.figures.clone());
    let service = std::sync::Arc::new(match &args.trust {
        Some(path) => service.with_trust(path).map_err(|e| Detail::localized(|lang| e.message(lang)))?,
        None => service,
    });
    let filter = tracing_subscriber::EnvFilter::try_from_env("VERIFIER_LOG").unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if args.json_logs { logs.json().try_init() } else { logs.try_init() };
    let options = ServeOptions {
        tls: args.tls_cert.clone().zip(args.tls_key.clone()).map(|(certificate, key)| Tls { certificate, key }),
        rate_limit: args.rate_limit,
        purge_every: Some(std::time::Duration::from_secs(args.purge_every.max(1))),
    };
    let listening = |url: &str| eprintln!("{}", t!(lang, "serve-listening", url = url));
    runtime
        .block_on(serve(service, args.listen, options, listening))
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-service-stopped", reason = io_reason(&e, lang))))
}
