//! A talent profile file pasted on the page: the presentation `wallet profile export` writes,
//! signed by the holder for one audience (the proof's `domain`) until a time (the Data
//! Integrity `expires` proof option), with no challenge of ours since nobody asked. It is shown
//! as the manager's profile page only when it was made for this service (the host, and port
//! when not the default, of its public address) and has not expired: anyone could paste a file
//! made for another employer, or an old one. Otherwise the file is refused in one sentence.
//! Nothing pasted is stored.

use std::sync::Arc;

use chrono::SecondsFormat;
use credentials::clock::DEFAULT_CLOCK_SKEW;
use credentials::error::Detail;
use credentials::input::Parsed;
use credentials::report::{CheckKind, Outcome};
use credentials::verify::{HolderBinding, PresentationOptions};
use lang::Lang;
use serde_json::{json, Value};

use crate::domain::error::ServiceError;
use crate::domain::oid4vp::vp_token::dcql_format;
use crate::domain::profile::line::line;
use crate::domain::profile::view::profile;
use crate::domain::service::VerifierService;
use crate::i18n::t;

/// What a profile file's proof binds it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The proof's `domain`: whom the holder made it for.
    pub audience: String,
    /// The proof's `expires`, as written.
    pub expires: String,
}

/// The binding of a profile file: a Data Integrity presentation whose proof names a `domain`
/// and an `expires` (`None` for anything else, which the page keeps refusing to check pasted).
pub fn binding(parsed: &Parsed) -> Option<Binding> {
    let Parsed::Presentation(value) = parsed else { return None };
    let proof = match value.get("proof")? {
        Value::Array(proofs) => proofs.first()?,
        proof => proof,
    };
    let text = |name: &str| proof.get(name).and_then(Value::as_str).map(str::to_owned);
    Some(Binding { audience: text("domain")?, expires: text("expires")? })
}

/// The audience this service answers to: its public address's host, with the port when the
/// address names one that is not its scheme's default.
pub fn audience_of(public_url: &url::Url) -> Option<String> {
    let host = public_url.host_str()?;
    Some(match public_url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// The profile of a pasted profile file in `lang`, with its binding (`file`), once its
/// audience is this service's and it has not expired; otherwise why not, in one sentence.
pub async fn judge(
    service: &Arc<VerifierService>,
    parsed: Parsed,
    binding: &Binding,
    lang: Lang,
) -> Result<Value, ServiceError> {
    let ours = service
        .identity()
        .and_then(|identity| audience_of(&identity.public_url))
        .ok_or_else(|| refused(|lang| t!(lang, "profile-file-no-identity")))?;
    if binding.audience.to_ascii_lowercase() != ours {
        let (theirs, ours) = (binding.audience.clone(), ours.clone());
        return Err(refused(move |lang| {
            t!(lang, "profile-file-other-audience", audience = theirs.as_str(), ours = ours.as_str())
        }));
    }
    let options = PresentationOptions {
        domain: Some(binding.audience.clone()),
        clock_skew: DEFAULT_CLOCK_SKEW,
        holder_binding: HolderBinding::Required,
        audience_required: true,
        ..PresentationOptions::default()
    };
    let report = service.verify(parsed, options, None).await?;
    // The file's own checks (signature, expiry, audience, holder): one sentence when one fails.
    let failed = report.checks.iter().find_map(|check| match &check.outcome {
        Outcome::Failed(failure) => Some((check.kind, failure)),
        _ => None,
    });
    if let Some((kind, failure)) = failed {
        if kind == CheckKind::Proof && failure.code() == "proof_expired" {
            let at = binding.expires.clone();
            return Err(refused(move |lang| t!(lang, "profile-file-expired", at = at.as_str())));
        }
        let (en, fr) = (failure.message(Lang::En), failure.message(Lang::Fr));
        return Err(refused(move |lang| lang.pick(&en, &fr).to_owned()));
    }
    let credentials: Vec<Value> = report
        .credentials
        .iter()
        .map(|inner| json!({"issuer": inner.issuer, "format": dcql_format(inner), "line": line(service, inner, None, lang)}))
        .collect();
    let checked_at = service.now().to_rfc3339_opts(SecondsFormat::Secs, true);
    let outcome = json!({"status": "answered", "result": {"holder": report.issuer, "credentials": credentials,
        "checked_at": checked_at, "errors": []}});
    let mut shown = profile(&outcome, lang);
    shown["file"] = json!({"audience": binding.audience, "expires": binding.expires});
    Ok(shown)
}

/// A refused file: "This profile file is refused: …", in the reader's language.
fn refused(reason: impl Fn(Lang) -> String) -> ServiceError {
    ServiceError::BadRequest(Detail::localized(|lang| t!(lang, "profile-file-refused", reason = reason(lang))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_file_is_a_presentation_bound_to_an_audience_until_a_time() {
        let file = |proof: Value| Parsed::Presentation(json!({"type": ["VerifiablePresentation"], "proof": proof}));
        let bound = json!({"domain": "jobs.example", "expires": "2027-01-01T00:00:00Z", "challenge": "x"});
        assert_eq!(
            binding(&file(bound.clone())),
            Some(Binding { audience: "jobs.example".into(), expires: "2027-01-01T00:00:00Z".into() })
        );
        assert!(binding(&file(json!([bound]))).is_some(), "a proof set: its first proof");
        assert_eq!(binding(&file(json!({"domain": "jobs.example"}))), None, "no expires: an answer to a request");
        assert_eq!(binding(&file(json!({"expires": "2027-01-01T00:00:00Z"}))), None, "no audience");
        assert_eq!(binding(&Parsed::Credential(json!({"proof": bound}))), None);
    }

    #[test]
    fn this_service_answers_to_its_public_host_and_port() {
        let audience = |url: &str| audience_of(&url::Url::parse(url).unwrap());
        assert_eq!(audience("https://jobs.example/"), Some("jobs.example".into()));
        assert_eq!(audience("https://jobs.example:443/hiring"), Some("jobs.example".into()), "the default port");
        assert_eq!(audience("http://127.0.0.1:8081"), Some("127.0.0.1:8081".into()));
    }
}
