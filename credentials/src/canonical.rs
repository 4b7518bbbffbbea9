//! The two canonical forms our Data Integrity suites sign: RDF Dataset Canonicalization
//! (RDFC-1.0, via `ssi`'s JSON-LD expansion and URDNA2015) and the JSON Canonicalization Scheme
//! (RFC 8785, via `serde_json_canonicalizer`). Both are exposed on their own so the W3C test vectors can check
//! each intermediate value, not just the final signature.

use ssi_json_ld::json_ld::context_processing::{Options as ProcessingOptions, Process};
use ssi_json_ld::json_ld::expansion::{Action, Options as ExpansionOptions, Policy};
use ssi_json_ld::json_ld::syntax::context::Context as SyntaxContext;
use ssi_json_ld::json_ld::syntax::TryFromJson;
use ssi_json_ld::json_ld::Expand;
use ssi_rdf::urdna2015::{self, BlankNodeComponents};
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
    let quads = LdEnvironment::default().quads_of(&expanded).map_err(|e| json_ld_error(&e))?;
    refuse_poison(&quads)?;
    Ok(urdna2015::normalize(quads.iter().map(|quad| quad.as_lexical_quad_ref())).into_nquads_lines())
}

/// The most blank nodes, linked to one another, that first-degree hashes may leave apart.
pub const MAX_LINKED_AMBIGUOUS: usize = 2;

/// The most N-degree steps (orderings tried, times the nodes each ordering visits) a document's
/// canonicalization may need: about a microsecond each with `ssi` (a presentation of two
/// credentials for one skill, whose alignment nodes are alike, takes 645,000 and 0.77 s), so
/// about two seconds at worst. One more statement on an alike node multiplies its steps by ten.
pub const MAX_N_DEGREE_STEPS: u64 = 2_000_000;

