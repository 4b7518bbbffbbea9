//! The `verifier` binary: parse arguments, hand them to the library, exit with its code.

fn main() -> std::process::ExitCode {
    verifier::cli::main()
}
