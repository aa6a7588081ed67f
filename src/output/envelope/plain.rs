//! One envelope as one tab-separated line: file (`-` for stdin), line, verdict, code, HTTP
//! status (observed when seen, else the table's), `Code`, RequestId, meaning (the envelope's
//! own `Message` for a code the table lacks), the HTTP status returned, the table's HTTP
//! status. A backslash
//! inside a value is written `\\`, a tab, line feed or carriage return `\t`, `\n`, `\r` (and
//! other control characters `\u001b`-style), so that every line splits back unambiguously;
//! an absent value is `-`; a value longer than [`MAX_CHARS`] characters is cut and ends in `…`.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{http_answer_meaning, http_status, matched, verdict_word};
use crate::explain::Finding;
use crate::input::{Api, Envelope, Origin};
use crate::lang::Lang;
use crate::text::{escape, short};

/// The most characters of a value written: a value can be megabytes long.
pub const MAX_CHARS: usize = 200;

/// `text` as a plain field: `\` doubled first, then tabs, line breaks and control characters
/// escaped, so that `\t` in the output is always a tab of the value.
pub(crate) fn field(text: &str) -> String {
    let doubled = match text.contains('\\') {
        true => Cow::Owned(text.replace('\\', "\\\\")),
        false => Cow::Borrowed(text),
    };
    escape(&doubled).into_owned()
}

/// One envelope as a line of tab-separated values.
pub fn write_plain(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    lang: Lang,
) -> io::Result<()> {
    let dash = || "-".to_string();
    let value = |v: Option<crate::input::Value<'_>>| {
        v.map_or_else(dash, |v| field(&v.text_short(MAX_CHARS)))
    };
    let code = value(env.status_code);
    let http = http_status(f).map_or_else(dash, |s| s.to_string());
    let legacy_code = value(env.code);
    let id = match (
        env.request_id,
        origin.http.and_then(|h| h.request_id.as_ref()),
    ) {
        (Some(v), _) => field(&v.text_short(MAX_CHARS)),
        (None, Some((_, value))) => field(&short(value, MAX_CHARS)),
        (None, None) => dash(),
    };
    let meaning = match matched(f) {
        // The status line of an answer with no envelope, as written.
        Some(_) if env.api == Api::Http => {
            field(&http_answer_meaning(env, origin, f, lang).unwrap_or_else(dash))
        }
        Some(row) => field(&super::meaning_filled(row, lang, f.cause.as_deref())),
        None if env.api == Api::V3 && env.status_code.is_none() && !env.error => {
            crate::t!(lang; "API 3.0 response with no Error", "API 3.0 响应，没有 Error")
        }
        // A code the table lacks: the envelope's own Message says what it is.
        None => value(env.message),
    };
    // Appended: the HTTP status returned, and the table's, each `-` without one.
    let returned = f.observed_http.map_or_else(dash, |s| s.to_string());
    let expected = match f.rows.is_empty() {
        true => dash(),
        false => f.expected_http.map_or_else(dash, |s| s.to_string()),
    };
    writeln!(
        out,
        "{}\t{}\t{}\t{code}\t{http}\t{legacy_code}\t{id}\t{meaning}\t{returned}\t{expected}",
        field(origin.file),
        origin.line,
        verdict_word(f.verdict),
    )
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn a_backslash_is_doubled_so_an_escaped_tab_is_never_ambiguous() {
        assert_eq!(field("a\\tb\tc"), "a\\\\tb\\tc");
        assert_eq!(field("a\nb\r"), "a\\nb\\r");
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("C:\\logs"), "C:\\\\logs");
    }
}
