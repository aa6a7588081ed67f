//! Turning one envelope into findings: its code's meanings, the verdict, and notes on whatever
//! is odd. Also drives `errcode explain`: the reader's events go through [`Worker`].

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use crate::commands::{file_error, Settings};
use crate::envelope::{Envelope, Event, Field, HttpResponse, Origin, Reader, Sink, Skip, Value};
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
    /// The input is a regular file: the next chunk can be read while lines are being read.
    pub read_ahead: bool,
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
    if a == b {
        return true;
    }
    fn norm(s: &str) -> &str {
        s.trim().trim_end_matches(['。', '.', '!', '！']).trim_end()
    }
    norm(a).eq_ignore_ascii_case(norm(b))
}

/// The StatusCode (when a whole number) and the verdict, without the notes: what `--summary` needs.
/// `status` and `code` are the fields as whole numbers (`None`: missing or not a whole number);
/// `http` is the response the envelope came in, if any.
pub fn verdict(
    status: Option<i128>,
    code: Option<i128>,
    http: Option<&HttpResponse>,
    table: &Table,
) -> Verdict {
    let row = match status {
        Some(200) => table.lookup(200).first(),
        _ => None,
    };
    let http_ok = match (http, row) {
        (Some(http), Some(row)) => http.status == row.http_status,
        _ => true,
    };
    if row.is_some() && matches!(code, None | Some(0)) && http_ok {
        Verdict::Success
    } else {
        Verdict::Error
    }
}

/// Explains one envelope.
pub fn explain<'t>(
    env: &Envelope<'_>,
    origin: &Origin<'_>,
    table: &'t Table,
    lang: Lang,
) -> Finding<'t> {
    let mut notes = Vec::new();
    let mut note = |kind, en: String, zh: String| {
        notes.push(Note {
            kind,
            text: say(lang, en, zh),
        })
    };

    let status = env.status_code.as_ref().and_then(|v| v.as_integer());
    let code = env.code.as_ref().and_then(|v| v.as_integer());
    let rows: &[Row] = match status {
        Some((n, _)) if n > 0 => u64::try_from(n).map_or(&[][..], |n| table.lookup(n)),
        _ => &[],
    };

    for field in env.missing() {
        note(
            NoteKind::MissingField,
            format!("no {} field", field.name()),
            format!("缺少 {} 字段", field.name()),
        );
    }
    match (&env.status_code, status) {
        (Some(_), Some((n, _))) if rows.is_empty() => note(
            NoteKind::UnknownCode,
            format!("StatusCode {n} is not in the table"),
            format!("StatusCode {n} 不在错误码表中"),
        ),
        (Some(v), None) if v.is_integer_text() => {
            let shown = escape(&short(&v.text(), 40)).into_owned();
            note(
                NoteKind::UnknownCode,
                format!("StatusCode {shown} is not in the table (far beyond any code)"),
                format!("StatusCode {shown} 不在错误码表中（超出任何错误码）"),
            )
        }
        (Some(v), None) => {
            let shown = escape(&short(&v.text(), 40)).into_owned();
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
            format!(
                "the source document lists {} {} times, with different meanings",
                rows[0].code,
                rows.len()
            ),
            format!("源文档中 {} 出现两次，含义不同", rows[0].code),
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
            let shown = escape(&short(&v.text(), 40)).into_owned();
            note(
                NoteKind::UnexpectedCode,
                format!(
                    "Code {shown} is neither 0 (answered normally) nor 500 (server-side failure)"
                ),
                format!("Code {shown} 既不是 0（正常响应）也不是 500（服务端错误）"),
            )
        }
    }
    let message = env.message.map(|m| m.text());
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
                    rows[i].message
                ),
                format!("Message 对应第 {} 种含义：{}", i + 1, rows[i].message),
            ),
            None if !ok_for_success => {
                let table_text = rows
                    .iter()
                    .map(|r| r.message.as_str())
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
        let key = escape(key).into_owned();
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
        if *header != field.text() {
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
    let success = status.map(|s| s.0) == Some(200)
        && !rows.is_empty()
        && matches!(code.map(|c| c.0), None | Some(0))
        && http_ok;
    Finding {
        status_code: status.map(|s| s.0),
        code: code.map(|c| c.0),
        rows,
        verdict: if success {
            Verdict::Success
        } else {
            Verdict::Error
        },
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
    /// The first thing that was not an envelope.
    pub first_problem: Option<Problem>,
    /// The first binary line.
    pub first_binary: Option<Problem>,
}

/// Where in the input something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A line (1-based).
    Line(usize),
    /// A line and a column (1-based).
    Column(usize, usize),
    /// A byte offset.
    Byte(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Column(line, column) => write!(f, "line {line} column {column}"),
            Place::Byte(offset) => write!(f, "byte {offset}"),
        }
    }
}

