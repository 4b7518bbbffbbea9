//! The wallet end of OpenID4VP 1.0, as steps the command line runs between its questions: read
//! a verifier's request (by reference, signed by the verifier's DID), choose the credentials that
//! answer it, and post one presentation per credential query, bound to the request's nonce and
//! client_id, to the verifier's `response_uri` (or say that the person declined). Only the
//! credentials the query asks for are sent, and only what they must disclose.

use chrono::{DateTime, Utc};
use credentials::dcql::{CredentialQuery, FORMAT_DC_SD_JWT, FORMAT_JWT_VC_JSON, FORMAT_LDP_VC};
use credentials::did::DidResolver;
use credentials::net::{Body, HttpPolicy, NetError, Request, SendError};
use credentials::oid4vp::AuthorizationRequest;
use lang::Lang;
use serde_json::Value;

use crate::domain::exchange::{self, Client};
use crate::domain::exchange_error::{ExchangeError, Party, Step};
use crate::domain::present::{self, Format};
use crate::domain::queried::as_queried;
use crate::domain::store::{Entry, Wallet};

/// Largest request object read.
const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// Largest answer read from the verifier after posting to its `response_uri`.
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// A verifier's request, read and verified, and how to reach its verifier: `http` with the host
/// the link names mapped onto itself.
#[derive(Debug)]
pub struct Fetched {
    pub request: AuthorizationRequest,
    pub http: HttpPolicy,
}

/// Fetches and verifies the request a link points to.
pub fn fetch(
    link: &str,
    resolver: &dyn DidResolver,
    http: &HttpPolicy,
    now: DateTime<Utc>,
) -> Result<Fetched, ExchangeError> {
    let (client_id, request_uri) = credentials::oid4vp::parse_link(link).map_err(ExchangeError::Request)?;
    let url = exchange::parse(&request_uri)?;
    let http = exchange::with_chosen_host(http, &url);
    let request = Request::get(url).header("Accept", credentials::oid4vp::REQUEST_MEDIA_TYPE);
    let response = match Client::new(&http, Party::Verifier).send(&request, Step::Request, MAX_REQUEST_BYTES - 1) {
        Err(ExchangeError::Unreachable { error: SendError::Net(NetError::TooLarge { .. }), .. }) => {
            Err(ExchangeError::RequestUnreadable)
        }
        answered => answered,
    }?;
    let text = String::from_utf8(response.body).map_err(|_| ExchangeError::RequestNotText)?;
    let request = credentials::oid4vp::verify_request(&text, client_id.as_deref(), resolver, now)
        .map_err(ExchangeError::Request)?;
    exchange::parse(&request.response_uri)?;
    Ok(Fetched { request, http })
}

/// The credentials chosen for one credential query.
#[derive(Debug, Clone)]
pub struct Answer {
    pub query: CredentialQuery,
    pub entries: Vec<Entry>,
}

/// Chooses, for each credential query, the stored credentials that answer it. `chosen` (the
/// person's `--credential` picks) limits the candidates; where several still match a query that
/// takes one, the person must choose. Queries nothing answers are left out; the caller checks the
/// whole answer against the query before sending.
pub fn select(
    request: &AuthorizationRequest,
    entries: &[Entry],
    chosen: &[Entry],
) -> Result<Vec<Answer>, ExchangeError> {
    let contexts = credentials::contexts::ContextSet::standard();
    let pool: &[Entry] = if chosen.is_empty() { entries } else { chosen };
    let matching = |query: &CredentialQuery| -> Vec<Entry> {
        pool.iter()
            .filter(|entry| as_queried(entry).is_some_and(|(format, value)| query.matches(format, &value, &contexts)))
            .cloned()
            .collect()
    };
    let mut answers = Vec::new();
    // The least data (one option of each required set), except where the verifier asks for
    // every matching credential (a talent profile): see `queries_to_answer`.
    for query in request.dcql_query.queries_to_answer(|query| !matching(query).is_empty()) {
        let matching = matching(query);
        if matching.len() > 1 && !query.multiple {
            return Err(ExchangeError::Several { query: query.id.clone(), candidates: matching });
        }
        if !matching.is_empty() {
            answers.push(Answer { query: query.clone(), entries: matching });
        }
    }
    if !chosen.is_empty() {
        if let Some(unused) = chosen.iter().find(|c| !answers.iter().any(|a| a.entries.iter().any(|e| e.id == c.id))) {
            return Err(ExchangeError::NotAsked { id: unused.id.clone() });
        }
    }
    check(request, &answers)?;
    Ok(answers)
}

/// Whether `answers` (as chosen, or as the person narrowed them) answer the request's query:
/// an answer left with no credential is dropped first.
pub fn check(request: &AuthorizationRequest, answers: &[Answer]) -> Result<(), ExchangeError> {
    let given = answers
        .iter()
        .filter(|answer| !answer.entries.is_empty())
        .map(|answer| {
            let credentials = answer.entries.iter().filter_map(as_queried).map(|(f, v)| (f.to_owned(), v)).collect();
            (answer.query.id.clone(), credentials)
        })
        .collect();
    let contexts = credentials::contexts::ContextSet::standard();
    request.dcql_query.check_answer(&given, &contexts).map_err(ExchangeError::Impossible)
}

