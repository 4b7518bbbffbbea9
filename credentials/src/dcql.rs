//! OpenID4VP 1.0's Digital Credentials Query Language (DCQL, §6): what a verifier asks a wallet
//! for. Both ends need the same reading of a query: the wallet to choose which credentials answer
//! it, the verifier to check that what came back is what it asked for (a wallet may send anything).
//! So the matching lives here once.
//!
//! Supported: the W3C VC formats `ldp_vc` (Data Integrity) and `jwt_vc_json` (`vc+jwt`), with
//! `meta.type_values` compared against the credential's *expanded* type IRIs, SD-JWT VC
//! (`dc+sd-jwt`) with `meta.vct_values` (claim paths then name SD-JWT VC claims, and the wallet
//! discloses exactly the claims asked for), `claims` with
//! `path` and `values`, `claim_sets`, `multiple`, and `credential_sets`. A query using anything
//! else (another format, `trusted_authorities`) is refused rather than half-honoured.

use std::collections::{HashMap, HashSet};

use schemas::Lang;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::contexts::ContextSet;
use crate::error::{wrong_structure, Describe, Detail};
use crate::i18n::t;

/// Data Integrity credential (OpenID4VP Appendix B.1.3.2).
pub const FORMAT_LDP_VC: &str = "ldp_vc";
/// VC-JOSE `vc+jwt` credential (OpenID4VP Appendix B.1.3.1).
pub const FORMAT_JWT_VC_JSON: &str = "jwt_vc_json";
/// SD-JWT VC (OpenID4VP Appendix B.3).
pub const FORMAT_DC_SD_JWT: &str = "dc+sd-jwt";

const MAX_CREDENTIAL_QUERIES: usize = 16;
const MAX_CLAIMS: usize = 32;
const MAX_PATH: usize = 16;
const MAX_VALUES: usize = 64;
/// Most `credential_sets`, options per set, type sets and claim sets.
const MAX_SETS: usize = 16;
/// Largest query accepted (as JSON).
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// A DCQL query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub credentials: Vec<CredentialQuery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_sets: Option<Vec<CredentialSet>>,
}

/// One credential asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialQuery {
    pub id: String,
    pub format: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<ClaimQuery>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_sets: Option<Vec<Vec<String>>>,
    #[serde(default = "yes")]
    pub require_cryptographic_holder_binding: bool,
}

/// `meta` for the W3C VC formats.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Accepted type sets: a credential matches when its expanded types include every IRI of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_values: Option<Vec<Vec<String>>>,
    /// SD-JWT VC: the accepted `vct` values (required for `dc+sd-jwt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vct_values: Option<Vec<String>>,
}

/// One claim asked for: where it is, and optionally which values are acceptable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Keys (strings), array indexes (numbers) or `null` (every element of an array).
    pub path: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Value>>,
}

/// Alternatives: one `options` entry (a list of credential query ids) must be answered in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialSet {
    pub options: Vec<Vec<String>>,
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

/// Why a query is not usable, or why an answer does not satisfy it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Describe::message(self, Lang::En))]
pub enum DcqlError {
    Invalid { en: String, fr: String },
    UnsupportedFormat(String),
    Missing(String),
    NotMultiple(String),
    Unrequested(String),
    NoMatch(String),
}

impl Describe for DcqlError {
    fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "dcql_invalid",
            Self::UnsupportedFormat(_) => "dcql_format_unsupported",
            Self::Missing(_) => "dcql_credential_missing",
            Self::NotMultiple(_) => "dcql_not_multiple",
            Self::Unrequested(_) => "dcql_unrequested",
            Self::NoMatch(_) => "dcql_no_match",
        }
    }

    /// A query that cannot be used, or an answer that does not satisfy it, is a malformed value
    /// of the request or of the `vp_token`.
    fn problem_type(&self) -> crate::error::ProblemType {
        crate::error::ProblemType::MalformedValueError
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Invalid { en, fr } => t!(lang, "dcql-invalid", detail = lang.pick(en, fr).as_str()),
            Self::UnsupportedFormat(format) => t!(lang, "dcql-unsupported-format", format = format.as_str()),
            Self::Missing(id) => t!(lang, "dcql-missing", id = id.as_str()),
            Self::NotMultiple(id) => t!(lang, "dcql-not-multiple", id = id.as_str()),
            Self::Unrequested(id) => t!(lang, "dcql-unrequested", id = id.as_str()),
            Self::NoMatch(id) => t!(lang, "dcql-no-match", id = id.as_str()),
        }
    }
}

