//! The JSON-LD contexts this program understands, bundled in the binary. A verifier that fetched
//! contexts at verify time would leak who is checking what and could be fed a context that
//! changes the meaning of a signed document, so an unknown context URL is an error, never a fetch.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use ssi_json_ld::iref::{Iri, IriBuf};
use ssi_json_ld::{LoadError, Loader, RemoteDocument};

use crate::error::ContextError;
use crate::i18n::t;

mod inline;

pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
pub const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";
pub const ED25519_2020_V1: &str = "https://w3id.org/security/suites/ed25519-2020/v1";
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
pub const EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";
pub const DATA_INTEGRITY_V1: &str = "https://w3id.org/security/data-integrity/v1";
pub const STATUS_LIST_2021_V1: &str = "https://w3id.org/vc/status-list/2021/v1";
pub const CITIZENSHIP_V4RC1: &str = "https://w3id.org/citizenship/v4rc1";

const OPEN_BADGES_V3_DOCUMENT: &str = include_str!("../contexts/ob-v3p0-context-3.0.3.json");
const CITIZENSHIP_V4RC1_DOCUMENT: &str = include_str!("../contexts/test/citizenship-v4rc1.jsonld");

/// A JSON-LD active context: the result of processing a document's `@context`.
pub type ActiveContext = ssi_json_ld::json_ld::Context<IriBuf, ssi_json_ld::rdf_types::BlankIdBuf>;

/// How many distinct `@context` values keep their processed form; credentials of one kind share
/// one value, so a handful is plenty and the bound only stops a flood of odd inputs.
pub(crate) const MAX_PROCESSED: usize = 64;

/// A closed set of JSON-LD context documents, keyed by URL, parsed once, with the processed
/// form of each `@context` value seen (processing the VC and Open Badges contexts costs far more
/// than expanding a credential, so it is done once per process, not once per credential).
#[derive(Clone)]
pub struct ContextSet {
    documents: Arc<HashMap<String, RemoteDocument>>,
    processed: Arc<RwLock<HashMap<String, Arc<ActiveContext>>>>,
    /// URLs whose document is the one built into this program, reviewed for what
    /// `canonical::rdfc_proof_configuration` relies on (a test holds them to it); a document
    /// inserted later, or replacing one of these, is not.
    shipped: Arc<std::collections::HashSet<String>>,
    /// What the documents define, for reviewing inline contexts against.
    vocabulary: Arc<inline::Vocabulary>,
}

/// The documents built into this program, by URL.
fn shipped_documents() -> [(&'static str, &'static str); 8] {
    [
        (CREDENTIALS_V2, ssi_contexts::CREDENTIALS_V2),
        (CREDENTIALS_V1, ssi_contexts::CREDENTIALS_V1),
        (DATA_INTEGRITY_V2, ssi_contexts::W3ID_DATA_INTEGRITY_V2),
        (MULTIKEY_V1, ssi_contexts::W3ID_MULTIKEY_V1),
        (ED25519_2020_V1, ssi_contexts::W3ID_ED2020_V1),
        (DID_V1, ssi_contexts::DID_V1),
        (OPEN_BADGES_V3, OPEN_BADGES_V3_DOCUMENT),
        (schemas::TALENT_CONTEXT_URL, schemas::TALENT_CONTEXT),
    ]
}

/// Terms the shipped, protected contexts define as JSON literals (`"@type": "@json"`), by
/// context URL: their values are one RDF literal, not nodes, so the JSON-level term checks
/// (`jsonld::check_terms`) must not read them as JSON-LD. Only protected contexts count: no
/// later context of a document can make such a term mean anything else.
static JSON_LITERAL_TERMS: LazyLock<HashMap<&'static str, Vec<String>>> = LazyLock::new(|| {
    shipped_documents()
        .into_iter()
        .map(|(url, text)| {
            let document: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let context = document.get("@context").cloned().unwrap_or_default();
            let protected = context.get("@protected").and_then(serde_json::Value::as_bool) == Some(true);
            let terms = context
                .as_object()
                .filter(|_| protected)
                .into_iter()
                .flatten()
                .filter(|(_, definition)| definition.get("@type").and_then(serde_json::Value::as_str) == Some("@json"))
                .map(|(term, _)| term.clone())
                .collect();
            (url, terms)
        })
        .collect()
});

