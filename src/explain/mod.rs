//! Turning one envelope into findings: its code's meanings, the verdict, and notes on whatever
//! is odd; and, in [`summary`] and [`problems`], what `--summary` and the closing line count;
//! in [`diff`], what changed between two inputs; in [`timeline`], counts per time bucket.

pub mod diff;
pub mod problems;
pub mod recent;
pub mod summary;
pub mod timeline;

use crate::input::{Api, Envelope, Field, Origin, Value};
use crate::table::v3::V3Table;
use crate::table::{Retry, Row, Table};

/// Whether the call succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Legacy: StatusCode 200, `Code` absent or 0, no HTTP status at odds with the table.
    /// API 3.0: no `Error`, and HTTP 200 where the status was seen.
    Success,
    /// Anything else.
    Error,
}

/// What kind of note, as a stable slug in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
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
    /// `Code` 0 with a server-side failure: an observation, as in the source document.
    CodeZeroWithError,
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
    /// API 3.0: the code is not one the request's action is documented to return.
    NotForAction,
}

/// One note on an envelope, as data: the words are the output's (`output::notes`). Values
/// quoted from the input are kept as read (cut to 40 characters) and escaped where written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A field the envelope's generation has is absent.
    MissingField(Field),
    /// StatusCode is a whole number the table does not have.
    UnknownCode(i128),
    /// An API 3.0 code that neither the product's list nor the common list has.
    UnknownV3Code(String),
    /// API 3.0: a product code the SDK does not document for the request's action.
    NotForAction {
        /// The code.
        code: String,
        /// The action (`X-TC-Action`).
        action: String,
    },
    /// StatusCode is a whole number beyond any code (as written).
    BeyondAnyCode(String),
    /// StatusCode is not a whole number (as written).
    NotACode(String),
    /// API 3.0: `Response.Error` has no `Code`.
    ErrorWithoutCode,
    /// The source lists the code several times, with different meanings.
    TwoMeanings {
        /// The code.
        code: u32,
        /// How many meanings.
        count: usize,
    },
    /// API 3.0: the code is both a product code and a common code, with a text in each list.
    BothLists(String),
    /// `Message` names one of a code's meanings.
    MatchesMeaning {
        /// Which (0-based).
        index: usize,
        /// Of how many.
        of: usize,
        /// The meaning's text.
        message: String,
    },
    /// The HTTP status seen differs from the table's.
    HttpMismatch {
        /// Seen.
        seen: u16,
        /// The table's.
        want: u16,
    },
    /// `Code` 500 with `StatusCode` 200.
    FailureWithSuccess,
    /// `Code` 0 with a server-side failure (5xxxx): the source document's own example pairs
    /// `Code` 0 with an error, so this is an observation.
    NormalWithFailure(i128),
    /// `Code` is neither 0 nor 500 (as written, quoted when a string).
    UnexpectedCode(String),
    /// An envelope key was written twice: the field, the other reading, the kept one.
    DuplicateKey(Field, String, String),
    /// API 3.0: `Response` was written twice.
    DuplicateResponse,
    /// `Message` differs from the table's text in either language.
    MessageDiffers {
        /// Each row's text, and its English.
        table: Vec<(String, Option<String>)>,
        /// The envelope's `Message`, as read (cut to 40 characters).
        sent: String,
    },
    /// A number was written as a string.
    StringNumber(Field, i128),
    /// A key was written otherwise (as written).
    KeyCase(String, Field),
    /// The RequestId header and field differ.
    RequestIdMismatch,
    /// The envelope was not valid UTF-8.
    LossyUtf8,
}

