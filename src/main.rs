//! The `errcode` binary: parse the command line, run it, map the result to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = errcode::cli::Cli::parse_with_default_lookup();
    errcode::exit_code(errcode::run(cli))
}
