//! `explain`'s inputs: what each is called, how it is opened, and the errors of reading it.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::error::{file_error, Error};
use crate::explain::problems::Problems;
use crate::output;
use crate::table::Table;
use crate::text::escape;

/// One input of `explain`.
pub enum Input<'a> {
    /// Standard input.
    Stdin,
    /// A file.
    Path(&'a Path),
    /// Bytes from anywhere, with the name to give them: what the tests hand over a few bytes
    /// at a time, and the fuzz targets.
    #[cfg_attr(not(any(test, feature = "fuzzing")), allow(dead_code))]
    Reader(&'a str, Box<dyn Read + 'a>),
}

impl Input<'_> {
    /// The name in messages.
    pub(super) fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::Path(path) => path.to_string_lossy().into_owned(),
            Input::Reader(name, _) => name.to_string(),
        }
    }

    /// The name in JSON and plain output.
    pub(super) fn json_name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            other => other.name(),
        }
    }
}

/// Opens an input; its error as a message for that input.
pub(super) fn open(input: Input<'_>) -> Result<Box<dyn Read + '_>, Error> {
    match input {
        Input::Stdin => {
            widen_stdin_pipe();
            Ok(Box::new(io::stdin().lock()))
        }
        Input::Path(path) => match File::open(path) {
            Ok(file) => Ok(Box::new(file)),
            Err(e) => Err(file_error(path, &e)),
        },
        Input::Reader(_, reader) => Ok(reader),
    }
}

/// The error for an argument that names no file but a code of the tables (`errcode explain
/// 41601`): what was wanted is the code's meaning, which `errcode 41601` tells.
pub(super) fn code_not_file(path: &Path, table: &Table) -> Option<Error> {
    use crate::table::v3::V3Table;
    let arg = path.to_str()?;
    let missing =
        std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound);
    // Whether it names codes of the tables, and whether it is a pattern of them (`416xx`).
    let (code, pattern) = match V3Table::is_code(arg) {
        true => (
            !V3Table::builtin().matching(arg).is_empty(),
            arg.ends_with(['*', '.']),
        ),
        false => match crate::table::query::Query::parse(arg) {
            Ok(query) => (
                table.matching(&query).next().is_some(),
                matches!(query, crate::table::query::Query::Pattern { .. }),
            ),
            Err(_) => (false, false),
        },
    };
    if !(missing && code) {
        return None;
    }
    let arg = escape(arg.trim());
    // A pattern's `*` is quoted for the shell.
    let command = match arg.contains('*') {
        true => format!("errcode '{arg}'"),
        false => format!("errcode {arg}"),
    };
    Some(Error::Usage(match pattern {
        false => crate::t!(
            "{arg}: no such file; {arg} is an error code: `{command}` says what it means",
            "{arg}：没有这个文件；{arg} 是错误码：`{command}` 会说明它的含义"
        ),
        true => crate::t!(
            "{arg}: no such file; {arg} is a pattern of error codes: `{command}` shows them",
            "{arg}：没有这个文件；{arg} 是错误码的模式：`{command}` 会列出它们"
        ),
    }))
}

/// A pipe on stdin is widened to 1 MiB where the system allows it: through the usual 64 KiB,
/// the writer (`cat`, a decompressor) and the reading thread wake each other for every 64 KiB,
/// while the threads that read the blocks want the cores (the figures are in docs/speed.md).
fn widen_stdin_pipe() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let stdin = io::stdin();
        if rustix::pipe::fcntl_getpipe_size(&stdin).is_ok_and(|size| size < 1 << 20) {
            rustix::pipe::fcntl_setpipe_size(&stdin, 1 << 20).ok();
        }
    }
}

/// The error of reading an input.
pub(super) fn read_error(name: &str, e: &io::Error, lang: crate::lang::Lang) -> Error {
    Error::Input(output::problems::read_error(&escape(name), e, lang))
}

/// The error when no input held an envelope.
pub(super) fn nothing_found(
    names: &[String],
    bytes: u64,
    problems: &Problems,
    lang: crate::lang::Lang,
) -> Error {
    Error::Input(output::problems::nothing_found(
        names, bytes, problems, lang,
    ))
}

/// A reader that counts the bytes it read.
pub(super) struct Counted<R> {
    inner: R,
    /// The bytes read so far.
    pub(super) bytes: u64,
}

impl<R> Counted<R> {
    pub(super) fn new(inner: R) -> Counted<R> {
        Counted { inner, bytes: 0 }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}