/// Something wrong at a place in the input, kept as numbers until it is told: a fork that read
/// from the middle of a file learns how many lines came before only when it is joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where.
    pub place: Place,
    /// What, escaped for a terminal.
    pub what: String,
}

impl Problem {
    fn shift(&mut self, lines: usize) {
        match &mut self.place {
            Place::Line(line) | Place::Column(line, _) => *line += lines,
            Place::Byte(_) => {}
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.what)
    }
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.envelopes += other.envelopes;
        self.errors += other.errors;
        for (code, n) in other.per_code {
            *self.per_code.entry(code).or_default() += n;
        }
        for (reason, n) in other.skipped {
            *self.skipped.entry(reason).or_default() += n;
        }
        self.broken += other.broken;
        if self.first_problem.is_none() {
            self.first_problem = other.first_problem;
        }
        if self.first_binary.is_none() {
            self.first_binary = other.first_binary;
        }
    }
}

/// Receives the reader's events: explains each envelope into a buffer (written out after each
/// chunk) and counts. Forks of it read part of a chunk, or of a file, on another thread.
pub struct Worker<'a> {
    table: &'a Table,
    settings: &'a Settings,
    options: Options,
    /// Output not yet written, in order: `parts` (from joined forks), then `buf`.
    pub parts: Vec<Vec<u8>>,
    /// Output not yet written, after `parts`.
    pub buf: Vec<u8>,
    /// Written-out buffers kept for reuse (a fresh large buffer costs page faults every chunk).
    pub spare: Vec<Vec<u8>>,
    /// Broken-line warnings not yet printed.
    pub warnings: Vec<Problem>,
    /// Warnings taken so far (printed or not): only the first [`MAX_WARNINGS`] of the input are.
    warned: usize,
    /// What has been counted so far.
    pub tally: Tally,
    /// Envelopes per row of the table, for `--summary` (faster than hashing each code).
    per_row: Vec<u64>,
    /// The `meanings` JSON per row of the table (first row of a code), made when first needed.
    meanings: Vec<Option<String>>,
    /// Annotations of the usual envelopes (no notes; `Code` 0 or 500) per row, made when first needed.
    templates: Vec<[Option<report::AnnotationTemplate>; 2]>,
    /// The caches of the last joined fork, handed to the next one (a fork is made per chunk).
    fork_caches: Option<Caches>,
}

type Caches = (
    Vec<Option<String>>,
    Vec<[Option<report::AnnotationTemplate>; 2]>,
);

impl<'a> Worker<'a> {
    /// A worker with nothing counted.
    pub fn new(table: &'a Table, settings: &'a Settings, options: Options) -> Worker<'a> {
        Worker {
            table,
            settings,
            options,
            parts: Vec::new(),
            buf: Vec::with_capacity(1 << 16),
            spare: Vec::new(),
            warnings: Vec::new(),
            warned: 0,
            tally: Tally::default(),
            per_row: vec![0; table.rows().len()],
            meanings: vec![None; table.rows().len()],
            templates: vec![[None, None]; table.rows().len()],
            fork_caches: None,
        }
    }

    /// Keeps a warning, if it is among the first [`MAX_WARNINGS`] of the input.
    fn warn(&mut self, warning: Problem) {
        if self.warned < MAX_WARNINGS {
            self.warnings.push(warning);
            self.warned += 1;
        }
    }

    /// Counts one envelope for `--summary`.
    fn count(&mut self, status: Option<i128>, code: Option<i128>, http: Option<&HttpResponse>) {
        self.tally.envelopes += 1;
        if verdict(status, code, http, self.table) == Verdict::Error {
            self.tally.errors += 1;
        }
        match status
            .and_then(|s| u64::try_from(s).ok())
            .map(|s| self.table.position(s))
        {
            Some(Some(i)) => self.per_row[i] += 1,
            _ => *self.tally.per_code.entry(status).or_default() += 1,
        }
    }

    /// Moves the per-row counts into the tally.
    pub fn settle(&mut self) {
        let rows = self.table.rows();
        for (i, n) in self.per_row.iter_mut().enumerate() {
            if *n > 0 && (i == 0 || rows[i - 1].code != rows[i].code) {
                *self
                    .tally
                    .per_code
                    .entry(Some(i128::from(rows[i].code)))
                    .or_default() += *n;
            }
            *n = 0;
        }
    }
}

