//! The two ways a JWT secures a credential or presentation: VC-JOSE-COSE (`typ` `vc+jwt` /
//! `vp+jwt`, the payload is the document) and the JWT encoding of VC Data Model 1.1 §6.3.1 (the
//! document in a `vc` / `vp` claim beside registered claims that stand for some of its
//! properties), which OpenID4VP 1.0 Appendix B.1.3.1 uses for `jwt_vc_json`: a third-party
//! wallet answers with such a JWT VP. Both are read here into the document the checks read.

use serde_json::{Map, Value};

use crate::did::{DidResolver, Purpose};
use crate::error::Error;
use crate::jose::{self, Unverified, VC_JWT_TYPE, VP_JWT_TYPE};

/// How a JWT secures what it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtShape {
    /// VC-JOSE-COSE `vc+jwt`.
    Credential,
    /// VC-JOSE-COSE `vp+jwt`.
    Presentation,
    /// VCDM 1.1 JWT encoding with a `vc` claim (`typ` `JWT` or none).
    Vcdm11Credential,
    /// VCDM 1.1 JWT encoding with a `vp` claim (`typ` `JWT` or none): OpenID4VP's JWT VP.
    Vcdm11Presentation,
}

/// The claims of a credential secured with VCDM 1.1's JWT encoding (§6.3.1 "JWT Encoding"),
/// which OpenID4VCI 1.0 Appendix A.1.1 and OpenID4VP 1.0 Appendix B.1.3.1 name `jwt_vc_json`:
/// the credential in a `vc` claim, unchanged (the format is not processed as JSON-LD, and what
/// a verifier reads back is what was checked before signing), beside the registered claims that
/// stand for some of its properties: `iss` (issuer), `jti` (id), `sub` (the single subject's
/// id), `nbf` (`validFrom` or `issuanceDate`), `exp` (`validUntil` or `expirationDate`).
pub fn vcdm11_payload(credential: &Value) -> Value {
    let mut payload = Map::new();
    if let Some(issuer) = jose::id_of(credential.get("issuer")) {
        payload.insert("iss".into(), issuer.into());
    }
    if let Some(id) = credential.get("id").and_then(Value::as_str) {
        payload.insert("jti".into(), id.into());
    }
    if let Some(subject) = credential.pointer("/credentialSubject/id").and_then(Value::as_str) {
        payload.insert("sub".into(), subject.into());
    }
    let seconds = |names: [&str; 2]| {
        names
            .iter()
            .find_map(|name| credential.get(*name).and_then(Value::as_str))
            .and_then(|text| chrono::DateTime::parse_from_rfc3339(text).ok())
            .map(|at| Value::from(at.timestamp()))
    };
    if let Some(from) = seconds(["validFrom", "issuanceDate"]) {
        payload.insert("nbf".into(), from);
    }
    if let Some(until) = seconds(["validUntil", "expirationDate"]) {
        payload.insert("exp".into(), until);
    }
    payload.insert("vc".into(), credential.clone());
    Value::Object(payload)
}

/// The document a compact JWT carries, read as the checks read it (the `vc` / `vp` claim of a
/// VCDM 1.1 JWT, the payload of a VC-JOSE-COSE one), without checking the signature: what a
/// holder's wallet shows and matches against a query.
pub fn document_of_compact(compact: &str) -> Option<Value> {
    let unverified = jose::decode(compact).ok()?;
    Some(JwtShape::of(&unverified).document(&unverified.payload))
}

/// The `typ` values a VCDM 1.1 JWT carries: RFC 7519's `JWT`, or none.
const VCDM11_TYPES: [Option<&str>; 3] = [None, Some("JWT"), Some("jwt")];

impl JwtShape {
    /// The shape of a decoded JWT: by its `typ` for VC-JOSE-COSE, by its `vc` / `vp` claim for
    /// the VCDM 1.1 encoding. Anything else is read as a `vc+jwt`, whose header check refuses it.
    pub fn of(unverified: &Unverified) -> Self {
        let typ = unverified.header.get("typ").and_then(Value::as_str);
        let claim = |name: &str| unverified.payload.get(name).is_some_and(Value::is_object);
        match typ {
            Some(VP_JWT_TYPE) => Self::Presentation,
            Some(VC_JWT_TYPE) => Self::Credential,
            typ if VCDM11_TYPES.contains(&typ) && claim("vp") => Self::Vcdm11Presentation,
            typ if VCDM11_TYPES.contains(&typ) && claim("vc") => Self::Vcdm11Credential,
            _ => Self::Credential,
        }
    }

