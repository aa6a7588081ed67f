//! The record layout, for terminals too narrow for a table: one field a line, as `psql \x`
//! writes, each value wrapped to the width. Styles are applied to the wrapped lines, so a
//! colour sequence is never cut in two.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::output::wrap::wrap;
use crate::settings::Palette;
use crate::table::Retry;

/// How the lines of a value are styled once wrapped.
#[derive(Debug, Clone, Copy)]
pub enum Paint<'a> {
    /// As it is.
    Plain,
    /// A code.
    Code,
    /// Something good: success.
    Good,
    /// An error.
    Bad,
    /// Secondary text.
    Dim,
    /// An HTTP status, coloured by class.
    Http(u16),
    /// A retry class.
    Retry(Option<Retry>),
    /// Search terms highlighted.
    Highlight(&'a [String]),
}

/// One field of a record: a label and its value, in parts that each start a line. Every text
/// is escaped already.
#[derive(Debug)]
pub struct RecordField<'a> {
    /// What the value is (`Code`, `HTTP`…), in the chosen language.
    pub label: &'a str,
    /// The value's parts.
    pub parts: Vec<(String, Paint<'a>)>,
}

/// The narrowest a value's column gets, whatever the width: below that nothing reads well.
/// At the narrowest width (20) beside a nine-column label, a value still gets nine, so the
/// lines fit.
const MIN_VALUE_WIDTH: usize = 8;

/// Writes `records` one field a line, fitted to `width` columns.
pub fn write_records(
    out: &mut impl Write,
    records: &[Vec<RecordField>],
    width: u16,
    p: Palette,
) -> io::Result<()> {
    write_records_from(out, 1, records, width, p)
}

/// [`write_records`] numbering the records from `first`: for records written as they are read.
pub fn write_records_from(
    out: &mut impl Write,
    first: usize,
    records: &[Vec<RecordField>],
    width: u16,
    p: Palette,
) -> io::Result<()> {
    let width = usize::from(width);
    let label_width = records
        .iter()
        .flatten()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0);
    let value_width = width.saturating_sub(label_width + 2).max(MIN_VALUE_WIDTH);
    for (i, record) in records.iter().enumerate() {
        let head = format!("─[ {} ]", first + i);
        let rule = "─".repeat(width.saturating_sub(head.width()).min(200));
        writeln!(out, "{}", p.dim(&format!("{head}{rule}")))?;
        for field in record {
            let pad = " ".repeat(label_width - field.label.width() + 2);
            let mut label = Some(format!("{}{pad}", p.label(field.label)));
            for (text, paint) in &field.parts {
                for line in wrap(text, value_width) {
                    let lead = label.take().unwrap_or_else(|| " ".repeat(label_width + 2));
                    writeln!(out, "{lead}{}", paint_line(p, &line, *paint))?;
                }
            }
        }
    }
    Ok(())
}

fn paint_line(p: Palette, line: &str, paint: Paint) -> String {
    match paint {
        Paint::Plain => line.to_string(),
        Paint::Code => p.code(line),
        Paint::Good => p.good(line),
        Paint::Bad => p.bad(line),
        Paint::Dim => p.dim(line),
        Paint::Http(status) if line == status.to_string() => p.http(status),
        // The class's word in either language, or a line of it where it wraps.
        Paint::Retry(retry) => p.retry_word(retry, line),
        Paint::Highlight(terms) => p.highlight(line, terms),
        Paint::Http(_) => line.to_string(),
    }
}
