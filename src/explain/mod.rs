//! Turning one envelope into findings: its code's meanings, the verdict, and notes on whatever
//! is odd; and, in [`summary`] and [`problems`], what `--summary` and the closing line count.

pub mod problems;
pub mod summary;

use crate::input::{Api, Envelope, Field, Origin, Value};
use crate::lang::Lang;
use crate::table::{Row, Table};
use crate::text::escape;

/// Whether the call succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Legacy: StatusCode 200, `Code` absent or 0, no HTTP status at odds with the table.
    /// API 3.0: no `Error`, and HTTP 200 where the status was seen.
    Success,
    /// Anything else.
    Error,
}

/// What kind of note, as a stable slug in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A field the source document lists is absent.
    MissingField,
    /// StatusCode is a code the table does not have.
    UnknownCode,
    /// StatusCode is not a whole number at all.
    NotACode,
    /// The source lists the code twice, with two meanings.
    TwoMeanings,
    /// The HTTP status seen differs from the table's.
    HttpMismatch,
    /// `Code` and `StatusCode` disagree.
    CodeMismatch,
    /// `Code` is neither 0 nor 500.
    UnexpectedCode,
    /// `Message` differs from the table's text.
    MessageDiffers,
    /// A number was written as a string.
    StringNumber,
    /// A key was written in another case.
    KeyCase,
    /// The envelope was not valid UTF-8.
    LossyUtf8,
    /// The RequestId header and field differ.
    RequestIdMismatch,
    /// An envelope key was written twice.
    DuplicateKey,
}

/// One note on an envelope.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    /// What kind.
    pub kind: NoteKind,
    /// The note, in the chosen language.
    pub text: String,
}

/// Everything errcode concludes about one envelope.
#[derive(Debug, Clone)]
pub struct Finding<'t> {
    /// StatusCode as a whole number, when it is one.
    pub status_code: Option<i128>,
    /// Code as a whole number, when it is one.
    pub code: Option<i128>,
    /// The table's rows for the StatusCode (two for 51603).
    pub rows: &'t [Row],
    /// Success or error.
    pub verdict: Verdict,
    /// The HTTP status the table gives for the code.
    pub expected_http: Option<u16>,
    /// The HTTP status the response came with, from `curl -i` output.
    pub observed_http: Option<u16>,
    /// Which of the rows `Message` matches, when it matches one.
    pub message_matches: Option<usize>,
    /// Notes, in order of importance.
    pub notes: Vec<Note>,
}

fn in_lang(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `Message` and a table text name the same thing: equal but for case, surrounding space and
/// closing punctuation (the API writes `数据库未查到该记录。`, the table `数据库未查到该记录`).
pub fn same_message(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    fn norm(s: &str) -> &str {
        s.trim().trim_end_matches(['。', '.', '!', '！']).trim_end()
    }
    norm(a).eq_ignore_ascii_case(norm(b))
}

/// Whether a `Code` value (as written) says the service answered normally: absent, `0`, `-0`
/// or `"0"`. Anything else (`0.0`, `500`, `"error"`, `true`, `[0]`) says it did not.
fn code_ok(code: Option<Value<'_>>) -> bool {
    code.is_none_or(|v| v.as_integer().is_some_and(|(n, _)| n == 0))
}

/// The verdict on an envelope, and the table's rows for its code: the one rule, for explain
/// and `--summary` alike.
pub fn verdict<'t>(
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    table: &'t Table,
) -> (Verdict, &'t [Row]) {
    let status = env.status_code.and_then(|v| v.as_integer()).map(|s| s.0);
    let rows: &[Row] = match (env.api, status) {
        (Api::Legacy, Some(n)) if n > 0 => u64::try_from(n).map_or(&[][..], |n| table.lookup(n)),
        _ => &[],
    };
    let success = match env.api {
        Api::Legacy => {
            let http_ok = match (origin.http, rows.first()) {
                (Some(http), Some(row)) => http.status == row.http_status,
                _ => true,
            };
            // Every reading of a key written twice must say success too.
            let others_ok = env.duplicates.iter().all(|(field, value)| match field {
                Field::StatusCode => value.as_integer().map(|s| s.0) == Some(200),
                Field::Code => code_ok(Some(*value)),
                _ => true,
            });
            status == Some(200) && !rows.is_empty() && code_ok(env.code) && http_ok && others_ok
        }
        Api::V3 => {
            !env.error
                && env.status_code.is_none()
                && env.duplicates.is_empty()
                && origin.http.is_none_or(|h| h.status == 200)
        }
    };
    let verdict = if success {
        Verdict::Success
    } else {
        Verdict::Error
    };
    (verdict, rows)
}