impl Sink for Worker<'_> {
    fn event(&mut self, event: Event<'_, '_>) -> io::Result<()> {
        match event {
            Event::Counted { status_code, code } => {
                self.count(status_code, code, None);
                Ok(())
            }
            Event::Envelope(env, origin) => {
                if self.options.summary {
                    let number = |v: Option<Value<'_>>| v.and_then(Value::as_integer).map(|n| n.0);
                    self.count(number(env.status_code), number(env.code), origin.http);
                    return Ok(());
                }
                self.tally.envelopes += 1;
                let finding = explain(&env, &origin, self.table, self.settings.lang);
                if finding.verdict == Verdict::Error {
                    self.tally.errors += 1;
                }
                if self.settings.format != Some(Format::Json) {
                    return report::write_human(
                        &mut self.buf,
                        &env,
                        &origin,
                        &finding,
                        self.settings,
                    );
                }
                let lang = self.settings.lang;
                let index = finding
                    .status_code
                    .and_then(|s| u64::try_from(s).ok())
                    .and_then(|s| self.table.position(s));
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
                            &origin, &finding, &meanings,
                        ));
                    }
                    if let Some(template) = &self.templates[i][slot] {
                        return template.write(&mut self.buf, &env, &origin);
                    }
                }
                let meanings = match index {
                    Some(i) => self.meanings[i]
                        .get_or_insert_with(|| report::meanings_json(finding.rows, lang))
                        .as_str(),
                    None => "[]",
                };
                report::write_json(&mut self.buf, &env, &origin, &finding, meanings)
            }
            Event::Skipped {
                line,
                offset,
                reason,
            } => {
                *self.tally.skipped.entry(reason).or_default() += 1;
                let problem = || match reason {
                    Skip::Binary => Problem {
                        place: Place::Byte(offset),
                        what: "binary data, not text".into(),
                    },
                    _ => Problem {
                        place: Place::Line(line),
                        what: reason.describe().into(),
                    },
                };
                if self.tally.first_problem.is_none() {
                    self.tally.first_problem = Some(problem());
                }
                if reason == Skip::Binary && self.tally.first_binary.is_none() {
                    self.tally.first_binary = Some(problem());
                }
                if reason == Skip::TooLong {
                    self.warn(problem());
                }
                Ok(())
            }
            Event::Broken {
                line,
                column,
                message,
            } => {
                self.tally.broken += 1;
                let problem = Problem {
                    place: Place::Column(line, column),
                    what: escape(&message).into_owned(),
                };
                if self.tally.first_problem.is_none() {
                    self.tally.first_problem = Some(problem.clone());
                }
                self.warn(problem);
                Ok(())
            }
        }
    }

    fn counts_only(&self) -> bool {
        self.options.summary
    }

    fn shift(&mut self, lines: usize) {
        let tally = &mut self.tally;
        for problem in self
            .warnings
            .iter_mut()
            .chain(&mut tally.first_problem)
            .chain(&mut tally.first_binary)
        {
            problem.shift(lines);
        }
    }

    fn fork(&mut self) -> Self {
        let mut fork = Worker::new(self.table, self.settings, self.options);
        if let Some(buf) = self.spare.pop() {
            fork.buf = buf;
        }
        if let Some((meanings, templates)) = self.fork_caches.take() {
            (fork.meanings, fork.templates) = (meanings, templates);
        }
        fork
    }

    fn join(&mut self, mut other: Self) {
        other.settle();
        // Kept as parts, not copied: the fork's output can be most of a chunk's.
        if !self.buf.is_empty() {
            let fresh = self.spare.pop().unwrap_or_default();
            let mine = std::mem::replace(&mut self.buf, fresh);
            self.parts.push(mine);
        }
        self.parts.append(&mut other.parts);
        self.parts.push(other.buf);
        self.fork_caches = Some((other.meanings, other.templates));
        // The fork's warnings come after this worker's: they fill what room is left.
        let room = MAX_WARNINGS.saturating_sub(self.warned);
        let taken = other.warnings.len().min(room);
        self.warnings.extend(other.warnings.into_iter().take(taken));
        self.warned += taken;
        self.tally.add(other.tally);
    }
}

