//! Reading response envelopes from every input form, as a stream: one JSON object, a JSON array,
//! NDJSON or concatenated objects, `curl -i` output (status line and headers, then the body), and
//! log lines with an envelope after a prefix. Lines are read in chunks and handed on as they
//! arrive, so memory stays flat and `tail -f | errcode explain` works.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read};

use serde::de::{Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::scan::{self, Member};

/// The longest line, or multi-line JSON document, errcode reads: 16 MiB. Real envelopes are far
/// smaller; a longer line is skipped (and reported) without being held in memory.
pub const MAX_RECORD: usize = 16 << 20;

const CHUNK: usize = 1 << 20;

/// The five fields of the envelope, as the source document names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// `RequestId`: the ID the server gives each request.
    RequestId,
    /// `Code`: 0 answered normally, 500 server-side failure.
    Code,
    /// `StatusCode`: the code of the table.
    StatusCode,
    /// `Message`: the code's text.
    Message,
    /// `Data`: the payload.
    Data,
}

impl Field {
    /// Every field, in the order of the source document.
    pub const ALL: [Field; 5] = [
        Field::RequestId,
        Field::Code,
        Field::StatusCode,
        Field::Message,
        Field::Data,
    ];

    /// The name as the source document writes it.
    pub fn name(self) -> &'static str {
        match self {
            Field::RequestId => "RequestId",
            Field::Code => "Code",
            Field::StatusCode => "StatusCode",
            Field::Message => "Message",
            Field::Data => "Data",
        }
    }

    /// The field a key names, in any case and with `_` or `-` ignored (`statusCode`, `request_id`).
    pub fn from_key(key: &str) -> Option<Field> {
        match key {
            "RequestId" => return Some(Field::RequestId),
            "Code" => return Some(Field::Code),
            "StatusCode" => return Some(Field::StatusCode),
            "Message" => return Some(Field::Message),
            "Data" => return Some(Field::Data),
            _ => {}
        }
        if key.len() > 12 {
            return None;
        }
        let mut folded = [0u8; 12];
        let mut n = 0;
        for b in key.bytes().filter(|b| !matches!(b, b'_' | b'-')) {
            folded[n] = b.to_ascii_lowercase();
            n += 1;
        }
        match &folded[..n] {
            b"requestid" => Some(Field::RequestId),
            b"code" => Some(Field::Code),
            b"statuscode" => Some(Field::StatusCode),
            b"message" => Some(Field::Message),
            b"data" => Some(Field::Data),
            _ => None,
        }
    }
}

/// The field a key names when it is written exactly as the source document writes it, quotes
/// included: told apart by length and first letter, then compared once.
#[inline(always)]
fn exact_field(key: &[u8]) -> Option<Field> {
    let field = match (key.len(), key.get(1)) {
        (11, Some(b'R')) => Field::RequestId,
        (6, Some(b'C')) => Field::Code,
        (12, Some(b'S')) => Field::StatusCode,
        (9, Some(b'M')) => Field::Message,
        (6, Some(b'D')) => Field::Data,
        _ => return None,
    };
    eq_short(&key[1..key.len() - 1], field.name().as_bytes()).then_some(field)
}

/// `a == b` for short slices of equal length, with two overlapping word loads instead of a call
/// to `memcmp` (which showed in profiles: every member of every envelope is compared).
#[inline(always)]
fn eq_short(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

/// A field's value exactly as written (a string keeps its quotes); read on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'a>(pub &'a str);

impl<'a> Value<'a> {
    /// Whether the value is a JSON string.
    pub fn is_string(self) -> bool {
        self.0.starts_with('"')
    }

    /// The whole number this value holds, and whether it was written as a string.
    /// `None` for anything else, including numbers too large for 128 bits.
    pub fn as_integer(self) -> Option<(i128, bool)> {
        integer(self.0.as_bytes())
    }

    /// Whether the value is written as a whole number (perhaps quoted, perhaps too large to read).
    pub fn is_integer_text(self) -> bool {
        let text = if self.is_string() {
            self.0[1..self.0.len() - 1].trim()
        } else {
            self.0
        };
        let digits = text.strip_prefix('-').unwrap_or(text);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    }

    /// The value as text: a string's content, unescaped, or anything else as written.
    pub fn text(self) -> Cow<'a, str> {
        match self.0.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(inner) if !inner.contains('\\') => Cow::Borrowed(inner),
            // A lone surrogate escape cannot become a Rust string: keep the text as written.
            Some(inner) => {
                serde_json::from_str::<String>(self.0).map_or(Cow::Borrowed(inner), Cow::Owned)
            }
            None => Cow::Borrowed(self.0),
        }
    }
}

/// The whole number a JSON value (as written) holds, and whether it was written as a string:
/// [`Value::as_integer`] on bytes, for the reader's counting path.
#[inline]
pub fn integer(written: &[u8]) -> Option<(i128, bool)> {
    // The usual case, first: a few digits, unquoted.
    if (1..=9).contains(&written.len()) && written.iter().all(u8::is_ascii_digit) {
        let n = written
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        return Some((i128::from(n), false));
    }
    integer_slow(written)
}

fn integer_slow(written: &[u8]) -> Option<(i128, bool)> {
    let (text, quoted) = match written {
        [b'"', inner @ .., b'"'] if inner.is_ascii() => (inner.trim_ascii(), true),
        // Other spaces than ASCII's around a number in a string: trimmed as `str::trim` does.
        [b'"', inner @ .., b'"'] => {
            return integer(std::str::from_utf8(inner).ok()?.trim().as_bytes())
                .map(|(n, _)| (n, true))
        }
        _ => (written, false),
    };
    let digits = text.strip_prefix(b"-").unwrap_or(text);
    if digits.is_empty() || digits.len() > 38 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // At most 38 digits, and a sign: always within i128.
    let n = digits
        .iter()
        .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
    Some((if digits.len() < text.len() { -n } else { n }, quoted))
}

/// One response envelope, borrowed from the input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Envelope<'a> {
    /// The JSON object as read.
    pub raw: &'a str,
    /// `RequestId`.
    pub request_id: Option<Value<'a>>,
    /// `Code`.
    pub code: Option<Value<'a>>,
    /// `StatusCode`.
    pub status_code: Option<Value<'a>>,
    /// `Message`.
    pub message: Option<Value<'a>>,
    /// `Data`, as written.
    pub data: Option<&'a str>,
    /// Keys read as an envelope field though written otherwise (`statusCode`): (as written, field).
    pub renamed: Vec<(String, Field)>,
}