impl Note {
    /// What kind of note, as JSON names it.
    pub fn kind(&self) -> NoteKind {
        match self {
            Note::MissingField(_) => NoteKind::MissingField,
            Note::UnknownCode(_) | Note::BeyondAnyCode(_) | Note::UnknownV3Code(_) => {
                NoteKind::UnknownCode
            }
            Note::NotForAction { .. } => NoteKind::NotForAction,
            Note::NotACode(_) | Note::ErrorWithoutCode => NoteKind::NotACode,
            Note::TwoMeanings { .. } | Note::MatchesMeaning { .. } | Note::BothLists(_) => {
                NoteKind::TwoMeanings
            }
            Note::HttpMismatch { .. } => NoteKind::HttpMismatch,
            Note::FailureWithSuccess => NoteKind::CodeMismatch,
            Note::NormalWithFailure(_) => NoteKind::CodeZeroWithError,
            Note::UnexpectedCode(_) => NoteKind::UnexpectedCode,
            Note::DuplicateKey(..) | Note::DuplicateResponse => NoteKind::DuplicateKey,
            Note::MessageDiffers { .. } => NoteKind::MessageDiffers,
            Note::StringNumber(..) => NoteKind::StringNumber,
            Note::KeyCase(..) => NoteKind::KeyCase,
            Note::RequestIdMismatch => NoteKind::RequestIdMismatch,
            Note::LossyUtf8 => NoteKind::LossyUtf8,
        }
    }
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
    /// For an SDK's client-side code, or its string without a code, what its `Message` says:
    /// what `<cause>` in the row's meaning stands for (cut to `MAX_CAUSE` characters).
    pub cause: Option<String>,
}

/// The most characters of a cause kept: a message can be a whole HTML page.
pub const MAX_CAUSE: usize = 160;

/// What `<cause>` in a client-side row's meaning stands for: the `Message` without the SDK's
/// own words around its cause (the words of the row's English meaning around `<cause>`), else
/// the whole `Message`.
fn cause_of(message: Value<'_>, template: &str) -> String {
    // Enough of a long Message to hold the SDK's words and the part of the cause shown.
    let text = message.text_short(MAX_CAUSE + template.len());
    let (before, after) = template.split_once("<cause>").unwrap_or((template, ""));
    let mut cause = text.as_ref();
    if let Some(rest) = cause.strip_prefix(before).filter(|_| !before.is_empty()) {
        cause = rest;
    }
    if let Some(rest) = cause.strip_suffix(after).filter(|_| !after.is_empty()) {
        cause = rest;
    }
    crate::text::short(cause.trim(), MAX_CAUSE)
}

/// `Message` and a table text name the same thing: equal but for ASCII case, surrounding
/// space, closing punctuation (the API writes `数据库未查到该记录。`, the table
/// `数据库未查到该记录`) and full-width against half-width punctuation (`，` and `,`).
pub fn same_message(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Text that starts with a character no ASCII text is read as (`请求成功`) is not an ASCII
    // text (`ok`): told without reading either further.
    fn beyond_ascii(s: &str) -> bool {
        s.chars().next().is_some_and(|c| {
            !c.is_ascii()
                && !c.is_whitespace()
                && !matches!(c, '，' | '。' | '：' | '；' | '！' | '？' | '（' | '）')
        })
    }
    if (a.is_ascii() && beyond_ascii(b)) || (b.is_ascii() && beyond_ascii(a)) {
        return false;
    }
    normalised(a).eq(normalised(b))
}

/// Whether `Message` names `row`: its Chinese text, or its English one (the API answers in
/// English when asked to, and the common codes' English texts are the official ones).
pub fn names_row(message: &str, row: &Row) -> bool {
    same_message(message, &row.message)
        || row
            .message_en
            .as_deref()
            .is_some_and(|en| same_message(message, en))
}

/// A message as [`same_message`] compares it: trimmed, without its closing punctuation,
/// full-width punctuation as half-width, ASCII in lower case.
fn normalised(s: &str) -> impl Iterator<Item = char> + '_ {
    let s = s.trim().trim_end_matches(['。', '.', '!', '！']).trim_end();
    s.chars().map(|c| match c {
        '，' => ',',
        '。' => '.',
        '：' => ':',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        '（' => '(',
        '）' => ')',
        c => c.to_ascii_lowercase(),
    })
}

