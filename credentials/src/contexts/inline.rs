//! Inline `@context` objects (VCDM 2.0 §4.3: "subsequent items … any combination of URLs and
//! objects"), reviewed before JSON-LD processing. JSON-LD itself refuses to redefine a protected
//! term; this review refuses the other ways an inline context could make a key of the JSON mean,
//! in the signed RDF, something the JSON-level checks do not read there: a second name for a term
//! a bundled context defines (`"kind": "@type"`, `"until": "…credentials#validUntil"`), a
//! redefinition of a bundled term (protected or not, scoped contexts included), a prefix (compact
//! IRIs in values then expand elsewhere), and an `@vocab` that maps undefined names into a bundled
//! vocabulary. `@import` and `@base` are refused: an import is a context this review did not read,
//! and a base changes what relative identifiers mean.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::error::ContextError;

/// What the bundled contexts define: each term's meanings (IRIs, or keywords for aliases such as
/// `type` → `@type`), the names of each IRI, the prefixes and the `@vocab` values, anywhere in
/// the documents (type- and property-scoped contexts too).
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    by_term: HashMap<String, BTreeSet<String>>,
    by_iri: HashMap<String, BTreeSet<String>>,
    prefixes: HashMap<String, String>,
    vocabs: BTreeSet<String>,
}

/// JSON-LD keywords an inline context may set on itself without changing what a bundled term
/// means.
const HARMLESS_KEYWORDS: [&str; 5] = ["@version", "@protected", "@propagate", "@language", "@direction"];

impl Vocabulary {
    /// Adds the terms of one bundled context document (its `@context`, URL entries ignored).
    pub(crate) fn add_document(&mut self, document: &Value) {
        if let Some(context) = document.get("@context") {
            self.add_context(context, &HashMap::new());
        }
    }

    fn add_context(&mut self, context: &Value, outer_prefixes: &HashMap<String, String>) {
        match context {
            Value::Array(items) => items.iter().for_each(|item| self.add_context(item, outer_prefixes)),
            Value::Object(map) => {
                let mut prefixes = outer_prefixes.clone();
                for (term, definition) in map {
                    if let Some(iri) = definition.as_str().filter(|iri| is_prefix_iri(iri)) {
                        prefixes.insert(term.clone(), iri.to_owned());
                    }
                }
                if let Some(vocab) = map.get("@vocab").and_then(Value::as_str) {
                    self.vocabs.insert(vocab.to_owned());
                }
                for (term, definition) in map.iter().filter(|(term, _)| !term.starts_with('@')) {
                    if let Some(target) = target_of(definition) {
                        let target = expand_with(target, &prefixes);
                        self.by_term.entry(term.clone()).or_default().insert(target.clone());
                        self.by_iri.entry(target).or_default().insert(term.clone());
                    }
                    if let Some(scoped) = definition.get("@context") {
                        self.add_context(scoped, &prefixes);
                    }
                }
                self.prefixes.extend(prefixes);
            }
            _ => {}
        }
    }

    /// Reviews one inline context object (an entry of a document's `@context` after the first).
    pub(crate) fn review(&self, context: &Map<String, Value>) -> Result<(), ContextError> {
        self.review_object(context, &BTreeSet::new())
    }

    fn review_object(&self, context: &Map<String, Value>, outer_vocabs: &BTreeSet<String>) -> Result<(), ContextError> {
        let mut vocabs = outer_vocabs.clone();
        for (key, value) in context.iter().filter(|(key, _)| key.starts_with('@')) {
            match key.as_str() {
                "@vocab" => {
                    let vocab = value.as_str().unwrap_or_default();
                    self.review_vocab(vocab)?;
                    vocabs.insert(vocab.to_owned());
                }
                known if HARMLESS_KEYWORDS.contains(&known) => {}
                other => return Err(ContextError::InlineKeyword { keyword: other.to_owned() }),
            }
        }
        for (term, definition) in context.iter().filter(|(term, _)| !term.starts_with('@')) {
            self.review_term(term, definition, &vocabs)?;
            if let Some(scoped) = definition.get("@context") {
                self.review_scoped(scoped, &vocabs)?;
            }
        }
        Ok(())
    }

