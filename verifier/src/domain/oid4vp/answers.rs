//! A wallet's answer to a presentation request: the request is taken once (a second answer is
//! refused), the wallet's own refusal is recorded as such, and each presentation goes through
//! the pipeline (status policy, trust registry) and is judged against what the DCQL query asked
//! for, one holder for all. The outcome is for the requesting party; the wallet only learns
//! that its answer was taken.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use credentials::error::{Describe, Detail};
use credentials::input::Parsed;
use credentials::oid4vp::AuthorizationRequest;
use credentials::report::{DocumentKind, Outcome, Report};
use credentials::verify::PresentationOptions;
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::directory::publish;
use crate::domain::error::ServiceError;
use crate::domain::oid4vp::refusal::Refusal;
use crate::domain::oid4vp::vp_token::{dcql_format, parse_vp_token, presentation_options};
use crate::domain::profile::line::line;
use crate::domain::service::VerifierService;
use crate::domain::summary::answer;
use crate::domain::untrusted;
use crate::i18n::t;
use crate::store::{Finished, Status};

/// What became of an answer the service took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// The wallet said `error` (the person declined, or the wallet failed): recorded as such.
    WalletError,
    /// The presentations were checked and the outcome recorded.
    Judged,
}

/// Takes the wallet's `direct_post` fields (`vp_token` and `state`, or `error`) for request
/// `rid`. `Err` is the refusal said to the wallet in `lang`; a refused `vp_token` also fails
/// the request for the requesting party.
pub async fn receive(
    service: &Arc<VerifierService>,
    rid: &str,
    form: &HashMap<String, String>,
    lang: Lang,
) -> Result<Received, ServiceError> {
    let refused = |refusal| ServiceError::Refused(refusal, lang);
    let now = service.now();
    let answering = service.requests().begin_answer(rid, form.get("state").map(String::as_str), now, lang).await?;
    // A failed answer is recorded and reopens the request (a stranger who knows its `state`
    // cannot spoil it), until too many have failed.
    let fail = |code: &str, message: Detail| {
        let result = |lang| json!({"verified": false, "errors": [{"code": code, "message": message.get(lang)}]});
        let (en, fr) = (result(Lang::En), result(Lang::Fr));
        let answering = &answering;
        async move { service.requests().finish(rid, answering, false, en, fr, service.now()).await }
    };
    if let Some(error) = form.get("error") {
        // What the wallet says is kept short and printable: it ends up in the requesting party's view.
        let said: String = format!("{error} {}", form.get("error_description").map(String::as_str).unwrap_or_default())
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        // `access_denied` is the person saying no: said in each language, with what the wallet
        // wrote quoted as it came.
        let said = said.as_str();
        if error == "access_denied" {
            fail("holder_declined", Detail::localized(|lang| t!(lang, "answer-declined", said = said))).await?;
        } else {
            fail("holder_declined", Detail::localized(|lang| t!(lang, "answer-wallet-error", said = said))).await?;
        }
        return Ok(Received::WalletError);
    }
    let presentations = match form.get("vp_token").map(|token| parse_vp_token(token)) {
        Some(Ok(presentations)) if !presentations.is_empty() => presentations,
        Some(Err(refusal)) => {
            fail(refusal.code(), Detail::localized(|lang| refusal.message(lang))).await?;
            return Err(refused(refusal));
        }
        _ => {
            let refusal = Refusal::Invalid {
                code: "vp_token_missing",
                reason: Detail::localized(|lang| t!(lang, "answer-vp-token-missing")),
            };
            fail(refusal.code(), Detail::localized(|lang| refusal.message(lang))).await?;
            return Err(refused(refusal));
        }
    };
    // Checked in a task of its own: if the wallet hangs up, the answer is still judged and the
    // request does not stay "being checked" for ever.
    let options = presentation_options(&answering.request, &answering.policy);
    let require_status = answering.policy.require_status.unwrap_or(service.require_status());
    let judging = service.clone();
    let rid = rid.to_owned();
    let vp_token = form.get("vp_token").cloned().unwrap_or_default();
    let task = tokio::spawn(async move {
        let (verified, en, fr, carried) =
            judge(&judging, &answering.request, options, require_status, presentations).await;
        let judged = verified.then(|| (en.clone(), fr.clone()));
        let finished = judging.requests().finish(&rid, &answering, verified, en, fr, judging.now()).await?;
        if let (Finished::Closed(Status::Verified), Some((en, fr))) = (finished, judged) {
            // A verified answer to the directory's standing request publishes the profile.
            publish::after_verified(&judging, &rid, &vp_token, &en, &fr).await?;
            // Which issuers' credentials, for which skills, were accepted here: kept for the
            // mobility figures (an issuer and a skill, never the person). The answer is judged
            // and its profile published whether or not the figures' row could be written: a
            // missing figure costs a count, a failed answer would cost the person their move.
            if let Some(quarter) = crate::domain::demand::quarter_of(judging.now()).filter(|_| !carried.is_empty()) {
                if let Err(error) = judging.store().record_mobility(&rid, &quarter.to_string(), &carried).await {
                    tracing::warn!(error = %error.message(Lang::En), "the mobility figures of a verified answer were not recorded");
                }
            }
        }
        Ok(finished)
    });
    match task.await {
        Ok(Ok(_)) => Ok(Received::Judged),
        Ok(Err(error)) => Err(error),
        Err(error) => {
            tracing::error!(%error, "judging an OpenID4VP answer failed");
            Err(ServiceError::Internal)
        }
    }
}

