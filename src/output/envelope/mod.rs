//! What `explain` prints for each envelope, one layout a file: [`human`] (compact, or with the
//! field glossary), [`plain`] (one tab-separated line), [`table`] (a streamed table) and
//! [`json`] (a line of JSON). The parts they share are here.

pub mod human;
pub mod json;
pub mod plain;
pub mod table;

pub use human::write_human;
pub use json::{
    json_line_start, meanings_json, meanings_json_with, write_json, AnnotationTemplate,
};

use crate::explain::{Finding, Verdict};
use crate::input::{Api, Envelope, Origin};
use crate::lang::Lang;
use crate::table::Row;
use crate::text::escape;

/// A row's meaning in `lang`, escaped.
pub fn meaning(row: &Row, lang: Lang) -> String {
    escape(message(row, lang)).into_owned()
}

/// A row's text in `lang`: its English one where [`english`](crate::output::rows::english)
/// picks it, else the table's own.
fn message(row: &Row, lang: Lang) -> &str {
    crate::output::rows::english(row, lang).unwrap_or(&row.message)
}

/// A row's meaning in `lang`, not escaped, with an SDK's `cause` in place of `<cause>` (words
/// saying that none was logged, when there is none).
pub(crate) fn meaning_filled<'r>(
    row: &'r Row,
    lang: Lang,
    cause: Option<&str>,
) -> std::borrow::Cow<'r, str> {
    let text = message(row, lang);
    if !text.contains("<cause>") {
        return std::borrow::Cow::Borrowed(text);
    }
    let none = crate::t!(lang; "(no cause logged)", "（日志中没有原因）");
    std::borrow::Cow::Owned(text.replacen("<cause>", cause.unwrap_or(&none), 1))
}

/// The row `Message` names (the first when it names none).
fn matched<'t>(f: &Finding<'t>) -> Option<&'t Row> {
    f.rows.get(f.message_matches.unwrap_or(0))
}

/// The meaning of an envelope's code in `lang`, escaped; `None` when the table has no row for
/// it (an API 3.0 success has its own words).
fn envelope_meaning(env: &Envelope<'_>, f: &Finding<'_>, lang: Lang) -> Option<String> {
    match matched(f) {
        None if env.api == Api::V3 && env.status_code.is_none() && !env.error => {
            Some(crate::t!(lang; "API 3.0 response with no Error", "API 3.0 响应，没有 Error"))
        }
        Some(row) => Some(escape(&meaning_filled(row, lang, f.cause.as_deref())).into_owned()),
        None => None,
    }
}

/// For an HTTP answer with no envelope: `HTTP 502 Bad Gateway`, the reason phrase as the
/// server wrote it, escaped and cut to 80 characters; `None` for an envelope.
pub(crate) fn http_answer(env: &Envelope<'_>, origin: &Origin<'_>) -> Option<String> {
    let http = origin.http.filter(|_| env.api == Api::Http)?;
    let reason = http
        .status_line
        .split_once(' ')
        .map_or("", |(_, rest)| rest)
        .trim();
    let reason = match reason.is_empty() {
        true => http.status.to_string(),
        false => reason.to_string(),
    };
    Some(escape(&crate::text::short(&format!("HTTP {reason}"), 80)).into_owned())
}

/// The meaning of an HTTP answer with no envelope, after the answer: `HTTP 502 Bad Gateway:
/// answered by a gateway or proxy, not by the API`.
pub(crate) fn http_answer_meaning(
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    lang: Lang,
) -> Option<String> {
    let answer = http_answer(env, origin)?;
    Some(match f.rows.first() {
        Some(row) => format!("{answer}: {}", meaning(row, lang)),
        None => answer,
    })
}

