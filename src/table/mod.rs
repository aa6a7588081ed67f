//! The code table: reading and checking it (built-in or a user's file), merging user tables over
//! the built-in one, and answering lookups, filters, searches and "did you mean".

use std::fmt;

use serde::{Deserialize, Serialize};

pub mod answers;
pub mod crosswalk;
pub mod entries;
pub mod labels;
pub mod query;
pub mod search;
pub mod synonyms;
pub mod v3;

use query::Query;

/// The built-in table, as data: `src/table/codes.json`, in the shape `list --format json` prints.
pub const BUILTIN_JSON: &str = include_str!("codes.json");

/// Where the built-in table comes from (a macro, so that `--version` can `concat!` it).
#[macro_export]
macro_rules! source_document {
    () => {
        "the error-code page (错误码) of the 智能视图计算平台 (Intelligent Viewdata Computing) legacy API, before 3.0"
    };
}

/// The name rows from the built-in table carry as their source.
pub const BUILTIN_SOURCE: &str = "built-in";

/// Whether, and how, a failed call can be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Retry {
    /// The request itself is wrong: fix it; sending it again cannot succeed.
    Never,
    /// Fix the cause (a token, a device, a setting), then the same call can succeed.
    AfterFix,
    /// A transient server-side failure: retry with exponential backoff and jitter.
    Backoff,
}

impl Retry {
    /// The name used in output and in table files.
    pub fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::AfterFix => "after-fix",
            Retry::Backoff => "backoff",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the table: a code, the HTTP status the API answers with, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawRow")]
pub struct Row {
    /// The `StatusCode` of the envelope (200 is success).
    pub code: u32,
    /// The HTTP status the API answers with for this code; `None` for a code no answer of the
    /// API carries (an SDK's client-side code: no answer came back).
    pub http_status: Option<u16>,
    /// The source's Chinese description: what `Message` carries.
    pub message: String,
    /// The meaning in English.
    pub message_en: Option<String>,
    /// A short stable slug: `auth`, `device`, `internal`…
    pub category: Option<String>,
    /// Whether and how to retry.
    pub retry: Option<Retry>,
    /// The next step, in English.
    pub hint_en: Option<String>,
    /// The next step, in Chinese.
    pub hint_zh: Option<String>,
    /// Where the row came from: `built-in` or the path of a user table, shared by its rows.
    #[serde(skip)]
    pub source: std::sync::Arc<str>,
    /// For a row of the API 3.0 table, its code (`code` is then 0).
    #[serde(skip)]
    pub name: Option<String>,
}

/// A row as written in a table file, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    code: i64,
    http_status: i64,
    message: String,
    #[serde(default)]
    message_en: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    retry: Option<Retry>,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    hint_en: Option<String>,
    #[serde(default)]
    hint_zh: Option<String>,
    // Fields `list --format json` prints that a reader has no use for.
    #[serde(default, rename = "source")]
    _source: Option<String>,
    #[serde(default, rename = "twins")]
    _twins: Option<Vec<String>>,
    #[serde(default, rename = "see_also")]
    _see_also: Option<Vec<String>>,
}

impl TryFrom<RawRow> for Row {
    type Error = String;

    fn try_from(raw: RawRow) -> Result<Row, String> {
        let code = u32::try_from(raw.code)
            .ok()
            .filter(|&c| c > 0)
            .ok_or_else(|| {
                format!(
                    "code {} is not a positive whole number below 2^32",
                    raw.code
                )
            })?;
        let http_status = u16::try_from(raw.http_status)
            .ok()
            .filter(|s| (100..=999).contains(s))
            .ok_or_else(|| {
                format!(
                    "http_status {} of code {code} is not between 100 and 999",
                    raw.http_status
                )
            })?;
        if raw.message.trim().is_empty() {
            return Err(format!("message of code {code} is empty"));
        }
        if let Some(category) = &raw.category {
            if category.is_empty()
                || !category
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
            {
                return Err(format!(
                    "category {category:?} of code {code} is not a lowercase slug"
                ));
            }
        }
        let non_empty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        // A bare `hint` (what `list --format json` prints) stands for the language it was printed in;
        // with nothing else to go by it serves both.
        let hint = non_empty(raw.hint);
        Ok(Row {
            code,
            http_status: Some(http_status),
            message: raw.message,
            message_en: non_empty(raw.message_en),
            category: raw.category,
            retry: raw.retry,
            hint_en: non_empty(raw.hint_en).or_else(|| hint.clone()),
            hint_zh: non_empty(raw.hint_zh).or(hint),
            source: std::sync::Arc::from(""),
            name: None,
        })
    }
}

