//! The `wallet` binary: parse arguments, hand them to the library, exit with its code.

// JSON-LD processing allocates heavily; mimalloc roughly halves its cost (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    wallet_cli::main()
}
