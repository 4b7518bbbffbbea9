//! OpenID4VP 1.0 authorization requests, the part both ends must read alike. The verifier signs
//! its request object with the key of its DID (client identifier prefix
//! `decentralized_identifier:`, §5.9.3), so the wallet can show the person *who* asks before
//! anything is sent, and a request cannot be altered on its way through a QR code or a link.
//! Responses use `direct_post` (§8.2): the wallet posts the `vp_token` to the verifier's
//! `response_uri`, bound to the request's `nonce` (the presentation's challenge) and `client_id`
//! (its domain, or `aud` for a `vp+jwt`).

use chrono::{DateTime, Utc};
use schemas::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dcql::{DcqlError, Query};
use crate::did::{DidResolver, Purpose};
use crate::error::{wrong_structure, Describe, Detail};
use crate::i18n::t;

/// `typ` of a signed request object (RFC 9101).
pub const REQUEST_JWT_TYPE: &str = "oauth-authz-req+jwt";
/// Media type of a request object served at a `request_uri`.
pub const REQUEST_MEDIA_TYPE: &str = "application/oauth-authz-req+jwt";
/// Client identifier prefix for a verifier identified by a DID.
pub const DID_CLIENT_PREFIX: &str = "decentralized_identifier:";
/// `aud` of a request object sent to any wallet (§5.8 of OpenID4VP, from SIOPv2).
pub const WALLET_AUDIENCE: &str = "https://self-issued.me/v2";
/// The only response mode we send and accept.
pub const DIRECT_POST: &str = "direct_post";

/// The claims of a request object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    pub client_id: String,
    pub response_type: String,
    pub response_mode: String,
    pub response_uri: String,
    pub nonce: String,
    /// Always sent by this verifier; optional in the specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    pub dcql_query: Query,
    #[serde(default, skip_serializing_if = "Value::is_null")]
    pub client_metadata: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
}

impl AuthorizationRequest {
    /// The verifier's DID (the client identifier without its prefix).
    pub fn verifier_did(&self) -> Option<&str> {
        self.client_id.strip_prefix(DID_CLIENT_PREFIX)
    }

    /// Whether the verifier lists `cryptosuite` among the Data Integrity suites it accepts for
    /// `format` (`client_metadata.vp_formats_supported.<format>.cryptosuite_values`). A request
    /// that lists none says nothing, and this is false.
    pub fn accepts_cryptosuite(&self, format: &str, cryptosuite: &str) -> bool {
        self.client_metadata
            .get("vp_formats_supported")
            .and_then(|formats| formats.get(format))
            .and_then(|parameters| parameters.get("cryptosuite_values"))
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(|value| value.as_str() == Some(cryptosuite)))
    }

    /// When the request stops being answerable.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.exp.and_then(|exp| DateTime::from_timestamp(exp, 0))
    }

    /// The name the verifier gives itself in `client_metadata` (`client_name`, or
    /// `client_name#fr` in French). Self-declared: shown next to the DID, never instead of it.
    pub fn client_name(&self, lang: Lang) -> Option<&str> {
        let localized = match lang {
            Lang::Fr => self.client_metadata.get("client_name#fr"),
            Lang::En => self.client_metadata.get("client_name#en"),
        };
        localized.or_else(|| self.client_metadata.get("client_name")).and_then(Value::as_str)
    }

    /// What the verifier says the answer is for (`client_metadata.purpose`, or `purpose#fr` in
    /// French): a talent directory's consent text and period. Self-declared, shown as said.
    pub fn purpose(&self, lang: Lang) -> Option<&str> {
        let localized = match lang {
            Lang::Fr => self.client_metadata.get("purpose#fr"),
            Lang::En => self.client_metadata.get("purpose#en"),
        };
        localized.or_else(|| self.client_metadata.get("purpose")).and_then(Value::as_str)
    }
}

