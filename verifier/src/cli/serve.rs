//! `verifier serve`: turns the options into a running service: its verifier (online), its
//! identity for OpenID4VP (a key file, or a new key), the API token (made and shown once when
//! none is given), the trust registry, logs, and the network options.

use credentials::error::{io_reason, Detail};
use lang::Lang;

use crate::cli::args::ServeArgs;
use crate::cli::usage::placeholders;
use crate::domain::ids::random_id;
use crate::domain::oid4vp::identity::Identity;
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
    // The requesting-party endpoints are never open: without a token, one is made and shown once.
    let api_token = match args.api_token.as_deref().filter(|t| !t.is_empty()) {
        Some(token) => token.to_owned(),
        None => {
            let token = random_id("vt-");
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
    let identity = Identity {
        signer: std::sync::Arc::new(key),
        did,
        public_url,
        name_en: args.name.clone(),
        name_fr: args.name_fr.clone(),
    };
    let service =
        VerifierService::new(verifier, args.require_status).with_identity(identity).with_api_token(Some(api_token));
    let service = std::sync::Arc::new(match &args.trust {
        Some(path) => service.with_trust(path).map_err(|e| Detail::localized(|lang| e.message(lang)))?,
        None => service,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-runtime", reason = io_reason(&e, lang))))?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("VERIFIER_LOG").unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if args.json_logs { logs.json().try_init() } else { logs.try_init() };
    let options = ServeOptions {
        tls: args.tls_cert.clone().zip(args.tls_key.clone()).map(|(certificate, key)| Tls { certificate, key }),
        rate_limit: args.rate_limit,
    };
    let listening = |url: &str| eprintln!("{}", t!(lang, "serve-listening", url = url));
    runtime
        .block_on(serve(service, args.listen, options, listening))
        .map_err(|e| Detail::localized(|lang| t!(lang, "cli-service-stopped", reason = io_reason(&e, lang))))
}
