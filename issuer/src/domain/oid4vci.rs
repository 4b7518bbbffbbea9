//! The issuer side of OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.
//! An HR system creates an offer for a named person (with the same token scopes as issuance);
//! the person's wallet exchanges the offer's code (and a PIN sent by another channel) for an
//! access token, proves possession of its key over a fresh nonce, and receives a credential bound
//! to that key. Codes, PINs and tokens are stored only as hashes; each is single use, and every
//! "use once" is a conditional update in the database, so replicas cannot both honour one.
//!
//! Each department is its own credential issuer: `{public URL}/{department}`.

use std::sync::LazyLock;

use chrono::{Duration, SecondsFormat};
use credentials::did::StaticResolver;
use schemas::Lang;
use serde_json::{json, Value};

use credentials::error::Detail;
use credentials::secure::Mechanism;

use crate::domain::error::{json_reason, IssuerError};
use crate::domain::issuance::{Idempotency, OFFER_IDEMPOTENCY_PREFIX};
use crate::domain::secret::{random_bytes, sha256_hex};
use crate::domain::service::IssuerService;
use crate::domain::template::TemplateRequest;
use crate::domain::tokens::{Principal, Scope};
use crate::i18n::{detail, t};
use crate::store::OfferRow;

pub const PRE_AUTHORIZED_GRANT: &str = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
/// How long an offer stays redeemable when the HR system does not say.
const DEFAULT_OFFER_SECONDS: i64 = 15 * 60;
const MAX_OFFER_SECONDS: i64 = 7 * 24 * 3600;
const TOKEN_SECONDS: i64 = 300;
/// PIN attempts allowed per offer (the right one included).
const MAX_PIN_ATTEMPTS: i64 = 5;
/// How far a key proof's `iat` may be from this server's clock.
const PROOF_SKEW_SECONDS: i64 = 300;

/// (configuration id, format, credential type) of what this issuer offers.
pub const CONFIGURATIONS: [(&str, &str, &str); 6] = [
    ("SkillCredential_ldp_vc", "ldp_vc", "SkillCredential"),
    ("SkillCredential_jwt_vc_json", "jwt_vc_json", "SkillCredential"),
    ("SkillCredential_dc_sd_jwt", "dc+sd-jwt", "SkillCredential"),
    ("AssignmentCredential_ldp_vc", "ldp_vc", "AssignmentCredential"),
    ("AssignmentCredential_jwt_vc_json", "jwt_vc_json", "AssignmentCredential"),
    ("AssignmentCredential_dc_sd_jwt", "dc+sd-jwt", "AssignmentCredential"),
];

fn configuration(id: &str) -> Option<(&'static str, &'static str, &'static str)> {
    CONFIGURATIONS.iter().copied().find(|(known, _, _)| *known == id)
}

fn oauth(error: &'static str, description: Detail) -> IssuerError {
    IssuerError::OAuth { error, en: description.en, fr: description.fr }
}

/// The names of what this issuer offers, in its metadata; read by every wallet that looks.
struct Names {
    skill: Detail,
    assignment: Detail,
    /// What the PIN of an offer is, both languages in one text (`tx_code.description`).
    tx_code: String,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| Names {
    skill: detail!("oid4vci-skill-credential"),
    assignment: detail!("oid4vci-assignment-credential"),
    tx_code: format!(
        "{} / {}",
        t!(Lang::En, "oid4vci-tx-code-description"),
        t!(Lang::Fr, "oid4vci-tx-code-description")
    ),
});

/// What the HR system asks for.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OfferRequest {
    /// Who the offer is for, as your HR system names the person (an employee number, a name);
    /// recorded with the offer and in the audit log.
    pub person: String,
    /// One of the credential configurations in the issuer metadata, e.g. `SkillCredential_ldp_vc`.
    pub credential_configuration_id: String,
    /// The template fields (as for `/credentials/skill` or `/credentials/assignment`), without
    /// `subject`: the subject is the key the wallet proves.
    #[schema(value_type = Object)]
    pub fields: Value,
    /// Require a 6-digit transaction code (returned once, to send by another channel).
    #[serde(default)]
    pub tx_code: bool,
    /// Seconds the offer stays redeemable (default 900, at most 7 days).
    pub expires_in: Option<i64>,
}

