//! The one place where JSON keys are matched to envelope fields, and where numbers are read.

use crate::input::model::Field;

/// What a key of an object names, for the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// An envelope field, written as the source document writes it.
    Field(Field),
    /// An envelope field written otherwise (`statusCode`, `request_id`): a note says so.
    Renamed(Field),
    /// `Response`, in any case: the API 3.0 envelope's one member.
    Response,
    /// `Error`, in any case: the API 3.0 error, inside `Response`.
    Error,
    /// `Status`, in any case: another API's response, not API 3.0's.
    Status,
    /// Anything else.
    Other,
}

/// The key `raw` (with its quotes, as written) names. The usual spellings are told apart by
/// length and a byte, then compared once; others in any case, and with `_` or `-` between the
/// words of `StatusCode` and `RequestId` (`status_code`, `REQUEST-ID`).
#[inline]
pub(crate) fn key(raw: &[u8]) -> Key {
    let inner = &raw[1..raw.len() - 1];
    let exact = match inner.len() {
        4 if inner == b"Code" => Some(Key::Field(Field::Code)),
        4 if inner == b"Data" => Some(Key::Field(Field::Data)),
        5 if inner == b"Error" => Some(Key::Error),
        7 if inner == b"Message" => Some(Key::Field(Field::Message)),
        8 if inner == b"Response" => Some(Key::Response),
        9 if inner == b"RequestId" => Some(Key::Field(Field::RequestId)),
        10 if inner == b"StatusCode" => Some(Key::Field(Field::StatusCode)),
        _ => None,
    };
    if let Some(key) = exact {
        return key;
    }
    if inner.len() > 12 {
        return Key::Other;
    }
    let mut folded = [0u8; 12];
    folded[..inner.len()].copy_from_slice(inner);
    folded.make_ascii_lowercase();
    let field = match &folded[..inner.len()] {
        b"requestid" | b"request_id" | b"request-id" => Field::RequestId,
        b"code" => Field::Code,
        b"statuscode" | b"status_code" | b"status-code" => Field::StatusCode,
        b"message" => Field::Message,
        b"data" => Field::Data,
        b"response" => return Key::Response,
        b"error" => return Key::Error,
        b"status" => return Key::Status,
        _ => return Key::Other,
    };
    Key::Renamed(field)
}

/// The whole number a JSON value (as written) holds, and whether it was written as a string:
/// `12`, `-0`, `"12"`, `" 12 "`. `None` for anything else, including `12.0`, `1e3` and numbers
/// beyond 128 bits.
#[inline(always)]
pub(crate) fn integer(written: &[u8]) -> Option<(i128, bool)> {
    // The usual case, first: a few digits, unquoted.
    if (1..=9).contains(&written.len()) && written.iter().all(u8::is_ascii_digit) {
        let n = written
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        return Some((i128::from(n), false));
    }
    integer_otherwise(written)
}

/// [`integer`] of a value that is not a few unquoted digits.
#[inline(never)]
fn integer_otherwise(written: &[u8]) -> Option<(i128, bool)> {
    let (text, quoted) = match written {
        [b'"', inner @ .., b'"'] => (inner.trim_ascii(), true),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_matched_exactly_then_folded() {
        assert_eq!(key(br#""StatusCode""#), Key::Field(Field::StatusCode));
        assert_eq!(key(br#""statusCode""#), Key::Renamed(Field::StatusCode));
        assert_eq!(key(br#""request_id""#), Key::Renamed(Field::RequestId));
        assert_eq!(key(br#""REQUEST-ID""#), Key::Renamed(Field::RequestId));
        assert_eq!(key(br#""Response""#), Key::Response);
        assert_eq!(key(br#""Error""#), Key::Error);
        assert_eq!(key(br#""response""#), Key::Response);
        assert_eq!(key(br#""ERROR""#), Key::Error);
        assert_eq!(key(br#""status""#), Key::Status);
        assert_eq!(key(br#""StatusCodes""#), Key::Other);
        assert_eq!(key(br#""Cod""#), Key::Other);
        assert_eq!(key(br#""""#), Key::Other);
        assert_eq!(key(br#""Stat\u0075sCode""#), Key::Other);
        assert_eq!(key(br#""a_very_long_key_name""#), Key::Other);
    }

    #[test]
    fn integers_as_json_writes_them() {
        assert_eq!(integer(b"52502"), Some((52502, false)));
        assert_eq!(integer(b"-0"), Some((0, false)));
        assert_eq!(integer(b"\"0\""), Some((0, true)));
        assert_eq!(integer(b"\" 41601 \""), Some((41601, true)));
        assert_eq!(integer(b"0.0"), None);
        assert_eq!(integer(b"500.0"), None);
        assert_eq!(integer(b"1e3"), None);
        assert_eq!(integer(b"true"), None);
        assert_eq!(integer(b"[500]"), None);
        assert_eq!(integer(b"\"\""), None);
        assert_eq!(integer(b"-"), None);
        assert_eq!(
            integer(&[b'9'; 38]),
            Some(("9".repeat(38).parse::<i128>().unwrap(), false))
        );
        assert_eq!(integer(&[b'9'; 39]), None);
    }
}
