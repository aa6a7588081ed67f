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
    /// The key of a field that was written otherwise, per field.
    pub renamed: [Option<Range<usize>>; 5],
    /// An earlier value of a field whose key was written twice, per field.
    pub duplicates: [Option<Range<usize>>; 5],
    /// API 3.0: the `Response` holds an `Error` member (with a `Code` or not).
    pub error: bool,
    /// Where in the scanned text the envelope was found: its start, or for an envelope inside
    /// a JSON string, the string's.
    pub at: usize,
}

impl Found {
    fn new(api: Api, raw: Range<usize>) -> Found {
        Found {
            api,
            at: raw.start,
            raw,
            slots: Default::default(),
            renamed: Default::default(),
            duplicates: Default::default(),
            error: false,
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
                    found.duplicates[2] = response.other;
                    found.error = response.error;
                    found
                }
                None => Found {
                    renamed: frame.renamed,
                    duplicates: frame.duplicates,
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
                renamed: frame.renamed,
                duplicates: frame.duplicates,
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

/// Whether a JSON string literal holds an object (`"{\"…"`, `"[{\"…"`): worth unescaping.
fn holds_json(literal: &[u8]) -> bool {
    literal.starts_with(b"\"{\\\"") || literal.starts_with(b"\"[{\\\"")
}

fn unexpected(found: u8, expected: &'static str) -> Fault {
    Fault::Unexpected { found, expected }
}

/// The end (past the closing quote) of the string whose opening quote is at `text[i]`.
/// Control characters other than a line end are taken as they are (logs hold tabs).
#[inline]
fn string_end(text: &[u8], i: usize) -> Result<usize, (usize, Fault)> {
    let mut j = i + 1;
    loop {
        j = plain_run(text, j);
        match text.get(j) {
            None => return Err((text.len(), Fault::OpenString)),
            Some(b'"') => return Ok(j + 1),
            Some(b'\n') => return Err((j, Fault::OpenString)),
            Some(b'\\') => match text.get(j + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => j += 2,
                Some(b'u')
                    if text
                        .get(j + 2..j + 6)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                {
                    j += 6
                }
                None => return Err((text.len(), Fault::OpenString)),
                Some(_) => return Err((j, Fault::BadEscape)),
            },
            Some(_) => j += 1,
        }
    }
}

/// The offset of the first `"`, `\` or control byte at or after `j` (or the end): eight bytes
/// at a time (SWAR), since most of a line is string content.
#[inline(always)]
fn plain_run(text: &[u8], mut j: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = text.get(j..j + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let stop = has_zero(w ^ (ONES * u64::from(b'"')))
            | has_zero(w ^ (ONES * u64::from(b'\\')))
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if stop != 0 {
            return j + (stop.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < text.len() && !matches!(text[j], b'"' | b'\\' | 0..=0x1f) {
        j += 1;
    }
    j
}

/// The usual line, in one straight pass: one object at `text[at]` with nothing after it but
/// whitespace, whose own members include `StatusCode`, every key written as the source
/// document writes it or naming no field at all. `None` for anything else (a key written
/// otherwise or twice, `Response`, JSON inside a string, a container before `StatusCode` that
/// may hold an envelope, deep nesting, broken JSON): the full scanner reads those, and what
/// this accepts, the full scanner reads alike (a test holds them to it).
pub(crate) fn usual_object(text: &[u8], at: usize) -> Option<Found> {
    let ws = |mut i: usize| {
        while matches!(text.get(i), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            i += 1;
        }
        i
    };
    let mut slots: [Option<Range<usize>>; 5] = Default::default();
    let mut i = ws(at + 1);
    loop {
        if text.get(i) != Some(&b'"') {
            return None;
        }
        let (key_end, known) = match known_key(text, i) {
            Some(found) => found,
            None => {
                let end = string_end(text, i).ok()?;
                if fields::key(&text[i..end]) != Key::Other {
                    return None;
                }
                (end, None)
            }
        };
        i = ws(key_end);
        if text.get(i) != Some(&b':') {
            return None;
        }
        let start = ws(i + 1);
        i = match *text.get(start)? {
            b'"' => {
                let end = string_end(text, start).ok()?;
                if holds_json(&text[start..end]) {
                    return None;
                }
                end
            }
            b'-' | b'0'..=b'9' => number_end(text, start)?,
            b'{' | b'[' => {
                let end = container_end(text, start)?;
                if may_hold_envelope(&text[start..end]) {
                    return None;
                }
                end
            }
            c => {
                let word: &[u8] = match c {
                    b't' => b"true",
                    b'f' => b"false",
                    b'n' => b"null",
                    _ => return None,
                };
                text[start..]
                    .starts_with(word)
                    .then_some(start + word.len())?
            }
        };
        if let Some(field) = known {
            if slots[field].replace(start..i).is_some() {
                return None;
            }
        }
        i = ws(i);
        match text.get(i)? {
            b',' => i = ws(i + 1),
            b'}' => break,
            _ => return None,
        }
    }
    let end = i + 1;
    if slots[2].is_none() || ws(end) != text.len() {
        return None;
    }
    Some(Found {
        slots,
        ..Found::new(Api::Legacy, at..end)
    })
}

/// The end of the key at `text[i]` and its field's index, when it is one of the five written
/// as the source document writes them: a word compare or two.
#[inline(always)]
fn known_key(text: &[u8], i: usize) -> Option<(usize, Option<usize>)> {
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(text.get(at..at + 8)?.try_into().ok()?))
    };
    const fn le(s: &[u8; 8]) -> u64 {
        u64::from_le_bytes(*s)
    }
    const FIVE: u64 = (1 << 40) - 1;
    let w = word(i + 1)?;
    let (len, field) = if w & FIVE == le(b"Code\"\0\0\0") {
        (5, 1)
    } else if w & FIVE == le(b"Data\"\0\0\0") {
        (5, 4)
    } else if w == le(b"Message\"") {
        (8, 3)
    } else if w == le(b"RequestI") && text.get(i + 9..i + 11) == Some(b"d\"") {
        (10, 0)
    } else if w == le(b"StatusCo") && text.get(i + 9..i + 12) == Some(b"de\"") {
        (11, 2)
    } else {
        return None;
    };
    Some((i + 1 + len, Some(field)))
}

/// Whether a member value read before `StatusCode` might hold an envelope of its own (which
/// the full scanner, not knowing yet that the outer object is one, would hand on).
fn may_hold_envelope(value: &[u8]) -> bool {
    memchr::memmem::find(value, b"Response").is_some()
        || value.windows(6).any(|w| w.eq_ignore_ascii_case(b"status"))
}

/// The end of the object or array at `text[i]`, checked as JSON; `None` when it is not, or is
/// nested deeper than 64 levels (left to the full scanner).
fn container_end(text: &[u8], mut i: usize) -> Option<usize> {
    let mut objects: u64 = 0; // one bit a level: 1 for an object
    let mut depth = 0u32;
    let mut expect = Expect::Value;
    loop {
        let c = *text.get(i)?;
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
            continue;
        }
        let in_object = depth > 0 && objects & (1 << (depth - 1)) != 0;
        match (expect, c) {
            (Expect::Value | Expect::FirstValue, b'{' | b'[') => {
                if depth == 64 {
                    return None;
                }
                match c {
                    b'{' => objects |= 1 << depth,
                    _ => objects &= !(1 << depth),
                }
                depth += 1;
                i += 1;
                expect = if c == b'{' {
                    Expect::FirstKey
                } else {
                    Expect::FirstValue
                };
            }
            (Expect::FirstValue, b']') | (Expect::FirstKey, b'}') => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
                expect = Expect::After;
            }
            (Expect::FirstKey | Expect::Key, b'"') => {
                i = string_end(text, i).ok()?;
                expect = Expect::Colon;
            }
            (Expect::Colon, b':') => {
                i += 1;
                expect = Expect::Value;
            }
            (Expect::Value | Expect::FirstValue, b'"') => {
                i = string_end(text, i).ok()?;
                expect = Expect::After;
            }
            (Expect::Value | Expect::FirstValue, b'-' | b'0'..=b'9') => {
                i = number_end(text, i)?;
                expect = Expect::After;
            }
            (Expect::Value | Expect::FirstValue, b't' | b'f' | b'n') => {
                let word: &[u8] = match c {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if !text[i..].starts_with(word) {
                    return None;
                }
                i += word.len();
                expect = Expect::After;
            }
            (Expect::After, b',') => {
                i += 1;
                expect = if in_object {
                    Expect::Key
                } else {
                    Expect::Value
                };
            }
            (Expect::After, b'}') if in_object => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            (Expect::After, b']') if !in_object => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => return None,
        }
    }
}

/// The end of the number at `text[i]`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
#[inline]
fn number_end(text: &[u8], i: usize) -> Option<usize> {
    let digits = |mut j: usize| {
        while text.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut j = i + usize::from(text[i] == b'-');
    j = match text.get(j)? {
        b'0' => j + 1,
        b'1'..=b'9' => digits(j + 1),
        _ => return None,
    };
    if text.get(j) == Some(&b'.') {
        let k = digits(j + 1);
        if k == j + 1 {
            return None;
        }
        j = k;
    }
    if matches!(text.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(text.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let k = digits(j);
        if k == j {
            return None;
        }
        j = k;
    }
    // A number runs into a letter (`12abc`): not JSON.
    if text.get(j).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The envelopes in `text` as (api, raw, StatusCode as written), and what was seen.
    fn scan(text: &str) -> (Vec<(Api, String, Option<String>)>, Seen) {
        let mut out = Vec::new();
        let mut scanner = Scanner::new();
        let mut emit = |t: &[u8], f: &Found| {
            let s = |r: &Range<usize>| String::from_utf8_lossy(&t[r.clone()]).into_owned();
            out.push((f.api, s(&f.raw), f.slots[2].as_ref().map(s)));
            Ok(())
        };
        let seen = scan_text(&mut scanner, text.as_bytes(), 0, &mut emit).unwrap();
        scanner.end_scope(text.as_bytes(), &mut emit).unwrap();
        (out, seen)
    }

    #[test]
    fn every_envelope_on_a_line_in_order() {
        let (found, seen) = scan(r#"a={"StatusCode":1} b={"StatusCode":2}"#);
        let codes: Vec<_> = found.iter().map(|f| f.2.clone().unwrap()).collect();
        assert_eq!(codes, ["1", "2"]);
        assert_eq!(seen.values, 2);
    }

    #[test]
    fn the_logged_request_does_not_beat_the_response() {
        let (found, _) = scan(
            r#"req={"RequestId":"a","Code":0} resp={"RequestId":"a","Code":0,"StatusCode":52502}"#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.as_deref(), Some("52502"));
        // Alone, such an object is the envelope.
        let (found, _) = scan(r#"{"RequestId":"a","Code":500}"#);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_log_records_own_fields_do_not_hide_the_nested_envelope() {
        let (found, _) = scan(
            r#"{"level":"error","request_id":"x","code":500,"response":{"RequestId":"x","Code":0,"StatusCode":41601}}"#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.as_deref(), Some("41601"));
    }

    #[test]
    fn an_envelope_inside_an_envelope_is_handed_on_whatever_the_key_order() {
        let inner = r#"{"RequestId":"1","Code":0,"StatusCode":40006}"#;
        for text in [
            format!(r#"{{"StatusCode":200,"Data":{inner},"Code":0}}"#),
            format!(r#"{{"Data":{inner},"StatusCode":200,"Code":0}}"#),
        ] {
            let (found, _) = scan(&text);
            let mut codes: Vec<_> = found.iter().map(|f| f.2.clone().unwrap()).collect();
            codes.sort();
            assert_eq!(codes, ["200", "40006"], "{text}");
        }
        // A logged request inside an envelope is not one.
        let (found, _) = scan(r#"{"StatusCode":200,"Data":{"RequestId":"1","Code":0}}"#);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn api_3_errors_of_every_shape_and_a_response_written_twice() {
        let mut scanner = Scanner::new();
        let mut got = Vec::new();
        for text in [
            r#"{"Response":{"Error":{},"RequestId":"r"}}"#,
            r#"{"Response":{"Error":"InternalError","RequestId":"r"}}"#,
            r#"{"Response":{"Error":{"Code":"X"},"RequestId":"r"},"Response":{"RequestId":"r"}}"#,
        ] {
            scan_text(&mut scanner, text.as_bytes(), 0, &mut |_, f: &Found| {
                got.push((f.error, f.slots[2].is_some(), f.duplicates[2].is_some()));
                Ok(())
            })
            .unwrap();
        }
        assert_eq!(
            got,
            [
                (true, false, false),
                (true, true, false),
                (true, true, true)
            ]
        );
    }

    #[test]
    fn api_3_responses_and_their_error_code() {
        let text = r#"{"Response":{"Error":{"Code":"ResourceUnavailable.DevOffline","Message":"设备离线"},"RequestId":"6f2c"}}"#;
        let (found, _) = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Api::V3);
        assert_eq!(found[0].1, text);
        assert_eq!(
            found[0].2.as_deref(),
            Some(r#""ResourceUnavailable.DevOffline""#)
        );
        let (found, _) = scan(r#"{"Response":{"TotalCount":0,"RequestId":"6f2c"}}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2, None);
        // Not a 3.0 response: no RequestId, no Error.
        assert!(scan(r#"{"Response":{"TotalCount":0}}"#).0.is_empty());
    }

    #[test]
    fn json_inside_strings() {
        let (found, _) = scan(r#"{"level":"error","resp":"{\"StatusCode\":52502,\"Code\":500}"}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, r#"{"StatusCode":52502,"Code":500}"#);
        let (found, _) = scan(r#"level=error resp="{\"StatusCode\":52502}" took=3ms"#);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_brace_in_the_prefix_is_not_broken_json() {
        let (found, seen) = scan(r#"{main} ERROR resp={"StatusCode":41601}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(seen.fault.map(|f| f.2), Some(2));
        let prefix = "{".repeat(500);
        assert_eq!(
            scan(&format!(r#"{prefix} x={{"StatusCode":1}}"#)).0.len(),
            1
        );
    }

    #[test]
    fn values_inside_a_broken_value_are_kept() {
        let (found, seen) = scan(r#"{"a":{"StatusCode":1} {"StatusCode":2}"#);
        assert_eq!(found.len(), 2);
        assert!(seen.fault.is_some());
    }

    #[test]
    fn an_open_value_is_reported_with_its_start() {
        let (found, seen) = scan(r#"x {"StatusCode":1} resp={"StatusCode": 4"#);
        assert_eq!(found.len(), 1);
        assert_eq!(seen.open, Some(24));
    }

    #[test]
    fn nesting_is_linear_and_does_not_recurse() {
        let deep = "[".repeat(1_000_000) + &"]".repeat(1_000_000);
        let (_, seen) = scan(&deep);
        assert_eq!(seen.values, 1);
        let deep = r#"{"a":"#.repeat(200_000) + "1" + &"}".repeat(200_000);
        assert_eq!(scan(&deep).1.values, 1);
        let unclosed = "[".repeat(1_000_000);
        assert_eq!(scan(&unclosed).1.open, Some(0));
        let mismatched = "[".repeat(100) + &"}".repeat(100);
        assert!(scan(&mismatched).1.fault.is_some());
    }

    #[test]
    fn the_grammar_is_strict() {
        for bad in [
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":tru}"#,
            r#"{"a" 1}"#,
            r#"{"a":1,}"#,
            r#"{a:1}"#,
            r#"{"a":"\x"}"#,
            r#"{"a":12abc}"#,
            r#"[1 2]"#,
        ] {
            let (_, seen) = scan(bad);
            assert_eq!(seen.values, 0, "{bad}");
        }
        for good in [
            r#"{"a":-0.5e+10}"#,
            r#"{"a":[]}"#,
            r#"[{}]"#,
            r#"{"\u00e9":"\""}"#,
        ] {
            assert_eq!(scan(good).1.values, 1, "{good}");
        }
    }

    #[test]
    fn the_usual_line_is_read_alike_by_both_scanners() {
        let lines = [
            r#"{"RequestId":"a","Code":0,"StatusCode":200,"Message":"ok","Data":{"n":[1,2,{"x":null}]}}"#,
            r#"  {"StatusCode": 41601 , "Code" : -0, "x": true, "y": false, "z": 1.5e-3}  "#,
            r#"{"Data":{"Items":[1]},"StatusCode":200}"#,
            r#"{"StatusCode":200,"Data":{"StatusCode":1}}"#,
            r#"{"StatusCode":200,"Data":{"Response":{"RequestId":"r"}}}"#,
            r#"{"Data":{"statusCode":1},"StatusCode":200}"#,
            r#"{"Data":{"Response":{"RequestId":"r"}},"StatusCode":200}"#,
            r#"{"Data":"{"StatusCode":1}","StatusCode":200}"#,
            r#"{"StatusCode":200,"statusCode":1}"#,
            r#"{"StatusCode":200,"StatusCode":1}"#,
            r#"{"StatusCode":200,"Error":{"Code":"X"}}"#,
            r#"{"StatusCode":200,"Response":{"RequestId":"r"}}"#,
            r#"{"Code":0,"RequestId":"a"}"#,
            r#"{"StatusCode":200} x"#,
            r#"{"StatusCode":200,}"#,
            r#"{"StatusCode":01}"#,
            r#"{"StatusCode":"200","Message":""quoted" \ 	"}"#,
            r#"{"StatusCode":200,"Data":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
            r#"{"StatusCode":200,"Data":[}"#,
            r#"{"StatusCode":200,"Data":{"a":1,}}"#,
            "{\"StatusCode\":200,\"Message\":\"tab\there\"}",
        ];
        for line in lines {
            let text = line.as_bytes();
            let first = text.iter().position(|b| *b == b'{').unwrap();
            let mut full = Vec::new();
            let mut scanner = Scanner::new();
            let mut emit = |_: &[u8], f: &Found| {
                full.push((
                    f.api,
                    f.raw.clone(),
                    f.slots.clone(),
                    f.renamed.clone(),
                    f.duplicates.clone(),
                ));
                Ok(())
            };
            scan_text(&mut scanner, text, 0, &mut emit).unwrap();
            scanner.end_scope(text, &mut emit).unwrap();
            if let Some(f) = usual_object(text, first) {
                let fast = (f.api, f.raw, f.slots, f.renamed, f.duplicates);
                assert_eq!(full, [fast], "{line}");
            }
        }
        assert!(usual_object(lines[0].as_bytes(), 0).is_some());
        assert!(usual_object(lines[5].as_bytes(), 0).is_none());
    }

    #[test]
    fn duplicate_keys_keep_both_readings() {
        let mut scanner = Scanner::new();
        let text = br#"{"StatusCode":52502,"Code":0,"StatusCode":200}"#;
        let mut got = None;
        scan_text(&mut scanner, text, 0, &mut |_, f: &Found| {
            got = Some(f.clone());
            Ok(())
        })
        .unwrap();
        let f = got.unwrap();
        assert_eq!(&text[f.slots[2].clone().unwrap()], b"200");
        assert_eq!(&text[f.duplicates[2].clone().unwrap()], b"52502");
    }
}