/// A created offer, as answered to the HR system.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferCreated {
    pub offer_id: String,
    pub credential_offer: Value,
    /// `openid-credential-offer://?credential_offer=…` (by value).
    pub credential_offer_uri: String,
    /// `openid-credential-offer://?credential_offer_uri=…` (by reference).
    pub credential_offer_by_reference: String,
    /// The PIN, when asked for; shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_code: Option<String>,
    pub expires_at: String,
}

fn template_request(kind: &str, fields: &Value, subject: &str) -> Result<TemplateRequest, IssuerError> {
    let mut fields = fields.clone();
    let object = fields.as_object_mut().ok_or_else(|| IssuerError::BadRequest(detail!("oid4vci-fields-not-object")))?;
    if object.contains_key("subject") {
        return Err(IssuerError::BadRequest(detail!("oid4vci-fields-name-subject")));
    }
    object.insert("subject".into(), subject.into());
    let parsed = if kind == "SkillCredential" {
        serde_json::from_value(fields).map(TemplateRequest::Skill)
    } else {
        serde_json::from_value(fields).map(TemplateRequest::Assignment)
    };
    parsed.map_err(|e| {
        IssuerError::BadRequest(Detail::localized(|lang| {
            t!(lang, "oid4vci-fields-invalid", reason = json_reason(&e, lang))
        }))
    })
}

/// Which configuration a credential request asks for, checked against the one its token was
/// issued for. OpenID4VCI 1.0 §8.2 names it by `credential_configuration_id`
/// (`credential_identifier` only where the token response handed out identifiers, which this
/// issuer never does); a request of the earlier drafts names it by `format` and
/// `credential_definition.type` (or `vct`), which must then describe the offered configuration.
fn requested_configuration(request: &Value, offered: &str) -> Result<(), IssuerError> {
    if !request.is_object() {
        return Err(oauth("invalid_credential_request", detail!("oid4vci-request-not-object")));
    }
    if let Some(identifier) = request.get("credential_identifier") {
        let identifier = identifier.as_str().unwrap_or_default();
        return Err(oauth(
            "unknown_credential_identifier",
            detail!("oid4vci-unknown-identifier", identifier = identifier),
        ));
    }
    let unknown =
        || oauth("unknown_credential_configuration", detail!("oid4vci-other-configuration", configuration = offered));
    match request.get("credential_configuration_id") {
        Some(Value::String(id)) if id == offered => return Ok(()),
        Some(_) => return Err(unknown()),
        None => {}
    }
    let (_, format, kind) = configuration(offered).ok_or_else(unknown)?;
    let described = match (request.get("format").and_then(Value::as_str), request.get("credential_definition")) {
        (Some(asked), Some(definition)) if asked == format => {
            let mut asked = credentials::input::type_names(definition.get("type"));
            let mut expected: Vec<String> = definition_types(kind).iter().map(|t| (*t).to_owned()).collect();
            asked.sort();
            expected.sort();
            asked == expected
        }
        (Some(asked), None) if asked == format => {
            request.get("vct").and_then(Value::as_str) == schemas::sd_jwt_vc::vct_of_type(kind)
        }
        (None, None) => return Err(oauth("invalid_credential_request", detail!("oid4vci-configuration-missing"))),
        _ => false,
    };
    if described {
        Ok(())
    } else {
        Err(unknown())
    }
}

