//! Turning one envelope into findings: its code's meanings, the verdict, and notes on whatever
//! is odd. Also drives `errcode explain`: the reader's events go to an [`Explainer`] or, for
//! `--summary`, a [`Counter`].

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::file_error;
use crate::error::{Error, Outcome};
use crate::input::parallel::Parts;
use crate::input::{Api, Envelope, Event, Fault, Field, Origin, Sink, Skip, Value};
use crate::lang::Lang;
use crate::render::{escape, Format};
use crate::report;
use crate::settings::Settings;
use crate::summary::{self, Summary};
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

pub use crate::text::short;

/// Broken lines and other problems told one by one, for all inputs together, before the rest
/// are only counted.
const MAX_WARNINGS: usize = 20;

/// What was wrong, somewhere in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// A line passed over.
    Skipped(Skip),
    /// Broken JSON, starting on the problem's line; the fault's line and column.
    Broken(Fault, u64, u64),
    /// An HTTP response with no body.
    NoBody(u16),
}

/// Something wrong at a line of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input, as named in messages.
    pub file: String,
    /// The line.
    pub line: u64,
    /// What.
    pub what: Trouble,
}

/// What a fault is, in words.
pub fn fault_text(fault: Fault) -> String {
    match fault {
        Fault::Unexpected { found, expected } => {
            let found = match found {
                b' '..=b'~' => format!("`{}`", found as char),
                _ => format!("byte 0x{found:02x}"),
            };
            format!("broken JSON: expected {expected}, found {found}")
        }
        Fault::OpenString => "broken JSON: the line ends inside a string".into(),
        Fault::BadEscape => "broken JSON: an escape JSON does not have".into(),
        Fault::BadNumber => "broken JSON: not a JSON number".into(),
        Fault::Truncated => "truncated JSON: it is never closed".into(),
        Fault::TooLong => format!(
            "JSON document longer than the {} MiB limit",
            crate::input::MAX_LINE >> 20
        ),
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (file, line) = (&self.file, self.line);
        match &self.what {
            Trouble::Skipped(Skip::TooLong) => write!(
                f,
                "{file}: line {line}: longer than the {} MiB limit",
                crate::input::MAX_LINE >> 20
            ),
            Trouble::Skipped(reason) => write!(f, "{file}: line {line}: {}", skip_text(*reason)),
            Trouble::Broken(fault, at, column) if *at == line => write!(
                f,
                "{file}: line {line} column {column}: {}",
                fault_text(*fault)
            ),
            Trouble::Broken(fault, at, column) => write!(
                f,
                "{file}: line {line}: {} (line {at} column {column})",
                fault_text(*fault)
            ),
            Trouble::NoBody(status) => write!(f, "{file}: line {line}: HTTP {status} with no body"),
        }
    }
}

impl Problem {
    /// The problem as a warning: what it cost.
    pub fn warning(&self) -> String {
        match &self.what {
            Trouble::Broken(_, at, _) if *at != self.line => format!(
                "{self}; line {} skipped, the lines after it read again",
                self.line
            ),
            Trouble::NoBody(_) => self.to_string(),
            _ => format!("{self}; skipped"),
        }
    }
}

/// A reason to pass a line over, in words.
pub fn skip_text(reason: Skip) -> &'static str {
    match reason {
        Skip::NoJson => "no JSON object",
        Skip::NotEnvelope => "JSON without an envelope",
        Skip::Binary => "binary data, not text",
        Skip::TooLong => "longer than the 16 MiB limit",
    }
}

/// What was passed over, and the warnings not yet told.
#[derive(Debug, Default, Clone)]
pub struct Problems {
    /// Lines passed over, per reason (in [`Skip::ALL`] order).
    pub skipped: [u64; 4],
    /// Broken JSON.
    pub broken: u64,
    /// HTTP responses with no body.
    pub no_body: u64,
    /// The first problem of all.
    pub first: Option<Problem>,
    /// The first binary line.
    pub first_binary: Option<Problem>,
    /// Warnings not yet told.
    pub warnings: Vec<Problem>,
    /// Warnings taken so far (told or not).
    pub warned: usize,
}