/// Whether `bytes` are UTF-8, given a part of them (`valid`) known to be. Only the stretch
/// from the first byte beyond ASCII to the last is read, and not at all when it lies within
/// `valid`: an envelope is mostly ASCII around a Message in Chinese, often the table's own
/// text, and the validator reads text beyond ASCII a byte at a time.
fn utf8(bytes: &[u8], valid: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let high = |eight: &[u8]| u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])) & HIGH;
    let first = {
        let mut eights = bytes.chunks_exact(8);
        let found = (&mut eights).enumerate().find_map(|(i, e)| {
            Some(8 * i + (high(e).trailing_zeros() / 8) as usize).filter(|_| high(e) != 0)
        });
        let done = bytes.len() - eights.remainder().len();
        found.or_else(|| {
            eights
                .remainder()
                .iter()
                .position(|b| !b.is_ascii())
                .map(|p| done + p)
        })
    };
    let Some(first) = first else {
        return true;
    };
    let last = {
        let mut eights = bytes.rchunks_exact(8);
        let found = (&mut eights).enumerate().find_map(|(i, e)| {
            let at = bytes.len() - 8 * (i + 1) + 7 - (high(e).leading_zeros() / 8) as usize;
            Some(at).filter(|_| high(e) != 0)
        });
        found.or_else(|| eights.remainder().iter().rposition(|b| !b.is_ascii()))
    };
    // ASCII around the stretch: it is UTF-8 exactly when the whole is. Within a part known
    // to be UTF-8, it starts and ends where characters do, so it is UTF-8 too.
    let stretch = &bytes[first..=last.unwrap_or(first).max(first)];
    let (inner, outer) = (stretch.as_ptr_range(), valid.as_ptr_range());
    (outer.start <= inner.start && inner.end <= outer.end) || std::str::from_utf8(stretch).is_ok()
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
        (Api::V3, _) => match env.status_code {
            Some(code) => V3Table::builtin().lookup(&code.text()),
            // An SDK's string without a code: raised on the client, or (with a RequestId) an
            // answer whose code the string leaves out.
            None if env.text_form && env.error => match env.request_id {
                Some(_) => crate::table::answers::sdk_code_unprinted(),
                None => crate::table::answers::sdk_client_without_code(),
            },
            // Any other answer without a code has no row here; summaries label it by its own.
            None => &[],
        },
        (Api::Http, _) => origin
            .http
            .and_then(|h| crate::table::answers::http_error(h.status))
            .unwrap_or(&[]),
        _ => &[],
    };
    let success = match env.api {
        Api::Legacy => {
            let http_ok = match (origin.http, rows.first()) {
                (Some(http), Some(row)) => Some(http.status) == row.http_status,
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
        Api::Http => false,
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

/// The class of an error whose code says success (`Code` 500 with `StatusCode` 200, a
/// gateway's 5xx around a success body): a server-side failure, retried with backoff.
pub const FAILED_SUCCESS: (&str, Retry) = ("internal", Retry::Backoff);

/// Which of a code's several meanings `Message` names, when it names one (a `Message` of
/// kilobytes is no table text: not read whole to be compared).
pub fn named_meaning(env: &Envelope<'_>, rows: &[Row]) -> Option<usize> {
    if rows.len() < 2 {
        return None;
    }
    let text = env.message.filter(|m| m.0.len() <= 4096)?.text();
    rows.iter().position(|r| names_row(&text, r))
}

/// The category and the retry class an envelope is counted under, as `--summary` shows them
/// and `--group` groups by them: those of its code's row (of a legacy code with several
/// meanings, the one `Message` names, else the first; of an API 3.0 answer without a code, its
/// own row); an error whose row says success is [`FAILED_SUCCESS`].
pub fn class<'t>(
    env: &Envelope<'_>,
    rows: &'t [Row],
    verdict: Verdict,
) -> (Option<&'t str>, Option<Retry>) {
    use crate::table::answers;
    let row = match (env.api, rows) {
        (Api::V3, []) if env.status_code.is_none() => match env.error {
            true => answers::v3_without_code().first(),
            false => answers::v3_success().first(),
        },
        (Api::Legacy, [_, _, ..]) => rows.get(named_meaning(env, rows).unwrap_or(0)),
        (_, rows) => rows.first(),
    };
    let category = row.and_then(|r| r.category.as_deref());
    match (verdict, category) {
        (Verdict::Error, Some("success")) => (Some(FAILED_SUCCESS.0), Some(FAILED_SUCCESS.1)),
        _ => (category, row.and_then(|r| r.retry)),
    }
}

/// Explains one envelope.
pub fn explain<'t>(env: &Envelope<'_>, origin: &Origin<'_>, table: &'t Table) -> Finding<'t> {
    let (verdict, rows) = verdict(env, origin, table);
    // No answer of the API came with a client-side code, so no RequestId either; nor has an
    // SDK's string without a code a text of the table's to compare its Message with.
    let client_side = rows.first().is_some_and(|r| r.http_status.is_none());
    let no_table_text = client_side || (env.text_form && env.status_code.is_none());
    let mut noting = Noting {
        env,
        origin,
        rows,
        status: env.status_code.and_then(|v| v.as_integer()),
        code: env.code.and_then(|v| v.as_integer()),
        notes: Vec::new(),
    };
    noting.missing_fields(client_side);
    noting.status_code();
    let expected_http = expected_http(env.api, rows);
    let observed_http = origin.http.map(|h| h.status);
    if let (Some(seen), Some(want)) = (observed_http, expected_http) {
        if seen != want {
            noting.notes.push(Note::HttpMismatch { seen, want });
        }
    }
    noting.code();
    noting.duplicates();
    let (exact, message_matches) = noting.message(no_table_text);
    noting.spelling();
    noting.request_id();
    noting.utf8(exact);
    Finding {
        status_code: noting.status.map(|s| s.0),
        code: noting.code.map(|c| c.0),
        rows,
        verdict,
        expected_http,
        observed_http,
        message_matches,
        notes: noting.notes,
        cause: cause(env, rows, no_table_text),
    }
}

