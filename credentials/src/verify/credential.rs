//! The checks of a credential as the VC Data Model defines it (structure, Data Integrity proofs,
//! issuer binding, validity, schema), shared by JSON credentials, `vc+jwt` payloads and the
//! credentials a presentation carries.

use chrono::{DateTime, Utc};
use schemas::Lang;
use serde_json::Value;

use super::checks::{base_report, check, skipped};
use super::verifier::{PresentationOptions, Verifier};
use crate::contexts::{self, ContextSet};
use crate::did::{self, Purpose};
use crate::error::{ContextError, Detail, Error, InputError, ProofError, ValidityError};
use crate::i18n::t;
use crate::input;
use crate::jose;
use crate::jsonld::{self, type_names};
use crate::proof::data_integrity;
use crate::report::{Check, CheckKind, DocumentKind, Failure, NotChecked, Outcome, Report, SchemaViolation};

/// Most credentials one presentation may carry (a job application needs a handful).
pub const MAX_EMBEDDED: usize = 64;

impl Verifier {
    pub(super) fn credential_json(&self, value: &Value, options: &PresentationOptions) -> Report {
        let mut report = base_report(value, DocumentKind::Credential, "issuer");
        let structure = structure(value, &self.contexts, "VerifiableCredential");
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));

        let (proof, signers) = if structure_ok {
            self.data_integrity(value, Purpose::AssertionMethod, &mut report.format)
        } else {
            (Err(Failure::from(ProofError::NoProof)), Vec::new())
        };
        let proof_ok = proof.is_ok();
        report.checks.push(if structure_ok { check(CheckKind::Proof, proof) } else { skipped(CheckKind::Proof) });
        report.checks.push(if proof_ok {
            check(CheckKind::IssuerBinding, signed_by(&signers, report.issuer.as_deref()))
        } else {
            skipped(CheckKind::IssuerBinding)
        });
        self.content_checks(value, &mut report, options.clock_skew);
        report
    }

    /// Validity, schema and status: the checks that read the credential's claims.
    pub(super) fn content_checks(&self, value: &Value, report: &mut Report, skew: std::time::Duration) {
        let validity = validity_with_skew(value, self.clock.now(), skew).map_err(Failure::from);
        report.checks.push(check(CheckKind::Validity, validity));
        report.checks.push(schema(value));
        let signed = [CheckKind::Proof, CheckKind::IssuerBinding]
            .iter()
            .all(|kind| matches!(report.check(*kind), Some(Outcome::Passed)));
        let outcome = match &self.status {
            _ if value.get("credentialStatus").is_none() => Outcome::NotApplicable,
            None => Outcome::NotChecked(NotChecked::StatusOffline),
            // A forged credential does not get to make this verifier download anything.
            Some(_) if !signed => Outcome::NotChecked(NotChecked::EarlierFailure),
            Some(lists) => {
                let (outcome, entries) = self.status_of(lists, value, report.issuer.as_deref());
                report.status = entries;
                outcome
            }
        };
        report.checks.push(Check { kind: CheckKind::Status, outcome });
    }

    /// Verifies every Data Integrity proof; returns the DIDs that signed.
    pub(super) fn data_integrity(
        &self,
        value: &Value,
        purpose: Purpose,
        format: &mut String,
    ) -> (Result<(), Failure>, Vec<String>) {
        let outcomes = match data_integrity::verify_proofs(
            value,
            self.resolver.as_ref(),
            &self.contexts,
            purpose,
            self.clock.now(),
        ) {
            Ok(outcomes) => outcomes,
            Err(error) => return (Err(error.into()), Vec::new()),
        };
        let mut suites: Vec<&str> = outcomes.iter().map(|o| o.suite.as_str()).collect();
        suites.dedup();
        *format = suites.join(", ");
        let signers: Vec<String> = outcomes
            .iter()
            .filter_map(|o| o.verification_method.as_deref())
            .filter_map(|vm| did::did_of(vm).ok().map(str::to_owned))
            .collect();
        // A broken chain is said as such (VC Data Integrity §4.4), before the failure of the proof
        // it endorses.
        let chain = |outcome: &data_integrity::ProofOutcome| {
            matches!(
                outcome.result,
                Err(Error::Proof(ProofError::PreviousProofInvalid { .. } | ProofError::PreviousProofMissing(_)))
            )
        };
        let failed = outcomes.iter().position(chain).or_else(|| outcomes.iter().position(|o| o.result.is_err()));
        match failed.and_then(|index| outcomes.into_iter().nth(index)) {
            Some(data_integrity::ProofOutcome { result: Err(error), .. }) => (Err(error.into()), signers),
            _ => (Ok(()), signers),
        }
    }
}

