//! From what the scanner found to what the consumer receives: the envelope borrowed from the
//! input, the line it starts on, and whether it was embedded in something else.

use std::io;
use std::ops::Range;

use crate::input::json::{looks_like_json, Found};
use crate::input::model::{Envelope, Event, Field, HttpResponse, Origin, Sink, Value};

/// How many envelopes a call handed on, and where the last one ended.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Emitted {
    pub count: u32,
    pub last_end: Option<usize>,
}

/// The length of the byte-order marks `text` starts with.
pub(crate) fn bom_len(text: &[u8]) -> usize {
    let mut n = 0;
    while text[n..].starts_with(b"\xef\xbb\xbf") {
        n += 3;
    }
    n
}

/// The first byte of `text` that is not whitespace (or a byte-order mark).
pub(crate) fn first_byte(text: &[u8]) -> Option<usize> {
    let from = bom_len(text);
    text[from..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| from + i)
}

/// Line numbers of offsets in a scope of one or more lines, counted on demand from where the
/// last one was asked (envelopes mostly come in order), so a document is counted once.
pub(crate) struct LineAt<'s> {
    scope: &'s [u8],
    /// An offset and its line.
    pub(crate) cursor: std::cell::Cell<(usize, u64)>,
}

impl<'s> LineAt<'s> {
    pub(crate) fn single(number: u64) -> LineAt<'static> {
        LineAt::new(b"", (0, number))
    }

    pub(crate) fn new(scope: &'s [u8], cursor: (usize, u64)) -> LineAt<'s> {
        LineAt {
            scope,
            cursor: std::cell::Cell::new(cursor),
        }
    }

    /// The line of the scope's first byte.
    pub(crate) fn line_of_start(&self) -> u64 {
        let (from, line) = self.cursor.get();
        match from {
            0 => line,
            _ => self.line(0),
        }
    }

    pub(crate) fn line(&self, at: usize) -> u64 {
        let (from, line) = self.cursor.get();
        let at = at.min(self.scope.len());
        // Counted from where the last one was asked, forward or back: envelopes come nearly in
        // order (an inner one before the outer), so a document is counted about once.
        let (lo, hi) = (from.min(at), from.max(at));
        let breaks = memchr::memchr2_iter(b'\n', b'\r', &self.scope[lo..hi])
            .filter(|&i| {
                let i = lo + i;
                !(self.scope[i] == b'\r' && self.scope.get(i + 1) == Some(&b'\n'))
            })
            .count() as u64;
        let line = if at >= from {
            line + breaks
        } else {
            line - breaks
        };
        self.cursor.set((at, line));
        line
    }
}

/// Hands one envelope to the sink. `scope` is the text of the line or document; `text` is
/// where `found`'s ranges are (the scope, or the content of a JSON string in it).
#[allow(clippy::too_many_arguments)]
pub(crate) fn emit(
    sink: &mut impl Sink,
    file: &str,
    http: Option<&HttpResponse>,
    scope: &[u8],
    at_line: &LineAt,
    text: &[u8],
    found: &Found,
    emitted: &mut Emitted,
) -> io::Result<()> {
    emitted.last_end = Some(emitted.last_end.unwrap_or(0).max(found.at_end));
    let line = match found.at {
        0 => at_line.line_of_start(),
        at => at_line.line(at),
    };
    emitted.count += 1;
    let origin = Origin {
        file,
        line,
        embedded: embedded(scope, text, found),
        http,
        record: scope,
        start: Some(found.at),
    };
    sink.event(Event::Envelope(&envelope(text, found), &origin))
}

/// Whether `found` sits inside other text of its line or document `scope`, rather than being
/// it: `text` is where its ranges are.
#[inline]
fn embedded(scope: &[u8], text: &[u8], found: &Found) -> bool {
    let in_scope = std::ptr::eq(text.as_ptr(), scope.as_ptr()) && text.len() == scope.len();
    if !in_scope || found.sdk {
        return true;
    }
    // The usual line starts with its envelope: nothing more to look at.
    found.raw.start != 0 && {
        let first = first_byte(scope).unwrap_or(0);
        // An element of an array that starts the line is not embedded; `[2026-11-27 …]`
        // is a log prefix.
        let at_top =
            found.raw.start == first || (scope[first] == b'[' && looks_like_json(scope, first, 0));
        !at_top
    }
}

/// The envelope `found` names in `text`, where its ranges are.
#[inline]
fn envelope<'t>(text: &'t [u8], found: &Found) -> Envelope<'t> {
    let value = |r: &Option<Range<usize>>| r.clone().map(|r| Value(&text[r]));
    let pairs = |slots: &[Option<Range<usize>>; 5]| -> Vec<(Field, Value<'t>)> {
        Field::ALL
            .iter()
            .zip(slots)
            .filter_map(|(f, r)| Some((*f, Value(&text[r.clone()?]))))
            .collect()
    };
    Envelope {
        raw: &text[found.raw.clone()],
        api: found.api,
        request_id: value(&found.slots[0]),
        code: value(&found.slots[1]),
        status_code: value(&found.slots[2]),
        message: value(&found.slots[3]),
        data: value(&found.slots[4]),
        renamed: found.keys.as_ref().map_or_else(Vec::new, |k| {
            pairs(&k.renamed)
                .into_iter()
                .map(|(f, key)| (key, f))
                .collect()
        }),
        duplicates: found
            .keys
            .as_ref()
            .map_or_else(Vec::new, |k| pairs(&k.duplicates)),
        error: found.error,
        text_form: found.sdk,
    }
}
