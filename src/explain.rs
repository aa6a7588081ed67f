//! Turning one envelope into findings: its code's meanings, the verdict, and notes on whatever
//! is odd. Also drives `errcode explain`: the reader's events go through [`Explainer`].

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use crate::commands::{file_error, Settings};
use crate::envelope::{Envelope, Event, Field, Origin, Reader, Sink, Skip};
use crate::error::{Error, Outcome};
use crate::lang::Lang;
use crate::render::{escape, Format};
use crate::report;
use crate::table::{Row, Table};

/// `explain`'s switches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Count per StatusCode instead of explaining each envelope.
    pub summary: bool,
    /// Exit 1 when an envelope is an error.
    pub check: bool,
}

/// Whether the call succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// StatusCode 200, Code 0 (or absent) and no HTTP status at odds with the table.
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
    /// StatusCode is a whole number the table does not have.
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
    /// The line was not valid UTF-8.
    LossyUtf8,
    /// The RequestId header and field differ.
    RequestIdMismatch,
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

fn say(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// `Message` and a table text name the same thing: equal but for case, surrounding space and
/// closing punctuation (the API writes `数据库未查到该记录。`, the table `数据库未查到该记录`).
pub fn same_message(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches(['。', '.', '!', '！']).trim().to_lowercase();
    norm(a) == norm(b)
}

/// Explains one envelope.
pub fn explain<'t>(env: &Envelope<'_>, origin: &Origin<'_>, table: &'t Table, lang: Lang) -> Finding<'t> {
    let mut notes = Vec::new();
    let mut note = |kind, en: String, zh: String| notes.push(Note { kind, text: say(lang, en, zh) });

    let status = env.status_code.as_ref().and_then(|v| v.as_integer());
    let code = env.code.as_ref().and_then(|v| v.as_integer());
    let rows: &[Row] = match status {
        Some((n, _)) if n > 0 => u64::try_from(n).map_or(&[][..], |n| table.lookup(n)),
        _ => &[],
    };

    for field in env.missing() {
        note(NoteKind::MissingField, format!("no {} field", field.name()), format!("缺少 {} 字段", field.name()));
    }
    match (&env.status_code, status) {
        (Some(_), Some((n, _))) if rows.is_empty() => note(
            NoteKind::UnknownCode,
            format!("StatusCode {n} is not in the table"),
            format!("StatusCode {n} 不在错误码表中"),
        ),
        (Some(v), None) => {
            let shown = escape(&short(v.text(), 40)).into_owned();
            note(
                NoteKind::NotACode,
                format!("StatusCode {shown} is not a whole number, so not in the table"),
                format!("StatusCode {shown} 不是整数，不在错误码表中"),
            )
        }
        _ => {}
    }
    if rows.len() > 1 {
        note(
            NoteKind::TwoMeanings,
            format!("the source document lists {} {} times, with different meanings", rows[0].code, rows.len()),
            format!("源文档中 {} 出现 {} 次，含义不同", rows[0].code, rows.len()),
        );
    }
    let expected_http = rows.first().map(|r| r.http_status);
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
            format!("Code 0 (answered normally) contradicts StatusCode {s}, a server-side failure"),
            format!("Code 0（正常响应）与服务端错误 StatusCode {s} 矛盾"),
        ),
        _ => {}
    }
    match (&env.code, code) {
        (Some(_), Some((0 | 500, _))) | (None, _) => {}
        (Some(v), _) => {
            let shown = escape(&short(v.text(), 40)).into_owned();
            note(
                NoteKind::UnexpectedCode,
                format!("Code {shown} is neither 0 (answered normally) nor 500 (server-side failure)"),
                format!("Code {shown} 既不是 0（正常响应）也不是 500（服务端错误）"),
            )
        }
    }
    let message = env.message.as_ref().map(|m| m.text());
    let message_matches = message.and_then(|m| rows.iter().position(|r| same_message(m, &r.message)));
    if let (Some(m), false) = (message, rows.is_empty()) {
        let ok_for_success = status.map(|s| s.0) == Some(200) && ["ok", "success", ""].contains(&m.trim().to_lowercase().as_str());
        match message_matches {
            Some(i) if rows.len() > 1 => note(
                NoteKind::TwoMeanings,
                format!("Message matches meaning {} of {}: {}", i + 1, rows.len(), rows[i].message),
                format!("Message 对应第 {} 种含义：{}", i + 1, rows[i].message),
            ),
            None if !ok_for_success => {
                let table_text = rows.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join(" / ");
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
                format!("{} was written as a string (\"{n}\"), read as the number {n}", field.name()),
                format!("{} 写成了字符串（\"{n}\"），按数字 {n} 读取", field.name()),
            );
        }
    }
    for (key, field) in &env.renamed {
        let key = escape(key).into_owned();
        note(
            NoteKind::KeyCase,
            format!("key \"{key}\" read as {}", field.name()),
            format!("键 \"{key}\" 按 {} 读取", field.name()),
        );
    }
    if let (Some((_, header)), Some(field)) = (origin.http.and_then(|h| h.request_id.as_ref()), &env.request_id) {
        if header != field.text() {
            note(
                NoteKind::RequestIdMismatch,
                "the RequestId header and the RequestId field differ".into(),
                "RequestId 响应头与 RequestId 字段不同".into(),
            );
        }
    }
    if origin.lossy {
        note(
            NoteKind::LossyUtf8,
            "the input was not valid UTF-8: bad bytes were read as U+FFFD".into(),
            "输入不是有效的 UTF-8：无效字节按 U+FFFD 读取".into(),
        );
    }

    let http_ok = !notes.iter().any(|n| n.kind == NoteKind::HttpMismatch);
    let success = status.map(|s| s.0) == Some(200) && !rows.is_empty() && matches!(code.map(|c| c.0), None | Some(0)) && http_ok;
    Finding {
        status_code: status.map(|s| s.0),
        code: code.map(|c| c.0),
        rows,
        verdict: if success { Verdict::Success } else { Verdict::Error },
        expected_http,
        observed_http,
        message_matches,
        notes,
    }
}