/// A value as a note quotes it: its first 40 characters.
#[inline]
fn shown(v: Value<'_>) -> String {
    v.text_short(40).into_owned()
}

/// The HTTP status an answer with these rows should have come with.
#[inline]
fn expected_http(api: Api, rows: &[Row]) -> Option<u16> {
    match api {
        Api::Legacy => rows.first().and_then(|r| r.http_status),
        // API 3.0 answers with HTTP 200; an SDK's client-side code had no answer at all.
        Api::V3 => rows.first().map_or(Some(200), |r| r.http_status),
        Api::Http => None,
    }
}

/// For an SDK's client-side code, or its string without a code, what `<cause>` in the row's
/// meaning stands for in its `Message`.
#[inline]
fn cause(env: &Envelope<'_>, rows: &[Row], no_table_text: bool) -> Option<String> {
    match rows.first() {
        Some(row) if no_table_text => row
            .message_en
            .as_deref()
            .filter(|en| en.contains("<cause>"))
            .and(env.message)
            .map(|m| cause_of(m, row.message_en.as_deref().unwrap_or_default()))
            .filter(|c| !c.is_empty()),
        _ => None,
    }
}

/// One envelope as [`explain`] reads it, and the notes on it so far, in order of importance.
struct Noting<'e, 't> {
    /// The envelope.
    env: &'e Envelope<'e>,
    /// Where it was found, with the HTTP response around it.
    origin: &'e Origin<'e>,
    /// The table's rows for its code.
    rows: &'t [Row],
    /// `StatusCode` as a whole number, and whether it was written as a string.
    status: Option<(i128, bool)>,
    /// `Code` as a whole number, and whether it was written as a string.
    code: Option<(i128, bool)>,
    /// The notes so far.
    notes: Vec<Note>,
}

impl Noting<'_, '_> {
    /// Notes on the fields the envelope lacks.
    #[inline]
    fn missing_fields(&mut self, client_side: bool) {
        self.notes.extend(
            self.env
                .missing()
                .filter(|f| !(client_side && *f == Field::RequestId))
                .map(Note::MissingField),
        );
    }

    /// Notes on `StatusCode`: not in the table, not a code, not for the action, or a code
    /// with several meanings.
    #[inline]
    fn status_code(&mut self) {
        let (env, rows) = (self.env, self.rows);
        if env.api == Api::Legacy {
            match (env.status_code, self.status) {
                (Some(_), Some((n, _))) if rows.is_empty() => self.notes.push(Note::UnknownCode(n)),
                (Some(v), None) if v.is_integer_text() => {
                    self.notes.push(Note::BeyondAnyCode(shown(v)))
                }
                (Some(v), None) => self.notes.push(Note::NotACode(shown(v))),
                _ => {}
            }
        }
        if env.api == Api::V3 && env.error && env.status_code.is_none() && !env.text_form {
            self.notes.push(Note::ErrorWithoutCode);
        }
        if let (Api::V3, Some(code), true) = (env.api, env.status_code, rows.is_empty()) {
            self.notes.push(Note::UnknownV3Code(shown(code)));
        }
        self.action();
        match (rows, env.api) {
            ([first, _, ..], Api::V3) => self.notes.push(Note::BothLists(first.label())),
            ([first, _, ..], Api::Legacy) => self.notes.push(Note::TwoMeanings {
                code: first.code,
                count: rows.len(),
            }),
            _ => {}
        }
    }

