//! Where each position of a status list puts its credential: a fixed random permutation of the
//! list's indexes, derived from the list's stored seed by every process alike, and the few
//! permutations this process derived lately.

use std::sync::{Arc, Mutex};

use rand::{RngCore, SeedableRng};

/// The last few permutations this process derived. A list's permutation takes about a millisecond
/// (131,072 ChaCha20 draws) and was derived again for every block of 1,024 positions: two per
/// 1,024 credentials with both purposes, 1% of the issuer's CPU per credential under load
/// (`perf`). A department's open lists change only when one fills, so a handful covers them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Permutations(Arc<Mutex<Vec<PermutationEntry>>>);

type PermutationEntry = ([u8; 32], usize, Arc<Vec<u32>>);

/// Permutations kept (512 KiB each for lists of 131,072 entries).
const PERMUTATIONS_KEPT: usize = 8;

impl Permutations {
    /// `permutation(seed, size)`, from the cache when it was derived lately.
    pub(crate) fn get(&self, seed: &[u8; 32], size: usize) -> Arc<Vec<u32>> {
        let lock = || self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(found) = lock().iter().find(|(s, n, _)| s == seed && *n == size) {
            return found.2.clone();
        }
        // Derived outside the lock; two requests deriving one list at once both keep it, once.
        let derived = Arc::new(permutation(seed, size));
        let mut kept = lock();
        if !kept.iter().any(|(s, n, _)| s == seed && *n == size) {
            if kept.len() == PERMUTATIONS_KEPT {
                kept.remove(0);
            }
            kept.push((*seed, size, derived.clone()));
        }
        derived
    }
}

/// The permutation of `0..size` that a list's seed stands for: a Fisher–Yates shuffle driven by
/// ChaCha20 from the seed. Every process must derive the same one for as long as the list lives,
/// so it is written out here (a library's shuffle may change between versions) and pinned by a
/// test.
pub(crate) fn permutation(seed: &[u8; 32], size: usize) -> Vec<u32> {
    let mut rng = rand_chacha::ChaCha20Rng::from_seed(*seed);
    let mut items: Vec<u32> = (0..u32::try_from(size).unwrap_or(u32::MAX)).collect();
    for i in (1..items.len()).rev() {
        // Modulo bias is below 2^-46 for lists of 2^17 entries; it cannot break the bijection.
        let j = usize::try_from(rng.next_u64() % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    use sha2::Digest;

    const PINNED_SHA256: &str = "ab0203cf7208d944938a3e22036bc227f9baf56bb940aa0c750506e07be604d6";

    #[test]
    fn the_cache_gives_each_seed_its_own_permutation() {
        let cache = Permutations::default();
        let first = cache.get(&[1u8; 32], 64);
        assert_eq!(*first, permutation(&[1u8; 32], 64));
        // Found again, not derived again.
        assert!(Arc::ptr_eq(&first, &cache.get(&[1u8; 32], 64)));
        // Another seed or size is another permutation.
        assert_eq!(*cache.get(&[2u8; 32], 64), permutation(&[2u8; 32], 64));
        assert_eq!(*cache.get(&[1u8; 32], 32), permutation(&[1u8; 32], 32));
        // Past the limit the oldest goes, and comes back derived anew, the same.
        for seed in 3..=(2 + PERMUTATIONS_KEPT as u8) {
            cache.get(&[seed; 32], 16);
        }
        let again = cache.get(&[1u8; 32], 64);
        assert!(!Arc::ptr_eq(&first, &again));
        assert_eq!(first, again);
    }

    #[test]
    fn a_seed_stands_for_one_fixed_permutation() {
        let seed = [7u8; 32];
        let small = permutation(&seed, 16);
        // Pinned, the whole list size too: a change here (this code, `rand_chacha`) would hand out
        // indexes that live lists already gave to other credentials.
        assert_eq!(small, [8, 10, 15, 9, 13, 2, 0, 14, 3, 11, 12, 5, 1, 6, 7, 4]);
        let large = permutation(&seed, 131_072);
        let bytes: Vec<u8> = large.iter().flat_map(|index| index.to_le_bytes()).collect();
        assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), PINNED_SHA256);
        let mut sorted = large.clone();
        sorted.sort_unstable();
        assert!(sorted.iter().enumerate().all(|(i, v)| *v as usize == i), "a bijection of 0..size");
        assert_eq!(large, permutation(&seed, 131_072));
        assert_ne!(large, permutation(&[8u8; 32], 131_072));
        // Consecutive positions land far apart: the first 1,000 indexes spread over the list.
        let first: Vec<u32> = large[..1000].to_vec();
        let mean = first.iter().map(|v| f64::from(*v)).sum::<f64>() / 1000.0;
        assert!((mean - 65_536.0).abs() < 6_000.0, "mean of the first block {mean}");
    }
}