/// `text` cut to at most `max` characters, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Counts for `--summary` and for the closing report.
#[derive(Debug, Default)]
pub struct Tally {
    /// Envelopes seen.
    pub envelopes: u64,
    /// Envelopes whose verdict is error.
    pub errors: u64,
    /// Envelopes per StatusCode (`None`: missing or not a whole number).
    pub per_code: HashMap<Option<i128>, u64>,
    /// Lines skipped, per reason.
    pub skipped: HashMap<Skip, u64>,
    /// Broken JSON documents.
    pub broken: u64,
    /// The first thing that was not an envelope, as a message with its place.
    pub first_problem: Option<String>,
}

/// Receives the reader's events and writes the report.
pub struct Explainer<'a, W: Write> {
    out: W,
    table: &'a Table,
    settings: &'a Settings,
    options: Options,
    name: String,
    /// What has been counted so far.
    pub tally: Tally,
    warnings: u64,
}

/// Broken lines reported one by one before the rest are only counted.
const MAX_WARNINGS: u64 = 20;

impl<W: Write> Sink for Explainer<'_, W> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Envelope(env, origin) => {
                let finding = explain(&env, &origin, self.table, self.settings.lang);
                self.tally.envelopes += 1;
                if finding.verdict == Verdict::Error {
                    self.tally.errors += 1;
                }
                if self.options.summary {
                    *self.tally.per_code.entry(finding.status_code).or_default() += 1;
                    return Ok(());
                }
                match self.settings.format {
                    Some(Format::Json) => report::write_json(&mut self.out, &env, &origin, &finding, self.settings.lang),
                    _ => report::write_human(&mut self.out, &env, &origin, &finding, self.settings),
                }
            }
            Event::Skipped { line, offset, reason } => {
                *self.tally.skipped.entry(reason).or_default() += 1;
                if self.tally.first_problem.is_none() {
                    let place = match reason {
                        Skip::Binary => format!("byte {offset}: binary data, not text"),
                        _ => format!("line {line}: {}", reason.describe()),
                    };
                    self.tally.first_problem = Some(place);
                }
                Ok(())
            }
            Event::Broken { line, column, message } => {
                self.tally.broken += 1;
                let place = format!("line {line} column {column}: {}", escape(&message));
                if self.tally.first_problem.is_none() {
                    self.tally.first_problem = Some(place.clone());
                }
                self.warnings += 1;
                if self.warnings <= MAX_WARNINGS {
                    self.out.flush()?;
                    eprintln!("errcode: {}: {place}; skipped", self.name);
                }
                Ok(())
            }
        }
    }

    fn chunk_done(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Input errors, told apart from output errors on their way through the reader.
#[derive(Debug)]
struct InputError(io::Error);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for InputError {}

struct Tagged<R>(R);

impl<R: Read> Read for Tagged<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::Interrupted => e,
            _ => io::Error::other(InputError(e)),
        })
    }
}

/// `errcode explain [FILE]`.
pub fn run(out: &mut impl Write, table: &Table, settings: &Settings, file: Option<&Path>, options: &Options) -> Result<Outcome, Error> {
    let stdin = io::stdin();
    let (input, name): (Box<dyn Read>, String) = match file {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::open(path).map_err(|e| file_error(path, &e))?;
            (Box::new(file), escape(&path.to_string_lossy()).into_owned())
        }
        Some(_) => (Box::new(stdin.lock()), "<stdin>".to_string()),
        None if stdin.is_terminal() => {
            return Err(Error::Usage(
                "explain needs input: `errcode explain FILE`, or pipe a response into it (`curl -si URL | errcode explain`)".into(),
            ))
        }
        None => (Box::new(stdin.lock()), "<stdin>".to_string()),
    };
    let mut explainer = Explainer { out: &mut *out, table, settings, options: *options, name: name.clone(), tally: Tally::default(), warnings: 0 };
    let read = Reader::new().read_all(Tagged(input), &mut explainer);
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => {
            let inner = e.get_ref().and_then(|inner| inner.downcast_ref::<InputError>());
            return Err(match inner {
                Some(InputError(e)) if e.raw_os_error() == Some(21) => {
                    Error::Input(format!("{name}: is a directory: give a file"))
                }
                Some(InputError(e)) => Error::Input(format!("{name}: cannot read: {e}")),
                None => Error::Output(e),
            });
        }
    };
    let tally = explainer.tally;
    if tally.envelopes == 0 {
        let why = match (bytes, &tally.first_problem) {
            (0, _) => "empty input: nothing to explain".to_string(),
            (_, Some(problem)) => problem.clone(),
            (_, None) => "only blank lines: nothing to explain".to_string(),
        };
        return Err(Error::Input(format!(
            "{name}: {why}: no response envelope found (give JSON, NDJSON, `curl -i` output or log lines with envelopes)"
        )));
    }
    if tally.broken > MAX_WARNINGS {
        eprintln!("errcode: {name}: {} more broken lines not shown", tally.broken - MAX_WARNINGS);
    }
    if options.summary {
        report::write_summary(out, &tally, table, settings)?;
    } else {
        out.flush()?;
        report::write_skipped(&mut io::stderr(), &tally, settings.lang)?;
    }
    Ok(if options.check && tally.errors > 0 { Outcome::NothingFound } else { Outcome::Found })
}