/// Refuses a dataset whose RDF canonicalization would run away, before running it.
///
/// RDFC-1.0 names each blank node by the hash of the statements it appears in ("first degree");
/// nodes left with equal hashes go to the "N-degree" step, which, for each such node, tries
/// every ordering of the blank nodes around it that hash alike, and recurses into those not yet
/// named. The specification warns of "poison" datasets and lets implementations bound the work;
/// the `ssi` implementation has no bound, and it lists a neighbour once per shared statement,
/// so a node with k statements in one credential's graph costs k! orderings. Two copies of one
/// credential in a presentation (its node blank, fifteen statements each) kept a verifier busy
/// for minutes and took gigabytes; two different credentials for the same skill, whose
/// alignment nodes are alike (eight statements), already cost 0.77 s.
///
/// Two bounds, computed with `ssi`'s own first-degree hash: ambiguous nodes linked to each other
/// (the recursion) at most [`MAX_LINKED_AMBIGUOUS`]; and the orderings the N-degree step would
/// try, counted the way it groups neighbours (by position, predicate and the neighbour's
/// first-degree hash), at most [`MAX_N_DEGREE_STEPS`].
fn refuse_poison(quads: &[ssi_rdf::LexicalQuad]) -> Result<(), ContextError> {
    use std::collections::{BTreeMap, HashMap};
    let mut state = urdna2015::NormalizationState {
        blank_node_to_quads: BTreeMap::new(),
        hash_to_blank_nodes: BTreeMap::new(),
        canonical_issuer: urdna2015::IdentifierIssuer::new("_:c14n".to_owned()),
    };
    for quad in quads {
        let quad = quad.as_lexical_quad_ref();
        for blank in quad.blank_node_components() {
            state.blank_node_to_quads.entry(blank).or_default().push(quad);
        }
    }
    let blanks: Vec<_> = state.blank_node_to_quads.keys().copied().collect();
    let hashes: HashMap<_, String> =
        blanks.iter().map(|blank| (*blank, urdna2015::hash_first_degree_quads(&mut state, blank))).collect();
    let mut by_hash: HashMap<&str, usize> = HashMap::new();
    for hash in hashes.values() {
        *by_hash.entry(hash.as_str()).or_default() += 1;
    }
    let ambiguous =
        |blank: &ssi_json_ld::rdf_types::BlankId| hashes.get(blank).is_some_and(|hash| by_hash[hash.as_str()] > 1);

    // The orderings: for each ambiguous node, its neighbours grouped as the N-degree step groups
    // them; a group of n is n! orderings of n visits each.
    let mut steps: u64 = 0;
    for blank in blanks.iter().filter(|blank| ambiguous(blank)) {
        let mut groups: HashMap<(String, &str), u64> = HashMap::new();
        for quad in &state.blank_node_to_quads[blank] {
            for (related, position) in quad.blank_node_components_with_position() {
                if related == *blank {
                    continue;
                }
                let predicate =
                    if position == urdna2015::BlankIdPosition::Graph { "" } else { quad.predicate().as_str() };
                let key = (format!("{position}{predicate}"), hashes.get(related).map_or("", String::as_str));
                *groups.entry(key).or_default() += 1;
            }
        }
        for size in groups.into_values() {
            let orderings = (1..=size).try_fold(1u64, |product, n| product.checked_mul(n)).unwrap_or(u64::MAX);
            steps = steps.saturating_add(orderings.saturating_mul(size));
        }
    }
    if steps > MAX_N_DEGREE_STEPS {
        return Err(ContextError::TooAmbiguous { what: "n-degree steps", count: steps, limit: MAX_N_DEGREE_STEPS });
    }

    // The recursion: ambiguous nodes that share a statement, grouped (union-find).
    let index: HashMap<_, usize> = blanks.iter().enumerate().map(|(i, blank)| (*blank, i)).collect();
    let mut parent: Vec<usize> = (0..blanks.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for quad in quads {
        let linked: Vec<usize> = quad
            .as_lexical_quad_ref()
            .blank_node_components()
            .into_iter()
            .filter(|blank| ambiguous(blank))
            .filter_map(|blank| index.get(blank).copied())
            .collect();
        for pair in linked.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent[a] = b;
        }
    }
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for (i, blank) in blanks.iter().enumerate() {
        if ambiguous(blank) {
            *sizes.entry(root(&mut parent, i)).or_default() += 1;
        }
    }
    match sizes.into_values().max() {
        Some(count) if count > MAX_LINKED_AMBIGUOUS => Err(ContextError::TooAmbiguous {
            what: "linked blank nodes",
            count: count as u64,
            limit: MAX_LINKED_AMBIGUOUS as u64,
        }),
        _ => Ok(()),
    }
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

    fn skill(id: &str, issuer: &str, level: schemas::Level) -> serde_json::Value {
        use schemas::{Issuer, LocalizedText, SkillCredentialBuilder};
        let when = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&chrono::Utc);
        SkillCredentialBuilder::new(
            id,
            Issuer { id: issuer.into(), name: LocalizedText::new("A", "A") },
            "api_design",
            level,
            when,
        )
        .subject("did:example:holder")
        .evidence(schemas::Evidence {
            id: None,
            narrative: LocalizedText::new("Led the design", "A dirigé la conception"),
        })
        .build()
        .unwrap()
    }

    fn presentation(credentials: Vec<serde_json::Value>) -> serde_json::Value {
        json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
            "holder": "did:example:holder", "verifiableCredential": credentials})
    }

    #[test]
    fn two_copies_of_one_credential_in_a_presentation_are_refused_before_canonicalization() {
        // Every blank node of one copy has an indistinguishable twin in the other, all linked:
        // without the bound this took minutes and gigabytes.
        let credential = skill("urn:uuid:1", "did:example:a", schemas::Level::Advanced);
        let mut nested = credential.clone();
        nested["credentialSubject"]["achievement"]["alignment"] = json!([{"type": ["Alignment"], "targetName": "x",
            "targetUrl": "urn:x", "targetCode": "x"}]);
        for credentials in [vec![credential.clone(), credential.clone()], vec![nested.clone(), nested]] {
            let error = rdfc(&presentation(credentials), &ContextSet::standard()).unwrap_err();
            assert!(
                matches!(error, ContextError::TooAmbiguous { what: "linked blank nodes", count, limit: 2 } if count > 2),
                "{error:?}"
            );
            assert_eq!(crate::error::Describe::code(&error), "rdf_too_ambiguous");
        }
    }

    #[test]
    fn presentations_of_different_credentials_for_one_skill_are_canonicalized() {
        let levels = [schemas::Level::Beginner, schemas::Level::Advanced, schemas::Level::Expert];
        let credentials: Vec<_> = levels
            .iter()
            .enumerate()
            .map(|(i, level)| skill(&format!("urn:uuid:{i}"), &format!("did:example:issuer{i}"), *level))
            .collect();
        let lines = rdfc(&presentation(credentials), &ContextSet::standard()).unwrap();
        assert!(lines.iter().any(|line| line.contains("_:c14n")), "{lines:?}");
        // The same credential twice from different issuers: its blank nodes are told apart by
        // the named nodes around them.
        let same = vec![
            skill("urn:uuid:1", "did:example:a", schemas::Level::Advanced),
            skill("urn:uuid:2", "did:example:b", schemas::Level::Advanced),
        ];
        assert!(rdfc(&presentation(same), &ContextSet::standard()).is_ok());
    }

    #[test]
    fn alike_blank_nodes_with_many_statements_are_refused_for_the_work_they_would_take() {
        // Two different credentials for one skill whose alignment (hanging off the same named
        // achievement) is alike and has twelve statements: the N-degree step would try 12!
        // orderings of its neighbours for each. (Evidence hangs off each credential's own id,
        // so alike evidence is told apart at once.)
        let alignment = json!([{"type": ["Alignment"], "targetCode": "api_design", "targetUrl": "urn:x",
            "targetName": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]}]);
        let mut first = skill("urn:uuid:1", "did:example:a", schemas::Level::Advanced);
        let mut second = skill("urn:uuid:2", "did:example:b", schemas::Level::Expert);
        first["credentialSubject"]["achievement"]["alignment"] = alignment.clone();
        second["credentialSubject"]["achievement"]["alignment"] = alignment;
        let error = rdfc(&presentation(vec![first.clone(), second]), &ContextSet::standard()).unwrap_err();
        assert!(
            matches!(error, ContextError::TooAmbiguous { what: "n-degree steps", count, limit: MAX_N_DEGREE_STEPS } if count > MAX_N_DEGREE_STEPS),
            "{error:?}"
        );
        assert!(crate::error::Describe::message(&error, schemas::Lang::Fr).contains("étapes de degré N"));
        // Alone, the same credential is cheap: nothing in it is ambiguous.
        assert!(rdfc(&first, &ContextSet::standard()).is_ok());
    }
}
