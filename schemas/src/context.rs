//! The JSON-LD contexts our credentials name, including our own talent context, so issuers
//! write the same `@context` and document loaders can serve the talent context offline.

/// The W3C Verifiable Credentials 2.0 context.
pub const CREDENTIALS_V2_CONTEXT_URL: &str = "https://www.w3.org/ns/credentials/v2";

/// The 1EdTech Open Badges 3.0 context, version 3.0.3.
pub const OPEN_BADGES_CONTEXT_URL: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/// Our own context: the terms that neither VC 2.0 nor Open Badges 3.0 define.
pub const TALENT_CONTEXT_URL: &str = "https://w3id.org/talent-credentials/v1";

/// The document served at [`TALENT_CONTEXT_URL`] (file `contexts/talent-v1.jsonld`).
pub const TALENT_CONTEXT: &str = include_str!("../contexts/talent-v1.jsonld");

/// Base IRI of the talent vocabulary.
pub const TALENT_VOCABULARY: &str = "https://w3id.org/talent-credentials/vocab#";

/// The `@context` of every credential this crate builds, in order.
pub const CREDENTIAL_CONTEXTS: [&str; 3] = [CREDENTIALS_V2_CONTEXT_URL, OPEN_BADGES_CONTEXT_URL, TALENT_CONTEXT_URL];

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::fixtures;

    fn talent_terms() -> serde_json::Map<String, Value> {
        let document: Value = serde_json::from_str(TALENT_CONTEXT).unwrap();
        document["@context"].as_object().unwrap().clone()
    }

    #[test]
    fn talent_context_is_protected_json_ld_1_1() {
        let terms = talent_terms();
        assert_eq!(terms["@version"], serde_json::json!(1.1));
        assert_eq!(terms["@protected"], serde_json::json!(true));
        assert!(!terms.contains_key("@vocab"), "@vocab would make every term defined");
    }

    #[test]
    fn talent_context_defines_exactly_our_terms() {
        let mut names: Vec<String> = talent_terms().keys().filter(|name| !name.starts_with('@')).cloned().collect();
        names.sort();
        assert_eq!(
            names,
            [
                "AssignmentCredential",
                "FiguresCredential",
                "FiguresRelease",
                "OwnWordsCredential",
                "SkillCredential",
                "about",
                "department",
                "figures",
                "id",
                "localizedDescription",
                "localizedName",
                "localizedNarrative",
                "localizedRole",
                "localizedTargetName",
                "ownWords",
                "proficiencyLevel",
                "skillCategory",
                "skillKey",
                "skillsUsed",
                "team",
                "type",
            ]
        );
    }

    #[test]
    fn new_terms_live_in_the_talent_vocabulary_and_localized_ones_are_language_maps() {
        for (name, definition) in talent_terms() {
            if name.starts_with('@') || name == "id" || name == "type" {
                continue;
            }
            let iri = definition["@id"].as_str().unwrap();
            if name.starts_with("localized") {
                assert_eq!(definition["@container"], "@language", "{name}");
                assert!(!iri.starts_with(TALENT_VOCABULARY), "{name} reuses a known IRI");
            } else {
                assert_eq!(iri, format!("{TALENT_VOCABULARY}{name}"), "{name}");
            }
        }
    }

    /// Expands `credential` as the verifier does: JSON-LD 1.1 with undefined terms rejected,
    /// contexts served from memory (VC 2.0 from `ssi-json-ld`, Open Badges 3.0.3 and ours).
    fn expand_strictly(credential: &Value) -> Result<(), String> {
        use json_syntax::Parse;
        use ssi_json_ld::{CompactJsonLd, ContextLoader, Expandable};

        let contexts = std::collections::HashMap::from([
            (TALENT_CONTEXT_URL.to_owned(), TALENT_CONTEXT.to_owned()),
            (OPEN_BADGES_CONTEXT_URL.to_owned(), include_str!("../tests/contexts/ob-context-3.0.3.json").to_owned()),
        ]);
        let loader = ContextLoader::empty().with_static_loader().with_context_map_from(contexts).unwrap();
        let (document, _) = json_syntax::Value::parse_str(&credential.to_string()).unwrap();
        pollster::block_on(CompactJsonLd(document).expand(&loader)).map(|_| ()).map_err(|error| error.to_string())
    }

    #[test]
    fn built_credentials_expand_with_every_term_defined() {
        let mut signed = fixtures::skill_credential();
        signed["proof"] = serde_json::json!({
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2025-04-01T12:00:00Z",
            "verificationMethod": "did:web:talent.canada.ca#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z58DAdFfa9SkqZMVPxAQp"
        });
        let credentials = [
            fixtures::skill_credential(),
            signed,
            fixtures::assignment_credential(),
            fixtures::assignment_builder().build().unwrap(),
            crate::own_words_credential(
                "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                &[crate::OwnWordsItem {
                    about: "urn:uuid:1".into(),
                    en: Some("Led it".into()),
                    fr: Some("Dirigé".into()),
                }],
                chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            ),
        ];
        for credential in credentials {
            assert_eq!(expand_strictly(&credential), Ok(()), "{credential:#}");
        }
    }

    #[test]
    fn strict_expansion_rejects_an_undefined_term() {
        let mut credential = fixtures::skill_credential();
        credential["credentialSubject"]["favouriteColour"] = "blue".into();
        let error = expand_strictly(&credential).unwrap_err();
        assert!(error.contains("favouriteColour"), "{error}");
    }

    #[test]
    fn open_badges_scoped_terms_stay_in_their_scope() {
        // `targetCode` belongs to the Alignment type's scoped context, not to Achievement.
        let mut credential = fixtures::skill_credential();
        credential["credentialSubject"]["achievement"]["targetCode"] = "api_design".into();
        assert!(expand_strictly(&credential).is_err());
    }

    #[test]
    fn talent_terms_cannot_be_redefined_by_a_later_context() {
        let mut credential = fixtures::assignment_credential();
        credential["@context"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"localizedName": "https://example.com/name"}));
        let error = expand_strictly(&credential).unwrap_err();
        assert!(error.contains("Protected term redefinition"), "{error}");
    }
}
