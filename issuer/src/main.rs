//! The `issuer` binary: parse arguments, hand them to the library, exit with its code.

fn main() -> std::process::ExitCode {
    issuer::cli::main()
}