/// What the output thread writes, in input order.
enum Piece {
    /// Output for stdout.
    Output(Vec<u8>),
    /// A warning for stderr.
    Warning(Problem),
}

/// The output thread: writes each batch (stdout flushed after it, so that `tail -f` shows every
/// chunk), hands emptied buffers back, and stops at the first write that fails.
fn write_batches(
    batches: std::sync::mpsc::Receiver<Vec<Piece>>,
    give_back: std::sync::mpsc::Sender<Vec<u8>>,
    out: &mut impl Write,
    err: &mut impl Write,
    name: &str,
) -> io::Result<()> {
    for batch in batches {
        for piece in batch {
            match piece {
                Piece::Output(mut bytes) => {
                    write_in_pieces(out, &bytes)?;
                    bytes.clear();
                    give_back.send(bytes).ok();
                }
                Piece::Warning(warning) => {
                    out.flush()?;
                    writeln!(err, "errcode: {name}: {warning}; skipped").ok();
                }
            }
        }
        out.flush()?;
    }
    Ok(())
}

/// About how much [`write_in_pieces`] writes at a time.
const PIECE: usize = 16 << 10;

/// Writes `bytes` in pieces of about [`PIECE`] bytes, each ending at a line end. A pipe (64 KiB)
/// takes small writes several times faster than one of megabytes: its reader drains it while
/// it is being filled, instead of both taking turns page by page.
fn write_in_pieces(out: &mut impl Write, mut bytes: &[u8]) -> io::Result<()> {
    while bytes.len() > PIECE {
        let cut = memchr::memrchr(b'\n', &bytes[..PIECE]).map_or(PIECE, |i| i + 1);
        out.write_all(&bytes[..cut])?;
        bytes = &bytes[cut..];
    }
    out.write_all(bytes)
}

/// Broken lines reported one by one before the rest are only counted.
const MAX_WARNINGS: usize = 20;

/// `errcode explain [FILE]`.
pub fn run(
    out: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    file: Option<&Path>,
    options: &Options,
) -> Result<Outcome, Error> {
    let stdin = io::stdin();
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::open(path).map_err(|e| file_error(path, &e))?;
            let name = escape(&path.to_string_lossy()).into_owned();
            match file.metadata() {
                // A regular file is read ahead, and for --summary in parts, on every core.
                Ok(meta) if meta.is_file() => explain_with(
                    |worker, chunk_done| {
                        let reader = Reader::new().read_ahead();
                        reader.read_file(&file, meta.len(), worker, chunk_done)
                    },
                    &name,
                    out,
                    &mut io::stderr(),
                    table,
                    settings,
                    options,
                ),
                _ => explain_stream(file, &name, out, &mut io::stderr(), table, settings, options),
            }
        }
        None if stdin.is_terminal() => Err(Error::Usage(
            "explain needs input: `errcode explain FILE`, or pipe a response into it (`curl -si URL | errcode explain`)".into(),
        )),
        _ => explain_stream(stdin.lock(), "<stdin>", out, &mut io::stderr(), table, settings, options),
    }
}