    /// A type- or property-scoped context inside an inline definition: bundled URLs, or objects
    /// reviewed like the inline context itself.
    fn review_scoped(&self, scoped: &Value, vocabs: &BTreeSet<String>) -> Result<(), ContextError> {
        match scoped {
            Value::Array(items) => items.iter().try_for_each(|item| self.review_scoped(item, vocabs)),
            Value::Object(map) => self.review_object(map, vocabs),
            // A URL is loaded from the bundled set or refused by the loader; `null` resets to
            // nothing, after which only later definitions (reviewed here) apply.
            _ => Ok(()),
        }
    }

    fn review_term(&self, term: &str, definition: &Value, vocabs: &BTreeSet<String>) -> Result<(), ContextError> {
        let bundled = self.by_term.get(term);
        let prefix = match definition {
            Value::String(iri) => is_prefix_iri(iri),
            Value::Object(map) => map.get("@prefix") == Some(&Value::Bool(true)),
            _ => false,
        };
        if prefix && bundled.is_none() {
            return Err(ContextError::InlinePrefix { term: term.to_owned() });
        }
        let targets = self.targets(term, definition, vocabs);
        if let Some(bundled) = bundled {
            // The same meaning again is what JSON-LD allows for protected terms too; another
            // meaning (or none: `null`) is a redefinition.
            if targets.is_empty() || !targets.iter().all(|target| bundled.contains(target)) {
                return Err(ContextError::Redefined { term: term.to_owned() });
            }
            return Ok(());
        }
        for target in &targets {
            if target.starts_with('@') {
                return Err(ContextError::KeywordAlias { term: term.to_owned(), keyword: target.clone() });
            }
            if let Some(names) = self.by_iri.get(target) {
                let bundled = names.iter().cloned().collect::<Vec<_>>().join(", ");
                return Err(ContextError::SecondName { term: term.to_owned(), iri: target.clone(), bundled });
            }
        }
        Ok(())
    }

    /// What a definition can mean: an absolute IRI or a keyword, a compact IRI expanded with the
    /// bundled prefixes, a bundled term's meanings (a definition may name another term), or a
    /// name under each `@vocab` in force. A definition without `@id` maps the term's own name.
    fn targets(&self, term: &str, definition: &Value, vocabs: &BTreeSet<String>) -> BTreeSet<String> {
        let target = match definition {
            Value::Object(map) if !map.contains_key("@id") && !map.contains_key("@reverse") => Some(term),
            _ => target_of(definition),
        };
        let Some(target) = target else {
            return BTreeSet::new();
        };
        if target.starts_with('@') {
            return BTreeSet::from([target.to_owned()]);
        }
        if target.contains(':') {
            return BTreeSet::from([expand_with(target, &self.prefixes)]);
        }
        let mut targets: BTreeSet<String> = self.by_term.get(target).cloned().unwrap_or_default();
        targets.extend(vocabs.iter().chain(&self.vocabs).map(|vocab| format!("{vocab}{target}")));
        targets
    }

    /// An inline `@vocab` gives every undefined name an IRI under it: refused when a name would
    /// then mean what a bundled term means under another name (`@vocab` `…credentials#valid`
    /// makes `Until` mean `validUntil`).
    fn review_vocab(&self, vocab: &str) -> Result<(), ContextError> {
        for (iri, names) in &self.by_iri {
            if let Some(rest) = iri.strip_prefix(vocab).filter(|_| !vocab.is_empty()) {
                if !names.contains(rest) {
                    let bundled = names.iter().cloned().collect::<Vec<_>>().join(", ");
                    return Err(ContextError::InlineVocab { vocab: vocab.to_owned(), name: rest.to_owned(), bundled });
                }
            }
        }
        Ok(())
    }
}

/// The IRI (or keyword) a term definition maps to: the string itself, or its `@id` / `@reverse`.
fn target_of(definition: &Value) -> Option<&str> {
    match definition {
        Value::String(iri) => Some(iri),
        Value::Object(map) => map.get("@id").or_else(|| map.get("@reverse")).and_then(Value::as_str),
        _ => None,
    }
}

/// JSON-LD 1.1 §4.4: a simple term definition whose IRI ends with a gen-delim character can be
/// used as a prefix in compact IRIs.
fn is_prefix_iri(iri: &str) -> bool {
    !iri.starts_with('@') && iri.ends_with([':', '/', '?', '#', '[', ']', '@'])
}

