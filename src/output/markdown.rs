//! Markdown tables, to paste into an incident document: cells on one line, `|` escaped,
//! control characters written as escapes.

use std::io::{self, Write};

use crate::text::escape;

/// A cell: one line, with `|` and `\` escaped so that neither ends it.
pub fn cell(text: &str) -> String {
    escape(text)
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// A table: the header, the alignment row (`right`: which columns are numbers), the rows.
/// Cells are escaped here.
pub fn table(
    out: &mut impl Write,
    header: &[&str],
    right: &[bool],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> io::Result<()> {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    writeln!(out, "{}", line(header.iter().map(|h| cell(h)).collect()))?;
    let align = (0..header.len())
        .map(|i| match right.get(i) {
            Some(true) => "---:".to_string(),
            _ => "---".to_string(),
        })
        .collect();
    writeln!(out, "{}", line(align))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(|c| cell(c)).collect()))?;
    }
    Ok(())
}

/// Lines of our own text (totals, shares) as a list under a table.
pub fn list(out: &mut impl Write, text: &[u8]) -> io::Result<()> {
    let text = String::from_utf8_lossy(text);
    if text.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for line in text.lines() {
        writeln!(out, "- {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_cannot_end_itself_or_its_row() {
        assert_eq!(cell("a|b\\|c"), "a\\|b\\\\\\|c");
        // Escapes stay as text: their backslash is doubled.
        assert_eq!(cell("x\ny\u{1b}"), "x\\\\ny\\\\u001b");
        let mut out = Vec::new();
        table(
            &mut out,
            &["Code", "Count"],
            &[false, true],
            [vec!["a|b".into(), "3".into()]],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| Code | Count |\n| --- | ---: |\n| a\\|b | 3 |\n"
        );
    }
}
