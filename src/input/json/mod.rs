//! JSON, scanned without recursion and without building anything: a state machine that checks
//! the grammar byte by byte, can stop at the end of a line and go on with the next (a document
//! over several lines), and finds the envelopes in what it scans as their objects close.
//!
//! What is an envelope is decided here, once, with every key matched in any case:
//! - legacy: an object with a `StatusCode` of five digits, or a `StatusCode` with a `Code` or
//!   a `Message` beside it (an HTTP request log's `StatusCode` and `RequestId` are not enough);
//! - API 3.0: an object with a `Response` member that holds a string `RequestId` and has no
//!   `Code`, `Status` or `StatusCode` of its own.
//!
//! Objects that come close and are neither are remembered, so that the line's skip says so.
//! Every JSON string that may hold an envelope is unescaped and searched like a line of its
//! own, down to [`STRING_DEPTH`] strings inside strings; so is a journald `MESSAGE` written as
//! an array of bytes, and a CSV field whose quotes are doubled.

use std::io;
use std::ops::Range;

use crate::input::fields::{self, FieldName};
use crate::input::model::{Api, Fault, Field};
use crate::input::prefilter::has_sdk_marker;
use crate::input::sdk;
use lex::{number_end, skip_ws, string_end};

/// Objects nested deeper than this are checked but not looked into for envelope fields.
pub(crate) const TRACKED_DEPTH: usize = 64;

/// JSON strings inside JSON strings are searched this deep (a Docker record whose line is a
/// zap record whose field holds the envelope as a string is three deep).
pub(crate) const STRING_DEPTH: u8 = 4;

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
    /// Where the envelope, or the JSON string holding it, ends in the scanned text.
    pub at_end: usize,
    /// An SDK's error string (`[TencentCloudSDKError] Code=…`), not JSON.
    pub sdk: bool,
}