impl<'a> Envelope<'a> {
    /// The envelope in an object's members, if it is one: it has a `StatusCode`, or a `Code`
    /// together with a `RequestId`.
    fn from_members(
        raw: &'a str,
        members: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Option<Envelope<'a>> {
        // Values by field (in `Field::ALL` order): a store by index, not a branch per member.
        let mut slots: [Option<&'a str>; 5] = [None; 5];
        let mut renamed = Vec::new();
        for (key, value) in members {
            // Keys come with their quotes: the usual spellings are matched as written.
            let field = match exact_field(key.as_bytes()) {
                Some(field) => field,
                None => {
                    let key = Value(key).text();
                    let Some(field) = Field::from_key(&key) else {
                        continue;
                    };
                    renamed.push((key.into_owned(), field));
                    field
                }
            };
            slots[field as usize] = Some(value);
        }
        let [request_id, code, status_code, message, data] = slots;
        let env = Envelope {
            raw,
            request_id: request_id.map(Value),
            code: code.map(Value),
            status_code: status_code.map(Value),
            message: message.map(Value),
            data,
            renamed,
        };
        (env.status_code.is_some() || (env.code.is_some() && env.request_id.is_some()))
            .then_some(env)
    }

    /// The fields the envelope does not have.
    pub fn missing(&self) -> impl Iterator<Item = Field> + '_ {
        Field::ALL.into_iter().filter(move |f| match f {
            Field::RequestId => self.request_id.is_none(),
            Field::Code => self.code.is_none(),
            Field::StatusCode => self.status_code.is_none(),
            Field::Message => self.message.is_none(),
            Field::Data => self.data.is_none(),
        })
    }
}

/// The HTTP response an envelope came in, from `curl -i` output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status line, as read (`HTTP/1.1 200 OK`).
    pub status_line: String,
    /// The status code of the status line.
    pub status: u16,
    /// A request-ID header (`X-Request-Id`, `RequestId`…): (name, value).
    pub request_id: Option<(String, String)>,
    /// The line of the status line.
    pub line: usize,
}

/// Where an envelope was found.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'r> {
    /// The line it starts on (1-based).
    pub line: usize,
    /// Found after a log prefix, or inside another object.
    pub embedded: bool,
    /// The line was not valid UTF-8 and was read with U+FFFD in place of the bad bytes.
    pub lossy: bool,
    /// The HTTP response it was the body of.
    pub http: Option<&'r HttpResponse>,
}

/// Why a line was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// No JSON object on the line.
    NoJson,
    /// JSON, but no envelope fields in it.
    NotEnvelope,
    /// NUL bytes: binary data, not text.
    Binary,
    /// Longer than [`MAX_RECORD`].
    TooLong,
}

impl Skip {
    /// Every reason, in report order.
    pub const ALL: [Skip; 4] = [Skip::NoJson, Skip::NotEnvelope, Skip::Binary, Skip::TooLong];

    /// A short description, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            Skip::NoJson => "no JSON object",
            Skip::NotEnvelope => "JSON without envelope fields",
            Skip::Binary => "binary data",
            Skip::TooLong => "longer than the 16 MiB limit",
        }
    }

    /// A stable name, for JSON.
    pub fn slug(self) -> &'static str {
        match self {
            Skip::NoJson => "no-json",
            Skip::NotEnvelope => "not-envelope",
            Skip::Binary => "binary",
            Skip::TooLong => "too-long",
        }
    }
}

