//! csv and tsv, each with a header line of the column names. csv quotes a value that holds a
//! comma, a quote or a line break (RFC 4180, through the `csv` crate); tsv never quotes and
//! escapes instead, as plain output does: a backslash is `\\`, a tab or line break `\t`, `\n`
//! or `\r`. In both, an absent value is an empty field, and a character a terminal would act
//! on or hide (ESC, NUL, a direction override) is written as a `\u001b`-style escape.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{values, ColumnValue, COLUMNS};
use crate::lang::Lang;
use crate::table::entries::CodeEntry;
use crate::text::{escape, unsafe_char};

/// Which of the two.
#[derive(Debug, Clone, Copy)]
pub(super) enum Separated {
    Csv,
    Tsv,
}

pub(super) fn write(
    out: &mut impl Write,
    entries: &[CodeEntry],
    lang: Lang,
    separated: Separated,
) -> io::Result<()> {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    if let Separated::Tsv = separated {
        // Every tab and line break is escaped already: nothing is left to quote.
        builder.delimiter(b'\t').quote_style(csv::QuoteStyle::Never);
    }
    // Written into memory, then out at once: errors of `out` keep their kind (a closed pipe
    // stays one), which the csv crate's own error would wrap.
    let mut writer = builder.from_writer(Vec::new());
    writer.write_record(COLUMNS).map_err(io::Error::other)?;
    let mut itoa = itoa::Buffer::new();
    for entry in entries {
        let fields = values(entry, lang).map(|value| match value {
            ColumnValue::Null => Cow::Borrowed(""),
            ColumnValue::Number(n) => Cow::Owned(itoa.format(n).to_string()),
            ColumnValue::Text(text) => match separated {
                Separated::Csv => csv_field(text),
                Separated::Tsv => Cow::Owned(crate::output::envelope::plain::field(&text)),
            },
        });
        writer
            .write_record(fields.iter().map(|f| f.as_bytes()))
            .map_err(io::Error::other)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

/// `text` for a csv field: tabs and line feeds kept (the field is quoted), any other
/// character [`escape`] escapes written as its escape.
fn csv_field(text: Cow<'_, str>) -> Cow<'_, str> {
    let kept = |c: char| c == '\n' || c == '\t';
    if !text.chars().any(|c| unsafe_char(c) && !kept(c)) {
        return text;
    }
    let mut field = String::with_capacity(text.len() + 8);
    let mut one = [0u8; 4];
    for c in text.chars() {
        match kept(c) {
            true => field.push(c),
            false => field.push_str(&escape(c.encode_utf8(&mut one))),
        }
    }
    Cow::Owned(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_line_breaks_and_tabs_and_escapes_what_a_terminal_acts_on() {
        assert_eq!(csv_field(Cow::Borrowed("a\"b,c")), "a\"b,c");
        assert_eq!(csv_field(Cow::Borrowed("a\nb\tc")), "a\nb\tc");
        assert_eq!(
            csv_field(Cow::Borrowed("a\u{1b}[31mb\r\0\u{202e}")),
            "a\\u001b[31mb\\r\\u0000\\u202e"
        );
        assert!(matches!(csv_field(Cow::Borrowed("中文")), Cow::Borrowed(_)));
    }
}
