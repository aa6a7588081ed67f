//! One envelope for people: at most three lines (the header; the hint with `Data`; the notes)
//! fitted to the width, and with `--verbose` each field with what the source document says
//! of it.

use std::io::{self, Write};

use super::{
    code_text, envelope_meaning, http_answer, http_statuses, http_words, matched, place, request_id,
};
use crate::explain::{Finding, Note, Verdict};
use crate::input::{Api, Envelope, Field, Origin, Value};
use crate::lang::Lang;
use crate::output::hint;
use crate::output::wrap::{retry_paint, write_wrapped, Spans, NO_BREAK};
use crate::settings::{Palette, Settings};
use crate::text::{escape, fit};

/// The narrowest the layout is fitted to: narrower, it would put a word or less on a line; a
/// narrower terminal wraps the longer lines itself.
pub(crate) const NARROWEST: u16 = 20;

/// Lines after the header start here; continuation lines of any line start further in.
const INDENT: &str = "  ";
const CONTINUED: &str = "    ";

/// What the source document says of each field, in English and in its own words.
pub fn field_description(field: Field, lang: Lang) -> String {
    match field {
        Field::RequestId => crate::t!(lang;
            "the ID the server generated for this request: quote it to support to locate the problem",
            "每次请求发送时，服务端将会自动为请求生成一个 ID，遇到问题时，该 ID 能更快地协助定位问题"
        ),
        Field::Code => crate::t!(lang;
            "return code: 0 the service answered normally, 500 a server-side failure",
            "返回码，用来标识请求响应情况，0为成功响应，500为服务端响应错误"
        ),
        Field::StatusCode => crate::t!(lang;
            "status code: the exact error condition, as listed in the table; 200 is success",
            "状态码，用来定位唯一的错误条件和确定错误场景"
        ),
        Field::Message => crate::t!(lang; "the error's description", "错误描述"),
        Field::Data => crate::t!(lang;
            "on an error, the error's details; otherwise the payload",
            "每次请求错误时，该字段携带具体的错误信息"
        ),
    }
}

/// Whether `Data` says more than nothing: not absent, `null`, `""`, `{}` or `[]`.
fn has_details(data: Option<Value<'_>>) -> bool {
    data.is_some_and(|d| {
        let raw = d.0.trim_ascii();
        let inner = |open: u8, close: u8| {
            raw.first() == Some(&open)
                && raw.last() == Some(&close)
                && raw[1..raw.len() - 1].trim_ascii().is_empty()
        };
        !(raw == b"null" || raw == b"\"\"" || inner(b'{', b'}') || inner(b'[', b']'))
    })
}

