//! `explain`'s inputs: what each is called, how it is opened, and the errors of reading it.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::error::{file_error, Error};
use crate::explain::problems::Problems;
use crate::output;
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
        Input::Stdin => Ok(Box::new(io::stdin().lock())),
        Input::Path(path) => match File::open(path) {
            Ok(file) => Ok(Box::new(file)),
            Err(e) => Err(file_error(path, &e)),
        },
        Input::Reader(_, reader) => Ok(reader),
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
