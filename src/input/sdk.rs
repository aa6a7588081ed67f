//! The error strings Tencent Cloud's SDKs print for an API 3.0 error, as they reach logs: an
//! input form without JSON, read into the same envelope.
//!
//! - Go: `[TencentCloudSDKError] Code=…, Message=…, RequestId=…` (no `RequestId` when empty)
//! - Python: `[TencentCloudSDKException] code:… message:… requestId:…` (`None` when missing)
//! - Java: `[TencentCloudSDKException]code: … message:… requestId:…`, then ` cause:…` when the
//!   exception has a cause (`null` when missing: a network failure has no code, no message and
//!   no request ID, and only its cause names it)
//! - Node.js: `[TencentCloudSDKException]message:…  requestId:…  traceId:…`: no code at all
//! - PHP: `[TencentCloud\Common\Exception\TencentCloudSDKException] code:… message:… requestId:…`
//!   (an empty code for whatever the SDK wrapped: a network failure, an HTTP error status)
//!
//! A code or request ID printed as `null`, `None` or nothing is none. `src/table/SOURCES.md`
//! names the source line of each format.

use std::sync::LazyLock;

use memchr::memmem::{Finder, FinderRev};

use crate::input::prefilter::SDK_MARKER;

/// An SDK error string's parts, as byte ranges of the line: the whole string, the code, the
/// message and the request ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SdkError {
    pub raw: std::ops::Range<usize>,
    pub code: std::ops::Range<usize>,
    pub message: Option<std::ops::Range<usize>>,
    pub request_id: Option<std::ops::Range<usize>>,
}

/// The longest code taken from an SDK string: real codes are short names.
const MAX_CODE: usize = 256;

/// Hands the SDK error strings in `line` to `f`, in order; each one ends where the next
/// begins. Time is linear in the line, and nothing is held but the string at hand.
pub(crate) fn each<E>(line: &[u8], mut f: impl FnMut(SdkError) -> Result<(), E>) -> Result<(), E> {
    let mut markers = NEEDLES.marker.find_iter(line).peekable();
    let mut floor = 0;
    while let Some(at) = markers.next() {
        let end = markers.peek().copied().unwrap_or(line.len());
        // The segment starts at the bracket before the marker (Go, Python, Java) or further
        // back (PHP's namespace), but never before the previous segment's end.
        let start = line[floor..at]
            .iter()
            .rposition(|&b| b == b'[')
            .map_or(at, |i| floor + i);
        floor = at + 1;
        if let Some(mut e) = find(&line[start..end]) {
            let shift = |r: &mut std::ops::Range<usize>| *r = r.start + start..r.end + start;
            shift(&mut e.raw);
            shift(&mut e.code);
            e.message.iter_mut().for_each(shift);
            e.request_id.iter_mut().for_each(shift);
            f(e)?;
        }
    }
    Ok(())
}

/// The searchers of the words an SDK string is read by, each made once: making one costs more
/// than searching a line with it.
struct Needles {
    marker: Finder<'static>,
    go: Finder<'static>,
    go_code: Finder<'static>,
    go_message: Finder<'static>,
    go_request_id: FinderRev<'static>,
    exception: Finder<'static>,
    code: Finder<'static>,
    message: Finder<'static>,
    request_id: FinderRev<'static>,
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| Needles {
    marker: Finder::new(SDK_MARKER),
    go: Finder::new(b"[TencentCloudSDKError]"),
    go_code: Finder::new(b"Code="),
    go_message: Finder::new(b", Message="),
    go_request_id: FinderRev::new(b", RequestId="),
    exception: Finder::new(b"TencentCloudSDKException]"),
    code: Finder::new(b"code:"),
    message: Finder::new(b" message:"),
    request_id: FinderRev::new(b" requestId:"),
});