/// Why a request object is not accepted.
#[derive(Debug, thiserror::Error)]
#[error("{}", Describe::message(self, Lang::En))]
pub enum RequestError {
    Signature(#[from] crate::Error),
    Malformed { en: String, fr: String },
    NotDecentralized(String),
    SignerNotClient { signer: String, client_id: String },
    ClientMismatch { link: String, signed: String },
    Unsupported { field: &'static str, found: String, expected: &'static str },
    Expired(String),
    Query(#[from] DcqlError),
}

impl Describe for RequestError {
    fn code(&self) -> &'static str {
        match self {
            Self::Signature(error) => error.code(),
            Self::Malformed { .. } => "request_malformed",
            Self::NotDecentralized(_) => "client_id_prefix_unsupported",
            Self::SignerNotClient { .. } => "request_signer_not_client",
            Self::ClientMismatch { .. } => "client_id_mismatch",
            Self::Unsupported { .. } => "request_unsupported",
            Self::Expired(_) => "request_expired",
            Self::Query(error) => error.code(),
        }
    }

    fn problem_type(&self) -> crate::error::ProblemType {
        use crate::error::ProblemType;
        match self {
            Self::Signature(error) => error.problem_type(),
            Self::Query(error) => error.problem_type(),
            Self::Malformed { .. } => ProblemType::ParsingError,
            Self::Expired(_) => ProblemType::RangeError,
            Self::NotDecentralized(_)
            | Self::SignerNotClient { .. }
            | Self::ClientMismatch { .. }
            | Self::Unsupported { .. } => ProblemType::MalformedValueError,
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Signature(error) => t!(lang, "oid4vp-signature", reason = error.message(lang)),
            Self::Query(error) => error.message(lang),
            Self::Malformed { en, fr } => t!(lang, "oid4vp-malformed", detail = lang.pick(en, fr).as_str()),
            Self::NotDecentralized(id) => t!(lang, "oid4vp-not-decentralized", id = id.as_str()),
            Self::SignerNotClient { signer, client_id } => {
                t!(lang, "oid4vp-signer-not-client", signer = signer.as_str(), client_id = client_id.as_str())
            }
            Self::ClientMismatch { link, signed } => {
                t!(lang, "oid4vp-client-mismatch", link = link.as_str(), signed = signed.as_str())
            }
            Self::Unsupported { field, found, expected } => {
                t!(
                    lang,
                    "oid4vp-unsupported",
                    field = field.to_string(),
                    found = found.as_str(),
                    expected = expected.to_string()
                )
            }
            Self::Expired(at) => t!(lang, "oid4vp-expired", at = at.as_str()),
        }
    }
}

/// Signs a request object with the verifier's key (whose DID is in `client_id`).
pub fn sign_request(
    request: &AuthorizationRequest,
    signer: std::sync::Arc<dyn crate::Signer>,
) -> Result<String, crate::Error> {
    let claims = serde_json::to_value(request).map_err(|e| crate::error::JoseError::Library(e.to_string()))?;
    crate::jose::sign(&claims, signer, REQUEST_JWT_TYPE)
}

/// Verifies a request object fetched from a `request_uri`: signed (EdDSA) by a key of the DID in
/// its `client_id`, the same `client_id` as the link (`link_client_id`, when the link had one),
/// `vp_token` by `direct_post`, a usable DCQL query, not expired at `now`.
pub fn verify_request(
    compact: &str,
    link_client_id: Option<&str>,
    resolver: &dyn DidResolver,
    now: DateTime<Utc>,
) -> Result<AuthorizationRequest, RequestError> {
    let (signer, claims) =
        crate::jose::verify_signed_by_did(compact.trim(), REQUEST_JWT_TYPE, resolver, Purpose::Authentication)?;
    let request: AuthorizationRequest = serde_json::from_value(claims).map_err(|e| {
        let Detail { en, fr } = wrong_structure(&e);
        RequestError::Malformed { en, fr }
    })?;
    let did = request.verifier_did().ok_or_else(|| RequestError::NotDecentralized(request.client_id.clone()))?;
    if did != signer {
        return Err(RequestError::SignerNotClient { signer, client_id: request.client_id.clone() });
    }
    if let Some(link) = link_client_id {
        if link != request.client_id {
            return Err(RequestError::ClientMismatch { link: link.to_owned(), signed: request.client_id.clone() });
        }
    }
    for (field, found, expected) in [
        ("response_type", Some(&request.response_type), "vp_token"),
        ("response_mode", Some(&request.response_mode), DIRECT_POST),
        ("aud", request.aud.as_ref(), WALLET_AUDIENCE),
    ] {
        if let Some(found) = found.filter(|found| *found != expected) {
            return Err(RequestError::Unsupported { field, found: found.clone(), expected });
        }
    }
    if request.nonce.is_empty() {
        return Err(malformed(|lang| t!(lang, "oid4vp-empty-nonce")));
    }
    if let Some(exp) = request.exp {
        let expires =
            DateTime::from_timestamp(exp, 0).ok_or_else(|| malformed(|lang| t!(lang, "oid4vp-exp-out-of-range")))?;
        if now >= expires {
            return Err(RequestError::Expired(expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)));
        }
    }
    let skew = i64::try_from(crate::clock::DEFAULT_CLOCK_SKEW.as_secs()).unwrap_or(60);
    if request.iat.is_some_and(|iat| iat > now.timestamp().saturating_add(skew)) {
        return Err(malformed(|lang| t!(lang, "oid4vp-iat-in-future")));
    }
    request.dcql_query.validate()?;
    Ok(request)
}