impl Found {
    fn new(api: Api, raw: Range<usize>) -> Found {
        Found {
            api,
            at: raw.start,
            at_end: raw.end,
            raw,
            slots: Default::default(),
            keys: None,
            error: false,
            sdk: false,
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
    FieldName,
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
    key: FieldName,
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
    /// A `Status` member: another API's response, not a `Response` of API 3.0.
    status: bool,
}

impl Frame {
    fn new(array: bool, start: usize) -> Frame {
        Frame {
            array,
            start,
            key: FieldName::Other,
            key_at: 0..0,
            value_start: 0,
            slots: Default::default(),
            renamed: Default::default(),
            duplicates: Default::default(),
            error: None,
            response: None,
            status: false,
        }
    }

    /// Whether this object is a legacy envelope, by [`is_legacy`].
    fn is_legacy(&self, text: &[u8]) -> bool {
        let as_written = self.renamed[Field::StatusCode as usize].is_none();
        is_legacy(text, &self.slots, as_written)
    }

    /// Whether this object, as the value of a `Response` member, is an API 3.0 response: a
    /// string `RequestId`, and no `Code`, `Status` or `StatusCode` of its own.
    fn is_response(&self, text: &[u8]) -> bool {
        self.slots[Field::RequestId as usize]
            .as_ref()
            .is_some_and(|r| text[r.start] == b'"')
            && self.slots[Field::Code as usize].is_none()
            && self.slots[Field::StatusCode as usize].is_none()
            && !self.status
    }

    /// Whether this object came close to an envelope without being one (another API's
    /// `statusCode`, `code` and `requestId`, an HTTP request log's `StatusCode`).
    fn is_near(&self) -> bool {
        self.slots[Field::StatusCode as usize].is_some()
            || (self.slots[Field::RequestId as usize].is_some()
                && self.slots[Field::Code as usize].is_some())
    }

    /// Takes the value of the member being read.
    fn member(&mut self, value: Range<usize>) {
        let (field, renamed) = match self.key {
            FieldName::Field(f) => (f, false),
            FieldName::Renamed(f) => (f, true),
            // An `Error` that is no object (`"Error":"InternalError"`) is an error all the same;
            // an object has been taken in as it closed.
            FieldName::Error => {
                self.error.get_or_insert([Some(value), None]);
                return;
            }
            FieldName::Status => {
                self.status = true;
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

/// The legacy envelope rule, on an object's fields (`slots`, ranges of `text`): a `StatusCode`
/// of five digits, or one with a `Code` or a `Message` beside it; a `StatusCode` not written
/// `as_written` (`statusCode`, as the error bodies of NestJS, Fastify and Hapi are) needs five
/// digits, or 200.
fn is_legacy(text: &[u8], slots: &[Option<Range<usize>>; 5], as_written: bool) -> bool {
    let Some(status) = &slots[Field::StatusCode as usize] else {
        return false;
    };
    let value = crate::input::model::integer(&text[status.clone()]).map(|(n, _)| n);
    let five_digits = value.is_some_and(|n| (10_000..=99_999).contains(&n));
    let beside = slots[Field::Code as usize].is_some() || slots[Field::Message as usize].is_some();
    five_digits || (beside && (as_written || value == Some(200)))
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

/// Where a scan goes on after a token (`Ok`: the offset of the next token), or how it ends
/// (`Err`: its step, or the consumer's error).
type Token = Result<usize, io::Result<Step>>;

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
    /// How many more levels of JSON strings inside JSON strings are searched.
    strings_left: u8,
    /// What the scan passed over without an envelope, for the line's skip reason.
    pub passed: Passed,
    /// The text being searched, from where the search began, holds an SDK error string's mark:
    /// the text outside its values is searched for SDK strings, and its strings for the mark.
    /// Looked for once in the text, not in each string.
    marked: bool,
    /// A quote in the text being searched opens a string that never closes.
    unclosed: bool,
    /// Where the last JSON string searched ends, in the value being read.
    searched_to: usize,
}

/// What a scan passed over that may explain a line without an envelope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Passed {
    /// An object close to an envelope that is none (another API's response, a request log).
    pub near: bool,
    /// Objects nested deeper than [`TRACKED_DEPTH`], which were checked but not looked into.
    pub deep: bool,
    /// A JSON string that may hold an envelope, inside more than [`STRING_DEPTH`] others.
    pub deep_strings: bool,
}

impl Passed {
    fn add(&mut self, other: Passed) {
        self.near |= other.near;
        self.deep |= other.deep;
        self.deep_strings |= other.deep_strings;
    }
}

impl Scanner {
    /// A scanner of a line's text, which also searches the JSON strings in it.
    pub(crate) fn new() -> Scanner {
        Scanner::inside_strings(STRING_DEPTH)
    }

    /// A scanner that searches `strings_left` more levels of strings inside strings.
    fn inside_strings(strings_left: u8) -> Scanner {
        Scanner {
            deep: Vec::new(),
            depth: 0,
            expect: Expect::Value,
            frames: Vec::with_capacity(8),
            tokens: 0,
            strings_left,
            passed: Passed::default(),
            marked: false,
            unclosed: false,
            searched_to: 0,
        }
    }

    /// Starts a value: the next byte fed must be its `{` or `[`.
    pub(crate) fn start(&mut self) {
        self.searched_to = 0;
        self.deep.clear();
        self.depth = 0;
        self.expect = Expect::Value;
        self.frames.clear();
        self.tokens = 0;
    }

    fn open(&mut self, array: bool, at: usize) {
        if self.depth < TRACKED_DEPTH {
            self.frames.push(Frame::new(array, at));
        } else {
            self.passed.deep = true;
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
        } else if self.frames.last().is_some_and(|p| {
            !p.array
                && matches!(
                    p.key,
                    FieldName::Field(Field::Message) | FieldName::Renamed(Field::Message)
                )
        }) {
            // journald writes a `MESSAGE` that is not UTF-8 as an array of its bytes.
            self.byte_string(&text[range.clone()], range.start, emit)?;
        }
        if let Some(parent) = self.frames.last_mut() {
            if !parent.array {
                let start = parent.value_start;
                parent.member(start..at + 1);
            }
        }
        Ok(())
    }

    /// An object closed at `range`: what its parent learns of it, or the envelope it is, or
    /// whether it came close to being one.
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
        if self.tell_parent(text, &frame, &range) {
            return Ok(());
        }
        // An envelope inside another is handed on too, whatever the order of the keys.
        if let Some(response) = frame.response {
            let mut found = Found::new(Api::V3, range);
            found.slots[0] = response.request_id;
            found.slots[2] = response.code;
            found.slots[3] = response.message;
            if let Some(other) = response.other {
                found.keys_mut().duplicates[2] = Some(other);
            }
            found.error = response.error;
            return emit(text, &found);
        }
        if frame.is_legacy(text) {
            let found = Found {
                keys: Keys::boxed(frame.renamed, frame.duplicates),
                slots: frame.slots,
                ..Found::new(Api::Legacy, range)
            };
            return emit(text, &found);
        }
        let response_like = self
            .frames
            .last()
            .is_some_and(|p| p.key == FieldName::Response)
            && (frame.slots[0].is_some() || frame.error.is_some());
        if frame.is_near() || response_like {
            self.passed.near = true;
        }
        Ok(())
    }

    /// What the parent learns of this object (`frame`, at `range`) as its `Error` or
    /// `Response` member. Returns whether the object was its parent's `Response`, which the
    /// parent's envelope holds.
    #[inline]
    fn tell_parent(&mut self, text: &[u8], frame: &Frame, range: &Range<usize>) -> bool {
        let Some(parent) = self.frames.last_mut() else {
            return false;
        };
        match parent.key {
            FieldName::Error => {
                let error = [frame.slots[1].clone(), frame.slots[3].clone()];
                // Of an `Error` written twice, one with a `Code` is kept.
                if parent.error.as_ref().is_none_or(|e| e[0].is_none()) {
                    parent.error = Some(error);
                }
                false
            }
            FieldName::Response if frame.is_response(text) => {
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
                        other: Some(range.clone()),
                        ..old
                    },
                    Some(_) => Response {
                        other: Some(range.clone()),
                        ..response
                    },
                });
                true
            }
            _ => false,
        }
    }

    /// Scans `text[from..]` as the continuation of the value (started with [`Scanner::start`]).
    /// Envelopes go to `emit` as their objects close, with the text their ranges are in.
    pub(crate) fn feed<E>(&mut self, text: &[u8], from: usize, emit: &mut E) -> io::Result<Step>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        self.marked = has_sdk_marker(&text[from..]);
        self.scan(text, from, emit)
    }

