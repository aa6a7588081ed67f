//! The tokens of JSON text, found fast: where a string, a number or a run of whitespace ends.

use crate::input::model::Fault;

/// The end (past the closing quote) of the string whose opening quote is at `text[i]`.
/// Control characters other than a line end are taken as they are (logs hold tabs).
#[inline]
pub(crate) fn string_end(text: &[u8], i: usize) -> Result<usize, (usize, Fault)> {
    let mut j = i + 1;
    loop {
        j = match special(text, j) {
            Some(at) => at,
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

/// The first `"`, `\\` or `\n` at or after `text[from]`. What a string holds up to its next
/// quote or escape is mostly short (a key, a code, the text between escaped quotes), where a
/// word at a time beats setting up a vector search: two words so, then memchr.
#[inline(always)]
fn special(text: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // The high bit of each byte of `x` that is zero; exact up to the first zero byte (a borrow
    // may mark bytes after it), which is the one asked for.
    let zeros = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = from;
    for _ in 0..2 {
        let Some(word) = text
            .get(at..at + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let hits = zeros(w ^ (ONES * u64::from(b'"')))
            | zeros(w ^ (ONES * u64::from(b'\\')))
            | zeros(w ^ (ONES * u64::from(b'\n')));
        if hits != 0 {
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    memchr::memchr3(b'"', b'\\', b'\n', &text[at..]).map(|k| at + k)
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

/// The end of the value at `text[i]`, not checked as JSON: a string, a container (to the bracket
/// that closes it, over the strings in it), or a number or word (to the next `,`, `}`, `]` or
/// whitespace). `None` when it does not end within `text`.
pub(crate) fn value_end(text: &[u8], i: usize) -> Option<usize> {
    match *text.get(i)? {
        b'"' => string_end(text, i).ok(),
        b'{' | b'[' => {
            let (mut depth, mut j) = (0usize, i);
            loop {
                match *text.get(j)? {
                    b'"' => {
                        j = string_end(text, j).ok()?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let len = text[i..]
                .iter()
                .take_while(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
                .count();
            (len > 0).then_some(i + len)
        }
    }
}

#[cfg(test)]
mod value_end_tests {
    use super::value_end;

    #[test]
    fn values_end_where_they_close() {
        let end = |text: &str, i| value_end(text.as_bytes(), i);
        assert_eq!(end(r#""a\\"b" x"#, 0), Some(5));
        assert_eq!(end(r#""a\"b" x"#, 0), Some(6));
        assert_eq!(end(r#"{"a":"}","b":[1,{}]}, x"#, 0), Some(20));
        assert_eq!(end("[worker{7}] x", 7), Some(10));
        assert_eq!(end("12, x", 0), Some(2));
        assert_eq!(end("true}", 0), Some(4));
        // Open at the end, or nothing there: no end.
        assert_eq!(end(r#"{"a":"#, 0), None);
        assert_eq!(end(r#""a\"#, 0), None);
        assert_eq!(end("[[]", 0), None);
        assert_eq!(end(", x", 0), None);
        assert_eq!(end("", 0), None);
    }
}

#[cfg(test)]
mod special_tests {
    use super::special;

    #[test]
    fn the_first_quote_escape_or_line_end_at_every_offset() {
        // Each of the three at every position of texts of every length around the word size,
        // with bytes that set the borrow (0x01, 0x80, 0xff) before and after it.
        let filler = [b'a', 0x01, 0x80, 0xff, b'!', b'#', 0x0b, 0x5d];
        for len in 0..40 {
            for hit in [b'"', b'\\', b'\n'] {
                for at in 0..=len {
                    let mut text: Vec<u8> = (0..len).map(|i| filler[i % filler.len()]).collect();
                    if at < len {
                        text[at] = hit;
                        // A later special byte never wins over an earlier one.
                        if at + 1 < len {
                            text[at + 1] = b'"';
                        }
                    }
                    for from in 0..=at.min(len) {
                        let want = text[from..]
                            .iter()
                            .position(|b| matches!(b, b'"' | b'\\' | b'\n'))
                            .map(|k| from + k);
                        assert_eq!(special(&text, from), want, "{text:?} from {from}");
                    }
                }
            }
        }
    }
}