/// A request object refused, its reason worded by the catalogue in both languages.
fn malformed(reason: impl Fn(Lang) -> String) -> RequestError {
    RequestError::Malformed { en: reason(Lang::En), fr: reason(Lang::Fr) }
}

/// `openid4vp://?client_id=…&request_uri=…`: the link (or QR code) a verifier shows.
pub fn request_link(client_id: &str, request_uri: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", client_id)
        .append_pair("request_uri", request_uri)
        .finish();
    format!("openid4vp://?{query}")
}

/// The `client_id` and `request_uri` of a link; a bare `https://` (or loopback `http://`) URL is
/// taken as the `request_uri` itself.
pub fn parse_link(link: &str) -> Result<(Option<String>, String), RequestError> {
    let link = link.trim();
    if link.starts_with("https://") || link.starts_with("http://") {
        return Ok((None, link.to_owned()));
    }
    let query = link
        .strip_prefix("openid4vp://")
        .and_then(|rest| rest.split_once('?'))
        .map(|(_, query)| query)
        .ok_or_else(|| malformed(|lang| t!(lang, "oid4vp-not-a-link")))?;
    let mut client_id = None;
    let mut request_uri = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "client_id" => client_id = Some(value.into_owned()),
            "request_uri" => request_uri = Some(value.into_owned()),
            "request" => return Err(malformed(|lang| t!(lang, "oid4vp-by-value"))),
            _ => {}
        }
    }
    let request_uri = request_uri.ok_or_else(|| malformed(|lang| t!(lang, "oid4vp-no-request-uri")))?;
    Ok((client_id, request_uri))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::did::StaticResolver;

    struct Key(ed25519_dalek::SigningKey, String);
    impl crate::Signer for Key {
        fn verification_method(&self) -> &str {
            &self.1
        }
        fn public_key(&self) -> ed25519_dalek::VerifyingKey {
            self.0.verifying_key()
        }
        fn sign(&self, message: &[u8]) -> Result<[u8; 64], crate::error::SignerError> {
            use ed25519_dalek::Signer;
            Ok(self.0.sign(message).to_bytes())
        }
    }

    fn key() -> (Arc<Key>, String) {
        let signing = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
        let (did, method) = crate::did::did_key_for(&signing.verifying_key());
        (Arc::new(Key(signing, method)), did)
    }

    fn request(did: &str, now: DateTime<Utc>) -> AuthorizationRequest {
        AuthorizationRequest {
            client_id: format!("{DID_CLIENT_PREFIX}{did}"),
            response_type: "vp_token".into(),
            response_mode: DIRECT_POST.into(),
            response_uri: "https://verifier.example/oid4vp/responses/abc".into(),
            nonce: "n-0123456789abcdef".into(),
            state: Some("s-1".into()),
            dcql_query: Query {
                credentials: vec![crate::dcql::skill_query("skill", crate::dcql::FORMAT_LDP_VC, "api_design")],
                credential_sets: None,
            },
            client_metadata: serde_json::json!({"client_name": "Hiring", "client_name#fr": "Embauche"}),
            aud: Some(WALLET_AUDIENCE.into()),
            iat: Some(now.timestamp()),
            exp: Some(now.timestamp() + 300),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn the_purpose_is_read_in_the_reader_s_language() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut request = request("did:key:z6Mk", now);
        assert_eq!(request.purpose(lang::Lang::En), None, "nothing said, nothing shown");
        request.client_metadata = serde_json::json!({"purpose": "Publish", "purpose#fr": "Publier"});
        assert_eq!(request.purpose(lang::Lang::Fr), Some("Publier"));
        assert_eq!(request.purpose(lang::Lang::En), Some("Publish"));
    }

    #[test]
    fn the_accepted_cryptosuites_are_read_from_the_client_metadata() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut request = request("did:key:z6Mk", now);
        assert!(!request.accepts_cryptosuite("ldp_vc", "eddsa-jcs-2022"), "nothing said, nothing assumed");
        request.client_metadata = serde_json::json!({"vp_formats_supported": {
            "ldp_vc": {"proof_type_values": ["DataIntegrityProof"], "cryptosuite_values": ["eddsa-rdfc-2022"]},
            "jwt_vc_json": {"alg_values": ["EdDSA"]}}});
        assert!(request.accepts_cryptosuite("ldp_vc", "eddsa-rdfc-2022"));
        assert!(!request.accepts_cryptosuite("ldp_vc", "eddsa-jcs-2022"));
        assert!(!request.accepts_cryptosuite("jwt_vc_json", "eddsa-rdfc-2022"));
        request.client_metadata["vp_formats_supported"]["ldp_vc"]["cryptosuite_values"] =
            serde_json::json!("eddsa-jcs-2022");
        assert!(
            !request.accepts_cryptosuite("ldp_vc", "eddsa-jcs-2022"),
            "a string is not the list the specification asks for"
        );
    }

    #[test]
    fn a_signed_request_verifies_and_names_its_verifier() {
        let (signer, did) = key();
        let jwt = sign_request(&request(&did, now()), signer).unwrap();
        let client_id = format!("{DID_CLIENT_PREFIX}{did}");
        let read = verify_request(&jwt, Some(&client_id), &StaticResolver::new(), now()).unwrap();
        assert_eq!(read, request(&did, now()));
        assert_eq!(read.client_name(Lang::Fr), Some("Embauche"));
        assert_eq!(read.verifier_did(), Some(did.as_str()));
    }

    #[test]
    fn forged_mismatched_expired_and_unsupported_requests_are_refused() {
        let (signer, did) = key();
        let (other, other_did) = key();
        let resolver = StaticResolver::new();
        // Signed by another key than the DID it names.
        let jwt = sign_request(&request(&did, now()), other).unwrap();
        assert!(matches!(verify_request(&jwt, None, &resolver, now()), Err(RequestError::SignerNotClient { .. })));
        // The link says one verifier, the request another.
        let jwt = sign_request(&request(&did, now()), signer.clone()).unwrap();
        let link = format!("{DID_CLIENT_PREFIX}{other_did}");
        assert!(matches!(
            verify_request(&jwt, Some(&link), &resolver, now()),
            Err(RequestError::ClientMismatch { .. })
        ));
        // Expired.
        let later = now() + chrono::Duration::seconds(301);
        assert!(matches!(verify_request(&jwt, None, &resolver, later), Err(RequestError::Expired(_))));
        // Another response mode.
        let mut fragment = request(&did, now());
        fragment.response_mode = "fragment".into();
        let jwt = sign_request(&fragment, signer.clone()).unwrap();
        assert!(matches!(
            verify_request(&jwt, None, &resolver, now()),
            Err(RequestError::Unsupported { field: "response_mode", .. })
        ));
        // A tampered payload.
        let jwt = sign_request(&request(&did, now()), signer).unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let mut claims = serde_json::to_value(request(&did, now())).unwrap();
        claims["response_uri"] = "https://attacker.example/collect".into();
        use base64::Engine;
        let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims.to_string());
        let tampered = format!("{}.{forged}.{}", parts[0], parts[2]);
        assert!(matches!(verify_request(&tampered, None, &resolver, now()), Err(RequestError::Signature(_))));
    }

    #[test]
    fn links_carry_the_client_and_the_request_uri() {
        let link = request_link("decentralized_identifier:did:key:z6Mk", "https://v.example/oid4vp/requests/x?y=1");
        assert_eq!(
            parse_link(&link).unwrap(),
            (Some("decentralized_identifier:did:key:z6Mk".into()), "https://v.example/oid4vp/requests/x?y=1".into())
        );
        assert_eq!(parse_link("https://v.example/r/1").unwrap(), (None, "https://v.example/r/1".into()));
        assert!(parse_link("openid4vp://?request=eyJ").is_err());
        assert!(parse_link("mailto:x").is_err());
    }
}
