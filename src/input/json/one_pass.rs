//! The usual line, one envelope object, read in one straight pass: the hot path of every
//! input, which hands over exactly what the full scanner would, or declines.

use std::ops::{ControlFlow, Range};

use super::{is_legacy, literal_end, number_end, skip_ws, string_end, Found};
use crate::input::fields::{self, FieldName};
use crate::input::model::{Api, Field};
use crate::input::prefilter::has_sdk_marker;

/// Whether a string (as written, with its quotes) holds an object's brace: it may hold an
/// envelope.
fn holds_object(literal: &[u8]) -> bool {
    memchr::memchr(b'{', literal).is_some()
}

/// The end (past its closing quote) of the string at `text[i]`.
fn line_string_end(text: &[u8], i: usize) -> Option<usize> {
    string_end(text, i).ok()
}

/// The end of the string at `text[i]`, when it holds no object's brace: a string that does may
/// hold an envelope.
#[inline(always)]
fn plain_string_end(text: &[u8], i: usize) -> Option<usize> {
    let end = line_string_end(text, i)?;
    (!holds_object(&text[i..end])).then_some(end)
}

/// The usual line, in one straight pass: one object at `text[at]` with nothing after it but
/// whitespace, a legacy envelope whose members are the envelope's fields, each key written as
/// the source document writes it (a record with members of its own, such as zap's or Docker's,
/// is declined at its first key). `None` for anything else (a key written otherwise or
/// twice, `Response`, a string that may hold an envelope, a container that may, deep nesting,
/// broken JSON): the full scanner reads those, and what this accepts, the full scanner reads
/// alike (a test holds them to it). `text` is one line: it holds no `\n`.
pub(crate) fn usual_object(text: &[u8], at: usize) -> Option<Found> {
    let ws = |i: usize| skip_ws(text, i);
    let mut slots: [Option<Range<usize>>; 5] = Default::default();
    let mut i = ws(at + 1);
    loop {
        if text.get(i) != Some(&b'"') {
            return None;
        }
        // A member of the record's own (zap's `level`, Docker's `log`): not the usual line.
        let (key_end, field) = known_key(text, i)?;
        i = ws(key_end);
        if text.get(i) != Some(&b':') {
            return None;
        }
        let start = ws(i + 1);
        i = match *text.get(start)? {
            b'"' => plain_string_end(text, start)?,
            b'-' | b'0'..=b'9' => number_end(text, start)?,
            // journald writes a `Message` that is not UTF-8 as an array of its bytes, which may
            // spell an envelope or an SDK string: the full scanner reads it as text.
            b'[' if field == MESSAGE => return None,
            // A payload that may hold an envelope of its own is declined inside.
            b'{' | b'[' => container_end(text, start)?,
            _ => literal_end(text, start)?,
        };
        if slots[field].replace(start..i).is_some() {
            return None;
        }
        i = ws(i);
        match text.get(i)? {
            b',' => i = ws(i + 1),
            b'}' => break,
            _ => return None,
        }
    }
    let end = i + 1;
    // Every key is written as the source document writes it. An SDK string's mark can only
    // be in a string here, which is declined: looked for once in the line, last, not in each
    // string.
    if ws(end) != text.len() || !is_legacy(text, &slots, true) || has_sdk_marker(text) {
        return None;
    }
    Some(Found {
        slots,
        ..Found::new(Api::Legacy, at..end)
    })
}

/// The index of `Message` among the fields' slots.
const MESSAGE: usize = 3;

/// The end of the key at `text[i]` and its field's index, when it is one of the five written
/// as the source document writes them: a word compare or two.
#[inline(always)]
fn known_key(text: &[u8], i: usize) -> Option<(usize, usize)> {
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
        (8, MESSAGE)
    } else if w == le(b"RequestI") && text.get(i + 9..i + 11) == Some(b"d\"") {
        (10, 0)
    } else if w == le(b"StatusCo") && text.get(i + 9..i + 12) == Some(b"de\"") {
        (11, 2)
    } else {
        return None;
    };
    Some((i + 1 + len, field))
}