/// Explains everything in `input` (named `name` in messages) onto `out`, with warnings and
/// what was skipped on `err`: the whole of `errcode explain` but for opening the input.
/// Failures to write `err` are ignored: diagnostics must not turn into errors of their own.
pub fn explain_stream(
    input: impl Read,
    name: &str,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &Table,
    settings: &Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let reader = match options.read_ahead {
        true => Reader::new().read_ahead(),
        false => Reader::new(),
    };
    explain_with(
        |worker, chunk_done| reader.read_all_owned(input, worker, chunk_done),
        name,
        out,
        err,
        table,
        settings,
        options,
    )
}

/// What the reader calls after each chunk: it hands the worker's output to the writer.
type ChunkDone<'d, 'w> = &'d mut dyn FnMut(&mut Worker<'w>) -> io::Result<()>;

/// The whole of explain around `read`, which reads the input into a worker, calling its second
/// argument after each chunk, and returns how many bytes it read.
fn explain_with<'t>(
    read: impl FnOnce(&mut Worker<'t>, ChunkDone<'_, 't>) -> io::Result<u64>,
    name: &str,
    out: &mut (impl Write + Send),
    err: &mut (impl Write + Send),
    table: &'t Table,
    settings: &'t Settings,
    options: &Options,
) -> Result<Outcome, Error> {
    let mut worker = Worker::new(table, settings, *options);
    let mut warned = 0;
    // Output is written on a thread of its own, so that reading goes on while a slow reader (a
    // pipe) takes it; what was written comes back to be filled again.
    let (read, written) = std::thread::scope(|scope| {
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<Piece>>(1);
        let (give_back, spares) = std::sync::mpsc::channel::<Vec<u8>>();
        let (out, err) = (&mut *out, &mut *err);
        let writer = scope.spawn(move || write_batches(batches, give_back, out, err, name));
        let read = read(&mut worker, &mut |w| {
            w.spare.extend(spares.try_iter());
            let mut batch: Vec<Piece> = std::mem::take(&mut w.parts)
                .into_iter()
                .map(Piece::Output)
                .collect();
            if !w.buf.is_empty() {
                let fresh = w.spare.pop().unwrap_or_default();
                batch.push(Piece::Output(std::mem::replace(&mut w.buf, fresh)));
            }
            // Until an envelope is seen, a problem may be the whole story: it is then said once,
            // as the error, instead of as a warning too.
            if w.tally.envelopes > 0 {
                warned += w.warnings.len() as u64;
                batch.extend(w.warnings.drain(..).map(Piece::Warning));
            }
            if batch.is_empty() {
                return Ok(());
            }
            // A send fails only when the writer stopped: its error is the one told.
            to_writer
                .send(batch)
                .map_err(|_| io::Error::other("the output stopped"))
        });
        drop(to_writer);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the output thread stopped")));
        (read, written)
    });
    written.map_err(Error::Output)?;
    // The writer's error came first; any other is the input's.
    let bytes = read.map_err(|e| match e.raw_os_error() {
        Some(21) => Error::Input(format!("{name}: is a directory: give a file")),
        _ => Error::Input(format!("{name}: cannot read: {e}")),
    })?;
    worker.settle();
    let tally = worker.tally;
    if tally.envelopes == 0 {
        // Binary data is the likelier story than any line before it.
        let why = match (bytes, &tally.first_binary, &tally.first_problem) {
            (0, _, _) => "empty input: nothing to explain".to_string(),
            (_, Some(binary), _) => binary.to_string(),
            (_, None, Some(problem)) => problem.to_string(),
            (_, None, None) => "only blank lines: nothing to explain".to_string(),
        };
        return Err(Error::Input(format!(
            "{name}: {why}: no response envelope found (give JSON, NDJSON, `curl -i` output or log lines with envelopes)"
        )));
    }
    if tally.broken > warned {
        let more = tally.broken - warned;
        writeln!(err, "errcode: {name}: {more} more broken lines not shown").ok();
    }
    if options.summary {
        report::write_summary(out, err, &tally, table, settings)?;
    } else {
        out.flush()?;
        report::write_skipped(err, &tally, settings.lang).ok();
    }
    Ok(if options.check && tally.errors > 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
