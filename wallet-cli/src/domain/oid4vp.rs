//! The wallet end of OpenID4VP 1.0: read a verifier's request (by reference, signed by the
//! verifier's DID), tell the person who asks for what, choose the credentials that answer it, and
//! post one presentation per credential query, bound to the request's nonce and client_id, to the
//! verifier's `response_uri`. Nothing is sent before the person agrees (or `--yes`), and only
//! the credentials the query asks for.

use chrono::{DateTime, Utc};
use credentials::dcql::{CredentialQuery, FORMAT_DC_SD_JWT, FORMAT_JWT_VC_JSON, FORMAT_LDP_VC};
use credentials::did::DidResolver;
use credentials::error::Describe;
use credentials::oid4vp::AuthorizationRequest;
use schemas::Lang;
use serde_json::Value;

use crate::i18n::t;
use crate::present::Format;
use crate::receive::{Client, Party, ReceiveError, Step};
use crate::store::{Entry, Wallet};

/// Largest request object read.
const MAX_REQUEST_BYTES: usize = 64 * 1024;

fn verifier_client() -> Client {
    Client::for_party(Party::Verifier)
}

/// Fetches and verifies the request a link points to.
pub fn fetch(link: &str, resolver: &dyn DidResolver, now: DateTime<Utc>) -> Result<AuthorizationRequest, ReceiveError> {
    let refused = |e: credentials::oid4vp::RequestError| ReceiveError::of(&e);
    let (client_id, request_uri) = credentials::oid4vp::parse_link(link).map_err(refused)?;
    let client = verifier_client();
    let url = Client::parse(&request_uri)?;
    let response = client.response(
        client.agent.get(url.as_str()).set("Accept", credentials::oid4vp::REQUEST_MEDIA_TYPE).call(),
        Step::Request,
    )?;
    let bytes = crate::receive::read_bytes(response)
        .filter(|bytes| bytes.len() < MAX_REQUEST_BYTES)
        .ok_or_else(|| ReceiveError::localized(|lang| t!(lang, "request-unreadable")))?;
    let text = String::from_utf8(bytes).map_err(|_| ReceiveError::localized(|lang| t!(lang, "request-not-text")))?;
    let request = credentials::oid4vp::verify_request(&text, client_id.as_deref(), resolver, now).map_err(refused)?;
    Client::parse(&request.response_uri)?;
    Ok(request)
}

/// A stored credential as a DCQL query sees it: its format and its JSON (or `vc+jwt` payload).
fn as_queried(entry: &Entry) -> Option<(&'static str, Value)> {
    let text = entry.credential.trim();
    if credentials::sd_jwt_vc::looks_like_sd_jwt(text) {
        // Matched on all its claims; only the asked-for ones are disclosed when answering.
        let held = credentials::sd_jwt_vc::read(text).ok()?;
        return Some((credentials::dcql::FORMAT_DC_SD_JWT, held.claims));
    }
    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
        return Some((credentials::dcql::format_of(false), value));
    }
    credentials::jose::decode(text).ok().map(|unverified| (credentials::dcql::format_of(true), unverified.payload))
}

/// Text from the verifier, made safe to print: no control characters (a newline or a terminal
/// escape could fake what the person reads), and not too long.
/// Text from another party (an issuer's or verifier's error, a credential's names), made safe to
/// print on one line: control characters are dropped, terminal escape sequences and line breaks
/// among them, so that a party can neither rewrite the person's screen nor print a line that
/// looks like the wallet's own ("Sent to the verifier."). Tabs stay.
pub(crate) fn terminal_safe(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\t').collect()
}

