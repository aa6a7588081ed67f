//! Which lines may hold an envelope, told by a literal search before any parsing: most lines of
//! a log hold none, and should cost about what `grep` pays for them.
//!
//! A line is ruled out when it holds no `{` and no SDK error string (and does not start an
//! array): it holds no JSON object. It is ruled out too when its JSON is complete on the line
//! (it ends with `}` or `]`) and holds none of the keys an envelope needs, in any case: `StatusCode` (also `status_code`, `status-code`),
//! `Response`, or a journald `MESSAGE` written as bytes. A line that may open a document over
//! several lines (the `{` of `resp={`) or that was cut is never ruled out, and neither is any
//! line while a document or an HTTP response is open: the reader asks only in between.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::input::model::Skip;

/// The mark every SDK's error string holds.
pub(crate) const SDK_MARKER: &[u8] = b"TencentCloudSDK";

/// The keys an envelope of either generation needs, matched in any case.
static KEYS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "statuscode",
            "status_code",
            "status-code",
            "response",
            "message\":[",
        ])
        .expect("a handful of short literals always builds")
});

/// Why `line` cannot hold an envelope nor start a document that does; `None` when it may.
pub(crate) fn rule_out(line: &[u8]) -> Option<Skip> {
    let last = line.iter().rposition(|b| !b.is_ascii_whitespace())?;
    if memchr::memchr(b'{', line).is_none() {
        let first = line.iter().position(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|i| line[i] == b'[')
            || memchr::memmem::find(line, SDK_MARKER).is_some()
        {
            return None;
        }
        // Not UTF-8, and no object to find in it: binary data, not a log line.
        return Some(match std::str::from_utf8(line) {
            Ok(_) => Skip::NoJson,
            Err(_) => Skip::Binary,
        });
    }
    let may = !matches!(line[last], b'}' | b']')
        || KEYS.is_match(line)
        || memchr::memmem::find(line, SDK_MARKER).is_some();
    (!may).then_some(Skip::NoKey)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_may_hold_an_envelope() {
        for line in [
            r#"{"RequestId":"a","Code":0,"StatusCode":41601}"#,
            r#"2026-12-06 ERROR resp={"requestid":"a","STATUS_CODE":41601}"#,
            r#"{"Response":{"Error":{"Code":"InternalError"},"RequestId":"x"}}"#,
            r#"{"log":"x [TencentCloudSDKError] Code=InternalError\n"}"#,
            "[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r",
            r#"{"MESSAGE":[123,34],"__REALTIME_TIMESTAMP":"1"}"#,
            // A document may open here, or the line was cut.
            "2026-12-06 INFO resp={",
            r#"{"RequestId":"a","Sta"#,
            "[",
            "  [ {",
        ] {
            assert_eq!(rule_out(line.as_bytes()), None, "{line}");
        }
    }

    #[test]
    fn lines_ruled_out() {
        for (line, reason) in [
            ("2026-12-06 INFO cache warmed in 12 ms", Skip::NoJson),
            ("statuscode=500 response slow", Skip::NoJson),
            ("\u{fffd} binary \u{1}", Skip::NoJson),
            (
                r#"2026-12-06 INFO {"event":"cache","hits":12}"#,
                Skip::NoKey,
            ),
            (
                r#"{"log":"GET /health 200\n","stream":"stdout","time":"2026-12-06T10:00:00Z"}"#,
                Skip::NoKey,
            ),
        ] {
            assert_eq!(rule_out(line.as_bytes()), Some(reason), "{line}");
        }
        assert_eq!(rule_out(b"\xff\xfe no text"), Some(Skip::Binary));
    }
}
