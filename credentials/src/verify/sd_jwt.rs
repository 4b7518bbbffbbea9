//! SD-JWT VC: the issuer's signature over the disclosed claims, then, when the holder presents
//! it, the key-binding JWT that makes it a presentation answering this verifier.

use serde_json::Value;

use super::checks::{check, skipped};
use super::verifier::{PresentationOptions, Verifier};
use crate::error::{Error, InputError, JoseError};
use crate::input;
use crate::jose;
use crate::report::{Check, CheckKind, DocumentKind, Failure, Outcome, Report, SchemaViolation};
use crate::sd_jwt;
use crate::sd_jwt_vc;

impl Verifier {
    /// An SD-JWT VC. Alone it is a credential; with a key-binding JWT (or when a challenge asks
    /// for one) it is a presentation by the holder of the `cnf` key, reported like any
    /// presentation around the credential's own report, so every path (VC-API, OpenID4VP, the
    /// command line) reads holder, challenge and age the same way.
    pub(super) fn sd_jwt(&self, text: &str, options: &PresentationOptions) -> Report {
        let (credential, proof_holds) = self.sd_jwt_credential(text, options);
        let compact = match sd_jwt::Compact::split(text) {
            Ok(compact) if compact.kb_jwt.is_some() || options.challenge.is_some() => compact,
            _ => return credential,
        };
        let mut report = Report {
            document: DocumentKind::Presentation,
            format: sd_jwt_vc::SD_JWT_VC_TYPE.into(),
            id: None,
            issuer: None,
            types: Vec::new(),
            checks: vec![Check { kind: CheckKind::Structure, outcome: Outcome::Passed }],
            credentials: Vec::new(),
            content: None,
            status: Vec::new(),
            disclosed: credential.disclosed.clone(),
        };
        match credential.content.as_ref().filter(|_| proof_holds) {
            Some(claims) => self.key_binding(&compact, claims, options, &mut report),
            None => {
                for kind in [CheckKind::Proof, CheckKind::IssuerBinding, CheckKind::Challenge, CheckKind::HolderBinding]
                {
                    report.checks.push(skipped(kind));
                }
            }
        }
        report.credentials.push(credential);
        report
    }

