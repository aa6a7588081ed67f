//! What `explain` prints: each envelope for people or as JSON, and the `--summary` counts.

use std::io::{self, Write};

use serde::Serialize;

use crate::explain::{Finding, Note, Verdict};
use crate::input::{Api, Envelope, Field, Origin, Value};
use crate::lang::Lang;
use crate::output::hint;
use crate::settings::Settings;
use crate::table::{Retry, Row};
use crate::text::{escape, short};

/// What the source document says of each field, in English and in its own words.
pub fn field_description(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::RequestId, Lang::En) => "the ID the server generated for this request: quote it to support to locate the problem",
        (Field::RequestId, Lang::Zh) => "每次请求发送时，服务端将会自动为请求生成一个 ID，遇到问题时，该 ID 能更快地协助定位问题",
        (Field::Code, Lang::En) => "return code: 0 the service answered normally, 500 a server-side failure",
        (Field::Code, Lang::Zh) => "返回码，用来标识请求响应情况，0为成功响应，500为服务端响应错误",
        (Field::StatusCode, Lang::En) => "status code: the exact error condition, as listed in the table; 200 is success",
        (Field::StatusCode, Lang::Zh) => "状态码，用来定位唯一的错误条件和确定错误场景",
        (Field::Message, Lang::En) => "the error's description",
        (Field::Message, Lang::Zh) => "错误描述",
        (Field::Data, Lang::En) => "on an error, the error's details; otherwise the payload",
        (Field::Data, Lang::Zh) => "每次请求错误时，该字段携带具体的错误信息",
    }
}

fn value_text(value: Option<&Value<'_>>, max: usize) -> String {
    match value {
        Some(v) if v.is_string() => format!("\"{}\"", escape(&v.text_short(max))),
        Some(v) => escape(&Value(&v.0[..v.0.len().min(4 * max)]).written()).into_owned(),
        None => "-".to_string(),
    }
}