    /// A note when an API 3.0 code is not one the request's action is documented to return.
    #[inline]
    fn action(&mut self) {
        let env = self.env;
        if let (Api::V3, Some(code), Some(action)) = (
            env.api,
            env.status_code,
            self.origin.http.and_then(|h| h.action.as_deref()),
        ) {
            // An action the SDK does not know (or none) says nothing about the code.
            let known = V3Table::builtin().knows_action(action);
            if known && !V3Table::builtin().documents(&code.text(), action) {
                self.notes.push(Note::NotForAction {
                    code: shown(code),
                    action: action.to_string(),
                });
            }
        }
    }

    /// Notes on `Code`: at odds with `StatusCode`, or neither 0 nor 500.
    #[inline]
    fn code(&mut self) {
        match (self.code.map(|c| c.0), self.status.map(|s| s.0)) {
            (Some(500), Some(200)) => self.notes.push(Note::FailureWithSuccess),
            (Some(0), Some(s)) if (50000..60000).contains(&s) => {
                self.notes.push(Note::NormalWithFailure(s))
            }
            _ => {}
        }
        match (self.env.code, self.code) {
            (Some(_), Some((0 | 500, _))) | (None, _) => {}
            (Some(v), _) if v.is_string() => self
                .notes
                .push(Note::UnexpectedCode(format!("\"{}\"", shown(v)))),
            (Some(v), _) => self.notes.push(Note::UnexpectedCode(shown(v))),
        }
    }

    /// Notes on keys written twice.
    #[inline]
    fn duplicates(&mut self) {
        let env = self.env;
        for (field, other) in &env.duplicates {
            match env.api {
                Api::V3 | Api::Http => self.notes.push(Note::DuplicateResponse),
                Api::Legacy => {
                    let kept = env.get(*field).map_or_else(String::new, shown);
                    self.notes
                        .push(Note::DuplicateKey(*field, shown(*other), kept));
                }
            }
        }
    }

    /// Notes on `Message` against the table's texts; returns whether it is the table's first
    /// text exactly, and which of the rows it matches.
    #[inline]
    fn message(&mut self, no_table_text: bool) -> (bool, Option<usize>) {
        let rows = self.rows;
        // A Message of kilobytes is no table text: not read whole to be compared.
        let message = self
            .env
            .message
            .filter(|m| m.0.len() <= 4096 && !no_table_text);
        // The usual Message is the table's first text exactly, with nothing to unescape.
        let exact = match (message.map(|m| m.0), rows.first()) {
            (Some([b'"', inner @ .., b'"']), Some(row)) => {
                inner == row.message.as_bytes() && !inner.contains(&b'\\')
            }
            _ => false,
        };
        let message = message.filter(|_| !exact).map(|m| m.text());
        let message = message.as_deref();
        let message_matches = match exact {
            true => Some(0),
            false => message.and_then(|m| rows.iter().position(|r| names_row(m, r))),
        };
        if exact && rows.len() > 1 {
            self.notes.push(Note::MatchesMeaning {
                index: 0,
                of: rows.len(),
                message: rows[0].message.clone(),
            });
        }
        if let (Some(m), false) = (message, rows.is_empty()) {
            self.message_read(m, message_matches);
        }
        (exact, message_matches)
    }

    /// The note on a `Message` read as text: which meaning it names, or that it differs from
    /// every text of the table (unless it is a success's usual word).
    #[inline]
    fn message_read(&mut self, message: &str, matches: Option<usize>) {
        let rows = self.rows;
        let ok_for_success = self.status.map(|s| s.0) == Some(200)
            && ["ok", "success", ""]
                .iter()
                .any(|w| same_message(message, w));
        match matches {
            Some(index) if rows.len() > 1 => self.notes.push(Note::MatchesMeaning {
                index,
                of: rows.len(),
                message: rows[index].message.clone(),
            }),
            None if !ok_for_success => self.notes.push(Note::MessageDiffers {
                table: rows
                    .iter()
                    .map(|r| (r.message.clone(), r.message_en.clone()))
                    .collect(),
                sent: crate::text::short(message, 40),
            }),
            _ => {}
        }
    }