    /// The credential inside an SD-JWT: the issuer's signature and every disclosure (proof), the
    /// `kid` of `iss` (issuer binding), `nbf`/`exp`, the profile of its `vct` over the disclosed
    /// claims (schema), its Token Status List entry. Returns the revealed claims when the proof
    /// holds.
    fn sd_jwt_credential(&self, text: &str, options: &PresentationOptions) -> (Report, bool) {
        let mut report = Report {
            document: DocumentKind::Credential,
            format: sd_jwt_vc::SD_JWT_VC_TYPE.into(),
            id: None,
            issuer: None,
            types: Vec::new(),
            checks: Vec::new(),
            credentials: Vec::new(),
            content: None,
            status: Vec::new(),
            disclosed: Some(Vec::new()),
        };
        let parsed = sd_jwt::Compact::split(text).map_err(Error::from).and_then(|compact| {
            let unverified = jose::decode(compact.issuer_jwt)?;
            match unverified.header.get("typ").and_then(Value::as_str) {
                Some(sd_jwt_vc::SD_JWT_VC_TYPE | sd_jwt_vc::LEGACY_SD_JWT_VC_TYPE) => {}
                found => {
                    return Err(JoseError::WrongType {
                        expected: sd_jwt_vc::SD_JWT_VC_TYPE,
                        found: found.unwrap_or("(missing)").to_owned(),
                    }
                    .into())
                }
            }
            if !unverified.payload.is_object() {
                return Err(InputError::NotAnObject { found: input::json_kind(&unverified.payload) }.into());
            }
            Ok((compact, unverified))
        });
        let (compact, unverified) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                report.checks.push(check(CheckKind::Structure, Err(error.into())));
                return (report, false);
            }
        };
        let payload = &unverified.payload;
        report.issuer = payload.get("iss").and_then(Value::as_str).map(str::to_owned);
        report.id = payload.get("jti").and_then(Value::as_str).map(str::to_owned);
        if let Some(vct) = payload.get("vct").and_then(Value::as_str) {
            report.types = vec![schemas::sd_jwt_vc::type_of_vct(vct).unwrap_or(vct).to_owned()];
        }
        report.checks.push(Check { kind: CheckKind::Structure, outcome: Outcome::Passed });

        let signature = sd_jwt_vc::issuer_verifier(&unverified.header, payload, self.resolver.as_ref())
            .and_then(|key| Ok(sd_jwt::verify_issuer_signature(&compact, &unverified.header, &key)?));
        let revealed = signature.and_then(|()| Ok(sd_jwt_vc::reveal(unverified.payload, &compact.disclosures)?));
        let revealed = match revealed {
            Ok(revealed) => revealed,
            Err(error) => {
                report.checks.push(check(CheckKind::Proof, Err(error.into())));
                for kind in [CheckKind::IssuerBinding, CheckKind::Validity, CheckKind::Schema, CheckKind::Status] {
                    report.checks.push(skipped(kind));
                }
                return (report, false);
            }
        };
        report.checks.push(Check { kind: CheckKind::Proof, outcome: Outcome::Passed });
        // `issuer_verifier` only accepts a `kid` of the `iss` DID.
        report.checks.push(Check { kind: CheckKind::IssuerBinding, outcome: Outcome::Passed });
        let claims = revealed.claims;
        let mut disclosed: Vec<String> = revealed.disclosed.iter().map(ToString::to_string).collect();
        disclosed.sort();
        report.disclosed = Some(disclosed);
        let validity = sd_jwt_vc::validity(&claims, self.clock.now(), options.clock_skew).map_err(Failure::from);
        report.checks.push(check(CheckKind::Validity, validity));
        report.checks.push(Check {
            kind: CheckKind::Schema,
            outcome: match schemas::sd_jwt_vc::check(&claims) {
                Ok(()) => Outcome::Passed,
                Err(violations) => {
                    Outcome::Failed(Failure::Schema(violations.into_iter().map(SchemaViolation::from).collect()))
                }
            },
        });
        let (status, entries) = self.token_status(&claims, report.issuer.as_deref());
        report.status = entries;
        report.checks.push(Check { kind: CheckKind::Status, outcome: status });
        report.content = Some(claims);
        (report, true)
    }

    /// The KB-JWT of an SD-JWT presentation: signed by the credential's `cnf` key over exactly
    /// what was presented (proof; that key is the holder's, so issuer binding and holder binding
    /// follow from it), answering this verifier's nonce and audience (challenge), recent enough
    /// (presentation age). The presenter is the credential's `sub`.
    fn key_binding(
        &self,
        compact: &sd_jwt::Compact<'_>,
        claims: &Value,
        options: &PresentationOptions,
        report: &mut Report,
    ) {
        let binding =
            sd_jwt_vc::confirmation_verifier(claims).and_then(|key| sd_jwt::verify_key_binding(compact, key.as_ref()));
        let binding = match binding {
            Ok(binding) => binding,
            Err(error) => {
                report.checks.push(check(CheckKind::Proof, Err(error.into())));
                for kind in [CheckKind::IssuerBinding, CheckKind::Challenge, CheckKind::HolderBinding] {
                    report.checks.push(skipped(kind));
                }
                return;
            }
        };
        report.issuer = claims.get("sub").and_then(Value::as_str).map(str::to_owned);
        report.checks.push(Check { kind: CheckKind::Proof, outcome: Outcome::Passed });
        report.checks.push(Check { kind: CheckKind::IssuerBinding, outcome: Outcome::Passed });
        let skew = i64::try_from(options.clock_skew.as_secs()).unwrap_or(i64::MAX);
        let policy = sd_jwt::KeyBindingPolicy {
            audience: options.domain.clone(),
            nonce: options.challenge.clone().unwrap_or_default(),
            now: self.clock.now().timestamp(),
            // RFC 9901 §7.3: a KB-JWT is only accepted within a window, whatever the request says.
            max_age: Some(options.max_age.unwrap_or(sd_jwt_vc::DEFAULT_KEY_BINDING_AGE))
                .map(|age| i64::try_from(age.as_secs()).unwrap_or(i64::MAX)),
            skew,
        };
        report.checks.push(match (&options.challenge, &options.domain) {
            (Some(_), _) => check(CheckKind::Challenge, binding.answers(&policy).map_err(Failure::from)),
            // A domain alone is still checked (found by review: the KB-JWT's `aud` was not).
            (None, Some(domain)) => check(
                CheckKind::Challenge,
                if binding.audience == *domain {
                    Ok(())
                } else {
                    Err(crate::error::SdJwtError::KeyBindingAudience.into())
                },
            ),
            (None, None) => Check { kind: CheckKind::Challenge, outcome: Outcome::NotApplicable },
        });
        report.checks.push(check(CheckKind::PresentationAge, binding.recent(&policy).map_err(Failure::from)));
        report.checks.push(Check { kind: CheckKind::HolderBinding, outcome: Outcome::Passed });
    }
}
