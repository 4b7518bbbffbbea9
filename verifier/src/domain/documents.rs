//! What the service needs to know of a document before verifying it: whether it is a
//! presentation (checked only against a challenge of ours), and whether its verification may
//! take seconds (and so must not hold one of the few async workers).

use credentials::input::Parsed;
use serde_json::Value;

/// Whether a document is a presentation: JSON typed so, or a JWT whose header says `vp+jwt`.
/// Presentations are checked only against a challenge (`/presentations/verify`, requests).
pub fn is_presentation(parsed: &Parsed) -> bool {
    match parsed {
        Parsed::Presentation(_) => true,
        Parsed::Jwt(jwt) => {
            credentials::jose::header_type(jwt).is_some_and(|typ| typ == credentials::jose::VP_JWT_TYPE)
        }
        _ => false,
    }
}

/// A presentation of several credentials secured with `eddsa-rdfc-2022` may need RDF
/// canonicalization's N-degree step (alike blank nodes across its credentials: up to about two
/// seconds, `credentials::canonical`), too long to hold one of the few async workers.
pub fn may_take_seconds(parsed: &Parsed) -> bool {
    let Parsed::Presentation(value) = parsed else { return false };
    let several = value.get("verifiableCredential").and_then(Value::as_array).is_some_and(|list| list.len() > 1);
    let rdfc = |proof: &Value| proof.get("cryptosuite").and_then(Value::as_str) == Some("eddsa-rdfc-2022");
    let signed_with_rdfc = match value.get("proof") {
        Some(Value::Array(proofs)) => proofs.iter().any(rdfc),
        Some(proof) => rdfc(proof),
        None => false,
    };
    several && signed_with_rdfc
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn rdfc_presentations_of_several_credentials_leave_the_async_worker() {
        let presentation = |credentials: usize, suite: &str| {
            Parsed::Presentation(json!({"verifiableCredential": vec![json!({}); credentials],
                "proof": [{"type": "DataIntegrityProof", "cryptosuite": suite}]}))
        };
        assert!(may_take_seconds(&presentation(2, "eddsa-rdfc-2022")));
        assert!(!may_take_seconds(&presentation(1, "eddsa-rdfc-2022")));
        assert!(!may_take_seconds(&presentation(2, "eddsa-jcs-2022")));
        assert!(!may_take_seconds(&Parsed::Credential(json!({"verifiableCredential": [{}, {}]}))));
    }
}
