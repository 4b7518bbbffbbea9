//! Reading a wallet's `vp_token`: which presentations answer which credential query, each a
//! presentation (never a bare credential), at most a few; and the options each is checked with.

use credentials::error::Detail;
use credentials::input::Parsed;
use credentials::oid4vp::AuthorizationRequest;
use credentials::report::Report;
use credentials::verify::{HolderBinding, PresentationOptions};
use lang::Lang;
use serde_json::Value;

use crate::domain::error::json_problem;
use crate::domain::oid4vp::refusal::{invalid, Refusal};
use crate::domain::oid4vp::requests::Policy;
use crate::i18n::t;

/// Most presentations one response may carry.
const MAX_PRESENTATIONS: usize = 16;

/// The presentations of a `vp_token` (OpenID4VP 1.0 §8.1: a JSON object whose keys are the
/// credential query ids, each with an array of presentations: JSON objects for `ldp_vp`,
/// compact JWS strings for `jwt_vp`).
pub fn parse_vp_token(text: &str) -> Result<Vec<(String, Parsed)>, Refusal> {
    let bad = |message: &dyn Fn(Lang) -> String| invalid("vp_token_invalid", message);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (detail, line, column) = json_problem(&e);
        bad(&|lang| {
            t!(lang, "vp-token-not-json", detail = detail.as_str(), line = line.as_str(), column = column.as_str())
        })
    })?;
    let Value::Object(map) = value else {
        return Err(bad(&|lang| t!(lang, "vp-token-not-object")));
    };
    let mut out = Vec::new();
    for (id, presentations) in map {
        let items = match presentations {
            Value::Array(items) if !items.is_empty() => items,
            _ => return Err(bad(&|lang| t!(lang, "vp-token-not-array", id = id.as_str()))),
        };
        for item in items {
            let parsed = match item {
                // An SD-JWT VC with its key-binding JWT (format dc+sd-jwt).
                Value::String(text) if credentials::sd_jwt_vc::looks_like_sd_jwt(&text) => Parsed::SdJwt(text),
                Value::String(jwt) => Parsed::Jwt(jwt),
                object @ Value::Object(_) => match credentials::input::classify(object) {
                    Ok(parsed @ Parsed::Presentation(_)) => parsed,
                    Ok(_) => return Err(bad(&|lang| t!(lang, "vp-token-holds-credential", id = id.as_str()))),
                    Err(e) => return Err(Refusal::Invalid { code: "vp_token_invalid", reason: Detail::of(&e) }),
                },
                _ => return Err(bad(&|lang| t!(lang, "vp-token-holds-other", id = id.as_str()))),
            };
            out.push((id.clone(), parsed));
            if out.len() > MAX_PRESENTATIONS {
                return Err(bad(&|lang| t!(lang, "vp-token-too-many", max = MAX_PRESENTATIONS.to_string())));
            }
        }
    }
    Ok(out)
}

/// The per-request options every presentation of an answer is checked with.
pub fn presentation_options(request: &AuthorizationRequest, policy: &Policy) -> PresentationOptions {
    PresentationOptions {
        challenge: Some(request.nonce.clone()),
        domain: Some(request.client_id.clone()),
        max_age: policy.max_age,
        clock_skew: policy.clock_skew,
        // One holder answers a request with their own credentials.
        holder_binding: HolderBinding::Required,
        audience_required: false,
    }
}

/// The format DCQL names for a credential that a report describes.
pub fn dcql_format(report: &Report) -> &'static str {
    if report.format == credentials::sd_jwt_vc::SD_JWT_VC_TYPE {
        return credentials::dcql::FORMAT_DC_SD_JWT;
    }
    credentials::dcql::format_of(report.format == credentials::jose::VC_JWT_TYPE)
}