/// What the reader found, in input order.
#[derive(Debug)]
pub enum Event<'a, 'r> {
    /// An envelope.
    Envelope(Envelope<'a>, Origin<'r>),
    /// An envelope on a line of its own, told only by its `StatusCode` and `Code` as whole
    /// numbers (`None`: missing, or not a whole number): what a sink that only counts asks for
    /// (see [`Sink::counts_only`]).
    Counted {
        /// `StatusCode`.
        status_code: Option<i128>,
        /// `Code`.
        code: Option<i128>,
    },
    /// A line with no envelope.
    Skipped {
        /// The line (1-based).
        line: usize,
        /// The byte offset of the line in the input.
        offset: u64,
        /// Why.
        reason: Skip,
    },
    /// JSON that does not parse: the rest of the input is still read.
    Broken {
        /// The line (1-based) of the fault.
        line: usize,
        /// The column (1-based) of the fault.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// Receives what the reader finds. A sink can be forked, so that another thread can read part
/// of a chunk, and its fork joined back, in input order.
pub trait Sink: Send + Sized {
    /// One finding, in input order.
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()>;
    /// An empty sink like this one, for another thread.
    fn fork(&mut self) -> Self;
    /// Takes in what a fork found, after everything this sink found.
    fn join(&mut self, other: Self);
    /// Whether the sink only counts codes: the reader then hands on [`Event::Counted`] for the
    /// usual line, without checking that the whole line is UTF-8 or building its envelope, and
    /// reads a large file from two places at once ([`Reader::read_file`]).
    fn counts_only(&self) -> bool {
        false
    }
    /// Moves every line number this sink keeps `lines` further on: a fork that read from the
    /// middle of a file learns how many lines came before only when it is joined.
    fn shift(&mut self, lines: usize);
}

enum State {
    Idle,
    Headers(HttpResponse),
    Body(HttpResponse),
    Pending {
        buf: Vec<u8>,
        start: usize,
        depth: i64,
        http: Option<HttpResponse>,
    },
}

/// Whether a line could be read on its own.
enum Flow {
    Done,
    /// The line starts something that spans lines; only a reader that keeps state can read it.
    NeedsState,
}

/// Reads envelopes from a byte stream, line by line, keeping the state that spans lines
/// (HTTP headers, a JSON document over several lines).
pub struct Reader {
    state: State,
    line: usize,
    offset: u64,
    members: Vec<Member>,
    /// A helper thread's reader: it stops at the first line that needs state.
    stateless: bool,
    /// Read the next chunk while a helper thread reads lines: only for input that never
    /// blocks (a file), since output is written only after that read.
    prefetch: bool,
    /// Read on this thread alone (another thread reads another part of the same file).
    alone: bool,
    /// The input is the first part of a file: its end is not the end of what is being read.
    open_end: bool,
    /// A stateless reader stopped at a line that needs state: the rest is not read.
    stopped: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

/// Chunks with fewer complete lines than this are read on one thread.
const PARALLEL_MIN_LINES: usize = 2048;

impl Reader {
    /// A reader at the start of its input.
    pub fn new() -> Reader {
        Reader {
            state: State::Idle,
            line: 0,
            offset: 0,
            members: Vec::with_capacity(8),
            stateless: false,
            prefetch: false,
            alone: false,
            open_end: false,
            stopped: false,
        }
    }

    /// [`Reader::read_all`] for a reader made for this input alone.
    pub fn read_all_owned<S: Sink>(
        mut self,
        input: impl Read,
        sink: &mut S,
        chunk_done: impl FnMut(&mut S) -> io::Result<()>,
    ) -> io::Result<u64> {
        self.read_all(input, sink, chunk_done)
    }

    /// Reads ahead: the next chunk is read while a helper thread reads lines. Only for input
    /// that never blocks (a regular file): with a pipe, output would wait for the next read.
    pub fn read_ahead(mut self) -> Reader {
        self.prefetch = true;
        self
    }

    fn helper(line: usize, offset: u64) -> Reader {
        Reader {
            line,
            offset,
            stateless: true,
            ..Reader::new()
        }
    }

    /// [`Reader::read_all`] for a regular file of `len` bytes. When the sink only counts and the
    /// file is large, it is cut at line starts into 32 parts, which every thread
    /// (this one and one more per core) takes in turn and reads with reads of its own, each
    /// into a fork of the sink: no chunk is handed between threads, and a thread held up by
    /// others on its core holds up no more than its part. The forks are then joined in order
    /// where this reader, following along, comes to their start in no state (no open HTTP
    /// response or document); elsewhere, and after a line a part's reader could not read
    /// alone, this reader reads on in order to the end of the part.
    pub fn read_file<S: Sink>(
        mut self,
        file: &std::fs::File,
        len: u64,
        sink: &mut S,
        mut chunk_done: impl FnMut(&mut S) -> io::Result<()>,
    ) -> io::Result<u64> {
        let large = sink.counts_only() && len >= SPLIT_MIN;
        let threads = match large {
            true => std::thread::available_parallelism().map_or(1, |n| n.get()),
            false => 1,
        };
        if threads < 2 {
            // To the end, whatever the size said: a file being written to, or one that tells
            // no size (under /proc), is read as it is read.
            return self.read_all(Part::new(file, 0, u64::MAX), sink, chunk_done);
        }
        let mut bounds = vec![0];
        for k in 1..SEGMENTS {
            match line_after(file, len * k / SEGMENTS, len)? {
                Some(at) if at > bounds[bounds.len() - 1] => bounds.push(at),
                _ => {}
            }
        }
        bounds.push(len);
        let segments = bounds.len() - 1;
        // Taken from the end: the first part first.
        let jobs: Vec<(usize, S)> = (0..segments).rev().map(|k| (k, sink.fork())).collect();
        let jobs = std::sync::Mutex::new(jobs);
        let work = || -> io::Result<Vec<(usize, Reader, S)>> {
            let mut done = Vec::new();
            while let Some((k, mut fork)) = jobs.lock().ok().and_then(|mut jobs| jobs.pop()) {
                let mut reader = Reader {
                    alone: true,
                    ..Reader::helper(0, bounds[k])
                };
                reader.read_all(Part::new(file, bounds[k], bounds[k + 1]), &mut fork, |_| {
                    Ok(())
                })?;
                done.push((k, reader, fork));
            }
            Ok(done)
        };
        let mut parts: Vec<Option<(Reader, S)>> = (0..segments).map(|_| None).collect();
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.min(MAX_THREADS))
                .map(|_| scope.spawn(work))
                .collect();
            let mine = work();
            for done in helpers.into_iter().map(|h| h.join()).chain([Ok(mine)]) {
                let done =
                    done.unwrap_or_else(|_| Err(io::Error::other("a reading thread stopped")));
                for (k, reader, fork) in done? {
                    parts[k] = Some((reader, fork));
                }
            }
            Ok::<_, io::Error>(())
        })?;
        self.alone = true;
        self.prefetch = false;
        self.open_end = true;
        for (k, part) in parts.into_iter().enumerate() {
            let (reader, mut fork) = part.ok_or_else(|| io::Error::other("a part was not read"))?;
            if matches!(self.state, State::Idle) && self.offset == bounds[k] {
                fork.shift(self.line);
                sink.join(fork);
                self.line += reader.line;
                self.offset = reader.offset;
                chunk_done(sink)?;
                if !reader.stopped {
                    continue;
                }
            }
            let from = self.offset;
            self.read_all(Part::new(file, from, bounds[k + 1]), sink, &mut chunk_done)?;
        }
        self.open_end = false;
        self.finish(sink)?;
        chunk_done(sink)?;
        Ok(self.offset)
    }

