//! JSON, scanned without recursion and without building anything: a state machine that checks
//! the grammar byte by byte, can stop at the end of a line and go on with the next (a document
//! over several lines), and finds the envelopes in what it scans as their objects close.
//!
//! What is an envelope is decided here, once: an object with a `StatusCode` (legacy), or an
//! object with a `Response` member that holds an `Error` with a `Code` or a `RequestId` (API
//! 3.0), is one unless it lies inside another; an object with only `RequestId` and `Code` is
//! one only when nothing else on its line (or in its document) is.

use std::io;
use std::ops::Range;

use crate::input::fields::{self, Key};
use crate::input::model::{Api, Fault};
use lex::{holds_json, line_string_end, number_end, skip_ws, string_end};

/// Objects nested deeper than this are checked but not looked into for envelope fields.
const TRACKED_DEPTH: usize = 64;

/// Objects with only `RequestId` and `Code` kept for the end of their line, at most.
const HELD: usize = 16;

/// An envelope found by the scanner, as byte ranges of the text it scanned.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Which API generation.
    pub api: Api,
    /// The object.
    pub raw: Range<usize>,
    /// The value of each field, in [`crate::input::Field::ALL`] order.
    pub slots: [Option<Range<usize>>; 5],
    /// Keys written otherwise or twice, boxed: rare, and the usual line's `Found` is built and
    /// moved once a line.
    pub keys: Option<Box<Keys>>,
    /// API 3.0: the `Response` holds an `Error` member (with a `Code` or not).
    pub error: bool,
    /// Where in the scanned text the envelope was found: its start, or for an envelope inside
    /// a JSON string, the string's.
    pub at: usize,
    /// The usual line's object, with no member but the envelope's fields: nothing on its line
    /// can tell when it was logged (read by the one-pass path only; `false` when not known).
    pub bare: bool,
}

impl Found {
    fn new(api: Api, raw: Range<usize>) -> Found {
        Found {
            api,
            at: raw.start,
            raw,
            slots: Default::default(),
            keys: None,
            error: false,
            bare: false,
        }
    }

    /// The keys written otherwise or twice, made if need be.
    fn keys_mut(&mut self) -> &mut Keys {
        self.keys.get_or_insert_with(Box::default)
    }
}

/// The keys of an envelope's fields written otherwise or twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Keys {
    /// The key of a field that was written otherwise, per field.
    pub renamed: [Option<Range<usize>>; 5],
    /// An earlier value of a field whose key was written twice, per field.
    pub duplicates: [Option<Range<usize>>; 5],
}

impl Keys {
    /// `None` when no key was written otherwise or twice.
    fn boxed(
        renamed: [Option<Range<usize>>; 5],
        duplicates: [Option<Range<usize>>; 5],
    ) -> Option<Box<Keys>> {
        let none = |slots: &[Option<Range<usize>>; 5]| slots.iter().all(Option::is_none);
        match none(&renamed) && none(&duplicates) {
            true => None,
            false => Some(Box::new(Keys {
                renamed,
                duplicates,
            })),
        }
    }
}

/// What an API 3.0 `Response` member showed: its `RequestId`, `Error.Code`, `Error.Message`,
/// whether it has an `Error` at all, and a second `Response` member, if the key was written twice.
#[derive(Debug, Clone, Default)]
struct Response {
    request_id: Option<Range<usize>>,
    code: Option<Range<usize>>,
    message: Option<Range<usize>>,
    error: bool,
    other: Option<Range<usize>>,
}

/// What the next token may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value.
    Value,
    /// After `[`: a value or `]`.
    FirstValue,
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in an object: a key.
    Key,
    /// After a key.
    Colon,
    /// After a value: `,` or the closing bracket.
    After,
}

/// What one object at a tracked depth has shown so far.
#[derive(Debug, Clone)]
struct Frame {
    array: bool,
    start: usize,
    /// The key of the member being read, and where it is written.
    key: Key,
    key_at: Range<usize>,
    /// Where the value of the member being read starts (for a value that is an object or array).
    value_start: usize,
    slots: [Option<Range<usize>>; 5],
    renamed: [Option<Range<usize>>; 5],
    duplicates: [Option<Range<usize>>; 5],
    /// API 3.0: `Error.Code` and `Error.Message` of an `Error` member.
    error: Option<[Option<Range<usize>>; 2]>,
    /// API 3.0: a `Response` member that looks like one.
    response: Option<Response>,
    /// An envelope was found inside this object.
    holds_envelope: bool,
}

