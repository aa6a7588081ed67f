//! The `errcode` binary: parse the command line, run it, map the result to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    match errcode::parse() {
        Ok(cli) => errcode::exit_code(errcode::run(cli)),
        Err(status) => status,
    }
}

/// Whether fd 1 is open, looked at among the executable's constructors (ELF `.init_array`,
/// Mach-O `__mod_init_func`), which the C runtime calls before `main`, and so before std's
/// start-up puts /dev/null on a closed fd 0, 1 or 2. `fcntl(F_GETFD)` fails with `EBADF`
/// exactly when the descriptor is not open. A raw system call, nothing of std that needs its
/// runtime, and no panic; `unsafe` is ctor's required mark of code that runs before `main`,
/// not unsafe code here.
#[cfg(unix)]
#[ctor::ctor(unsafe)]
fn look_at_stdout_before_the_runtime() {
    let flags = rustix::io::fcntl_getfd(rustix::stdio::stdout());
    errcode::stdout_closed_at_start(flags == Err(rustix::io::Errno::BADF));
}