    /// Reads `input` to its end, handing every finding to `sink` and calling `chunk_done` after
    /// each chunk (to write output as it arrives). Returns the number of bytes read.
    pub fn read_all<S: Sink>(
        &mut self,
        mut input: impl Read,
        sink: &mut S,
        mut chunk_done: impl FnMut(&mut S) -> io::Result<()>,
    ) -> io::Result<u64> {
        std::thread::scope(|scope| {
            let mut helper: Option<Helper<S>> = None;
            let mut buf = vec![0u8; if self.alone { CHUNK / 4 } else { CHUNK }];
            let mut next: Vec<u8> = Vec::new(); // where the next chunk is read ahead
            let (mut start, mut filled) = (0, 0); // unprocessed bytes are buf[start..filled]
            let mut skipping = false; // inside a line longer than MAX_RECORD
            let mut ends: Vec<usize> = Vec::new();
            let mut read_ahead: Option<usize> = None; // bytes already read to buf[filled..]
            loop {
                let n = match read_ahead.take() {
                    Some(n) => n,
                    None => {
                        if filled == buf.len() {
                            buf.copy_within(start..filled, 0);
                            filled -= start;
                            start = 0;
                            if filled == buf.len() {
                                buf.resize((buf.len() * 2).min(MAX_RECORD + CHUNK), 0);
                            }
                        }
                        read_some(&mut input, &mut buf[filled..])?
                    }
                };
                if n == 0 {
                    if start < filled && !skipping {
                        match self.line_at(&buf[start..filled], None, sink)? {
                            Flow::Done => self.offset += (filled - start) as u64,
                            Flow::NeedsState => self.stopped = true,
                        }
                    }
                    if !self.open_end {
                        self.finish(sink)?;
                    }
                    chunk_done(sink)?;
                    return Ok(self.offset);
                }
                let from = filled;
                filled += n;
                ends.clear();
                ends.extend(memchr::memchr_iter(b'\n', &buf[from..filled]).map(|i| from + i));
                let mut lines = &ends[..];
                if skipping {
                    if let Some((&end, rest)) = lines.split_first() {
                        skipping = false;
                        self.offset += (end + 1 - start) as u64;
                        start = end + 1;
                        lines = rest;
                    }
                }
                if !skipping && !lines.is_empty() {
                    let tail = lines[lines.len() - 1] + 1;
                    if self.prefetch && filled - tail <= CHUNK / 2 {
                        // The unfinished last line goes first into the other buffer, the next chunk
                        // after it, read while the lines of this one are being read.
                        next.resize(CHUNK, 0);
                        let kept = filled - tail;
                        next[..kept].copy_from_slice(&buf[tail..filled]);
                        let mut read_next = || read_some(&mut input, &mut next[kept..]);
                        let helper = match self.alone {
                            true => None,
                            false => Helper::get(&mut helper, scope, lines.len()),
                        };
                        let (_, got) =
                            self.lines(&buf, start, lines, sink, helper, Some(&mut read_next))?;
                        chunk_done(sink)?;
                        std::mem::swap(&mut buf, &mut next);
                        (start, filled) = (0, kept);
                        read_ahead = Some(got.unwrap_or(Ok(0))?);
                        continue;
                    }
                    let helper = match self.alone {
                        true => None,
                        false => Helper::get(&mut helper, scope, lines.len()),
                    };
                    start = self.lines(&buf, start, lines, sink, helper, None)?.0;
                    if self.stopped {
                        chunk_done(sink)?;
                        return Ok(self.offset);
                    }
                }
                if filled - start > MAX_RECORD && !skipping {
                    self.line += 1;
                    self.skipped(self.line, Skip::TooLong, sink)?;
                    self.abandon_pending(sink)?;
                    skipping = true;
                }
                if skipping {
                    self.offset += (filled - start) as u64;
                    start = filled;
                }
                chunk_done(sink)?;
            }
        })
    }

    /// Reads the complete lines of `buf` that end at `ends`, the first starting at `start`, on
    /// two threads when there are many and no state is open. Returns where the next line starts.
    /// `during`, when given, runs once, on this thread, while the helper works (or after the
    /// lines, when there is no helper); its result is returned with the offset.
    fn lines<S: Sink>(
        &mut self,
        buf: &[u8],
        start: usize,
        ends: &[usize],
        sink: &mut S,
        helper: Option<&mut Helper<S>>,
        mut during: Option<&mut dyn FnMut() -> io::Result<usize>>,
    ) -> io::Result<(usize, Option<io::Result<usize>>)> {
        let mut during_result = None;
        let mut first = 0;
        let parallel = ends.len() >= PARALLEL_MIN_LINES && matches!(self.state, State::Idle);
        if let (Some(helper), true) = (helper, parallel) {
            // The helper takes the larger share: this thread also reads and splits the input.
            let mid = ends.len() * 2 / 5;
            let (line0, offset0) = (self.line, self.offset);
            let second_start = ends[mid - 1] + 1;
            let (mut bytes, mut rel) = helper.spare.take().unwrap_or_default();
            bytes.clear();
            bytes.extend_from_slice(&buf[second_start..ends[ends.len() - 1]]);
            rel.clear();
            rel.extend(ends[mid..].iter().map(|e| e - second_start));
            let job = Job {
                bytes,
                ends: rel,
                line: line0 + mid,
                offset: offset0 + (second_start - start) as u64,
                sink: sink.fork(),
                result: Ok(None),
            };
            let gone = || io::Error::other("the helper thread stopped");
            helper.jobs.send(job).map_err(|_| gone())?;
            let a = Reader::helper(line0, offset0).run_lines(buf, start, &ends[..mid], sink);
            during_result = during.take().map(|f| f());
            let job = helper.done.recv().map_err(|_| gone())?;
            helper.spare = Some((job.bytes, job.ends));
            let (b, fork) = (job.result, job.sink);
            let done = match a? {
                Some(stopped) => stopped,
                None => {
                    sink.join(fork);
                    mid + b?.unwrap_or(ends.len() - mid)
                }
            };
            first = done;
            let begin = if done == 0 { start } else { ends[done - 1] + 1 };
            self.line = line0 + done;
            self.offset = offset0 + (begin - start) as u64;
        }
        let mut begin = if first == 0 {
            start
        } else {
            ends[first - 1] + 1
        };
        let region = begin;
        let text = match ends.last() {
            Some(&last) if first < ends.len() && !sink.counts_only() => {
                std::str::from_utf8(&buf[region..last]).ok()
            }
            _ => None,
        };
        for &end in &ends[first..] {
            let line = &buf[begin..end];
            if let Flow::NeedsState =
                self.line_at(line, text.map(|t| &t[begin - region..end - region]), sink)?
            {
                // Only a stateless reader stops; it reads nothing more.
                self.stopped = true;
                break;
            }
            self.offset += (end + 1 - begin) as u64;
            begin = end + 1;
        }
        if let Some(f) = during {
            during_result = Some(f());
        }
        Ok((begin, during_result))
    }

    /// A helper's loop: reads lines until one needs state; returns its index, or `None` if all were read.
    fn run_lines<S: Sink>(
        &mut self,
        buf: &[u8],
        start: usize,
        ends: &[usize],
        sink: &mut S,
    ) -> io::Result<Option<usize>> {
        let mut begin = start;
        // One UTF-8 check for all the lines (much faster than one a line); lines are then slices.
        let text = ends
            .last()
            .filter(|_| !sink.counts_only())
            .and_then(|&last| std::str::from_utf8(&buf[start..last]).ok());
        for (i, &end) in ends.iter().enumerate() {
            if let Flow::NeedsState = self.line_at(
                &buf[begin..end],
                text.map(|t| &t[begin - start..end - start]),
                sink,
            )? {
                return Ok(Some(i));
            }
            self.offset += (end + 1 - begin) as u64;
            begin = end + 1;
        }
        Ok(None)
    }

