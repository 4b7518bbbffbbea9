//! What a release says, as the services sign and publish it and `verifier figures combine`
//! reads it: the source and period, the mechanism and its numbers, and the noisy counts of the
//! cells that passed the threshold. A cell absent from a table was suppressed (or empty): it is
//! not a zero.
//!
//! Combining releases adds their noisy counts cell by cell. That is post-processing of
//! independent releases — it costs no privacy beyond what each source spent — and the sum's
//! noise is the sum of the sources' noises.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Calibration, Cell, Quarter};

/// How the tables of a release add up to its total (ε, δ).
pub const COMPOSITION: &str = "basic sequential composition: total ε and δ are the sums over tables";

/// The rule that decides which noisy counts are shown.
pub const THRESHOLD_RULE: &str = "stability histogram: only cells present in the data, and only when the noisy count reaches the threshold; δ from OpenDP's privacy map";

/// One signed release's figures (the `credentialSubject` of its credential).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    /// Who counted: the department's or the verifier's identifier.
    pub source: String,
    pub period: Quarter,
    /// The measurement and where its noise came from.
    pub mechanism: String,
    pub composition: String,
    pub threshold_rule: String,
    /// Who a person is for the contribution bound (the credential's subject, …).
    pub person: String,
    /// Total privacy loss of the release (sum over tables).
    pub epsilon: f64,
    pub delta: f64,
    pub tables: Vec<Table>,
}

/// A table of noisy counts of persons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// `skills`, `assignments`, `revocations`, `demand`, `mobility`.
    pub name: String,
    /// What each part of a cell's key is (`skill`, `level`, `quarter`…).
    pub dimensions: Vec<String>,
    pub calibration: Calibration,
    pub cells: Vec<Count>,
}

/// A released cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub key: Vec<String>,
    pub count: i64,
}

impl Table {
    pub fn new(name: &str, dimensions: &[&str], calibration: Calibration, cells: BTreeMap<Cell, i64>) -> Self {
        Self {
            name: name.to_owned(),
            dimensions: dimensions.iter().map(|d| (*d).to_owned()).collect(),
            calibration,
            cells: cells.into_iter().map(|(cell, count)| Count { key: cell.0, count }).collect(),
        }
    }
}

/// Where a combined figure came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub source: String,
    pub period: Quarter,
    pub epsilon: f64,
    pub delta: f64,
    pub mechanism: String,
}

/// Several releases added up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    pub sources: Vec<Source>,
    /// Table name → its dimensions and the summed cells (period first in each key).
    pub tables: BTreeMap<String, CombinedTable>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CombinedTable {
    pub dimensions: Vec<String>,
    pub cells: BTreeMap<Cell, i64>,
}

/// The sum of the releases' noisy counts per table and cell, keyed by period then the cell.
pub fn combine<'a>(releases: impl IntoIterator<Item = &'a Release>) -> Combined {
    let mut combined = Combined::default();
    for release in releases {
        combined.sources.push(Source {
            source: release.source.clone(),
            period: release.period,
            epsilon: release.epsilon,
            delta: release.delta,
            mechanism: release.mechanism.clone(),
        });
        for table in &release.tables {
            let entry = combined.tables.entry(table.name.clone()).or_insert_with(|| CombinedTable {
                dimensions: std::iter::once("period".to_owned()).chain(table.dimensions.iter().cloned()).collect(),
                cells: BTreeMap::new(),
            });
            for count in &table.cells {
                let key = Cell(std::iter::once(release.period.to_string()).chain(count.key.iter().cloned()).collect());
                *entry.cells.entry(key).or_default() += count.count;
            }
        }
    }
    combined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{calibrate, release, Noise, Parameters};

    fn cell(parts: &[&str]) -> Cell {
        Cell(parts.iter().map(|p| (*p).to_owned()).collect())
    }

    fn department(source: &str, seed: u64, counts: &[(&str, u64)]) -> Release {
        let calibration = calibrate(Parameters { epsilon: 1.0, delta: 1e-6, cells_per_person: 1 }).unwrap();
        let counts = counts.iter().map(|(skill, n)| (cell(&[skill, "advanced"]), *n)).collect();
        let noise = Noise::Seeded(seed);
        let cells = release(&counts, &calibration, &noise).unwrap();
        Release {
            source: source.to_owned(),
            period: "2026Q4".parse().unwrap(),
            mechanism: noise.describe().to_owned(),
            composition: COMPOSITION.to_owned(),
            threshold_rule: THRESHOLD_RULE.to_owned(),
            person: "credential subject".to_owned(),
            epsilon: calibration.epsilon,
            delta: calibration.delta,
            tables: vec![Table::new("skills", &["skill", "level"], calibration, cells)],
        }
    }

    #[test]
    fn a_fixed_seed_replays_the_release() {
        let counts = [("rust", 120), ("sql", 80), ("cobol", 1)];
        let first = department("did:web:a", 7, &counts);
        assert_eq!(first, department("did:web:a", 7, &counts));
        assert_ne!(first.tables[0].cells, department("did:web:a", 8, &counts).tables[0].cells);
        let json = serde_json::to_string(&first).unwrap();
        assert_eq!(serde_json::from_str::<Release>(&json).unwrap(), first);
    }

    #[test]
    fn combining_sums_noisy_counts_per_cell_and_lists_the_sources() {
        let a = department("did:web:a", 1, &[("rust", 120), ("sql", 80)]);
        let b = department("did:web:b", 2, &[("rust", 60), ("java", 90)]);
        let combined = combine([&a, &b]);
        let noisy = |release: &Release, skill: &str| {
            release.tables[0].cells.iter().find(|c| c.key[0] == skill).map(|c| c.count).unwrap()
        };
        let skills = &combined.tables["skills"];
        assert_eq!(skills.dimensions, ["period", "skill", "level"]);
        assert_eq!(skills.cells[&cell(&["2026Q4", "rust", "advanced"])], noisy(&a, "rust") + noisy(&b, "rust"));
        assert_eq!(skills.cells[&cell(&["2026Q4", "sql", "advanced"])], noisy(&a, "sql"));
        assert_eq!(skills.cells[&cell(&["2026Q4", "java", "advanced"])], noisy(&b, "java"));
        let sources: Vec<&str> = combined.sources.iter().map(|s| s.source.as_str()).collect();
        assert_eq!(sources, ["did:web:a", "did:web:b"]);
    }
}
