//! Reading what a client sent: a JSON body within the limit, the VC-API document in it (an
//! object, or an `Enveloped…` one carrying a JWT or SD-JWT in a `data:` URL), and the optional
//! policy fields, each refused with a message that says what is wrong.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use credentials::error::Detail;
use credentials::input::Parsed;
use serde_json::Value;

use crate::domain::error::{json_problem, ServiceError};
use crate::i18n::t;

/// The body as JSON; too large, unreadable or not JSON is refused.
pub fn body_json(body: Result<Bytes, BytesRejection>) -> Result<Value, ServiceError> {
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(_) => ServiceError::TooLarge,
        other => {
            let detail = other.body_text();
            ServiceError::bad(|lang| t!(lang, "request-body-unreadable", detail = detail.as_str()))
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| {
        let (detail, line, column) = json_problem(&e);
        ServiceError::bad(|lang| {
            t!(lang, "request-not-json", detail = detail.as_str(), line = line.as_str(), column = column.as_str())
        })
    })
}

/// `verifiableCredential` (or `verifiablePresentation`) as the pipeline takes it: a JSON object,
/// or an `EnvelopedVerifiable…` carrying a JWT. A bare string is refused (VC-API sends objects).
pub fn document(body: &mut Value, field: &str) -> Result<Parsed, ServiceError> {
    match body.as_object_mut().and_then(|object| object.remove(field)) {
        Some(Value::Object(object)) => {
            let types = credentials::input::type_names(object.get("type"));
            if types.iter().any(|t| t.starts_with("Enveloped")) {
                let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
                // A data: URL's payload is percent-encoded (RFC 2397); a JWT or SD-JWT needs no
                // escaping, but a client may escape `~` or more anyway.
                // Most carry no escape at all: found with memchr, not by decoding byte by byte.
                let decoded = if id.contains('%') {
                    percent_encoding::percent_decode_str(id)
                        .decode_utf8()
                        .map_err(|_| ServiceError::bad(|lang| t!(lang, "document-url-not-utf8")))?
                } else {
                    std::borrow::Cow::Borrowed(id)
                };
                let id = decoded.as_ref();
                // An SD-JWT VC (with its key-binding JWT when presented): VC-JOSE-COSE names it
                // vc+sd-jwt, the SD-JWT VC draft dc+sd-jwt.
                if let Some(sd_jwt) = ["data:application/dc+sd-jwt,", "data:application/vc+sd-jwt,"]
                    .iter()
                    .find_map(|prefix| id.strip_prefix(prefix))
                {
                    if !credentials::sd_jwt_vc::looks_like_sd_jwt(sd_jwt) {
                        return Err(ServiceError::bad(|lang| t!(lang, "document-not-sd-jwt")));
                    }
                    return Ok(Parsed::SdJwt(sd_jwt.to_owned()));
                }
                let jwt = id
                    .strip_prefix("data:application/vc+jwt,")
                    .or_else(|| id.strip_prefix("data:application/vp+jwt,"))
                    .or_else(|| id.strip_prefix("data:application/jwt,"))
                    .ok_or_else(|| ServiceError::bad(|lang| t!(lang, "document-not-jwt-url")))?;
                return Ok(Parsed::Jwt(jwt.to_owned()));
            }
            credentials::input::classify(Value::Object(object)).map_err(|e| ServiceError::BadRequest(Detail::of(&e)))
        }
        Some(Value::String(_)) => Err(ServiceError::bad(|lang| t!(lang, "field-is-string", field = field))),
        Some(_) => Err(ServiceError::bad(|lang| t!(lang, "field-not-object", field = field))),
        None => Err(ServiceError::bad(|lang| t!(lang, "field-missing", field = field))),
    }
}

/// `options.requireStatus` of a VC-API request: this request's status policy.
pub fn require_status_option(body: &Value) -> Result<Option<bool>, ServiceError> {
    match body.pointer("/options/requireStatus") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(require)) => Ok(Some(*require)),
        Some(_) => Err(ServiceError::bad(|lang| t!(lang, "require-status-option-not-boolean"))),
    }
}

/// A number of seconds in `body` (at most `max`), if given.
pub fn seconds_field(body: &Value, name: &str, max: u64) -> Result<Option<Duration>, ServiceError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value.as_u64().filter(|s| *s <= max).map(|s| Some(Duration::from_secs(s))).ok_or_else(|| {
            ServiceError::bad(|lang| t!(lang, "seconds-out-of-range", name = name, max = max.to_string()))
        }),
    }
}
