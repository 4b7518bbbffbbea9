//! Issuing one credential: the VC-API request's credential completed (`id`, `issuer`, status
//! entries), checked and signed as a verifier will check it, recorded with its audit entry, and
//! only then handed back. An idempotency key makes a retried request get the same credential.

use std::sync::Arc;

use credentials::secure::{Mechanism, Secured};
use credentials::Signer;
use schemas::Lang;
use serde_json::{json, Value};

use crate::domain::error::IssuerError;
use crate::domain::secret::sha256_hex;
use crate::domain::service::IssuerService;
use crate::domain::sign::sign;
use crate::domain::template::new_credential_id;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::{detail, t};
use crate::store::{CredentialRow, Stored};

/// Idempotency keys of credentials issued through OpenID4VCI offers; refused in clients' headers.
pub(crate) const OFFER_IDEMPOTENCY_PREFIX: &str = "oid4vci-offer:";

/// A credential as handed back to the caller.
#[derive(Debug, Clone)]
pub struct Issued {
    pub id: String,
    pub secured: Secured,
    /// The secured credential's text as recorded (its SHA-256 is the record's): a JSON answer
    /// embeds it instead of serializing the credential once more.
    pub body: String,
    /// True when an earlier request with the same idempotency key issued it.
    pub replayed: bool,
}

