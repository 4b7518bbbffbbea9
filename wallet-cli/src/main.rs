//! The `wallet` binary: `main → run → ExitCode` lives in the library's command line.

// JSON-LD processing allocates heavily; mimalloc roughly halves its cost (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A closed pipe (`wallet list | head -1`) ends the wallet quietly, as it ends `cat`, instead
    // of a panic "failed printing to stdout: Broken pipe" (exit 101): Rust ignores SIGPIPE by
    // default, which suits a server; the wallet is never one.
    sigpipe::reset();
    wallet_cli::cli::main()
}
