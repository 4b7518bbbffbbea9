//! A few hundred inputs of each fuzz target (`scenarios::fuzz`), the same ones every run: what
//! the fuzzer found once (panics, an issuer signing what its verifier refuses) stays found. The
//! long runs are by hand (`cargo run --release -p scenarios --example fuzz`).

use scenarios::fuzz::{generator, target, Fuzz, TARGETS};

/// Inputs per target: enough to reach every mutation kind, quick in a debug build.
const RUNS: u64 = 150;

#[test]
fn every_fuzz_target_survives_its_fixed_inputs() {
    let fuzz = Fuzz::new();
    let mut found = Vec::new();
    for name in TARGETS {
        let run = target(name).unwrap();
        for number in 1..=RUNS {
            let mut rng = generator(7, number);
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&fuzz, &mut rng))) {
                Err(_) => found.push(format!(
                    "{name} run {number}: panic (replay: --example fuzz -- {name} 60 7 with REPLAY={number})"
                )),
                Ok((_, Err(disagreement))) => found.push(format!("{name} run {number}: {}", disagreement.0)),
                Ok(_) => {}
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