pub(crate) fn printable(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(120).collect();
    if text.chars().filter(|c| !c.is_control()).count() > 120 {
        out.push('…');
    }
    out
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
    lang: Lang,
) -> Result<Vec<Answer>, ReceiveError> {
    let contexts = credentials::contexts::ContextSet::standard();
    let pool: &[Entry] = if chosen.is_empty() { entries } else { chosen };
    let matching = |query: &CredentialQuery| -> Vec<Entry> {
        pool.iter()
            .filter(|entry| as_queried(entry).is_some_and(|(format, value)| query.matches(format, &value, &contexts)))
            .cloned()
            .collect()
    };
    let mut answers = Vec::new();
    // The least data: only the queries a required set needs (optional sets are left out).
    for query in request.dcql_query.queries_to_answer(|query| !matching(query).is_empty()) {
        let matching = matching(query);
        if matching.len() > 1 && !query.multiple {
            let list: Vec<String> = matching.iter().map(|e| format!("  {} {}", short(&e.id), title(e, lang))).collect();
            let list = list.join("\n");
            return Err(ReceiveError::localized(|lang| {
                t!(lang, "answer-several", query = query.id.as_str(), list = list.as_str())
            }));
        }
        if !matching.is_empty() {
            answers.push(Answer { query: query.clone(), entries: matching });
        }
    }
    if !chosen.is_empty() {
        if let Some(unused) = chosen.iter().find(|c| !answers.iter().any(|a| a.entries.iter().any(|e| e.id == c.id))) {
            return Err(ReceiveError::localized(|lang| t!(lang, "answer-not-asked", id = short(&unused.id))));
        }
    }
    let given = answers
        .iter()
        .map(|answer| {
            let credentials = answer.entries.iter().filter_map(as_queried).map(|(f, v)| (f.to_owned(), v)).collect();
            (answer.query.id.clone(), credentials)
        })
        .collect();
    request
        .dcql_query
        .check_answer(&given, &contexts)
        .map_err(|e| ReceiveError::localized(|lang| t!(lang, "answer-impossible", reason = e.message(lang))))?;
    Ok(answers)
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

fn title(entry: &Entry, lang: Lang) -> String {
    as_queried(entry)
        .and_then(|(_, value)| {
            let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
            // `localizedName` in the VC data model, `name` as a language map in SD-JWT VC claims.
            let localized = value
                .pointer(&format!("/localizedName/{}", lang.as_str()))
                .or_else(|| value.pointer(&format!("/name/{}", lang.as_str())))
                .and_then(Value::as_str)
                .map(str::to_owned);
            localized.or(name).map(|text| printable(&text))
        })
        .unwrap_or_default()
}

/// What the person reads before agreeing: who asks (the DID that signed the request, and the
/// name it gives itself), what for, where the answer goes, until when.
pub fn describe(request: &AuthorizationRequest, answers: &[Answer], lang: Lang) -> String {
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

/// Signs one presentation per credential query and posts the `vp_token` with the `state`.
pub fn respond(
    wallet: &Wallet,
    request: &AuthorizationRequest,
    answers: &[Answer],
    now: DateTime<Utc>,
) -> Result<(), ReceiveError> {
    let mut token = serde_json::Map::new();
    for answer in answers.iter().filter(|answer| answer.query.format == FORMAT_DC_SD_JWT) {
        let mut items = Vec::new();
        for entry in &answer.entries {
            let text = entry.credential.trim();
            let held = credentials::sd_jwt_vc::read(text).map_err(signing_failed)?;
            let disclose = disclosures_for(&answer.query, &held);
            let binding = credentials::sd_jwt::Binding {
                audience: request.client_id.clone(),
                nonce: request.nonce.clone(),
                issued_at: now.timestamp(),
            };
            let signer: std::sync::Arc<dyn credentials::Signer> = wallet.holder().clone();
            let presented =
                credentials::sd_jwt_vc::present(text, &disclose, &binding, signer).map_err(signing_failed)?;
            items.push(Value::String(presented));
        }
        token.insert(answer.query.id.clone(), Value::Array(items));
    }
    for answer in answers.iter().filter(|answer| answer.query.format != FORMAT_DC_SD_JWT) {
        let format = if answer.query.format == FORMAT_JWT_VC_JSON { Format::JwtVp } else { Format::LdpVp };
        let suite = presentation_suite(request);
        let presentation =
            crate::present::present(wallet, &answer.entries, &request.nonce, &request.client_id, format, suite, now)
                .map_err(signing_failed)?;
        let item = match format {
            Format::JwtVp => Value::String(presentation),
            Format::LdpVp => serde_json::from_str(&presentation).unwrap_or(Value::Null),
        };
        token.insert(answer.query.id.clone(), Value::Array(vec![item]));
    }
    let client = verifier_client();
    let url = Client::parse(&request.response_uri)?;
    let vp_token = Value::Object(token).to_string();
    client.response(
        client
            .agent
            .post(url.as_str())
            .send_form(&[("vp_token", vp_token.as_str()), ("state", request.state.as_deref().unwrap_or_default())]),
        Step::Answer,
    )?;
    Ok(())
}

fn signing_failed(e: credentials::Error) -> ReceiveError {
    ReceiveError::localized(|lang| t!(lang, "answer-signing-failed", reason = e.message(lang)))
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
pub fn decline(request: &AuthorizationRequest) -> Result<(), ReceiveError> {
    let client = verifier_client();
    let url = Client::parse(&request.response_uri)?;
    client.response(
        client.agent.post(url.as_str()).send_form(&[
            ("error", "access_denied"),
            ("error_description", "the holder declined"),
            ("state", request.state.as_deref().unwrap_or_default()),
        ]),
        Step::Answer,
    )?;
    Ok(())
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

    #[test]
    fn text_from_other_parties_cannot_drive_the_terminal() {
        let hostile = "refused\u{1b}[2J\u{1b}]0;title\u{7}\rSent to the verifier.\nline two\tend";
        assert_eq!(terminal_safe(hostile), "refused[2J]0;titleSent to the verifier.line two\tend");
    }

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
