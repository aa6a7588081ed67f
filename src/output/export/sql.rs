//! A SQL script that makes the table `errcode_codes` and fills it, in the dialect asked for.
//! Loading it again leaves one row per code: SQLite drops the table first and DuckDB replaces
//! it, each inside one transaction; ClickHouse drops the dictionary and the table first, and
//! makes the dictionary `errcode` over the table after the rows are in, so that
//! `dictGet('errcode', 'hint', code)` works in a query.
//!
//! Every text is a literal of its dialect, written here: SQLite and DuckDB double a quote and
//! take a backslash as it is; ClickHouse escapes both with a backslash. A character a terminal
//! would act on or hide (a line break, ESC, NUL, a direction override) is never written as it
//! is: SQLite and DuckDB make it with `char(N)` and `chr(N)`, ClickHouse with `\xHH` escapes of
//! its UTF-8 bytes, so that each row is one line of the script and the text reads back exactly.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{values, ColumnValue, Dialect, COLUMNS};
use crate::lang::Lang;
use crate::table::entries::CodeEntry;
use crate::text::unsafe_char;

/// The table's name in every dialect.
const TABLE: &str = "errcode_codes";

/// ClickHouse's dictionary over the table.
const DICTIONARY: &str = "errcode";

/// The most rows one INSERT holds: a table of many user rows is still loaded in statements of
/// a reasonable size (and in ClickHouse, in few parts).
const ROWS_PER_INSERT: usize = 500;

/// Each column's type in SQLite, DuckDB and ClickHouse, in the order of `COLUMNS`.
const TYPES: [[&str; 3]; COLUMNS.len()] = [
    [
        "TEXT NOT NULL",
        "VARCHAR NOT NULL",
        "LowCardinality(String)",
    ],
    [
        "TEXT NOT NULL PRIMARY KEY",
        "VARCHAR NOT NULL PRIMARY KEY",
        "String",
    ],
    ["INTEGER", "INTEGER", "Nullable(UInt16)"],
    ["TEXT NOT NULL", "VARCHAR NOT NULL", "String"],
    ["TEXT", "VARCHAR", "Nullable(String)"],
    ["TEXT", "VARCHAR", "Nullable(String)"],
    ["TEXT", "VARCHAR", "Nullable(String)"],
    ["TEXT", "VARCHAR", "Nullable(String)"],
    ["TEXT NOT NULL", "VARCHAR NOT NULL", "String"],
    ["TEXT NOT NULL", "VARCHAR NOT NULL", "String"],
    ["TEXT NOT NULL", "VARCHAR NOT NULL", "String"],
];

/// The script: the table made, its rows inserted, and (ClickHouse) the dictionary over it.
pub(super) fn write(
    out: &mut impl Write,
    entries: &[CodeEntry],
    lang: Lang,
    dialect: Dialect,
) -> io::Result<()> {
    write_create(out, dialect)?;
    write_inserts(out, entries, lang, dialect)?;
    match dialect {
        Dialect::Sqlite | Dialect::Duckdb => writeln!(out, "COMMIT;"),
        Dialect::Clickhouse => write_dictionary(out),
    }
}

/// The table made anew (SQLite and DuckDB: in a transaction begun here).
fn write_create(out: &mut impl Write, dialect: Dialect) -> io::Result<()> {
    let column = match dialect {
        Dialect::Sqlite => 0,
        Dialect::Duckdb => 1,
        Dialect::Clickhouse => 2,
    };
    let definitions: Vec<String> = COLUMNS
        .iter()
        .zip(TYPES)
        .map(|(name, types)| format!("  {name} {}", types[column]))
        .collect();
    let definitions = definitions.join(",\n");
    match dialect {
        Dialect::Sqlite => write!(
            out,
            "BEGIN;\nDROP TABLE IF EXISTS {TABLE};\nCREATE TABLE {TABLE} (\n{definitions}\n);\n"
        ),
        Dialect::Duckdb => write!(
            out,
            "BEGIN TRANSACTION;\nCREATE OR REPLACE TABLE {TABLE} (\n{definitions}\n);\n"
        ),
        Dialect::Clickhouse => write!(
            out,
            "DROP DICTIONARY IF EXISTS {DICTIONARY};\nDROP TABLE IF EXISTS {TABLE};\n\
             CREATE TABLE {TABLE} (\n{definitions}\n)\nENGINE = MergeTree\nORDER BY code;\n"
        ),
    }
}

