//! The usual line, one envelope object, read in one straight pass: the hot path of every
//! input, which hands over exactly what the full scanner would, or declines.

use std::ops::Range;

use super::{is_legacy, number_end, skip_ws, string_end, Found};
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
            b'"' => {
                let end = line_string_end(text, start)?;
                if holds_object(&text[start..end]) {
                    return None;
                }
                end
            }
            b'-' | b'0'..=b'9' => number_end(text, start)?,
            // A payload that may hold an envelope of its own is declined inside.
            b'{' | b'[' => container_end(text, start)?,
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
        (8, 3)
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
    let ws = |i: usize| skip_ws(text, i);
    // An object member's key and its colon, from `text[i]`: the offset of its value.
    let member = |i: usize| -> Option<usize> {
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
        let colon = ws(end);
        (text.get(colon) == Some(&b':')).then(|| ws(colon + 1))
    };
    let mut objects: u64 = 0; // one bit a level: 1 for an object
    let mut depth = 0u32;
    loop {
        // A value starts at `text[i]`.
        let c = *text.get(i)?;
        i = match c {
            b'{' | b'[' => {
                if depth == 64 {
                    return None;
                }
                let object = c == b'{';
                objects = (objects & !(1 << depth)) | (u64::from(object) << depth);
                depth += 1;
                let next = ws(i + 1);
                match (object, text.get(next)) {
                    (true, Some(b'}')) | (false, Some(b']')) => {
                        depth -= 1;
                        next + 1
                    }
                    (true, _) => {
                        i = member(next)?;
                        continue;
                    }
                    (false, _) => {
                        i = next;
                        continue;
                    }
                }
            }
            b'"' => {
                let end = line_string_end(text, i)?;
                if holds_object(&text[i..end]) {
                    return None;
                }
                end
            }
            b'-' | b'0'..=b'9' => number_end(text, i)?,
            b't' | b'f' | b'n' => {
                let word: &[u8] = match c {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if !text[i..].starts_with(word) {
                    return None;
                }
                i + word.len()
            }
            _ => return None,
        };
        // After a value: a comma and the next value, or closing brackets.
        loop {
            if depth == 0 {
                return Some(i);
            }
            let in_object = objects & (1 << (depth - 1)) != 0;
            i = ws(i);
            match (*text.get(i)?, in_object) {
                (b',', true) => {
                    i = member(ws(i + 1))?;
                    break;
                }
                (b',', false) => {
                    i = ws(i + 1);
                    break;
                }
                (b'}', true) | (b']', false) => {
                    depth -= 1;
                    i += 1;
                }
                _ => return None,
            }
        }
    }
}