    /// Ends the input: a document still open is truncated.
    fn finish(&mut self, sink: &mut impl Sink) -> io::Result<()> {
        if let State::Pending { buf, start, .. } = std::mem::replace(&mut self.state, State::Idle) {
            let text = String::from_utf8_lossy(buf.strip_suffix(b"\n").unwrap_or(&buf));
            let err = serde_json::from_str::<&RawValue>(&text).err();
            let (line, column, message) = match err {
                Some(e) => (
                    start + e.line() - 1,
                    e.column(),
                    format!("truncated JSON: {}", serde_message(&e)),
                ),
                None => (start, 1, "truncated JSON".to_string()),
            };
            sink.event(Event::Broken {
                line,
                column,
                message,
            })?;
        }
        Ok(())
    }

    fn abandon_pending(&mut self, sink: &mut impl Sink) -> io::Result<()> {
        if let State::Pending { start, .. } = self.state {
            self.state = State::Idle;
            let message = "JSON document longer than the 16 MiB limit".to_string();
            sink.event(Event::Broken {
                line: start,
                column: 1,
                message,
            })?;
        }
        Ok(())
    }

    /// One line, without its `\n`. A helper leaves the line count as it was when it stops.
    fn line_at(
        &mut self,
        mut bytes: &[u8],
        mut text: Option<&str>,
        sink: &mut impl Sink,
    ) -> io::Result<Flow> {
        self.line += 1;
        if self.offset == 0 && bytes.starts_with(b"\xef\xbb\xbf") {
            bytes = &bytes[3..];
            text = text.map(|t| &t[3..]);
        }
        if bytes.ends_with(b"\r") {
            bytes = &bytes[..bytes.len() - 1];
            text = text.map(|t| &t[..t.len() - 1]);
        }
        // The usual line, one envelope object, first: nothing else below needs to look at it.
        if matches!(self.state, State::Idle) && bytes.first() == Some(&b'{') {
            if sink.counts_only() && self.counted_object(bytes, sink)? {
                return Ok(Flow::Done);
            }
            if let Some(text) = text.or_else(|| std::str::from_utf8(bytes).ok()) {
                if self.single_object(text, None, sink)? {
                    return Ok(Flow::Done);
                }
            }
        }
        if let State::Pending { buf, depth, .. } = &mut self.state {
            buf.extend_from_slice(bytes);
            buf.push(b'\n');
            *depth += bracket_depth(bytes);
            if buf.len() > MAX_RECORD {
                self.abandon_pending(sink)?;
            } else if *depth <= 0 {
                let State::Pending {
                    buf, start, http, ..
                } = std::mem::replace(&mut self.state, State::Idle)
                else {
                    unreachable!("matched above")
                };
                self.document(&buf, start, http.as_ref(), sink)?;
            }
            return Ok(Flow::Done);
        }
        if memchr::memchr(0, bytes).is_some() {
            self.skipped(self.line, Skip::Binary, sink)?;
            return Ok(Flow::Done);
        }
        let trimmed = trim_ascii(bytes);
        if let State::Headers(http) = &mut self.state {
            if trimmed.is_empty() {
                let State::Headers(http) = std::mem::replace(&mut self.state, State::Idle) else {
                    unreachable!()
                };
                self.state = State::Body(http);
            } else {
                header(http, &String::from_utf8_lossy(trimmed));
            }
            return Ok(Flow::Done);
        }
        if trimmed.is_empty() {
            return Ok(Flow::Done);
        }
        if trimmed.starts_with(b"HTTP/") {
            if let Some(http) = status_line(&String::from_utf8_lossy(trimmed), self.line) {
                if self.stateless {
                    self.line -= 1;
                    return Ok(Flow::NeedsState);
                }
                self.state = State::Headers(http);
                return Ok(Flow::Done);
            }
        }
        let http = match self.state {
            State::Body(_) => match std::mem::replace(&mut self.state, State::Idle) {
                State::Body(http) => Some(http),
                _ => None,
            },
            _ => None,
        };
        let flow = match text.map_or_else(|| std::str::from_utf8(bytes).ok(), Some) {
            Some(text) => self.text_line(text, false, http, sink)?,
            // Not UTF-8 and no object to find in it: binary data, not a log line.
            None if memchr::memchr(b'{', bytes).is_none() => {
                self.skipped(self.line, Skip::Binary, sink)?;
                Flow::Done
            }
            None => self.text_line(&String::from_utf8_lossy(bytes), true, http, sink)?,
        };
        if let Flow::NeedsState = flow {
            self.line -= 1;
        }
        Ok(flow)
    }