/// The rows, [`ROWS_PER_INSERT`] an INSERT, one a line.
fn write_inserts(
    out: &mut impl Write,
    entries: &[CodeEntry],
    lang: Lang,
    dialect: Dialect,
) -> io::Result<()> {
    let names = COLUMNS.join(", ");
    for batch in entries.chunks(ROWS_PER_INSERT) {
        writeln!(out, "INSERT INTO {TABLE} ({names}) VALUES")?;
        for (i, entry) in batch.iter().enumerate() {
            let row: Vec<String> = values(entry, lang)
                .iter()
                .map(|value| match value {
                    ColumnValue::Null => "NULL".to_string(),
                    ColumnValue::Number(n) => n.to_string(),
                    ColumnValue::Text(text) => literal(dialect, text),
                })
                .collect();
            let end = if i + 1 == batch.len() { ";" } else { "," };
            writeln!(out, "({}){end}", row.join(", "))?;
        }
    }
    Ok(())
}

/// ClickHouse's dictionary over the table, for `dictGet`.
fn write_dictionary(out: &mut impl Write) -> io::Result<()> {
    // A dictionary's attributes cannot be LowCardinality: `api` is a String there.
    let attributes: Vec<String> = COLUMNS
        .iter()
        .zip(TYPES)
        .map(|(name, types)| {
            let kind = types[2].replace("LowCardinality(String)", "String");
            format!("  {name} {kind}")
        })
        .collect();
    write!(
        out,
        "CREATE DICTIONARY {DICTIONARY} (\n{}\n)\nPRIMARY KEY code\n\
         SOURCE(CLICKHOUSE(TABLE '{TABLE}'))\nLAYOUT(COMPLEX_KEY_HASHED())\nLIFETIME(0);\n",
        attributes.join(",\n")
    )
}

/// `text` as a string literal of `dialect` (SQLite and DuckDB: an expression of literals and
/// `char`/`chr` calls), which reads back as exactly `text`.
pub(super) fn literal(dialect: Dialect, text: &str) -> String {
    match dialect {
        Dialect::Clickhouse => {
            let mut literal = String::with_capacity(text.len() + 2);
            literal.push('\'');
            for c in text.chars() {
                match c {
                    '\\' => literal.push_str("\\\\"),
                    '\'' => literal.push_str("\\'"),
                    c if unsafe_char(c) => {
                        for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                            let _ = write!(literal, "\\x{byte:02X}");
                        }
                    }
                    c => literal.push(c),
                }
            }
            literal.push('\'');
            literal
        }
        Dialect::Sqlite | Dialect::Duckdb => {
            let function = match dialect {
                Dialect::Sqlite => "char",
                _ => "chr",
            };
            let quoted = |run: &str| format!("'{}'", run.replace('\'', "''"));
            let mut parts: Vec<String> = Vec::new();
            let mut run = String::new();
            for c in text.chars() {
                if unsafe_char(c) {
                    if !run.is_empty() {
                        parts.push(quoted(&run));
                        run.clear();
                    }
                    parts.push(format!("{function}({})", u32::from(c)));
                } else {
                    run.push(c);
                }
            }
            if !run.is_empty() || parts.is_empty() {
                parts.push(quoted(&run));
            }
            parts.join(" || ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_quoted_as_each_dialect_reads_them() {
        let text = r"it's C:\logs\ 'x' \' 中文";
        assert_eq!(
            literal(Dialect::Sqlite, text),
            r"'it''s C:\logs\ ''x'' \'' 中文'"
        );
        assert_eq!(
            literal(Dialect::Duckdb, text),
            literal(Dialect::Sqlite, text)
        );
        assert_eq!(
            literal(Dialect::Clickhouse, text),
            r"'it\'s C:\\logs\\ \'x\' \\\' 中文'"
        );
        assert_eq!(literal(Dialect::Sqlite, ""), "''");
        assert_eq!(literal(Dialect::Clickhouse, ""), "''");
    }

    #[test]
    fn a_control_character_is_made_by_a_function_or_an_escape_never_written() {
        let text = "a\nb\0\u{1b}\u{202e}";
        assert_eq!(
            literal(Dialect::Sqlite, text),
            "'a' || char(10) || 'b' || char(0) || char(27) || char(8238)"
        );
        assert_eq!(
            literal(Dialect::Duckdb, "\n"),
            "chr(10)",
            "a text of one such character is the call alone"
        );
        assert_eq!(
            literal(Dialect::Clickhouse, text),
            r"'a\x0Ab\x00\x1B\xE2\x80\xAE'"
        );
        for dialect in [Dialect::Sqlite, Dialect::Duckdb, Dialect::Clickhouse] {
            let l = literal(dialect, text);
            assert!(!l.chars().any(unsafe_char), "{dialect:?}: {l:?}");
        }
    }
}
