//! The input layer: bytes to envelopes, one job a module, data flowing one way.
//!
//! - `source`: bytes to text (decompressed, UTF-16 transcoded, byte-order marks dropped),
//!   archives and streams too large to decompress refused;
//! - `compressed`: the readers of gzip, zstd, xz and bzip2, each stream's window checked;
//! - `lines`: text to lines, with the exact limit;
//! - `reader`: which form each line is (HTTP, `curl -v`, JSON, a log line) and the one state
//!   that spans lines, a JSON document;
//! - `json`: the scanner that checks JSON and finds envelopes in it, keys matched in `fields`;
//! - `emit`: what the scanner found, as the envelope the consumer receives;
//! - `model`: the envelope both API generations share, and what the consumer receives;
//! - `prefilter`: which lines may hold an envelope, by a literal search before any parsing;
//! - `splits`: lines a container runtime split (CRI `P`, Docker's 16 KiB records), joined;
//! - `sdk`: the error strings of Tencent Cloud's SDKs, an input form without JSON;
//! - `parallel`: a large file read in parts, for a consumer that can take parts in;
//! - `follow`: input still being written (`explain --live`): a file followed across
//!   rotation, a pipe read as it comes;
//! - `time`: when an envelope was logged, from its line's prefix or its record's own fields.

mod compressed;
mod emit;
pub(crate) mod fields;
#[cfg(unix)]
pub(crate) mod follow;
mod http;
mod json;
mod lines;
pub(crate) mod model;
pub(crate) mod parallel;
mod prefilter;
mod reader;
mod sdk;
mod source;
mod splits;
pub(crate) mod time;

use std::io::{self, Read};

pub(crate) use compressed::WINDOW_MAX;
pub use model::{Api, Envelope, Event, Fault, Field, HttpResponse, Origin, Sink, Skip, Value};
pub(crate) use source::{Archive, Refused};

/// The longest line, and the longest JSON document over several lines, in bytes after
/// decompression and transcoding: 16 MiB. A longer line is passed over (and reported) without
/// being held; a longer document costs its first line.
pub const MAX_LINE: usize = 16 << 20;

/// Objects nested deeper than this are checked, not looked into for envelopes.
pub const MAX_DEPTH: usize = json::TRACKED_DEPTH;

/// JSON strings inside JSON strings are searched this deep.
pub const MAX_STRING_DEPTH: u8 = json::STRING_DEPTH;

/// Reads the envelopes of one input (named `name` in origins) into `sink`, in order.
pub fn read(input: impl Read, name: &str, sink: &mut impl Sink) -> io::Result<()> {
    let text = source::decode(input)?;
    let mut lines = lines::Lines::new(text, MAX_LINE);
    reader::Reader::new(name).read(&mut lines, sink)
}