    /// [`Scanner::feed`], `marked` told for `text[from..]` already.
    fn scan<E>(&mut self, text: &[u8], from: usize, emit: &mut E) -> io::Result<Step>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let n = text.len();
        let mut i = from;
        loop {
            i = skip_ws(text, i);
            if i == n {
                return Ok(Step::More);
            }
            let c = text[i];
            self.tokens += 1;
            let token = match self.expect {
                Expect::FirstKey | Expect::FieldName => self.key(text, i, c, emit),
                Expect::Colon => self.colon(i, c),
                Expect::After => self.after(text, i, c, emit),
                Expect::Value | Expect::FirstValue => self.value_token(text, i, c, emit),
            };
            match token {
                Ok(next) => i = next,
                Err(end) => return end,
            }
        }
    }

    /// The token `c` at `text[i]` where a key is expected (or `}` after `{`): where the scan
    /// goes on, or how it ends.
    #[inline(always)]
    fn key<E>(&mut self, text: &[u8], i: usize, c: u8, emit: &mut E) -> Token
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        if c == b'}' && self.expect == Expect::FirstKey {
            return self.closed(text, i, emit);
        }
        if c != b'"' {
            let expected = match self.expect {
                Expect::FirstKey => "a key or `}`",
                _ => "a key",
            };
            return Err(Ok(Step::Error(i, unexpected(c, expected))));
        }
        let end = match string_end(text, i) {
            Ok(end) => end,
            Err(fault) => return Err(Ok(Step::Error(fault.0, fault.1))),
        };
        if self.depth <= TRACKED_DEPTH {
            if let Some(frame) = self.frames.last_mut() {
                frame.key = fields::key(&text[i..end]);
                frame.key_at = i..end;
            }
        }
        self.expect = Expect::Colon;
        Ok(end)
    }

    /// The token `c` at `i` where the `:` after a key is expected.
    #[inline(always)]
    fn colon(&mut self, i: usize, c: u8) -> Token {
        if c != b':' {
            return Err(Ok(Step::Error(i, unexpected(c, "`:`"))));
        }
        self.expect = Expect::Value;
        Ok(i + 1)
    }

    /// The token `c` at `text[i]` after a value: a `,`, or the bracket that closes the
    /// container.
    #[inline(always)]
    fn after<E>(&mut self, text: &[u8], i: usize, c: u8, emit: &mut E) -> Token
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let array = self.in_array();
        match c {
            b',' => {
                self.expect = if array {
                    Expect::Value
                } else {
                    Expect::FieldName
                };
                Ok(i + 1)
            }
            b']' if array => self.closed(text, i, emit),
            b'}' if !array => self.closed(text, i, emit),
            _ => {
                let expected = if array { "`,` or `]`" } else { "`,` or `}`" };
                Err(Ok(Step::Error(i, unexpected(c, expected))))
            }
        }
    }

    /// The token `c` at `text[i]` where a value is expected (or `]` after `[`).
    #[inline(always)]
    fn value_token<E>(&mut self, text: &[u8], i: usize, c: u8, emit: &mut E) -> Token
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        if c == b']' && self.expect == Expect::FirstValue {
            return self.closed(text, i, emit);
        }
        if self.depth == 0 && c != b'{' && c != b'[' {
            return Err(Ok(Step::Error(i, unexpected(c, "`{` or `[`"))));
        }
        if self.depth > 0 && self.depth <= TRACKED_DEPTH {
            if let Some(frame) = self.frames.last_mut() {
                frame.value_start = i;
            }
        }
        let end = match c {
            b'{' | b'[' => {
                self.open(c == b'[', i);
                return Ok(i + 1);
            }
            b'"' => match string_end(text, i) {
                Ok(end) => {
                    self.string_value(&text[i..end], i, emit).map_err(Err)?;
                    end
                }
                Err(fault) => return Err(Ok(Step::Error(fault.0, fault.1))),
            },
            b'-' | b'0'..=b'9' => match number_end(text, i) {
                Some(end) => end,
                None => return Err(Ok(Step::Error(i, Fault::BadNumber))),
            },
            _ => match literal_end(text, i) {
                Some(end) => end,
                None => return Err(Ok(Step::Error(i, unexpected(c, "a value")))),
            },
        };
        self.value(i..end);
        self.expect = Expect::After;
        Ok(end)
    }

    /// Closes the container whose closing bracket is at `text[i]`: the scan goes on after it,
    /// or ends there if it was the outermost.
    #[inline(always)]
    fn closed<E>(&mut self, text: &[u8], i: usize, emit: &mut E) -> Token
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        self.close(text, i, emit).map_err(Err)?;
        match self.depth {
            0 => Err(Ok(Step::Complete(i + 1))),
            _ => Ok(i + 1),
        }
    }

    /// A JSON string at `text[at]` (`literal`, with its quotes): searched like a line when it
    /// may hold an envelope, from its unescaped text.
    fn string_value<E>(&mut self, literal: &[u8], at: usize, emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        self.searched_to = at + literal.len();
        let marked = || self.marked && has_sdk_marker(literal);
        if memchr::memchr(b'{', literal).is_none() && !marked() {
            return Ok(());
        }
        match unescape(&literal[1..literal.len() - 1]) {
            Some(inner) => self.search_inside(&inner, at..at + literal.len(), emit),
            None => Ok(()),
        }
    }

    /// journald's `MESSAGE` written as an array of byte values (`[123,34,…]`), at `text[at]`:
    /// the bytes, searched like a line.
    fn byte_string<E>(&mut self, array: &[u8], at: usize, emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let inner = &array[1..array.len() - 1];
        let mut bytes = Vec::with_capacity(inner.len() / 3);
        for number in inner.split(|&b| b == b',') {
            match crate::input::model::integer(number.trim_ascii()) {
                Some((n @ 0..=255, false)) => bytes.push(n as u8),
                _ => return Ok(()),
            }
        }
        if !may_hold_envelope(&bytes) {
            return Ok(());
        }
        self.search_inside(&bytes, at..at + array.len(), emit)
    }

    /// `inner`, the text a value at `outer` of the scanned text holds, searched like a line one
    /// level down; what it finds is placed at `outer`.
    fn search_inside<E>(
        &mut self,
        inner: &[u8],
        outer: Range<usize>,
        emit: &mut E,
    ) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        if self.strings_left == 0 {
            self.passed.deep_strings = true;
            return Ok(());
        }
        let mut sub = Scanner::inside_strings(self.strings_left - 1);
        let mut placed = |text: &[u8], found: &Found| {
            let found = Found {
                at: outer.start,
                at_end: outer.end,
                ..found.clone()
            };
            emit(text, &found)
        };
        // Through `dyn`: the search of a string's content is not made anew for each nesting.
        let mut emit: &mut dyn FnMut(&[u8], &Found) -> io::Result<()> = &mut placed;
        search(&mut sub, inner, 0, &mut emit)?;
        self.passed.add(sub.passed);
        Ok(())
    }
}

