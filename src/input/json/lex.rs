//! The tokens of JSON text, found fast: where a string, a number or a run of whitespace ends.

use crate::input::model::Fault;

/// The end (past the closing quote) of the string whose opening quote is at `text[i]`.
/// Control characters other than a line end are taken as they are (logs hold tabs).
#[inline]
pub(crate) fn string_end(text: &[u8], i: usize) -> Result<usize, (usize, Fault)> {
    let mut j = i + 1;
    loop {
        j = match memchr::memchr3(b'"', b'\\', b'\n', &text[j..]) {
            Some(k) => j + k,
            None => return Err((text.len(), Fault::OpenString)),
        };
        match text[j] {
            b'"' => return Ok(j + 1),
            b'\n' => return Err((j, Fault::OpenString)),
            _ => match text.get(j + 1) {
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
        }
    }
}

/// The end of the number at `text[i]`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
#[inline(always)]
pub(crate) fn number_end(text: &[u8], i: usize) -> Option<usize> {
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
    // The usual number, a whole one, ends at punctuation.
    if matches!(text.get(j), None | Some(b',' | b'}' | b']' | b' ')) {
        return Some(j);
    }
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

/// The first offset at or after `i` that is not JSON whitespace.
#[inline(always)]
pub(crate) fn skip_ws(text: &[u8], mut i: usize) -> usize {
    while let Some(&b) = text.get(i) {
        if b > b' ' || !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            break;
        }
        i += 1;
    }
    i
}