    /// Notes on how the envelope was written: numbers as strings, keys in another case.
    #[inline]
    fn spelling(&mut self) {
        for (field, value) in [(Field::StatusCode, self.status), (Field::Code, self.code)] {
            if let Some((n, true)) = value {
                self.notes.push(Note::StringNumber(field, n));
            }
        }
        for (key, field) in &self.env.renamed {
            self.notes
                .push(Note::KeyCase(key.text_short(40).into_owned(), *field));
        }
    }

    /// A note when the RequestId header and field differ.
    #[inline]
    fn request_id(&mut self) {
        if let (Some((_, header)), Some(field)) = (
            self.origin.http.and_then(|h| h.request_id.as_ref()),
            &self.env.request_id,
        ) {
            if field.0.len() <= 4096 && *header != field.text() {
                self.notes.push(Note::RequestIdMismatch);
            }
        }
    }

    /// A note when the envelope is not valid UTF-8.
    #[inline]
    fn utf8(&mut self, exact: bool) {
        // The Message matched the table's text by its bytes: it is UTF-8.
        let valid = match (exact, self.env.message) {
            (true, Some(m)) => m.0,
            _ => &[],
        };
        if !utf8(self.env.raw, valid) {
            self.notes.push(Note::LossyUtf8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("ok"),
            Just("OK"),
            Just(" "),
            Just("\u{3000}"),
            Just("。"),
            Just("."),
            Just("！"),
            Just("，"),
            Just(","),
            Just("（"),
            Just("请求成功"),
            Just("é"),
        ];
        prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
    }

    /// `same_message` as it reads, without the quick answers.
    fn same_message_slowly(a: &str, b: &str) -> bool {
        normalised(a).eq(normalised(b))
    }

    #[test]
    fn a_cause_is_the_message_without_the_sdk_s_words() {
        let cause = |message: &str, template: &str| cause_of(Value(message.as_bytes()), template);
        assert_eq!(
            cause(
                "\"Fail to get response because dial tcp: timeout\"",
                "Fail to get response because <cause>"
            ),
            "dial tcp: timeout"
        );
        assert_eq!(
            cause(
                "\"response code is 502, not 200\"",
                "response code is <cause>, not 200"
            ),
            "502"
        );
        // A Message in other words is the cause whole.
        assert_eq!(
            cause(
                "\"Read timed out.\"",
                "Network error on the client: <cause>"
            ),
            "Read timed out."
        );
        // A long one is cut, whatever the SDK's words.
        let long = format!(
            "\"Request fail with http status code: 502, with body: {}\"",
            "b".repeat(10_000)
        );
        let cut = cause(&long, "Request fail with http status code: <cause>");
        assert!(
            cut.starts_with("502, with body: bbb") && cut.ends_with('…'),
            "{cut}"
        );
        assert_eq!(cut.chars().count(), MAX_CAUSE + 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn quick_answers_on_messages_are_the_slow_ones(a in text(), b in text()) {
            prop_assert_eq!(same_message(&a, &b), same_message_slowly(&a, &b));
        }

        #[test]
        fn utf8_is_what_the_validator_says(
            bytes in prop::collection::vec(prop_oneof![
                4 => Just(b"a".to_vec()),
                1 => Just("请".as_bytes().to_vec()),
                1 => Just("é".as_bytes().to_vec()),
                1 => Just(vec![0xff]),
                1 => Just(vec![0xe8]),
                1 => Just(vec![0x80]),
            ], 0..40).prop_map(|p| p.concat()),
            cut in any::<prop::sample::Index>(),
            len in any::<prop::sample::Index>(),
        ) {
            prop_assert_eq!(utf8(&bytes, &[]), std::str::from_utf8(&bytes).is_ok());
            // A part that is UTF-8 itself is taken as such; any other is checked.
            let at = cut.index(bytes.len() + 1);
            let part = &bytes[at..at + len.index(bytes.len() - at + 1)];
            let known = std::str::from_utf8(part).is_ok();
            let valid = if known { part } else { &[][..] };
            let expected = std::str::from_utf8(&bytes).is_ok();
            prop_assert_eq!(utf8(&bytes, valid), expected);
        }
    }
}