fn expand_with(target: &str, prefixes: &HashMap<String, String>) -> String {
    match target.split_once(':') {
        Some((prefix, suffix)) if !suffix.starts_with("//") => match prefixes.get(prefix) {
            Some(iri) => format!("{iri}{suffix}"),
            None => target.to_owned(),
        },
        _ => target.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vocabulary() -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        for document in [ssi_contexts::CREDENTIALS_V2, ssi_contexts::CREDENTIALS_EXAMPLES_V2] {
            vocabulary.add_document(&serde_json::from_str(document).unwrap());
        }
        vocabulary
    }

    fn review(context: Value) -> Result<(), ContextError> {
        vocabulary().review(context.as_object().unwrap())
    }

    #[test]
    fn new_terms_for_new_iris_are_accepted() {
        // VCDM 2.0 §5.2's extension context (Example "A JSON-LD context"), inlined.
        let extension = json!({"referenceNumber": "https://extension.example/vocab#referenceNumber",
            "favoriteFood": "https://extension.example/vocab#favoriteFood", "@protected": true});
        assert_eq!(review(extension), Ok(()));
        let typed = json!({"ExampleType": {"@id": "https://extension.example/vocab#ExampleType",
            "@context": {"id": "@id", "type": "@type", "size": {"@id": "https://extension.example/vocab#size", "@type": "@id"}}}});
        assert_eq!(review(typed), Ok(()));
        assert_eq!(review(json!({"@vocab": "https://extension.example/vocab#"})), Ok(()));
        // Repeating a bundled definition changes nothing.
        assert_eq!(review(json!({"name": "https://schema.org/name", "id": "@id"})), Ok(()));
    }

    #[test]
    fn each_way_of_renaming_a_checked_property_is_refused() {
        let alias = review(json!({"kind": "@type"}));
        assert_eq!(alias, Err(ContextError::KeywordAlias { term: "kind".into(), keyword: "@type".into() }));
        assert!(matches!(review(json!({"kind": {"@id": "@type"}})), Err(ContextError::KeywordAlias { .. })));
        assert!(matches!(review(json!({"meta": {"@id": "@nest"}})), Err(ContextError::KeywordAlias { .. })));
        assert!(matches!(
            review(json!({"until": "https://www.w3.org/2018/credentials#validUntil"})),
            Err(ContextError::SecondName { .. })
        ));
        assert!(matches!(
            review(json!({"purpose": {"@id": "https://www.w3.org/ns/credentials/status#statusPurpose"}})),
            Err(ContextError::SecondName { .. })
        ));
        // Naming another term is naming its IRI.
        assert!(matches!(review(json!({"label": "name"})), Err(ContextError::SecondName { .. })));
        assert_eq!(
            review(json!({"validUntil": "https://evil.example/v"})),
            Err(ContextError::Redefined { term: "validUntil".into() })
        );
        assert_eq!(
            review(json!({"credentialStatus": null})),
            Err(ContextError::Redefined { term: "credentialStatus".into() })
        );
        assert_eq!(
            review(json!({"st": "https://www.w3.org/ns/credentials/status#"})),
            Err(ContextError::InlinePrefix { term: "st".into() })
        );
        assert!(matches!(
            review(json!({"did": {"@id": "https://evil.example/", "@prefix": true}})),
            Err(ContextError::InlinePrefix { .. })
        ));
        assert!(matches!(
            review(json!({"@vocab": "https://www.w3.org/2018/credentials#valid"})),
            Err(ContextError::InlineVocab { .. })
        ));
        // Through a term named like the bundled one but mapped under an inline vocabulary.
        assert!(matches!(
            review(json!({"@vocab": "https://www.w3.org/ns/credentials/status#", "purpose": "statusPurpose"})),
            Err(ContextError::SecondName { .. })
        ));
        assert_eq!(
            review(json!({"@import": "https://www.w3.org/ns/credentials/v2"})),
            Err(ContextError::InlineKeyword { keyword: "@import".into() })
        );
        assert_eq!(review(json!({"@base": "did:"})), Err(ContextError::InlineKeyword { keyword: "@base".into() }));
    }

    #[test]
    fn scoped_contexts_inside_inline_definitions_are_reviewed_too() {
        // A property-scoped context may override even protected terms in JSON-LD 1.1.
        let property_scoped =
            json!({"wrapper": {"@id": "https://evil.example/w", "@context": {"type": "https://evil.example/type"}}});
        assert_eq!(review(property_scoped), Err(ContextError::Redefined { term: "type".into() }));
        let type_scoped = json!({"Evil": {"@id": "https://evil.example/Evil", "@context": [{"kind": "@type"}]}});
        assert!(matches!(review(type_scoped), Err(ContextError::KeywordAlias { .. })));
    }
}
