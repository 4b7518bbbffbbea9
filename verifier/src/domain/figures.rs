//! Combining departments' figures releases into one government-wide view. Each release is a
//! `FiguresCredential`: it is combined only when its signature checks out (figures altered after
//! signing are refused, with the failed check's reason), it names the issuer that signed it as
//! its source, and the trust registry vouches for that issuer for `FiguresCredential`s. An
//! untrusted release is reported and left out unless the caller asks for it. Adding the noisy
//! counts of independent releases is post-processing: the sum costs no privacy.

use chrono::{DateTime, Utc};
use credentials::error::Detail;
use credentials::report::Report;
use credentials::verify::{PresentationOptions, Verifier};
use figures::{Combined, Release};
use lang::Lang;

use crate::domain::trust::{Judge, Registry};
use crate::i18n::t;

/// The credential type of a release.
pub const FIGURES_TYPE: &str = "FiguresCredential";

/// What became of one source.
#[derive(Debug, Clone)]
pub enum Judged {
    /// Verified and vouched for: combined.
    Trusted(Box<Release>),
    /// Verified, but no registry entry vouches for its issuer: combined only when asked.
    Untrusted { issuer: String, release: Box<Release> },
    /// Not combined, and why.
    Refused(Detail),
}

/// One source as read.
#[derive(Debug, Clone)]
pub struct SourceOutcome {
    /// The URL or file it was read from.
    pub source: String,
    pub judged: Judged,
}

/// The sources and their combination.
#[derive(Debug, Clone)]
pub struct Combination {
    pub sources: Vec<SourceOutcome>,
    /// The sum of the releases combined.
    pub combined: Combined,
    /// Whether untrusted releases were combined too.
    pub included_untrusted: bool,
}

fn failed(report: &Report) -> Detail {
    match report.first_failure() {
        Some((_, failure)) => {
            let (en, fr) = (failure.message(Lang::En), failure.message(Lang::Fr));
            Detail::localized(move |lang| match lang {
                Lang::Fr => t!(Lang::Fr, "figures-altered", reason = fr.as_str()),
                _ => t!(Lang::En, "figures-altered", reason = en.as_str()),
            })
        }
        None => Detail::localized(|lang| t!(lang, "figures-not-verified")),
    }
}

/// Verifies one release's bytes and judges its issuer.
pub fn judge(verifier: &Verifier, registry: Option<&Registry>, bytes: &[u8], at: DateTime<Utc>) -> Judged {
    let report = match verifier.verify_bytes(bytes, &PresentationOptions::default()) {
        Ok(report) => report,
        Err(error) => return Judged::Refused(Detail::of(&error)),
    };
    if !report.verified() {
        return Judged::Refused(failed(&report));
    }
    if !report.types.iter().any(|kind| kind == FIGURES_TYPE) {
        return Judged::Refused(Detail::localized(|lang| t!(lang, "figures-not-a-release")));
    }
    let release = report
        .content
        .as_ref()
        .and_then(|content| content.pointer("/credentialSubject/figures"))
        .cloned()
        .map(serde_json::from_value::<Release>);
    let release = match release {
        Some(Ok(release)) => release,
        Some(Err(error)) => {
            let detail = error.to_string();
            return Judged::Refused(Detail::localized(move |lang| {
                t!(lang, "figures-unreadable", detail = detail.as_str())
            }));
        }
        None => return Judged::Refused(Detail::localized(|lang| t!(lang, "figures-not-a-release"))),
    };
    let issuer = report.issuer.clone().unwrap_or_default();
    if release.source != issuer {
        let (source, signer) = (release.source.clone(), issuer.clone());
        return Judged::Refused(Detail::localized(move |lang| {
            t!(lang, "figures-source-not-signer", source = source.as_str(), issuer = signer.as_str())
        }));
    }
    match registry.and_then(|registry| registry.entry_for(&report, at)) {
        Some(_) => Judged::Trusted(Box::new(release)),
        None => Judged::Untrusted { issuer, release: Box::new(release) },
    }
}

