//! The two canonical forms our Data Integrity suites sign: RDF Dataset Canonicalization
//! (RDFC-1.0, via `ssi`'s JSON-LD expansion and URDNA2015) and the JSON Canonicalization Scheme
//! (RFC 8785: written here from the `serde_json::Value`, numbers formatted by
//! `serde_json_canonicalizer`, see [`jcs`]). Both are exposed on their own so the W3C test vectors
//! can check each intermediate value, not just the final signature.

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
///
/// Type-scoped and property-scoped contexts (Open Badges' `Achievement`, VC 2.0's
/// `DataIntegrityProof`, …) are processed once per active context and reused at every node of
/// that type, by the patched `json-ld` crates in `vendor/` (see its README; issue #27).
pub fn rdfc(document: &serde_json::Value, contexts: &ContextSet) -> Result<Vec<String>, ContextError> {
    canonical_lines(&expand(document, contexts)?)
}

/// [`rdfc`] with nothing shared or reused: the document's whole `@context` processed afresh,
/// every scoped context processed again at each node, as the unpatched `json-ld` crate does, and
/// every N-Quads statement (canonical lines and first-degree hashes) displayed through `rdf_types`
/// as the unpatched `ssi-rdf` does. The same checks refuse the same documents. Slow; it is the reference the differential test
/// (`tests/rdfc_differential.rs`) holds [`rdfc`] to, byte for byte.
pub fn rdfc_unshared(document: &serde_json::Value, contexts: &ContextSet) -> Result<Vec<String>, ContextError> {
    use ssi_json_ld::json_ld::context::set_scoped_cache_enabled;
    use ssi_rdf::nquads::set_display_writer;
    /// Turns reuse and the direct N-Quads writer back on for this thread however the
    /// canonicalization ends.
    struct Reuse;
    impl Drop for Reuse {
        fn drop(&mut self) {
            set_scoped_cache_enabled(true);
            set_display_writer(false);
        }
    }
    let _reuse = Reuse;
    set_scoped_cache_enabled(false);
    set_display_writer(true);
    contexts.check_document(document)?;
    crate::jsonld::check_terms(document).map_err(|e| ContextError::JsonLd(e.to_string()))?;
    let context = document.get("@context").ok_or(ContextError::Missing)?;
    let active = process(context, &ActiveContext::default(), contexts)?;
    canonical_lines(&expand_under(document, active, contexts)?)
}

/// Canonical N-Quads lines of an expanded document, its blank nodes relabelled and the
/// canonicalization's cost bounded first.
fn canonical_lines(expanded: &ssi_json_ld::json_ld::ExpandedDocument) -> Result<Vec<String>, ContextError> {
    let mut quads = LdEnvironment::default().quads_of(expanded).map_err(|e| ContextError::JsonLd(e.to_string()))?;
    relabel_blank_nodes(&mut quads)?;
    refuse_poison(&quads)?;
    Ok(urdna2015::normalize(quads.iter().map(|quad| quad.as_lexical_quad_ref())).into_nquads_lines())
}

/// Checks a document the way [`rdfc`] reads it, without canonicalizing: its contexts (bundled
/// URLs, reviewed inline objects, protected terms kept) and that JSON-LD expansion drops nothing
/// (VC Data Integrity §4, "Data Loss"). `eddsa-jcs-2022` signs the JSON itself, but what it signs
/// must still be a JSON-LD document whose every term is defined.
pub fn check_json_ld(document: &serde_json::Value, contexts: &ContextSet) -> Result<(), ContextError> {
    expand(document, contexts).map(drop)
}

/// Checks a document's `@context` the way [`rdfc`] processes it (bundled URLs, inline objects
/// that redefine no protected term), without expanding the body: what `eddsa-jcs-2022` can
/// afford on every signature and verification, the processed context being cached per distinct
/// `@context` value. Undefined terms in the body are not looked for here (see
/// [`check_json_ld`]).
pub fn check_contexts(document: &serde_json::Value, contexts: &ContextSet) -> Result<(), ContextError> {
    active_context(document, contexts).map(drop)
}

