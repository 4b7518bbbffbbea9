//! What makes a presentation more than the credentials it carries: one presenter who signed it
//! all, the answer to this verifier's challenge, its age, and, when the request asks, subjects that are the presenter.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::checks::{base_report, check, skipped, unreadable};
use super::credential::{structure, subject_ids};
use super::verifier::{HolderBinding, PresentationOptions, Verifier};
use crate::did::Purpose;
use crate::envelope::Envelope;
use crate::error::{Detail, InputError, ProofError};
use crate::i18n::t;
use crate::input::{self, Parsed};
use crate::jose;
use crate::jwt_shape::JwtShape;
use crate::report::{Check, CheckKind, DocumentKind, Failure, Outcome, Report};
use crate::sd_jwt_vc;

impl Verifier {
    pub(super) fn presentation_json(&self, value: &Value, options: &PresentationOptions) -> Report {
        let mut report = base_report(value, DocumentKind::Presentation, "holder");
        let structure = structure(value, &self.contexts, "VerifiablePresentation");
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));
        let (proof, signers) = if structure_ok {
            self.data_integrity(value, Purpose::Authentication, &mut report.format)
        } else {
            (Err(Failure::from(ProofError::NoProof)), Vec::new())
        };
        let proof_ok = proof.is_ok();
        report.checks.push(if structure_ok { check(CheckKind::Proof, proof) } else { skipped(CheckKind::Proof) });
        // Every proof of a presentation must come from one presenter, who is the `holder` when
        // one is named: a second signer's proof cannot stand in for the holder's.
        let presenter = presenter_of(&signers, report.issuer.as_deref());
        // A presentation without `holder` is still someone's: the report names the signer, so
        // callers compare presenters, not an optional field.
        if report.issuer.is_none() && proof_ok {
            report.issuer = presenter.clone().ok();
        }
        report.checks.push(if proof_ok {
            check(CheckKind::IssuerBinding, presenter.clone().map(|_| ()).map_err(Failure::from))
        } else {
            skipped(CheckKind::IssuerBinding)
        });
        report.checks.push(match unchecked_audience(value, options) {
            Some(domain) => check(CheckKind::Challenge, Err(ProofError::AudienceNotGiven(domain).into())),
            None => challenge_check(options, || challenge_matches(value, options)),
        });
        let holder = presenter.ok();
        report.checks.push(match options.max_age {
            None => Check { kind: CheckKind::PresentationAge, outcome: Outcome::NotApplicable },
            Some(_) => check(CheckKind::PresentationAge, self.presentation_age(value, false, options)),
        });
        self.embedded_credentials(value, options, holder.as_deref(), proof_ok, &mut report);
        report
    }

    /// When the request limits it: the presentation was signed (every proof's `created`, or the
    /// JWT's `iat`) no longer than `max_age` ago, and not in the future (both within the skew).
    pub(super) fn presentation_age(
        &self,
        value: &Value,
        jwt: bool,
        options: &PresentationOptions,
    ) -> Result<(), Failure> {
        let Some(max_age) = options.max_age else {
            return Ok(());
        };
        let times: Vec<Option<DateTime<Utc>>> = if jwt {
            vec![value.get("iat").and_then(Value::as_i64).and_then(|s| DateTime::from_timestamp(s, 0))]
        } else {
            proof_field(value, "created")
                .into_iter()
                .map(|created| created.first().and_then(|t| DateTime::parse_from_rfc3339(t).ok()))
                .map(|t| t.map(|t| t.with_timezone(&Utc)))
                .collect()
        };
        let skew = chrono::Duration::from_std(options.clock_skew).unwrap_or(chrono::Duration::zero());
        let oldest = chrono::Duration::from_std(max_age).unwrap_or(chrono::Duration::MAX);
        let now = self.clock.now();
        // Far-out policies saturate instead of overflowing the date arithmetic.
        let latest = now.checked_add_signed(skew).unwrap_or(DateTime::<Utc>::MAX_UTC);
        let earliest =
            now.checked_sub_signed(skew).and_then(|t| t.checked_sub_signed(oldest)).unwrap_or(DateTime::<Utc>::MIN_UTC);
        if times.is_empty() || times.iter().any(Option::is_none) {
            return Err(ProofError::PresentationUndated.into());
        }
        for signed in times.into_iter().flatten() {
            let show = signed.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            if signed > latest {
                return Err(ProofError::PresentationFromFuture(show).into());
            }
            if signed < earliest {
                return Err(ProofError::PresentationTooOld { signed: show, max_seconds: max_age.as_secs() }.into());
            }
        }
        Ok(())
    }

    /// Verifies each credential a presentation carries, and, when the request asks for holder
    /// binding, that its subject is the presenter.
    pub(super) fn embedded_credentials(
        &self,
        presentation: &Value,
        options: &PresentationOptions,
        presenter: Option<&str>,
        presenter_verified: bool,
        report: &mut Report,
    ) {
        // Each credential is copied once, into the report that keeps it.
        let embedded: Vec<&Value> = match presentation.get("verifiableCredential") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(single) => vec![single],
            None => Vec::new(),
        };
        let mut subjects_match = true;
        for item in embedded {
            let parsed = match item {
                // VCDM 2.0 §4.13: an enveloped credential, opened (or refused) as input is.
                Value::Object(map) if Envelope::of(map).is_some() => match input::classify(item.clone()) {
                    Ok(parsed) => parsed,
                    Err(error) => {
                        subjects_match = false;
                        report.credentials.push(unreadable(DocumentKind::Credential, error.into()));
                        continue;
                    }
                },
                Value::String(jwt) => Parsed::Jwt(jwt.clone()),
                _ => Parsed::Credential(item.clone()),
            };
            let subject_ids = match &parsed {
                Parsed::Jwt(jwt) => {
                    jose::decode(jwt).map(|u| subject_ids(&JwtShape::of(&u).document(&u.payload))).unwrap_or_default()
                }
                Parsed::SdJwt(text) => sd_jwt_vc::subject(text).into_iter().collect(),
                Parsed::Credential(value) | Parsed::Presentation(value) => subject_ids(value),
            };
            if presenter.is_none() || !subject_ids.iter().any(|id| Some(id.as_str()) == presenter) {
                subjects_match = false;
            }
            let inner = PresentationOptions { clock_skew: options.clock_skew, ..PresentationOptions::default() };
            let mut verified = self.verify(parsed, &inner);
            // A `vp+jwt` in `verifiableCredential` verifies as a presentation of its own (signed
            // by anyone, trusted by no registry): what a presentation carries must be credentials.
            if verified.document != DocumentKind::Credential {
                verified.checks.insert(
                    0,
                    check(
                        CheckKind::Structure,
                        Err(InputError::InvalidField {
                            field: "verifiableCredential",
                            reason: Detail::localized(|lang| t!(lang, "verify-embedded-presentation")),
                        }
                        .into()),
                    ),
                );
            }
            report.credentials.push(verified);
        }
        let binding_asked = options.holder_binding == HolderBinding::Required;
        report.checks.push(if report.credentials.is_empty() || !binding_asked {
            Check { kind: CheckKind::HolderBinding, outcome: Outcome::NotApplicable }
        } else if !presenter_verified {
            skipped(CheckKind::HolderBinding)
        } else {
            check(
                CheckKind::HolderBinding,
                if subjects_match {
                    Ok(())
                } else {
                    Err(Failure::from(ProofError::HolderNotSubject {
                        holder: presenter.unwrap_or("(nobody)").to_owned(),
                    }))
                },
            )
        });
    }
}

