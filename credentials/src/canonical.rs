//! The two canonical forms our Data Integrity suites sign: RDF Dataset Canonicalization
//! (RDFC-1.0, via `ssi`'s JSON-LD expansion and URDNA2015) and the JSON Canonicalization Scheme
//! (RFC 8785, via `json-syntax`). Both are exposed on their own so the W3C test vectors can check
//! each intermediate value, not just the final signature.

use ssi_json_ld::{CompactJsonLd, Expandable};
use ssi_rdf::{AnyLdEnvironment, LdEnvironment};

use crate::contexts::ContextSet;
use crate::error::ContextError;

/// RDFC-1.0 canonical N-Quads of a JSON-LD document, one string per line (each ends in `\n`).
pub fn rdfc(
    document: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<Vec<String>, ContextError> {
    contexts.check_document(document)?;
    let input = CompactJsonLd(json_syntax::Value::from_serde_json(document.clone()));
    pollster::block_on(async {
        let mut environment = LdEnvironment::default();
        let expanded = input
            .expand_with(&mut environment, contexts)
            .await
            .map_err(|e| ContextError::JsonLd(e.to_string()))?;
        environment
            .canonical_form_of(&expanded)
            .map_err(|e| ContextError::JsonLd(e.to_string()))
    })
}

/// RFC 8785 canonical JSON text of a document.
pub fn jcs(document: &serde_json::Value) -> String {
    let mut value = json_syntax::Value::from_serde_json(document.clone());
    value.canonicalize();
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn jcs_sorts_keys_and_normalizes_numbers() {
        let text = jcs(&json!({"b": 1.0, "a": [true, null, "é"], "c": 1e21}));
        assert_eq!(text, r#"{"a":[true,null,"é"],"b":1,"c":1e+21}"#);
    }

    #[test]
    fn rdfc_refuses_redefining_a_protected_term() {
        let document = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", {"name": "https://evil.example/name"}],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:1",
            "credentialSubject": {"id": "did:example:2"}
        });
        let error = rdfc(&document, &ContextSet::standard()).unwrap_err();
        assert!(matches!(error, ContextError::JsonLd(_)), "{error:?}");
    }
}
