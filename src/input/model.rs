//! The envelope model both API generations share, and what the reader hands its consumer: an
//! envelope borrowed from the input with where it was found, a line passed over, or broken JSON.

use std::borrow::Cow;
use std::io;

/// The five fields of the legacy envelope, as the source document names them. An API 3.0
/// response maps onto the same fields: `Response.RequestId`, `Response.Error.Code` (as
/// [`Field::StatusCode`]) and `Response.Error.Message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `RequestId`: the ID the server gives each request.
    RequestId,
    /// `Code`: 0 answered normally, 500 server-side failure.
    Code,
    /// `StatusCode`: the code of the table.
    StatusCode,
    /// `Message`: the code's text.
    Message,
    /// `Data`: the payload.
    Data,
}

impl Field {
    /// Every field, in the order of the source document.
    pub const ALL: [Field; 5] = [
        Field::RequestId,
        Field::Code,
        Field::StatusCode,
        Field::Message,
        Field::Data,
    ];

    /// The name as the source document writes it.
    pub fn name(self) -> &'static str {
        match self {
            Field::RequestId => "RequestId",
            Field::Code => "Code",
            Field::StatusCode => "StatusCode",
            Field::Message => "Message",
            Field::Data => "Data",
        }
    }
}

/// Which generation of the platform's API an envelope belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Api {
    /// The legacy API: `{"RequestId", "Code", "StatusCode", "Message", "Data"}`.
    Legacy,
    /// Tencent Cloud API 3.0: `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}`.
    V3,
    /// No envelope: an HTTP error status (4xx, 5xx) whose body is none (a gateway's or a
    /// proxy's page, plain text, other JSON, or nothing). Its `raw` is the body as read, and no
    /// field is set; the status is the origin's [`HttpResponse`].
    Http,
}

/// A field's value exactly as written (a string keeps its quotes), borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value<'a>(pub &'a [u8]);

impl<'a> Value<'a> {
    /// Whether the value is a JSON string.
    pub fn is_string(self) -> bool {
        self.0.first() == Some(&b'"')
    }

    /// The whole number this value holds, and whether it was written as a string: `12`, `-0`,
    /// `"12"`. `None` for anything else (`12.0`, `1e3`, `true`, numbers beyond 128 bits).
    #[inline]
    pub fn as_integer(self) -> Option<(i128, bool)> {
        integer(self.0)
    }

    /// Whether the value is written as a whole number (perhaps quoted, perhaps too large to read).
    pub fn is_integer_text(self) -> bool {
        let text = match self.0 {
            [b'"', inner @ .., b'"'] => inner.trim_ascii(),
            other => other,
        };
        let digits = text.strip_prefix(b"-").unwrap_or(text);
        !digits.is_empty() && digits.iter().all(u8::is_ascii_digit)
    }

    /// The value as text: a string's content, unescaped, or anything else as written. Bytes that
    /// are not UTF-8 become U+FFFD.
    pub fn text(self) -> Cow<'a, str> {
        match self.0 {
            [b'"', inner @ .., b'"'] if !inner.contains(&b'\\') => String::from_utf8_lossy(inner),
            [b'"', inner @ .., b'"'] => match serde_json::from_slice::<String>(self.0) {
                Ok(text) => Cow::Owned(text),
                // A lone surrogate escape cannot become a Rust string: keep the text as written.
                Err(_) => String::from_utf8_lossy(inner),
            },
            other => String::from_utf8_lossy(other),
        }
    }

    /// [`Value::text`] of at most `max` characters (with `…` when cut), without reading the
    /// whole of a long value.
    pub fn text_short(self, max: usize) -> Cow<'a, str> {
        let limit = 8 * max + 8;
        if self.0.len() <= limit {
            let text = self.text();
            return match text.char_indices().nth(max) {
                Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
                None => text,
            };
        }
        let head = String::from_utf8_lossy(&self.0[..limit]);
        let head = head.strip_prefix('"').unwrap_or(&head);
        let cut = head.char_indices().nth(max).map_or(head.len(), |(i, _)| i);
        Cow::Owned(format!("{}…", &head[..cut]))
    }

    /// The value as written, as text (U+FFFD for bytes that are not UTF-8).
    pub fn written(self) -> Cow<'a, str> {
        String::from_utf8_lossy(self.0)
    }
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