/// Whether text (or a JSON string literal, escaped) may hold an envelope worth a search: an
/// object, or an SDK's error string.
fn may_hold_envelope(text: &[u8]) -> bool {
    memchr::memchr(b'{', text).is_some() || has_sdk_marker(text)
}

/// The end of the literal `true`, `false` or `null` at `text[at]`; `None` when there is none.
#[inline(always)]
fn literal_end(text: &[u8], at: usize) -> Option<usize> {
    let word: &[u8] = match text[at] {
        b't' => b"true",
        b'f' => b"false",
        b'n' => b"null",
        _ => return None,
    };
    text[at..].starts_with(word).then(|| at + word.len())
}

/// The unescaped content of a JSON string (without its quotes); `None` when it is not one.
/// Bytes beyond ASCII are kept as they are; a lone surrogate becomes U+FFFD.
pub(crate) fn unescape(content: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &content[i..]) {
        out.extend_from_slice(&content[i..i + k]);
        i += k + 1;
        let c = *content.get(i)?;
        i += 1;
        let byte = match c {
            b'"' | b'\\' | b'/' => c,
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let hex = |at: usize| -> Option<u32> {
                    let digits = std::str::from_utf8(content.get(at..at + 4)?).ok()?;
                    u32::from_str_radix(digits, 16).ok()
                };
                let mut unit = hex(i)?;
                i += 4;
                if (0xd800..0xdc00).contains(&unit) && content[i..].starts_with(b"\\u") {
                    if let Some(low @ 0xdc00..=0xdfff) = hex(i + 2) {
                        unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                        i += 6;
                    }
                }
                let c = char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER);
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                continue;
            }
            _ => return None,
        };
        out.push(byte);
    }
    out.extend_from_slice(&content[i..]);
    Some(out)
}

