//! The `errcode` binary: parse the command line, run it, map the result to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    match errcode::parse() {
        Ok(cli) => errcode::exit_code(errcode::run(cli)),
        Err(status) => status,
    }
}