/// The `type` of a configuration's credentials, as its `credential_definition` says.
fn definition_types(kind: &'static str) -> [&'static str; 3] {
    ["VerifiableCredential", "OpenBadgeCredential", kind]
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl IssuerService {
    /// The credential issuer identifier of a department.
    pub fn credential_issuer(&self, department: &str) -> String {
        format!("{}/{department}", self.status.base_url())
    }

    /// `/.well-known/openid-credential-issuer/{department}`.
    pub async fn credential_issuer_metadata(&self, department: &str) -> Result<Value, IssuerError> {
        let profile = self.issuer_profile(department).await?;
        let issuer = self.credential_issuer(department);
        let mut configurations = serde_json::Map::new();
        for (id, format, kind) in CONFIGURATIONS {
            let Detail { en, fr } = if kind == "SkillCredential" { &NAMES.skill } else { &NAMES.assignment };
            let mut configuration = json!({
                "format": format,
                "scope": id,
                "cryptographic_binding_methods_supported": ["did:key", "did:jwk"],
                "credential_signing_alg_values_supported": if format == "ldp_vc" { json!(["eddsa-rdfc-2022"]) } else { json!(["EdDSA"]) },
                "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["EdDSA"]}},
                "credential_metadata": {"display": [{"name": en, "locale": "en"}, {"name": fr, "locale": "fr"}]},
            });
            if format == credentials::sd_jwt_vc::SD_JWT_VC_TYPE {
                configuration["vct"] = schemas::sd_jwt_vc::vct_of_type(kind).unwrap_or_default().into();
            } else {
                // Appendix A.1.1.2: `jwt_vc_json` (not processed as JSON-LD) describes its
                // credentials by `type` alone; A.1.2.2: `ldp_vc` by `@context` and `type`.
                let types = definition_types(kind);
                configuration["credential_definition"] = if format == "ldp_vc" {
                    let contexts = [
                        credentials::contexts::CREDENTIALS_V2,
                        credentials::contexts::OPEN_BADGES_V3,
                        schemas::TALENT_CONTEXT_URL,
                    ];
                    json!({"@context": contexts, "type": types})
                } else {
                    json!({"type": types})
                };
            }
            configurations.insert(id.to_owned(), configuration);
        }
        Ok(json!({
            "credential_issuer": issuer,
            "credential_endpoint": format!("{issuer}/oid4vci/credential"),
            "nonce_endpoint": format!("{issuer}/oid4vci/nonce"),
            "display": [{"name": profile.name.en, "locale": "en"}, {"name": profile.name.fr, "locale": "fr"}],
            "credential_configurations_supported": configurations,
        }))
    }

    /// `/.well-known/oauth-authorization-server/{department}`: the issuer is its own
    /// authorization server, for the pre-authorized code grant only.
    pub async fn authorization_server_metadata(&self, department: &str) -> Result<Value, IssuerError> {
        self.issuer_profile(department).await?;
        let issuer = self.credential_issuer(department);
        Ok(json!({
            "issuer": issuer,
            "token_endpoint": format!("{issuer}/oid4vci/token"),
            "grant_types_supported": [PRE_AUTHORIZED_GRANT],
            "pre-authorized_grant_anonymous_access_supported": true,
            "response_types_supported": [],
        }))
    }

    /// Creates an offer for one person: `issue` scope, like issuing directly.
    pub async fn create_offer(
        &self,
        principal: &Principal,
        request: OfferRequest,
    ) -> Result<OfferCreated, IssuerError> {
        principal.require(Scope::Issue)?;
        let department = principal.department.as_str();
        let (configuration_id, _, kind) = configuration(&request.credential_configuration_id).ok_or_else(|| {
            let known = CONFIGURATIONS.iter().map(|c| c.0).collect::<Vec<_>>().join(", ");
            let unknown = request.credential_configuration_id.as_str();
            IssuerError::Refused(detail!(
                "oid4vci-unknown-configuration",
                configuration = unknown,
                known = known.as_str()
            ))
        })?;
        // The fields must make a valid credential now, not when the person redeems the offer.
        let placeholder = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        self.template(principal, template_request(kind, &request.fields, placeholder)?).await?;
        let person = request.person.trim();
        if person.is_empty() || person.len() > 200 {
            return Err(IssuerError::BadRequest(detail!("oid4vci-person-length")));
        }
        let seconds = request.expires_in.unwrap_or(DEFAULT_OFFER_SECONDS);
        if !(1..=MAX_OFFER_SECONDS).contains(&seconds) {
            return Err(IssuerError::BadRequest(detail!("oid4vci-expires-in", most = MAX_OFFER_SECONDS.to_string())));
        }
        let now = self.clock.now();
        let expires_at = (now + Duration::seconds(seconds)).to_rfc3339_opts(SecondsFormat::Millis, true);
        let id = hex::encode(random_bytes(16));
        let secret = hex::encode(random_bytes(24));
        let code = format!("{id}.{secret}");
        let tx_code = request.tx_code.then(|| {
            use rand::Rng;
            format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
        });
        let row = OfferRow {
            id: id.clone(),
            department_id: department.to_owned(),
            code_sha256: sha256_hex(code.as_bytes()),
            tx_code_sha256: tx_code.as_ref().map(|pin| sha256_hex(format!("{id}:{pin}").as_bytes())),
            person: person.to_owned(),
            configuration: configuration_id.to_owned(),
            template: request.fields.to_string(),
            created_by: principal.actor(),
            created_at: self.now(),
            expires_at: expires_at.clone(),
            pin_failures: 0,
            redeemed_at: None,
            token_expires_at: None,
            credential_id: None,
        };
        let audit = self.audit(
            Some(department),
            &principal.actor(),
            "offer.create",
            json!({"id": id, "person": person, "configuration": configuration_id, "expiresAt": expires_at, "txCode": tx_code.is_some()}),
        );
        self.store.insert_offer(&row, &audit).await?;
        let credential_offer = self.offer_document(department, configuration_id, &code, tx_code.is_some());
        let by_reference = format!("{}/oid4vci/offers/{id}?k={secret}", self.credential_issuer(department));
        Ok(OfferCreated {
            offer_id: id,
            credential_offer_uri: format!(
                "openid-credential-offer://?credential_offer={}",
                url_encode(&credential_offer.to_string())
            ),
            credential_offer_by_reference: format!(
                "openid-credential-offer://?credential_offer_uri={}",
                url_encode(&by_reference)
            ),
            credential_offer,
            tx_code,
            expires_at,
        })
    }

    fn offer_document(&self, department: &str, configuration: &str, code: &str, tx_code: bool) -> Value {
        let mut grant = json!({"pre-authorized_code": code});
        if tx_code {
            grant["tx_code"] = json!({"input_mode": "numeric", "length": 6, "description": NAMES.tx_code});
        }
        json!({
            "credential_issuer": self.credential_issuer(department),
            "credential_configuration_ids": [configuration],
            "grants": {PRE_AUTHORIZED_GRANT: grant},
        })
    }

    /// The offer behind a `credential_offer_uri` (the secret in the URI is the offer's code).
    pub async fn credential_offer(&self, department: &str, id: &str, secret: &str) -> Result<Value, IssuerError> {
        let code = format!("{id}.{secret}");
        let offer = self
            .store
            .offer_by_code(department, &sha256_hex(code.as_bytes()))
            .await?
            .filter(|offer| offer.id == id && offer.redeemed_at.is_none() && offer.expires_at > self.now())
            .ok_or_else(|| IssuerError::NotFound(detail!("credential-offer", id = id)))?;
        Ok(self.offer_document(department, &offer.configuration, &code, offer.tx_code_sha256.is_some()))
    }

    /// Token endpoint: the pre-authorized code (and PIN) for a single-use access token.
    pub async fn token(&self, department: &str, form: &[(String, String)]) -> Result<Value, IssuerError> {
        // Only departments that exist get a rate-limit slot (any path segment would add one).
        self.issuer_profile(department).await?;
        self.charge_key(&format!("oid4vci-token:{department}"))?;
        // RFC 6749 §5.2: a parameter sent twice makes the request invalid.
        for name in ["grant_type", "pre-authorized_code", "tx_code"] {
            if form.iter().filter(|(key, _)| key == name).count() > 1 {
                return Err(oauth("invalid_request", detail!("oid4vci-parameter-repeated", name = name)));
            }
        }
        let field = |name: &str| form.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str());
        match field("grant_type") {
            None => return Err(oauth("invalid_request", detail!("oid4vci-grant-missing"))),
            Some(PRE_AUTHORIZED_GRANT) => {}
            Some(_) => {
                return Err(oauth(
                    "unsupported_grant_type",
                    detail!("oid4vci-grant-unsupported", grant = PRE_AUTHORIZED_GRANT),
                ))
            }
        }
        let code =
            field("pre-authorized_code").ok_or_else(|| oauth("invalid_request", detail!("oid4vci-code-missing")))?;
        let offer = self
            .store
            .offer_by_code(department, &sha256_hex(code.as_bytes()))
            .await?
            .ok_or_else(|| oauth("invalid_grant", detail!("oid4vci-code-unknown")))?;
        let now = self.now();
        if offer.redeemed_at.is_some() {
            return Err(oauth("invalid_grant", detail!("oid4vci-offer-used")));
        }
        if offer.expires_at <= now {
            return Err(oauth("invalid_grant", detail!("oid4vci-offer-expired")));
        }
        // OpenID4VCI 1.0 §6.3: a transaction code missing where one is expected, or sent where
        // none is, makes the request invalid (not a wrong guess: no attempt is counted).
        match (&offer.tx_code_sha256, field("tx_code")) {
            (Some(_), None) => return Err(oauth("invalid_request", detail!("oid4vci-tx-code-missing"))),
            (None, Some(_)) => return Err(oauth("invalid_request", detail!("oid4vci-tx-code-unexpected"))),
            _ => {}
        }
        if let Some(expected) = &offer.tx_code_sha256 {
            // Each attempt is counted before it is checked, in one conditional update: parallel
            // guesses cannot slip past the limit.
            if !self.store.offer_pin_attempt(&offer.id, MAX_PIN_ATTEMPTS).await? {
                return Err(oauth("invalid_grant", detail!("oid4vci-too-many-wrong-pins")));
            }
            let given = field("tx_code").unwrap_or("");
            let matches = subtle::ConstantTimeEq::ct_eq(
                sha256_hex(format!("{}:{given}", offer.id).as_bytes()).as_bytes(),
                expected.as_bytes(),
            );
            if !bool::from(matches) {
                return Err(oauth("invalid_grant", detail!("oid4vci-wrong-pin")));
            }
        }
        let token = format!("at.{}", hex::encode(random_bytes(32)));
        let token_expires =
            (self.clock.now() + Duration::seconds(TOKEN_SECONDS)).to_rfc3339_opts(SecondsFormat::Millis, true);
        let audit =
            self.audit(Some(department), &format!("offer:{}", offer.id), "offer.redeem", json!({"id": offer.id}));
        if !self.store.redeem_offer(&offer.id, &now, &sha256_hex(token.as_bytes()), &token_expires, &audit).await? {
            return Err(oauth("invalid_grant", detail!("oid4vci-offer-used-or-expired")));
        }
        Ok(json!({"access_token": token, "token_type": "Bearer", "expires_in": TOKEN_SECONDS}))
    }

    /// Credential endpoint, first step: the offer whose live access token `bearer` is (RFC 6750:
    /// `invalid_token` for an unknown or expired one; a request without one is `Unauthorized`).
    pub async fn credential_offer_of_token(
        &self,
        department: &str,
        bearer: Option<&str>,
    ) -> Result<OfferRow, IssuerError> {
        let token = bearer.filter(|token| !token.is_empty()).ok_or(IssuerError::Unauthorized)?;
        let offer = self
            .store
            .offer_by_token(department, &sha256_hex(token.as_bytes()))
            .await?
            .ok_or_else(|| oauth("invalid_token", detail!("oid4vci-token-unknown")))?;
        if offer.token_expires_at.as_deref().is_none_or(|until| until <= self.now().as_str()) {
            return Err(oauth("invalid_token", detail!("oid4vci-token-expired")));
        }
        Ok(offer)
    }

    /// Credential endpoint: checks the request and its key proof against the offer of its access
    /// token (see [`Self::credential_offer_of_token`]), then issues the offered credential with
    /// the proven key as its subject. Asked again under the same token by the same key (a wallet
    /// whose answer was lost), it answers the same credential.
    pub async fn offered_credential(
        &self,
        department: &str,
        offer: &OfferRow,
        request: &Value,
    ) -> Result<Value, IssuerError> {
        requested_configuration(request, &offer.configuration)?;
        let proofs: Vec<&str> = match (request.pointer("/proofs/jwt"), request.pointer("/proof/jwt")) {
            (Some(Value::Array(items)), _) => items.iter().filter_map(Value::as_str).collect(),
            (_, Some(Value::String(jwt))) => vec![jwt.as_str()],
            _ => Vec::new(),
        };
        let [proof] = proofs.as_slice() else {
            return Err(oauth("invalid_proof", detail!("oid4vci-one-key-proof")));
        };
        let invalid = |description: Detail| oauth("invalid_proof", description);
        let (holder, claims) = credentials::jose::verify_key_proof(proof, &StaticResolver::new()).map_err(|e| {
            invalid(Detail::localized(|lang| {
                t!(lang, "oid4vci-key-proof-invalid", reason = credentials::error::Describe::message(&e, lang))
            }))
        })?;
        let issuer = self.credential_issuer(department);
        if claims.get("aud").and_then(Value::as_str) != Some(issuer.as_str()) {
            return Err(invalid(detail!("oid4vci-key-proof-audience", audience = issuer.as_str())));
        }
        let now = self.clock.now().timestamp();
        match claims.get("iat").and_then(Value::as_i64) {
            Some(iat) if iat.abs_diff(now) <= PROOF_SKEW_SECONDS.unsigned_abs() => {}
            _ => return Err(invalid(detail!("oid4vci-key-proof-iat"))),
        }
        // §8.3.1.2: a key proof without a `c_nonce` is `invalid_proof` (this issuer has a nonce
        // endpoint, so the proof must carry one); a nonce that is not one of ours, or no longer,
        // is `invalid_nonce`, and the wallet asks for a new one.
        let nonce = match claims.get("nonce") {
            None | Some(Value::Null) => return Err(invalid(detail!("oid4vci-key-proof-no-nonce"))),
            Some(Value::String(nonce)) => nonce.as_str(),
            Some(_) => return Err(invalid(detail!("oid4vci-key-proof-nonce-not-text"))),
        };
        if !self.use_nonce(department, nonce).await? {
            return Err(oauth("invalid_nonce", detail!("oid4vci-nonce-invalid")));
        }
        let (_, format, kind) = configuration(&offer.configuration).ok_or_else(|| {
            IssuerError::Unexpected(t!(
                Lang::En,
                "oid4vci-stored-configuration-unknown",
                configuration = offer.configuration.as_str()
            ))
        })?;
        let fields: Value = serde_json::from_str(&offer.template).map_err(|e| {
            IssuerError::Unexpected(t!(Lang::En, "oid4vci-stored-offer-unreadable", reason = e.to_string()))
        })?;
        let principal = Principal {
            token_id: format!("offer:{}", offer.id),
            department: department.to_owned(),
            scopes: vec![Scope::Issue],
        };
        let unsigned = self.template(&principal, template_request(kind, &fields, &holder)?).await?;
        let mechanism = match format {
            "ldp_vc" => Mechanism::DataIntegrity(credentials::proof::Suite::EddsaRdfc2022),
            credentials::sd_jwt_vc::SD_JWT_VC_TYPE => Mechanism::SdJwtVc,
            // Appendix A.1.1: VCDM 1.1's JWT encoding, the credential in a `vc` claim.
            _ => Mechanism::JwtVcJson,
        };
        // One credential per offer: a retry by the same holder (whose answer was lost) gets the
        // same credential back while the token lasts; another key gets nothing.
        let idempotency = Idempotency::new(
            format!("{OFFER_IDEMPOTENCY_PREFIX}{}", offer.id),
            format!("{}\n{holder}", offer.id).as_bytes(),
        );
        let issued = match self.issue(&principal, unsigned, mechanism, Some(&idempotency), Some(&offer.person)).await {
            Err(IssuerError::IdempotencyKeyReused(_)) => {
                return Err(oauth("credential_request_denied", detail!("oid4vci-issued-to-another-key")))
            }
            other => other?,
        };
        self.store.claim_offer_credential(&offer.id, &issued.id).await?;
        Ok(json!({"credentials": [{"credential": issued.secured.into_json()}]}))
    }
}