/// The JSON-literal terms (see [`JSON_LITERAL_TERMS`]) of the shipped contexts a document's
/// `@context` names.
pub(crate) fn json_literal_terms(context: Option<&serde_json::Value>) -> Vec<&'static str> {
    let urls: Vec<&str> = match context {
        Some(serde_json::Value::String(url)) => vec![url.as_str()],
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(serde_json::Value::as_str).collect(),
        _ => Vec::new(),
    };
    urls.into_iter().filter_map(|url| JSON_LITERAL_TERMS.get(url)).flatten().map(String::as_str).collect()
}

impl std::fmt::Debug for ContextSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextSet").field("urls", &self.urls()).finish()
    }
}

static STANDARD: LazyLock<ContextSet> = LazyLock::new(|| {
    let mut set = ContextSet {
        documents: Arc::new(HashMap::new()),
        processed: Arc::default(),
        shipped: Arc::default(),
        vocabulary: Arc::default(),
    };
    for (url, json) in shipped_documents() {
        // The bundled documents are fixed at build time and covered by tests; a bad one is skipped
        // (and then reported as "not bundled") rather than taking the process down.
        let _ = set.insert(url, json);
    }
    set.shipped = Arc::new(set.documents.keys().cloned().collect());
    // Standard contexts other issuers' credentials use, bundled so that they verify, but outside
    // the reviewed set the proof-configuration shortcut relies on (the examples context maps
    // every undefined term with `@vocab`): documents naming them take the general JSON-LD path.
    for (url, json) in other_standard_documents() {
        let _ = set.insert(url, json);
    }
    set
});

/// Contexts of the W3C specifications that credentials from other software name: the examples
/// context of VC Data Model 2.0 (its examples and many test suites use it), Data Integrity v1
/// (older `eddsa-2022` proofs) and Status List 2021 (the predecessor of Bitstring Status List).
fn other_standard_documents() -> [(&'static str, &'static str); 3] {
    [
        (EXAMPLES_V2, ssi_contexts::CREDENTIALS_EXAMPLES_V2),
        (DATA_INTEGRITY_V1, ssi_contexts::W3ID_DATA_INTEGRITY_V1),
        (STATUS_LIST_2021_V1, ssi_contexts::STATUS_LIST_2021_V1),
    ]
}

impl ContextSet {
    /// The contexts a Talent Credentials deployment needs: VC v2 (and v1 to read older input),
    /// Data Integrity v2, Multikey v1, Ed25519 2020 v1, DID v1, Open Badges 3.0.3 and our own
    /// talent context, and the standard ones other issuers' credentials name (VC 2.0 examples,
    /// Data Integrity v1, Status List 2021). Bitstring Status List terms are part of the VC v2
    /// context.
    pub fn standard() -> Self {
        STANDARD.clone()
    }

    /// The standard set plus the citizenship context the W3C Data Integrity test vectors use
    /// (`citizenship/v4rc1`). Not for production trust decisions.
    pub fn with_spec_examples() -> Self {
        let mut set = Self::standard();
        let _ = set.insert(CITIZENSHIP_V4RC1, CITIZENSHIP_V4RC1_DOCUMENT);
        set
    }

