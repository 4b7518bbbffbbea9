//! The guarantee is per person, not per credential: a person holding fifty credentials in one
//! cell counts once there, and a person is counted in at most `cells_per_person` cells of a
//! table. The cells a person keeps are chosen from that person's own rows only (the first in
//! cell order), so adding or removing one person changes at most `cells_per_person` cells by at
//! most one each: the sensitivity OpenDP's privacy map is given.
//!
//! The issuer and the verifier do this bounding in their databases (a window over each
//! person's distinct cells); this in-memory version is the reference the database queries are
//! tested against, and serves callers whose rows are already in memory.

use std::collections::{BTreeMap, BTreeSet};

use crate::Cell;

/// Counts of distinct persons per cell, each person in at most `cells_per_person` cells.
pub fn bound_persons<'a>(
    rows: impl IntoIterator<Item = (&'a str, Cell)>,
    cells_per_person: u32,
) -> BTreeMap<Cell, u64> {
    let mut by_person: BTreeMap<&str, BTreeSet<Cell>> = BTreeMap::new();
    for (person, cell) in rows {
        by_person.entry(person).or_default().insert(cell);
    }
    let mut counts: BTreeMap<Cell, u64> = BTreeMap::new();
    let keep = usize::try_from(cells_per_person).unwrap_or(usize::MAX);
    for cells in by_person.into_values() {
        for cell in cells.into_iter().take(keep) {
            *counts.entry(cell).or_default() += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(parts: &[&str]) -> Cell {
        Cell(parts.iter().map(|p| (*p).to_owned()).collect())
    }

    #[test]
    fn fifty_credentials_in_one_cell_count_one_person() {
        let rows = (0..50).map(|_| ("did:example:ada", cell(&["kubernetes", "advanced", "2026Q4"])));
        let counts = bound_persons(rows, 1);
        assert_eq!(counts.get(&cell(&["kubernetes", "advanced", "2026Q4"])), Some(&1));
    }

    #[test]
    fn a_person_counts_in_at_most_the_bound_of_cells() {
        let mut rows: Vec<(&str, Cell)> =
            (0..50).map(|i| ("did:example:ada", cell(&[&format!("skill-{i:02}"), "advanced"]))).collect();
        rows.push(("did:example:bob", cell(&["skill-49", "advanced"])));
        let counts = bound_persons(rows, 3);
        let ada: u64 = counts.values().sum::<u64>() - 1;
        assert_eq!(ada, 3, "{counts:?}");
        // Ada's first three cells in cell order; Bob's own cell is his.
        assert_eq!(counts.get(&cell(&["skill-00", "advanced"])), Some(&1));
        assert_eq!(counts.get(&cell(&["skill-03", "advanced"])), None);
        assert_eq!(counts.get(&cell(&["skill-49", "advanced"])), Some(&1));
    }
}
