//! What `verifier verify --threads 1 DIR` costs per credential against the library doing the same
//! work in process (issue #27: the command line within 1.3x of the library). For each of
//! `eddsa-jcs-2022` and `eddsa-rdfc-2022`, 2,000 skill credentials are written to a directory;
//! then, in alternating rounds, the real binary verifies the directory pinned to one core
//! (`taskset`), its CPU time (user + system) read by bash's `times` once it has exited (to the millisecond; dash's only to the clock tick), and
//! this process, pinned to the same core, runs `Verifier::verify_bytes` (the verifier built from
//! the same arguments) on the same bytes, its thread's CPU time read around the loop. CPU time,
//! not wall time: the machine is shared, and what another process takes is not our cost. The
//! command line pays for its process start, reading the files, the trust registry and its
//! output too; that is the point of the comparison. Best round of each, and their ratio.
//! Run: `cargo bench -p verifier --bench directory_cost` (`VERIFIER_BIN=path` measures another
//! build of the binary, an earlier one for instance).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use clap::Parser;
use credentials::contexts::ContextSet;
use credentials::proof::data_integrity::{add_proof, ProofOptions, Suite};
use credentials::verify::PresentationOptions;
use credentials::Signer;
use rayon::prelude::*;
use rustix::thread::{sched_setaffinity, CpuSet};
use rustix::time::{clock_gettime, ClockId};
use schemas::Taxonomy;

mod common;
use common::{at, skill_credential};
use verifier::cli::args::{Cli, Command as CliCommand};
use verifier::cli::verify::build_verifier;

// The binary's allocator, so that both sides allocate alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNT: usize = 2_000;
const ROUNDS: usize = 5;
const AT: &str = "2026-06-01T00:00:00Z";

/// The arguments of the measured command, without the program and the pinning.
fn arguments(registry: &Path, directory: &Path) -> Vec<String> {
    let path = |p: &Path| p.to_str().unwrap().to_owned();
    ["--lang", "en", "verify", "--at", AT, "--threads", "1", "--trust"]
        .map(str::to_owned)
        .into_iter()
        .chain([path(registry), path(directory)])
        .collect()
}

/// Seconds of a `times` field such as `0m0.270s`.
fn seconds(field: &str) -> f64 {
    let (minutes, rest) = field.split_once('m').unwrap();
    minutes.parse::<f64>().unwrap() * 60.0 + rest.trim_end_matches('s').parse::<f64>().unwrap()
}

/// CPU seconds (user + system) of the binary verifying `directory` on `core`.
fn cli_round(core: usize, registry: &Path, directory: &Path) -> f64 {
    let output = Command::new("bash")
        .args(["-c", r#""$@"; status=$?; times >&2; exit $status"#, "bash", "taskset", "-c", &core.to_string()])
        .arg(std::env::var_os("VERIFIER_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_verifier").into()))
        .args(arguments(registry, directory))
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&output.stdout);
    let last = summary.lines().last().unwrap_or("");
    assert!(output.status.success(), "{last}");
    assert!(last.starts_with(&format!("{COUNT} checked: {COUNT} valid, 0 invalid")), "{last}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // `times` prints the shell's own times, then its children's.
    let children: Vec<&str> = stderr.lines().last().unwrap().split_whitespace().collect();
    seconds(children[0]) + seconds(children[1])
}

fn thread_cpu() -> f64 {
    let now = clock_gettime(ClockId::ThreadCPUTime);
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

/// Writes `COUNT` credentials secured with `suite` into `directory`.
fn write_credentials(directory: &Path, suite: Suite, signer: &Arc<dyn Signer>, did: &str) {
    let contexts = ContextSet::standard();
    let skills: Vec<&str> = Taxonomy::gc_digital_talent().skills().iter().map(|s| s.key.as_str()).collect();
    std::fs::create_dir(directory).unwrap();
    (0..COUNT).into_par_iter().for_each(|i| {
        let credential = skill_credential(i, did, &skills);
        let options = ProofOptions::new(suite, at("2026-01-02T00:00:00Z"));
        let secured = add_proof(&credential, signer.as_ref(), &options, &contexts).unwrap();
        std::fs::write(directory.join(format!("{i:05}.json")), secured.to_string()).unwrap();
    });
}

fn main() {
    let key = keys::LocalKey::generate();
    let did = key.did_key();
    let signer: Arc<dyn Signer> = Arc::new(key);
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("trust.toml");
    std::fs::write(
        &registry,
        format!(
            "[[issuer]]\nid = \"{did}\"\nname = \"Canada School of Public Service\"\nname_fr = \"École de la fonction publique du Canada\"\ncredential_types = [\"*\"]\n"
        ),
    )
    .unwrap();
    let suites = [(Suite::EddsaJcs2022, "eddsa-jcs-2022"), (Suite::EddsaRdfc2022, "eddsa-rdfc-2022")];
    eprintln!("writing {COUNT} credentials per suite to {}", dir.path().display());
    for (suite, name) in suites {
        write_credentials(&dir.path().join(name), suite, &signer, &did);
    }

    // The last core, for the binary and for this thread alike.
    let core = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) - 1;
    let mut cpus = CpuSet::new();
    cpus.set(core);
    sched_setaffinity(None, &cpus).unwrap();
    // The options `verifier verify` gives the library.
    let options = PresentationOptions { audience_required: true, ..PresentationOptions::default() };

    println!("verifier verify --threads 1 over {COUNT} credentials, pinned to core {core}, CPU time per credential:");
    println!("| suite | command line | library | ratio | target |");
    println!("|---|---|---|---|---|");
    for (_, name) in suites {
        let directory = dir.path().join(name);
        let cli = Cli::try_parse_from(std::iter::once("verifier".to_owned()).chain(arguments(&registry, &directory)))
            .unwrap();
        let CliCommand::Verify(args) = cli.command else { panic!("not verify") };
        let verifier = build_verifier(&args).unwrap();
        let mut paths: Vec<_> = std::fs::read_dir(&directory).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let files: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
        let library_round = || {
            let start = thread_cpu();
            for bytes in &files {
                let report = verifier.verify_bytes(bytes, &options).unwrap();
                assert!(report.verified(), "{:?}", report.checks);
            }
            thread_cpu() - start
        };
        // One round of each to warm the page cache and this process's allocator, then alternate.
        cli_round(core, &registry, &directory);
        library_round();
        let (mut cli, mut library) = (f64::MAX, f64::MAX);
        for _ in 0..ROUNDS {
            cli = cli.min(cli_round(core, &registry, &directory));
            library = library.min(library_round());
        }
        let per = |seconds: f64| seconds / COUNT as f64 * 1e6;
        println!("| {name} | {:.1} µs | {:.1} µs | {:.2}x | ≤ 1.3x |", per(cli), per(library), cli / library);
    }
}
