//! The release mechanism, all of it OpenDP's: `make_laplace_threshold` adds discrete Laplace
//! noise to each cell's count of persons and drops the cells whose noisy count is under a
//! threshold. The threshold is what makes it safe to publish only the cells present in the data
//! (a "stability histogram"): a cell of one person appears in the output only if its noise
//! carries it over the threshold, which happens with probability at most δ. OpenDP's privacy
//! map (proved in its `MakeNoiseThreshold_for_DiscreteLaplace` note) gives (ε, δ) for a
//! person's contribution, and [`calibrate`] picks the noise scale from ε and the smallest
//! threshold whose δ is within the target — the release then states the map's own values.

use std::collections::{BTreeMap, HashMap};

use opendp::domains::{AtomDomain, MapDomain};
use opendp::measurements::make_laplace_threshold;
use opendp::measures::{Approximate, MaxDivergence};
use opendp::metrics::{AbsoluteDistance, L01InfDistance};
use serde::{Deserialize, Serialize};

use crate::{Cell, FiguresError, Noise};

/// Thresholds tried, at most: beyond this the noise is so wide the figures would say nothing.
const LARGEST_THRESHOLD: i64 = 1 << 20;

/// What a release of one table is asked for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parameters {
    /// Privacy loss of this table.
    pub epsilon: f64,
    /// Probability the ε bound may fail (a rare cell showing through the threshold).
    pub delta: f64,
    /// Cells of this table one person counts in, at most.
    pub cells_per_person: u32,
}

/// The noise and threshold that give [`Parameters`], with what OpenDP's privacy map says they
/// cost: the numbers a release states.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Calibration {
    /// Scale of the discrete Laplace noise added to each count.
    pub scale: f64,
    /// Noisy counts under this are not released.
    pub threshold: i64,
    /// ε from OpenDP's privacy map for one person's contribution.
    pub epsilon: f64,
    /// δ from OpenDP's privacy map.
    pub delta: f64,
    /// Cells one person counts in, at most (each by at most one).
    pub cells_per_person: u32,
}

type Counts = MapDomain<AtomDomain<String>, AtomDomain<i64>>;
type Distance = L01InfDistance<AbsoluteDistance<i64>>;
type Measurement = opendp::core::Measurement<Counts, Distance, Approximate<MaxDivergence>, HashMap<String, i64>>;

fn opendp(error: opendp::error::Error) -> FiguresError {
    FiguresError::OpenDp(error.to_string())
}

fn measurement(scale: f64, threshold: i64) -> Result<Measurement, FiguresError> {
    let domain = MapDomain::new(AtomDomain::<String>::default(), AtomDomain::<i64>::default());
    make_laplace_threshold(domain, L01InfDistance::default(), scale, threshold, None).map_err(opendp)
}

/// One person's largest effect on a table: `cells_per_person` cells, each by one.
fn sensitivity(cells_per_person: u32) -> (u32, i64, i64) {
    (cells_per_person, i64::from(cells_per_person), 1)
}

/// The privacy map's (ε, δ) for this noise and threshold.
fn cost(scale: f64, threshold: i64, cells_per_person: u32) -> Result<(f64, f64), FiguresError> {
    measurement(scale, threshold)?.map(&sensitivity(cells_per_person)).map_err(opendp)
}

