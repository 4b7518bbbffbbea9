//! Revocation and suspension: a status list or token is itself a signed document, verified
//! like a credential before one of its bits is believed.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::credential::parse_date;
use super::verifier::{PresentationOptions, Verifier};
use crate::did::Purpose;
use crate::error::{Describe, Detail, Error, JoseError, StatusError};
use crate::i18n::t;
use crate::input;
use crate::jose;
use crate::jsonld::type_names;
use crate::report::{CheckKind, DocumentKind, NotChecked, Outcome};
use crate::status::{self, EntryStatus, StatusLists, VerifiedList};

impl Verifier {
    /// Reads every status entry; the outcome is the worst of them: revoked, then suspended, then
    /// a wrong list, then an unknown status.
    pub(super) fn status_of(
        &self,
        lists: &StatusLists,
        value: &Value,
        issuer: Option<&str>,
    ) -> (Outcome, Vec<EntryStatus>) {
        let entries = match status::entry::each_entry(value) {
            Ok(entries) if entries.is_empty() => return (Outcome::NotApplicable, Vec::new()),
            Ok(entries) => entries,
            Err(error) => return (Outcome::Failed(error.into()), Vec::new()),
        };
        let now = self.clock.now();
        let max_inflated = lists.config.max_inflated_bytes;
        let results: Vec<EntryStatus> = entries
            .into_iter()
            .map(|entry| match entry {
                Ok(entry) => {
                    let verify = |bytes: &[u8]| self.verify_status_list(&entry.list, bytes, max_inflated);
                    let result = lists.bit(&entry, issuer, now, &verify);
                    EntryStatus { purpose: entry.purpose, index: entry.index, list: entry.list, result }
                }
                Err(error) => EntryStatus { purpose: String::new(), index: 0, list: String::new(), result: Err(error) },
            })
            .collect();
        let set = |purpose: &str| results.iter().any(|r| r.purpose == purpose && r.result == Ok(true));
        let outcome = if set("revocation") {
            Outcome::Failed(StatusError::Revoked.into())
        } else if set("suspension") {
            Outcome::Failed(StatusError::Suspended.into())
        } else if let Some(error) = results.iter().find_map(|r| r.result.clone().err().filter(|e| !e.is_retrieval())) {
            Outcome::Failed(error.into())
        } else if let Some(error) = results.iter().find_map(|r| r.result.clone().err()) {
            self.unknown(error)
        } else {
            Outcome::Passed
        };
        (outcome, results)
    }

    /// Reads the status of a credential already verified once, again: `source` holds what the
    /// credential said of its status (its `credentialStatus`, or an SD-JWT VC's `status` claim),
    /// `issuer` who signed it. Each list is downloaded again unless it was read less than
    /// [`crate::status::StatusConfig::min_reread`] ago (see [`StatusLists::read_again`]); the
    /// outcome is the status check's as at verification. `NotApplicable` when `source` names
    /// no status, `NotChecked` offline. Nothing else of the credential is checked again: its
    /// proof was, when it was first verified.
    pub fn status_again(&self, source: &Value, issuer: Option<&str>) -> (Outcome, Vec<EntryStatus>) {
        let Some(lists) = &self.status else {
            return (Outcome::NotChecked(NotChecked::StatusOffline), Vec::new());
        };
        if source.get("credentialStatus").is_some() {
            for entry in status::entry::each_entry(source).unwrap_or_default().into_iter().flatten() {
                lists.read_again(&entry.list, false);
            }
            return self.status_of(lists, source, issuer);
        }
        if let Ok(Some(reference)) = status::token::reference(source) {
            lists.read_again(&reference.uri, true);
        }
        self.token_status(source, issuer)
    }

    /// A status that could not be read: a failure only when the policy says so.
    fn unknown(&self, error: StatusError) -> Outcome {
        match &self.status {
            Some(lists) if lists.config.unknown_fails => Outcome::Failed(error.into()),
            _ => Outcome::Undetermined(error.into()),
        }
    }