/// JSON-LD expansion of a document under its (processed, cached) contexts, refusing undefined
/// terms and invalid IRIs instead of dropping them.
fn expand(
    document: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<ssi_json_ld::json_ld::ExpandedDocument, ContextError> {
    let active = active_context(document, contexts)?;
    expand_under(document, (*active).clone(), contexts)
}

/// JSON-LD expansion of a document's body under `active`, its processed `@context`.
fn expand_under(
    document: &serde_json::Value,
    active: ActiveContext,
    contexts: &ContextSet,
) -> Result<ssi_json_ld::json_ld::ExpandedDocument, ContextError> {
    refuse_non_utf8_percent_encoding(document)?;
    let body = match document {
        serde_json::Value::Object(map) => json_syntax::Value::Object(
            map.iter()
                .filter(|(key, _)| key.as_str() != "@context")
                .map(|(key, value)| json_syntax::object::Entry::new(key.as_str().into(), to_json_syntax(value)))
                .collect(),
        ),
        other => to_json_syntax(other),
    };
    let options = ExpansionOptions {
        policy: Policy { invalid: Action::Reject, allow_undefined: false, ..Default::default() },
        ..Default::default()
    };
    pollster::block_on(body.expand_full(&mut (), active, None, contexts, options, ())).map_err(|e| match e {
        ssi_json_ld::json_ld::expansion::Error::KeyExpansionFailed(term) => ContextError::DataLoss { term },
        other => ContextError::JsonLd(other.to_string()),
    })
}

/// `json_syntax::Value::from_serde_json` of a borrowed value: the same value, without first
/// copying the whole document to give it away (the copy and its drop were 3% of an rdfc
/// canonicalization).
fn to_json_syntax(value: &serde_json::Value) -> json_syntax::Value {
    use json_syntax::Value;
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => Value::Number(n.clone().into()),
        serde_json::Value::String(s) => Value::String(s.as_str().into()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(to_json_syntax).collect()),
        serde_json::Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| json_syntax::object::Entry::new(key.as_str().into(), to_json_syntax(value)))
                .collect(),
        ),
    }
}

