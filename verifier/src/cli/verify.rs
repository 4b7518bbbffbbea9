//! `verifier verify`: one [`Verifier`] built from the options (contexts, DID documents, status
//! lists, hosts, the time), the inputs checked on every core with rayon, the trust registry
//! applied (or, without one, each issuer marked as vouched for by nobody), and the reports
//! printed in input order, a chunk of inputs at a time.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use credentials::contexts::ContextSet;
use credentials::did::DidDocument;
use credentials::error::Detail;
use credentials::status::StatusConfig;
use credentials::verify::{Network, PresentationOptions, Verifier};
use credentials::{Clock, FixedClock, SystemClock};
use lang::Lang;

use crate::cli::args::VerifyArgs;
use crate::cli::exit::exit_code;
use crate::cli::inputs::{collect_inputs, verify_in_order, Tally};
use crate::cli::render;
use crate::cli::usage::UsageError;
use crate::domain::trust::{Judge, Registry};
use crate::domain::untrusted;
use crate::i18n::t;

fn split_pair<'a>(value: &'a str, expected: &'static str) -> Result<(&'a str, &'a str), UsageError> {
    value
        .split_once('=')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| UsageError::BadPair { value: value.to_owned(), expected })
}

fn read_file(path: &Path) -> Result<Vec<u8>, UsageError> {
    std::fs::read(path).map_err(|source| UsageError::Read { path: path.to_owned(), source })
}

/// Builds the verifier the options describe.
pub fn build_verifier(args: &VerifyArgs) -> Result<Verifier, UsageError> {
    let mut contexts = ContextSet::standard();
    for pair in &args.contexts {
        let (url, file) = split_pair(pair, "URL=FILE")?;
        let bytes = read_file(Path::new(file))?;
        let text = String::from_utf8(bytes).map_err(|e| UsageError::BadContext {
            path: file.into(),
            reason: Detail::localized(|lang| t!(lang, "context-not-utf8", detail = e.to_string())),
        })?;
        contexts
            .insert(url, &text)
            .map_err(|e| UsageError::BadContext { path: file.into(), reason: Detail::of(&e) })?;
    }
    let mut network = Network {
        online: args.online,
        status: StatusConfig {
            max_cache: Duration::from_secs(args.status_cache),
            unknown_fails: args.require_status,
            ..StatusConfig::default()
        },
        ..Network::default()
    };
    for path in &args.did_documents {
        let bytes = read_file(path)?;
        let document: DidDocument = serde_json::from_slice(&bytes).map_err(|e| UsageError::BadDidDocument {
            path: path.clone(),
            reason: Detail::new(e.to_string(), credentials::error::json_french(&e)),
        })?;
        network.did_documents.push(document);
    }
    for pair in &args.did_web_hosts {
        let (host, base) = split_pair(pair, "HOST=BASE_URL")?;
        let url = url::Url::parse(base).map_err(|_| UsageError::BadUrl(base.to_owned()))?;
        network.host_overrides.insert(host.to_owned(), url);
    }
    for pair in &args.status_lists {
        let (url, file) = split_pair(pair, "URL=FILE")?;
        network.status_lists.push((url.to_owned(), read_file(Path::new(file))?));
    }
    let clock: Arc<dyn Clock> = match &args.at {
        Some(at) => Arc::new(FixedClock(
            DateTime::parse_from_rfc3339(at).map_err(|_| UsageError::BadTime(at.clone()))?.with_timezone(&Utc),
        )),
        None => Arc::new(SystemClock),
    };
    Ok(network.verifier(contexts, clock))
}

/// `verifier verify`: returns the exit code.
pub fn run(args: &VerifyArgs, lang: Lang) -> Result<u8, UsageError> {
    let verifier = build_verifier(args)?;
    let inputs = collect_inputs(&args.paths)?;
    let options = PresentationOptions {
        challenge: args.challenge.clone(),
        domain: args.domain.clone(),
        // A file kept for one audience (a profile file) is not verified by someone who does not
        // say who they are.
        audience_required: true,
        ..PresentationOptions::default()
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads);
    }
    let pool = pool.build().map_err(|e| UsageError::Threads(e.to_string()))?;
    // Read before any input is checked: a registry that cannot be read stops the command before
    // it prints anything.
    let registry = args.trust.as_deref().map(Registry::load).transpose()?;
    let now = verifier.clock.now();
    let detailed = args.verbose || inputs.len() == 1;
    let out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    let mut printer = render::Printer::new(out, lang, args.json, detailed);
    let mut tally = Tally::default();
    verify_in_order(&verifier, &inputs, &options, &pool, |mut results| {
        // Each issuer judged against the registry; without one, marked as vouched for by nobody.
        for report in results.iter_mut().filter_map(|r| r.report.as_mut().ok()) {
            match &registry {
                Some(registry) => registry.judge(report, now),
                None => untrusted::mark(report),
            }
        }
        tally.add(&results);
        printer.results(&results)
    })
    .and_then(|()| printer.finish(&tally).map(drop))
    .map_err(UsageError::Output)?;
    Ok(exit_code(&tally))
}