    /// Verifies a downloaded status list credential like any credential (its own status is not
    /// followed), then reads its subject and inflates its bits.
    fn verify_status_list(&self, url: &str, bytes: &[u8], max_inflated: usize) -> Result<VerifiedList, StatusError> {
        let invalid = |reason: String| StatusError::ListInvalid { url: url.to_owned(), reason };
        let parsed =
            input::parse_with_limit(bytes, status::DEFAULT_MAX_LIST_BYTES).map_err(|e| invalid(e.code().into()))?;
        let inner = Verifier { status: None, ..self.clone() };
        let report = inner.verify(parsed, &PresentationOptions::default());
        if report.document != DocumentKind::Credential {
            return Err(invalid("type".into()));
        }
        for check in &report.checks {
            match (&check.outcome, check.kind) {
                // Validity is checked at each use, against the verifier's clock, as the list is cached.
                (_, CheckKind::Validity) => {}
                (Outcome::Failed(failure), CheckKind::Proof | CheckKind::IssuerBinding) => {
                    return Err(StatusError::ListProof(failure.code().into()))
                }
                (Outcome::Failed(failure), _) => return Err(invalid(failure.code().into())),
                _ => {}
            }
        }
        if !matches!(report.check(CheckKind::Proof), Some(Outcome::Passed)) {
            return Err(StatusError::ListProof("proof_missing".into()));
        }
        let content = report.content.as_ref().ok_or_else(|| invalid("credentialSubject".into()))?;
        // A list answers for the URL it was fetched from, not for another list of its issuer.
        if content.get("id").is_some_and(|id| id.as_str() != Some(url)) {
            return Err(invalid("id".into()));
        }
        if !report.types.iter().any(|t| t == status::LIST_CREDENTIAL_TYPE) {
            return Err(invalid("type".into()));
        }
        let subject = match content.get("credentialSubject") {
            Some(Value::Array(items)) if items.len() == 1 => &items[0],
            Some(subject @ Value::Object(_)) => subject,
            _ => return Err(invalid("credentialSubject".into())),
        };
        if !type_names(subject.get("type")).iter().any(|t| t == status::LIST_TYPE) {
            return Err(invalid("credentialSubject.type".into()));
        }
        let purposes: Vec<String> = match subject.get("statusPurpose") {
            Some(Value::String(purpose)) => vec![purpose.clone()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        if purposes.is_empty() {
            return Err(invalid("credentialSubject.statusPurpose".into()));
        }
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("credentialSubject.encodedList".into()))?;
        let ttl = match subject.get("ttl") {
            None => None,
            Some(ttl) => Some(std::time::Duration::from_millis(
                ttl.as_u64().ok_or_else(|| invalid("credentialSubject.ttl".into()))?,
            )),
        };
        let date = |name: &'static str| parse_date(content, name).map_err(|_| invalid(name.to_owned()));
        // JWT lists carry their window in `nbf`/`exp` (seconds); the earliest end and the latest
        // start of whatever is given apply.
        let seconds = |name: &str| -> Result<Option<DateTime<Utc>>, StatusError> {
            match content.get(name) {
                None => Ok(None),
                Some(value) => value
                    .as_i64()
                    .and_then(|s| DateTime::from_timestamp(s, 0))
                    .map(Some)
                    .ok_or_else(|| invalid(name.to_owned())),
            }
        };
        let until = [date("validUntil")?, date("expirationDate")?, seconds("exp")?].into_iter().flatten().min();
        let from = [date("validFrom")?, seconds("nbf")?].into_iter().flatten().max();
        Ok(VerifiedList {
            issuer: report.issuer.clone().ok_or_else(|| invalid("issuer".into()))?,
            purposes,
            bits: status::Bitstring::decode(encoded, max_inflated)?,
            valid_from: from,
            valid_until: until,
            ttl,
            entry_bits: 1,
        })
    }

    /// Verifies a downloaded Status List Token: `statuslist+jwt` signed by a key of its issuer's
    /// DID (named by `kid`), `sub` the URI it was fetched from, `bits` of 1, 2, 4 or 8, `lst`
    /// inflated within the limit.
    fn verify_status_token(&self, uri: &str, bytes: &[u8], max_inflated: usize) -> Result<VerifiedList, StatusError> {
        let invalid = |reason: &str| StatusError::ListInvalid { url: uri.to_owned(), reason: reason.to_owned() };
        let text = std::str::from_utf8(bytes).map_err(|_| invalid("not text"))?.trim();
        let (issuer, claims) = jose::verify_signed_by_did(
            text,
            status::token::TOKEN_TYPE,
            self.resolver.as_ref(),
            Purpose::AssertionMethod,
        )
        .map_err(|error| match error {
            Error::Jose(JoseError::SignatureInvalid) | Error::Did(_) => StatusError::ListProof(error.code().into()),
            other => invalid(other.code()),
        })?;
        if claims.get("sub").and_then(Value::as_str) != Some(uri) {
            return Err(invalid("sub"));
        }
        if claims.get("iss").is_some_and(|iss| iss.as_str() != Some(issuer.as_str())) {
            return Err(invalid("iss"));
        }
        let list = claims.get("status_list").ok_or_else(|| invalid("status_list"))?;
        let bits = match list.get("bits").and_then(Value::as_u64) {
            Some(bits @ (1 | 2 | 4 | 8)) => bits as u8,
            _ => return Err(invalid("status_list.bits")),
        };
        let lst = list.get("lst").and_then(Value::as_str).ok_or_else(|| invalid("status_list.lst"))?;
        // `iat` is required; `exp` and `ttl` are optional but must be numbers when given.
        let seconds = |name: &'static str| match claims.get(name) {
            None => Ok(None),
            Some(value) => value.as_i64().map(Some).ok_or_else(|| invalid(name)),
        };
        seconds("iat")?.ok_or_else(|| invalid("iat"))?;
        let valid_until = match seconds("exp")? {
            Some(exp) => Some(DateTime::from_timestamp(exp, 0).ok_or_else(|| invalid("exp"))?),
            None => None,
        };
        let ttl = match claims.get("ttl") {
            None => None,
            Some(ttl) => Some(std::time::Duration::from_secs(ttl.as_u64().ok_or_else(|| invalid("ttl"))?)),
        };
        Ok(VerifiedList {
            issuer,
            purposes: vec!["revocation".into(), "suspension".into()],
            bits: status::Bitstring::from_bytes(status::token::decode(lst, max_inflated)?),
            valid_from: None,
            valid_until,
            ttl,
            entry_bits: bits,
        })
    }

