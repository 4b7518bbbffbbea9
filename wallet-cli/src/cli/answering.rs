//! `wallet present --request`: read a verifier's OpenID4VP request, tell the person who asks for
//! what and where the answer goes, and send it only with their agreement (or `--yes`).

use std::path::Path;

use credentials::oid4vp::AuthorizationRequest;
use credentials::verify::Network;
use credentials::{Clock, SystemClock};
use lang::Lang;

use crate::cli::checking::verifier;
use crate::cli::exit::{Failure, EXIT_OK};
use crate::cli::prompt::{self, passphrase};
use crate::domain::exchange;
use crate::domain::exchange_error::{ExchangeError, Party, Step};
use crate::domain::oid4vp::{self, Answer};
use crate::domain::queried::{short, title};
use crate::domain::store::Wallet;
use crate::i18n::t;
use crate::safe_text::{printable, terminal_safe};

/// Answers the request `link` points to. The verifier's DID is resolved offline (did:key,
/// did:jwk); the verifier is reached under the address rules, its link's own host as named.
pub(crate) fn answer(dir: &Path, link: &str, chosen: &[String], yes: bool, lang: Lang) -> Result<u8, Failure> {
    let refused = |e: ExchangeError| Failure::Invalid(e.message(lang));
    let now = SystemClock.now();
    let resolver = verifier(Network::default()).resolver;
    let http = exchange::policy(Default::default());
    let fetched = oid4vp::fetch(link, resolver.as_ref(), &http, now).map_err(refused)?;
    let request = &fetched.request;
    let wallet = Wallet::open(dir, &passphrase(lang, false)?, false)?;
    let (entries, _) = wallet.entries()?;
    let chosen = chosen.iter().map(|id| wallet.find(id)).collect::<Result<Vec<_>, _>>()?;
    let mut answers = oid4vp::select(request, &entries, &chosen).map_err(refused)?;
    if !yes {
        if !prompt::can_ask() {
            return Err(Failure::Usage(t!(lang, "request-not-sent-without-terminal")));
        }
        // In a terminal the person keeps or leaves out each credential, and each claim of an
        // SD-JWT VC; what is left must still answer the request.
        answers = choose(answers, lang).map_err(refused)?;
        oid4vp::check(request, &answers)
            .map_err(|e| Failure::Invalid(t!(lang, "request-choice-insufficient", reason = e.message(lang))))?;
    }
    // The person's own words about what is sent, listed with the rest before they agree.
    answers.extend(oid4vp::own_words(&wallet, request, &answers, now).map_err(refused)?);
    eprintln!("{}", describe(request, &answers, lang));
    if !yes && !prompt::yes(&t!(lang, "request-send-ask")) {
        oid4vp::decline(&fetched, lang).map_err(refused)?;
        eprintln!("{}", t!(lang, "request-declined"));
        return Ok(EXIT_OK);
    }
    // Signed now, not when the request was read: the person may have taken a while to agree,
    // and a verifier limits how old a presentation may be.
    let now = SystemClock.now();
    if request.expires_at().is_some_and(|expires| expires <= now) {
        return Err(Failure::Invalid(t!(lang, "request-expired")));
    }
    match oid4vp::respond(&wallet, &fetched, &answers, now, lang) {
        // Taken in: the outcome is for the party that asked, not for the wallet.
        Ok(()) => {
            eprintln!("{}", t!(lang, "request-sent"));
            Ok(EXIT_OK)
        }
        // Refused: said as such, with the verifier's reason in the person's language.
        Err(error @ ExchangeError::Refused { party: Party::Verifier, step: Step::Answer, .. }) => {
            let reason = terminal_safe(&error.refusal_reason(lang).unwrap_or_default());
            Err(Failure::Invalid(t!(lang, "request-refused", reason = reason)))
        }
        Err(other) => Err(refused(other)),
    }
}