    /// Adds (or replaces) one context document, e.g. a deployment's own vocabulary.
    pub fn insert(&mut self, url: &str, json: &str) -> Result<(), ContextError> {
        let iri = IriBuf::new(url.to_owned()).map_err(|_| ContextError::JsonLd(format!("`{url}` is not an IRI")))?;
        let (document, _) = <json_syntax::Value as json_syntax::Parse>::parse_str(json)
            .map_err(|e| ContextError::JsonLd(format!("context {url} is not JSON: {e}")))?;
        let media_type = "application/ld+json".parse().map_err(|_| ContextError::JsonLd("media type".into()))?;
        // A replaced document's terms stay in the vocabulary: inline contexts are then reviewed
        // against more terms, never fewer.
        if let Ok(parsed) = serde_json::from_str::<serde_json::Value>(json) {
            Arc::make_mut(&mut self.vocabulary).add_document(&parsed);
        }
        let remote = RemoteDocument::new(Some(iri), Some(media_type), document);
        Arc::make_mut(&mut self.documents).insert(url.to_owned(), remote);
        if self.shipped.contains(url) {
            Arc::make_mut(&mut self.shipped).remove(url);
        }
        // Processed contexts may depend on the replaced document: start a fresh cache.
        self.processed = Arc::default();
        Ok(())
    }

    /// Whether `url` names a document built into this program (not inserted or replaced since).
    pub fn is_shipped(&self, url: &str) -> bool {
        self.shipped.contains(url)
    }

    pub fn contains(&self, url: &str) -> bool {
        self.documents.contains_key(url)
    }

    pub fn urls(&self) -> Vec<&str> {
        let mut urls: Vec<&str> = self.documents.keys().map(String::as_str).collect();
        urls.sort_unstable();
        urls
    }

    /// Refuses a document whose `@context` names a URL outside this set, with the URL named,
    /// before JSON-LD processing would turn it into a generic loading error. Inline context
    /// objects (VCDM 2.0 §4.3 allows them after the first entry) are reviewed so that no key can
    /// mean, in the signed RDF, a property the JSON-level checks read under another name (see
    /// `contexts::inline`); JSON-LD processing then refuses redefinitions of protected terms.
    pub fn check_document(&self, document: &serde_json::Value) -> Result<(), ContextError> {
        self.check_context(document.get("@context").ok_or(ContextError::Missing)?)
    }

