//! Figures about the skills ecosystem that protect each person. Services count persons per cell
//! (skill × level × quarter, …) in their databases, bounded so one person weighs at most a
//! stated number of cells; this crate turns those counts into a release through OpenDP's
//! discrete Laplace measurement with threshold suppression, states what the release costs in
//! (ε, δ), and adds releases of several sources together. No noise is made here: OpenDP draws
//! it (see `noise.rs` for the seeded test source and why it exists).

mod bound;
mod document;
mod error;
mod i18n;
mod mechanism;
mod noise;
mod period;

pub use bound::bound_persons;
pub use document::{combine, Combined, CombinedTable, Count, Release, Source, Table, COMPOSITION, THRESHOLD_RULE};
pub use error::FiguresError;
pub use mechanism::{calibrate, release, Calibration, Parameters};
pub use noise::Noise;
pub use period::Quarter;

use serde::{Deserialize, Serialize};

/// The key of a cell: one value per dimension of its table.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cell(pub Vec<String>);

/// Separates a key's parts in OpenDP's map keys (a control character no label contains).
const SEPARATOR: char = '\u{1f}';

impl Cell {
    fn encode(&self) -> String {
        self.0.join(&SEPARATOR.to_string())
    }

    fn decode(text: &str) -> Self {
        Self(text.split(SEPARATOR).map(str::to_owned).collect())
    }
}