/// The SDK error string in `line`, if it holds one.
fn find(line: &[u8]) -> Option<SdkError> {
    let n = &*NEEDLES;
    let find = |needle: &Finder<'_>, from: usize| needle.find(&line[from..]).map(|i| from + i);
    if let Some(at) = find(&n.go, 0) {
        // Go: `Code=X, Message=Y, RequestId=Z`.
        let code_at = find(&n.go_code, at)? + 5;
        let message_at = find(&n.go_message, code_at);
        let code_end = message_at.unwrap_or_else(|| token_end(line, code_at));
        let id_at = n
            .go_request_id
            .rfind(&line[code_end..])
            .map(|i| code_end + i);
        let message = message_at.map(|m| m + 10..id_at.unwrap_or(line.len()));
        let request_id = id_at.map(|i| i + 12..id_end(line, i + 12));
        return parts(line, at, code_at..code_end, message, request_id, None);
    }
    const MARKER: &[u8] = b"TencentCloudSDKException]";
    let marker = find(&n.exception, 0)?;
    let at = line[..marker]
        .iter()
        .rposition(|&b| b == b'[')
        .unwrap_or(marker);
    let after = marker + MARKER.len();
    if line[after..].starts_with(b"message:") {
        return node_js(line, at, after);
    }
    let code_at = find(&n.code, marker)? + 5;
    let message_at = find(&n.message, code_at);
    let code_end = message_at.unwrap_or_else(|| token_end(line, code_at));
    let id_at = n.request_id.rfind(&line[code_end..]).map(|i| code_end + i);
    let message = message_at.map(|m| m + 9..id_at.unwrap_or(line.len()));
    let request_id = id_at.map(|i| {
        let start = i + 11;
        start..id_end(line, start)
    });
    // Java: the cause, after the request ID; what a network failure says is only there.
    let cause = request_id
        .as_ref()
        .filter(|r| line[r.end..].starts_with(b" cause:"))
        .map(|r| {
            let start = r.end + 7;
            // Up to the quote that closes a JSON string holding the line, else the line's end.
            let end = memchr::memchr(b'"', &line[start..]).map_or(line.len(), |i| start + i);
            start..end
        });
    parts(line, at, code_at..code_end, message, request_id, cause)
}

/// Node.js's string, `message:X  requestId:Y  traceId:Z` after its mark (which ends at
/// `after`; the string starts at `at`), with no code (`traceId` since 2024).
fn node_js(line: &[u8], at: usize, after: usize) -> Option<SdkError> {
    let message_at = after + 8;
    let id_at = memchr::memmem::rfind(&line[message_at..], b"  requestId:").map(|i| message_at + i);
    let request_id = id_at.map(|i| {
        let start = i + 12;
        start..id_end(line, start)
    });
    let message = message_at..id_at.unwrap_or_else(|| token_end(line, message_at));
    let trace_end = request_id
        .as_ref()
        .filter(|r| line[r.end..].starts_with(b"  traceId:"))
        .map(|r| id_end(line, r.end + 10));
    let mut e = parts(line, at, after..after, Some(message), request_id, None)?;
    if let Some(end) = trace_end {
        e.raw.end = end;
    }
    Some(e)
}

