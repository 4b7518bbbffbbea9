//! The `wallet` binary: `main → run → ExitCode` lives in the library's command line.

// JSON-LD processing allocates heavily; mimalloc roughly halves its cost (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    wallet_cli::cli::main()
}