/// Explains one envelope.
pub fn explain<'t>(
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    table: &'t Table,
    lang: Lang,
) -> Finding<'t> {
    let (verdict, rows) = verdict(env, origin, table);
    let mut notes = Vec::new();
    let mut note = |kind, en: String, zh: String| {
        notes.push(Note {
            kind,
            text: in_lang(lang, en, zh),
        })
    };
    let shown = |v: Value<'_>| escape(&v.text_short(40)).into_owned();

    let status = env.status_code.and_then(|v| v.as_integer());
    let code = env.code.and_then(|v| v.as_integer());

    for field in env.missing() {
        note(
            NoteKind::MissingField,
            format!("no {} field", field.name()),
            format!("缺少 {} 字段", field.name()),
        );
    }
    if env.api == Api::Legacy {
        match (env.status_code, status) {
            (Some(_), Some((n, _))) if rows.is_empty() => note(
                NoteKind::UnknownCode,
                format!("StatusCode {n} is not in the table"),
                format!("StatusCode {n} 不在错误码表中"),
            ),
            (Some(v), None) if v.is_integer_text() => note(
                NoteKind::UnknownCode,
                format!(
                    "StatusCode {} is not in the table (far beyond any code)",
                    shown(v)
                ),
                format!("StatusCode {} 不在错误码表中（超出任何错误码）", shown(v)),
            ),
            (Some(v), None) => note(
                NoteKind::NotACode,
                format!(
                    "StatusCode {} is not a whole number, so not in the table",
                    shown(v)
                ),
                format!("StatusCode {} 不是整数，不在错误码表中", shown(v)),
            ),
            _ => {}
        }
    }
    if rows.len() > 1 {
        note(
            NoteKind::TwoMeanings,
            format!(
                "the source document lists {} {} times, with different meanings",
                rows[0].code,
                rows.len()
            ),
            format!("源文档中 {} 出现两次，含义不同", rows[0].code),
        );
    }
    let expected_http = match env.api {
        Api::Legacy => rows.first().map(|r| r.http_status),
        Api::V3 => Some(200),
    };
    let observed_http = origin.http.map(|h| h.status);
    if let (Some(seen), Some(want)) = (observed_http, expected_http) {
        if seen != want {
            note(
                NoteKind::HttpMismatch,
                format!("HTTP {seen} was returned, but the table gives HTTP {want} for this code"),
                format!("返回的 HTTP 状态码为 {seen}，错误码表中该码对应 HTTP {want}"),
            );
        }
    }
    match (code.map(|c| c.0), status.map(|s| s.0)) {
        (Some(500), Some(200)) => note(
            NoteKind::CodeMismatch,
            "Code 500 (server-side failure) contradicts StatusCode 200 (success)".into(),
            "Code 500（服务端错误）与 StatusCode 200（成功）矛盾".into(),
        ),
        (Some(0), Some(s)) if (50000..60000).contains(&s) => note(
            NoteKind::CodeMismatch,
            format!("Code 0 (answered normally) with StatusCode {s}, a server-side failure"),
            format!("Code 0（正常响应）而 StatusCode {s} 为服务端错误"),
        ),
        _ => {}
    }
    match (env.code, code) {
        (Some(_), Some((0 | 500, _))) | (None, _) => {}
        (Some(v), _) => note(
            NoteKind::UnexpectedCode,
            format!(
                "Code {} is neither 0 (answered normally) nor 500 (server-side failure): read as an error",
                if v.is_string() { format!("\"{}\"", shown(v)) } else { shown(v) }
            ),
            format!(
                "Code {} 既不是 0（正常响应）也不是 500（服务端错误）：按错误处理",
                if v.is_string() { format!("\"{}\"", shown(v)) } else { shown(v) }
            ),
        ),
    }
    if env.api == Api::V3 && env.error && env.status_code.is_none() {
        note(
            NoteKind::NotACode,
            "Response.Error has no Code: read as an error".into(),
            "Response.Error 没有 Code：按错误处理".into(),
        );
    }
    for (field, other) in env.duplicates.iter().filter(|_| env.api == Api::V3) {
        let _ = (field, other);
        note(
            NoteKind::DuplicateKey,
            "Response is written twice; the one with an error is shown, and the verdict holds both"
                .into(),
            "Response 出现两次；显示含错误的一个，结论兼顾两者".into(),
        );
    }
    for (field, other) in env.duplicates.iter().filter(|_| env.api == Api::Legacy) {
        let kept = env
            .get(*field)
            .map_or_else(String::new, |v| escape(&v.text_short(40)).into_owned());
        let other = escape(&other.text_short(40)).into_owned();
        note(
            NoteKind::DuplicateKey,
            format!("{} is written twice ({other}, then {kept}); the last is shown, and the verdict holds both", field.name()),
            format!("{} 出现两次（{other}，然后 {kept}）；显示后者，结论兼顾两者", field.name()),
        );
    }
    // A Message of kilobytes is no table text: not read whole to be compared.
    let message = env.message.filter(|m| m.0.len() <= 4096).map(|m| m.text());
    let message = message.as_deref();
    let message_matches =
        message.and_then(|m| rows.iter().position(|r| same_message(m, &r.message)));
    if let (Some(m), false) = (message, rows.is_empty()) {
        let ok_for_success = status.map(|s| s.0) == Some(200)
            && ["ok", "success", ""].iter().any(|w| same_message(m, w));
        match message_matches {
            Some(i) if rows.len() > 1 => note(
                NoteKind::TwoMeanings,
                format!(
                    "Message matches meaning {} of {}: {}",
                    i + 1,
                    rows.len(),
                    escape(&rows[i].message)
                ),
                format!(
                    "Message 对应第 {} 种含义：{}",
                    i + 1,
                    escape(&rows[i].message)
                ),
            ),
            None if !ok_for_success => {
                let table_text = rows
                    .iter()
                    .map(|r| escape(&r.message).into_owned())
                    .collect::<Vec<_>>()
                    .join(" / ");
                note(
                    NoteKind::MessageDiffers,
                    format!("Message differs from the table's text: {table_text}"),
                    format!("Message 与错误码表的描述不同：{table_text}"),
                )
            }
            _ => {}
        }
    }
    for (field, value) in [(Field::StatusCode, status), (Field::Code, code)] {
        if let Some((n, true)) = value {
            note(
                NoteKind::StringNumber,
                format!(
                    "{} was written as a string (\"{n}\"), read as the number {n}",
                    field.name()
                ),
                format!("{} 写成了字符串（\"{n}\"），按数字 {n} 读取", field.name()),
            );
        }
    }
    for (key, field) in &env.renamed {
        let key = escape(&key.text_short(40)).into_owned();
        note(
            NoteKind::KeyCase,
            format!("key \"{key}\" read as {}", field.name()),
            format!("键 \"{key}\" 按 {} 读取", field.name()),
        );
    }
    if let (Some((_, header)), Some(field)) = (
        origin.http.and_then(|h| h.request_id.as_ref()),
        &env.request_id,
    ) {
        if field.0.len() <= 4096 && *header != field.text() {
            note(
                NoteKind::RequestIdMismatch,
                "the RequestId header and the RequestId field differ".into(),
                "RequestId 响应头与 RequestId 字段不同".into(),
            );
        }
    }
    if std::str::from_utf8(env.raw).is_err() {
        note(
            NoteKind::LossyUtf8,
            "the input was not valid UTF-8: bad bytes were read as U+FFFD".into(),
            "输入不是有效的 UTF-8：无效字节按 U+FFFD 读取".into(),
        );
    }
    Finding {
        status_code: status.map(|s| s.0),
        code: code.map(|c| c.0),
        rows,
        verdict,
        expected_http,
        observed_http,
        message_matches,
        notes,
    }
}