impl Row {
    /// The code as shown: the number, or the API 3.0 code.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => self.code.to_string(),
        }
    }
}

/// An ordered table of rows. A code may have more than one row (51603 does in the source).
#[derive(Debug, Clone)]
pub struct Table {
    rows: Vec<Row>,
    /// Row index + 1 of the first row of each code below 65536, built on first use: explain
    /// asks for every envelope, and a binary search was a sixth of `--summary`'s time.
    index: std::sync::OnceLock<Vec<u8>>,
}

/// A table file that could not be read, with the place of the fault.
#[derive(Debug)]
pub struct TableError {
    /// The file's path (or `built-in`).
    pub source: String,
    /// What is wrong, with line and column.
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl Table {
    /// The built-in table.
    pub fn builtin() -> Table {
        let rows = parse_rows(BUILTIN_JSON, BUILTIN_SOURCE)
            .expect("the built-in table is checked by the test suite");
        Table::from_rows(rows)
    }

    /// The built-in rows whose code `keep` accepts.
    /// Start-up is most of a lookup's time: the built-in table holds one row a line, each
    /// starting `{"code": N,`, so only the lines of kept codes go to the one reader of tables.
    pub(crate) fn builtin_where(keep: impl Fn(u32) -> bool) -> Table {
        const ROW: &[u8] = b"  {\"code\": ";
        let bytes = BUILTIN_JSON.as_bytes();
        let mut kept = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
            let line = &BUILTIN_JSON[start..end];
            start = end + 1;
            let Some(rest) = line.as_bytes().strip_prefix(ROW) else {
                continue;
            };
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let code = std::str::from_utf8(&rest[..digits])
                .ok()
                .and_then(|d| d.parse::<u32>().ok());
            if code.is_some_and(&keep) {
                kept.push(line.trim_end().trim_end_matches(','));
            }
        }
        let rows = parse_rows(&format!("[{}]", kept.join(",")), BUILTIN_SOURCE)
            .expect("the built-in table is checked by the test suite");
        Table::from_rows(rows)
    }

    /// A table of the given rows, sorted by code (rows of one code keep their order).
    pub fn from_rows(mut rows: Vec<Row>) -> Table {
        rows.sort_by_key(|r| r.code);
        Table {
            rows,
            index: std::sync::OnceLock::new(),
        }
    }

    /// Every row, in code order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Puts `rows` over this table: each code they name replaces all of this table's rows of that
    /// code; new codes are added.
    pub(crate) fn merge(&mut self, rows: Vec<Row>) {
        let mut replaced: Vec<u32> = rows.iter().map(|r| r.code).collect();
        replaced.sort_unstable();
        self.rows
            .retain(|r| replaced.binary_search(&r.code).is_err());
        self.rows.extend(rows);
        self.rows.sort_by_key(|r| r.code);
        self.index = std::sync::OnceLock::new();
    }

    /// The rows of one code: none, one, or (51603) more.
    pub fn lookup(&self, code: u64) -> &[Row] {
        let Some(start) = self.position(code) else {
            return &[];
        };
        let end = start
            + self.rows[start..]
                .iter()
                .take_while(|r| u64::from(r.code) == code)
                .count();
        &self.rows[start..end]
    }

    /// The index of `row` among this table's rows; `None` for a row of elsewhere.
    pub(crate) fn index_of(&self, row: &Row) -> Option<usize> {
        index_in(&self.rows, row)
    }

    /// The index of the first row of `code`, if the table has it.
    pub(crate) fn position(&self, code: u64) -> Option<usize> {
        if self.rows.len() < 255 {
            let index = self.index.get_or_init(|| {
                let mut index = vec![0u8; 1 << 16];
                for (i, row) in self.rows.iter().enumerate().rev() {
                    if let Some(slot) = index.get_mut(row.code as usize) {
                        *slot = (i + 1) as u8;
                    }
                }
                index
            });
            if let Some(&slot) = usize::try_from(code).ok().and_then(|c| index.get(c)) {
                return slot.checked_sub(1).map(usize::from);
            }
        }
        let i = self.rows.partition_point(|r| u64::from(r.code) < code);
        (self.rows.get(i).map(|r| u64::from(r.code)) == Some(code)).then_some(i)
    }

