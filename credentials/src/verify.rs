//! The verification pipeline shared by the verifier CLI, the verifier service and the wallet:
//! structure, proofs, who signed, validity window, schema, status and, for presentations, holder
//! binding and challenge. Each becomes a [`Check`] in the [`Report`]; nothing here decides policy
//! beyond "did this check pass".

use std::sync::Arc;

use chrono::{DateTime, Utc};
use schemas::Lang;
use serde_json::Value;

use crate::clock::Clock;
use crate::contexts::{self, ContextSet};
use crate::did::{self, DidResolver, Purpose};
use crate::error::{ContextError, Error, InputError, JoseError, ProofError, ValidityError};
use crate::error::{Describe, Detail, StatusError};
use crate::i18n::t;
use crate::input::{self, Parsed};
use crate::jose;
use crate::jsonld::{self, type_names};
use crate::proof::data_integrity;
use crate::report::{Check, CheckKind, DocumentKind, Failure, NotChecked, Outcome, Report, SchemaViolation};
use crate::sd_jwt;
use crate::sd_jwt_vc;
use crate::status::{self, EntryStatus, StatusLists, VerifiedList};

/// Most credentials one presentation may carry (a job application needs a handful).
pub const MAX_EMBEDDED: usize = 64;

/// What a presentation must answer (this verifier's challenge and domain), and the time policies
/// of one request: how old a presentation may be, and how far the issuer's and holder's clocks
/// may be from ours.
#[derive(Debug, Clone, Default)]
pub struct PresentationOptions {
    pub challenge: Option<String>,
    pub domain: Option<String>,
    /// A presentation signed longer ago than this (proof `created`, JWT `iat`) is refused; `None`
    /// does not check its age.
    pub max_age: Option<std::time::Duration>,
    /// Tolerance on validity dates and on the presentation's signing time.
    pub clock_skew: std::time::Duration,
}

/// What a verifier may reach beyond the bundled contexts: DID documents given as files, and
/// (online) `did:web` and status lists over HTTPS, or saved status lists. Every command-line
/// program that verifies builds its [`Verifier`] from this, so `--online` means the same in each.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// Resolve `did:web` and download status lists.
    pub online: bool,
    /// Host (`example.org` or `127.0.0.1:8080`) → base URL to fetch from instead; implies online.
    pub host_overrides: std::collections::HashMap<String, url::Url>,
    /// DID documents used instead of resolving their DIDs.
    pub did_documents: Vec<did::DidDocument>,
    /// Status list credentials (URL → bytes) used instead of downloading them.
    pub status_lists: Vec<(String, Vec<u8>)>,
    pub status: status::StatusConfig,
}

impl Network {
    /// A verifier with these contexts and clock that reaches what this allows.
    pub fn verifier(self, contexts: ContextSet, clock: Arc<dyn Clock>) -> Verifier {
        let online = self.online || !self.host_overrides.is_empty();
        let mut known = did::StaticResolver::new();
        for document in self.did_documents {
            known.insert(document);
        }
        let http = crate::net::HttpPolicy { overrides: self.host_overrides, ..crate::net::HttpPolicy::default() };
        let resolver: Arc<dyn DidResolver> = if online {
            let config = did::web::WebResolverConfig { http: http.clone(), ..did::web::WebResolverConfig::default() };
            Arc::new(did::OnlineResolver { known, web: did::web::WebResolver::new(config) })
        } else {
            Arc::new(known)
        };
        let source: Option<Arc<dyn status::ListSource>> = if !self.status_lists.is_empty() {
            let mut lists = status::StaticLists::default();
            for (url, bytes) in self.status_lists {
                lists.insert(url, bytes);
            }
            Some(Arc::new(lists))
        } else if online {
            Some(Arc::new(status::HttpLists::new(http)))
        } else {
            None
        };
        let verifier = Verifier::new(contexts, resolver, clock);
        match source {
            Some(source) => verifier.with_status(Arc::new(StatusLists::new(source, self.status))),
            None => verifier,
        }
    }
}

