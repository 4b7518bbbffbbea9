//! This verifier's own figures, per quarter: which skills its presentation and profile requests
//! asked for (demand), and which issuers' credentials for which skills its verified answers
//! carried (mobility: credentials from department X accepted here). Released like a
//! department's figures — counted by the database with each request in at most
//! [`SKILLS_PER_REQUEST`] cells of each table, noised and thresholded by OpenDP through the
//! `figures` crate, signed by the verifier's request key as a `FiguresCredential`, and spending
//! a per-quarter privacy budget; a release the budget does not allow is refused and nothing is
//! recorded. The unit protected is the request: the skills it asked for and what its one
//! verified answer carried.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};
use credentials::contexts::ContextSet;
use credentials::secure::Mechanism;
use credentials::Signer;
use figures::{calibrate, release, FiguresError, Noise, Parameters, Quarter, Release, Table};
use keys::LocalKey;
use lang::Lang;
use serde_json::{json, Value};

use crate::i18n::t;
use crate::store::{Store, StoreError};

/// Skills of one request counted, at most.
pub const SKILLS_PER_REQUEST: u32 = 5;
/// δ of a release.
pub const RELEASE_DELTA: f64 = 1e-6;

/// Why a demand release was not made (nothing was recorded).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message(Lang::En))]
pub enum DemandError {
    NoBudget {
        period: String,
    },
    BudgetSpent {
        period: String,
        epsilon: f64,
        left: f64,
    },
    Figures(#[from] FiguresError),
    Store(#[from] StoreError),
    /// The signing library's own message.
    Sign(String),
}

impl DemandError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoBudget { period } => t!(lang, "demand-no-budget", period = period.as_str()),
            Self::BudgetSpent { period, epsilon, left } => t!(
                lang,
                "demand-budget-spent",
                period = period.as_str(),
                epsilon = epsilon.to_string(),
                left = left.to_string()
            ),
            Self::Figures(error) => credentials::error::Describe::message(error, lang),
            Self::Store(error) => error.message(lang),
            Self::Sign(detail) => t!(lang, "demand-sign-failed", detail = detail.as_str()),
        }
    }
}

/// The quarter of `at`.
pub fn quarter_of(at: DateTime<Utc>) -> Option<Quarter> {
    Quarter::of_month(at.year(), at.month())
}

/// The skill keys a DCQL query asks for: the values of its claims on a skill credential's key
/// (`credentialSubject.skillKey`, or `skill.key` in SD-JWT VC), each once, sorted.
pub fn skills_asked(query: &Value) -> Vec<String> {
    fn walk(value: &Value, found: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::Object(object) => {
                let path: Vec<&str> = object
                    .get("path")
                    .and_then(Value::as_array)
                    .map(|p| p.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let on_skill = path.last() == Some(&"skillKey") || path.ends_with(&["skill", "key"]);
                if on_skill {
                    for value in object.get("values").and_then(Value::as_array).into_iter().flatten() {
                        if let Some(key) =
                            value.as_str().filter(|k| schemas::Taxonomy::gc_digital_talent().skill(k).is_some())
                        {
                            found.insert(key.to_owned());
                        }
                    }
                }
                object.values().for_each(|inner| walk(inner, found));
            }
            Value::Array(items) => items.iter().for_each(|inner| walk(inner, found)),
            _ => {}
        }
    }
    let mut found = std::collections::BTreeSet::new();
    walk(query, &mut found);
    found.into_iter().collect()
}

/// The (issuer, skill) pairs the credentials of a verified answer carry, each once, sorted: the
/// skill of a skill credential and the skills used of an assignment, as the data model
/// (`credentialSubject.skillKey`, `credentialSubject.skillsUsed[].skillKey`) or SD-JWT VC
/// (`skill.key`, the keys of `skills`) says them; keys of the skills library only.
pub fn skills_carried(presentations: &[&credentials::report::Report]) -> Vec<(String, String)> {
    let taxonomy = schemas::Taxonomy::gc_digital_talent();
    let mut found = std::collections::BTreeSet::new();
    for credential in presentations.iter().flat_map(|presentation| &presentation.credentials) {
        let (Some(issuer), Some(content)) = (&credential.issuer, &credential.content) else {
            continue;
        };
        let mut keys: Vec<&str> = Vec::new();
        keys.extend(content.pointer("/credentialSubject/skillKey").and_then(Value::as_str));
        keys.extend(content.pointer("/skill/key").and_then(Value::as_str));
        let used = content.pointer("/credentialSubject/skillsUsed").and_then(Value::as_array);
        keys.extend(used.into_iter().flatten().filter_map(|skill| skill.get("skillKey").and_then(Value::as_str)));
        keys.extend(
            content
                .get("skills")
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|skills| skills.keys().map(String::as_str)),
        );
        for key in keys.into_iter().filter(|key| taxonomy.skill(key).is_some()) {
            found.insert((issuer.clone(), key.to_owned()));
        }
    }
    found.into_iter().collect()
}

