//! The two canonical forms our Data Integrity suites sign: RDF Dataset Canonicalization
//! (RDFC-1.0, via `ssi`'s JSON-LD expansion and URDNA2015) and the JSON Canonicalization Scheme
//! (RFC 8785, via `serde_json_canonicalizer`). Both are exposed on their own so the W3C test vectors can check
//! each intermediate value, not just the final signature.

use ssi_json_ld::json_ld::context_processing::{Options as ProcessingOptions, Process};
use ssi_json_ld::json_ld::expansion::{Action, Options as ExpansionOptions, Policy};
use ssi_json_ld::json_ld::syntax::context::Context as SyntaxContext;
use ssi_json_ld::json_ld::syntax::TryFromJson;
use ssi_json_ld::json_ld::Expand;
use ssi_rdf::{AnyLdEnvironment, LdEnvironment};

use crate::contexts::{ActiveContext, ContextSet};
use crate::error::ContextError;

/// RDFC-1.0 canonical N-Quads of a JSON-LD document, one string per line (each ends in `\n`).
///
/// The document's `@context` is processed once per distinct value (see [`ContextSet`]) and the
/// rest of the document is expanded against that active context, which is what JSON-LD expansion
/// does with a top-level `@context` anyway.
pub fn rdfc(document: &serde_json::Value, contexts: &ContextSet) -> Result<Vec<String>, ContextError> {
    let active = active_context(document, contexts)?;
    let json_ld_error = |e: &dyn std::fmt::Display| ContextError::JsonLd(e.to_string());
    let mut body = document.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("@context");
    }
    let body = json_syntax::Value::from_serde_json(body);
    let options = ExpansionOptions {
        policy: Policy { invalid: Action::Reject, allow_undefined: false, ..Default::default() },
        ..Default::default()
    };
    let expanded = pollster::block_on(body.expand_full(&mut (), (*active).clone(), None, contexts, options, ()))
        .map_err(|e| json_ld_error(&e))?;
    LdEnvironment::default().canonical_form_of(&expanded).map_err(|e| json_ld_error(&e))
}

/// The full IRI of each `type` of a document, as JSON-LD expansion would give it under the
/// document's (bundled) contexts: what OpenID4VP's DCQL `type_values` compare. A type that no
/// context defines is an error, never a guess.
pub fn expanded_types(document: &serde_json::Value, contexts: &ContextSet) -> Result<Vec<String>, ContextError> {
    let active = active_context(document, contexts)?;
    crate::input::type_names(document.get("type"))
        .into_iter()
        .map(|name| {
            if name.contains(':') {
                return Ok(name);
            }
            active
                .get(name.as_str())
                .and_then(|definition| definition.value().and_then(|term| term.as_iri()).map(|iri| iri.to_string()))
                .ok_or_else(|| {
                    ContextError::JsonLd(format!("the type `{name}` is not defined by the document's contexts"))
                })
        })
        .collect()
}

/// The processed `@context` of a document (bundled contexts only), computed once per value.
fn active_context(
    document: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<std::sync::Arc<ActiveContext>, ContextError> {
    contexts.check_document(document)?;
    crate::input::check_terms(document).map_err(|e| ContextError::JsonLd(e.to_string()))?;
    let json_ld_error = |e: &dyn std::fmt::Display| ContextError::JsonLd(e.to_string());
    let context = document.get("@context").ok_or(ContextError::Missing)?;
    contexts.processed(context, || {
        let syntax = SyntaxContext::try_from_json(json_syntax::Value::from_serde_json(context.clone()))
            .map_err(|e| json_ld_error(&e))?;
        pollster::block_on(syntax.process_with(
            &mut (),
            &ActiveContext::default(),
            contexts,
            None,
            ProcessingOptions::default(),
        ))
        .map(|processed| processed.into_processed())
        .map_err(|e| json_ld_error(&e))
    })
}

/// RFC 8785 canonical JSON text of a document.
pub fn jcs(document: &serde_json::Value) -> String {
    // Serializing a JSON value cannot fail (no maps with non-string keys, no failing impls).
    serde_json_canonicalizer::to_string(document).unwrap_or_default()
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
        let mut contexts = ContextSet::standard();
        contexts
            .insert("https://evil.example/context", r#"{"@context": {"name": "https://evil.example/name"}}"#)
            .unwrap();
        let document = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://evil.example/context"],
            "type": ["VerifiableCredential"],
            "issuer": "did:example:1",
            "credentialSubject": {"id": "did:example:2"}
        });
        let error = rdfc(&document, &contexts).unwrap_err();
        assert!(
            matches!(&error, ContextError::JsonLd(message) if message.contains("Protected term redefinition")),
            "{error:?}"
        );
    }

    #[test]
    fn rdfc_refuses_inline_contexts_and_blank_node_ids() {
        let inline = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"x": "https://x.example/x"}], "type": "VerifiableCredential"});
        assert_eq!(rdfc(&inline, &ContextSet::standard()), Err(ContextError::Inline));
        let blank = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential", "credentialSubject": {"id": "_:b0"}});
        assert!(matches!(rdfc(&blank, &ContextSet::standard()), Err(ContextError::JsonLd(_))));
    }
}
