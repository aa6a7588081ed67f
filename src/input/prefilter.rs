//! Which lines may hold an envelope, told by a literal search before any parsing: most lines of
//! a log hold none, and should cost about what `grep` pays for them.
//!
//! A line is ruled out when it holds no `{` and no SDK error string (and does not start an
//! array): it holds no JSON object. It is ruled out too when its JSON is complete on the line
//! (it ends with `}` or `]`, with as many brackets closed as opened) and holds none of the keys
//! an envelope needs, in any case: `StatusCode` (also `status_code`, `status-code`),
//! `Response`, or a journald `MESSAGE` written as bytes. A line that may open a document over
//! several lines (the `{` of `resp={`) or that was cut is never ruled out, and neither is any
//! line while a document or an HTTP response is open: the reader asks only in between.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem::Finder;

use crate::input::model::Skip;

/// The mark every SDK's error string holds.
pub(crate) const SDK_MARKER: &[u8] = b"TencentCloudSDK";

/// Whether `text` holds an SDK error string's mark (its searcher made once).
pub(crate) fn has_sdk_marker(text: &[u8]) -> bool {
    static SDK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(SDK_MARKER));
    SDK.find(text).is_some()
}

/// The keys an envelope of either generation needs, and the SDK's mark, as
/// [`Prefilter::rule_out`] folds the line: every byte with its `0x20` bit set, so that letters
/// match in any case (`[` folds to `{`, `_` to DEL: a few more lines may pass, none is lost).
/// One search finds any of them.
static KEYS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let keys = [
        "statuscode",
        "status_code",
        "status-code",
        "response",
        "message\"",
        "tencentcloudsdk",
    ];
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(keys.map(|k| k.bytes().map(|b| b | 0x20).collect::<Vec<u8>>()))
        .expect("a handful of short literals always builds")
});

/// The index of `message"` among [`KEYS`].
const MESSAGE: usize = 4;

/// Lines longer than this are parsed, not ruled out: the folded copy would cost their size
/// again in memory, and such lines are rare.
const FOLDED_MAX: usize = 64 << 10;

/// Lines ruled out before any parsing, with a buffer of the line folded for the key search.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    folded: Vec<u8>,
}

impl Prefilter {
    /// Why `line` cannot hold an envelope nor start a document that does; `None` when it may.
    /// `brace`: where its first `{` is, which the caller found on its way.
    pub(crate) fn rule_out(&mut self, line: &[u8], brace: Option<usize>) -> Option<Skip> {
        let last = line.iter().rposition(|b| !b.is_ascii_whitespace())?;
        let Some(brace) = brace else {
            let first = line.iter().position(|b| !b.is_ascii_whitespace());
            if first.is_some_and(|i| line[i] == b'[') || has_sdk_marker(line) {
                return None;
            }
            // Not UTF-8, and no object to find in it: binary data, not a log line.
            return Some(match std::str::from_utf8(line) {
                Ok(_) => Skip::NoJson,
                Err(_) => Skip::Binary,
            });
        };
        let open_end = !matches!(line[last], b'}' | b']');
        if open_end || line.len() > FOLDED_MAX || has_sdk_marker(&line[..brace]) {
            return None;
        }
        // Keys are inside an object: folded and searched from the first `{` on.
        self.folded.clear();
        self.folded.extend(line[brace..].iter().map(|b| b | 0x20));
        // A `message` key counts only with an array of bytes after it (journald's).
        let bytes_after = |end: usize| {
            let rest = line[end..].trim_ascii_start();
            rest.strip_prefix(b":")
                .is_some_and(|rest| rest.trim_ascii_start().starts_with(b"["))
        };
        if KEYS
            .find_iter(&self.folded)
            .any(|m| m.pattern().as_usize() != MESSAGE || bytes_after(brace + m.end()))
        {
            return None;
        }
        // A line that ends with a bracket may still leave a value open for the next lines
        // (`{"a":{}` then `,"StatusCode":…}`): more opened than closed. The text before the
        // first `{` may open an array.
        (unclosed(line) <= 0).then_some(Skip::NoKey)
    }
}

/// How many more brackets `text` opens than it closes, counted folded, where `[` is `{` and
/// `]` is `}`: branch-free in byte lanes, a chunk at a time (64 bytes cannot overflow a lane),
/// so that the compiler counts many bytes an instruction, and both brackets in one pass.
fn unclosed(text: &[u8]) -> isize {
    text.chunks(64)
        .map(|chunk| {
            let net = chunk.iter().fold(0i8, |net, &b| {
                let folded = b | 0x20;
                net.wrapping_add(i8::from(folded == b'{'))
                    .wrapping_sub(i8::from(folded == b'}'))
            });
            isize::from(net)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_out(line: &[u8]) -> Option<Skip> {
        Prefilter::default().rule_out(line, memchr::memchr(b'{', line))
    }

    #[test]
    fn lines_that_may_hold_an_envelope() {
        for line in [
            r#"{"RequestId":"a","Code":0,"StatusCode":41601}"#,
            r#"2026-12-06 ERROR resp={"requestid":"a","STATUS_CODE":41601}"#,
            r#"{"Response":{"Error":{"Code":"InternalError"},"RequestId":"x"}}"#,
            r#"{"log":"x [TencentCloudSDKError] Code=InternalError\n"}"#,
            "[TencentCloudSDKError] Code=InternalError, Message=m, RequestId=r",
            r#"{"MESSAGE":[123,34],"__REALTIME_TIMESTAMP":"1"}"#,
            r#"{"MESSAGE": [123, 34], "_PID": "1"}"#,
            "{\"MESSAGE\" :\t[123, 34]}",
            r#"{"STATUS-CODE":41601,"Code":0}"#,
            r#"{"RequestId":"a","Data":{}"#,
            r#"{"a":{"b":[]}"#,
            // A document may open here, or the line was cut.
            "2026-12-06 INFO resp={",
            r#"{"RequestId":"a","Sta"#,
            "[",
            "  [ {",
            // An array opened before the first `{` is left open.
            r#"[ {"a":1}"#,
            // The SDK's mark before the first `{`, and in any case after it.
            r#"ERROR [TencentCloudSDKError] Code=InternalError, Message=m {"a":1}"#,
            r#"{"error":"TENCENTCLOUDSDKERROR code=x"}"#,
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

    #[test]
    fn brackets_are_counted_across_chunks() {
        assert_eq!(unclosed(b""), 0);
        assert_eq!(unclosed(br#"{"a":[1,{"b":{}}]}"#), 0);
        assert_eq!(unclosed(br#"[ {"a":1}"#), 1);
        assert_eq!(unclosed(b"}}]"), -3);
        // More than a lane holds, and chunks that close what earlier ones opened.
        let deep = [&[b'{'; 300][..], &[b'['; 100], &[b']'; 150]].concat();
        assert_eq!(unclosed(&deep), 250);
        let balanced = [&[b'['; 130][..], &[b'x'; 7], &[b'}'; 130]].concat();
        assert_eq!(unclosed(&balanced), 0);
        // A deep line that ends with a bracket and leaves values open is never ruled out.
        let open = [&b"{\"a\":"[..], &[b'{'; 100], &[b'}'; 99]].concat();
        assert_eq!(rule_out(&open), None);
    }
}