/// An SDK string's parts from where they were found: a value written as `null` (Java), `None`
/// (Python) or nothing is none; a message that is none gives way to the cause.
fn parts(
    line: &[u8],
    at: usize,
    code: std::ops::Range<usize>,
    message: Option<std::ops::Range<usize>>,
    request_id: Option<std::ops::Range<usize>>,
    cause: Option<std::ops::Range<usize>>,
) -> Option<SdkError> {
    let missing = |r: &std::ops::Range<usize>| matches!(&line[r.clone()], b"" | b"null" | b"None");
    let code = trimmed(line, code);
    if code.len() > MAX_CODE {
        return None;
    }
    let code = match missing(&code) {
        true => code.start..code.start,
        false => code,
    };
    let end = [
        request_id.as_ref().map(|r| r.end),
        cause.as_ref().map(|c| trimmed(line, c.clone()).end),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(line.len());
    let request_id = request_id.map(|r| trimmed(line, r)).filter(|r| !missing(r));
    let message = message
        .map(|m| trimmed(line, m))
        .filter(|m| !missing(m))
        .or_else(|| cause.map(|c| trimmed(line, c)).filter(|c| !missing(c)));
    Some(SdkError {
        raw: at..end,
        code,
        message,
        request_id,
    })
}

/// Where a request ID starting at `from` ends: as [`token_end`], but without passing over
/// spaces first, since every SDK writes it right after its label: an empty one is followed by
/// the next label (`requestId:  traceId:…`, `requestId: cause:…`), which is no ID.
fn id_end(line: &[u8], from: usize) -> usize {
    from + line[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        .count()
}

/// Where the word starting at `from` ends: at the first byte that no SDK request ID or code
/// holds (they are letters, digits, `.`, `-` and `_`), so that what closes the text holding
/// the string (a quote, a bracket, `;`, an escape's backslash, a colour's ESC) stays out.
fn token_end(line: &[u8], from: usize) -> usize {
    let from = from + line[from..].iter().take_while(|b| **b == b' ').count();
    from + line[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        .count()
}

/// `range` without the spaces at its ends.
fn trimmed(line: &[u8], range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let text = &line[range.clone()];
    let start = range.start + text.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let end = range.end
        - text
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_all(line: &[u8]) -> Vec<SdkError> {
        let mut found = Vec::new();
        let _ = each(line, |e| -> Result<(), ()> {
            found.push(e);
            Ok(())
        });
        found
    }

    fn parts(line: &str) -> Option<(String, String, Option<String>, Option<String>)> {
        let b = line.as_bytes();
        let s = |r: std::ops::Range<usize>| line[r].to_string();
        find_all(b)
            .into_iter()
            .next()
            .map(|e| (s(e.raw), s(e.code), e.message.map(s), e.request_id.map(s)))
    }

    #[test]
    fn every_sdk_s_string_of_an_answer() {
        let go = "2026/11/27 08:00:01 call failed: [TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=签名过期, RequestId=6f2c-1";
        let (raw, code, message, id) = parts(go).unwrap();
        assert!(raw.starts_with("[TencentCloudSDKError]") && raw.ends_with("6f2c-1"));
        assert_eq!(
            (code.as_str(), message.as_deref(), id.as_deref()),
            (
                "AuthFailure.SignatureExpire",
                Some("签名过期"),
                Some("6f2c-1")
            )
        );
        let go = "[TencentCloudSDKError] Code=ClientError.NetworkError, Message=Fail to get response because dial tcp: timeout";
        let (_, code, message, id) = parts(go).unwrap();
        assert_eq!(code, "ClientError.NetworkError");
        assert!(message.unwrap().ends_with("timeout"));
        assert_eq!(id, None);
        let py = "ERROR [TencentCloudSDKException] code:InternalError message:内部错误 requestId:abc-2 more";
        let (_, code, message, id) = parts(py).unwrap();
        assert_eq!(
            (code.as_str(), message.as_deref(), id.as_deref()),
            ("InternalError", Some("内部错误"), Some("abc-2"))
        );
        let java = "[TencentCloudSDKException]code: ResourceNotFound.NotFoundCluster message:没有找到 requestId:r-3 cause:x";
        let (_, code, _, id) = parts(java).unwrap();
        assert_eq!(
            (code.as_str(), id.as_deref()),
            ("ResourceNotFound.NotFoundCluster", Some("r-3"))
        );
        let php = r"[TencentCloud\Common\Exception\TencentCloudSDKException] code:InvalidParameter message:m requestId:r-4";
        let (raw, code, _, _) = parts(php).unwrap();
        assert!(raw.starts_with("[TencentCloud\\Common"));
        assert_eq!(code, "InvalidParameter");
        assert_eq!(parts("no sdk here"), None);
    }

    /// Each SDK's string for what it raises itself, as its source prints it: a missing code or
    /// request ID is none, whatever the SDK writes for it.
    #[test]
    fn client_side_strings_of_every_sdk() {
        let text = |s: Option<String>| s.unwrap_or_else(|| "-".into());
        let read = |line: &str| {
            let (raw, code, message, id) = parts(line).unwrap();
            (raw, code, text(message), text(id))
        };
        // Go: no RequestId when it is empty.
        let go = "E [TencentCloudSDKError] Code=ClientError.NetworkError, Message=Fail to get response because dial tcp: i/o timeout";
        let (raw, code, message, id) = read(go);
        assert!(raw.starts_with("[TencentCloudSDKError]") && raw.ends_with("timeout"));
        assert_eq!(
            (code.as_str(), id.as_str()),
            ("ClientError.NetworkError", "-")
        );
        assert_eq!(
            message,
            "Fail to get response because dial tcp: i/o timeout"
        );
        // Python: `None` for the request ID.
        let py = "[TencentCloudSDKException] code:ClientNetworkError message:HTTPSConnectionPool(host='iss.tencentcloudapi.com', port=443): Read timed out. (read timeout=60) requestId:None";
        let (_, code, message, id) = read(py);
        assert_eq!((code.as_str(), id.as_str()), ("ClientNetworkError", "-"));
        assert!(message.starts_with("HTTPSConnectionPool(") && message.ends_with("=60)"));
        let py = "[TencentCloudSDKException] code:ServerNetworkError message:b'<html><title>502 Bad Gateway</title></html>' requestId:None";
        assert_eq!(read(py).2, "b'<html><title>502 Bad Gateway</title></html>'");
        // Java: an empty request ID, then none at all and a cause that names the failure.
        let java = "[TencentCloudSDKException]code: ServerSideError message:response code is 502, not 200 requestId:";
        let (raw, code, message, id) = read(java);
        assert_eq!(
            (code.as_str(), message.as_str(), id.as_str()),
            ("ServerSideError", "response code is 502, not 200", "-")
        );
        assert!(raw.ends_with("requestId:"));
        let java = "ERROR [TencentCloudSDKException]code: null message: requestId:null cause:java.net.SocketTimeoutException: timeout";
        let (raw, code, message, id) = read(java);
        assert_eq!((code.as_str(), id.as_str()), ("", "-"));
        assert_eq!(message, "java.net.SocketTimeoutException: timeout");
        assert!(raw.ends_with("timeout"));
        let java = "[TencentCloudSDKException]code: null message:java.net.UnknownHostException-iss.tencentcloudapi.com requestId:null cause:java.net.UnknownHostException: iss.tencentcloudapi.com";
        assert_eq!(
            read(java).2,
            "java.net.UnknownHostException-iss.tencentcloudapi.com"
        );
        // Inside a JSON string, the cause stops at its closing quote.
        let java = r#"{"err":"[TencentCloudSDKException]code: null message: requestId:null cause:java.io.IOException: unexpected end of stream","x":1}"#;
        let (raw, _, message, _) = read(java);
        assert_eq!(message, "java.io.IOException: unexpected end of stream");
        assert!(raw.ends_with("stream"));
        // Node.js: no code; the request ID ends where `  traceId:` starts, empty or not.
        let node = "[TencentCloudSDKException]message:签名过期  requestId:6f2c-1  traceId:3c1e-9";
        let (raw, code, message, id) = read(node);
        assert_eq!(
            (code.as_str(), message.as_str(), id.as_str()),
            ("", "签名过期", "6f2c-1")
        );
        assert!(raw.ends_with("traceId:3c1e-9"));
        let node = "[TencentCloudSDKException]message:request to https://iss.tencentcloudapi.com/ failed, reason: connect ETIMEDOUT 10.0.0.1:443  requestId:  traceId:3c1e-9";
        let (raw, code, message, id) = read(node);
        assert_eq!((code.as_str(), id.as_str()), ("", "-"));
        assert!(message.ends_with("10.0.0.1:443"), "{message}");
        assert!(raw.ends_with("3c1e-9"));
        // Before traceId (2024), the string ended with the request ID.
        let node = "[TencentCloudSDKException]message:Bad Gateway  requestId:";
        assert_eq!(read(node).2, "Bad Gateway");
        // Python's None for every value, as its exception made without arguments prints.
        assert_eq!(
            read("[TencentCloudSDKException] code:None message:None requestId:None"),
            (
                "[TencentCloudSDKException] code:None message:None requestId:None".into(),
                String::new(),
                "-".into(),
                "-".into()
            )
        );
        // PHP: an empty code for what it wrapped.
        let php = r"[TencentCloud\Common\Exception\TencentCloudSDKException] code: message:cURL error 28: Operation timed out after 60000 milliseconds requestId:";
        let (raw, code, message, id) = read(php);
        assert!(raw.starts_with(r"[TencentCloud\Common"));
        assert_eq!((code.as_str(), id.as_str()), ("", "-"));
        assert!(message.starts_with("cURL error 28"));
    }

    #[test]
    fn several_on_a_line_keep_their_own_fields() {
        let line = "[TencentCloudSDKError] Code=A.B, Message=1, RequestId=r1 [TencentCloudSDKError] Code=C.D, Message=2, RequestId=r2";
        let found = find_all(line.as_bytes());
        let fields: Vec<(&str, &str)> = found
            .iter()
            .map(|e| (&line[e.code.clone()], &line[e.request_id.clone().unwrap()]))
            .collect();
        assert_eq!(fields, [("A.B", "r1"), ("C.D", "r2")]);
        let long = format!(
            "[TencentCloudSDKError] Code={}, Message=m",
            "A".repeat(1000)
        );
        assert!(find_all(long.as_bytes()).is_empty());
    }

    #[test]
    fn a_request_id_inside_json_or_logfmt_stops_at_its_quote() {
        let id = |line: &str| parts(line).and_then(|p| p.3);
        let json = r#"{"ts":1795766580,"err":"[TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=m, RequestId=rid-2"}"#;
        assert_eq!(id(json).as_deref(), Some("rid-2"));
        let logfmt = r#"err="[TencentCloudSDKError] Code=A.B, Message=m, RequestId=rid-3" x=1"#;
        assert_eq!(id(logfmt).as_deref(), Some("rid-3"));
        for end in [")", ";", "\\n", "\u{1b}[0m", "\\\"\""] {
            let line =
                format!("(E [TencentCloudSDKError] Code=A.B, Message=m, RequestId=6f2c-1{end}");
            assert_eq!(id(&line).as_deref(), Some("6f2c-1"), "{line}");
        }
        for (sdk, id_text) in [
            (
                "[TencentCloudSDKException] code:A.B message:m requestId:",
                "r-5",
            ),
            (
                "[TencentCloudSDKException]code: A.B message:m requestId:",
                "r-6",
            ),
            (
                r"[TencentCloud\Common\Exception\TencentCloudSDKException] code:A.B message:m requestId:",
                "r-7",
            ),
        ] {
            for close in ["\"}", "'", "]", "}", "\" x=1"] {
                let line = format!("{{\"err\":\"{sdk}{id_text}{close}");
                let (raw, code, _, id) = parts(&line).unwrap();
                assert_eq!(id.as_deref(), Some(id_text), "{line}");
                assert!(raw.ends_with(id_text), "{line}");
                assert_eq!(code, "A.B", "{line}");
            }
        }
        // Without a message, the code stops at the quote too.
        let (_, code, _, _) = parts(r#"{"err":"[TencentCloudSDKError] Code=A.B"}"#).unwrap();
        assert_eq!(code, "A.B");
        let (_, code, _, _) = parts(r#"{"err":"[TencentCloudSDKException] code:A.B"}"#).unwrap();
        assert_eq!(code, "A.B");
    }
}
