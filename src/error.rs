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
            Error::Output(e) => write!(f, "cannot write the output: {e}"),
            Error::Reported => f.write_str("an input could not be read"),
        }
    }
}

impl std::error::Error for Error {}

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
            say(format_args!("errcode: {}", escape(&e.to_string())));
            ExitCode::from(2)
        }
    }
}

/// An error opening or reading `path`, as one line that names it.
pub fn file_error(path: &Path, e: &io::Error) -> Error {
    file_error_in(path, e, crate::lang::Lang::En)
}

/// [`file_error`] in `lang`.
pub fn file_error_in(path: &Path, e: &io::Error, lang: crate::lang::Lang) -> Error {
    let en = lang == crate::lang::Lang::En;
    let directory = path.is_dir() || e.kind() == io::ErrorKind::IsADirectory;
    let why = match (e.kind(), en) {
        _ if directory && en => "is a directory: give a file".to_string(),
        _ if directory => "是目录：请给出文件".to_string(),
        (io::ErrorKind::NotFound, true) => "no such file: check the path".to_string(),
        (io::ErrorKind::NotFound, false) => "文件不存在：请检查路径".to_string(),
        (io::ErrorKind::PermissionDenied, true) => "permission denied".to_string(),
        (io::ErrorKind::PermissionDenied, false) => "没有权限".to_string(),
        _ => e.to_string(),
    };
    Error::Input(format!("{}: {why}", escape(&path.to_string_lossy())))
}