impl Frame {
    fn new(array: bool, start: usize) -> Frame {
        Frame {
            array,
            start,
            key: Key::Other,
            key_at: 0..0,
            value_start: 0,
            slots: Default::default(),
            renamed: Default::default(),
            duplicates: Default::default(),
            error: None,
            response: None,
            holds_envelope: false,
        }
    }

    /// Whether this object is an envelope of either generation, as far as read.
    fn is_strong(&self) -> bool {
        self.slots[2].is_some() || self.response.is_some()
    }

    /// Takes the value of the member being read.
    fn member(&mut self, value: Range<usize>) {
        let (field, renamed) = match self.key {
            Key::Field(f) => (f, false),
            Key::Renamed(f) => (f, true),
            // An `Error` that is no object (`"Error":"InternalError"`) is an error all the same;
            // an object has been taken in as it closed.
            Key::Error => {
                self.error.get_or_insert([Some(value), None]);
                return;
            }
            _ => return,
        };
        let i = field as usize;
        if let Some(old) = self.slots[i].replace(value) {
            self.duplicates[i].get_or_insert(old);
        }
        if renamed {
            self.renamed[i] = Some(self.key_at.clone());
        }
    }
}

/// How a call to [`Scanner::feed`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The value closed; the offset just past it.
    Complete(usize),
    /// The text is not JSON at this offset.
    Error(usize, Fault),
    /// The text ended with the value still open.
    More,
}

/// The scanner of one JSON value (an object or an array) and the envelopes in it.
#[derive(Debug)]
pub(crate) struct Scanner {
    /// Kinds of the open containers beyond [`TRACKED_DEPTH`], one bit each (1: object).
    deep: Vec<u64>,
    depth: usize,
    expect: Expect,
    frames: Vec<Frame>,
    /// Tokens read since the value opened: a value that breaks after none was perhaps not JSON.
    pub tokens: u64,
    /// Objects with only `RequestId` and `Code`, kept until the end of the scope.
    held: Vec<Found>,
    /// An envelope of either generation was found in this scope.
    scope_has_envelope: bool,
    /// JSON inside JSON strings is looked into (not inside those strings again).
    look_in_strings: bool,
}

impl Scanner {
    /// A scanner that also looks for envelopes written inside JSON strings.
    pub(crate) fn new() -> Scanner {
        Scanner {
            deep: Vec::new(),
            depth: 0,
            expect: Expect::Value,
            frames: Vec::with_capacity(8),
            tokens: 0,
            held: Vec::new(),
            scope_has_envelope: false,
            look_in_strings: true,
        }
    }

    /// Starts a value: the next byte fed must be its `{` or `[`.
    pub(crate) fn start(&mut self) {
        self.deep.clear();
        self.depth = 0;
        self.expect = Expect::Value;
        self.frames.clear();
        self.tokens = 0;
    }

    /// Ends a scope (a line, or a document and the rest of its last line): the objects held for
    /// it are envelopes only when no other envelope was found in it.
    pub(crate) fn end_scope<E>(&mut self, text: &[u8], emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        if !self.scope_has_envelope {
            for found in &self.held {
                emit(text, found)?;
            }
        }
        self.held.clear();
        self.scope_has_envelope = false;
        Ok(())
    }

    /// Forgets the held objects from `from` on (a document that broke is read again).
    pub(crate) fn forget_from(&mut self, from: usize) {
        self.held.retain(|f| f.raw.start < from);
    }

    fn open(&mut self, array: bool, at: usize) {
        if self.depth < TRACKED_DEPTH {
            self.frames.push(Frame::new(array, at));
        } else {
            let level = self.depth - TRACKED_DEPTH;
            if level / 64 >= self.deep.len() {
                self.deep.push(0);
            }
            let bit = 1u64 << (level % 64);
            match array {
                true => self.deep[level / 64] &= !bit,
                false => self.deep[level / 64] |= bit,
            }
        }
        self.depth += 1;
        self.expect = if array {
            Expect::FirstValue
        } else {
            Expect::FirstKey
        };
    }