/// Combines the releases judged: the trusted ones, and the untrusted ones too when asked.
pub fn combine(sources: Vec<SourceOutcome>, include_untrusted: bool) -> Combination {
    let releases: Vec<&Release> = sources
        .iter()
        .filter_map(|outcome| match &outcome.judged {
            Judged::Trusted(release) => Some(release.as_ref()),
            Judged::Untrusted { release, .. } if include_untrusted => Some(release.as_ref()),
            _ => None,
        })
        .collect();
    let combined = figures::combine(releases);
    Combination { sources, combined, included_untrusted: include_untrusted }
}

/// What the figures page shows: the combination `verifier figures combine` wrote (its
/// `figures.json` and `metadata.json`), read again from its directory on each view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FiguresView {
    /// Table name → (dimensions, cells with their summed noisy counts).
    pub tables: std::collections::BTreeMap<String, (Vec<String>, Vec<ViewCell>)>,
    /// Each source: its identifier, period, ε and what became of it (`combined`, …).
    pub sources: Vec<ViewSource>,
}

/// A cell's key and its summed noisy count.
pub type ViewCell = (Vec<String>, i64);

/// A source as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewSource {
    pub source: String,
    pub period: String,
    pub epsilon: Option<f64>,
    pub status: String,
}

/// Reads a combination's directory; `None` when it holds none (or not one we wrote).
pub fn load_view(dir: &std::path::Path) -> Option<FiguresView> {
    let read = |name: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).ok()?).ok()
    };
    let (figures, metadata) = (read("figures.json")?, read("metadata.json")?);
    let mut view = FiguresView::of_tables(&figures)?;
    for source in metadata.get("sources")?.as_array()? {
        let text = |field: &str| source.get(field).and_then(serde_json::Value::as_str).unwrap_or_default().to_owned();
        view.sources.push(ViewSource {
            source: if text("source").is_empty() { text("url") } else { text("source") },
            period: text("period"),
            epsilon: source.get("epsilon").and_then(serde_json::Value::as_f64),
            status: text("status"),
        });
    }
    Some(view)
}

/// One skill family's supply (persons certified in its skills) and demand (requests asking for
/// its skills), summed from the noisy counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplyDemand {
    pub family: String,
    pub supply: i64,
    pub demand: i64,
}

impl FiguresView {
    /// The tables of a combination's `figures.json` (table → dimensions and cells).
    pub fn of_tables(figures: &serde_json::Value) -> Option<Self> {
        let mut view = FiguresView::default();
        for (name, table) in figures.as_object()? {
            let dimensions: Vec<String> = serde_json::from_value(table.get("dimensions")?.clone()).ok()?;
            let cells = table
                .get("cells")?
                .as_array()?
                .iter()
                .filter_map(|cell| {
                    let key: Vec<String> = serde_json::from_value(cell.get("key")?.clone()).ok()?;
                    Some((key, cell.get("count")?.as_i64()?))
                })
                .collect();
            view.tables.insert(name.clone(), (dimensions, cells));
        }
        Some(view)
    }

    /// The sum of a table's counts per value of one dimension (post-processing of the noisy
    /// counts), largest first, at most `most`.
    pub fn totals(&self, table: &str, dimension: &str, most: usize) -> Vec<(String, i64)> {
        self.totals_of(table, &[dimension], most).into_iter().map(|(mut key, n)| (key.remove(0), n)).collect()
    }

    /// The sum of a table's counts per combination of values of `wanted` dimensions, largest
    /// first, at most `most`; empty when the table or a dimension is missing.
    pub fn totals_of(&self, table: &str, wanted: &[&str], most: usize) -> Vec<(Vec<String>, i64)> {
        let Some((dimensions, cells)) = self.tables.get(table) else {
            return Vec::new();
        };
        let Some(indexes) =
            wanted.iter().map(|w| dimensions.iter().position(|d| d == w)).collect::<Option<Vec<usize>>>()
        else {
            return Vec::new();
        };
        let mut sums: std::collections::BTreeMap<Vec<&str>, i64> = std::collections::BTreeMap::new();
        for (key, count) in cells {
            if let Some(values) = indexes.iter().map(|&i| key.get(i).map(String::as_str)).collect::<Option<Vec<_>>>() {
                *sums.entry(values).or_default() += count;
            }
        }
        let mut sums: Vec<(Vec<String>, i64)> =
            sums.into_iter().map(|(k, v)| (k.into_iter().map(str::to_owned).collect(), v)).collect();
        sums.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sums.truncate(most);
        sums
    }

