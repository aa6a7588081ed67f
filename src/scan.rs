//! A strict, allocation-free JSON object scanner for the common line shape.
//!
//! It validates one JSON object and records where each top-level member's key and value are,
//! without building anything. What it accepts, serde_json accepts too (a property test and a fuzz
//! target check this); whatever it declines (numbers with exponents, nesting deeper than
//! [`MAX_DEPTH`], broken JSON) goes to serde_json, which also words the error.

use std::ops::Range;

/// Deeper nesting is left to serde_json (which stops at 128 levels, without recursion trouble).
pub const MAX_DEPTH: usize = 64;

/// One top-level member: byte ranges of its key (with quotes) and of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The key, quotes included.
    pub key: Range<usize>,
    /// The value, as written.
    pub value: Range<usize>,
}

/// Classes of bytes inside a string: 0 plain, 1 ends the plain run (`"`, `\`, or a control byte).
static STRING_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

#[derive(Clone, Copy)]
enum Expect {
    /// After `{`: a key or `}`.
    FirstKey,
    /// After `,` in an object: a key.
    Key,
    /// After `[`: a value or `]`.
    FirstValue,
    /// A value.
    Value,
    /// After a value: `,` or the closing bracket.
    After,
}

/// Scans one JSON object starting at the first non-whitespace byte of `b`. On success returns
/// the offset just past its closing `}` and fills `members` with the top-level members.
/// `None` means "not accepted here": broken, or a shape left to serde_json.
pub fn scan_object(b: &[u8], members: &mut Vec<Member>) -> Option<usize> {
    members.clear();
    scan_object_with(b, |_, key, value| members.push(Member { key, value }))
}

/// The envelope's keys as the source document writes them, in its order. The scanner tells
/// which of them a member's key is (its index here), having matched it anyway.
pub const ENVELOPE_KEYS: [&str; 5] = ["RequestId", "Code", "StatusCode", "Message", "Data"];

/// [`scan_object`], handing each top-level member to `member` as it is read instead of keeping
/// it: the index in [`ENVELOPE_KEYS`] of its key, if it is one of them written as such, then the
/// byte ranges of the key (with quotes) and of the value. A caller after a few fields keeps no
/// list.
///
/// The top level is a straight loop (key, colon, value, comma), which keeps the usual envelope's
/// branches predictable; nested objects and arrays go to an iterative scanner with a stack.
#[inline(always)]
pub fn scan_object_with(
    b: &[u8],
    mut member: impl FnMut(Option<usize>, Range<usize>, Range<usize>),
) -> Option<usize> {
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        return Some(i + 1);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key_end, known) = match known_key(b, i) {
            Some((end, which)) => (end, Some(which)),
            None => (scan_string(b, i)?, None),
        };
        let key = i..key_end;
        i = ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(b, i + 1);
        let value_start = i;
        i = scan_value(b, i)?;
        member(known, key, value_start..i);
        i = ws(b, i);
        match b.get(i)? {
            b',' => i = ws(b, i + 1),
            b'}' => return Some(i + 1),
            _ => return None,
        }
    }
}

/// The offset past the key at `b[i]` (its opening quote) and its index in [`ENVELOPE_KEYS`],
/// when it is one of them: the usual line's keys are then matched with a word compare or two
/// instead of being scanned byte class by byte class.
#[inline(always)]
fn known_key(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
    };
    const fn le(s: &[u8; 8]) -> u64 {
        u64::from_le_bytes(*s)
    }
    const FIVE: u64 = (1 << 40) - 1;
    let w = word(i + 1)?;
    let (len, which) = if w & FIVE == le(b"Code\"\0\0\0") {
        (5, 1)
    } else if w & FIVE == le(b"Data\"\0\0\0") {
        (5, 4)
    } else if w == le(b"Message\"") {
        (8, 3)
    } else if w == le(b"RequestI") && b.get(i + 9..i + 11) == Some(b"d\"") {
        (10, 0)
    } else if w == le(b"StatusCo") && b.get(i + 9..i + 12) == Some(b"de\"") {
        (11, 2)
    } else {
        return None;
    };
    Some((i + 1 + len, which))
}