    /// Whether the innermost open container is an array.
    fn in_array(&self) -> bool {
        if self.depth > TRACKED_DEPTH {
            let level = self.depth - 1 - TRACKED_DEPTH;
            self.deep[level / 64] & (1u64 << (level % 64)) == 0
        } else {
            self.frames.last().is_some_and(|f| f.array)
        }
    }

    /// A scalar member value (or a container's, when it closed) at a tracked depth.
    fn value(&mut self, value: Range<usize>) {
        if self.depth <= TRACKED_DEPTH {
            if let Some(frame) = self.frames.last_mut() {
                if !frame.array {
                    frame.member(value);
                }
            }
        }
    }

    /// Closes the innermost container at `at` (its closing bracket).
    fn close<E>(&mut self, text: &[u8], at: usize, emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        self.depth -= 1;
        if self.depth >= TRACKED_DEPTH {
            self.expect = Expect::After;
            return Ok(());
        }
        let Some(frame) = self.frames.pop() else {
            return Ok(());
        };
        self.expect = Expect::After;
        let range = frame.start..at + 1;
        if !frame.array {
            self.object_closed(text, frame, range.clone(), emit)?;
        }
        if let Some(parent) = self.frames.last_mut() {
            if !parent.array {
                let start = parent.value_start;
                parent.member(start..at + 1);
            }
        }
        Ok(())
    }

