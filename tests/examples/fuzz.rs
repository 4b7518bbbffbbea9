#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Runs a fuzz target of `scenarios::fuzz` for a time (not a test: a tool run by hand), and
//! stops on a run that takes over 3 seconds; panics and disagreements are reported with the run
//! number to replay (`REPLAY=N`), and disagreeing inputs saved to `/tmp/fuzz`.
//!
//! Run: `cargo run --release -p scenarios --example fuzz -- TARGET SECONDS SEED` (targets:
//! verify, sign, status, dcql, did, request).
use std::sync::Mutex;
use std::time::{Duration, Instant};

use scenarios::fuzz::{generator, Disagreement, Fuzz};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_else(|| "verify".into());
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    std::fs::create_dir_all("/tmp/fuzz").unwrap();
    let fuzz = Fuzz::new();
    let Some(run) = scenarios::fuzz::target(&target) else {
        panic!("unknown target {target}: verify, sign, status, dcql, did or request");
    };
    std::panic::set_hook(Box::new(|_| {}));
    // The watchdog saves the input being run when one run takes over 3 seconds.
    let current: &'static Mutex<(u64, Option<u64>)> = Box::leak(Box::new(Mutex::new((0, None))));
    {
        let target = target.clone();
        std::thread::spawn(move || {
            let mut last = (u64::MAX, Instant::now());
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let (runs, _) = *current.lock().unwrap();
                if runs != last.0 {
                    last = (runs, Instant::now());
                } else if last.1.elapsed().as_secs() >= 3 {
                    eprintln!("SLOW: {target} seed {seed}, run {runs}: replay with REPLAY={runs}");
                    std::process::exit(3);
                }
            }
        });
    }
    let replay: Option<u64> = std::env::var("REPLAY").ok().and_then(|s| s.parse().ok());
    let start = Instant::now();
    let (mut runs, mut panics, mut disagreements) = (0u64, 0u64, 0u64);
    while start.elapsed().as_secs() < seconds {
        runs += 1;
        if replay.is_some_and(|r| r != runs) {
            continue;
        }
        *current.lock().unwrap() = (runs, None);
        // One generator per run, so a run can be replayed alone from its number.
        let mut rng = generator(seed, runs);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&fuzz, &mut rng)));
        match result {
            Err(_) => {
                panics += 1;
                let mut rng = generator(seed, runs);
                let _ = std::panic::take_hook();
                eprintln!("PANIC: {target} seed {seed}, run {runs}: replay with REPLAY={runs}");
                let saved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&fuzz, &mut rng)));
                drop(saved);
                std::panic::set_hook(Box::new(|_| {}));
                if panics > 20 {
                    break;
                }
            }
            Ok((input, Err(Disagreement(why)))) => {
                disagreements += 1;
                let path = format!("/tmp/fuzz/disagree-{target}-{seed}-{runs}.json");
                std::fs::write(&path, &input).unwrap();
                eprintln!("DISAGREE saved {path}: {why}");
                if disagreements > 20 {
                    break;
                }
            }
            Ok(_) => {}
        }
        if replay.is_some() {
            break;
        }
    }
    println!("{target}: {runs} inputs, {panics} panics, {disagreements} disagreements");
}