/// Scans the value at `b[i]`; returns the offset just past it.
#[inline(always)]
fn scan_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => scan_string(b, i),
        b'-' | b'0'..=b'9' => scan_number(b, i),
        b'{' | b'[' => scan_container(b, i),
        c => {
            let word: &[u8] = match c {
                b't' => b"true",
                b'f' => b"false",
                b'n' => b"null",
                _ => return None,
            };
            b[i..].starts_with(word).then_some(i + word.len())
        }
    }
}

/// `i` itself when `b[i]` is not whitespace (the usual case), else past the whitespace.
#[inline(always)]
fn ws(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r') => skip_ws(b, i),
        _ => i,
    }
}

/// Scans the object or array at `b[i]` without recursion (a stack of at most [`MAX_DEPTH`]
/// open brackets); returns the offset just past it.
fn scan_container(b: &[u8], mut i: usize) -> Option<usize> {
    let mut stack = [0u8; MAX_DEPTH];
    let mut depth = 0;
    let mut expect = Expect::Value;
    loop {
        let c = *b.get(i)?;
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            i = skip_ws(b, i);
            continue;
        }
        match expect {
            Expect::FirstKey | Expect::Key => {
                if c == b'}' && matches!(expect, Expect::FirstKey) {
                    depth -= 1;
                    i += 1;
                    if depth == 0 {
                        return Some(i);
                    }
                    expect = Expect::After;
                } else if c == b'"' {
                    i = ws(b, scan_string(b, i)?);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    i += 1;
                    expect = Expect::Value;
                } else {
                    return None;
                }
            }
            Expect::FirstValue if c == b']' => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
                expect = Expect::After;
            }
            Expect::FirstValue | Expect::Value => match c {
                b'{' | b'[' => {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    stack[depth] = if c == b'{' { b'}' } else { b']' };
                    depth += 1;
                    i += 1;
                    expect = if c == b'{' {
                        Expect::FirstKey
                    } else {
                        Expect::FirstValue
                    };
                }
                _ => {
                    if depth == 0 {
                        return None;
                    }
                    i = scan_value(b, i)?;
                    expect = Expect::After;
                }
            },
            Expect::After => {
                let close = stack[depth - 1];
                if c == b',' {
                    i += 1;
                    expect = if close == b'}' {
                        Expect::Key
                    } else {
                        Expect::Value
                    };
                } else if c == close {
                    depth -= 1;
                    i += 1;
                    if depth == 0 {
                        return Some(i);
                    }
                } else {
                    return None;
                }
            }
        }
    }
}

/// The offset of the first byte at or after `i` that is not JSON whitespace.
#[inline]
pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            break;
        }
        i += 1;
    }
    i
}

/// Scans the string starting at the quote at `b[i]`; returns the offset past its closing quote.
#[inline(always)]
fn scan_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        match skip_plain_words(b, j) {
            Stop::Quote(at) => return Some(at + 1),
            Stop::Other(at) => j = at,
            Stop::Tail(at) => {
                j = at;
                while j < b.len() && !STRING_STOP[b[j] as usize] {
                    j += 1;
                }
            }
        }
        match *b.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => match *b.get(j + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j += 2,
                b'u' => {
                    let hex = b.get(j + 2..j + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    j += 6;
                }
                _ => return None,
            },
            _ => return None, // a raw control character
        }
    }
}

/// Where [`skip_plain_words`] stopped.
enum Stop {
    /// At the closing quote.
    Quote(usize),
    /// At a backslash or a control byte.
    Other(usize),
    /// Fewer than eight bytes were left: the plain run goes on to here at least.
    Tail(usize),
}

/// Skips eight bytes at a time while none of them is `"`, `\` or a control byte (SWAR: the
/// lowest flagged byte of each mask is exact, so the first stop is known without a byte loop).
#[inline(always)]
fn skip_plain_words(b: &[u8], mut j: usize) -> Stop {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = b.get(j..j + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let quote = has_zero(w ^ (ONES * b'"' as u64));
        let stop =
            quote | has_zero(w ^ (ONES * b'\\' as u64)) | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if stop != 0 {
            let at = j + (stop.trailing_zeros() / 8) as usize;
            // The lowest bit of `quote` is exact too: the first stop is a quote when they agree.
            return if quote.trailing_zeros() == stop.trailing_zeros() {
                Stop::Quote(at)
            } else {
                Stop::Other(at)
            };
        }
        j += 8;
    }
    Stop::Tail(j)
}