impl IssuerService {
    /// VC-API issuance: fills `id` and `issuer` when absent, refuses what a verifier would reject,
    /// signs, records, and only then returns the credential. `person` is who it is for, as the
    /// department names them (see [`person_reference`]): recorded beside the credential so that
    /// staff can find it, never written into it. A replay keeps the person first recorded.
    pub async fn issue(
        &self,
        principal: &Principal,
        mut credential: Value,
        mechanism: Mechanism,
        idempotency: Option<&Idempotency>,
        person: Option<&str>,
    ) -> Result<Issued, IssuerError> {
        principal.require(Scope::Issue)?;
        let person = person.map(person_reference).transpose()?;
        let department = principal.department.as_str();
        if let Some(idempotency) = idempotency {
            if idempotency.key.is_empty() || idempotency.key.len() > 200 {
                return Err(IssuerError::BadRequest(detail!("service-idempotency-key-length")));
            }
            if idempotency.key.starts_with(OFFER_IDEMPOTENCY_PREFIX) && !principal.token_id.starts_with("offer:") {
                let prefix = OFFER_IDEMPOTENCY_PREFIX;
                return Err(IssuerError::BadRequest(detail!("service-idempotency-key-reserved", prefix = prefix)));
            }
            if let Some(existing) = self.store.credential_by_idempotency_key(department, &idempotency.key).await? {
                return replay(existing, idempotency);
            }
        }
        let object =
            credential.as_object_mut().ok_or_else(|| IssuerError::BadRequest(detail!("credential-not-object")))?;
        if let Some(id) = object.get("id") {
            match id.as_str().map(url::Url::parse) {
                Some(Ok(_)) => {}
                _ => return Err(IssuerError::Refused(detail!("service-id-not-url"))),
            }
        }
        if object.iter().any(|(key, value)| key.contains('\0') || contains_nul(value)) {
            return Err(IssuerError::Refused(detail!("service-credential-nul")));
        }
        // Another department's identity is another department's resource: asked for with this
        // department's token, the answer is 403, not a validation error.
        let named_issuer = match object.get("issuer") {
            Some(Value::String(id)) => Some(id.as_str()),
            Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
            _ => None,
        };
        if let Some(named) = named_issuer {
            if named != self.issuer_profile(department).await?.id && self.store.is_department_did(named).await? {
                return Err(IssuerError::OtherDepartment {
                    token_department: department.to_owned(),
                    issuer: named.to_owned(),
                });
            }
        }
        if !object.contains_key("id") {
            object.insert("id".into(), new_credential_id().into());
        }
        if !object.contains_key("issuer") {
            let profile = self.issuer_profile(department).await?;
            let filled = filled_issuer(object, &profile.id, &profile.name);
            object.insert("issuer".into(), filled);
        }
        let (revocation, suspension) = self.assign_status(department, object).await?;
        let signer = self.signer(department).await?;
        let secured = if mechanism.is_quick() {
            // Tens of microseconds: signed here, on the request's worker. Handing it to another
            // thread would cost about as much as the signing, and each blocking-pool thread keeps
            // its own allocator heap.
            sign(&credential, signer as Arc<dyn Signer>, mechanism, self.clock.now(), &self.contexts)?
        } else {
            // RDF canonicalization takes most of a millisecond: it runs on the blocking pool, a
            // bounded number at a time, so the async workers keep answering (health checks, other
            // departments).
            let permit = self
                .signing_slots
                .clone()
                .acquire_owned()
                .await
                .map_err(|_| IssuerError::Unexpected(t!(Lang::En, "service-signing-slots-closed")))?;
            let (to_sign, contexts, now) = (credential.clone(), self.contexts.clone(), self.clock.now());
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                sign(&to_sign, signer as Arc<dyn Signer>, mechanism, now, &contexts)
            })
            .await
            .map_err(|e| IssuerError::Unexpected(t!(Lang::En, "service-signing-failed", reason = e.to_string())))??
        };
        let id = credential.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let body = secured.record_text();
        let row = CredentialRow {
            id: id.clone(),
            department_id: department.to_owned(),
            subject: credential.pointer("/credentialSubject/id").and_then(Value::as_str).map(str::to_owned),
            credential_type: credentials::input::type_names(credential.get("type")).last().cloned().unwrap_or_default(),
            achievement: credential
                .pointer("/credentialSubject/achievement/name")
                .and_then(Value::as_str)
                .map(str::to_owned),
            format: mechanism.name().to_owned(),
            sha256: sha256_hex(body.as_bytes()),
            issued_at: self.now(),
            token_id: principal.token_id.clone(),
            idempotency_key: idempotency.map(|i| i.key.clone()),
            request_sha256: idempotency.map(|i| i.request_sha256.clone()),
            body,
            revocation,
            suspension,
            person,
            skill_keys: skill_keys(&credential),
            valid_until: credential
                .get("validUntil")
                .or_else(|| credential.get("expirationDate"))
                .and_then(Value::as_str)
                .and_then(|text| chrono::DateTime::parse_from_rfc3339(text).ok())
                .map(|until| until.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
            skill_level: credential
                .pointer("/credentialSubject/proficiencyLevel")
                .and_then(Value::as_str)
                .filter(|level| level.len() <= 40)
                .map(str::to_owned),
        };
        let mut details = json!({"id": id, "type": row.credential_type, "format": row.format});
        // VCDM 2.0 lets a credential be issued for a period already over: issued as asked, and
        // said in the audit trail, where a mistyped year shows.
        if let Some(until) = past_valid_until(&credential, self.clock.now()) {
            details["warning"] = "validUntil is past".into();
            details["validUntil"] = until.into();
        }
        let audit = self.audit(Some(department), &principal.actor(), "credential.issue", details);
        match self.store.insert_credential(&row, &audit).await? {
            Stored::New => Ok(Issued { id, secured, body: row.body, replayed: false }),
            Stored::Existing(existing) => match idempotency {
                Some(idempotency) => replay(*existing, idempotency),
                None => Err(IssuerError::Conflict(detail!("service-credential-exists", id = existing.id.as_str()))),
            },
        }
    }

    /// A credential record of the caller's own department.
    pub async fn credential(&self, principal: &Principal, id: &str) -> Result<CredentialRow, IssuerError> {
        principal.require(Scope::Issue)?;
        self.store
            .credential(&principal.department, id)
            .await?
            .ok_or_else(|| IssuerError::NotFound(detail!("service-credential", id = id)))
    }
}

/// Most characters of a person reference (as for an offer's person).
pub const PERSON_MAX_CHARS: usize = 200;