/// `Data` for people: on one line, cut to a sensible length, with its size when cut.
fn data_text(raw: &[u8]) -> String {
    const MAX: usize = 120;
    // Only the start is shown: a value of megabytes is not copied whole.
    let head = String::from_utf8_lossy(&raw[..raw.len().min(8 * MAX)]);
    let one_line: String = head
        .split(['\n', '\r'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let shown = short(&one_line, MAX);
    let cut = if shown.len() < one_line.len() || head.len() < raw.len() {
        format!(" ({} bytes)", raw.len())
    } else {
        String::new()
    };
    format!("{}{cut}", escape(&shown))
}

/// One envelope, for people.
pub fn write_human(
    out: &mut impl Write,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    settings: &Settings,
) -> io::Result<()> {
    let (p, lang) = (settings.palette, settings.lang);
    let en = lang == Lang::En;
    let verdict = match f.verdict {
        Verdict::Success => p.good(if en { "✔ success" } else { "✔ 成功" }),
        Verdict::Error => p.bad(if en { "✘ error" } else { "✘ 错误" }),
    };
    let code = env.status_code.map_or("-".to_string(), |v| {
        escape(&short(&v.text(), 24)).into_owned()
    });
    let v3_success = env.api == Api::V3 && env.status_code.is_none() && !env.error;
    let headline = match f.rows.get(f.message_matches.unwrap_or(0)) {
        Some(row) => meaning(row, lang),
        None if v3_success => match en {
            true => "API 3.0 response with no Error".to_string(),
            false => "API 3.0 响应，没有 Error".to_string(),
        },
        None => if en {
            "not in the table"
        } else {
            "不在错误码表中"
        }
        .to_string(),
    };
    let place = match (en, origin.embedded) {
        (true, true) => format!("line {}, in a log line", origin.line),
        (true, false) => format!("line {}", origin.line),
        (false, true) => format!("第 {} 行，日志行中", origin.line),
        (false, false) => format!("第 {} 行", origin.line),
    };
    writeln!(
        out,
        "{verdict}  {}  {}  {}",
        p.code(&code),
        p.label(&headline),
        p.dim(&format!("({place})"))
    )?;

    // Padded by display width: Chinese labels take two columns a character.
    let label = |name: &str| {
        let pad = 11usize.saturating_sub(unicode_width::UnicodeWidthStr::width(name));
        p.label(&format!("  {name}{}", " ".repeat(pad)))
    };
    let desc = |field: Field| p.dim(field_description(field, lang));
    let request_id = match (
        &env.request_id,
        origin.http.and_then(|h| h.request_id.as_ref()),
    ) {
        (Some(v), _) => p.code(&value_text(Some(v), 200)),
        (None, Some((name, value))) => format!(
            "{} {}",
            p.code(&escape(value)),
            p.dim(&format!("({} header)", escape(name)))
        ),
        (None, None) => "-".to_string(),
    };
    writeln!(
        out,
        "{}{request_id}  {}",
        label("RequestId"),
        desc(Field::RequestId)
    )?;
    let code_meaning = match f.code {
        Some(0) => {
            if en {
                " · answered normally"
            } else {
                " · 成功响应"
            }
        }
        Some(500) => {
            if en {
                " · server-side failure"
            } else {
                " · 服务端响应错误"
            }
        }
        _ => "",
    };
    let v3 = env.api == Api::V3;
    // API 3.0 has no Code and no Data; its code and message are Response.Error's.
    if !v3 {
        writeln!(
            out,
            "{}{}{code_meaning}  {}",
            label("Code"),
            value_text(env.code.as_ref(), 40),
            desc(Field::Code)
        )?;
    }
    let v3_desc = |field: &str| {
        p.dim(&match (en, field) {
            (true, "code") => {
                "Response.Error.Code: the error's code; no Error is success".to_string()
            }
            (false, "code") => "Response.Error.Code：错误码；没有 Error 即成功".to_string(),
            (true, _) => "Response.Error.Message: the error's description".to_string(),
            (false, _) => "Response.Error.Message：错误描述".to_string(),
        })
    };
    let mut status = value_text(env.status_code.as_ref(), 40);
    // The meaning Message names, when the code has several (51603), throughout.
    let matched = f.rows.get(f.message_matches.unwrap_or(0));
    if let Some(row) = matched {
        // Whether to retry is no question for a success.
        let retry = match row.code {
            200 => String::new(),
            _ => format!(" · retry {}", p.retry(row.retry)),
        };
        let code = match env.api {
            Api::Legacy => row.code.to_string(),
            // API 3.0 answers its errors with HTTP 200.
            Api::V3 => env
                .status_code
                .map_or_else(String::new, |v| escape(&v.text_short(64)).into_owned()),
        };
        status = format!(
            "{} · HTTP {} · {}{retry}",
            p.code(&code),
            p.http(row.http_status),
            row.category.as_deref().unwrap_or("-"),
        );
    }
    match v3 {
        true => writeln!(out, "{}{status}  {}", label("Error.Code"), v3_desc("code"))?,
        false => writeln!(
            out,
            "{}{status}  {}",
            label("StatusCode"),
            desc(Field::StatusCode)
        )?,
    }
    for (i, row) in f.rows.iter().enumerate() {
        let word = if en { "Meaning" } else { "含义" };
        let name = if f.rows.len() > 1 {
            format!("{word} {}", i + 1)
        } else {
            word.to_string()
        };
        let text = match (lang, row.message_en.as_deref()) {
            (Lang::En, Some(en_text)) => format!(
                "{} {}",
                escape(en_text),
                p.dim(&format!("({})", escape(&row.message)))
            ),
            _ => escape(&row.message).into_owned(),
        };
        writeln!(out, "{}{text}", label(&name))?;
    }
    let as_in_table = if f.message_matches.is_some() {
        p.good(if en {
            " ✔ as in the table"
        } else {
            " ✔ 与错误码表一致"
        })
    } else {
        String::new()
    };
    let message = value_text(env.message.as_ref(), 100);
    // A success's Message is no error's description.
    let message_desc = match (f.verdict, en) {
        (Verdict::Success, true) => p.dim("the response's message"),
        (Verdict::Success, false) => p.dim("响应消息"),
        (Verdict::Error, _) => desc(Field::Message),
    };
    match v3 {
        true if env.message.is_some() || env.error => writeln!(
            out,
            "{}{message}{as_in_table}  {}",
            label("Message"),
            v3_desc("message")
        )?,
        true => {}
        false => writeln!(
            out,
            "{}{message}{as_in_table}  {message_desc}",
            label("Message"),
        )?,
    }
    if !v3 {
        writeln!(
            out,
            "{}{}  {}",
            label("Data"),
            env.data.map_or("-".to_string(), |d| data_text(d.0)),
            desc(Field::Data)
        )?;
    }
    if let Some(http) = origin.http {
        let want = f
            .expected_http
            .map(|s| format!(" (table: {s})"))
            .unwrap_or_default();
        writeln!(out, "{}{}{want}", label("HTTP"), escape(&http.status_line))?;
    }
    if let Some(text) = matched.and_then(|row| hint(row, lang)) {
        writeln!(
            out,
            "{}{}",
            label(if en { "Hint" } else { "建议" }),
            escape(text)
        )?;
    }
    for note in &f.notes {
        writeln!(
            out,
            "{}{}",
            label(if en { "Note" } else { "提示" }),
            p.warn(&crate::output::notes::text(note, lang))
        )?;
    }
    writeln!(out)
}

/// A row's meaning in `lang`, escaped.
pub fn meaning(row: &Row, lang: Lang) -> String {
    let text = match lang {
        Lang::En => row.message_en.as_deref().unwrap_or(&row.message),
        Lang::Zh => &row.message,
    };
    escape(text).into_owned()
}

#[derive(Serialize)]
struct JsonMeaning<'a> {
    message: &'a str,
    message_en: Option<&'a str>,
    category: Option<&'a str>,
    retry: Option<Retry>,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonHttp<'a> {
    status_line: &'a str,
    status: u16,
    request_id_header: Option<&'a str>,
}

/// The `meanings` array of the annotation for `rows`, as JSON. The same for every envelope of
/// a code, so callers keep it.
pub fn meanings_json(rows: &[Row], lang: Lang) -> String {
    let meanings: Vec<JsonMeaning> = rows
        .iter()
        .map(|r| JsonMeaning {
            message: &r.message,
            message_en: r.message_en.as_deref(),
            category: r.category.as_deref(),
            retry: r.retry,
            hint: hint(r, lang),
        })
        .collect();
    let mut json = Vec::new();
    match crate::text::to_json_writer(&mut json, &meanings) {
        Ok(()) => String::from_utf8(json).unwrap_or_else(|_| "[]".to_string()),
        Err(_) => "[]".to_string(),
    }
}

fn json_number(out: &mut impl Write, n: Option<impl itoa::Integer>) -> io::Result<()> {
    match n {
        Some(n) => out.write_all(itoa::Buffer::new().format(n).as_bytes()),
        None => out.write_all(b"null"),
    }
}

/// One envelope as a line of JSON: where it was, the envelope as read, and the annotation
/// (`meanings` is [`meanings_json`] of the finding's rows). Written by hand around the parts
/// that are already JSON (the envelope, `meanings`), which is most of the line.
pub fn write_json(
    out: &mut impl Write,
    file: &str,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    meanings: &str,
    lang: Lang,
) -> io::Result<()> {
    // Known to be UTF-8 unless the finding says otherwise: not checked again.
    let utf8 = !f.notes.contains(&Note::LossyUtf8);
    write_json_head(out, file, env, origin, utf8)?;
    write_annotation_start(out, env, f)?;
    write_request_id(out, env, utf8)?;
    write_annotation_end(out, origin, f, meanings, lang)
}

/// The annotation of an envelope around its `request_id`, which is all that differs between
/// envelopes of the same code, `Code` and no notes: written once, then copied.
#[derive(Debug, Clone)]
pub struct AnnotationTemplate {
    start: Vec<u8>,
    end: Vec<u8>,
}

impl AnnotationTemplate {
    /// The template of this finding's annotation.
    pub fn new(
        env: &Envelope<'_>,
        origin: &Origin<'_>,
        f: &Finding<'_>,
        meanings: &str,
    ) -> AnnotationTemplate {
        let (mut start, mut end) = (Vec::new(), Vec::new());
        // Writing to a Vec cannot fail.
        write_annotation_start(&mut start, env, f).ok();
        // A template is made for envelopes with no notes: their language does not matter.
        write_annotation_end(&mut end, origin, f, meanings, Lang::En).ok();
        AnnotationTemplate { start, end }
    }

    /// The same line [`write_json`] writes, for a finding this template was made for.
    pub fn write(
        &self,
        out: &mut impl Write,
        file: &str,
        env: &Envelope<'_>,
        origin: &Origin<'_>,
    ) -> io::Result<()> {
        // A template is made for envelopes with no note, so none is not UTF-8.
        write_json_head(out, file, env, origin, true)?;
        out.write_all(&self.start)?;
        write_request_id(out, env, true)?;
        out.write_all(&self.end)
    }
}

fn write_json_head(
    out: &mut impl Write,
    file: &str,
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    utf8: bool,
) -> io::Result<()> {
    out.write_all(b"{\"file\":")?;
    out.write_all(file.as_bytes())?;
    out.write_all(b",\"line\":")?;
    json_number(out, Some(origin.line))?;
    out.write_all(b",\"envelope\":")?;
    if env.text_form {
        // An SDK's error string: no JSON to echo, so the text as read, as a JSON string.
        return write_text_as_json(out, env.raw);
    }
    write_raw_json(out, env.raw, utf8)
}

/// JSON as read, on one line and safe for a terminal: line breaks between tokens become
/// spaces; control characters, DEL and C1 controls inside strings become `\u00XX` escapes;
/// bytes that are not UTF-8 become U+FFFD. The usual envelope needs none of it and is copied.
fn write_raw_json(out: &mut impl Write, raw: &[u8], utf8: bool) -> io::Result<()> {
    if !needs_care(raw, utf8) {
        return out.write_all(raw);
    }
    // Written as it is read, in small pieces: an envelope can be megabytes.
    let mut piece = String::with_capacity(4096);
    let (mut in_string, mut escaped) = (false, false);
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' | '\r' | '\t' if !in_string => piece.push(' '),
                c if in_string && c.is_control() => {
                    escaped = false;
                    piece.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => {
                    if in_string {
                        if escaped {
                            escaped = false;
                        } else if c == '\\' {
                            escaped = true;
                        } else if c == '"' {
                            in_string = false;
                        }
                    } else if c == '"' {
                        in_string = true;
                    }
                    piece.push(c);
                }
            }
            if piece.len() >= 4000 {
                out.write_all(piece.as_bytes())?;
                piece.clear();
            }
        }
        if !chunk.invalid().is_empty() {
            escaped = false;
            piece.push('\u{fffd}');
            if piece.len() >= 4000 {
                out.write_all(piece.as_bytes())?;
                piece.clear();
            }
        }
    }
    out.write_all(piece.as_bytes())
}