    fn object_closed<E>(
        &mut self,
        text: &[u8],
        frame: Frame,
        range: Range<usize>,
        emit: &mut E,
    ) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let inside_envelope = self.frames.iter().any(Frame::is_strong);
        // What the parent learns of this object as its `Error` or `Response` member.
        if let Some(parent) = self.frames.last_mut() {
            match parent.key {
                Key::Error => {
                    let error = [frame.slots[1].clone(), frame.slots[3].clone()];
                    // Of an `Error` written twice, one with a `Code` is kept.
                    if parent.error.as_ref().is_none_or(|e| e[0].is_none()) {
                        parent.error = Some(error);
                    }
                }
                Key::Response
                    if frame.slots[2].is_none()
                        && (frame.error.is_some() || frame.slots[0].is_some()) =>
                {
                    let [code, message] = frame.error.clone().unwrap_or_default();
                    let response = Response {
                        request_id: frame.slots[0].clone(),
                        code,
                        message,
                        error: frame.error.is_some(),
                        other: None,
                    };
                    parent.response = Some(match parent.response.take() {
                        None => response,
                        // `Response` written twice: the one with an error is kept, the other
                        // noted; the verdict holds both.
                        Some(old) if old.error && !response.error => Response {
                            other: Some(range),
                            ..old
                        },
                        Some(_) => Response {
                            other: Some(range),
                            ..response
                        },
                    });
                    return Ok(());
                }
                _ => {}
            }
        }
        if frame.is_strong() {
            // An envelope inside another is handed on too, whatever the order of the keys.
            let found = match frame.response {
                Some(response) => {
                    let mut found = Found::new(Api::V3, range);
                    found.slots[0] = response.request_id;
                    found.slots[2] = response.code;
                    found.slots[3] = response.message;
                    if let Some(other) = response.other {
                        found.keys_mut().duplicates[2] = Some(other);
                    }
                    found.error = response.error;
                    found
                }
                None => Found {
                    keys: Keys::boxed(frame.renamed, frame.duplicates),
                    slots: frame.slots,
                    ..Found::new(Api::Legacy, range)
                },
            };
            self.found_envelope();
            return emit(text, &found);
        }
        let weak = frame.slots[0].is_some() && frame.slots[1].is_some();
        if weak && !frame.holds_envelope && !inside_envelope {
            let found = Found {
                keys: Keys::boxed(frame.renamed, frame.duplicates),
                slots: frame.slots,
                ..Found::new(Api::Legacy, range)
            };
            if self.held.len() == HELD {
                // A scope of many such objects: they are what it holds.
                for found in self.held.drain(..) {
                    emit(text, &found)?;
                }
            }
            self.held.push(found);
        }
        Ok(())
    }

    /// Marks the open objects and the scope as holding an envelope.
    fn found_envelope(&mut self) {
        self.scope_has_envelope = true;
        for f in &mut self.frames {
            f.holds_envelope = true;
        }
    }

    /// Scans `text[from..]` as the continuation of the value (started with [`Scanner::start`]).
    /// Envelopes go to `emit` as their objects close, with the text their ranges are in.
    pub(crate) fn feed<E>(&mut self, text: &[u8], from: usize, emit: &mut E) -> io::Result<Step>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let n = text.len();
        let mut i = from;
        loop {
            while i < n && matches!(text[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if i == n {
                return Ok(Step::More);
            }
            let c = text[i];
            self.tokens += 1;
            match self.expect {
                Expect::FirstKey | Expect::Key => {
                    if c == b'}' && self.expect == Expect::FirstKey {
                        self.close(text, i, emit)?;
                        i += 1;
                        if self.depth == 0 {
                            return Ok(Step::Complete(i));
                        }
                    } else if c == b'"' {
                        let end = match string_end(text, i) {
                            Ok(end) => end,
                            Err(fault) => return Ok(Step::Error(fault.0, fault.1)),
                        };
                        if self.depth <= TRACKED_DEPTH {
                            if let Some(frame) = self.frames.last_mut() {
                                frame.key = fields::key(&text[i..end]);
                                frame.key_at = i..end;
                            }
                        }
                        i = end;
                        self.expect = Expect::Colon;
                    } else {
                        let expected = match self.expect {
                            Expect::FirstKey => "a key or `}`",
                            _ => "a key",
                        };
                        return Ok(Step::Error(i, unexpected(c, expected)));
                    }
                }
                Expect::Colon => {
                    if c != b':' {
                        return Ok(Step::Error(i, unexpected(c, "`:`")));
                    }
                    i += 1;
                    self.expect = Expect::Value;
                }
                Expect::After => {
                    let array = self.in_array();
                    match c {
                        b',' => {
                            i += 1;
                            self.expect = if array { Expect::Value } else { Expect::Key };
                        }
                        b']' if array => {
                            self.close(text, i, emit)?;
                            i += 1;
                            if self.depth == 0 {
                                return Ok(Step::Complete(i));
                            }
                        }
                        b'}' if !array => {
                            self.close(text, i, emit)?;
                            i += 1;
                            if self.depth == 0 {
                                return Ok(Step::Complete(i));
                            }
                        }
                        _ => {
                            let expected = if array { "`,` or `]`" } else { "`,` or `}`" };
                            return Ok(Step::Error(i, unexpected(c, expected)));
                        }
                    }
                }
                Expect::Value | Expect::FirstValue => {
                    if c == b']' && self.expect == Expect::FirstValue {
                        self.close(text, i, emit)?;
                        i += 1;
                        if self.depth == 0 {
                            return Ok(Step::Complete(i));
                        }
                        continue;
                    }
                    if self.depth == 0 && c != b'{' && c != b'[' {
                        return Ok(Step::Error(i, unexpected(c, "`{` or `[`")));
                    }
                    if self.depth > 0 && self.depth <= TRACKED_DEPTH {
                        if let Some(frame) = self.frames.last_mut() {
                            frame.value_start = i;
                        }
                    }
                    match c {
                        b'{' | b'[' => {
                            self.open(c == b'[', i);
                            i += 1;
                        }
                        b'"' => {
                            let end = match string_end(text, i) {
                                Ok(end) => end,
                                Err(fault) => return Ok(Step::Error(fault.0, fault.1)),
                            };
                            if self.look_in_strings && holds_json(&text[i..end]) {
                                self.string_value(&text[i..end], i, emit)?;
                            }
                            self.value(i..end);
                            i = end;
                            self.expect = Expect::After;
                        }
                        b'-' | b'0'..=b'9' => {
                            let end = match number_end(text, i) {
                                Some(end) => end,
                                None => return Ok(Step::Error(i, Fault::BadNumber)),
                            };
                            self.value(i..end);
                            i = end;
                            self.expect = Expect::After;
                        }
                        _ => {
                            let word: &[u8] = match c {
                                b't' => b"true",
                                b'f' => b"false",
                                b'n' => b"null",
                                _ => return Ok(Step::Error(i, unexpected(c, "a value"))),
                            };
                            if !text[i..].starts_with(word) {
                                return Ok(Step::Error(i, unexpected(c, "a value")));
                            }
                            self.value(i..i + word.len());
                            i += word.len();
                            self.expect = Expect::After;
                        }
                    }
                }
            }
        }
    }

    /// A JSON string whose content is JSON (`"{\"StatusCode\":…}"`, as structured loggers write
    /// a response): the envelopes in it, read from its unescaped text.
    fn string_value<E>(&mut self, literal: &[u8], at: usize, emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let Ok(inner) = serde_json::from_slice::<String>(literal) else {
            return Ok(());
        };
        let mut sub = Scanner {
            look_in_strings: false,
            ..Scanner::new()
        };
        let mut any = false;
        let mut counted = |text: &[u8], found: &Found| {
            any = true;
            let found = Found {
                at,
                ..found.clone()
            };
            emit(text, &found)
        };
        // Through `dyn`: the scan of a string's content is not made anew for each nesting.
        let mut emit: &mut dyn FnMut(&[u8], &Found) -> io::Result<()> = &mut counted;
        scan_text(&mut sub, inner.as_bytes(), 0, &mut emit)?;
        sub.end_scope(inner.as_bytes(), &mut emit)?;
        if any {
            self.found_envelope();
        }
        Ok(())
    }
}