/// RDFC-1.0 canonical N-Quads of a Data Integrity proof configuration: the same lines as
/// [`rdfc`] gives, for less.
///
/// A proof configuration carries the document's `@context` (for our credentials VC 2.0, Open
/// Badges 3.0 and ours), and expanding it copies that whole active context (see issue #3's figures
/// in docs/PERFORMANCE.md). The configuration is expanded under VC 2.0 alone when
/// - VC 2.0 comes first and every entry of the `@context` names a document built into this
///   program ([`ContextSet::is_shipped`]), none of which sets a default language or direction,
///   defines a prefix, or defines a `DataIntegrityProof` term at its top level (a test in
///   `contexts` holds them to that), and
/// - every property and value the configuration uses is one of VC 2.0's protected
///   `DataIntegrityProof` terms, with string values.
///
/// Then no later context changes what those terms expand to, and the quads are the same. Anything
/// else (an inserted or replaced context, another property, a nested object, a proof purpose VC
/// 2.0 does not name) is expanded as written. A test holds both paths to the same lines.
pub fn rdfc_proof_configuration(
    proof_config: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<Vec<String>, ContextError> {
    match narrowed_to_vc2(proof_config, contexts) {
        Some(narrowed) => rdfc(&narrowed, contexts),
        None => rdfc(proof_config, contexts),
    }
}

/// The configuration under the VC 2.0 context alone, when that cannot change its meaning.
fn narrowed_to_vc2(proof_config: &serde_json::Value, contexts: &ContextSet) -> Option<serde_json::Value> {
    use serde_json::Value;
    const PURPOSES: [&str; 5] =
        ["assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation", "keyAgreement"];
    let object = proof_config.as_object()?;
    let entries: Vec<&str> = match object.get("@context")? {
        Value::Array(items) => items.iter().map(Value::as_str).collect::<Option<_>>()?,
        Value::String(one) => vec![one.as_str()],
        _ => return None,
    };
    if entries.first() != Some(&crate::contexts::CREDENTIALS_V2)
        || !entries.iter().all(|url| contexts.is_shipped(url))
        || object.get("type")?.as_str()? != "DataIntegrityProof"
    {
        return None;
    }
    let strings = |value: &Value| match value {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(Value::is_string),
        _ => false,
    };
    for (key, value) in object {
        let known = match key.as_str() {
            "@context" | "type" => true,
            "proofPurpose" => value.as_str().is_some_and(|purpose| PURPOSES.contains(&purpose)),
            "id" | "cryptosuite" | "created" | "expires" | "verificationMethod" | "challenge" | "nonce" => {
                value.is_string()
            }
            "domain" | "previousProof" => strings(value),
            _ => false,
        };
        if !known {
            return None;
        }
    }
    let mut narrowed = object.clone();
    narrowed.insert("@context".into(), Value::String(crate::contexts::CREDENTIALS_V2.into()));
    Some(Value::Object(narrowed))
}

/// Refuses a string that looks like an IRI (`scheme:…`) whose percent-encoded bytes are not
/// UTF-8 (`urn:x:%b1`): the IRI library under JSON-LD expansion decodes them when it hashes an
/// IRI and panics on invalid UTF-8 (found by fuzzing). Text without a scheme is left alone.
fn refuse_non_utf8_percent_encoding(value: &serde_json::Value) -> Result<(), ContextError> {
    match value {
        serde_json::Value::String(text) => {
            let has_scheme = text.split_once(':').is_some_and(|(scheme, _)| {
                !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
            });
            if has_scheme && text.contains('%') && percent_encoding::percent_decode_str(text).decode_utf8().is_err() {
                return Err(ContextError::JsonLd(format!("`{text}` has percent-encoded bytes that are not UTF-8")));
            }
            Ok(())
        }
        serde_json::Value::Array(items) => items.iter().try_for_each(refuse_non_utf8_percent_encoding),
        serde_json::Value::Object(map) => map.values().try_for_each(refuse_non_utf8_percent_encoding),
        _ => Ok(()),
    }
}

/// Gives every blank node a fresh label `_:nK` (the canonical form does not depend on labels).
///
/// A document can name blank nodes itself (a `type` of `_:c14n0`), and `ssi`'s N-degree step
/// looks up canonical identifiers (`_:c14n0`, …) as if they were input labels: with a node
/// labelled so, it recursed until the stack overflowed and the process aborted, which no
/// `catch_unwind` stops. Fresh labels cannot collide with canonical ones.
fn relabel_blank_nodes(quads: &mut [ssi_rdf::LexicalQuad]) -> Result<(), ContextError> {
    use ssi_json_ld::rdf_types::BlankIdBuf;
    use urdna2015::BlankNodeComponentsMut;
    let mut labels: std::collections::HashMap<BlankIdBuf, BlankIdBuf> = std::collections::HashMap::new();
    for quad in quads.iter_mut() {
        for label in quad.blank_node_components_mut() {
            let fresh = match labels.get(label) {
                Some(fresh) => fresh.clone(),
                None => {
                    let fresh = BlankIdBuf::from_suffix(&format!("n{}", labels.len()))
                        .map_err(|_| ContextError::JsonLd("cannot relabel a blank node".into()))?;
                    labels.insert(label.clone(), fresh.clone());
                    fresh
                }
            };
            *label = fresh;
        }
    }
    Ok(())
}

/// The most blank nodes, linked to one another, that first-degree hashes may leave apart.
pub const MAX_LINKED_AMBIGUOUS: usize = 2;

/// The most N-degree steps a document's canonicalization may need (see [`refuse_poison`] for
/// how they are counted): about 0.6 µs each with `ssi` (a presentation of two credentials for
/// one skill, whose alignment nodes are alike, counts 1,290,240 and takes 0.77 s), so about two
/// seconds at worst. One more statement on an alike node multiplies its steps by ten.
pub const MAX_N_DEGREE_STEPS: u64 = 3_000_000;

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
/// (the recursion) at most [`MAX_LINKED_AMBIGUOUS`]; and the steps of the N-degree step at most
/// [`MAX_N_DEGREE_STEPS`]. A node's neighbours are grouped the way that step groups them (by
/// position, predicate and the neighbour's first-degree hash); a group of n costs n! orderings,
/// each visiting its n nodes and copying the node's identifier map (as large as its m
/// neighbours): n!·(n + m). A linked pair recurses into each other in every ordering, so its
/// cost is the product of the two.
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
    if first_degree_hashes_differ(&state.blank_node_to_quads) {
        return Ok(());
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

    // Each ambiguous node's own cost: its neighbours grouped as the N-degree step groups them.
    let mut own: HashMap<usize, u64> = HashMap::new();
    for (i, blank) in blanks.iter().enumerate().filter(|(_, blank)| ambiguous(blank)) {
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
        let neighbours: u64 = groups.values().sum();
        let mut cost: u64 = 0;
        for size in groups.into_values() {
            let orderings = (1..=size).try_fold(1u64, |product, n| product.checked_mul(n)).unwrap_or(u64::MAX);
            cost = cost.saturating_add(orderings.saturating_mul(size.saturating_add(neighbours)));
        }
        own.insert(i, cost);
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
    let mut groups: HashMap<usize, Vec<u64>> = HashMap::new();
    for (&i, &cost) in &own {
        groups.entry(root(&mut parent, i)).or_default().push(cost);
    }
    if let Some(count) = groups.values().map(Vec::len).max().filter(|&count| count > MAX_LINKED_AMBIGUOUS) {
        return Err(ContextError::TooAmbiguous {
            what: "linked blank nodes",
            count: count as u64,
            limit: MAX_LINKED_AMBIGUOUS as u64,
        });
    }
    let mut steps: u64 = 0;
    for costs in groups.values() {
        steps = steps.saturating_add(match costs.as_slice() {
            [a, b] => a.saturating_mul(b.saturating_add(1)).saturating_add(b.saturating_mul(a.saturating_add(1))),
            _ => costs.iter().fold(0u64, |sum, cost| sum.saturating_add(*cost)),
        });
    }
    if steps > MAX_N_DEGREE_STEPS {
        return Err(ContextError::TooAmbiguous { what: "n-degree steps", count: steps, limit: MAX_N_DEGREE_STEPS });
    }
    Ok(())
}

/// Whether no two blank nodes can have the same first-degree hash, told without hashing: equal
/// hashes need equal sorted statements (the node as `_:a`, others as `_:z`), so equal multisets
/// of (the node's position, predicate) over its statements. When every node's multiset is its
/// own, nothing is ambiguous and RDFC-1.0 needs no N-degree step (for our credentials, always:
/// the hashes `ssi` computes again in `normalize` were a tenth of a canonicalization).
fn first_degree_hashes_differ(
    by_node: &std::collections::BTreeMap<&ssi_json_ld::rdf_types::BlankId, Vec<ssi_rdf::LexicalQuadRef<'_>>>,
) -> bool {
    let mut seen = std::collections::HashSet::new();
    by_node.iter().all(|(blank, quads)| {
        let mut signature: Vec<(char, &str)> = quads
            .iter()
            .flat_map(|quad| {
                quad.blank_node_components_with_position()
                    .into_iter()
                    .filter(|(label, _)| label == blank)
                    .map(|(_, position)| (position.into_char(), quad.predicate().as_str()))
            })
            .collect();
        signature.sort_unstable();
        seen.insert(signature)
    })
}

/// The full IRI of each `type` of a document, as JSON-LD expansion would give it under the
/// document's (bundled) contexts: what OpenID4VP's DCQL `type_values` compare. A type that no
/// context defines is an error, never a guess.
pub fn expanded_types(document: &serde_json::Value, contexts: &ContextSet) -> Result<Vec<String>, ContextError> {
    let active = active_context(document, contexts)?;
    crate::jsonld::type_names(document.get("type"))
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

/// The processed `@context` of a document. The leading bundled URLs are processed once per value
/// and kept (see [`ContextSet`]); inline objects (and any URL after one) are processed on top of
/// that each time, so documents with their own inline contexts neither fill nor flush the cache.
fn active_context(
    document: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<std::sync::Arc<ActiveContext>, ContextError> {
    contexts.check_document(document)?;
    crate::jsonld::check_terms(document).map_err(|e| ContextError::JsonLd(e.to_string()))?;
    let context = document.get("@context").ok_or(ContextError::Missing)?;
    active_context_of(context, contexts)
}

/// The processed `context` (a document's `@context`, already checked by the caller).
fn active_context_of(
    context: &serde_json::Value,
    contexts: &ContextSet,
) -> Result<std::sync::Arc<ActiveContext>, ContextError> {
    let entries: &[serde_json::Value] = match context {
        serde_json::Value::Array(items) => items,
        single => std::slice::from_ref(single),
    };
    let urls = entries.iter().take_while(|entry| entry.is_string()).count();
    let (leading, rest) = entries.split_at(urls);
    let bundled = contexts.processed(leading, || {
        process(&serde_json::Value::Array(leading.to_vec()), &ActiveContext::default(), contexts)
    })?;
    if rest.is_empty() {
        return Ok(bundled);
    }
    process(&serde_json::Value::Array(rest.to_vec()), &bundled, contexts).map(std::sync::Arc::new)
}

/// JSON-LD context processing of `context` on top of `active`, loading only bundled documents.
fn process(
    context: &serde_json::Value,
    active: &ActiveContext,
    contexts: &ContextSet,
) -> Result<ActiveContext, ContextError> {
    let json_ld_error = |e: &dyn std::fmt::Display| ContextError::JsonLd(e.to_string());
    let syntax = SyntaxContext::try_from_json(json_syntax::Value::from_serde_json(context.clone()))
        .map_err(|e| json_ld_error(&e))?;
    pollster::block_on(syntax.process_with(&mut (), active, contexts, None, ProcessingOptions::default()))
        .map(|processed| processed.into_processed())
        .map_err(|e| json_ld_error(&e))
}

/// [`check_contexts`] then [`jcs`] of what a secured document's proof signs, its unsecured form
/// (VC Data Integrity §4.3: the document without `proof`, under the `@context` of an
/// `eddsa-jcs-2022` proof when the proof has one and the document too), read in place: a
/// copy of the document without `proof` cost a presentation of 30 credentials a copy of all 30.
/// `context` replaces the document's `@context` (the caller checks that it begins it).
pub fn jcs_unsecured(
    document: &serde_json::Map<String, serde_json::Value>,
    context: Option<&serde_json::Value>,
    contexts: &ContextSet,
) -> Result<String, ContextError> {
    let written = document.get("@context").ok_or(ContextError::Missing)?;
    let context = context.unwrap_or(written);
    contexts.check_context(context)?;
    crate::jsonld::check_terms_unsecured(document).map_err(|e| ContextError::JsonLd(e.to_string()))?;
    active_context_of(context, contexts)?;
    let members = document
        .iter()
        .filter(|(key, _)| key.as_str() != "proof")
        .map(|(key, value)| (key, if key == "@context" { context } else { value }));
    let mut out = Vec::with_capacity(4096);
    write_jcs_object(members.collect(), &mut out);
    // Only UTF-8 text and ASCII punctuation were written.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// RFC 8785 canonical JSON text of a document.
///
/// `serde_json_canonicalizer` serializes any `Serialize` type through a formatter that buffers
/// every object member in a `Vec` of its own, parses each key again as JSON to sort it, and boxes
/// a writer for each write: the canonical text of a skill credential took longer than its Ed25519
/// signature (17% of the issuer's CPU under load in `perf`). Our input is always a
/// `serde_json::Value`, whose keys are already unescaped strings, so here each object's members
/// are sorted by their keys' UTF-16 code units (RFC 8785 §3.2.3) and written straight into one
/// buffer. Strings are escaped by `serde_json` (the escapes RFC 8785 §3.2.2.2 lists, as
/// `serde_json_canonicalizer` also gets them) and numbers formatted by `serde_json_canonicalizer`
/// (ECMAScript's number to string, §3.2.2.3). A test holds the output byte for byte to
/// `serde_json_canonicalizer`'s.
pub fn jcs(document: &serde_json::Value) -> String {
    let mut out = Vec::with_capacity(4096);
    write_jcs(document, &mut out);
    // Only UTF-8 text and ASCII punctuation were written.
    String::from_utf8(out).unwrap_or_default()
}

fn write_jcs(value: &serde_json::Value, out: &mut Vec<u8>) {
    use serde_json::Value;
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        // A `Value` holds only finite numbers, which serialize without error.
        Value::Number(number) => {
            out.extend_from_slice(serde_json_canonicalizer::to_string(number).unwrap_or_default().as_bytes())
        }
        Value::String(text) => write_jcs_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_jcs(item, out);
            }
            out.push(b']');
        }
        Value::Object(members) => write_jcs_object(members.iter().collect(), out),
    }
}

/// An object of these members, sorted by their keys' UTF-16 code units (RFC 8785 §3.2.3).
fn write_jcs_object(mut sorted: Vec<(&String, &serde_json::Value)>, out: &mut Vec<u8>) {
    sorted.sort_unstable_by(|(a, _), (b, _)| {
        if a.is_ascii() && b.is_ascii() {
            a.as_bytes().cmp(b.as_bytes())
        } else {
            a.encode_utf16().cmp(b.encode_utf16())
        }
    });
    out.push(b'{');
    for (i, (key, member)) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_jcs_string(key, out);
        out.push(b':');
        write_jcs(member, out);
    }
    out.push(b'}');
}

fn write_jcs_string(text: &str, out: &mut Vec<u8>) {
    // Writing into a `Vec` cannot fail.
    let _ = serde::Serializer::serialize_str(&mut serde_json::Serializer::new(&mut *out), text);
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

    /// The proof configuration's shortcut gives the lines the full expansion gives, for every
    /// property it accepts, and is not taken for anything else.
    #[test]
    fn proof_configurations_canonicalize_the_same_narrowed_or_not() {
        let contexts = ContextSet::standard();
        let full_context =
            json!([crate::contexts::CREDENTIALS_V2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",]);
        let base = json!({
            "@context": full_context,
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-01-01T00:00:00Z",
            "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            "proofPurpose": "assertionMethod",
        });
        let mut variants = vec![base.clone()];
        for (key, value) in [
            ("expires", json!("2027-01-01T00:00:00Z")),
            ("challenge", json!("1f44d55f-f161-4938-a659-f8026467f126")),
            ("domain", json!(["https://verifier.example", "https://other.example"])),
            ("nonce", json!("abc")),
            ("id", json!("urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544")),
            ("previousProof", json!("urn:uuid:26329423-bec9-4b2e-88cb-a7c7d9dc4544")),
            ("proofPurpose", json!("authentication")),
        ] {
            let mut variant = base.clone();
            variant[key] = value;
            variants.push(variant);
        }
        for variant in &variants {
            assert!(narrowed_to_vc2(variant, &contexts).is_some(), "{variant}");
            assert_eq!(rdfc_proof_configuration(variant, &contexts).unwrap(), rdfc(variant, &contexts).unwrap());
        }
        // Not narrowed: a property from a later context, a nested object, an unknown purpose,
        // another proof type, VC 2.0 not first.
        let mut outside = Vec::new();
        for (key, value) in [
            ("awardedDate", json!("2026-01-01T00:00:00Z")),
            ("challenge", json!({"id": "urn:example:c"})),
            ("proofPurpose", json!("somethingElse")),
            ("type", json!("Ed25519Signature2020")),
            (
                "@context",
                json!(["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", crate::contexts::CREDENTIALS_V2]),
            ),
        ] {
            let mut variant = base.clone();
            variant[key] = value;
            assert!(narrowed_to_vc2(&variant, &contexts).is_none(), "{variant}");
            outside.push(variant);
        }
        // Where it matters: a term only Open Badges defines expands to its IRI in full, and to
        // something else (or nothing) under VC 2.0 alone; the configuration is expanded in full.
        let lines = rdfc_proof_configuration(&outside[0], &contexts).unwrap();
        assert_eq!(lines, rdfc(&outside[0], &contexts).unwrap());
        assert!(lines.concat().contains("https://purl.imsglobal.org/spec/vc/ob/vocab.html#awardedDate"), "{lines:?}");
        // A context inserted after start-up (or replacing a shipped one) is not trusted for it.
        let mut extended = ContextSet::standard();
        extended.insert("https://example.org/extra", r#"{"@context": {"@language": "fr"}}"#).unwrap();
        let mut with_extra = base.clone();
        with_extra["@context"] = json!([crate::contexts::CREDENTIALS_V2, "https://example.org/extra"]);
        with_extra["challenge"] = json!("abc");
        assert!(narrowed_to_vc2(&with_extra, &extended).is_none());
        let lines = rdfc_proof_configuration(&with_extra, &extended).unwrap();
        assert_eq!(lines, rdfc(&with_extra, &extended).unwrap());
        assert!(lines.concat().contains("\"abc\"@fr"), "the default language reaches the challenge: {lines:?}");
        let lines = rdfc_proof_configuration(&outside[0], &contexts).unwrap();
        let mut narrowed = outside[0].clone();
        narrowed["@context"] = json!(crate::contexts::CREDENTIALS_V2);
        assert_ne!(
            rdfc(&narrowed, &contexts).ok(),
            Some(lines),
            "under VC 2.0 alone it means something else, or nothing"
        );
    }

    #[test]
    fn jcs_sorts_keys_by_utf16_code_units() {
        // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16, after it
        // in UTF-8 and by code point; ASCII and Latin-1 keys sort as their code points.
        let text = jcs(&json!({"\u{fb01}": 1, "\u{1f600}": 2, "é": 3, "a": 4, "\r": 5}));
        assert_eq!(text, "{\"\\r\":5,\"a\":4,\"é\":3,\"\u{1f600}\":2,\"\u{fb01}\":1}");
    }

    /// Random JSON values with the keys, strings and numbers where canonical forms differ.
    fn random_value(rng: &mut impl rand::Rng, depth: u32) -> serde_json::Value {
        const TEXTS: &[&str] = &[
            "",
            "a",
            "A",
            "é",
            "\u{fb01}",
            "\u{1f600}",
            "\u{10ffff}",
            "\u{7f}",
            "\u{0}",
            "\u{1f}",
            "\n\r\t\u{8}\u{c}",
            "\"",
            "\\",
            "/",
            "</script>",
            "\u{2028}\u{2029}",
            "@context",
            "id",
            "type",
            "ab",
            "aé",
            "a\u{1f600}",
        ];
        const NUMBERS: &[f64] = &[
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e21,
            1e-7,
            123456789012345680000.0,
            5e-324,
            1.7976931348623157e308,
            9007199254740993.0,
            333333333.3333333,
            1e20,
            0.000001,
        ];
        let text = |rng: &mut dyn rand::RngCore| {
            let mut text = String::new();
            for _ in 0..rand::Rng::gen_range(rng, 0..3) {
                text.push_str(TEXTS[rand::Rng::gen_range(rng, 0..TEXTS.len())]);
            }
            text
        };
        match rng.gen_range(0..if depth > 3 { 5 } else { 7 }) {
            0 => serde_json::Value::Null,
            1 => serde_json::Value::Bool(rng.gen()),
            2 => json!(NUMBERS[rng.gen_range(0..NUMBERS.len())]),
            3 => json!(rng.gen::<i64>() >> rng.gen_range(0..64)),
            4 => serde_json::Value::String(text(rng)),
            5 => serde_json::Value::Array((0..rng.gen_range(0..4)).map(|_| random_value(rng, depth + 1)).collect()),
            _ => serde_json::Value::Object(
                (0..rng.gen_range(0..6)).map(|_| (text(rng), random_value(rng, depth + 1))).collect(),
            ),
        }
    }

    #[test]
    fn borrowed_conversion_to_json_syntax_is_json_syntaxs_own() {
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(27);
        for _ in 0..5_000 {
            let value = random_value(&mut rng, 0);
            assert_eq!(to_json_syntax(&value), json_syntax::Value::from_serde_json(value.clone()), "{value}");
        }
    }

    #[test]
    fn jcs_writes_what_serde_json_canonicalizer_writes() {
        use rand::SeedableRng;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8785);
        for _ in 0..20_000 {
            let value = random_value(&mut rng, 0);
            assert_eq!(jcs(&value), serde_json_canonicalizer::to_string(&value).unwrap(), "{value}");
        }
        // And every document the fuzzer starts from.
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
        let mut seen = 0;
        for entry in std::fs::read_dir(corpus).unwrap() {
            let Ok(value) = serde_json::from_slice::<serde_json::Value>(&std::fs::read(entry.unwrap().path()).unwrap())
            else {
                continue;
            };
            assert_eq!(jcs(&value), serde_json_canonicalizer::to_string(&value).unwrap());
            seen += 1;
        }
        assert!(seen > 20, "the corpus was not found");
    }

    /// The document as `jcs_unsecured` reads it in place: copied, without `proof`, under `context`.
    fn unsecured_copy(document: &serde_json::Value, context: Option<&serde_json::Value>) -> serde_json::Value {
        let mut copy = document.clone();
        if let Some(map) = copy.as_object_mut() {
            map.remove("proof");
            if let (Some(context), true) = (context, map.contains_key("@context")) {
                map.insert("@context".into(), context.clone());
            }
        }
        copy
    }

    #[test]
    fn jcs_in_place_of_a_secured_document_is_the_check_and_jcs_of_its_copy_without_proof() {
        use rand::SeedableRng;
        let contexts = ContextSet::standard();
        let same = |document: &serde_json::Value, context: Option<&serde_json::Value>| {
            let copy = unsecured_copy(document, context);
            let expected = check_contexts(&copy, &contexts).map(|()| jcs(&copy));
            let found = jcs_unsecured(document.as_object().unwrap(), context, &contexts);
            assert_eq!(found, expected, "{document}");
            found.is_ok()
        };
        let mut signed = skill("urn:uuid:1", "did:example:issuer", schemas::Level::Expert);
        signed["proof"] = json!({"type": "DataIntegrityProof", "@context": signed["@context"].clone(),
            "verificationMethod": "did:example:issuer#key", "proofValue": "z1"});
        assert!(same(&signed, None));
        let vc2 = json!(["https://www.w3.org/ns/credentials/v2"]);
        assert!(same(&signed, Some(&vc2)));
        assert!(same(
            &presentation(vec![signed.clone(), skill("urn:uuid:2", "did:example:b", schemas::Level::Beginner)]),
            Some(&vc2)
        ));
        // Refused alike: an undefined-looking key, a context that is not bundled, a nested
        // context, a document without `@context`, an expanded key in the proof only (not signed).
        let mut refused = 0;
        for (field, value) in [
            ("https://example.org/term", json!(1)),
            ("@context", json!(["https://evil.example/ctx"])),
            ("credentialSubject", json!({"@context": "https://www.w3.org/ns/credentials/v2"})),
        ] {
            let mut bad = signed.clone();
            bad[field] = value;
            refused += usize::from(!same(&bad, None));
        }
        assert_eq!(refused, 3);
        let mut no_context = signed.clone();
        no_context.as_object_mut().unwrap().remove("@context");
        assert!(!same(&no_context, Some(&vc2)));
        let mut proof_only = signed.clone();
        proof_only["proof"]["cred:extra"] = json!(1);
        assert!(same(&proof_only, None));
        // Random members next to a real `@context`, with and without `proof`.
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(23);
        for _ in 0..2_000 {
            let mut document = signed.clone();
            if let (Some(map), serde_json::Value::Object(extra)) = (document.as_object_mut(), random_value(&mut rng, 1))
            {
                map.extend(extra.into_iter().filter(|(key, _)| key != "@context"));
            }
            same(&document, None);
        }
        // And every document the fuzzer starts from that has a `@context`.
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
        for entry in std::fs::read_dir(corpus).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            if let Ok(document @ serde_json::Value::Object(_)) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                same(&document, None);
            }
        }
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
    fn rdfc_reads_reviewed_inline_contexts_and_refuses_blank_node_ids() {
        // VCDM 2.0 §4.3: objects after the base context define terms, as bundled contexts do.
        let inline = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"x": "https://x.example/x"}],
            "type": "VerifiableCredential", "issuer": "did:example:i", "credentialSubject": {"x": "1"}});
        let lines = rdfc(&inline, &ContextSet::standard()).unwrap();
        assert!(lines.concat().contains("<https://x.example/x> \"1\""), "{lines:?}");
        let alias = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {"kind": "@type"}], "kind": "VerifiableCredential"});
        assert!(matches!(rdfc(&alias, &ContextSet::standard()), Err(ContextError::KeywordAlias { .. })));
        let blank = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential", "credentialSubject": {"id": "_:b0"}});
        assert!(matches!(rdfc(&blank, &ContextSet::standard()), Err(ContextError::JsonLd(_))));
    }

    /// VC Data Integrity §4 ("Securing Data Losslessly"): a term no context defines would be
    /// dropped by JSON-LD, and so not signed; it is an error, with the term named.
    #[test]
    fn an_undefined_term_is_data_loss_not_dropped() {
        let document = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "VerifiableCredential",
            "issuer": "did:example:i", "credentialSubject": {"id": "did:example:s", "favoriteFood": "Papaya"}});
        let error = rdfc(&document, &ContextSet::standard()).unwrap_err();
        assert_eq!(error, ContextError::DataLoss { term: "favoriteFood".into() });
        assert_eq!(check_json_ld(&document, &ContextSet::standard()), Err(error.clone()));
        assert!(crate::error::Describe::message(&error, schemas::Lang::Fr).contains("perte de données"));
        // Defined by an inline context (or the examples context's @vocab), it is signed.
        let mut defined = document.clone();
        defined["@context"] = json!(["https://www.w3.org/ns/credentials/v2", {"favoriteFood": "https://extension.example/vocab#favoriteFood"}]);
        assert!(rdfc(&defined, &ContextSet::standard()).unwrap().concat().contains("favoriteFood> \"Papaya\""));
    }

    #[test]
    fn documents_with_inline_contexts_do_not_flush_the_processed_contexts() {
        // A cache of its own (the standard set's is shared by every test).
        let mut contexts = ContextSet::standard();
        contexts.insert("https://example.org/unused", r#"{"@context": {}}"#).unwrap();
        for i in 0..(2 * crate::contexts::MAX_PROCESSED) {
            let document = json!({"@context": ["https://www.w3.org/ns/credentials/v2", {format!("t{i}"): format!("https://x.example/{i}")}],
                "type": "VerifiableCredential", "issuer": "did:example:i", "credentialSubject": {format!("t{i}"): "1"}});
            rdfc(&document, &contexts).unwrap();
        }
        assert_eq!(contexts.processed_count(), 1, "only the bundled prefix is kept");
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
    fn an_iri_with_percent_encoded_bytes_that_are_not_utf8_is_refused_not_a_panic() {
        let document = |id: &str| {
            json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "id": id, "type": "VerifiableCredential",
                "issuer": "did:example:i", "credentialSubject": {"id": "did:example:s", "name": "50%b1 off"}})
        };
        let error =
            rdfc(&document("urn:uuid:0b7f4a52-3d5e-4c61-9a7e-2f%b1c0d9e11"), &ContextSet::standard()).unwrap_err();
        assert!(matches!(&error, ContextError::JsonLd(message) if message.contains("not UTF-8")), "{error:?}");
        // Valid UTF-8 percent-encoding, and text without a scheme, are fine.
        assert!(rdfc(&document("urn:x:caf%C3%A9"), &ContextSet::standard()).is_ok());
    }

    #[test]
    fn blank_nodes_named_like_canonical_identifiers_do_not_crash_the_process() {
        // Before relabelling, ssi's N-degree step recursed into the node labelled `_:c14n0`
        // until the stack overflowed (an abort, not a panic).
        let document = json!({"@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential", "_:c14n0", "_:c14n1"], "issuer": "did:example:i",
            "credentialSubject": {"type": ["_:c14n0", "_:c14n1"], "name": "x"}});
        let lines = rdfc(&document, &ContextSet::standard()).unwrap();
        assert!(lines.iter().all(|line| !line.contains("_:n")), "{lines:?}");
    }

    #[test]
    fn a_linked_pair_of_alike_nodes_costs_the_product_of_their_orderings() {
        // The reviewer's shape: each credential graph and its subject are alike in both copies
        // and linked; each ordering of one recurses through every ordering of the other.
        let types: Vec<String> = ["A", "B", "C", "D", "E", "F", "G"].map(|t| format!("https://t.example/{t}")).to_vec();
        let credential = |proof: &str| {
            json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:x", "type": "VerifiableCredential",
                "issuer": "did:example:i",
                "credentialSubject": {"type": types},
                "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": proof}})
        };
        let error = rdfc(&presentation(vec![credential("z1"), credential("z2")]), &ContextSet::standard()).unwrap_err();
        assert!(matches!(error, ContextError::TooAmbiguous { .. }), "{error:?}");
    }

    /// The shortcut of [`refuse_poison`] is taken only where `ssi`'s first-degree hashes all
    /// differ, and it is taken for our credentials.
    #[test]
    fn distinct_statement_shapes_mean_distinct_first_degree_hashes() {
        use std::collections::{BTreeMap, HashSet};
        let contexts = ContextSet::standard();
        let one = skill("urn:uuid:1", "did:example:a", schemas::Level::Advanced);
        let two = presentation(vec![one.clone(), skill("urn:uuid:2", "did:example:b", schemas::Level::Advanced)]);
        let mut taken = Vec::new();
        for document in [&one, &two] {
            let expanded = expand(document, &contexts).unwrap();
            let mut quads = LdEnvironment::default().quads_of(&expanded).unwrap();
            relabel_blank_nodes(&mut quads).unwrap();
            let mut state = urdna2015::NormalizationState {
                blank_node_to_quads: BTreeMap::new(),
                hash_to_blank_nodes: BTreeMap::new(),
                canonical_issuer: urdna2015::IdentifierIssuer::new("_:c14n".to_owned()),
            };
            for quad in &quads {
                let quad = quad.as_lexical_quad_ref();
                for blank in quad.blank_node_components() {
                    state.blank_node_to_quads.entry(blank).or_default().push(quad);
                }
            }
            let blanks: Vec<_> = state.blank_node_to_quads.keys().copied().collect();
            assert!(blanks.len() >= 2, "{document}");
            let hashes: HashSet<String> =
                blanks.iter().map(|blank| urdna2015::hash_first_degree_quads(&mut state, blank)).collect();
            let differ = first_degree_hashes_differ(&state.blank_node_to_quads);
            assert!(!differ || hashes.len() == blanks.len(), "{document}");
            taken.push(differ);
        }
        // One credential: every node told apart at once. Two for one skill: alike nodes.
        assert_eq!(taken, [true, false]);
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