/// Asks, item by item, which credentials to send, and for an SD-JWT VC which of the asked-for
/// claims to show (Enter keeps, `n` leaves out). Answers left empty are dropped.
fn choose(answers: Vec<Answer>, lang: Lang) -> Result<Vec<Answer>, ExchangeError> {
    eprintln!("{}", t!(lang, "request-choose-intro"));
    let mut kept = Vec::new();
    for mut answer in answers {
        let mut entries = Vec::new();
        for entry in std::mem::take(&mut answer.entries) {
            let question = t!(
                lang,
                "request-keep-credential",
                query = answer.query.id.as_str(),
                id = short(&entry.id),
                title = title(&entry, lang)
            );
            if !prompt::keep(&question) {
                continue;
            }
            let offered = oid4vp::offered_claims(&answer.query, &entry);
            if offered.is_empty() {
                entries.push(entry);
                continue;
            }
            let claims =
                credentials::sd_jwt_vc::read(entry.credential.trim()).map(|held| held.claims).unwrap_or_default();
            let keep: Vec<_> = offered
                .iter()
                .filter(|path| {
                    let steps: Vec<serde_json::Value> = path.0.iter().map(step_value).collect();
                    let values = credentials::dcql::select(&claims, &steps);
                    let value = values.first().map(|v| v.as_str().map(str::to_owned).unwrap_or(v.to_string()));
                    let shown = printable(&value.unwrap_or_default().chars().take(60).collect::<String>());
                    prompt::keep(&t!(lang, "request-keep-claim", claim = printable(&path.to_string()), value = shown))
                })
                .cloned()
                .collect();
            entries.push(if keep.len() == offered.len() { entry } else { oid4vp::withhold(&entry, &keep)? });
        }
        if !entries.is_empty() {
            answer.entries = entries;
            kept.push(answer);
        }
    }
    Ok(kept)
}

/// A step of a claim path as DCQL writes it.
fn step_value(step: &credentials::sd_jwt::Step) -> serde_json::Value {
    match step {
        credentials::sd_jwt::Step::Key(name) => name.as_str().into(),
        credentials::sd_jwt::Step::Index(index) => (*index).into(),
    }
}

/// What the person reads before agreeing: who asks (the DID that signed the request, and the
/// name it gives itself), what for, where the answer goes, until when.
fn describe(request: &AuthorizationRequest, answers: &[Answer], lang: Lang) -> String {
    let did = printable(request.verifier_did().unwrap_or(&request.client_id));
    let name = printable(request.client_name(lang).unwrap_or("?"));
    let host = url::Url::parse(&request.response_uri).ok().and_then(|u| u.host_str().map(str::to_owned));
    let expires =
        request.expires_at().map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default();
    let mut out = t!(lang, "request-who", did = did, name = name);
    out.push('\n');
    let or = t!(lang, "request-or");
    for query in &request.dcql_query.credentials {
        let kinds: Vec<String> = query
            .meta
            .type_values
            .iter()
            .flatten()
            .filter_map(|set| set.last())
            .chain(query.meta.vct_values.iter().flatten())
            .map(|iri| iri.rsplit(['#', '/']).next().unwrap_or(iri).to_owned())
            .collect();
        let claims: Vec<String> = query
            .claims
            .iter()
            .flatten()
            .map(|claim| {
                let values =
                    claim.values.iter().flatten().map(|v| v.as_str().map(str::to_owned).unwrap_or(v.to_string()));
                let values: Vec<String> = values.collect();
                let path = credentials::dcql::path_label(&claim.path);
                let shown = if values.is_empty() { path } else { format!("{path} = {}", values.join(&or)) };
                printable(&shown)
            })
            .collect();
        let kinds = if kinds.is_empty() { "*".into() } else { printable(&kinds.join(", ")) };
        out.push_str(&format!("  - [{}] {kinds}", query.id));
        if !claims.is_empty() {
            out.push_str(&format!(" ({})", claims.join("; ")));
        }
        out.push('\n');
    }
    if let Some(purpose) = request.purpose(lang) {
        out.push_str(&t!(lang, "request-purpose", purpose = printable(purpose)));
        out.push('\n');
    }
    out.push_str(&t!(lang, "request-would-send"));
    out.push('\n');
    for answer in answers {
        for entry in &answer.entries {
            out.push_str(&format!("  - [{}] {} {}\n", answer.query.id, short(&entry.id), title(entry, lang)));
        }
    }
    out.push_str(&t!(lang, "request-destination", host = host.unwrap_or_default(), expires = expires));
    out
}