/// Whether a value that broke after `tokens` tokens looked like JSON from its first byte: an
/// object that got past its first key, or an array of objects, arrays or strings (`[2026-11-27
/// …]` and `{main}` are log prefixes).
pub(crate) fn looks_like_json(text: &[u8], at: usize, tokens: u64) -> bool {
    match text[at] {
        b'{' => tokens > 2 || text.get(at + 1) == Some(&b'"'),
        b'[' => matches!(
            text[at + 1..].iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[' | b'"' | b']')
        ),
        _ => false,
    }
}

/// The usual envelope object (see [`usual_object`]) at `text[brace]`, the first brace of the
/// line `text` (from `from`), when it is the one JSON value that [`search`] would read there
/// after a prefix of log text (`2026-… ERROR … resp={…}`): what the search finds, read in one
/// pass. `None` where the search might read more: a line that starts with `[` (read as an
/// array from there), a quote just before the brace that opens a string of JSON (`"{\"…`,
/// `"[{\"…`); the usual reading declines a line with an SDK string's mark in it.
pub(crate) fn usual_in_line(text: &[u8], from: usize, brace: usize) -> Option<Found> {
    let first = first_non_blank(text, from);
    let before = &text[..brace];
    if text.get(first) == Some(&b'[') || before.ends_with(b"\"") || before.ends_with(b"\"[") {
        return None;
    }
    usual_object(text, brace)
}

/// What [`search`] saw on a line.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LineSearch {
    /// Complete JSON values.
    pub values: u32,
    /// The first fault of a value that started the text, or that looked like JSON after a
    /// prefix, and broke within it: where the value starts, where it broke, and how many tokens
    /// it had read (after none, it was perhaps never JSON: `{main} …`).
    pub fault: Option<(usize, usize, Fault, u64)>,
    /// A value still open at the end of the text, and where it starts.
    pub open: Option<usize>,
    /// The end of the last complete value.
    pub tail: usize,
}