    /// Supply against demand per skill family of the GC Digital Talent library: persons
    /// certified in a family's skills (`skills` table) and requests asking for them (`demand`
    /// table); a skill in several families counts in each. Families with neither are left out;
    /// largest demand first, then largest supply.
    pub fn supply_and_demand(&self) -> Vec<SupplyDemand> {
        let taxonomy = schemas::Taxonomy::gc_digital_talent();
        let mut families: std::collections::BTreeMap<String, (i64, i64)> = std::collections::BTreeMap::new();
        for (table, demand) in [("skills", false), ("demand", true)] {
            for (skill, count) in self.totals(table, "skill", usize::MAX) {
                for family in taxonomy.skill(&skill).map(|s| s.families.as_slice()).unwrap_or_default() {
                    let entry = families.entry(family.clone()).or_default();
                    if demand {
                        entry.1 += count;
                    } else {
                        entry.0 += count;
                    }
                }
            }
        }
        let mut rows: Vec<SupplyDemand> =
            families.into_iter().map(|(family, (supply, demand))| SupplyDemand { family, supply, demand }).collect();
        rows.sort_by(|a, b| {
            b.demand.cmp(&a.demand).then(b.supply.cmp(&a.supply)).then_with(|| a.family.cmp(&b.family))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up_a_dimension_largest_first() {
        let mut view = FiguresView::default();
        let cells = vec![
            (vec!["2026Q3".into(), "rust".into(), "advanced".into()], 100),
            (vec!["2026Q4".into(), "rust".into(), "expert".into()], 70),
            (vec!["2026Q4".into(), "sql".into(), "advanced".into()], 120),
        ];
        view.tables.insert("skills".into(), (vec!["period".into(), "skill".into(), "level".into()], cells));
        assert_eq!(view.totals("skills", "skill", 10), [("rust".to_owned(), 170), ("sql".to_owned(), 120)]);
        assert_eq!(view.totals("skills", "period", 1), [("2026Q4".to_owned(), 190)]);
        assert!(view.totals("skills", "nothing", 10).is_empty());
        assert!(view.totals("demand", "skill", 10).is_empty());
    }

    #[test]
    fn flows_and_supply_against_demand() {
        let mut view = FiguresView::default();
        let mobility = vec![
            (vec!["2026Q4".into(), "did:web:a:hr".into(), "did:key:v1".into(), "api_design".into()], 40),
            (vec!["2026Q4".into(), "did:web:a:hr".into(), "did:key:v1".into(), "adaptability".into()], 30),
            (vec!["2026Q4".into(), "did:web:a:it".into(), "did:key:v2".into(), "api_design".into()], 50),
        ];
        let dimensions = vec!["period".into(), "issuer".into(), "verifier".into(), "skill".into()];
        view.tables.insert("mobility".into(), (dimensions, mobility));
        let flows = view.totals_of("mobility", &["issuer", "verifier"], 10);
        assert_eq!(flows[0], (vec!["did:web:a:hr".to_owned(), "did:key:v1".to_owned()], 70));
        assert_eq!(flows[1], (vec!["did:web:a:it".to_owned(), "did:key:v2".to_owned()], 50));

        let taxonomy = schemas::Taxonomy::gc_digital_talent();
        let api = taxonomy.skill("api_design").unwrap();
        view.tables.insert(
            "skills".into(),
            (
                vec!["period".into(), "skill".into(), "level".into()],
                vec![(vec!["2026Q4".into(), "api_design".into(), "advanced".into()], 90)],
            ),
        );
        view.tables.insert(
            "demand".into(),
            (vec!["period".into(), "skill".into()], vec![(vec!["2026Q4".into(), "api_design".into()], 25)]),
        );
        let rows = view.supply_and_demand();
        assert_eq!(rows.len(), api.families.len(), "{rows:?}");
        for family in &api.families {
            assert!(rows.contains(&SupplyDemand { family: family.clone(), supply: 90, demand: 25 }), "{rows:?}");
        }
    }
}