    /// The rows a query matches, in code order.
    pub(crate) fn matching<'a>(&'a self, query: &'a Query) -> impl Iterator<Item = &'a Row> + 'a {
        self.rows.iter().filter(move |r| query.matches(r.code))
    }

    /// The HTTP statuses the table uses, each once, in order.
    pub(crate) fn http_statuses(&self) -> Vec<u16> {
        let mut statuses: Vec<u16> = self.rows.iter().filter_map(|r| r.http_status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        statuses
    }

    /// The categories of this table's rows and of the API 3.0 table's, each once, in order:
    /// those `list --category` can match.
    pub(crate) fn all_categories(&self) -> Vec<&str> {
        let v3 = v3::V3Table::builtin().rows();
        let mut categories: Vec<&str> = self
            .rows
            .iter()
            .chain(v3)
            .filter_map(|r| r.category.as_deref())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        categories
    }

    /// The categories an envelope can be of: [`Table::all_categories`], and those of the
    /// answers no code names (an HTTP error answered without an envelope is `http`).
    pub(crate) fn envelope_categories(&self) -> Vec<&str> {
        let answers = answers::http_error(500)
            .into_iter()
            .flatten()
            .chain(answers::v3_success())
            .chain(answers::v3_without_code());
        let mut categories = self.all_categories();
        categories.extend(answers.filter_map(|r| r.category.as_deref()));
        categories.sort_unstable();
        categories.dedup();
        categories
    }

    /// Up to three known codes a mistyped `code` was plausibly meant to be: those a typo away
    /// (see [`typo_limit`]: for a code of five digits, one digit changed, added, dropped, or two
    /// swapped), nearest first. A code further from every code
    /// gets none: `99999` is not a typo of `52514`.
    pub(crate) fn nearest(&self, code: &str) -> Vec<u32> {
        // No code is this long: no typo of one either (and edits cost length × length).
        if code.len() > 80 {
            return Vec::new();
        }
        let limit = typo_limit(code);
        let n = code.parse::<u64>().unwrap_or(0);
        let mut codes: Vec<u32> = self.rows.iter().map(|r| r.code).collect();
        codes.dedup();
        let mut close: Vec<(usize, u64, u32)> = codes
            .into_iter()
            .map(|c| {
                (
                    edit_distance(code, &c.to_string()),
                    u64::from(c).abs_diff(n),
                    c,
                )
            })
            .filter(|&(d, _, _)| d <= limit)
            .collect();
        close.sort_unstable();
        close.truncate(3);
        let mut close: Vec<u32> = close.into_iter().map(|(_, _, c)| c).collect();
        close.sort_unstable();
        close
    }

    /// The rows that hold every term, best first, as `search` ranks them (see `search.rs`).
    pub fn search<'a>(&'a self, terms: &[String]) -> Vec<&'a Row> {
        search::Search::new(terms).rank(&self.rows)
    }
}

/// The most bytes a user table may hold: the built-in table is about 30 KB, and a file bigger
/// than this (or endless, as `/dev/zero`) is refused after this much is read, not held whole.
pub const USER_TABLE_LIMIT: u64 = 2 * 1024 * 1024;

/// The bytes of a user table, read through [`std::io::Read::take`]: `None` when it holds more
/// than [`USER_TABLE_LIMIT`].
pub fn read_user_table(reader: impl std::io::Read) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    reader.take(USER_TABLE_LIMIT + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= USER_TABLE_LIMIT).then_some(bytes))
}