    /// [`Self::check_document`] of a document whose `@context` is `context`.
    pub(crate) fn check_context(&self, context: &serde_json::Value) -> Result<(), ContextError> {
        let entries: Vec<&serde_json::Value> = match context {
            serde_json::Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        for (position, entry) in entries.into_iter().enumerate() {
            match entry {
                serde_json::Value::String(url) if !self.contains(url) => {
                    return Err(ContextError::NotBundled(url.clone()))
                }
                serde_json::Value::String(_) => {}
                serde_json::Value::Object(inline) if position > 0 => self.vocabulary.review(inline)?,
                _ => return Err(ContextError::InvalidEntry),
            }
        }
        Ok(())
    }
}

/// Unknown context URL: the loader never falls back to the network. Its text goes into the
/// JSON-LD library's error message, which is English only.
#[derive(Debug, thiserror::Error)]
#[error("{}", t!(schemas::Lang::En, "context-loader-not-bundled"))]
struct NotBundled;

impl ContextSet {
    /// The processed form of `context` (the leading entries of a document's `@context`),
    /// computed once.
    pub(crate) fn processed(
        &self,
        context: &[serde_json::Value],
        process: impl FnOnce() -> Result<ActiveContext, ContextError>,
    ) -> Result<Arc<ActiveContext>, ContextError> {
        // The text of the entries as a JSON array; serializing a `Value` cannot fail.
        let key = serde_json::to_string(context).unwrap_or_default();
        if let Some(hit) = self.processed.read().ok().and_then(|cache| cache.get(&key).cloned()) {
            return Ok(hit);
        }
        let active = Arc::new(process()?);
        if let Ok(mut cache) = self.processed.write() {
            if cache.len() >= MAX_PROCESSED {
                cache.clear();
            }
            cache.insert(key, active.clone());
        }
        Ok(active)
    }
}

#[cfg(test)]
impl ContextSet {
    /// How many processed `@context` values are kept.
    pub(crate) fn processed_count(&self) -> usize {
        self.processed.read().map(|cache| cache.len()).unwrap_or_default()
    }
}

impl Loader for ContextSet {
    async fn load(&self, url: &Iri) -> Result<RemoteDocument<IriBuf>, LoadError> {
        self.documents.get(url.as_str()).cloned().ok_or_else(|| LoadError::new(url.to_owned(), NotBundled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn standard_set_bundles_every_listed_context() {
        let set = ContextSet::standard();
        for url in [
            CREDENTIALS_V2,
            CREDENTIALS_V1,
            DATA_INTEGRITY_V2,
            MULTIKEY_V1,
            ED25519_2020_V1,
            OPEN_BADGES_V3,
            schemas::TALENT_CONTEXT_URL,
        ] {
            assert!(set.contains(url), "{url} missing");
        }
        // Other issuers' credentials name the VC 2.0 examples context (issue #21).
        assert!(set.contains(EXAMPLES_V2));
    }

    /// What `canonical::rdfc_proof_configuration` relies on, held for every shipped document: none
    /// sets a default language or direction, defines a prefix (a compact IRI in `id`,
    /// `verificationMethod` or `previousProof` would expand through it), or defines at its top
    /// level a term of VC 2.0's `DataIntegrityProof` (DID v1's `verificationMethod` is VC 2.0's own
    /// definition). Replacing a document takes it out of the shipped set.
    #[test]
    fn shipped_documents_leave_proof_terms_alone() {
        const PROOF_TERMS: [&str; 10] = [
            "challenge",
            "nonce",
            "domain",
            "created",
            "expires",
            "proofPurpose",
            "cryptosuite",
            "previousProof",
            "verificationMethod",
            "proofValue",
        ];
        for (url, json) in shipped_documents() {
            let document: serde_json::Value = serde_json::from_str(json).unwrap();
            let contexts = match &document["@context"] {
                serde_json::Value::Array(items) => items.clone(),
                one => vec![one.clone()],
            };
            for context in contexts.iter().filter_map(serde_json::Value::as_object) {
                assert!(!context.contains_key("@language") && !context.contains_key("@direction"), "{url}");
                for (term, definition) in context {
                    let iri = definition.as_str().or_else(|| definition.get("@id").and_then(|id| id.as_str()));
                    let prefix = definition.get("@prefix") == Some(&json!(true))
                        || (definition.is_string() && iri.is_some_and(|iri| iri.ends_with(['/', '#', ':'])));
                    assert!(!prefix, "{url} defines the prefix {term}");
                    if PROOF_TERMS.contains(&term.as_str()) {
                        assert!(
                            url == DID_V1
                                && term == "verificationMethod"
                                && definition
                                    == &json!({"@id": "https://w3id.org/security#verificationMethod", "@type": "@id"}),
                            "{url} defines {term} at its top level: {definition}"
                        );
                    }
                }
            }
            assert!(ContextSet::standard().is_shipped(url), "{url}");
        }
        let mut replaced = ContextSet::standard();
        replaced.insert(OPEN_BADGES_V3, r#"{"@context": {"@language": "fr"}}"#).unwrap();
        assert!(!replaced.is_shipped(OPEN_BADGES_V3) && replaced.is_shipped(CREDENTIALS_V2));
        assert!(ContextSet::standard().is_shipped(OPEN_BADGES_V3), "the standard set is untouched");
    }

    #[test]
    fn unknown_context_url_is_named() {
        let set = ContextSet::standard();
        let document = json!({"@context": [CREDENTIALS_V2, "https://evil.example/ctx"]});
        assert_eq!(set.check_document(&document), Err(ContextError::NotBundled("https://evil.example/ctx".into())));
        assert_eq!(set.check_document(&json!({})), Err(ContextError::Missing));
        assert_eq!(set.check_document(&json!({"@context": [1]})), Err(ContextError::InvalidEntry));
    }
}