/// The claims of an SD-JWT VC an answer to `query` would show, one by one, for the person to
/// keep or withhold: each asked-for claim (the claims that contain one are shown with it).
pub fn offered_claims(query: &CredentialQuery, entry: &Entry) -> Vec<credentials::sd_jwt::ClaimPath> {
    let Ok(held) = credentials::sd_jwt_vc::read(entry.credential.trim()) else {
        return Vec::new();
    };
    let wanted = disclosures_for(query, &held);
    let contains = |outer: &credentials::sd_jwt::ClaimPath, inner: &credentials::sd_jwt::ClaimPath| {
        outer.0.len() < inner.0.len() && inner.0.starts_with(&outer.0)
    };
    wanted.iter().filter(|path| !wanted.iter().any(|other| contains(path, other))).cloned().collect()
}

/// The entry as it will be answered with only the disclosures of `keep` (and of the claims that
/// contain them): the SD-JWT cut down in memory, never stored, so that what is checked against
/// the query and then disclosed is what the person kept.
pub fn withhold(entry: &Entry, keep: &[credentials::sd_jwt::ClaimPath]) -> Result<Entry, ExchangeError> {
    let narrowed = credentials::sd_jwt::select(entry.credential.trim(), keep)
        .map_err(|error| ExchangeError::Signing(error.into()))?;
    Ok(Entry { credential: narrowed, ..entry.clone() })
}

/// The person's own words (`wallet profile note`) about the credentials being sent, when the
/// request asks for them (a talent profile does, never as a requirement): a credential the
/// person issues to themselves and signs with the holder key, answering the own-words query,
/// as one more answer the person sees listed before agreeing. `None` when not asked or when
/// nothing sent has words.
pub fn own_words(
    wallet: &Wallet,
    request: &AuthorizationRequest,
    answers: &[Answer],
    now: DateTime<Utc>,
) -> Result<Option<Answer>, ExchangeError> {
    let Some(query) = request.dcql_query.credentials.iter().find(|q| credentials::dcql::asks_for_own_words(q)) else {
        return Ok(None);
    };
    let sent: Vec<Entry> = answers.iter().flat_map(|answer| answer.entries.iter().cloned()).collect();
    let Some(entry) = crate::domain::self_issued::signed_entry(wallet, &sent, now).map_err(ExchangeError::Signing)?
    else {
        return Ok(None);
    };
    Ok(Some(Answer { query: query.clone(), entries: vec![entry] }))
}