/// Whether `raw` holds a control byte, DEL, a C1 control's lead byte (0xC2 also leads other
/// characters: those are checked the slow way), or bytes that may not be UTF-8. Eight bytes at
/// a time: this runs on every envelope of `--format json`.
fn needs_care(raw: &[u8], utf8: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut words = raw.chunks_exact(8);
    let mut high = 0u64;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        if control | has_zero(w ^ (ONES * 0x7f)) | has_zero(w ^ (ONES * 0xc2)) != 0 {
            return true;
        }
        high |= w & HIGH;
    }
    let tail = words.remainder();
    if tail.iter().any(|&b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return true;
    }
    !utf8 && (high != 0 || !tail.is_ascii()) && std::str::from_utf8(raw).is_err()
}

/// `raw` as one JSON string, escaped piece by piece (it can be megabytes).
fn write_text_as_json(out: &mut impl Write, raw: &[u8]) -> io::Result<()> {
    out.write_all(b"\"")?;
    for chunk in raw.utf8_chunks() {
        let mut rest = chunk.valid();
        while !rest.is_empty() {
            let mut cut = rest.len().min(4096);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut piece = Vec::with_capacity(cut + 16);
            crate::text::to_json_writer(&mut piece, &rest[..cut])?;
            out.write_all(&piece[1..piece.len() - 1])?;
            rest = &rest[cut..];
        }
        if !chunk.invalid().is_empty() {
            out.write_all("\u{fffd}".as_bytes())?;
        }
    }
    out.write_all(b"\"")
}