    /// The status an SD-JWT VC's `status.status_list` points at; a revoked or suspended entry
    /// fails, an unreachable token leaves the status unknown.
    pub(super) fn token_status(&self, claims: &Value, issuer: Option<&str>) -> (Outcome, Vec<EntryStatus>) {
        let reference = match status::token::reference(claims) {
            Ok(None) => return (Outcome::NotApplicable, Vec::new()),
            Ok(Some(reference)) => reference,
            // A mechanism we do not read leaves the status unknown, as for credentialStatus.
            Err(error) if error.is_retrieval() => return (self.unknown(error), Vec::new()),
            Err(error) => return (Outcome::Failed(error.into()), Vec::new()),
        };
        let Some(lists) = &self.status else {
            return (Outcome::NotChecked(NotChecked::StatusOffline), Vec::new());
        };
        let max_inflated = lists.config.max_inflated_bytes;
        let verify = |bytes: &[u8]| self.verify_status_token(&reference.uri, bytes, max_inflated);
        let value = lists.token_value(&reference, issuer, self.clock.now(), &verify);
        let entry = |purpose: &str, result: Result<bool, StatusError>| EntryStatus {
            purpose: purpose.into(),
            index: reference.index,
            list: reference.uri.clone(),
            result,
        };
        match value {
            Ok(value) => {
                let entries = vec![
                    entry("revocation", Ok(value == status::token::INVALID)),
                    entry("suspension", Ok(value == status::token::SUSPENDED)),
                ];
                let outcome = match value {
                    status::token::VALID => Outcome::Passed,
                    status::token::INVALID => Outcome::Failed(StatusError::Revoked.into()),
                    status::token::SUSPENDED => Outcome::Failed(StatusError::Suspended.into()),
                    other => Outcome::Failed(
                        StatusError::Unsupported(Detail::localized(|lang| {
                            t!(lang, "verify-status-value", value = other.to_string())
                        }))
                        .into(),
                    ),
                };
                (outcome, entries)
            }
            Err(error) if error.is_retrieval() => (self.unknown(error.clone()), vec![entry("revocation", Err(error))]),
            Err(error) => (Outcome::Failed(error.clone().into()), vec![entry("revocation", Err(error))]),
        }
    }
}