/// A person reference as recorded: trimmed, 1 to [`PERSON_MAX_CHARS`] characters.
pub fn person_reference(text: &str) -> Result<String, IssuerError> {
    let person = text.trim();
    if person.is_empty() || person.chars().count() > PERSON_MAX_CHARS || person.contains('\0') {
        return Err(IssuerError::BadRequest(detail!("service-person-length", most = PERSON_MAX_CHARS.to_string())));
    }
    Ok(person.to_owned())
}

/// The skill keys a credential names: a skill credential's `skillKey` and its achievement's
/// aligned skills (an assignment's skills used), each once, in order.
fn skill_keys(credential: &Value) -> Vec<String> {
    let subject = credential.get("credentialSubject");
    let own = subject.and_then(|s| s.get("skillKey")).and_then(Value::as_str);
    let aligned = subject
        .and_then(|s| s.pointer("/achievement/alignment"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|alignment| alignment.get("targetCode").and_then(Value::as_str));
    let mut keys: Vec<String> = Vec::new();
    for key in own.into_iter().chain(aligned) {
        // Only taxonomy-shaped keys: the stored list is comma-separated.
        if !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !keys.iter().any(|k| k == key)
        {
            keys.push(key.to_owned());
        }
    }
    keys
}

/// The `validUntil` (or VC 1.1 `expirationDate`) of a credential when it is before `now`.
fn past_valid_until(credential: &Value, now: chrono::DateTime<chrono::Utc>) -> Option<String> {
    let text = credential.get("validUntil").or_else(|| credential.get("expirationDate")).and_then(Value::as_str)?;
    let until = chrono::DateTime::parse_from_rfc3339(text).ok()?;
    (until < now).then(|| text.to_owned())
}

/// The issuer object the service fills in, its name in both languages in a form the credential's
/// own contexts and profile define: beside our `localizedName` map when the credential uses the
/// talent context (which defines it); a plain English string in an Open Badges credential that
/// does not (Open Badges 3.0 types a profile's `name` as a string, and its context defines no
/// `localizedName`: signing it would lose data); otherwise VC Data Model 2.0 §11.1 language
/// values, which every JSON-LD processor reads.
fn filled_issuer(credential: &serde_json::Map<String, Value>, id: &str, name: &schemas::LocalizedText) -> Value {
    let contexts: Vec<&str> = match credential.get("@context") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(one)) => vec![one.as_str()],
        _ => Vec::new(),
    };
    let types = credentials::input::type_names(credential.get("type"));
    if contexts.contains(&schemas::TALENT_CONTEXT_URL) {
        json!({"id": id, "type": ["Profile"], "name": name.en, "localizedName": name})
    } else if types.iter().any(|t| t == "OpenBadgeCredential" || t == "AchievementCredential") {
        json!({"id": id, "type": ["Profile"], "name": name.en})
    } else {
        json!({"id": id, "name": [{"@value": name.en, "@language": "en"}, {"@value": name.fr, "@language": "fr"}]})
    }
}

/// Whether any key or string holds U+0000 (which PostgreSQL text columns refuse).
/// Whether a JSON value holds a NUL character anywhere: PostgreSQL refuses it in text, which
/// would turn a client's mistake into a 500.
pub(crate) fn contains_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(contains_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || contains_nul(v)),
        _ => false,
    }
}

/// An idempotency key and the fingerprint of the request that carries it.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub key: String,
    /// SHA-256 (hex) of what was asked: route, mechanism and body.
    pub request_sha256: String,
}

impl Idempotency {
    pub fn new(key: impl Into<String>, request: &[u8]) -> Self {
        Self { key: key.into(), request_sha256: sha256_hex(request) }
    }
}

/// The credential an earlier request with this key issued, if the request is the same one.
fn replay(existing: CredentialRow, idempotency: &Idempotency) -> Result<Issued, IssuerError> {
    if existing.request_sha256.as_deref() != Some(idempotency.request_sha256.as_str()) {
        return Err(IssuerError::IdempotencyKeyReused(idempotency.key.clone()));
    }
    let secured = Secured::from_record(&existing.format, existing.body.clone())
        .map_err(|e| IssuerError::Unexpected(e.to_string()))?;
    Ok(Issued { id: existing.id, secured, body: existing.body, replayed: true })
}