fn write_request_id(out: &mut impl Write, env: &Envelope<'_>, utf8: bool) -> io::Result<()> {
    // The value as written is JSON already (a string, or whatever else was sent).
    match env.request_id {
        Some(v) if env.text_form => write_text_as_json(out, v.0),
        Some(v) => write_raw_json(out, v.0, utf8),
        None => out.write_all(b"null"),
    }
}

fn write_annotation_start(
    out: &mut impl Write,
    env: &Envelope<'_>,
    f: &Finding<'_>,
) -> io::Result<()> {
    let verdict = match f.verdict {
        Verdict::Success => "success",
        Verdict::Error => "error",
    };
    out.write_all(b",\"annotation\":{\"api\":\"")?;
    out.write_all(match env.api {
        Api::Legacy => b"legacy",
        Api::V3 => b"v3",
    })?;
    out.write_all(b"\",\"verdict\":\"")?;
    out.write_all(verdict.as_bytes())?;
    out.write_all(b"\",\"status_code\":")?;
    match (env.api, env.status_code) {
        (Api::V3, Some(code)) => crate::text::to_json_writer(&mut *out, &code.text())?,
        _ => json_number(out, f.status_code)?,
    }
    out.write_all(b",\"code\":")?;
    json_number(out, f.code)?;
    out.write_all(b",\"request_id\":")
}

fn write_annotation_end(
    out: &mut impl Write,
    origin: &Origin<'_>,
    f: &Finding<'_>,
    meanings: &str,
    lang: Lang,
) -> io::Result<()> {
    out.write_all(b",\"meanings\":")?;
    out.write_all(meanings.as_bytes())?;
    out.write_all(b",\"expected_http_status\":")?;
    json_number(out, f.expected_http)?;
    out.write_all(b",\"observed_http_status\":")?;
    json_number(out, f.observed_http)?;
    out.write_all(b",\"http\":")?;
    match origin.http {
        Some(h) => {
            let http = JsonHttp {
                status_line: &h.status_line,
                status: h.status,
                request_id_header: h.request_id.as_ref().map(|(_, v)| v.as_str()),
            };
            crate::text::to_json_writer(&mut *out, &http)?;
        }
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\"notes\":")?;
    if f.notes.is_empty() {
        out.write_all(b"[]")?;
    } else {
        crate::text::to_json_writer(&mut *out, &crate::output::notes::json_notes(&f.notes, lang))?;
    }
    out.write_all(b"}}\n")
}