/// Searches `text[from..]` like a line of a log: the JSON values in it after whatever prefix (a
/// log line's timestamp and level, `resp=`), in order: every `{`, a `[` that starts the text,
/// a JSON string in the text between them (logfmt's `resp="{\"StatusCode\":…}"`), a CSV
/// field with doubled quotes (`"{""StatusCode"":…}"`); and the SDK error strings in the text
/// outside those values. A value that breaks costs only the bytes up to its fault: searching
/// goes on there, so the text is read once.
pub(crate) fn search<E>(
    scanner: &mut Scanner,
    text: &[u8],
    from: usize,
    emit: &mut E,
) -> io::Result<LineSearch>
where
    E: FnMut(&[u8], &Found) -> io::Result<()>,
{
    let mut seen = LineSearch {
        tail: from,
        ..LineSearch::default()
    };
    let first = first_non_blank(text, from);
    scanner.marked = has_sdk_marker(&text[from..]);
    scanner.unclosed = false;
    // What an earlier line's search passed over says nothing of this one's.
    scanner.passed = Passed::default();
    // The text outside values starts here.
    let mut outside = from;
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
            i = scanner.quoted(text, at, &mut outside, emit)?;
            continue;
        }
        scanner.sdk_errors(text, outside..at, emit)?;
        if text[at + 1..].starts_with(b"\"\"") {
            // A CSV field with doubled quotes (`"{""StatusCode"":…}"`), as log platforms
            // export a message: searched with its quotes made single.
            let end = csv_content_end(text, at);
            scanner.search_inside(&undouble(&text[at..end]), at..end, emit)?;
            (outside, i) = (end, end);
            continue;
        }
        match scanner.value_in_line(text, at, first, &mut seen, emit)? {
            Some(next) => (outside, i) = next,
            None => return Ok(seen),
        }
    }
    scanner.sdk_errors(text, outside..text.len(), emit)?;
    Ok(seen)
}

/// The offset of the first byte of `text[from..]` that is not blank (the end if none).
#[inline(always)]
fn first_non_blank(text: &[u8], from: usize) -> usize {
    from + text[from..]
        .iter()
        .take_while(|b| b.is_ascii_whitespace())
        .count()
}