/// Everything verification depends on, fixed once: bundled contexts, a DID resolver and a clock.
#[derive(Clone)]
pub struct Verifier {
    pub contexts: ContextSet,
    pub resolver: Arc<dyn DidResolver>,
    pub clock: Arc<dyn Clock>,
    /// Where status lists are read; `None` offline (status is then "not checked").
    pub status: Option<Arc<StatusLists>>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("contexts", &self.contexts).finish_non_exhaustive()
    }
}

fn outcome(result: Result<(), Failure>) -> Outcome {
    match result {
        Ok(()) => Outcome::Passed,
        Err(failure) => Outcome::Failed(failure),
    }
}

fn check(kind: CheckKind, result: Result<(), Failure>) -> Check {
    Check { kind, outcome: outcome(result) }
}

fn skipped(kind: CheckKind) -> Check {
    Check { kind, outcome: Outcome::NotChecked(NotChecked::EarlierFailure) }
}

impl Verifier {
    pub fn new(contexts: ContextSet, resolver: Arc<dyn DidResolver>, clock: Arc<dyn Clock>) -> Self {
        Self { contexts, resolver, clock, status: None }
    }

    /// Checks revocation and suspension through these status lists.
    pub fn with_status(mut self, lists: Arc<StatusLists>) -> Self {
        self.status = Some(lists);
        self
    }

    /// Whether verifying `parsed` now may wait on the network: a `did:web` document or a status
    /// list it names is not in cache. A service runs those verifications off its request threads
    /// and the others (nearly all, once caches are warm) inline. Errs on the side of `true`.
    pub fn may_wait(&self, parsed: &Parsed) -> bool {
        fn walk(verifier: &Verifier, value: &Value, key: Option<&str>, depth: usize) -> bool {
            if depth > crate::input::MAX_DEPTH {
                return true;
            }
            match value {
                Value::Object(map) => map.iter().any(|(k, v)| walk(verifier, v, Some(k), depth + 1)),
                Value::Array(items) => items.iter().any(|v| walk(verifier, v, key, depth + 1)),
                Value::String(text) => string_may_wait(verifier, text, key, depth),
                _ => false,
            }
        }
        match parsed {
            Parsed::Credential(value) | Parsed::Presentation(value) => walk(self, value, None, 0),
            Parsed::Jwt(jwt) => jwt_may_wait(self, jwt, 0),
            Parsed::SdJwt(text) => {
                let jwt = text.split('~').next().unwrap_or_default();
                let token = sd_jwt::decode_payload(jwt)
                    .ok()
                    .and_then(|claims| status::token::reference(&claims).ok().flatten())
                    .is_some_and(|reference| {
                        self.status
                            .as_ref()
                            .is_some_and(|lists| lists.would_fetch_token(&reference.uri, self.clock.now()))
                    });
                token || jwt_may_wait(self, jwt, 0)
            }
        }
    }

    /// Reads and verifies one input. `Err` only when the bytes are not a credential,
    /// presentation or JWT at all (the caller's input error).
    pub fn verify_bytes(&self, bytes: &[u8], options: &PresentationOptions) -> Result<Report, InputError> {
        Ok(self.verify(input::parse(bytes)?, options))
    }

    pub fn verify(&self, parsed: Parsed, options: &PresentationOptions) -> Report {
        let mut report = self.verify_any(parsed, options);
        let answered = report.document == DocumentKind::Presentation;
        if !answered && (options.challenge.is_some() || options.domain.is_some()) {
            report.checks.push(check(CheckKind::Challenge, Err(ProofError::PresentationRequired.into())));
        }
        report
    }

    fn verify_any(&self, parsed: Parsed, options: &PresentationOptions) -> Report {
        match parsed {
            Parsed::Credential(value) => {
                let mut report = self.credential_json(&value, options);
                report.content = Some(value);
                report
            }
            Parsed::Presentation(value) => self.presentation_json(&value, options),
            Parsed::Jwt(compact) => self.jwt(&compact, options),
            Parsed::SdJwt(text) => self.sd_jwt(&text, options),
        }
    }

