//! Where the noise comes from. Published figures take OpenDP's: its samplers draw from the
//! operating system's random source and offer no way to inject a seed — so OpenDP's noise
//! cannot be replayed, by design.
//!
//! Tests need a release they can replay, so with the `seeded-noise` feature (off in every
//! program; tests turn it on) a second source exists: discrete Laplace noise of the same scale
//! from a ChaCha generator under a fixed seed, as the difference of two geometric variables,
//! with the same threshold rule. It exists only to check what is done with the noise (bounds,
//! suppression, signing, combining) reproducibly; it is not private, and a release made with it
//! says so in its mechanism.

#[cfg(any(test, feature = "seeded-noise"))]
use std::collections::HashMap;

#[cfg(any(test, feature = "seeded-noise"))]
use crate::Calibration;

/// A source of noise for [`crate::release`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Noise {
    /// OpenDP's own sampling (the operating system's randomness): the only source for
    /// published figures.
    OpenDp,
    /// A replayable test source; not private (see the module notes).
    #[cfg(any(test, feature = "seeded-noise"))]
    Seeded(u64),
}

impl Noise {
    /// The words a release states about its noise source.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::OpenDp => "OpenDP 0.16 make_laplace_threshold",
            #[cfg(any(test, feature = "seeded-noise"))]
            Self::Seeded(_) => "seeded test noise (NOT PRIVATE, tests only)",
        }
    }
}

/// The threshold rule of OpenDP's measurement with replayable noise: keys in the order of
/// their text, each count plus discrete Laplace noise, kept when at or above the threshold.
#[cfg(any(test, feature = "seeded-noise"))]
pub(crate) fn seeded(exact: &HashMap<String, i64>, calibration: &Calibration, seed: u64) -> HashMap<String, i64> {
    use rand::{Rng, SeedableRng};

    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(seed);
    let mut keys: Vec<&String> = exact.keys().collect();
    keys.sort();
    let geometric = |rng: &mut rand_chacha::ChaCha20Rng| -> i64 {
        // P(G >= k) = exp(-k / scale): the inverse of the survival function of a uniform draw
        // in (0, 1].
        let uniform: f64 = 1.0 - rng.gen::<f64>();
        (-calibration.scale * uniform.ln()).floor() as i64
    };
    keys.into_iter()
        .filter_map(|key| {
            let noisy = exact[key] + geometric(&mut rng) - geometric(&mut rng);
            (noisy >= calibration.threshold).then(|| (key.clone(), noisy))
        })
        .collect()
}