/// For an error whose code says success (`Code` 500 with `StatusCode` 200, an HTTP 502 around a
/// 200 body): what the contradiction means, instead of the success row's "nothing to fix".
pub(crate) fn contradiction(env: &Envelope<'_>, f: &Finding<'_>, lang: Lang) -> Option<String> {
    let success_row = matched(f).is_some_and(|r| r.category.as_deref() == Some("success"));
    if f.verdict != Verdict::Error || !success_row {
        return None;
    }
    let status = match env.api {
        Api::Legacy => "StatusCode 200".to_string(),
        Api::V3 | Api::Http => crate::t!(lang; "no Error", "没有 Error"),
    };
    let http = f.observed_http.filter(|&s| s != 200);
    Some(match (f.code, http) {
        (Some(500), _) => crate::t!(lang;
            "Code 500 says the server failed even though {status} says success: treat it as a server error; retry with backoff",
            "Code 500 表示服务端失败，而 {status} 表示成功：按服务端错误处理，退避后重试"
        ),
        (_, Some(s)) if s >= 500 || s == 429 => crate::t!(lang;
            "HTTP {s} says the call failed even though {status} says success: treat it as HTTP {s}; retry with backoff",
            "HTTP {s} 表示调用失败，而 {status} 表示成功：按 HTTP {s} 处理，退避后重试"
        ),
        (_, Some(s)) => crate::t!(lang;
            "HTTP {s} says the call failed even though {status} says success: treat it as HTTP {s}; fix the request, then retry",
            "HTTP {s} 表示调用失败，而 {status} 表示成功：按 HTTP {s} 处理，先修复请求再重试"
        ),
        (Some(c), None) if c != 0 => crate::t!(lang;
            "Code {c} says the call failed even though {status} says success: treat it as an error; read Message and Data",
            "Code {c} 表示调用失败，而 {status} 表示成功：按错误处理，查看 Message 和 Data"
        ),
        _ => crate::t!(lang;
            "{status} says success, but another reading of the envelope says it failed: treat it as an error",
            "{status} 表示成功，但响应的另一处表示失败：按错误处理"
        ),
    })
}

/// The HTTP status to show: the one observed when the response was seen, else the table's.
fn http_status(f: &Finding<'_>) -> Option<u16> {
    f.observed_http.or(match f.rows.is_empty() {
        true => None,
        false => f.expected_http,
    })
}

/// What an HTTP status shown is: the one the response came with, or the one the table gives
/// for its code, which a line read from a log did not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpSeen {
    /// Returned: the status line or header was read.
    Returned,
    /// The table's, for the code: expected, not seen.
    Expected,
}

/// The HTTP statuses to show, each with what it is: the one returned, then the table's when
/// none was returned or it differs (a code with no row has no table's status).
pub(crate) fn http_statuses(f: &Finding<'_>) -> Vec<(u16, HttpSeen)> {
    let expected = f.expected_http.filter(|_| !f.rows.is_empty());
    let mut shown = Vec::with_capacity(2);
    if let Some(seen) = f.observed_http {
        shown.push((seen, HttpSeen::Returned));
    }
    if let Some(want) = expected.filter(|&want| f.observed_http != Some(want)) {
        shown.push((want, HttpSeen::Expected));
    }
    shown
}

/// The words around `HTTP 456` that say what it is, before and after it.
pub(crate) fn http_words(seen: HttpSeen, lang: Lang) -> (String, String) {
    match seen {
        HttpSeen::Returned => (
            crate::t!(lang; "", "实际 "),
            crate::t!(lang; " returned", ""),
        ),
        HttpSeen::Expected => (
            crate::t!(lang; "", "预期 "),
            crate::t!(lang; " expected", ""),
        ),
    }
}

/// The HTTP statuses in words (`HTTP 502 returned, HTTP 456 expected`; without the `HTTP `
/// where a label says it already), `None` without one.
pub(crate) fn http_label(f: &Finding<'_>, lang: Lang, http: &str) -> Option<String> {
    let words: Vec<String> = http_statuses(f)
        .into_iter()
        .map(|(status, seen)| {
            let (before, after) = http_words(seen, lang);
            format!("{before}{http}{status}{after}")
        })
        .collect();
    (!words.is_empty()).then(|| words.join(&crate::t!(lang; ", ", "，")))
}

/// The code as written (`StatusCode`, or API 3.0's `Error.Code`), escaped and cut to `max`.
/// The longest a code or a RequestId is shown whole in the human and table layouts (they are
/// wrapped, never cut, up to it); longer, it is cut with a mark: such a value is no real one.
const LONGEST: usize = 200;

fn code_text(env: &Envelope<'_>, max: usize) -> Option<String> {
    env.status_code
        .map(|v| escape(&v.text_short(max)).into_owned())
}

/// The request's ID: the field, else a request-ID header of the response (with its name).
fn request_id(
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    max: usize,
) -> Option<(Option<String>, String)> {
    match (
        env.request_id,
        origin.http.and_then(|h| h.request_id.as_ref()),
    ) {
        (Some(v), _) => Some((None, escape(&v.text_short(max)).into_owned())),
        (None, Some((name, value))) => Some((
            Some(escape(name).into_owned()),
            escape(&crate::text::short(value, max)).into_owned(),
        )),
        (None, None) => None,
    }
}

/// The verdict as a word for tools.
fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Success => "success",
        Verdict::Error => "error",
    }
}

/// Where an envelope was: its file (`-` is stdin) and line, as people read it.
fn place(origin: &Origin<'_>) -> String {
    let file = match origin.file {
        "-" => "<stdin>".to_string(),
        name => escape(name).into_owned(),
    };
    format!("{file}:{}", origin.line)
}