    /// A line that is not part of a multi-line document or of HTTP headers.
    fn text_line(
        &mut self,
        text: &str,
        lossy: bool,
        http: Option<HttpResponse>,
        sink: &mut impl Sink,
    ) -> io::Result<Flow> {
        let line = self.line;
        let origin = Origin {
            line,
            embedded: false,
            lossy,
            http: http.as_ref(),
        };
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        if trimmed.starts_with('{') && self.single_object(trimmed, Some(origin), sink)? {
            return Ok(Flow::Done);
        }
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let mut values = serde_json::Deserializer::from_str(trimmed).into_iter::<&RawValue>();
            let mut found = Vec::new();
            let mut failed = None;
            for next in values.by_ref() {
                match next {
                    Ok(value) => found.push(value.get()),
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            match failed {
                Some(e) if e.is_eof() && found.is_empty() => {
                    if self.stateless {
                        return Ok(Flow::NeedsState);
                    }
                    let depth = bracket_depth(trimmed.as_bytes());
                    let mut buf = Vec::with_capacity(trimmed.len() + 1);
                    buf.extend_from_slice(trimmed.as_bytes());
                    buf.push(b'\n');
                    self.state = State::Pending {
                        buf,
                        start: line,
                        depth,
                        http,
                    };
                    return Ok(Flow::Done);
                }
                // `[2026-11-27 …] ERROR …` is a log line, not a broken array.
                Some(_) if trimmed.starts_with('[') => {}
                Some(e) => {
                    for raw in found {
                        self.value(raw, origin, sink)?;
                    }
                    let column = lead + values.byte_offset() + 1;
                    let message = format!("broken JSON: {}", serde_message(&e));
                    sink.event(Event::Broken {
                        line,
                        column: column.max(e.column()),
                        message,
                    })?;
                    return Ok(Flow::Done);
                }
                None => {
                    for raw in found {
                        self.value(raw, origin, sink)?;
                    }
                    return Ok(Flow::Done);
                }
            }
        }
        self.log_line(text, origin, sink)?;
        Ok(Flow::Done)
    }

    /// `text` as one JSON object and nothing more, checked by the fast scanner: handed on (as an
    /// envelope, or as a line without one) and `true`; `false` if the scanner declines it.
    fn single_object(
        &mut self,
        text: &str,
        origin: Option<Origin<'_>>,
        sink: &mut impl Sink,
    ) -> io::Result<bool> {
        let Some(end) = scan::scan_object(text.as_bytes(), &mut self.members) else {
            return Ok(false);
        };
        if !text.as_bytes()[end..].iter().all(u8::is_ascii_whitespace) {
            return Ok(false);
        }
        let raw = &text[..end];
        let origin = origin.unwrap_or(Origin {
            line: self.line,
            embedded: false,
            lossy: false,
            http: None,
        });
        let members = self
            .members
            .iter()
            .map(|m| (&raw[m.key.clone()], &raw[m.value.clone()]));
        match Envelope::from_members(raw, members) {
            Some(env) => sink.event(Event::Envelope(env, origin))?,
            None => self.nested(raw, origin, sink)?,
        }
        Ok(true)
    }

    /// [`Reader::single_object`] for a sink that only counts: `bytes` as one JSON object and
    /// nothing more, an envelope by its own fields, handed on as [`Event::Counted`] and `true`.
    /// Anything else is `false`, for the full reading (which also words what is wrong).
    fn counted_object(&mut self, bytes: &[u8], sink: &mut impl Sink) -> io::Result<bool> {
        // Where each field's value is (slices are taken only of the fields used).
        let mut slots: [Option<std::ops::Range<usize>>; 5] = Default::default();
        let found = scan::scan_object_with(bytes, |known, key, value| {
            // The scanner's index of an envelope key is its field's (a test holds them equal).
            if let Some(slot) = known.and_then(|index| slots.get_mut(index)) {
                *slot = Some(value);
                return;
            }
            let key = &bytes[key];
            let field = match exact_field(key) {
                Some(field) => field,
                None => match std::str::from_utf8(key).ok().map(|k| Value(k).text()) {
                    Some(key) => match Field::from_key(&key) {
                        Some(field) => field,
                        None => return,
                    },
                    None => return,
                },
            };
            slots[field as usize] = Some(value);
        });
        let end = match found {
            Some(end) if bytes[end..].iter().all(u8::is_ascii_whitespace) => end,
            _ => return Ok(false),
        };
        let [request_id, code, status_code, _, _] = slots;
        if status_code.is_none() && (code.is_none() || request_id.is_none()) {
            // Not an envelope itself, but a whole object: perhaps one is nested inside (a
            // structured log line). Looked for here, without scanning the line again.
            let Ok(raw) = std::str::from_utf8(&bytes[..end]) else {
                return Ok(false);
            };
            let origin = Origin {
                line: self.line,
                embedded: false,
                lossy: false,
                http: None,
            };
            self.nested(raw, origin, sink)?;
            return Ok(true);
        }
        let number = |v: Option<std::ops::Range<usize>>| {
            v.and_then(|v| integer(bytes.get(v)?)).map(|(n, _)| n)
        };
        sink.event(Event::Counted {
            status_code: number(status_code),
            code: number(code),
        })?;
        Ok(true)
    }

    /// A complete multi-line JSON document.
    fn document(
        &mut self,
        buf: &[u8],
        start: usize,
        http: Option<&HttpResponse>,
        sink: &mut impl Sink,
    ) -> io::Result<()> {
        let (text, lossy) = match std::str::from_utf8(buf) {
            Ok(text) => (Cow::Borrowed(text), false),
            Err(_) => (String::from_utf8_lossy(buf), true),
        };
        let origin = Origin {
            line: start,
            embedded: false,
            lossy,
            http,
        };
        for next in serde_json::Deserializer::from_str(&text).into_iter::<&RawValue>() {
            match next {
                Ok(value) => self.value(value.get(), origin, sink)?,
                Err(e) => {
                    let (line, column) = (start + e.line() - 1, e.column());
                    let message = format!("broken JSON: {}", serde_message(&e));
                    return sink.event(Event::Broken {
                        line,
                        column,
                        message,
                    });
                }
            }
        }
        Ok(())
    }

    /// One complete JSON value: an envelope, an array of them, or something else.
    fn value(&mut self, raw: &str, origin: Origin<'_>, sink: &mut impl Sink) -> io::Result<()> {
        if raw.starts_with('[') {
            let items: Vec<&RawValue> = serde_json::from_str(raw).unwrap_or_default();
            let before = items.len();
            for item in items {
                self.value(item.get(), origin, sink)?;
            }
            if before == 0 {
                self.skipped(origin.line, Skip::NotEnvelope, sink)?;
            }
            return Ok(());
        }
        match object_members(raw) {
            Some(members) => match Envelope::from_members(raw, members.into_iter()) {
                Some(env) => sink.event(Event::Envelope(env, origin)),
                None => self.nested(raw, origin, sink),
            },
            None => self.skipped(origin.line, Skip::NotEnvelope, sink),
        }
    }

    /// Tells the sink that `line` (which starts at the current offset) has no envelope.
    fn skipped(&self, line: usize, reason: Skip, sink: &mut impl Sink) -> io::Result<()> {
        sink.event(Event::Skipped {
            line,
            offset: self.offset,
            reason,
        })
    }

    /// An object that is not an envelope: the first envelope among its nested objects, if any
    /// (a structured log line `{"level":"error","response":{…}}`).
    fn nested(&mut self, raw: &str, origin: Origin<'_>, sink: &mut impl Sink) -> io::Result<()> {
        match find_nested(raw, 3) {
            Some(env) => sink.event(Event::Envelope(
                env,
                Origin {
                    embedded: true,
                    ..origin
                },
            )),
            None => self.skipped(origin.line, Skip::NotEnvelope, sink),
        }
    }

    /// A log line: the first envelope in a JSON object after a prefix.
    fn log_line(&mut self, text: &str, origin: Origin<'_>, sink: &mut impl Sink) -> io::Result<()> {
        let bytes = text.as_bytes();
        let mut saw_json = false;
        for (tries, at) in memchr::memchr_iter(b'{', bytes).enumerate() {
            if tries == 32 {
                break;
            }
            let rest = &text[at..];
            let raw = match scan::scan_object(rest.as_bytes(), &mut self.members) {
                Some(end) => &rest[..end],
                None => match serde_json::Deserializer::from_str(rest)
                    .into_iter::<&RawValue>()
                    .next()
                {
                    Some(Ok(value)) if value.get().starts_with('{') => &rest[..value.get().len()],
                    _ => continue,
                },
            };
            saw_json = true;
            let found =
                object_members(raw).and_then(|m| Envelope::from_members(raw, m.into_iter()));
            if let Some(env) = found.or_else(|| find_nested(raw, 3)) {
                return sink.event(Event::Envelope(
                    env,
                    Origin {
                        embedded: true,
                        ..origin
                    },
                ));
            }
        }
        let reason = if saw_json {
            Skip::NotEnvelope
        } else {
            Skip::NoJson
        };
        self.skipped(origin.line, reason, sink)
    }
}

/// Files smaller than this are read on one thread by [`Reader::read_file`].
const SPLIT_MIN: u64 = 16 << 20;

/// How many parts [`Reader::read_file`] cuts a large file into.
const SEGMENTS: u64 = 32;

/// The most threads [`Reader::read_file`] reads with.
const MAX_THREADS: usize = 8;

/// The offset just after the first `\n` at or after `from`, if it comes before `end` and within
/// a chunk's length (a part may well hold a longer line: parts meet only where lines do).
fn line_after(file: &std::fs::File, from: u64, end: u64) -> io::Result<Option<u64>> {
    let mut part = Part::new(file, from, end.min(from + CHUNK as u64));
    let mut buf = vec![0; 64 << 10];
    let mut at = from;
    loop {
        let n = read_some(&mut part, &mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        if let Some(i) = memchr::memchr(b'\n', &buf[..n]) {
            let next = at + i as u64 + 1;
            return Ok((next < end).then_some(next));
        }
        at += n as u64;
    }
}

/// The bytes `at..end` of a file, read without moving the file's own position, so that two
/// threads can read two parts of one file.
struct Part<'f> {
    file: &'f std::fs::File,
    at: u64,
    end: u64,
}

impl<'f> Part<'f> {
    fn new(file: &'f std::fs::File, at: u64, end: u64) -> Part<'f> {
        Part { file, at, end }
    }
}

impl Read for Part<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = usize::try_from(self.end.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let want = buf.len().min(room);
        if want == 0 {
            return Ok(0);
        }
        let n = read_at(self.file, &mut buf[..want], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// Half a chunk of lines for the helper thread, and (when it comes back) what came of it.
struct Job<S> {
    bytes: Vec<u8>,
    /// Where each line ends in `bytes`.
    ends: Vec<usize>,
    line: usize,
    offset: u64,
    sink: S,
    result: io::Result<Option<usize>>,
}

/// A helper thread that stays for the whole input. Starting a thread for each chunk cost more
/// here than the work it took over: it often began only after this thread had finished its
/// own share.
struct Helper<S> {
    jobs: std::sync::mpsc::Sender<Job<S>>,
    done: std::sync::mpsc::Receiver<Job<S>>,
    /// The buffers of the last job, for the next one.
    spare: Option<(Vec<u8>, Vec<usize>)>,
}

impl<S: Sink> Helper<S> {
    /// The helper, started on first use by a chunk with enough lines to share.
    fn get<'h, 'scope>(
        slot: &'h mut Option<Helper<S>>,
        scope: &'scope std::thread::Scope<'scope, '_>,
        lines: usize,
    ) -> Option<&'h mut Helper<S>>
    where
        S: 'scope,
    {
        if slot.is_none() && lines >= PARALLEL_MIN_LINES {
            let (jobs, inbox) = std::sync::mpsc::channel::<Job<S>>();
            let (outbox, done) = std::sync::mpsc::channel();
            scope.spawn(move || {
                for mut job in inbox {
                    let mut reader = Reader::helper(job.line, job.offset);
                    job.result = reader.run_lines(&job.bytes, 0, &job.ends, &mut job.sink);
                    if outbox.send(job).is_err() {
                        break;
                    }
                }
            });
            *slot = Some(Helper {
                jobs,
                done,
                spare: None,
            });
        }
        slot.as_mut()
    }
}

/// One `read`, retried when interrupted.
fn read_some(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// The members of a JSON object, keys unescaped and values as written; `None` for anything else.
fn object_members(raw: &str) -> Option<Vec<(&str, &str)>> {
    let mut members = Vec::new();
    if let Some(end) = scan::scan_object(raw.as_bytes(), &mut members) {
        if raw[end..].trim().is_empty() {
            return Some(
                members
                    .iter()
                    .map(|m| (&raw[m.key.clone()], &raw[m.value.clone()]))
                    .collect(),
            );
        }
    }
    let mut de = serde_json::Deserializer::from_str(raw);
    de.deserialize_map(MembersVisitor).ok()
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Vec<(&'de str, &'de str)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<&'de RawValue>()? {
            let value: &'de RawValue = map.next_value()?;
            members.push((key.get(), value.get()));
        }
        Ok(members)
    }
}

/// The first envelope nested in the object `raw`, looking `levels` deep.
fn find_nested(raw: &str, levels: usize) -> Option<Envelope<'_>> {
    if levels == 0 {
        return None;
    }
    for (_, value) in object_members(raw)? {
        if value.starts_with('{') {
            let found =
                object_members(value).and_then(|m| Envelope::from_members(value, m.into_iter()));
            if let Some(env) = found.or_else(|| find_nested(value, levels - 1)) {
                return Some(env);
            }
        }
    }
    None
}

/// How much a line opens (positive) or closes (negative) `{`/`[` outside strings. JSON strings
/// cannot span lines, so each line is counted on its own.
fn bracket_depth(line: &[u8]) -> i64 {
    let (mut depth, mut in_string, mut escaped) = (0i64, false, false);
    for &b in line {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth -= 1,
                _ => {}
            }
        }
    }
    depth
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// `HTTP/1.1 200 OK`, `HTTP/2 456`.
fn status_line(text: &str, line: usize) -> Option<HttpResponse> {
    let mut parts = text.split_whitespace();
    let version = parts.next()?;
    let status = parts.next()?;
    if !version.starts_with("HTTP/") || status.len() != 3 {
        return None;
    }
    let status = status.parse().ok()?;
    Some(HttpResponse {
        status_line: text.to_string(),
        status,
        request_id: None,
        line,
    })
}

fn header(http: &mut HttpResponse, text: &str) {
    let Some((name, value)) = text.split_once(':') else {
        return;
    };
    let folded: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if folded.ends_with("requestid") && http.request_id.is_none() {
        http.request_id = Some((name.trim().to_string(), value.trim().to_string()));
    }
}

/// serde_json's message without its " at line L column C" (errcode says where itself).
pub fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        seen: Vec<String>,
    }

    impl Sink for Collect {
        fn fork(&mut self) -> Self {
            Collect::default()
        }
        fn join(&mut self, other: Self) {
            self.seen.extend(other.seen);
        }
        fn shift(&mut self, _: usize) {}
        fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
            self.seen.push(match event {
                Event::Envelope(env, origin) => {
                    let code = env
                        .status_code
                        .map(|v| v.text().to_string())
                        .unwrap_or_default();
                    let http = origin
                        .http
                        .map(|h| format!(" http={}", h.status))
                        .unwrap_or_default();
                    format!(
                        "{}:env {code}{http}{}",
                        origin.line,
                        if origin.embedded { " embedded" } else { "" }
                    )
                }
                Event::Counted { status_code, .. } => {
                    format!("env {}", status_code.unwrap_or_default())
                }
                Event::Skipped { line, reason, .. } => format!("{line}:skip {}", reason.slug()),
                Event::Broken { line, column, .. } => format!("{line}:{column}:broken"),
            });
            Ok(())
        }
    }

    fn read(input: &str) -> Vec<String> {
        let mut sink = Collect::default();
        Reader::new()
            .read_all(input.as_bytes(), &mut sink, |_| Ok(()))
            .unwrap();
        sink.seen
    }

    #[test]
    fn every_form() {
        assert_eq!(read(r#"{"StatusCode":200}"#), ["1:env 200"]);
        assert_eq!(
            read("\u{feff}{\"StatusCode\":1}\r\n{\"StatusCode\":2}\r\n"),
            ["1:env 1", "2:env 2"]
        );
        assert_eq!(
            read(r#"{"StatusCode":1}{"StatusCode":2} {"StatusCode":3}"#),
            ["1:env 1", "1:env 2", "1:env 3"]
        );
        assert_eq!(
            read("[{\"StatusCode\":1},\n {\"StatusCode\":2}]\n"),
            ["1:env 1", "1:env 2"]
        );
        assert_eq!(
            read(
                "{\n  \"StatusCode\": 41601,\n  \"Data\": {\"a\": [1,\n2]}\n}\n{\"StatusCode\":3}"
            ),
            ["1:env 41601", "6:env 3"]
        );
        assert_eq!(
            read("HTTP/1.1 403 Forbidden\r\nX-Request-Id: abc\r\n\r\n{\"StatusCode\":42502}\r\n"),
            ["4:env 42502 http=403"]
        );
        assert_eq!(
            read("2026-11-27T08:00:03Z ERROR client response={\"StatusCode\":52502,\"Code\":500}\nplain text\n[2026] {x} no\n"),
            ["1:env 52502 embedded", "2:skip no-json", "3:skip no-json"]
        );
        assert_eq!(
            read(r#"{"level":"error","resp":{"statusCode":"41601"}}"#),
            ["1:env \"41601\" embedded"].map(|s| s.replace('"', ""))
        );
    }

    #[test]
    fn broken_lines_are_reported_and_the_rest_read() {
        assert_eq!(
            read("{\"StatusCode\":1}\n{\"StatusCode\":,}\n{\"StatusCode\":3}\n"),
            ["1:env 1", "2:15:broken", "3:env 3"]
        );
        assert_eq!(read("{\"StatusCode\": 4160"), ["1:19:broken"]);
        assert_eq!(read("{\"foo\": 1}\n"), ["1:skip not-envelope"]);
        assert_eq!(read("a\0b\n"), ["1:skip binary"]);
        assert_eq!(read(""), Vec::<String>::new());
    }

    #[test]
    fn key_case_and_strings_are_noted() {
        let mut members = Vec::new();
        let raw = r#"{"statusCode":"41601","requestId":"r"}"#;
        scan::scan_object(raw.as_bytes(), &mut members).unwrap();
        let env = Envelope::from_members(
            raw,
            members
                .iter()
                .map(|m| (&raw[m.key.clone()], &raw[m.value.clone()])),
        )
        .unwrap();
        assert_eq!(env.status_code.unwrap().as_integer(), Some((41601, true)));
        assert_eq!(env.renamed.len(), 2);
    }

    #[test]
    fn the_scanner_numbers_envelope_keys_as_fields() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names, scan::ENVELOPE_KEYS);
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field as usize, i);
        }
    }

    #[test]
    fn exact_fields_are_told_apart() {
        for field in Field::ALL {
            assert_eq!(
                exact_field(format!("\"{}\"", field.name()).as_bytes()),
                Some(field)
            );
        }
        for other in [
            "\"Cade\"",
            "\"StatusCodf\"",
            "\"RequestIdX\"",
            "\"statusCode\"",
            "\"Dat\"",
            "\"\"",
            "\"Messagf\"",
            "\"Datb\"",
        ] {
            assert_eq!(exact_field(other.as_bytes()), None, "{other}");
        }
        assert!(
            eq_short(b"abcdefghijklmnop", b"abcdefghijklmnop")
                && !eq_short(b"abcdefghijklmnoq", b"abcdefghijklmnop")
        );
        assert!(
            !eq_short(b"xbcdefghij", b"abcdefghij")
                && !eq_short(b"abcde", b"abcdf")
                && eq_short(b"ab", b"ab")
        );
    }

    #[test]
    fn numbers_beyond_128_bits_are_not_integers() {
        assert_eq!(
            Value("99999999999999999999").as_integer(),
            Some((99_999_999_999_999_999_999, false))
        );
        assert_eq!(Value(&"9".repeat(60)).as_integer(), None);
        assert_eq!(Value("-5").as_integer(), Some((-5, false)));
        assert_eq!(Value("1.5").as_integer(), None);
        assert_eq!(Value("\"41601\"").as_integer(), Some((41601, true)));
        assert_eq!(Value("\" 7 \"").as_integer(), Some((7, true)));
        assert_eq!(Value("\"\u{3000}7\"").as_integer(), Some((7, true)));
        assert_eq!(integer(b"123456789"), Some((123_456_789, false)));
        assert_eq!(
            integer(b"-12345678901234567890123456789012345678"),
            Some((-12_345_678_901_234_567_890_123_456_789_012_345_678, false))
        );
        assert_eq!(integer(b"123456789012345678901234567890123456789"), None);
        assert_eq!(integer(b"\"\""), None);
        assert_eq!(integer(b"\""), None);
        assert_eq!(integer(b"-"), None);
        assert_eq!(Value("\"\\u001b\"").text(), "\u{1b}");
    }
}