/// One response envelope, borrowed from the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope<'a> {
    /// The JSON object as read (for an API 3.0 response, the object holding `Response`).
    pub raw: &'a [u8],
    /// Which API generation wrote it.
    pub api: Api,
    /// `RequestId` (3.0: `Response.RequestId`).
    pub request_id: Option<Value<'a>>,
    /// `Code` (legacy only).
    pub code: Option<Value<'a>>,
    /// `StatusCode` (3.0: `Response.Error.Code`).
    pub status_code: Option<Value<'a>>,
    /// `Message` (3.0: `Response.Error.Message`).
    pub message: Option<Value<'a>>,
    /// `Data` (legacy only).
    pub data: Option<Value<'a>>,
    /// Keys read as an envelope field though written otherwise (`statusCode`): (key as written,
    /// field).
    pub renamed: Vec<(Value<'a>, Field)>,
    /// Envelope keys written more than once: (field, the other reading). The reading kept in
    /// the field above is the last one, as JSON parsers keep it. For API 3.0, a second
    /// `Response` (as [`Field::StatusCode`]).
    pub duplicates: Vec<(Field, Value<'a>)>,
    /// API 3.0: the `Response` holds an `Error` member, with a `Code` or not.
    pub error: bool,
    /// Read from an SDK's error string, not from JSON: `raw` and the values are text as
    /// written, not JSON.
    pub text_form: bool,
}

impl<'a> Envelope<'a> {
    /// The value of `field`.
    pub fn get(&self, field: Field) -> Option<Value<'a>> {
        match field {
            Field::RequestId => self.request_id,
            Field::Code => self.code,
            Field::StatusCode => self.status_code,
            Field::Message => self.message,
            Field::Data => self.data,
        }
    }

    /// The fields this envelope's generation has and this envelope does not.
    pub fn missing(&self) -> impl Iterator<Item = Field> + '_ {
        let fields: &[Field] = match self.api {
            Api::Legacy => &Field::ALL,
            // A 3.0 success has no Error: only its RequestId is expected.
            Api::V3 => &[Field::RequestId],
            Api::Http => &[],
        };
        fields.iter().copied().filter(|&f| self.get(f).is_none())
    }
}

/// The HTTP response an envelope came in (`curl -i` or `curl -v` output).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status line, as read (`HTTP/1.1 200 OK`).
    pub status_line: String,
    /// The status code of the status line.
    pub status: u16,
    /// A request-ID header (`X-Request-Id`, `RequestId`…): (name, value).
    pub request_id: Option<(String, String)>,
    /// The `X-TC-Action` header of the request (`curl -v`), when it was seen.
    pub action: Option<String>,
    /// The body came in chunks (`Transfer-Encoding: chunked`).
    pub chunked: bool,
    /// The line of the status line.
    pub line: u64,
}

/// Where an envelope was found.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'r> {
    /// The input's name as given (`-` for stdin).
    pub file: &'r str,
    /// The line it starts on (1-based).
    pub line: u64,
    /// Found after a log prefix, inside another object, or inside a JSON string.
    pub embedded: bool,
    /// The HTTP response it was the body of.
    pub http: Option<&'r HttpResponse>,
    /// The text of its line (for a document over several lines, from its first line; for a
    /// body, the body): where the time it was logged is read. Empty for the usual line whose
    /// object has only envelope fields, which holds no time.
    pub record: &'r [u8],
    /// Where in `record` the envelope (or the JSON string holding it) starts.
    pub start: Option<usize>,
}

/// Why a line was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// No JSON object on the line.
    NoJson,
    /// JSON, but no envelope in it.
    NotEnvelope,
    /// NUL bytes: binary data, not text.
    Binary,
    /// Longer than the limit (16 MiB, counted in decoded bytes).
    TooLong,
    /// None of the keys or marks an envelope needs: ruled out before any parsing.
    NoKey,
    /// JSON close to an envelope that is another API's (`statusCode`, `code` and `requestId`,
    /// an HTTP request log's `StatusCode`).
    Foreign,
    /// Objects nested deeper than the reader looks into (64 levels).
    Deep,
    /// A JSON string that may hold an envelope, inside more JSON strings than are searched (4).
    DeepStrings,
}

impl Skip {
    /// Every reason, in report order.
    pub const ALL: [Skip; 8] = [
        Skip::NoJson,
        Skip::NotEnvelope,
        Skip::Binary,
        Skip::TooLong,
        Skip::NoKey,
        Skip::Foreign,
        Skip::Deep,
        Skip::DeepStrings,
    ];
}

/// What is wrong with JSON that does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A byte where JSON does not allow it (with what was expected there).
    Unexpected {
        /// The byte found.
        found: u8,
        /// What the grammar wanted.
        expected: &'static str,
    },
    /// The line ends inside a string.
    OpenString,
    /// A backslash escape that JSON does not have.
    BadEscape,
    /// A number JSON does not allow (`01`, `1.`, `-`).
    BadNumber,
    /// The input ends inside the document.
    Truncated,
    /// A document longer than the limit.
    TooLong,
}

/// What the reader found, in input order.
#[derive(Debug)]
pub enum Event<'a, 'r> {
    /// An envelope.
    Envelope(&'r Envelope<'a>, &'r Origin<'r>),
    /// A line with no envelope.
    Skipped {
        /// The line (1-based).
        line: u64,
        /// The byte offset of the line in the (decoded) input.
        offset: u64,
        /// Why.
        reason: Skip,
    },
    /// JSON that does not parse: it costs its own line, and the rest is still read.
    Broken {
        /// The line (1-based) the broken JSON starts on.
        line: u64,
        /// The line of the fault.
        fault_line: u64,
        /// The column (1-based, in bytes) of the fault on that line.
        column: u64,
        /// What is wrong.
        fault: Fault,
    },
    /// The reader is about to wait for more input: what was found so far should be handed on
    /// (`tail -f | errcode explain` shows each line as it comes).
    Pause,
    /// An HTTP response with no body (a status line logged on its own, or headers and nothing
    /// after them).
    NoBody {
        /// The line of the status line.
        line: u64,
        /// The status.
        status: u16,
    },
}

/// Receives what the reader finds, in input order.
pub trait Sink {
    /// One finding.
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

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