    /// An SD-JWT VC. Alone it is a credential; with a key-binding JWT (or when a challenge asks
    /// for one) it is a presentation by the holder of the `cnf` key, reported like any
    /// presentation around the credential's own report, so every path (VC-API, OpenID4VP, the
    /// command line) reads holder, challenge and age the same way.
    fn sd_jwt(&self, text: &str, options: &PresentationOptions) -> Report {
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

    fn credential_json(&self, value: &Value, options: &PresentationOptions) -> Report {
        let mut report = base_report(value, DocumentKind::Credential, "issuer");
        let structure = structure(value, &self.contexts, "VerifiableCredential");
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));

        let (proof, signers) = if structure_ok {
            self.data_integrity(value, Purpose::AssertionMethod, &mut report.format, None)
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
    fn content_checks(&self, value: &Value, report: &mut Report, skew: std::time::Duration) {
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

    /// Reads every status entry; the outcome is the worst of them: revoked, then suspended, then
    /// a wrong list, then an unknown status.
    fn status_of(&self, lists: &StatusLists, value: &Value, issuer: Option<&str>) -> (Outcome, Vec<EntryStatus>) {
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
    fn token_status(&self, claims: &Value, issuer: Option<&str>) -> (Outcome, Vec<EntryStatus>) {
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

    /// Verifies every Data Integrity proof; returns the DIDs that signed.
    fn data_integrity(
        &self,
        value: &Value,
        purpose: Purpose,
        format: &mut String,
        options: Option<&PresentationOptions>,
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
        for outcome in outcomes {
            if let Err(error) = outcome.result {
                return (Err(error.into()), signers);
            }
        }
        if let Some(options) = options {
            if let Err(failure) = challenge_matches(value, options) {
                return (Err(failure), signers);
            }
        }
        (Ok(()), signers)
    }

    fn jwt(&self, compact: &str, options: &PresentationOptions) -> Report {
        let unverified = match jose::decode(compact) {
            Ok(unverified) => unverified,
            Err(error) => {
                return Report {
                    document: DocumentKind::Credential,
                    format: "vc+jwt".into(),
                    id: None,
                    issuer: None,
                    types: Vec::new(),
                    checks: vec![check(CheckKind::Structure, Err(error.into()))],
                    credentials: Vec::new(),
                    content: None,
                    status: Vec::new(),
                    disclosed: None,
                }
            }
        };
        let is_presentation = unverified.header.get("typ").and_then(Value::as_str) == Some(jose::VP_JWT_TYPE);
        let (document, expected_type, purpose, kind, field) = if is_presentation {
            (DocumentKind::Presentation, jose::VP_JWT_TYPE, Purpose::Authentication, "VerifiablePresentation", "holder")
        } else {
            (DocumentKind::Credential, jose::VC_JWT_TYPE, Purpose::AssertionMethod, "VerifiableCredential", "issuer")
        };
        let proof = jose::verify_decoded(compact, &unverified, expected_type, self.resolver.as_ref(), purpose);
        let payload = unverified.payload;
        let mut report = base_report(&payload, document, field);
        report.format = expected_type.into();
        let structure = structure(&payload, &self.contexts, kind);
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));
        let proof_ok = proof.is_ok();
        report.checks.push(if structure_ok {
            check(CheckKind::Proof, proof.map_err(Failure::from))
        } else {
            skipped(CheckKind::Proof)
        });
        // `jose::verify` only accepts a `kid` of the issuer's (holder's) own DID.
        report.checks.push(Check {
            kind: CheckKind::IssuerBinding,
            outcome: if proof_ok && structure_ok {
                Outcome::Passed
            } else {
                Outcome::NotChecked(NotChecked::EarlierFailure)
            },
        });
        if is_presentation {
            report.checks.push(challenge_check(options, || jwt_challenge_matches(&payload, options)));
            let holder = report.issuer.clone();
            report.checks.push(match options.max_age {
                None => Check { kind: CheckKind::PresentationAge, outcome: Outcome::NotApplicable },
                Some(_) => check(CheckKind::PresentationAge, self.presentation_age(&payload, true, options)),
            });
            self.embedded_credentials(&payload, options, holder.as_deref(), proof_ok, &mut report);
        } else {
            self.content_checks(&payload, &mut report, options.clock_skew);
            report.content = Some(payload);
        }
        report
    }

    fn presentation_json(&self, value: &Value, options: &PresentationOptions) -> Report {
        let mut report = base_report(value, DocumentKind::Presentation, "holder");
        let structure = structure(value, &self.contexts, "VerifiablePresentation");
        let structure_ok = structure.is_ok();
        report.checks.push(check(CheckKind::Structure, structure));
        let (proof, signers) = if structure_ok {
            self.data_integrity(value, Purpose::Authentication, &mut report.format, None)
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
        report.checks.push(challenge_check(options, || challenge_matches(value, options)));
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
    fn presentation_age(&self, value: &Value, jwt: bool, options: &PresentationOptions) -> Result<(), Failure> {
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

    /// Verifies each credential a presentation carries, and that its subject is the presenter.
    fn embedded_credentials(
        &self,
        presentation: &Value,
        options: &PresentationOptions,
        presenter: Option<&str>,
        presenter_verified: bool,
        report: &mut Report,
    ) {
        let embedded: Vec<Value> = match presentation.get("verifiableCredential") {
            Some(Value::Array(items)) => items.clone(),
            Some(single) => vec![single.clone()],
            None => Vec::new(),
        };
        let mut subjects_match = true;
        for item in embedded {
            let parsed = match &item {
                Value::Object(map)
                    if type_names(map.get("type")).iter().any(|t| t == "EnvelopedVerifiableCredential") =>
                {
                    match map
                        .get("id")
                        .and_then(Value::as_str)
                        .and_then(|id| id.strip_prefix("data:application/vc+jwt,"))
                    {
                        Some(jwt) => Parsed::Jwt(jwt.to_owned()),
                        None => Parsed::Credential(item.clone()),
                    }
                }
                Value::String(jwt) => Parsed::Jwt(jwt.clone()),
                _ => Parsed::Credential(item.clone()),
            };
            let subject_ids = match &parsed {
                Parsed::Jwt(jwt) => jose::decode(jwt).map(|u| subject_ids(&u.payload)).unwrap_or_default(),
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
        report.checks.push(if report.credentials.is_empty() {
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

fn base_report(value: &Value, document: DocumentKind, signer_field: &str) -> Report {
    Report {
        document,
        format: if value.get("proof").is_some() { String::new() } else { "unsecured".into() },
        id: value.get("id").and_then(Value::as_str).map(str::to_owned),
        issuer: jose::id_of(value.get(signer_field)),
        types: type_names(value.get("type")),
        checks: Vec::new(),
        credentials: Vec::new(),
        content: None,
        status: Vec::new(),
        disclosed: None,
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

fn parse_date(value: &Value, field: &'static str) -> Result<Option<DateTime<Utc>>, ValidityError> {
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
fn challenge_check(options: &PresentationOptions, matches: impl FnOnce() -> Result<(), Failure>) -> Check {
    if options.challenge.is_none() && options.domain.is_none() {
        Check { kind: CheckKind::Challenge, outcome: Outcome::NotApplicable }
    } else {
        check(CheckKind::Challenge, matches())
    }
}

fn challenge_matches(presentation: &Value, options: &PresentationOptions) -> Result<(), Failure> {
    expect_value(options.challenge.as_deref(), proof_field(presentation, "challenge"), "challenge")?;
    expect_value(options.domain.as_deref(), proof_field(presentation, "domain"), "domain")
}

fn jwt_challenge_matches(payload: &Value, options: &PresentationOptions) -> Result<(), Failure> {
    expect_value(options.challenge.as_deref(), vec![strings(payload.get("nonce"))], "challenge")?;
    expect_value(options.domain.as_deref(), vec![strings(payload.get("aud"))], "domain")
}

/// The rules of [`Verifier::may_wait`] for one JSON string, under the key (or the array's key)
/// it sits at.
fn string_may_wait(verifier: &Verifier, text: &str, key: Option<&str>, depth: usize) -> bool {
    if let Some(jwt) = text.strip_prefix("data:application/vc+jwt,") {
        return jwt_may_wait(verifier, jwt, depth);
    }
    if key == Some("statusListCredential") {
        return verifier.status.as_ref().is_some_and(|lists| lists.would_fetch(text, verifier.clock.now()));
    }
    if text.starts_with("did:web:") {
        // A key is looked up in its document, which is read again when the key is missing
        // (`did::resolve_key`); any other DID only needs the document.
        if matches!(key, Some("verificationMethod" | "kid")) {
            return verifier.resolver.would_fetch_method(text);
        }
        return did::did_of(text).is_ok_and(|did| verifier.resolver.would_fetch(did));
    }
    crate::input::looks_like_compact_jws(text) && jwt_may_wait(verifier, text, depth)
}

/// [`Verifier::may_wait`] for a compact JWS. Its header and payload are read as JSON text where
/// they lie (`scan`), not built into `Value`s: the verification decodes them again, and building
/// them here cost the service about a tenth of a `vc+jwt` request. A JWS that does not decode
/// will not verify, and waits on nothing.
fn jwt_may_wait(verifier: &Verifier, jwt: &str, depth: usize) -> bool {
    use serde::de::DeserializeSeed as _;
    let Ok([header, payload, _signature]) = jose::segments(jwt) else {
        return false;
    };
    let segment = |segment: &str| -> Option<bool> {
        let bytes = jose::segment_bytes(segment, "segment").ok()?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        let wait = scan::Walk { verifier, key: None, depth: depth + 1 }.deserialize(&mut json).ok()?;
        json.end().ok()?;
        Some(wait)
    };
    match (segment(header), segment(payload)) {
        (Some(header), Some(payload)) => header || payload,
        _ => false,
    }
}

/// JSON text walked with the rules of [`Verifier::may_wait`] as serde reads it: strings are seen
/// where they lie, and no map or vector is built.
mod scan {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use super::{string_may_wait, Verifier};

    pub(super) struct Walk<'v> {
        pub(super) verifier: &'v Verifier,
        pub(super) key: Option<&'static str>,
        pub(super) depth: usize,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = bool;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
            if self.depth > crate::input::MAX_DEPTH {
                deserializer.deserialize_ignored_any(IgnoredAny)?;
                return Ok(true);
            }
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = bool;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("JSON")
        }

        fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
            Ok(false)
        }

        fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
            Ok(false)
        }

        fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
            Ok(false)
        }

        fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }

        fn visit_unit<E>(self) -> Result<bool, E> {
            Ok(false)
        }

        fn visit_str<E>(self, text: &str) -> Result<bool, E> {
            Ok(string_may_wait(self.verifier, text, self.key, self.depth))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<bool, A::Error> {
            let mut wait = false;
            // Every item is read: the text is consumed to its end either way.
            while let Some(item) =
                items.next_element_seed(Walk { verifier: self.verifier, key: self.key, depth: self.depth + 1 })?
            {
                wait |= item;
            }
            Ok(wait)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut wait = false;
            while let Some(key) = map.next_key_seed(Key)? {
                wait |= map.next_value_seed(Walk { verifier: self.verifier, key: Some(key), depth: self.depth + 1 })?;
            }
            Ok(wait)
        }
    }

    /// A property name as far as the rules read it: the three they name, `""` for any other.
    struct Key;

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = &'static str;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'static str, D::Error> {
            deserializer.deserialize_str(self)
        }
    }

    impl Visitor<'_> for Key {
        type Value = &'static str;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a property name")
        }

        fn visit_str<E>(self, key: &str) -> Result<&'static str, E> {
            Ok(match key {
                "statusListCredential" => "statusListCredential",
                "verificationMethod" => "verificationMethod",
                "kid" => "kid",
                _ => "",
            })
        }
    }
}