/// The `id` of each `credentialSubject` (one object or an array of them).
pub fn subject_ids(credential: &Value) -> Vec<String> {
    match credential.get("credentialSubject") {
        Some(Value::Array(items)) => {
            items.iter().filter_map(|s| s.get("id").and_then(Value::as_str).map(str::to_owned)).collect()
        }
        Some(subject) => subject.get("id").and_then(Value::as_str).map(str::to_owned).into_iter().collect(),
        // SD-JWT VC claims name their holder in `sub`.
        None => credential.get("sub").and_then(Value::as_str).map(str::to_owned).into_iter().collect(),
    }
}

/// Every proof was made by a key of `expected` (the issuer or holder DID).
fn signed_by(signers: &[String], expected: Option<&str>) -> Result<(), Failure> {
    let expected = expected.unwrap_or("(none)");
    match signers.iter().find(|s| s.as_str() != expected) {
        None if !signers.is_empty() => Ok(()),
        None => Err(ProofError::NoProof.into()),
        Some(other) => Err(ProofError::SignerIsNotIssuer { signer: other.clone(), issuer: expected.to_owned() }.into()),
    }
}

/// VC Data Model rules that need no key: contexts, type, issuer, subject.
pub fn structure(value: &Value, contexts: &ContextSet, required_type: &'static str) -> Result<(), Failure> {
    let object = value.as_object().ok_or(InputError::NotAnObject { found: input::json_kind(value) })?;
    let first = match object.get("@context") {
        None => return Err(ContextError::Missing.into()),
        Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
        Some(single) => single.clone(),
    };
    match first.as_str() {
        Some(contexts::CREDENTIALS_V2) | Some(contexts::CREDENTIALS_V1) => {}
        _ => {
            return Err(ContextError::WrongFirst {
                expected: "https://www.w3.org/ns/credentials/v2",
                found: first.to_string(),
            }
            .into())
        }
    }
    contexts.check_document(value)?;
    jsonld::check_terms(value)?;
    if let Some(Value::Array(embedded)) = object.get("verifiableCredential") {
        if embedded.len() > MAX_EMBEDDED {
            return Err(InputError::TooMany {
                what: "verifiableCredential",
                count: embedded.len(),
                limit: MAX_EMBEDDED,
            }
            .into());
        }
    }
    // VCDM 2.0's MUSTs on relatedResource, termsOfUse, refreshService, credentialSchema,
    // evidence, name and description.
    super::data_model::check(object)?;
    let types = type_names(object.get("type"));
    // A document that is both would be checked as one by the issuer and as the other by a
    // verifier (found by fuzzing: the issuer signed one that no verifier accepted).
    if types.iter().any(|t| t == "VerifiableCredential") && types.iter().any(|t| t == "VerifiablePresentation") {
        return Err(InputError::InvalidField {
            field: "type",
            reason: Detail::localized(|lang| t!(lang, "verify-both-types")),
        }
        .into());
    }
    if !types.iter().any(|t| t == required_type) {
        return Err(InputError::InvalidField {
            field: "type",
            reason: Detail::localized(|lang| t!(lang, "verify-type-missing", required = required_type)),
        }
        .into());
    }
    if required_type == "VerifiableCredential" {
        match object.get("issuer") {
            None => return Err(InputError::MissingField("issuer").into()),
            Some(issuer) => {
                let id = jose::id_of(Some(issuer)).ok_or_else(|| InputError::InvalidField {
                    field: "issuer",
                    reason: Detail::localized(|lang| t!(lang, "verify-issuer-shape")),
                })?;
                if url::Url::parse(&id).is_err() {
                    return Err(InputError::InvalidField {
                        field: "issuer",
                        reason: Detail::localized(|lang| t!(lang, "verify-issuer-not-url", id = id.as_str())),
                    }
                    .into());
                }
            }
        }
        match object.get("credentialSubject") {
            None => return Err(InputError::MissingField("credentialSubject").into()),
            Some(Value::Object(subject)) if !subject.is_empty() => {}
            Some(Value::Array(subjects))
                if !subjects.is_empty() && subjects.iter().all(|s| s.as_object().is_some_and(|o| !o.is_empty())) => {}
            Some(_) => {
                return Err(InputError::InvalidField {
                    field: "credentialSubject",
                    reason: Detail::localized(|lang| t!(lang, "verify-subject-empty")),
                }
                .into())
            }
        }
    }
    Ok(())
}