impl Problems {
    fn take(&mut self, problem: Problem, warn: bool) {
        if self.first.is_none() {
            self.first = Some(problem.clone());
        }
        if problem.what == Trouble::Skipped(Skip::Binary) && self.first_binary.is_none() {
            self.first_binary = Some(problem.clone());
        }
        if warn && self.warned < MAX_WARNINGS {
            self.warned += 1;
            self.warnings.push(problem);
        }
    }

    /// Takes one of the reader's events that is not an envelope.
    fn event(&mut self, file: &str, event: &Event<'_, '_>) {
        let (line, what, warn) = match *event {
            Event::Skipped { line, reason, .. } => {
                self.skipped[reason as usize] += 1;
                (line, Trouble::Skipped(reason), reason == Skip::TooLong)
            }
            Event::Broken {
                line,
                fault_line,
                column,
                fault,
            } => {
                self.broken += 1;
                (line, Trouble::Broken(fault, fault_line, column), true)
            }
            Event::NoBody { line, status } => {
                self.no_body += 1;
                (line, Trouble::NoBody(status), true)
            }
            Event::Envelope(..) | Event::Pause => return,
        };
        let file = file.to_string();
        self.take(Problem { file, line, what }, warn);
    }

    /// Takes in the problems of a later part whose lines were numbered from 1.
    fn merge(&mut self, mut later: Problems, lines_before: u64) {
        let shift = |p: &mut Problem| {
            p.line += lines_before;
            if let Trouble::Broken(_, at, _) = &mut p.what {
                *at += lines_before;
            }
        };
        for (a, b) in self.skipped.iter_mut().zip(later.skipped) {
            *a += b;
        }
        self.broken += later.broken;
        self.no_body += later.no_body;
        for p in later
            .first
            .iter_mut()
            .chain(&mut later.first_binary)
            .chain(&mut later.warnings)
        {
            shift(p);
        }
        if self.first.is_none() {
            self.first = later.first;
        }
        if self.first_binary.is_none() {
            self.first_binary = later.first_binary;
        }
        let room = MAX_WARNINGS.saturating_sub(self.warned);
        let taken = later.warnings.len().min(room);
        self.warnings.extend(later.warnings.into_iter().take(taken));
        self.warned += taken;
    }

    fn warnings_total(&self) -> u64 {
        self.skipped[Skip::TooLong as usize] + self.broken + self.no_body
    }
}

/// The summary key of an envelope.
fn summary_key(env: &Envelope<'_>) -> summary::Key {
    let code = match (env.api, env.status_code) {
        (_, None) => None,
        // A StatusCode that is not a whole number is no code: such envelopes count together.
        (Api::Legacy, Some(v)) => v.as_integer().map(|(n, _)| summary::Code::Number(n)),
        (Api::V3, Some(v)) => Some(summary::Code::text(&v.text_short(summary::MAX_CODE_TEXT))),
    };
    summary::Key { api: env.api, code }
}

/// The consumer for `--summary`: counts, and problems.
struct Counter<'t> {
    table: &'t Table,
    file: String,
    summary: Summary,
    problems: Problems,
}

impl Sink for Counter<'_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Envelope(env, origin) => {
                let (verdict, rows) = verdict(env, origin, self.table);
                let error = verdict == Verdict::Error;
                match rows.first() {
                    Some(row) if env.api == Api::Legacy => {
                        let index = self.table.index_of(row);
                        self.summary.add_row(index, row.code, error);
                    }
                    _ => {
                        self.summary.add(summary_key(env), error);
                    }
                }
            }
            other => self.problems.event(&self.file, &other),
        }
        Ok(())
    }
}

impl Parts for Counter<'_> {
    fn part(&self) -> Self {
        Counter {
            table: self.table,
            file: self.file.clone(),
            summary: Summary::new(self.table.rows().len()),
            problems: Problems::default(),
        }
    }

    fn mergeable(&self) -> bool {
        self.summary.other == 0
    }

    fn merge(&mut self, part: Self, lines_before: u64) {
        self.summary.merge(part.summary);
        self.problems.merge(part.problems, lines_before);
    }
}