/// Reads a table file: a JSON array of rows in the shape `list --format json` prints.
pub fn parse_rows(text: &str, source: &str) -> Result<Vec<Row>, TableError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |message: String| TableError {
        source: source.to_string(),
        message,
    };
    // One pass when the table is sound (always, for the built-in one); a second, slower one
    // only to say where a broken table breaks.
    let shared: std::sync::Arc<str> = std::sync::Arc::from(source);
    if let Ok(mut rows) = serde_json::from_str::<Vec<Row>>(text) {
        for row in &mut rows {
            row.source = shared.clone();
        }
        return Ok(rows);
    }
    let raws: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| {
        let hint = match e.classify() {
            serde_json::error::Category::Data => ": a table is a JSON array of rows",
            _ => "",
        };
        fail(format!(
            "line {} column {}: {}{hint}",
            e.line(),
            e.column(),
            serde_message(&e)
        ))
    })?;
    let mut rows = Vec::with_capacity(raws.len());
    for raw in raws {
        let mut row: Row = serde_json::from_str(raw.get()).map_err(|e| {
            // Where the row starts: its offset in `text` (it is a slice of it).
            let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            fail(format!(
                "row at line {line} column {column}: {}; each row needs code, http_status and message",
                serde_message(&e)
            ))
        })?;
        row.source = shared.clone();
        rows.push(row);
    }
    Ok(rows)
}

