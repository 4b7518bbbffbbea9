//! How the person says what a check may use (`--online`, `--did-web-host`, `--did-document`),
//! turned into the verifier and the HTTP policy of the domain, and why a credential was not kept,
//! in the reader's words.

use std::sync::Arc;

use credentials::contexts::ContextSet;
use credentials::did::DidDocument;
use credentials::error::json_french;
use credentials::net::HttpPolicy;
use credentials::verify::{Network, Verifier};
use credentials::SystemClock;
use lang::Lang;

use crate::cli::args::CheckArgs;
use crate::cli::exit::{coded, Failure};
use crate::cli::files::read;
use crate::domain::admission::Refusal;
use crate::domain::exchange;
use crate::i18n::t;

pub(crate) fn network(check: &CheckArgs, lang: Lang) -> Result<Network, Failure> {
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

/// How the wallet reaches issuers: the same `--did-web-host` mappings as its checks.
pub(crate) fn http(network: &Network) -> HttpPolicy {
    exchange::policy(network.host_overrides.clone())
}

/// `network` reaching the host of `origin` (the offer link a credential came from) as named,
/// as during the exchange, unless the person mapped that host otherwise.
pub(crate) fn reaching_origin(network: &mut Network, origin: Option<&str>) {
    if let Some(origin) = origin.and_then(|origin| url::Url::parse(origin).ok()) {
        network.host_overrides = exchange::with_chosen_host(&http(network), &origin).overrides;
    }
}

pub(crate) fn verifier(network: Network) -> Verifier {
    network.verifier(ContextSet::standard(), Arc::new(SystemClock))
}

/// Why a credential was not kept: a usage error when it could not be read or is a
/// presentation, "does not verify" (exit 1) with the first failed check otherwise.
pub(crate) fn refused(refusal: Refusal, lang: Lang) -> Failure {
    match refusal {
        Refusal::Unreadable(error) => Failure::Usage(coded(&error, lang)),
        Refusal::NotACredential => Failure::Usage(t!(lang, "not-a-credential")),
        Refusal::DoesNotVerify(report) => {
            let first = report.first_failure().map(|(kind, failure)| {
                t!(
                    lang,
                    "check-failed",
                    check = kind.label_for(lang, report.document),
                    message = failure.message(lang),
                    code = failure.code()
                )
            });
            Failure::Invalid(first.unwrap_or_default())
        }
    }
}