/// The outcome of an answer (verified?, in English, in French, and the (issuer, skill) pairs its
/// credentials carry when verified): each presentation through the pipeline (status policy,
/// trust registry), one holder for all, only credentials directly inside them, and exactly what
/// the DCQL query asked for.
async fn judge(
    service: &Arc<VerifierService>,
    request: &AuthorizationRequest,
    options: PresentationOptions,
    require_status: bool,
    presentations: Vec<(String, Parsed)>,
) -> (bool, Value, Value, Vec<(String, String)>) {
    let mut checked = Vec::new();
    let mut problems: Vec<(&str, Detail)> = Vec::new();
    for (id, parsed) in presentations {
        match service.verify(parsed, options.clone(), Some(require_status)).await {
            Ok(report) => checked.push((id, report)),
            Err(ServiceError::Unavailable(what)) => problems.push((
                "status_unavailable",
                Detail::localized(|lang| t!(lang, "answer-status-unavailable", what = what.get(lang))),
            )),
            Err(_) => problems.push(("verification_failed", Detail::localized(|lang| t!(lang, "answer-not-checked")))),
        }
    }
    // One person answers: every presentation has the same verified presenter.
    let holders: BTreeSet<Option<&str>> = checked.iter().map(|(_, report)| report.issuer.as_deref()).collect();
    let holder = match holders.iter().collect::<Vec<_>>().as_slice() {
        [Some(holder)] => Some(*holder),
        [None] => {
            problems.push(("holder_unknown", Detail::localized(|lang| t!(lang, "answer-holder-unknown"))));
            None
        }
        _ => {
            problems.push(("holders_differ", Detail::localized(|lang| t!(lang, "answer-holders-differ"))));
            None
        }
    };
    // What came back is what was asked for, and nothing is hidden in a nested document.
    let mut given: HashMap<String, Vec<(String, Value)>> = HashMap::new();
    for (id, report) in &checked {
        if report.credentials.is_empty() {
            problems.push((
                "presentation_empty",
                Detail::localized(|lang| t!(lang, "answer-presentation-empty", id = id.as_str())),
            ));
        }
        for inner in &report.credentials {
            match &inner.content {
                Some(content) if inner.document == DocumentKind::Credential => {
                    given.entry(id.clone()).or_default().push((dcql_format(inner).to_owned(), content.clone()))
                }
                _ => problems.push((
                    "credential_unreadable",
                    Detail::localized(|lang| t!(lang, "answer-credential-unreadable", id = id.as_str())),
                )),
            }
        }
    }
    if let Err(error) = request.dcql_query.check_answer(&given, service.contexts()) {
        problems.push((error.code(), Detail::of(&error)));
    }
    let checked_at = service.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let summary = |lang: Lang| {
        let mut verified = problems.is_empty();
        let presentations: Vec<Value> = checked
            .iter()
            .map(|(id, report)| {
                let mut answered = serde_json::to_value(answer(report, lang, Vec::new())).unwrap_or_default();
                verified &= answered["verified"] == true;
                if let Some(map) = answered.as_object_mut() {
                    map.remove("report");
                    map.insert("query".into(), id.clone().into());
                }
                answered
            })
            .collect();
        // A line is only as good as what carried it: the answer as a whole (one holder, what was
        // asked) and its presentation (signature, challenge, age).
        let answer_failed = problems.first().map(|(_, message)| message.get(lang).to_owned());
        let credentials: Vec<Value> = checked
            .iter()
            .flat_map(|(id, report)| {
                let carrier = answer_failed.clone().or_else(|| own_failure(report, lang));
                report.credentials.iter().map(move |inner| (id, inner, carrier.clone()))
            })
            .map(|(id, inner, carrier)| {
                let content = inner.content.clone().unwrap_or(Value::Null);
                let claims =
                    request.dcql_query.credential(id).map(|q| q.requested_claims(&content)).unwrap_or_default();
                let mut entry = json!({
                    "query": id,
                    "format": dcql_format(inner),
                    "issuer": inner.issuer,
                    "types": inner.types,
                    "claims": claims,
                    "credentialSubject": content.get("credentialSubject"),
                    "disclosed": inner.disclosed,
                    "status": inner.status.iter().map(|entry| entry.state().to_owned()).collect::<Vec<_>>(),
                    // Signed by an issuer no trust registry names (none configured), and the
                    // name the credential gives it: its own claim, never a verified name.
                    "issuer_untrusted": untrusted::is_unvouched(inner),
                    "issuer_name_claimed": untrusted::declared_issuer_name(&content, lang),
                });
                // What it says in plain words, who issued it by the registry's name, and its own
                // verdict (moved in: `json!` would copy it).
                entry["line"] = line(service, inner, carrier.as_deref(), lang);
                entry
            })
            .collect();
        let errors: Vec<Value> =
            problems.iter().map(|(code, message)| json!({"code": code, "message": message.get(lang)})).collect();
        // Moved in, member by member (`json!` would copy the lines and presentations).
        let members: [(&str, Value); 6] = [
            ("verified", verified.into()),
            ("holder", holder.into()),
            ("credentials", credentials.into()),
            ("presentations", presentations.into()),
            ("errors", errors.into()),
            // When the status lists were read (or found fresh in the cache).
            ("checked_at", checked_at.clone().into()),
        ];
        (verified, Value::Object(members.into_iter().map(|(key, value)| (key.to_owned(), value)).collect()))
    };
    let (verified, en) = summary(Lang::En);
    let (_, fr) = summary(Lang::Fr);
    let carried = if verified {
        crate::domain::demand::skills_carried(&checked.iter().map(|(_, report)| report).collect::<Vec<_>>())
    } else {
        Vec::new()
    };
    (verified, en, fr, carried)
}

/// Why a presentation failed its own checks (not those of the credentials inside), if it did.
fn own_failure(report: &Report, lang: Lang) -> Option<String> {
    report.checks.iter().find_map(|check| match &check.outcome {
        Outcome::Failed(failure) => Some(failure.message(lang)),
        _ => None,
    })
}