/// What the output thread writes, in input order.
enum Piece {
    /// Output for stdout.
    Output(Vec<u8>),
    /// A line for stderr.
    Warning(String),
}

/// Output is handed to the writer in pieces of about this size (fewer, larger hand-overs
/// between threads cost fewer switches).
const PIECE: usize = 256 << 10;

/// The writer writes at most this much at a time: a pipe (64 KiB) takes small writes several
/// times faster than one of megabytes, since its reader drains it while it is being filled.
const WRITE: usize = 16 << 10;

/// Output on its way to the writer thread: handed over in pieces of about [`PIECE`] bytes, also
/// in the middle of an envelope's output (an envelope can be megabytes).
struct Pieces {
    buf: Vec<u8>,
    to_writer: std::sync::mpsc::SyncSender<Piece>,
    spares: std::sync::mpsc::Receiver<Vec<u8>>,
}

impl Pieces {
    fn send(&mut self, piece: Piece) -> io::Result<()> {
        self.to_writer
            .send(piece)
            .map_err(|_| io::Error::other("the output stopped"))
    }

    /// Hands what is written so far to the writer.
    fn hand_over(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let fresh = self.spares.try_recv().unwrap_or_default();
            let full = std::mem::replace(&mut self.buf, fresh);
            self.send(Piece::Output(full))?;
        }
        Ok(())
    }
}

impl Write for Pieces {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PIECE {
            self.hand_over()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.hand_over()
    }
}

/// The consumer that explains each envelope: output in pieces to the writer thread.
struct Explainer<'t, 's> {
    table: &'t Table,
    settings: &'s Settings,
    file: String,
    /// The file's name as a JSON string, for each line of JSON output.
    file_json: String,
    envelopes: u64,
    errors: u64,
    problems: Problems,
    out: Pieces,
    /// The `meanings` JSON per row of the table (first row of a code), made when first needed.
    meanings: Vec<Option<String>>,
    /// Annotations of the usual envelopes (no notes; `Code` 0 or 500) per row.
    templates: Vec<[Option<report::AnnotationTemplate>; 2]>,
}

impl Explainer<'_, '_> {
    /// Hands what is written so far, and the warnings, to the writer.
    fn flush(&mut self) -> io::Result<()> {
        self.out.hand_over()?;
        // Until an envelope is seen, a problem may be the whole story: it is then told once,
        // as the error, instead of as a warning too.
        if self.envelopes > 0 {
            for warning in std::mem::take(&mut self.problems.warnings) {
                self.out
                    .send(Piece::Warning(escape(&warning.warning()).into_owned()))?;
            }
        }
        Ok(())
    }

    fn envelope(&mut self, env: &Envelope<'_>, origin: &Origin<'_>) -> io::Result<()> {
        let finding = explain(env, origin, self.table, self.settings.lang);
        self.envelopes += 1;
        if finding.verdict == Verdict::Error {
            self.errors += 1;
        }
        if self.settings.format != Some(Format::Json) {
            return report::write_human(&mut self.out, env, origin, &finding, self.settings);
        }
        let lang = self.settings.lang;
        let index = match env.api {
            Api::Legacy => finding
                .status_code
                .and_then(|s| u64::try_from(s).ok())
                .and_then(|s| self.table.position(s)),
            Api::V3 => None,
        };
        // The usual envelope: a known code, Code 0 or 500, nothing to note.
        let usual = finding.notes.is_empty() && origin.http.is_none();
        let code_slot = match finding.code {
            Some(0) => Some(0),
            Some(500) => Some(1),
            _ => None,
        };
        if let (Some(i), Some(slot), true) = (index, code_slot, usual) {
            if self.templates[i][slot].is_none() {
                let meanings = report::meanings_json(finding.rows, lang);
                self.templates[i][slot] = Some(report::AnnotationTemplate::new(
                    env, origin, &finding, &meanings,
                ));
            }
            if let Some(template) = &self.templates[i][slot] {
                return template.write(&mut self.out, &self.file_json, env, origin);
            }
        }
        let meanings = match index {
            Some(i) => self.meanings[i]
                .get_or_insert_with(|| report::meanings_json(finding.rows, lang))
                .as_str(),
            None => "[]",
        };
        report::write_json(
            &mut self.out,
            &self.file_json,
            env,
            origin,
            &finding,
            meanings,
        )
    }
}