/// The byte offset of the first match of `needle` (lowercase) in `text` at or after `from`, folding ASCII case.
pub fn find_folded(text: &str, needle: &str, from: usize) -> Option<usize> {
    let (hay, pat) = (text.as_bytes(), needle.as_bytes());
    if pat.is_empty() || hay.len() < pat.len() {
        return None;
    }
    (from..=hay.len() - pat.len()).find(|&i| {
        text.is_char_boundary(i)
            && hay[i..i + pat.len()]
                .iter()
                .zip(pat)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// The most edits that still make `word` a plausible typo of a code: one (a character changed,
/// added, dropped, or two neighbours swapped), and two in a code of 20 characters or more, where a
/// second slip is as likely as a first in a short one. Three in a short code is another code:
/// `NoSuchRegion` is not a typo of `NoSuchVersion`, nor `99999` of `52514`.
pub(crate) fn typo_limit(word: &str) -> usize {
    match word.chars().count() {
        0..20 => 1,
        _ => 2,
    }
}

/// The edit distance between two words, a swap of two neighbours counting as one edit (optimal
/// string alignment, strsim's: already built for clap's own suggestions).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// What an HTTP status the table uses means on this platform, where it is not the usual meaning.
pub fn http_status_note(status: u16) -> Option<String> {
    http_status_note_in(status, crate::lang::Lang::En)
}

/// [`http_status_note`] in `lang`.
pub fn http_status_note_in(status: u16, lang: crate::lang::Lang) -> Option<String> {
    match status {
        456 => Some(crate::t!(lang;
            "HTTP 456 is not a registered HTTP status: this platform answers it for infrastructure failures (52501-52514)",
            "HTTP 456 不是标准 HTTP 状态码：本平台用它表示基础设施故障（52501-52514）"
        )),
        402 => Some(crate::t!(lang;
            "HTTP 402 here means a concurrency limit (too many downloads at once), not Payment Required",
            "HTTP 402 在这里表示并发限制（同时下载太多），不是 Payment Required"
        )),
        _ => None,
    }
}

/// serde_json's message without its own `at line … column …`: errcode says where itself.
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The index of `row` in `rows`, found by its address (a row of a lookup's answer is one of
/// the table's own): `None` for a row of elsewhere, such as a built-in answer's.
pub(crate) fn index_in(rows: &[Row], row: &Row) -> Option<usize> {
    let (start, at) = (rows.as_ptr() as usize, row as *const Row as usize);
    let offset = at.checked_sub(start)?;
    let index = offset / std::mem::size_of::<Row>();
    (index < rows.len() && offset % std::mem::size_of::<Row>() == 0).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_found_by_its_address_and_a_row_of_elsewhere_is_not() {
        let table = Table::builtin();
        let rows = table.lookup(41601);
        assert_eq!(table.index_of(&rows[0]), table.position(41601));
        let last = table.rows.last().unwrap();
        assert_eq!(table.index_of(last), Some(table.rows.len() - 1));
        let copy = rows[0].clone();
        assert_eq!(table.index_of(&copy), None);
        assert_eq!(table.index_of(&answers::sdk_code_unprinted()[0]), None);
        let v3 = v3::V3Table::builtin();
        assert_eq!(v3.index_of(&rows[0]), None);
        let internal = &v3.lookup("InternalError")[0];
        assert!(v3.index_of(internal).is_some());
    }

    #[test]
    fn builtin_table_has_every_row_and_both_meanings_of_51603() {
        let table = Table::builtin();
        assert_eq!(table.rows().len(), 74);
        let both: Vec<&str> = table
            .lookup(51603)
            .iter()
            .map(|r| r.message.as_str())
            .collect();
        assert_eq!(both, ["网关信令操作失败", "消息队列发送失败"]);
        assert!(table.lookup(41699).is_empty());
        assert_eq!(table.lookup(u64::MAX).len(), 0);
    }

    #[test]
    fn builtin_where_is_the_builtin_table_filtered() {
        assert_eq!(
            Table::builtin_where(|_| true).rows(),
            Table::builtin().rows()
        );
        let some = Table::builtin_where(|c| c == 51603 || c == 200);
        assert_eq!(
            some.rows().iter().map(|r| r.code).collect::<Vec<_>>(),
            [200, 51603, 51603]
        );
        assert!(Table::builtin_where(|_| false).rows().is_empty());
    }

    #[test]
    fn position_and_lookup_agree_with_a_scan() {
        let mut table = Table::builtin();
        table.merge(
            parse_rows(
                r#"[{"code": 4000000000, "http_status": 500, "message": "big"}]"#,
                "t",
            )
            .unwrap(),
        );
        for code in [
            0,
            1,
            200,
            41601,
            51603,
            52514,
            65535,
            65536,
            4_000_000_000,
            u64::MAX,
        ] {
            let first = table.rows().iter().position(|r| u64::from(r.code) == code);
            assert_eq!(table.position(code), first, "{code}");
            let all = table
                .rows()
                .iter()
                .filter(|r| u64::from(r.code) == code)
                .count();
            assert_eq!(table.lookup(code).len(), all, "{code}");
        }
    }

    #[test]
    fn nearest_suggests_only_codes_a_typo_away() {
        let table = Table::builtin();
        // A swap, a digit changed, added or dropped.
        assert_eq!(table.nearest("41061"), [41601]);
        assert_eq!(table.nearest("41635"), [41632, 41633, 41634]);
        assert_eq!(table.nearest("41699"), [41609, 41619, 41629]);
        assert_eq!(table.nearest("416011"), [41601, 41611]);
        assert_eq!(table.nearest("4160"), [41601, 41602, 41603]);
        assert_eq!(table.nearest("60000"), [50000]);
        // Numerically close is not a typo.
        for far in ["99999", "77777", "12345", "41", "4999999", "0", ""] {
            assert!(
                table.nearest(far).is_empty(),
                "{far}: {:?}",
                table.nearest(far)
            );
        }
        assert!(table.nearest(&"4".repeat(100_000)).is_empty());
    }

    #[test]
    fn merge_replaces_every_row_of_a_code_and_adds_new_ones() {
        let mut table = Table::builtin();
        let rows = parse_rows(
            r#"[{"code": 51603, "http_status": 200, "message": "单一含义"},
                {"code": 60001, "http_status": 500, "message": "自定义"}]"#,
            "mine.json",
        )
        .unwrap();
        table.merge(rows);
        assert_eq!(table.rows().len(), 74);
        assert_eq!(table.lookup(51603).len(), 1);
        assert_eq!(&*table.lookup(51603)[0].source, "mine.json");
        assert_eq!(table.lookup(60001)[0].message, "自定义");
    }

    #[test]
    fn broken_rows_name_the_line_and_column() {
        let err = parse_rows("[\n{\"code\": 1, \"http_status\": 200}\n]", "t.json").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.json: row at line 2 column 1: missing field `message`"),
            "{err}"
        );
        assert!(err.to_string().contains("message"), "{err}");
        let err = parse_rows(
            "[{\"code\": -5, \"http_status\": 200, \"message\": \"x\"}]",
            "t.json",
        )
        .unwrap_err();
        assert!(err.to_string().contains("code -5"), "{err}");
        let err = parse_rows(
            "[{\"code\": 5, \"http_status\": 200, \"message\": \"x\",",
            "t.json",
        )
        .unwrap_err();
        assert!(err.to_string().contains("line 1 column"), "{err}");
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("41601", "41061"), 1);
        assert_eq!(edit_distance("expird", "expired"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