/// `Data` on one line, escaped, cut to `columns` (only its start is read: it can be megabytes).
fn data_text(raw: &[u8], columns: usize) -> String {
    let head = String::from_utf8_lossy(&raw[..raw.len().min(8 * columns + 8)]);
    let one_line: String = head
        .split(['\n', '\r'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let text = escape(&one_line);
    match head.len() < raw.len() {
        true => fit(&format!("{text}…"), columns),
        false => fit(&text, columns),
    }
}

/// A value as written, for the glossary: a string quoted, anything else as written.
fn value_text(value: Option<Value<'_>>, max: usize) -> String {
    match value {
        Some(v) if v.is_string() => format!("\"{}\"", escape(&v.text_short(max))),
        Some(v) => escape(&Value(&v.0[..v.0.len().min(4 * max)]).written()).into_owned(),
        None => "-".to_string(),
    }
}

/// One envelope, for people: the compact layout with `notes` (those of the finding's to say),
/// and the field glossary when `verbose`.
pub fn write_human(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    notes: &[&Note],
    settings: &Settings,
    verbose: bool,
) -> io::Result<()> {
    let (p, lang) = (settings.palette, settings.lang);
    let width = usize::from(settings.width.max(NARROWEST));
    write_wrapped(out, &header(env, origin, f, lang), p, width, "", CONTINUED)?;
    let row = matched(f);
    if f.verdict == Verdict::Error {
        let mut second = Spans::default();
        if let Some(text) = super::contradiction(env, f, lang) {
            second.text(text);
        } else if let Some(text) = row.and_then(|r| hint(r, lang)) {
            second.text(escape(text));
        }
        if let (false, Some(data)) = (env.text_form, env.data.filter(|d| has_details(Some(*d)))) {
            if !second.is_empty() {
                second.push(format!("{NO_BREAK}· "), Palette::dim);
            }
            // Data is cut to fit one line, and is not broken across lines.
            let columns = width.saturating_sub(CONTINUED.len() + 6).max(10);
            second.push(format!("Data{NO_BREAK}"), Palette::label);
            second.text(data_text(data.0, columns).replace(' ', &NO_BREAK.to_string()));
        }
        if !second.is_empty() {
            write_wrapped(out, &second, p, width, INDENT, CONTINUED)?;
        }
    }
    if !notes.is_empty() {
        let joined = notes
            .iter()
            .map(|n| crate::output::notes::text(n, lang))
            .collect::<Vec<_>>()
            .join(&crate::t!(lang; "; ", "；"));
        let mut notes = Spans::default();
        notes.push(crate::t!(lang; "note: ", "提示："), Palette::label);
        notes.push(joined, Palette::warn);
        write_wrapped(out, &notes, p, width, INDENT, CONTINUED)?;
    }
    if verbose {
        glossary(out, env, origin, f, settings)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The header: verdict, code, meaning, HTTP status, RequestId, file and line.
fn header(env: &Envelope<'_>, origin: &Origin<'_>, f: &Finding<'_>, lang: Lang) -> Spans {
    let mut h = Spans::default();
    match f.verdict {
        Verdict::Success => h.push(crate::t!(lang; "✔ success", "✔ 成功"), Palette::good),
        Verdict::Error => h.push(crate::t!(lang; "✘ error", "✘ 错误"), Palette::bad),
    };
    // An HTTP answer with no envelope is told by its status line: `HTTP 502 Bad Gateway`.
    let answer = http_answer(env, origin);
    match code_text(env, super::LONGEST) {
        _ if answer.is_some() => &mut h,
        Some(code) => h.text(" ").push(code, Palette::code),
        // A legacy envelope without StatusCode says so; an API 3.0 success has no code.
        None if env.api == Api::Legacy => h.text(" ").push("-", Palette::code),
        None => &mut h,
    };
    let meaning = envelope_meaning(env, f, lang).or_else(|| {
        env.message
            .map(|m| format!("\"{}\"", escape(&m.text_short(60))))
    });
    let meaning = meaning.unwrap_or_else(|| crate::t!(lang; "not in the table", "不在错误码表中"));
    let dot = |h: &mut Spans| {
        h.push(format!("{NO_BREAK}· "), Palette::dim);
    };
    match answer {
        Some(answer) => h.text(" ").push(answer, Palette::code),
        None => h.text(" ").push(meaning, Palette::label),
    };
    // A line breaks after a separator, not before it.
    // The status returned and the table's are told apart: a log line shows no status.
    let statuses = match env.api {
        Api::Http => Vec::new(),
        _ => http_statuses(f),
    };
    for (status, seen) in statuses {
        let (before, after) = http_words(seen, lang);
        dot(&mut h);
        h.text(format!("{before}HTTP "))
            .push(status.to_string(), move |p, t| {
                p.http(t.parse().unwrap_or(0))
            });
        if !after.is_empty() {
            h.text(after);
        }
    }
    if let Some((header, id)) = request_id(env, origin, super::LONGEST) {
        dot(&mut h);
        match header {
            None => h.text("RequestId "),
            Some(name) => h.text(format!("{name} ")),
        };
        h.push(id, Palette::code);
    }
    dot(&mut h);
    h.push(place(origin), Palette::dim);
    h
}

/// Uncoloured text as spans.
fn plain_text(text: String) -> Spans {
    let mut spans = Spans::default();
    spans.text(text);
    spans
}

/// Each field of the envelope with what the source document says of it (`--verbose`).
fn glossary(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let g = Glossary {
        env,
        origin,
        f,
        palette: settings.palette,
        lang: settings.lang,
        width: usize::from(settings.width.max(NARROWEST)),
        pad: " ".repeat(INDENT.len() + 12),
    };
    let v3 = env.api == Api::V3;
    g.request_id(out)?;
    if !v3 {
        g.code(out)?;
    }
    g.status_code(out)?;
    g.meanings(out)?;
    g.message(out)?;
    if !v3 {
        let data = env.data.map_or("-".to_string(), |d| data_text(d.0, 200));
        g.line(out, "Data", plain_text(data), g.desc(Field::Data))?;
    }
    g.http(out)?;
    if origin.embedded {
        let said = crate::t!(g.lang;
            "inside a log line or another object",
            "在日志行或其他对象中"
        );
        g.line(
            out,
            &crate::t!(g.lang; "Found", "位置"),
            plain_text(said),
            None,
        )?;
    }
    Ok(())
}

/// One envelope's glossary, written a field at a time.
struct Glossary<'a, 'e> {
    env: &'a Envelope<'e>,
    origin: &'a Origin<'e>,
    f: &'a Finding<'e>,
    palette: Palette,
    lang: Lang,
    width: usize,
    /// Where a field's continuation lines start: under its value.
    pad: String,
}

impl Glossary<'_, '_> {
    /// One field: its name, its value and what the document says of it, wrapped.
    fn line(
        &self,
        out: &mut impl Write,
        name: &str,
        value: Spans,
        desc: Option<String>,
    ) -> io::Result<()> {
        // The value comes as spans so that a coloured part of it is coloured per wrapped piece.
        let mut spans = Spans::default();
        let gap = 12usize.saturating_sub(crate::text::width(name));
        spans.push(format!("{name}{}", " ".repeat(gap)), Palette::label);
        spans.0.extend(value.0);
        if let Some(desc) = desc {
            spans.text("  ").push(desc, Palette::dim);
        }
        let mut buf = Vec::new();
        write_wrapped(
            &mut buf,
            &spans,
            self.palette,
            self.width,
            INDENT,
            &self.pad,
        )?;
        out.write_all(&buf)
    }

    /// What the source document says of `field`.
    fn desc(&self, field: Field) -> Option<String> {
        Some(field_description(field, self.lang))
    }

    /// What API 3.0's documentation says of `Response.Error.Code` (`code`) or of its Message.
    fn v3_desc(&self, code: bool) -> Option<String> {
        let lang = self.lang;
        Some(match code {
            true => crate::t!(lang;
                "Response.Error.Code: the error's code; no Error is success",
                "Response.Error.Code：错误码；没有 Error 即成功"
            ),
            false => crate::t!(lang;
                "Response.Error.Message: the error's description",
                "Response.Error.Message：错误描述"
            ),
        })
    }

    /// The RequestId: the field's, else the header's, left out for a client-side code.
    fn request_id(&self, out: &mut impl Write) -> io::Result<()> {
        let lang = self.lang;
        let id = match (
            self.env.request_id,
            self.origin.http.and_then(|h| h.request_id.as_ref()),
        ) {
            (None, Some((name, value))) => {
                let (value, name) = (escape(value), escape(name));
                crate::t!(lang; "{value} ({name} header)", "{value}（{name} 响应头）")
            }
            (id, _) => value_text(id, 200),
        };
        // A client-side code came with no answer, so with no RequestId to leave blank.
        let client_side = matched(self.f).is_some_and(|r| r.http_status.is_none());
        if client_side && id == "-" {
            return Ok(());
        }
        self.line(
            out,
            "RequestId",
            plain_text(id),
            self.desc(Field::RequestId),
        )
    }

    /// The legacy `Code`, with what 0 and 500 say.
    fn code(&self, out: &mut impl Write) -> io::Result<()> {
        let said = match self.f.code {
            Some(0) => {
                crate::t!(self.lang; "{NO_BREAK}· answered normally", "{NO_BREAK}· 成功响应")
            }
            Some(500) => crate::t!(self.lang;
                "{NO_BREAK}· server-side failure",
                "{NO_BREAK}· 服务端响应错误"
            ),
            _ => String::new(),
        };
        let code = format!("{}{said}", value_text(self.env.code, super::LONGEST));
        self.line(out, "Code", plain_text(code), self.desc(Field::Code))
    }

    /// `StatusCode` (API 3.0: `Error.Code`), with the table's HTTP status, category and retry
    /// class when the table has the code.
    fn status_code(&self, out: &mut impl Write) -> io::Result<()> {
        let mut status_spans = Spans::default();
        let status = match matched(self.f) {
            Some(row) => {
                let status = self.table_status(row);
                // Whether to retry is no question for a success.
                let retry = match (row.code, row.retry) {
                    (200, _) | (_, None) => None,
                    (_, Some(retry)) => Some(retry),
                };
                if let Some(retry) = retry {
                    // The Chinese label says 重试 itself.
                    status_spans.text(crate::t!(self.lang;
                        "{status}{NO_BREAK}· retry ",
                        "{status}{NO_BREAK}· "
                    ));
                    status_spans.push(
                        crate::table::labels::retry(retry, self.lang),
                        retry_paint(retry),
                    );
                }
                status
            }
            None => value_text(self.env.status_code, super::LONGEST),
        };
        if status_spans.is_empty() {
            status_spans.text(status);
        }
        match self.env.api == Api::V3 {
            true => self.line(out, "Error.Code", status_spans, self.v3_desc(true)),
            false => self.line(
                out,
                "StatusCode",
                status_spans,
                self.desc(Field::StatusCode),
            ),
        }
    }

    /// The code as the table has it, with its HTTP status and category.
    fn table_status(&self, row: &crate::table::Row) -> String {
        let category = row
            .category
            .as_deref()
            .map_or("-", |c| crate::table::labels::category(c, self.lang));
        let code = match self.env.api {
            Api::Legacy => row.code.to_string(),
            Api::V3 => code_text(self.env, super::LONGEST).unwrap_or_default(),
            Api::Http => row.label(),
        };
        match row.http_status {
            Some(http) => {
                let (before, after) = http_words(super::HttpSeen::Expected, self.lang);
                format!(
                    "{code}{NO_BREAK}· {before}HTTP {http}{after}{NO_BREAK}· {}",
                    escape(category)
                )
            }
            None => format!("{code}{NO_BREAK}· {}", escape(category)),
        }
    }

    /// Each of the code's meanings, numbered when there are several.
    fn meanings(&self, out: &mut impl Write) -> io::Result<()> {
        let (f, lang) = (self.f, self.lang);
        let word = crate::t!(lang; "Meaning", "含义");
        for (i, row) in f.rows.iter().enumerate() {
            let name = match f.rows.len() {
                1 => word.clone(),
                _ => format!("{word} {}", i + 1),
            };
            let cause = f.cause.as_deref();
            let zh = super::meaning_filled(row, Lang::Zh, cause);
            let text = match (lang, row.message_en.is_some()) {
                (Lang::En, true) => format!(
                    "{} ({})",
                    escape(&super::meaning_filled(row, Lang::En, cause)),
                    escape(&zh)
                ),
                _ => escape(&zh).into_owned(),
            };
            self.line(out, &name, plain_text(text), None)?;
        }
        Ok(())
    }

    /// `Message`, and whether it is the table's text.
    fn message(&self, out: &mut impl Write) -> io::Result<()> {
        let (env, lang) = (self.env, self.lang);
        let v3 = env.api == Api::V3;
        let mut message = value_text(env.message, 200);
        if self.f.message_matches.is_some() {
            message.push_str(&crate::t!(lang; " ✔ as in the table", " ✔ 与错误码表一致"));
        }
        // A success's Message is no error's description.
        let message_desc = match self.f.verdict {
            Verdict::Success => Some(crate::t!(lang; "the response's message", "响应消息")),
            Verdict::Error if v3 => self.v3_desc(false),
            Verdict::Error => self.desc(Field::Message),
        };
        if !v3 || env.message.is_some() || env.error {
            self.line(out, "Message", plain_text(message), message_desc)?;
        }
        Ok(())
    }

    /// The HTTP status line the response came with, and the table's when it differs.
    fn http(&self, out: &mut impl Write) -> io::Result<()> {
        let Some(http) = self.origin.http else {
            return Ok(());
        };
        let want = match self.f.expected_http {
            Some(s) if s != http.status => {
                crate::t!(self.lang; " (table: {s})", "（错误码表：{s}）")
            }
            _ => String::new(),
        };
        let header = http
            .request_id
            .as_ref()
            .map_or_else(String::new, |(name, value)| {
                format!("{NO_BREAK}· {}: {}", escape(name), escape(value))
            });
        let status = format!("{}{want}{header}", escape(&http.status_line));
        self.line(out, "HTTP", plain_text(status), None)
    }
}