impl Sink for Explainer<'_, '_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Envelope(env, origin) => {
                self.envelope(env, origin)?;
                if self.out.buf.len() >= PIECE
                    || (self.envelopes == 1 && !self.problems.warnings.is_empty())
                {
                    self.flush()?;
                }
                Ok(())
            }
            Event::Pause => self.flush(),
            other => {
                self.problems.event(&self.file, &other);
                if self.envelopes > 0 && !self.problems.warnings.is_empty() {
                    self.flush()?;
                }
                Ok(())
            }
        }
    }
}

/// The writer thread: writes each piece (stdout flushed after each, so that `tail -f` shows
/// what was read), hands emptied buffers back, and stops at the first write that fails.
fn write_pieces(
    pieces: std::sync::mpsc::Receiver<Piece>,
    give_back: std::sync::mpsc::Sender<Vec<u8>>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    for piece in pieces {
        match piece {
            Piece::Output(mut bytes) => {
                let mut rest = &bytes[..];
                while rest.len() > WRITE {
                    let cut = memchr::memrchr(b'\n', &rest[..WRITE]).map_or(WRITE, |i| i + 1);
                    out.write_all(&rest[..cut])?;
                    rest = &rest[cut..];
                }
                out.write_all(rest)?;
                bytes.clear();
                give_back.send(bytes).ok();
            }
            Piece::Warning(line) => {
                out.flush()?;
                writeln!(err, "errcode: {line}").ok();
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// One input of `explain`.
pub enum Input<'a> {
    /// Standard input.
    Stdin,
    /// A file.
    Path(&'a Path),
    /// Bytes from anywhere, with the name to give them.
    Reader(&'a str, Box<dyn Read + 'a>),
}

impl Input<'_> {
    /// The name in messages.
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::Path(path) => path.to_string_lossy().into_owned(),
            Input::Reader(name, _) => name.to_string(),
        }
    }

    /// The name in JSON and plain output.
    fn json_name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            other => other.name(),
        }
    }
}

/// An input, opened.
enum Opened<'a> {
    Stdin,
    File(File),
    Reader(Box<dyn Read + 'a>),
}

/// Opens an input; its error as a message for that input.
fn open(input: Input<'_>) -> Result<Opened<'_>, Error> {
    match input {
        Input::Stdin => Ok(Opened::Stdin),
        Input::Path(path) => File::open(path)
            .map(Opened::File)
            .map_err(|e| file_error(path, &e)),
        Input::Reader(_, reader) => Ok(Opened::Reader(reader)),
    }
}

/// The error of reading an input.
fn read_error(name: &str, e: &io::Error) -> Error {
    let name = escape(name);
    match e.raw_os_error() {
        Some(21) => Error::Input(format!("{name}: is a directory: give a file")),
        _ => Error::Input(format!("{name}: cannot read: {e}")),
    }
}

/// `errcode explain [FILE]...`.
pub fn run(
    out: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    files: &[PathBuf],
    options: &Options,
) -> Result<Outcome, Error> {
    let stdin = io::stdin();
    let inputs: Vec<Input<'_>> = match files {
        [] if stdin.is_terminal() => return Err(Error::Usage(
            "explain needs input: `errcode explain FILE`, or pipe a response into it (`curl -si URL | errcode explain`)".into(),
        )),
        [] => vec![Input::Stdin],
        files if files.iter().filter(|f| f.as_os_str() == "-").count() > 1 => {
            return Err(Error::Usage(
                "stdin (-) is given more than once: it can be read only once".into(),
            ))
        }
        files => files
            .iter()
            .map(|f| match f.as_os_str() == "-" {
                true => Input::Stdin,
                false => Input::Path(f),
            })
            .collect(),
    };
    explain_inputs(inputs, out, &mut io::stderr(), table, settings, options)
}