/// Sets the total ε of `period`'s demand releases.
pub async fn set_budget(store: &Store, period: Quarter, epsilon_total: f64) -> Result<(), DemandError> {
    if !(epsilon_total.is_finite() && epsilon_total >= 0.0) {
        return Err(FiguresError::Epsilon(epsilon_total).into());
    }
    Ok(store.set_figure_budget(&period.to_string(), epsilon_total).await?)
}

/// Counts, releases, signs and records the demand of `period`; the signed credential's text.
pub async fn release_demand(
    store: &Store,
    key: Arc<LocalKey>,
    period: Quarter,
    epsilon: f64,
    now: DateTime<Utc>,
) -> Result<String, DemandError> {
    if !(epsilon.is_finite() && epsilon > 0.0) {
        return Err(FiguresError::Epsilon(epsilon).into());
    }
    let period_text = period.to_string();
    let spent = |total: f64, spent: f64| DemandError::BudgetSpent {
        period: period_text.clone(),
        epsilon,
        left: (total - spent).max(0.0),
    };
    match store.figure_budget(&period_text).await? {
        None => return Err(DemandError::NoBudget { period: period_text }),
        Some((total, used)) if used + epsilon > total + 1e-9 => return Err(spent(total, used)),
        Some(_) => {}
    }
    let demand = store.demand_counts(&period_text, SKILLS_PER_REQUEST).await?;
    let mobility = store.mobility_counts(&period_text, SKILLS_PER_REQUEST).await?;
    // Two tables of the same requests: each gets half of ε and δ (basic composition).
    let calibration = calibrate(Parameters {
        epsilon: epsilon / 2.0,
        delta: RELEASE_DELTA / 2.0,
        cells_per_person: SKILLS_PER_REQUEST,
    })?;
    let noise = Noise::OpenDp;
    let source = key.did_key();
    let demand = release(&demand, &calibration, &noise)?;
    // Each mobility cell names this verifier as where the credentials went, so that combined
    // releases keep the flows between organizations apart.
    let mobility = release(&mobility, &calibration, &noise)?
        .into_iter()
        .map(|(figures::Cell(mut key), count)| {
            key.insert(1, source.clone());
            (figures::Cell(key), count)
        })
        .collect();
    let figures = Release {
        source: source.clone(),
        period,
        mechanism: noise.describe().to_owned(),
        composition: figures::COMPOSITION.to_owned(),
        threshold_rule: figures::THRESHOLD_RULE.to_owned(),
        person: "the request: the skills one presentation or profile request asked for, and the issuers and skills of the credentials its verified answer carried".to_owned(),
        epsilon: calibration.epsilon * 2.0,
        delta: calibration.delta * 2.0,
        tables: vec![
            Table::new("demand", &["skill"], calibration, demand),
            Table::new("mobility", &["issuer", "verifier", "skill"], calibration, mobility),
        ],
    };
    let id = crate::domain::ids::random_id("f-");
    let credential = json!({
        "@context": [schemas::CREDENTIALS_V2_CONTEXT_URL, schemas::TALENT_CONTEXT_URL],
        "id": format!("urn:talent-figures:{id}"),
        "type": ["VerifiableCredential", "FiguresCredential"],
        "issuer": source,
        "validFrom": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "credentialSubject": {"type": "FiguresRelease", "figures": serde_json::to_value(&figures).unwrap_or(Value::Null)},
    });
    let signer: Arc<dyn Signer> = key;
    let secured = credentials::secure::secure(
        &credential,
        signer,
        Mechanism::DataIntegrity(credentials::proof::Suite::EddsaRdfc2022),
        now,
        &ContextSet::standard(),
        |_| String::new(),
    )
    .map_err(|e| DemandError::Sign(e.to_string()))?;
    let body = secured.record_text();
    if !store.record_figure_release(&id, &period_text, figures.epsilon, now.timestamp(), &body).await? {
        let (total, used) = store.figure_budget(&period_text).await?.unwrap_or_default();
        return Err(spent(total, used));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skills_a_query_asks_for() {
        let query = json!({"credentials": [
            {"id": "a", "claims": [{"path": ["credentialSubject", "skillKey"], "values": ["api_design", "adaptability"]},
                                   {"path": ["credentialSubject", "proficiencyLevel"], "values": ["advanced"]}]},
            {"id": "b", "claims": [{"path": ["skill", "key"], "values": ["api_design", "not_a_skill"]}]},
        ]});
        assert_eq!(skills_asked(&query), ["adaptability", "api_design"]);
        assert!(skills_asked(&json!({"credentials": [{"id": "c"}]})).is_empty());
    }

    #[test]
    fn the_skills_an_answer_carries() {
        use credentials::report::{DocumentKind, Report};
        let report = |document, issuer: Option<&str>, content: Option<Value>, credentials| Report {
            document,
            format: "eddsa-jcs-2022".into(),
            id: None,
            issuer: issuer.map(str::to_owned),
            types: Vec::new(),
            checks: Vec::new(),
            credentials,
            content,
            status: Vec::new(),
            disclosed: None,
        };
        let credential =
            |issuer: &str, content: Value| report(DocumentKind::Credential, Some(issuer), Some(content), Vec::new());
        let presentation = report(
            DocumentKind::Presentation,
            Some("did:key:holder"),
            None,
            vec![
                credential("did:web:a.example:hr", json!({"credentialSubject": {"skillKey": "api_design"}})),
                credential(
                    "did:web:a.example:it",
                    json!({"credentialSubject": {"skillsUsed": [{"skillKey": "adaptability"}, {"skillKey": "made_up"}]}}),
                ),
                credential(
                    "did:web:b.example",
                    json!({"skill": {"key": "accountability"}, "skills": {"adobe_xd": "Adobe XD"}}),
                ),
            ],
        );
        let pairs = skills_carried(&[&presentation]);
        let expected: Vec<(String, String)> = [
            ("did:web:a.example:hr", "api_design"),
            ("did:web:a.example:it", "adaptability"),
            ("did:web:b.example", "accountability"),
            ("did:web:b.example", "adobe_xd"),
        ]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
        assert_eq!(pairs, expected);
    }

    /// Demand counted per request (a request asking twice counts once), released and signed;
    /// refused without a budget and beyond it, with nothing recorded.
    #[tokio::test]
    async fn demand_is_released_within_the_budget_only() {
        let store = Store::memory();
        let period: Quarter = "2026Q4".parse().unwrap();
        for n in 0..400 {
            store.record_demand(&format!("r-{n}"), "2026Q4", &["api_design".into()]).await.unwrap();
        }
        store.record_demand("r-0", "2026Q4", &["api_design".into()]).await.unwrap();
        store.record_demand("r-x", "2026Q3", &["api_design".into()]).await.unwrap();
        let counts = store.demand_counts("2026Q4", SKILLS_PER_REQUEST).await.unwrap();
        assert_eq!(counts.get(&figures::Cell(vec!["api_design".into()])), Some(&400));
        // Mobility: 400 answers carried HR's api_design; one answer carried eight pairs and
        // counts in at most SKILLS_PER_REQUEST cells.
        let hr = "did:web:issuer.example:hr".to_owned();
        for n in 0..400 {
            store.record_mobility(&format!("r-{n}"), "2026Q4", &[(hr.clone(), "api_design".into())]).await.unwrap();
        }
        let many: Vec<(String, String)> =
            (0..8).map(|n| (format!("did:web:issuer.example:d{n}"), "adaptability".into())).collect();
        store.record_mobility("r-many", "2026Q4", &many).await.unwrap();
        let mobility = store.mobility_counts("2026Q4", SKILLS_PER_REQUEST).await.unwrap();
        assert_eq!(mobility.get(&figures::Cell(vec![hr.clone(), "api_design".into()])), Some(&400));
        let adaptability: u64 = mobility.iter().filter(|(cell, _)| cell.0[1] == "adaptability").map(|(_, n)| n).sum();
        assert_eq!(adaptability, u64::from(SKILLS_PER_REQUEST), "{mobility:?}");

        let key = Arc::new(LocalKey::generate());
        let now = credentials::Clock::now(&credentials::SystemClock);
        let refused = release_demand(&store, key.clone(), period, 1.0, now).await.unwrap_err();
        assert!(matches!(refused, DemandError::NoBudget { .. }), "{refused:?}");
        set_budget(&store, period, 1.0).await.unwrap();
        let body = release_demand(&store, key.clone(), period, 1.0, now).await.unwrap();
        let credential: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(credential["issuer"], key.did_key());
        let release: Release = serde_json::from_value(credential["credentialSubject"]["figures"].clone()).unwrap();
        let demand = &release.tables[0];
        assert_eq!(demand.calibration.cells_per_person, SKILLS_PER_REQUEST);
        // 400 requests sit far above the threshold (155 for ε = 0.5 a table, noise scale 10): the
        // cell is released, noisy.
        assert!(demand.cells.iter().any(|c| c.key == ["api_design"]), "{demand:?}");
        // So do 400 answers, under the issuer → this verifier flow; ε is shared by the tables.
        let mobility = release.tables.iter().find(|table| table.name == "mobility").unwrap();
        assert_eq!(mobility.dimensions, ["issuer", "verifier", "skill"]);
        let flow = [hr.clone(), key.did_key(), "api_design".to_owned()];
        assert!(mobility.cells.iter().any(|c| c.key == flow), "{mobility:?}");
        assert!((release.epsilon - 1.0).abs() < 1e-6 && (demand.calibration.epsilon - 0.5).abs() < 1e-6);
        let refused = release_demand(&store, key, period, 0.5, now).await.unwrap_err();
        assert!(matches!(refused, DemandError::BudgetSpent { .. }), "{refused:?}");
        assert!(refused.message(Lang::Fr).contains("rien n'a été publié"));
        assert_eq!(store.figure_release_count("2026Q4").await.unwrap(), 1);
    }
}