/// Scans a number at `b[i]`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`. Exponents and very long numbers
/// are declined, so that serde_json decides whether they are in range.
#[inline(always)]
fn scan_number(b: &[u8], i: usize) -> Option<usize> {
    let digits = |mut j: usize| {
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        j
    };
    let mut j = i + usize::from(b[i] == b'-');
    j = match b.get(j)? {
        b'0' => j + 1,
        b'1'..=b'9' => digits(j + 1),
        _ => return None,
    };
    if b.get(j) == Some(&b'.') {
        let fraction = j + 1;
        j = digits(fraction);
        if j == fraction {
            return None;
        }
    }
    if matches!(b.get(j), Some(b'e' | b'E')) || j - i > 40 {
        return None;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Option<Vec<(String, String)>> {
        let mut members = Vec::new();
        let end = scan_object(text.as_bytes(), &mut members)?;
        assert!(text[end..].trim().is_empty(), "{text}: stopped at {end}");
        Some(
            members
                .iter()
                .map(|m| {
                    (
                        text[m.key.clone()].to_string(),
                        text[m.value.clone()].to_string(),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn records_top_level_members_only() {
        let got = scan(
            r#" {"RequestId":"a\"b","Code":0,"Data":{"x":[1,{"y":null}],"z":"}"},"Message":"ok"} "#,
        )
        .unwrap();
        let want = [
            (r#""RequestId""#, r#""a\"b""#),
            (r#""Code""#, "0"),
            (r#""Data""#, r#"{"x":[1,{"y":null}],"z":"}"}"#),
            (r#""Message""#, r#""ok""#),
        ];
        assert_eq!(got, want.map(|(k, v)| (k.to_string(), v.to_string())));
        assert_eq!(scan("{}").unwrap(), []);
        assert_eq!(
            scan(r#"{"a":[],"b":{},"c":-0.5,"d":true,"e":false}"#)
                .unwrap()
                .len(),
            5
        );
    }

    #[test]
    fn envelope_keys_and_their_near_misses_are_read_alike() {
        let keys = [
            "Code",
            "Data",
            "Message",
            "RequestId",
            "StatusCode",
            "Cod",
            "Codex",
            "Dat",
            "Datas",
            "Messag",
            "Messages",
            "RequestI",
            "RequestIdd",
            "StatusCo",
            "StatusCod",
            "StatusCodes",
            "Code\\\"",
            "StatusC\\u006fde",
            "code",
            "",
        ];
        for key in keys {
            for tail in ["", " ", "          "] {
                let text = format!("{{\"{key}\":1,\"{key}\" :\"v\"{tail}}}");
                let want = (format!("\"{key}\""), "1".to_string());
                let got = scan(&text).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(got[0], want, "{text}");
                assert_eq!(got[1].1, "\"v\"", "{text}");
                let mut known = Vec::new();
                scan_object_with(text.as_bytes(), |index, _, _| known.push(index));
                let index = ENVELOPE_KEYS.iter().position(|k| *k == key);
                assert_eq!(known, [index, index], "{text}");
            }
        }
        for bad in [
            "{\"Code",
            "{\"Code\"",
            "{\"StatusCode\"",
            "{\"Message\":",
            "{\"RequestId\"}",
        ] {
            assert_eq!(scan_object(bad.as_bytes(), &mut Vec::new()), None, "{bad}");
        }
    }

    #[test]
    fn declines_what_is_not_strict_json() {
        for bad in [
            "",
            "[]",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":tru}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12g4\"}",
            "{\"a\":[1,]}",
            "{\"a\":[1}",
            "{'a':1}",
            "{\"a\":1e5}",
            "{\"a\":+1}",
            "{\"a\":-}",
            "{\"a\" 1}",
            "{\"a\":1 \"b\":2}",
        ] {
            assert_eq!(
                scan_object(bad.as_bytes(), &mut Vec::new()),
                None,
                "{bad:?}"
            );
        }
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(scan_object(deep.as_bytes(), &mut Vec::new()), None);
    }
}