/// Explains `inputs` onto `out`, with warnings and what was skipped on `err`: the whole of
/// `errcode explain` but for choosing the inputs. Failures to write `err` are ignored:
/// diagnostics must not turn into errors of their own.
pub fn explain_inputs(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    if options.summary {
        summarise(inputs, out, err, table, settings, options)
    } else {
        explain_each(inputs, out, err, table, settings, options)
    }
}

/// `explain --summary`: every input counted together.
fn summarise(
    inputs: Vec<Input<'_>>,
    out: &mut impl Write,
    err: &mut impl Write,
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let mut counter = Counter {
        table,
        file: String::new(),
        summary: Summary::new(table.rows().len()),
        problems: Problems::default(),
    };
    let mut failed = false;
    let mut bytes = 0u64;
    for input in inputs {
        counter.file = input.name();
        let name = input.json_name();
        let result = match open(input) {
            Err(e) => Err(e),
            Ok(Opened::Stdin) => {
                let mut counted = Counted::new(io::stdin().lock());
                let read = crate::input::read(&mut counted, &name, &mut counter);
                bytes += counted.bytes;
                read.map_err(|e| read_error(&counter.file, &e))
            }
            Ok(Opened::Reader(reader)) => {
                let mut counted = Counted::new(reader);
                let read = crate::input::read(&mut counted, &name, &mut counter);
                bytes += counted.bytes;
                read.map_err(|e| read_error(&counter.file, &e))
            }
            Ok(Opened::File(file)) => {
                let len = file.metadata().map(|m| m.len()).unwrap_or(0);
                match crate::input::parallel::read(&file, len, &name, &mut counter) {
                    Ok(true) => {
                        bytes += len;
                        Ok(())
                    }
                    Ok(false) => {
                        let mut counted = Counted::new(&file);
                        let read = crate::input::read(&mut counted, &name, &mut counter);
                        bytes += counted.bytes;
                        read.map_err(|e| read_error(&counter.file, &e))
                    }
                    Err(e) => Err(read_error(&counter.file, &e)),
                }
            }
        };
        if let Err(e) = result {
            writeln!(err, "errcode: {e}").ok();
            failed = true;
        }
    }
    let Counter {
        summary, problems, ..
    } = counter;
    if summary.envelopes == 0 {
        if failed {
            return Err(Error::Reported);
        }
        return Err(nothing_found(&names, bytes, &problems));
    }
    for warning in &problems.warnings {
        writeln!(err, "errcode: {}", escape(&warning.warning())).ok();
    }
    let more = problems
        .warnings_total()
        .saturating_sub(problems.warned as u64);
    if more > 0 {
        writeln!(err, "errcode: {more} more problems not shown").ok();
    }
    match report::write_summary(out, err, &summary, &problems, table, settings) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    outcome(failed, options, summary.errors)
}

/// The exit: 2 when an input could not be read, 1 for an error envelope under `--check`.
fn outcome(failed: bool, options: &Options, errors: u64) -> Result<Outcome, Error> {
    if failed {
        Err(Error::Reported)
    } else if options.check && errors > 0 {
        Ok(Outcome::NothingFound)
    } else {
        Ok(Outcome::Found)
    }
}

/// The error when no input held an envelope.
fn nothing_found(names: &[String], bytes: u64, problems: &Problems) -> Error {
    let name = match names {
        [one] => escape(one).into_owned(),
        _ => "the inputs".into(),
    };
    // Binary data is the likelier story than any line before it.
    let why = match (bytes, &problems.first_binary, &problems.first) {
        (0, _, _) => "empty input: nothing to explain".to_string(),
        (_, Some(binary), _) => problem_without_file(binary),
        (_, None, Some(problem)) => problem_without_file(problem),
        (_, None, None) => "only blank lines: nothing to explain".to_string(),
    };
    Error::Input(format!(
        "{name}: {why}: no response envelope found (give JSON, NDJSON, `curl -i` output or log lines with envelopes)"
    ))
}