/// The end of the object or array at `text[i]`, checked as JSON; `None` when it is not, when
/// it is nested deeper than 64 levels, or when it may hold an envelope of its own (a key that
/// names `StatusCode`, `Response` or `Message`, or a string that holds `{` or an SDK string's
/// mark): the full scanner reads those.
fn container_end(text: &[u8], mut i: usize) -> Option<usize> {
    let mut open = Open::default();
    loop {
        // A value starts at `text[i]`.
        let end = match open.value(text, i)? {
            ControlFlow::Continue(next) => {
                i = next;
                continue;
            }
            ControlFlow::Break(end) => end,
        };
        match open.after_value(text, end)? {
            ControlFlow::Continue(next) => i = next,
            ControlFlow::Break(end) => return Some(end),
        }
    }
}

/// The containers open in [`container_end`].
#[derive(Default)]
struct Open {
    /// One bit a level: 1 for an object.
    objects: u64,
    depth: u32,
}

impl Open {
    /// The value at `text[i]`: where it ends (`Break`), or, for a container that is not empty,
    /// where its first value starts (`Continue`); `None` where [`container_end`] declines.
    #[inline(always)]
    fn value(&mut self, text: &[u8], i: usize) -> Option<ControlFlow<usize, usize>> {
        let end = match *text.get(i)? {
            c @ (b'{' | b'[') => {
                if self.depth == 64 {
                    return None;
                }
                let object = c == b'{';
                self.objects =
                    (self.objects & !(1 << self.depth)) | (u64::from(object) << self.depth);
                self.depth += 1;
                let next = skip_ws(text, i + 1);
                match (object, text.get(next)) {
                    (true, Some(b'}')) | (false, Some(b']')) => {
                        self.depth -= 1;
                        next + 1
                    }
                    (true, _) => return member(text, next).map(ControlFlow::Continue),
                    (false, _) => return Some(ControlFlow::Continue(next)),
                }
            }
            b'"' => plain_string_end(text, i)?,
            b'-' | b'0'..=b'9' => number_end(text, i)?,
            _ => literal_end(text, i)?,
        };
        Some(ControlFlow::Break(end))
    }

    /// After a value that ends at `text[i]`: a comma and where the next value starts
    /// (`Continue`), or closing brackets and, once the outermost closed, its end (`Break`).
    #[inline(always)]
    fn after_value(&mut self, text: &[u8], mut i: usize) -> Option<ControlFlow<usize, usize>> {
        loop {
            if self.depth == 0 {
                return Some(ControlFlow::Break(i));
            }
            let in_object = self.objects & (1 << (self.depth - 1)) != 0;
            i = skip_ws(text, i);
            match (*text.get(i)?, in_object) {
                (b',', true) => {
                    return member(text, skip_ws(text, i + 1)).map(ControlFlow::Continue)
                }
                (b',', false) => return Some(ControlFlow::Continue(skip_ws(text, i + 1))),
                (b'}', true) | (b']', false) => {
                    self.depth -= 1;
                    i += 1;
                }
                _ => return None,
            }
        }
    }
}

/// An object member's key and its colon, from `text[i]`: the offset of its value; `None` for
/// a key that [`container_end`] declines.
#[inline(always)]
fn member(text: &[u8], i: usize) -> Option<usize> {
    if text.get(i) != Some(&b'"') {
        return None;
    }
    let end = line_string_end(text, i)?;
    // A key that may make an envelope of its object, or name a journald MESSAGE of
    // bytes: the full scanner reads it.
    if (9..=13).contains(&(end - i))
        && matches!(
            fields::key(&text[i..end]),
            FieldName::Field(Field::StatusCode | Field::Message)
                | FieldName::Renamed(Field::StatusCode | Field::Message)
                | FieldName::Response
        )
    {
        return None;
    }
    let colon = skip_ws(text, end);
    (text.get(colon) == Some(&b':')).then(|| skip_ws(text, colon + 1))
}