/// The one DID that made every proof of a presentation; it must be the `holder` when named.
fn presenter_of(signers: &[String], holder: Option<&str>) -> Result<String, ProofError> {
    let Some(first) = signers.first() else {
        return Err(ProofError::NoProof);
    };
    if let Some(other) = signers.iter().find(|s| *s != first) {
        return Err(ProofError::SignerIsNotIssuer { signer: other.clone(), issuer: first.clone() });
    }
    match holder {
        Some(holder) if holder != first => {
            Err(ProofError::SignerIsNotIssuer { signer: first.clone(), issuer: holder.to_owned() })
        }
        _ => Ok(first.clone()),
    }
}

/// The values of `field` in each proof (a string or an array of strings per proof).
fn proof_field<'a>(value: &'a Value, field: &str) -> Vec<Vec<&'a str>> {
    let proofs: Vec<&Value> = match value.get("proof") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
        None => Vec::new(),
    };
    proofs.iter().map(|proof| strings(proof.get(field))).collect()
}

fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// When a value is expected, every proof (every signer) must carry it.
fn expect_value(expected: Option<&str>, per_proof: Vec<Vec<&str>>, field: &'static str) -> Result<(), Failure> {
    let Some(expected) = expected else {
        return Ok(());
    };
    match per_proof.iter().find(|found| !found.contains(&expected)) {
        None if !per_proof.is_empty() => Ok(()),
        missing => Err(ProofError::ChallengeMismatch {
            field,
            expected: expected.to_owned(),
            found: match missing {
                Some(found) if !found.is_empty() => found.join(", "),
                _ => "(none)".into(),
            },
        }
        .into()),
    }
}

/// The challenge check of a presentation: "not applicable" when the caller expects neither a
/// challenge nor a domain, so a report never says a replayable presentation answered one.
pub(super) fn challenge_check(options: &PresentationOptions, matches: impl FnOnce() -> Result<(), Failure>) -> Check {
    if options.challenge.is_none() && options.domain.is_none() {
        Check { kind: CheckKind::Challenge, outcome: Outcome::NotApplicable }
    } else {
        check(CheckKind::Challenge, matches())
    }
}

/// The audience a presentation made to be kept is bound to (a proof naming a `domain` and an
/// `expires`), when the caller requires one to be checked and expects none.
fn unchecked_audience(presentation: &Value, options: &PresentationOptions) -> Option<String> {
    if !options.audience_required || options.domain.is_some() {
        return None;
    }
    let kept = proof_field(presentation, "expires").iter().any(|expires| !expires.is_empty());
    let domain = proof_field(presentation, "domain").into_iter().flatten().next().map(str::to_owned);
    domain.filter(|_| kept)
}

fn challenge_matches(presentation: &Value, options: &PresentationOptions) -> Result<(), Failure> {
    expect_value(options.challenge.as_deref(), proof_field(presentation, "challenge"), "challenge")?;
    expect_value(options.domain.as_deref(), proof_field(presentation, "domain"), "domain")
}

pub(super) fn jwt_challenge_matches(payload: &Value, options: &PresentationOptions) -> Result<(), Failure> {
    expect_value(options.challenge.as_deref(), vec![strings(payload.get("nonce"))], "challenge")?;
    expect_value(options.domain.as_deref(), vec![strings(payload.get("aud"))], "domain")
}