/// The scale that gives ε for `cells_per_person`, and the smallest threshold whose δ is at most
/// the target (found by halving: δ falls as the threshold rises).
pub fn calibrate(parameters: Parameters) -> Result<Calibration, FiguresError> {
    let Parameters { epsilon, delta, cells_per_person } = parameters;
    if !(epsilon.is_finite() && epsilon > 0.0) {
        return Err(FiguresError::Epsilon(epsilon));
    }
    if !(delta > 0.0 && delta < 1.0) {
        return Err(FiguresError::Delta(delta));
    }
    if cells_per_person == 0 {
        return Err(FiguresError::Bound);
    }
    let scale = f64::from(cells_per_person) / epsilon;
    let fits =
        |threshold: i64| -> Result<bool, FiguresError> { Ok(cost(scale, threshold, cells_per_person)?.1 <= delta) };
    if !fits(LARGEST_THRESHOLD)? {
        return Err(FiguresError::NoThreshold { delta });
    }
    // The threshold must exceed one person's effect on a cell (OpenDP refuses it otherwise).
    let (mut low, mut high) = (1, LARGEST_THRESHOLD);
    while low < high {
        let middle = low + (high - low) / 2;
        if fits(middle)? {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let (epsilon, delta) = cost(scale, low, cells_per_person)?;
    Ok(Calibration { scale, threshold: low, epsilon, delta, cells_per_person })
}

/// Noisy counts of the cells that pass the threshold. `counts` must already be bounded per
/// person (see [`crate::bound_persons`] and the services' grouped queries).
pub fn release(
    counts: &BTreeMap<Cell, u64>,
    calibration: &Calibration,
    noise: &Noise,
) -> Result<BTreeMap<Cell, i64>, FiguresError> {
    let exact: HashMap<String, i64> =
        counts.iter().map(|(cell, count)| (cell.encode(), i64::try_from(*count).unwrap_or(i64::MAX))).collect();
    let noisy = match noise {
        Noise::OpenDp => measurement(calibration.scale, calibration.threshold)?.invoke(&exact).map_err(opendp)?,
        #[cfg(any(test, feature = "seeded-noise"))]
        Noise::Seeded(seed) => crate::noise::seeded(&exact, calibration, *seed),
    };
    Ok(noisy.into_iter().map(|(key, count)| (Cell::decode(&key), count)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(parts: &[&str]) -> Cell {
        Cell(parts.iter().map(|p| (*p).to_owned()).collect())
    }

    const ONE: Parameters = Parameters { epsilon: 1.0, delta: 1e-6, cells_per_person: 1 };

    #[test]
    fn the_threshold_is_the_smallest_that_keeps_delta() {
        let calibration = calibrate(ONE).unwrap();
        assert_eq!(calibration.scale, 1.0);
        assert!(calibration.epsilon <= 1.0 + 1e-9, "{calibration:?}");
        assert!(calibration.delta <= 1e-6, "{calibration:?}");
        let (_, below) = cost(calibration.scale, calibration.threshold - 1, 1).unwrap();
        assert!(below > 1e-6, "threshold {} is not the smallest: {below}", calibration.threshold);
        // A person in more cells: more noise, a higher threshold.
        let wider = calibrate(Parameters { cells_per_person: 4, ..ONE }).unwrap();
        assert_eq!(wider.scale, 4.0);
        assert!(wider.threshold > calibration.threshold, "{wider:?}");
    }

    #[test]
    fn refused_parameters() {
        for epsilon in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(matches!(calibrate(Parameters { epsilon, ..ONE }), Err(FiguresError::Epsilon(_))));
        }
        assert_eq!(calibrate(Parameters { delta: 0.0, ..ONE }), Err(FiguresError::Delta(0.0)));
        assert_eq!(calibrate(Parameters { cells_per_person: 0, ..ONE }), Err(FiguresError::Bound));
    }

    /// A cell of one advanced credential beside well-filled cells, released 100 times by
    /// OpenDP: the cell's exact count of one is never shown — a release either leaves the cell
    /// out or shows a noisy count at or above the threshold (which is above one), and the cell
    /// shows no more often than the noise's tail allows.
    #[test]
    fn a_cell_of_one_is_never_released_as_one() {
        let calibration = calibrate(ONE).unwrap();
        assert!(calibration.threshold > 1, "{calibration:?}");
        let lonely = cell(&["kubernetes", "advanced", "2026Q4"]);
        let mut counts = BTreeMap::from([(lonely.clone(), 1)]);
        for (i, skill) in ["rust", "python", "sql"].iter().enumerate() {
            counts.insert(cell(&[skill, "intermediate", "2026Q4"]), 200 + 100 * i as u64);
        }
        let mut shown = 0;
        for _ in 0..100 {
            let released = release(&counts, &calibration, &Noise::OpenDp).unwrap();
            for (cell, count) in &released {
                assert!(*count >= calibration.threshold, "{cell:?} = {count} under the threshold");
            }
            if let Some(count) = released.get(&lonely) {
                assert_ne!(*count, 1);
                shown += 1;
            }
            // Large cells are kept: the threshold is far below them.
            assert_eq!(released.len() - usize::from(released.contains_key(&lonely)), 3);
        }
        // P(1 + Z >= T) for discrete Laplace Z of scale 1 is under δ = 1e-6: over 100 releases
        // the cell shows with probability under 1e-4.
        assert_eq!(shown, 0, "the cell of one showed {shown} times in 100 releases");
    }

    /// The threshold rule over 100 seeds, computed: the seeded source draws the same noise for
    /// the same cells whatever the threshold, so the test reads each seed's noisy count of the
    /// cell of one (threshold out of the way) and checks the release shows the cell exactly
    /// when that count reaches the threshold — and then never as one. Wide noise and a loose δ
    /// make the cell show now and then, so both sides of the rule are exercised.
    #[test]
    fn the_threshold_rule_decides_each_seeds_release() {
        let calibration = calibrate(Parameters { epsilon: 0.5, delta: 0.2, cells_per_person: 1 }).unwrap();
        assert!(calibration.threshold > 1, "{calibration:?}");
        let open = Calibration { threshold: i64::MIN, ..calibration };
        let lonely = cell(&["kubernetes", "advanced", "2026Q4"]);
        let counts = BTreeMap::from([(lonely.clone(), 1), (cell(&["rust", "advanced", "2026Q4"]), 500)]);
        let mut shown = 0;
        for seed in 0..100 {
            let noisy = release(&counts, &open, &Noise::Seeded(seed)).unwrap()[&lonely];
            let released = release(&counts, &calibration, &Noise::Seeded(seed)).unwrap();
            if noisy >= calibration.threshold {
                assert_eq!(released.get(&lonely), Some(&noisy), "seed {seed}");
                assert_ne!(noisy, 1);
                shown += 1;
            } else {
                assert_eq!(released.get(&lonely), None, "seed {seed}: {noisy} is under {}", calibration.threshold);
            }
        }
        assert!(shown > 0 && shown < 100, "both sides of the rule: shown {shown} times in 100");
    }

    #[test]
    fn releases_are_noisy_around_the_counts() {
        let calibration = calibrate(ONE).unwrap();
        let big = cell(&["rust", "advanced", "2026Q4"]);
        let counts = BTreeMap::from([(big.clone(), 1000)]);
        let draws: Vec<i64> = (0..200).map(|_| release(&counts, &calibration, &Noise::OpenDp).unwrap()[&big]).collect();
        assert!(draws.iter().any(|d| *d != 1000), "no noise was added");
        assert!(draws.iter().all(|d| (d - 1000).abs() < 40), "{draws:?}");
        let mean = draws.iter().sum::<i64>() as f64 / draws.len() as f64;
        assert!((mean - 1000.0).abs() < 1.0, "mean {mean}");
    }
}
