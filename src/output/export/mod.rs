//! `errcode export`: one entry per code (`table::entries`) as a table for another tool to load
//! and join on: csv and tsv (`text.rs`), NDJSON and an Elasticsearch bulk body (`json.rs`),
//! and a SQL script for SQLite, DuckDB or ClickHouse (`sql.rs`).

use std::borrow::Cow;
use std::io::{self, Write};

use crate::lang::Lang;
use crate::table::entries::CodeEntry;

mod json;
mod sql;
mod text;

/// The columns, in their order in every format (the keys of each JSON object too).
pub const COLUMNS: [&str; 11] = [
    "api",
    "code",
    "http_status",
    "message",
    "message_en",
    "category",
    "retry",
    "hint",
    "twins",
    "see_also",
    "source",
];

/// How `export` writes the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated, quoted where needed, with a header line.
    Csv,
    /// Tab-separated, escaped as plain output is, with a header line.
    Tsv,
    /// One JSON object a line.
    Ndjson,
    /// Elasticsearch's bulk body: an action line before each object.
    Bulk,
    /// A SQL script that creates the table and inserts every entry.
    Sql(Dialect),
}

/// The SQL of `--format sql`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite (the `sqlite3` shell, any SQLite library).
    Sqlite,
    /// DuckDB.
    Duckdb,
    /// ClickHouse, with a dictionary beside the table.
    Clickhouse,
}

/// Writes `entries` in `format`, with hints in `lang`.
pub fn write(
    out: &mut impl Write,
    entries: &[CodeEntry],
    format: ExportFormat,
    lang: Lang,
) -> io::Result<()> {
    match format {
        ExportFormat::Csv => text::write(out, entries, lang, text::Separated::Csv),
        ExportFormat::Tsv => text::write(out, entries, lang, text::Separated::Tsv),
        ExportFormat::Ndjson => json::write(out, entries, lang, false),
        ExportFormat::Bulk => json::write(out, entries, lang, true),
        ExportFormat::Sql(dialect) => sql::write(out, entries, lang, dialect),
    }
}

/// One value of a column, before a format writes it.
enum ColumnValue<'a> {
    Null,
    Number(u16),
    Text(Cow<'a, str>),
}

/// The hint of `entry` in `lang`.
fn hint(entry: &CodeEntry, lang: Lang) -> Option<&str> {
    match lang {
        Lang::En => entry.hint_en.as_deref(),
        Lang::Zh => entry.hint_zh.as_deref(),
    }
}

/// The values of `entry`, in the order of [`COLUMNS`], for the formats of one text a column:
/// twins and see-also joined by a space.
fn values(entry: &CodeEntry, lang: Lang) -> [ColumnValue<'_>; COLUMNS.len()] {
    fn text(s: &str) -> ColumnValue<'_> {
        ColumnValue::Text(Cow::Borrowed(s))
    }
    fn optional(s: Option<&str>) -> ColumnValue<'_> {
        s.map_or(ColumnValue::Null, text)
    }
    [
        text(entry.generation.as_str()),
        text(&entry.code),
        entry
            .http_status
            .map_or(ColumnValue::Null, ColumnValue::Number),
        text(&entry.message),
        optional(entry.message_en.as_deref()),
        optional(entry.category.as_deref()),
        optional(entry.retry.as_deref()),
        optional(hint(entry, lang)),
        ColumnValue::Text(Cow::Owned(entry.twins.join(" "))),
        ColumnValue::Text(Cow::Owned(entry.see_also.join(" "))),
        text(&entry.source),
    ]
}