/// A query refused, its reason worded by the catalogue in both languages.
fn invalid(reason: impl Fn(Lang) -> String) -> DcqlError {
    DcqlError::Invalid { en: reason(Lang::En), fr: reason(Lang::Fr) }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Query {
    /// Reads and checks a query (JSON), refusing what this implementation would not honour.
    pub fn from_value(value: Value) -> Result<Self, DcqlError> {
        if value.to_string().len() > MAX_QUERY_BYTES {
            return Err(invalid(|lang| t!(lang, "dcql-too-large", limit = MAX_QUERY_BYTES.to_string())));
        }
        let query: Self = serde_json::from_value(value).map_err(|e| {
            let Detail { en, fr } = wrong_structure(&e);
            DcqlError::Invalid { en, fr }
        })?;
        query.validate()?;
        Ok(query)
    }

    /// The rules of DCQL §6 this implementation relies on, and our size limits.
    pub fn validate(&self) -> Result<(), DcqlError> {
        if self.credentials.is_empty() || self.credentials.len() > MAX_CREDENTIAL_QUERIES {
            return Err(invalid(|lang| t!(lang, "dcql-credentials-count", max = MAX_CREDENTIAL_QUERIES.to_string())));
        }
        let mut ids = HashSet::new();
        for query in &self.credentials {
            let id = &query.id;
            if !valid_id(id) {
                return Err(invalid(|lang| t!(lang, "dcql-bad-id", id = id.as_str())));
            }
            if !ids.insert(id.as_str()) {
                return Err(invalid(|lang| t!(lang, "dcql-id-twice", id = id.as_str())));
            }
            let sd_jwt = query.format == FORMAT_DC_SD_JWT;
            if !sd_jwt && query.format != FORMAT_LDP_VC && query.format != FORMAT_JWT_VC_JSON {
                return Err(DcqlError::UnsupportedFormat(query.format.clone()));
            }
            let vct_ok =
                matches!(&query.meta.vct_values, Some(values) if !values.is_empty() && values.len() <= MAX_SETS);
            if sd_jwt && (!vct_ok || query.meta.type_values.is_some()) {
                return Err(invalid(|lang| t!(lang, "dcql-vct-values", id = id.as_str(), max = MAX_SETS.to_string())));
            }
            if !sd_jwt && query.meta.vct_values.is_some() {
                return Err(invalid(|lang| t!(lang, "dcql-vct-values-not-sd-jwt", id = id.as_str())));
            }
            if matches!(&query.meta.type_values, Some(sets)
                if sets.is_empty() || sets.len() > MAX_SETS || sets.iter().any(|set| set.is_empty() || set.len() > MAX_SETS))
            {
                return Err(invalid(|lang| t!(lang, "dcql-type-values", id = id.as_str(), max = MAX_SETS.to_string())));
            }
            let claims = query.claims.as_deref().unwrap_or_default();
            if query.claims.as_ref().is_some_and(Vec::is_empty) || claims.len() > MAX_CLAIMS {
                return Err(invalid(|lang| {
                    t!(lang, "dcql-claims-count", id = id.as_str(), max = MAX_CLAIMS.to_string())
                }));
            }
            let mut claim_ids = HashSet::new();
            for claim in claims {
                if claim.path.is_empty()
                    || claim.path.len() > MAX_PATH
                    || claim.path.iter().any(|step| !(step.is_string() || step.is_null() || step.is_u64()))
                {
                    return Err(invalid(|lang| {
                        t!(lang, "dcql-claim-path", id = id.as_str(), max = MAX_PATH.to_string())
                    }));
                }
                if let Some(values) = &claim.values {
                    if values.is_empty()
                        || values.len() > MAX_VALUES
                        || values.iter().any(|v| !(v.is_string() || v.is_number() || v.is_boolean()))
                    {
                        return Err(invalid(|lang| {
                            t!(lang, "dcql-claim-values", id = id.as_str(), max = MAX_VALUES.to_string())
                        }));
                    }
                }
                if let Some(claim_id) = &claim.id {
                    if !valid_id(claim_id) || !claim_ids.insert(claim_id.as_str()) {
                        return Err(invalid(|lang| {
                            t!(lang, "dcql-claim-id", id = id.as_str(), claim = claim_id.as_str())
                        }));
                    }
                }
            }
            if let Some(sets) = &query.claim_sets {
                if query.claims.is_none()
                    || sets.is_empty()
                    || sets.len() > MAX_SETS
                    || sets.iter().any(|set| set.len() > MAX_CLAIMS)
                    || sets.iter().flatten().any(|claim| !claim_ids.contains(claim.as_str()))
                {
                    return Err(invalid(|lang| {
                        t!(lang, "dcql-claim-sets", id = id.as_str(), max = MAX_SETS.to_string())
                    }));
                }
            }
        }
        if let Some(sets) = &self.credential_sets {
            let options = sets.iter().flat_map(|set| set.options.iter());
            if sets.is_empty()
                || sets.len() > MAX_SETS
                || sets.iter().any(|set| set.options.is_empty() || set.options.len() > MAX_SETS)
                || options.clone().any(|option| option.is_empty() || option.len() > MAX_CREDENTIAL_QUERIES)
                || options.flatten().any(|id| !ids.contains(id.as_str()))
            {
                return Err(invalid(|lang| t!(lang, "dcql-credential-sets", max = MAX_SETS.to_string())));
            }
        }
        Ok(())
    }

    /// The credential queries to answer: all of them without `credential_sets`; otherwise the
    /// least data: for each required set, the first option whose queries all satisfy
    /// `can_answer` (or its first option, so the caller can say what is missing), and no
    /// optional set. A set whose options ask for any number of credentials (`multiple` on every
    /// query, as a talent profile does with one option per format) is answered, required or
    /// optional, with every answerable option: the verifier asked for all matching credentials,
    /// in whatever format the person holds them.
    pub fn queries_to_answer(&self, can_answer: impl Fn(&CredentialQuery) -> bool) -> Vec<&CredentialQuery> {
        let Some(sets) = &self.credential_sets else {
            return self.credentials.iter().collect();
        };
        let mut ids: Vec<&str> = Vec::new();
        for set in sets {
            let answerable: Vec<&Vec<String>> = set
                .options
                .iter()
                .filter(|option| option.iter().all(|id| self.credential(id).is_some_and(&can_answer)))
                .collect();
            let every = |option: &&Vec<String>| option.iter().all(|id| self.credential(id).is_some_and(|q| q.multiple));
            let chosen: Vec<&Vec<String>> = match answerable.first() {
                Some(_) if answerable.iter().all(every) => answerable,
                Some(first) if set.required => vec![*first],
                None if set.required => set.options.first().into_iter().collect(),
                _ => Vec::new(),
            };
            ids.extend(chosen.into_iter().flatten().map(String::as_str));
        }
        self.credentials.iter().filter(|query| ids.contains(&query.id.as_str())).collect()
    }

    /// The credential query with this id.
    pub fn credential(&self, id: &str) -> Option<&CredentialQuery> {
        self.credentials.iter().find(|query| query.id == id)
    }

    /// Checks an answer: `answer` maps each credential query id to the credentials given for it
    /// (format and the credential JSON or `vc+jwt` payload). Every id must be asked for, each
    /// credential must match its query, `multiple` is honoured, and the required queries (or
    /// credential sets) are covered.
    pub fn check_answer(
        &self,
        answer: &HashMap<String, Vec<(String, Value)>>,
        contexts: &ContextSet,
    ) -> Result<(), DcqlError> {
        for (id, credentials) in answer {
            let query = self.credential(id).ok_or_else(|| DcqlError::Unrequested(id.clone()))?;
            if credentials.is_empty() {
                return Err(DcqlError::Missing(id.clone()));
            }
            if credentials.len() > 1 && !query.multiple {
                return Err(DcqlError::NotMultiple(id.clone()));
            }
            if !credentials.iter().all(|(format, credential)| query.matches(format, credential, contexts)) {
                return Err(DcqlError::NoMatch(id.clone()));
            }
        }
        let answered: HashSet<&str> = answer.keys().map(String::as_str).collect();
        match &self.credential_sets {
            None => {
                if let Some(missing) = self.credentials.iter().find(|q| !answered.contains(q.id.as_str())) {
                    return Err(DcqlError::Missing(missing.id.clone()));
                }
            }
            Some(sets) => {
                for set in sets.iter().filter(|set| set.required) {
                    if !set.options.iter().any(|option| option.iter().all(|id| answered.contains(id.as_str()))) {
                        let first = set.options.first().map(|option| option.join(" + ")).unwrap_or_default();
                        return Err(DcqlError::Missing(first));
                    }
                }
            }
        }
        Ok(())
    }
}

impl CredentialQuery {
    /// Whether a credential (its JSON, or a `vc+jwt`'s payload) secured as `format` answers this
    /// query: same format, one accepted type set fully present among its expanded types, and
    /// its claims (or one claim set) present with an accepted value.
    pub fn matches(&self, format: &str, credential: &Value, contexts: &ContextSet) -> bool {
        if format != self.format {
            return false;
        }
        if let Some(accepted) = &self.meta.vct_values {
            let vct = credential.get("vct").and_then(Value::as_str);
            if !vct.is_some_and(|vct| accepted.iter().any(|a| a == vct)) {
                return false;
            }
        }
        if let Some(accepted) = &self.meta.type_values {
            let Ok(types) = crate::canonical::expanded_types(credential, contexts) else {
                return false;
            };
            if !accepted.iter().any(|set| set.iter().all(|iri| types.contains(iri))) {
                return false;
            }
        }
        let Some(claims) = &self.claims else {
            return true;
        };
        match &self.claim_sets {
            None => claims.iter().all(|claim| claim.matches(credential)),
            Some(sets) => sets.iter().any(|set| {
                set.iter()
                    .all(|id| claims.iter().any(|claim| claim.id.as_deref() == Some(id) && claim.matches(credential)))
            }),
        }
    }

    /// The asked-for claims of a matching credential, `path` (joined with `.`) → values found.
    pub fn requested_claims(&self, credential: &Value) -> serde_json::Map<String, Value> {
        let mut out = serde_json::Map::new();
        for claim in self.claims.as_deref().unwrap_or_default() {
            let found: Vec<Value> = select(credential, &claim.path).into_iter().cloned().collect();
            if !found.is_empty() {
                out.insert(path_label(&claim.path), Value::Array(found));
            }
        }
        out
    }
}

impl ClaimQuery {
    fn matches(&self, credential: &Value) -> bool {
        let found = select(credential, &self.path);
        match &self.values {
            None => !found.is_empty(),
            Some(values) => found.iter().any(|value| values.contains(value)),
        }
    }
}

/// `credentialSubject.skillKey`, `skillsUsed.*`, `items.0` for a claims path.
pub fn path_label(path: &[Value]) -> String {
    path.iter()
        .map(|step| match step {
            Value::String(key) => key.clone(),
            Value::Null => "*".into(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The DCQL format of a credential: `jwt_vc_json` for a `vc+jwt`, `ldp_vc` for a JSON credential
/// (Data Integrity). Wallet and verifier name formats through this one rule.
pub fn format_of(credential_is_jwt: bool) -> &'static str {
    if credential_is_jwt {
        FORMAT_JWT_VC_JSON
    } else {
        FORMAT_LDP_VC
    }
}

/// The values a claims path selects (DCQL §7): a string selects a key of an object, a number an
/// element of an array, `null` every element of an array. A path through anything else selects
/// nothing.
pub fn select<'a>(root: &'a Value, path: &[Value]) -> Vec<&'a Value> {
    let mut current = vec![root];
    for step in path {
        let mut next = Vec::new();
        for value in current {
            match (step, value) {
                (Value::String(key), Value::Object(map)) => next.extend(map.get(key)),
                (Value::Number(n), Value::Array(items)) => {
                    next.extend(n.as_u64().and_then(|i| usize::try_from(i).ok()).and_then(|i| items.get(i)))
                }
                (Value::Null, Value::Array(items)) => next.extend(items.iter()),
                _ => {}
            }
        }
        current = next;
    }
    current
}

/// The query "a skill credential for this skill key" (`ldp_vc` or `jwt_vc_json`), the most
/// common request between departments.
pub fn skill_query(id: &str, format: &str, skill_key: &str) -> CredentialQuery {
    let sd_jwt = format == FORMAT_DC_SD_JWT;
    CredentialQuery {
        id: id.into(),
        format: format.into(),
        multiple: false,
        meta: meta(sd_jwt, schemas::SKILL_CREDENTIAL_TYPE),
        claims: Some(vec![ClaimQuery {
            id: None,
            path: if sd_jwt {
                vec!["skill".into(), "key".into()]
            } else {
                vec!["credentialSubject".into(), "skillKey".into()]
            },
            values: Some(vec![skill_key.into()]),
        }]),
        claim_sets: None,
        require_cryptographic_holder_binding: true,
    }
}

/// `meta` naming one of our credential types: its `vct` for SD-JWT VC, else its type IRI.
fn meta(sd_jwt: bool, credential_type: &str) -> Meta {
    if sd_jwt {
        Meta {
            type_values: None,
            vct_values: schemas::sd_jwt_vc::vct_of_type(credential_type).map(|vct| vec![vct.to_owned()]),
        }
    } else {
        Meta {
            type_values: Some(vec![vec![format!("{}{credential_type}", schemas::TALENT_VOCABULARY)]]),
            vct_values: None,
        }
    }
}

/// The query "an assignment credential" (optionally one that used this skill).
pub fn assignment_query(id: &str, format: &str, skill_used: Option<&str>) -> CredentialQuery {
    CredentialQuery {
        id: id.into(),
        format: format.into(),
        multiple: false,
        meta: meta(format == FORMAT_DC_SD_JWT, schemas::ASSIGNMENT_CREDENTIAL_TYPE),
        claims: skill_used.map(|skill| {
            vec![if format == FORMAT_DC_SD_JWT {
                // SD-JWT VC: the skill is a claim of its own, disclosed only when asked for.
                ClaimQuery { id: None, path: vec!["skills".into(), skill.into()], values: None }
            } else {
                ClaimQuery {
                    id: None,
                    path: vec!["credentialSubject".into(), "skillsUsed".into(), Value::Null, "skillKey".into()],
                    values: Some(vec![skill.into()]),
                }
            }]
        }),
        claim_sets: None,
        require_cryptographic_holder_binding: true,
    }
}

/// The query "the person's own words about what they present" (`schemas::own_words`): a
/// credential the holder issues to themselves, as Data Integrity.
pub fn own_words_query(id: &str) -> CredentialQuery {
    CredentialQuery {
        id: id.into(),
        format: FORMAT_LDP_VC.into(),
        multiple: false,
        meta: meta(false, schemas::OWN_WORDS_CREDENTIAL_TYPE),
        claims: None,
        claim_sets: None,
        require_cryptographic_holder_binding: true,
    }
}

/// Whether `query` asks for the person's own words.
pub fn asks_for_own_words(query: &CredentialQuery) -> bool {
    let iri = format!("{}{}", schemas::TALENT_VOCABULARY, schemas::OWN_WORDS_CREDENTIAL_TYPE);
    query.format == FORMAT_LDP_VC && query.meta.type_values.iter().flatten().any(|set| set.contains(&iri))
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemas::{Issuer, Level, LocalizedText, SkillCredentialBuilder};
    use serde_json::json;

    fn skill(key: &str) -> Value {
        let issuer = Issuer { id: "did:web:a.example".into(), name: LocalizedText::new("A", "A") };
        let from = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap();
        SkillCredentialBuilder::new("urn:uuid:1", issuer, key, Level::Advanced, from)
            .subject("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK")
            .build()
            .unwrap()
    }

    fn query(credentials: Vec<CredentialQuery>) -> Query {
        let query = Query { credentials, credential_sets: None };
        query.validate().unwrap();
        query
    }

    /// Least data for ordinary requests (one option of each required set, no optional set);
    /// every answerable option of a set whose queries ask for any number (a talent profile, one
    /// option per format), optional or not.
    #[test]
    fn a_profile_set_is_answered_in_every_format_held_and_others_with_the_least_data() {
        let q = |id: &str, format: &str, multiple: bool| {
            let mut query = skill_query(id, format, "api_design");
            query.multiple = multiple;
            query
        };
        let set = |options: &[&str], required: bool| CredentialSet {
            options: options.iter().map(|id| vec![(*id).to_owned()]).collect(),
            required,
        };
        let held = |id: &&str| *id != "c";
        let chosen = |query: &Query| -> Vec<String> {
            query.queries_to_answer(|q| held(&q.id.as_str())).into_iter().map(|q| q.id.clone()).collect()
        };
        let ordinary = Query {
            credentials: vec![
                q("a", FORMAT_LDP_VC, false),
                q("b", FORMAT_JWT_VC_JSON, false),
                q("c", FORMAT_LDP_VC, false),
                q("d", FORMAT_JWT_VC_JSON, false),
            ],
            credential_sets: Some(vec![set(&["c", "a", "b"], true), set(&["d"], false)]),
        };
        assert_eq!(chosen(&ordinary), ["a"]);
        let profile = Query {
            credentials: vec![
                q("a", FORMAT_LDP_VC, true),
                q("b", FORMAT_JWT_VC_JSON, true),
                q("c", FORMAT_LDP_VC, true),
                q("d", FORMAT_JWT_VC_JSON, true),
            ],
            credential_sets: Some(vec![set(&["c", "a", "b"], true), set(&["d"], false)]),
        };
        assert_eq!(chosen(&profile), ["a", "b", "d"]);
    }

    #[test]
    fn a_skill_query_matches_that_skill_in_that_format_only() {
        let contexts = ContextSet::standard();
        let q = skill_query("skill", FORMAT_LDP_VC, "api_design");
        assert!(q.matches(FORMAT_LDP_VC, &skill("api_design"), &contexts));
        assert!(!q.matches(FORMAT_LDP_VC, &skill("cloud_architecture"), &contexts), "another skill");
        assert!(!q.matches(FORMAT_JWT_VC_JSON, &skill("api_design"), &contexts), "another format");
        let assignment = assignment_query("a", FORMAT_LDP_VC, None);
        assert!(!assignment.matches(FORMAT_LDP_VC, &skill("api_design"), &contexts), "another type");
        assert_eq!(
            q.requested_claims(&skill("api_design")),
            json!({"credentialSubject.skillKey": ["api_design"]}).as_object().unwrap().clone()
        );
    }

    #[test]
    fn types_compare_as_expanded_iris() {
        let contexts = ContextSet::standard();
        let types = crate::canonical::expanded_types(&skill("api_design"), &contexts).unwrap();
        assert!(types.contains(&"https://www.w3.org/2018/credentials#VerifiableCredential".to_owned()), "{types:?}");
        assert!(types.contains(&format!("{}SkillCredential", schemas::TALENT_VOCABULARY)), "{types:?}");
        assert!(types.iter().any(|t| t.ends_with("#OpenBadgeCredential")), "{types:?}");
        let mut q = skill_query("skill", FORMAT_LDP_VC, "api_design");
        q.meta.type_values = Some(vec![vec!["SkillCredential".into()]]);
        assert!(!q.matches(FORMAT_LDP_VC, &skill("api_design"), &contexts), "a compact name is not an IRI");
    }

    #[test]
    fn paths_select_keys_indexes_and_every_element() {
        let doc = json!({"a": {"b": [{"c": 1}, {"c": 2}, {"d": 3}]}});
        assert_eq!(select(&doc, &[json!("a"), json!("b"), Value::Null, json!("c")]), vec![&json!(1), &json!(2)]);
        assert_eq!(select(&doc, &[json!("a"), json!("b"), json!(1), json!("c")]), vec![&json!(2)]);
        assert!(select(&doc, &[json!("a"), json!("x")]).is_empty());
        assert!(select(&doc, &[json!("a"), json!(0)]).is_empty(), "an index into an object selects nothing");
    }

    #[test]
    fn answers_must_be_asked_for_complete_and_single() {
        let contexts = ContextSet::standard();
        let q = query(vec![skill_query("skill", FORMAT_LDP_VC, "api_design")]);
        let one = |key: &str| vec![(FORMAT_LDP_VC.to_owned(), skill(key))];
        let answer = |id: &str, given| HashMap::from([(id.to_owned(), given)]);
        assert_eq!(q.check_answer(&answer("skill", one("api_design")), &contexts), Ok(()));
        assert_eq!(
            q.check_answer(&answer("skill", one("cloud_architecture")), &contexts),
            Err(DcqlError::NoMatch("skill".into()))
        );
        assert_eq!(
            q.check_answer(&answer("other", one("api_design")), &contexts),
            Err(DcqlError::Unrequested("other".into()))
        );
        assert_eq!(q.check_answer(&HashMap::new(), &contexts), Err(DcqlError::Missing("skill".into())));
        let two = [one("api_design"), one("api_design")].concat();
        assert_eq!(q.check_answer(&answer("skill", two), &contexts), Err(DcqlError::NotMultiple("skill".into())));
    }

    #[test]
    fn credential_sets_make_queries_optional_or_alternative() {
        let contexts = ContextSet::standard();
        let q = Query {
            credentials: vec![
                skill_query("a", FORMAT_LDP_VC, "api_design"),
                skill_query("b", FORMAT_LDP_VC, "cloud_architecture"),
            ],
            credential_sets: Some(vec![CredentialSet {
                options: vec![vec!["a".into()], vec!["b".into()]],
                required: true,
            }]),
        };
        q.validate().unwrap();
        let answer = HashMap::from([("b".to_owned(), vec![(FORMAT_LDP_VC.to_owned(), skill("cloud_architecture"))])]);
        assert_eq!(q.check_answer(&answer, &contexts), Ok(()));
        assert!(q.check_answer(&HashMap::new(), &contexts).is_err());
    }

    #[test]
    fn queries_we_would_not_honour_are_refused() {
        let refused = |value: Value| Query::from_value(value).unwrap_err();
        assert!(matches!(refused(json!({"credentials": []})), DcqlError::Invalid { .. }));
        assert_eq!(
            refused(json!({"credentials": [{"id": "x", "format": "mso_mdoc"}]})),
            DcqlError::UnsupportedFormat("mso_mdoc".into())
        );
        assert!(matches!(
            refused(json!({"credentials": [{"id": "x y", "format": "ldp_vc"}]})),
            DcqlError::Invalid { .. }
        ));
        assert!(matches!(
            refused(json!({"credentials": [{"id": "x", "format": "ldp_vc"}, {"id": "x", "format": "ldp_vc"}]})),
            DcqlError::Invalid { .. }
        ));
        assert!(matches!(
            refused(json!({"credentials": [{"id": "x", "format": "ldp_vc", "trusted_authorities": []}]})),
            DcqlError::Invalid { .. }
        ));
        assert!(matches!(
            refused(json!({"credentials": [{"id": "x", "format": "ldp_vc", "claims": [{"path": [-1]}]}]})),
            DcqlError::Invalid { .. }
        ));
        assert!(matches!(
            refused(
                json!({"credentials": [{"id": "x", "format": "ldp_vc"}], "credential_sets": [{"options": [["y"]]}]})
            ),
            DcqlError::Invalid { .. }
        ));
    }
}