    /// The shape of a compact JWS, decoding it without trusting it; `None` when it does not
    /// decode. What a service asks to tell a presentation from a credential before verifying.
    pub fn of_compact(compact: &str) -> Option<Self> {
        jose::decode(compact).ok().map(|unverified| Self::of(&unverified))
    }

    pub fn is_presentation(self) -> bool {
        matches!(self, Self::Presentation | Self::Vcdm11Presentation)
    }

    /// The format a report names: `vp+jwt` or `vc+jwt` (a JWT-secured presentation or
    /// credential, which OpenID4VP calls `jwt_vc_json` either way).
    pub fn format(self) -> &'static str {
        if self.is_presentation() {
            VP_JWT_TYPE
        } else {
            VC_JWT_TYPE
        }
    }

    /// The document the checks read. For VCDM 1.1 (§6.3.1, "JWT Decoding"): the `vc` / `vp`
    /// claim, with `iss` as its `issuer` (`holder`), `jti` as its `id`, `sub` as the subject's
    /// `id`, `nbf` as `issuanceDate` and `exp` as `expirationDate` where the claim does not say
    /// them, and the JWT's own claims (`nonce`, `aud`, `iat`, `exp`, `nbf`) kept beside them for
    /// the challenge, age and validity checks.
    pub fn document(self, payload: &Value) -> Value {
        let (claim, signer) = match self {
            Self::Credential | Self::Presentation => return payload.clone(),
            Self::Vcdm11Credential => ("vc", "issuer"),
            Self::Vcdm11Presentation => ("vp", "holder"),
        };
        let mut document: Map<String, Value> =
            payload.get(claim).and_then(Value::as_object).cloned().unwrap_or_default();
        let registered = |name: &str| payload.get(name).cloned();
        if let Some(iss) = registered("iss") {
            match document.get_mut(signer) {
                Some(Value::Object(object)) => {
                    object.entry("id").or_insert(iss);
                }
                Some(_) => {}
                None => {
                    document.insert(signer.into(), iss);
                }
            }
        }
        if let Some(jti) = registered("jti") {
            document.entry("id").or_insert(jti);
        }
        if self == Self::Vcdm11Credential {
            if let (Some(sub), Some(Value::Object(subject))) =
                (registered("sub"), document.get_mut("credentialSubject"))
            {
                subject.entry("id").or_insert(sub);
            }
            let date = |name: &str| {
                registered(name)
                    .and_then(|seconds| seconds.as_i64())
                    .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
                    .map(|at| Value::String(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)))
            };
            // A VC 2.0 credential in a `vc` claim (what OpenID4VCI's `jwt_vc_json` carries from
            // us) says its dates as `validFrom`/`validUntil`: VCDM 1.1's names are not added.
            if let (Some(from), false) = (date("nbf"), document.contains_key("validFrom")) {
                document.entry("issuanceDate").or_insert(from);
            }
            if let (Some(until), false) = (date("exp"), document.contains_key("validUntil")) {
                document.entry("expirationDate").or_insert(until);
            }
        }
        for name in ["nonce", "aud", "iat", "exp", "nbf"] {
            if let Some(value) = registered(name) {
                document.entry(name).or_insert(value);
            }
        }
        Value::Object(document)
    }

    /// Checks the JWS: header policy, signer, signature (see [`jose::verify_signed_by`]). The
    /// signer is the document's `issuer` (`holder`); for VCDM 1.1, `iss`, which stands for it.
    pub fn verify(
        self,
        compact: &str,
        unverified: &Unverified,
        resolver: &dyn DidResolver,
        purpose: Purpose,
    ) -> Result<(), Error> {
        match self {
            Self::Credential => jose::verify_decoded(compact, unverified, VC_JWT_TYPE, resolver, purpose),
            Self::Presentation => jose::verify_decoded(compact, unverified, VP_JWT_TYPE, resolver, purpose),
            Self::Vcdm11Credential | Self::Vcdm11Presentation => {
                let signer = if self == Self::Vcdm11Presentation { "holder" } else { "issuer" };
                let document = self.document(&unverified.payload);
                let controller = jose::id_of(document.get(signer));
                jose::verify_signed_by(compact, unverified, &VCDM11_TYPES, (signer, controller), resolver, purpose)
            }
        }
    }
}
