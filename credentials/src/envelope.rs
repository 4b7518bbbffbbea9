//! VCDM 2.0 envelopes (§4.13 "Enveloped Verifiable Credentials" and "Enveloped Verifiable
//! Presentations"): an object whose `id` is a `data:` URL carrying a credential or presentation
//! secured by an enveloping mechanism (a JWT, an SD-JWT). Opened here once, so the verifier's
//! request reader, the presentations that carry envelopes and the command line read them alike
//! (through `input::classify`, which tells the payload's shape apart).

use base64::Engine;
use serde_json::{Map, Value};

use crate::error::{Detail, InputError};
use crate::i18n::t;
use crate::jsonld::type_names;

/// The two kinds of envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Envelope {
    Credential,
    Presentation,
}

impl Envelope {
    /// The envelope type an object declares, if any.
    pub fn of(object: &Map<String, Value>) -> Option<Self> {
        let types = type_names(object.get("type"));
        if types.iter().any(|t| t == "EnvelopedVerifiableCredential") {
            Some(Self::Credential)
        } else if types.iter().any(|t| t == "EnvelopedVerifiablePresentation") {
            Some(Self::Presentation)
        } else {
            None
        }
    }

    pub fn type_name(self) -> &'static str {
        match self {
            Self::Credential => "EnvelopedVerifiableCredential",
            Self::Presentation => "EnvelopedVerifiablePresentation",
        }
    }

    /// The media types of a `data:` URL this envelope may carry: VC-JOSE-COSE's `vc+jwt` and
    /// `vp+jwt`, SD-JWT (`vc+sd-jwt` of VC-JOSE-COSE, `dc+sd-jwt` of SD-JWT VC; presented with
    /// its key-binding JWT), and `application/jwt`, the VCDM 1.1 JWT encoding OpenID4VCI and
    /// OpenID4VP name `jwt_vc_json` (a JWT VC, and the JWT VP of OpenID4VP's Appendix B.1.3.1).
    fn media_types(self) -> &'static [(&'static str, Kind)] {
        match self {
            Self::Credential => &[
                ("application/vc+jwt", Kind::Jwt),
                ("application/jwt", Kind::Jwt),
                ("application/vc+sd-jwt", Kind::SdJwt),
                ("application/dc+sd-jwt", Kind::SdJwt),
            ],
            Self::Presentation => &[
                ("application/vp+jwt", Kind::Jwt),
                ("application/jwt", Kind::Jwt),
                ("application/vc+sd-jwt", Kind::SdJwt),
                ("application/dc+sd-jwt", Kind::SdJwt),
            ],
        }
    }
}

/// How the secured document in an envelope is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A compact JWS (`vc+jwt`, `vp+jwt`, `jwt`).
    Jwt,
    /// An SD-JWT, with its key-binding JWT when presented.
    SdJwt,
}

/// What an envelope's `data:` URL carries, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub envelope: Envelope,
    pub kind: Kind,
    pub media_type: String,
    pub text: String,
}

/// Opens an envelope: `None` when `object` is not one; otherwise what its `data:` URL carries,
/// or why the envelope is refused. VCDM 2.0: "The `@context` property of the object MUST be
/// present and include a context, such as the base context …, that defines at least the `id`,
/// `type`, and `EnvelopedVerifiableCredential` terms"; "The `id` value … MUST be a `data:` URL".
pub fn open(object: &Map<String, Value>) -> Option<Result<Payload, InputError>> {
    let envelope = Envelope::of(object)?;
    Some(open_as(envelope, object))
}

/// The refusal of a payload that is not what its media type says.
pub fn payload_mismatch(media_type: &str) -> InputError {
    let media_type = media_type.to_owned();
    InputError::InvalidField {
        field: "id",
        reason: Detail::localized(|lang| t!(lang, "envelope-payload", media_type = media_type.as_str())),
    }
}

