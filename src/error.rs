//! One error type and the one exit-status contract: 0 found, 1 nothing found, 2 usage or input error.

use std::fmt;
use std::io;
use std::path::Path;

use crate::text::escape;
use std::process::ExitCode;

/// What a command ended with when nothing went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something was found, or every envelope was a success: exit 0.
    Found,
    /// Nothing matched, or (`explain --check`) an envelope was an error: exit 1.
    NothingFound,
}

/// Every error errcode reports. Each one is a single line for the user and exits 2.
#[derive(Debug)]
pub enum Error {
    /// The command line asked for something that cannot be done (`lookup abc`).
    Usage(String),
    /// An input file or table could not be read or understood.
    Input(String),
    /// Writing the output failed.
    Output(io::Error),
    /// An input error already told on stderr (one of several inputs could not be read).
    Reported,
}

impl Error {
    /// Whether this is the reader of our output going away (`errcode list | head -1`), which is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(msg) | Error::Input(msg) => f.write_str(msg),
            Error::Output(e) => {
                let e = reason(e);
                f.write_str(&crate::t!(
                    "cannot write the output: {e}",
                    "无法写出输出：{e}"
                ))
            }
            Error::Reported => {
                f.write_str(&crate::t!("an input could not be read", "有输入无法读取"))
            }
        }
    }
}

impl std::error::Error for Error {}

/// Why an I/O operation failed, in the current language for the kinds a user meets.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::StorageFull => crate::t!("no space left on the device", "设备上没有空间了"),
        io::ErrorKind::PermissionDenied => crate::t!("permission denied", "没有权限"),
        _ if e.to_string() == STDOUT_CLOSED => {
            crate::t!("standard output is closed", "标准输出已关闭")
        }
        _ => e.to_string(),
    }
}

/// The error for a closed standard output (`>&-`).
const STDOUT_CLOSED: &str = "standard output is closed";

/// Writing to a closed standard output (`errcode list >&-`), which Rust's runtime would
/// otherwise let vanish.
pub(crate) fn stdout_closed() -> Error {
    Error::Output(io::Error::other(STDOUT_CLOSED))
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Output(e)
    }
}

/// The exit-status contract as `--help` states it (a macro, so that `concat!` can use it).
#[macro_export]
macro_rules! exit_status_help {
    () => {
        "Exit status:
  0  found (explain: every envelope a success, or no --check)
  1  nothing found (explain --check: an error envelope)
  2  usage or input error"
    };
}

/// The status for each exit: 0 found or success, 1 nothing found, 2 usage or input error.
pub const EXIT_STATUS_HELP: &str = exit_status_help!();

/// Writes one line to stderr. Unlike `eprintln!` it cannot panic: when stderr is gone, the
/// line is dropped (the exit status still tells).
pub fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    writeln!(io::stderr(), "{line}").ok();
}

/// Whether errcode's messages on stderr are coloured, decided once (by [`set_color`]).
static STDERR_COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Decides, once per process, whether the prefix of errors on stderr is coloured.
pub fn set_color(color: bool) {
    STDERR_COLOR.set(color).ok();
}

/// `errcode:`, the prefix of every error errcode reports, its own and clap's alike: bold red
/// when stderr is coloured.
pub fn prefix() -> &'static str {
    match STDERR_COLOR.get() {
        Some(true) => "\u{1b}[1;31merrcode:\u{1b}[0m",
        _ => "errcode:",
    }
}

/// Writes an error (already escaped) to stderr, after the one prefix.
pub fn say_error(message: &str) {
    say(format_args!("{} {message}", prefix()));
}

/// `note:` in the current language, before a note on stderr.
pub fn note(message: &str) {
    say(format_args!(
        "{}",
        crate::t!("note: {message}", "注意：{message}")
    ));
}

/// Maps a command's result to the process exit status, printing the error (if any) on one line.
pub fn exit_code(result: Result<Outcome, Error>) -> ExitCode {
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(Error::Reported) => ExitCode::from(2),
        Err(e) => {
            // Messages quote what they were given (paths, arguments, a table's keys): escaped
            // here, at the edge, whatever quoted them.
            say_error(&escape(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// An error opening or reading `path`, as one line that names it.
pub fn file_error(path: &Path, e: &io::Error) -> Error {
    let why = match e.kind() {
        io::ErrorKind::NotFound => {
            crate::t!("no such file: check the path", "没有这个文件：请检查路径")
        }
        io::ErrorKind::PermissionDenied => crate::t!("permission denied", "没有权限"),
        io::ErrorKind::IsADirectory => {
            crate::t!("is a directory: give a file", "是一个目录：请给出文件")
        }
        _ if path.is_dir() => crate::t!("is a directory: give a file", "是一个目录：请给出文件"),
        _ => e.to_string(),
    };
    Error::Input(format!("{}: {why}", escape(&path.to_string_lossy())))
}

/// Whether standard output was a closed descriptor when errcode started (`errcode list >&-`).
/// Rust's runtime opens /dev/null on a standard descriptor it finds closed, before `main`, so
/// writes would vanish without an error; by then a closed fd 1 looks like the /dev/null that
/// callers pass on purpose (`>/dev/null`, Python's `subprocess.DEVNULL`, systemd's
/// `StandardOutput=null`, all open), which is why the binary looks at fd 1 before the runtime
/// touches it and says so through [`stdout_closed_at_start`]. Unknown (no) where it does not.
pub(crate) fn stdout_is_closed() -> bool {
    CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed)
}

static CLOSED_AT_START: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells errcode whether fd 1 was closed when the process started, as seen before Rust's
/// runtime put /dev/null on it. The binary calls it from a constructor that runs before `main`
/// (`src/main.rs`); nothing else should.
pub fn stdout_closed_at_start(closed: bool) {
    CLOSED_AT_START.store(closed, std::sync::atomic::Ordering::Relaxed);
}