pub(super) fn parse_date(value: &Value, field: &'static str) -> Result<Option<DateTime<Utc>>, ValidityError> {
    match value.get(field) {
        None => Ok(None),
        Some(Value::String(text)) => DateTime::parse_from_rfc3339(text)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| ValidityError::InvalidDate { field, value: text.clone() }),
        Some(other) => Err(ValidityError::InvalidDate { field, value: other.to_string() }),
    }
}

/// `validFrom` ≤ now ≤ `validUntil` (VC 1.1 `issuanceDate` / `expirationDate` for older input).
pub fn validity(value: &Value, now: DateTime<Utc>) -> Result<(), ValidityError> {
    validity_with_skew(value, now, std::time::Duration::ZERO)
}

/// [`validity`] allowing the issuer's clock to be `skew` ahead of or behind ours.
pub fn validity_with_skew(value: &Value, now: DateTime<Utc>, skew: std::time::Duration) -> Result<(), ValidityError> {
    let skew = chrono::Duration::from_std(skew).unwrap_or(chrono::Duration::zero());
    let early = now.checked_add_signed(skew).unwrap_or(DateTime::<Utc>::MAX_UTC);
    let late = now.checked_sub_signed(skew).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let from = match parse_date(value, "validFrom")? {
        Some(from) => Some((from, "validFrom")),
        None => parse_date(value, "issuanceDate")?.map(|d| (d, "issuanceDate")),
    };
    let until = match parse_date(value, "validUntil")? {
        Some(until) => Some(until),
        None => parse_date(value, "expirationDate")?,
    };
    let show = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    if let (Some((from, _)), Some(until)) = (from, until) {
        if until < from {
            return Err(ValidityError::UntilBeforeFrom { from: show(from), until: show(until) });
        }
    }
    if let Some((from, _)) = from {
        if early < from {
            return Err(ValidityError::NotYetValid(show(from)));
        }
    }
    if let Some(until) = until {
        if late > until {
            return Err(ValidityError::Expired(show(until)));
        }
    }
    // JWT claims of a vc+jwt payload (seconds since the epoch), when present.
    let seconds = |field: &'static str| -> Result<Option<DateTime<Utc>>, ValidityError> {
        match value.get(field) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map(Some)
                .ok_or_else(|| ValidityError::InvalidDate { field, value: n.to_string() }),
            Some(other) => Err(ValidityError::InvalidDate { field, value: other.to_string() }),
        }
    };
    if let Some(expiry) = seconds("exp")? {
        if late > expiry {
            return Err(ValidityError::Expired(show(expiry)));
        }
    }
    if let Some(not_before) = seconds("nbf")? {
        if early < not_before {
            return Err(ValidityError::NotYetValid(show(not_before)));
        }
    }
    Ok(())
}

fn schema(value: &Value) -> Check {
    // The profiles' schemas leave `proof` open, so signed and unsigned documents validate alike.
    let outcome = match schemas::validate(value) {
        Ok(schemas::Profile::Other) => Outcome::NotApplicable,
        Ok(_) => Outcome::Passed,
        Err(schemas::SchemaError::Invalid { violations, .. }) => {
            Outcome::Failed(Failure::Schema(violations.into_iter().map(SchemaViolation::from).collect()))
        }
        Err(other) => Outcome::Failed(Failure::Schema(vec![SchemaViolation {
            pointer: String::new(),
            // The schemas crate's own words in English; the catalogue says it in French.
            message: other.to_string(),
            message_fr: t!(Lang::Fr, "verify-schema-not-applied"),
        }])),
    };
    Check { kind: CheckKind::Schema, outcome }
}