/// What [`scan_text`] saw on a line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Seen {
    /// Complete JSON values.
    pub values: u32,
    /// The first fault of a value that started the text and broke within it, with how many
    /// tokens it had read (after none, it was perhaps never JSON: `{main} …`).
    pub fault: Option<(usize, Fault, u64)>,
    /// A value still open at the end of the text, and where it starts.
    pub open: Option<usize>,
    /// The end of the last complete value.
    pub tail: usize,
}

/// Finds the JSON values in `text[from..]` after whatever prefix (a log line's timestamp and
/// level, `resp=`), in order: every `{`, a `[` that starts the text, and a JSON string holding
/// JSON (logfmt's `resp="{\"StatusCode\":…}"`). A value that breaks costs only the bytes up to
/// its fault: scanning goes on there, so the text is read once.
pub(crate) fn scan_text<E>(
    scanner: &mut Scanner,
    text: &[u8],
    from: usize,
    emit: &mut E,
) -> io::Result<Seen>
where
    E: FnMut(&[u8], &Found) -> io::Result<()>,
{
    let mut seen = Seen {
        tail: from,
        ..Seen::default()
    };
    let first = from
        + text[from..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let mut i = from;
    while i < text.len() {
        let at = if i == first && text[i] == b'[' {
            i
        } else {
            match memchr::memchr2(b'{', b'"', &text[i..]) {
                Some(k) => i + k,
                None => break,
            }
        };
        if text[at] == b'"' {
            // Only a string that holds JSON is read here; other quotes are log text.
            if scanner.look_in_strings && text[at + 1..].starts_with(b"{\\\"") {
                if let Ok(end) = string_end(text, at) {
                    scanner.string_value(&text[at..end], at, emit)?;
                    i = end;
                    continue;
                }
            }
            i = at + 1;
            continue;
        }
        scanner.start();
        match scanner.feed(text, at, emit)? {
            Step::Complete(end) => {
                seen.values += 1;
                seen.tail = end;
                i = end;
            }
            Step::More => {
                seen.open = Some(at);
                break;
            }
            Step::Error(fault_at, fault) => {
                if at == first && seen.fault.is_none() {
                    seen.fault = Some((fault_at, fault, scanner.tokens));
                }
                scanner.start();
                // Every value that opened inside this one and was still open breaks at the same
                // byte: scanning goes on from there, not from the next bracket.
                i = fault_at.max(at + 1);
            }
        }
    }
    Ok(seen)
}

fn unexpected(found: u8, expected: &'static str) -> Fault {
    Fault::Unexpected { found, expected }
}

pub(crate) mod lex;
#[cfg(test)]
mod tests;
mod usual;

pub(crate) use usual::usual_object;