fn problem_without_file(problem: &Problem) -> String {
    let told = problem.to_string();
    let prefix = format!("{}: ", problem.file);
    escape(told.strip_prefix(&prefix).unwrap_or(&told)).into_owned()
}

/// `text` as a JSON string, escaped for a terminal too.
fn json_string(text: &str) -> String {
    let mut json = Vec::new();
    match crate::text::to_json_writer(&mut json, text) {
        Ok(()) => String::from_utf8(json).unwrap_or_else(|_| "\"?\"".into()),
        Err(_) => "\"?\"".into(),
    }
}

/// A reader that counts the bytes it read.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Counted<R> {
        Counted { inner, bytes: 0 }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

/// `explain` without `--summary`: each envelope, as it is read; warnings in order, on stderr.
/// Failures to write `err` are ignored: diagnostics must not turn into errors of their own.
fn explain_each(
    inputs: Vec<Input<'_>>,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    let (to_writer, pieces) = std::sync::mpsc::sync_channel::<Piece>(2);
    let (give_back, spares) = std::sync::mpsc::channel::<Vec<u8>>();
    let rows = table.rows().len();
    let mut explainer = Explainer {
        table,
        settings,
        file: String::new(),
        file_json: String::new(),
        envelopes: 0,
        errors: 0,
        problems: Problems::default(),
        out: Pieces {
            buf: Vec::with_capacity(PIECE + 4096),
            to_writer,
            spares,
        },
        meanings: vec![None; rows],
        templates: vec![[None, None]; rows],
    };
    let mut failed = false;
    let mut bytes = 0u64;
    let (read, counts, written) = std::thread::scope(|scope| {
        let (out, err) = (&mut *out, &mut *err);
        let writer = scope.spawn(move || write_pieces(pieces, give_back, out, err));
        let read = (|| -> io::Result<()> {
            for input in inputs {
                explainer.file = input.name();
                explainer.file_json = json_string(&input.json_name());
                let name = input.json_name();
                let result = open(input).and_then(|opened| {
                    let reader: Box<dyn Read + '_> = match opened {
                        Opened::Stdin => Box::new(io::stdin().lock()),
                        Opened::File(file) => Box::new(file),
                        Opened::Reader(reader) => reader,
                    };
                    let mut counted = Counted::new(reader);
                    let read = crate::input::read(&mut counted, &name, &mut explainer);
                    bytes += counted.bytes;
                    read.map_err(|e| read_error(&explainer.file, &e))
                });
                if let Err(e) = result {
                    // The writer's error is the one to tell, when it stopped.
                    explainer.flush()?;
                    explainer.out.send(Piece::Warning(e.to_string()))?;
                    failed = true;
                }
            }
            explainer.flush()
        })();
        let Explainer {
            out,
            envelopes,
            errors,
            problems,
            ..
        } = explainer;
        drop(out);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the output thread stopped")));
        (read, (envelopes, errors, problems), written)
    });
    match written {
        // A reader that went away (`| head -1`) ends the work, but what was already seen
        // stands: an error envelope under --check still exits 1.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            return outcome(failed, options, counts.1);
        }
        other => other.map_err(Error::Output)?,
    }
    read.map_err(Error::Output)?;
    let (envelopes, errors, problems) = counts;
    if envelopes == 0 {
        if failed {
            return Err(Error::Reported);
        }
        return Err(nothing_found(&names, bytes, &problems));
    }
    let more = problems
        .warnings_total()
        .saturating_sub(problems.warned as u64);
    if more > 0 {
        writeln!(err, "errcode: {more} more problems not shown").ok();
    }
    report::write_skipped(err, &problems, settings.lang).ok();
    outcome(failed, options, errors)
}