impl Scanner {
    /// The value that opens at `text[at]` in a [`search`] of a line whose first byte that is
    /// not blank is at `first`, read and noted in `seen`. Returns where the text outside values
    /// and the search go on, or `None` when the value is still open at the end of the text.
    #[inline(always)]
    fn value_in_line<E>(
        &mut self,
        text: &[u8],
        at: usize,
        first: usize,
        seen: &mut LineSearch,
        emit: &mut E,
    ) -> io::Result<Option<(usize, usize)>>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        self.start();
        match self.scan(text, at, emit)? {
            Step::Complete(end) => {
                seen.values += 1;
                seen.tail = end;
                Ok(Some((end, end)))
            }
            Step::More => {
                seen.open = Some(at);
                Ok(None)
            }
            Step::Error(fault_at, fault) => {
                // The strings that closed before the fault were searched; the text after them
                // is searched again, as text.
                let outside = self.searched_to.max(at);
                let tokens = self.tokens;
                if seen.fault.is_none() && (at == first || looks_like_json(text, at, tokens)) {
                    seen.fault = Some((at, fault_at, fault, tokens));
                }
                self.start();
                // Every value that opened inside this one and was still open breaks at the same
                // byte: searching goes on from there, not from the next bracket.
                Ok(Some((outside, fault_at.max(at + 1))))
            }
        }
    }
    /// A quote at `text[at]` in the text between values: a JSON string that holds JSON is
    /// searched, and the text before it is searched for SDK strings first; other quotes are log
    /// text. Returns where to go on.
    fn quoted<E>(
        &mut self,
        text: &[u8],
        at: usize,
        outside: &mut usize,
        emit: &mut E,
    ) -> io::Result<usize>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        let rest = &text[at + 1..];
        if self.unclosed || !(rest.starts_with(b"{\\\"") || rest.starts_with(b"[{\\\"")) {
            return Ok(at + 1);
        }
        match string_end(text, at) {
            Ok(end) => {
                self.sdk_errors(text, *outside..at, emit)?;
                self.string_value(&text[at..end], at, emit)?;
                *outside = end;
                Ok(end)
            }
            // No quote after this one closes a string either (the escapes are read in step
            // from the quote on): none is tried again, so the text is read once.
            Err((end, Fault::OpenString)) if end == text.len() => {
                self.unclosed = true;
                Ok(at + 1)
            }
            Err(_) => Ok(at + 1),
        }
    }
}

/// Where the content of a CSV field with doubled quotes, from `text[at]`, ends: at its
/// closing quote (a `"` not doubled), or at the end of the text.
fn csv_content_end(text: &[u8], at: usize) -> usize {
    let mut i = at;
    while let Some(k) = memchr::memchr(b'"', &text[i..]) {
        i += k;
        if text.get(i + 1) != Some(&b'"') {
            return i;
        }
        i += 2;
    }
    text.len()
}

/// A CSV field's content with its doubled quotes made single.
fn undouble(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len());
    let mut i = 0;
    while i < content.len() {
        out.push(content[i]);
        i += if content[i] == b'"' && content.get(i + 1) == Some(&b'"') {
            2
        } else {
            1
        };
    }
    out
}

impl Scanner {
    /// The SDK error strings in `text[range]`, text outside JSON values.
    fn sdk_errors<E>(&self, text: &[u8], range: Range<usize>, emit: &mut E) -> io::Result<()>
    where
        E: FnMut(&[u8], &Found) -> io::Result<()>,
    {
        if !self.marked {
            return Ok(());
        }
        sdk::each(&text[range.clone()], |e| {
            let shift = |r: Range<usize>| r.start + range.start..r.end + range.start;
            let mut found = Found::new(Api::V3, shift(e.raw));
            found.slots[Field::RequestId as usize] = e.request_id.map(shift);
            let code = shift(e.code);
            found.slots[Field::StatusCode as usize] = (!code.is_empty()).then_some(code);
            found.slots[Field::Message as usize] = e.message.map(shift);
            found.error = true;
            found.sdk = true;
            emit(text, &found)
        })
    }
}

fn unexpected(found: u8, expected: &'static str) -> Fault {
    Fault::Unexpected { found, expected }
}

pub(crate) mod lex;
mod one_pass;
#[cfg(test)]
mod tests;

pub(crate) use one_pass::usual_object;