fn open_as(envelope: Envelope, object: &Map<String, Value>) -> Result<Payload, InputError> {
    let names_base = match object.get("@context") {
        Some(Value::String(url)) => url == crate::contexts::CREDENTIALS_V2,
        Some(Value::Array(items)) => items.iter().any(|item| item.as_str() == Some(crate::contexts::CREDENTIALS_V2)),
        _ => false,
    };
    if !names_base {
        let name = envelope.type_name();
        return Err(InputError::InvalidField {
            field: "@context",
            reason: Detail::localized(|lang| t!(lang, "envelope-context", envelope = name)),
        });
    }
    let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
    let invalid_id = |reason: Detail| InputError::InvalidField { field: "id", reason };
    let rest = id
        .strip_prefix("data:")
        .ok_or_else(|| invalid_id(Detail::localized(|lang| t!(lang, "envelope-not-data-url"))))?;
    let (header, data) =
        rest.split_once(',').ok_or_else(|| invalid_id(Detail::localized(|lang| t!(lang, "envelope-not-data-url"))))?;
    // RFC 2397: `mediatype *( ";" parameter ) [ ";base64" ]`.
    let mut parts = header.split(';');
    let media_type = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let base64 = parts.any(|part| part.trim().eq_ignore_ascii_case("base64"));
    let Some((_, kind)) = envelope.media_types().iter().find(|(known, _)| *known == media_type) else {
        let name = envelope.type_name();
        return Err(invalid_id(Detail::localized(|lang| {
            t!(lang, "envelope-media-type", media_type = media_type.as_str(), envelope = name)
        })));
    };
    let decoded = percent_encoding::percent_decode_str(data)
        .decode_utf8()
        .map_err(|_| invalid_id(Detail::localized(|lang| t!(lang, "envelope-not-utf8"))))?;
    let text = if base64 {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(decoded.trim())
            .map_err(|_| invalid_id(Detail::localized(|lang| t!(lang, "envelope-not-base64"))))?;
        String::from_utf8(bytes).map_err(|_| invalid_id(Detail::localized(|lang| t!(lang, "envelope-not-utf8"))))?
    } else {
        decoded.into_owned()
    };
    Ok(Payload { envelope, kind: *kind, media_type, text: text.trim().to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Parsed;
    use serde_json::json;

    const JWT: &str = "eyJhbGciOiJFZERTQSJ9.e30.c2ln";

    fn open_value(value: Value) -> Option<Result<Parsed, InputError>> {
        let object = value.as_object().unwrap();
        open(object)?.ok();
        Some(crate::input::classify(value))
    }

    #[test]
    fn envelopes_open_to_what_their_data_url_carries() {
        let credential = json!({"@context": "https://www.w3.org/ns/credentials/v2",
            "id": format!("data:application/vc+jwt,{JWT}"), "type": "EnvelopedVerifiableCredential"});
        assert_eq!(open_value(credential), Some(Ok(Parsed::Jwt(JWT.into()))));
        // VCDM 2.0's example of an enveloped presentation, and OpenID4VP's JWT VP.
        for media_type in ["application/vp+jwt", "application/jwt", "APPLICATION/JWT"] {
            let presentation = json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": format!("data:{media_type},{JWT}"), "type": "EnvelopedVerifiablePresentation"});
            assert_eq!(open_value(presentation), Some(Ok(Parsed::Jwt(JWT.into()))), "{media_type}");
        }
        let base64 = base64::engine::general_purpose::STANDARD.encode(JWT);
        let encoded = json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": format!("data:application/vp+jwt;base64,{base64}"), "type": "EnvelopedVerifiablePresentation"});
        assert_eq!(open_value(encoded), Some(Ok(Parsed::Jwt(JWT.into()))));
        let sd_jwt = json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": format!("data:application/dc+sd-jwt,{JWT}~%7E"), "type": "EnvelopedVerifiablePresentation"});
        assert_eq!(open_value(sd_jwt), Some(Ok(Parsed::SdJwt(format!("{JWT}~~")))));
        assert_eq!(open_value(json!({"type": "VerifiableCredential"})), None);
    }

    #[test]
    fn an_envelope_breaking_a_must_is_refused_naming_the_field() {
        use crate::error::Describe;
        for context in [json!([]), json!(""), json!(null), json!(["https://www.w3.org/ns/credentials/examples/v2"])] {
            let envelope = json!({"@context": context, "id": format!("data:application/vc+jwt,{JWT}"),
                "type": "EnvelopedVerifiableCredential"});
            let error = open_value(envelope).unwrap().unwrap_err();
            assert!(matches!(error, InputError::InvalidField { field: "@context", .. }), "{error:?}");
            assert!(error.message(schemas::Lang::Fr).contains("EnvelopedVerifiableCredential"));
        }
        let mut missing =
            json!({"id": format!("data:application/vc+jwt,{JWT}"), "type": "EnvelopedVerifiableCredential"});
        assert!(open_value(missing.clone()).unwrap().is_err());
        missing["@context"] = json!("https://www.w3.org/ns/credentials/v2");
        for id in [
            JWT.to_owned(),
            format!("https://example.org/{JWT}"),
            format!("data:application/vp+jwt,{JWT}"),
            "data:application/vc+jwt,not a jwt".to_owned(),
            "data:application/vc+jwt;base64,***".to_owned(),
        ] {
            let mut envelope = missing.clone();
            envelope["id"] = json!(id);
            let error = open_value(envelope).unwrap().unwrap_err();
            assert!(matches!(error, InputError::InvalidField { field: "id", .. }), "{id}: {error:?}");
        }
    }
}
