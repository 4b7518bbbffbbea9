//! The person's own words (`schemas::own_words`) are a credential the person issues to
//! themselves. Asking whether its issuer is trusted makes no sense: it attests nothing, and a
//! manager reads it only as the person's words, beside the verified lines. So inside a
//! presentation signed by the same person, its "trusted issuer" check does not apply (neither a
//! registry failure nor an "issuer nobody vouches for" mark); anywhere else (alone, or presented
//! by someone else) it is judged like any credential, and fails a registry.

use credentials::report::{Check, CheckKind, DocumentKind, Outcome, Report};

/// Whether `inner`, a credential of a presentation by `presenter`, is that presenter's own words.
pub fn is_presenters_own_words(presenter: Option<&str>, inner: &Report) -> bool {
    inner.document == DocumentKind::Credential
        && presenter.is_some()
        && inner.issuer.as_deref() == presenter
        && inner.content.as_ref().is_some_and(schemas::is_own_words)
}

/// Judges the credentials of `report` with `judge`, except the presenter's own words, whose
/// "trusted issuer" check is said not to apply.
pub fn judge_inner(report: &mut Report, mut judge: impl FnMut(&mut Report)) {
    let presenter = (report.document == DocumentKind::Presentation).then(|| report.issuer.clone()).flatten();
    for inner in &mut report.credentials {
        if is_presenters_own_words(presenter.as_deref(), inner) {
            inner.checks.push(Check { kind: CheckKind::TrustedIssuer, outcome: Outcome::NotApplicable });
        } else {
            judge(inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn report(document: DocumentKind, issuer: &str, content: Option<Value>) -> Report {
        Report {
            document,
            format: "eddsa-jcs-2022".into(),
            id: None,
            issuer: Some(issuer.into()),
            types: Vec::new(),
            checks: Vec::new(),
            credentials: Vec::new(),
            content,
            status: Vec::new(),
            disclosed: None,
        }
    }

    #[test]
    fn only_the_presenters_own_words_escape_the_trust_judgement() {
        let words = json!({"type": ["VerifiableCredential", schemas::OWN_WORDS_CREDENTIAL_TYPE]});
        let skill = json!({"type": ["VerifiableCredential", "SkillCredential"]});
        let mut presentation = report(DocumentKind::Presentation, "did:key:holder", None);
        presentation.credentials = vec![
            report(DocumentKind::Credential, "did:key:holder", Some(words.clone())),
            report(DocumentKind::Credential, "did:key:someone-else", Some(words)),
            report(DocumentKind::Credential, "did:key:holder", Some(skill)),
        ];
        let mut judged = Vec::new();
        judge_inner(&mut presentation, |inner| judged.push(inner.issuer.clone().unwrap_or_default()));
        assert_eq!(
            judged,
            ["did:key:someone-else", "did:key:holder"],
            "another's words and a self-issued skill are judged"
        );
        assert!(matches!(presentation.credentials[0].check(CheckKind::TrustedIssuer), Some(Outcome::NotApplicable)));
        assert!(presentation.credentials[1].check(CheckKind::TrustedIssuer).is_none());
        // A credential verified alone has no presenter: judged like any other.
        let alone = report(DocumentKind::Credential, "did:key:holder", presentation.credentials[0].content.clone());
        assert!(!is_presenters_own_words(None, &alone));
    }
}