/// Signs one presentation per credential query and posts the `vp_token` with the `state`.
///
/// `Ok` means the verifier took the answer in (200): whether it verifies is for the party that
/// asked. A refusal (`ExchangeError::Refused`, a 4xx with the verifier's reason, asked for in
/// `lang`) means it did not.
pub fn respond(
    wallet: &Wallet,
    fetched: &Fetched,
    answers: &[Answer],
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<(), ExchangeError> {
    let request = &fetched.request;
    let mut token = serde_json::Map::new();
    for answer in answers.iter().filter(|answer| answer.query.format == FORMAT_DC_SD_JWT) {
        let mut items = Vec::new();
        for entry in &answer.entries {
            let text = entry.credential.trim();
            let held = credentials::sd_jwt_vc::read(text).map_err(ExchangeError::Signing)?;
            let disclose = disclosures_for(&answer.query, &held);
            let binding = credentials::sd_jwt::Binding {
                audience: request.client_id.clone(),
                nonce: request.nonce.clone(),
                issued_at: now.timestamp(),
            };
            let signer: std::sync::Arc<dyn credentials::Signer> = wallet.holder().clone();
            let presented =
                credentials::sd_jwt_vc::present(text, &disclose, &binding, signer).map_err(ExchangeError::Signing)?;
            items.push(Value::String(presented));
        }
        token.insert(answer.query.id.clone(), Value::Array(items));
    }
    for answer in answers.iter().filter(|answer| answer.query.format != FORMAT_DC_SD_JWT) {
        let format = if answer.query.format == FORMAT_JWT_VC_JSON { Format::JwtVp } else { Format::LdpVp };
        let suite = presentation_suite(request);
        let presentation =
            present::present(wallet, &answer.entries, &request.nonce, &request.client_id, format, suite, now)
                .map_err(ExchangeError::Signing)?;
        let item = match format {
            Format::JwtVp => Value::String(presentation),
            Format::LdpVp => serde_json::from_str(&presentation).unwrap_or(Value::Null),
        };
        token.insert(answer.query.id.clone(), Value::Array(vec![item]));
    }
    let vp_token = Value::Object(token).to_string();
    let state = request.state.as_deref().unwrap_or_default();
    post_answer(fetched, &[("vp_token", vp_token.as_str()), ("state", state)], lang)
}

/// Posts a form to the request's `response_uri`.
fn post_answer(fetched: &Fetched, fields: &[(&str, &str)], lang: Lang) -> Result<(), ExchangeError> {
    let url = exchange::parse(&fetched.request.response_uri)?;
    let form = fields.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect();
    Client::new(&fetched.http, Party::Verifier).speaking(lang).send(
        &Request::post(url, Body::Form(form)),
        Step::Answer,
        MAX_ANSWER_BYTES,
    )?;
    Ok(())
}

/// The disclosures an SD-JWT VC needs to answer `query`, and no others: those of each asked-for
/// claim, of the claims inside it, and of the claims that contain it. With `claim_sets`, only
/// the first set this credential satisfies. Without `claims`, none (only what is always shown).
pub fn disclosures_for(
    query: &CredentialQuery,
    held: &credentials::sd_jwt_vc::Held,
) -> Vec<credentials::sd_jwt::ClaimPath> {
    use credentials::sd_jwt::Step;
    let claims = query.claims.as_deref().unwrap_or_default();
    let present = |claim: &credentials::dcql::ClaimQuery| {
        let found = credentials::dcql::select(&held.claims, &claim.path);
        match &claim.values {
            None => !found.is_empty(),
            Some(values) => found.iter().any(|value| values.contains(value)),
        }
    };
    let wanted: Vec<&credentials::dcql::ClaimQuery> = match &query.claim_sets {
        None => claims.iter().collect(),
        Some(sets) => sets
            .iter()
            .map(|set| claims.iter().filter(|c| c.id.as_ref().is_some_and(|id| set.contains(id))).collect::<Vec<_>>())
            .find(|set| set.iter().all(|claim| present(claim)))
            .unwrap_or_default(),
    };
    let compatible = |path: &[Value], disclosable: &[Step]| {
        path.iter().zip(disclosable).all(|(asked, step)| match (asked, step) {
            (Value::String(key), Step::Key(name)) => key == name,
            (Value::Number(n), Step::Index(index)) => n.as_u64() == u64::try_from(*index).ok(),
            (Value::Null, Step::Index(_)) => true,
            _ => false,
        })
    };
    held.disclosable
        .iter()
        .filter(|disclosable| wanted.iter().any(|claim| compatible(&claim.path, &disclosable.0)))
        .cloned()
        .collect()
}

/// Tells the verifier the person declined (`access_denied`), so it stops waiting.
pub fn decline(fetched: &Fetched, lang: Lang) -> Result<(), ExchangeError> {
    post_answer(
        fetched,
        &[
            ("error", "access_denied"),
            ("error_description", "the holder declined"),
            ("state", fetched.request.state.as_deref().unwrap_or_default()),
        ],
        lang,
    )
}

/// The Data Integrity suite of a presentation answering `request`: `eddsa-jcs-2022` when the
/// verifier accepts it, else `eddsa-rdfc-2022` (what a verifier that says nothing most likely
/// reads). JCS signs the JSON as it is; RDF canonicalization of a presentation whose credentials
/// hold alike blank nodes (two credentials for one skill) takes the N-degree step, ~0.8 s for
/// two such credentials with `ssi` instead of milliseconds (docs/PERFORMANCE.md), on the
/// person's machine and again on the verifier's.
pub(crate) fn presentation_suite(request: &AuthorizationRequest) -> credentials::proof::Suite {
    use credentials::proof::Suite;
    if request.accepts_cryptosuite(FORMAT_LDP_VC, Suite::EddsaJcs2022.name()) {
        Suite::EddsaJcs2022
    } else {
        Suite::EddsaRdfc2022
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use credentials::proof::Suite;

    fn request(metadata: Value) -> AuthorizationRequest {
        serde_json::from_value(serde_json::json!({"client_id": "decentralized_identifier:did:key:z6Mk",
            "response_type": "vp_token", "response_mode": "direct_post", "response_uri": "https://v.example/r",
            "nonce": "n", "dcql_query": {"credentials": [{"id": "c", "format": "ldp_vc"}]}, "client_metadata": metadata}))
        .unwrap()
    }

    #[test]
    fn presentations_use_jcs_when_the_verifier_accepts_it_and_rdfc_otherwise() {
        let both = serde_json::json!({"vp_formats_supported": {"ldp_vc": {"cryptosuite_values": ["eddsa-rdfc-2022", "eddsa-jcs-2022"]}}});
        assert_eq!(presentation_suite(&request(both)), Suite::EddsaJcs2022);
        let rdfc = serde_json::json!({"vp_formats_supported": {"ldp_vc": {"cryptosuite_values": ["eddsa-rdfc-2022"]}}});
        assert_eq!(presentation_suite(&request(rdfc)), Suite::EddsaRdfc2022);
        assert_eq!(presentation_suite(&request(Value::Null)), Suite::EddsaRdfc2022);
    }
}
